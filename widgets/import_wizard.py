"""The import wizard: file, sheet and header, column mapping, preview, report, import.

One wizard serves the household import and the three reference lists (coverage, housing
aid, ASN/TNI/Polri); ``kind`` says which. Every step that touches the disk or the
database runs through the ``runner`` the owner passes in (the desktop hands it its
background operations; tests pass a synchronous one), so the window stays responsive
while a 100,000-row file is read, checked and written, and each long step can be
cancelled. Nothing is written before the last page, and only in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from db.actor import Actor
from db.engine import Database
from db.errors import ImportRejected, SpreadsheetUnreadable, TepatError
from db.imports import households as household_import
from db.imports import mapping as mappingmod
from db.imports import reader
from db.imports import reference as reference_import
from db.imports.report import ERROR, ImportReport, write_rejects_xlsx

PREVIEW_RAW_ROWS = 30
SHOWN_PROBLEMS = 1000
KINDS = ("households", "coverage", "housing_aid", "exclusion")


class Job(Protocol):
    def report(self, value: int, maximum: int) -> None: ...

    def cancelled(self) -> bool: ...


class Runner(Protocol):
    """Runs ``work(job)`` in the background and calls back on the GUI thread.

    Returns a handle with ``cancel()``. ``writes`` says the work changes the register,
    so the owner can refresh its views when it succeeds.
    """

    def __call__(
        self,
        work: Callable[[Job], Any],
        *,
        success: Callable[[Any], None],
        failure: Callable[[Exception], None],
        cancelled: Callable[[], None],
        progress: Callable[[int, int], None] | None = None,
        writes: bool = False,
    ) -> Any: ...


# lupdate reads translate("ImportWizard", "...") calls; the alias keeps lines short.
translate = QCoreApplication.translate


def field_labels(kind: str) -> dict[str, str]:
    """The target fields of ``kind`` as the wizard names them (translated)."""
    labels = {
        "nik": translate("ImportWizard", "NIK"),
        "no_kk": translate("ImportWizard", "Family card number (No. KK)"),
        "name": translate("ImportWizard", "Name"),
        "sex": translate("ImportWizard", "Sex"),
        "birth_place": translate("ImportWizard", "Place of birth"),
        "birth_date": translate("ImportWizard", "Date of birth"),
        "relationship": translate("ImportWizard", "Relationship to the head"),
        "marital_status": translate("ImportWizard", "Marital status"),
        "occupation": translate("ImportWizard", "Occupation"),
        "education": translate("ImportWizard", "Education"),
        "address": translate("ImportWizard", "Address"),
        "rt": translate("ImportWizard", "RT"),
        "rw": translate("ImportWizard", "RW"),
        "rt_rw": translate("ImportWizard", "RT/RW in one column"),
        "kelurahan_code": translate("ImportWizard", "Kelurahan code"),
        "kelurahan": translate("ImportWizard", "Kelurahan (name)"),
        "kecamatan": translate("ImportWizard", "Kecamatan"),
        "desil": translate("ImportWizard", "Desil"),
        "latitude": translate("ImportWizard", "Latitude"),
        "longitude": translate("ImportWizard", "Longitude"),
        "coordinates": translate("ImportWizard", "Coordinates in one column"),
        "segment": {
            "coverage": translate("ImportWizard", "JKN segment"),
            "exclusion": translate("ImportWizard", "ASN, TNI or Polri"),
        }.get(kind, translate("ImportWizard", "Segment")),
        "note": {"exclusion": translate("ImportWizard", "Agency")}.get(
            kind, translate("ImportWizard", "Remark")
        ),
        "year": translate("ImportWizard", "Year"),
        "source": translate("ImportWizard", "Source of the aid"),
    }
    return {f.key: labels.get(f.key, f.label) for f in mappingmod.fields_for(kind)}


def kind_title(kind: str) -> str:
    return {
        "households": translate("ImportWizard", "Import households and members"),
        "coverage": translate("ImportWizard", "Import the JKN/PBI coverage list"),
        "housing_aid": translate("ImportWizard", "Import earlier housing-aid recipients"),
        "exclusion": translate("ImportWizard", "Import the ASN/TNI/Polri list"),
    }[kind]


def error_text(error: BaseException) -> str:
    if isinstance(error, TepatError):
        return f"{error.message} {error.hint}" if error.hint else error.message
    return translate(
        "ImportWizard", "Something went wrong that Tepat did not expect: {error}"
    ).format(error=error)


@dataclass
class _State:
    """What the pages share."""

    path: Path | None = None
    book: reader.Workbook | None = None
    sheet: reader.Sheet | None = None
    header: reader.HeaderChoice | None = None
    mapping: mappingmod.Mapping | None = None
    plan: household_import.ImportPlan | None = None
    report: ImportReport | None = None  # the checked report, before writing
    result: ImportReport | None = None  # after writing


class _Pending:
    def cancel(self) -> None:
        return None


_PENDING = _Pending()


class _Busy(QWidget):
    """A progress bar with a Cancel button and a label, shown while a job runs."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelButton")
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        self.handle: Any = None
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setText(translate("ImportWizard", "Cancel"))
        self.hide()

    def start(self, text: str, handle_setter: Callable[[], Any]) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.show()
        # A synchronous runner (tests) finishes inside handle_setter(): stop() has then
        # already run and the job must not look as if it were still going.
        self.handle = _PENDING
        handle = handle_setter()
        if self.handle is _PENDING:
            self.handle = handle

    def progress(self, value: int, maximum: int) -> None:
        if maximum > 0:
            self.bar.setRange(0, maximum)
            self.bar.setValue(min(value, maximum))

    def cancel(self) -> None:
        if self.handle is not None:
            self.cancel_button.setEnabled(False)
            self.label.setText(translate("ImportWizard", "Cancelling…"))
            self.handle.cancel()

    def stop(self) -> None:
        self.handle = None
        self.hide()

    @property
    def running(self) -> bool:
        return self.handle is not None


