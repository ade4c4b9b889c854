"""What every benchmark shares: the figure format, medians and scratch databases.

A figure is one JSON object on its own line of standard output::

    {"metric": "map.full_redraw", "value": 12.0, "unit": "ms", "baseline": 5.5,
     "ratio": 2.18, "n": 15, "target": "<= 3x baseline and <= 50 ms"}

``value`` is the median of the ``n`` runs; ``baseline`` is a figure measured in the same
run to compare with (never a target), and ``ratio`` is value / baseline; ``target`` is the
issue's goal for the figure, as text, or null. Anything else a benchmark wants to say
goes to standard error as ``# ...`` lines (:func:`note`), so standard output holds only
figures.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url


def figure(metric: str, values: Sequence[float], unit: str, *,
           baseline: float | None = None, target: str | None = None) -> dict[str, object]:
    """The figure for ``values`` (one per run): their median, and its ratio to a baseline."""
    value = statistics.median(values)
    return {
        "metric": metric,
        "value": round(value, 4),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 4),
        "ratio": round(value / baseline, 4) if baseline else None,
        "n": len(values),
        "target": target,
    }


def emit(metric: str, values: Sequence[float], unit: str, *,
         baseline: float | None = None, target: str | None = None) -> dict[str, object]:
    """Print the figure as one JSON line (flushed, so long runs show progress) and return it."""
    row = figure(metric, values, unit, baseline=baseline, target=target)
    print(json.dumps(row), flush=True)
    return row


def note(text: str) -> None:
    """A remark beside the figures (what was measured on what), on standard error."""
    print(f"# {text}", file=sys.stderr, flush=True)


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
