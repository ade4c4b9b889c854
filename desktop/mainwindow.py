"""The main window: menus, toolbar, region panel, the tabbed views and the status bar.

Every view refreshes itself from the one :attr:`MainWindow.changed` signal, which
carries the :class:`~desktop.ops.Changes` of the operation that just succeeded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QToolBar,
    QWidget,
)

from db import settings as office_settings
from db.actor import Actor
from db.engine import Database
from db.regions import RegionRow, kota_serang_codes, list_regions
from db.stats import KelurahanCount, Stats, per_kelurahan, stats
from desktop import auth, dialogs, imports, letters, ops, periods, register
from desktop import map as map_tab
from desktop import queue as queue_tab
from desktop.ops import ALL_CHANGES, NO_CHANGES, Changes, Job, Operation
from widgets.elided_label import ElidedLabel
from widgets.icons import icon
from widgets.overview import OverviewWidget
from widgets.region_tree import RegionTree

T = TypeVar("T")

GEOMETRY_KEY = "ui/main_window_geometry"
STATE_KEY = "ui/main_window_state"
REGIONS_DOCK_WIDTH = 290  # px: kelurahan names and their counts side by side
OFFER_DEMO_KEY = "ui/offer_demo"


@dataclass(frozen=True)
class Snapshot:
    """What the overview, the region panel and the status bar show, read in one session."""

    stats: Stats
    kelurahan: list[KelurahanCount]
    regions: list[RegionRow]
    office_code: str
    office_name: str | None  # None for a code neither in the register nor in Kota Serang


def load_snapshot(database: Database) -> Snapshot:
    """Read the overview data: a handful of grouped queries, whatever the register's size."""
    with database.read() as session:
        regions = list_regions(session)
        office_code = office_settings.get(session, "office.kecamatan_code")
        # Before any region is loaded, the bundled Kota Serang list still names the office.
        names = dict(kota_serang_codes()) | {r.code: r.name for r in regions}
        return Snapshot(stats(session), per_kelurahan(session), regions, office_code,
                        names.get(office_code))


