"""Register extracts and proposal lists as .xlsx and CSV, read back; the BNBA template;
permissions, masking and the audit record of every export."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
import python_calamine
import sqlalchemy as sa
from openpyxl import load_workbook

from db import settings
from db.actor import Actor
from db.errors import PermissionDenied, TepatError, ValidationFailed
from db.exports.columns import ExportFilter
from db.exports.export import export
from db.exports.tables import ProposalTemplate, TemplateColumn, default_template
from db.imports.households import import_households
from db.models import AuditEvent, Household, Member, Period, Program, Proposal
from tests.test_import_support import family_rows, snapshot, write_csv


@pytest.fixture
def register(database, actor, tmp_path):  # type: ignore[no-untyped-def]
    rows = family_rows(6, size=2)
    rows[0][2] = "=HYPERLINK(\"http://contoh\")"  # a name that would be a formula in Excel
    # CSV: an .xlsx cell starting with "=" would be a formula, not a name.
    import_households(database, actor, write_csv(tmp_path / "dtsen.csv", rows))
    return rows


def _proposals(database, rows) -> None:  # type: ignore[no-untyped-def]
    with database.write() as session:
        program = session.scalar(sa.select(Program).where(Program.code == "pbi-jk"))
        period = Period(program_id=program.id, name="PBI APBD 2025 TAHAP 2", year=2025)
        session.add(period)
        session.flush()
        for i, row in enumerate(rows[:6:2]):  # the heads of three families
            member = session.scalar(sa.select(Member).where(Member.nik == row[0]))
            session.add(Proposal(program_id=program.id, period_id=period.id,
                                 household_id=member.household_id, member_id=member.id,
                                 state="approved" if i < 2 else "draft",
                                 reason=f"alasan {i}", priority_score=80.0 - i))


def _events(database) -> list:  # type: ignore[no-untyped-def]
    with database.read() as session:
        return session.execute(
            sa.select(AuditEvent.entity, AuditEvent.new_value, AuditEvent.reason)
            .where(AuditEvent.action == "export").order_by(AuditEvent.id)).all()


def test_members_extract_reads_back_and_imports_back_unchanged(database, actor, register,
                                                               tmp_path):
    out = tmp_path / "anggota.xlsx"
    result = export(database, actor, "members", "xlsx", out,
                    columns=["nik", "no_kk", "name", "sex", "birth_date", "relationship",
                             "address", "rt", "rw", "kelurahan", "desil", "latitude",
                             "longitude"])
    assert result.rows == 12
    sheet = load_workbook(out)["Anggota Keluarga"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:4] == ("NIK", "NO_KK", "NAMA", "JENIS_KELAMIN")
    assert values[1][0] == register[0][0] and isinstance(values[1][0], str)
    assert values[1][2] == register[0][2].upper() and sheet["C2"].data_type == "s"
    assert values[1][4] == dt.datetime.strptime(register[0][5], "%d-%m-%Y")
    assert sheet["E2"].number_format == "DD-MM-YYYY"
    assert values[1][5] == "KEPALA KELUARGA" and values[2][5] == "ISTRI/SUAMI"
    # python-calamine (what the import uses) reads it the same way.
    read = python_calamine.CalamineWorkbook.from_path(out).get_sheet_by_index(0).to_python()
    assert read[1][0] == register[0][0]

    before = snapshot(database)
    again = import_households(database, actor, out)
    assert (again.counts.unchanged, again.counts.inserted, again.counts.updated) == (12, 0, 0)
    assert snapshot(database)["household_versions"] == before["household_versions"]


def test_households_csv_with_filters_and_formula_safety(database, actor, register, tmp_path):
    out = tmp_path / "keluarga.csv"
    result = export(database, actor, "households", "csv", out, delimiter=";",
                    flt=ExportFilter(region="36.73.01.1002", desil_max=5))
    with out.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh, delimiter=";"))
    assert lines[0] == ["NO_KK", "NIK_KEPALA", "NAMA_KEPALA", "ALAMAT", "RT/RW", "KELURAHAN",
                        "DESIL", "JUMLAH_ANGGOTA"]
    # Families 0 (Cipare, desil 1) and 6 would match; only family 0 exists in Cipare.
    assert result.rows == 1 and lines[1][0] == register[0][1]
    assert lines[1][2].startswith("'=HYPERLINK") and lines[1][7] == "2"
    assert lines[1][4] == f"{register[0][9]}/{register[0][10]}"


def test_proposal_list_in_the_bnba_layout(database, actor, register, tmp_path):
    _proposals(database, register)
    with database.write() as session:
        settings.update(session, actor, {"signatory.name": "H. AHMAD SYAFII",
                                         "signatory.nip": "197001011990031001",
                                         "letterhead.office": "KECAMATAN SERANG"})
    out = tmp_path / "usulan.xlsx"
    result = export(database, actor, "proposals", "xlsx", out,
                    flt=ExportFilter(program="pbi-jk", states=("approved",)))
    assert result.rows == 2
    book = load_workbook(out)
    sheet = book["Usulan"]
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0][0] == "DAFTAR USULAN CALON PENERIMA PBI JAMINAN KESEHATAN"
    assert cells[1][0] == "KECAMATAN SERANG" and cells[2][0] == "PBI APBD 2025 TAHAP 2"
    header = cells[4]
    assert header == ("NO", "NIK", "NO. KK", "NAMA", "ALAMAT", "RT/RW", "KELURAHAN",
                      "KETERANGAN")
    assert cells[5][:4] == (1, register[0][0], register[0][1], register[0][2].upper())
    assert cells[6][0] == 2 and cells[6][7] == "alasan 1"
    assert sheet.cell(6, 2).number_format == "@"
    footer = [row[5] for row in cells[8:] if row[5]]
    assert footer[0].startswith("Serang, ") and "CAMAT SERANG" in footer
    assert "H. AHMAD SYAFII" in footer and "NIP. 197001011990031001" in footer
    assert sheet.print_title_rows == "$5:$5"  # the header repeats on every printed page
    assert sheet.page_setup.orientation == "landscape"
    entity, file_name, reason = _events(database)[-1]
    assert (entity, file_name) == ("proposals", "usulan.xlsx")
    assert reason.startswith("xlsx: 2 baris; kolom NO, NIK, NO_KK, NAMA")
    assert "program pbi-jk; status approved" in reason


def test_a_template_from_json(database, actor, register, tmp_path):
    _proposals(database, register)
    template = ProposalTemplate(title=["USULAN {program} ({count} orang)"],
                                columns=[TemplateColumn("no", "No."),
                                         TemplateColumn("name", "Nama Lengkap", 30),
                                         TemplateColumn("desil", "Desil")],
                                footer=[], landscape=False)
    template.save(tmp_path / "templat.json")
    loaded = ProposalTemplate.load(tmp_path / "templat.json")
    assert loaded == template
    out = tmp_path / "u.xlsx"
    export(database, actor, "proposals", "xlsx", out, template=loaded)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "USULAN PBI JAMINAN KESEHATAN (3 orang)"
    assert rows[2] == ("No.", "Nama Lengkap", "Desil") and rows[3][2] == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tepat-export-template", "version": 1, '
                   '"columns": [{"field": "gaji"}]}')
    with pytest.raises(ValidationFailed, match="bidang 'gaji' tidak dikenal"):
        ProposalTemplate.load(bad)
    assert default_template().columns[1].field == "nik"


def test_permissions_masking_and_audit(database, actor, register, tmp_path):
    _proposals(database, register)
    officer = Actor(actor.user_id, actor.username, frozenset({"field_officer"}))
    with pytest.raises(PermissionDenied, match="mengekspor data keluarga"):
        export(database, officer, "households", "csv", tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
    reviewer = Actor(actor.user_id, actor.username, frozenset({"reviewer"}))
    out = tmp_path / "review.csv"
    export(database, reviewer, "proposals", "csv", out, columns=["nik", "name"])
    with out.open(encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh))
    assert lines[1][0] == register[0][0][:4] + "********" + register[0][0][12:]
    with pytest.raises(ValidationFailed, match="kolom tidak dikenal untuk households: gaji"):
        export(database, actor, "households", "csv", tmp_path / "y.csv", columns=["gaji"])
    with pytest.raises(TepatError, match="tidak ada"):
        export(database, actor, "households", "csv", tmp_path / "nope" / "z.csv")
    events = _events(database)
    assert [(e.entity, e.new_value) for e in events] == [("proposals", "review.csv")]
    assert not list(tmp_path.glob(".tepat-export-*"))
    with database.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Household)) == 6


@pytest.mark.parametrize("in_list_max", [900, 1], ids=["in-list", "filtered-in-python"])
def test_only_the_households_selected_on_the_map(database, actor, register, tmp_path,
                                                 monkeypatch, in_list_max):
    """An export limited to some households (the map's selection) carries those families,
    their members and their proposals only, whether the ids fit an IN list or not."""
    from db.exports import columns

    monkeypatch.setattr(columns, "IN_LIST_MAX", in_list_max)
    _proposals(database, register)
    with database.read() as session:
        chosen = {r.household_id: r.no_kk for r in session.execute(
            sa.select(Member.household_id, Household.no_kk)
            .join(Household, Household.id == Member.household_id)
            .where(Member.nik.in_([register[0][0], register[4][0]])))}
    flt = ExportFilter(household_ids=frozenset(chosen))
    out = tmp_path / "pilihan.csv"
    families = export(database, actor, "households", "csv", out, columns=["no_kk"], flt=flt)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        kks = {line[0] for line in list(csv.reader(fh))[1:]}
    members = export(database, actor, "members", "csv", tmp_path / "anggota.csv",
                     columns=["nik"], flt=flt)
    proposals = export(database, actor, "proposals", "csv", tmp_path / "usulan.csv",
                       columns=["nik"], flt=flt)
    assert families.rows == 2 and kks == set(chosen.values())
    assert members.rows == 4 and proposals.rows == 2  # two members each; heads proposed
    assert "2 keluarga terpilih" in _events(database)[-1].reason
