"""The priority score: its parts, its weights as settings, and the queue order it gives."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from db import priority, programs, proposals
from db.models import Household, Member, Proposal
from tests.test_checks import World, make_world, members_of, propose

TODAY = dt.date.today()


@pytest.fixture
def world(database, actor) -> World:  # type: ignore[no-untyped-def]
    return make_world(database, actor, households=60, clean=3)


def _parts(world: World, pid: int, today: dt.date = TODAY) -> dict[str, priority.PriorityPart]:
    with world.database.read() as session:
        breakdown = priority.explain(session, pid, today=today)
    assert breakdown.total == pytest.approx(sum(p.points for p in breakdown.parts), abs=0.01)
    return {p.code: p for p in breakdown.parts}


def test_rtlh_parts_show_what_they_counted(world: World):
    [pid] = propose(world.database, world.admin, "rtlh", world.rtlh,
                    household_ids=[world.clean[0]])
    parts = _parts(world, pid)
    # desil 2 → 0.9 of the 35-point weight
    assert parts["desil"].value == pytest.approx(0.9) and parts["desil"].weight == 35
    assert parts["desil"].detail == "desil 2"
    # one child under five counts; three would fill the part
    assert parts["vulnerable"].detail == "1 balita"
    assert parts["vulnerable"].value == pytest.approx(1 / 3, abs=1e-3)
    # badly damaged roof (1) + rotten wall (1) + damaged floor (0.5) + collapse risk (1)
    # + 6 m² per person under 7.2 (1) = 4.5 of 5
    assert parts["house"].value == pytest.approx(0.9)
    assert "atap rusak berat" in parts["house"].detail and "rawan roboh" in parts["house"].detail
    assert parts["waiting"].value == 0 and parts["waiting"].detail == "0 hari"


def test_waiting_time_and_stored_score(world: World):
    [pid] = propose(world.database, world.admin, "rtlh", world.rtlh,
                    household_ids=[world.clean[1]])
    with world.database.write() as session:
        session.execute(update(Proposal).where(Proposal.id == pid).values(
            submitted_at=dt.datetime.combine(TODAY - dt.timedelta(days=73), dt.time(8),
                                             tzinfo=dt.timezone.utc)))
        version = session.scalar(select(Proposal.version).where(Proposal.id == pid))
        priority.refresh(session, [pid], today=TODAY)
    parts = _parts(world, pid)
    assert parts["waiting"].detail == "73 hari"
    assert parts["waiting"].value == pytest.approx(0.2)
    with world.database.read() as session:
        stored = session.scalar(select(Proposal.priority_score).where(Proposal.id == pid))
        # A score is derived data: it must not look like an edit to an open window.
        assert session.scalar(select(Proposal.version).where(Proposal.id == pid)) == version
    assert stored == pytest.approx(sum(p.points for p in parts.values()), abs=0.01)


def test_weights_are_settings_and_change_the_order(world: World):
    poorer, richer = world.clean[0], world.clean[1]
    with world.database.write() as session:
        session.execute(update(Household).where(Household.id == richer).values(
            desil=5, roof_condition="badly_damaged"))
        session.execute(update(Household).where(Household.id == poorer).values(
            desil=1, roof_condition="good", wall_condition="intact",
            floor_condition="good", collapse_risk=False, floor_area_m2=30.0))
    ids = propose(world.database, world.admin, "rtlh", world.rtlh,
                  household_ids=[poorer, richer])
    with world.database.read() as session:
        order = proposals.proposal_ids(session, world.admin, proposals.Filters(
            program_code="rtlh"))
    # By default the house weighs as much as the desil: the ruined house (desil 5: 21 +
    # house 31.5) goes before the sound one of a poorer family (desil 1: 35 + house 0).
    assert order == list(reversed(ids))
    with world.database.write() as session:
        programs.update_rules(session, world.admin, "rtlh", {
            "priority_weights": {"desil": 90, "house": 5, "vulnerable": 0, "waiting": 5}})
        priority.refresh(session, ids, today=TODAY)
        order = proposals.proposal_ids(session, world.admin, proposals.Filters(
            program_code="rtlh"))
    assert order == ids
    assert _parts(world, ids[1])["desil"].weight == 90


def test_pbi_counts_the_household_vulnerable_members(world: World):
    member = members_of(world.database, world.clean[2])[0]
    with world.database.write() as session:
        head = session.get(Member, member)
        head.birth_date = dt.date(TODAY.year - 70, 1, 1)
        spouse = session.scalar(select(Member).where(
            Member.household_id == world.clean[2], Member.relationship_code == "spouse"))
        spouse.chronic_illness = True
    [pid] = propose(world.database, world.admin, "pbi-jk", world.pbi, member_ids=[member])
    parts = _parts(world, pid)
    assert parts["vulnerable"].detail == "1 balita, 1 lansia, 1 sakit kronis"
    assert parts["vulnerable"].value == 1.0
    assert parts["house"].weight == 0  # PBI-JK does not weigh the house by default
