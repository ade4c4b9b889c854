"""What a mouse click on the map means: browse, select, pick a location, measure.

The canvas hands mouse events to the active tool. Every tool pans on a drag that goes
past a few pixels, so the map can always be moved; what differs is a click (identify,
select, pick, add a measuring vertex) and the drawing over the map (rubber band, lasso,
measured line). The canvas also pans with the middle button and zooms with the wheel
whatever the tool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPolygonF,
)

from db.spatial import from_web_mercator, line_length_m

if TYPE_CHECKING:
    from widgets.map.canvas import MapCanvas

DRAG_THRESHOLD = 4  # pixels a press may move and still be a click

_BAND_PEN = QColor(0, 102, 204)
_BAND_FILL = QColor(0, 102, 204, 40)



def format_distance(metres: float) -> str:
    """``850 m`` or ``1,25 km`` in the current locale's decimal style."""
    from PySide6.QtCore import QLocale

    locale = QLocale()
    if metres < 1000:
        return f"{locale.toString(float(round(metres)), 'f', 0)} m"
    return f"{locale.toString(metres / 1000, 'f', 2)} km"


class MapTool:
    """Base tool: a drag pans, a click calls :meth:`clicked`."""

    name = "tool"
    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, canvas: MapCanvas) -> None:
        self.canvas = canvas
        self._press: QPointF | None = None
        self._last: QPointF | None = None
        self._dragging = False

    def label(self) -> str:
        return self.name

    def activate(self) -> None:
        self.canvas.setCursor(self.cursor)

    def deactivate(self) -> None:
        self._press = None
        self._dragging = False

    # Mouse events arrive from the canvas; positions are in widget pixels.
    def press(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._last = event.position()
            self._dragging = False

    def move(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        if not self._dragging and (pos - self._press).manhattanLength() > DRAG_THRESHOLD:
            self._dragging = True
            self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)
        if self._dragging:
            self.dragged(self._last, pos)
        self._last = pos

    def release(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        if self._dragging:
            self.drag_finished(event)
            self.canvas.setCursor(self.cursor)
        else:
            self.clicked(event)
        self._press = None
        self._dragging = False

    def double_click(self, event: QMouseEvent) -> None:
        """A double click; most tools ignore it."""

    def dragged(self, previous: QPointF, current: QPointF) -> None:
        self.canvas.pan_by_pixels(current.x() - previous.x(), current.y() - previous.y())

    def drag_finished(self, event: QMouseEvent) -> None:
        self.canvas.finish_interaction()

    def clicked(self, event: QMouseEvent) -> None:
        """A press and release without a drag."""

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key; True when used."""
        return False

    def allows_context_menu(self) -> bool:
        """Whether the right click that just happened may open the map's context menu."""
        return True

    def paint(self, painter: QPainter) -> None:
        """Draw over the map (widget coordinates)."""


class BrowseTool(MapTool):
    """Drag to pan; click a household to identify it."""

    name = "browse"
    cursor = Qt.CursorShape.OpenHandCursor

    def label(self) -> str:
        return QCoreApplication.translate("MapTools", "Browse and identify")

    def clicked(self, event: QMouseEvent) -> None:
        self.canvas.identify_at(event.position())


class RectangleSelectTool(MapTool):
    """Drag a rectangle to select the households in it (Shift adds, Ctrl removes)."""

    name = "select_rectangle"
    cursor = Qt.CursorShape.CrossCursor

    def label(self) -> str:
        return QCoreApplication.translate("MapTools", "Select with a rectangle")

    def dragged(self, previous: QPointF, current: QPointF) -> None:
        self.canvas.update()

    def drag_finished(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        rect = QRectF(self._press, event.position()).normalized()
        self.canvas.select_in_rectangle(rect, event.modifiers())
        self.canvas.update()

    def clicked(self, event: QMouseEvent) -> None:
        self.canvas.select_at(event.position(), event.modifiers())

    def paint(self, painter: QPainter) -> None:
        if self._dragging and self._press is not None and self._last is not None:
            painter.setPen(QPen(_BAND_PEN, 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(QBrush(_BAND_FILL))
            painter.drawRect(QRectF(self._press, self._last).normalized())


class LassoSelectTool(MapTool):
    """Draw a freehand outline to select the households inside it."""

    name = "select_lasso"
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self._outline: list[QPointF] = []

    def label(self) -> str:
        return QCoreApplication.translate("MapTools", "Select with a lasso")

    def press(self, event: QMouseEvent) -> None:
        super().press(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._outline = [event.position()]

    def dragged(self, previous: QPointF, current: QPointF) -> None:
        if (current - self._outline[-1]).manhattanLength() >= 2:
            self._outline.append(current)
        self.canvas.update()

    def drag_finished(self, event: QMouseEvent) -> None:
        self._outline.append(event.position())
        if len(self._outline) >= 3:
            self.canvas.select_in_outline(self._outline, event.modifiers())
        self._outline = []
        self.canvas.update()

    def clicked(self, event: QMouseEvent) -> None:
        self._outline = []
        self.canvas.select_at(event.position(), event.modifiers())

    def paint(self, painter: QPainter) -> None:
        if self._dragging and len(self._outline) > 1:
            painter.setPen(QPen(_BAND_PEN, 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(QBrush(_BAND_FILL))
            painter.drawPolygon(QPolygonF(self._outline))


class PickLocationTool(MapTool):
    """One click gives a longitude/latitude (for the household form), then it ends."""

    name = "pick_location"
    cursor = Qt.CursorShape.CrossCursor

    def label(self) -> str:
        return QCoreApplication.translate("MapTools", "Pick a location")

    def clicked(self, event: QMouseEvent) -> None:
        self.canvas.pick_location_at(event.position())

    def key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self.canvas.cancel_pick_location()
            return True
        return False


class MeasureTool(MapTool):
    """Click points to measure the length of the line through them, in metres.

    A double click or a right click ends the line (it stays shown); Esc clears it.
    """

    name = "measure"
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.vertices: list[tuple[float, float]] = []  # world (Web Mercator)
        self.finished = False
        self._hover: tuple[float, float] | None = None
        self._ended_by_right_click = False

    def label(self) -> str:
        return QCoreApplication.translate("MapTools", "Measure distance")

    def deactivate(self) -> None:
        super().deactivate()
        self.clear()

    def clear(self) -> None:
        self.vertices = []
        self.finished = False
        self._hover = None
        self.canvas.distanceMeasured.emit(0.0)
        self.canvas.update()

    def press(self, event: QMouseEvent) -> None:
        if (event.button() == Qt.MouseButton.RightButton and self.vertices
                and not self.finished):
            self.finished = True
            self._ended_by_right_click = True
            self._hover = None
            self._announce()
            self.canvas.update()
            return
        super().press(event)

    def move(self, event: QMouseEvent) -> None:
        super().move(event)
        if self.vertices and not self.finished:
            self._hover = self.canvas.transform().to_world(event.position().x(),
                                                           event.position().y())
            self._announce()
            self.canvas.update()

    def clicked(self, event: QMouseEvent) -> None:
        if self.finished:
            self.vertices = []
            self.finished = False
        self.vertices.append(self.canvas.transform().to_world(event.position().x(),
                                                              event.position().y()))
        self._announce()
        self.canvas.update()

    def allows_context_menu(self) -> bool:
        ended, self._ended_by_right_click = self._ended_by_right_click, False
        return not ended

    def double_click(self, event: QMouseEvent) -> None:
        if self.vertices:
            self.finished = True
            self._hover = None
            self._announce()
            self.canvas.update()

    def key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return True
        return False

    def _line(self) -> list[tuple[float, float]]:
        return self.vertices + ([self._hover] if self._hover and not self.finished else [])

    def length_m(self) -> float:
        """Length of the measured line (with the segment to the cursor while drawing)."""
        line = self._line()
        if len(line) < 2:
            return 0.0
        xy = np.array(line)
        lon, lat = from_web_mercator(xy[:, 0], xy[:, 1])
        return line_length_m(lon.tolist(), lat.tolist())

    def _announce(self) -> None:
        self.canvas.distanceMeasured.emit(self.length_m())

    def paint(self, painter: QPainter) -> None:
        line = self._line()
        if not line:
            return
        t = self.canvas.transform()
        points = [QPointF(*map(float, t.to_screen(x, y))) for x, y in line]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(255, 255, 255, 220), 5))
        painter.drawPolyline(QPolygonF(points))
        painter.setPen(QPen(QColor(200, 30, 30), 2.5))
        painter.drawPolyline(QPolygonF(points))
        painter.setBrush(QColor(200, 30, 30))
        for point in points:
            painter.drawEllipse(point, 3.5, 3.5)
        if len(points) > 1:
            text = format_distance(self.length_m())
            font = QFont()
            font.setBold(True)
            painter.setFont(font)
            at = points[-1] + QPointF(10, -10)
            rect = painter.fontMetrics().boundingRect(text).adjusted(-5, -3, 5, 3)
            rect.moveTopLeft(at.toPoint())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 230))
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(QColor(40, 40, 40))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
