"""A map selection may hold the whole city: the services that take household ids from
it answer for 40,000 ids as they do for a few, on SQLite (whose default limit is 32,766
bound variables per statement) and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from db import proposals
from db.models import Household, Proposal
from tests.letter_data import seed
from widgets.queue.source import QueueSource

NOWHERE = list(range(10_000_000, 10_040_000))  # ids no household has


def test_proposals_of_a_huge_selection(database, actor) -> None:  # type: ignore[no-untyped-def]
    data = seed(database, households=4)
    with database.read() as session:
        households = sorted(set(session.scalars(select(Proposal.household_id))))
        few = proposals.proposals_of_households(session, actor, households[:2])
        many = proposals.proposals_of_households(session, actor, households[:2] + NOWHERE)
        every = proposals.proposals_of_households(session, actor, households + NOWHERE)
    assert few and few == many
    assert sorted(every) == sorted(data.pbi_proposals + data.rtlh_proposals)


def test_kk_numbers_of_a_huge_selection(database, actor) -> None:  # type: ignore[no-untyped-def]
    seed(database, households=4)
    with database.read() as session:
        rows = session.execute(select(Household.id, Household.kelurahan_code, Household.rw,
                                      Household.rt, Household.no_kk)).all()
    source = QueueSource(database, actor)
    numbers = source.household_numbers([r.id for r in rows] + NOWHERE)
    expected = [r.no_kk for r in sorted(rows, key=lambda r: (r.kelurahan_code, r.rw, r.rt,
                                                            r.no_kk))]
    assert numbers == expected and len(numbers) == 4
