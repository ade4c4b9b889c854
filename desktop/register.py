"""The register in the main window: its tab, its actions, and the household windows.

``install(window)`` adds the Register tab (a :class:`~widgets.register.RegisterView`),
puts "Find household" (Ctrl+F) and "New household" (Ctrl+N) at the top of the Data menu,
and opens households in their own windows: the form (Enter in the register) and the
one-page profile. One window per household: asking again brings the open one forward.
Saves broadcast ``Changes(register=True)`` on the window's ``changed`` signal; the
register, the map and the queue refresh themselves from it.

Closing the main window first asks about every form with unsaved changes.
The window gains ``open_household(household_id)`` (the map's "open" uses it) and hands
the map's ``map_location_picker``, when the map is installed, to every form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from db.errors import TepatError
from desktop import dialogs
from desktop.ops import Changes
from widgets.household_form import HouseholdForm
from widgets.household_profile import HouseholdProfile
from widgets.register import DatabaseRegisterSource, RegisterView

FORM_SIZE = (1280, 720)  # fits the 1366×768 office screen with the taskbar
PROFILE_SIZE = (1100, 700)


class RegisterController(QObject):
    """The Register tab of one main window and the household windows it opens."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("registerController")
        self.window = window
        self.view = RegisterView(DatabaseRegisterSource(window.database, window.actor),
                                 window.tabs)
        self.tab_index = window.add_tab(
            self.view, lambda: QCoreApplication.translate("RegisterController", "Register"))
        self.forms: dict[int, HouseholdForm] = {}
        self.new_forms: list[HouseholdForm] = []
        self.profiles: dict[int, HouseholdProfile] = {}

        # The view's own Ctrl+F action, reachable from anywhere in the window.
        self.find_action = self.view.search_action
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.find_action.triggered.connect(self._show_register)
        window.addAction(self.find_action)
        self.new_action = QAction(window)
        self.new_action.setObjectName("newHouseholdAction")
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_household)
        can_edit = window.actor.can("register.edit")
        self.new_action.setVisible(can_edit)
        self.view.new_button.setVisible(can_edit)
        data_menu = window.menus["data"]
        first = data_menu.actions()[0] if data_menu.actions() else None
        data_menu.insertAction(first, self.find_action)
        data_menu.insertAction(first, self.new_action)
        if first is not None:
            data_menu.insertSeparator(first)

        self.view.open_requested.connect(self.open_household)
        self.view.profile_requested.connect(self.open_profile)
        self.view.new_requested.connect(self.new_household)
        window.changed.connect(self._on_changed)
        window.open_household = self.open_household
        window.installEventFilter(self)
        self.translateUI()

    # ---------------------------------------------------------------- windows

    def _show_register(self) -> None:
        self.window.tabs.setCurrentWidget(self.view)
        self.view.focus_search()

    def _as_window(self, widget: QWidget, size: tuple[int, int]) -> None:
        widget.setParent(self.window, widget.windowFlags() | Qt.WindowType.Window)
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        widget.resize(*size)
        widget.show()
        widget.raise_()
        widget.activateWindow()

    def _new_form(self, household_id: int | None) -> HouseholdForm | None:
        try:
            form = HouseholdForm(self.window.database, self.window.actor, household_id)
        except TepatError as exc:
            dialogs.show_error(self.window, exc)
            return None
        form.set_location_picker(getattr(self.window, "map_location_picker", None))
        form.saved.connect(self._saved)
        form.profile_requested.connect(self.open_profile)
        return form

    def open_household(self, household_id: int) -> HouseholdForm | None:
        """Open (or bring forward) the form of a household."""
        form = self.forms.get(household_id)
        if form is not None:
            form.show()
            form.raise_()
            form.activateWindow()
            return form
        form = self._new_form(household_id)
        if form is None:
            return None
        self.forms[household_id] = form
        form.destroyed.connect(lambda _o=None, hid=household_id: self.forms.pop(hid, None))
        self._as_window(form, FORM_SIZE)
        return form

    def new_household(self) -> HouseholdForm | None:
        """Open an empty form for a new household."""
        form = self._new_form(None)
        if form is None:
            return None
        self.new_forms.append(form)
        form.destroyed.connect(lambda _o=None, f=form: self._forget_new(f))
        self._as_window(form, FORM_SIZE)
        return form

    def _forget_new(self, form: HouseholdForm) -> None:
        if form in self.new_forms:
            self.new_forms.remove(form)

    def open_profile(self, household_id: int) -> HouseholdProfile | None:
        """Open (or bring forward) the one-page profile of a household."""
        profile = self.profiles.get(household_id)
        if profile is not None:
            profile.reload()
            profile.show()
            profile.raise_()
            return profile
        try:
            profile = HouseholdProfile(self.window.database, self.window.actor, household_id)
        except TepatError as exc:
            dialogs.show_error(self.window, exc)
            return None
        profile.edit_requested.connect(self.open_household)
        profile.changed.connect(lambda: self.window.changed.emit(Changes(register=True)))
        self.profiles[household_id] = profile
        profile.destroyed.connect(lambda _o=None, hid=household_id: self.profiles.pop(hid, None))
        self._as_window(profile, PROFILE_SIZE)
        return profile

    def _saved(self, data: Any) -> None:
        sender = self.sender()
        if isinstance(sender, HouseholdForm) and sender in self.new_forms and data.id:
            # A new household, once saved, is that household's form.
            self.new_forms.remove(sender)
            self.forms.setdefault(data.id, sender)
        self.window.changed.emit(Changes(register=True))

    def _on_changed(self, changes: Changes) -> None:
        if changes.regions or changes.settings:
            self.view.reload_options()
        if changes.register or changes.regions:
            self.view.refresh()
        if changes.register:
            for profile in list(self.profiles.values()):
                profile.reload()

    def open_windows(self) -> list[QWidget]:
        """Forms and profiles that are open now."""
        return [*self.forms.values(), *self.new_forms, *self.profiles.values()]

    # ---------------------------------------------------------------- language

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        elif event.type() == QEvent.Type.Close and not self._forms_may_close():
            event.ignore()
            return True  # the operator chose to go back to a form
        return False

    def _forms_may_close(self) -> bool:
        """Ask each form with unsaved changes before the main window takes them down."""
        for form in [*self.forms.values(), *self.new_forms]:
            if form.is_dirty():
                form.raise_()
                if not form.confirm_close():
                    return False
        return True

    def translateUI(self) -> None:
        self.new_action.setText(self.tr("New household"))


def install(window: Any) -> RegisterController:
    """Add the register to ``window`` (a :class:`desktop.mainwindow.MainWindow`)."""
    return RegisterController(window)
