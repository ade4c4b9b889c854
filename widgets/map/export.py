"""Drawing a whole map into one image: for the PNG export and headless rendering.

Used by the canvas's "Export view" and by ``tepat map render``; neither needs a window,
only a QGuiApplication (offscreen is enough). Layers are rendered synchronously, one
image each, and composed the same way the canvas composes its cached images, then the
title, legend, scale bar and notices are drawn on top.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from db.spatial import HouseholdPoints, RegionShape
from widgets.map.layers import LegendItem, MapLayer
from widgets.map.transform import Extent, MapTransform

BACKGROUND = QColor(236, 240, 243)



def render_layer(layer: MapLayer, transform: MapTransform, dpr: float = 1.0) -> QImage | None:
    """The layer drawn for ``transform``, or None when it has nothing to draw."""
    renderer = layer.renderer(transform, dpr)
    return None if renderer is None else renderer(lambda: False)


def nice_scale_length(metres_per_pixel: float, max_pixels: float) -> float:
    """The longest 1-2-5 × 10^n metres that fits in ``max_pixels``."""
    if metres_per_pixel <= 0:
        return 0.0
    limit = metres_per_pixel * max_pixels
    power = 10 ** math.floor(math.log10(limit))
    for step in (5, 2, 1):
        if step * power <= limit:
            return step * power
    return power


def scale_label(metres: float) -> str:
    if metres >= 1000:
        km = metres / 1000
        return f"{km:g} km"
    return f"{metres:g} m"


def draw_scale_bar(painter: QPainter, transform: MapTransform, bottom_left: QPointF,
                   max_width: float = 140.0) -> QRectF:
    """A two-tone scale bar measured at the view's centre; returns the area it covers."""
    ground = transform.ground_resolution()
    length = nice_scale_length(ground, max_width)
    if length <= 0:
        return QRectF()
    pixels = length / ground
    font = QFont()
    font.setPointSizeF(8.0)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    label = scale_label(length)
    height = 6.0
    x, y = bottom_left.x(), bottom_left.y()
    box = QRectF(x - 6, y - height - metrics.height() - 8,
                 pixels + metrics.horizontalAdvance(label) / 2 + 16,
                 height + metrics.height() + 12)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 200))
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(QPen(QColor(40, 40, 40), 1))
    half = pixels / 2
    painter.setBrush(QColor(40, 40, 40))
    painter.drawRect(QRectF(x, y - height, half, height))
    painter.setBrush(QColor(255, 255, 255))
    painter.drawRect(QRectF(x + half, y - height, half, height))
    painter.drawText(QPointF(x - metrics.horizontalAdvance("0") / 2, y - height - 3), "0")
    painter.drawText(QPointF(x + pixels - metrics.horizontalAdvance(label) / 2,
                             y - height - 3), label)
    painter.restore()
    return box


def draw_legend(painter: QPainter, layers: Sequence[MapLayer], top_right: QPointF,
                title: str | None = None, transform: MapTransform | None = None) -> QRectF:
    """The visible layers' legends in a box hanging from ``top_right``; ``transform`` is
    the view the map shows (the household legend explains a density grid)."""
    entries: list[tuple[str, LegendItem | None]] = []
    for layer in reversed(layers):  # top layer first, as in the layer panel
        if not layer.is_visible() or not layer.show_in_panel:
            continue
        items = [i for i in layer.legend(transform) if i.shape != "text"]
        if not items:
            continue
        entries.append((layer.title(), None))
        entries.extend((layer.title(), item) for item in items)
    if not entries:
        return QRectF()
    font = QFont()
    font.setPointSizeF(8.5)
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetricsF(font)
    line = metrics.height() + 4
    swatch = 12.0
    widths = []
    for heading, item in entries:
        if item is None:
            widths.append(QFontMetricsF(bold).horizontalAdvance(heading))
        else:
            widths.append(swatch + 8 + metrics.horizontalAdvance(_item_text(item)))
    if title:
        widths.append(QFontMetricsF(bold).horizontalAdvance(title))
    width = max(widths) + 20
    height = line * (len(entries) + (1 if title else 0)) + 12
    box = QRectF(top_right.x() - width, top_right.y(), width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(180, 180, 180)))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(box, 4, 4)
    y = box.top() + 6
    if title:
        painter.setFont(bold)
        painter.setPen(QColor(30, 30, 30))
        painter.drawText(QPointF(box.left() + 10, y + metrics.ascent() + 2), title)
        y += line
    for heading, item in entries:
        if item is None:
            painter.setFont(bold)
            painter.setPen(QColor(30, 30, 30))
            painter.drawText(QPointF(box.left() + 10, y + metrics.ascent() + 2), heading)
        else:
            painter.setFont(font)
            if item.shape != "note":
                draw_swatch(painter, item, QRectF(box.left() + 10, y + (line - swatch) / 2,
                                                  swatch, swatch))
            painter.setPen(QColor(40, 40, 40))
            painter.drawText(QPointF(box.left() + 10 + swatch + 8, y + metrics.ascent() + 2),
                             _item_text(item))
        y += line
    painter.restore()
    return box


