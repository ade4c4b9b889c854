"""Desk checks: the rules engine that catches targeting errors before anyone visits a house.

Two kinds of findings are stored in the ``findings`` table:

* **Register findings** (``proposal_id`` null): problems in the register itself, whether or
  not anyone is proposed: an invalid NIK or No. KK, a NIK whose date or sex digits disagree
  with the member, the same person on two KKs, a house point outside its kelurahan, an
  ASN/TNI/Polri member in a family the register calls poor.
* **Proposal findings**: everything that matters for one proposal under its program's
  settings: the register facts about its household or person, the reference lists
  (coverage, earlier housing aid, ASN/TNI/Polri), the program's thresholds (desil, floor
  area per person, income), an earlier open proposal, deceased, land ownership, house
  condition, required photos and the field GPS.

Each finding has a severity (blocker, warning, info; per program in ``programs.rules_json``),
a plain Indonesian message and its evidence as JSON (the other household with the same
person, the kelurahan the point really falls in, the reference-list row...). A blocker
stops a proposal; a warning may be overridden with a written reason (audited); an info is
for reading.

The rules read the data through a handful of set-based queries limited to the households
or proposals being checked (suspect members, households, reference-list matches, twins,
one query per program for its thresholds) and one vectorised shapely pass for the points;
Python only sorts the rows those return into findings. So the whole register of a city
is checked in seconds and one edited household in milliseconds.

Findings are kept in step by difference: a finding that is found again keeps its row (and
its override, if the evidence is the same), one no longer found is removed, a new one is
added. Proposals that are decided (in a
letter, accepted, declined, rejected, cancelled) keep the findings they were decided with.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import time
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    event,
    extract,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased

from db import audit, codes, permissions, privacy
from db.actor import Actor, in_scope
from db.engine import IN_LIST_MAX, in_chunks
from db.errors import NotFound, PermissionDenied, ValidationFailed
from db.models import (
    Attachment,
    FieldVerification,
    Finding,
    Household,
    Member,
    Period,
    Program,
    Proposal,
    ReferenceEntry,
    ReferenceList,
    Region,
    User,
    utcnow,
)
from db.nik import PROVINCES, NumberRejected, mask, parse_kk, parse_nik
from db.programs import (
    ACTIVE_STATES,
    CLOSED_STATES,
    RULE_TITLES,
    SEVERITY_OFF,
    STATE_LABELS,
    ProgramInfo,
    ProgramRules,
    list_programs,
)

# Reference-list kinds (reference_lists.kind) the checks read; imported by the import
# service, newest active list of a kind wins.
COVERAGE_KIND = "coverage"
HOUSING_AID_KIND = "housing_aid"
APPARATUS_KINDS = ("exclusion",)

# Rules checked over the whole register (register findings, proposal_id null), with the
# severity they carry there; proposals inherit them under their program's severity.
REGISTER_SEVERITY = {
    "invalid_nik": "blocker", "invalid_kk": "blocker", "nik_mismatch": "warning",
    "duplicate_person": "warning", "asn_in_family": "warning",
    "point_outside_kelurahan": "warning",
}
# Facts about a person reach a per-person proposal only for that person.
PERSON_RULES = frozenset(
    {"invalid_nik", "nik_mismatch", "duplicate_person", "already_pbi", "jkn_other_segment"}
)
# Photos are taken at the visit: before it their absence is no finding.
PHOTO_STATES = ("in_field", "eligible", "not_eligible", "approved")
# Above this many households a "recheck" costs as much as the whole run; do that instead.
RECHECK_LIMIT = 5_000
MIN_OVERRIDE_REASON = 10
_CHUNK = IN_LIST_MAX

_SEGMENT_LABELS = {
    "pbi_apbn": "PBI APBN", "pbi_apbd": "PBI APBD", "ppu": "pekerja penerima upah (PPU)",
    "pbpu": "peserta mandiri (PBPU)", "bp": "bukan pekerja (BP)",
}
_APPARATUS_LABELS = {"civil_servant": "PNS/ASN", "military": "anggota TNI",
                     "police": "anggota Polri"}
_LAND_LABELS = {"own": "milik sendiri", "rent": "sewa", "rent_free": "bebas sewa/numpang",
                "official": "rumah dinas", "other": "lainnya"}
_INCOME_LABELS = {"under_1m": "di bawah Rp1 juta", "1m_2m": "Rp1–2 juta",
                  "2m_3m": "Rp2–3 juta", "3m_4m": "Rp3–4 juta", "4m_5m": "Rp4–5 juta",
                  "over_5m": "di atas Rp5 juta"}
_PHOTO_LABELS = {"photo_front": "depan", "photo_side": "samping", "photo_back": "belakang",
                 "photo_roof": "atap", "photo_floor": "lantai", "photo_sanitation": "sanitasi"}
_HOUSE_FIELDS = {
    "land_status": "status lahan", "land_document": "dokumen lahan",
    "roof_condition": "kondisi atap", "wall_condition": "kondisi dinding",
    "floor_condition": "kondisi lantai", "floor_area_m2": "luas lantai",
}


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Hit:
    """One thing a rule found, before it is stored as a finding."""

    rule: str
    household_id: int
    member_id: int | None
    message: str
    evidence: dict[str, Any]
    proposal_id: int | None = None
    severity: str = "warning"

    def key(self) -> tuple[Any, ...]:
        return (self.proposal_id, self.household_id, self.member_id, self.rule,
                _canonical(self.evidence))


@dataclass(frozen=True)
class FindingRow:
    """A stored finding as the findings panel and the CLI show it."""

    id: int
    proposal_id: int | None
    household_id: int
    member_id: int | None
    rule: str
    title: str
    severity: str
    message: str
    evidence: dict[str, Any]
    overridden: bool
    override_reason: str | None
    overridden_by: str | None
    overridden_at: dt.datetime | None
    created_at: dt.datetime

    @property
    def open(self) -> bool:
        """Still needs attention: a blocker, or a warning nobody has overridden."""
        return self.severity == "blocker" or (self.severity == "warning" and not self.overridden)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "proposal_id": self.proposal_id, "household_id": self.household_id,
            "member_id": self.member_id, "rule": self.rule, "title": self.title,
            "severity": self.severity, "message": self.message, "evidence": self.evidence,
            "overridden": self.overridden, "override_reason": self.override_reason,
            "overridden_by": self.overridden_by,
        }


@dataclass(frozen=True)
class CheckSummary:
    """What a desk-check run looked at and what it found."""

    households: int  # households whose register findings were checked
    proposals: int  # proposals checked
    by_rule: dict[str, int]  # findings now stored, per rule (in what was checked)
    by_severity: dict[str, int]
    added: int
    removed: int
    kept: int
    seconds: float
    boundaries_missing: bool = False  # no kelurahan boundaries: point checks were skipped

    def as_dict(self) -> dict[str, Any]:
        return {
            "households": self.households, "proposals": self.proposals,
            "by_rule": dict(self.by_rule), "by_severity": dict(self.by_severity),
            "added": self.added, "removed": self.removed, "kept": self.kept,
            "seconds": round(self.seconds, 3), "boundaries_missing": self.boundaries_missing,
        }


def _core(session: Session, statement: Any) -> Any:
    """Run a select on the session's connection, skipping the ORM's row processing.

    The register-wide queries return hundreds of thousands of plain rows; going around
    the ORM's loading (the session has already flushed) is several times faster.
    """
    return session.connection().execute(statement)


def _raw_rows(session: Session, statement: Any) -> list[tuple[Any, ...]]:
    """Plain tuples from the database driver, for the one query that reads every household.

    The statement holds only numbers and short codes as parameters, so it is rendered
    with them inline and run on the driver's cursor; making 200,000 SQLAlchemy rows
    would cost as much again as the query itself.
    """
    connection = session.connection()
    sql = str(statement.compile(dialect=connection.dialect,
                                compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def _canonical(evidence: dict[str, Any]) -> str:
    return json.dumps(evidence, ensure_ascii=False, sort_keys=True, default=str)


def _date_text(value: dt.date | str | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime("%d-%m-%Y")


# ------------------------------------------------------------------ targets


class _Target:
    """Which households and proposals a run covers, as SQL conditions."""

    def __init__(
        self, *, household_ids: Iterable[int] | None = None,
        proposal_ids: Iterable[int] | None = None, actor: Actor | None = None,
        program_ids: Sequence[int] | None = None, register: bool = True,
    ) -> None:
        self.household_ids = None if household_ids is None else sorted(set(household_ids))
        self.proposal_ids = None if proposal_ids is None else sorted(set(proposal_ids))
        self.actor = actor
        self.program_ids = program_ids
        self.register = register  # check register findings too

    def scope_households(self) -> Any:
        """Household ids in the actor's scope, as a subquery (None: no limit)."""
        if self.actor is None or not self.actor.scope:
            return None
        return select(Household.id).where(in_scope(self.actor, Household.kelurahan_code))

    def register_households(self, column: Any) -> ColumnElement[bool]:
        """Condition on a household-id column for the register rules."""
        if self.household_ids is not None:
            return column.in_(self.household_ids)
        scoped = self.scope_households()
        return column.in_(scoped) if scoped is not None else literal(True)

    def proposals(self) -> ColumnElement[bool]:
        """Condition on Proposal for the proposals to check (active ones only)."""
        conditions: list[ColumnElement[bool]] = [Proposal.state.in_(ACTIVE_STATES)]
        if self.proposal_ids is not None:
            conditions.append(Proposal.id.in_(self.proposal_ids))
        elif self.household_ids is not None:
            conditions.append(Proposal.household_id.in_(self.household_ids))
        else:
            scoped = self.scope_households()
            if scoped is not None:
                conditions.append(Proposal.household_id.in_(scoped))
        if self.program_ids is not None:
            conditions.append(Proposal.program_id.in_(self.program_ids))
        return and_(*conditions)


