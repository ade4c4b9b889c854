"""Register listing and search, shaped for a lazy table model over 200,000 households.

The register view asks for two things, Anki-browser style:

1. :func:`household_ids`: the ordered ids of every household that passes a filter
   (kecamatan, kelurahan, RT/RW, desil, program status, flags, search text), one query.
2. :func:`fetch_rows`: the columns shown for a page of those ids, one query per page;
   head's name, member count, flags and proposal status come from correlated
   subqueries evaluated only for the page, never per row in Python.

Search text matches a NIK, a No. KK or a member's name as a substring, insensitive to
case, spacing and punctuation (names are compared through ``members.name_key``). Names
and NIK fragments of 3 or more characters use the trigram index of migration 0002
(SQLite FTS5 ``members_search``, PostgreSQL ``pg_trgm`` GIN indexes); shorter text
matches from the start. :func:`search_backend` says which is in use; without the index
the same queries scan, just slower.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Engine,
    Text,
    and_,
    cast,
    exists,
    func,
    not_,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased

from db import codes, nik, permissions, privacy
from db.actor import Actor
from db.models import Finding, Household, Member, Program, Proposal, Region

# Names of the objects migration 0002 creates (tests and tools that compare the schema
# with the models ignore these).
SQLITE_FTS_TABLE = "members_search"
SQLITE_TRIGGERS = ("members_search_ai", "members_search_ad", "members_search_au")
PG_TRIGRAM_INDEXES = (
    "ix_members_name_key_trgm", "ix_members_nik_trgm", "ix_households_no_kk_trgm",
)
MIN_SUBSTRING = 3  # trigram indexes need 3 characters; shorter text matches a prefix
ELDERLY_AGE = 60

FLAGS: tuple[str, ...] = (
    "asn_tni_polri",  # a living member is a civil servant, soldier or police officer
    "disability",  # a living member has a disability
    "elderly",  # a living member is 60 or older
    "chronic_illness",  # a living member is chronically ill
    "pbi",  # a living member is covered by PBI-JK (national or city budget)
    "no_jkn",  # a living member has no JKN coverage at all
    "deceased_member",  # the KK lists a member who has died
    "no_location",  # no coordinates recorded
    "findings",  # an open desk-check finding (blocker or warning, not overridden)
)
SORT_KEYS: tuple[str, ...] = (
    "location", "no_kk", "head_name", "address", "rt_rw", "kelurahan", "desil", "members",
    "status",
)
NO_PROPOSAL = "none"  # proposal_state filter value: households without such a proposal


def is_search_object(name: str) -> bool:
    """True for a table, trigger or index that migration 0002 adds outside the models."""
    return (name == SQLITE_FTS_TABLE or name.startswith(SQLITE_FTS_TABLE + "_")
            or name in SQLITE_TRIGGERS or name in PG_TRIGRAM_INDEXES)


@dataclass(frozen=True)
class RegisterFilter:
    """What the register shows. Empty/None fields do not filter."""

    kecamatan_code: str | None = None
    kelurahan_code: str | None = None
    rw: str | None = None
    rt: str | None = None
    desil_min: int | None = None
    desil_max: int | None = None
    program_code: str | None = None
    proposal_state: str | None = None  # a state, or NO_PROPOSAL
    flags: frozenset[str] = field(default_factory=frozenset)
    text: str = ""


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register table."""

    id: int
    no_kk: str
    head_name: str
    address: str
    rt: str
    rw: str
    kelurahan_code: str
    kelurahan_name: str
    desil: int | None
    members: int  # living members
    flags: frozenset[str]
    proposal_program: str | None  # latest proposal's program code
    proposal_state: str | None  # latest proposal's state


@dataclass(frozen=True)
class FindHit:
    """One household found by :func:`find`, with the member or number that matched."""

    household_id: int
    no_kk: str
    head_name: str
    address: str
    rt: str
    rw: str
    kelurahan_name: str
    matched_by: str  # "no_kk", "nik" or "name"
    member_name: str  # the member that matched ("" for a No. KK match)
    member_nik: str


# --------------------------------------------------------------------------- backend

_backends: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def search_backend(session: Session) -> str:
    """``"fts5"``, ``"pg_trgm"`` or ``"scan"`` (no trigram index: queries scan)."""
    engine = session.get_bind().engine  # type: ignore[union-attr]
    found = _backends.get(engine)
    if found is not None:
        return found
    if engine.dialect.name == "sqlite":
        has = session.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
            {"n": SQLITE_FTS_TABLE},
        ).first()
        found = "fts5" if has else "scan"
    else:
        has = session.execute(
            text("SELECT 1 FROM pg_indexes WHERE indexname = :n"), {"n": PG_TRIGRAM_INDEXES[0]}
        ).first()
        found = "pg_trgm" if has else "scan"
    _backends[engine] = found
    return found


