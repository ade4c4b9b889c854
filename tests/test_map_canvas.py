"""The map canvas under pytest-qt: wheel zoom anchored under the cursor, drag and key
panning, identify, box and lasso selection, pick-location (into the real household form),
measuring, rendering and caching, the layer panel, basemaps (MBTiles, tile folder,
online with a disk cache) and what happens when a basemap is missing or broken."""

from __future__ import annotations

import http.server
import math
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from db.engine import Database
from db.spatial import (
    HouseholdCard,
    HouseholdPoints,
    RegionShape,
    from_web_mercator,
    geometry_to_web_mercator,
    line_length_m,
)
from desktop.mainwindow import MainWindow
from widgets.map.basemap import TILE_SIZE
from widgets.map.canvas import WHEEL_STEP, MapCanvas
from widgets.map.layers import DENSITY_THRESHOLD, SELECTION_COLOUR
from widgets.map.picker import LocationPickerDialog, location_picker
from widgets.map.transform import HALF_WORLD, WORLD_WIDTH
from widgets.map.view import MapView

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton
NO_MOD = Qt.KeyboardModifier.NoModifier
SERANG = "36.73.01.1001"
CIPARE = "36.73.01.1002"


# ------------------------------------------------------------------ test data


def region_shapes() -> list[RegionShape]:
    """Two kelurahan side by side in Kec. Serang, and the kecamatan around them."""
    serang = shapely.box(106.140, -6.130, 106.150, -6.120)
    cipare = shapely.box(106.150, -6.130, 106.160, -6.120)
    shapes = []
    for code, name, level, geom in ((SERANG, "Serang", "desa_kelurahan", serang),
                                    (CIPARE, "Cipare", "desa_kelurahan", cipare),
                                    ("36.73.01", "Serang", "kecamatan", serang.union(cipare))):
        projected = geometry_to_web_mercator(geom)
        at = projected.representative_point()
        shapes.append(RegionShape(code, name, level, projected, at.x, at.y, "import:uji"))
    return shapes


def grid_points(n_side: int = 10) -> HouseholdPoints:
    """n×n households on a regular grid inside the two kelurahan, ids 1..n²."""
    lon, lat = np.meshgrid(np.linspace(106.1425, 106.1575, n_side),
                           np.linspace(-6.1275, -6.1225, n_side))
    lon, lat = lon.ravel(), lat.ravel()
    n = lon.size
    kelurahan = [SERANG if x < 106.15 else CIPARE for x in lon]
    status = ["approved" if i % 3 == 0 else None for i in range(n)]
    return HouseholdPoints.build(np.arange(1, n + 1), lon, lat, kelurahan,
                                 {"status": status, "desil": [1 + i % 10 for i in range(n)]})