_chunks = in_chunks


# ------------------------------------------------------------------ number structure in SQL

def _day_months(women: bool) -> tuple[str, ...]:
    """Every real day and month as the DDMM digits of a NIK or KK (women's day + 40)."""
    days = []
    day = dt.date(2000, 1, 1)  # a leap year: 29 February is a real date in some years
    while day.year == 2000:
        days.append(f"{day.day:02d}{day.month:02d}")
        if women:
            days.append(f"{day.day + 40:02d}{day.month:02d}")
        day += dt.timedelta(days=1)
    return tuple(days)


_LEAP_YY = tuple(f"{y:02d}" for y in range(0, 100, 4))


def _non_digit(column: Any, dialect: str) -> ColumnElement[bool]:
    """SQL for "holds something other than the digits of a number not starting with 0".

    On SQLite a round trip through INTEGER is a third of the cost of a GLOB character
    class over 700,000 rows (CAST stops at the first non-digit and never fails); a leading
    zero or sign is also caught, which no NIK or KK has (province codes start at 11).
    """
    if dialect == "postgresql":
        return column.op("~", is_comparison=True)("[^0-9]")
    return cast(cast(column, Integer), String) != column


@functools.lru_cache(maxsize=8)
def _bad_number(what: str, dialect: str) -> ColumnElement[bool]:
    """SQL for "not a structurally valid NIK" (``what`` "nik") or No. KK ("kk").

    The date is checked as one lookup of its DDMM digits in the list of real days (plus
    the leap-year test for 29 February), which costs a fraction of separate day and month
    tests over 700,000 rows; only string comparisons, so PostgreSQL never fails on a
    non-digit value. Built once per dialect: a re-check of one household must not spend
    its milliseconds building it again.
    """
    column = Member.nik if what == "nik" else Household.no_kk
    women = what == "nik"
    ddmm = func.substr(column, 7, 4)
    return or_(
        func.length(column) != 16,
        _non_digit(column, dialect),
        func.substr(column, 1, 2).not_in(tuple(PROVINCES)),
        ddmm.not_in(_day_months(women)),
        and_(ddmm.in_(("2902", "6902") if women else ("2902",)),
             func.substr(column, 11, 2).not_in(_LEAP_YY)),
        func.substr(column, 13, 4) == "0000",
    )


@functools.lru_cache(maxsize=4)
def _nik_disagrees(dialect: str) -> ColumnElement[bool]:
    """SQL for "the NIK's DDMMYY digits are not the member's birth date (women: day + 40)".

    Plain string comparisons, far cheaper per row than date functions on 700,000 rows. A
    malformed NIK may be picked too; the rules in Python then call it invalid instead.
    """
    if dialect == "sqlite":
        # SQLite keeps a date as 'YYYY-MM-DD' text.
        born = Member.birth_date
        day = func.substr(born, 9, 2)
        expected = (case((Member.sex == "P", cast(cast(day, Integer) + 40, String)), else_=day)
                    .concat(func.substr(born, 6, 2)).concat(func.substr(born, 3, 2)))
        return and_(born.is_not(None), func.substr(Member.nik, 7, 6) != expected)

    # PostgreSQL: the same string comparison, the digits written by to_char.
    born = Member.birth_date
    women_day = cast(cast(extract("day", born), Integer) + 40, String)
    expected = (case((Member.sex == "P", women_day), else_=func.to_char(born, "DD"))
                .concat(func.to_char(born, "MMYY")))
    return and_(born.is_not(None), func.substr(Member.nik, 7, 6) != expected)


# Built once: making an alias is slow next to the millisecond a re-check may spend.
_OTHER_PROPOSAL = aliased(Proposal, name="other_proposal")
_OTHER_PERIOD = aliased(Period, name="other_period")
_APPARATUS_MEMBER = or_(Member.asn_tni_polri.is_(True),
                        Member.occupation.in_(codes.STATE_APPARATUS_OCCUPATIONS))


# ------------------------------------------------------------------ the rules: register facts


_APPLICANT_RULES = (
    "desil_unknown", "desil_above_threshold", "income_above_limit", "deceased", "not_owner",
    "no_land_document", "house_not_damaged", "floor_area_above_minimum", "other_house",
    "house_data_incomplete", "location_missing",
)


@functools.lru_cache(maxsize=32)
def _applicant_sql(unit: str, max_desil: int, over_income: tuple[str, ...],
                   min_area: float, rules: tuple[str, ...]) -> tuple[Any, Any, Any]:
    """(occupants, person join, WHERE) of the applicant rules for one set of settings.

    Built once per setting: a re-check of one household reuses them instead of building
    the same expressions again.
    """
    living = (
        select(func.count(Member.id))
        .where(Member.household_id == Household.id, Member.deceased.is_(False))
        .correlate(Household).scalar_subquery()
    )
    occupants = func.coalesce(func.nullif(Household.occupants, 0), living)
    person = (Member.id == Proposal.member_id if unit == "person" else
              and_(Member.household_id == Proposal.household_id,
                   Member.relationship_code == "head"))
    wanted = {
        "desil_unknown": Household.desil.is_(None),
        "desil_above_threshold": Household.desil > max_desil,
        "income_above_limit": Household.income_bracket.in_(over_income),
        "deceased": Member.deceased.is_(True),
        "not_owner": and_(Household.land_status.is_not(None), Household.land_status != "own"),
        "no_land_document": Household.land_document == "none",
        "house_not_damaged": and_(Household.roof_condition == "good",
                                  Household.wall_condition == "intact",
                                  Household.floor_condition == "good"),
        "floor_area_above_minimum": and_(Household.floor_area_m2.is_not(None), occupants > 0,
                                         Household.floor_area_m2 > min_area * occupants),
        "other_house": Household.other_house.is_(True),
        "house_data_incomplete": or_(*(getattr(Household, f).is_(None) for f in _HOUSE_FIELDS)),
        "location_missing": or_(Household.longitude.is_(None), Household.latitude.is_(None)),
    }
    conditions = [wanted[rule] for rule in rules]
    return occupants, person, (or_(*conditions) if conditions else None)


