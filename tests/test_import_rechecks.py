"""Imports feed the desk checks (SQLite and PostgreSQL): a household or reference-list
import re-runs the checks of the households with an active proposal in its own
transaction, so their findings follow the data without anyone running the desk checks;
households without an active proposal are left alone."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from db import checks, programs, proposals, workflow
from db.actor import Actor, demo_admin
from db.engine import Database, open_database
from db.imports import households as H
from db.imports import reference as R
from db.models import Member
from desktop.cli import main
from tests.test_import_support import HEADER, family_rows, write_xlsx

MARCH, APRIL = dt.date(2025, 3, 17), dt.date(2025, 4, 17)
JOB = HEADER.index("PEKERJAAN")
RECHECKED = "Pemeriksaan meja diulang untuk {} keluarga yang punya usulan aktif."


def _member(database: Database, nik: str) -> tuple[int, int]:
    """(member id, household id) of the person with ``nik``."""
    with database.read() as session:
        return session.execute(sa.select(Member.id, Member.household_id)
                               .where(Member.nik == nik)).one()  # type: ignore[return-value]


def _pbi_period(database: Database, actor: Actor) -> int:
    with database.write() as session:
        return programs.create_period(session, actor, "pbi-jk", "PBI APBD 2025 tahap 2", 2025,
                                      funding_source="apbd").id


def _propose(database: Database, actor: Actor, period: int, member_id: int) -> int:
    with database.write() as session:
        [pid] = proposals.create(session, actor, "pbi-jk", period,
                                 member_ids=[member_id]).created
    return pid


def _findings(database: Database, pid: int) -> dict[str, checks.FindingRow]:
    with database.read() as session:
        return {f.rule: f for f in checks.proposal_findings(session, pid)}


def _register_rules(database: Database, household_id: int) -> set[str]:
    with database.read() as session:
        return {f.rule for f in checks.household_findings(session, household_id)}


def test_a_member_becoming_asn_in_an_import_is_found_only_where_a_proposal_is_active(
        database, actor: Actor, tmp_path):
    # Three families of two (head, wife), desil 1, 2 and 3: all poor enough for the
    # register's "ASN in a poor family" finding, were they checked.
    rows = family_rows(3, size=2)
    first = H.import_households(database, actor, write_xlsx(tmp_path / "dtsen.xlsx", rows))
    assert first.written and first.counts.households_inserted == 3
    assert first.rechecked == 0  # a first import: nobody can have a proposal yet

    period = _pbi_period(database, actor)
    heads = [_member(database, rows[2 * h][0]) for h in range(3)]
    active = _propose(database, actor, period, heads[0][0])
    cancelled = _propose(database, actor, period, heads[1][0])
    with database.write() as session:
        workflow.move(session, actor, cancelled, "cancelled",
                      reason="Diusulkan dua kali oleh kelurahan, dibatalkan.")
    # Family 2 has no proposal at all.
    assert "asn_in_family" not in _findings(database, active)

    # Every wife is now a civil servant (PNS), by the next DTSEN extract.
    for h in range(3):
        rows[2 * h + 1][JOB] = "PNS"
    report = H.import_households(database, actor, write_xlsx(tmp_path / "dtsen-2.xlsx", rows))
    assert report.written and report.counts.updated == 3
    assert report.rechecked == 1
    assert RECHECKED.format(1) in report.lines()
    assert report.as_dict()["rechecked"] == 1

    # Straight after the import, with no desk-check run: the active proposal is blocked.
    found = _findings(database, active)["asn_in_family"]
    assert found.severity == "blocker"
    assert found.evidence["nik"] == rows[1][0]
    assert {"source": "occupation", "occupation": "civil_servant"} in found.evidence["sources"]
    assert "asn_in_family" in _register_rules(database, heads[0][1])
    # The cancelled proposal keeps what it was decided with, and the families without an
    # active proposal were not checked again.
    assert "asn_in_family" not in _findings(database, cancelled)
    assert "asn_in_family" not in _register_rules(database, heads[1][1])
    assert "asn_in_family" not in _register_rules(database, heads[2][1])

    # The same file again changes nothing, so nothing is re-checked.
    again = H.import_households(database, actor, tmp_path / "dtsen-2.xlsx")
    assert again.counts.unchanged == 6 and again.rechecked == 0


def test_a_member_joining_a_proposed_family_is_checked_with_it(database, actor, tmp_path):
    rows = family_rows(1, size=2)
    H.import_households(database, actor, write_xlsx(tmp_path / "dtsen.xlsx", rows))
    period = _pbi_period(database, actor)
    head, household = _member(database, rows[0][0])
    pid = _propose(database, actor, period, head)

    # A third person, a police officer, joins the family in the next extract.
    joining = family_rows(1, size=3)[2]
    joining[JOB] = "POLRI"
    report = H.import_households(database, actor,
                                 write_xlsx(tmp_path / "dtsen-2.xlsx", [*rows, joining]))
    assert (report.counts.inserted, report.rechecked) == (1, 1)
    found = _findings(database, pid)["asn_in_family"]
    assert found.evidence["nik"] == joining[0]
    assert _member(database, joining[0])[1] == household


def test_a_newer_coverage_list_finds_and_clears_already_covered_at_once(
        database, actor: Actor, tmp_path):
    rows = family_rows(3, size=3)
    H.import_households(database, actor, write_xlsx(tmp_path / "dtsen.xlsx", rows))
    period = _pbi_period(database, actor)
    child, _household = _member(database, rows[2][0])  # the first family's child
    covered = _propose(database, actor, period, child)
    other = _propose(database, actor, period, _member(database, rows[3][0])[0])
    assert "already_pbi" not in _findings(database, covered)

    header = ["NIK", "NAMA PESERTA", "SEGMEN"]
    march = write_xlsx(tmp_path / "pbi-maret.xlsx",
                       [[rows[2][0], rows[2][2], "PBI APBN"],
                        [rows[7][0], rows[7][2], "PBI APBN"]], header=header)  # unproposed
    report = R.import_reference(database, actor, "coverage", march, source_date=MARCH)
    assert report.written and report.rechecked == 2  # both families with a proposal
    assert RECHECKED.format(2) in report.lines()

    found = _findings(database, covered)["already_pbi"]
    assert found.severity == "blocker" and found.evidence["nik"] == rows[2][0]
    [listed] = [s for s in found.evidence["sources"] if s["source"] == "list"]
    assert (listed["kind"], listed["source_file"], listed["segment"]) == (
        "coverage", "pbi-maret.xlsx", "pbi_apbn")
    assert "already_pbi" not in _findings(database, other)

    # April's list no longer has the child: the finding goes with the list it came from.
    april = write_xlsx(tmp_path / "pbi-april.xlsx", [[rows[7][0], rows[7][2], "PBI APBN"]],
                       header=header)
    report = R.import_reference(database, actor, "coverage", april, source_date=APRIL)
    assert report.written and report.rechecked == 2
    assert "already_pbi" not in _findings(database, covered)


def test_an_exclusion_list_blocks_a_proposal_at_once(database, actor: Actor, tmp_path):
    rows = family_rows(1, size=2)
    H.import_households(database, actor, write_xlsx(tmp_path / "dtsen.xlsx", rows))
    pid = _propose(database, actor, _pbi_period(database, actor), _member(database, rows[0][0])[0])
    listed = write_xlsx(tmp_path / "asn.xlsx", [[rows[1][0], "ASN", "Dinas Pendidikan"]],
                        header=["NIK", "GOLONGAN", "INSTANSI"])
    report = R.import_reference(database, actor, "exclusion", listed, source_date=MARCH)
    assert report.rechecked == 1
    found = _findings(database, pid)["asn_in_family"]
    assert found.evidence["nik"] == rows[1][0]
    assert [s["source"] for s in found.evidence["sources"]] == ["list"]


def test_the_cli_says_how_many_families_were_checked_again(database_url, tmp_path, capsys):
    rows = family_rows(2, size=2)
    path = write_xlsx(tmp_path / "dtsen.xlsx", rows)
    assert main(["--database", database_url, "import", "households", str(path)]) == 0
    assert "Pemeriksaan meja" not in capsys.readouterr().out

    database = open_database(database_url)
    try:
        with database.read() as session:
            admin = demo_admin(session)
        period = _pbi_period(database, admin)
        for h in range(2):
            _propose(database, admin, period, _member(database, rows[2 * h][0])[0])
    finally:
        database.dispose()

    rows[1][JOB] = "TNI"
    path = write_xlsx(tmp_path / "dtsen-2.xlsx", rows)
    assert main(["--database", database_url, "import", "households", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rechecked"] == 1
    coverage = write_xlsx(tmp_path / "pbi.xlsx", [[rows[0][0], "PBI APBN"]],
                          header=["NIK", "SEGMEN"])
    assert main(["--database", database_url, "import", "coverage", str(coverage),
                 "--date", "2025-04-17"]) == 0
    assert RECHECKED.format(2) in capsys.readouterr().out