def forget_backend(engine: Engine) -> None:
    """Drop the cached backend of ``engine`` (after a migration added or removed the index)."""
    _backends.pop(engine, None)


# --------------------------------------------------------------------------- text matching


def _digits_only(raw: str) -> str | None:
    """The digits of a NIK/KK typed with spaces, dashes or dots; None if it is not one."""
    stripped = raw.strip().lstrip("'")
    compact = "".join(ch for ch in stripped if ch not in " -./\u00a0")
    return compact if compact.isdigit() else None


def _next_prefix(key: str) -> str:
    return key[:-1] + chr(ord(key[-1]) + 1)


def _prefix(column, key: str, dialect: str) -> ColumnElement[bool]:  # type: ignore[no-untyped-def]
    # SQLite's LIKE is case-insensitive and so cannot use the index; a range can.
    if dialect == "sqlite":
        return and_(column >= key, column < _next_prefix(key))
    return column.like(key + "%")


def _fts_ids(column: str, key: str):  # type: ignore[no-untyped-def]
    """Member ids whose ``column`` contains ``key``, through the FTS5 trigram index."""
    query = f'{column} : "{key}"'  # key holds only [0-9a-z]: nothing to escape
    return (
        text(f"SELECT rowid FROM {SQLITE_FTS_TABLE} WHERE {SQLITE_FTS_TABLE} MATCH :q")
        .bindparams(q=query)
        .columns(rowid=Member.id.type)
    )


def _member_text_condition(session: Session, column: str, key: str) -> ColumnElement[bool]:
    """Condition on ``Member`` for a name_key or NIK fragment."""
    dialect = session.get_bind().dialect.name
    col = Member.name_key if column == "name_key" else Member.nik
    if len(key) < MIN_SUBSTRING:
        return _prefix(col, key, dialect)
    if search_backend(session) == "fts5":
        return Member.id.in_(_fts_ids(column, key))
    return col.like(f"%{key}%")


def text_condition(session: Session, raw: str) -> ColumnElement[bool] | None:
    """Condition on ``Household`` for search text, or None when the text is empty.

    Digits (with any spaces, dashes or dots) search NIK and No. KK: 16 digits exactly,
    fewer as a substring. Anything else searches names through their key.
    """
    if not raw.strip():
        return None
    dialect = session.get_bind().dialect.name
    digits = _digits_only(raw)
    if digits is not None:
        if len(digits) >= 16:
            member = select(Member.household_id).where(Member.nik == digits)
            return or_(Household.no_kk == digits, Household.id.in_(member))
        member = select(Member.household_id).where(_member_text_condition(session, "nik", digits))
        kk = (_prefix(Household.no_kk, digits, dialect) if len(digits) < MIN_SUBSTRING
              else Household.no_kk.like(f"%{digits}%"))
        return or_(kk, Household.id.in_(member))
    key = codes.name_key(raw)
    if not key:
        return None
    member = select(Member.household_id).where(_member_text_condition(session, "name_key", key))
    return Household.id.in_(member)


# --------------------------------------------------------------------------- flags


def _member_criteria(flag: str, today: dt.date) -> list[ColumnElement[bool]] | None:
    """What a member must satisfy for a member-based flag; None for household flags."""
    living = Member.deceased.is_(False)
    if flag == "asn_tni_polri":
        return [living, or_(Member.asn_tni_polri.is_(True),
                            Member.occupation.in_(codes.STATE_APPARATUS_OCCUPATIONS))]
    if flag == "disability":
        return [living, Member.disability.is_not(None)]
    if flag == "elderly":
        try:
            cutoff = today.replace(year=today.year - ELDERLY_AGE)
        except ValueError:  # 29 February
            cutoff = today.replace(year=today.year - ELDERLY_AGE, day=28)
        return [living, Member.birth_date <= cutoff]
    if flag == "chronic_illness":
        return [living, Member.chronic_illness.is_(True)]
    if flag == "pbi":
        return [living, Member.jkn_status == "active", Member.jkn_segment.in_(codes.PBI_SEGMENTS)]
    if flag == "no_jkn":
        return [living, Member.jkn_status == "none"]
    if flag == "deceased_member":
        return [Member.deceased.is_(True)]
    if flag in FLAGS:
        return None
    raise ValueError(f"unknown register flag {flag!r}")


