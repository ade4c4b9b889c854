"""The spatial check's findings: counts per kind and one row per household, with
"Show on map" for the selected rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.spatial import KINDS, SpatialReport


class SpatialReportDialog(QDialog):
    """Findings of :func:`db.spatial.check_spatial`; ``showRequested`` asks the map to
    select and zoom to households."""

    showRequested = Signal(list)  # household ids

    def __init__(self, report: SpatialReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spatialReportDialog")
        self.report = report
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(report.findings), 4, self)
        self.table.setObjectName("spatialFindingsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.show_selected())
        for row, finding in enumerate(report.findings):
            cells = [self._kind_label(finding.kind), finding.no_kk, finding.head_name,
                     finding.message]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("showOnMapButton")
        self.show_button.setEnabled(False)
        self.show_button.clicked.connect(self.show_selected)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 520)
        self.translateUI()

    def selected_ids(self) -> list[int]:
        """Households of the selected rows (both of a near-duplicate pair)."""
        ids: list[int] = []
        for index in self.table.selectionModel().selectedRows():
            finding = self.report.findings[index.row()]
            ids.append(finding.household_id)
            if finding.other_household_id is not None:
                ids.append(finding.other_household_id)
        return sorted(set(ids))

    def show_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.showRequested.emit(ids)

    def _selection_changed(self) -> None:
        self.show_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _kind_label(self, kind: str) -> str:
        return {
            "swapped_lon_lat": self.tr("Longitude/latitude swapped"),
            "outside_indonesia": self.tr("Outside Indonesia"),
            "outside_region": self.tr("Outside the office's region"),
            "wrong_kelurahan": self.tr("Outside its kelurahan"),
            "near_duplicate": self.tr("Possible duplicate household"),
        }.get(kind, kind)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.setWindowTitle(self.tr("Spatial check"))
        locale = QLocale()
        counts = self.report.counts()
        parts = [f"{self._kind_label(k)}: {locale.toString(counts[k])}" for k in KINDS]
        self.summary.setText(self.tr(
            "{checked} households with a location checked ({missing} without one), distances "
            "in {crs}.").format(checked=locale.toString(self.report.checked),
                                missing=locale.toString(self.report.without_location),
                                crs=self.report.crs) + "\n" + " · ".join(parts))
        self.table.setHorizontalHeaderLabels([self.tr("Finding"), self.tr("No. KK"),
                                              self.tr("Head of household"), self.tr("Details")])
        for row, finding in enumerate(self.report.findings):
            self.table.item(row, 0).setText(self._kind_label(finding.kind))
        self.show_button.setText(self.tr("Show on map"))
