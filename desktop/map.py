"""The map in the main window: a "Map" tab, its menu actions and its links to the rest.

``install(window)`` adds the tab (loaded the first time it is shown, reloaded when the
register or the boundaries change), "Import boundaries from Shapefile or GeoPackage…" in
the Data menu, "Spatial check" and "Basemap…" in the Tools menu, and wires:

* identify → the household card (read in the background) → "Open form";
* linked selection: a household selected in the register is highlighted on the map, and
  households selected on the map are selected in the register
  (:meth:`MapController.link_register`);
* the selection's list ("List selected households…" in the map's Selection menu): the
  rows are read in the background, follow the map's selection while the list is open,
  mark on the map the rows picked in it, and open a household on double-click or Enter;
* pick-location for the household form: :meth:`MapController.location_picker` (also set
  as ``window.map_location_picker``) is what ``HouseholdForm.set_location_picker`` takes.

Every database read runs as a background operation; only the pick dialog, which the form
calls synchronously, may read on the GUI thread when the map has never been opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db import boundary_formats as bf
from db import settings as office_settings
from db import spatial
from db.actor import Actor
from db.engine import Database
from db.errors import BoundaryCrsMissing, TepatError
from desktop import dialogs
from desktop.ops import Changes, Job, Task
from widgets.map.import_dialog import BoundaryImportDialog
from widgets.map.picker import location_picker
from widgets.map.selection_list import SelectionListDialog
from widgets.map.spatial_report import SpatialReportDialog
from widgets.map.styles import attribute_label
from widgets.map.view import MapView

BASEMAP_KEY = "map/basemap"  # MBTiles file, tile folder or XYZ URL; empty = none
STYLE_KEY = "map/style"


@dataclass(frozen=True)
class MapData:
    """Everything the map draws, read and prepared off the GUI thread."""

    shapes: list[spatial.RegionShape]
    points: spatial.HouseholdPoints
    index: spatial.PointIndex
    office: str  # the office's kecamatan name, for titles


def load_map_data(database: Database, actor: Actor) -> MapData:
    """Boundaries and households projected for the map, with the hit-test index built."""
    with database.read() as session:
        shapes = spatial.boundary_shapes(session)
        points = spatial.household_points(session, actor)
        office_code = office_settings.get(session, "office.kecamatan_code")
        names = {s.code: s.name for s in shapes}
    return MapData(shapes, points, spatial.PointIndex(points.x, points.y),
                   names.get(office_code, office_code))


def basemap_cache_dir() -> Path:
    """Where tiles of an online basemap are kept (the user's cache folder)."""
    return platformdirs.user_cache_path("tepat", appauthor=False) / "tiles"


class BasemapDialog(QDialog):
    """Choose the basemap: an MBTiles file, a tile folder, an XYZ URL, or none."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("basemapDialog")
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.location = QLineEdit(current, self)
        self.location.setObjectName("basemapLocation")
        self.file_button = QPushButton(self)
        self.file_button.clicked.connect(self._choose_file)
        self.folder_button = QPushButton(self)
        self.folder_button.clicked.connect(self._choose_folder)
        self.none_button = QPushButton(self)
        self.none_button.clicked.connect(self.location.clear)
        row = QHBoxLayout()
        row.addWidget(self.file_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.location)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 200)
        self.translateUI()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Basemap file"), str(Path.home()),
            self.tr("MBTiles files (*.mbtiles);;All files (*)"))
        if path:
            self.location.setText(path)

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Tile folder"), str(Path.home()))
        if path:
            self.location.setText(path)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.setWindowTitle(self.tr("Basemap"))
        self.explanation.setText(self.tr(
            "A basemap is optional: the map works with boundaries alone. Choose an MBTiles "
            "file or a folder of z/x/y tiles (works offline), or type an XYZ address such as "
            "https://…/{z}/{x}/{y}.png when the office has internet (tiles are kept for "
            "offline use). Leave empty for none."))
        self.location.setPlaceholderText(self.tr("File, folder or https://…/{z}/{x}/{y}.png"))
        self.file_button.setText(self.tr("File…"))
        self.folder_button.setText(self.tr("Folder…"))
        self.none_button.setText(self.tr("None"))


class MapController(QObject):
    """The map tab and its actions in one main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("mapController")
        self.window = window
        self.data: MapData | None = None
        self.last_dialog: QDialog | None = None
        self._generation = 0
        self._loading = False
        self.register_view: Any = None
        self._selecting_in_register = False
        self.selection_list: SelectionListDialog | None = None
        self._list_generation = 0
        self._list_task: Task | None = None
        self.view = MapView(window.tabs)
        self.view.setObjectName("mapView")
        self.tab_index = window.add_tab(
            self.view, lambda: QCoreApplication.translate("MapController", "Map"))
        style = window.settings.value(STYLE_KEY, "status")
        if style in spatial.ATTRIBUTES:
            self.view.canvas.households.set_attribute(style)
        self.view.panel.styleChosen.connect(lambda a: window.settings.setValue(STYLE_KEY, a))

        self.import_action = self._action("importBoundaryFileAction", self.import_boundaries)
        self.check_action = self._action("spatialCheckAction", self.run_spatial_check)
        self.basemap_action = self._action("basemapAction", self.choose_basemap)
        self.export_action = self._action("exportMapAction", self.export_png)
        # Right after the window's own GeoJSON import, where an operator looks for it.
        data_menu = window.menus["data"]
        actions = data_menu.actions()
        geojson = getattr(window, "import_boundaries_action", None)
        after = actions.index(geojson) + 1 if geojson in actions else len(actions)
        data_menu.insertAction(actions[after] if after < len(actions) else None,
                               self.import_action)
        tools = window.menus["tools"]
        tools.addSeparator()
        tools.addAction(self.check_action)
        tools.addAction(self.basemap_action)
        tools.addAction(self.export_action)

        v = self.view
        v.householdIdentified.connect(self.show_card)
        v.openHouseholdRequested.connect(self.open_household)
        v.exportRequested.connect(self.export_png)
        v.selectionChanged.connect(self._map_selection_changed)
        v.listSelectionRequested.connect(self.list_selection)
        v.canvas.selection.changed.connect(self._follow_selection_in_list)
        window.changed.connect(self._on_changed)
        window.tabs.currentChanged.connect(self._on_tab_changed)
        window.installEventFilter(self)
        window.map_location_picker = self.location_picker()
        self._apply_basemap(str(window.settings.value(BASEMAP_KEY, "") or ""), quiet=True)
        # The register is installed by its own module, possibly after this one.
        QTimer.singleShot(0, self._find_register)
        self.translateUI()

    def _action(self, name: str, slot: Any) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    # ------------------------------------------------------------------ loading

    def _on_tab_changed(self, index: int) -> None:
        if self.window.tabs.widget(index) is self.view and self.data is None:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if (changes.register or changes.regions) and self.data is not None:
            self.reload()

    def reload(self) -> None:
        """Read boundaries and households again in the background."""
        self._generation += 1
        generation = self._generation
        database, actor = self.window.database, self.window.actor
        self._loading = True
        (self.window.operation(lambda _job: load_map_data(database, actor))
         .success(lambda data: self._loaded(data, generation))
         .run())

    def _loaded(self, data: MapData, generation: int) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        self._loading = False
        first = self.data is None
        self.data = data
        self.view.set_boundaries(data.shapes)
        self.view.set_households(data.points, data.index)
        if first:
            self.view.canvas.zoom_to_full_extent()
        self._sync_register_selection()
        self._follow_selection_in_list()  # a proposal's state or a name may have changed

    def _ensure_data(self) -> MapData:
        """The map data, read now if the map was never opened (the pick dialog needs it)."""
        if self.data is None:
            self.data = load_map_data(self.window.database, self.window.actor)
        return self.data

    # ------------------------------------------------------------------ identify and open

    def show_card(self, household_id: int) -> None:
        database, actor = self.window.database, self.window.actor

        def work(_job: Job) -> spatial.HouseholdCard:
            from db import households

            # The card shows a family's name and address: a view of personal data,
            # audited like opening the form or the profile.
            with database.write() as session:
                card = spatial.household_card(session, actor, household_id)
                households.record_viewed(session, actor, household_id, "map card")
                return card

        self.window.operation(work).success(self.view.show_card).run()

    def open_household(self, household_id: int) -> None:
        """Open the household in the form (the register's opener when there is one)."""
        opener = getattr(self.window, "open_household", None)
        if callable(opener):
            opener(household_id)
            return
        from widgets.household_form import HouseholdForm

        form = HouseholdForm(self.window.database, self.window.actor, household_id)
        form.setParent(self.window, form.windowFlags() | Qt.WindowType.Window)
        form.set_location_picker(self.location_picker())
        form.saved.connect(lambda _data: self.window.changed.emit(Changes(register=True)))
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.show()

    def location_picker(self):  # type: ignore[no-untyped-def]
        """A ``LocationPicker`` for the household form: a modal map, one click."""
        return location_picker(lambda: self._ensure_data().shapes,
                               lambda: self._ensure_data().points,
                               lambda: self.window)

    # ------------------------------------------------------------------ linked selection

    def _find_register(self) -> None:
        from widgets.register.view import RegisterView

        found = self.window.findChildren(RegisterView)
        if found and self.register_view is None:
            self.link_register(found[0])

    def link_register(self, register_view: Any) -> None:
        """Keep the map's selection and the register's current household in step."""
        self.register_view = register_view
        model = register_view.table.selectionModel()
        model.currentRowChanged.connect(lambda *_a: self._sync_register_selection())

    def _sync_register_selection(self) -> None:
        if self.register_view is None or self._selecting_in_register:
            return
        household = self.register_view.selected_household()
        self.view.highlight([household] if household is not None else [])

    def _map_selection_changed(self, ids: list) -> None:
        # The register lists one current household: the first of the map's selection.
        # Its echo must not shrink the map's selection to that one.
        if self.register_view is not None and ids:
            self._selecting_in_register = True
            try:
                self.register_view.select_household(ids[0])
            finally:
                self._selecting_in_register = False

    def show_households(self, ids: list[int]) -> None:
        """Switch to the map, select these households and zoom to them."""
        self.window.tabs.setCurrentWidget(self.view)
        self.view.highlight(ids)
        self.view.canvas.zoom_to_selection()

    # ------------------------------------------------------------------ the selection's list

    def list_selection(self) -> SelectionListDialog:
        """Show the households selected on the map in a list (read in the background)."""
        dialog = self.selection_list
        if dialog is None:
            dialog = SelectionListDialog(self.window)
            dialog.openRequested.connect(self.open_household)
            dialog.householdsPicked.connect(self.view.focus_households)
            dialog.finished.connect(lambda _result: self.view.focus_households([]))
            self.selection_list = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self._read_selection_rows()
        return dialog

    def _follow_selection_in_list(self) -> None:
        if self.selection_list is not None and self.selection_list.isVisible():
            self._read_selection_rows()

    def _read_selection_rows(self) -> None:
        assert self.selection_list is not None
        self._list_generation += 1
        generation = self._list_generation
        if self._list_task is not None:
            self._list_task.cancel()  # its rows would be for a selection no longer there
        ids = self.view.canvas.selected_ids()
        self.view.focus_households([])
        self.selection_list.set_loading(len(ids))
        database, actor = self.window.database, self.window.actor

        def work(job: Job) -> list[spatial.HouseholdRow]:
            with database.read() as session:
                return spatial.household_rows(session, actor, ids, progress=job.report,
                                              cancelled=job.cancelled)

        self._list_task = (self.window.operation(work)
                           .success(lambda rows: self._show_rows(rows, generation))
                           .run())

    def _show_rows(self, rows: list[spatial.HouseholdRow], generation: int) -> None:
        if generation == self._list_generation and self.selection_list is not None:
            self._list_task = None
            self.selection_list.set_rows(rows)

    # ------------------------------------------------------------------ spatial check

    def run_spatial_check(self) -> None:
        database, actor = self.window.database, self.window.actor

        def work(job: Job) -> spatial.SpatialReport:
            with database.read() as session:
                return spatial.check_spatial(session, actor, progress=job.report,
                                             cancelled=job.cancelled)

        (self.window.operation(work)
         .with_progress_dialog(self.tr("Checking household locations…"))
         .success(self._show_report)
         .run())

    def _show_report(self, report: spatial.SpatialReport) -> None:
        dialog = SpatialReportDialog(report, self.window)
        dialog.showRequested.connect(self.show_households)
        self.last_dialog = dialog
        dialog.open()

    # ------------------------------------------------------------------ boundary import

    def import_boundaries(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, self.tr("Import region boundaries"), str(Path.home()),
            self.tr("Boundary files (*.shp *.zip *.gpkg *.geojson *.json);;All files (*)"))
        if path:
            self.import_boundaries_from(Path(path))

    def import_boundaries_from(self, path: Path, *, crs: str | None = None,
                               layer: str | None = None) -> None:
        """Read the file in the background, then show the preview dialog."""
        database = self.window.database

        def work(_job: Job) -> tuple[bf.BoundarySource, bf.RegionNames] | list[str]:
            if layer is None and path.suffix.lower() == ".gpkg":
                layers = bf.geopackage_layers(path)
                if len(layers) > 1:
                    return layers
            source = bf.read_boundary_file(path, crs=crs, layer=layer)
            with database.read() as session:
                return source, bf.known_regions(session)

        (self.window.operation(work)
         .with_progress_dialog(self.tr("Reading {name}…").format(name=path.name),
                               cancellable=False)
         .success(lambda result: self._read(path, crs, result))
         .failure(lambda error: self._read_failed(path, layer, error))
         .run())

    def _read(self, path: Path, crs: str | None, result: Any) -> None:
        if isinstance(result, list):
            layer, ok = QInputDialog.getItem(
                self.window, self.tr("Choose a layer"),
                self.tr("{name} has several layers. Which holds the boundaries?").format(
                    name=path.name), result, 0, False)
            if ok:
                self.import_boundaries_from(path, crs=crs, layer=layer)
            return
        source, names = result
        dialog = BoundaryImportDialog(source, names, self.window)
        self.last_dialog = dialog
        dialog.accepted.connect(lambda: self._store(source, dialog.mapping()))
        dialog.open()

    def _read_failed(self, path: Path, layer: str | None, error: Exception) -> None:
        if isinstance(error, BoundaryCrsMissing):
            text, ok = QInputDialog.getText(
                self.window, self.tr("Coordinate system"),
                error.message + "\n\n" + (error.hint or "") + "\n\n"
                + self.tr("Coordinate system (EPSG code):"),
                text=error.suggestion or "EPSG:")
            if ok and text.strip():
                self.import_boundaries_from(path, crs=text.strip(), layer=layer)
            return
        dialogs.show_error(self.window, error)

    def _store(self, source: bf.BoundarySource, mapping: bf.FieldMapping) -> None:
        database, actor = self.window.database, self.window.actor

        def work(_job: Job) -> Any:
            with database.write() as session:
                return bf.import_boundaries(session, actor, source, mapping)

        (self.window.operation(work, changes=Changes(regions=True))
         .with_progress_dialog(self.tr("Importing boundaries from {name}…").format(
             name=source.name), cancellable=False)
         .success(lambda result: self._stored(source, result))
         .run())

    def _stored(self, source: bf.BoundarySource, result: Any) -> None:
        lines = [
            self.tr("Kelurahan boundaries stored: {n}").format(n=result.kelurahan),
            self.tr("Kecamatan boundaries stored: {n}").format(n=result.kecamatan),
            self.tr("Shapes repaired: {n}").format(n=len(result.repaired)),
            self.tr("Features left out: {n}").format(n=len(result.skipped)),
        ]
        details = "\n".join([*result.repaired, *result.skipped])
        dialogs.inform(self.window, self.tr("Boundaries imported"),
                       self.tr("The boundaries in {name} were imported.").format(
                           name=source.name),
                       informative="\n".join(lines), details=details or None)

    # ------------------------------------------------------------------ basemap and export

    def choose_basemap(self) -> None:
        current = str(self.window.settings.value(BASEMAP_KEY, "") or "")
        dialog = BasemapDialog(current, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        location = dialog.location.text().strip()
        self.window.settings.setValue(BASEMAP_KEY, location)
        self._apply_basemap(location, quiet=False)

    def _apply_basemap(self, location: str, *, quiet: bool) -> None:
        ok = self.view.canvas.set_basemap(location or None, str(basemap_cache_dir()))
        if not ok and not quiet:
            dialogs.show_error(self.window, TepatError(self.view.canvas.basemap.notice() or ""))

    def export_png(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self.window, self.tr("Export the map view"), str(Path.home() / "peta.png"),
            self.tr("PNG images (*.png)"))
        if not path:
            return
        target = Path(path).with_suffix(".png")
        canvas = self.view.canvas
        office = self.data.office if self.data is not None else ""
        image = self.view.export_image(
            QSize(max(canvas.width(), 800), max(canvas.height(), 600)),
            title=self.tr("Households, Kecamatan {name}").format(name=office) if office
            else self.tr("Households"),
            subtitle=self.tr("Coloured by {attribute}").format(
                attribute=attribute_label(canvas.households.attribute()).lower()))
        if not image.save(str(target), "PNG"):
            dialogs.show_error(self.window, OSError(f"{target}"))
            return
        self.window.statusBar().showMessage(self.tr("Map saved: {path}").format(path=target),
                                            8000)

    # ------------------------------------------------------------------ window events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.translateUI()
            elif event.type() == QEvent.Type.Close:
                self.view.canvas.shutdown()
        return False

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.import_action.setText(self.tr("Import boundaries from Shapefile or GeoPackage…"))
        self.check_action.setText(self.tr("Spatial check of household locations"))
        self.basemap_action.setText(self.tr("Basemap…"))
        self.export_action.setText(self.tr("Export map view as PNG…"))


def install(window: Any) -> MapController:
    """Add the map tab and its actions to ``window`` (a :class:`desktop.mainwindow.MainWindow`)."""
    controller = MapController(window)
    window.map = controller
    return controller