def mouse(widget: QWidget, kind: QEvent.Type, pos: QPointF,
          button: Qt.MouseButton = LEFT, buttons: Qt.MouseButton = LEFT,
          modifiers: Qt.KeyboardModifier = NO_MOD) -> None:
    """Send a real mouse event to the widget (QTest cannot hold a button while moving)."""
    global_pos = widget.mapToGlobal(pos.toPoint())
    event = QMouseEvent(kind, pos, QPointF(global_pos), button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def click(widget: QWidget, pos: QPointF, modifiers: Qt.KeyboardModifier = NO_MOD) -> None:
    mouse(widget, QEvent.Type.MouseButtonPress, pos, modifiers=modifiers)
    mouse(widget, QEvent.Type.MouseButtonRelease, pos, buttons=NO_BUTTON, modifiers=modifiers)


def drag(widget: QWidget, path: list[QPointF],
         modifiers: Qt.KeyboardModifier = NO_MOD) -> None:
    mouse(widget, QEvent.Type.MouseButtonPress, path[0], modifiers=modifiers)
    for pos in path[1:]:
        mouse(widget, QEvent.Type.MouseMove, pos, button=NO_BUTTON, modifiers=modifiers)
    mouse(widget, QEvent.Type.MouseButtonRelease, path[-1], buttons=NO_BUTTON,
          modifiers=modifiers)


def wheel(widget: QWidget, pos: QPointF, notches: float) -> None:
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                        QPoint(0, round(120 * notches)), NO_BUTTON, NO_MOD,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def pixel(image: QImage, pos: QPointF) -> QColor:
    return image.pixelColor(round(pos.x()), round(pos.y()))


@pytest.fixture
def canvas(qtbot: QtBot) -> Iterator[MapCanvas]:
    widget = MapCanvas(threaded=False)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_boundaries(region_shapes())
    widget.set_households(grid_points())
    widget.zoom_to_full_extent()
    widget.redraw_now()
    yield widget
    widget.shutdown()


def screen_of(canvas: MapCanvas, household_id: int) -> QPointF:
    pos = canvas.screen_position_of(household_id)
    assert pos is not None
    return pos


def frame(canvas: MapCanvas) -> QImage:
    """What the canvas shows now, as an image."""
    image = QImage(canvas.width(), canvas.height(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    canvas.paint_frame(painter)
    painter.end()
    return image


# ------------------------------------------------------------------ navigation


def test_wheel_zoom_keeps_the_point_under_the_cursor(canvas: MapCanvas) -> None:
    before = canvas.transform()
    anchor = QPointF(200, 150)
    world = before.to_world(anchor.x(), anchor.y())
    wheel(canvas, anchor, 1)
    after = canvas.transform()
    assert after.resolution == pytest.approx(before.resolution / WHEEL_STEP)
    assert after.to_world(anchor.x(), anchor.y()) == pytest.approx(world, abs=1e-6)
    wheel(canvas, anchor, -2)  # two notches out: half the scale of the first step
    assert canvas.transform().resolution == pytest.approx(before.resolution * WHEEL_STEP)
    assert canvas.transform().to_world(anchor.x(), anchor.y()) == pytest.approx(world, abs=1e-6)


def test_drag_moves_the_map_with_the_mouse_and_renders_after_release(
    canvas: MapCanvas, qtbot: QtBot
) -> None:
    before = canvas.transform()
    household = screen_of(canvas, 1)
    start, end = QPointF(300, 300), QPointF(420, 250)
    mouse(canvas, QEvent.Type.MouseButtonPress, start)
    mouse(canvas, QEvent.Type.MouseMove, QPointF(360, 280), button=NO_BUTTON)
    mouse(canvas, QEvent.Type.MouseMove, end, button=NO_BUTTON)
    # While dragging only the cached image moves: nothing is drawn anew.
    assert canvas._images["households"].transform == before
    assert not canvas.is_rendering()
    mouse(canvas, QEvent.Type.MouseButtonRelease, end, buttons=NO_BUTTON)
    after = canvas.transform()
    assert after.center_x == pytest.approx(before.center_x - 120 * before.resolution)
    assert after.center_y == pytest.approx(before.center_y - 50 * before.resolution)
    assert screen_of(canvas, 1).x() == pytest.approx(household.x() + 120)
    assert screen_of(canvas, 1).y() == pytest.approx(household.y() - 50)
    qtbot.waitUntil(lambda: not canvas.is_rendering())
    assert canvas._images["households"].transform == after


def test_a_pan_frame_shows_the_cached_image_shifted(canvas: MapCanvas) -> None:
    target = screen_of(canvas, 1)
    colour_at_household = pixel(frame(canvas), target)
    canvas.pan_by_pixels(37, 21)  # no render: the cached composite is shifted
    shifted = frame(canvas)
    assert pixel(shifted, target + QPointF(37, 21)) == colour_at_household


def test_keyboard_pans_zooms_and_goes_home(canvas: MapCanvas, qtbot: QtBot) -> None:
    home = canvas.transform()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    moved = canvas.transform()
    assert moved.center_x == pytest.approx(home.center_x + 0.25 * 800 * home.resolution)
    qtbot.keyClick(canvas, Qt.Key.Key_Up)
    assert canvas.transform().center_y == pytest.approx(home.center_y
                                                        + 0.25 * 600 * home.resolution)
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.transform().resolution == pytest.approx(home.resolution / 2)
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert canvas.transform() == home


def test_zoom_to_region_and_selection(canvas: MapCanvas) -> None:
    assert canvas.zoom_to_region(CIPARE)
    min_x, min_y, max_x, _max_y = canvas.transform().extent()
    cipare = next(s for s in region_shapes() if s.code == CIPARE).geometry.bounds
    assert min_x <= cipare[0] and max_x >= cipare[2] and min_y <= cipare[1]
    assert max_x - min_x < 2.5 * (cipare[2] - cipare[0])  # zoomed in, not the whole area
    assert not canvas.zoom_to_region("36.73.99.9999")
    canvas.set_selected_ids([1, 2])
    assert canvas.zoom_to_selection()
    for household in (1, 2):
        pos = screen_of(canvas, household)
        assert 0 < pos.x() < 800 and 0 < pos.y() < 600


def test_coordinates_follow_the_mouse(canvas: MapCanvas, qtbot: QtBot) -> None:
    pos = QPointF(123, 456)
    with qtbot.waitSignal(canvas.coordinatesChanged) as signal:
        mouse(canvas, QEvent.Type.MouseMove, pos, button=NO_BUTTON, buttons=NO_BUTTON)
    x, y = canvas.transform().to_world(pos.x(), pos.y())
    lon, lat = from_web_mercator(np.array([x]), np.array([y]))
    assert signal.args == pytest.approx([lon[0], lat[0]])


# ------------------------------------------------------------------ identify and select


def test_identify_at_a_households_position_returns_it(canvas: MapCanvas, qtbot: QtBot) -> None:
    target = screen_of(canvas, 37)
    with qtbot.waitSignal(canvas.householdIdentified) as signal:
        click(canvas, target + QPointF(2, -1))  # a near miss still counts
    assert signal.args == [37]
    with qtbot.waitSignal(canvas.identifyMissed):
        click(canvas, QPointF(5, 5))
    canvas.households.set_visible(False)
    assert canvas.household_at(target) is None  # hidden layers are not hit


def _ids_in(canvas: MapCanvas,
            inside: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> list[int]:
    pts = canvas.households.points
    sx, sy = canvas.transform().to_screen(pts.x, pts.y)
    return pts.ids[inside(sx, sy)].tolist()


def test_rectangle_selection_with_add_and_remove(canvas: MapCanvas, qtbot: QtBot) -> None:
    canvas.set_tool("select_rectangle")
    a, b = QPointF(250, 200), QPointF(450, 420)
    expected = _ids_in(canvas, lambda x, y: (x >= 250) & (x <= 450) & (y >= 200) & (y <= 420))
    assert 4 < len(expected) < 100
    with qtbot.waitSignal(canvas.selectionChanged) as signal:
        drag(canvas, [a, QPointF(350, 300), b])
    assert sorted(signal.args[0]) == sorted(expected)
    assert canvas.selected_ids() == sorted(expected)
    corner = screen_of(canvas, 100)
    with qtbot.waitSignal(canvas.selectionChanged) as signal:
        click(canvas, corner, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(signal.args[0]) == sorted([*expected, 100])
    with qtbot.waitSignal(canvas.selectionChanged) as signal:
        drag(canvas, [a, b], Qt.KeyboardModifier.ControlModifier)
    assert signal.args[0] == [100]
    with qtbot.waitSignal(canvas.selectionChanged) as signal:
        click(canvas, QPointF(3, 3))  # empty map clears
    assert signal.args[0] == []


def test_lasso_selects_what_is_inside_the_outline(canvas: MapCanvas, qtbot: QtBot) -> None:
    canvas.set_tool("select_lasso")
    outline = [QPointF(150, 500), QPointF(650, 500), QPointF(400, 120)]
    triangle = shapely.Polygon([(p.x(), p.y()) for p in outline])
    expected = _ids_in(canvas, lambda x, y: shapely.contains_xy(triangle, x, y))
    assert 4 < len(expected) < 100
    path = [outline[0], outline[1], outline[2], QPointF(160, 495)]
    with qtbot.waitSignal(canvas.selectionChanged) as signal:
        drag(canvas, path)
    assert sorted(signal.args[0]) == sorted(expected)


def test_selection_from_the_register_highlights_without_echo(
    canvas: MapCanvas, qtbot: QtBot
) -> None:
    target = screen_of(canvas, 55)
    with qtbot.assertNotEmitted(canvas.selectionChanged):
        canvas.set_selected_ids([55, 999_999])  # an id without a point is ignored
        canvas.redraw_now()
    assert canvas.selected_ids() == [55]
    # The ring is drawn just outside the household's own marker.
    ring = frame(canvas)
    radius = 3 + 2  # marker radius at this zoom, plus the ring's own width
    found = [pixel(ring, target + QPointF(dx, 0)) for dx in range(-radius - 2, radius + 3)]
    assert SELECTION_COLOUR in found


# ------------------------------------------------------------------ tools


def test_pick_location_emits_the_clicked_coordinates(canvas: MapCanvas, qtbot: QtBot) -> None:
    canvas.start_pick_location()
    pos = QPointF(333, 222)
    with qtbot.waitSignal(canvas.locationPicked) as signal:
        click(canvas, pos)
    x, y = canvas.transform().to_world(pos.x(), pos.y())
    lon, lat = from_web_mercator(np.array([x]), np.array([y]))
    assert signal.args == pytest.approx([lon[0], lat[0]], abs=1e-6)
    assert canvas.tool().name == "browse"  # one click, then back to browsing


def test_pick_location_far_from_indonesia_explains_and_stays_armed(
    canvas: MapCanvas, qtbot: QtBot
) -> None:
    canvas.zoom_to_extent((0.0, 5_000_000.0, 10_000.0, 5_010_000.0))  # France
    canvas.start_pick_location()
    with qtbot.waitSignal(canvas.locationProblem) as signal:
        click(canvas, QPointF(400, 300))
    assert "di luar Indonesia" in signal.args[0]
    assert canvas.tool().name == "pick_location"


def test_pick_location_writes_the_point_into_the_household_form(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    from db.actor import demo_admin
    from db.regions import kota_serang_codes, upsert_codes
    from widgets.household_form import HouseholdForm

    with sqlite_database.write() as session:
        upsert_codes(session, kota_serang_codes())
    with sqlite_database.read() as session:
        actor = demo_admin(session)
    form = HouseholdForm(sqlite_database, actor)
    qtbot.addWidget(form)
    form.set_location_picker(location_picker(region_shapes, grid_points, lambda: form))
    expected: list[float] = []

    def click_in_dialog() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, LocationPickerDialog) and w.isVisible())
        canvas = dialog.canvas
        pos = QPointF(canvas.width() / 2 + 40, canvas.height() / 2 - 30)
        x, y = canvas.transform().to_world(pos.x(), pos.y())
        lon, lat = from_web_mercator(np.array([x]), np.array([y]))
        expected.extend([lon[0], lat[0]])
        click(canvas, pos)

    QTimer.singleShot(200, click_in_dialog)
    form.pick_button.click()  # opens the modal map; the timer clicks in it
    assert expected, "the pick dialog never opened"
    assert float(form.longitude_edit.text()) == pytest.approx(expected[0], abs=2e-6)
    assert float(form.latitude_edit.text()) == pytest.approx(expected[1], abs=2e-6)
    assert form.is_dirty()
    # Back to the loaded (empty) state, so closing the form asks nothing.
    form.longitude_edit.clear()
    form.latitude_edit.clear()
    assert not form.is_dirty()


def test_picker_dialog_opens_on_the_recorded_location(qtbot: QtBot) -> None:
    dialog = LocationPickerDialog(region_shapes(), grid_points(), 106.145, -6.125,
                                  threaded=False)
    qtbot.addWidget(dialog)
    t = dialog.canvas.transform()
    lon, lat = from_web_mercator(np.array([t.center_x]), np.array([t.center_y]))
    assert (lon[0], lat[0]) == pytest.approx((106.145, -6.125), abs=1e-7)
    assert t.resolution < 3
    dialog.reject()
    assert dialog.picked is None


def test_measuring_a_distance_in_metres(canvas: MapCanvas, qtbot: QtBot) -> None:
    canvas.set_tool("measure")
    points = [QPointF(100, 500), QPointF(700, 500), QPointF(700, 100)]
    for pos in points:
        click(canvas, pos)
    with qtbot.waitSignal(canvas.distanceMeasured) as signal:
        mouse(canvas, QEvent.Type.MouseButtonDblClick, points[-1])
    t = canvas.transform()
    world = np.array([t.to_world(p.x(), p.y()) for p in points])
    lon, lat = from_web_mercator(world[:, 0], world[:, 1])
    assert signal.args[0] == pytest.approx(line_length_m(lon.tolist(), lat.tolist()), rel=1e-9)
    # On the ground 600 px are 600 × resolution × cos(latitude) metres.
    first_leg = 600 * t.resolution * math.cos(math.radians(lat[0]))
    assert signal.args[0] > first_leg * 0.99
    with qtbot.waitSignal(canvas.distanceMeasured) as signal:
        qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert signal.args == [0.0]


# ------------------------------------------------------------------ rendering


def test_households_are_drawn_in_their_category_colour(canvas: MapCanvas) -> None:
    approved = canvas.households.style().categories[0]
    assert approved.code == "approved"
    image = frame(canvas)
    assert pixel(image, screen_of(canvas, 1)) == approved.colour  # id 1: index 0 approved
    none = next(c for c in canvas.households.style().categories if c.code is None)
    assert pixel(image, screen_of(canvas, 2)) == none.colour
    canvas.households.set_attribute("desil")
    canvas.redraw_now()
    desil_1 = next(c for c in canvas.households.style().categories if c.code == "1")
    assert pixel(frame(canvas), screen_of(canvas, 1)) == desil_1.colour
    counts = {item.key: item.count for item in canvas.households.legend()}
    assert counts["1"] == 10 and sum(counts.values()) == 100


@pytest.mark.parametrize("width", [0.9, 1.6, 2.4, 3.0, 4.0])
@pytest.mark.parametrize("angle", [0, 30, 45, 90, 135])
def test_outlines_are_as_wide_as_asked_in_every_direction(width: float, angle: int) -> None:
    """A wide outline drawn as shifted hairlines carries the ink of a line ``width`` wide,
    whatever its direction, and lies centred on the path."""
    from PySide6.QtGui import QPainterPath

    from widgets.map.layers import draw_outline

    size = 120
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    path.moveTo(60 - 80 * dx, 60 - 80 * dy)
    path.lineTo(60 + 80 * dx, 60 + 80 * dy)
    draw_outline(painter, path, QColor(0, 0, 0), width)
    painter.end()
    alpha = np.frombuffer(image.constBits(), dtype=np.uint32).reshape(size, size) >> 24
    # Ink across the line, measured well inside the image: coverage per unit of
    # length, i.e. the drawn width. Qt's own hairline is one pixel along the major
    # axis, so a diagonal hairline is thinner by cos 45°; the shifted hairlines overlap
    # at a diagonal and make that up.
    inner = alpha[30:90, 30:90].astype(float) / 255.0
    major = max(abs(dx), abs(dy))
    drawn = inner.sum() / 60.0 * major
    expected = width * major if width <= 1 else width
    assert drawn == pytest.approx(expected, rel=0.3)
    ys, xs = np.nonzero(alpha > 40)
    # Centred: the inked pixels' mean distance from the ideal line is under half a pixel.
    offset = np.mean((xs + 0.5 - 60) * -dy + (ys + 0.5 - 60) * dx)
    assert abs(offset) < 0.5


def test_label_sprites_are_drawn_once_and_placed_like_text(canvas: MapCanvas) -> None:
    from widgets.map import layers

    layers._SPRITES.clear()
    canvas.redraw_now()
    drawn = dict(layers._SPRITES)
    assert any(text == "SERANG" and kecamatan for text, kecamatan, _ in drawn)
    canvas.redraw_now()
    assert all(layers._SPRITES[key][0] is image for key, (image, _) in drawn.items())
    # The label is visible where the region's label point is: dark text pixels there.
    labels = canvas._images["labels"].image
    region = canvas.kecamatan._regions[0]
    at = canvas.transform().to_screen(region.label.x(), region.label.y())
    x, y = int(at[0]), int(at[1])
    patch = [QColor.fromRgba(labels.pixel(x + dx, y + dy)) for dx in range(-20, 21)
             for dy in range(-6, 7)]
    assert any(c.alpha() > 200 and c.lightness() < 100 for c in patch)


def test_crowded_views_switch_to_the_density_grid(qtbot: QtBot) -> None:
    canvas = MapCanvas(threaded=False)
    qtbot.addWidget(canvas)
    canvas.resize(200, 150)
    points = grid_points(40)  # 1,600 points in 200×150 px: well past the threshold
    assert len(points) > DENSITY_THRESHOLD * 200 * 150
    canvas.set_households(points)
    canvas.zoom_to_full_extent()
    assert canvas.households.uses_density(canvas.transform())
    canvas.households.set_mode("points")
    assert not canvas.households.uses_density(canvas.transform())


def test_refresh_requests_coalesce_into_one_render(canvas: MapCanvas, qtbot: QtBot) -> None:
    renders = []
    canvas.renderFinished.connect(lambda: renders.append(1))
    number = canvas._job_number
    for _ in range(25):
        canvas.households.set_attribute("desil")
        canvas.households.set_attribute("status")
        canvas.refresh()
    qtbot.waitUntil(lambda: bool(renders))
    assert canvas._job_number == number + 1
    # Only the layer that changed was drawn again; the boundaries came from the cache.
    assert canvas._images["desa_kelurahan"].revision == canvas.kelurahan.revision


def test_threaded_rendering_delivers_images(qtbot: QtBot) -> None:
    canvas = MapCanvas(threaded=True)
    qtbot.addWidget(canvas)
    canvas.resize(640, 480)
    canvas.show()
    canvas.set_boundaries(region_shapes())
    canvas.set_households(grid_points())
    with qtbot.waitSignal(canvas.renderFinished, timeout=10_000):
        canvas.zoom_to_full_extent()
    assert canvas.wait_for_render()
    assert canvas._images["households"].image is not None
    canvas.shutdown()


def test_opacity_and_visibility_recompose_without_redrawing(canvas: MapCanvas) -> None:
    target = screen_of(canvas, 1)
    drawn = canvas._images["households"]
    canvas.households.set_opacity(0.3)
    faded = pixel(frame(canvas), target)
    assert canvas._images["households"] is drawn
    assert faded != canvas.households.style().categories[0].colour
    canvas.households.set_visible(False)
    assert pixel(frame(canvas), target) != faded


# ------------------------------------------------------------------ layer panel, view, card


def test_layer_panel_controls_visibility_order_opacity_and_style(qtbot: QtBot) -> None:
    view = MapView(threaded=False)
    qtbot.addWidget(view)
    view.set_boundaries(region_shapes())
    view.set_households(grid_points())
    panel = view.panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItem(0).childCount() == 2)  # rebuilt
    top = panel.tree.topLevelItem(0)
    assert top.text(0) == "Households"
    legend = [top.child(i).text(0) for i in range(top.childCount())]
    assert legend == ["Approved by the Camat (34)", "No proposal (66)"]
    item = panel.layer_item("desa_kelurahan")
    item.setCheckState(0, Qt.CheckState.Unchecked)  # the tree is rebuilt after this
    assert not view.canvas.kelurahan.is_visible()
    qtbot.wait(20)
    assert panel.layer_item("desa_kelurahan").checkState(0) == Qt.CheckState.Unchecked
    panel.tree.setCurrentItem(panel.layer_item("households"))
    panel.down_button.click()
    order = [layer.layer_id for layer in view.canvas.layers()]
    assert order.index("households") < order.index("kecamatan")
    panel.opacity.setValue(40)
    assert view.canvas.households.opacity() == pytest.approx(0.4)
    panel.style_combo.setCurrentIndex(2)  # desil
    assert view.canvas.households.attribute() == "desil"
    panel.mode_combo.setCurrentIndex(2)
    assert view.canvas.households.mode() == "density"


def test_the_panel_follows_a_colouring_set_elsewhere(qtbot: QtBot) -> None:
    """The map tab restores the colouring of the last session on the layer itself: the
    panel's legend and combo must show it, not the default."""
    view = MapView(threaded=False)
    qtbot.addWidget(view)
    view.set_households(grid_points())
    panel = view.panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItem(0).childCount() == 2)
    view.canvas.households.set_attribute("desil")
    top = lambda: panel.tree.topLevelItem(0)  # noqa: E731  (the tree is rebuilt)
    qtbot.waitUntil(lambda: top().childCount() == 10)
    assert top().child(0).text(0) == "Desil 1 (10)"
    assert panel.style_combo.currentIndex() == 2


def test_identify_shows_the_card_and_open_form_asks_for_the_household(qtbot: QtBot) -> None:
    view = MapView(threaded=False)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_boundaries(region_shapes())
    view.set_households(grid_points())
    view.canvas.zoom_to_full_extent()
    with qtbot.waitSignal(view.householdIdentified) as signal:
        click(view.canvas, screen_of(view.canvas, 12))
    assert signal.args == [12]
    card = HouseholdCard(12, "3673********0001", "Siti Aminah", "Jl. Mawar", "001", "002",
                         SERANG, "Serang", 2, 4, 106.1441, -6.1270, [("pbi-jk", "submitted")])
    view.show_card(card)
    assert view.card.isVisible()
    assert "Siti Aminah" in view.card.body.text() and "Submitted" in view.card.body.text()
    with qtbot.waitSignal(view.openHouseholdRequested) as signal:
        view.card.open_button.click()
    assert signal.args == [12]
    click(view.canvas, QPointF(3, 3))
    assert not view.card.isVisible()


def test_export_image_has_title_legend_and_the_requested_size(canvas: MapCanvas) -> None:
    from PySide6.QtCore import QSize

    image = canvas.render_image(QSize(900, 700), title="Peta uji")
    assert image.width() == 900 and image.height() > 700
    assert not image.isNull()
    # The title bar is white with dark text; the map below starts with the frame.
    top = [image.pixelColor(x, 14) for x in range(10, 120)]
    assert any(c.lightness() < 100 for c in top)


# ------------------------------------------------------------------ basemaps


def tile_png(colour: QColor) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    image = QImage(TILE_SIZE, TILE_SIZE, QImage.Format.Format_RGB32)
    image.fill(colour)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def tiles_for(canvas: MapCanvas, z: int) -> list[tuple[int, int]]:
    t = canvas.transform()
    min_x, min_y, max_x, max_y = t.extent()
    span = WORLD_WIDTH / (1 << z)
    xs = range(int((min_x + HALF_WORLD) // span), int((max_x + HALF_WORLD) // span) + 1)
    ys = range(int((HALF_WORLD - max_y) // span), int((HALF_WORLD - min_y) // span) + 1)
    return [(x, y) for x in xs for y in ys]


def write_mbtiles(path: Path, canvas: MapCanvas, colour: QColor) -> None:
    z = canvas.transform().tile_zoom()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row "
                 "INTEGER, tile_data BLOB)")
    conn.executemany("INSERT INTO metadata VALUES (?, ?)",
                     [("name", "Uji"), ("format", "png"), ("attribution", "uji")])
    data = tile_png(colour)
    conn.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                     [(z, x, (1 << z) - 1 - y, data) for x, y in tiles_for(canvas, z)])
    conn.commit()
    conn.close()


def write_tile_folder(folder: Path, canvas: MapCanvas, colour: QColor) -> None:
    z = canvas.transform().tile_zoom()
    data = tile_png(colour)
    for x, y in tiles_for(canvas, z):
        target = folder / str(z) / str(x) / f"{y}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def background_pixel(canvas: MapCanvas) -> QColor:
    """A pixel outside the boundaries, where only the basemap (or background) shows."""
    return pixel(frame(canvas), QPointF(4, canvas.height() // 2))


def test_mbtiles_basemap_is_drawn_under_the_map(canvas: MapCanvas, tmp_path: Path) -> None:
    assert not canvas.basemap.is_visible()  # off by default
    teal = QColor(0, 128, 128)
    write_mbtiles(tmp_path / "dasar.mbtiles", canvas, teal)
    assert canvas.set_basemap(str(tmp_path / "dasar.mbtiles"))
    canvas.redraw_now()
    assert background_pixel(canvas) == teal
    assert canvas.basemap.notice() is None
    assert canvas.basemap.legend()[0].label == "Uji (uji)"


def test_tile_folder_basemap(canvas: MapCanvas, tmp_path: Path) -> None:
    olive = QColor(128, 128, 0)
    write_tile_folder(tmp_path / "ubin", canvas, olive)
    assert canvas.set_basemap(str(tmp_path / "ubin"))
    canvas.redraw_now()
    assert background_pixel(canvas) == olive


@pytest.mark.parametrize("kind", ["missing", "corrupt", "not_mbtiles", "empty_folder"])
def test_a_bad_basemap_leaves_the_map_working_with_a_notice(
    canvas: MapCanvas, tmp_path: Path, kind: str
) -> None:
    location = tmp_path / "dasar.mbtiles"
    if kind == "corrupt":
        location.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    elif kind == "not_mbtiles":
        conn = sqlite3.connect(location)
        conn.execute("CREATE TABLE hal (x)")
        conn.close()
    elif kind == "empty_folder":
        location = tmp_path / "kosong"
        location.mkdir()
    households_before = pixel(frame(canvas), screen_of(canvas, 1))
    assert not canvas.set_basemap(str(location))
    canvas.redraw_now()
    notice = canvas.basemap.notice()
    assert notice is not None and "The map works without it" in notice
    assert notice in canvas.notices()
    assert not canvas.basemap.is_visible()
    # Households and boundaries are still drawn exactly as before.
    assert pixel(frame(canvas), screen_of(canvas, 1)) == households_before


def test_damaged_tiles_are_left_out_and_counted(canvas: MapCanvas, tmp_path: Path) -> None:
    folder = tmp_path / "ubin"
    write_tile_folder(folder, canvas, QColor(0, 0, 200))
    broken = next(folder.rglob("*.png"))
    broken.write_bytes(b"not a png")
    assert canvas.set_basemap(str(folder))
    canvas.redraw_now()
    assert "damaged" in (canvas.basemap.notice() or "")
    assert pixel(frame(canvas), screen_of(canvas, 1)).isValid()


class _TileHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        data = self.server.tile  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def tile_server() -> Iterator[http.server.HTTPServer]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _TileHandler)
    server.requests = []  # type: ignore[attr-defined]
    server.tile = tile_png(QColor(150, 0, 150))  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_online_basemap_fetches_into_a_disk_cache_then_works_offline(
    canvas: MapCanvas, tmp_path: Path, tile_server: http.server.HTTPServer, qtbot: QtBot
) -> None:
    port = tile_server.server_address[1]
    url = f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"
    cache = tmp_path / "cache"
    assert canvas.set_basemap(url, str(cache))
    canvas.redraw_now()  # first draw: tiles are requested, none there yet
    source = canvas.basemap.source()
    source.wait_idle()
    qtbot.waitUntil(lambda: len(list(cache.rglob("*.tile"))) >= len(tile_server.requests) > 0)
    canvas.redraw_now()
    assert background_pixel(canvas) == QColor(150, 0, 150)
    fetched = len(tile_server.requests)
    # The office goes offline: a new source on the same cache still draws the tiles.
    tile_server.shutdown()
    assert canvas.set_basemap(url, str(cache))
    canvas.redraw_now()
    assert background_pixel(canvas) == QColor(150, 0, 150)
    assert len(tile_server.requests) == fetched


def test_unreachable_online_basemap_says_so(
    canvas: MapCanvas, tmp_path: Path, qtbot: QtBot
) -> None:
    with socket_closed_port() as port:
        url = f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"
        assert canvas.set_basemap(url, str(tmp_path / "cache"))
        canvas.redraw_now()
        canvas.basemap.source().wait_idle()
        qtbot.waitUntil(lambda: canvas.basemap.notice() is not None, timeout=10_000)
    assert "cannot be reached" in canvas.basemap.notice()
    from widgets.map.basemap import BasemapError, OnlineTileSource

    with pytest.raises(BasemapError, match="http"):
        OnlineTileSource("ftp://peta/{z}/{x}/{y}", tmp_path)


class socket_closed_port:
    """A local port nothing listens on (bound, then closed)."""

    def __enter__(self) -> int:
        import socket

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        return self.port

    def __exit__(self, *_exc: object) -> None:
        pass



# ------------------------------------------------------------------ in the main window


@pytest.fixture
def main_window(qtbot: QtBot, sqlite_database: Database, tmp_path: Path
                ) -> Iterator[MainWindow]:
    from PySide6.QtCore import QSettings

    from db.actor import demo_admin
    from db.demo import generate
    from desktop import app, ops

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "config"))
    previous = ops.set_executor(ops.SynchronousExecutor())
    with sqlite_database.read() as session:
        actor = demo_admin(session)
    generate(sqlite_database, actor, 300, seed=11)
    settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
    window = app.build_main_window(sqlite_database, actor, settings=settings)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    yield window
    window.map.view.canvas.shutdown()
    ops.set_executor(previous)


def test_map_tab_loads_when_shown_and_the_spatial_check_shows_its_finding(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    from widgets.map.spatial_report import SpatialReportDialog

    controller = main_window.map
    assert controller.data is None  # nothing read until the tab is shown
    main_window.tabs.setCurrentWidget(controller.view)
    assert controller.data is not None and len(controller.data.points) == 300
    assert len(controller.view.canvas.households.points) == 300
    controller.check_action.trigger()
    dialog = controller.last_dialog
    assert isinstance(dialog, SpatialReportDialog)
    kinds = [f.kind for f in dialog.report.findings]
    assert kinds.count("wrong_kelurahan") == 1
    row = kinds.index("wrong_kelurahan")
    dialog.table.selectRow(row)
    dialog.show_button.click()
    assert controller.view.canvas.selected_ids() == [dialog.report.findings[row].household_id]
    dialog.close()


def test_boundary_file_import_goes_through_the_preview(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shapefile as pyshp
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from db.boundaries import KELURAHAN, boundary_sources
    from widgets.map.import_dialog import BoundaryImportDialog

    shp = tmp_path / "kel.shp"
    with pyshp.Writer(str(shp), shapeType=pyshp.POLYGON) as writer:
        writer.field("KODE", "C", 20)
        writer.poly([[[106.14, -6.12], [106.15, -6.12], [106.15, -6.13], [106.14, -6.13],
                      [106.14, -6.12]]])
        writer.record("3673011001")
    # No .prj: the controller asks for the CRS; the operator accepts the suggestion.
    asked = []

    def answer(*_args: object, **kwargs: str) -> tuple[str | None, bool]:
        asked.append(kwargs.get("text"))
        return kwargs.get("text"), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    controller = main_window.map
    controller.import_boundaries_from(shp)
    assert asked == ["EPSG:4326"]  # suggested, since the numbers are degrees
    dialog = controller.last_dialog
    assert isinstance(dialog, BoundaryImportDialog)
    assert dialog.code_combo.currentText() == "KODE"
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "36.73.01.1001"
    shown = []
    QTimer.singleShot(0, lambda: [shown.append(w.text()) or w.accept()
                                  for w in QApplication.topLevelWidgets()
                                  if isinstance(w, QMessageBox) and w.isVisible()])
    dialog.import_button.click()
    assert shown and "kel.shp" in shown[0]
    with main_window.database.read() as session:
        assert boundary_sources(session, KELURAHAN)["36.73.01.1001"] == "import:kel.shp"


def test_register_and_map_selections_follow_each_other(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    controller = main_window.map
    qtbot.waitUntil(lambda: controller.register_view is not None)
    register = controller.register_view
    main_window.tabs.setCurrentWidget(controller.view)
    qtbot.waitUntil(lambda: register.model.rowCount() > 5)
    picked = register.model.household_id(3)
    assert register.select_household(picked)
    assert controller.view.canvas.selected_ids() == [picked]
    other = register.model.household_id(5)
    canvas = controller.view.canvas
    canvas.set_tool("select_rectangle")
    click(canvas, screen_of(canvas, other))
    assert register.selected_household() == other
    # A box of several households: the register shows the first, the map keeps them all.
    drag(canvas, [QPointF(0, 0), QPointF(canvas.width(), canvas.height())])
    assert len(canvas.selected_ids()) == 300
    assert register.selected_household() == canvas.selected_ids()[0]
    # The map's own import sits right after the GeoJSON import in the Data menu.
    actions = main_window.menus["data"].actions()
    assert actions.index(controller.import_action) == actions.index(
        main_window.import_boundaries_action) + 1


def test_the_density_image_overwrites_every_pixel_of_a_recycled_image(qtbot: QtBot) -> None:
    """cells_image takes a pooled image without clearing it: leftovers of an earlier
    drawing must not show through, also along a partial last row and column of cells."""
    from widgets.map import raster

    used = raster.POOL.take(103, 45)
    used.fill(QColor(255, 0, 0))
    raster.POOL.give(used)
    cells = np.arange(1, 6 * 13 + 1, dtype=np.uint32).reshape(6, 13) | np.uint32(0xFF000000)
    image = raster.cells_image(cells, 8, 103, 45)
    assert image is used  # the recycled one, as in a real redraw
    pixels = raster.pixels_of(image)
    expected = np.repeat(np.repeat(cells, 8, axis=0), 8, axis=1)[:45, :103]
    assert np.array_equal(pixels, expected)


def test_the_identify_card_is_an_audited_view_of_personal_data(
    main_window: MainWindow, sqlite_database: Database
) -> None:
    import sqlalchemy as sa

    from db.models import AuditEvent

    controller = main_window.map
    main_window.tabs.setCurrentWidget(controller.view)
    household = int(controller.data.points.ids[0])
    controller.show_card(household)
    assert controller.view.card.isVisible()
    with sqlite_database.read() as session:
        views = session.execute(sa.select(AuditEvent.entity_id, AuditEvent.reason).where(
            AuditEvent.action == "view", AuditEvent.entity == "household")).all()
    assert [(v.entity_id, v.reason) for v in views] == [(str(household), "map card")]
