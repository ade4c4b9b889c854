"""What the map's selection leads to: its rows read in chunks (SQLite and PostgreSQL), the
Selection menu and right-click menu, the list of selected households (masked No. KK,
opening a form, marking rows on the map), the bulk actions other parts register (new
proposals, field checklists), and the legend entry that explains the density grid."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db import spatial, users
from db.actor import Actor, demo_admin, load_actor
from db.demo import generate
from db.engine import Database
from db.errors import PermissionDenied
from db.models import Household, Period, Program, Proposal
from desktop import app
from desktop.mainwindow import MainWindow
from tests.test_map_canvas import drag, grid_points, mouse, region_shapes
from tests.test_spatial import CIPARE, KASEMEN, SERANG, _household, _seed_regions
from widgets.map.canvas import MapCanvas
from widgets.map.export import render_map
from widgets.map.layers import DENSITY_THRESHOLD
from widgets.map.selection_list import COLUMNS, SelectionListDialog
from widgets.map.view import MapView

RIGHT = Qt.MouseButton.RightButton
gui = pytest.mark.gui


# ------------------------------------------------------------------ the rows (no Qt)


def test_household_rows_are_masked_scoped_in_order_and_chunked(
    database: Database, actor: Actor
) -> None:
    _seed_regions(database)
    with database.write() as session:
        a = _household(session, 1, SERANG, 106.15, -6.12, head="Siti Aminah", desil=2)
        b = _household(session, 2, CIPARE, 106.16, -6.13, head="Budi Santoso", desil=None)
        c = _household(session, 3, KASEMEN, None, None, head="Ujang")
        pbi = session.scalars(select(Program).filter_by(code="pbi-jk")).one()
        period = Period(program_id=pbi.id, name="PBI 2025", year=2025)
        session.add(period)
        session.flush()
        session.add_all([
            Proposal(program_id=pbi.id, period_id=period.id, household_id=a.id, state="draft"),
            Proposal(program_id=pbi.id, period_id=period.id, household_id=a.id,
                     state="submitted"),
        ])
        ids = {"a": a.id, "b": b.id, "c": c.id}
        kk = {"a": a.no_kk, "b": b.no_kk}

    with database.read() as session:
        rows = spatial.household_rows(session, actor, [ids["b"], ids["a"], 999_999, ids["c"]])
        assert [r.household_id for r in rows] == [ids["b"], ids["a"], ids["c"]]
        row_a = rows[1]
        assert (row_a.no_kk, row_a.head_name, row_a.kelurahan_name, row_a.rt, row_a.rw,
                row_a.desil) == (kk["a"], "Siti Aminah", "Serang", "001", "002", 2)
        assert (row_a.program, row_a.state) == ("pbi-jk", "submitted")  # the latest one
        assert (rows[0].program, rows[0].state, rows[0].desil) == (None, None, None)

        reviewer = Actor(actor.user_id, "peninjau", frozenset({"reviewer"}))
        masked = spatial.household_rows(session, reviewer, [ids["a"], ids["b"]])
        assert [r.no_kk != kk[k] and "*" in r.no_kk for r, k in zip(masked, "ab")] == [
            True, True]
        kasemen_only = Actor(actor.user_id, actor.username, actor.roles,
                             frozenset({"36.73.02"}))
        scoped = spatial.household_rows(session, kasemen_only, list(ids.values()))
        assert [r.household_id for r in scoped] == [ids["c"]]
        with pytest.raises(PermissionDenied):
            spatial.household_rows(session, Actor(actor.user_id, "tamu"), [ids["a"]])

        # More ids than PostgreSQL takes in one statement (65,535 parameters), and SQLite
        # held to the 999 bound variables its older builds allow: only chunked reads pass.
        many = list(range(10_000_000, 10_070_000)) + [ids["a"]]
        progress: list[tuple[int, int]] = []
        raw = session.connection().connection.driver_connection
        limited = isinstance(raw, sqlite3.Connection)
        if limited:
            before = raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        try:
            found = spatial.household_rows(session, actor, many,
                                           progress=lambda done, total: progress.append(
                                               (done, total)))
        finally:
            if limited:
                raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, before)
        assert [r.household_id for r in found] == [ids["a"]]
        assert len(progress) == math.ceil(len(many) / spatial.ROW_CHUNK)
        assert progress[-1] == (len(many), len(many))
        assert spatial.household_rows(session, actor, many, cancelled=lambda: True) == []


# ------------------------------------------------------------------ the map view alone


@pytest.fixture
def view(qtbot: QtBot, gui_isolated: None) -> Iterator[MapView]:
    widget = MapView(threaded=False)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_boundaries(region_shapes())
    widget.set_households(grid_points())
    widget.canvas.zoom_to_full_extent()
    widget.canvas.redraw_now()
    yield widget
    widget.canvas.shutdown()


@gui
def test_selection_menu_follows_the_selection_and_the_right_click(
    view: MapView, qtbot: QtBot
) -> None:
    canvas = view.canvas
    bulk = []
    extra = QAction(view)  # what another part of the application adds
    extra.setText("Uji massal")
    extra.triggered.connect(lambda: bulk.append(canvas.selected_ids()))
    view.add_selection_action(extra)
    menu = view.selection_menu
    assert view.selection_button.menu() is menu
    assert extra in menu.actions()
    assert not any(a.isEnabled() for a in view.selection_actions())
    assert view.selection_button.text() == "Pilihan"

    canvas.set_tool("select_rectangle")
    drag(canvas, [QPointF(0, 0), QPointF(canvas.width() / 2, canvas.height() / 2),
                  QPointF(canvas.width(), canvas.height())])
    assert len(canvas.selected_ids()) == 100
    assert all(a.isEnabled() for a in view.selection_actions())
    assert view.selection_button.text() == "Pilihan (100)"
    assert view.selection_header.text() == "100 keluarga dipilih"
    extra.trigger()
    assert bulk == [list(range(1, 101))]

    # A right click opens the same menu...
    QApplication.sendEvent(canvas, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(50, 50), canvas.mapToGlobal(QPoint(50, 50))))
    assert menu.isVisible()
    menu.hide()
    # ...except the one that ends a measured line.
    canvas.set_tool("measure")
    for x in (100, 300):
        mouse(canvas, QEvent.Type.MouseButtonPress, QPointF(x, 200))
        mouse(canvas, QEvent.Type.MouseButtonRelease, QPointF(x, 200),
              buttons=Qt.MouseButton.NoButton)
    mouse(canvas, QEvent.Type.MouseButtonPress, QPointF(300, 200), button=RIGHT, buttons=RIGHT)
    QApplication.sendEvent(canvas, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(300, 200), canvas.mapToGlobal(QPoint(300, 200))))
    assert canvas.tool().finished and not menu.isVisible()

    view.clear_selection_action.trigger()
    assert canvas.selected_ids() == []
    assert not any(a.isEnabled() for a in view.selection_actions())


def _legend_lines(view: MapView) -> list[str]:
    item = view.panel.layer_item("households")
    assert item is not None
    return [item.child(i).text(0) for i in range(item.childCount())]


def _exported_legend_height(view: MapView) -> int:
    """How many pixel rows the legend covers in the exported image of the view: where it
    differs from the same export drawn without a legend."""
    with_legend = view.export_image(title="Uji")
    without = render_map(view.canvas.render_layers(), view.canvas.transform(), title="Uji",
                         legend=False)
    assert with_legend.size() == without.size()

    def pixels(image: QImage) -> np.ndarray:
        image = image.convertToFormat(QImage.Format.Format_ARGB32)
        return np.frombuffer(image.constBits(), np.uint8).reshape(
            image.height(), image.bytesPerLine()).copy()  # the image goes on return

    rows = np.flatnonzero((pixels(with_legend) != pixels(without)).any(axis=1))
    return int(rows[-1] - rows[0] + 1) if rows.size else 0


@gui
def test_density_grid_is_explained_in_the_legend_only_while_it_is_drawn(
    qtbot: QtBot, gui_isolated: None
) -> None:
    view = MapView(threaded=False)
    qtbot.addWidget(view)
    view.resize(700, 450)
    view.show()
    qtbot.waitExposed(view)
    canvas = view.canvas
    points = grid_points(60)
    assert len(points) > DENSITY_THRESHOLD * canvas.width() * canvas.height()
    view.set_boundaries(region_shapes())
    view.set_households(points)
    canvas.zoom_to_full_extent()
    canvas.redraw_now()
    assert canvas.households.uses_density(canvas.transform())
    qtbot.waitUntil(lambda: any("Grid kepadatan" in t for t in _legend_lines(view)))
    assert _legend_lines(view)[-3:] == [
        "Grid kepadatan: satu kotak per 8 × 8 piksel",
        "Warna lebih pekat: lebih banyak keluarga",
        "Warna: kategori teratas dalam daftar ini di antara keluarga di kotak itu"]
    crowded = _exported_legend_height(view)

    canvas.zoom_by(16)
    canvas.redraw_now()
    assert not canvas.households.uses_density(canvas.transform())
    qtbot.waitUntil(lambda: not any("Grid kepadatan" in t for t in _legend_lines(view)))
    assert len(_legend_lines(view)) == 2  # the two categories, nothing else
    markers = _exported_legend_height(view)
    # The exported legend carries the three lines while the grid is drawn, and not after.
    assert markers > 60 and crowded - markers > 3 * 12
    canvas.shutdown()


# ------------------------------------------------------------------ in the main window


@pytest.fixture
def office(sqlite_database: Database) -> Database:
    """The demo register (300 households) and a reviewer, who may not see full numbers."""
    with sqlite_database.read() as session:
        admin = demo_admin(session)
    generate(sqlite_database, admin, 300, seed=11)
    with sqlite_database.write() as session:
        users.add_user(session, admin, "peninjau", "Rahasia-Kantor-2025", roles=["reviewer"])
    return sqlite_database


def _window(qtbot: QtBot, database: Database, actor: Actor, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
    window = app.build_main_window(database, actor, settings=settings)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    window.tabs.setCurrentWidget(window.map.view)
    window.map.view.canvas.redraw_now()
    return window


def _box_select(canvas: MapCanvas, rect: QRectF) -> list[int]:
    """Drag a box with the rectangle tool; returns the ids drawn inside it."""
    canvas.set_tool("select_rectangle")
    drag(canvas, [rect.topLeft(), rect.center(), rect.bottomRight()])
    pts = canvas.households.points
    sx, sy = canvas.transform().to_screen(pts.x, pts.y)
    inside = ((sx >= rect.left()) & (sx <= rect.right()) & (sy >= rect.top())
              & (sy <= rect.bottom()))
    return sorted(int(i) for i in pts.ids[inside])


def _central_box(canvas: MapCanvas) -> QRectF:
    return QRectF(canvas.width() * 0.3, canvas.height() * 0.3, canvas.width() * 0.25,
                  canvas.height() * 0.25)


@gui
def test_list_of_a_box_selection_masks_opens_and_marks_on_the_map(
    qtbot: QtBot, gui_isolated: None, office: Database, tmp_path: Path
) -> None:
    with office.read() as session:
        reviewer = load_actor(session, "peninjau")
    window = _window(qtbot, office, reviewer, tmp_path)
    view = window.map.view
    canvas = view.canvas
    expected = _box_select(canvas, _central_box(canvas))
    assert 3 <= len(expected) < 300
    assert canvas.selected_ids() == expected
    # A reviewer may not create proposals: that bulk action is not offered.
    names = [a.objectName() for a in view.selection_menu.actions()]
    assert "mapSelectionProposalsAction" not in names
    assert "mapListSelectionAction" in names

    view.list_selection_action.trigger()
    dialog = window.map.selection_list
    assert isinstance(dialog, SelectionListDialog) and dialog.isVisible()
    assert sorted(dialog.household_ids()) == expected
    assert dialog.windowTitle() == f"Keluarga terpilih ({len(expected)})"
    with office.read() as session:
        full = dict(session.execute(select(Household.id, Household.no_kk)
                                    .where(Household.id.in_(expected))).all())
    model = dialog.model
    kk_column = COLUMNS.index("no_kk")
    shown = {model.household_id(r): model.index(r, kk_column).data()
             for r in range(model.rowCount())}
    assert all("*" in shown[i] and shown[i] != full[i] for i in expected)
    assert model.headerData(kk_column, Qt.Orientation.Horizontal) == "No. KK"

    # Sorting by desil keeps every household's row together.
    desil = COLUMNS.index("desil")
    dialog.table.sortByColumn(desil, Qt.SortOrder.DescendingOrder)
    values = [model.row_at(r).desil for r in range(model.rowCount())]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=True)
    assert {model.household_id(r): model.index(r, kk_column).data()
            for r in range(model.rowCount())} == shown

    # Picking rows marks them on the map without changing the selection.
    dialog.table.selectRow(1)
    picked = model.household_id(1)
    assert canvas.focus_ids() == [picked]
    assert canvas.selected_ids() == expected

    # A double-click opens that household's form.
    # (QTest's double click is the second click only: the first comes before it.)
    rect = dialog.table.visualRect(model.index(2, 1))
    for send in (QTest.mouseClick, QTest.mouseDClick):
        send(dialog.table.viewport(), Qt.MouseButton.LeftButton,
             Qt.KeyboardModifier.NoModifier, rect.center())
    register = window.findChild(QObject, "registerController")
    assert list(register.forms) == [model.household_id(2)]
    # So does Enter on the current row.
    dialog.table.setCurrentIndex(model.index(0, 0))
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    assert sorted(register.forms) == sorted({model.household_id(2), model.household_id(0)})
    assert dialog.isVisible()

    # The list follows the map's selection while it is open; closing it clears the marks.
    view.clear_selection_action.trigger()
    assert dialog.household_ids() == [] and dialog.windowTitle() == "Keluarga terpilih (0)"
    dialog.table.clearSelection()
    expected = _box_select(canvas, _central_box(canvas))
    assert sorted(dialog.household_ids()) == expected
    dialog.table.selectRow(0)
    assert canvas.focus_ids()
    dialog.reject()
    assert canvas.focus_ids() == []
    window.map.view.canvas.shutdown()


@gui
def test_new_proposals_for_the_selection_open_the_intake_with_their_kks(
    qtbot: QtBot, gui_isolated: None, office: Database, tmp_path: Path
) -> None:
    with office.read() as session:
        admin = demo_admin(session)
    assert admin.can("proposal.create")
    window = _window(qtbot, office, admin, tmp_path)
    view = window.map.view
    canvas = view.canvas
    action = window.queue.selection_action
    assert action in view.selection_menu.actions()
    assert action.text() == "Usulan baru untuk pilihan…"
    assert not action.isEnabled()

    expected = _box_select(canvas, _central_box(canvas))
    assert expected and action.isEnabled()
    action.trigger()
    intake = next(d for d in window.queue.widget.findChildren(QDialog)
                  if d.objectName() == "intakeDialog" and d.isVisible())
    with office.read() as session:
        kks = set(session.scalars(select(Household.no_kk).where(Household.id.in_(expected))))
    assert set(intake.numbers.toPlainText().split()) == kks
    assert window.tabs.currentWidget() is window.queue.widget
    intake.reject()
    window.map.view.canvas.shutdown()


@gui
def test_field_checklists_for_the_selection_one_file_per_kelurahan(
    qtbot: QtBot, gui_isolated: None, office: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    with office.read() as session:
        admin = demo_admin(session)
        waiting = session.execute(
            select(Household.id, Household.kelurahan_code)
            .join(Proposal, Proposal.household_id == Household.id)
            .where(Proposal.state.in_(("submitted", "in_field")))).all()
    window = _window(qtbot, office, admin, tmp_path)
    canvas = window.map.view.canvas
    action = next(a for a in window.map.view.selection_menu.actions()
                  if a.objectName() == "mapSelectionChecklistAction")
    folder = tmp_path / "daftar"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_args, **_kw: str(folder)))
    drag_all = QRectF(0, 0, canvas.width(), canvas.height())
    selected = _box_select(canvas, drag_all)
    kelurahan = {code for hid, code in waiting if hid in set(selected)}
    assert len(kelurahan) > 1
    action.trigger()
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(f for f in files if f.startswith("daftar-periksa-"))
    assert {f.split("-")[2] for f in files} == kelurahan
    assert all((folder / f).read_bytes().startswith(b"%PDF") for f in files)
    assert f"{len(kelurahan)} kelurahan" in window.statusBar().currentMessage()
    window.map.view.canvas.shutdown()


@gui
def test_a_selection_in_one_kelurahan_is_previewed(
    qtbot: QtBot, gui_isolated: None, office: Database, tmp_path: Path
) -> None:
    from desktop.letters import PreviewDialog

    with office.read() as session:
        admin = demo_admin(session)
        hid = session.scalar(select(Proposal.household_id)
                             .where(Proposal.state == "in_field").order_by(Proposal.id))
    window = _window(qtbot, office, admin, tmp_path)
    window.map.view.highlight([hid])
    letters = window.findChild(QObject, "lettersController")
    letters.selection_checklist_action.trigger()
    dialog = letters.last_dialog
    assert isinstance(dialog, PreviewDialog)
    assert "1 keluarga" in dialog.summary.text()
    dialog.close()
    window.map.view.canvas.shutdown()


@gui
def test_the_selection_can_be_exported_alone(
    qtbot: QtBot, gui_isolated: None, office: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop import dialogs
    from desktop.imports import ExportDialog

    told: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda _parent, _title, text, **_kw: told.append(text))

    with office.read() as session:
        admin = demo_admin(session)
    window = _window(qtbot, office, admin, tmp_path)
    view = window.map.view
    action = next(a for a in view.selection_menu.actions()
                  if a.objectName() == "mapExportSelectionAction")
    assert action.text() == "Ekspor pilihan…" and not action.isEnabled()
    expected = _box_select(view.canvas, _central_box(view.canvas))
    assert expected and action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ExportDialog)),
                    timeout=10_000)
    dialog = next(d for d in window.findChildren(ExportDialog) if d.isVisible())
    assert dialog.export_filter().household_ids == frozenset(expected)
    assert dialog.selection_note.isVisible()
    assert f"{len(expected)} keluarga" in dialog.selection_note.text()
    dialog.path_edit.setText(str(tmp_path / "pilihan.csv"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    lines = (tmp_path / "pilihan.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == len(expected) + 1
    assert told == [f"{len(expected)} baris diekspor ke pilihan.csv."]
    window.map.view.canvas.shutdown()
