"""SQL injection and oversized input in every search and filter field, on SQLite and PostgreSQL.

Table-driven: each entry of FIELDS is one field a person can type into (or a CLI option
that reaches the same service). Every payload must end either in a result that truly
matches what was typed, or in a clear TepatError; never in a database error, never in
rows outside the user's scope, and never in a changed database. Input without a single
letter or digit (``%``, ``\x00``, spaces) may instead act as an empty field, showing
exactly what the empty field shows.

Adding a field: append a ``Field`` with the call that runs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from db import (
    auth,
    checks,
    households,
    letters,
    privacy,
    proposals,
    schema,
    search,
    users,
)
from db.actor import Actor, demo_admin
from db.codes import name_key
from db.engine import Database, open_database
from db.errors import TepatError
from db.models import Base, Household, Member, Period, Program, Proposal
from db.nik import make_kk, make_nik
from db.regions import kota_serang_codes, upsert_codes
from tests.conftest import BACKENDS, _new_url

PASSWORD = "kopi-pagi-7"

INJECTIONS = [
    "' OR '1'='1", "' OR 1=1 --", '" OR ""="', "'; DROP TABLE members; --",
    "1; DELETE FROM households", "' UNION SELECT nik, name, 1, 1 FROM members --",
    "') OR ('x'='x", "admin'--", "%", "_", "%%", "%' OR nik LIKE '%", "\\", "\\%", "*",
    "$1", ":name", "?", "x\x00y", "\x00", "\u202eitiS", "😀", "Bambang' --",
    "36.73.02%", "36.73.02.1001' OR '1'='1", "3673020101900002' OR '1'='1",
    "1e308", "-1", "NULL", "\n\r\t",
]
OVERSIZED = ["A" * 10_000, "9" * 100_000, "' OR '1'='1" * 100_000]


@dataclass
class Office:
    database: Database
    operator: Actor  # scope Kecamatan Serang only
    admin: Actor
    hidden: tuple[str, ...]  # what must never appear for the operator (Kasemen household)


@dataclass(frozen=True)
class Field:
    """One search/filter field: how to run it with ``text`` and what its results mean."""

    name: str
    run: Callable[[Any, Office, str], Any]  # (session, office, text) -> result
    who: str = "operator"
    # The items of a result that would count as "found something" (checked for leaks).
    found: Callable[[Any], list[Any]] = lambda result: list(result or [])
    # When something is found: does it truly contain what was typed? (None: must be empty)
    genuine: Callable[[Any, str], bool] | None = None


def _ids(filters_factory):  # type: ignore[no-untyped-def]
    return lambda s, o, text: search.household_ids(s, o.operator, filters_factory(text))


def _proposals(**make):  # type: ignore[no-untyped-def]
    def run(s, o, text):  # type: ignore[no-untyped-def]
        values = {k: (v(text) if callable(v) else text) for k, v in make.items()}
        return proposals.proposal_ids(s, o.operator, proposals.Filters(**values))
    return run


def _audit(field_name: str):  # type: ignore[no-untyped-def]
    def run(s, o, text):  # type: ignore[no-untyped-def]
        return privacy.search_audit(s, o.admin, privacy.AuditFilter(**{field_name: text}))
    return run


def _audit_genuine(column: str):  # type: ignore[no-untyped-def]
    def check(entry, text: str) -> bool:  # type: ignore[no-untyped-def]
        typed = privacy.clean_filter_text(text, "x").lower()
        if column == "text":
            hay = " ".join(filter(None, (entry.old_value, entry.new_value, entry.reason,
                                         entry.field))).lower()
            return typed in hay
        return (getattr(entry, column) or "").lower() == typed
    return check


FIELDS: list[Field] = [
    # The register: search box and filters (db/search.py, db/households.py).
    Field("register search box", lambda s, o, t: search.find(s, o.operator, t)),
    Field("register number lookup", lambda s, o, t: search.lookup(s, o.operator, t),
          found=lambda r: [] if r is None else [r]),
    Field("register filter: text", _ids(lambda t: search.RegisterFilter(text=t))),
    Field("register filter: kelurahan", _ids(lambda t: search.RegisterFilter(kelurahan_code=t))),
    Field("register filter: kecamatan", _ids(lambda t: search.RegisterFilter(kecamatan_code=t))),
    Field("register filter: RW", _ids(lambda t: search.RegisterFilter(rw=t))),
    Field("register filter: RT", _ids(lambda t: search.RegisterFilter(rt=t))),
    Field("register filter: program", _ids(lambda t: search.RegisterFilter(program_code=t))),
    Field("register filter: proposal state",
          _ids(lambda t: search.RegisterFilter(proposal_state=t))),
    Field("household by NIK/No. KK",
          lambda s, o, t: households.find_household_id(s, o.operator, t),
          found=lambda r: [r]),
    # The proposal queue (db/proposals.py).
    Field("queue filter: text", _proposals(text=None)),
    Field("queue filter: kelurahan", _proposals(kelurahan_code=None)),
    Field("queue filter: RW", _proposals(rw=None)),
    Field("queue filter: RT", _proposals(rt=None)),
    Field("queue filter: program", _proposals(program_code=None)),
    Field("queue filter: worklist", _proposals(worklist=None)),
    Field("queue filter: state", _proposals(states=lambda t: (t,))),
    # Findings and letters.
    Field("findings filter: program",
          lambda s, o, t: checks.all_findings(s, o.operator, program_code=t)),
    Field("letter registry filter: status",
          lambda s, o, t: letters.list_letters(s, o.operator, status=t)),
    # Administration (db/users.py, db/privacy.py).
    Field("user list search", lambda s, o, t: users.list_users(s, o.admin, search=t),
          who="admin",
          genuine=lambda row, t: privacy.clean_filter_text(t, "x").lower() in (
              row.username + " " + row.full_name).lower()),
    *(Field(f"audit viewer filter: {name}", _audit(name), who="admin",
            found=lambda page: page.entries, genuine=_audit_genuine(name))
      for name in ("username", "action", "entity", "entity_id", "text")),
]


# ------------------------------------------------------------------ the office


@pytest.fixture(scope="module", params=BACKENDS)
def office(request, tmp_path_factory) -> Iterator[Office]:
    urls = _new_url(request.param, tmp_path_factory.mktemp("injection"), request)
    database = open_database(next(urls))
    schema.upgrade(database, backup=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024,
                                                     parallelism=1))
        patch.setattr(auth, "_dummy_hash", None)
        yield _populate(database)
    database.dispose()
    next(urls, None)


def _populate(database: Database) -> Office:
    with database.read() as session:
        builtin = demo_admin(session)
    hidden_nik = make_nik("36.73.02", dt.date(1990, 1, 1), "L", 2)
    hidden_kk = make_kk("36.73.02", dt.date(2016, 1, 1), 2)
    with database.write() as session:
        upsert_codes(session, kota_serang_codes())
        program = session.scalar(sa.select(Program).where(Program.code == "rtlh"))
        period = Period(program_id=program.id, name="RTLH 2025", year=2025)
        session.add(period)
        for kel, kk, nik, name in (
            ("36.73.01.1001", make_kk("36.73.01", dt.date(2016, 1, 1), 1),
             make_nik("36.73.01", dt.date(1980, 1, 1), "P", 1), "Siti Aminah"),
            ("36.73.02.1001", hidden_kk, hidden_nik, "Bambang Rahasia"),
        ):
            household = Household(no_kk=kk, kelurahan_code=kel, address="Jl. Uji", rt="001",
                                  rw="001", desil=1)
            session.add(household)
            session.flush()
            session.add(Member(household_id=household.id, nik=nik, name=name,
                               name_key=name.lower().replace(" ", ""), sex="L",
                               relationship_code="head"))
            session.add(Proposal(program_id=program.id, period_id=period.id,
                                 household_id=household.id, state="submitted"))
        users.add_user(session, builtin, "operator", PASSWORD, roles=["operator"],
                       scope=["36.73.01"])
        users.add_user(session, builtin, "kepala", PASSWORD, roles=["admin"],
                       full_name="Kepala Seksi")
    return Office(
        database, auth.sign_in(database, "operator", PASSWORD),
        auth.sign_in(database, "kepala", PASSWORD),
        (hidden_nik, hidden_kk, "Bambang", "Rahasia", "36.73.02.1001"),
    )


def _fingerprint(database: Database) -> dict[str, Any]:
    """Row counts of every table but the audit trail (failed sign-ins add to it), and the
    users' rows."""
    with database.read() as session:
        counts = {t: session.scalar(sa.select(sa.func.count()).select_from(Base.metadata.tables[t]))
                  for t in Base.metadata.tables if t != "audit_events"}
        user_rows = session.execute(sa.text(
            "SELECT username, password_hash, active, failed_attempts FROM users ORDER BY id"
        )).all()
    return {"counts": counts, "users": [tuple(r) for r in user_rows]}