class _Engine:
    """One run of the rules over a target, inside one session.

    The facts about households and members come from a handful of queries (members,
    households, reference-list matches by NIK and by No. KK, twins), each limited to the
    target; the rules then only sort the rows those queries returned. Few statements
    matter as much as set-based ones: re-checking one household must take milliseconds.
    """

    def __init__(self, session: Session, target: _Target, today: dt.date) -> None:
        self.session = session
        self.target = target
        self.today = today
        self.dialect = session.get_bind().dialect.name
        self.boundaries_missing = False
        self._lists: dict[str, list[int]] | None = None
        self._programs: dict[int, ProgramInfo] | None = None

    def _core(self, statement: Any) -> Any:
        return _core(self.session, statement)

    @property
    def programs(self) -> dict[int, ProgramInfo]:
        if self._programs is None:
            self._programs = {p.id: p for p in list_programs(self.session)}
        return self._programs

    # -------------------------------------------------------------- reference lists

    def list_ids(self, *kinds: str) -> list[int]:
        if self._lists is None:
            self._lists = defaultdict(list)
            for list_id, kind in self.session.execute(
                select(ReferenceList.id, ReferenceList.kind).where(ReferenceList.active.is_(True))
            ):
                self._lists[kind].append(list_id)
        return [i for k in kinds for i in self._lists.get(k, [])]

    def _entries(self, key: str, households: Callable[[Any], ColumnElement[bool]],
                 applicants: Callable[[Any], ColumnElement[bool]]) -> list[Any]:
        """Reference-list rows matching members' NIK (``key`` "nik") or households' KK.

        ASN/TNI/Polri lists are matched for every target household; coverage and
        housing-aid lists only for ``applicants`` (households with proposals), where
        they matter.
        """
        apparatus = self.list_ids(*APPARATUS_KINDS)
        applied = self.list_ids(COVERAGE_KIND, HOUSING_AID_KIND) if key == "nik" else \
            self.list_ids(HOUSING_AID_KIND)
        if not apparatus and not applied:
            return []
        if key == "nik":
            owner, number, household, member, person = (
                Member, Member.nik, Member.household_id, Member.id, Member.name)
            ref = ReferenceEntry.nik
        else:
            owner, number, household, member, person = (
                Household, Household.no_kk, Household.id, literal(None), literal(None))
            ref = ReferenceEntry.no_kk
        wanted = []
        if apparatus:
            wanted.append(ReferenceEntry.list_id.in_(apparatus))
        if applied:
            wanted.append(and_(ReferenceEntry.list_id.in_(applied), applicants(household)))
        query = (
            select(household.label("household_id"), member.label("member_id"),
                   number.label("number"), person.label("person"),
                   ReferenceEntry.name, ReferenceEntry.segment, ReferenceEntry.year,
                   ReferenceEntry.note, ReferenceList.id.label("list_id"),
                   ReferenceList.source_file, ReferenceList.source_date, ReferenceList.kind)
            .select_from(owner)
            .join(ReferenceEntry, ref == number)
            .join(ReferenceList, ReferenceList.id == ReferenceEntry.list_id)
            .where(households(household), or_(*wanted))
        )
        return list(self._core(query))

    @staticmethod
    def _list_evidence(row: Any) -> dict[str, Any]:
        return {
            "list_id": row.list_id, "kind": row.kind, "source_file": row.source_file,
            "source_date": row.source_date.isoformat() if row.source_date else None,
            "name": row.name, "segment": row.segment, "year": row.year, "note": row.note,
        }

    # -------------------------------------------------------------- the facts pass

    def facts(self, households: Callable[[Any], ColumnElement[bool]],
              applicants: Callable[[Any], ColumnElement[bool]], *,
              everyone: bool) -> tuple[list[Hit], list[Hit]]:
        """(register hits, applicant hits) for the households selected by ``households``.

        Register hits are problems in the register itself; applicant hits are the facts
        only a proposal cares about (ASN/TNI/Polri in any family, JKN coverage, earlier
        housing aid), for the households selected by ``applicants``.
        """
        # Each expensive test is evaluated once per member, in the WHERE; the few rows
        # returned are sorted into rules in Python, with the same rules (db.nik).
        columns = (Member.id, Member.household_id, Member.nik, Member.name, Member.sex,
                   Member.birth_date, Member.occupation, Member.asn_tni_polri,
                   Member.jkn_status, Member.jkn_segment)
        # Over the whole register SQL picks the suspects; for a few households all their
        # members come back and Python alone decides (with the same db.nik rules), which
        # spares binding the long lists of valid codes for a handful of rows.
        suspects = (or_(_APPARATUS_MEMBER, _bad_number("nik", self.dialect),
                        _nik_disagrees(self.dialect)) if everyone else literal(True))
        members = self._core(
            select(*columns).where(households(Member.household_id), suspects)
        ).all()
        # JKN coverage matters only for people proposed in a program that checks it.
        jkn_programs = [p.id for p in self.programs.values()
                        if p.unit == "person" and any(p.rules.severity_of(r) != SEVERITY_OFF
                                                      for r in ("already_pbi",
                                                                "jkn_other_segment"))]
        proposed = select(Proposal.member_id).where(
            self.target.proposals(), Proposal.program_id.in_(jkn_programs))
        covered = self._core(
            select(*columns).where(applicants(Member.household_id), Member.id.in_(proposed),
                                   Member.jkn_status == "active")
        ).all() if jkn_programs else []
        if everyone:
            houses = _raw_rows(self.session, select(
                Household.id, Household.kelurahan_code, Household.longitude, Household.latitude,
                case((_bad_number("kk", self.dialect), Household.no_kk), else_=None),
            ).where(households(Household.id)))
        else:
            houses = [(hid, code, lon, lat, kk) for hid, code, lon, lat, kk in self._core(
                select(Household.id, Household.kelurahan_code, Household.longitude,
                       Household.latitude, Household.no_kk).where(households(Household.id))
            )]
        by_nik = self._entries("nik", households, applicants)
        by_kk = self._entries("kk", households, applicants)

        register: list[Hit] = []
        applicant: list[Hit] = []
        invalid = self._invalid_nik(members)
        register += invalid
        wrong = {h.member_id for h in invalid}
        register += self._nik_mismatch(m for m in members
                                       if m.id not in wrong and m.birth_date is not None)
        register += self._invalid_kk((hid, kk) for hid, _code, _x, _y, kk in houses
                                     if kk is not None)
        register += self.point_outside_kelurahan(houses)
        register += self.duplicate_person(households, everyone=everyone)
        max_desil = max((p.rules.max_desil for p in self.programs.values() if p.active),
                        default=5)
        apparatus_rows = [m for m in members if m.asn_tni_polri
                          or m.occupation in codes.STATE_APPARATUS_OCCUPATIONS]
        apparatus_entries = [e for e in by_nik if e.kind in APPARATUS_KINDS]
        poor = {row.household_id for row in apparatus_rows} | {
            row.household_id for row in apparatus_entries}
        desil = dict(self._core(select(Household.id, Household.desil).where(
            Household.id.in_(sorted(poor)))).all()) if poor else {}
        register += self._asn(apparatus_rows, apparatus_entries, desil, max_desil)
        applicant += self._asn(apparatus_rows, apparatus_entries, None, None)
        applicant += self._jkn(covered,
                               [e for e in by_nik if e.kind == COVERAGE_KIND])
        applicant += self._housing_aid(
            [e for e in by_nik if e.kind == HOUSING_AID_KIND],
            [e for e in by_kk if e.kind == HOUSING_AID_KIND])
        return register, applicant

    # -------------------------------------------------------------- invalid numbers

    @staticmethod
    def _invalid_nik(rows: Iterable[Any]) -> list[Hit]:
        hits = []
        for row in rows:
            try:
                parse_nik(row.nik)
            except NumberRejected as exc:
                reason = exc.reason
            else:  # a member returned for another rule
                continue
            hits.append(Hit("invalid_nik", row.household_id, row.id,
                            f"NIK {row.nik} milik {row.name} tidak sah: {reason}",
                            {"member_id": row.id, "nik": row.nik, "name": row.name,
                             "reason": reason}))
        return hits

    @staticmethod
    def _invalid_kk(rows: Iterable[tuple[int, str]]) -> list[Hit]:
        hits = []
        for household_id, kk in rows:
            try:
                parse_kk(kk)
            except NumberRejected as exc:
                reason = exc.reason
            else:  # a valid KK: a re-check hands every household of its few here
                continue
            hits.append(Hit("invalid_kk", household_id, None, f"No. KK {kk} tidak sah: {reason}",
                            {"no_kk": kk, "reason": reason}))
        return hits

    @staticmethod
    def _nik_mismatch(rows: Iterable[Any]) -> list[Hit]:
        """NIK date/sex digits that disagree with the member's birth date and sex."""
        hits = []
        for row in rows:
            nik, sex, birth = row.nik, row.sex, row.birth_date
            day = int(nik[6:8])
            nik_sex = "P" if day > 40 else "L"
            details = []
            if nik_sex != sex:
                details.append(
                    f"NIK menunjukkan {'perempuan' if nik_sex == 'P' else 'laki-laki'}, "
                    f"data anggota {'perempuan' if sex == 'P' else 'laki-laki'}"
                )
            nik_date = f"{day - 40 if day > 40 else day:02d}-{nik[8:10]}-{nik[10:12]}"
            if nik_date != birth.strftime("%d-%m-%y"):
                details.append(f"tanggal lahir di NIK {nik_date}, di data anggota "
                               f"{birth.strftime('%d-%m-%Y')}")
            if not details:  # a member returned for another rule
                continue
            hits.append(Hit("nik_mismatch", row.household_id, row.id,
                            f"NIK {nik} milik {row.name} tidak cocok: " + "; ".join(details) + ".",
                            {"member_id": row.id, "nik": nik, "name": row.name, "sex": sex,
                             "birth_date": birth.isoformat(), "nik_birth_digits": nik[6:12]}))
        return hits

    # -------------------------------------------------------------- duplicate person

    def duplicate_person(self, households: Callable[[Any], ColumnElement[bool]], *,
                         everyone: bool = False) -> list[Hit]:
        """The same name, birth date and sex on two KKs (the register keeps NIK unique).

        ``everyone``: the whole register is being checked, so group all members at once;
        otherwise only the names found in the target households are grouped.
        """
        keys = (
            select(Member.name_key, Member.birth_date, Member.sex)
            .where(Member.birth_date.is_not(None), Member.deceased.is_(False))
            .group_by(Member.name_key, Member.birth_date, Member.sex)
            # "More than one household" as min ≠ max: no per-group sort as DISTINCT needs.
            .having(func.min(Member.household_id) != func.max(Member.household_id))
        )
        if not everyone:
            keys = keys.where(Member.name_key.in_(
                select(Member.name_key).where(households(Member.household_id))
            ))
        keys_sq = keys.subquery()
        rows = self._core(
            select(Member.id, Member.household_id, Member.nik, Member.name, Member.name_key,
                   Member.birth_date, Member.sex, Member.birth_place, Household.no_kk,
                   Household.kelurahan_code, Household.rt, Household.rw,
                   Region.name.label("kelurahan_name"))
            .join(keys_sq, and_(keys_sq.c.name_key == Member.name_key,
                                keys_sq.c.birth_date == Member.birth_date,
                                keys_sq.c.sex == Member.sex))
            .join(Household, Household.id == Member.household_id)
            .join(Region, Region.code == Household.kelurahan_code, isouter=True)
            .where(Member.deceased.is_(False))
            .order_by(Member.id)
        ).all()
        groups: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
        for row in rows:
            groups[(row.name_key, row.birth_date, row.sex)].append(row)
        hits = []
        for group in groups.values():
            for row in group:
                others = [o for o in group if o.household_id != row.household_id]
                if not others:
                    continue
                evidence = {
                    "member_id": row.id, "nik": row.nik, "name": row.name,
                    "birth_date": row.birth_date.isoformat(), "birth_place": row.birth_place,
                    "others": [{
                        "member_id": o.id, "nik": o.nik, "name": o.name,
                        "birth_place": o.birth_place, "household_id": o.household_id,
                        "no_kk": o.no_kk, "kelurahan_code": o.kelurahan_code,
                        "kelurahan": o.kelurahan_name,
                        "rt": o.rt, "rw": o.rw,
                    } for o in others],
                }
                where = "; ".join(
                    f"No. KK {o['no_kk']} (Kel. {o['kelurahan']}, RT {o['rt']}/RW {o['rw']}) "
                    f"dengan NIK {o['nik']}" for o in evidence["others"]
                )
                hits.append(Hit(
                    "duplicate_person", row.household_id, row.id,
                    f"{row.name} (NIK {row.nik}, lahir {_date_text(row.birth_date)}) juga "
                    f"tercatat di {where}.", evidence,
                ))
        return hits

    # -------------------------------------------------------------- exclusions

    def _asn(self, rows: list[Any], entries: list[Any], desil: dict[int, int | None] | None,
             max_desil: int | None) -> list[Hit]:
        """ASN/TNI/Polri members: flagged, by occupation, or on an ASN/TNI/Polri list.

        With ``max_desil`` (register findings) only families the register calls poor are
        reported: there the two facts contradict each other.
        """
        sources: dict[int, dict[str, Any]] = {}
        for row in rows:
            found = sources.setdefault(row.id, {
                "household_id": row.household_id, "member_id": row.id, "nik": row.nik,
                "name": row.name, "sources": []})
            if row.occupation in codes.STATE_APPARATUS_OCCUPATIONS:
                found["sources"].append({"source": "occupation", "occupation": row.occupation})
            if row.asn_tni_polri:
                found["sources"].append({"source": "flag"})
        for row in entries:
            found = sources.setdefault(row.member_id, {
                "household_id": row.household_id, "member_id": row.member_id,
                "nik": row.number, "name": row.person, "sources": []})
            found["sources"].append({"source": "list", **self._list_evidence(row)})
        hits = []
        for found in sources.values():
            if max_desil is not None:
                level = (desil or {}).get(found["household_id"])
                if level is None or level > max_desil:
                    continue
            said = []
            for source in found["sources"]:
                if source["source"] == "occupation":
                    said.append("pekerjaan " + _APPARATUS_LABELS[source["occupation"]])
                elif source["source"] == "flag":
                    said.append("ditandai ASN/TNI/Polri di data anggota")
                else:
                    kind = f" sebagai {source['segment'].upper()}" if source.get("segment") else ""
                    said.append(f"tercantum di daftar {source['source_file']}{kind}")
            evidence = {k: v for k, v in found.items() if k != "household_id"}
            if max_desil is None:
                tail = "keluarga ASN/TNI/Polri tidak berhak bantuan ini."
            else:
                evidence["desil"] = (desil or {}).get(found["household_id"])
                tail = (f"padahal keluarganya tercatat berdesil {evidence['desil']}; periksa "
                        "desil atau pekerjaannya.")
            hits.append(Hit(
                "asn_in_family", found["household_id"], found["member_id"],
                f"{found['name']} (NIK {found['nik']}) adalah ASN/TNI/Polri ("
                + ", ".join(said) + f"), {tail}", evidence,
            ))
        return hits

    def _jkn(self, rows: list[Any], entries: list[Any]) -> list[Hit]:
        """Members already in JKN: as PBI (already_pbi) or another segment."""
        found: dict[int, dict[str, Any]] = {}
        for row in rows:
            found[row.id] = {"household_id": row.household_id, "member_id": row.id,
                             "nik": row.nik, "name": row.name,
                             "sources": [{"source": "member", "segment": row.jkn_segment}]}
        for row in entries:
            item = found.setdefault(row.member_id, {
                "household_id": row.household_id, "member_id": row.member_id,
                "nik": row.number, "name": row.person, "sources": []})
            item["sources"].append({"source": "list", **self._list_evidence(row)})
        hits = []
        for item in found.values():
            segments = [_segment_code(s.get("segment")) for s in item["sources"]]
            pbi = any(s in codes.PBI_SEGMENTS for s in segments)
            said = []
            for source, code in zip(item["sources"], segments):
                label = _SEGMENT_LABELS.get(code or "", source.get("segment")
                                            or "segmen tidak disebut")
                if source["source"] == "member":
                    said.append(f"{label} menurut data anggota")
                else:
                    said.append(f"{label} menurut daftar {source['source_file']}"
                                + (f" ({_date_text(source['source_date'])})"
                                   if source.get("source_date") else ""))
            what = "sudah peserta PBI-JK" if pbi else "sudah peserta JKN aktif"
            hits.append(Hit("already_pbi" if pbi else "jkn_other_segment",
                            item["household_id"], item["member_id"],
                            f"{item['name']} (NIK {item['nik']}) {what}: " + "; ".join(said) + ".",
                            {k: v for k, v in item.items() if k != "household_id"}))
        return hits

    def _housing_aid(self, by_nik: list[Any], by_kk: list[Any]) -> list[Hit]:
        """The household's KK or a member's NIK on the earlier housing-aid list."""
        found: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for key, rows in (("no_kk", by_kk), ("nik", by_nik)):
            for row in rows:
                found[row.household_id].append({"matched_by": key, "number": row.number,
                                                 **self._list_evidence(row)})
        hits = []
        for household_id, entries in found.items():
            entries.sort(key=lambda e: (e.get("year") or 0, e["list_id"]), reverse=True)
            first = entries[0]
            when = f"tahun {first['year']}" if first.get("year") else "tahun tidak disebut"
            what = "; ".join(str(v) for v in (first.get("segment"), first.get("note")) if v)
            what = f" ({what})" if what else ""
            by = "No. KK" if first["matched_by"] == "no_kk" else "NIK"
            hits.append(Hit(
                "housing_aid_before", household_id, None,
                f"Keluarga ini pernah menerima bantuan rumah {when}{what}: {by} "
                f"{first['number']} tercantum di daftar {first['source_file']}.",
                {"entries": entries},
            ))
        return hits

    # -------------------------------------------------------------- location

    def point_outside_kelurahan(self, rows: Sequence[tuple[Any, ...]]) -> list[Hit]:
        """Points that fall outside their declared kelurahan, with the one they fall in.

        ``rows`` are (id, kelurahan_code, longitude, latitude, ...) of households.
        """
        if not rows:
            return []
        columns = list(zip(*rows))
        x_all = np.array(columns[2], dtype=float)  # a missing point becomes NaN
        y_all = np.array(columns[3], dtype=float)
        known = np.isfinite(x_all) & np.isfinite(y_all)
        if not known.any():
            return []
        # Kelurahan codes as small integers: comparing 200,000 strings once per
        # kelurahan would cost more than the point-in-polygon tests themselves.
        code_list = sorted(set(columns[1]))
        number = {code: n for n, code in enumerate(code_list)}
        kel = np.fromiter((number[c] for c in columns[1]), dtype=np.int32,
                          count=len(rows))[known]
        ids = np.array(columns[0], dtype=np.int64)[known]
        x, y = x_all[known], y_all[known]
        polygons = _polygons(self.session, code_list)
        if not polygons:
            self.boundaries_missing = True
            return []
        outside = np.zeros(len(ids), dtype=bool)
        order = np.argsort(kel, kind="stable")
        bounds = np.searchsorted(kel[order], np.arange(len(code_list) + 1))
        for n, code in enumerate(code_list):
            polygon = polygons.get(code)
            members = order[bounds[n]:bounds[n + 1]]
            if polygon is not None and len(members):
                outside[members] = ~shapely.contains_xy(polygon, x[members], y[members])
        declared = np.array(code_list, dtype=object)[kel]
        index = np.nonzero(outside)[0]
        if not len(index):
            return []
        candidates = _polygons_near(self.session, x[index], y[index])
        codes_list = list(candidates)
        actual: dict[int, str] = {}
        if codes_list:
            tree = shapely.STRtree([candidates[c] for c in codes_list])
            pairs = tree.query(shapely.points(x[index], y[index]), predicate="intersects")
            for point_pos, tree_pos in zip(*pairs):
                actual.setdefault(int(point_pos), codes_list[int(tree_pos)])
        names = _region_names(self.session, set(declared[index].tolist()) | set(actual.values()))
        hits = []
        for pos, row in enumerate(index):
            code = declared[row]
            real = actual.get(pos)
            lon, lat = float(x[row]), float(y[row])
            where = (f"berada di Kel. {names.get(real, real)}" if real
                     else "berada di luar semua kelurahan yang batasnya diketahui")
            hits.append(Hit(
                "point_outside_kelurahan", int(ids[row]), None,
                f"Titik rumah ({lat:.6f}, {lon:.6f}) {where}, bukan di Kel. "
                f"{names.get(code, code)} yang tercatat.",
                {"longitude": lon, "latitude": lat, "declared_code": code,
                 "declared_name": names.get(code, code), "actual_code": real,
                 "actual_name": names.get(real) if real else None},
            ))
        return hits

    # -------------------------------------------------------------- proposals

    def proposal_hits(self, facts: list[Hit]) -> tuple[list[Hit], list[int]]:
        """Findings for the active proposals of the target; also returns their ids.

        ``facts`` are the household and member facts of (at least) their households.
        """
        proposals = self._core(
            select(Proposal.id, Proposal.program_id, Proposal.household_id,
                   Proposal.member_id, Period.year)
            .join(Period, Period.id == Proposal.period_id)
            .where(self.target.proposals())
        ).all()
        if not proposals:
            return [], []
        by_household: dict[int, list[Hit]] = defaultdict(list)
        for hit in facts:
            by_household[hit.household_id].append(hit)
        hits: list[Hit] = []
        for proposal in proposals:
            program = self.programs[proposal.program_id]
            for fact in by_household.get(proposal.household_id, ()):
                severity = program.rules.severity_of(fact.rule)
                if severity != SEVERITY_OFF and _fact_applies(fact, proposal, program):
                    hits.append(_with(fact, proposal_id=proposal.id, severity=severity))
        for program_id in sorted({p.program_id for p in proposals}):
            program = self.programs[program_id]
            hits += [
                _with(h, severity=program.rules.severity_of(h.rule))
                for h in self._program_rules(program)
                if program.rules.severity_of(h.rule) != SEVERITY_OFF
            ]
        return hits, [p.id for p in proposals]

    def _program_rules(self, program: ProgramInfo) -> list[Hit]:
        rules = program.rules
        base = and_(self.target.proposals(), Proposal.program_id == program.id)
        hits = []
        if rules.severity_of("already_proposed") != SEVERITY_OFF:
            hits += self.already_proposed(base, program)
        hits += self.applicant_rules(base, program)
        if rules.required_photos and rules.severity_of("photos_missing") != SEVERITY_OFF:
            hits += self.photos_missing(base, rules)
        if rules.severity_of("gps_far_from_record") != SEVERITY_OFF:
            hits += self.gps_far(base, rules)
        return hits

    def applicant_rules(self, base: ColumnElement[bool], program: ProgramInfo) -> list[Hit]:
        """Desil, income, deceased, land and house rules: one query per program."""
        rules = program.rules

        def on(rule: str) -> bool:
            return rules.severity_of(rule) != SEVERITY_OFF

        over_income = codes.INCOME_BRACKET[
            codes.INCOME_BRACKET.index(rules.max_income_bracket) + 1:]
        occupants, person, condition = _applicant_sql(
            program.unit, rules.max_desil, tuple(over_income), rules.min_floor_area_per_person,
            tuple(rule for rule in _APPLICANT_RULES if on(rule)))
        if condition is None:
            return []
        rows = self.session.execute(
            select(Proposal.id.label("pid"), Household, occupants.label("occ"),
                   Member.id.label("mid"), Member.nik, Member.name, Member.deceased,
                   Member.deceased_date)
            .join(Household, Household.id == Proposal.household_id)
            .join(Member, person, isouter=True)
            .where(base, condition)
        ).all()
        hits: list[Hit] = []
        for row in rows:
            hits += self._classify(row, program, over_income, on)
        return list({h.key(): h for h in hits}.values())

    def _classify(self, row: Any, program: ProgramInfo, over_income: Sequence[str],
                  on: Callable[[str], bool]) -> list[Hit]:
        rules = program.rules
        h: Household = row.Household
        pid, hid = row.pid, h.id
        hits = []

        def add(rule: str, message: str, evidence: dict[str, Any],
                member_id: int | None = None) -> None:
            if on(rule):
                hits.append(Hit(rule, hid, member_id, message, evidence, proposal_id=pid))

        if h.desil is None:
            add("desil_unknown", "Desil keluarga belum diketahui (belum terdaftar di DTSEN "
                "atau belum diimpor).", {"desil": None})
        elif h.desil > rules.max_desil:
            add("desil_above_threshold", f"Desil keluarga {h.desil}, di atas batas program "
                f"(desil 1–{rules.max_desil}).", {"desil": h.desil, "max_desil": rules.max_desil})
        if h.income_bracket in over_income:
            add("income_above_limit",
                f"Penghasilan keluarga {_INCOME_LABELS.get(h.income_bracket)} sebulan, di atas "
                f"batas ({_INCOME_LABELS.get(rules.max_income_bracket)}).",
                {"income_bracket": h.income_bracket,
                 "max_income_bracket": rules.max_income_bracket})
        if row.deceased:
            when = f" pada {_date_text(row.deceased_date)}" if row.deceased_date else ""
            add("deceased",
                f"{row.name} (NIK {row.nik}) tercatat meninggal dunia{when}."
                if program.unit == "person" else
                f"Kepala keluarga {row.name} (NIK {row.nik}) tercatat meninggal dunia{when}; "
                "perbarui KK sebelum diusulkan.",
                {"member_id": row.mid, "nik": row.nik, "name": row.name,
                 "deceased_date": row.deceased_date.isoformat() if row.deceased_date else None},
                row.mid)
        if h.land_status is not None and h.land_status != "own":
            add("not_owner", f"Status lahan '{_LAND_LABELS.get(h.land_status)}', bukan milik "
                "sendiri; rehabilitasi hanya untuk rumah milik sendiri.",
                {"land_status": h.land_status})
        if h.land_document == "none":
            add("no_land_document", "Tidak ada dokumen lahan; lampirkan surat keterangan "
                "kelurahan bila ada.", {"land_document": "none"})
        if (h.roof_condition, h.wall_condition, h.floor_condition) == ("good", "intact", "good"):
            add("house_not_damaged", "Atap baik, dinding utuh dan lantai baik: rumah tidak "
                "tampak tidak layak huni.",
                {"roof_condition": "good", "wall_condition": "intact", "floor_condition": "good"})
        if h.floor_area_m2 is not None and row.occ and (
            h.floor_area_m2 > rules.min_floor_area_per_person * row.occ
        ):
            per_person = h.floor_area_m2 / row.occ
            add("floor_area_above_minimum",
                f"Luas lantai {h.floor_area_m2:g} m² untuk {row.occ} orang = {per_person:.1f} m² "
                f"per orang, di atas batas minimum {rules.min_floor_area_per_person:g} m² per "
                "orang.",
                {"floor_area_m2": h.floor_area_m2, "occupants": int(row.occ),
                 "per_person_m2": round(per_person, 2),
                 "minimum_m2": rules.min_floor_area_per_person})
        if h.other_house:
            add("other_house", "Keluarga memiliki rumah lain; rehabilitasi hanya untuk rumah "
                "satu-satunya.", {"other_house": True})
        missing = [label for f, label in _HOUSE_FIELDS.items() if getattr(h, f) is None]
        if missing:
            add("house_data_incomplete", "Data kondisi rumah belum lengkap: "
                + ", ".join(missing) + ".", {"missing": missing})
        if h.longitude is None or h.latitude is None:
            add("location_missing", "Lokasi rumah (koordinat) belum dicatat; ambil titik GPS "
                "saat kunjungan.", {})
        return hits

    def already_proposed(self, base: ColumnElement[bool], program: ProgramInfo) -> list[Hit]:
        """The same person (or household) in an earlier live proposal of an open period."""
        other, other_period = _OTHER_PROPOSAL, _OTHER_PERIOD
        same = (other.member_id == Proposal.member_id if program.unit == "person"
                else other.household_id == Proposal.household_id)
        rows = self._core(
            select(Proposal.id, Proposal.household_id, Proposal.member_id, other.id,
                   other.state, other_period.id, other_period.name)
            .join(other, and_(other.program_id == Proposal.program_id, same,
                              other.id < Proposal.id))
            .join(other_period, other_period.id == other.period_id)
            .where(base, other.state.not_in(CLOSED_STATES), other_period.status == "open")
        )
        hits = []
        for pid, household_id, member_id, oid, ostate, period_id, period_name in rows:
            who = "orang ini" if program.unit == "person" else "keluarga ini"
            hits.append(Hit(
                "already_proposed", household_id, member_id,
                f"Sudah ada usulan #{oid} {program.name} untuk {who} pada periode terbuka "
                f"'{period_name}' (status {STATE_LABELS.get(ostate, ostate)}).",
                {"other_proposal_id": oid, "other_state": ostate, "period_id": period_id,
                 "period_name": period_name},
                proposal_id=pid,
            ))
        return hits

    def photos_missing(self, base: ColumnElement[bool], rules: ProgramRules) -> list[Hit]:
        """Required photos not with the proposal or its household (from the visit on)."""
        candidates = self._core(
            select(Proposal.id, Proposal.household_id)
            .where(base, Proposal.state.in_(PHOTO_STATES))
        ).all()
        if not candidates:
            return []
        have: dict[int, set[str]] = defaultdict(set)
        ids = [pid for pid, _ in candidates]
        for chunk in _chunks(ids):
            for pid, kind in self._core(
                select(Proposal.id, Attachment.kind)
                .join(Attachment, or_(Attachment.proposal_id == Proposal.id,
                                      Attachment.household_id == Proposal.household_id))
                .where(Proposal.id.in_(chunk), Attachment.kind.in_(rules.required_photos))
                .distinct()
            ):
                have[pid].add(kind)
        hits = []
        for pid, household_id in candidates:
            missing = [k for k in rules.required_photos if k not in have[pid]]
            if missing:
                hits.append(Hit("photos_missing", household_id, None,
                                "Foto wajib belum ada: "
                                + ", ".join(_PHOTO_LABELS.get(k, k) for k in missing) + ".",
                                {"missing": missing}, proposal_id=pid))
        return hits

    def gps_far(self, base: ColumnElement[bool], rules: ProgramRules) -> list[Hit]:
        """The latest field GPS far from the household's point as it is recorded now.

        Comparing with the current point (not the distance noted at the visit) lets the
        finding vanish once the operator moves the point to where the officer stood.
        """
        from db.field import distances_m

        latest = (
            select(func.max(FieldVerification.id))
            .where(FieldVerification.proposal_id == Proposal.id,
                   FieldVerification.gps_longitude.is_not(None),
                   FieldVerification.gps_latitude.is_not(None))
            .correlate(Proposal).scalar_subquery()
        )
        rows = self._core(
            select(Proposal.id, Proposal.household_id, FieldVerification.id.label("vid"),
                   FieldVerification.gps_longitude, FieldVerification.gps_latitude,
                   FieldVerification.visit_date, Household.longitude, Household.latitude)
            .join(FieldVerification, FieldVerification.id == latest)
            .join(Household, Household.id == Proposal.household_id)
            .where(base, Household.longitude.is_not(None), Household.latitude.is_not(None))
        ).all()
        if not rows:
            return []
        far = distances_m(np.array([r.gps_longitude for r in rows]),
                          np.array([r.gps_latitude for r in rows]),
                          np.array([r.longitude for r in rows]),
                          np.array([r.latitude for r in rows]))
        return [
            Hit("gps_far_from_record", row.household_id, None,
                f"GPS saat kunjungan {_date_text(row.visit_date)} berjarak {distance:.0f} m dari "
                f"titik rumah yang tercatat (batas {rules.gps_tolerance_m:g} m); perbarui lokasi "
                "keluarga bila GPS lapangan benar.",
                {"verification_id": row.vid, "distance_m": round(float(distance), 1),
                 "tolerance_m": rules.gps_tolerance_m, "gps_longitude": row.gps_longitude,
                 "gps_latitude": row.gps_latitude, "recorded_longitude": row.longitude,
                 "recorded_latitude": row.latitude}, proposal_id=row.id)
            for row, distance in zip(rows, far) if distance > rules.gps_tolerance_m
        ]