def _item_text(item: LegendItem) -> str:
    if item.count is None:
        return item.label
    return f"{item.label} ({item.count:,})".replace(",", ".")


def draw_swatch(painter: QPainter, item: LegendItem, rect: QRectF) -> None:
    """The little symbol of a legend entry."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = item.colour or QColor(128, 128, 128)
    if item.shape == "point":
        painter.setPen(QPen(QColor(40, 40, 40), 1))
        painter.setBrush(colour)
        r = rect.width() / 2 - 1.5
        painter.drawEllipse(rect.center(), r, r)
    elif item.shape == "density":
        # Four cells of the grid, fainter to stronger, as the map draws them.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        half = rect.width() / 2
        base = item.colour or QColor(60, 60, 60)
        for k, alpha in enumerate((0.35, 0.55, 0.75, 0.95)):
            shade = QColor(base)
            shade.setAlphaF(alpha)
            painter.setBrush(shade)
            painter.drawRect(QRectF(rect.left() + (k % 2) * half, rect.top() + (k // 2) * half,
                                    half - 1, half - 1))
    elif item.shape == "line":
        painter.setPen(QPen(colour, 2.2))
        painter.drawLine(QPointF(rect.left(), rect.center().y()),
                         QPointF(rect.right(), rect.center().y()))
    else:
        painter.setPen(QPen(colour, 1))
        painter.setBrush(QColor(246, 241, 226))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
    painter.restore()


def draw_notices(painter: QPainter, notices: Sequence[str], area: QRectF) -> None:
    """Notices stacked at the top-left of ``area`` in soft yellow boxes."""
    if not notices:
        return
    font = QFont()
    font.setPointSizeF(8.5)
    painter.save()
    painter.setFont(font)
    y = area.top()
    width = min(area.width() - 20, 460.0)
    for text in notices:
        bounds = painter.boundingRect(QRectF(0, 0, width - 16, 1000),
                                      int(Qt.TextFlag.TextWordWrap), text)
        box = QRectF(area.left(), y, bounds.width() + 16, bounds.height() + 10)
        painter.setPen(QPen(QColor(214, 180, 60)))
        painter.setBrush(QColor(255, 246, 205, 235))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor(70, 55, 0))
        painter.drawText(box.adjusted(8, 5, -8, -5), int(Qt.TextFlag.TextWordWrap), text)
        y += box.height() + 6
    painter.restore()


def compose(painter: QPainter, layers: Sequence[MapLayer], images: dict[str, QImage | None],
            dpr: float = 1.0) -> None:
    """Draw the layers' images (same transform as the target) bottom to top."""
    for layer in layers:
        image = images.get(layer.layer_id)
        if image is None or not layer.is_visible():
            continue
        painter.setOpacity(layer.opacity())
        painter.drawImage(QRectF(0, 0, image.width() / dpr, image.height() / dpr), image)
    painter.setOpacity(1.0)


def title_height(subtitle: bool) -> float:
    font = QFont()
    font.setPointSizeF(13)
    font.setBold(True)
    return QFontMetricsF(font).height() + (34 if subtitle else 18)