def _household_flag(flag: str) -> ColumnElement[bool]:
    if flag == "no_location":
        return or_(Household.longitude.is_(None), Household.latitude.is_(None))
    return exists().where(  # "findings"
        Finding.household_id == Household.id, Finding.severity.in_(("blocker", "warning")),
        Finding.overridden_at.is_(None),
    )


def flag_condition(flag: str, today: dt.date | None = None) -> ColumnElement[bool]:
    """SQL condition on ``Household`` that is true when the household carries ``flag``.

    Correlated (EXISTS per household): right for a page of rows.
    """
    criteria = _member_criteria(flag, today or dt.date.today())
    if criteria is None:
        return _household_flag(flag)
    return exists().where(Member.household_id == Household.id, *criteria)


def flag_filter(flag: str, today: dt.date | None = None) -> ColumnElement[bool]:
    """The same test as :func:`flag_condition`, shaped for filtering the whole register.

    ``id IN (households of matching members)``: the members are read once, instead of
    once per household as EXISTS would on 200,000 households.
    """
    criteria = _member_criteria(flag, today or dt.date.today())
    if criteria is None:
        return _household_flag(flag)
    return Household.id.in_(select(Member.household_id).where(*criteria))


# --------------------------------------------------------------------------- listing


# Region, RT/RW, program and state filters hold short codes; anything longer was not typed
# as a code (and a huge LIKE pattern makes SQLite fail), so it is refused with a message.
_CODE_FILTERS = {
    "kecamatan_code": "Kecamatan", "kelurahan_code": "Kelurahan", "rw": "RW", "rt": "RT",
    "program_code": "Program", "proposal_state": "Status usulan",
}
_CODE_MAX_LENGTH = 40


def _clean_codes(flt: RegisterFilter) -> RegisterFilter:
    """Filter codes without control characters (PostgreSQL refuses NUL) and of sane length."""
    changes = {
        name: privacy.clean_filter_text(getattr(flt, name), label, _CODE_MAX_LENGTH) or None
        for name, label in _CODE_FILTERS.items() if getattr(flt, name)
    }
    return dataclasses.replace(flt, **changes) if changes else flt


def _conditions(session: Session, actor: Actor, flt: RegisterFilter) -> list[ColumnElement[bool]]:
    permissions.require(actor, "register.view")
    conds: list[ColumnElement[bool]] = [permissions.household_condition(actor, "register.view")]
    flt = _clean_codes(flt)
    if flt.kelurahan_code:
        conds.append(Household.kelurahan_code == flt.kelurahan_code)
    elif flt.kecamatan_code:
        conds.append(Household.kelurahan_code.like(flt.kecamatan_code + ".%"))
    if flt.rw:
        conds.append(Household.rw == flt.rw.strip().zfill(3))
    if flt.rt:
        conds.append(Household.rt == flt.rt.strip().zfill(3))
    if flt.desil_min is not None:
        conds.append(Household.desil >= flt.desil_min)
    if flt.desil_max is not None:
        conds.append(Household.desil <= flt.desil_max)
    if flt.program_code or flt.proposal_state:
        proposal = select(Proposal.id).where(Proposal.household_id == Household.id)
        if flt.program_code:
            proposal = proposal.join(Program, Program.id == Proposal.program_id).where(
                Program.code == flt.program_code)
        if flt.proposal_state == NO_PROPOSAL:
            conds.append(not_(proposal.exists()))
        else:
            if flt.proposal_state:
                proposal = proposal.where(Proposal.state == flt.proposal_state)
            conds.append(proposal.exists())
    today = dt.date.today()
    for flag in sorted(flt.flags):
        conds.append(flag_filter(flag, today))
    condition = text_condition(session, flt.text)
    if condition is not None:  # text with nothing searchable (only punctuation) filters nothing
        conds.append(condition)
    return conds


def _head(column: str):  # type: ignore[no-untyped-def]
    # An alias, so that a query that also selects from members still correlates right.
    head = aliased(Member)
    return (
        select(getattr(head, column))
        .where(head.household_id == Household.id, head.relationship_code == "head",
               head.deceased.is_(False))
        .order_by(head.id).limit(1)
        .scalar_subquery()
    )


def _head_name():  # type: ignore[no-untyped-def]
    return _head("name")


def _member_count():  # type: ignore[no-untyped-def]
    member = aliased(Member)
    return (
        select(func.count(member.id))
        .where(member.household_id == Household.id, member.deceased.is_(False))
        .scalar_subquery()
    )


def _latest_proposal(column):  # type: ignore[no-untyped-def]
    return (
        select(column)
        .select_from(Proposal)
        .join(Program, Program.id == Proposal.program_id)
        .where(Proposal.household_id == Household.id)
        .order_by(Proposal.id.desc()).limit(1)
        .scalar_subquery()
    )


