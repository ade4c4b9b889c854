"""The settings dialog on a real SQLite file: office settings saved through db.settings,
refused input shown under its field with nothing saved, and this computer's settings."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog

from db import settings as office_settings
from db.actor import Actor, demo_admin
from db.engine import Database, sqlite_url
from db.regions import kota_serang_codes, upsert_codes
from desktop import app, i18n
from desktop.ops import Changes
from desktop.settings_dialog import DATABASE_URL_KEY, EMBLEM_MAX_PX, SettingsDialog

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("gui_isolated")]


@pytest.fixture
def local(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def actor(sqlite_database: Database) -> Actor:
    with sqlite_database.write() as session:
        upsert_codes(session, kota_serang_codes())
    with sqlite_database.read() as session:
        return demo_admin(session)


@pytest.fixture
def dialog(qtbot, sqlite_database: Database, actor: Actor, local: QSettings
           ) -> tuple[SettingsDialog, list[Changes]]:
    broadcast: list[Changes] = []
    dlg = SettingsDialog(sqlite_database, actor, local, notify=broadcast.append)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg, broadcast


def stored(database: Database) -> dict:
    with database.read() as session:
        return office_settings.get_all(session)


def click_save(qtbot, dlg: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    assert dlg.save_button.isEnabled()
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)


def test_loads_the_stored_settings(dialog, sqlite_database: Database) -> None:
    dlg, _ = dialog
    values = stored(sqlite_database)
    assert dlg.letterhead_page.government_edit.text() == values["letterhead.government"]
    assert dlg.signatory_page.position_edit.text() == values["signatory.position"]
    assert dlg.office_page.kecamatan_combo.currentData() == values["office.kecamatan_code"]
    assert dlg.office_page.kecamatan_combo.count() == 6
    assert [dlg.page_list.item(i).text() for i in range(dlg.page_list.count())] == [
        "Kantor", "Kop Surat", "Penanda Tangan", "Basis Data", "Bahasa"]


def test_saves_letterhead_and_signatory(qtbot, dialog, sqlite_database: Database,
                                        tmp_path: Path) -> None:
    dlg, broadcast = dialog
    emblem = QImage(900, 1200, QImage.Format.Format_ARGB32)
    emblem.fill(QColor("darkgreen"))
    emblem_file = tmp_path / "lambang.png"
    assert emblem.save(str(emblem_file))

    letterhead, signatory = dlg.letterhead_page, dlg.signatory_page
    letterhead.address_edit.setText("Jl. Ki Mas Jong No. 1, Serang 42111")
    letterhead.phone_edit.setText("(0254) 200000")
    letterhead.email_edit.setText("kec.serang@serangkota.go.id")
    assert letterhead.load_emblem_file(emblem_file)
    signatory.name_edit.setText("Drs. H. Ahmad Fauzi, M.Si.")
    signatory.rank_edit.setText("Pembina Tingkat I (IV/b)")
    signatory.nip_edit.setText("197001011990031001")
    click_save(qtbot, dlg)

    assert dlg.result() == SettingsDialog.DialogCode.Accepted
    values = stored(sqlite_database)
    assert values["letterhead.address"] == "Jl. Ki Mas Jong No. 1, Serang 42111"
    assert values["letterhead.phone"] == "(0254) 200000"
    assert values["letterhead.email"] == "kec.serang@serangkota.go.id"
    assert values["signatory.name"] == "Drs. H. Ahmad Fauzi, M.Si."
    assert values["signatory.rank"] == "Pembina Tingkat I (IV/b)"
    assert values["signatory.nip"] == "197001011990031001"
    png = base64.b64decode(values["letterhead.emblem_png_base64"])
    assert png.startswith(b"\x89PNG")
    saved = QImage.fromData(png)
    assert (saved.width(), saved.height()) == (EMBLEM_MAX_PX * 900 // 1200, EMBLEM_MAX_PX)
    assert broadcast == [Changes(settings=True)]


def test_invalid_nip_is_shown_under_its_field_and_nothing_is_saved(
        qtbot, dialog, sqlite_database: Database) -> None:
    dlg, broadcast = dialog
    before = stored(sqlite_database)
    dlg.letterhead_page.address_edit.setText("Jl. Baru No. 2")
    dlg.signatory_page.name_edit.setText("Siti Aminah")
    dlg.signatory_page.nip_edit.setText("19700101199003")  # 14 digits
    click_save(qtbot, dlg)

    error = dlg.signatory_page.errors["signatory.nip"]
    assert error.isVisible()
    assert "18" in error.text()
    assert dlg.general_error.isVisible()
    assert dlg.general_error.text().startswith("Tidak ada yang disimpan")
    assert dlg.stack.currentWidget() is dlg.signatory_page
    assert dlg.isVisible() and dlg.result() != SettingsDialog.DialogCode.Accepted
    assert stored(sqlite_database) == before
    assert broadcast == []
    # Correcting the NIP clears the message and saves everything entered.
    dlg.signatory_page.nip_edit.setText("197001011990032002")
    click_save(qtbot, dlg)
    assert error.text() == "" and dlg.result() == SettingsDialog.DialogCode.Accepted
    after = stored(sqlite_database)
    assert after["signatory.name"] == "Siti Aminah"
    assert after["letterhead.address"] == "Jl. Baru No. 2"


def test_changing_the_office_kecamatan_updates_the_main_window(
        qtbot, sqlite_database: Database, actor: Actor, local: QSettings) -> None:
    window = app.build_main_window(sqlite_database, actor, settings=local)
    qtbot.addWidget(window)
    assert window.office_label.text() == "Kantor: Kecamatan Serang"
    dlg = SettingsDialog(sqlite_database, actor, local, notify=window.changed.emit,
                         parent=window)
    combo = dlg.office_page.kecamatan_combo
    combo.setCurrentIndex(combo.findData("36.73.02"))
    click_save(qtbot, dlg)
    assert stored(sqlite_database)["office.kecamatan_code"] == "36.73.02"
    assert window.office_label.text() == "Kantor: Kecamatan Kasemen"
    assert window.region_tree.item_for("36.73.02").font(0).bold()


def test_an_unreadable_emblem_file_is_refused(dialog, tmp_path: Path) -> None:
    dlg, _ = dialog
    not_an_image = tmp_path / "lambang.png"
    not_an_image.write_text("teks biasa")
    assert not dlg.letterhead_page.load_emblem_file(not_an_image)
    error = dlg.letterhead_page.errors["letterhead.emblem_png_base64"]
    assert "lambang.png" in error.text()
    assert dlg.letterhead_page.emblem_base64 == ""


def test_database_page_tests_connections_and_saves_the_url(
        qtbot, dialog, sqlite_database: Database, local: QSettings, tmp_path: Path) -> None:
    dlg, _ = dialog
    page = dlg.database_page
    page.url_edit.setText(sqlite_url(sqlite_database.sqlite_path))
    page.test_button.click()
    assert page.result_label.text().startswith("Terhubung ke SQLite:")
    assert "mutakhir" in page.result_label.text()

    broken = tmp_path / "rusak.sqlite3"
    broken.write_bytes(b"not a database")
    page.url_edit.setText(sqlite_url(broken))
    page.test_button.click()
    assert page.result_label.text().startswith("Tidak dapat terhubung:")
    assert broken.read_bytes() == b"not a database"

    missing = tmp_path / "belum-ada.sqlite3"
    page.url_edit.setText(sqlite_url(missing))
    page.test_button.click()
    assert "belum ada; Tepat akan membuatnya" in page.result_label.text()
    assert not missing.exists(), "testing a connection must not create a database"

    page.url_edit.setText("bukan url")
    page.test_button.click()
    assert "bukan URL basis data" in page.result_label.text()

    page.url_edit.setText(sqlite_url(tmp_path / "lain.sqlite3"))
    click_save(qtbot, dlg)
    assert local.value(DATABASE_URL_KEY) == sqlite_url(tmp_path / "lain.sqlite3")


def test_language_page_switches_the_running_interface(qtbot, sqlite_database: Database,
                                                      actor: Actor, local: QSettings) -> None:
    window = app.build_main_window(sqlite_database, actor, settings=local)
    qtbot.addWidget(window)
    dlg = SettingsDialog(sqlite_database, actor, local, notify=window.changed.emit,
                         parent=window)
    combo = dlg.language_page.language_combo
    assert combo.currentData() == "id"
    combo.setCurrentIndex(combo.findData("en"))
    click_save(qtbot, dlg)
    assert local.value(i18n.LANGUAGE_KEY) == "en"
    assert i18n.current_language() == "en"
    assert window.menus["file"].title() == "&File"
    assert window.office_label.text() == "Office: Kecamatan Serang"


def test_a_non_administrator_reads_the_office_pages_and_saves_only_this_computer(
        qtbot, sqlite_database: Database, actor: Actor, local: QSettings) -> None:
    """The service refuses office settings to an operator; the dialog says so up front
    instead of letting them edit and fail on Save, and their local settings still save."""
    operator = Actor(actor.user_id, "operator", frozenset({"operator"}))
    before = stored(sqlite_database)
    dlg = SettingsDialog(sqlite_database, operator, local)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(dlg.save_button.isEnabled)
    for page in (dlg.office_page, dlg.letterhead_page, dlg.signatory_page):
        assert not page.isEnabled()
    assert dlg.read_only_note.isVisible() and "administrator" in dlg.read_only_note.text()
    assert dlg.letterhead_page.government_edit.text() == before["letterhead.government"]
    dlg.page_list.setCurrentRow(dlg.pages.index(dlg.language_page))
    assert dlg.language_page.isEnabled() and not dlg.read_only_note.isVisible()
    combo = dlg.language_page.language_combo
    combo.setCurrentIndex(combo.findData("en"))
    click_save(qtbot, dlg)
    qtbot.waitUntil(lambda: local.value(i18n.LANGUAGE_KEY) == "en")
    assert stored(sqlite_database) == before
    assert dlg.result() == QDialog.DialogCode.Accepted
