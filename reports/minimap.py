"""A small, headless location map: a kelurahan, its neighbours, and one house.

Drawn with reportlab straight from the stored boundaries (WGS84 longitude/latitude).
At kelurahan scale a local equirectangular projection (longitude scaled by the cosine of
the latitude) is indistinguishable from UTM, and needs no projection library here.
Each kelurahan's map is a PDF form drawn once per document; a page adds only its point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from reports import fonts

# Outlines are simplified to about this share of the map's width: invisible in print,
# and it keeps hundreds of pages small.
_SIMPLIFY_SHARE = 0.002
_SCALE_STEPS_M = (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)


@dataclass(frozen=True)
class MapFrame:
    """Where the map sits on the page and how lon/lat map onto it."""

    x: float
    y: float
    width: float
    height: float
    lon0: float
    lat0: float
    scale: float  # points per degree of latitude
    cos_lat: float

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.x + self.width / 2 + (lon - self.lon0) * self.cos_lat * self.scale,
                self.y + self.height / 2 + (lat - self.lat0) * self.scale)

    def inside(self, lon: float, lat: float) -> bool:
        px, py = self.point(lon, lat)
        return self.x <= px <= self.x + self.width and self.y <= py <= self.y + self.height


def frame_for(area: BaseGeometry | None, x: float, y: float, width: float, height: float,
              *, fallback: tuple[float, float] | None = None) -> MapFrame | None:
    """The frame fitting ``area`` (with a margin) into the box; around ``fallback`` if none."""
    if area is not None and not area.is_empty:
        min_lon, min_lat, max_lon, max_lat = area.bounds
    elif fallback is not None:
        lon, lat = fallback
        min_lon, min_lat, max_lon, max_lat = lon - 0.004, lat - 0.004, lon + 0.004, lat + 0.004
    else:
        return None
    lat0 = (min_lat + max_lat) / 2
    lon0 = (min_lon + max_lon) / 2
    cos_lat = math.cos(math.radians(lat0))
    span_x = max((max_lon - min_lon) * cos_lat, 1e-6)
    span_y = max(max_lat - min_lat, 1e-6)
    scale = min(width / span_x, height / span_y) * 0.86
    return MapFrame(x, y, width, height, lon0, lat0, scale, cos_lat)


def _rings(geom: BaseGeometry) -> list[list[tuple[float, float]]]:
    polygons: list[Polygon] = []
    if isinstance(geom, Polygon):
        polygons = [geom]
    elif isinstance(geom, MultiPolygon):
        polygons = list(geom.geoms)
    else:
        polygons = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]
    rings = []
    for polygon in polygons:
        rings.append(list(polygon.exterior.coords))
        rings.extend(list(r.coords) for r in polygon.interiors)
    return rings


def _path(canvas: Canvas, frame: MapFrame, geom: BaseGeometry):  # type: ignore[no-untyped-def]
    path = canvas.beginPath()
    for ring in _rings(geom):
        for index, (lon, lat) in enumerate(ring):
            px, py = frame.point(lon, lat)
            if index == 0:
                path.moveTo(px, py)
            else:
                path.lineTo(px, py)
        path.close()
    return path


def _scale_bar(canvas: Canvas, frame: MapFrame) -> None:
    metres_per_point = 111_320 / frame.scale
    target = frame.width * 0.28 * metres_per_point
    length_m = max((s for s in _SCALE_STEPS_M if s <= target), default=_SCALE_STEPS_M[0])
    length = length_m / metres_per_point
    x, y = frame.x + 3 * mm, frame.y + 2.6 * mm
    canvas.saveState()
    canvas.setLineWidth(0.8)
    canvas.line(x, y, x + length, y)
    canvas.line(x, y - 1, x, y + 1.6)
    canvas.line(x + length, y - 1, x + length, y + 1.6)
    canvas.setFont(fonts.REGULAR, 6)
    label = f"{length_m // 1000} km" if length_m >= 1000 else f"{length_m} m"
    canvas.drawString(x + length + 1.5, y - 2, label)
    # North arrow: maps here are always drawn north-up.
    nx, ny = frame.x + frame.width - 4.5 * mm, frame.y + frame.height - 8 * mm
    path = canvas.beginPath()
    path.moveTo(nx, ny + 5 * mm)
    path.lineTo(nx - 1.6 * mm, ny)
    path.lineTo(nx + 1.6 * mm, ny)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setFont(fonts.BOLD, 6.5)
    canvas.drawCentredString(nx, ny - 2.8 * mm, "U")
    canvas.restoreState()


def draw_area(canvas: Canvas, frame: MapFrame, area: BaseGeometry | None,
              neighbours: dict[str, BaseGeometry], *, missing_text: str = "") -> None:
    """The map's fixed part: neighbours, the kelurahan shaded, scale and north arrow."""
    canvas.saveState()
    canvas.setLineWidth(0.6)
    canvas.rect(frame.x, frame.y, frame.width, frame.height, stroke=1, fill=0)
    clip = canvas.beginPath()
    clip.rect(frame.x, frame.y, frame.width, frame.height)
    canvas.clipPath(clip, stroke=0, fill=0)
    tolerance = _SIMPLIFY_SHARE * frame.width / frame.scale
    # Neighbours first, in grey, cut to what the frame shows.
    west, south = frame.x, frame.y
    corner_lon = frame.lon0 + (west - frame.x - frame.width / 2) / (frame.cos_lat * frame.scale)
    corner_lat = frame.lat0 + (south - frame.y - frame.height / 2) / frame.scale
    view = box(corner_lon, corner_lat,
               corner_lon + frame.width / (frame.cos_lat * frame.scale),
               corner_lat + frame.height / frame.scale)
    canvas.setStrokeGray(0.6)
    canvas.setLineWidth(0.4)
    for geom in neighbours.values():
        if geom.intersects(view):
            part = shapely.simplify(geom.intersection(view.buffer(tolerance * 4)), tolerance)
            if not part.is_empty:
                canvas.drawPath(_path(canvas, frame, part), stroke=1, fill=0)
    if area is not None and not area.is_empty:
        simple = shapely.simplify(area, tolerance)
        canvas.setFillColorRGB(0.88, 0.93, 0.98)
        canvas.setStrokeColorRGB(0.1, 0.25, 0.5)
        canvas.setLineWidth(0.9)
        canvas.drawPath(_path(canvas, frame, simple), stroke=1, fill=1, fillMode=0)
    elif missing_text:
        canvas.setFont(fonts.ITALIC, 7)
        canvas.setFillGray(0.35)
        canvas.drawCentredString(frame.x + frame.width / 2, frame.y + frame.height - 5 * mm,
                                 missing_text)
        canvas.setFillGray(0)
    canvas.restoreState()
    _scale_bar(canvas, frame)


def draw_point(canvas: Canvas, frame: MapFrame, lon: float, lat: float) -> None:
    """The house: a red dot ringed in white, with a leader to the frame edge if outside."""
    px, py = frame.point(lon, lat)
    inside = frame.inside(lon, lat)
    if not inside:
        px = min(max(px, frame.x + 2 * mm), frame.x + frame.width - 2 * mm)
        py = min(max(py, frame.y + 2 * mm), frame.y + frame.height - 2 * mm)
    canvas.saveState()
    canvas.setFillGray(1)
    canvas.circle(px, py, 2.6, stroke=0, fill=1)
    canvas.setFillColorRGB(0.8, 0.05, 0.05)
    canvas.circle(px, py, 1.9, stroke=0, fill=1)
    canvas.setStrokeColorRGB(0.8, 0.05, 0.05)
    canvas.setLineWidth(0.6)
    canvas.circle(px, py, 4.5, stroke=1, fill=0)
    canvas.restoreState()
