"""What the queue reads from ``db``: small, quick reads done on the GUI thread.

The queue's model fetches rows a page at a time (ids first, as Anki's browser does), and
the side panels read one proposal's findings and score; each is one short query. Every
change (a move, an assignment, an override, a field result) is not done here but asked
for with a signal and run by the application in the background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from db import checks, permissions, priority, programs, proposals, workflow
from db.actor import Actor
from db.engine import Database
from db.programs import PeriodInfo, ProgramInfo, QuotaUsage
from db.regions import RegionRow, list_regions


class QueueSource:
    """Reads for the verification queue, as one user (permissions and scope apply)."""

    def __init__(self, database: Database, actor: Actor) -> None:
        self.database = database
        self.actor = actor

    # ------------------------------------------------------------------ lists

    def ids(self, filters: proposals.Filters) -> list[int]:
        with self.database.read() as session:
            return proposals.proposal_ids(session, self.actor, filters)

    def rows(self, ids: Sequence[int]) -> list[proposals.ProposalRow]:
        with self.database.read() as session:
            return proposals.rows(session, self.actor, ids)

    def counts(self, filters: proposals.Filters) -> dict[str, int]:
        with self.database.read() as session:
            return proposals.worklist_counts(session, self.actor, filters)

    def worklists(self) -> list[str]:
        return proposals.worklists_for(self.actor)

    def programs(self) -> list[ProgramInfo]:
        with self.database.read() as session:
            return programs.list_programs(session, active_only=True)

    def periods(self, program_code: str | None = None) -> list[PeriodInfo]:
        with self.database.read() as session:
            return programs.list_periods(session, program_code)

    def kelurahan(self) -> list[RegionRow]:
        with self.database.read() as session:
            rows = list_regions(session, "desa_kelurahan")
        if not self.actor.scope:
            return rows
        return [r for r in rows if permissions.covers(self.actor, r.code)]

    def quota(self, period_id: int) -> list[QuotaUsage]:
        with self.database.read() as session:
            return programs.quota_usage(session, period_id=period_id)

    def officers(self) -> list[tuple[int, str]]:
        with self.database.read() as session:
            return proposals.field_officers(session)

    # ------------------------------------------------------------------ one proposal

    def proposal(self, proposal_id: int) -> proposals.ProposalRow:
        with self.database.read() as session:
            return proposals.get(session, self.actor, proposal_id)

    def findings(self, proposal_id: int) -> list[checks.FindingRow]:
        with self.database.read() as session:
            return checks.proposal_findings(session, proposal_id, self.actor)

    def priority(self, proposal_id: int) -> priority.PriorityBreakdown:
        with self.database.read() as session:
            return priority.explain(session, proposal_id, today=dt.date.today())

    def household_of(self, proposal_ids: Sequence[int]) -> list[int]:
        with self.database.read() as session:
            return proposals.households_of(session, proposal_ids)

    def proposals_of(self, household_ids: Sequence[int],
                     filters: proposals.Filters) -> list[int]:
        with self.database.read() as session:
            return proposals.proposals_of_households(session, self.actor, household_ids,
                                                     filters)

    def household_numbers(self, household_ids: Sequence[int]) -> list[str]:
        """The No. KK of some households (in scope), to propose them."""
        from sqlalchemy import select

        from db.actor import in_scope
        from db.engine import in_chunks
        from db.models import Household

        ids = sorted(set(household_ids))
        rows: list = []
        with self.database.read() as session:
            for chunk in in_chunks(ids):
                rows += session.execute(
                    select(Household.kelurahan_code, Household.rw, Household.rt,
                           Household.no_kk)
                    .where(Household.id.in_(chunk),
                           in_scope(self.actor, Household.kelurahan_code))).all()
        return [row.no_kk for row in sorted(rows, key=tuple)]

    def known_house(self, proposal_id: int) -> dict[str, object]:
        """The house as recorded, to start the field form from."""
        from db.field import ITEMS
        from db.models import Household, Proposal

        with self.database.read() as session:
            proposal = session.get(Proposal, proposal_id)
            household = session.get(Household, proposal.household_id) if proposal else None
            if household is None:
                return {}
            return {code: getattr(household, item.household_field)
                    for code, item in ITEMS.items() if item.household_field}

    # ------------------------------------------------------------------ what the user may do

    def allowed_moves(self, state: str) -> list[str]:
        return workflow.allowed_moves(self.actor, state)

    def can(self, action: str) -> bool:
        return permissions.allowed(self.actor, action)
