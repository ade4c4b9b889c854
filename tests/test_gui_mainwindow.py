"""The main window on a real SQLite file: menus, status bar, overview numbers, demo data,
boundary import, About box, and start-up refusing a damaged database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget

from db import stats as db_stats
from db.actor import Actor, demo_admin
from db.engine import Database, sqlite_url
from db.regions import kota_serang_codes, upsert_codes
from desktop import app, ops
from desktop.about import AboutDialog
from desktop.first_start import DemoDialog
from desktop.mainwindow import OFFER_DEMO_KEY, MainWindow
from desktop.ops import Changes

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("gui_isolated")]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def actor(sqlite_database: Database) -> Actor:
    with sqlite_database.read() as session:
        return demo_admin(session)


@pytest.fixture
def window(qtbot, sqlite_database: Database, actor: Actor, settings: QSettings) -> MainWindow:
    win = app.build_main_window(sqlite_database, actor, settings=settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def generate_demo(database: Database, actor: Actor, households: int) -> None:
    demo = pytest.importorskip("db.demo", reason="db.demo (demo data generator) not available")
    demo.generate(database, actor, households, seed=7)


class ModalHandler:
    """Answers the next modal window of a type as soon as it is shown (inside its exec())."""

    def __init__(self, kind: type[QWidget], answer: Callable[[QWidget], object]) -> None:
        self.seen: list[object] = []
        self._kind = kind
        self._answer = answer
        self._timer = QTimer()
        self._timer.timeout.connect(self._poll)
        self._timer.start(10)

    def _poll(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, self._kind) and widget.isVisible():
                self._timer.stop()
                self.seen.append(self._answer(widget))
                return

    def stop(self) -> None:
        self._timer.stop()


def read_and_close(box: QWidget) -> dict[str, str]:
    assert isinstance(box, QMessageBox)
    seen = {"title": box.windowTitle(), "text": box.text(),
            "informative": box.informativeText(), "details": box.detailedText()}
    box.accept()
    return seen


# --------------------------------------------------------------------------- building


def test_builds_on_an_empty_register(window: MainWindow, sqlite_database: Database) -> None:
    assert window.snapshot is not None
    assert window.snapshot.stats.households == 0
    assert window.overview.cards["households"].value_label.text() == "0"
    assert window.overview.stack.currentWidget() is window.overview.empty_label
    assert window.region_tree.stack.currentWidget() is window.region_tree.empty_label
    assert window.load_demo_action.isEnabled()
    # Region names are not loaded yet; the bundled Kota Serang list still names the office.
    assert window.office_label.text() == "Kantor: Kecamatan Serang"
    assert window.windowTitle() == "Tepat — Kecamatan Serang"


def test_status_bar_shows_database_office_and_demo_user(window: MainWindow,
                                                        sqlite_database: Database) -> None:
    path = str(sqlite_database.sqlite_path)
    assert window.database_label.text() == f"SQLite: {path}"
    assert window.database_label.isVisible()
    assert path in window.database_label.toolTip()
    assert window.user_label.text() == "Pengguna: demo-admin (mode demo)"
    assert window.office_label.isVisible() and window.user_label.isVisible()


def test_menus_are_indonesian_with_shortcuts(window: MainWindow) -> None:
    titles = [menu.title().replace("&", "") for menu in window.menus.values()]
    assert titles == ["Berkas", "Data", "Usulan", "Surat", "Alat", "Bantuan"]
    assert [a.menu() for a in window.menuBar().actions()] == list(window.menus.values())
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.settings_action.shortcut() == QKeySequence("Ctrl+,")
    assert window.about_action.shortcut() == QKeySequence("F1")
    assert window.refresh_action.shortcut() == QKeySequence("F5")
    assert window.import_boundaries_action in window.menus["data"].actions()
    assert window.load_demo_action in window.menus["tools"].actions()
    # Every menu carries actions, so none is left greyed out; an emptied one greys out.
    for key, menu in window.menus.items():
        assert menu.actions(), f"menu {key} is empty"
        assert menu.menuAction().isEnabled()
    menu = window.menus["letters"]
    for action in list(menu.actions()):
        menu.removeAction(action)
    assert not menu.menuAction().isEnabled()


def test_overview_counts_match_the_database(qtbot, sqlite_database: Database, actor: Actor,
                                            settings: QSettings) -> None:
    generate_demo(sqlite_database, actor, 300)
    window = app.build_main_window(sqlite_database, actor, settings=settings)
    qtbot.addWidget(window)
    with sqlite_database.read() as session:
        expected = db_stats.stats(session)
        rows = db_stats.per_kelurahan(session)
    assert expected.households == 300
    shown = {name: card.value_label.text() for name, card in window.overview.cards.items()}
    assert shown == {
        "kecamatan": "6", "kelurahan": "67", "households": "300",
        "members": f"{expected.members:,}".replace(",", "."), "proposals": str(expected.proposals),
    }
    table = sorted(window.overview.visible_rows(), key=lambda r: r.code)
    assert table == sorted(rows, key=lambda r: r.code)
    assert sum(r.households for r in table) == 300
    # The region tree sums kelurahan upwards; choosing a kecamatan narrows the table.
    serang = window.region_tree.item_for("36.73.01")
    assert serang is not None
    in_serang = [r for r in rows if r.code.startswith("36.73.01.")]
    assert serang.text(1) == str(sum(r.households for r in in_serang))
    window.region_tree.select("36.73.01")
    assert sorted(r.code for r in window.overview.visible_rows()) == sorted(
        r.code for r in in_serang)
    assert window.overview.region_label.text() == "Ditampilkan: Kecamatan Serang"
    window.overview.show_all_button.click()
    assert len(window.overview.visible_rows()) == 67
    assert not window.load_demo_action.isEnabled()


def test_a_broadcast_change_refreshes_the_views(window: MainWindow, sqlite_database: Database,
                                                actor: Actor) -> None:
    assert window.overview.cards["kelurahan"].value_label.text() == "0"
    with sqlite_database.write() as session:
        upsert_codes(session, kota_serang_codes())
    window.changed.emit(Changes(regions=True))
    assert window.overview.cards["kelurahan"].value_label.text() == "67"
    assert window.region_tree.item_for("36.73.06") is not None


# --------------------------------------------------------------------------- demo data


def test_demo_dialog_loads_households_and_broadcasts(qtbot, window: MainWindow,
                                                     sqlite_database: Database,
                                                     actor: Actor) -> None:
    pytest.importorskip("db.demo", reason="db.demo (demo data generator) not available")
    dialog = DemoDialog(sqlite_database, actor, notify=window.changed.emit, parent=window)
    dialog.households_spin.setValue(120)
    dialog.area_combo.setCurrentIndex(dialog.area_combo.findData("36.73.02"))
    summary_box = ModalHandler(QMessageBox, read_and_close)
    dialog.show()
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    summary_box.stop()
    assert dialog.result() == DemoDialog.DialogCode.Accepted
    assert summary_box.seen and summary_box.seen[0]["title"] == "Data demo dimuat"
    assert "120 keluarga" in summary_box.seen[0]["informative"]
    with sqlite_database.read() as session:
        counts = db_stats.per_kelurahan(session)
    assert sum(r.households for r in counts) == 120
    assert {r.code[:8] for r in counts if r.households} == {"36.73.02"}
    assert window.overview.cards["households"].value_label.text() == "120"


def test_cancelling_demo_generation_writes_nothing(qtbot, window: MainWindow,
                                                   sqlite_database: Database,
                                                   actor: Actor) -> None:
    pytest.importorskip("db.demo", reason="db.demo (demo data generator) not available")
    previous = ops.set_executor(ops.ThreadPoolExecutor())
    try:
        dialog = DemoDialog(sqlite_database, actor, notify=window.changed.emit, parent=window)
        qtbot.addWidget(dialog)
        dialog.households_spin.setValue(30_000)
        dialog.show()
        dialog.start()
        assert not dialog.buttons.isEnabled()

        def progress_dialog() -> QProgressDialog | None:
            found = [d for d in dialog.findChildren(QProgressDialog) if d.isVisible()]
            return found[0] if found else None

        qtbot.waitUntil(lambda: progress_dialog() is not None, timeout=10_000)
        progress = progress_dialog()
        assert progress is not None and "30.000" in progress.labelText()
        progress.findChild(QPushButton).click()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=60_000)
        assert dialog.isVisible()
        assert dialog.summary is None
    finally:
        ops.shutdown()
        ops.set_executor(previous)
    with sqlite_database.read() as session:
        assert db_stats.stats(session).households == 0


def test_first_start_offers_demo_data_once_when_empty(qtbot, window: MainWindow) -> None:
    def decline(widget: QWidget) -> bool:
        assert isinstance(widget, DemoDialog)
        assert widget.first_start and widget.dont_ask_check.isVisible()
        widget.dont_ask_check.setChecked(True)
        widget.close_button.click()
        return True

    offer = ModalHandler(DemoDialog, decline)
    window.offer_demo_when_empty()
    offer.stop()
    assert offer.seen == [True]
    assert window.settings.value(OFFER_DEMO_KEY) in (False, "false")
    # Declined for good: no second offer.
    again = ModalHandler(DemoDialog, decline)
    window.offer_demo_when_empty()
    QApplication.processEvents()
    again.stop()
    assert again.seen == []


# --------------------------------------------------------------------------- boundaries


def _square(code: str, name: str, x: float, y: float) -> dict:
    ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]
    return {"type": "Feature", "properties": {"kode": code, "nama": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_import_boundaries_reports_counts(window: MainWindow, sqlite_database: Database,
                                          tmp_path: Path) -> None:
    pytest.importorskip("db.boundaries", reason="db.boundaries not available")
    path = tmp_path / "kelurahan.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        _square("36.73.01.1001", "Serang", 106.15, -6.12),
        _square("36.73.01.1002", "Cipare", 106.16, -6.12),
    ]}), encoding="utf-8")
    report = ModalHandler(QMessageBox, read_and_close)
    window.import_boundaries_from(path)
    report.stop()
    assert report.seen, "no report was shown"
    seen = report.seen[0]
    assert seen["title"] == "Batas wilayah diimpor"
    assert "Batas kelurahan tersimpan: 2" in seen["informative"]
    assert window.region_tree.item_for("36.73.01.1002") is not None


def test_import_boundaries_shows_the_error_for_a_bad_file(window: MainWindow,
                                                          tmp_path: Path) -> None:
    pytest.importorskip("db.boundaries", reason="db.boundaries not available")
    path = tmp_path / "broken.geojson"
    path.write_text("{ this is not json", encoding="utf-8")
    report = ModalHandler(QMessageBox, read_and_close)
    window.import_boundaries_from(path)
    report.stop()
    assert report.seen, "no error was shown"
    assert report.seen[0]["title"] == "Tepat: terjadi kesalahan"
    assert "broken.geojson" in report.seen[0]["text"]


# --------------------------------------------------------------------------- about, start-up


def test_about_box_names_version_database_and_schema(qtbot, sqlite_database: Database) -> None:
    about = AboutDialog(sqlite_database)
    qtbot.addWidget(about)
    assert about.name_label.text().startswith("Tepat ")
    assert about.database_value.text() == sqlite_database.info().describe()
    assert about.revision is not None and about.schema_value.text() == about.revision
    assert "MIT" in about.licence_value.text()


def test_run_gui_refuses_a_corrupt_file_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "rusak.sqlite3"
    path.write_bytes(b"not a database")
    error = ModalHandler(QMessageBox, read_and_close)
    code = app.run_gui(sqlite_url(path))
    error.stop()
    assert code == app.EXIT_DATABASE_ERROR != 0
    assert error.seen, "no error dialog was shown"
    seen = error.seen[0]
    assert seen["title"] == "Tepat tidak dapat membuka basis data"
    assert str(path) in seen["text"]
    assert seen["informative"], "the hint saying what to do is missing"
    assert path.read_bytes() == b"not a database"
    # No journal, no backup, no new database beside it.
    assert [p.name for p in tmp_path.iterdir() if p.name != "config"] == ["rusak.sqlite3"]


def test_database_url_order(monkeypatch, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TEPAT_DATABASE_URL", raising=False)
    assert app.database_url(None, settings) is None
    settings.setValue("database/url", "sqlite:///saved.sqlite3")
    assert app.database_url(None, settings) == "sqlite:///saved.sqlite3"
    assert app.database_url("sqlite:///given.sqlite3", settings) == "sqlite:///given.sqlite3"
    monkeypatch.setenv("TEPAT_DATABASE_URL", "sqlite:///env.sqlite3")
    # None lets db.engine.resolve_url read the environment variable.
    assert app.database_url(None, settings) is None


def test_actions_open_their_windows_and_refresh(window: MainWindow, sqlite_database: Database
                                                ) -> None:
    from desktop.settings_dialog import SettingsDialog

    def close(widget: QWidget) -> str:
        title = widget.windowTitle()
        widget.close()
        return title

    for action, kind, title in ((window.settings_action, SettingsDialog, "Pengaturan"),
                                (window.about_action, AboutDialog, "Tentang Tepat")):
        handler = ModalHandler(kind, close)
        action.trigger()
        handler.stop()
        assert handler.seen == [title]

    with sqlite_database.write() as session:
        upsert_codes(session, kota_serang_codes())
    assert window.overview.cards["kecamatan"].value_label.text() == "0"
    window.refresh_action.trigger()
    assert window.overview.cards["kecamatan"].value_label.text() == "6"
    window.quit_action.trigger()
    assert not window.isVisible()


def test_run_gui_asks_for_sign_in_once_users_exist(tmp_path: Path) -> None:
    from db import users
    from db.actor import demo_admin
    from widgets.login_dialog import LoginDialog

    path = tmp_path / "kantor.sqlite3"
    database, admin = app.open_and_upgrade(sqlite_url(path))
    with database.write() as session:
        users.add_user(session, demo_admin(session), "siti", "Rahasia-Kantor-2025",
                       roles=["operator"])
    database.dispose()
    login = ModalHandler(LoginDialog, lambda dialog: dialog.reject())
    code = app.run_gui(sqlite_url(path))
    login.stop()
    assert login.seen, "the sign-in dialog was not shown"
    assert code == 0
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()]


# --------------------------------------------------------------------------- sign-out


def test_sign_out_hands_the_pc_to_the_next_person(monkeypatch, sqlite_database: Database,
                                                  settings: QSettings) -> None:
    """Sign out closes the window and records it; the session loop then asks who signs in
    and opens a window for them; a plain close ends the loop."""
    import sqlalchemy as sa

    from db import users
    from db.actor import load_actor
    from db.models import AuditEvent
    from desktop import auth

    with sqlite_database.write() as session:
        admin = demo_admin(session)
        for name in ("siti", "budi"):
            users.add_user(session, admin, name, "Rahasia-Kantor-2025", roles=["operator"])
    with sqlite_database.read() as session:
        queue = [load_actor(session, "siti"), load_actor(session, "budi")]
    asked: list[str] = []

    def next_person(_database: Database) -> Actor | None:
        asked.append("sign-in")
        return queue.pop(0) if queue else None

    monkeypatch.setattr(auth, "sign_in_at_start", next_person)
    settings.setValue(OFFER_DEMO_KEY, False)  # an empty register: no demo-data question
    seen: list[str] = []

    def act() -> None:  # what each person does once their window is up
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and (
                    widget.actor.username not in seen):
                seen.append(widget.actor.username)
                action = widget.auth.sign_out_action
                assert action.isVisible() and action.shortcut() == QKeySequence("Ctrl+Shift+Q")
                if widget.actor.username == "siti":
                    action.trigger()
                else:
                    widget.quit_action.trigger()

    timer = QTimer()
    timer.timeout.connect(act)
    timer.start(20)
    code = app.run_sessions(QApplication.instance(), sqlite_database, settings)
    timer.stop()
    assert code == 0 and seen == ["siti", "budi"] and asked == ["sign-in", "sign-in"]
    with sqlite_database.read() as session:
        outs = session.scalars(sa.select(AuditEvent.username)
                               .where(AuditEvent.action == "sign_out")).all()
    assert outs == ["siti"]


def test_sign_out_waits_for_a_window_that_keeps_its_edits(window: MainWindow) -> None:
    class Keeping(QWidget):
        def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
            event.ignore()  # "Cancel" on "save your changes?"

    keeping = Keeping()
    keeping.show()
    assert window.auth.sign_out() is False
    assert window.isVisible() and keeping.isVisible()
    assert not getattr(window, "sign_out_requested", False)
    keeping.closeEvent = lambda event: event.accept()  # type: ignore[method-assign]
    keeping.close()
    assert window.auth.sign_out() is True and not window.isVisible()
    assert window.sign_out_requested is True


# --------------------------------------------------------------------------- layout


def test_the_region_panel_is_readable_at_the_default_size(qtbot, sqlite_database: Database,
                                                          actor: Actor,
                                                          settings: QSettings) -> None:
    """Without a saved layout the window opens at 1280 px with the region panel wide enough
    for kelurahan names: no tab may need so much width that the panel is squeezed (the
    proposals tab once needed 1,140 px and left the panel 130 px of "...")."""
    from desktop.mainwindow import REGIONS_DOCK_WIDTH

    win = app.build_main_window(sqlite_database, actor, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.width() == 1280
    tabs = win.tabs
    needed = {tabs.tabText(i): tabs.widget(i).minimumSizeHint().width()
              for i in range(tabs.count())}
    assert max(needed.values()) <= 1280 - 240, needed
    qtbot.waitUntil(lambda: win.regions_dock.width() >= 240)
    assert win.regions_dock.width() <= REGIONS_DOCK_WIDTH
