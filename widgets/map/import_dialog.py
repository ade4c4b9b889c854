"""Importing boundaries from a Shapefile or GeoPackage: choose the attributes, see the
preview, then import. Nothing is written until the operator presses Import."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.boundary_formats import (
    BoundaryPreview,
    BoundarySource,
    FieldMapping,
    RegionNames,
    build_preview,
    detect_mapping,
)

_PROBLEM = QColor(255, 228, 225)
_REPAIR = QColor(255, 246, 205)


class BoundaryImportDialog(QDialog):
    """Attribute mapping and a per-feature preview of a boundary file."""

    def __init__(self, source: BoundarySource, names: RegionNames,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boundaryImportDialog")
        self.source = source
        self.names = names
        self.shown: BoundaryPreview | None = None
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.code_combo = QComboBox(self)
        self.code_combo.setObjectName("codeFieldCombo")
        self.name_combo = QComboBox(self)
        self.name_combo.setObjectName("nameFieldCombo")
        self.parent_combo = QComboBox(self)
        self.parent_combo.setObjectName("kecamatanFieldCombo")
        self.form = QFormLayout()
        self.code_label = QLabel(self)
        self.name_label = QLabel(self)
        self.parent_label = QLabel(self)
        self.form.addRow(self.code_label, self.code_combo)
        self.form.addRow(self.name_label, self.name_combo)
        self.form.addRow(self.parent_label, self.parent_combo)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("boundaryPreviewTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importBoundariesButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(self.form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(820, 560)

        detected = detect_mapping(source)
        self._fill_combos(detected)
        for combo in (self.code_combo, self.name_combo, self.parent_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.translateUI()

    def _fill_combos(self, mapping: FieldMapping) -> None:
        for combo, chosen in ((self.code_combo, mapping.code_field),
                              (self.name_combo, mapping.name_field),
                              (self.parent_combo, mapping.parent_name_field)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("", None)
            for name in self.source.fields:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.blockSignals(False)

    def mapping(self) -> FieldMapping:
        """The attribute mapping chosen in the dialog."""
        code = self.code_combo.currentData()
        return FieldMapping(
            code_field=code,
            name_field=None if code else self.name_combo.currentData(),
            parent_name_field=None if code else self.parent_combo.currentData(),
        )

    def refresh(self) -> None:
        """Preview again with the chosen attributes."""
        mapping = self.mapping()
        self.name_combo.setEnabled(mapping.code_field is None)
        self.parent_combo.setEnabled(mapping.code_field is None)
        if mapping.code_field is None and mapping.name_field is None:
            self.shown = None
            self.table.setRowCount(0)
            self.summary.setText(self.tr("Choose the attribute holding the region code or the "
                                         "region name."))
            self.import_button.setEnabled(False)
            return
        self.shown = build_preview(self.names, self.source, mapping)
        rows = self.shown.rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            if row.problem:
                state = self.tr("Left out: {reason}").format(reason=row.problem)
            elif row.geometry.startswith("repair: "):
                state = self.tr("Will be repaired: {reason}").format(reason=row.geometry[8:])
            else:
                state = self.tr("Ready")
            cells = [str(row.number), row.value, row.code or "",
                     row.official_name or row.file_name, state]
            colour = _PROBLEM if row.problem else _REPAIR if row.geometry != "ok" else None
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                if c == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr(
            "{kel} kelurahan and {kec} kecamatan will be stored; {out} features are left out. "
            "Kecamatan missing from the file are formed by joining their kelurahan.").format(
            kel=self.shown.kelurahan, kec=self.shown.kecamatan, out=len(self.shown.left_out)))
        self.import_button.setEnabled(self.shown.kelurahan + self.shown.kecamatan > 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.setWindowTitle(self.tr("Import boundaries: {name}").format(name=self.source.name))
        self.info.setText(self.tr(
            "{name}: {n} features, coordinate system {crs} (converted to longitude/latitude)."
        ).format(name=self.source.name, n=len(self.source.features), crs=self.source.crs))
        self.code_label.setText(self.tr("Region code attribute"))
        self.name_label.setText(self.tr("Or region name attribute"))
        self.parent_label.setText(self.tr("Kecamatan name attribute"))
        for combo in (self.code_combo, self.name_combo, self.parent_combo):
            combo.setItemText(0, self.tr("(none)"))
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("In the file"), self.tr("Code"), self.tr("Region"),
            self.tr("Result")])
        self.import_button.setText(self.tr("Import"))
        self.refresh()
