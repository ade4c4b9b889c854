"""A transparent priority score per proposal, shown with its parts.

The score is the sum of four parts, each a value between 0 and 1 times its weight (the
weights are settings per program, ``priority_weights`` in ``programs.rules_json``; the
defaults add up to 100, so the score runs 0-100):

* **desil**: poorer first; desil 1 gives 1.0, desil 10 gives 0.1, unknown 0;
* **vulnerable**: living members who are elderly, disabled, chronically ill, pregnant or
  small children; three or more give 1.0;
* **house**: roof, wall and floor damage (partly 0.5, badly 1), collapse risk, and
  crowding (less floor area per person than the program's minimum), averaged;
* **waiting**: days since the proposal was submitted (or created), a full year gives 1.0.

The stored ``proposals.priority_score`` orders the queue; :func:`explain` recomputes the
parts for one proposal so an operator can see exactly why it ranks where it does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from db.engine import in_chunks
from db.errors import NotFound
from db.models import Household, Member, Proposal
from db.programs import PRIORITY_PARTS, ProgramRules, program_by_id

PART_LABELS = {
    "desil": "Desil",
    "vulnerable": "Anggota rentan",
    "house": "Kondisi rumah",
    "waiting": "Lama menunggu",
}
_DAMAGE = {"leaking": 0.5, "badly_damaged": 1.0, "cracked": 0.5, "rotten": 1.0,
           "damaged": 0.5}


@dataclass(frozen=True)
class PriorityPart:
    """One part of the score: its value 0..1, its weight, and what it counted."""
    code: str  # desil, vulnerable, house, waiting
    label: str  # Indonesian
    detail: str  # what was counted, in words
    value: float  # 0..1
    weight: float
    points: float  # value × weight


@dataclass(frozen=True)
class PriorityBreakdown:
    """A proposal's score with its parts."""
    proposal_id: int
    total: float
    parts: tuple[PriorityPart, ...]

    def lines(self) -> list[str]:
        return [f"{p.label}: {p.detail} → {p.value:.2f} × {p.weight:g} = {p.points:.1f}"
                for p in self.parts] + [f"Skor prioritas: {self.total:.1f}"]


@dataclass
class _Facts:
    desil: int | None
    vulnerable: list[str]
    roof: str | None
    wall: str | None
    floor: str | None
    collapse_risk: bool | None
    floor_area: float | None
    occupants: int | None
    waiting_days: int