def _order(sort: str, descending: bool) -> list:  # type: ignore[type-arg]
    def d(col):  # type: ignore[no-untyped-def]
        return col.desc() if descending else col.asc()

    def nulls_last(col):  # type: ignore[no-untyped-def]
        return (d(col)).nulls_last()

    if sort == "location":
        keys = [d(Household.kelurahan_code), d(Household.rw), d(Household.rt)]
    elif sort == "no_kk":
        keys = [d(Household.no_kk)]
    elif sort == "head_name":
        keys = [nulls_last(_head("name_key"))]
    elif sort == "address":
        keys = [d(Household.address)]
    elif sort == "rt_rw":
        keys = [d(Household.rw), d(Household.rt), d(Household.kelurahan_code)]
    elif sort == "kelurahan":
        keys = [d(select(Region.name).where(Region.code == Household.kelurahan_code)
                  .scalar_subquery()), d(Household.kelurahan_code), d(Household.rw),
                d(Household.rt)]
    elif sort == "desil":
        keys = [nulls_last(Household.desil)]
    elif sort == "members":
        keys = [d(_member_count())]
    elif sort == "status":
        keys = [nulls_last(_latest_proposal(Proposal.state))]
    else:
        raise ValueError(f"unknown register sort {sort!r}")
    return [*keys, d(Household.id)]


def household_ids(session: Session, actor: Actor, flt: RegisterFilter = RegisterFilter(),
                  sort: str = "location", descending: bool = False) -> list[int]:
    """Ids of every household that passes ``flt``, in display order. One query.

    The default order (kelurahan, RW, RT) follows an index, so the whole register comes
    back without sorting. The ids travel as one comma-separated text built by the
    database (``group_concat``/``string_agg``) and are parsed by numpy: for 200,000 ids
    that is several times faster than 200,000 result rows through the driver.
    """
    conditions = _conditions(session, actor, flt)
    inner = select(Household.id).where(*conditions).order_by(*_order(sort, descending))
    inner = inner.subquery()
    if session.get_bind().dialect.name == "postgresql":
        # The aggregate reads the sorted subquery as one stream only in a serial plan:
        # parallel workers would each aggregate a part. (An ORDER BY inside string_agg
        # would guarantee it too, but sorts again instead of following the index.)
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
        text_ids = session.scalar(select(func.string_agg(cast(inner.c.id, Text), ",")))
    else:
        # SQLite feeds group_concat the subquery's rows in the subquery's order.
        text_ids = session.scalar(select(func.group_concat(inner.c.id)))
    if not text_ids:
        return []
    return np.fromstring(text_ids, dtype=np.int64, sep=",").tolist()


def count(session: Session, actor: Actor, flt: RegisterFilter = RegisterFilter()) -> int:
    """How many households pass ``flt``."""
    return int(session.scalar(
        select(func.count(Household.id)).where(*_conditions(session, actor, flt))) or 0)


def fetch_rows(session: Session, actor: Actor, ids: Sequence[int]) -> list[RegisterRow]:
    """The register columns for ``ids``, in the order given, in one query.

    Ids the actor may not see (or that no longer exist) are left out.
    """
    if not ids:
        return []
    today = dt.date.today()
    flag_columns = [flag_condition(f, today).label(f"flag_{f}") for f in FLAGS]
    query = (
        select(
            Household.id, Household.no_kk, Household.address, Household.rt, Household.rw,
            Household.kelurahan_code, Region.name, Household.desil,
            _head_name().label("head_name"), _member_count().label("members"),
            _latest_proposal(Program.code).label("program"),
            _latest_proposal(Proposal.state).label("state"),
            *flag_columns,
        )
        .join(Region, Region.code == Household.kelurahan_code, isouter=True)
        .where(Household.id.in_(list(ids)), permissions.household_condition(actor, "register.view"))
    )
    masked = not actor.can("nik.view_full")
    rows: dict[int, RegisterRow] = {}
    for r in session.execute(query):
        flags = frozenset(f for f in FLAGS if r._mapping[f"flag_{f}"])
        rows[r.id] = RegisterRow(
            id=r.id, no_kk=nik.mask(r.no_kk) if masked else r.no_kk, head_name=r.head_name or "",
            address=r.address, rt=r.rt, rw=r.rw, kelurahan_code=r.kelurahan_code,
            kelurahan_name=r.name or r.kelurahan_code, desil=r.desil, members=int(r.members or 0),
            flags=flags, proposal_program=r.program, proposal_state=r.state,
        )
    return [rows[i] for i in ids if i in rows]