class _Page(QWizardPage):
    def wiz(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        raise NotImplementedError


# ------------------------------------------------------------------------- 1. file


class FilePage(_Page):
    """Choose the file; it is opened in the background and its first sheet read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("pathEdit")
        self.browse_button = QPushButton(self)
        self.browse_button.setObjectName("browseButton")
        self.status = QLabel(self)
        self.status.setObjectName("fileStatus")
        self.status.setWordWrap(True)
        self.busy = _Busy(self)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.browse_button.clicked.connect(self.browse)
        self.path_edit.editingFinished.connect(lambda: self.open(self.path_edit.text()))
        self._loaded_for: str | None = None
        self.translateUI()

    def translateUI(self) -> None:
        self.setTitle(translate("ImportWizard", "File"))
        self.setSubTitle(
            translate(
                "ImportWizard", "Choose the spreadsheet to import: .xlsx, .xls, .ods or .csv."
            )
        )
        self.intro.setText(
            translate(
                "ImportWizard",
                "The file is only read here; nothing is written to the "
                "register until the last step.",
            )
        )
        self.browse_button.setText(translate("ImportWizard", "Browse…"))

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            translate("ImportWizard", "Choose a spreadsheet"),
            self.path_edit.text() or str(Path.home()),
            translate(
                "ImportWizard",
                "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;All files (*)",
            ),
        )
        if path:
            self.open(path)

    def open(self, text: str) -> None:
        """Open ``text`` as the file to import (in the background)."""
        text = text.strip()
        if not text or text == self._loaded_for or self.busy.running:
            return
        self.path_edit.setText(text)
        state = self.wiz().state
        state.book = state.sheet = None
        self._loaded_for = None
        self.status.setText("")
        self.completeChanged.emit()
        path = Path(text)

        def work(_job: Job) -> tuple[reader.Workbook, reader.Sheet]:
            book = reader.Workbook(path)
            return book, book.sheet(book.default_sheet())

        def done(result: tuple[reader.Workbook, reader.Sheet]) -> None:
            self.busy.stop()
            state.path, (state.book, state.sheet) = path, result
            state.header = None
            self._loaded_for = text
            sheets = len(state.book.sheet_names)
            self.status.setText(
                translate(
                    "ImportWizard", "{file}: {count} sheet(s); sheet '{sheet}' has {rows} rows."
                ).format(
                    file=path.name, count=sheets, sheet=state.sheet.name, rows=len(state.sheet.rows)
                )
            )
            self.completeChanged.emit()

        def failed(error: Exception) -> None:
            self.busy.stop()
            self.status.setText(error_text(error))
            self.completeChanged.emit()

        self.busy.start(
            translate("ImportWizard", "Reading {file}…").format(file=path.name),
            lambda: self.wiz().runner(
                work,
                success=done,
                failure=failed,
                cancelled=lambda: (
                    self.busy.stop(),
                    self.status.setText(translate("ImportWizard", "Cancelled.")),
                ),
            ),
        )

    def isComplete(self) -> bool:
        state = self.wiz().state
        return state.sheet is not None and not self.busy.running


# ------------------------------------------------------------------------- 2. sheet, header


class SheetPage(_Page):
    """Choose the sheet and check the header row the wizard found."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheetCombo")
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("headerSpin")
        self.header_spin.setMinimum(1)
        self.two_rows = QCheckBox(self)
        self.two_rows.setObjectName("twoRowsCheck")
        self.detected = QLabel(self)
        self.detected.setObjectName("headerDetected")
        self.detected.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setObjectName("rawPreview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.busy = _Busy(self)
        form = QFormLayout()
        self.sheet_label = QLabel(self)
        self.header_label = QLabel(self)
        form.addRow(self.sheet_label, self.sheet_combo)
        header_row = QHBoxLayout()
        header_row.addWidget(self.header_spin)
        header_row.addWidget(self.two_rows)
        header_row.addStretch(1)
        form.addRow(self.header_label, header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.detected)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        self.sheet_combo.currentTextChanged.connect(self._sheet_chosen)
        self.header_spin.valueChanged.connect(self._header_chosen)
        self.two_rows.toggled.connect(self._header_chosen)
        self._filling = False
        self.translateUI()

    def translateUI(self) -> None:
        self.setTitle(translate("ImportWizard", "Sheet and header"))
        self.setSubTitle(
            translate("ImportWizard", "Check that the highlighted row holds the column names.")
        )
        self.sheet_label.setText(translate("ImportWizard", "Sheet:"))
        self.header_label.setText(translate("ImportWizard", "Header row:"))
        self.two_rows.setText(translate("ImportWizard", "Header spans two rows"))

    def initializePage(self) -> None:
        state = self.wiz().state
        assert state.book is not None and state.sheet is not None
        self._filling = True
        self.sheet_combo.clear()
        self.sheet_combo.addItems(state.book.sheet_names)
        self.sheet_combo.setCurrentText(state.sheet.name)
        self._filling = False
        self._show_sheet(detect=state.header is None)

    def _sheet_chosen(self, name: str) -> None:
        state = self.wiz().state
        if (
            self._filling
            or not name
            or state.book is None
            or (state.sheet is not None and state.sheet.name == name)
        ):
            return
        book = state.book

        def done(sheet: reader.Sheet) -> None:
            self.busy.stop()
            state.sheet = sheet
            self._show_sheet(detect=True)

        def failed(error: Exception) -> None:
            self.busy.stop()
            state.sheet = None
            state.header = None
            self.detected.setText(error_text(error))
            self.table.clear()
            self.completeChanged.emit()

        self.busy.start(
            translate("ImportWizard", "Reading sheet '{sheet}'…").format(sheet=name),
            lambda: self.wiz().runner(
                lambda _job: book.sheet(name),
                success=done,
                failure=failed,
                cancelled=self.busy.stop,
            ),
        )

    def _show_sheet(self, *, detect: bool) -> None:
        state = self.wiz().state
        sheet = state.sheet
        assert sheet is not None
        fields = mappingmod.fields_for(self.wiz().kind)
        try:
            if detect:
                state.header = reader.detect_header(sheet, fields)
                state.mapping = None
            header = state.header
        except TepatError as exc:
            state.header = None
            self.detected.setText(error_text(exc))
            self.table.clear()
            self.completeChanged.emit()
            return
        assert header is not None
        self._filling = True
        self.header_spin.setMaximum(max(1, len(sheet.rows)))
        self.header_spin.setValue(header.row)
        self.two_rows.setChecked(header.depth == 2)
        self._filling = False
        self._fill_raw(sheet)
        self._describe()

    def _header_chosen(self) -> None:
        state = self.wiz().state
        if self._filling or state.sheet is None:
            return
        try:
            state.header = reader.choose_header(
                state.sheet,
                self.header_spin.value(),
                2 if self.two_rows.isChecked() else 1,
                mappingmod.fields_for(self.wiz().kind),
            )
        except TepatError as exc:
            state.header = None
            self.detected.setText(error_text(exc))
            self.completeChanged.emit()
            return
        state.mapping = None
        self._fill_raw(state.sheet)
        self._describe()

    def _describe(self) -> None:
        header = self.wiz().state.header
        assert header is not None
        text = translate("ImportWizard", "Header: row {row}").format(row=header.row)
        if header.depth == 2:
            text = translate("ImportWizard", "Header: rows {row} and {next}").format(
                row=header.row, next=header.row + 1
            )
        if header.numbering_row:
            text += translate("ImportWizard", "; the numbering row under it is skipped")
        text += translate("ImportWizard", ". {count} known column(s) recognised.").format(
            count=header.score
        )
        self.detected.setText(text)
        self.completeChanged.emit()

    def _fill_raw(self, sheet: reader.Sheet) -> None:
        header = self.wiz().state.header
        rows = sheet.rows[: max(PREVIEW_RAW_ROWS, (header.data_start if header else 0) + 5)]
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(sheet.width)
        self.table.setHorizontalHeaderLabels([reader.column_letter(i) for i in range(sheet.width)])
        self.table.setVerticalHeaderLabels([str(i + 1) for i in range(len(rows))])
        bold = QFont()
        bold.setBold(True)
        header_rows = set()
        if header is not None:
            header_rows = set(range(header.row - 1, header.row - 1 + header.depth))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem("" if value is None else str(value))
                if r in header_rows:
                    item.setFont(bold)
                    item.setBackground(QBrush(QColor("#fff3c4")))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def isComplete(self) -> bool:
        return self.wiz().state.header is not None and not self.busy.running


# ------------------------------------------------------------------------- 3. mapping


class MappingPage(_Page):
    """Which column holds which field, suggested from the headers, saved as JSON."""

    NOT_USED = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(self)
        self.table.setObjectName("mappingTable")
        self.table.setColumnCount(3)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.scheme_label = QLabel(self)
        self.scheme_combo = QComboBox(self)
        self.scheme_combo.setObjectName("schemeCombo")
        self.load_button = QPushButton(self)
        self.load_button.setObjectName("loadMappingButton")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveMappingButton")
        self.suggest_button = QPushButton(self)
        self.suggest_button.setObjectName("suggestButton")
        self.missing = QLabel(self)
        self.missing.setObjectName("mappingMissing")
        self.missing.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.scheme_label)
        buttons.addWidget(self.scheme_combo)
        buttons.addStretch(1)
        buttons.addWidget(self.suggest_button)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.missing)
        self.combos: dict[str, QComboBox] = {}
        self.load_button.clicked.connect(self.load)
        self.save_button.clicked.connect(self.save)
        self.suggest_button.clicked.connect(lambda: self._apply(self._suggestion()))
        self.translateUI()

    def translateUI(self) -> None:
        self.setTitle(translate("ImportWizard", "Columns"))
        self.setSubTitle(
            translate(
                "ImportWizard",
                "Tepat suggested which column holds what. Correct it where "
                "needed; you can save the mapping for next month's file.",
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                translate("ImportWizard", "Field"),
                translate("ImportWizard", "Column in the file"),
                translate("ImportWizard", "First values"),
            ]
        )
        self.scheme_label.setText(translate("ImportWizard", "Numeric relationship codes:"))
        current = self.scheme_combo.currentIndex()
        self.scheme_combo.clear()
        self.scheme_combo.addItem(translate("ImportWizard", "Text only (1 = head)"), None)
        self.scheme_combo.addItem(
            translate("ImportWizard", "Dukcapil KK (3 = wife, 4 = child)"), "dukcapil"
        )
        self.scheme_combo.addItem(
            translate("ImportWizard", "BPS/DTKS (2 = spouse, 3 = child)"), "bps"
        )
        self.scheme_combo.setCurrentIndex(max(current, 0))
        self.load_button.setText(translate("ImportWizard", "Load mapping…"))
        self.save_button.setText(translate("ImportWizard", "Save mapping…"))
        self.suggest_button.setText(translate("ImportWizard", "Suggest again"))
        for key, label in field_labels(self.wiz().kind if self.wizard() else "households").items():
            for row in range(self.table.rowCount()):
                item = self.table.item(row, 0)
                if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
                    item.setText(label)
        for combo in self.combos.values():
            combo.setItemText(0, translate("ImportWizard", "(not used)"))

    def _suggestion(self) -> mappingmod.Mapping:
        header = self.wiz().state.header
        assert header is not None
        return mappingmod.suggest(list(header.labels), self.wiz().kind)

    def initializePage(self) -> None:
        wizard = self.wiz()
        state = wizard.state
        assert state.header is not None and state.sheet is not None
        labels = list(state.header.labels)
        fields = mappingmod.fields_for(wizard.kind)
        names = field_labels(wizard.kind)
        samples = self._samples(state.sheet, state.header)
        self.table.setRowCount(len(fields))
        self.combos = {}
        for row, fld in enumerate(fields):
            item = QTableWidgetItem(names[fld.key] + (" *" if fld.required else ""))
            item.setData(Qt.ItemDataRole.UserRole, fld.key)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, item)
            combo = QComboBox(self.table)
            combo.setObjectName(f"column_{fld.key}")
            combo.addItem(translate("ImportWizard", "(not used)"), self.NOT_USED)
            for index, label in enumerate(labels):
                combo.addItem(label, label)
                combo.setItemData(index + 1, samples.get(index, ""), Qt.ItemDataRole.ToolTipRole)
            combo.currentIndexChanged.connect(self._changed)
            self.table.setCellWidget(row, 1, combo)
            self.table.setItem(row, 2, QTableWidgetItem(""))
            self.combos[fld.key] = combo
        self._samples_by_label = {labels[i]: text for i, text in samples.items()}
        self.scheme_combo.setVisible(wizard.kind == "households")
        self.scheme_label.setVisible(wizard.kind == "households")
        self._apply(state.mapping or self._suggestion())
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, 260)

    @staticmethod
    def _samples(sheet: reader.Sheet, header: reader.HeaderChoice) -> dict[int, str]:
        out: dict[int, list[str]] = {}
        for row in sheet.rows[header.data_start - 1 : header.data_start + 40]:
            for c, value in enumerate(row):
                text = "" if value is None else str(value).strip()
                if text and len(out.setdefault(c, [])) < 3:
                    out[c].append(text)
        return {c: ", ".join(v) for c, v in out.items()}

    def _apply(self, mapping: mappingmod.Mapping) -> None:
        header = self.wiz().state.header
        assert header is not None
        resolved = {}
        for key, label in mapping.columns.items():
            try:
                resolved[key] = mappingmod.Mapping(self.wiz().kind, {key: label}).resolve(
                    list(header.labels)
                )[key]
            except TepatError:
                continue
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(resolved[key] + 1 if key in resolved else 0)
            combo.blockSignals(False)
        index = self.scheme_combo.findData(mapping.relationship_codes)
        self.scheme_combo.setCurrentIndex(max(index, 0))
        self._values = dict(mapping.values)
        self._changed()

    def mapping(self) -> mappingmod.Mapping:
        """The mapping as the operator set it."""
        columns = {
            key: combo.currentData() for key, combo in self.combos.items() if combo.currentData()
        }
        return mappingmod.Mapping(
            self.wiz().kind, columns, self.scheme_combo.currentData(), getattr(self, "_values", {})
        )

    def _changed(self) -> None:
        for row in range(self.table.rowCount()):
            key = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            label = self.combos[key].currentData()
            self.table.item(row, 2).setText(self._samples_by_label.get(label, "") if label else "")
        self.wiz().state.mapping = self.mapping()
        self.missing.setText(self._problem() or "")
        self.completeChanged.emit()

    def _problem(self) -> str | None:
        wizard = self.wiz()
        mapping = wizard.state.mapping
        assert mapping is not None
        names = field_labels(wizard.kind)
        absent = [
            names[f.key]
            for f in mappingmod.fields_for(wizard.kind)
            if f.required and f.key not in mapping.columns
        ]
        if absent:
            return translate("ImportWizard", "Choose the column for: {fields}.").format(
                fields=", ".join(absent)
            )
        if wizard.kind == "housing_aid" and not ({"nik", "no_kk"} & set(mapping.columns)):
            return translate("ImportWizard", "Choose the column holding the NIK or the No. KK.")
        used = [c for c in mapping.columns.values()]
        if len(used) != len(set(used)):
            return translate("ImportWizard", "A column is chosen for two fields.")
        return None

    def isComplete(self) -> bool:
        return self.wiz().state.mapping is not None and self._problem() is None

    def load(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            translate("ImportWizard", "Load a column mapping"),
            str(Path.home()),
            translate("ImportWizard", "Column mappings (*.json)"),
        )
        if path:
            self.load_from(Path(path))

    def load_from(self, path: Path) -> None:
        try:
            mapping = mappingmod.Mapping.load(path)
        except TepatError as exc:
            self.missing.setText(error_text(exc))
            return
        self._apply(mapping)

    def save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("ImportWizard", "Save the column mapping"),
            str(Path.home() / "pemetaan-kolom.json"),
            translate("ImportWizard", "Column mappings (*.json)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        try:
            self.mapping().save(path)
        except OSError as exc:
            self.missing.setText(
                translate("ImportWizard", "The mapping could not be saved: {error}").format(
                    error=exc.strerror
                )
            )


# ------------------------------------------------------------------------- 4. preview

_PREVIEW_KEYS = {
    "households": (
        "nik",
        "no_kk",
        "name",
        "sex",
        "birth_date",
        "relationship",
        "address",
        "rt",
        "rw",
        "kelurahan_code",
        "desil",
        "latitude",
        "longitude",
    ),
    "coverage": ("nik", "name", "segment", "note"),
    "housing_aid": ("nik", "no_kk", "name", "year", "source", "note"),
    "exclusion": ("nik", "name", "segment", "note"),
}


def status_text(status: str) -> str:
    return {
        "new": translate("ImportWizard", "new"),
        "update": translate("ImportWizard", "changed"),
        "unchanged": translate("ImportWizard", "unchanged"),
        "rejected": translate("ImportWizard", "rejected"),
        "duplicate": translate("ImportWizard", "duplicate"),
    }.get(status, status)


class PreviewPage(_Page):
    """Reads and checks the whole file (in the background), then shows the first rows as
    they will be stored, with each row's status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = _Busy(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setObjectName("previewTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.translateUI()

    def translateUI(self) -> None:
        self.setTitle(translate("ImportWizard", "Preview"))
        self.setSubTitle(
            translate(
                "ImportWizard",
                "The first rows as they will be stored. Nothing has been written yet.",
            )
        )

    def initializePage(self) -> None:
        wizard = self.wiz()
        state = wizard.state
        state.plan = state.report = None
        self.table.clear()
        self.table.setRowCount(0)
        self.summary.setText("")
        kind, database, actor = wizard.kind, wizard.database, wizard.actor
        sheet, header, mapping, path = state.sheet, state.header, state.mapping, state.path
        assert sheet is not None and header is not None and mapping is not None
        assert path is not None

        def work(job: Job) -> Any:
            if kind == "households":
                table = reader.table(sheet, header)
                if not table.rows:
                    raise SpreadsheetUnreadable(
                        f"Tidak ada baris data di bawah baris judul {header.row}."
                    )
                return household_import.prepare(
                    database,
                    actor,
                    path,
                    table=table,
                    mapping=mapping,
                    progress=job.report,
                    cancelled=job.cancelled,
                )
            return reference_import.import_reference(
                database,
                actor,
                kind,
                path,
                sheet=sheet.name,
                header_row=header.row,
                header_depth=header.depth,
                mapping=mapping,
                dry_run=True,
                progress=job.report,
                cancelled=job.cancelled,
            )

        def done(result: Any) -> None:
            self.busy.stop()
            if isinstance(result, household_import.ImportPlan):
                state.plan, state.report = result, result.report
            else:
                state.report = result
            self._show()
            self.completeChanged.emit()

        def failed(error: Exception) -> None:
            self.busy.stop()
            self.summary.setText(error_text(error))
            self.completeChanged.emit()

        def cancelled() -> None:
            self.busy.stop()
            self.summary.setText(
                translate(
                    "ImportWizard",
                    "Checking was cancelled. Go back to change something, "
                    "or come to this page again to check anew.",
                )
            )
            self.completeChanged.emit()

        self.busy.start(
            translate("ImportWizard", "Reading and checking every row…"),
            lambda: wizard.runner(
                work, success=done, failure=failed, cancelled=cancelled, progress=self.busy.progress
            ),
        )

    def _show(self) -> None:
        wizard = self.wiz()
        report = wizard.state.report
        assert report is not None
        keys = _PREVIEW_KEYS[wizard.kind]
        names = field_labels(wizard.kind)
        names.update({"kelurahan_code": translate("ImportWizard", "Kelurahan")})
        headers = [
            translate("ImportWizard", "Row"),
            translate("ImportWizard", "Status"),
            *(names.get(k, k) for k in keys),
            translate("ImportWizard", "Notes"),
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        if report.preview:
            rows = [
                (p.line, p.status, [p.values.get(k, "") for k in keys], p.reasons)
                for p in report.preview
            ]
        else:
            rows = self._reference_rows(report, keys)
        self.table.setRowCount(len(rows))
        rejected = QBrush(QColor("#fde2e1"))
        for r, (line, status, values, reasons) in enumerate(rows):
            cells = [str(line), status_text(status), *values, "; ".join(reasons)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if status == "rejected":
                    item.setBackground(rejected)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        c = report.counts
        self.summary.setText(
            translate(
                "ImportWizard",
                "{read} rows read: {new} new, {changed} changed, {same} unchanged, {bad} rejected.",
            ).format(
                read=c.read, new=c.inserted, changed=c.updated, same=c.unchanged, bad=c.rejected
            )
        )

    def _reference_rows(self, report: ImportReport, keys: tuple[str, ...]) -> list:
        """Reference lists: the mapped cells of the first rows, with their problems."""
        state = self.wiz().state
        assert state.sheet is not None and state.header is not None
        assert state.mapping is not None
        table = reader.table(state.sheet, state.header)
        columns = state.mapping.resolve(table.columns)
        problems: dict[int, list[str]] = {}
        for p in report.problems:
            problems.setdefault(p.line, []).append(p.reason)
        rows = []
        for line, cells in table.rows[: household_import.PREVIEW_ROWS]:
            values = ["" if k not in columns else str(cells[columns[k]] or "") for k in keys]
            bad = any(p.line == line and p.severity == ERROR for p in report.errors)
            rows.append((line, "rejected" if bad else "new", values, problems.get(line, [])))
        return rows

    def isComplete(self) -> bool:
        return self.wiz().state.report is not None and not self.busy.running


# ------------------------------------------------------------------------- 5. report


class ReportPage(_Page):
    """Counts and every problem with its row, column and reason; all-or-nothing or
    valid rows only; save the report as .xlsx."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = QLabel(self)
        self.counts.setObjectName("reportCounts")
        self.counts.setWordWrap(True)
        self.problems = QTableWidget(self)
        self.problems.setObjectName("problemTable")
        self.problems.setColumnCount(5)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().hide()
        self.problems.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.all_or_nothing = QRadioButton(self)
        self.all_or_nothing.setObjectName("allOrNothing")
        self.valid_only = QRadioButton(self)
        self.valid_only.setObjectName("validOnly")
        self.all_or_nothing.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.all_or_nothing)
        group.addButton(self.valid_only)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveReportButton")
        self.note = QLabel(self)
        self.note.setObjectName("reportNote")
        self.note.setWordWrap(True)
        options = QHBoxLayout()
        options.addWidget(self.all_or_nothing)
        options.addWidget(self.valid_only)
        options.addStretch(1)
        options.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.problems, 1)
        layout.addLayout(options)
        layout.addWidget(self.note)
        self.all_or_nothing.toggled.connect(self._update)
        self.save_button.clicked.connect(self.save)
        self.setCommitPage(True)
        self.translateUI()

    def translateUI(self) -> None:
        self.setTitle(translate("ImportWizard", "Check report"))
        self.setSubTitle(
            translate("ImportWizard", "What the import will do, and every row it cannot take.")
        )
        self.problems.setHorizontalHeaderLabels(
            [
                translate("ImportWizard", "Row"),
                translate("ImportWizard", "Column"),
                translate("ImportWizard", "Value"),
                translate("ImportWizard", "Reason"),
                translate("ImportWizard", "Kind"),
            ]
        )
        self.all_or_nothing.setText(translate("ImportWizard", "All or nothing"))
        self.valid_only.setText(translate("ImportWizard", "Import the valid rows only"))
        self.save_button.setText(translate("ImportWizard", "Save report…"))
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("ImportWizard", "Import"))

    def initializePage(self) -> None:
        report = self.wiz().state.report
        assert report is not None
        c = report.counts
        text = translate(
            "ImportWizard",
            "{read} rows read: {new} new, {changed} changed, {same} unchanged, "
            "{bad} rejected, {dup} duplicate rows skipped; {blank} blank rows and "
            "{headers} repeated header rows left out.",
        ).format(
            read=c.read,
            new=c.inserted,
            changed=c.updated,
            same=c.unchanged,
            bad=c.rejected,
            dup=c.duplicates,
            blank=c.blank,
            headers=c.repeated_headers,
        )
        if report.kind == "households":
            text += " " + translate(
                "ImportWizard", "Families: {new} new, {changed} changed."
            ).format(new=c.households_inserted, changed=c.households_updated)
        self.counts.setText(text)
        shown = report.problems[:SHOWN_PROBLEMS]
        self.problems.setRowCount(len(shown))
        for r, p in enumerate(shown):
            kind = (
                translate("ImportWizard", "Rejected")
                if p.severity == ERROR
                else translate("ImportWizard", "Warning")
            )
            for col, text in enumerate((str(p.line or ""), p.column, p.value, p.reason, kind)):
                self.problems.setItem(r, col, QTableWidgetItem(text))
        self.problems.resizeColumnToContents(0)
        self._update()

    def _update(self) -> None:
        report = self.wiz().state.report
        if report is None:
            return
        extra = len(report.problems) - SHOWN_PROBLEMS
        note = (
            translate("ImportWizard", "{count} more problems are in the saved report.").format(
                count=extra
            )
            if extra > 0
            else ""
        )
        if report.counts.rejected and self.all_or_nothing.isChecked():
            note = (note + " " if note else "") + translate(
                "ImportWizard",
                "Some rows are rejected, so nothing can be imported all-or-nothing: correct "
                "the file, or choose to import the valid rows only.",
            )
        if report.counts.read and not (
            report.counts.read - report.counts.rejected - report.counts.duplicates
        ):
            note = (note + " " if note else "") + translate(
                "ImportWizard", "No row can be imported."
            )
        self.note.setText(note)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        report = self.wiz().state.report
        if report is None:
            return False
        importable = report.counts.read - report.counts.rejected - report.counts.duplicates
        if importable <= 0:
            return False
        return not report.counts.rejected or self.valid_only.isChecked()

    def save(self) -> None:
        report = self.wiz().state.report
        assert report is not None
        default = Path.home() / f"laporan-impor-{Path(report.file_name).stem}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("ImportWizard", "Save the report"),
            str(default),
            translate("ImportWizard", "Workbooks (*.xlsx)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        report = self.wiz().state.report
        assert report is not None

        def done(_result: Any) -> None:
            self.note.setText(
                translate("ImportWizard", "Report saved to {path}.").format(path=path)
            )

        self.wiz().runner(
            lambda _job: write_rejects_xlsx(report, path),
            success=done,
            failure=lambda e: self.note.setText(error_text(e)),
            cancelled=lambda: None,
        )


# ------------------------------------------------------------------------- 6. import


class ImportPage(_Page):
    """Writes in one transaction, with progress and cancel; shows the final counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = _Busy(self)
        self.result = QLabel(self)
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self._finished = False
        self.translateUI()

    def translateUI(self) -> None:
        self.setTitle(translate("ImportWizard", "Import"))
        self.setSubTitle(
            translate(
                "ImportWizard",
                "Everything is written in one go: a cancel or a failure leaves "
                "the register exactly as it was.",
            )
        )

    def initializePage(self) -> None:
        wizard = self.wiz()
        state = wizard.state
        valid_only = wizard.report_page.valid_only.isChecked()
        kind, database, actor = wizard.kind, wizard.database, wizard.actor
        plan, sheet, header, mapping = state.plan, state.sheet, state.header, state.mapping
        path = state.path
        self._finished = False
        self.result.setText("")

        def work(job: Job) -> ImportReport:
            if kind == "households":
                assert plan is not None
                return household_import.execute(
                    database,
                    actor,
                    plan,
                    valid_only=valid_only,
                    progress=job.report,
                    cancelled=job.cancelled,
                )
            assert sheet is not None and header is not None and path is not None
            return reference_import.import_reference(
                database,
                actor,
                kind,
                path,
                sheet=sheet.name,
                header_row=header.row,
                header_depth=header.depth,
                mapping=mapping,
                valid_only=valid_only,
                progress=job.report,
                cancelled=job.cancelled,
            )

        def done(report: ImportReport) -> None:
            self.busy.stop()
            state.result = report
            self._finished = True
            c = report.counts
            if not report.written:
                self.result.setText(
                    translate(
                        "ImportWizard",
                        "The list is the same as the active one; nothing was changed.",
                    )
                )
            else:
                text = translate(
                    "ImportWizard",
                    "Imported: {new} new, {changed} changed, {same} unchanged, {bad} rejected.",
                ).format(new=c.inserted, changed=c.updated, same=c.unchanged, bad=c.rejected)
                if report.rechecked:
                    text += " " + translate(
                        "ImportWizard",
                        "Desk checks were run again for {n} families with an active proposal.",
                    ).format(n=report.rechecked)
                self.result.setText(text)
            wizard.imported.emit(report)
            self.completeChanged.emit()

        def failed(error: Exception) -> None:
            self.busy.stop()
            self._finished = True
            if isinstance(error, ImportRejected):
                self.result.setText(
                    translate(
                        "ImportWizard",
                        "The register changed since the check and some rows "
                        "are now rejected; nothing was written.",
                    )
                    + " "
                    + error_text(error)
                )
            else:
                self.result.setText(
                    error_text(error) + " " + translate("ImportWizard", "Nothing was written.")
                )
            self.completeChanged.emit()

        def cancelled() -> None:
            self.busy.stop()
            self._finished = True
            self.result.setText(
                translate("ImportWizard", "Import cancelled; the register was not changed.")
            )
            self.completeChanged.emit()

        self.busy.start(
            translate("ImportWizard", "Writing to the register…"),
            lambda: wizard.runner(
                work,
                success=done,
                failure=failed,
                cancelled=cancelled,
                progress=self.busy.progress,
                writes=True,
            ),
        )

    def isComplete(self) -> bool:
        return self._finished


# ------------------------------------------------------------------------- the wizard


class ImportWizard(QWizard):
    """File → sheet and header → columns → preview → report → import."""

    imported = Signal(object)  # ImportReport, after a successful write

    def __init__(
        self,
        database: Database,
        actor: Actor,
        runner: Runner,
        *,
        kind: str = "households",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown import kind {kind!r}")
        self.setObjectName("importWizard")
        self.database = database
        self.actor = actor
        self.runner = runner
        self.kind = kind
        self.state = _State()
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.report_page = ReportPage(self)
        self.import_page = ImportPage(self)
        for page in (
            self.file_page,
            self.sheet_page,
            self.mapping_page,
            self.preview_page,
            self.report_page,
            self.import_page,
        ):
            self.addPage(page)
        self.resize(980, 640)
        self.mapping_page.translateUI()
        self.translateUI()

    def translateUI(self) -> None:
        self.setWindowTitle(kind_title(self.kind))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def running(self) -> bool:
        return any(
            page.busy.running
            for page in (self.file_page, self.sheet_page, self.preview_page, self.import_page)
        )

    def reject(self) -> None:
        """Closing while a job runs cancels it; the wizard closes once it has stopped."""
        for page in (self.file_page, self.sheet_page, self.preview_page, self.import_page):
            if page.busy.running:
                page.busy.cancel()
        super().reject()
