"""Sign-in, the first administrator, forced password changes, the user administration and
the audit viewer, as real widgets over a real SQLite file; and each role's main window
showing only what the role may do."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select

from db import auth, users
from db.actor import Actor, demo_admin
from db.engine import Database
from db.errors import PermissionDenied, SignInFailed
from db.models import AuditEvent
from desktop import app, i18n, ops
from desktop import auth as desktop_auth
from widgets.change_password import ChangePasswordDialog
from widgets.login_dialog import FirstAdminDialog, LoginDialog
from widgets.user_admin import UserEditDialog
from .conftest import screenshot_dir

pytestmark = pytest.mark.gui

PASSWORD = "kopi-pagi-7"
IMG = screenshot_dir()


@pytest.fixture(autouse=True)
def isolated(qapp, tmp_path: Path, monkeypatch) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Indonesian, inline operations, cheap hashing and a throw-away settings file."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "config"))
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024,
                                                       parallelism=1))
    monkeypatch.setattr(auth, "_dummy_hash", None)
    previous = ops.set_executor(ops.SynchronousExecutor())
    i18n.install("id")
    yield
    i18n.install("en")
    ops.set_executor(previous)


@pytest.fixture
def demo(sqlite_database: Database) -> Actor:
    with sqlite_database.read() as session:
        return demo_admin(session)


@pytest.fixture
def staffed(sqlite_database: Database, demo: Actor) -> dict[str, Actor]:
    """One user per role (plus an admin), signed in for real."""
    accounts = {"kepala": ["admin"], "staf": ["operator"], "lapangan": ["field_officer"],
                "peninjau": ["reviewer"], "camat": ["signatory"]}
    with sqlite_database.write() as session:
        for name, roles in accounts.items():
            users.add_user(session, demo, name, PASSWORD, roles=roles)
    return {name: auth.sign_in(sqlite_database, name, PASSWORD) for name in accounts}


class MessageCatcher:
    """Reads and closes message boxes as they appear (they run their own event loop)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._poll)
        self.timer.start(10)

    def _poll(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                self.seen.append((widget.windowTitle(), widget.text()))
                widget.accept()


@pytest.fixture
def messages() -> Iterator[MessageCatcher]:
    catcher = MessageCatcher()
    yield catcher
    catcher.timer.stop()


def _audit(database: Database, action: str) -> list:
    with database.read() as session:
        return list(session.execute(select(*AuditEvent.__table__.c)
                                    .where(AuditEvent.action == action).order_by(AuditEvent.id)))


def shot(widget: QWidget, name: str) -> None:
    """Keep a picture for docs/img (looked at by hand; not compared)."""
    IMG.mkdir(exist_ok=True)
    widget.grab().save(str(IMG / name))


# ------------------------------------------------------------------ first start


def test_first_start_creates_the_administrator(qtbot, sqlite_database: Database):
    flow = desktop_auth.SignInFlow(sqlite_database)
    dialog = flow.start()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, FirstAdminDialog) and dialog.demo_button.isVisible()
    assert dialog.windowTitle() == "Selamat datang di Tepat"
    dialog.username.setText("kepala")
    dialog.full_name.setText("Siti Aminah")
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD + "x")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "tidak sama" in dialog.error.text()
    with sqlite_database.read() as session:
        assert auth.needs_first_admin(session)  # nothing was written

    dialog.password.setText("pendek")
    dialog.confirm.setText("pendek")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Kata sandi: paling sedikit 8 karakter"
    assert dialog.create_button.isEnabled()  # can try again
    shot(dialog, "first-admin-dialog.png")

    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    with qtbot.waitSignal(flow.finished) as done:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    actor = done.args[0]
    assert actor.username == "kepala" and actor.can("user.manage") and not actor.is_builtin
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [e.username for e in _audit(sqlite_database, "sign_in")] == ["kepala"]


def test_demo_mode_from_the_first_start(qtbot, sqlite_database: Database):
    flow = desktop_auth.SignInFlow(sqlite_database)
    dialog = flow.start()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(flow.finished) as done:
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert done.args[0].is_builtin
    assert _audit(sqlite_database, "sign_in")[0].reason == "mode demo: belum ada pengguna"


