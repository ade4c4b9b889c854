"""Reference lists on a real database: coverage, housing aid, ASN/TNI/Polri; a newer list
replaces the older one atomically, the same list again changes nothing, an older one is
refused, bad rows are reported by row and column."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from db.actor import Actor
from db.errors import ImportRejected, PermissionDenied, ReferenceOutdated
from db.imports import reference as R
from db.models import ReferenceEntry, ReferenceList
from db.nik import make_kk
from tests.test_import_support import person, snapshot, write_csv, write_xlsx

MARCH, APRIL = dt.date(2025, 3, 17), dt.date(2025, 4, 17)


def _coverage(n: int, start: int = 0) -> list[list[object]]:
    segments = ["PBI APBN", "PBPU Pemda", "PPU", "Mandiri"]
    return [[person(start + i)["nik"], f"PESERTA {start + i}", segments[(start + i) % 4]]
            for i in range(n)]


def _entries(database, kind: str) -> list[tuple]:
    with database.read() as session:
        return session.execute(
            sa.select(ReferenceEntry.nik, ReferenceEntry.no_kk, ReferenceEntry.segment,
                      ReferenceEntry.year, ReferenceEntry.note)
            .join(ReferenceList).where(ReferenceList.kind == kind,
                                       ReferenceList.active.is_(True))
            .order_by(ReferenceEntry.id)).all()


def test_coverage_list_replaced_by_a_newer_one_atomically(database, actor: Actor, tmp_path):
    header = ["NIK", "NAMA PESERTA", "SEGMEN"]
    march = write_xlsx(tmp_path / "pbi-maret.xlsx", _coverage(30), header=header)
    report = R.import_reference(database, actor, "coverage", march, source_date=MARCH)
    assert report.written and (report.counts.inserted, report.counts.read) == (30, 30)
    entries = _entries(database, "coverage")
    assert [e.segment for e in entries[:4]] == ["pbi_apbn", "pbi_apbd", "ppu", "pbpu"]
    with database.read() as session:
        active = R.active_list(session, "coverage")
    assert (active.source_file, active.source_date, active.row_count) == (
        "pbi-maret.xlsx", MARCH, 30)

    # The same list again: nothing written.
    before = snapshot(database)
    again = R.import_reference(database, actor, "coverage", march, source_date=MARCH)
    assert not again.written and again.counts.unchanged == 30 and again.counts.inserted == 0
    assert snapshot(database) == before

    # April: five people left, ten joined. The March list stays as history, without entries.
    april = write_xlsx(tmp_path / "pbi-april.xlsx", _coverage(35, start=5), header=header)
    report = R.import_reference(database, actor, "coverage", april, source_date=APRIL)
    assert (report.counts.inserted, report.counts.unchanged) == (10, 25)
    assert any("5 entri dari daftar sebelumnya" in p.reason for p in report.warnings)
    with database.read() as session:
        history = R.lists(session, "coverage")
        stored = session.scalar(sa.select(sa.func.count()).select_from(ReferenceEntry))
    assert [(h.source_file, h.active, h.row_count) for h in history] == [
        ("pbi-april.xlsx", True, 35), ("pbi-maret.xlsx", False, 30)]
    assert stored == 35 and history[0].imported_by == actor.username

    # March again: older than the active list, refused unless insisted on.
    with pytest.raises(ReferenceOutdated, match="lebih baru dari berkas ini"):
        R.import_reference(database, actor, "coverage", march, source_date=MARCH)
    R.import_reference(database, actor, "coverage", march, source_date=MARCH,
                       allow_older=True)
    with database.read() as session:
        assert R.active_list(session, "coverage").source_file == "pbi-maret.xlsx"


def test_bad_rows_refuse_the_list_or_are_left_out_with_valid_only(database, actor, tmp_path):
    rows = _coverage(5)
    rows[1][0] = float(rows[1][0])  # a NIK that went through a number cell
    rows[3][0] = ""
    rows.append(list(rows[0]))  # an exact duplicate
    path = write_xlsx(tmp_path / "pbi.xlsx", rows, header=["NIK", "NAMA", "SEGMEN"])
    with pytest.raises(ImportRejected) as caught:
        R.import_reference(database, actor, "coverage", path, source_date=MARCH)
    report = caught.value.report
    assert [(p.line, p.column) for p in report.errors] == [(3, "NIK"), (5, "NIK")]
    assert "angka desimal" in report.errors[0].reason and report.counts.duplicates == 1
    assert snapshot(database)["lists"] == 0
    report = R.import_reference(database, actor, "coverage", path, source_date=MARCH,
                                valid_only=True)
    assert report.written and report.counts.inserted == 3


def test_housing_aid_by_kk_or_nik_with_year_and_source(database, actor, tmp_path):
    kk = make_kk("36.73.01", dt.date(2010, 1, 5), 12)
    long_source = "BANTUAN STIMULAN PERUMAHAN SWADAYA (BSPS) KEMENTERIAN PUPR"
    rows = [
        ["", kk, "KELUARGA A", "TA 2019", "RS-RTLH", ""],
        [person(1)["nik"], "", "KELUARGA B", 2021, long_source, "rumah roboh"],
        ["", kk, "KELUARGA A", 2023, "CSR BANK", ""],  # the same family, a second year
        ["", "", "TANPA NOMOR", 2020, "APBD", ""],
    ]
    path = write_csv(tmp_path / "rtlh.csv", rows, delimiter=";",
                     header=["NIK", "NO KK", "NAMA PENERIMA", "TAHUN", "SUMBER", "KETERANGAN"])
    with pytest.raises(ImportRejected) as caught:
        R.import_reference(database, actor, "housing_aid", path, source_date=MARCH)
    problem = caught.value.report.errors[0]
    assert (problem.line, problem.column) == (5, "NIK") and "salah satunya" in problem.reason
    R.import_reference(database, actor, "housing_aid", path, source_date=MARCH,
                       valid_only=True)
    entries = _entries(database, "housing_aid")
    assert entries == [
        (None, kk, "RS-RTLH", 2019, None),
        (person(1)["nik"], None, None, 2021, f"{long_source}; rumah roboh"),
        (None, kk, "CSR BANK", 2023, None),
    ]


def test_exclusion_list_and_who_may_import(database, actor, tmp_path):
    rows = [[person(i)["nik"], f"PEGAWAI {i}", kind, "DINAS X"]
            for i, kind in enumerate(["PNS", "TNI AD", "POLRI", "PPPK"])]
    path = write_xlsx(tmp_path / "asn.xlsx", rows,
                      header=["NIK", "NAMA", "JENIS PEGAWAI", "INSTANSI"])
    operator = Actor(actor.user_id, actor.username, frozenset({"operator"}))
    with pytest.raises(PermissionDenied, match="mengimpor daftar rujukan"):
        R.import_reference(database, operator, "exclusion", path)
    R.import_reference(database, actor, "exclusion", path)
    assert [e.segment for e in _entries(database, "exclusion")] == ["asn", "tni", "polri", "asn"]
    assert {e.note for e in _entries(database, "exclusion")} == {"DINAS X"}
