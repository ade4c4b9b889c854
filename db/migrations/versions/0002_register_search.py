"""Register search: trigram indexes for substring search on names, NIK and No. KK.

SQLite: an FTS5 virtual table ``members_search`` with the ``trigram`` tokenizer over
``members.name_key`` and ``members.nik`` (external content: it stores only the index,
reading the text from ``members``), kept in step by three triggers.

PostgreSQL: the ``pg_trgm`` extension and GIN trigram indexes on ``members.name_key``,
``members.nik`` and ``households.no_kk``, which ``LIKE '%…%'`` uses. When the extension
cannot be created (not installed, or the user may not create extensions), the migration
goes on without the indexes and says so in a warning: search then works by scanning.
The extension is tagged with a comment when this migration created it, so that the
downgrade drops only an extension it made.

Batch-mode migrations on SQLite rebuild a table by copying it, which drops its triggers:
a later migration that alters ``members`` in batch mode must create the three triggers
again (and rebuild ``members_search``).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import warnings

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_OURS = "created by Tepat migration 0002"

_SQLITE_UP = (
    ("CREATE VIRTUAL TABLE members_search USING fts5("
    "name_key, nik, content='members', content_rowid='id', tokenize='trigram')"),
    "INSERT INTO members_search(members_search) VALUES ('rebuild')",
    ("CREATE TRIGGER members_search_ai AFTER INSERT ON members BEGIN "
    "INSERT INTO members_search(rowid, name_key, nik) VALUES (new.id, new.name_key, new.nik); "
    "END"),
    ("CREATE TRIGGER members_search_ad AFTER DELETE ON members BEGIN "
    "INSERT INTO members_search(members_search, rowid, name_key, nik) "
    "VALUES ('delete', old.id, old.name_key, old.nik); END"),
    ("CREATE TRIGGER members_search_au AFTER UPDATE OF name_key, nik ON members BEGIN "
    "INSERT INTO members_search(members_search, rowid, name_key, nik) "
    "VALUES ('delete', old.id, old.name_key, old.nik); "
    "INSERT INTO members_search(rowid, name_key, nik) VALUES (new.id, new.name_key, new.nik); "
    "END"),
)
_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS members_search_au",
    "DROP TRIGGER IF EXISTS members_search_ad",
    "DROP TRIGGER IF EXISTS members_search_ai",
    "DROP TABLE IF EXISTS members_search",
)
_PG_INDEXES = (
    ("ix_members_name_key_trgm", "members", "name_key"),
    ("ix_members_nik_trgm", "members", "nik"),
    ("ix_households_no_kk_trgm", "households", "no_kk"),
)


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE_UP:
            conn.exec_driver_sql(statement)
        return
    if not _ensure_pg_trgm(conn):
        return
    for name, table, column in _PG_INDEXES:
        conn.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def _ensure_pg_trgm(conn: sa.Connection) -> bool:
    installed = conn.exec_driver_sql(
        "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first()
    if installed:
        return True
    # A failed statement aborts a PostgreSQL transaction: try inside a savepoint.
    savepoint = conn.begin_nested()
    try:
        conn.exec_driver_sql("CREATE EXTENSION pg_trgm")
        conn.exec_driver_sql(f"COMMENT ON EXTENSION pg_trgm IS '{_OURS}'")
    except sa.exc.DBAPIError as exc:
        savepoint.rollback()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        warnings.warn(
            "PostgreSQL extension pg_trgm is unavailable "
            f"({reason}); register search works without trigram indexes, by scanning "
            "(slower on large registers). A database administrator can run "
            "'CREATE EXTENSION pg_trgm' and then 'tepat db upgrade' again after a downgrade "
            "to 0001.",
            RuntimeWarning, stacklevel=2,
        )
        return False
    savepoint.commit()
    return True


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE_DOWN:
            conn.exec_driver_sql(statement)
        return
    for name, _table, _column in _PG_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    comment = conn.exec_driver_sql(
        "SELECT obj_description(oid, 'pg_extension') FROM pg_extension "
        "WHERE extname = 'pg_trgm'").scalar()
    if comment == _OURS:
        savepoint = conn.begin_nested()
        try:
            conn.exec_driver_sql("DROP EXTENSION pg_trgm")
        except sa.exc.DBAPIError:
            # Something else has come to depend on it since: leave it in place.
            savepoint.rollback()
        else:
            savepoint.commit()
