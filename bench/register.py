"""Register benchmark: open, look up and search a register of 200,000 demo households.

Figures (medians, milliseconds), for SQLite and, with ``--postgres``, PostgreSQL:

* ``register.<backend>.open_ms`` — a new :class:`~widgets.register.RegisterView` over the
  whole register until its first rows are on screen: the id query, the first page query
  and Qt's first paint (offscreen). Target ≤ 300 ms.
* ``register.<backend>.lookup_ms`` — exact No. KK or NIK lookup (:func:`db.search.lookup`),
  numbers drawn at random from the register, half KK and half NIK. Target ≤ 20 ms.
* ``register.<backend>.name_search_ms`` — search-as-you-type by name: the ordered ids of
  every household with a member whose name contains a fragment (5 letters from the
  middle of a random member's name), as the search box runs it. Target ≤ 150 ms.

Each figure carries the issue's target in ``target``; there is no baseline. Each run
opens its own read session, as the application does. The register is made by
:func:`db.demo.generate`; on PostgreSQL it is then vacuumed and analysed, as autovacuum
would have done on a working server.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Callable

from bench.common import emit, note, scratch_postgres, scratch_sqlite

TARGETS_MS = {"open_ms": 300.0, "lookup_ms": 20.0, "name_search_ms": 150.0}
DEFAULT_RUNS = {"open_ms": 9, "lookup_ms": 60, "name_search_ms": 30}
_APP = None  # the QApplication, kept alive for later benchmarks in the same process


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _prepare(url: str, households: int):  # type: ignore[no-untyped-def]
    from db import demo, schema
    from db.actor import demo_admin
    from db.engine import open_database

    database = open_database(url)
    schema.upgrade(database, backup=False)
    with database.read() as session:
        actor = demo_admin(session)
    started = time.perf_counter()
    demo.generate(database, actor, households, seed=7)
    note(f"demo register of {households:,} households made in "
          f"{time.perf_counter() - started:.0f} s")
    if database.dialect == "postgresql":
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    return database, actor


def _samples(database, actor, count: int, seed: int):  # type: ignore[no-untyped-def]
    """Random No. KK, NIK and name fragments from the register."""
    from sqlalchemy import func, select

    from db.models import Household, Member

    rng = random.Random(seed)
    with database.read() as session:
        total_h = session.scalar(select(func.max(Household.id)))
        total_m = session.scalar(select(func.max(Member.id)))
        kk_ids = [rng.randint(1, total_h) for _ in range(count)]
        member_ids = [rng.randint(1, total_m) for _ in range(count)]
        kks = session.scalars(select(Household.no_kk).where(Household.id.in_(kk_ids))).all()
        people = session.execute(
            select(Member.nik, Member.name_key).where(Member.id.in_(member_ids))).all()
    niks = [nik for nik, _key in people]
    fragments = []
    for _nik, key in people:
        if len(key) >= 7:
            start = rng.randint(1, len(key) - 6)
            fragments.append(key[start:start + 5])
    return list(kks), niks, fragments


def _open_view(database, actor) -> float:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from widgets.register import DatabaseRegisterSource, RegisterView

    app = QApplication.instance()
    started = time.perf_counter()
    view = RegisterView(DatabaseRegisterSource(database, actor))
    view.resize(1366, 768)
    view.show()
    while view.model.pages_fetched == 0:
        app.processEvents()  # type: ignore[union-attr]
    view.table.viewport().repaint()
    elapsed = (time.perf_counter() - started) * 1000
    rows = view.model.rowCount()
    view.close()
    view.deleteLater()
    app.processEvents()  # type: ignore[union-attr]
    if rows == 0:
        raise RuntimeError("the register view opened empty")
    return elapsed


def _bench_backend(label: str, url: str, args: argparse.Namespace) -> None:
    from db import search
    from db.search import RegisterFilter

    database, actor = _prepare(url, args.households)
    try:
        with database.read() as session:
            note(f"{label}: search index {search.search_backend(session)}")
        runs = {k: args.runs or v for k, v in DEFAULT_RUNS.items()}
        kks, niks, fragments = _samples(database, actor, max(runs.values()) * 2, seed=11)

        _open_view(database, actor)  # warm the caches once, as a second start would
        opened = [_open_view(database, actor) for _ in range(runs["open_ms"])]
        emit(f"register.{label}.open_ms", opened, "ms",
             target=f"<= {TARGETS_MS['open_ms']} ms")

        numbers = [n for pair in zip(kks, niks) for n in pair][:runs["lookup_ms"]]
        lookups = []
        for number in numbers:
            def lookup(number: str = number) -> None:
                with database.read() as session:
                    if search.lookup(session, actor, number) is None:
                        raise RuntimeError(f"{number} not found")
            lookups.append(_timed(lookup))
        emit(f"register.{label}.lookup_ms", lookups, "ms",
             target=f"<= {TARGETS_MS['lookup_ms']} ms")

        searches, found = [], []
        for fragment in fragments[:runs["name_search_ms"]]:
            def by_name(fragment: str = fragment) -> None:
                with database.read() as session:
                    found.append(len(search.household_ids(
                        session, actor, RegisterFilter(text=fragment))))
            searches.append(_timed(by_name))
        emit(f"register.{label}.name_search_ms", searches, "ms",
             target=f"<= {TARGETS_MS['name_search_ms']} ms")
        found.sort()
        note(f"{label}: name fragments matched {found[len(found) // 2]} households (median), "
              f"{found[-1]} at most")
    finally:
        database.dispose()


def run(args: argparse.Namespace) -> None:
    """Build the demo register on each backend and print the three figures for each."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    global _APP
    _APP = QApplication.instance() or QApplication([])
    with scratch_sqlite("register.sqlite3") as url:
        _bench_backend("sqlite", url, args)
    if args.postgres:
        with scratch_postgres(args.postgres) as url:
            _bench_backend("postgresql", url, args)
    else:
        note("PostgreSQL skipped: give --postgres URL or set TEPAT_TEST_POSTGRES_URL")
