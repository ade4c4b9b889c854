"""What every benchmark shares: the figure format, medians and scratch databases.

A figure is one JSON object on its own line::

    {"metric": "demo_generation.sqlite.seconds", "value": 41.2, "unit": "s",
     "baseline": null, "ratio": null, "n": 3}

``value`` is the median of the ``n`` runs; ``ratio`` is value / baseline when a baseline
(an earlier or a reference figure) is given.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url


def figure(metric: str, values: Sequence[float], unit: str, *,
           baseline: float | None = None) -> dict[str, object]:
    """The figure for ``values`` (one per run): their median, and its ratio to a baseline."""
    value = statistics.median(values)
    return {
        "metric": metric,
        "value": round(value, 4),
        "unit": unit,
        "baseline": baseline,
        "ratio": round(value / baseline, 4) if baseline else None,
        "n": len(values),
    }


def emit(metric: str, values: Sequence[float], unit: str, *,
         baseline: float | None = None) -> dict[str, object]:
    """Print the figure as one JSON line (flushed, so long runs show progress) and return it."""
    row = figure(metric, values, unit, baseline=baseline)
    print(json.dumps(row), flush=True)
    return row


@contextlib.contextmanager
def scratch_sqlite(name: str = "bench.sqlite3") -> Iterator[str]:
    """The URL of a new SQLite file in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="tepat-bench-") as folder:
        yield f"sqlite:///{Path(folder) / name}"


@contextlib.contextmanager
def scratch_postgres(server_url: str) -> Iterator[str]:
    """The URL of a new database on the server of ``server_url``, dropped afterwards."""
    url = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"tepat_bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
