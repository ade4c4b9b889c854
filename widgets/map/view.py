"""The map view: the canvas with its toolbar, layer panel, household card and status line.

Everything the operator does here goes out as signals (a household identified, the
selection changed, a location picked, an export asked for); the application decides what
to load and where to save, so the view stays usable alone and in tests.

The Selection menu (a toolbar button, and the canvas's right-click menu) lists, zooms to
and clears the households selected on the map, and offers the bulk actions other parts of
the application register with :meth:`MapView.add_selection_action`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QImage
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from db.spatial import HouseholdCard, HouseholdPoints, PointIndex, RegionShape
from widgets.map.canvas import MapCanvas
from widgets.map.card import HouseholdCardWidget
from widgets.map.panel import LayerPanel
from widgets.map.tools import format_distance
from widgets.map.transform import MapTransform

_TOOLS = ("browse", "select_rectangle", "select_lasso", "measure")


class MapView(QWidget):
    """Canvas, toolbar, layer panel and status line, ready to put in a tab."""

    householdIdentified = Signal(int)  # load the card and call show_card()
    openHouseholdRequested = Signal(int)  # "Open form" on the card
    selectionChanged = Signal(list)  # household ids selected on the map
    locationPicked = Signal(float, float)
    exportRequested = Signal()
    listSelectionRequested = Signal()  # "List selected households…" in the Selection menu

    def __init__(self, parent: QWidget | None = None, *, threaded: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.canvas = MapCanvas(self, threaded=threaded)
        self.panel = LayerPanel(self.canvas, self)
        self.card = HouseholdCardWidget(self.canvas)
        self.card.openRequested.connect(self.openHouseholdRequested)
        self._last_click = QPointF()

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mapToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tool_group = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
        for name in _TOOLS:
            action = QAction(self)
            action.setCheckable(True)
            action.setObjectName(f"mapTool_{name}")
            action.triggered.connect(lambda _checked=False, n=name: self.canvas.set_tool(n))
            self.tool_group.addAction(action)
            self.toolbar.addAction(action)
            self.tool_actions[name] = action
        self.tool_actions["browse"].setChecked(True)
        self._build_selection_menu()
        self.toolbar.addWidget(self.selection_button)
        self.toolbar.addSeparator()
        self.zoom_in_action = QAction(self, triggered=lambda: self.canvas.zoom_by(2.0))
        self.zoom_out_action = QAction(self, triggered=lambda: self.canvas.zoom_by(0.5))
        self.full_extent_action = QAction(self, triggered=self.canvas.zoom_to_full_extent)
        self.export_action = QAction(self, triggered=lambda: self.exportRequested.emit())
        for action in (self.zoom_in_action, self.zoom_out_action, self.full_extent_action):
            self.toolbar.addAction(action)
        self.region_combo = QComboBox(self)
        self.region_combo.setObjectName("mapRegionCombo")
        self.region_combo.setMinimumContentsLength(18)
        self.region_combo.activated.connect(self._on_region_chosen)
        self.toolbar.addWidget(self.region_combo)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_action)

        self.coordinates_label = QLabel(self)
        self.coordinates_label.setObjectName("mapCoordinates")
        self.scale_label = QLabel(self)
        self.selection_label = QLabel(self)
        self.measure_label = QLabel(self)
        status = QHBoxLayout()
        status.setContentsMargins(6, 2, 6, 2)
        status.setSpacing(18)
        status.addWidget(self.coordinates_label)
        status.addStretch(1)
        status.addWidget(self.measure_label)
        status.addWidget(self.selection_label)
        status.addWidget(self.scale_label)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addLayout(status)

        c = self.canvas
        c.coordinatesChanged.connect(self._show_coordinates)
        c.viewChanged.connect(self._show_scale)
        c.householdIdentified.connect(self._on_identified)
        c.identifyMissed.connect(self.card.dismiss)
        c.selectionChanged.connect(self._on_selection)
        c.selectionChanged.connect(self.selectionChanged)
        c.locationPicked.connect(self.locationPicked)
        c.distanceMeasured.connect(self._show_distance)
        c.toolChanged.connect(self._on_tool_changed)
        c.layersChanged.connect(self._fill_regions)
        c.selection.changed.connect(self._show_selection_count)
        c.contextMenuWanted.connect(self.selection_menu.popup)
        self.translateUI()

    def _build_selection_menu(self) -> None:
        self.selection_menu = QMenu(self)
        self.selection_menu.setObjectName("mapSelectionMenu")
        # The count heads the menu, so each action can keep a short name.
        self.selection_header = QLabel(self.selection_menu)
        self.selection_header.setObjectName("mapSelectionHeader")
        self.selection_header.setContentsMargins(10, 5, 10, 5)
        font = self.selection_header.font()
        font.setBold(True)
        self.selection_header.setFont(font)
        header = QWidgetAction(self.selection_menu)
        header.setDefaultWidget(self.selection_header)
        self.selection_menu.addAction(header)
        self.selection_menu.addSeparator()
        self.list_selection_action = QAction(
            self, triggered=lambda: self.listSelectionRequested.emit())
        self.list_selection_action.setObjectName("mapListSelectionAction")
        self.zoom_selection_action = QAction(self, triggered=self.canvas.zoom_to_selection)
        self.zoom_selection_action.setObjectName("mapZoomSelectionAction")
        self.clear_selection_action = QAction(self, triggered=self.canvas.clear_selection)
        self.clear_selection_action.setObjectName("mapClearSelectionAction")
        for action in (self.list_selection_action, self.zoom_selection_action,
                       self.clear_selection_action):
            self.selection_menu.addAction(action)
        self._bulk_separator = self.selection_menu.addSeparator()
        self._bulk_separator.setVisible(False)
        self._bulk_actions: list[QAction] = []
        self.selection_button = QToolButton(self)
        self.selection_button.setObjectName("mapSelectionButton")
        self.selection_button.setMenu(self.selection_menu)
        self.selection_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.selection_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def add_selection_action(self, action: QAction) -> None:
        """Offer ``action`` in the Selection menu and the map's right-click menu.

        For bulk work on the households selected on the map: the action is enabled only
        while some are selected, and its slot reads them with ``canvas.selected_ids()``.
        The caller keeps the text (and its translation) up to date.
        """
        self.selection_menu.addAction(action)
        self._bulk_actions.append(action)
        self._bulk_separator.setVisible(True)
        self._show_selection_count()

    def selection_actions(self) -> list[QAction]:
        """Everything the Selection menu offers, top to bottom (without the header)."""
        return [self.list_selection_action, self.zoom_selection_action,
                self.clear_selection_action, *self._bulk_actions]

    # ------------------------------------------------------------------ data in

    def set_boundaries(self, shapes: Sequence[RegionShape]) -> None:
        self.canvas.set_boundaries(shapes)

    def set_households(self, points: HouseholdPoints, index: PointIndex | None = None) -> None:
        self.canvas.set_households(points, index)
        self._show_selection_count()

    def highlight(self, ids: Sequence[int]) -> None:
        """Show households selected elsewhere (the register, the queue); emits nothing."""
        self.canvas.set_selected_ids(ids)
        self._show_selection_count()

    def focus_households(self, ids: Sequence[int]) -> None:
        """Mark the households picked in the selection's list, bringing them into view
        when they lie outside it; emits nothing."""
        self.canvas.set_focus_ids(ids)
        extent = self.canvas.focus.extent()
        if extent is None:
            return
        view = self.canvas.transform()
        shown = view.extent()
        if (extent[0] >= shown[0] and extent[1] >= shown[1] and extent[2] <= shown[2]
                and extent[3] <= shown[3]):
            return
        if (extent[2] - extent[0] < 0.8 * (shown[2] - shown[0])
                and extent[3] - extent[1] < 0.8 * (shown[3] - shown[1])):
            # They fit at this zoom: move the map only, the operator chose the scale.
            self.canvas.set_transform(MapTransform(
                (extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2, view.resolution,
                view.width, view.height))
        else:
            self.canvas.zoom_to_extent(extent, margin=0.15)

    def show_card(self, card: HouseholdCard) -> None:
        """Show the identify card next to where the operator clicked."""
        self.card.show_card(card)
        at = self._last_click.toPoint() + QPoint(14, 14)
        room = self.canvas.rect().adjusted(4, 4, -self.card.width() - 4,
                                           -self.card.height() - 4)
        at.setX(min(max(at.x(), room.left()), max(room.right(), room.left())))
        at.setY(min(max(at.y(), room.top()), max(room.bottom(), room.top())))
        self.card.move(at)

    def pick_location(self) -> None:
        """Arm pick-location: the next click on the map emits :attr:`locationPicked`."""
        self.canvas.start_pick_location()

    def export_image(self, size: QSize | None = None, *, title: str,
                     subtitle: str | None = None) -> QImage:
        """The current view with legend, scale bar and title as an image."""
        return self.canvas.render_image(size, title=title, subtitle=subtitle)

    # ------------------------------------------------------------------ reactions

    def _on_identified(self, household_id: int) -> None:
        pos = self.canvas.screen_position_of(household_id)
        self._last_click = pos if pos is not None else QPointF()
        self.householdIdentified.emit(household_id)

    def _on_selection(self, _ids: list) -> None:
        self._show_selection_count()

    def _on_tool_changed(self, name: str) -> None:
        action = self.tool_actions.get(name)
        if action is not None:
            action.setChecked(True)
        if name != "measure":
            self.measure_label.clear()

    def _on_region_chosen(self, index: int) -> None:
        code = self.region_combo.itemData(index)
        if code:
            self.canvas.zoom_to_region(code)
        else:
            self.canvas.kelurahan.set_highlight(None)
            self.canvas.kecamatan.set_highlight(None)
            self.canvas.zoom_to_full_extent()

    def _fill_regions(self) -> None:
        current = self.region_combo.currentData()
        regions = self.canvas.kecamatan.codes() + self.canvas.kelurahan.codes()
        wanted = [(None, self.tr("Whole area"))] + [
            (code, self.tr("Kec. {name}").format(name=name) if code.count(".") == 2
             else f"{name} ({code})")
            for code, name in sorted(regions)
        ]
        existing = [(self.region_combo.itemData(i), self.region_combo.itemText(i))
                    for i in range(self.region_combo.count())]
        if existing == wanted:
            return
        self.region_combo.blockSignals(True)
        self.region_combo.clear()
        for code, label in wanted:
            self.region_combo.addItem(label, code)
        found = self.region_combo.findData(current)
        self.region_combo.setCurrentIndex(max(found, 0))
        self.region_combo.blockSignals(False)

    def _show_coordinates(self, lon: float, lat: float) -> None:
        locale = QLocale()
        self.coordinates_label.setText(self.tr("Longitude {lon}  Latitude {lat}").format(
            lon=locale.toString(lon, "f", 5), lat=locale.toString(lat, "f", 5)))

    def _show_scale(self) -> None:
        denominator = self.canvas.transform().scale_denominator()
        self.scale_label.setText(self.tr("Scale 1:{n}").format(
            n=QLocale().toString(int(round(denominator, -1)))))

    def _show_selection_count(self) -> None:
        n = int(self.canvas.selection.positions().size)
        count = QLocale().toString(n)
        self.selection_label.setText(self.tr("{n} selected").format(n=count) if n else "")
        self.selection_button.setText(self.tr("Selection ({n})").format(n=count) if n
                                      else self.tr("Selection"))
        self.selection_header.setText(
            self.tr("{n} households selected").format(n=count) if n
            else self.tr("No households selected: use Select box or Select lasso"))
        for action in self.selection_actions():
            action.setEnabled(n > 0)

    def _show_distance(self, metres: float) -> None:
        self.measure_label.setText(self.tr("Distance {d}").format(d=format_distance(metres))
                                   if metres > 0 else "")

    # ------------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        labels = {
            "browse": (self.tr("Browse"), self.tr("Drag to move the map; click a household "
                                                  "to see its card")),
            "select_rectangle": (self.tr("Select box"), self.tr(
                "Drag a box to select households (Shift adds, Ctrl removes)")),
            "select_lasso": (self.tr("Select lasso"), self.tr(
                "Draw around households to select them (Shift adds, Ctrl removes)")),
            "measure": (self.tr("Measure"), self.tr(
                "Click points to measure a distance in metres; double-click to finish, "
                "Esc to clear")),
        }
        for name, (text, tip) in labels.items():
            self.tool_actions[name].setText(text)
            self.tool_actions[name].setToolTip(tip)
        self.zoom_in_action.setText(self.tr("Zoom in"))
        self.zoom_out_action.setText(self.tr("Zoom out"))
        self.full_extent_action.setText(self.tr("Full extent"))
        self.full_extent_action.setToolTip(self.tr("Show the whole area (Home)"))
        self.zoom_selection_action.setText(self.tr("Zoom to selection"))
        self.list_selection_action.setText(self.tr("List selected households…"))
        # After a tab, a menu shows the key at the right, as for a shortcut; the canvas
        # itself handles Esc, so that tools using Esc keep it.
        self.clear_selection_action.setText(self.tr("Clear selection\tEsc"))
        self.selection_button.setToolTip(self.tr(
            "What to do with the households selected on the map (also on a right click "
            "on the map)"))
        self.export_action.setText(self.tr("Export PNG…"))
        self.export_action.setToolTip(self.tr("Save the current view as a PNG image with "
                                              "legend, scale bar and title"))
        self.region_combo.setToolTip(self.tr("Zoom to a kecamatan or kelurahan"))
        self._fill_regions()
        self._show_scale()
        self._show_selection_count()
        if not self.coordinates_label.text():
            self.coordinates_label.setText(self.tr("Move the mouse over the map to read "
                                                   "longitude and latitude"))
