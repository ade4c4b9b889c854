"""Engines and sessions for SQLite (default, local file) and PostgreSQL (networked).

Reads and writes go through :meth:`Database.read` and :meth:`Database.write`. On SQLite a
write transaction starts with ``BEGIN IMMEDIATE`` so two processes never both read, then
both try to upgrade to a write lock and deadlock; reads use a plain deferred ``BEGIN``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.errors import DatabaseCorrupt, DatabaseReadOnly, DatabaseUnavailable

# Bulk statements (db/imports/bulk.py) hand date objects straight to the driver, which
# stores them as 'YYYY-MM-DD', the form SQLAlchemy's Date uses on SQLite (building ISO
# strings in Python cost 0.08 s per 100,000 members). Python 3.11 adapts dates so by
# default; 3.12 deprecates its default adapters, so the rule is stated here.
sqlite3.register_adapter(dt.date, dt.date.isoformat)

ENV_URL = "TEPAT_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 15_000
# Values per IN (...) list: under the bound-variable limit of every SQLite build (999 in
# old ones, 32,766 since 3.32) and PostgreSQL's 65,535, whatever else the statement binds.
IN_LIST_MAX = 900
_SQLITE_HEADER = b"SQLite format 3\x00"


def default_sqlite_path() -> Path:
    """The SQLite file used when no URL is given: in the user's data folder."""
    return platformdirs.user_data_path("tepat", appauthor=False) / "tepat.sqlite3"


def resolve_url(explicit: str | None = None) -> str:
    """The database URL from ``--database``, else ``TEPAT_DATABASE_URL``, else the default file."""
    if explicit:
        return explicit
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    return f"sqlite:///{default_sqlite_path()}"


def sqlite_url(path: str | os.PathLike[str]) -> str:
    return f"sqlite:///{Path(path)}"



def in_chunks(values: Sequence, size: int = IN_LIST_MAX) -> Iterator[Sequence]:
    """``values`` in consecutive slices short enough for one ``IN`` list on every backend
    (a map selection may hold the whole city)."""
    for start in range(0, len(values), size):
        yield values[start:start + size]

@dataclass(frozen=True)
class DatabaseInfo:
    """What the status bar and the About box say about the connection."""

    dialect: str  # "sqlite" or "postgresql"
    location: str  # file path, or host:port/dbname
    schema_revision: str | None = None

    def describe(self) -> str:
        if self.dialect == "sqlite":
            return f"SQLite: {self.location}"
        return f"PostgreSQL: {self.location}"