def _segment_code(segment: str | None) -> str | None:
    """A coverage-list segment written any way (``PBI APBN``, ``pbi-apbd``) as a code."""
    if segment is None:
        return None
    text = segment.strip().lower().replace("-", "_").replace(" ", "_")
    if text in _SEGMENT_LABELS:
        return text
    if text.startswith("pbi") or "pemda" in text:
        # "PBPU Pemda" is the city-paid PBI of DOMAIN.md, whatever the letters say.
        return "pbi_apbd" if any(w in text for w in ("apbd", "daerah", "pemda")) else "pbi_apbn"
    return text


def _with(hit: Hit, **changes: Any) -> Hit:
    values = {**hit.__dict__, **changes}
    return Hit(**values)


def _fact_applies(fact: Hit, proposal: Any, program: ProgramInfo) -> bool:
    if program.unit == "person" and fact.rule in PERSON_RULES:
        return fact.member_id == proposal.member_id
    if fact.rule == "housing_aid_before" and program.rules.housing_aid_years is not None:
        since = proposal.year - program.rules.housing_aid_years
        return any(e.get("year") is None or e["year"] >= since
                   for e in fact.evidence["entries"])
    return True


# ------------------------------------------------------------------ polygons


_geometry_cache: dict[str, BaseGeometry] = {}


