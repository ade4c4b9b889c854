"""Engine behaviour on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from db.engine import Database, open_database, resolve_url, sqlite_url


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(sqlite_database: Database):
    with sqlite_database.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


def _try_write_lock(path) -> bool:  # type: ignore[no-untyped-def]
    """Whether another process-like connection can take the write lock right now."""
    other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    finally:
        other.close()


def test_write_sessions_take_the_write_lock_at_begin_and_reads_do_not(sqlite_database: Database):
    path = sqlite_database.sqlite_path
    with sqlite_database.read() as session:
        session.execute(sa.text("SELECT count(*) FROM households"))
        assert _try_write_lock(path), "a read transaction must not block writers"
    with sqlite_database.write() as session:
        # Only a read so far: a deferred BEGIN would not hold the lock yet.
        session.execute(sa.text("SELECT count(*) FROM households"))
        assert not _try_write_lock(path), "write transactions must start with BEGIN IMMEDIATE"
    assert _try_write_lock(path)


def test_foreign_keys_are_enforced(database: Database):
    with pytest.raises(sa.exc.IntegrityError):
        with database.write() as session:
            session.execute(sa.text(
                "INSERT INTO households (no_kk, kelurahan_code, address, rt, rw, notes, version,"
                " created_at, updated_at) VALUES ('3673010101200001', '99.99.99.9999', '', '001',"
                " '001', '', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ))


def test_write_session_rolls_back_on_error(database: Database):
    with pytest.raises(RuntimeError):
        with database.write() as session:
            session.execute(sa.text("INSERT INTO settings (key, value_json, updated_at) "
                                    "VALUES ('x', '1', CURRENT_TIMESTAMP)"))
            raise RuntimeError("boom")
    with database.read() as session:
        assert session.execute(sa.text("SELECT count(*) FROM settings")).scalar() == 0


def test_url_resolution_order(monkeypatch, tmp_path):
    monkeypatch.delenv("TEPAT_DATABASE_URL", raising=False)
    assert resolve_url(None).startswith("sqlite:///")
    assert resolve_url(None).endswith("tepat.sqlite3")
    monkeypatch.setenv("TEPAT_DATABASE_URL", "postgresql+psycopg://u@h/d")
    assert resolve_url(None) == "postgresql+psycopg://u@h/d"
    explicit = sqlite_url(tmp_path / "x.sqlite3")
    assert resolve_url(explicit) == explicit


def test_info_describes_the_location(tmp_path):
    database = open_database(sqlite_url(tmp_path / "office.sqlite3"))
    try:
        assert database.info().describe() == f"SQLite: {tmp_path / 'office.sqlite3'}"
    finally:
        database.dispose()
    pg = Database("postgresql+psycopg://kec@db.kecamatan.local:5433/tepat")
    assert pg.info().describe() == "PostgreSQL: db.kecamatan.local:5433/tepat"