def render_map(
    layers: Sequence[MapLayer],
    transform: MapTransform,
    *,
    title: str,
    subtitle: str | None = None,
    legend: bool = True,
    scale_bar: bool = True,
    dpr: float = 1.0,
) -> QImage:
    """The map for ``transform`` under a title bar, with legend, scale bar and notices.

    ``layers`` are bottom to top; a hidden layer is left out (and out of the legend).
    The image is ``transform.width`` wide and the title bar taller than the map; use
    :func:`map_transform_for` to fit a map into an image of a given total size.
    """
    font = QFont()
    font.setPointSizeF(13)
    font.setBold(True)
    top = title_height(subtitle is not None)
    width = transform.width
    height = round(transform.height + top)
    image = QImage(round(width * dpr), round(height * dpr),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(QColor(255, 255, 255))
    images = {layer.layer_id: render_layer(layer, transform, dpr)
              for layer in layers if layer.is_visible()}
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(QColor(20, 20, 20))
        painter.setFont(font)
        painter.drawText(QPointF(14, 8 + QFontMetricsF(font).ascent()), title)
        small = QFont()
        small.setPointSizeF(8.5)
        painter.setFont(small)
        painter.setPen(QColor(90, 90, 90))
        stamp = QCoreApplication.translate("MapExport", "Made with Tepat, {date}").format(
            date=dt.date.today().strftime("%d-%m-%Y"))
        if subtitle:
            painter.drawText(QPointF(14, top - 10), subtitle)
        painter.drawText(QPointF(width - 14 - QFontMetricsF(small).horizontalAdvance(stamp),
                                 top - 10), stamp)
        painter.translate(0, top)
        map_area = QRectF(0, 0, width, transform.height)
        painter.fillRect(map_area, BACKGROUND)
        painter.setClipRect(map_area)
        compose(painter, layers, images, dpr)
        notices = [n for n in (layer.notice() for layer in layers) if n]
        draw_notices(painter, notices, map_area.adjusted(10, 10, -10, -10))
        if legend:
            draw_legend(painter, layers, QPointF(width - 10, 10), transform=transform)
        if scale_bar:
            draw_scale_bar(painter, transform, QPointF(18, transform.height - 14))
        painter.setClipping(False)
        painter.setPen(QPen(QColor(160, 160, 160), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(map_area.adjusted(0.5, 0.5, -0.5, -0.5))
    finally:
        painter.end()
    return image


def map_transform_for(extent: Extent, width: int, height: int, *, subtitle: bool,
                      margin: float = 0.04) -> MapTransform:
    """The view fitting ``extent`` into the map part of a ``width`` × ``height`` image."""
    map_height = max(1, round(height - title_height(subtitle)))
    return MapTransform(0.0, 0.0, 1.0, width, map_height).fitted(extent, margin)


def render_region_map(
    shapes: Sequence[RegionShape],
    points: HouseholdPoints,
    *,
    width: int,
    height: int,
    title: str,
    subtitle: str | None = None,
    attribute: str = "status",
    region: str | None = None,
    basemap: str | None = None,
    basemap_cache: str | None = None,
) -> QImage:
    """Boundaries and households as a finished map image of exactly ``width`` × ``height``.

    ``region`` (a kelurahan or kecamatan code) zooms to that region and outlines it.
    Raises ValueError when ``region`` has no boundary or there is nothing to show.
    """
    from widgets.map.basemap import BasemapLayer
    from widgets.map.layers import BoundaryLayer, HouseholdLayer, LabelLayer

    base = BasemapLayer()
    kelurahan = BoundaryLayer("desa_kelurahan")
    kecamatan = BoundaryLayer("kecamatan")
    households = HouseholdLayer()
    labels = LabelLayer(kecamatan, kelurahan)
    kelurahan.set_shapes(shapes)
    kecamatan.set_shapes(shapes)
    households.set_points(points)
    households.set_attribute(attribute)
    if basemap:
        base.set_location(basemap, basemap_cache)
        base.set_visible(True)
    if region:
        extent = kelurahan.region_extent(region) or kecamatan.region_extent(region)
        if extent is None:
            raise ValueError(region)
        (kelurahan if kelurahan.region_extent(region) else kecamatan).set_highlight(region)
    else:
        extents = [e for e in (kelurahan.extent(), kecamatan.extent(), households.extent()) if e]
        if not extents:
            raise ValueError("empty")
        extent = (min(e[0] for e in extents), min(e[1] for e in extents),
                  max(e[2] for e in extents), max(e[3] for e in extents))
    transform = map_transform_for(extent, width, height, subtitle=subtitle is not None)
    layers = [base, kelurahan, kecamatan, households, labels]
    image = render_map(layers, transform, title=title, subtitle=subtitle)
    if image.height() != height:
        image = image.copy(0, 0, width, height)
    return image
