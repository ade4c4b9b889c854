"""The register view: lazy paging, search as you type, filters, sorting and the keyboard,
driven as an operator would (pytest-qt, offscreen) over a real SQLite file."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from db.actor import demo_admin
from db.engine import Database
from desktop import app, ops
from desktop.register import RegisterController
from tests.test_households import KASEMEN, SERANG, family, person, save, seed_regions
from widgets.household_form import HouseholdForm
from widgets.register import COLUMNS, DatabaseRegisterSource, RegisterView
from widgets.register.view import SEARCH_DELAY_MS

pytestmark = pytest.mark.gui
PAGE = 5


@pytest.fixture
def register(sqlite_database: Database):  # type: ignore[no-untyped-def]
    """23 households: 20 plain ones in Cipare plus three to look for."""
    seed_regions(sqlite_database)
    with sqlite_database.read() as session:
        actor = demo_admin(session)
    made = {}
    for serial in range(1, 21):
        made[serial] = save(sqlite_database, actor, family(
            serial, person(serial * 10 + 1, f"Warga Nomor {serial:02d}",
                           born=dt.date(1970, 1, serial)),
            rt=f"{serial % 4 + 1:03d}", desil=serial % 10 + 1)).household
    made["nuraini"] = save(sqlite_database, actor, family(
        30, person(301, "Hj. Nur'aini Salamah", sex="P", born=dt.date(1950, 3, 3)),
        kelurahan=SERANG, desil=1)).household
    made["dedi"] = save(sqlite_database, actor, family(
        31, person(311, "Dedi Kurniawan", born=dt.date(1985, 3, 3),
                   occupation="civil_servant"),
        kelurahan=KASEMEN, desil=5, rw="007")).household
    made["komariah"] = save(sqlite_database, actor, family(
        32, person(321, "Ujang", born=dt.date(1975, 4, 4)),
        person(322, "Ai Komariah", sex="P", born=dt.date(2000, 5, 5), relationship="child"),
        kelurahan=KASEMEN, desil=2)).household
    return sqlite_database, actor, made


def make_view(qtbot, database: Database, actor) -> RegisterView:  # type: ignore[no-untyped-def]
    view = RegisterView(DatabaseRegisterSource(database, actor))
    view.model.PAGE_SIZE = PAGE
    view.model.reload()
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    # Shortcuts and focus need the active window; offscreen, only the window handle asks.
    view.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    return view


def heads(view: RegisterView) -> list[str]:
    column = [c.key for c in COLUMNS].index("head")
    return [view.model.index(r, column).data() for r in range(view.model.rowCount())]


def search_for(qtbot, view: RegisterView, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keySequence(view.table, "Ctrl+F")
    assert QApplication.focusWidget() is view.search_box
    qtbot.keyClicks(view.search_box, text)
    before = view.model.filter
    # Search as you type: the filter runs by itself after a short pause.
    qtbot.waitUntil(lambda: view.model.filter != before and view.model.filter.text == text,
                    timeout=SEARCH_DELAY_MS * 8)


def test_opens_with_ids_only_and_fetches_pages_lazily(qtbot, register):
    database, actor, _made = register
    view = make_view(qtbot, database, actor)
    view.resize(1366, 260)  # a few rows on screen, most of the 23 below
    QApplication.processEvents()
    view.model.reload()
    QApplication.processEvents()
    assert view.model.rowCount() == 23 and view.count_label.text() == "Households: 23"
    visible = view.table.rowAt(view.table.viewport().height() - 1)
    assert 0 < visible < 15
    assert 1 <= view.model.pages_fetched <= visible // PAGE + 2  # only what is on screen
    view.model.pages_fetched = 0
    last = view.model.rowCount() - 1
    assert view.model.row_data(last) is not None
    assert view.model.pages_fetched == 1  # the last page alone, one query
    assert view.model.row_data(last).id == view.model.household_id(last)


def test_search_by_name_nik_and_kk(qtbot, register):
    database, actor, made = register
    view = make_view(qtbot, database, actor)
    search_for(qtbot, view, "NUR AINI")
    assert heads(view) == ["Hj. Nur'aini Salamah"]

    komariah_nik = made["komariah"].members[1].nik
    view.search_box.clear()
    search_for(qtbot, view, f"{komariah_nik[:4]}-{komariah_nik[4:8]} {komariah_nik[8:]}")
    assert heads(view) == ["Ujang"]

    view.search_box.clear()
    search_for(qtbot, view, made["dedi"].no_kk)
    assert heads(view) == ["Dedi Kurniawan"]
    view.search_box.clear()
    search_for(qtbot, view, made["dedi"].no_kk[-7:])  # part of a No. KK
    assert heads(view) == ["Dedi Kurniawan"]

    view.search_box.clear()
    search_for(qtbot, view, "tidak ada")
    assert view.model.rowCount() == 0 and view.count_label.text() == "Households: 0"


def test_keyboard_ctrl_f_enter_arrows_enter_opens(qtbot, register):
    database, actor, made = register
    view = make_view(qtbot, database, actor)
    qtbot.keySequence(view.table, "Ctrl+F")
    qtbot.keyClicks(view.search_box, "warga nomor 1")
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)  # search now, go to the results
    assert QApplication.focusWidget() is view.table
    assert heads(view)[0].startswith("Warga Nomor 1") and view.model.rowCount() == 10
    assert view.table.currentIndex().row() == 0
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == 2
    expected = view.model.household_id(2)
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [expected]

    qtbot.keySequence(view.table, "Ctrl+F")
    assert view.search_box.selectedText() == "warga nomor 1"
    qtbot.keyClick(view.search_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is view.table
    with qtbot.waitSignal(view.profile_requested) as profile:
        qtbot.mouseClick(view.profile_button, Qt.MouseButton.LeftButton)
    assert profile.args == [view.selected_household()]
    assert view.selected_household() in {h.id for h in made.values()}


def test_filters_by_region_rt_rw_desil_flags_and_status(qtbot, register):
    database, actor, _made = register
    view = make_view(qtbot, database, actor)
    view.kecamatan_combo.setCurrentIndex(view.kecamatan_combo.findData("36.73.02"))
    assert sorted(heads(view)) == ["Dedi Kurniawan", "Ujang"]
    assert view.kelurahan_combo.count() == 1 + 10  # "all" plus Kasemen's kelurahan
    view.rw_edit.setText("7")
    view.rw_edit.editingFinished.emit()
    assert heads(view) == ["Dedi Kurniawan"]
    qtbot.mouseClick(view.reset_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 23

    view.desil_combo.setCurrentIndex(view.desil_combo.findData("1-1"))
    assert sorted(heads(view)) == ["Hj. Nur'aini Salamah", "Warga Nomor 10", "Warga Nomor 20"]
    view.desil_combo.setCurrentIndex(0)
    view.kelurahan_combo.setCurrentIndex(view.kelurahan_combo.findData(SERANG))
    assert heads(view) == ["Hj. Nur'aini Salamah"]
    view.kelurahan_combo.setCurrentIndex(0)

    view.flag_actions["asn_tni_polri"].setChecked(True)
    assert heads(view) == ["Dedi Kurniawan"] and view.flags_button.text() == "Flags (1)"
    flags_column = [c.key for c in COLUMNS].index("flags")
    assert "ASN/TNI/Polri" in view.model.index(0, flags_column).data()
    view.flag_actions["asn_tni_polri"].setChecked(False)
    view.flag_actions["elderly"].setChecked(True)
    assert heads(view) == ["Hj. Nur'aini Salamah"]
    qtbot.mouseClick(view.reset_button, Qt.MouseButton.LeftButton)

    view.state_combo.setCurrentIndex(view.state_combo.findData("none"))
    assert view.model.rowCount() == 23  # nobody has been proposed yet


def test_sorting_by_header_and_refresh_keeps_selection(qtbot, register):
    database, actor, made = register
    view = make_view(qtbot, database, actor)
    head_column = [c.key for c in COLUMNS].index("head")
    view.table.sortByColumn(head_column, Qt.SortOrder.AscendingOrder)
    names = heads(view)
    assert names == sorted(names, key=lambda n: n.lower().replace(".", "").replace("'", "")
                           .replace(" ", ""))
    view.table.sortByColumn(head_column, Qt.SortOrder.DescendingOrder)
    assert heads(view) == list(reversed(names))
    desil_column = [c.key for c in COLUMNS].index("desil")
    view.table.sortByColumn(desil_column, Qt.SortOrder.AscendingOrder)
    desils = [view.model.index(r, desil_column).data() for r in range(view.model.rowCount())]
    assert [int(d) for d in desils] == sorted(int(d) for d in desils)

    target = made["dedi"]
    assert view.select_household(target.id)
    save(database, actor, replace(target, address="Jl. Baru"), base=target)
    view.refresh()
    assert view.selected_household() == target.id
    address_column = [c.key for c in COLUMNS].index("address")
    row = view.model.row_of(target.id)
    assert view.model.index(row, address_column).data() == "Jl. Baru"


# --------------------------------------------------------------------------- in the main window


def test_register_tab_in_the_main_window_opens_forms_and_refreshes(qtbot, register, tmp_path):
    database, actor, made = register
    previous = ops.set_executor(ops.SynchronousExecutor())
    try:
        settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
        window = app.build_main_window(database, actor, settings=settings)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        controller = window.findChild(RegisterController)
        view = controller.view
        assert window.tabs.indexOf(view) >= 0
        data_actions = [a.objectName() for a in window.menus["data"].actions()]
        assert {"findHouseholdAction", "newHouseholdAction"} <= set(data_actions)

        controller.find_action.trigger()  # Ctrl+F from anywhere: the register, its search
        assert window.tabs.currentWidget() is view
        target = made["dedi"]
        view.select_household(target.id)
        with qtbot.waitSignal(view.open_requested):
            qtbot.keyClick(view.table, Qt.Key.Key_Return)
        form = controller.forms[target.id]
        assert isinstance(form, HouseholdForm) and form.isVisible() and form.isWindow()
        assert controller.open_household(target.id) is form  # one window per household

        form.address_edit.setText("Jl. Dari Jendela Utama")
        with qtbot.waitSignal(window.changed):
            assert form.save()
        address_column = [c.key for c in COLUMNS].index("address")
        row = view.model.row_of(target.id)
        assert view.model.index(row, address_column).data() == "Jl. Dari Jendela Utama"

        form.address_edit.setText("Belum disimpan")
        asked: list[str] = []

        def answer_cancel() -> None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QMessageBox) and widget.isVisible():
                    asked.append(widget.text())
                    widget.button(QMessageBox.StandardButton.Cancel).click()
                    return
            QTimer.singleShot(10, answer_cancel)

        QTimer.singleShot(0, answer_cancel)
        window.close()  # a form has unsaved changes: it asks, and Cancel keeps everything
        assert asked and window.isVisible() and form.isVisible()
        form.load(form.household)  # drop the edit so the teardown closes quietly
    finally:
        ops.set_executor(previous)
