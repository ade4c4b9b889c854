"""Set-based writes for imports: many rows per statement, no ORM objects, no row queries.

An import of 100,000 rows must cost little more than reading the file. SQLAlchemy's
per-row parameter processing (and, on SQLite, the FTS5 trigger of the register search)
would cost several times the read, so these helpers hand tuples straight to the DB-API
``executemany`` with SQL built from the models' own table and column names. Values are
converted here for the two dialects Tepat runs on: dates become ISO text on SQLite (the
format SQLAlchemy itself stores), everything else passes as Python values.
Timestamps come from the database (``CURRENT_TIMESTAMP``): the same for every row of
one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence

from sqlalchemy import Boolean, Column, Connection, Date, DateTime, Table, select
from sqlalchemy.orm import Session

from db import checks, search
from db.actor import Actor
from db.engine import IN_LIST_MAX
from db.models import AuditEvent, Proposal
from db.programs import ACTIVE_STATES

QUERY_CHUNK = IN_LIST_MAX  # keys per IN (...) list
WRITE_CHUNK = 5000  # rows per executemany call (and per progress/cancel check)
NOW = "CURRENT_TIMESTAMP"


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def dialect(session: Session) -> str:
    return session.connection().dialect.name


def _marker(session: Session) -> str:
    return "?" if dialect(session) == "sqlite" else "%s"


def adapt(rows: Sequence[Sequence[object]]) -> Sequence[Sequence[object]]:
    """Rows ready for the driver: tuples (date values are adapted by the driver, see
    :mod:`db.engine`)."""
    return rows if not rows or isinstance(rows[0], tuple) else [tuple(r) for r in rows]


def insert_many(session: Session, table: Table, columns: Sequence[str],
                rows: Sequence[Sequence[object]], constants: dict[str, str] | None = None
                ) -> None:
    """``INSERT INTO table (columns..., constants...)`` for every row, in one executemany.

    ``constants`` maps a column to an SQL literal used for every row (``CURRENT_TIMESTAMP``,
    ``1``, ``FALSE``).
    """
    if not rows:
        return
    constants = constants or {}
    unknown = [name for name in (*columns, *constants) if name not in table.c]
    if unknown:
        raise KeyError(f"{table.name} has no column {', '.join(unknown)}")
    mark = _marker(session)
    names = ", ".join((*columns, *constants))
    values = ", ".join([mark] * len(columns) + list(constants.values()))
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({values})"
    session.connection().exec_driver_sql(sql, adapt(rows))


def update_many(session: Session, table: Table, columns: Sequence[str],
                rows: Sequence[Sequence[object]], *, bump_version: bool = True) -> None:
    """``UPDATE table SET columns... WHERE id = ?`` per row; each row is (values..., id).

    Edited records carry an optimistic-locking version: it rises by one, and
    ``updated_at`` becomes the transaction's time.
    """
    if not rows:
        return
    mark = _marker(session)
    sets = [f"{name} = {mark}" for name in columns]
    if bump_version:
        sets += ["version = version + 1", f"updated_at = {NOW}"]
    sql = f"UPDATE {table.name} SET {', '.join(sets)} WHERE id = {mark}"
    session.connection().exec_driver_sql(sql, adapt(rows))


def touch(session: Session, table: Table, ids: Iterable[int]) -> None:
    """Raise the version of records whose parts changed (a household whose members did)."""
    wanted = sorted(set(ids))
    update_many(session, table, [], [(i,) for i in wanted])


def ids_for(session: Session, key: Column, values: Sequence[str], id_column: Column
            ) -> dict[str, int]:
    """``{key value: id}`` for the given key values (:func:`rows_where`)."""
    return {k: i for i, k in rows_where(session, key.table, (id_column.name, key.name),
                                        key.name, values)}


# Past this share of a table's rows, reading the whole table (SQLite) beats IN lists.
SCAN_SHARE = 0.25


def rows_where(session: Session, table: Table, columns: Sequence[str], key: str,
               keys: Iterable[object], *, lock: bool = False,
               cancelled: Callable[[], bool] | None = None) -> list[Sequence]:
    """``columns`` (which include ``key``) of the rows of ``table`` whose ``key`` is among
    ``keys``, as sequences of Python values (dates as dates, booleans as bools).

    Driver-level statements: SQLAlchemy's per-row result handling cost more than the
    queries when a re-import reads back 100,000 members. Keys go in IN lists of
    :data:`QUERY_CHUNK`; on SQLite, keys covering more than :data:`SCAN_SHARE` of the
    table are answered by one scan instead. ``lock`` adds ``FOR UPDATE`` (PostgreSQL; a
    SQLite write transaction already holds the whole database). Before each statement,
    ``cancelled`` returning True raises :class:`QueryCancelled`.
    """
    wanted = sorted(set(keys))
    if not wanted:
        return []
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    select_list = f"SELECT {', '.join(columns)} FROM {table.name}"
    found: list[Sequence] = []
    if sqlite and len(wanted) > SCAN_SHARE * (conn.exec_driver_sql(
            f"SELECT count(*) FROM {table.name}").scalar() or 0):
        if cancelled is not None and cancelled():
            raise QueryCancelled
        at = list(columns).index(key)
        chosen = set(wanted)
        found = [values for values in _driver_rows(conn, select_list, ())
                 if values[at] in chosen]
    else:
        mark = _marker(session)
        for chunk in chunks(wanted, QUERY_CHUNK):
            if cancelled is not None and cancelled():
                raise QueryCancelled
            query = f"{select_list} WHERE {key} IN ({', '.join([mark] * len(chunk))})"
            if lock and not sqlite:
                query += " FOR UPDATE"
            found += _driver_rows(conn, query, tuple(chunk))
    if not sqlite:
        return found  # PostgreSQL's driver returns dates and booleans already
    convert = _converter(table, columns)
    return [convert(values) for values in found] if convert else found


def rows_above(session: Session, table: Table, columns: Sequence[str], last_id: int
               ) -> list[tuple]:
    """``columns`` of the rows of ``table`` whose id is above ``last_id`` (the rows a bulk
    insert just made), straight from the driver."""
    query = f"SELECT {', '.join(columns)} FROM {table.name} WHERE id > {_marker(session)}"
    return _driver_rows(session.connection(), query, (last_id,))


class QueryCancelled(Exception):
    """Raised by :func:`rows_where` when its ``cancelled`` callback says so."""


def _driver_rows(conn: Connection, query: str, params: tuple) -> list[tuple]:
    """All rows of ``query`` from the driver's own cursor (no per-row SQLAlchemy work)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(query, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def _converter(table: Table, columns: Sequence[str]
               ) -> Callable[[Sequence[object]], list] | None:
    """SQLite values to Python ones: ISO text to dates (each distinct text parsed once),
    0/1 to bools; None when no column needs it."""
    dates = [i for i, c in enumerate(columns)
             if isinstance(table.c[c].type, Date) and not isinstance(table.c[c].type, DateTime)]
    flags = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, Boolean)]
    if not dates and not flags:
        return None
    parsed: dict[str, dt.date] = {}

    def convert(values: Sequence[object]) -> list:
        row = list(values)
        for i in dates:
            value = row[i]
            if value.__class__ is str:
                found = parsed.get(value)  # type: ignore[arg-type]
                if found is None:
                    found = parsed[value] = dt.date.fromisoformat(value)  # type: ignore[arg-type]
                row[i] = found
        for i in flags:
            if row[i] is not None:
                row[i] = bool(row[i])
        return row

    return convert


