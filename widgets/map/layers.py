"""Map layers: boundaries, households and the selection, each drawn into its own image.

A layer owns its data and style on the GUI thread. To draw, the canvas asks it for a
*renderer*: a snapshot of what to draw (arrays and settings, never the live layer) that
paints into a transparent image, possibly on a worker thread, as QGIS's map layer
renderers do. A layer says :attr:`MapLayer.changed` when its image must be drawn again,
and :attr:`MapLayer.appearanceChanged` when only how it is shown changed (visibility,
opacity): then the canvas recomposes the cached images without drawing anything anew.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)

from db.spatial import HouseholdPoints, RegionShape
from widgets.map import raster
from widgets.map.styles import HouseholdStyle, household_style
from widgets.map.transform import Extent, MapTransform

Cancelled = Callable[[], bool]
# A renderer draws its layer into a new image of the view's size in device pixels and
# returns it (None when cancelled or when there is nothing to draw).
Renderer = Callable[[Cancelled], "QImage | None"]

# Above this many visible points per screen pixel, households are shown as a density
# grid: individual markers would only be a solid blot.
DENSITY_THRESHOLD = 0.02
DENSITY_CELL = 8  # pixels
SELECTION_COLOUR = QColor(255, 221, 0)
# Households picked in the selection's list: a second, stronger ring over the selection.
FOCUS_COLOUR = QColor(214, 0, 120)


@dataclass(frozen=True)
class LegendItem:
    """One line of a layer's legend."""

    label: str
    colour: QColor | None
    count: int | None = None
    # "point", "fill", "line", "density" (a swatch of graded squares), "text" (a line
    # without a swatch, left out of exported images) or "note" (explanation without a
    # swatch, kept in exports)
    shape: str = "point"
    key: str | None = None  # the category code, for filters


def blank_image(transform: MapTransform, dpr: float = 1.0) -> QImage:
    """A transparent ARGB image the size of the view in device pixels (recycled)."""
    return raster.POOL.take(max(1, round(transform.width * dpr)),
                            max(1, round(transform.height * dpr)))


def world_to_device(transform: MapTransform, dpr: float) -> QTransform:
    """The QTransform taking Web Mercator metres to device pixels of the layer image."""
    s = dpr / transform.resolution
    return QTransform(
        s, 0.0, 0.0, -s,
        dpr * transform.width / 2 - transform.center_x * s,
        dpr * transform.height / 2 + transform.center_y * s,
    )


