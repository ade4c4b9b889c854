"""The import wizard and the Data menu's export, driven as an operator would (offscreen):
a messy file through every page, refusals shown in the report, a cancel on a real worker
thread while the window keeps responding, and the reference-list import."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget, QWizard

from db.actor import demo_admin
from db.models import Household, Member, ReferenceList
from desktop import ops
from desktop.imports import ExportDialog, make_runner
from tests.test_import_support import family_rows, person, snapshot, write_csv, write_xlsx
from widgets.import_wizard import ImportWizard
from .conftest import screenshot_dir

pytestmark = pytest.mark.gui
IMG = screenshot_dir()


@pytest.fixture
def sync():  # type: ignore[no-untyped-def]
    previous = ops.set_executor(ops.SynchronousExecutor())
    yield
    ops.set_executor(previous)


@pytest.fixture
def actor(sqlite_database):  # type: ignore[no-untyped-def]
    with sqlite_database.read() as session:
        return demo_admin(session)


def _wizard(qtbot, database, actor, kind="households") -> tuple[ImportWizard, list]:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    changes: list = []
    wizard = ImportWizard(database, actor, make_runner(owner, changes.append), kind=kind)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard, changes


def _grab(widget: QWidget, name: str) -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(IMG / name))


def test_a_messy_file_through_every_page(qtbot, sqlite_database, actor, sync, tmp_path):
    rows = family_rows(4, size=2)
    rows[6][5] = "31-02-1990"  # the last family has an impossible birth date
    path = write_xlsx(tmp_path / "dtsen.xlsx", rows,
                      above=[["DAFTAR KELUARGA DESIL 1-4"], ["KECAMATAN SERANG"], []])
    wizard, changes = _wizard(qtbot, sqlite_database, actor)
    imported: list = []
    wizard.imported.connect(imported.append)
    page = wizard.file_page
    assert not page.isComplete()
    page.open(str(path))
    assert page.isComplete() and "dtsen.xlsx" in page.status.text()

    wizard.next()
    assert wizard.currentPage() is wizard.sheet_page
    assert wizard.sheet_page.header_spin.value() == 4
    assert not wizard.sheet_page.two_rows.isChecked()
    assert wizard.sheet_page.sheet_combo.currentText() == "DTSEN"
    _grab(wizard, "import-wizard-sheet.png")

    wizard.next()
    mapping = wizard.mapping_page
    assert mapping.combos["nik"].currentText() == "NIK"
    assert mapping.combos["kelurahan"].currentText() == "KELURAHAN"
    assert mapping.combos["rt_rw"].currentIndex() == 0  # not in this file
    assert mapping.isComplete()
    _grab(wizard, "import-wizard-mapping.png")

    wizard.next()
    preview = wizard.preview_page
    assert preview.isComplete() and preview.table.rowCount() == 8
    assert preview.table.item(0, 1).text() in ("new", "baru")
    assert preview.table.item(6, 1).text() in ("rejected", "ditolak")
    _grab(wizard, "import-wizard-preview.png")

    wizard.next()
    report = wizard.report_page
    assert "8" in report.counts.text() and report.problems.rowCount() == 2
    assert report.problems.item(0, 0).text() == "11"
    assert report.problems.item(0, 1).text() == "TGL_LAHIR"
    assert not report.isComplete()  # rejected rows and all-or-nothing
    assert snapshot(sqlite_database)["households"] == 0
    report.valid_only.setChecked(True)
    assert report.isComplete()
    report.save_to(tmp_path / "laporan.xlsx")
    assert (tmp_path / "laporan.xlsx").exists()
    _grab(wizard, "import-wizard-report.png")

    wizard.next()
    result = wizard.import_page.result.text()
    assert wizard.import_page.isComplete() and "6" in result
    assert len(imported) == 1 and imported[0].counts.inserted == 6
    assert changes and changes[-1].register
    assert snapshot(sqlite_database)["households"] == 3
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_bad_files_stop_on_the_first_page_with_the_reason(qtbot, sqlite_database, actor, sync,
                                                          tmp_path):
    wizard, _changes = _wizard(qtbot, sqlite_database, actor)
    pdf = tmp_path / "data.xlsx"
    pdf.write_bytes(b"%PDF-1.5 not a table")
    wizard.file_page.open(str(pdf))
    assert not wizard.file_page.isComplete()
    assert "dokumen PDF" in wizard.file_page.status.text()

    no_nik = write_xlsx(tmp_path / "tanpa-nik.xlsx", [["3673011204950001", "BUDI", "Cipare"]],
                        header=["NOMOR", "NAMA", "KELURAHAN"])
    wizard.file_page.open(str(no_nik))
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert not wizard.mapping_page.isComplete()
    assert "NIK" in wizard.mapping_page.missing.text()
    # The operator points the NIK field at a column by hand: the page lets them go on.
    wizard.mapping_page.combos["nik"].setCurrentIndex(1)
    assert wizard.mapping_page.isComplete()


def test_a_saved_mapping_is_loaded_back(qtbot, sqlite_database, actor, sync, tmp_path):
    header = ["Nomor Induk", *[h.title() for h in
                               ("NO_KK", "NAMA", "JK", "TEMPAT", "TGL_LAHIR", "SHDK")]]
    rows = [r[:7] for r in family_rows(2, size=2)]
    path = write_xlsx(tmp_path / "a.xlsx", rows, header=header)
    wizard, _changes = _wizard(qtbot, sqlite_database, actor)
    wizard.file_page.open(str(path))
    wizard.next()
    wizard.next()
    page = wizard.mapping_page
    assert page.combos["nik"].currentIndex() == 0
    page.combos["nik"].setCurrentIndex(1)
    page.save_to(tmp_path / "peta.json")
    page.combos["nik"].setCurrentIndex(0)
    page.load_from(tmp_path / "peta.json")
    assert page.combos["nik"].currentText() == "Nomor Induk"
    assert page.mapping().columns["nik"] == "Nomor Induk"


def test_cancel_on_a_worker_thread_keeps_the_window_responsive(qtbot, sqlite_database, actor,
                                                               tmp_path):
    path = write_csv(tmp_path / "besar.csv", family_rows(4000, size=2))
    wizard, _changes = _wizard(qtbot, sqlite_database, actor)
    wizard.file_page.open(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=30_000)
    wizard.next()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=60_000)
    wizard.next()
    before = snapshot(sqlite_database)

    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    stages = []
    original = wizard.runner

    def spying_runner(work, **kwargs):  # type: ignore[no-untyped-def]
        def held_work(job):  # type: ignore[no-untyped-def]
            # Hold the worker until the operator has pressed Cancel, so the cancel lands
            # inside the import (deterministically) rather than before or after it.
            stages.append("started")
            for _ in range(1000):
                if job.cancelled():
                    break
                time.sleep(0.01)
            return work(job)
        return original(held_work, **kwargs)

    wizard.runner = spying_runner
    wizard.next()  # the import starts on a worker thread
    busy = wizard.import_page.busy
    assert busy.running
    qtbot.waitUntil(lambda: bool(stages), timeout=10_000)
    # The event loop keeps running while the worker holds the import (the worker waits
    # for the cancel, so this cannot pass by the import simply being quick).
    qtbot.waitUntil(lambda: len(ticks) > 3, timeout=10_000)
    busy.cancel_button.click()
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=60_000)
    timer.stop()
    assert wizard.import_page.result.text() in (
        "Import cancelled; the register was not changed.",
        "Impor dibatalkan; register tidak diubah.")
    assert busy.running is False
    assert snapshot(sqlite_database) == before


def test_reference_list_through_the_wizard(qtbot, sqlite_database, actor, sync, tmp_path):
    rows = [[person(i)["nik"], f"PESERTA {i}", "PBI APBD"] for i in range(5)]
    path = write_xlsx(tmp_path / "pbi.xlsx", rows, header=["NIK", "NAMA", "SEGMEN"])
    wizard, _changes = _wizard(qtbot, sqlite_database, actor, kind="coverage")
    wizard.file_page.open(str(path))
    wizard.next()
    wizard.next()
    assert wizard.mapping_page.combos["segment"].currentText() == "SEGMEN"
    assert not wizard.mapping_page.scheme_combo.isVisible()
    wizard.next()
    assert wizard.preview_page.table.rowCount() == 5
    wizard.next()
    assert wizard.report_page.isComplete()
    wizard.next()
    assert wizard.import_page.isComplete()
    with sqlite_database.read() as session:
        lists = session.execute(sa.select(ReferenceList.kind, ReferenceList.row_count)).all()
    assert lists == [("coverage", 5)]


def test_export_dialog_offers_columns_per_subject_and_format(qtbot, sqlite_database, actor,
                                                             sync, tmp_path):
    from db.regions import kota_serang_codes, list_regions, upsert_codes

    with sqlite_database.write() as session:
        upsert_codes(session, kota_serang_codes())
        regions = list_regions(session)
    dialog = ExportDialog(regions, ["households", "members", "proposals"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.subject() == "households"
    assert "NO_KK" in [dialog.columns.item(i).text() for i in range(dialog.columns.count())]
    dialog.subject_combo.setCurrentIndex(1)  # members: no GIS formats
    formats = [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())]
    assert formats == ["xlsx", "csv"]
    dialog.subject_combo.setCurrentIndex(0)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("gpkg"))
    assert dialog.chosen_columns()[:2] == ["no_kk", "head_name"]
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("36.73.01"))
    dialog.desil_spin.setValue(4)
    flt = dialog.export_filter()
    assert (flt.region, flt.desil_max, flt.states) == ("36.73.01", 4, ())
    _grab(dialog, "export-dialog.png")

    path = write_xlsx(tmp_path / "a.xlsx", family_rows(2, size=2))
    from db.imports.households import import_households

    import_households(sqlite_database, actor, path)
    with sqlite_database.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Member)) == 4
        assert session.scalar(sa.select(sa.func.count()).select_from(Household)) == 2


def test_the_result_says_how_many_families_were_checked_again(qtbot, sqlite_database, actor,
                                                              sync, tmp_path):
    """A re-import that changes a family with an active proposal re-runs its desk checks;
    the wizard's last page says so."""
    from db.imports import households as H
    from tests.test_import_rechecks import JOB, _member, _pbi_period, _propose

    rows = family_rows(2, size=2)
    H.import_households(sqlite_database, actor, write_xlsx(tmp_path / "a.xlsx", rows))
    member_id, _household = _member(sqlite_database, rows[0][0])
    _propose(sqlite_database, actor, _pbi_period(sqlite_database, actor), member_id)
    rows[1][JOB] = "PNS"  # the proposed family's wife, by the next extract
    wizard, _changes = _wizard(qtbot, sqlite_database, actor)
    wizard.file_page.open(str(write_xlsx(tmp_path / "b.xlsx", rows)))
    for _page in range(4):  # sheet, mapping, preview, report
        wizard.next()
    wizard.next()  # import
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=30_000)
    result = wizard.import_page.result.text()
    assert "1 changed" in result or "1 diubah" in result, result
    assert ("run again for 1 families" in result
            or "Pemeriksaan meja diulang untuk 1 keluarga" in result), result