_AUDIT_COLUMNS = ("user_id", "username", "action", "entity", "entity_id", "field",
                  "old_value", "new_value", "reason")


def audit_many(session: Session, actor: Actor, events: Sequence[tuple]) -> None:
    """Audit events in bulk, the same columns :func:`db.audit.record` fills. Each event is
    ``(action, entity, entity_id, field, old_value, new_value, reason)``, texts or None
    (tuples, not dicts: an import of 30,000 new families writes one per family)."""
    who = (actor.user_id, actor.username)
    rows = [who + e for e in events]
    for chunk in chunks(rows, WRITE_CHUNK * 4):
        insert_many(session, AuditEvent.__table__, _AUDIT_COLUMNS, chunk, {"at": NOW})


def recheck_proposed(session: Session, household_ids: Iterable[int] | None) -> int:
    """Re-run the desk checks for the households among ``household_ids`` (all of them when
    None) that have an active proposal, in the caller's transaction; returns how many.

    The statements here go around the ORM, so the hook that re-checks households edited
    through it (:func:`db.checks.install_auto_recheck`) never sees an import: without this
    the findings of active proposals would lag behind the imported data until someone ran
    the desk checks. Households without an active proposal are left alone: re-checking a
    whole register after each import would cost more than the import itself.
    """
    active = Proposal.state.in_(ACTIVE_STATES)
    if household_ids is None:
        wanted = list(session.scalars(select(Proposal.household_id).where(active).distinct()))
    else:
        wanted = []
        for chunk in chunks(sorted(set(household_ids)), QUERY_CHUNK):
            wanted += session.scalars(select(Proposal.household_id).where(
                active, Proposal.household_id.in_(chunk)).distinct())
    if wanted:
        checks.recheck_households(session, wanted)
    return len(wanted)


