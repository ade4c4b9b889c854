"""Sign-in and permissions in the window.

Two entry points:

* :func:`sign_in_at_start` runs before the main window exists. On a database without
  users it offers to create the administrator, or the demo mode; otherwise it asks for a
  user name and password; after an administrator's reset it makes the person choose a
  new password. It returns the :class:`~db.actor.Actor` to build the window for, or None
  when the person gave up (the application then ends).
* :func:`install` wires the rest into the main window: the red demo-mode banner, the menu
  actions (change password, users, audit log, backup), and hiding what the actor's roles
  may not do.

Hiding follows one rule: any QAction or QWidget in the window carrying the dynamic
property ``tepatPermission`` (set with :func:`requires`) is shown only when
:func:`db.permissions.allowed` says the actor may do that action. The services refuse
anyway; hiding only spares people buttons that cannot work for them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db import auth, privacy, users
from db import backup as db_backup
from db.actor import Actor, load_actor
from db.engine import Database
from db.errors import TepatError
from db.regions import RegionRow, kota_serang_codes, level_of, list_regions, parent_of
from desktop import dialogs
from desktop.ops import Job, Operation
from widgets.audit_viewer import PAGE_SIZE, AuditViewer
from widgets.change_password import ChangePasswordDialog
from widgets.login_dialog import AnswerableDialog, FirstAdminDialog, LoginDialog
from widgets.user_admin import UserAdminWidget, UserEditDialog, UserForm

T = TypeVar("T")
translate = QCoreApplication.translate

PERMISSION_PROPERTY = "tepatPermission"
# Actions other parts create without the property, by object name (until they mark them
# with requires() themselves).
KNOWN_ACTIONS = {
    "importBoundariesAction": "regions.manage",
    "importBoundaryFileAction": "regions.manage",
    "loadDemoAction": "demo.generate",
    "spatialCheckAction": "register.view",
    "exportMapAction": "register.view",
}
# The same for the views (tabs) of the main window.
KNOWN_WIDGETS = {
    "registerView": "register.view",
    "mapView": "register.view",
    "queueWidget": "proposal.view",
}
DEMO_STYLE = ("QFrame#demoBannerFrame { background: #b3261e; }"
              " QLabel#demoBannerLabel { color: white; font-weight: bold; }")


def requires(target: QAction | QWidget, permission: str) -> QAction | QWidget:
    """Mark ``target`` as needing ``permission`` (a :data:`db.permissions.ACTIONS` code)."""
    target.setProperty(PERMISSION_PROPERTY, permission)
    return target


def permission_of(target: QObject) -> str | None:
    value = target.property(PERMISSION_PROPERTY)
    if isinstance(value, str) and value:
        return value
    known = KNOWN_ACTIONS if isinstance(target, QAction) else KNOWN_WIDGETS
    return known.get(target.objectName())


def apply_permissions(root: QWidget, actor: Actor) -> None:
    """Hide every marked action and widget under ``root`` that ``actor`` may not use, and
    menus left with nothing visible."""
    for action in root.findChildren(QAction):
        permission = permission_of(action)
        if permission:
            action.setVisible(actor.can(permission))
    for widget in root.findChildren(QWidget):
        permission = permission_of(widget)
        if not permission:
            continue
        allowed = actor.can(permission)
        tabs = _tab_widget_of(widget)
        if tabs is not None:
            tabs.setTabVisible(tabs.indexOf(widget), allowed)
        elif isinstance(widget, QDockWidget):
            widget.setVisible(allowed and widget.isVisible())
            widget.toggleViewAction().setVisible(allowed)
        else:
            widget.setVisible(allowed)
    for menu in root.findChildren(QMenu):
        entries = [a for a in menu.actions() if not a.isSeparator()]
        if entries and not any(a.isVisible() for a in entries):
            menu.menuAction().setVisible(False)


def _tab_widget_of(widget: QWidget) -> QTabWidget | None:
    stack = widget.parentWidget()
    tabs = stack.parentWidget() if stack is not None else None
    if isinstance(tabs, QTabWidget) and tabs.indexOf(widget) >= 0:
        return tabs
    return None


def _run(work: Callable[[Job], T], parent: QWidget | None, *,
         done: Callable[[T], None], failed: Callable[[TepatError], None] | None = None,
         busy: str | None = None) -> None:
    """Run ``work`` in the background; ``failed`` gets refusals (TepatError) to show in place.

    Anything else is a bug and goes to the standard error box.
    """
    op: Operation[T] = Operation(work, parent=parent)
    op.success(done)
    if failed is not None:
        def on_error(error: Exception) -> None:
            if isinstance(error, TepatError):
                failed(error)
            else:
                dialogs.show_error(parent, error)
        op.failure(on_error)
    if busy:
        op.with_progress_dialog(busy, cancellable=False)
    op.run()


def _answer(dialog: AnswerableDialog) -> Callable[[TepatError], None]:
    return lambda error: dialog.fail(error.message, error.hint)


# --------------------------------------------------------------------------- sign-in at start


class SignInFlow(QObject):
    """The dialogs before the main window; :attr:`finished` carries the Actor or None."""

    finished = Signal(object)

    def __init__(self, database: Database, *, parent: QWidget | None = None,
                 username: str = "") -> None:
        super().__init__(parent)
        self.database = database
        self.parent_widget = parent
        self.username = username
        self.actor: Actor | None = None
        self.dialog: AnswerableDialog | None = None
        self.done = False

    def start(self) -> AnswerableDialog:
        """Open the first dialog (not modal-blocking) and return it."""
        with self.database.read() as session:
            empty = auth.needs_first_admin(session)
        where = self.database.info().describe()
        if empty:
            first = FirstAdminDialog(self.parent_widget, where=where)
            first.createRequested.connect(self._create_admin)
            first.demoRequested.connect(self._demo)
            self._show(first)
        else:
            login = LoginDialog(self.parent_widget, username=self.username, where=where)
            login.signInRequested.connect(self._sign_in)
            self._show(login)
        assert self.dialog is not None
        return self.dialog

    def run(self) -> Actor | None:
        """Show the dialogs and wait until the person is in (or gave up)."""
        self.start()
        if not self.done:
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            loop.exec()
        return self.actor

    def _show(self, dialog: AnswerableDialog) -> None:
        self.dialog = dialog
        dialog.rejected.connect(lambda: self._finish(None))
        dialog.open()

    def _sign_in(self, username: str, password: str) -> None:
        database = self.database
        _run(lambda _job: auth.sign_in(database, username, password), self.dialog,
             done=lambda actor: self._signed_in(actor, password), failed=_answer(self.dialog))

    def _create_admin(self, username: str, full_name: str, password: str) -> None:
        database = self.database

        def work(_job: Job) -> Actor:
            with database.write() as session:
                auth.create_first_admin(session, username, password, full_name=full_name)
            return auth.sign_in(database, username, password)

        _run(work, self.dialog, done=lambda actor: self._signed_in(actor, password),
             failed=_answer(self.dialog))

    def _demo(self) -> None:
        database = self.database
        _run(lambda _job: auth.sign_in_demo(database), self.dialog,
             done=lambda actor: self._signed_in(actor, ""), failed=_answer(self.dialog))

    def _signed_in(self, actor: Actor, password: str) -> None:
        assert self.dialog is not None
        finished_dialog = self.dialog
        if not actor.must_change_password:
            finished_dialog.succeed()
            self._finish(actor)
            return
        # An administrator reset the password: a new one before any work.
        finished_dialog.rejected.disconnect()
        finished_dialog.succeed()
        change = ChangePasswordDialog(self.parent_widget, username=actor.username, forced=True)
        change.current.setText(password)
        change.changeRequested.connect(lambda old, new: self._change(actor, old, new))
        self._show(change)
        change.new.setFocus()

    def _change(self, actor: Actor, old: str, new: str) -> None:
        database = self.database

        def work(_job: Job) -> Actor:
            with database.write() as session:
                auth.change_password(session, actor, old, new)
                return load_actor(session, actor.username)

        _run(work, self.dialog, done=self._changed, failed=_answer(self.dialog))

    def _changed(self, actor: Actor) -> None:
        assert self.dialog is not None
        self.dialog.succeed()
        self._finish(actor)

    def _finish(self, actor: Actor | None) -> None:
        if self.done:
            return
        self.done = True
        self.actor = actor
        self.finished.emit(actor)


def sign_in_at_start(database: Database, *, parent: QWidget | None = None,
                     username: str = "") -> Actor | None:
    """Who works in this session: signed in, the new first administrator, or the demo
    administrator on a database without users. None when the person cancelled."""
    return SignInFlow(database, parent=parent, username=username).run()


# --------------------------------------------------------------------------- in the window


class UserAdminDialog(QDialog):
    """Alat → Pengguna: the user administration over the window's database."""

    def __init__(self, features: AuthFeatures) -> None:
        super().__init__(features.window)
        self.setObjectName("userAdminDialog")
        self.features = features
        self.widget = UserAdminWidget(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.widget)
        layout.addWidget(self.buttons)
        self.resize(860, 480)
        self.widget.refreshRequested.connect(self.reload)
        self.widget.saveRequested.connect(self._save)
        self.widget.activeChangeRequested.connect(self._set_active)
        self.widget.resetRequested.connect(self._reset)
        self.setWindowTitle(translate("Auth", "Users"))
        self.reload(with_regions=True)

    @property
    def database(self) -> Database:
        return self.features.window.database

    @property
    def actor(self) -> Actor:
        return self.features.window.actor

    def reload(self, search: str = "", *, with_regions: bool = False) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> tuple[list[users.UserRow], list[RegionRow] | None]:
            with database.read() as session:
                rows = users.list_users(session, actor, search=search)
                regions = _regions(session) if with_regions else None
            return rows, regions

        def done(result: tuple[list[users.UserRow], list[RegionRow] | None]) -> None:
            rows, regions = result
            if regions is not None:
                self.widget.set_regions(regions)
            self.widget.set_users(rows)

        _run(work, self, done=done, failed=lambda e: self.widget.show_error(str(e)))

    def _save(self, form: UserForm, dialog: UserEditDialog) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> users.UserRow:
            with database.write() as session:
                if form.password is not None:
                    return users.add_user(session, actor, form.username, form.password,
                                          roles=form.roles, scope=form.scope,
                                          full_name=form.full_name)
                return users.set_roles(session, actor, form.username, roles=form.roles,
                                       scope=form.scope, full_name=form.full_name)

        def done(_row: users.UserRow) -> None:
            dialog.succeed()
            if form.password is not None and self.actor.is_builtin:
                self.accept()
                self.features.user_added()
                return
            self.reload(self.widget.search.text())

        _run(work, dialog, done=done, failed=_answer(dialog))

    def _set_active(self, username: str, active: bool) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> users.UserRow:
            with database.write() as session:
                return users.set_active(session, actor, username, active)

        _run(work, self, done=lambda _row: self.reload(self.widget.search.text()),
             failed=lambda e: self.widget.show_error(str(e)))

    def _reset(self, username: str, password: str, dialog: AnswerableDialog) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> users.UserRow:
            with database.write() as session:
                return users.reset_password(session, actor, username, password)

        def done(_row: users.UserRow) -> None:
            dialog.succeed()
            self.reload(self.widget.search.text())

        _run(work, dialog, done=done, failed=_answer(dialog))


