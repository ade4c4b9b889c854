"""The Letters menu on a real SQLite file with real widgets: issue, preview, print, registry."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QObject, QSettings
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox

from db import letters as registry
from db import settings
from db.actor import Actor, demo_admin, load_actor
from db.engine import Database
from db.models import User, UserRole
from desktop import app, dialogs, i18n, ops
from desktop import auth as desktop_auth
from desktop.letters import (
    CERTIFICATE_PATH_KEY,
    ChecklistDialog,
    IssueLetterDialog,
    LettersController,
    LetterSettingsDialog,
    PreviewDialog,
    RegistryDialog,
    install,
)
from reports import signing
from reports.letter import build_letter
from tests.letter_data import SIGNATORY_NAME, SIGNATORY_NIP, configure_office, seed
from tests.test_letters_pdf import _document, _rows
from widgets.pdf_preview import PdfPreview

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def isolated(qapp, tmp_path: Path, monkeypatch) -> Iterator[list]:  # type: ignore[no-untyped-def]
    """Inline operations, Indonesian, throw-away settings; message boxes recorded, not shown."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "config"))
    previous = ops.set_executor(ops.SynchronousExecutor())
    shown: list = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, error, **kw: shown.append(error))
    monkeypatch.setattr(dialogs, "inform",
                        lambda parent, title, text, **kw: shown.append((title, text, kw)))
    i18n.install("id")
    yield shown
    i18n.install("en")
    ops.set_executor(previous)


@pytest.fixture
def actor(sqlite_database: Database) -> Actor:
    with sqlite_database.read() as session:
        return demo_admin(session)


@pytest.fixture
def office(sqlite_database: Database, actor: Actor):  # type: ignore[no-untyped-def]
    configure_office(sqlite_database, actor)
    return seed(sqlite_database, households=4, photos=True)


