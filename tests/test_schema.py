"""Migrations upgrade, downgrade and upgrade again on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from db import schema
from db.engine import Database
from db.errors import SchemaTooNew
from db.models import Base
from db.search import is_search_object


def _tables(database: Database) -> set[str]:
    with database.engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
    # Migration 0002's search index (FTS5 table on SQLite) lives outside the models.
    return {n for n in names if not is_search_object(n)}


def test_upgrade_downgrade_upgrade(empty_database: Database):
    model_tables = set(Base.metadata.tables)
    assert _tables(empty_database) == set()

    result = schema.upgrade(empty_database)
    assert result.from_revision is None and result.to_revision == schema.head_revision()
    assert _tables(empty_database) == model_tables
    assert schema.state(empty_database).up_to_date

    schema.downgrade(empty_database, "base")
    assert _tables(empty_database) == set()
    assert schema.state(empty_database).current is None

    schema.upgrade(empty_database)
    assert _tables(empty_database) == model_tables
    with empty_database.read() as session:
        programs = session.execute(sa.text("SELECT code FROM programs ORDER BY code")).scalars()
        assert list(programs) == ["pbi-jk", "rtlh"]
        roles = set(session.execute(sa.text("SELECT code FROM roles")).scalars())
        assert roles == {"operator", "field_officer", "reviewer", "signatory", "admin"}


def test_schema_matches_the_models(database: Database):
    """Autogenerate finds nothing to do: the migrations build exactly the model."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with database.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            # Migration 0002's trigram search objects are dialect extras, not models.
            "include_name": lambda name, _type, _parents: not is_search_object(name or ""),
        })
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_upgrade_twice_is_a_no_op(database: Database):
    result = schema.upgrade(database)
    assert result.from_revision == result.to_revision == schema.head_revision()
    assert result.backup is None


def test_database_from_a_newer_tepat_is_refused_and_left_alone(database: Database):
    with database.write() as session:
        session.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaTooNew) as err:
        schema.upgrade(database)
    assert "lebih baru" in err.value.message and "9999_future" in err.value.message
    with database.read() as session:
        assert session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == (
            "9999_future"
        )
    assert "households" in _tables(database)


def test_sqlite_backup_is_a_consistent_copy(sqlite_database: Database):
    with sqlite_database.write() as session:
        session.execute(sa.text("INSERT INTO settings (key, value_json, updated_at) "
                                "VALUES ('office.place', '\"Serang\"', CURRENT_TIMESTAMP)"))
    copy = schema.backup_sqlite(sqlite_database, "test")
    assert copy is not None and copy.exists() and copy != sqlite_database.sqlite_path
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT value_json FROM settings").fetchall() == [('"Serang"',)]
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()