def test_cancelling_the_first_start_ends_with_nobody(qtbot, sqlite_database: Database):
    flow = desktop_auth.SignInFlow(sqlite_database)
    dialog = flow.start()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(flow.finished) as done:
        dialog.reject()
    assert done.args[0] is None and flow.actor is None


# ------------------------------------------------------------------ signing in


def test_login_refusals_are_shown_in_the_dialog(qtbot, sqlite_database: Database, staffed):
    with sqlite_database.write() as session:
        users.disable_user(session, staffed["kepala"], "camat")
    flow = desktop_auth.SignInFlow(sqlite_database, username="staf")
    dialog = flow.start()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, LoginDialog)
    assert dialog.username.text() == "staf" and dialog.where.text().startswith("SQLite: ")

    def attempt(name: str, password: str) -> str:
        dialog.username.setText(name)
        dialog.password.setText(password)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        return dialog.error.text()

    assert attempt("staf", "") == "Ketik nama pengguna dan kata sandi Anda."
    wrong = attempt("staf", "salah-salah-1")
    assert wrong.startswith("Nama pengguna atau kata sandi salah.")
    assert dialog.password.text() == "" and dialog.sign_in_button.isEnabled()
    assert attempt("siapa-saja", "salah-salah-1") == wrong  # unknown user: same answer
    assert attempt("camat", PASSWORD).startswith("Akun 'camat' dinonaktifkan.")
    for _ in range(3):
        attempt("peninjau", "salah-salah-1")
    assert "dikunci sampai pukul" in attempt("peninjau", "salah-salah-1") + attempt(
        "peninjau", "salah-salah-1")
    shot(dialog, "login-dialog.png")
    assert not flow.done
    with qtbot.waitSignal(flow.finished) as done:
        attempt("staf", PASSWORD)
    assert done.args[0].username == "staf" and done.args[0].roles == {"operator"}


def test_reset_password_must_be_changed_before_work(qtbot, sqlite_database: Database, staffed):
    with sqlite_database.write() as session:
        users.reset_password(session, staffed["kepala"], "staf", "roti-bakar-9")
    flow = desktop_auth.SignInFlow(sqlite_database, username="staf")
    login = flow.start()
    qtbot.addWidget(login)
    login.password.setText("roti-bakar-9")
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    change = flow.dialog
    assert isinstance(change, ChangePasswordDialog) and change.forced and not flow.done
    qtbot.addWidget(change)
    assert "mengatur ulang kata sandi staf" in change.intro.text()
    change.new.setText("staf")
    change.confirm.setText("staf")
    qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    assert change.error.text().startswith("Kata sandi: ")
    change.new.setText("teh-sore-42")
    change.confirm.setText("teh-sore-42")
    with qtbot.waitSignal(flow.finished) as done:
        qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    assert done.args[0].username == "staf" and not done.args[0].must_change_password
    assert auth.sign_in(sqlite_database, "staf", "teh-sore-42").username == "staf"


# ------------------------------------------------------------------ each role's window


def _window(qtbot, database: Database, actor: Actor,  # type: ignore[no-untyped-def]
            tmp_path: Path):
    settings = QSettings(str(tmp_path / f"{actor.username}.ini"), QSettings.Format.IniFormat)
    window = app.build_main_window(database, actor, settings=settings)
    if not hasattr(window, "auth"):
        desktop_auth.install(window)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    return window


ADMIN_ONLY = ("usersAction", "auditAction", "backupAction", "importBoundariesAction",
              "loadDemoAction")