def _regions(session: Any) -> list[RegionRow]:
    """Kecamatan and kelurahan to choose a scope from (the bundled list before any import)."""
    rows = list_regions(session)
    if rows:
        return rows
    return [RegionRow(code, name, level_of(code), parent_of(code), False)
            for code, name in kota_serang_codes()]


class AuditDialog(QDialog):
    """Alat → Catatan audit: the audit viewer over the window's database."""

    def __init__(self, features: AuthFeatures) -> None:
        super().__init__(features.window)
        self.setObjectName("auditDialog")
        self.features = features
        self.viewer = AuditViewer(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer)
        layout.addWidget(self.buttons)
        self.resize(1100, 640)
        self.viewer.searchRequested.connect(self.search)
        self.viewer.exportRequested.connect(self.export)
        self.setWindowTitle(translate("Auth", "Audit log"))
        self._load_choices()
        self.viewer.request(0)

    def _load_choices(self) -> None:
        database, actor = self.features.window.database, self.features.window.actor

        def work(_job: Job) -> tuple[list[str], list[str], list[str]]:
            with database.read() as session:
                return privacy.audit_choices(session, actor)

        _run(work, self, done=lambda c: self.viewer.set_choices(*c),
             failed=lambda e: self.viewer.show_error(str(e)))

    def search(self, flt: privacy.AuditFilter, offset: int) -> None:
        database, actor = self.features.window.database, self.features.window.actor

        def work(_job: Job) -> privacy.AuditPage:
            with database.read() as session:
                return privacy.search_audit(session, actor, flt, limit=PAGE_SIZE, offset=offset)

        _run(work, self, done=lambda page: self.viewer.set_page(page, offset),
             failed=lambda e: self.viewer.show_error(str(e)))

    def export(self, flt: privacy.AuditFilter, path: str) -> None:
        database, actor = self.features.window.database, self.features.window.actor

        def work(_job: Job) -> privacy.ExportResult:
            with database.write() as session:
                return privacy.export_audit_csv(session, actor, flt, path)

        def done(result: privacy.ExportResult) -> None:
            dialogs.inform(self, translate("Auth", "Audit log exported"),
                           translate("Auth", "{count} entries written to {path}.").format(
                               count=result.rows, path=result.path))
            self.viewer.request(self.viewer.offset)  # the export itself is now in the log

        _run(work, self, done=done, failed=lambda e: self.viewer.show_error(str(e)),
             busy=translate("Auth", "Exporting the audit log…"))