def proposal_states(session: Session) -> list[str]:
    """The proposal states present in the register, for the status filter."""
    return sorted(session.scalars(select(Proposal.state).distinct()))


# --------------------------------------------------------------------------- lookup, find


def lookup(session: Session, actor: Actor, number: str) -> int | None:
    """The household with this exact No. KK, or with a member of this exact NIK.

    ``number`` may carry spaces or dashes. None when nothing in scope matches or the
    text is not a 16-digit number.
    """
    try:
        digits = nik.normalise(number, "NIK/No. KK")
    except nik.NumberRejected:
        return None
    permissions.require(actor, "register.view")
    scope = permissions.household_condition(actor, "register.view")
    found = session.scalar(select(Household.id).where(Household.no_kk == digits, scope))
    if found is None:
        found = session.scalar(
            select(Member.household_id)
            .join(Household, Household.id == Member.household_id)
            .where(Member.nik == digits, scope)
        )
    return None if found is None else int(found)


def find(session: Session, actor: Actor, raw: str, limit: int = 50) -> list[FindHit]:
    """Households matching search text (the register's search box, for the CLI).

    Exact number matches come first; then names that start with the text; then names
    that contain it, alphabetically. A household appears once per matching member.
    """
    raw = raw.strip()
    if not raw or limit < 1:
        return []
    permissions.require(actor, "register.view")
    scope = permissions.household_condition(actor, "register.view")
    masked = not actor.can("nik.view_full")
    dialect = session.get_bind().dialect.name
    digits = _digits_only(raw)
    hits: list[FindHit] = []
    head = _head_name().label("head_name")
    base_cols = (Household.id, Household.no_kk, head, Household.address, Household.rt,
                 Household.rw, Region.name.label("kelurahan"))

    def hit(r, matched_by: str, name: str = "",  # type: ignore[no-untyped-def]
            number: str = "") -> FindHit:
        return FindHit(r.id, nik.mask(r.no_kk) if masked else r.no_kk, r.head_name or "",
                       r.address, r.rt, r.rw, r.kelurahan or "", matched_by, name,
                       nik.mask(number) if masked and number else number)

    if digits is not None:
        kk_cond = (Household.no_kk == digits if len(digits) >= 16
                   else _prefix(Household.no_kk, digits, dialect) if len(digits) < MIN_SUBSTRING
                   else Household.no_kk.like(f"%{digits}%"))
        kk_rows = session.execute(
            select(*base_cols).join(Region, Region.code == Household.kelurahan_code, isouter=True)
            .where(kk_cond, scope)
            .order_by((Household.no_kk == digits).desc(), Household.no_kk).limit(limit)
        ).all()
        hits.extend(hit(r, "no_kk") for r in kk_rows)
        nik_cond = (Member.nik == digits if len(digits) >= 16
                    else _member_text_condition(session, "nik", digits))
        member_rows = session.execute(
            select(*base_cols, Member.name.label("member_name"), Member.nik.label("member_nik"))
            .select_from(Member)
            .join(Household, Household.id == Member.household_id)
            .join(Region, Region.code == Household.kelurahan_code, isouter=True)
            .where(nik_cond, scope)
            .order_by((Member.nik == digits).desc(), Member.nik).limit(limit)
        ).all()
        hits.extend(hit(r, "nik", r.member_name, r.member_nik) for r in member_rows)
        hits.sort(key=lambda h: (
            0 if digits in (h.no_kk, h.member_nik) else 1, h.member_nik or h.no_kk))
        return hits[:limit]

    key = codes.name_key(raw)
    if not key:
        return []
    starts = Member.name_key.like(key + "%") if dialect != "sqlite" else and_(
        Member.name_key >= key, Member.name_key < _next_prefix(key))
    rows = session.execute(
        select(*base_cols, Member.name.label("member_name"), Member.nik.label("member_nik"),
               starts.label("starts"))
        .select_from(Member)
        .join(Household, Household.id == Member.household_id)
        .join(Region, Region.code == Household.kelurahan_code, isouter=True)
        .where(_member_text_condition(session, "name_key", key), scope)
        .order_by(starts.desc(), Member.name_key, Member.id)
        .limit(limit)
    ).all()
    return [hit(r, "name", r.member_name, r.member_nik) for r in rows]


__all__ = [
    "FLAGS",
    "NO_PROPOSAL",
    "SORT_KEYS",
    "FindHit",
    "RegisterFilter",
    "RegisterRow",
    "count",
    "fetch_rows",
    "find",
    "flag_condition",
    "household_ids",
    "is_search_object",
    "lookup",
    "proposal_states",
    "search_backend",
    "text_condition",
]