class Database:
    """One database: a read engine and a write engine sharing a connection pool."""

    def __init__(self, url: str | URL) -> None:
        self.url = make_url(url) if isinstance(url, str) else url
        self.dialect = self.url.get_backend_name()
        if self.dialect == "sqlite":
            self.engine = _sqlite_engine(self.url)
        elif self.dialect == "postgresql":
            if self.url.drivername == "postgresql":
                self.url = self.url.set(drivername="postgresql+psycopg")
            self.engine = create_engine(
                self.url, pool_pre_ping=True, connect_args={"connect_timeout": 5}
            )
        else:
            raise DatabaseUnavailable(
                f"Jenis basis data '{self.dialect}' tidak didukung.",
                hint="Gunakan sqlite:///BERKAS atau postgresql+psycopg://pengguna@host/nama.",
            )
        self.write_engine = self.engine.execution_options(tepat_write=True)
        self._read = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._write = sessionmaker(bind=self.write_engine, expire_on_commit=False)

    # ------------------------------------------------------------------ sessions

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back at the end (it never writes)."""
        with self._read() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one write transaction: committed on success, rolled back on error."""
        with self._write() as session:
            with session.begin():
                yield session

    # ------------------------------------------------------------------ information

    @property
    def sqlite_path(self) -> Path | None:
        if self.dialect != "sqlite" or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def info(self) -> DatabaseInfo:
        if self.dialect == "sqlite":
            return DatabaseInfo("sqlite", str(self.sqlite_path or ":memory:"))
        port = self.url.port or 5432
        return DatabaseInfo("postgresql", f"{self.url.host or 'localhost'}:{port}/{self.url.database}")

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Take transaction control away from the sqlite3 module so that BEGIN is ours.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if url.database and url.database != ":memory:":
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get("tepat_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse files we cannot use before SQLite creates or half-opens anything."""
    if path.exists():
        if path.is_dir():
            raise DatabaseUnavailable(f"{path} adalah folder, bukan berkas basis data.")
        if path.stat().st_size > 0:
            with path.open("rb") as fh:
                header = fh.read(len(_SQLITE_HEADER))
            if header != _SQLITE_HEADER:
                raise DatabaseCorrupt(
                    f"Berkas {path} bukan basis data SQLite atau sudah rusak.",
                    hint="Pulihkan dari cadangan (berkas .bak di folder yang sama) "
                    "atau pilih berkas lain.",
                )
        if not os.access(path, os.W_OK):
            raise DatabaseReadOnly(
                f"Berkas basis data {path} hanya dapat dibaca.",
                hint="Beri izin tulis pada berkas itu atau salin ke folder yang dapat ditulis.",
            )
        if not os.access(path.parent, os.W_OK):
            raise DatabaseReadOnly(
                f"Folder {path.parent} tidak dapat ditulis; SQLite memerlukannya untuk jurnal WAL.",
                hint="Beri izin tulis pada folder itu atau pindahkan berkas basis data.",
            )
        return
    if not create:
        raise DatabaseUnavailable(f"Berkas basis data {path} tidak ada.")
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseReadOnly(
            f"Folder {parent} tidak dapat dibuat: {exc.strerror}.",
            hint="Pilih lokasi basis data lain dengan --database.",
        ) from exc
    if not os.access(parent, os.W_OK):
        raise DatabaseReadOnly(
            f"Folder {parent} tidak dapat ditulis, jadi basis data baru tidak dapat dibuat.",
            hint="Pilih lokasi basis data lain dengan --database.",
        )


def _explain_postgres_error(url: URL, exc: BaseException) -> DatabaseUnavailable:
    raw = str(getattr(exc, "orig", exc) or exc)
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    lowered = raw.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return DatabaseUnavailable(
            f"Server PostgreSQL {where} menolak kata sandi untuk pengguna '{url.username}'.",
            hint="Periksa nama pengguna dan kata sandi di URL basis data.",
        )
    if "does not exist" in lowered and "database" in lowered:
        return DatabaseUnavailable(
            f"Basis data '{url.database}' tidak ada di server PostgreSQL {where}.",
            hint="Buat dulu dengan: createdb " + str(url.database),
        )
    return DatabaseUnavailable(
        f"Server PostgreSQL {where} tidak menjawab.",
        hint="Periksa bahwa server berjalan, alamat dan port benar, dan jaringan tersambung.",
    )


def open_database(url: str | None = None, *, create: bool = True) -> Database:
    """Open (and for SQLite, create) the database, proving it answers.

    Raises a :class:`~db.errors.TepatError` subclass with a message that says what is
    wrong and what to do; nothing is written on failure.
    """
    resolved = make_url(resolve_url(url))
    if resolved.get_backend_name() == "sqlite" and resolved.database not in (None, "", ":memory:"):
        _check_sqlite_file(Path(resolved.database), create=create)
    database = Database(resolved)
    try:
        with database.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if database.dialect == "sqlite":
                # Reading the schema touches the first pages: a damaged file fails here.
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
    except (OperationalError, DBAPIError) as exc:
        database.dispose()
        if database.dialect == "postgresql":
            raise _explain_postgres_error(database.url, exc) from exc
        path = database.sqlite_path
        msg = str(getattr(exc, "orig", exc))
        if "readonly" in msg or "read-only" in msg:
            raise DatabaseReadOnly(f"Berkas basis data {path} hanya dapat dibaca.") from exc
        raise DatabaseCorrupt(
            f"Berkas {path} tidak dapat dibuka sebagai basis data SQLite ({msg}).",
            hint="Pulihkan dari cadangan atau pilih berkas lain.",
        ) from exc
    return database