class AuthFeatures(QObject):
    """What sign-in adds to one main window (kept as ``window.auth``)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actor: Actor = window.actor  # type: ignore[attr-defined]
        self.banner: QToolBar | None = None
        self._create_actions()
        if self.actor.is_builtin:
            self._mark_demo_mode()
        window.installEventFilter(self)
        self.translateUI()
        self.apply()

    # ------------------------------------------------------------------ building

    def _action(self, name: str, slot: Callable[[], Any], permission: str | None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        if permission:
            requires(action, permission)
        return action

    def _create_actions(self) -> None:
        menus: dict[str, QMenu] = getattr(self.window, "menus", {})
        file_menu = menus.get("file") or self.window.menuBar().addMenu("")
        tools_menu = menus.get("tools") or self.window.menuBar().addMenu("")
        self.change_password_action = self._action(
            "changePasswordAction", self.change_password, None)
        self.change_password_action.setVisible(not self.actor.is_builtin)
        # Before the separator that precedes Quit, so Quit stays last.
        anchor = next((a for a in file_menu.actions() if a.isSeparator()), None)
        file_menu.insertAction(anchor, self.change_password_action)
        # Offices share PCs: the next person signs in without restarting Tepat.
        self.sign_out_action = self._action("signOutAction", self.sign_out, None)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.sign_out_action.setVisible(not self.actor.is_builtin)
        file_menu.insertAction(anchor, self.sign_out_action)
        self.users_action = self._action("usersAction", self.open_users, "user.manage")
        self.audit_action = self._action("auditAction", self.open_audit, "audit.view")
        self.backup_action = self._action("backupAction", self.backup, "backup.create")
        self.admin_separator = tools_menu.addSeparator()
        for action in (self.users_action, self.audit_action, self.backup_action):
            tools_menu.addAction(action)

    def _mark_demo_mode(self) -> None:
        self.banner = QToolBar(self.window)
        self.banner.setObjectName("demoBanner")
        self.banner.setMovable(False)
        self.banner.setFloatable(False)
        self.banner.toggleViewAction().setVisible(False)
        frame = QFrame(self.banner)
        frame.setObjectName("demoBannerFrame")
        frame.setStyleSheet(DEMO_STYLE)
        frame.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.banner_label = QLabel(frame)
        self.banner_label.setObjectName("demoBannerLabel")
        self.banner_label.setWordWrap(True)
        self.banner_button = QPushButton(frame)
        self.banner_button.setObjectName("createAdminButton")
        self.banner_button.clicked.connect(self.create_first_admin)
        row = QHBoxLayout(frame)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.banner_button)
        self.banner.addWidget(frame)
        self.window.addToolBarBreak()
        self.window.addToolBar(self.banner)

    def apply(self) -> None:
        """Hide what the actor may not do (again: other parts may have added actions)."""
        apply_permissions(self.window, self.actor)
        self.change_password_action.setVisible(not self.actor.is_builtin)
        self.sign_out_action.setVisible(not self.actor.is_builtin)
        visible_admin = any(a.isVisible() for a in (self.users_action, self.audit_action,
                                                     self.backup_action))
        self.admin_separator.setVisible(visible_admin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show:
            self.apply()
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        return False

    def translateUI(self) -> None:
        self.change_password_action.setText(translate("Auth", "Change &password…"))
        self.sign_out_action.setText(translate("Auth", "Sign &out"))
        self.sign_out_action.setToolTip(translate(
            "Auth", "Close your session so that someone else can sign in"))
        self.users_action.setText(translate("Auth", "&Users…"))
        self.users_action.setToolTip(translate(
            "Auth", "Add users, give them roles and an area of work, disable them or reset a "
            "password"))
        self.audit_action.setText(translate("Auth", "Audit &log…"))
        self.audit_action.setToolTip(translate(
            "Auth", "Who signed in, changed, exported or printed what"))
        self.backup_action.setText(translate("Auth", "&Back up database…"))
        self.backup_action.setToolTip(translate(
            "Auth", "Write a consistent copy of the whole database"))
        if self.banner is not None:
            self.banner.setWindowTitle(translate("Auth", "Demo mode"))
            self.banner_label.setText(translate(
                "Auth", "DEMO MODE: this database has no users yet, so whoever opens Tepat acts "
                "as the administrator. Create the administrator before entering real data."))
            self.banner_button.setText(translate("Auth", "Create &administrator…"))

    # ------------------------------------------------------------------ actions

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.window, username=self.actor.username)
        database, actor = self.window.database, self.actor  # type: ignore[attr-defined]

        def change(old: str, new: str) -> None:
            def work(_job: Job) -> None:
                with database.write() as session:
                    auth.change_password(session, actor, old, new)

            def done(_none: None) -> None:
                dialog.succeed()
                dialogs.inform(self.window, translate("Auth", "Password changed"),
                               translate("Auth", "Your password has been changed."))

            _run(work, dialog, done=done, failed=_answer(dialog))

        dialog.changeRequested.connect(change)
        dialog.open()
        return dialog

    def sign_out(self) -> bool:
        """End this session: close Tepat's other windows (each may still ask about unsaved
        edits), record the sign-out and close the main window, whose runner then asks who
        signs in next. False, with nothing closed that was kept, when a window stayed."""
        window = self.window
        others = [w for w in QApplication.topLevelWidgets()
                  if w is not window and w.isVisible() and w.isWindow()]
        for other in others:
            other.close()
        if any(w.isVisible() for w in others):
            return False  # someone chose to keep an edit open
        if not self.actor.is_builtin:
            try:
                with window.database.write() as session:  # type: ignore[attr-defined]
                    auth.sign_out(session, self.actor)
            except TepatError as exc:  # the session ends anyway; say why it is not logged
                dialogs.show_error(window, exc)
        window.sign_out_requested = True  # type: ignore[attr-defined]
        window.close()
        return True

    def open_users(self) -> UserAdminDialog:
        dialog = UserAdminDialog(self)
        dialog.open()
        return dialog

    def open_audit(self) -> AuditDialog:
        dialog = AuditDialog(self)
        dialog.open()
        return dialog

    def backup(self) -> None:
        path, _kind = QFileDialog.getSaveFileName(
            self.window, translate("Auth", "Back up the database"), "tepat-cadangan",
            translate("Auth", "Backups (*.sqlite3 *.dump);;All files (*)"))
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> None:
        database, actor = self.window.database, self.actor  # type: ignore[attr-defined]

        def done(result: db_backup.BackupResult) -> None:
            dialogs.inform(self.window, translate("Auth", "Backup made"), translate(
                "Auth", "The database was copied to {path}.").format(path=result.path))

        # The file dialog has already asked before replacing an existing file.
        _run(lambda _job: db_backup.backup(database, actor, path, overwrite=True), self.window,
             done=done, failed=lambda e: dialogs.show_error(self.window, e),
             busy=translate("Auth", "Backing up the database…"))

    def create_first_admin(self) -> FirstAdminDialog:
        dialog = FirstAdminDialog(self.window, allow_demo=False)
        database = self.window.database  # type: ignore[attr-defined]

        def create(username: str, full_name: str, password: str) -> None:
            def work(_job: Job) -> Actor:
                with database.write() as session:
                    return auth.create_first_admin(session, username, password,
                                                   full_name=full_name)

            def done(_actor: Actor) -> None:
                dialog.succeed()
                self.user_added()

            _run(work, dialog, done=done, failed=_answer(dialog))

        dialog.createRequested.connect(create)
        dialog.open()
        return dialog

    def user_added(self) -> None:
        """In demo mode the first user ends it: say so and go to the sign-in."""
        if not self.actor.is_builtin:
            return
        dialogs.inform(self.window, translate("Auth", "Demo mode ends"), translate(
            "Auth", "This database has users now, so everyone signs in from here on. Sign "
            "in with the administrator you have just created."))
        self.sign_out()


def install(window: QMainWindow) -> AuthFeatures:
    """Add sign-in features to ``window`` (which has ``database`` and ``actor``)."""
    features = AuthFeatures(window)
    window.auth = features  # type: ignore[attr-defined]
    return features