def _separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class _EnableWhenFilled(QObject):
    """Greys out a menu-bar menu while it holds no actions (other parts add them later)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QMenu) and event.type() in (QEvent.Type.ActionAdded,
                                                            QEvent.Type.ActionRemoved):
            # ActionRemoved arrives before the action is gone: count what will remain.
            remaining = len(watched.actions()) - (event.type() == QEvent.Type.ActionRemoved)
            watched.menuAction().setEnabled(remaining > 0)
        return False


class MainWindow(QMainWindow):
    """Tepat's main window over one open database, acting as one user."""

    changed = Signal(object)  # Changes

    def __init__(self, database: Database, actor: Actor, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.settings = settings
        self.snapshot: Snapshot | None = None
        self._refresh_generation = 0
        self._offer_demo_pending = False
        self._tab_titles: list[tuple[QWidget, Callable[[], str]]] = []
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("tepat"))

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_central()
        self._create_docks()
        self._create_status_bar()
        if actor.can("register.view"):  # e.g. an administrator alone never sees families
            register.install(self)  # the Register tab, find/new household, household windows
        map_tab.install(self)  # the Map tab, boundary files, spatial check, basemap
        # After the map, whose Selection menu offers field checklists for the selection.
        letters.install(self)  # the Letters menu: issue, registry, checklists, verify
        imports.install(self)  # the Data menu: import households and lists, export
        queue_tab.install(self)  # the Proposals tab and menu: the verification queue
        periods.install(self)  # Proposals → Periods and quotas…
        # Last, so it sees every action: users, audit log, backup, the demo-mode banner,
        # and hiding what the actor's roles may not do.
        auth.install(self)
        self.translateUI()
        self.changed.connect(self._on_changed)
        self._restore_layout()
        self.refresh()

    # ------------------------------------------------------------------ building

    def _create_actions(self) -> None:
        def action(name: str, slot: Callable[[], Any], shortcut: str | None = None,
                   icon_name: str | None = None) -> QAction:
            act = QAction(self)
            act.setObjectName(name)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            if icon_name:
                act.setIcon(icon(icon_name))
            act.triggered.connect(slot)
            return act

        self.settings_action = action("settingsAction", self.open_settings, "Ctrl+,", "settings")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = action("quitAction", self.close, "Ctrl+Q", "quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.import_boundaries_action = action("importBoundariesAction", self.import_boundaries,
                                               None, "import-boundaries")
        self.refresh_action = action("refreshAction", self.refresh, "F5", "refresh")
        self.load_demo_action = action("loadDemoAction", lambda: self.load_demo(), None,
                                       "demo-data")
        self.about_action = action("aboutAction", self.show_about, "F1", "about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = action("aboutQtAction", lambda: QApplication.aboutQt())
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self._menu_enabler = _EnableWhenFilled(self)
        self.menus: dict[str, QMenu] = {}
        for key in ("file", "data", "proposals", "letters", "tools", "help"):
            menu = bar.addMenu("")
            menu.setObjectName(f"{key}Menu")
            menu.installEventFilter(self._menu_enabler)
            self.menus[key] = menu
        self.menus["file"].addAction(self.settings_action)
        self.menus["file"].addSeparator()
        self.menus["file"].addAction(self.quit_action)
        self.menus["data"].addAction(self.import_boundaries_action)
        self.menus["data"].addSeparator()
        self.menus["data"].addAction(self.refresh_action)
        self.menus["tools"].addAction(self.load_demo_action)
        self.menus["help"].addAction(self.about_action)
        self.menus["help"].addAction(self.about_qt_action)
        for key in ("proposals", "letters"):
            self.menus[key].menuAction().setEnabled(bool(self.menus[key].actions()))

    def _create_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.refresh_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.import_boundaries_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.settings_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _create_central(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("views")
        self.tabs.setDocumentMode(True)
        self.overview = OverviewWidget(self.tabs)
        self.add_tab(self.overview, lambda: self.tr("Overview"), "overview")
        self.setCentralWidget(self.tabs)

    def _create_docks(self) -> None:
        self.region_tree = RegionTree(self)
        self.region_tree.regionSelected.connect(self._on_region_selected)
        self.regions_dock = QDockWidget(self)
        self.regions_dock.setObjectName("regionsDock")
        self.regions_dock.setWidget(self.region_tree)
        self.regions_dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                          | Qt.DockWidgetArea.RightDockWidgetArea)
        self.regions_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                      | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.regions_dock)
        # Sized on first show (see showEvent): before it the dock layout ignores sizes.
        self._dock_width_pending = True
        self.regions_panel_action = self.regions_dock.toggleViewAction()
        self.regions_panel_action.setObjectName("regionsPanelAction")
        self.menus["tools"].addSeparator()
        self.menus["tools"].addAction(self.regions_panel_action)

    def _create_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.database_label = ElidedLabel(self.database.info().describe(), bar)
        self.database_label.setObjectName("databaseLabel")
        self.office_label = QLabel(bar)
        self.office_label.setObjectName("officeLabel")
        self.user_label = QLabel(bar)
        self.user_label.setObjectName("userLabel")
        for label in (self.database_label, self.office_label, self.user_label):
            label.setContentsMargins(6, 0, 6, 0)
        bar.addPermanentWidget(self.database_label, 1)
        bar.addPermanentWidget(_separator(bar))
        bar.addPermanentWidget(self.office_label)
        bar.addPermanentWidget(_separator(bar))
        bar.addPermanentWidget(self.user_label)

    def add_tab(self, widget: QWidget, title: Callable[[], str], icon_name: str | None = None
                ) -> int:
        """Add a view as a tab; ``title`` is called again whenever the language changes."""
        index = self.tabs.addTab(widget, title())
        if icon_name:
            self.tabs.setTabIcon(index, icon(icon_name))
        self._tab_titles.append((widget, title))
        return index

    # ------------------------------------------------------------------ operations

    def operation(self, work: Callable[[Job], T], *, changes: Changes = NO_CHANGES
                  ) -> Operation[T]:
        """An operation over this window whose changes are broadcast on :attr:`changed`."""
        return Operation(work, parent=self, changes=changes, notify=self.changed.emit)

    def refresh(self) -> None:
        """Reload every view (F5): broadcast that everything may have changed."""
        self.changed.emit(ALL_CHANGES)

    def _on_changed(self, changes: Changes) -> None:
        if not changes:
            return
        # A newer refresh supersedes an older one still running (Orange's cancel-on-restart).
        self._refresh_generation += 1
        generation = self._refresh_generation
        database = self.database
        op: Operation[Snapshot] = Operation(lambda _job: load_snapshot(database), parent=self)
        op.success(lambda snap: self._apply_snapshot(snap, generation))
        op.run()

    def _apply_snapshot(self, snapshot: Snapshot, generation: int) -> None:
        if generation != self._refresh_generation:
            return
        self.snapshot = snapshot
        self.overview.set_data(snapshot.stats, snapshot.kelurahan)
        self.region_tree.set_data(
            snapshot.regions, {row.code: row.households for row in snapshot.kelurahan},
            snapshot.office_code,
        )
        self._update_texts_from_snapshot()
        if self._offer_demo_pending:
            self._offer_demo_pending = False
            if snapshot.stats.households == 0 and self._demo_offer_enabled():
                self.load_demo(first_start=True)

    def _on_region_selected(self, code: str, label: str) -> None:
        self.overview.show_region(code, label)
        self.tabs.setCurrentWidget(self.overview)

    # ------------------------------------------------------------------ actions

    def open_settings(self) -> None:
        from desktop.settings_dialog import SettingsDialog

        SettingsDialog(self.database, self.actor, self.settings, notify=self.changed.emit,
                       parent=self).exec()

    def import_boundaries(self) -> None:
        """Ask for a GeoJSON file and import its kelurahan/kecamatan boundaries."""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import region boundaries"), str(Path.home()),
            self.tr("GeoJSON files (*.geojson *.json);;All files (*)"),
        )
        if path:
            self.import_boundaries_from(Path(path))

    def import_boundaries_from(self, path: Path) -> None:
        """Import boundaries from ``path`` in the background and report the counts."""
        from db import boundaries

        database, actor = self.database, self.actor

        def work(_job: Job) -> Any:
            with database.write() as session:
                return boundaries.import_geojson(session, actor, path)

        (self.operation(work, changes=Changes(regions=True))
         .with_progress_dialog(self.tr("Importing boundaries from {name}…").format(name=path.name),
                               cancellable=False)
         .success(lambda result: self._boundaries_imported(path, result))
         .run())

    def _boundaries_imported(self, path: Path, result: Any) -> None:
        lines = [
            self.tr("Kelurahan boundaries stored: {n}").format(n=result.kelurahan),
            self.tr("Kecamatan boundaries stored: {n}").format(n=result.kecamatan),
        ]
        if result.dissolved:
            lines.append(self.tr("The file held no kecamatan: each kecamatan was formed by "
                                 "joining its kelurahan."))
        lines.append(self.tr("Shapes repaired: {n}").format(n=len(result.repaired)))
        lines.append(self.tr("Features left out: {n}").format(n=len(result.skipped)))
        details = "\n".join([*result.repaired, *result.skipped])
        dialogs.inform(self, self.tr("Boundaries imported"),
                       self.tr("The boundaries in {name} were imported.").format(name=path.name),
                       informative="\n".join(lines), details=details or None)

    def load_demo(self, first_start: bool = False) -> None:
        """Offer to fill an empty register with generated demo households."""
        from desktop.first_start import DemoDialog

        dialog = DemoDialog(self.database, self.actor, notify=self.changed.emit,
                            first_start=first_start, parent=self)
        dialog.exec()
        if first_start and dialog.dont_ask_again():
            self.settings.setValue(OFFER_DEMO_KEY, False)

    def offer_demo_when_empty(self) -> None:
        """Once the first data arrives, offer demo data if the register is empty."""
        if self.snapshot is not None:
            if self.snapshot.stats.households == 0 and self._demo_offer_enabled():
                self.load_demo(first_start=True)
        else:
            self._offer_demo_pending = True

    def _demo_offer_enabled(self) -> bool:
        value = self.settings.value(OFFER_DEMO_KEY, True)
        return value not in (False, "false", "0", 0)

    def show_about(self) -> None:
        from desktop.about import AboutDialog

        AboutDialog(self.database, parent=self).exec()

    # ------------------------------------------------------------------ window state

    def _restore_layout(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        state = self.settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self._dock_width_pending = not self.restoreState(state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dock_width_pending:
            # Without a saved layout the region tree got ~130 px and showed only "...".
            self._dock_width_pending = False
            self.resizeDocks([self.regions_dock], [REGIONS_DOCK_WIDTH],
                             Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        # Workers hold database sessions: stop them before the database is disposed.
        ops.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------------ language

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        titles = {
            "file": self.tr("&File"),
            "data": self.tr("&Data"),
            "proposals": self.tr("&Proposals"),
            "letters": self.tr("&Letters"),
            "tools": self.tr("&Tools"),
            "help": self.tr("&Help"),
        }
        for key, menu in self.menus.items():
            menu.setTitle(titles[key])
        self.settings_action.setText(self.tr("&Settings…"))
        self.settings_action.setToolTip(self.tr("Office, letterhead, signatory, database and "
                                                "language settings"))
        self.quit_action.setText(self.tr("&Quit"))
        self.import_boundaries_action.setText(self.tr("&Import boundaries…"))
        self.import_boundaries_action.setToolTip(
            self.tr("Import kelurahan and kecamatan boundaries from a GeoJSON file"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.refresh_action.setToolTip(self.tr("Read the register again (F5)"))
        self.load_demo_action.setText(self.tr("Load &demo data…"))
        self.about_action.setText(self.tr("&About Tepat"))
        self.about_qt_action.setText(self.tr("About &Qt"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.regions_dock.setWindowTitle(self.tr("Regions"))
        # The dock's title resets its toggle action's text, so set this after it.
        self.regions_panel_action.setText(self.tr("Regions &panel"))
        for widget, title in self._tab_titles:
            self.tabs.setTabText(self.tabs.indexOf(widget), title())
        self.database_label.setToolTip(self.tr(
            "The database in use: {where}. Choose another in Settings → Database."
        ).format(where=self.database.info().describe()))
        if self.actor.is_builtin:
            self.user_label.setText(self.tr("User: {name} (demo mode)").format(
                name=self.actor.username))
            self.user_label.setToolTip(self.tr(
                "No one has signed in: the built-in demo administrator is acting."))
        else:
            self.user_label.setText(self.tr("User: {name}").format(name=self.actor.username))
            self.user_label.setToolTip("")
        self._update_texts_from_snapshot()

    def _update_texts_from_snapshot(self) -> None:
        if self.snapshot is None:
            self.setWindowTitle("Tepat")
            self.office_label.setText("")
            return
        # The service refuses a non-empty register too; greying the action just says so early.
        empty = self.snapshot.stats.households == 0
        self.load_demo_action.setEnabled(empty)
        self.load_demo_action.setToolTip(
            self.tr("Fill the empty register with generated households for practice") if empty
            else self.tr("Demo data goes only into an empty register; this one holds households."))
        office = self.snapshot.office_name or self.snapshot.office_code
        self.setWindowTitle(self.tr("Tepat — Kecamatan {name}").format(name=office))
        self.office_label.setText(self.tr("Office: Kecamatan {name}").format(name=office))
        self.office_label.setToolTip(self.tr("Office region code: {code}").format(
            code=self.snapshot.office_code))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
