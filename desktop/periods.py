"""Periods and quotas in the main window: "Periods and quotas…" in the Proposals menu.

``install(window)`` adds the action; it opens :class:`widgets.periods_dialog.PeriodsDialog`
over the window's background operations, so creating or closing a period and setting a
quota are broadcast (``Changes(register=True)``) and the verification queue refreshes.
The dialog reads again whenever the window broadcasts a change to the register.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction

from desktop import auth
from desktop.ops import NO_CHANGES, Changes, Job
from widgets.periods_dialog import PeriodsDialog

# Periods and quotas decide what the queue may create and approve.
PERIOD_CHANGES = Changes(register=True)


class PeriodsController(QObject):
    """The "Periods and quotas…" action of one main window and the dialog it opens."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("periodsController")
        self.window = window
        self.dialog: PeriodsDialog | None = None
        self.action = QAction(window)
        self.action.setObjectName("periodsAction")
        self.action.triggered.connect(self.open_dialog)
        # Everyone who may see quotas may look; the dialog disables what they may not change.
        auth.requires(self.action, "quota.view")
        menu = window.menus["proposals"]
        menu.addSeparator()
        menu.addAction(self.action)
        menu.menuAction().setEnabled(True)
        self.action.setVisible(window.actor.can("quota.view"))
        window.changed.connect(self._on_changed)
        window.installEventFilter(self)
        self.translateUI()

    def runner(self, work: Callable[[Job], Any], *, success: Callable[[Any], None],
               failure: Callable[[Exception], None] | None = None,
               writes: bool = False) -> Any:
        op = self.window.operation(work, changes=PERIOD_CHANGES if writes else NO_CHANGES)
        op.success(success)
        if failure is not None:
            op.failure(failure)
        return op.run()

    def open_dialog(self) -> PeriodsDialog:
        """Show the dialog (raising the one already open)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = PeriodsDialog(self.window.database, self.window.actor, self.runner,
                               parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.show()
        return dialog

    def _forget(self) -> None:
        self.dialog = None

    def _on_changed(self, changes: Changes) -> None:
        if changes.register and self.dialog is not None and self.dialog.isVisible():
            self.dialog.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        return False

    def translateUI(self) -> None:
        self.action.setText(self.tr("Periods and quotas…"))
        self.action.setToolTip(self.tr("Open and close proposal periods and split their quotas"))


def install(window: Any) -> PeriodsController:
    """Add "Periods and quotas…" to ``window`` (a :class:`desktop.mainwindow.MainWindow`)."""
    controller = PeriodsController(window)
    window.periods = controller
    return controller