@pytest.mark.parametrize("name", ["kepala", "staf", "lapangan", "peninjau", "camat"])
def test_each_role_sees_only_what_it_may_do(qtbot, sqlite_database: Database, staffed,
                                            tmp_path: Path, name: str):
    actor = staffed[name]
    window = _window(qtbot, sqlite_database, actor, tmp_path)
    actions = {a.objectName(): a for a in window.findChildren(type(window.auth.users_action))}
    for object_name in ADMIN_ONLY:
        assert actions[object_name].isVisible() == (name == "kepala"), object_name
    assert actions["changePasswordAction"].isVisible()
    assert window.findChild(QWidget, "demoBanner") is None
    # The views of the window: an administrator gets no register, map or queue.
    for view, permission in desktop_auth.KNOWN_WIDGETS.items():
        widget = window.findChild(QWidget, view)
        if widget is not None:
            shown = window.tabs.isTabVisible(window.tabs.indexOf(widget))
            assert shown == actor.can(permission), view
            assert shown == (name != "kepala"), view
    # Everything marked with a permission in the whole window follows the matrix.
    for action in actions.values():
        permission = desktop_auth.permission_of(action)
        if permission:
            assert action.isVisible() == actor.can(permission), action.objectName()
    # A hidden action's service still refuses (the GUI is not the lock).
    if name != "kepala":
        with sqlite_database.read() as session, pytest.raises(PermissionDenied) as err:
            users.list_users(session, actor)
        assert "tidak berhak mengelola pengguna" in str(err.value)
    if name == "staf":
        shot(window, "window-operator.png")


def test_marked_widgets_and_tabs_follow_the_permissions(qtbot, sqlite_database: Database,
                                                        staffed, tmp_path: Path):
    window = _window(qtbot, sqlite_database, staffed["lapangan"], tmp_path)
    register_tab = QWidget()
    letters_tab = QWidget()
    window.add_tab(desktop_auth.requires(register_tab, "register.view"), lambda: "Register")
    window.add_tab(desktop_auth.requires(letters_tab, "letter.view"), lambda: "Surat")
    queue = desktop_auth.requires(window.menus["proposals"].addAction("Antrean"),
                                  "proposal.view")
    signing = window.menuBar().addMenu("Penandatanganan")
    sign = desktop_auth.requires(signing.addAction("Tanda tangani"), "letter.sign")
    withdraw = desktop_auth.requires(signing.addAction("Tarik surat"), "letter.withdraw")
    window.auth.apply()
    tabs = window.tabs
    assert tabs.isTabVisible(tabs.indexOf(register_tab))  # assigned households only
    assert not tabs.isTabVisible(tabs.indexOf(letters_tab))
    assert queue.isVisible() and not sign.isVisible() and not withdraw.isVisible()
    assert not signing.menuAction().isVisible()  # nothing left in it
    assert window.menus["proposals"].menuAction().isVisible()


def test_demo_mode_is_marked_and_ends_with_the_first_user(qtbot, sqlite_database: Database,
                                                          demo: Actor, tmp_path: Path,
                                                          messages):
    window = _window(qtbot, sqlite_database, demo, tmp_path)
    banner = window.findChild(QWidget, "demoBanner")
    assert banner is not None and banner.isVisible()
    assert window.auth.banner_label.text().startswith("MODE DEMO:")
    assert not window.auth.change_password_action.isVisible()
    assert window.auth.users_action.isVisible()  # the demo administrator has every role
    shot(window, "window-demo-mode.png")
    dialog = window.auth.create_first_admin()
    qtbot.addWidget(dialog)
    assert not dialog.demo_button.isVisible()
    dialog.username.setText("kepala")
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert messages.seen and messages.seen[0][0] == "Mode demo berakhir"
    assert window.sign_out_requested is True  # the session loop asks who signs in next
    with sqlite_database.read() as session:
        assert not auth.needs_first_admin(session)


# ------------------------------------------------------------------ user administration


