"""Shared fixtures: real databases on SQLite and PostgreSQL, Qt offscreen.

Every ``db`` test that takes ``database`` runs twice: on a fresh SQLite file and on a
fresh PostgreSQL database created for the test and dropped after it. PostgreSQL runs
when ``TEPAT_TEST_POSTGRES_URL`` names a server (CI sets it); if that server does not
answer, the tests fail rather than skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from db import schema  # noqa: E402
from db.actor import Actor, demo_admin  # noqa: E402
from db.engine import Database, open_database, sqlite_url  # noqa: E402

PG_ENV = "TEPAT_TEST_POSTGRES_URL"
SHOTS_ENV = "TEPAT_SCREENSHOTS"
BACKENDS = ["sqlite", "postgresql"]


def postgres_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture(scope="session")
def pg_admin_engine() -> Iterator[sa.Engine]:
    url = postgres_admin_url()
    if url is None:
        pytest.skip(f"{PG_ENV} is not set: PostgreSQL tests need a server (CI sets it)")
    engine = sa.create_engine(
        make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:  # the server was promised: fail loudly
        pytest.fail(f"{PG_ENV} is set but the PostgreSQL server does not answer: {exc}")
    yield engine
    engine.dispose()


def _new_url(backend: str, tmp_path, request) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if backend == "sqlite":
        yield sqlite_url(tmp_path / "tepat-test.sqlite3")
        return
    admin: sa.Engine = request.getfixturevalue("pg_admin_engine")
    name = f"tepat_t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(postgres_admin_url()).set(  # type: ignore[arg-type]
            drivername="postgresql+psycopg", database=name
        ).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """URL of a fresh, empty database (no schema yet) on each backend."""
    yield from _new_url(request.param, tmp_path, request)


@pytest.fixture
def empty_database(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def database(empty_database: Database) -> Database:
    """A fresh database on each backend with the schema at head."""
    schema.upgrade(empty_database, backup=False)
    return empty_database


@pytest.fixture
def sqlite_database(tmp_path) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    """SQLite only, for GUI tests and SQLite-specific behaviour."""
    database = open_database(sqlite_url(tmp_path / "tepat-gui.sqlite3"))
    schema.upgrade(database, backup=False)
    yield database
    database.dispose()


@pytest.fixture
def actor(database: Database) -> Actor:
    with database.read() as session:
        return demo_admin(session)


def screenshot_dir() -> "Path":
    """Where GUI tests save their pictures: docs/img when TEPAT_SCREENSHOTS=1 (to refresh the
    documentation's screenshots on purpose), else a scratch folder, so a test run never
    rewrites files of the repository."""
    from pathlib import Path
    import tempfile

    if os.environ.get(SHOTS_ENV) == "1":
        folder = Path(__file__).resolve().parents[1] / "docs" / "img"
    else:
        folder = Path(tempfile.gettempdir()) / "tepat-test-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def gui_isolated(qapp, tmp_path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """For GUI tests: Indonesian interface, operations run inline (deterministic, no sleeps)
    and a throw-away QSettings folder, all restored afterwards."""
    from PySide6.QtCore import QSettings

    from desktop import i18n, ops

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "config"))
    previous = ops.set_executor(ops.SynchronousExecutor())
    i18n.install("id")
    yield
    i18n.install("en")
    ops.set_executor(previous)
