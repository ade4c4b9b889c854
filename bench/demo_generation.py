"""Demo register generation: time, speed and database size for N households.

Generates ``--households`` households (default 200,000, about 700,000 members) into a fresh
SQLite file and, when a PostgreSQL server is given (``--postgres`` or
``TEPAT_TEST_POSTGRES_URL``), into a scratch database on it that is dropped afterwards.
Figures per backend: ``demo_generation.<backend>.seconds``, ``.households_per_second`` and
``.size_mb`` (the SQLite file after its WAL is checkpointed; ``pg_database_size``).
One run by default at 200,000 households: each takes about a minute.

Run: ``python -m bench demo_generation [--households N] [--runs R] [--postgres URL]``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlalchemy import text

from bench.common import emit, scratch_postgres, scratch_sqlite
from db import demo, schema
from db.actor import demo_admin
from db.engine import Database, open_database


def _sqlite_size(database: Database) -> float:
    path = database.sqlite_path
    assert path is not None
    database.dispose()  # the last connection to close checkpoints the WAL into the file
    files = [path, path.with_name(path.name + "-wal")]
    return sum(f.stat().st_size for f in files if f.exists()) / 1e6


def _postgres_size(database: Database) -> float:
    with database.engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    database.dispose()
    return size / 1e6


def _one_run(url: str, households: int, size_of: Callable[[Database], float]) -> tuple[float, float]:
    database = open_database(url)
    try:
        schema.upgrade(database, backup=False)
        with database.read() as session:
            actor = demo_admin(session)
        started = time.perf_counter()
        demo.generate(database, actor, households, seed=1)
        seconds = time.perf_counter() - started
        return seconds, size_of(database)
    finally:
        database.dispose()


def run(args: argparse.Namespace | None = None) -> None:
    """Print the figures for SQLite and, when a server is given, PostgreSQL."""
    households = getattr(args, "households", None) or 200_000
    runs = getattr(args, "runs", None) or 1
    backends: list[tuple[str, Callable[[], AbstractContextManager[str]],
                         Callable[[Database], float]]] = [
        ("sqlite", scratch_sqlite, _sqlite_size),
    ]
    server = getattr(args, "postgres", None)
    if server:
        backends.append(("postgresql", lambda: scratch_postgres(server), _postgres_size))
    for backend, scratch, size_of in backends:
        seconds, sizes = [], []
        for _ in range(runs):
            with scratch() as url:
                took, size = _one_run(url, households, size_of)
            seconds.append(took)
            sizes.append(size)
        metric = f"demo_generation.{backend}.{households}_households"
        emit(f"{metric}.seconds", seconds, "s")
        emit(f"{metric}.households_per_second", [households / s for s in seconds], "households/s")
        emit(f"{metric}.size_mb", sizes, "MB")

