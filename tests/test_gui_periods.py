"""The "Periods and quotas" dialog driven through its real widgets over a real SQLite file:
a period created through the form, a quota set and read back with its warnings, a bad
date range refused beside the field, and the controls disabled for roles that may not
use them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from db import programs
from db.actor import Actor, demo_admin
from db.engine import Database
from db.regions import kota_serang_codes, upsert_codes
from desktop import app
from desktop.mainwindow import MainWindow
from desktop.ops import Changes
from tests.test_checks import make_actor
from tests.test_translations import Vocabulary, _assert_all_indonesian, _data_words
from widgets.periods_dialog import NewPeriodDialog, PeriodsDialog

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("gui_isolated")]

KECAMATAN = "36.73.01"  # Kec. Serang
KELURAHAN = "36.73.01.1001"  # Kel. Serang
SHOT = Path("/tmp/shots/periods.png")


@pytest.fixture
def admin(sqlite_database: Database) -> Actor:
    with sqlite_database.write() as session:
        upsert_codes(session, kota_serang_codes())
    with sqlite_database.read() as session:
        return demo_admin(session)


@pytest.fixture
def period_id(sqlite_database: Database, admin: Actor) -> int:
    with sqlite_database.write() as session:
        pid = programs.create_period(session, admin, "rtlh", "RTLH APBD 2025", 2025,
                                     funding_source="apbd").id
        programs.set_quota(session, admin, pid, None, 4)
        return pid


def _window(qtbot, database: Database, actor: Actor, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
    win = app.build_main_window(database, actor, settings=settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def _open(qtbot, window: MainWindow) -> PeriodsDialog:
    action = window.periods.action
    assert action in window.menus["proposals"].actions() and action.isVisible()
    action.trigger()
    dialog = window.periods.dialog
    assert isinstance(dialog, PeriodsDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def _periods(database: Database) -> list[programs.PeriodInfo]:
    with database.read() as session:
        return programs.list_periods(session)


def _fill(form: NewPeriodDialog, name: str, opens: dt.date, closes: dt.date) -> None:
    form.program.setCurrentIndex(form.program.findData("pbi-jk"))
    form.name.setText(name)
    form.opens.setDate(QDate(opens))
    form.closes.setDate(QDate(closes))
    form.funding.setCurrentIndex(form.funding.findData("apbd"))


def _click_ok(qtbot, form: NewPeriodDialog) -> None:
    qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_a_period_created_in_the_dialog_is_in_the_database_and_the_queue_hears_of_it(
        qtbot, sqlite_database: Database, admin: Actor, period_id: int, tmp_path: Path) -> None:
    window = _window(qtbot, sqlite_database, admin, tmp_path)
    heard: list[Changes] = []
    window.changed.connect(heard.append)
    dialog = _open(qtbot, window)
    assert dialog.period_table.rowCount() == 1

    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    form = dialog.new_period_dialog
    assert form is not None and form.isVisible()
    _fill(form, "PBI APBD 2026 tahap 1", dt.date(2026, 1, 5), dt.date(2026, 3, 31))
    _click_ok(qtbot, form)

    created = [p for p in _periods(sqlite_database) if p.name == "PBI APBD 2026 tahap 1"]
    assert len(created) == 1
    period = created[0]
    assert (period.program_code, period.year, period.funding_source, period.status) == (
        "pbi-jk", 2026, "apbd", "open")
    assert (period.opens_on, period.closes_on) == (dt.date(2026, 1, 5), dt.date(2026, 3, 31))
    assert not form.isVisible()
    # Shown and chosen in the list, with its dates; the window broadcast the change.
    assert dialog.period_table.rowCount() == 2
    assert dialog.current_period_id() == period.id
    row = dialog.period_table.currentRow()
    assert dialog.period_table.item(row, 2).text() == "05-01-2026"
    assert dialog.period_table.item(row, 4).text() == "Terbuka"
    assert any(c.register for c in heard)

    # Closing it is asked first; "No" leaves it open.
    asked: list[str] = []
    dialog.confirm = lambda title, text: asked.append(text) or False
    assert dialog.status_button.text() == "Tutup periode"
    qtbot.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and period.name in asked[0] and "Usulan baru" in asked[0]
    assert {p.id: p.status for p in _periods(sqlite_database)}[period.id] == "open"
    # "Yes" closes it through set_period_status; the button then offers to reopen it.
    dialog.confirm = lambda title, text: asked.append(text) or True
    qtbot.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    assert {p.id: p.status for p in _periods(sqlite_database)}[period.id] == "closed"
    assert dialog.current_period_id() == period.id
    assert dialog.status_button.text() == "Buka kembali periode"


def test_a_quota_set_in_the_dialog_reads_back_and_its_warnings_are_shown(
        qtbot, sqlite_database: Database, admin: Actor, period_id: int, tmp_path: Path) -> None:
    window = _window(qtbot, sqlite_database, admin, tmp_path)
    dialog = _open(qtbot, window)
    assert dialog.current_period_id() == period_id
    assert dialog.quota_table.rowCount() == 1
    assert [dialog.quota_table.item(0, c).text() for c in range(4)] == [
        "Seluruh wilayah", "0", "4", "4"]

    # A kelurahan quota within the whole period's: saved, shown, no warning.
    dialog.area_combo.setCurrentIndex(dialog.area_combo.findData(KELURAHAN))
    dialog.amount_spin.setValue(3)
    dialog.reason_edit.setText("pembagian awal")
    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
    with sqlite_database.read() as session:
        usage = {u.region_code: u for u in programs.quota_usage(session, period_id=period_id)}
    assert usage[KELURAHAN].amount == 3 and usage[KELURAHAN].used == 0
    assert dialog.quota_table.rowCount() == 2
    assert [dialog.quota_table.item(1, c).text() for c in range(4)] == [
        "Kel. Serang", "0", "3", "3"]
    assert not dialog.warnings_label.isVisible()

    # A kecamatan split above the whole period's: saved, and the service's warning stays
    # visible in the dialog.
    dialog.area_combo.setCurrentIndex(dialog.area_combo.findData(KECAMATAN))
    dialog.amount_spin.setValue(9)
    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
    with sqlite_database.read() as session:
        usage = {u.region_code: u for u in programs.quota_usage(session, period_id=period_id)}
    assert usage[KECAMATAN].amount == 9
    assert dialog.warnings_label.isVisible()
    assert "lebih dari kuotanya (4)" in dialog.warnings_label.text()

    # Choosing a row puts its area and amount in the editor.
    dialog.quota_table.selectRow(0)
    assert dialog.area_combo.currentData() is None and dialog.amount_spin.value() == 4

    SHOT.parent.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOT))

    vocabulary = Vocabulary(_data_words(sqlite_database, admin)
                            | {dialog.warnings_label.text()})
    _assert_all_indonesian(dialog, vocabulary)


def test_a_bad_date_range_is_refused_beside_the_field_and_nothing_is_written(
        qtbot, sqlite_database: Database, admin: Actor, period_id: int, tmp_path: Path) -> None:
    window = _window(qtbot, sqlite_database, admin, tmp_path)
    dialog = _open(qtbot, window)
    before = _periods(sqlite_database)

    form = dialog.new_period()
    assert form is not None
    _fill(form, "PBI APBD 2026 tahap 1", dt.date(2026, 3, 31), dt.date(2026, 1, 5))
    _click_ok(qtbot, form)

    assert _periods(sqlite_database) == before
    assert form.isVisible()
    assert form.errors["closes"].isVisible()
    assert "lebih awal dari tanggal buka" in form.errors["closes"].text()
    # Beside the closing date, on its row.
    grid = form.layout().itemAt(0).layout()
    assert grid.getItemPosition(grid.indexOf(form.errors["closes"]))[:2] == (
        grid.getItemPosition(grid.indexOf(form.closes))[0], 2)
    assert not form.errors["name"].isVisible() and not form.general_error.isVisible()
    assert form.grab().save(str(SHOT.with_name("periods_new.png")))
    _assert_all_indonesian(form, Vocabulary(_data_words(sqlite_database, admin)
                                            | {form.errors["closes"].text()}))

    # An empty name is the service's problem too, shown beside the name.
    form.name.clear()
    form.closes.setDate(QDate(2026, 6, 30))
    _click_ok(qtbot, form)
    assert _periods(sqlite_database) == before
    assert form.errors["name"].isVisible() and "wajib diisi" in form.errors["name"].text()
    assert not form.errors["closes"].isVisible()


def test_a_role_without_the_permission_sees_the_controls_disabled(
        qtbot, sqlite_database: Database, admin: Actor, period_id: int, tmp_path: Path) -> None:
    operator = make_actor(sqlite_database, "operator-serang", "operator")
    window = _window(qtbot, sqlite_database, operator, tmp_path)
    dialog = _open(qtbot, window)
    # An operator sees the periods and the quotas with their use...
    assert dialog.period_table.rowCount() == 1
    assert dialog.quota_table.rowCount() == 1 and dialog.quotas_box.isEnabled()
    # ... but may neither open or close periods nor set quotas, and is told who may.
    for widget in (dialog.new_button, dialog.status_button):
        assert not widget.isEnabled()
        assert "Administrator" in widget.toolTip() and "Camat" in widget.toolTip()
    for widget in (dialog.area_combo, dialog.amount_spin, dialog.reason_edit,
                   dialog.set_button):
        assert not widget.isEnabled()
        assert "Administrator" in widget.toolTip()
    assert dialog.new_period() is None
    dialog.save_quota()
    with sqlite_database.read() as session:
        assert [u.amount for u in programs.quota_usage(session, period_id=period_id)] == [4]

    # The Camat (signatory) may do both.
    camat = make_actor(sqlite_database, "camat", "signatory")
    other = _window(qtbot, sqlite_database, camat, tmp_path)
    allowed = _open(qtbot, other)
    assert allowed.new_button.isEnabled() and allowed.set_button.isEnabled()
    assert allowed.new_button.toolTip() == ""

    # A field officer may not see quotas: no menu entry at all.
    officer = make_actor(sqlite_database, "petugas", "field_officer")
    third = _window(qtbot, sqlite_database, officer, tmp_path)
    assert not third.periods.action.isVisible()
