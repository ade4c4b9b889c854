"""The map canvas: Web Mercator view of boundaries, households and an optional basemap.

Modelled on how QGIS keeps its canvas responsive:

* every layer is drawn into its own cached image; a layer is drawn again only when its
  content changed (:attr:`MapLayer.changed`) or the view moved, and a change of
  visibility, opacity or order only recomposes the cached images;
* refresh requests coalesce: any number of them before the event loop turns again start
  one render, and a render asked for while another runs cancels it and follows it;
* rendering runs on a worker thread (``threaded=True``) into images; meanwhile the old
  images are shown shifted and scaled to the new view, so panning and zooming answer
  at once;
* households are numpy arrays drawn as one image per layer (never one item per
  household), and hit tests go through a shapely STRtree (:class:`db.spatial.PointIndex`).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from db.spatial import (
    HouseholdPoints,
    PointIndex,
    RegionShape,
    coordinate_problem,
    from_web_mercator,
)
from widgets.map import export, raster
from widgets.map.basemap import BasemapLayer
from widgets.map.layers import (
    BoundaryLayer,
    HouseholdLayer,
    LabelLayer,
    MapLayer,
    Renderer,
    SelectionLayer,
)
from widgets.map.tools import (
    BrowseTool,
    LassoSelectTool,
    MapTool,
    MeasureTool,
    PickLocationTool,
    RectangleSelectTool,
)
from widgets.map.transform import Extent, MapTransform

WHEEL_STEP = math.sqrt(2)  # one wheel notch zooms by √2: two notches double the scale
KEY_PAN_SHARE = 0.25  # an arrow key moves the view by a quarter of its size
IDENTIFY_TOLERANCE_PX = 7
VIEW_SETTLE_MS = 60  # wheel bursts within this time start a single render


@dataclass
class _Cached:
    image: QImage | None  # None: the layer had nothing to draw for that view
    transform: MapTransform
    revision: int
    dpr: float


class _RenderSignals(QObject):
    finished = Signal(object)


class _RenderJob(QRunnable):
    """Draws a list of layer renderers into fresh images (possibly on a worker thread)."""

    def __init__(self, number: int, transform: MapTransform, dpr: float,
                 work: list[tuple[str, int, Renderer | None]], signals: _RenderSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.number = number
        self.transform = transform
        self.dpr = dpr
        self.work = work
        self.signals = signals
        self.cancel = threading.Event()

    def run(self) -> None:
        results: dict[str, _Cached] = {}
        for layer_id, revision, renderer in self.work:
            if self.cancel.is_set():
                break
            image = renderer(self.cancel.is_set) if renderer is not None else None
            if not self.cancel.is_set():
                results[layer_id] = _Cached(image, self.transform, revision, self.dpr)
        self.signals.finished.emit((self, results))


class MapCanvas(QWidget):
    """A map of kelurahan/kecamatan boundaries and households.

    Data comes in through :meth:`set_boundaries`, :meth:`set_households` and
    :meth:`set_basemap`; what happens goes out through signals. Selection made with
    :meth:`set_selected_ids` (e.g. from the register) does not emit
    :attr:`selectionChanged`, so linked views cannot ping-pong.
    """

    viewChanged = Signal()
    coordinatesChanged = Signal(float, float)  # longitude, latitude under the cursor
    householdIdentified = Signal(int)  # household id clicked with the browse tool
    identifyMissed = Signal()  # a click that hit no household
    selectionChanged = Signal(list)  # household ids selected on the map by the operator
    locationPicked = Signal(float, float)  # longitude, latitude (pick-location tool)
    locationProblem = Signal(str)  # why a picked location cannot be a house in Indonesia
    pickCancelled = Signal()
    distanceMeasured = Signal(float)  # metres along the measured line
    toolChanged = Signal(str)
    renderFinished = Signal()
    noticeChanged = Signal(str)  # notices joined by newlines; "" when none
    layersChanged = Signal()  # order, visibility, opacity or legend changed
    contextMenuWanted = Signal(QPoint)  # a right click (global position) no tool used

    def __init__(self, parent: QWidget | None = None, *, threaded: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("mapCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(200, 150)
        self.threaded = threaded

        self.basemap = BasemapLayer(self)
        self.kelurahan = BoundaryLayer("desa_kelurahan", self)
        self.kecamatan = BoundaryLayer("kecamatan", self)
        self.households = HouseholdLayer(self)
        self.selection = SelectionLayer(self.households, self)
        self.focus = SelectionLayer(self.households, self, layer_id="focus")
        self.labels = LabelLayer(self.kecamatan, self.kelurahan, self)
        # Bottom to top; the selection and the focus always sit right above the
        # households and the labels above everything.
        self._order: list[MapLayer] = [self.basemap, self.kelurahan, self.kecamatan,
                                       self.households]
        for layer in (*self._order, self.selection, self.focus, self.labels):
            layer.changed.connect(self._schedule_render)
            layer.appearanceChanged.connect(self._on_appearance_changed)
        # A new colouring or display mode changes the legend, whoever set it (the panel,
        # or the style remembered from the last session).
        self.households.changed.connect(self.layersChanged)

        self._transform = MapTransform(0.0, 0.0, 5000.0, max(self.width(), 1),
                                       max(self.height(), 1))
        self._has_view = False
        self._images: dict[str, _Cached] = {}
        # All visible layers flattened into one image (when they share a view): a pan
        # frame is then a single blit.
        self._composite: _Cached | None = None
        self._index: PointIndex | None = None
        self._notice = ""
        # Whether the households were last drawn as the density grid: the legend explains
        # the grid, so a change (by zooming) is announced on layersChanged.
        self._density_shown = False

        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _RenderSignals(self)
        self._signals.finished.connect(self._on_render_finished)
        self._job: _RenderJob | None = None
        self._job_number = 0
        self._render_again = False
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._start_render)

        self._tools: dict[str, MapTool] = {
            tool.name: tool for tool in (
                BrowseTool(self), RectangleSelectTool(self), LassoSelectTool(self),
                PickLocationTool(self), MeasureTool(self),
            )
        }
        self._tool = self._tools["browse"]
        self._tool_before_pick = "browse"
        self._tool.activate()
        self._middle_pan: QPointF | None = None

    # ------------------------------------------------------------------ data

    def set_boundaries(self, shapes: Sequence[RegionShape]) -> None:
        """Show these kelurahan and kecamatan boundaries (Web Mercator shapes)."""
        self.kelurahan.set_shapes(shapes)
        self.kecamatan.set_shapes(shapes)
        if not self._has_view:
            self.zoom_to_full_extent()
        self.layersChanged.emit()

    def set_households(self, points: HouseholdPoints, index: PointIndex | None = None) -> None:
        """Show these households; ``index`` (built off the GUI thread) speeds the first
        click, otherwise it is built on first use. The selection keeps the ids still there."""
        selected = self.selected_ids()
        focused = self.focus_ids()
        self.households.set_points(points)
        self._index = index
        self.selection.set_positions(points.positions_of(selected))
        self.focus.set_positions(points.positions_of(focused))
        if not self._has_view:
            self.zoom_to_full_extent()
        self.layersChanged.emit()

    def set_basemap(self, location: str | None, cache_dir: str | None = None) -> bool:
        """Use a basemap (MBTiles file, tile folder or URL) and show it; None removes it.

        Returns False when it cannot be opened: the map goes on without it and shows a
        notice saying why.
        """
        ok = self.basemap.set_location(location, cache_dir)
        self.basemap.set_visible(bool(location) and ok)
        self._update_notice()
        self.layersChanged.emit()
        return ok

    def point_index(self) -> PointIndex:
        if self._index is None or len(self._index) != len(self.households.points):
            pts = self.households.points
            self._index = PointIndex(pts.x, pts.y)
        return self._index

    # ------------------------------------------------------------------ layers

    def layers(self) -> list[MapLayer]:
        """Layers bottom to top (the selection overlay is not listed)."""
        return list(self._order)

    def render_layers(self) -> list[MapLayer]:
        """Layers bottom to top as drawn: the selection and the focus right above the
        households, the labels on top."""
        result: list[MapLayer] = []
        for layer in self._order:
            result.append(layer)
            if layer is self.households:
                result += [self.selection, self.focus]
        result.append(self.labels)
        return result

    def move_layer(self, layer: MapLayer, index: int) -> None:
        """Put ``layer`` at ``index`` in the bottom-to-top order (recomposes only)."""
        self._order.remove(layer)
        self._order.insert(max(0, min(index, len(self._order))), layer)
        self._rebuild_composite()
        self.layersChanged.emit()
        self.update()

    def _on_appearance_changed(self) -> None:
        if self.sender() is self.households:
            self.selection.set_visible(self.households.is_visible())
            self.focus.set_visible(self.households.is_visible())
        self._rebuild_composite()
        self._schedule_render()  # a layer shown again may never have been drawn
        self._update_notice()
        self.layersChanged.emit()
        self.update()

    # ------------------------------------------------------------------ view

    def transform(self) -> MapTransform:
        return self._transform

    def set_transform(self, transform: MapTransform) -> None:
        self._transform = transform.resized(self.width(), self.height())
        self._has_view = True
        self._view_changed()

    def _view_changed(self, settle: bool = False) -> None:
        self.update()
        self.viewChanged.emit()
        self._schedule_render(VIEW_SETTLE_MS if settle else 0)

    def full_extent(self) -> Extent | None:
        """Boundaries plus households, ignoring the few households far off (bad points)."""
        extents = [e for e in (self.kelurahan.extent(), self.kecamatan.extent(),
                               self.households.extent()) if e]
        if not extents:
            return None
        a = np.array(extents)
        return (float(a[:, 0].min()), float(a[:, 1].min()), float(a[:, 2].max()),
                float(a[:, 3].max()))

    def zoom_to_extent(self, extent: Extent | None, margin: float = 0.04) -> None:
        if extent is None:
            return
        self.set_transform(self._transform.resized(self.width(), self.height())
                           .fitted(extent, margin))

    def zoom_to_full_extent(self) -> None:
        self.zoom_to_extent(self.full_extent())

    def zoom_to_region(self, code: str) -> bool:
        """Zoom to a kelurahan (outlined) or kecamatan; False when it has no boundary."""
        extent = self.kelurahan.region_extent(code)
        layer = self.kelurahan
        if extent is None:
            extent, layer = self.kecamatan.region_extent(code), self.kecamatan
        if extent is None:
            return False
        self.kelurahan.set_highlight(code if layer is self.kelurahan else None)
        self.kecamatan.set_highlight(code if layer is self.kecamatan else None)
        self.zoom_to_extent(extent, margin=0.08)
        return True

    def zoom_to_selection(self) -> bool:
        extent = self.selection.extent()
        if extent is None:
            return False
        self.zoom_to_extent(extent, margin=0.15)
        return True

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom in (factor > 1) or out, keeping the point under ``anchor`` in place."""
        self._transform = self._transform.zoomed(
            factor, None if anchor is None else (anchor.x(), anchor.y()))
        self._has_view = True
        self._view_changed(settle=True)

    def pan_by_pixels(self, dx: float, dy: float) -> None:
        """Move the map with the mouse; only the cached images move until the drag ends."""
        self._transform = self._transform.panned(dx, dy)
        self._has_view = True
        self.update()
        self.viewChanged.emit()

    def finish_interaction(self) -> None:
        """The drag ended: draw the layers for where the view is now."""
        self._schedule_render()

    # ------------------------------------------------------------------ rendering

    def _schedule_render(self, delay_ms: int = 0) -> None:
        # A running timer is restarted: a burst of requests becomes one render.
        if delay_ms or not self._render_timer.isActive():
            self._render_timer.start(delay_ms)

    def refresh(self) -> None:
        """Ask for a render (coalesced with any other request)."""
        self._schedule_render()

    def redraw_now(self) -> None:
        """Drop every cached image and draw all layers at once, on this thread.

        For export, benchmarks and tests; interactive code calls :meth:`refresh`.
        """
        self._render_timer.stop()
        if self._job is not None:
            self._job.cancel.set()
            self._pool.waitForDone()
            self._job = None
        for cached in self._images.values():
            raster.POOL.give(cached.image)
        self._images.clear()
        self._rebuild_composite()
        threaded, self.threaded = self.threaded, False
        try:
            self._start_render()
        finally:
            self.threaded = threaded

    def is_rendering(self) -> bool:
        return self._job is not None or self._render_timer.isActive()

    def _dpr(self) -> float:
        return float(self.devicePixelRatioF())

    def _start_render(self) -> None:
        if self._job is not None:
            # Let the running job stop early; it starts the next one when it returns.
            self._job.cancel.set()
            self._render_again = True
            return
        transform = self._transform
        self._follow_density(transform)
        dpr = self._dpr()
        work: list[tuple[str, int, Renderer | None]] = []
        for layer in self.render_layers():
            if not layer.is_visible():
                continue
            cached = self._images.get(layer.layer_id)
            if (cached is not None and cached.transform == transform
                    and cached.revision == layer.revision and cached.dpr == dpr):
                continue
            work.append((layer.layer_id, layer.revision, layer.renderer(transform, dpr)))
        if not work:
            self._update_notice()
            self.renderFinished.emit()
            return
        self._job_number += 1
        job = _RenderJob(self._job_number, transform, dpr, work, self._signals)
        self._job = job
        if self.threaded:
            self._pool.start(job)
        else:
            job.run()

    def _follow_density(self, transform: MapTransform) -> None:
        density = self.households.uses_density(transform)
        if density != self._density_shown:
            self._density_shown = density
            self.layersChanged.emit()

    def shows_density(self) -> bool:
        """Whether the households were last drawn as the density grid."""
        return self._density_shown

    def _on_render_finished(self, payload: tuple[_RenderJob, dict[str, _Cached]]) -> None:
        job, results = payload
        if job is not self._job:
            return
        self._job = None
        for layer_id, cached in results.items():
            replaced = self._images.get(layer_id)
            if replaced is not None and replaced.image is not cached.image:
                raster.POOL.give(replaced.image)
        self._images.update(results)
        self._rebuild_composite()
        self.update()
        if self._render_again:
            self._render_again = False
            self._schedule_render()
            return
        self._update_notice()
        self.renderFinished.emit()

    def wait_for_render(self, timeout_ms: int = 5000) -> bool:
        """Process events until no render is pending (tests, export); True when done."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(timeout_ms)
        while self.is_rendering() and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if self._job is not None and self.threaded:
                self._pool.waitForDone(20)
        return not self.is_rendering()

    def _rebuild_composite(self) -> None:
        """Flatten the visible layers' images into one, if they were drawn for one view."""
        if self._composite is not None:
            raster.POOL.give(self._composite.image)
        self._composite = None
        layers = [lay for lay in self.render_layers() if lay.is_visible()]
        cached = [self._images.get(lay.layer_id) for lay in layers]
        if not cached or any(c is None for c in cached):
            return
        first = cached[0]
        if any(c.transform != first.transform or c.dpr != first.dpr for c in cached):
            return
        image = raster.POOL.take(round(first.transform.width * first.dpr),
                                 round(first.transform.height * first.dpr))
        image.fill(export.BACKGROUND)
        painter = QPainter(image)
        for layer, item in zip(layers, cached):
            if item.image is not None:
                painter.setOpacity(layer.opacity())
                painter.drawImage(0, 0, item.image)
        painter.end()
        self._composite = _Cached(image, first.transform, 0, first.dpr)

    def compose(self, painter: QPainter, transform: MapTransform | None = None) -> None:
        """Draw the cached layer images for ``transform`` (the current view by default).

        Images drawn for another view are shifted and scaled into place: that is what
        the operator sees while a pan goes on or new images are being drawn.
        """
        view = transform or self._transform
        if self._composite is not None:
            self._draw_cached(painter, self._composite, view)
            return
        for layer in self.render_layers():
            if not layer.is_visible():
                continue
            cached = self._images.get(layer.layer_id)
            if cached is None or cached.image is None:
                continue
            painter.setOpacity(layer.opacity())
            self._draw_cached(painter, cached, view)
        painter.setOpacity(1.0)

    @staticmethod
    def _draw_cached(painter: QPainter, cached: _Cached, view: MapTransform) -> None:
        old = cached.transform
        left, top = old.to_world(0, 0)
        sx, sy = view.to_screen(left, top)
        scale = old.resolution / view.resolution
        if math.isclose(scale, 1.0, rel_tol=1e-9) and cached.dpr == 1.0:
            # A pan: a plain blit at whole pixels, the cheapest thing QPainter does.
            painter.drawImage(QPointF(round(float(sx)), round(float(sy))), cached.image)
            return
        painter.drawImage(
            QRectF(float(sx), float(sy), old.width * scale, old.height * scale), cached.image,
        )

    def paint_frame(self, painter: QPainter) -> None:
        """Everything a repaint draws: cached layers, tool drawing, scale bar, notices."""
        painter.fillRect(QRectF(0, 0, self.width(), self.height()), export.BACKGROUND)
        self.compose(painter)
        self._tool.paint(painter)
        if self._has_view:
            export.draw_scale_bar(painter, self._transform, QPointF(16, self.height() - 12))
        if self._notice:
            export.draw_notices(painter, self._notice.split("\n"),
                                QRectF(10, 10, self.width() - 20, self.height() - 20))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.paint_frame(painter)
        finally:
            painter.end()

    def render_image(self, size: QSize | None = None, *, title: str,
                     subtitle: str | None = None) -> QImage:
        """The current view as an image with title, legend and scale bar (for export)."""
        transform = self._transform
        if size is not None and (size.width(), size.height()) != (transform.width,
                                                                  transform.height):
            # Show the same area in the new size.
            factor = max(transform.width / size.width(), transform.height / size.height())
            transform = MapTransform(transform.center_x, transform.center_y,
                                     transform.resolution * factor, size.width(),
                                     size.height())
        return export.render_map(self.render_layers(), transform, title=title,
                                 subtitle=subtitle)

    def notices(self) -> list[str]:
        texts = [n for n in (layer.notice() for layer in self._order) if n]
        if not self.kelurahan.extent() and not self.kecamatan.extent():
            texts.append(self.tr("No boundaries yet: import the kelurahan boundaries "
                                 "(Data menu). Households are shown without them."))
        return texts

    def _update_notice(self) -> None:
        notice = "\n".join(self.notices())
        if notice != self._notice:
            self._notice = notice
            self.noticeChanged.emit(notice)
            self.update()

    # ------------------------------------------------------------------ hit tests

    def household_at(self, pos: QPointF) -> int | None:
        """The id of the household drawn at widget position ``pos``, if any."""
        if not self.households.is_visible() or len(self.households.points) == 0:
            return None
        x, y = self._transform.to_world(pos.x(), pos.y())
        found = self.point_index().nearest(x, y, IDENTIFY_TOLERANCE_PX
                                           * self._transform.resolution)
        return None if found is None else int(self.households.points.ids[found])

    def identify_at(self, pos: QPointF) -> int | None:
        """Identify the household at ``pos``: emits householdIdentified or identifyMissed."""
        found = self.household_at(pos)
        if found is None:
            self.identifyMissed.emit()
        else:
            self.householdIdentified.emit(found)
        return found

    def screen_position_of(self, household_id: int) -> QPointF | None:
        """Where a household is drawn in the widget, or None if it has no point."""
        pos = self.households.points.positions_of([household_id])
        if pos.size == 0:
            return None
        pts = self.households.points
        sx, sy = self._transform.to_screen(pts.x[pos[0]], pts.y[pos[0]])
        return QPointF(float(sx), float(sy))

    # ------------------------------------------------------------------ selection

    def selected_ids(self) -> list[int]:
        positions = self.selection.positions()
        if positions.size == 0:
            return []
        return self.households.points.ids[positions].tolist()

    def set_selected_ids(self, ids: Sequence[int]) -> None:
        """Highlight these households (e.g. selected in the register); emits nothing."""
        self.selection.set_positions(self.households.points.positions_of(list(ids)))

    def focus_ids(self) -> list[int]:
        """The households marked as picked in the selection's list."""
        positions = self.focus.positions()
        if positions.size == 0:
            return []
        return self.households.points.ids[positions].tolist()

    def set_focus_ids(self, ids: Sequence[int]) -> None:
        """Mark these households (picked in the selection's list); emits nothing."""
        self.focus.set_positions(self.households.points.positions_of(list(ids)))

    def clear_selection(self) -> None:
        self._apply_selection(np.zeros(0, dtype=np.int64), Qt.KeyboardModifier.NoModifier)

    def select_in_rectangle(self, rect: QRectF, modifiers: Qt.KeyboardModifier) -> None:
        """Select the households inside a widget rectangle (Shift adds, Ctrl removes)."""
        x0, y0 = self._transform.to_world(rect.left(), rect.bottom())
        x1, y1 = self._transform.to_world(rect.right(), rect.top())
        found = self.point_index().in_box(x0, y0, x1, y1) if len(self.households.points) \
            else np.zeros(0, dtype=np.int64)
        self._apply_selection(found, modifiers)

    def select_in_outline(self, outline: Sequence[QPointF], modifiers: Qt.KeyboardModifier
                          ) -> None:
        """Select the households inside a freehand outline (widget coordinates)."""
        t = self._transform
        ring = np.array([t.to_world(p.x(), p.y()) for p in outline])
        found = self.point_index().in_polygon(ring) if len(self.households.points) \
            else np.zeros(0, dtype=np.int64)
        self._apply_selection(found, modifiers)

    def select_at(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        """A click with a selection tool: select that household, or clear on empty map."""
        household = self.household_at(pos)
        found = (self.households.points.positions_of([household]) if household is not None
                 else np.zeros(0, dtype=np.int64))
        self._apply_selection(found, modifiers)

    def _apply_selection(self, found: np.ndarray, modifiers: Qt.KeyboardModifier) -> None:
        current = self.selection.positions()
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            positions = np.union1d(current, found)
        elif modifiers & Qt.KeyboardModifier.ControlModifier:
            positions = np.setdiff1d(current, found)
        else:
            positions = found
        self.selection.set_positions(positions)
        self.selectionChanged.emit(self.selected_ids())

    # ------------------------------------------------------------------ tools

    def tool(self) -> MapTool:
        return self._tool

    def tools(self) -> list[MapTool]:
        return list(self._tools.values())

    def set_tool(self, name: str) -> None:
        if name not in self._tools:
            raise ValueError(f"unknown map tool {name!r}")
        if self._tool.name == name:
            return
        if name == "pick_location":
            self._tool_before_pick = self._tool.name
        self._tool.deactivate()
        self._tool = self._tools[name]
        self._tool.activate()
        self.toolChanged.emit(name)
        self.update()

    def start_pick_location(self) -> None:
        """Arm the pick-location tool: the next click emits :attr:`locationPicked`."""
        self.set_tool("pick_location")

    def cancel_pick_location(self) -> None:
        if self._tool.name == "pick_location":
            self.set_tool(self._tool_before_pick)
            self.pickCancelled.emit()

    def pick_location_at(self, pos: QPointF) -> tuple[float, float]:
        """Emit the longitude/latitude at ``pos`` and go back to the previous tool.

        A point that cannot be a house in Indonesia (the map was scrolled far away)
        emits :attr:`locationProblem` instead and keeps the tool armed.
        """
        x, y = self._transform.to_world(pos.x(), pos.y())
        lon_a, lat_a = from_web_mercator(np.array([x]), np.array([y]))
        lon, lat = round(float(lon_a[0]), 6), round(float(lat_a[0]), 6)
        problem = coordinate_problem(lon, lat)
        if problem:
            self.locationProblem.emit(problem)
            return lon, lat
        self.set_tool(self._tool_before_pick)
        self.locationPicked.emit(lon, lat)
        return lon, lat

    # ------------------------------------------------------------------ Qt events

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._transform = self._transform.resized(self.width(), self.height())
        if not self._has_view:
            self.zoom_to_full_extent()
        self._schedule_render(VIEW_SETTLE_MS)
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(WHEEL_STEP ** steps, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.MiddleButton:
            self._middle_pan = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        self._tool.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._middle_pan is not None:
            self.pan_by_pixels(pos.x() - self._middle_pan.x(), pos.y() - self._middle_pan.y())
            self._middle_pan = pos
        else:
            self._tool.move(event)
        x, y = self._transform.to_world(pos.x(), pos.y())
        lon, lat = from_web_mercator(np.array([x]), np.array([y]))
        self.coordinatesChanged.emit(float(lon[0]), float(lat[0]))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._middle_pan is not None:
            self._middle_pan = None
            self.setCursor(self._tool.cursor)
            self.finish_interaction()
            return
        self._tool.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._tool.double_click(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # The measure tool ends its line with a right click; that click opens no menu.
        if self._tool.allows_context_menu():
            self.contextMenuWanted.emit(event.globalPos())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._tool.key(event):
            return
        key = event.key()
        dx = self.width() * KEY_PAN_SHARE
        dy = self.height() * KEY_PAN_SHARE
        moves = {Qt.Key.Key_Left: (dx, 0), Qt.Key.Key_Right: (-dx, 0),
                 Qt.Key.Key_Up: (0, dy), Qt.Key.Key_Down: (0, -dy)}
        if key in moves:
            self.pan_by_pixels(*moves[key])
            self._schedule_render(VIEW_SETTLE_MS)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(2.0)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(0.5)
        elif key == Qt.Key.Key_Home:
            self.zoom_to_full_extent()
        elif key == Qt.Key.Key_Escape and self.selection.positions().size:
            self.clear_selection()
        else:
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.households.retranslate()
            for layer in (self.kelurahan, self.kecamatan, self.basemap):
                layer.appearanceChanged.emit()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop rendering and release the basemap (when the window closes)."""
        self._render_timer.stop()
        if self._job is not None:
            self._job.cancel.set()
        # The job checks its cancel flag between steps, so this wait is short; it must
        # not time out, or the job would report to a canvas that no longer exists.
        self._pool.waitForDone()
        self.basemap.set_location(None)
