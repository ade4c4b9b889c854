"""The household form, member table, conflict dialog, history and profile, driven as an
operator would (pytest-qt, offscreen) on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import replace

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from db import households as hh
from db.actor import demo_admin
from db.engine import Database
from db.models import AuditEvent, Household, Member
from db.nik import make_kk, make_nik
from tests.test_households import CIPARE, family, person, save, seed_regions
from widgets.conflict_dialog import ConflictDialog
from widgets.household_form import HouseholdForm, MoveMembersDialog
from widgets.household_profile import HouseholdProfile
from widgets.member_table import ATTRIBUTES, ERROR_BRUSH

pytestmark = pytest.mark.gui
TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def db(sqlite_database: Database):  # type: ignore[no-untyped-def]
    seed_regions(sqlite_database)
    with sqlite_database.read() as session:
        return sqlite_database, demo_admin(session)


def make_form(qtbot, database: Database, actor,  # type: ignore[no-untyped-def]
              household_id: int | None = None) -> HouseholdForm:
    form = HouseholdForm(database, actor, household_id, today=TODAY)
    # At teardown, drop unsaved edits so closing does not wait on the "save?" question.
    qtbot.addWidget(form, before_close_func=lambda w: w.load(w.household or hh.HouseholdData()))
    form.resize(1366, 768)
    form.show()
    return form


def counts(database: Database) -> tuple[int, int, int]:
    with database.read() as session:
        return (session.scalar(sa.select(sa.func.count(Household.id))),
                session.scalar(sa.select(sa.func.count(Member.id))),
                session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
                    AuditEvent.action != "view")))


def type_into(qtbot, edit: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # ends editing, as Tab does in a live window


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not offered"
    combo.setCurrentIndex(index)


def set_cell(qtbot, form: HouseholdForm, row: int,  # type: ignore[no-untyped-def]
             attribute: str, value: object) -> None:
    """Edit one member cell through its real editor (line edit, combo, date editor)."""
    view = form.members.view
    index = view.model().index(row, ATTRIBUTES.index(attribute))
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or QApplication.focusWidget()
    assert editor is not None and editor is not view
    if isinstance(editor, QComboBox):
        choose(editor, value)
    elif isinstance(editor, QDateEdit):
        editor.setDate(value)  # type: ignore[arg-type]
    else:
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, str(value))
    view.commitData(editor)
    view.closeEditor(editor, view.itemDelegate().EndEditHint.NoHint)


def fill_member(qtbot, form: HouseholdForm,  # type: ignore[no-untyped-def]
                member: hh.MemberData) -> int:
    row = form.members.model.rowCount()
    qtbot.mouseClick(form.members.add_button, Qt.MouseButton.LeftButton)
    view = form.members.view
    editor = QApplication.focusWidget()
    if isinstance(editor, QLineEdit):  # add_member starts editing the NIK cell
        view.closeEditor(editor, view.itemDelegate().EndEditHint.NoHint)
    set_cell(qtbot, form, row, "nik", member.nik)
    set_cell(qtbot, form, row, "name", member.name)
    set_cell(qtbot, form, row, "sex", member.sex)
    if member.birth_date:
        set_cell(qtbot, form, row, "birth_date", member.birth_date)
    set_cell(qtbot, form, row, "relationship", member.relationship)
    return row


def fill_household(qtbot, form: HouseholdForm,  # type: ignore[no-untyped-def]
                   data: hh.HouseholdData) -> None:
    type_into(qtbot, form.no_kk_edit, data.no_kk)
    choose(form.kelurahan_combo, data.kelurahan_code)
    type_into(qtbot, form.rt_edit, data.rt)
    type_into(qtbot, form.rw_edit, data.rw)
    type_into(qtbot, form.address_edit, data.address)
    for member in data.members:
        fill_member(qtbot, form, member)


def answer(cls: type[QWidget], action: Callable[[QWidget], None]) -> list[QWidget]:
    """Act on the next modal ``cls`` window once it is shown; returns what was seen."""
    seen: list[QWidget] = []

    def attempt() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, cls) and widget.isVisible():
                seen.append(widget)
                action(widget)
                return
        QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)
    return seen


def box_text(form: HouseholdForm, field: str) -> str:
    box = form.boxes[field]
    return box.message.text() if box.message.isVisibleTo(form) else ""


# --------------------------------------------------------------------------- create


def test_create_a_household_with_members_and_save(qtbot, db):
    database, actor = db
    form = make_form(qtbot, database, actor)
    assert form.windowTitle() == "New household"
    fill_household(qtbot, form, family(1))
    type_into(qtbot, form.longitude_edit, "106,1503")
    type_into(qtbot, form.latitude_edit, "-6.1204")
    choose(form.desil_combo, 3)
    choose(form.house_editors["roof_material"], "zinc")
    type_into(qtbot, form.house_editors["floor_area_m2"], "36,5")
    type_into(qtbot, form.house_editors["occupants"], "2")
    assert form.is_dirty() and form.windowTitle().endswith("*")

    with qtbot.waitSignal(form.saved) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored: hh.HouseholdData = saved.args[0]
    assert form.status.text() == "Saved." and not form.is_dirty()
    with database.read() as session:
        again = hh.get_household(session, actor, stored.id)
    assert again.no_kk == family(1).no_kk and again.kelurahan_code == CIPARE
    assert (again.longitude, again.latitude) == (106.1503, -6.1204)
    assert again.floor_area_m2 == 36.5 and again.occupants == 2 and again.roof_material == "zinc"
    assert [(m.name, m.relationship) for m in again.members] == [
        ("Budi Santoso", "head"), ("Siti Nur'aini", "spouse")]
    assert form.windowTitle() == f"Household KK {again.no_kk}"
    assert form.history.table.rowCount() > 10  # created field by field


# --------------------------------------------------------------------------- refusals

CASES: list[tuple[str, Callable[..., None], str, str]] = []


def case(name: str, field: str, fragment: str):  # type: ignore[no-untyped-def]
    def register(fn):  # type: ignore[no-untyped-def]
        CASES.append((name, fn, field, fragment))
        return fn
    return register


@case("kk_float", "no_kk", "sel angka")
def _kk_float(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.no_kk_edit, "3.67301E+15")


@case("kk_short", "no_kk", "16 angka")
def _kk_short(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.no_kk_edit, "367301010716")


@case("no_kelurahan", "kelurahan_code", "Kelurahan wajib dipilih")
def _no_kelurahan(qtbot, form):  # type: ignore[no-untyped-def]
    choose(form.kelurahan_combo, "")


@case("rt_letters", "rt", "1 sampai 3 angka")
def _rt(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.rt_edit, "1A")


@case("no_address", "address", "Alamat")
def _address(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.address_edit, "   ")


@case("longitude_text", "longitude", "bukan angka desimal")
def _lon_text(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.longitude_edit, "106°09'")
    type_into(qtbot, form.latitude_edit, "-6.12")


@case("outside_indonesia", "longitude", "di luar wilayah Indonesia")
def _outside(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.longitude_edit, "-6.12")
    type_into(qtbot, form.latitude_edit, "106.15")


@case("floor_area", "floor_area_m2", "tidak masuk akal")
def _area(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.house_editors["floor_area_m2"], "0,5")


@case("occupants_text", "occupants", "bukan angka")
def _occupants(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.house_editors["occupants"], "empat")


@case("nik_float", "members.1.nik", "sel angka")
def _nik_float(qtbot, form):  # type: ignore[no-untyped-def]
    set_cell(qtbot, form, 1, "nik", "3673014302830001.0")


@case("nik_date", "members.1.nik", "tidak sama dengan tanggal lahir")
def _nik_date(qtbot, form):  # type: ignore[no-untyped-def]
    set_cell(qtbot, form, 1, "birth_date", dt.date(1983, 2, 12))


@case("two_heads", "members.1.relationship", "juga ditandai kepala keluarga")
def _two_heads(qtbot, form):  # type: ignore[no-untyped-def]
    set_cell(qtbot, form, 1, "relationship", "head")


@case("no_head", "members", "Belum ada kepala keluarga")
def _no_head(qtbot, form):  # type: ignore[no-untyped-def]
    set_cell(qtbot, form, 0, "relationship", "child")


@case("future_birth", "members.2.birth_date", "belum lewat")
def _future(qtbot, form):  # type: ignore[no-untyped-def]
    born = dt.date(2025, 9, 1)
    fill_member(qtbot, form, person(99, "Calon Bayi", born=born, relationship="child"))


@case("nik_elsewhere", "members.2.nik", "sudah terdaftar atas nama Ahmad")
def _elsewhere(qtbot, form):  # type: ignore[no-untyped-def]
    fill_member(qtbot, form, person(71, "Ahmad Lain", relationship="child"))


@pytest.mark.parametrize("name,setup,field,fragment", CASES, ids=[c[0] for c in CASES])
def test_each_validation_error_is_shown_beside_its_field_and_nothing_is_written(
        qtbot, db, name, setup, field, fragment):
    database, actor = db
    save(database, actor, family(7, person(71, "Ahmad")))  # owner of NIK 71, elsewhere
    form = make_form(qtbot, database, actor)
    fill_household(qtbot, form, family(1))
    setup(qtbot, form)
    before = counts(database)

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert counts(database) == before
    assert form.household is None and form.is_dirty()
    assert form.status.text().startswith("Not saved")
    if field.startswith("members"):
        shown = form.members_problems.text()
        assert form.members_problems.isVisibleTo(form) and fragment in shown, shown
        if field.count(".") == 2:
            _m, row, attribute = field.split(".")
            index = form.members.model.index(int(row), ATTRIBUTES.index(attribute))
            assert index.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
            assert fragment in index.data(Qt.ItemDataRole.ToolTipRole)
            assert f"Anggota baris {int(row) + 1}" in shown
    else:
        assert fragment in box_text(form, field), box_text(form, field)
        tab = 1 if field in form.house_editors else 0
        assert form.tabs.currentIndex() == tab


def test_fixing_the_errors_then_saves(qtbot, db):
    database, actor = db
    form = make_form(qtbot, database, actor)
    fill_household(qtbot, form, family(1))
    type_into(qtbot, form.rt_edit, "x")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "1 sampai 3 angka" in box_text(form, "rt")
    type_into(qtbot, form.rt_edit, "4")
    assert form.save()
    assert box_text(form, "rt") == "" and form.rt_edit.text() == "004"


def test_warnings_are_shown_but_do_not_block(qtbot, db):
    database, actor = db
    form = make_form(qtbot, database, actor)
    data = family(2)
    fill_household(qtbot, form, replace(data, members=(data.members[0],)))
    set_cell(qtbot, form, 0, "nik", make_nik("31.71.01", dt.date(1980, 5, 6), "L", 9))
    assert form.save()
    assert "belum dapat diperiksa" in form.members_problems.text()
    assert form.status.text().startswith("Saved, with 1 warning")


# --------------------------------------------------------------------------- NIK input


def test_pasted_nik_is_normalised_and_a_float_one_refused_with_reason(qtbot, db):
    database, actor = db
    form = make_form(qtbot, database, actor)
    form.members.add_member()
    view = form.members.view
    editor = QApplication.focusWidget()
    if isinstance(editor, QLineEdit):
        view.closeEditor(editor, view.itemDelegate().EndEditHint.NoHint)
    index = form.members.model.index(0, ATTRIBUTES.index("nik"))
    view.setCurrentIndex(index)
    view.setFocus()
    QGuiApplication.clipboard().setText(" 3673-0106 0580-0001 \n")
    qtbot.keySequence(view, "Ctrl+V")
    assert index.data() == "3673010605800001"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is None

    QGuiApplication.clipboard().setText("3.67301E+15")
    qtbot.keySequence(view, "Ctrl+V")
    assert index.data() == "3.67301E+15"  # kept as pasted, so nothing typed is lost
    assert index.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    assert "notasi ilmiah" in index.data(Qt.ItemDataRole.ToolTipRole)
    before = counts(database)
    assert not form.save()
    assert "notasi ilmiah" in form.members_problems.text() and counts(database) == before

    type_into(qtbot, form.no_kk_edit, "3673-0101-0716-0001")
    assert form.no_kk_edit.text() == "3673010107160001"


# --------------------------------------------------------------------------- two windows


def test_two_windows_on_separate_connections_both_edits_survive(qtbot, db):
    database, actor = db
    stored = save(database, actor, family(3)).household
    second = Database(database.url)  # another operator's connection pool
    try:
        first_form = make_form(qtbot, database, actor, stored.id)
        second_form = make_form(qtbot, second, actor, stored.id)

        type_into(qtbot, first_form.address_edit, "Jl. Kenanga 1")
        set_cell(qtbot, first_form, 0, "occupation", "driver")
        assert first_form.save()

        type_into(qtbot, second_form.no_kk_edit, stored.no_kk)  # unchanged
        choose(second_form.desil_combo, 2)
        set_cell(qtbot, second_form, 1, "education", "sma")
        type_into(qtbot, second_form.address_edit, "Jl. Anggrek 9")
        seen = answer(ConflictDialog, lambda d: d.reapply_button.click())
        before = counts(database)
        assert not second_form.save()
        assert counts(database) == before
        dialog = seen[0]
        table = dialog.table
        rows = {(table.item(r, 1).text(), table.item(r, 2).text(), table.item(r, 3).text())
                for r in range(table.rowCount())}
        assert ("Address", "Jl. Kenanga 1", "Jl. Anggrek 9") in rows
        assert ("Occupation", "Driver", "") in rows
        assert "demo-admin" in dialog.intro.text()
        # Re-applied on the newer record: theirs where only they changed, mine elsewhere.
        assert second_form.address_edit.text() == "Jl. Anggrek 9"
        assert second_form.members.model.member(0).occupation == "driver"
        assert second_form.members.model.member(1).education == "sma"
        assert second_form.desil_combo.currentData() == 2 and second_form.is_dirty()

        assert second_form.save()
        with database.read() as session:
            final = hh.get_household(session, actor, stored.id)
        assert final.version == 3 and final.address == "Jl. Anggrek 9" and final.desil == 2
        assert final.members[0].occupation == "driver" and final.members[1].education == "sma"
    finally:
        second.dispose()


def test_conflict_reload_takes_theirs(qtbot, db):
    database, actor = db
    stored = save(database, actor, family(4)).household
    form = make_form(qtbot, database, actor, stored.id)
    save(database, actor, replace(stored, notes="dari RT"), base=stored)
    type_into(qtbot, form.address_edit, "Jl. Lain")
    answer(ConflictDialog, lambda d: d.reload_button.click())
    assert not form.save()
    assert form.notes_edit.toPlainText() == "dari RT"
    assert form.address_edit.text() == stored.address and not form.is_dirty()


# --------------------------------------------------------------------------- closing


def test_closing_with_unsaved_changes_asks_first(qtbot, db):
    database, actor = db
    stored = save(database, actor, family(5)).household
    form = make_form(qtbot, database, actor, stored.id)
    form.close()  # nothing changed: closes without asking
    assert not form.isVisible()

    form = make_form(qtbot, database, actor, stored.id)
    type_into(qtbot, form.address_edit, "Jl. Baru 2")
    asked = answer(QMessageBox, lambda b: b.button(QMessageBox.StandardButton.Cancel).click())
    form.close()
    assert asked and "not saved" in asked[0].text() and form.isVisible()

    asked = answer(QMessageBox, lambda b: b.button(QMessageBox.StandardButton.Save).click())
    form.close()
    assert asked and not form.isVisible()
    with database.read() as session:
        assert hh.get_household(session, actor, stored.id).address == "Jl. Baru 2"

    form = make_form(qtbot, database, actor, stored.id)
    type_into(qtbot, form.address_edit, "Jl. Dibuang")
    answer(QMessageBox, lambda b: b.button(QMessageBox.StandardButton.Discard).click())
    form.close()
    assert not form.isVisible()
    with database.read() as session:
        assert hh.get_household(session, actor, stored.id).address == "Jl. Baru 2"


# --------------------------------------------------------------------------- members


def test_mark_deceased_and_move_a_member_to_a_new_kk(qtbot, db):
    database, actor = db
    stored = save(database, actor, family(6, person(61, "Hasan", born=dt.date(1950, 1, 1)),
                                         person(62, "Umar", born=dt.date(1980, 2, 2),
                                                relationship="child"),
                                         person(63, "Nenek", sex="P", born=dt.date(1930, 3, 3),
                                                relationship="parent"))).household
    form = make_form(qtbot, database, actor, stored.id)
    nenek_row = [m.name for m in form.members.model.members()].index("Nenek")
    form.members.view.selectRow(nenek_row)
    qtbot.mouseClick(form.members.deceased_button, Qt.MouseButton.LeftButton)
    set_cell(qtbot, form, nenek_row, "deceased_date", dt.date(2024, 12, 1))
    assert form.save()

    umar_row = [m.name for m in form.members.model.members()].index("Umar")
    form.members.view.selectRow(umar_row)
    new_kk = make_kk("36.73.01", dt.date(2024, 1, 5), 77)

    def split(dialog: MoveMembersDialog) -> None:
        dialog.new_radio.setChecked(True)
        dialog.kk_edit.setText(new_kk)
        dialog._move()

    answer(MoveMembersDialog, split)
    with qtbot.waitSignals([form.saved, form.saved]):
        qtbot.mouseClick(form.members.move_button, Qt.MouseButton.LeftButton)
    assert [m.name for m in form.members.model.members()] == ["Hasan", "Nenek"]
    with database.read() as session:
        split_id = hh.find_household_id(session, actor, new_kk)
        new = hh.get_household(session, actor, split_id)
        old = hh.get_household(session, actor, stored.id)
    assert [(m.name, m.relationship) for m in new.members] == [("Umar", "head")]
    assert new.address == stored.address and old.members[1].deceased
    assert old.members[1].deceased_date == dt.date(2024, 12, 1)


# --------------------------------------------------------------------------- history, profile


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def test_history_panel_and_profile_with_attachments(qtbot, db, tmp_path):
    database, actor = db
    stored = save(database, actor, family(8)).household
    save(database, actor, replace(stored, address="Jl. Sesudah"), base=stored)
    form = make_form(qtbot, database, actor, stored.id)
    table = form.history.table
    newest = [table.item(0, c).text() for c in range(table.columnCount())]
    assert newest[1:] == ["demo-admin", "Changed", "Household", "Address",
                          "Jl. Mawar No. 3 → Jl. Sesudah"]

    profile = HouseholdProfile(database, actor, stored.id, today=TODAY)
    qtbot.addWidget(profile)
    profile.resize(1366, 768)
    profile.show()
    assert "Budi Santoso" in profile.title.text()
    assert profile.members_table.rowCount() == 2
    assert profile.no_proposals.isVisibleTo(profile)
    photo = tmp_path / "depan.jpg"
    photo.write_bytes(_jpeg())
    assert profile.add_file(photo, "photo_front") is not None
    item = profile.attachment_list.item(0)
    assert item.text() == "Photo: front" and not item.icon().isNull()
    big = tmp_path / "besar.jpg"
    big.write_bytes(b"\xff\xd8" + b"0" * (hh.MAX_ATTACHMENT_BYTES + 1))
    assert profile.add_file(big, "photo_back") is None
    assert "paling besar" in profile.attachment_message.text()
    assert profile.attachment_list.count() == 1
    profile.attachment_list.setCurrentRow(0)
    qtbot.mouseClick(profile.remove_button, Qt.MouseButton.LeftButton)
    assert profile.attachment_list.count() == 0
    form.history.load(stored.id)
    assert form.history.table.item(0, 2).text() == "Removed"
