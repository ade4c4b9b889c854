"""Household import on a real database (SQLite and PostgreSQL): messy files, every pitfall
refused for the right reason at the right row and column, idempotence, all-or-nothing,
valid-only, cancel, and a process killed mid-import."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from db.actor import Actor
from db.errors import ImportCancelled, ImportRejected, MappingInvalid, SpreadsheetUnreadable
from db.imports import households as H
from db.imports.mapping import Mapping
from db.models import AuditEvent, Household, Member
from db.nik import make_kk, make_nik
from tests.test_import_support import (
    HEADER,
    family_rows,
    person,
    snapshot,
    write_csv,
    write_xlsx,
)

REPO = Path(__file__).resolve().parents[1]
KK_BASE = dt.date(2016, 6, 1)


def _single(index: int, **changes: object) -> list[object]:
    """One head-of-family row of HEADER (its own KK), with some cells changed."""
    who = person(5000 + index, sex="L")
    row = {
        "NIK": who["nik"], "NO_KK": make_kk("36.73.01", KK_BASE, 5000 + index),
        "NAMA": f"KEPALA {index}", "JENIS_KELAMIN": "L", "TEMPAT_LAHIR": "SERANG",
        "TGL_LAHIR": who["born"].strftime("%d-%m-%Y"), "HUB_KELUARGA": "KEPALA KELUARGA",
        "PEKERJAAN": "BURUH HARIAN LEPAS", "ALAMAT": "JL. MAWAR", "RT": "001", "RW": "002",
        "KELURAHAN": "Cipare", "DESIL": 2, "LATITUDE": -6.12, "LONGITUDE": 106.15,
    }
    row.update(changes)
    return [row[h] for h in HEADER]


def _problem(report, line: int, column: str, reason: str):  # type: ignore[no-untyped-def]
    found = [p for p in report.errors if p.line == line and p.column == column
             and reason.lower() in p.reason.lower()]
    assert found, (f"no '{reason}' at row {line}, column {column}; got: "
                   + "; ".join(p.describe() for p in report.problems if p.line == line))
    return found[0]


# ------------------------------------------------------------------ clean import, idempotence


def test_import_then_reimport_changes_nothing(database, actor: Actor, tmp_path):
    path = write_xlsx(tmp_path / "dtsen.xlsx", family_rows(40, size=3))
    first = H.import_households(database, actor, path)
    c = first.counts
    assert (c.read, c.inserted, c.updated, c.unchanged, c.rejected) == (120, 120, 0, 0, 0)
    assert c.households_inserted == 40 and first.written
    before = snapshot(database)
    assert before["households"] == 40 and before["members"] == 120

    again = H.import_households(database, actor, path)
    c = again.counts
    assert (c.read, c.inserted, c.updated, c.unchanged, c.rejected) == (120, 0, 0, 120, 0)
    after = snapshot(database)
    # Only the one "import" summary event is new; no record and no version changed.
    assert {k: v for k, v in after.items() if k != "audit"} == {
        k: v for k, v in before.items() if k != "audit"}
    assert after["audit"] == before["audit"] + 1


def test_values_are_stored_as_the_register_keeps_them(database, actor, tmp_path):
    rows = family_rows(1, size=3)
    H.import_households(database, actor, write_csv(tmp_path / "a.csv", rows, delimiter=";"))
    with database.read() as session:
        household = session.scalars(sa.select(Household)).one()
        members = session.scalars(sa.select(Member).order_by(Member.id)).all()
        session.expunge_all()
    assert household.no_kk == rows[0][1] and household.kelurahan_code == "36.73.01.1002"
    assert (household.rt, household.rw, household.desil) == ("001", "001", 1)
    assert household.latitude == pytest.approx(-6.11) and household.longitude == pytest.approx(
        106.15)
    assert [m.relationship_code for m in members] == ["head", "spouse", "child"]
    assert members[0].name == "WARGA 0" and members[0].name_key == "warga0"
    assert members[0].birth_date == dt.datetime.strptime(rows[0][5], "%d-%m-%Y").date()
    assert members[0].occupation == "farmer" and members[0].birth_place == "SERANG"


def test_a_changed_file_updates_only_what_changed_and_audits_it(database, actor, tmp_path):
    rows = family_rows(3, size=2)
    H.import_households(database, actor, write_xlsx(tmp_path / "a.xlsx", rows))
    rows[0][2] = "WARGA NOL"  # a name corrected
    rows[2][12] = 9  # desil of the second family (repeated on both of its rows)
    rows[3][12] = 9
    report = H.import_households(database, actor, write_xlsx(tmp_path / "b.xlsx", rows))
    c = report.counts
    assert (c.inserted, c.updated, c.unchanged) == (0, 2, 4)
    assert c.households_updated == 1
    with database.read() as session:
        changed = session.execute(
            sa.select(AuditEvent.entity, AuditEvent.field, AuditEvent.old_value,
                      AuditEvent.new_value).where(AuditEvent.action == "update")).all()
        head = session.scalar(sa.select(Member).where(Member.nik == rows[0][0]))
        versions = dict(session.execute(sa.select(Household.no_kk, Household.version)).all())
        session.expunge_all()
    assert ("member", "name", "WARGA 0", "WARGA NOL") in changed
    assert ("household", "desil", "2", "9") in changed
    assert head.name_key == "warganol"
    # A member's change raises its household's version too (optimistic locking).
    assert versions[rows[0][1]] == 2 and versions[rows[2][1]] == 2
    assert versions[rows[4][1]] == 1


# ------------------------------------------------------------------ every pitfall, refused


def test_each_pitfall_is_refused_for_its_reason_at_its_row_and_column(database, actor, tmp_path):
    future = dt.date.today() + dt.timedelta(days=40)
    cases = [
        # (cells changed, column, reason)
        ({"NIK": float(person(5000)["nik"])}, "NIK", "angka desimal"),
        ({"NIK": "3.67301E+15"}, "NIK", "notasi ilmiah"),
        ({"NIK": person(5002)["nik"] + ".0"}, "NIK", "notasi ilmiah atau desimal"),
        ({"NO_KK": float(make_kk("36.73.01", KK_BASE, 5003))}, "NO_KK", "angka desimal"),
        ({"NIK": person(5004)["nik"][:15]}, "NIK", "harus 16 angka"),
        ({"NIK": "3673013204950001"}, "NIK", "tidak mungkin"),
        ({"RT": dt.date(2025, 2, 1)}, "RT", "menjadi tanggal"),
        ({"TGL_LAHIR": future.strftime("%d-%m-%Y")}, "TGL_LAHIR", "masa depan"),
        ({"TGL_LAHIR": "31-02-1990"}, "TGL_LAHIR", "tidak ada di kalender"),
        ({"TGL_LAHIR": "kemarin sore"}, "TGL_LAHIR", "bukan tanggal"),
        ({"LATITUDE": 40.1, "LONGITUDE": 10.2}, "LATITUDE / LONGITUDE", "di luar Indonesia"),
        ({"LONGITUDE": ""}, "LATITUDE / LONGITUDE", "hanya satu"),
        ({"DESIL": 11}, "DESIL", "di luar rentang"),
        ({"JENIS_KELAMIN": "X"}, "JENIS_KELAMIN", "tidak dikenal"),
        ({"JENIS_KELAMIN": "P"}, "JENIS_KELAMIN", "tidak cocok dengan NIK"),
        ({"KELURAHAN": "Kasemen"}, "KELURAHAN", "Kecamatan Kasemen"),
        ({"KELURAHAN": "Atlantis"}, "KELURAHAN", "tidak dikenal"),
        ({"NAMA": ""}, "NAMA", "Nama kosong"),
        ({"NIK": ""}, "NIK", "NIK kosong"),
        ({"HUB_KELUARGA": "ISTRI"}, "HUB_KELUARGA", "tidak memiliki kepala keluarga"),
        ({"TGL_LAHIR": "01-01-1950"}, "TGL_LAHIR", "tidak cocok dengan tanggal pada NIK"),
    ]
    rows = [_single(i, **changes) for i, (changes, _col, _why) in enumerate(cases)]
    rows.append(_single(len(cases)))  # one clean family
    path = write_xlsx(tmp_path / "berantakan.xlsx", rows)
    before = snapshot(database)
    with pytest.raises(ImportRejected) as caught:
        H.import_households(database, actor, path)
    report = caught.value.report
    assert "tidak ada yang diimpor" in caught.value.message
    for i, (_changes, column, reason) in enumerate(cases):
        _problem(report, i + 2, column, reason)
    assert report.counts.rejected == len(cases) and report.counts.read == len(cases) + 1
    assert snapshot(database) == before

    # The rejected-rows workbook: row, column, value and reason, and the rows themselves.
    out = tmp_path / "laporan.xlsx"
    H.write_rejects_xlsx(report, out)
    book = load_workbook(out, read_only=True)
    problems = list(book["Masalah"].iter_rows(values_only=True))
    assert problems[0] == ("Baris", "Kolom", "Nilai", "Alasan", "Jenis")
    assert (2, "NIK", "3673011204950001" if False else problems[1][2]) == problems[1][:3]
    assert any(r[0] == 8 and r[1] == "RT" and "tanggal" in r[3] for r in problems[1:])
    rejected = list(book["Baris ditolak"].iter_rows(values_only=True))
    assert rejected[0][1:-1] == tuple(HEADER) and rejected[0][-1] == "ALASAN PENOLAKAN"
    assert len(rejected) == len(cases) + 1 and rejected[2][0] == 3
    assert rejected[2][1] == "3.67301E+15"


def test_region_codes_in_nik_and_kk_follow_the_household_forms_rules(database, actor, tmp_path):
    """The form's region rules on a file: an unknown kecamatan inside the office's city
    is refused at its row and column; a NIK from another city is only a warning."""
    from tests.test_households import seed_regions

    seed_regions(database)
    rows = family_rows(3, size=2)

    def renumber(row: list[object], kecamatan: str) -> None:
        born = dt.datetime.strptime(str(row[5]), "%d-%m-%Y").date()
        row[0] = make_nik(kecamatan, born, str(row[3]), 77)

    renumber(rows[0], "31.71.01")  # Jakarta Pusat: a real place, outside Kota Serang
    renumber(rows[4], "36.73.09")  # Kota Serang has six kecamatan: 09 does not exist
    report = H.prepare(database, actor, write_xlsx(tmp_path / "wilayah.xlsx", rows)).report
    warning = [p for p in report.warnings if p.line == 2 and p.column == "NIK"]
    # Without the national code list, 31.71 cannot be checked yet: the row says so.
    assert warning and "31.71" in warning[0].reason
    assert "belum dapat diperiksa" in warning[0].reason
    assert not [p for p in report.errors if p.line == 2]
    _problem(report, 6, "NIK", "kode kecamatan 36.73.09")
    assert {p.line for p in report.errors} == {6, 7}  # the family goes whole or not at all
    assert report.counts.rejected == 2
    # Rows of the office's own city say nothing about their region.
    assert not [p for p in report.problems if p.line in (3, 4, 5)]


def test_ambiguous_kelurahan_names_every_candidate(database, actor, tmp_path):
    header = [*HEADER, "KECAMATAN"]
    rows = [[*_single(0, KELURAHAN="Sukawana"), "Walantaka"]]
    with pytest.raises(ImportRejected) as caught:
        H.import_households(database, actor, write_xlsx(tmp_path / "a.xlsx", rows,
                                                          header=header))
    problem = _problem(caught.value.report, 2, "KELURAHAN", "tidak ada di Kecamatan Walantaka")
    assert "36.73.01.1008" in problem.reason and "36.73.04.1007" in problem.reason


def test_messy_but_meaningful_cells_are_repaired(database, actor, tmp_path):
    serial_born = dt.date(1990, 5, 17)
    a = {"nik": make_nik("36.73.01", serial_born, "L", 1), "born": serial_born}
    b = person(11, sex="P")
    c = person(12, sex="L")
    kk = make_kk("36.73.01", KK_BASE, 77)
    rows = [
        ["'" + a["nik"], " " + kk + "\u00a0", "ahmad\u00a0 fauzi\u200b", "laki-laki",
         "serang", (serial_born - dt.date(1899, 12, 30)).days, "Kepala Keluarga", "pns",
         "jl.  mawar   no 5", 1, "RW 02", "kel. cipare", "Desil 3", "106,1512", "-6,1201"],
        [b["nik"], kk, "SITI AMINAH", "Perempuan", "SERANG",
         f"{b['born'].day} Agustus {b['born'].year}" if b["born"].month == 8 else
         b["born"].strftime("%Y-%m-%d"), "istri", "MENGURUS RUMAH TANGGA", "JL. MAWAR NO 5",
         "001", "002", "Cipare", 3, -6.1201, 106.1512],
        [c["nik"], kk, "BUDI", "L", "SERANG", c["born"].strftime("%d/%m/%y"), "ANAK KANDUNG",
         "-", "", "", "", "", "", "", ""],
        [],  # a blank line
        HEADER,  # the header repeated (a second page pasted under the first)
        [c["nik"], kk, "Budi", "L", "SERANG", c["born"].strftime("%d/%m/%y"), "ANAK KANDUNG",
         "-", "", "", "", "", "", "", ""],  # the same row again, in other case: a duplicate
    ]
    report = H.import_households(database, actor, write_xlsx(tmp_path / "a.xlsx", rows))
    counts = report.counts
    assert (counts.read, counts.inserted, counts.rejected, counts.duplicates) == (4, 3, 0, 1)
    assert counts.blank == 1 and counts.repeated_headers == 1
    warnings = [p.reason for p in report.warnings]
    assert any("tertukar" in w for w in warnings)
    assert any("Sama dengan baris 4" in w for w in warnings)
    with database.read() as session:
        household = session.scalars(sa.select(Household)).one()
        people = {m.nik: m for m in session.scalars(sa.select(Member))}
        session.expunge_all()
    assert household.no_kk == kk and household.kelurahan_code == "36.73.01.1002"
    assert (household.rt, household.rw, household.desil) == ("001", "002", 3)
    assert (household.latitude, household.longitude) == (-6.1201, 106.1512)
    assert household.address == "JL. MAWAR NO 5"
    head = people[a["nik"]]
    assert head.name == "AHMAD FAUZI" and head.birth_date == serial_born
    assert head.occupation == "civil_servant" and head.asn_tni_polri is True
    assert people[b["nik"]].birth_date == b["born"] and people[b["nik"]].sex == "P"
    assert people[c["nik"]].relationship_code == "child"
    assert people[c["nik"]].birth_date == c["born"]


def test_same_nik_with_different_data_and_kk_disagreements_are_refused(database, actor,
                                                                       tmp_path):
    rows = family_rows(3, size=2)
    twin = list(rows[0])
    twin[2] = "ORANG LAIN"  # row 8: the NIK of row 2 with another name
    rows[3][8] = "JL. LAIN"  # row 5: the second family's address differs from row 4
    rows.append(twin)
    with pytest.raises(ImportRejected) as caught:
        H.import_households(database, actor, write_xlsx(tmp_path / "a.xlsx", rows))
    report = caught.value.report
    _problem(report, 8, "NIK", "juga ada di baris 2")
    _problem(report, 2, "NIK", "juga ada di baris 8")
    _problem(report, 5, "ALAMAT", "Berbeda dengan baris 4")
    # The rest of each refused family goes with it.
    _problem(report, 3, "NO_KK", "tidak diimpor karena baris 2")
    _problem(report, 4, "NO_KK", "tidak diimpor karena baris 5")
    assert report.counts.rejected == 5


def test_two_heads_are_refused(database, actor, tmp_path):
    rows = family_rows(1, size=3)
    rows[1][6] = "KEPALA KELUARGA"
    with pytest.raises(ImportRejected) as caught:
        H.import_households(database, actor, write_csv(tmp_path / "a.csv", rows))
    _problem(caught.value.report, 2, "HUB_KELUARGA", "2 kepala keluarga (baris 2, baris 3)")


# ------------------------------------------------------------------ valid-only, register rules


def test_valid_only_imports_the_good_families_and_reports_the_rest(database, actor, tmp_path):
    rows = family_rows(4, size=2)
    rows[2][5] = "30-02-1980"  # family 2, first row: bad date
    report = H.import_households(database, actor, write_xlsx(tmp_path / "a.xlsx", rows),
                                 valid_only=True, report_path=tmp_path / "r.xlsx")
    c = report.counts
    assert (c.inserted, c.rejected, c.households_inserted) == (6, 2, 3)
    assert report.written and (tmp_path / "r.xlsx").exists()
    assert snapshot(database)["members"] == 6


def test_a_member_moves_to_another_kk_and_a_head_cannot_leave_a_family_headless(
        database, actor, tmp_path):
    rows = family_rows(2, size=3)
    H.import_households(database, actor, write_xlsx(tmp_path / "a.xlsx", rows))
    moved = list(rows[2])  # the child of family 1 ...
    moved[1] = rows[3][1]  # ... now on family 2's KK
    moved[8:14] = rows[3][8:14]
    report = H.import_households(database, actor, write_xlsx(tmp_path / "b.xlsx", [moved]))
    assert (report.counts.updated, report.counts.rejected) == (1, 0)
    with database.read() as session:
        kk = session.scalar(sa.select(Household.no_kk).join(Member).where(
            Member.nik == moved[0]))
    assert kk == rows[3][1]

    head = list(rows[0])
    head[1] = rows[3][1]
    head[6] = "FAMILI LAIN"
    head[8:14] = rows[3][8:14]
    with pytest.raises(ImportRejected) as caught:
        H.import_households(database, actor, write_xlsx(tmp_path / "c.xlsx", [head]))
    _problem(caught.value.report, 2, "NO_KK", "tanpa kepala")


def test_rows_outside_the_users_scope_are_refused(database, actor, tmp_path):
    outsider = Actor(actor.user_id, actor.username, actor.roles, frozenset({"36.73.02"}))
    with pytest.raises(ImportRejected) as caught:
        H.import_households(database, outsider, write_xlsx(tmp_path / "a.xlsx",
                                                            family_rows(1, size=1)))
    _problem(caught.value.report, 2, "KELURAHAN", "di luar wilayah kewenangan")


def test_a_mapping_from_json_and_numeric_relationship_codes(database, actor, tmp_path):
    rows = family_rows(1, size=3)
    for row, code in zip(rows, (1, 3, 4), strict=True):
        row[6] = code  # Dukcapil SHDK: 1 head, 3 wife, 4 child
    header = ["No. Induk Kependudukan", "Nomor KK", *HEADER[2:]]
    path = write_xlsx(tmp_path / "a.xlsx", rows, header=header)
    with pytest.raises(ImportRejected) as caught:
        H.import_households(database, actor, path)
    _problem(caught.value.report, 3, "HUB_KELUARGA", "berbeda arti antara daftar Dukcapil")
    mapping = Mapping(columns={"nik": "No. Induk Kependudukan", "no_kk": "Nomor KK",
                               "name": "NAMA", "sex": "JENIS_KELAMIN",
                               "birth_date": "TGL_LAHIR", "relationship": "HUB_KELUARGA",
                               "kelurahan": "KELURAHAN"},
                      relationship_codes="dukcapil")
    mapping.save(tmp_path / "peta.json")
    report = H.import_households(database, actor, path,
                                 mapping=Mapping.load(tmp_path / "peta.json"))
    assert report.counts.inserted == 3
    with database.read() as session:
        roles = sorted(session.scalars(sa.select(Member.relationship_code)))
    assert roles == ["child", "head", "spouse"]


# ------------------------------------------------------------------ bad files: nothing written


def test_files_that_cannot_be_imported_say_why_and_write_nothing(database, actor, tmp_path):
    before = snapshot(database)
    pdf = tmp_path / "data.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n")
    with pytest.raises(SpreadsheetUnreadable, match="bukan spreadsheet: isinya dokumen PDF"):
        H.import_households(database, actor, pdf)
    empty = write_xlsx(tmp_path / "kosong.xlsx", [], header=[])
    with pytest.raises(SpreadsheetUnreadable, match="kosong"):
        H.import_households(database, actor, empty)
    no_nik = write_xlsx(tmp_path / "tanpa_nik.xlsx", [["BUDI", "Cipare"]],
                        header=["NAMA", "KELURAHAN"])
    with pytest.raises(MappingInvalid, match="Tidak ada kolom NIK di lembar 'DTSEN'") as caught:
        H.import_households(database, actor, no_nik)
    assert "NAMA, KELURAHAN" in caught.value.hint
    assert snapshot(database) == before


@pytest.mark.slow
def test_a_hundred_thousand_bad_rows_are_refused_with_nothing_written(sqlite_database, tmp_path):
    from db.actor import demo_admin

    with sqlite_database.read() as session:
        actor = demo_admin(session)
    rows = [[f"{3673010000000000 + i}.0", "3673010101150001", f"X{i}"] for i in range(100_000)]
    path = write_csv(tmp_path / "buruk.csv", rows, header=["NIK", "NO_KK", "NAMA"])
    before = snapshot(sqlite_database)
    with pytest.raises(ImportRejected) as caught:
        H.import_households(sqlite_database, actor, path)
    assert caught.value.message == ("100000 dari 100000 baris di buruk.csv ditolak, jadi tidak "
                                    "ada yang diimpor.")
    assert caught.value.report.errors[0].line == 2
    assert snapshot(sqlite_database) == before


# ------------------------------------------------------------------ cancel and kill


def _indexes(database) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Every index and trigger of the register and audit tables with its definition."""
    with database.read() as session:
        if session.get_bind().dialect.name == "sqlite":
            rows = session.execute(sa.text(
                "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                "AND tbl_name IN ('households', 'members', 'audit_events') ORDER BY name")).all()
        else:
            rows = session.execute(sa.text(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename IN ('households', 'members', 'audit_events') "
                "ORDER BY indexname")).all()
    assert len(rows) >= 6
    return [tuple(r) for r in rows]


def test_a_large_import_rebuilds_the_indexes_it_set_aside(database, actor, tmp_path):
    """A load big next to the register drops the secondary indexes and builds them again
    in the same transaction: afterwards the schema is as before and the indexes answer."""
    from db import search
    from db.imports import bulk

    indexes = _indexes(database)
    sqlite = database.engine.dialect.name == "sqlite"
    if sqlite:
        # An office's own FTS5 merge setting survives the bulk load that suspends it.
        with database.write() as session:
            session.execute(sa.text(f"INSERT INTO {search.SQLITE_FTS_TABLE}"
                                    f"({search.SQLITE_FTS_TABLE}, rank) VALUES ('automerge', 8)"))
    # 5,000 new families: also enough audit events to set the audit indexes aside.
    report = H.import_households(database, actor, write_csv(
        tmp_path / "besar.csv", family_rows(bulk.SUSPEND_MIN_ROWS, size=2, start=10)))
    assert report.counts.inserted == 2 * bulk.SUSPEND_MIN_ROWS
    assert _indexes(database) == indexes
    with database.read() as session:
        if sqlite:
            assert session.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(sa.text(
                f"SELECT v FROM {search.SQLITE_FTS_TABLE}_config WHERE k = 'automerge'"
            )).scalar() == 8
            # FTS5's own check of its index against the members table (raises if wrong).
            session.execute(sa.text(f"INSERT INTO {search.SQLITE_FTS_TABLE}"
                                    f"({search.SQLITE_FTS_TABLE}, rank) "
                                    "VALUES ('integrity-check', 1)"))
        member = session.execute(sa.select(Member.household_id, Member.nik, Member.name)
                                 .order_by(Member.id.desc())).first()
        households = session.execute(sa.select(sa.func.count()).select_from(Household)).scalar()
        # The search index took the new members in: a part of the last one's name and
        # of its NIK find its household.
        by_name = search.find(session, actor, member.name[1:-1], limit=500)
        by_nik = search.find(session, actor, member.nik[3:13], limit=500)
    assert households == bulk.SUSPEND_MIN_ROWS
    assert member.household_id in {h.household_id for h in by_name}
    assert member.household_id in {h.household_id for h in by_nik}


def test_cancel_while_writing_leaves_the_database_as_it_was(database, actor, tmp_path):
    H.import_households(database, actor, write_xlsx(tmp_path / "a.xlsx", family_rows(2)))
    before = snapshot(database)
    plan = H.prepare(database, actor, write_xlsx(tmp_path / "b.xlsx",
                                                 family_rows(3000, size=2, start=10)))
    stages: list[str] = []
    calls = {"n": 0}

    def cancelled() -> bool:
        # True once the write has started and some rows are already in the transaction.
        if stages and stages[-1] == H.WRITING:
            calls["n"] += 1
        return calls["n"] > 1

    indexes = _indexes(database)
    with pytest.raises(ImportCancelled, match="tidak diubah"):
        H.execute(database, actor, plan, cancelled=cancelled, stage=stages.append)
    assert calls["n"] > 1 and stages[-1] == H.WRITING
    assert snapshot(database) == before
    # The write had dropped the indexes to rebuild them afterwards: the cancel put them back.
    assert _indexes(database) == indexes


KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from db.engine import open_database
    from db.actor import demo_admin
    from db.imports import households as H
    database = open_database(sys.argv[1])
    with database.read() as session:
        actor = demo_admin(session)
    stage = []
    def progress(done, total):
        # Killed for real, from inside the write transaction, after rows went in.
        if stage and stage[-1] == H.WRITING and done > 0:
            open(sys.argv[3], "w").write(str(done))
            os.kill(os.getpid(), signal.SIGKILL)
    H.import_households(database, actor, sys.argv[2], progress=progress, stage=stage.append)
    print("not killed")
""")


def test_a_process_killed_mid_import_leaves_the_database_as_it_was(database, actor, tmp_path):
    H.import_households(database, actor, write_xlsx(tmp_path / "a.xlsx", family_rows(2)))
    before = snapshot(database)
    path = write_csv(tmp_path / "besar.csv", family_rows(6000, size=2, start=10))
    marker = tmp_path / "killed"
    url = database.url.render_as_string(hide_password=False)
    out = subprocess.run([sys.executable, "-c", KILL_SCRIPT, url, str(path), str(marker)],
                         cwd=REPO, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert out.returncode == -signal.SIGKILL, out.stderr
    assert int(marker.read_text()) > 0  # rows had been written when it died
    database.dispose()
    assert snapshot(database) == before
    indexes = _indexes(database)
    # The database still works: the same file imports in full afterwards.
    report = H.import_households(database, actor, path)
    assert report.counts.inserted == 12_000
    assert _indexes(database) == indexes


def test_register_rows_are_read_back_alike_by_key_lists_and_by_scan(database, actor, tmp_path):
    """bulk.rows_where answers a few keys with IN lists and most of a table (SQLite) with
    one scan; both give the same rows with Python values, and a cancel stops it."""
    from db.imports import bulk

    H.import_households(database, actor, write_csv(tmp_path / "a.csv", family_rows(40)))
    table = Member.__table__
    columns = ("id", "nik", "birth_date", "deceased", "asn_tni_polri")
    with database.write() as session:
        session.execute(sa.update(Member).where(Member.id == 1).values(deceased=True))
    with database.read() as session:
        expected = {tuple(r) for r in session.execute(sa.select(
            *(table.c[c] for c in columns)))}
        niks = sorted(r[1] for r in expected)
        few = bulk.rows_where(session, table, columns, "nik", niks[:5])
        most = bulk.rows_where(session, table, columns, "nik", niks[:100])
        with pytest.raises(bulk.QueryCancelled):
            bulk.rows_where(session, table, columns, "nik", niks, cancelled=lambda: True)
    assert len(expected) == 120 and 5 < bulk.SCAN_SHARE * 120 < 100
    assert {tuple(r) for r in few} == {r for r in expected if r[1] in niks[:5]}
    assert {tuple(r) for r in most} == {r for r in expected if r[1] in niks[:100]}
    first = next(r for r in most if r[0] == 1)
    assert isinstance(first[2], dt.date) and first[3] is True and first[4] is False


def test_each_row_of_a_family_gets_its_own_household_problems(database, actor, tmp_path):
    """A family's rows repeat its household cells, and the row function takes a row's
    household values over from the row before when the cells are the same; problems in
    those cells must still be reported on every row, each with its own line."""
    rows = family_rows(3, size=3)
    for row in rows[:3]:  # family 1: latitude and longitude swapped on every row
        row[13], row[14] = row[14], row[13]
    for row in rows[3:6]:  # family 2: an unknown kelurahan on every row
        row[11] = "KELURAHAN ANTAH"
    plan = H.prepare(database, actor, write_csv(tmp_path / "a.csv", rows))
    swapped = sorted(p.line for p in plan.report.warnings if "tertukar" in p.reason)
    unknown = sorted(p.line for p in plan.report.errors if p.column == "KELURAHAN")
    assert swapped == [2, 3, 4]
    assert unknown == [5, 6, 7]
    # Family 3 is clean: its rows carry equal household values, each in its own dict.
    clean = [r for r in plan.rows if r.line >= 8]
    assert len(clean) == 3 and not any(r.errors or r.warnings for r in clean)
    assert clean[0].household["kelurahan_code"].startswith("36.73.01.")
    assert clean[0].household == clean[1].household == clean[2].household
    assert len({id(r.household) for r in clean}) == 3