@pytest.fixture
def controller(qtbot, sqlite_database: Database, actor: Actor, tmp_path: Path
               ) -> LettersController:
    window = app.build_main_window(sqlite_database, actor, settings=QSettings(
        str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    found = window.findChild(QObject, "lettersController")
    return found if isinstance(found, LettersController) else install(window)


def _issue_dialog(controller: LettersController, type_code: str) -> IssueLetterDialog:
    controller.issue()
    dialog = controller.last_dialog
    assert isinstance(dialog, IssueLetterDialog)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(type_code))
    return dialog


def test_menu_holds_the_letter_actions(controller: LettersController) -> None:
    menu = controller.window.menus["letters"]
    names = {a.objectName() for a in menu.actions()}
    assert {"issueLetterAction", "letterRegistryAction", "verifyLetterAction",
            "officeCertificateAction", "letterSettingsAction"} <= names
    assert menu.menuAction().isEnabled()
    proposals = {a.objectName() for a in controller.window.menus["proposals"].actions()}
    assert "checklistAction" in proposals
    assert controller.issue_action.text() == "&Terbitkan surat…"


def test_issue_from_the_dialog_opens_the_preview(controller, office, sqlite_database) -> None:
    dialog = _issue_dialog(controller, "usulan-pbi")
    assert dialog.period_combo.count() == 1  # only the PBI period fits this letter
    assert "8 usulan" in dialog.count_label.text()
    dialog.kelurahan_combo.setCurrentIndex(dialog.kelurahan_combo.findData("36.73.01.1002"))
    assert "4 usulan" in dialog.count_label.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    preview = controller.last_dialog
    assert isinstance(preview, PreviewDialog)
    assert preview.preview.page_count() == 2
    assert "400.9/001/Kec.Srg" in preview.summary.text()
    with sqlite_database.read() as session:
        (row,) = registry.list_letters(session, controller.window.actor)
    assert row.proposal_count == 4 and preview.preview.pdf_bytes() != b""
    with sqlite_database.write() as session:
        _, stored = registry.letter_pdf(session, controller.window.actor, row.id)
    assert stored == preview.preview.pdf_bytes()


def test_signed_issue_clears_the_passphrase(controller, office, tmp_path, isolated) -> None:
    p12 = tmp_path / "kantor.p12"
    p12.write_bytes(signing.create_office_certificate(
        name=SIGNATORY_NAME, nip=SIGNATORY_NIP, office="Kecamatan Serang",
        passphrase="rahasia-kantor"))
    dialog = _issue_dialog(controller, "rekomendasi-rtlh")
    dialog.sign_group.setChecked(True)
    dialog.certificate_edit.setText(str(p12))
    dialog.passphrase_edit.setText("salah-sandi")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.passphrase_edit.text() == ""
    assert isolated and "kata sandi salah" in isolated[-1].message
    assert controller.last_dialog is dialog  # no preview: nothing was issued
    dialog = _issue_dialog(controller, "rekomendasi-rtlh")
    assert dialog.certificate_edit.text() == str(p12)  # the path is remembered...
    assert controller.window.settings.value(CERTIFICATE_PATH_KEY) == str(p12)
    dialog.sign_group.setChecked(True)
    dialog.passphrase_edit.setText("rahasia-kantor")  # ...the passphrase never is
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    preview = controller.last_dialog
    assert isinstance(preview, PreviewDialog)
    assert SIGNATORY_NAME in preview.summary.text()
    assert "400.9/001/Kec.Srg" in preview.summary.text()  # the refused try used no number
    controller.window.settings.sync()
    stored = Path(controller.window.settings.fileName()).read_bytes()
    assert str(p12).encode() in stored and b"rahasia-kantor" not in stored


def test_registry_reprint_and_withdraw(controller, office, sqlite_database) -> None:
    _issue_dialog(controller, "usulan-pbi").accept()
    controller.open_registry()
    dialog = controller.last_dialog
    assert isinstance(dialog, RegistryDialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "berlaku"
    dialog.table.selectRow(0)
    dialog.open_selected()
    preview = controller.last_dialog
    assert isinstance(preview, PreviewDialog) and preview.preview.page_count() == 2
    controller.withdraw(dialog.rows[0].id, "salah alamat tujuan", done=dialog.reload)
    assert dialog.table.item(0, 3).text() == "ditarik"


def test_checklists_from_the_dialog(controller, sqlite_database, actor) -> None:
    configure_office(sqlite_database, actor)
    seed(sqlite_database, households=4, states=("in_field",))
    controller.checklists()
    dialog = controller.last_dialog
    assert isinstance(dialog, ChecklistDialog)
    dialog.kelurahan_combo.setCurrentIndex(dialog.kelurahan_combo.findData("36.73.01.1002"))
    dialog.accept()
    preview = controller.last_dialog
    assert isinstance(preview, PreviewDialog) and preview.preview.page_count() == 2
    assert "Cipare" in preview.summary.text()


def test_verify_reports_in_words(controller, office, tmp_path, isolated) -> None:
    _issue_dialog(controller, "usulan-pbi").accept()
    preview = controller.last_dialog
    path = tmp_path / "surat.pdf"
    preview.preview.save_to(path)
    controller.verify_file(path)
    title, _text, extra = isolated[-1]
    assert title == "Belum dapat dipastikan asli"  # unsigned: not genuine by definition
    assert "tidak ada tanda tangan digital" in extra["informative"]


def test_pdf_preview_saves_the_same_bytes_and_prints_every_page(qtbot, tmp_path) -> None:
    pdf = build_letter(_document(_rows(150))).pdf
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.set_pdf(pdf, "surat.pdf")
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert widget.page_count() == pages
    assert widget.page_total.text() == f" dari {pages}"
    target = tmp_path / "disimpan.pdf"
    with qtbot.waitSignal(widget.saved):
        widget.save_to(target)
    assert target.read_bytes() == pdf
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cetak.pdf"))
    printer.setResolution(96)
    assert widget.render_to_printer(printer) == pages
    assert len(pypdf.PdfReader(tmp_path / "cetak.pdf").pages) == pages
    printer.setOutputFileName(str(tmp_path / "cetak2.pdf"))
    printer.setFromTo(2, 3)
    assert widget.render_to_printer(printer) == 2
    widget.page_spin.setValue(3)
    assert widget.view.pageNavigator().currentPage() == 2


def test_numbering_and_template_settings_are_checked_before_saving(controller, office,
                                                                   sqlite_database) -> None:
    controller.letter_settings()
    dialog = controller.last_dialog
    assert isinstance(dialog, LetterSettingsDialog)
    assert "400.9/007/Kec.Srg/" in dialog.example.text()
    dialog.pattern_edit.setText("400.9/{seq:03}/Kec.Srg")
    assert "{year}" in dialog.example.text()
    dialog.save()
    assert "{year}" in dialog.error.text()
    dialog.pattern_edit.setText("470/{seq:04}/{unit}/{year}")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("rekap"))
    dialog.editor.setPlainText(dialog.editor.toPlainText().replace("{period}", "{periode}"))
    dialog.save()
    assert "{periode}" in dialog.error.text() and "baris" in dialog.error.text()
    with sqlite_database.read() as session:
        assert settings.get(session, "letters.number_template").startswith("{classification}")
    dialog.restore_bundled()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("usulan-pbi"))
    dialog.editor.setPlainText(dialog.editor.toPlainText().replace(
        "sifat: Penting", "sifat: Segera"))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    with sqlite_database.read() as session:
        assert settings.get(session, "letters.number_template") == "470/{seq:04}/{unit}/{year}"
        assert "sifat: Segera" in settings.get(session, "letters.template.usulan-pbi")
        assert settings.get(session, "letters.template.rekap") == ""  # bundled wording kept
    _issue_dialog(controller, "usulan-pbi").accept()
    preview = controller.last_dialog
    assert "470/0001/Kec.Srg/" in preview.summary.text()
    text = pypdf.PdfReader(io.BytesIO(preview.preview.pdf_bytes())).pages[0].extract_text()
    assert "Segera" in text


def test_a_field_officer_sees_checklists_but_no_letter_actions(qtbot, sqlite_database,
                                                                tmp_path) -> None:
    with sqlite_database.write() as session:
        user = User(username="petugas", full_name="Petugas Lapangan")
        session.add(user)
        session.flush()
        session.add(UserRole(user_id=user.id, role_code="field_officer"))
    with sqlite_database.read() as session:
        officer = load_actor(session, "petugas")
    window = app.build_main_window(sqlite_database, officer, settings=QSettings(
        str(tmp_path / "petugas.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    desktop_auth.apply_permissions(window, officer)
    controller = window.findChild(QObject, "lettersController")
    assert controller.checklist_action.isVisible()
    for action in (controller.issue_action, controller.registry_action,
                   controller.verify_action, controller.certificate_action,
                   controller.settings_action):
        assert not action.isVisible(), action.objectName()
    assert not window.menus["letters"].menuAction().isVisible()