def test_user_administration_dialog(qtbot, sqlite_database: Database, staffed, tmp_path: Path):
    window = _window(qtbot, sqlite_database, staffed["kepala"], tmp_path)
    dialog = window.auth.open_users()
    qtbot.addWidget(dialog)
    widget = dialog.widget
    names = [widget.table.item(r, 0).text() for r in range(widget.table.rowCount())]
    assert names == ["camat", "kepala", "lapangan", "peninjau", "staf"]
    assert widget.table.item(names.index("staf"), 2).text() == "Operator"
    assert widget.table.item(names.index("staf"), 3).text() == "Seluruh kota"

    edit: UserEditDialog = widget.add_user()
    qtbot.addWidget(edit)
    edit.username.setText("dewi")
    edit.full_name.setText("Dewi Lestari")
    edit.password.setText(PASSWORD)
    edit.confirm.setText(PASSWORD)
    edit.role_checks["field_officer"].setChecked(True)
    edit.scope.selected.setChecked(True)
    edit.scope._items["36.73.02.1002"].setCheckState(0, Qt.CheckState.Checked)
    edit.scope._items["36.73.03"].setCheckState(0, Qt.CheckState.Checked)
    shot(edit, "user-edit-dialog.png")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert edit.result() == edit.DialogCode.Accepted, edit.error.text()
    row = next(r for r in widget.rows if r.username == "dewi")
    assert row.roles == ("field_officer",)
    assert [c for c, _ in row.scope] == ["36.73.02.1002", "36.73.03"]

    # A duplicate name is refused inside the dialog, which stays open.
    again = widget.add_user()
    qtbot.addWidget(again)
    again.username.setText("dewi")
    again.password.setText(PASSWORD)
    again.confirm.setText(PASSWORD)
    again.role_checks["operator"].setChecked(True)
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert again.isVisible() and "sudah dipakai" in again.error.text()
    again.reject()

    widget.table.selectRow([r.username for r in widget.rows].index("dewi"))
    assert widget.active_button.text().replace("&", "") == "Nonaktifkan"
    qtbot.mouseClick(widget.active_button, Qt.MouseButton.LeftButton)
    dewi = next(r for r in widget.rows if r.username == "dewi")
    assert not dewi.active and widget.active_button.text().replace("&", "") == "Aktifkan"
    reset = widget.reset_selected()
    qtbot.addWidget(reset)
    reset.new.setText("roti-bakar-9")
    reset.confirm.setText("roti-bakar-9")
    qtbot.mouseClick(reset.ok_button, Qt.MouseButton.LeftButton)
    assert reset.result() == reset.DialogCode.Accepted
    shot(dialog, "user-admin.png")
    # Disabling oneself is refused with the reason shown in the window.
    widget.table.selectRow([r.username for r in widget.rows].index("kepala"))
    qtbot.mouseClick(widget.active_button, Qt.MouseButton.LeftButton)
    assert widget.error.isVisible() and "akun Anda sendiri" in widget.error.text()


# ------------------------------------------------------------------ audit viewer


def test_audit_viewer_filters_pages_and_exports(qtbot, sqlite_database: Database, staffed,
                                                tmp_path: Path, messages):
    with pytest.raises(SignInFailed):
        auth.sign_in(sqlite_database, "staf", "salah-salah-1")
    window = _window(qtbot, sqlite_database, staffed["kepala"], tmp_path)
    dialog = window.auth.open_audit()
    qtbot.addWidget(dialog)
    viewer = dialog.viewer
    total = viewer.total
    assert total == len(_audit(sqlite_database, "create")) + 5 + 1  # creates, sign-ins, 1 fail
    assert viewer.model.rowCount() == total
    assert viewer.page_label.text().startswith(f"Entri 1–{total} dari {total}")
    actions = [viewer.action.itemText(i) for i in range(viewer.action.count())]
    assert actions[0] == "(semua)" and "Gagal masuk" in actions
    viewer.action.setCurrentIndex(viewer.action.findData("sign_in_failed"))
    qtbot.mouseClick(viewer.search_button, Qt.MouseButton.LeftButton)
    assert viewer.total == 1
    assert viewer.model.data(viewer.model.index(0, 1)) == "staf"
    assert viewer.model.data(viewer.model.index(0, 2)) == "Gagal masuk"
    shot(dialog, "audit-viewer.png")

    target = tmp_path / "audit.csv"
    viewer.export_to(str(target))
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["Waktu", "Pengguna", "Tindakan"] and len(rows) == 2
    assert rows[1][1:3] == ["staf", "sign_in_failed"]
    assert messages.seen == [("Catatan audit diekspor", f"1 entri ditulis ke {target}.")]
    exported = _audit(sqlite_database, "export")
    assert [(e.username, e.entity) for e in exported] == [("kepala", "audit_log")]


def test_backup_from_the_window(qtbot, sqlite_database: Database, staffed, tmp_path: Path,
                                messages):
    window = _window(qtbot, sqlite_database, staffed["kepala"], tmp_path)
    target = tmp_path / "cadangan.sqlite3"
    window.auth.backup_to(target)
    assert target.exists() and messages.seen[0][0] == "Cadangan dibuat"
    assert _audit(sqlite_database, "backup")[0].username == "kepala"