def _parse(text: str) -> BaseGeometry:
    key = hashlib.sha1(text.encode("utf-8")).hexdigest()
    geom = _geometry_cache.get(key)
    if geom is None:
        geom = shapely.from_geojson(text)
        shapely.prepare(geom)
        if len(_geometry_cache) > 2000:
            _geometry_cache.clear()
        _geometry_cache[key] = geom
    return geom


def _polygons(session: Session, codes_wanted: Sequence[str]) -> dict[str, BaseGeometry]:
    result = {}
    for chunk in _chunks(list(codes_wanted)):
        for code, text in session.execute(
            select(Region.code, Region.boundary_geojson)
            .where(Region.code.in_(chunk), Region.boundary_geojson.is_not(None))
        ):
            result[code] = _parse(text)
    return result


def _polygons_near(session: Session, x: np.ndarray, y: np.ndarray) -> dict[str, BaseGeometry]:
    """Kelurahan polygons whose bounding box holds any of the points."""
    query = select(Region.code, Region.boundary_geojson).where(
        Region.level == "desa_kelurahan", Region.boundary_geojson.is_not(None)
    )
    if len(x) <= 50:
        query = query.where(or_(*(
            and_(Region.min_lon <= float(px), Region.max_lon >= float(px),
                 Region.min_lat <= float(py), Region.max_lat >= float(py))
            for px, py in zip(x, y)
        )))
    return {code: _parse(text) for code, text in session.execute(query)}


