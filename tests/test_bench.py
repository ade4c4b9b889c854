"""The benchmarks keep working and keep their output format: figures only on standard
output, one JSON object per line with the same keys, a baseline measured in the same run
where the issue asks for a ratio, and the issue's target beside the figure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.common import figure

REPO = Path(__file__).resolve().parents[1]
KEYS = {"metric", "value", "unit", "baseline", "ratio", "n", "target"}


def test_a_figure_is_the_median_with_its_ratio_to_the_baseline() -> None:
    row = figure("x", [3.0, 1.0, 2.0, 10.0, 2.5], "s", baseline=1.25, target="<= 3 s")
    assert set(row) == KEYS
    assert row["value"] == 2.5 and row["n"] == 5
    assert row["ratio"] == 2.0 and row["baseline"] == 1.25 and row["target"] == "<= 3 s"
    assert figure("y", [1.0], "s")["ratio"] is None


@pytest.mark.slow
def test_the_map_benchmark_prints_only_figures_at_a_small_scale() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "bench", "map", "--households", "3000",
                           "--runs", "2"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert all(set(r) == KEYS for r in rows)
    by_metric = {r["metric"]: r for r in rows}
    assert {"map.full_redraw", "map.pan_frame", "map.identify",
            "spatial.assign_kelurahan"} <= set(by_metric)
    redraw = by_metric["map.full_redraw"]
    assert redraw["baseline"] > 0 and redraw["target"]
    assert redraw["ratio"] == pytest.approx(redraw["value"] / redraw["baseline"], rel=0.01)
    assert "households" in done.stderr  # the remarks went to standard error