# ------------------------------------------------------------------ the test


def _run_empty(office: Office, field: Field) -> Any:
    """What the field shows when left empty (None when an empty field is refused)."""
    try:
        with office.database.write() as session:
            return field.run(session, office, "")
    except TepatError:
        return None


def _check(office: Office, field: Field, payload: str, empty: Any) -> str | None:
    """Run one payload; None when all is well, else what went wrong.

    ``empty`` is what the field shows when left empty.
    """
    label = f"{field.name} ← {payload[:40]!r}{'…' if len(payload) > 40 else ''}"
    with office.database.write() as session:
        try:
            result = field.run(session, office, payload)
        except TepatError as exc:
            if not exc.message:
                return f"{label}: an error without a message"
            return None
        except Exception as exc:  # noqa: BLE001 - any other error is the finding
            return f"{label}: {type(exc).__name__}: {str(exc)[:200]}"
    found = field.found(result)
    if field.who == "operator":
        text = repr(result)
        leaked = [h for h in office.hidden if h in text]
        if leaked:
            return f"{label}: shows {leaked} outside the user's scope"
    if not found or (field.genuine is not None and all(field.genuine(i, payload) for i in found)):
        return None
    if not name_key(payload) and empty is not None and repr(found) == repr(field.found(empty)):
        return None  # nothing searchable was typed: the field acts as if empty
    return f"{label}: found {len(found)} item(s) that do not match what was typed"


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
def test_field_resists_injection_and_oversized_input(office: Office, field: Field):
    before = _fingerprint(office.database)
    empty = _run_empty(office, field)
    problems = [p for payload in INJECTIONS + OVERSIZED
                if (p := _check(office, field, payload, empty))]
    assert problems == [], "\n".join(problems)
    after = _fingerprint(office.database)
    assert after == before  # nothing changed, nothing dropped
    # And the field still works for an ordinary search afterwards.
    with office.database.read() as session:
        assert search.find(session, office.operator, "Siti")


def test_sign_in_fields_resist_injection(office: Office):
    before = _fingerprint(office.database)
    for payload in INJECTIONS + OVERSIZED:
        for username, password in ((payload, PASSWORD), ("operator' --", payload),
                                   (payload, payload)):
            with pytest.raises(TepatError) as err:
                auth.sign_in(office.database, username, password)
            assert err.value.message == "Nama pengguna atau kata sandi salah."
    assert _fingerprint(office.database) == before
    # The real account was never touched: no lock, and it still signs in.
    assert auth.sign_in(office.database, "operator", PASSWORD).username == "operator"
