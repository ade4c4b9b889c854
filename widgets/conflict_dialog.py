"""Shown when a save is refused because someone else saved the same household first.

It lists what the other operator changed (field, their value, the operator's own value)
and offers three ways on: re-apply the operator's own edits on top of the newer record
(the default: nothing typed is lost), reload the newer record and drop the own edits, or
go back to the form unchanged.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.households import FieldConflict
from widgets.register import labels

REAPPLY = "reapply"
RELOAD = "reload"
CANCEL = "cancel"
BOTH_BRUSH = QBrush(QColor("#fff3cd"))


class ConflictDialog(QDialog):
    """Ask how to go on after a stale save; :attr:`choice` holds the answer."""

    def __init__(self, changes: list[FieldConflict], *, by: str | None = None,
                 at: dt.datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Household changed by someone else"))
        self.setModal(True)
        self.choice = CANCEL
        self.changes = changes

        when = ""
        if at is not None:
            local = at.astimezone() if at.tzinfo else at
            when = QLocale().toString(local, QLocale.FormatType.ShortFormat)
        if by and when:
            intro = self.tr("{user} saved this household at {time}, after you opened it.").format(
                user=by, time=when)
        elif by:
            intro = self.tr("{user} saved this household after you opened it.").format(user=by)
        else:
            intro = self.tr("Someone else saved this household after you opened it.")
        self.intro = QLabel(intro, self)
        self.intro.setObjectName("conflictIntro")
        self.intro.setWordWrap(True)
        explain = QLabel(self.tr(
            "Nothing was saved. Below is what they changed. Re-apply puts your own changes "
            "on top of theirs (where you both changed a field, yours wins; those rows are "
            "marked); you can check the result before saving again."), self)
        explain.setWordWrap(True)

        self.table = QTableWidget(len(changes), 4, self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Part"), self.tr("Field"), self.tr("Their value"), self.tr("Your value")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row, change in enumerate(changes):
            part = (self.tr("Household") if change.entity == "household"
                    else self.tr("Member: {name}").format(name=change.member_name))
            field_name = change.field
            theirs = self._value(change, change.theirs)
            yours = self._value(change, change.yours)
            if change.field == "membership":
                theirs = self.tr("joined") if change.theirs else self.tr("left this KK")
                yours = ""
            cells = (part, labels.field_label(field_name), theirs, yours)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if change.both_changed:
                    item.setBackground(BOTH_BRUSH)
                    item.setToolTip(self.tr("You changed this field too."))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        buttons = QDialogButtonBox(self)
        self.reapply_button = QPushButton(self.tr("Re-apply my changes"), self)
        self.reapply_button.setObjectName("reapplyButton")
        self.reload_button = QPushButton(self.tr("Reload theirs, drop mine"), self)
        self.reload_button.setObjectName("reloadButton")
        self.cancel_button = QPushButton(self.tr("Back to the form"), self)
        self.cancel_button.setObjectName("cancelButton")
        buttons.addButton(self.reapply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.reapply_button.setDefault(True)
        self.reapply_button.clicked.connect(lambda: self._finish(REAPPLY))
        self.reload_button.clicked.connect(lambda: self._finish(RELOAD))
        self.cancel_button.clicked.connect(lambda: self._finish(CANCEL))

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)

    @staticmethod
    def _value(change: FieldConflict, value: object) -> str:
        if change.field == "kelurahan_code":
            return str(value or "")
        return labels.value_text(change.field, value)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        if choice == CANCEL:
            self.reject()
        else:
            self.accept()

    def ask(self) -> str:
        """Show the dialog and wait; returns REAPPLY, RELOAD or CANCEL."""
        self.exec()
        return self.choice

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape:
            self._finish(CANCEL)
            return
        super().keyPressEvent(event)