class MapLayer(QObject):
    """Base of every layer: identity, visibility, opacity and the change signals."""

    changed = Signal()
    appearanceChanged = Signal()

    def __init__(self, layer_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layer_id = layer_id
        self._visible = True
        self._opacity = 1.0
        self.revision = 0
        self.show_in_panel = True

    def title(self) -> str:
        return self.layer_id

    def is_visible(self) -> bool:
        return self._visible

    def set_visible(self, visible: bool) -> None:
        if visible != self._visible:
            self._visible = visible
            self.appearanceChanged.emit()

    def opacity(self) -> float:
        return self._opacity

    def set_opacity(self, opacity: float) -> None:
        opacity = min(max(float(opacity), 0.0), 1.0)
        if not math.isclose(opacity, self._opacity):
            self._opacity = opacity
            self.appearanceChanged.emit()

    def extent(self) -> Extent | None:
        return None

    def legend(self, transform: MapTransform | None = None) -> list[LegendItem]:
        """The legend entries; ``transform`` is the view they describe, for layers whose
        drawing depends on it."""
        return []

    def notice(self) -> str | None:
        """A short message for the operator about this layer (e.g. why it shows nothing)."""
        return None

    def renderer(self, transform: MapTransform, dpr: float) -> Renderer | None:
        """A snapshot that draws this layer for ``transform``; None when there is nothing."""
        return None

    def _content_changed(self) -> None:
        self.revision += 1
        self.changed.emit()


# ------------------------------------------------------------------ boundaries


@dataclass(frozen=True)
class _Region:
    code: str
    name: str
    path: QPainterPath
    bounds: Extent
    label: QPointF
    source: str


class BoundaryLayer(MapLayer):
    """Kelurahan or kecamatan polygons with their names as labels."""

    def __init__(self, level: str, parent: QObject | None = None) -> None:
        super().__init__(level, parent)
        self.level = level
        self._regions: list[_Region] = []
        self._geometries: list[object] = []
        self._fill: QPainterPath | None = None
        self._highlight: str | None = None
        # Outlines simplified for each power-of-two resolution band, built when first
        # needed: at city scale a kelurahan needs a tenth of its vertices.
        self._simplified: dict[int, QPainterPath] = {}

    def title(self) -> str:
        if self.level == "kecamatan":
            return QCoreApplication.translate("MapLayers", "Kecamatan")
        return QCoreApplication.translate("MapLayers", "Kelurahan")

    def set_shapes(self, shapes: Sequence[RegionShape]) -> None:
        """Replace the polygons (Web Mercator) with the shapes of this layer's level."""
        regions = []
        for shape in shapes:
            if shape.level != self.level:
                continue
            regions.append(_Region(
                shape.code, shape.name, _painter_path(shape.geometry),
                tuple(float(v) for v in shape.geometry.bounds),  # type: ignore[arg-type]
                QPointF(shape.label_x, shape.label_y), shape.source,
            ))
        self._regions = regions
        # Kelurahan share one fill colour: filling their union once is several times
        # faster than filling 67 polygons, and overlaps do not show darker.
        geoms = [shape.geometry for shape in shapes if shape.level == self.level]
        self._geometries = geoms
        self._simplified = {}
        self._fill = (_painter_path(shapely.union_all(geoms))
                      if geoms and self.level != "kecamatan" else None)
        self._content_changed()

    def _outlines_for(self, resolution: float) -> QPainterPath:
        """Every outline in one path, simplified to a quarter of a pixel at ``resolution``
        (metres per pixel): the whole layer is then one painter call."""
        band = max(math.floor(math.log2(resolution)), 0) if resolution > 0 else 0
        outlines = self._simplified.get(band)
        if outlines is None:
            geometries = np.array(self._geometries, dtype=object)
            if band > 0:
                geometries = shapely.simplify(geometries, 0.25 * 2.0 ** band,
                                              preserve_topology=True)
            outlines = _painter_path(shapely.GeometryCollection(list(geometries)))
            self._simplified[band] = outlines
        return outlines

    def codes(self) -> list[tuple[str, str]]:
        """(code, name) of every region drawn, by code."""
        return [(r.code, r.name) for r in self._regions]

    def region_extent(self, code: str) -> Extent | None:
        for region in self._regions:
            if region.code == code:
                return region.bounds
        return None

    def set_highlight(self, code: str | None) -> None:
        """Outline one region strongly (the kelurahan the view was zoomed to)."""
        if code != self._highlight:
            self._highlight = code
            self._content_changed()

    def extent(self) -> Extent | None:
        if not self._regions:
            return None
        bounds = np.array([r.bounds for r in self._regions])
        return (float(bounds[:, 0].min()), float(bounds[:, 1].min()),
                float(bounds[:, 2].max()), float(bounds[:, 3].max()))

    def is_demo(self) -> bool:
        return bool(self._regions) and all(r.source == "demo" for r in self._regions)

    def notice(self) -> str | None:
        if self.is_demo() and self.level != "kecamatan":
            return QCoreApplication.translate(
                "MapLayers", "Demo boundaries, not the official ones: import the real boundaries "
                       "(Data menu).")
        return None

    def legend(self, transform: MapTransform | None = None) -> list[LegendItem]:
        colour = _KECAMATAN_LINE if self.level == "kecamatan" else _KELURAHAN_LINE
        text = (QCoreApplication.translate(
            "MapLayers", "Kecamatan boundary") if self.level == "kecamatan"
                else QCoreApplication.translate("MapLayers", "Kelurahan boundary"))
        return [LegendItem(text, colour, len(self._regions), "line" if self.level ==
                           "kecamatan" else "fill")]

    def renderer(self, transform: MapTransform, dpr: float) -> Renderer | None:
        if not self._regions:
            return None
        highlighted = next((r.path for r in self._regions if r.code == self._highlight), None)
        return _BoundaryRenderer(
            self._outlines_for(transform.resolution / dpr), self._fill, highlighted,
            transform, dpr, self.level == "kecamatan", self.is_demo(),
        )

    def label_regions(self, transform: MapTransform) -> list[_Region]:
        """The regions whose labels may show in ``transform`` (for the label layer)."""
        view = transform.extent()
        return [r for r in self._regions if _overlaps(r.bounds, view)]


_KELURAHAN_FILL = QColor(246, 241, 226, 150)
_KELURAHAN_LINE = QColor(120, 120, 120)
_KECAMATAN_LINE = QColor(70, 70, 70)
_HIGHLIGHT_LINE = QColor(0, 102, 204)
_LABEL_COLOUR = QColor(45, 45, 45)
_HALO = QColor(255, 255, 255, 220)


def _overlaps(a: Extent, b: Extent) -> bool:
    return not (a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3])


