"""The Data menu's import and export actions.

``install(window)`` adds: import households (the wizard), import the three reference
lists (the same wizard), and export (a small dialog: what, which columns, which format,
which area). Each runs its work as a background :class:`~desktop.ops.Operation`, so the
window stays responsive; a successful import broadcasts that the register changed.
Actions the signed-in user may not use are hidden (the services refuse them anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db import permissions
from db.exports.columns import CATALOGUE, DEFAULT_COLUMNS, GIS_DEFAULT_COLUMNS, ExportFilter
from db.exports.export import FORMATS, GIS_FORMATS, SUFFIXES, ExportResult, export
from db.programs import STATE_LABELS
from db.regions import RegionRow, list_regions
from desktop import dialogs
from desktop.ops import NO_CHANGES, Changes, Job, Operation
from widgets.import_wizard import ImportWizard

REFERENCE_KINDS = ("coverage", "exclusion", "housing_aid")


def make_runner(parent: QWidget, notify: Callable[[Changes], None] | None):  # type: ignore[no-untyped-def]
    """A :class:`widgets.import_wizard.Runner` over the background operations."""

    def run(work: Callable[[Job], Any], *, success: Callable[[Any], None],
            failure: Callable[[Exception], None], cancelled: Callable[[], None],
            progress: Callable[[int, int], None] | None = None, writes: bool = False) -> Any:
        op: Operation[Any] = Operation(work, parent=parent,
                                       changes=Changes(register=True) if writes else NO_CHANGES,
                                       notify=notify)
        op.success(success).failure(failure).on_cancel(cancelled)
        if progress is not None:
            op.progress(progress)
        return op.run()

    return run


class ExportDialog(QDialog):
    """What to export, which columns, which format, which area; then where to."""

    def __init__(self, regions: list[RegionRow], subjects: list[str],
                 parent: QWidget | None = None, *,
                 household_ids: frozenset[int] = frozenset()) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        # The map's selection, when the export was asked for from its Selection menu.
        self.household_ids = household_ids
        self.selection_note = QLabel(self)
        self.selection_note.setObjectName("exportSelectionNote")
        self.selection_note.setWordWrap(True)
        self.selection_note.setVisible(bool(household_ids))
        self.setMinimumWidth(480)
        self.subject_combo = QComboBox(self)
        self.subject_combo.setObjectName("subjectCombo")
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("formatCombo")
        self.region_combo = QComboBox(self)
        self.region_combo.setObjectName("regionCombo")
        self.desil_spin = QSpinBox(self)
        self.desil_spin.setObjectName("desilSpin")
        self.desil_spin.setRange(0, 10)
        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("stateCombo")
        self.columns = QListWidget(self)
        self.columns.setObjectName("columnList")
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        self.browse_button = QPushButton(self)
        self.masked_note = QLabel(self)
        self.masked_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.labels = [QLabel(self) for _ in range(7)]
        form = QFormLayout()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        for label, field in zip(self.labels, (self.subject_combo, self.format_combo,
                                              self.region_combo, self.desil_spin,
                                              self.state_combo, self.columns, path_row),
                                strict=True):
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.selection_note)
        layout.addLayout(form)
        layout.addWidget(self.masked_note)
        layout.addWidget(self.buttons)
        self._subjects = subjects
        self._regions = regions
        self.subject_combo.currentIndexChanged.connect(self._subject_changed)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.browse_button.clicked.connect(self.browse)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.translateUI()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Export"))
        texts = (self.tr("Export:"), self.tr("Format:"), self.tr("Area:"),
                 self.tr("Desil at most:"), self.tr("Proposal status:"), self.tr("Columns:"),
                 self.tr("File:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.browse_button.setText(self.tr("Choose…"))
        self.desil_spin.setSpecialValueText(self.tr("any"))
        self.masked_note.setText(self.tr("Only the ticked columns leave Tepat, and the export "
                                         "is recorded in the audit trail."))
        self.selection_note.setText(self.tr(
            "Only the {count} families selected on the map, with their members and "
            "proposals (the area and desil below narrow it further).").format(
                count=len(self.household_ids)))
        names = {"households": self.tr("Families"), "members": self.tr("Family members"),
                 "proposals": self.tr("Proposals")}
        formats = {"xlsx": self.tr("Excel workbook (.xlsx)"), "csv": self.tr("CSV (.csv)"),
                   "geojson": self.tr("GeoJSON (.geojson)"), "kml": self.tr("KML (.kml)"),
                   "gpkg": self.tr("GeoPackage (.gpkg)")}
        current_subject = self.subject_combo.currentData()
        self.subject_combo.blockSignals(True)
        self.subject_combo.clear()
        for subject in self._subjects:
            self.subject_combo.addItem(names[subject], subject)
        self.subject_combo.setCurrentIndex(max(0, self.subject_combo.findData(current_subject)))
        self.subject_combo.blockSignals(False)
        self._formats = formats
        current_region = self.region_combo.currentData()
        self.region_combo.clear()
        self.region_combo.addItem(self.tr("Whole register"), None)
        for region in self._regions:
            if region.level == "kecamatan":
                self.region_combo.addItem(self.tr("Kecamatan {name}").format(name=region.name),
                                          region.code)
            elif region.level == "desa_kelurahan":
                self.region_combo.addItem("    " + region.name, region.code)
        self.region_combo.setCurrentIndex(max(0, self.region_combo.findData(current_region)))
        self.state_combo.clear()
        self.state_combo.addItem(self.tr("Every status"), None)
        for code, label in STATE_LABELS.items():
            self.state_combo.addItem(label, code)
        self._subject_changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def subject(self) -> str:
        return self.subject_combo.currentData()

    def fmt(self) -> str:
        return self.format_combo.currentData()

    def _subject_changed(self) -> None:
        subject = self.subject()
        current = self.format_combo.currentData()
        self.format_combo.blockSignals(True)
        self.format_combo.clear()
        for fmt in FORMATS:
            if subject == "members" and fmt in GIS_FORMATS:
                continue
            self.format_combo.addItem(self._formats[fmt], fmt)
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(current)))
        self.format_combo.blockSignals(False)
        self.state_combo.setEnabled(subject == "proposals")
        self._format_changed()

    def _format_changed(self) -> None:
        subject, fmt = self.subject(), self.fmt()
        defaults = GIS_DEFAULT_COLUMNS if fmt in GIS_FORMATS else DEFAULT_COLUMNS
        if subject == "proposals" and fmt == "xlsx":
            from db.exports.tables import default_template

            wanted = {c.field for c in default_template().columns}
        else:
            wanted = set(defaults[subject])
        self.columns.clear()
        for column in CATALOGUE[subject].values():
            item = QListWidgetItem(column.header, self.columns)
            item.setData(Qt.ItemDataRole.UserRole, column.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if column.key in wanted
                               else Qt.CheckState.Unchecked)
        path = self.path_edit.text()
        if path:
            self.path_edit.setText(str(Path(path).with_suffix(SUFFIXES[fmt])))

    def chosen_columns(self) -> list[str]:
        return [self.columns.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.columns.count())
                if self.columns.item(i).checkState() == Qt.CheckState.Checked]

    def export_filter(self) -> ExportFilter:
        state = self.state_combo.currentData() if self.subject() == "proposals" else None
        return ExportFilter(region=self.region_combo.currentData(),
                            desil_max=self.desil_spin.value() or None,
                            states=(state,) if state else (),
                            household_ids=self.household_ids)

    def browse(self) -> None:
        suffix = SUFFIXES[self.fmt()]
        default = self.path_edit.text() or str(Path.home() / f"ekspor-{self.subject()}{suffix}")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export to"), default,
                                                    self._formats[self.fmt()])
        if path:
            self.path_edit.setText(str(Path(path).with_suffix(suffix)))

    def _accept(self) -> None:
        if not self.path_edit.text().strip():
            self.browse()
        if self.path_edit.text().strip() and self.chosen_columns():
            self.accept()


class ImportsController(QObject):
    """Owns the Data menu's import/export actions and the windows they open."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        actor = window.actor
        self.households_action = QAction(window)
        self.households_action.setObjectName("importHouseholdsAction")
        self.households_action.triggered.connect(lambda: self.open_wizard("households"))
        self.reference_actions: dict[str, QAction] = {}
        for kind in REFERENCE_KINDS:
            act = QAction(window)
            act.setObjectName(f"import_{kind}_action")
            act.triggered.connect(lambda _checked=False, k=kind: self.open_wizard(k))
            self.reference_actions[kind] = act
        self.export_action = QAction(window)
        self.export_action.setObjectName("exportAction")
        self.export_action.triggered.connect(self.open_export)
        self.households_action.setVisible(permissions.allowed(actor, "register.import"))
        for act in self.reference_actions.values():
            act.setVisible(permissions.allowed(actor, "reference.import"))
        self.export_action.setVisible(bool(self._export_subjects()))
        # The map's Selection menu: the same dialog, limited to the selected households.
        self.export_selection_action = QAction(window)
        self.export_selection_action.setObjectName("mapExportSelectionAction")
        self.export_selection_action.triggered.connect(self.export_selection)
        map_controller = getattr(window, "map", None)
        if map_controller is not None and self._export_subjects():
            map_controller.view.add_selection_action(self.export_selection_action)
        menu = window.menus["data"]
        first = menu.actions()[0] if menu.actions() else None
        for act in (self.households_action, *self.reference_actions.values()):
            menu.insertAction(first, act)
        separator = menu.insertSeparator(first)
        menu.insertAction(separator, self.export_action)
        self.wizard: ImportWizard | None = None
        self.translateUI()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        return False

    def translateUI(self) -> None:
        self.households_action.setText(self.tr("Import households…"))
        self.households_action.setStatusTip(self.tr(
            "Import families and members from a DTSEN/DTKS spreadsheet"))
        texts = {"coverage": self.tr("Import JKN/PBI coverage list…"),
                 "exclusion": self.tr("Import ASN/TNI/Polri list…"),
                 "housing_aid": self.tr("Import housing-aid recipients…")}
        for kind, act in self.reference_actions.items():
            act.setText(texts[kind])
        self.export_action.setText(self.tr("Export…"))
        self.export_selection_action.setText(self.tr("Export the selection…"))
        self.export_action.setStatusTip(self.tr(
            "Export families, members or proposals as a spreadsheet or a map layer"))

    def _export_subjects(self) -> list[str]:
        actor = self.window.actor
        subjects = []
        if permissions.allowed(actor, "register.export"):
            subjects += ["households", "members"]
        if permissions.allowed(actor, "proposal.export"):
            subjects.append("proposals")
        return subjects

    def runner(self):  # type: ignore[no-untyped-def]
        return make_runner(self.window, self.window.changed.emit)

    def open_wizard(self, kind: str, path: Path | None = None) -> ImportWizard:
        """Open the import wizard for ``kind`` (optionally on ``path`` already)."""
        if self.wizard is not None and self.wizard.isVisible() and self.wizard.running():
            self.wizard.raise_()
            return self.wizard
        wizard = ImportWizard(self.window.database, self.window.actor, self.runner(),
                              kind=kind, parent=self.window)
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        self.wizard = wizard
        wizard.show()
        if path is not None:
            wizard.file_page.open(str(path))
        return wizard

    def open_export(self, household_ids: frozenset[int] = frozenset()) -> None:
        """Load the region list in the background, then show the export dialog (limited
        to ``household_ids`` when given)."""
        database = self.window.database

        def load(_job: Job) -> list[RegionRow]:
            with database.read() as session:
                return list_regions(session)

        Operation(load, parent=self.window).success(
            lambda regions: self._show_export(regions, household_ids)).run()

    def export_selection(self) -> None:
        """Export the households selected on the map (the Selection menu's action)."""
        map_controller = getattr(self.window, "map", None)
        ids = frozenset(map_controller.view.canvas.selected_ids()) if map_controller else None
        if ids:
            self.open_export(ids)

    def _show_export(self, regions: list[RegionRow],
                     household_ids: frozenset[int] = frozenset()) -> ExportDialog:
        dialog = ExportDialog(regions, self._export_subjects(), parent=self.window,
                              household_ids=household_ids)
        dialog.accepted.connect(lambda: self.run_export(
            dialog.subject(), dialog.fmt(), Path(dialog.path_edit.text()),
            dialog.chosen_columns(), dialog.export_filter()))
        dialog.open()
        self.export_dialog = dialog
        return dialog

    def run_export(self, subject: str, fmt: str, path: Path, columns: list[str],
                   flt: ExportFilter) -> None:
        database, actor = self.window.database, self.window.actor

        def work(job: Job) -> ExportResult:
            return export(database, actor, subject, fmt, path, columns=columns, flt=flt,
                          progress=job.report)

        def done(result: ExportResult) -> None:
            text = self.tr("{count} rows exported to {file}.").format(count=result.rows,
                                                                      file=result.path.name)
            detail = None
            if result.without_location:
                detail = self.tr("{count} rows have no coordinates and are not on the "
                                 "layer.").format(count=result.without_location)
            dialogs.inform(self.window, self.tr("Export"), text, informative=detail)

        (Operation(work, parent=self.window).success(done)
         .with_progress_dialog(self.tr("Exporting to {file}…").format(file=path.name),
                               cancellable=False)
         .run())


def install(window: Any) -> ImportsController:
    """Add the import and export actions to ``window``'s Data menu."""
    controller = ImportsController(window)
    window.imports = controller
    return controller