def _region_names(session: Session, codes_wanted: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({c for c in codes_wanted if c})
    if not wanted:
        return {}
    return dict(session.execute(
        select(Region.code, Region.name).where(Region.code.in_(wanted))).all())


# ------------------------------------------------------------------ storing


@dataclass
class _SyncCounts:
    added: int = 0
    removed: int = 0
    kept: int = 0
    by_rule: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_severity: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _sync(session: Session, hits: list[Hit], existing_query: Any, counts: _SyncCounts) -> None:
    """Make the stored findings selected by ``existing_query`` equal to ``hits``."""
    wanted = {h.key(): h for h in hits}
    stale: list[int] = []
    changed: list[dict[str, Any]] = []
    for row in _core(session, existing_query):
        key = (row.proposal_id, row.household_id, row.member_id, row.rule, row.evidence_json)
        hit = wanted.pop(key, None)
        if hit is None:
            stale.append(row.id)
            continue
        counts.kept += 1
        if hit.severity != row.severity or hit.message != row.message:
            changed.append({"fid": row.id, "severity": hit.severity, "message": hit.message})
    for chunk in _chunks(stale):
        session.execute(delete(Finding).where(Finding.id.in_(chunk)))
    if changed:
        session.execute(
            update(Finding.__table__).where(Finding.__table__.c.id == bindparam("fid"))
            .values(severity=bindparam("severity"), message=bindparam("message")),
            changed,
        )
    if wanted:
        now = utcnow()
        session.execute(insert(Finding.__table__), [
            {"proposal_id": h.proposal_id, "household_id": h.household_id,
             "member_id": h.member_id, "rule": h.rule, "severity": h.severity,
             "message": h.message, "evidence_json": _canonical(h.evidence), "created_at": now}
            for h in wanted.values()
        ])
    counts.added += len(wanted)
    counts.removed += len(stale)
    for hit in hits:
        counts.by_rule[hit.rule] += 1
        counts.by_severity[hit.severity] += 1


def _existing(condition: ColumnElement[bool]) -> Any:
    return select(Finding.id, Finding.proposal_id, Finding.household_id, Finding.member_id,
                  Finding.rule, Finding.severity, Finding.message,
                  Finding.evidence_json).where(condition)


def _linked_register(
    session: Session, engine: _Engine, register: list[Hit]
) -> tuple[list[Hit], Any]:
    """Register hits and stored findings to compare for a recheck of some households.

    A duplicate person ties households together: when one of them changes, the other's
    "same person" finding must appear or vanish with it. Those linked households are
    re-checked for that one rule, completely (they may have other twins too).
    """
    responsible = set(engine.target.household_ids or ())
    own = [h for h in register if h.household_id in responsible]
    linked = {o["household_id"] for h in own if h.rule == "duplicate_person"
              for o in h.evidence["others"]}
    for (evidence,) in _core(
        session,
        select(Finding.evidence_json).where(
            Finding.proposal_id.is_(None), Finding.rule == "duplicate_person",
            Finding.household_id.in_(sorted(responsible)))
    ):
        linked |= {o["household_id"] for o in json.loads(evidence)["others"]}
    linked -= responsible
    others: ColumnElement[bool] = false()
    if linked:
        extra = sorted(linked)
        twin = _Engine(session, _Target(household_ids=extra), engine.today)
        own += [_with(h, severity=REGISTER_SEVERITY[h.rule])
                for h in twin.duplicate_person(lambda c: c.in_(extra))
                if h.household_id in linked]
        others = and_(Finding.rule == "duplicate_person", Finding.household_id.in_(extra))
    condition = and_(Finding.proposal_id.is_(None),
                     or_(Finding.household_id.in_(sorted(responsible)), others))
    return own, _existing(condition)


def _run(session: Session, target: _Target, today: dt.date | None = None) -> CheckSummary:
    from db import priority

    started = time.perf_counter()
    session.flush()  # the rules read through the connection, past the session's autoflush
    engine = _Engine(session, target, today or dt.date.today())
    counts = _SyncCounts()
    households_checked = 0
    in_proposals = select(Proposal.household_id).where(target.proposals())

    def applicants(column: Any) -> ColumnElement[bool]:
        return column.in_(in_proposals)

    if target.register:
        households = target.register_households
        whole = target.household_ids is None
        register, applicant = engine.facts(households, applicants if whole else households,
                                           everyone=whole)
        register = [_with(h, severity=REGISTER_SEVERITY[h.rule]) for h in register]
        if whole:
            condition = Finding.proposal_id.is_(None)
            scoped = target.scope_households()
            if scoped is not None:
                condition = and_(condition, Finding.household_id.in_(scoped))
                # A twin outside the actor's region is evidence here, not a finding to store.
                inside = set(session.scalars(scoped))
                register = [h for h in register if h.household_id in inside]
            households_checked = int(session.scalar(
                select(func.count(Household.id)).where(households(Household.id))) or 0)
            _sync(session, register, _existing(condition), counts)
        else:
            households_checked = len(target.household_ids or ())
            _sync(session, *_linked_register(session, engine, register), counts)
    else:
        register, applicant = engine.facts(applicants, applicants, everyone=False)
    # The register's ASN finding is limited to poor families; a proposal needs it for any.
    facts = [h for h in register if h.rule != "asn_in_family"] + applicant
    proposal_hits, proposal_ids = engine.proposal_hits(facts)
    by_proposal: dict[int, list[Hit]] = defaultdict(list)
    for hit in proposal_hits:
        by_proposal[hit.proposal_id].append(hit)  # type: ignore[index]
    for chunk in _chunks(proposal_ids):
        _sync(session, [h for pid in chunk for h in by_proposal.get(pid, ())],
              _existing(Finding.proposal_id.in_(chunk)), counts)
    priority.refresh(session, proposal_ids, today=engine.today)
    return CheckSummary(
        households=households_checked, proposals=len(proposal_ids),
        by_rule=dict(counts.by_rule), by_severity=dict(counts.by_severity),
        added=counts.added, removed=counts.removed, kept=counts.kept,
        seconds=time.perf_counter() - started, boundaries_missing=engine.boundaries_missing,
    )


# ------------------------------------------------------------------ public services


def run_desk_checks(
    session: Session, actor: Actor, *, program_code: str | None = None,
    today: dt.date | None = None,
) -> CheckSummary:
    """Check the whole register (in the actor's scope) and every active proposal.

    With ``program_code`` only that program's active proposals are checked (and the
    register facts of their households), not the rest of the register.
    """
    actor.require(action="proposal.desk_check")
    if program_code is None:
        target = _Target(actor=actor)
    else:
        from db.programs import get_program

        program = get_program(session, program_code)
        target = _Target(actor=actor, program_ids=[program.id], register=False)
    summary = _run(session, target, today)
    audit.record(session, actor, "desk_check", "register", program_code,
                 new=summary.as_dict())
    return summary


def recheck_households(
    session: Session, household_ids: Iterable[int], *, today: dt.date | None = None
) -> CheckSummary:
    """Re-run every rule for some households and their active proposals (after an edit).

    Called by the services that change a household, a member or a proposal, in the same
    transaction, so the findings never lag behind the data.
    """
    ids = sorted(set(household_ids))
    if len(ids) > RECHECK_LIMIT:
        return _run(session, _Target(), today)
    if not ids:
        return CheckSummary(0, 0, {}, {}, 0, 0, 0, 0.0)
    return _run(session, _Target(household_ids=ids), today)


def recheck_proposals(
    session: Session, proposal_ids: Iterable[int], *, today: dt.date | None = None
) -> CheckSummary:
    """Re-run the proposal rules for some proposals (after a create or a transition)."""
    ids = sorted(set(proposal_ids))
    if not ids:
        return CheckSummary(0, 0, {}, {}, 0, 0, 0, 0.0)
    return _run(session, _Target(proposal_ids=ids, register=False), today)


_SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


def _masked(text: str) -> str:
    return _SIXTEEN_DIGITS.sub(lambda m: mask(m.group(0)), text)


def _rows(session: Session, condition: ColumnElement[bool],
          viewer: Actor | None = None) -> list[FindingRow]:
    """Findings as rows; NIK and No. KK masked in them for a viewer who may not see them."""
    hide = viewer is not None and not permissions.allowed(viewer, "nik.view_full")
    rows = session.execute(
        select(Finding, User.username)
        .join(User, User.id == Finding.overridden_by_id, isouter=True)
        .where(condition)
        .order_by(
            case((Finding.severity == "blocker", 0), (Finding.severity == "warning", 1),
                 else_=2),
            Finding.id,
        )
    )
    result = []
    for f, username in rows:
        message, evidence = f.message, f.evidence_json
        if hide:
            message, evidence = _masked(message), _masked(evidence)
        result.append(FindingRow(
            f.id, f.proposal_id, f.household_id, f.member_id, f.rule,
            RULE_TITLES.get(f.rule, f.rule), f.severity, message, json.loads(evidence),
            f.override_reason is not None, f.override_reason, username, f.overridden_at,
            f.created_at))
    return result


def proposal_findings(session: Session, proposal_id: int,
                      viewer: Actor | None = None) -> list[FindingRow]:
    """The findings of one proposal, blockers first (masked for ``viewer`` if need be)."""
    return _rows(session, Finding.proposal_id == proposal_id, viewer)


def household_findings(session: Session, household_id: int,
                       viewer: Actor | None = None) -> list[FindingRow]:
    """The register findings of one household (not tied to a proposal)."""
    return _rows(session, and_(Finding.household_id == household_id,
                               Finding.proposal_id.is_(None)), viewer)


def all_findings(session: Session, actor: Actor, *, program_code: str | None = None,
                 limit: int | None = None) -> list[FindingRow]:
    """Findings in the actor's scope: register ones, and those of the program's proposals."""
    program_code = privacy.clean_filter_text(program_code, "Program", 40) or None
    condition: ColumnElement[bool] = literal(True)
    if actor.scope:
        condition = Finding.household_id.in_(
            select(Household.id).where(in_scope(actor, Household.kelurahan_code)))
    if program_code:
        condition = and_(condition, Finding.proposal_id.in_(
            select(Proposal.id).join(Program, Program.id == Proposal.program_id)
            .where(Program.code == program_code)))
    rows = _rows(session, condition, actor)
    return rows[:limit] if limit else rows


def open_counts(session: Session, proposal_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Per proposal: (blockers, warnings not overridden), in one grouped query per chunk."""
    result: dict[int, tuple[int, int]] = {}
    for chunk in _chunks(list(proposal_ids)):
        rows = session.execute(
            select(Finding.proposal_id,
                   func.sum(case((Finding.severity == "blocker", 1), else_=0)),
                   func.sum(case((and_(Finding.severity == "warning",
                                       Finding.override_reason.is_(None)), 1), else_=0)))
            .where(Finding.proposal_id.in_(chunk))
            .group_by(Finding.proposal_id)
        )
        for pid, blockers, warnings in rows:
            result[pid] = (int(blockers or 0), int(warnings or 0))
    return result


def override(session: Session, actor: Actor, finding_id: int, reason: str) -> FindingRow:
    """Accept a warning with a written reason (audited). A blocker cannot be overridden."""
    actor.require(action="proposal.override_finding")
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFound(f"Temuan #{finding_id} tidak ada (mungkin sudah hilang setelah data "
                       "diperbaiki).")
    title = RULE_TITLES.get(finding.rule, finding.rule)
    if finding.severity == "blocker":
        raise PermissionDenied(
            f"Temuan '{title}' adalah penghalang dan tidak dapat dikesampingkan.",
            hint="Perbaiki datanya (lalu periksa ulang) atau tolak/batalkan usulannya.",
        )
    if finding.severity == "info":
        raise ValidationFailed([("temuan", f"'{title}' hanya informasi; tidak perlu "
                                           "dikesampingkan.")])
    text = (reason or "").strip()
    if len(text) < MIN_OVERRIDE_REASON:
        raise ValidationFailed([("alasan", f"tulis alasan paling sedikit {MIN_OVERRIDE_REASON} "
                                           "huruf: mengapa peringatan ini boleh diabaikan")])
    old = finding.override_reason
    finding.override_reason = text
    finding.overridden_by_id = actor.user_id
    finding.overridden_at = utcnow()
    session.flush()
    audit.record(session, actor, "override", "finding", finding.id, field=finding.rule,
                 old=old, new=finding.message, reason=text)
    if finding.proposal_id is not None:
        audit.record(session, actor, "override", "proposal", finding.proposal_id,
                     field=finding.rule, new=finding.message, reason=text)
    return next(r for r in _rows(session, Finding.id == finding.id, actor))


# ------------------------------------------------------------------ automatic re-checks

_auto_engines: weakref.WeakSet[Any] = weakref.WeakSet()
_PENDING = "tepat_checks_pending"
_RUNNING = "tepat_checks_running"


def install_auto_recheck(database: Any) -> None:
    """Re-check households changed through ``database.write()`` sessions before commit.

    Any service that edits a household or member with the ORM (the register form, a
    member move) then gets fresh findings in the same transaction, without calling the
    checks itself. Bulk Core writes are not seen: the imports re-check what they change
    themselves (:func:`db.imports.bulk.recheck_proposed`); after the demo, run the desk
    checks.
    """
    _auto_engines.add(database.write_engine)
    _listen_once()


_listening = False


def _listen_once() -> None:
    global _listening
    if _listening:
        return
    _listening = True
    event.listen(Session, "after_flush", _collect_changes)
    event.listen(Session, "before_commit", _recheck_pending)


def _watched(session: Session) -> bool:
    try:
        bind = session.get_bind()
    except Exception:
        return False
    return bind in _auto_engines


def _collect_changes(session: Session, _context: Any) -> None:
    if session.info.get(_RUNNING) or not _watched(session):
        return
    pending = session.info.setdefault(_PENDING, set())
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, Household) and obj.id is not None:
            pending.add(obj.id)
        elif isinstance(obj, Member):
            if obj.household_id is not None:
                pending.add(obj.household_id)
            history = obj.__class__.household_id.impl.get_history(  # type: ignore[attr-defined]
                obj._sa_instance_state, obj._sa_instance_state.dict)
            pending.update(h for h in history.deleted or () if h is not None)


def _recheck_pending(session: Session) -> None:
    if session.info.get(_RUNNING) or not _watched(session):
        return
    # Commit flushes after this event: flush now so the last changes are collected too.
    session.flush()
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    session.info[_RUNNING] = True
    try:
        existing = set(session.scalars(
            select(Household.id).where(Household.id.in_(sorted(pending)))
        )) if len(pending) <= _CHUNK else pending
        recheck_households(session, existing)
    finally:
        session.info.pop(_RUNNING, None)