def _age(birth: dt.date | None, today: dt.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _vulnerable(member: Any, rules: ProgramRules, today: dt.date) -> str | None:
    """Why a member counts as vulnerable (Indonesian), or None."""
    age = _age(member.birth_date, today)
    if age is not None and age >= rules.elderly_age:
        return "lansia"
    if member.disability:
        return "disabilitas"
    if member.chronic_illness:
        return "sakit kronis"
    if member.pregnant:
        return "hamil"
    if age is not None and age < rules.child_age:
        return "balita"
    return None


def _values(facts: _Facts, rules: ProgramRules) -> dict[str, float]:
    """The value (0..1) of each part: the numbers alone, as the score is stored."""
    damage = sum(_DAMAGE.get(c or "", 0.0) for c in (facts.roof, facts.wall, facts.floor))
    crowded = bool(facts.floor_area and facts.occupants
                   and facts.floor_area / facts.occupants < rules.min_floor_area_per_person)
    return {
        "desil": 0.0 if facts.desil is None else (11 - facts.desil) / 10,
        "vulnerable": min(len(facts.vulnerable), 3) / 3,
        "house": (damage + (1.0 if facts.collapse_risk else 0.0) + (1.0 if crowded else 0.0)) / 5,
        "waiting": min(facts.waiting_days, 365) / 365,
    }


def _score(facts: _Facts, rules: ProgramRules) -> float:
    """The total as :func:`explain` adds it up, without the words."""
    weights = rules.priority_weights
    return round(sum(round(round(v, 4) * float(weights.get(k, 0)), 2)
                     for k, v in _values(facts, rules).items()), 2)


def _parts(facts: _Facts, rules: ProgramRules) -> list[PriorityPart]:
    """The parts with what each counted, in words: the same numbers as :func:`_score`."""
    weights = rules.priority_weights
    values = _values(facts, rules)
    details = {"desil": "desil belum diketahui" if facts.desil is None else f"desil {facts.desil}"}
    tally: dict[str, int] = defaultdict(int)
    for why in facts.vulnerable:
        tally[why] += 1
    details["vulnerable"] = ", ".join(f"{n} {why}" for why, n in sorted(tally.items())) \
        or "tidak ada"
    said = []
    for name, condition in (("atap", facts.roof), ("dinding", facts.wall),
                            ("lantai", facts.floor)):
        if _DAMAGE.get(condition or "", 0) >= 1:
            said.append(f"{name} rusak berat")
        elif _DAMAGE.get(condition or "", 0) > 0:
            said.append(f"{name} rusak sebagian")
    if facts.collapse_risk:
        said.append("rawan roboh")
    if facts.floor_area and facts.occupants and (
        facts.floor_area / facts.occupants < rules.min_floor_area_per_person
    ):
        said.append(f"{facts.floor_area / facts.occupants:.1f} m² per orang")
    details["house"] = ", ".join(said) or "tidak ada kerusakan tercatat"
    details["waiting"] = f"{facts.waiting_days} hari"
    parts = []
    for code in PRIORITY_PARTS:
        value, weight = round(values[code], 4), float(weights.get(code, 0))
        parts.append(PriorityPart(code, PART_LABELS[code], details[code], value, weight,
                                  round(value * weight, 2)))
    return parts


def _facts(session: Session, proposal_ids: Sequence[int], today: dt.date
           ) -> dict[int, tuple[int, _Facts, float | None]]:
    """Facts per proposal: (program id, facts, stored score), two queries per chunk.

    The queries run on the session's connection, past the ORM's row loading: a whole
    register's check refreshes thousands of scores at once.
    """
    result: dict[int, tuple[int, _Facts, float | None]] = {}
    connection = session.connection()
    rules_cache: dict[int, ProgramRules] = {}
    for chunk in in_chunks(proposal_ids):
        rows = connection.execute(
            select(Proposal.id, Proposal.program_id, Proposal.household_id,
                   Proposal.submitted_at, Proposal.created_at, Proposal.priority_score,
                   Household.desil,
                   Household.roof_condition, Household.wall_condition, Household.floor_condition,
                   Household.collapse_risk, Household.floor_area_m2, Household.occupants)
            .join(Household, Household.id == Proposal.household_id)
            .where(Proposal.id.in_(chunk))
        ).all()
        households = sorted({r.household_id for r in rows})
        members: dict[int, list[Any]] = defaultdict(list)
        living: dict[int, int] = defaultdict(int)
        for member in connection.execute(
            select(Member.household_id, Member.birth_date, Member.disability,
                   Member.chronic_illness, Member.pregnant)
            .where(Member.household_id.in_(households), Member.deceased.is_(False))
        ):
            members[member.household_id].append(member)
            living[member.household_id] += 1
        for row in rows:
            rules = rules_cache.get(row.program_id)
            if rules is None:
                rules = rules_cache[row.program_id] = program_by_id(session, row.program_id).rules
            since = row.submitted_at or row.created_at
            waiting = max((today - since.date()).days, 0) if since else 0
            vulnerable = [why for m in members[row.household_id]
                          if (why := _vulnerable(m, rules, today)) is not None]
            result[row.id] = (row.program_id, _Facts(
                row.desil, vulnerable, row.roof_condition, row.wall_condition,
                row.floor_condition, row.collapse_risk, row.floor_area_m2,
                row.occupants or living[row.household_id], waiting), row.priority_score)
    return result


def refresh(session: Session, proposal_ids: Iterable[int], *, today: dt.date | None = None) -> int:
    """Recompute the score of some proposals and store those that changed.

    Returns how many were written.
    """
    ids = sorted(set(proposal_ids))
    if not ids:
        return 0
    today = today or dt.date.today()
    rules_cache: dict[int, ProgramRules] = {}
    values = []
    for pid, (program_id, facts, stored) in _facts(session, ids, today).items():
        rules = rules_cache.get(program_id)
        if rules is None:
            rules = rules_cache[program_id] = program_by_id(session, program_id).rules
        total = _score(facts, rules)
        if stored is None or abs(stored - total) > 0.001:
            values.append({"pid": pid, "score": total})
    if values:
        table = Proposal.__table__
        # Core UPDATE of the score alone: derived data, not an edit, so neither the
        # version a window holds for optimistic locking nor the edit time changes.
        session.execute(
            update(table).where(table.c.id == bindparam("pid"))
            .values(priority_score=bindparam("score"), updated_at=table.c.updated_at),
            values,
        )
    return len(values)


def explain(session: Session, proposal_id: int, *,
            today: dt.date | None = None) -> PriorityBreakdown:
    """The score of one proposal with each part and what it counted."""
    today = today or dt.date.today()
    facts = _facts(session, [proposal_id], today).get(proposal_id)
    if facts is None:
        raise NotFound(f"Usulan #{proposal_id} tidak ada.")
    program_id, data, _stored = facts
    parts = _parts(data, program_by_id(session, program_id).rules)
    return PriorityBreakdown(proposal_id, round(sum(p.points for p in parts), 2), tuple(parts))
