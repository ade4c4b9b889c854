"""Map benchmark: 200,000 households at full city extent in a 1600×1000 view.

Figures (medians):

* ``map.full_redraw`` — every layer drawn anew (kelurahan, kecamatan, households, labels)
  and flattened, as the canvas does after the view changed; at this crowding the
  households show as the density grid. Baseline, measured in the same loop: one bare
  ``QPainter.drawPoints`` of the same projected points into an image of the same size.
* ``map.full_redraw_points`` — the same with households forced to markers.
* ``map.pan_frame`` — one repaint while dragging: the cached image shifted.
* ``map.identify`` — the household under a click (STRtree nearest).
* ``spatial.assign_kelurahan`` — 200,000 points matched to the 67 kelurahan polygons.

Run: ``python -m bench map [--households N] [--runs R]``. Kelurahan come from
``../shared/data/wilayah`` when present, else from the demo geometry.
Households are spread inside the kelurahan like the demo register's. Baseline and redraw
alternate, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.common import emit, note

VIEW_W, VIEW_H = 1600, 1000
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wilayah"


def _kelurahan(seed: int) -> tuple[dict, str]:
    """Kelurahan polygons (lon/lat) by code, and where they came from."""
    from shapely.geometry import shape

    path = SHARED / "36.73-kota-serang-kelurahan.geojson"
    if path.exists():
        data = json.loads(path.read_text("utf-8"))
        return ({f["properties"]["kode"]: shape(f["geometry"]) for f in data["features"]},
                "shared/data/wilayah (67 real kelurahan)")
    from db.demo_geometry import demo_boundaries
    from db.regions import kota_serang_codes

    by_kec: dict[str, list[str]] = {}
    for code, _name in kota_serang_codes():
        if code.count(".") == 3:
            by_kec.setdefault(code.rsplit(".", 1)[0], []).append(code)
    kelurahan, _kecamatan = demo_boundaries(np.random.default_rng(seed), by_kec)
    return kelurahan, "demo geometry (shared data absent)"


def _households(polygons: dict, n: int, seed: int):  # type: ignore[no-untyped-def]
    from db.demo_geometry import points_in
    from db.programs import STATES
    from db.spatial import HouseholdPoints

    rng = np.random.default_rng(seed)
    codes = sorted(polygons)
    # Denser in the middle kelurahan, as a real city is.
    weights = rng.uniform(0.4, 1.6, len(codes))
    counts = np.floor(weights / weights.sum() * n).astype(int)
    counts[0] += n - counts.sum()
    lon, lat, kel = [], [], []
    for code, count in zip(codes, counts):
        a, b = points_in(rng, polygons[code], int(count))
        lon.append(a)
        lat.append(b)
        kel += [code] * int(count)
    states = np.array([None, *STATES[:6]], dtype=object)
    status = states[rng.choice(len(states), n, p=[0.7] + [0.05] * 6)]
    return HouseholdPoints.build(
        np.arange(1, n + 1), np.concatenate(lon), np.concatenate(lat), kel,
        {"status": status.tolist(), "desil": rng.integers(1, 11, n).tolist()},
    )


def _shapes(polygons: dict) -> list:
    from db.boundaries import dissolve
    from db.spatial import RegionShape, geometry_to_web_mercator

    by_kec: dict[str, list] = {}
    for code, geom in polygons.items():
        by_kec.setdefault(code.rsplit(".", 1)[0], []).append(geom)
    items = [(c, "desa_kelurahan", g) for c, g in polygons.items()]
    items += [(c, "kecamatan", dissolve(parts)) for c, parts in by_kec.items()]
    shapes = []
    for code, level, geom in items:
        projected = geometry_to_web_mercator(geom)
        at = projected.representative_point()
        shapes.append(RegionShape(code, code, level, projected, at.x, at.y, "bench"))
    return shapes


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _report(metric: str, samples: list[float], unit: str, *, scale: float,
            baseline: list[float] | None = None, target: str | None = None) -> None:
    """One figure line (bench.common's format), samples scaled to ``unit``."""
    base = statistics.median(baseline) * scale if baseline else None
    emit(metric, [s * scale for s in samples], unit, baseline=base, target=target)


def run(args: argparse.Namespace | None = None) -> None:
    """Print one JSON object per figure (metric, value, unit, baseline, ratio, n)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    households = getattr(args, "households", None) or 200_000
    repeat = getattr(args, "runs", None) or getattr(args, "repeat", None) or 15
    seed = 4

    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QImage, QPainter, QPolygonF
    from PySide6.QtWidgets import QApplication

    from db.spatial import PointIndex, assign_kelurahan

    app = QApplication.instance() or QApplication(["bench"])
    polygons, source = _kelurahan(seed)
    points = _households(polygons, households, seed)
    note(f"{len(points)} households in {len(polygons)} kelurahan from {source}; "
         f"view {VIEW_W}x{VIEW_H}")

    from widgets.map.canvas import MapCanvas

    canvas = MapCanvas(threaded=False)
    canvas.resize(VIEW_W, VIEW_H)
    canvas.set_boundaries(_shapes(polygons))
    index = PointIndex(points.x, points.y)
    canvas.set_households(points, index)
    canvas.zoom_to_full_extent()
    transform = canvas.transform()
    assert (transform.width, transform.height) == (VIEW_W, VIEW_H)
    app.processEvents()

    # The baseline draws exactly the points the households layer draws, projected to
    # the same view, with a prebuilt QPolygonF.
    sx, sy = transform.to_screen(points.x, points.y)
    polygon = QPolygonF([QPointF(float(x), float(y)) for x, y in zip(sx, sy)])
    image = QImage(VIEW_W, VIEW_H, QImage.Format.Format_ARGB32_Premultiplied)

    def bare_draw_points() -> None:
        image.fill(0)
        painter = QPainter(image)
        painter.drawPoints(polygon)
        painter.end()

    for mode, metric in (("auto", "map.full_redraw"), ("points", "map.full_redraw_points")):
        canvas.households.set_mode(mode)
        canvas.redraw_now()  # warm-up: fonts, simplified outlines, numpy buffers
        bare_draw_points()
        redraw, base = [], []
        for _ in range(repeat):
            base.append(_time(bare_draw_points))
            redraw.append(_time(canvas.redraw_now))
        shown = "density grid" if canvas.households.uses_density(transform) else "markers"
        note(f"{metric}: households shown as {shown}")
        _report(metric, redraw, "ms", scale=1000, baseline=base,
                target="<= 3x baseline and <= 50 ms")
    canvas.households.set_mode("auto")
    canvas.redraw_now()

    frame = QImage(VIEW_W, VIEW_H, QImage.Format.Format_ARGB32_Premultiplied)
    pans = []
    for step in range(repeat * 4):
        canvas.pan_by_pixels(7 if step % 2 else -7, 3)

        def paint() -> None:
            painter = QPainter(frame)
            canvas.paint_frame(painter)
            painter.end()

        pans.append(_time(paint))
    _report("map.pan_frame", pans, "ms", scale=1000, target="<= 16 ms")
    canvas.zoom_to_full_extent()
    canvas.redraw_now()

    rng = np.random.default_rng(seed)
    picks = rng.choice(len(points), 300, replace=False)
    psx, psy = canvas.transform().to_screen(points.x[picks], points.y[picks])
    hits = 0
    identify = []
    for x, y in zip(psx, psy):
        pos = QPointF(float(x), float(y))
        start = time.perf_counter()
        found = canvas.household_at(pos)
        identify.append(time.perf_counter() - start)
        hits += found is not None
    _report("map.identify", identify, "ms", scale=1000, target="<= 5 ms")
    note(f"identify found a household at {hits} of {len(picks)} household positions")

    assign = [_time(lambda: assign_kelurahan(points.lon, points.lat, polygons))
              for _ in range(3)]
    _report("spatial.assign_kelurahan", assign, "s", scale=1, target="<= 2 s")
    build = [_time(lambda: PointIndex(points.x, points.y)) for _ in range(3)]
    _report("map.point_index_build", build, "s", scale=1)
    canvas.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
