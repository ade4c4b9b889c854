"""Geometry for the demo register: made-up kelurahan outlines and points inside polygons.

The demo polygons only have to look like a city cut into kecamatan and kelurahan; they are
stored with ``boundary_source="demo"`` so the map can say they are not official. Real
boundaries, once imported, replace them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import shapely
from shapely.geometry import MultiPoint, Polygon, box
from shapely.geometry.base import BaseGeometry

from db.boundaries import dissolve

# Kota Serang's rough extent (lon/lat) and where its six kecamatan roughly lie, so the
# demo map has the right shape and the right neighbours even without real boundaries.
CITY_BOX = (106.05, -6.20, 106.25, -6.03)
_CITY_CENTRE = (106.155, -6.117)
_CITY_RADII = (0.094, 0.083)
KECAMATAN_ANCHORS = {
    "36.73.01": (106.162, -6.113),  # Serang
    "36.73.02": (106.185, -6.060),  # Kasemen
    "36.73.03": (106.222, -6.148),  # Walantaka
    "36.73.04": (106.172, -6.186),  # Curug
    "36.73.05": (106.168, -6.146),  # Cipocok Jaya
    "36.73.06": (106.108, -6.131),  # Taktakan
}
_LLOYD_ROUNDS = 3


def _city_outline(rng: np.random.Generator) -> Polygon:
    """A smooth irregular blob: an ellipse whose radius wobbles with a few low harmonics."""
    theta = np.linspace(0.0, 2.0 * math.pi, 96, endpoint=False)
    wobble = np.ones_like(theta)
    for harmonic, strength in ((2, 0.10), (3, 0.06), (5, 0.03)):
        wobble += strength * np.sin(harmonic * theta + rng.uniform(0, 2 * math.pi))
    xs = _CITY_CENTRE[0] + _CITY_RADII[0] * wobble * np.cos(theta)
    ys = _CITY_CENTRE[1] + _CITY_RADII[1] * wobble * np.sin(theta)
    return Polygon(np.column_stack([xs, ys])).intersection(box(*CITY_BOX))


def _largest_polygon(geom: BaseGeometry) -> Polygon:
    parts = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon)]
    return max(parts, key=lambda p: p.area)


def _cells(seeds: np.ndarray, within: Polygon) -> list[Polygon]:
    """Voronoi cells of ``seeds`` clipped to ``within``, in the order of the seeds."""
    if len(seeds) == 1:
        return [within]
    frame = box(*within.buffer(0.1).bounds)
    diagram = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=frame)
    # The diagram's cells come in no promised order: match each seed to the cell holding it.
    by_seed: list[Polygon | None] = [None] * len(seeds)
    for cell in diagram.geoms:
        inside = np.flatnonzero(shapely.contains_xy(cell, seeds[:, 0], seeds[:, 1]))
        by_seed[int(inside[0])] = _largest_polygon(cell.intersection(within))
    return by_seed  # type: ignore[return-value]


def points_in(
    rng: np.random.Generator, polygon: BaseGeometry, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` points uniformly inside ``polygon`` (rejection sampling from its box)."""
    lon = np.empty(count)
    lat = np.empty(count)
    if count == 0:
        return lon, lat
    shapely.prepare(polygon)
    min_x, min_y, max_x, max_y = polygon.bounds
    fill = max(polygon.area / ((max_x - min_x) * (max_y - min_y)), 0.01)
    done = 0
    while done < count:
        draw = max(64, int(1.3 * (count - done) / fill))
        xs = rng.uniform(min_x, max_x, draw)
        ys = rng.uniform(min_y, max_y, draw)
        keep = shapely.contains_xy(polygon, xs, ys)
        take = min(int(keep.sum()), count - done)
        lon[done:done + take] = xs[keep][:take]
        lat[done:done + take] = ys[keep][:take]
        done += take
    return lon, lat


def demo_boundaries(
    rng: np.random.Generator, kelurahan_by_kecamatan: Mapping[str, Sequence[str]]
) -> tuple[dict[str, Polygon], dict[str, BaseGeometry]]:
    """Made-up kelurahan and kecamatan polygons for Kota Serang.

    Kecamatan are Voronoi cells around their rough real positions inside an irregular city
    outline; each kecamatan is cut into its kelurahan by a Voronoi diagram of random points
    relaxed a few times (Lloyd) so the cells come out compact. Kecamatan are then dissolved
    from their kelurahan, so the two levels agree exactly. Returns (kelurahan, kecamatan).
    """
    outline = _city_outline(rng)
    kecamatan_codes = sorted(kelurahan_by_kecamatan)
    anchors = np.array([KECAMATAN_ANCHORS[c] for c in kecamatan_codes])
    anchors = anchors + rng.normal(0.0, 0.004, anchors.shape)
    kelurahan: dict[str, Polygon] = {}
    kecamatan: dict[str, BaseGeometry] = {}
    for kec_code, kec_cell in zip(kecamatan_codes, _cells(anchors, outline)):
        codes = sorted(kelurahan_by_kecamatan[kec_code])
        lon, lat = points_in(rng, kec_cell, len(codes))
        seeds = np.column_stack([lon, lat])
        for _ in range(_LLOYD_ROUNDS):
            seeds = np.array([c.centroid.coords[0] for c in _cells(seeds, kec_cell)])
        cells = _cells(seeds, kec_cell)
        # Codes run north to south, as a reader scanning the map would expect.
        order = sorted(range(len(cells)), key=lambda i: (-cells[i].centroid.y, cells[i].centroid.x))
        for code, index in zip(codes, order):
            kelurahan[code] = cells[index]
        kecamatan[kec_code] = dissolve([kelurahan[c] for c in codes])
    return kelurahan, kecamatan