def audit_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# The search index of migration 0002 (db/search.py) is kept by a trigger per inserted
# member; FTS5 indexes rows several times faster in one INSERT ... SELECT. So a bulk insert
# drops that trigger inside its transaction, indexes the new rows in one statement and
# creates the trigger again from its own stored SQL. The transaction hides this from
# other connections and undoes it on any failure or kill.
_FTS_INSERT = f"INSERT INTO {search.SQLITE_FTS_TABLE}(rowid, name_key, nik)"
FTS5_AUTOMERGE = 4  # SQLite's default


@contextlib.contextmanager
def member_search_index(session: Session) -> Iterator[None]:
    """Around bulk member inserts: index the new members in one statement on SQLite."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    trigger = search.SQLITE_TRIGGERS[0]
    found = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)).first()
    if found is None or _FTS_INSERT not in found[0]:
        yield  # an index of another shape: leave its trigger to do the work
        return
    last_id = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM members").scalar()
    conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
    yield
    # FTS5 merges its index segments as it goes ("automerge"); for one statement that
    # indexes 100,000 names that work is wasted (0.33 s became 0.23 s without it), and its
    # emergency merges ("crisismerge") still bound the segments. The setting is put back.
    table = search.SQLITE_FTS_TABLE
    merge = conn.exec_driver_sql(
        f"SELECT v FROM {table}_config WHERE k = 'automerge'").scalar()
    control = f"INSERT INTO {table}({table}, rank) VALUES ('automerge', ?)"
    conn.exec_driver_sql(control, (0,))
    conn.exec_driver_sql(
        f"{_FTS_INSERT} SELECT id, name_key, nik FROM members WHERE id > ?", (last_id,))
    conn.exec_driver_sql(control, (FTS5_AUTOMERGE if merge is None else merge,))
    conn.exec_driver_sql(found[0])


# Each explicit index of a table costs a B-tree insertion per row. For a load that is
# large next to what the table holds, dropping those indexes and building them again
# from the finished table, in one sorted pass each, is cheaper: 100,000 members into an
# empty register went from 1.2 s to 0.45 s with the rebuild included. UNIQUE and
# PRIMARY KEY indexes (no SQL of their own in sqlite_master) stay and keep checking.
SUSPEND_MIN_ROWS = 5000


def sqlite_indexes(session: Session, tables: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the explicit indexes on ``tables`` (SQLite)."""
    wanted = set(tables)
    return [(name, sql) for name, table, sql in session.connection().exec_driver_sql(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' "
        "AND sql IS NOT NULL ORDER BY name") if table in wanted]


def worth_suspending(new_rows: int, existing_rows: int) -> bool:
    """Whether rebuilding a table's indexes beats keeping them up to date row by row."""
    return new_rows >= SUSPEND_MIN_ROWS and 2 * new_rows >= existing_rows


@contextlib.contextmanager
def indexes_suspended(session: Session, tables: Sequence[str], *, when: bool = True
                      ) -> Iterator[None]:
    """On SQLite and ``when``, drop the explicit indexes of ``tables`` for the block and
    create them again after it, inside the caller's transaction.

    Other connections keep seeing the old schema until the commit; a failure, a cancel
    or a killed process rolls the drop back with the rows. PostgreSQL keeps its indexes:
    dropping one there locks the table against readers until the commit.
    """
    if not when or dialect(session) != "sqlite":
        yield
        return
    conn = session.connection()
    indexes = sqlite_indexes(session, tables)
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)