def _painter_path(geometry: object) -> QPainterPath:
    """A QPainterPath (odd-even filled) of polygons, multipolygons or a collection of them,
    in world metres."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    # Two rounds of get_parts flatten a collection of multipolygons down to polygons.
    polygons = shapely.get_parts(shapely.get_parts(geometry))
    for ring in shapely.get_rings(polygons):
        coords = shapely.get_coordinates(ring)
        if len(coords) < 3:
            continue
        path.moveTo(coords[0, 0], coords[0, 1])
        for x, y in coords[1:]:
            path.lineTo(x, y)
        path.closeSubpath()
    return path


def draw_outline(painter: QPainter, path: QPainterPath, colour: QColor, width: float,
                 style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> None:
    """Stroke ``path`` (in the painter's world coordinates) ``width`` device pixels wide.

    Qt draws an antialiased cosmetic pen of at most one pixel with its fast hairline
    stroker; a wider one goes through the general stroker, which at city scale costs
    some 25 times as much (8.4 ms against 0.35 ms for Kota Serang's six kecamatan). A
    line up to three pixels wide is therefore drawn as one-pixel hairlines shifted by
    fractions of a pixel, symmetrically along both axes so that lines of every direction
    thicken and stay centred; the antialiasing blends them into one line. Like Qt's own
    hairlines, a diagonal comes out thinner by up to cos 45°.
    """
    pen = QPen(colour)
    pen.setCosmetic(True)
    pen.setStyle(style)
    if width <= 1.0 or width > 3.0:
        pen.setWidthF(width)
        painter.setPen(pen)
        painter.drawPath(path)
        return
    pen.setWidthF(1.0)
    painter.setPen(pen)
    base = painter.transform()
    extra = width - 1.0
    count = math.ceil(extra / 0.7) + 1
    shifts = [extra * (i / (count - 1) - 0.5) for i in range(count)]
    offsets = [(t, 0.0) for t in shifts] + [(0.0, t) for t in shifts if t]
    for dx, dy in offsets:
        painter.setTransform(base * QTransform.fromTranslate(dx, dy))
        painter.drawPath(path)
    painter.setTransform(base)


class _BoundaryRenderer:
    def __init__(self, outlines: QPainterPath, fill: QPainterPath | None,
                 highlighted: QPainterPath | None, transform: MapTransform, dpr: float,
                 kecamatan: bool, demo: bool) -> None:
        self.outlines = outlines
        self.fill = fill
        self.highlighted = highlighted
        self.transform = transform
        self.dpr = dpr
        self.kecamatan = kecamatan
        self.demo = demo

    def __call__(self, cancelled: Cancelled) -> QImage | None:
        image = blank_image(self.transform, self.dpr)
        painter = QPainter(image)
        try:
            painter.setTransform(world_to_device(self.transform, self.dpr))
            if self.fill is not None:
                # Without antialiasing: the edge is covered by the antialiased outline.
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_KELURAHAN_FILL)
                painter.drawPath(self.fill)
            if cancelled():
                return None
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            width = (1.6 if self.kecamatan else 0.9) * self.dpr
            colour = _KECAMATAN_LINE if self.kecamatan else _KELURAHAN_LINE
            draw_outline(painter, self.outlines, colour, width,
                         Qt.PenStyle.DashLine if self.demo else Qt.PenStyle.SolidLine)
            if self.highlighted is not None:
                draw_outline(painter, self.highlighted, _HIGHLIGHT_LINE, 3.0 * self.dpr)
        finally:
            painter.end()
        return image


class LabelLayer(MapLayer):
    """The names of the kecamatan and kelurahan, drawn above every other layer.

    As in QGIS, labels are placed last and for all layers together: kecamatan names
    first, then kelurahan names where they fit inside their region and do not collide.
    """

    def __init__(self, kecamatan: BoundaryLayer, kelurahan: BoundaryLayer,
                 parent: QObject | None = None) -> None:
        super().__init__("labels", parent)
        self.show_in_panel = False
        self.sources = (kecamatan, kelurahan)
        for layer in self.sources:
            layer.changed.connect(self._content_changed)
            layer.appearanceChanged.connect(self._content_changed)

    def title(self) -> str:
        return QCoreApplication.translate("MapLayers", "Labels")

    def renderer(self, transform: MapTransform, dpr: float) -> Renderer | None:
        groups = [(layer.level == "kecamatan", layer.label_regions(transform))
                  for layer in self.sources if layer.is_visible()]
        if not any(regions for _, regions in groups):
            return None
        return _LabelRenderer(groups, transform, dpr)


class _LabelRenderer:
    def __init__(self, groups: list[tuple[bool, list[_Region]]], transform: MapTransform,
                 dpr: float) -> None:
        self.groups = groups
        self.transform = transform
        self.dpr = dpr

    def __call__(self, cancelled: Cancelled) -> QImage | None:
        image = blank_image(self.transform, self.dpr)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            to_device = world_to_device(self.transform, self.dpr)
            placed: list[QRectF] = []
            for kecamatan, regions in self.groups:
                if cancelled():
                    return None
                self._place(painter, to_device, kecamatan, regions, placed)
        finally:
            painter.end()
        return image

    def _place(self, painter: QPainter, to_device: QTransform, kecamatan: bool,
               regions: list[_Region], placed: list[QRectF]) -> None:
        metrics = QFontMetricsF(_label_font(kecamatan, self.dpr))
        width = self.transform.width * self.dpr
        height = self.transform.height * self.dpr
        # Bigger regions first: when labels collide, the larger region keeps its name.
        ordered = sorted(regions, key=lambda r: -(r.bounds[2] - r.bounds[0])
                         * (r.bounds[3] - r.bounds[1]))
        for region in ordered:
            text = region.name.upper() if kecamatan else region.name
            at = to_device.map(region.label)
            span = (region.bounds[2] - region.bounds[0]) * self.dpr / self.transform.resolution
            text_width = metrics.horizontalAdvance(text)
            if not kecamatan and span < text_width * 0.9:
                continue  # too small on screen to name without covering its neighbours
            box = QRectF(at.x() - text_width / 2, at.y() - metrics.height() / 2,
                         text_width, metrics.height())
            if box.right() < 0 or box.left() > width or box.bottom() < 0 or box.top() > height:
                continue
            if any(box.intersects(other) for other in placed):
                continue
            placed.append(box.adjusted(-4, -2, 4, 2))
            sprite, margin = _label_sprite(text, kecamatan, self.dpr)
            painter.drawImage(QPointF(round(box.left() - margin), round(box.top() - margin)),
                              sprite)


def _label_font(kecamatan: bool, dpr: float) -> QFont:
    font = QFont()
    # Pixel sizes: layer images carry no device pixel ratio of their own.
    if kecamatan:
        font.setPixelSize(round(14 * dpr))
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
    else:
        font.setPixelSize(round(11 * dpr))
    return font


_SPRITES: dict[tuple[str, bool, float], tuple[QImage, int]] = {}
_SPRITES_LOCK = threading.Lock()
_SPRITES_MAX = 4000


def _label_sprite(text: str, kecamatan: bool, dpr: float) -> tuple[QImage, int]:
    """The label drawn once with its halo into a small image, and the halo margin.

    A region's name looks the same in every view, so it is drawn once and then only
    copied: seven drawText calls per label (the halo is the text drawn a pixel off in
    six directions) become one drawImage. Renderers run on worker threads, hence the lock.
    """
    key = (text, kecamatan, dpr)
    with _SPRITES_LOCK:
        found = _SPRITES.get(key)
    if found is not None:
        return found
    font = _label_font(kecamatan, dpr)
    metrics = QFontMetricsF(font)
    step = max(1, round(dpr))
    margin = step + 1
    image = QImage(math.ceil(metrics.horizontalAdvance(text)) + 2 * margin,
                   math.ceil(metrics.height()) + 2 * margin,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    baseline = QPointF(margin, margin + metrics.ascent())
    painter.setPen(_HALO)
    for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1), (0, -1), (0, 1)):
        painter.drawText(baseline + QPointF(dx * step, dy * step), text)
    painter.setPen(_LABEL_COLOUR)
    painter.drawText(baseline, text)
    painter.end()
    with _SPRITES_LOCK:
        if len(_SPRITES) >= _SPRITES_MAX:
            _SPRITES.clear()
        _SPRITES[key] = (image, margin)
    return image, margin


# ------------------------------------------------------------------ households


class HouseholdLayer(MapLayer):
    """A point per household, coloured by one attribute; a density grid when crowded.

    Drawing is done by :mod:`widgets.map.raster`: one image for the whole layer.
    """

    MODES = ("auto", "points", "density")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("households", parent)
        self._points = HouseholdPoints.build([], [], [], [])
        self._attribute = "status"
        self._mode = "auto"
        self._crowding: tuple[HouseholdPoints, MapTransform, bool] | None = None
        self._style = household_style(self._attribute, self._points.attributes["status"])
        self._prepared: _PreparedPoints | None = None
        self._prepare()

    def title(self) -> str:
        return QCoreApplication.translate("MapLayers", "Households")

    @property
    def points(self) -> HouseholdPoints:
        return self._points

    def set_points(self, points: HouseholdPoints) -> None:
        self._points = points
        self._prepare()
        self._content_changed()

    def attribute(self) -> str:
        return self._attribute

    def style(self) -> HouseholdStyle:
        return self._style

    def set_attribute(self, attribute: str) -> None:
        """Colour the households by ``attribute`` (one of :data:`db.spatial.ATTRIBUTES`)."""
        if attribute != self._attribute:
            self._attribute = attribute
            self._prepare()
            self._content_changed()

    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        """"auto" (density when crowded), "points" or "density"."""
        if mode not in self.MODES:
            raise ValueError(f"unknown household display mode {mode!r}")
        if mode != self._mode:
            self._mode = mode
            self._content_changed()

    def retranslate(self) -> None:
        """Rebuild the legend labels in the current language."""
        self._prepare()
        self.appearanceChanged.emit()

    def _prepare(self) -> None:
        """Sort the points by draw code once per data or style change, not per frame."""
        column = self._points.attributes[self._attribute]
        self._style = household_style(self._attribute, column)
        draw = np.array(self._style.draw_codes(column), dtype=np.uint8)
        codes = draw[column.values + 1] + (raster.FIRST_CATEGORY_INDEX - 1)
        order = np.argsort(codes, kind="stable")
        colours = self._style.colours_by_rank()
        table = [0, QColor(40, 40, 40, 210).rgba()] + [c.rgba() for c in colours]
        table += [0] * (256 - len(table))
        self._prepared = _PreparedPoints(
            x=self._points.x[order], y=self._points.y[order], codes=codes[order],
            segments=raster.segments_of(codes[order]), table=table,
            rgb=np.array([[c.red(), c.green(), c.blue()] for c in colours], dtype=np.float64),
        )

    def extent(self) -> Extent | None:
        """Where the households are, leaving out the outermost 0.5% on each side so a few
        wrong coordinates (swapped, outside Indonesia) do not zoom the map out to sea."""
        pts = self._points
        if len(pts) == 0:
            return None
        lo_x, hi_x = np.percentile(pts.x, [0.5, 99.5])
        lo_y, hi_y = np.percentile(pts.y, [0.5, 99.5])
        return (float(lo_x), float(lo_y), float(hi_x), float(hi_y))

    def legend(self, transform: MapTransform | None = None) -> list[LegendItem]:
        """The categories present (all of them while there are no households), and how
        to read the density grid when ``transform`` shows one."""
        counts = self._points.attributes[self._attribute].counts()
        items = [LegendItem(c.label, c.colour, counts.get(c.code, 0), "point", c.code)
                 for c in self._style.categories]
        present = [item for item in items if item.count] or items
        if transform is not None and self.uses_density(transform):
            present += density_legend()
        return present

    def renderer(self, transform: MapTransform, dpr: float) -> Renderer | None:
        if len(self._points) == 0 or self._prepared is None:
            return None
        return _PointRenderer(self._prepared, self.uses_density(transform), transform, dpr)

    def uses_density(self, transform: MapTransform) -> bool:
        """Whether ``transform`` shows the density grid (mode "auto" decides by crowding).

        Asked several times per render (the canvas, the legend, the renderer) and a count
        over every point: remembered for the last view and points."""
        if self._mode != "auto":
            return self._mode == "density"
        known = self._crowding
        if known is not None and known[0] is self._points and known[1] == transform:
            return known[2]
        crowded = _crowded(self._points.x, self._points.y, transform)
        self._crowding = (self._points, transform, crowded)
        return crowded


def density_legend() -> list[LegendItem]:
    """How to read the density grid: what a square is, what its strength and colour say."""
    return [
        LegendItem(QCoreApplication.translate(
            "MapLayers", "Density grid: one square per {n} × {n} pixels").format(
            n=DENSITY_CELL), None, None, "density"),
        LegendItem(QCoreApplication.translate(
            "MapLayers", "Stronger colour: more households"), None, None, "note"),
        LegendItem(QCoreApplication.translate(
            "MapLayers", "Colour: the category highest in this list among them"),
            None, None, "note"),
    ]


def _crowded(x: np.ndarray, y: np.ndarray, transform: MapTransform) -> bool:
    min_x, min_y, max_x, max_y = transform.extent()
    visible = int(np.count_nonzero((x >= min_x) & (x <= max_x) & (y >= min_y) & (y <= max_y)))
    return visible > DENSITY_THRESHOLD * transform.width * transform.height


@dataclass(frozen=True)
class _PreparedPoints:
    x: np.ndarray  # sorted by draw code
    y: np.ndarray
    codes: np.ndarray  # uint8 raster codes, ascending
    segments: list[raster.Segment]
    table: list[int]  # colour table for the raster codes
    rgb: np.ndarray  # (categories, 3) colours by rank - 1, for the density grid


def marker_radius(transform: MapTransform) -> int:
    """Marker radius in pixels: bigger as the view comes closer to the houses."""
    ground = transform.ground_resolution()
    if ground > 8:
        return 2
    if ground > 1.5:
        return 3
    return 4


class _PointRenderer:
    def __init__(self, prepared: _PreparedPoints, density: bool, transform: MapTransform,
                 dpr: float) -> None:
        self.prepared = prepared
        self.density = density
        self.transform = transform
        self.dpr = dpr

    def __call__(self, cancelled: Cancelled) -> QImage | None:
        p = self.prepared
        t = self.transform
        density = self.density
        sx, sy = t.to_screen(p.x, p.y)
        if self.dpr != 1:
            sx, sy = sx * self.dpr, sy * self.dpr
        width, height = round(t.width * self.dpr), round(t.height * self.dpr)
        if cancelled():
            return None
        if density:
            return self._density(sx, sy, width, height)
        radius = max(1, round(marker_radius(t) * self.dpr))
        codes = raster.marker_codes(sx, sy, p.segments, width, height, radius)
        return raster.indexed_image(codes, p.table)

    def _density(self, sx: np.ndarray, sy: np.ndarray, width: int, height: int) -> QImage:
        """Square cells coloured by the top-most category in them (as markers would be
        drawn) and more opaque the more households they hold."""
        p = self.prepared
        cell = max(1, round(DENSITY_CELL * self.dpr))
        counts, top_code = raster.density_cells(sx, sy, p.segments, width, height, cell)
        occupied = counts > 0
        most = counts.max() if occupied.any() else 1
        alpha = np.where(occupied, 0.35 + 0.6 * np.log1p(counts) / np.log1p(most), 0.0)
        rank = np.maximum(top_code.astype(np.int64) - raster.FIRST_CATEGORY_INDEX, 0)
        rgb = p.rgb[rank]
        a = (alpha * 255.0).astype(np.uint32)
        r = (rgb[..., 0] * alpha).astype(np.uint32)
        g = (rgb[..., 1] * alpha).astype(np.uint32)
        b = (rgb[..., 2] * alpha).astype(np.uint32)
        cells = (a << 24) | (r << 16) | (g << 8) | b
        # Blown up to pixels by numpy, straight into the image: cheaper than a scaled
        # drawImage.
        return raster.cells_image(cells, cell, width, height)


class SelectionLayer(MapLayer):
    """The selected households, drawn as bright rings above the household layer.

    The same layer with ``layer_id="focus"`` marks the few households picked in the
    selection's list: a wider ring in :data:`FOCUS_COLOUR` that stands out from the
    selection's.
    """

    def __init__(self, households: HouseholdLayer, parent: QObject | None = None, *,
                 layer_id: str = "selection") -> None:
        super().__init__(layer_id, parent)
        self.households = households
        self.show_in_panel = False
        self._positions = np.zeros(0, dtype=np.int64)
        self._focus = layer_id == "focus"

    def title(self) -> str:
        if self._focus:
            return QCoreApplication.translate("MapLayers", "Picked in the list")
        return QCoreApplication.translate("MapLayers", "Selection")

    def positions(self) -> np.ndarray:
        return self._positions

    def set_positions(self, positions: np.ndarray) -> None:
        positions = np.unique(np.asarray(positions, dtype=np.int64))
        if positions.shape == self._positions.shape and np.array_equal(positions,
                                                                       self._positions):
            return
        self._positions = positions
        self._content_changed()

    def extent(self) -> Extent | None:
        if self._positions.size == 0:
            return None
        pts = self.households.points
        x, y = pts.x[self._positions], pts.y[self._positions]
        return (float(x.min()), float(y.min()), float(x.max()), float(y.max()))

    def renderer(self, transform: MapTransform, dpr: float) -> Renderer | None:
        if self._positions.size == 0:
            return None
        pts = self.households.points
        x, y = pts.x[self._positions], pts.y[self._positions]
        return _SelectionRenderer(x, y, transform, dpr, self._focus)


class _SelectionRenderer:
    def __init__(self, x: np.ndarray, y: np.ndarray, transform: MapTransform,
                 dpr: float, focus: bool = False) -> None:
        self.x, self.y, self.transform, self.dpr = x, y, transform, dpr
        self.focus = focus

    def __call__(self, cancelled: Cancelled) -> QImage | None:
        sx, sy = self.transform.to_screen(self.x, self.y)
        sx, sy = sx * self.dpr, sy * self.dpr
        width = round(self.transform.width * self.dpr)
        height = round(self.transform.height * self.dpr)
        marker = max(1, round(marker_radius(self.transform) * self.dpr))
        # The focus ring lies outside the selection's, so both stay visible.
        inner = marker + (max(2, round(2 * self.dpr)) if self.focus else 0)
        ring = inner + max(2, round((3 if self.focus else 2) * self.dpr))
        code = raster.FIRST_CATEGORY_INDEX
        runs = [(code, 0, len(sx))]
        codes = raster.marker_codes(sx, sy, runs, width, height, ring)
        # Hollow rings: the household's own colour stays visible inside.
        hole = raster.marker_codes(sx, sy, runs, width, height, inner, outline=False)
        codes[hole > 0] = raster.EMPTY_INDEX
        colour = FOCUS_COLOUR if self.focus else SELECTION_COLOUR
        table = [0, QColor(20, 20, 20, 230).rgba(), colour.rgba()] + [0] * 253
        if cancelled():
            return None
        return raster.indexed_image(codes, table)
