"""Programs, periods and quotas as data, on real databases; and the demo queue."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select

from db import demo, demo_workflow, letters, programs, proposals, workflow
from db.actor import load_actor
from db.errors import NotFound, PermissionDenied, StaleRecord, ValidationFailed
from db.models import AuditEvent, LetterProposal, Proposal, Quota
from tests.test_checks import (
    World,
    bare_register,
    drive,
    make_actor,
    make_world,
    members_of,
    propose,
)


@pytest.fixture
def world(database, actor) -> World:  # type: ignore[no-untyped-def]
    return make_world(database, actor, clean=3)


def test_seeded_programs_carry_their_default_rules(database, actor):
    with database.read() as session:
        pbi = programs.get_program(session, "pbi-jk")
        rtlh = programs.get_program(session, "rtlh")
        with pytest.raises(NotFound) as err:
            programs.get_program(session, "pkh")
    assert pbi.unit == "person" and rtlh.unit == "household"
    assert pbi.rules.severity_of("already_pbi") == "blocker"
    assert rtlh.rules.severity_of("already_pbi") == "off"
    assert rtlh.rules.severity_of("housing_aid_before") == "blocker"
    assert rtlh.rules.min_floor_area_per_person == 7.2
    assert rtlh.rules.required_photos == programs.PHOTO_KINDS
    assert sum(pbi.rules.priority_weights.values()) == 100
    assert err.value.hint == "Program yang ada: pbi-jk, rtlh."


def test_rules_are_settings_validated_and_audited(database, actor):
    with database.write() as session, pytest.raises(ValidationFailed) as err:
        programs.update_rules(session, actor, "rtlh", {
            "severity": {"not_owner": "fatal", "no_such_rule": "info"},
            "max_desil": 11, "priority_weights": {"desil": -1}, "colour": "red",
        })
    fields = dict(err.value.problems)
    assert set(fields) == {"severity.not_owner", "severity.no_such_rule", "max_desil",
                           "priority_weights.desil", "colour"}
    with database.write() as session:
        rules = programs.update_rules(session, actor, "rtlh", {
            "min_floor_area_per_person": 9.0, "receiving_agency": "Dinas Perkim Kota Serang",
            "severity": {"no_land_document": "blocker"}, "housing_aid_years": None,
        })
    assert rules.min_floor_area_per_person == 9.0 and rules.housing_aid_years is None
    assert rules.severity_of("no_land_document") == "blocker"
    assert rules.severity_of("not_owner") == "blocker"  # untouched defaults stay
    with database.read() as session:
        assert programs.program_rules(session, "rtlh").receiving_agency == (
            "Dinas Perkim Kota Serang")
        changed = set(session.scalars(select(AuditEvent.field).where(
            AuditEvent.action == "update_rules")))
    assert {"min_floor_area_per_person", "receiving_agency", "severity"} <= changed
    operator = make_actor(database, "operator", "operator")
    with database.write() as session, pytest.raises(PermissionDenied):
        programs.update_rules(session, operator, "rtlh", {"max_desil": 4})


def test_a_new_program_is_data(database, actor):
    with database.write() as session:
        pkh = programs.create_program(session, actor, "pkh", "Program Keluarga Harapan",
                                      "household", {"max_desil": 3})
    assert pkh.rules.max_desil == 3 and pkh.rules.severity_of("asn_in_family") == "blocker"
    assert pkh.rules.severity_of("photos_missing") == "off"
    with database.write() as session, pytest.raises(ValidationFailed) as err:
        programs.create_program(session, actor, "pkh", "", "family")
    assert set(dict(err.value.problems)) == {"kode", "nama", "satuan"}


def test_periods_are_validated(database, actor):
    with database.write() as session, pytest.raises(ValidationFailed) as err:
        programs.create_period(session, actor, "pbi-jk", " ", 1925, funding_source="csr",
                               opens_on=dt.date(2025, 5, 1), closes_on=dt.date(2025, 4, 1))
    assert set(dict(err.value.problems)) == {"nama periode", "tahun", "sumber dana",
                                              "tanggal tutup"}
    with database.write() as session:
        period = programs.create_period(session, actor, "pbi-jk", "PBI APBN 2025", 2025,
                                        funding_source="apbn")
        closed = programs.set_period_status(session, actor, period.id, "closed", "Selesai.")
    assert closed.status == "closed"
    with database.read() as session:
        assert programs.list_periods(session, "pbi-jk", open_only=True) == []


def test_quota_split_usage_and_validation(world: World):
    admin = world.admin
    db = world.database
    with db.write() as session, pytest.raises(ValidationFailed) as err:
        programs.set_quota(session, admin, world.pbi, "36.73", -1)
    assert set(dict(err.value.problems)) == {"kuota", "wilayah"}
    with db.write() as session:
        programs.set_quota(session, admin, world.pbi, None, 10)
        programs.set_quota(session, admin, world.pbi, "36.73.01", 6)
        programs.set_quota(session, admin, world.pbi, "36.73.02", 4)
        change = programs.set_quota(session, admin, world.pbi, "36.73.03", 3)
    assert any("berjumlah 13, lebih dari kuotanya (10)" in w for w in change.warnings)
    members = members_of(db, world.clean[0])[:2]
    for member in members:
        [pid] = propose(db, admin, "pbi-jk", world.pbi, member_ids=[member])
        drive(db, admin, pid, "approved")
    with db.read() as session:
        usage = {u.region_code: u for u in programs.quota_usage(session, period_id=world.pbi)}
    assert usage[None].used == 2 and usage["36.73.01"].used == 2 and usage["36.73.02"].used == 0
    assert usage["36.73.01"].area == "Kec. Serang" and usage[None].area == "seluruh wilayah"
    assert usage["36.73.01"].remaining == 4 and not usage["36.73.01"].over
    # Someone else changed the quota since this window read it.
    with db.write() as session, pytest.raises(StaleRecord):
        programs.set_quota(session, admin, world.pbi, None, 12,
                           expected_version=usage[None].version - 1)
    with db.read() as session:
        assert session.scalar(select(Quota.amount).where(
            Quota.period_id == world.pbi, Quota.region_code.is_(None))) == 10
    operator = make_actor(db, "operator", "operator")
    with db.write() as session, pytest.raises(PermissionDenied):
        programs.set_quota(session, operator, world.pbi, None, 99)


def test_ledger_counts_within_one_transaction(world: World):
    with world.database.write() as session:
        programs.set_quota(session, world.admin, world.pbi, "36.73.01.1002", 1)
        ledger = programs.QuotaLedger(session, world.pbi)
        assert ledger.refusal("36.73.01.1002") is None
        ledger.take("36.73.01.1002")
        refusal = ledger.refusal("36.73.01.1002")
        assert refusal and "Kel. Cipare" in refusal and "1 dari 1" in refusal
        assert ledger.refusal("36.73.01.1001") is None  # only the total binds there
        assert ledger.remaining_for("36.73.01.1001") == 49


# ------------------------------------------------------------------ the demo queue


def test_demo_fills_the_queue_in_every_state(database, actor):
    summary = demo.generate(database, actor, 300, seed=3)  # the demo makes its queue too
    with database.read() as session:
        by_state = Counter(session.scalars(select(Proposal.state)))
    wanted = {"draft", "submitted", "in_field", "eligible", "not_eligible", "approved",
              "rejected", "returned", "cancelled"}
    assert wanted <= set(by_state)
    assert by_state["approved"] >= 3  # ready for a letter
    with database.read() as session:
        periods = {p.program_code: p for p in programs.list_periods(session)}
        usage = programs.quota_usage(session)
        rows = proposals.list_proposals(session, actor)
    assert periods["pbi-jk"].name == demo_workflow.PBI_PERIOD
    assert periods["rtlh"].name == demo_workflow.RTLH_PERIOD
    # Quotas: a total per period, split over kecamatan, and one kelurahan already full.
    assert {u.program_code for u in usage if u.region_code is None} == {"pbi-jk", "rtlh"}
    assert any(u.region_code and u.region_code.count(".") == 2 for u in usage)
    assert any(u.region_code and u.region_code.count(".") == 3 and u.full for u in usage)
    assert not any(u.over for u in usage)
    # The planted problems are in the queue with their findings.
    planted_households = {h for p in summary.planted for h in p.household_ids}
    flagged = [r for r in rows if r.household_id in planted_households]
    assert flagged and any(r.blockers for r in flagged)
    # Waiting times differ, so "oldest first" means something.
    assert len({r.created_at.date() for r in rows}) > 5


def test_demo_can_put_approved_proposals_in_a_letter(database, actor):
    bare_register(database, 300, seed=4)

    def letter(session, actor_, period_id, ids):  # type: ignore[no-untyped-def]
        row = letters.issue(
            session, actor_, letter_type_code="usulan-pbi", period_id=period_id,
            proposal_ids=ids,
            render=lambda n: letters.Rendered(b"%PDF-1.4 demo " + n.number.encode(),
                                              "Kepala Dinas Sosial Kota Serang",
                                              "Usulan PBI-JK", None))
        return row.id

    with database.write() as session:
        result = demo_workflow.populate(session, actor, rng_seed=5, letter=letter)
    assert {"in_letter", "accepted", "declined", "approved"} <= set(result.by_state)
    with database.read() as session:
        carried = session.scalar(select(func.count()).select_from(LetterProposal))
        still = session.scalars(select(Proposal.state).where(
            Proposal.id.in_(select(LetterProposal.proposal_id)))).all()
    assert carried == len(still) and set(still) <= {"in_letter", "accepted", "declined"}


def test_an_administrator_alone_gets_no_demo_queue(database):
    summary = bare_register(database, 50)
    assert summary.households == 50
    with database.read() as session:
        assert session.scalar(select(func.count(Proposal.id))) == 0
        assert programs.list_periods(session) == []
    with database.write() as session:
        admin_only = load_actor(session, "pembuat-demo")
        skipped = demo_workflow.populate(session, admin_only)
    assert skipped.by_state == {} and "tidak memegang semua peran" in skipped.skipped


def test_every_state_is_reachable_by_the_transition_table():
    reachable = {"draft"}
    frontier = ["draft"]
    while frontier:
        state = frontier.pop()
        for target in workflow.targets_from(state):
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(programs.STATES)
