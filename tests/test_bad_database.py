"""Databases that cannot be used: a clear message, and nothing changed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from db.engine import open_database, sqlite_url
from db.errors import DatabaseCorrupt, DatabaseReadOnly, DatabaseUnavailable

from .conftest import postgres_admin_url


def test_file_that_is_not_a_database(tmp_path: Path):
    path = tmp_path / "laporan.sqlite3"
    path.write_bytes(b"Ini bukan basis data, hanya catatan rapat.\n" * 10)
    before = path.read_bytes()
    with pytest.raises(DatabaseCorrupt) as err:
        open_database(sqlite_url(path))
    assert str(path) in err.value.message and "bukan basis data SQLite" in err.value.message
    assert err.value.hint and "cadangan" in err.value.hint
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_sqlite_file_with_damaged_pages(tmp_path: Path):
    path = tmp_path / "rusak.sqlite3"
    good = open_database(sqlite_url(path))
    with good.write() as session:
        session.execute(sa.text("CREATE TABLE t (x)"))
    good.dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the header, wreck the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt) as err:
        open_database(sqlite_url(path))
    assert str(path) in err.value.message


def test_missing_folder_is_created_for_a_new_database(tmp_path: Path):
    path = tmp_path / "baru" / "kantor.sqlite3"
    database = open_database(sqlite_url(path))
    database.dispose()
    assert path.exists()


def _open_as_nobody(path: Path) -> str:
    """Open the file in a forked child that dropped to 'nobody' (root ignores mode bits)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: everything it needs is already imported
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            open_database(sqlite_url(path))
            answer = "OPENED"
        except DatabaseReadOnly as exc:
            answer = "READONLY:" + exc.message
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            answer = f"ERROR:{type(exc).__name__}: {exc}"
        os.write(write_end, answer.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        answer = fh.read().decode()
    os.waitpid(pid, 0)
    return answer


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX fork and users")
def test_read_only_file_is_refused_before_anything_is_written():
    folder = Path(tempfile.mkdtemp(prefix="tepat-ro-"))
    try:
        path = folder / "kantor.sqlite3"
        database = open_database(sqlite_url(path))
        database.dispose()
        for leftover in folder.glob("kantor.sqlite3-*"):
            leftover.unlink()
        os.chmod(path, 0o444)
        os.chmod(folder, 0o555)
        before = path.read_bytes()
        if os.geteuid() == 0:
            answer = _open_as_nobody(path)
        else:
            try:
                open_database(sqlite_url(path))
                answer = "OPENED"
            except DatabaseReadOnly as exc:
                answer = "READONLY:" + exc.message
        assert answer.startswith("READONLY:"), answer
        assert "hanya dapat dibaca" in answer and str(path) in answer
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["kantor.sqlite3"]
    finally:
        os.chmod(folder, 0o755)
        for item in folder.iterdir():
            item.unlink()
        folder.rmdir()


def test_postgres_server_that_does_not_answer():
    with pytest.raises(DatabaseUnavailable) as err:
        open_database("postgresql+psycopg://postgres@127.0.0.1:1/tepat")
    assert "127.0.0.1:1" in err.value.message and "tidak menjawab" in err.value.message
    assert err.value.hint and "server berjalan" in err.value.hint


def test_postgres_database_that_does_not_exist(pg_admin_engine):
    url = make_url(postgres_admin_url()).set(database="tepat_tidak_ada_sama_sekali")
    with pytest.raises(DatabaseUnavailable) as err:
        open_database(url.render_as_string(hide_password=False))
    assert "tepat_tidak_ada_sama_sekali" in err.value.message and "tidak ada" in err.value.message


def test_postgres_wrong_password(pg_admin_engine):
    with pg_admin_engine.connect() as conn:
        conn.execute(sa.text("DROP ROLE IF EXISTS tepat_pw_probe"))
        conn.execute(sa.text("CREATE ROLE tepat_pw_probe LOGIN PASSWORD 'benar'"))
    try:
        url = make_url(postgres_admin_url()).set(username="tepat_pw_probe", password="salah")
        try:
            database = open_database(url.render_as_string(hide_password=False))
        except DatabaseUnavailable as exc:
            assert "menolak kata sandi" in exc.message and "tepat_pw_probe" in exc.message
        else:
            database.dispose()
            pytest.skip("this PostgreSQL server trusts local connections; passwords unchecked")
    finally:
        with pg_admin_engine.connect() as conn:
            conn.execute(sa.text("DROP ROLE IF EXISTS tepat_pw_probe"))


def test_unsupported_database_kind():
    with pytest.raises(DatabaseUnavailable) as err:
        open_database("mysql://root@127.0.0.1/tepat")
    assert "tidak didukung" in err.value.message
