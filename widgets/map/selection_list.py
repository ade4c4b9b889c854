"""The list of the households selected on the map: a table beside the map.

The dialog shows rows it is given (:class:`db.spatial.HouseholdRow`, read by the
application in the background) and says what the operator does through signals: rows
picked in the table (to mark them on the map) and a household to open. Sorting happens
in the model, on whole rows, so a selection of thousands sorts at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.spatial import HouseholdRow
from widgets.map.styles import code_label

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole

COLUMNS = ("no_kk", "head", "kelurahan", "rt_rw", "desil", "proposal")


def _last_if_none(value: Any) -> tuple[bool, Any]:
    """A sort key putting missing values after the others, whatever their type."""
    return (value is None, value if value is not None else 0)


# Sort keys per column: the area columns sort by the whole address (kelurahan, RW, RT),
# which is the order a field visit follows.
_SORT_KEYS: dict[str, Callable[[HouseholdRow], Any]] = {
    "no_kk": lambda r: r.no_kk,
    "head": lambda r: (r.head_name.casefold(), r.household_id),
    "kelurahan": lambda r: (r.kelurahan_name.casefold(), r.rw, r.rt, r.household_id),
    "rt_rw": lambda r: (r.rw, r.rt, r.kelurahan_name.casefold(), r.household_id),
    "desil": lambda r: (_last_if_none(r.desil), r.household_id),
    "proposal": lambda r: (_last_if_none(r.program), _last_if_none(r.state), r.household_id),
}


class HouseholdRowsModel(QAbstractTableModel):
    """Household rows for a table view; sortable by every column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HouseholdRow] = []

    def set_rows(self, rows: Sequence[HouseholdRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> HouseholdRow:
        return self._rows[row]

    def household_id(self, row: int) -> int:
        return self._rows[row].household_id

    def household_ids(self) -> list[int]:
        return [r.household_id for r in self._rows]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "no_kk": self.tr("No. KK"),
            "head": self.tr("Head of household"),
            "kelurahan": self.tr("Kelurahan"),
            "rt_rw": self.tr("RT/RW"),
            "desil": self.tr("Desil"),
            "proposal": self.tr("Latest proposal"),
        }[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == ID_ROLE:
            return row.household_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "desil":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "no_kk":
            return row.no_kk
        if column == "head":
            return row.head_name
        if column == "kelurahan":
            return row.kelurahan_name
        if column == "rt_rw":
            return f"{row.rt}/{row.rw}"
        if column == "desil":
            return "" if row.desil is None else str(row.desil)
        if row.state is None:
            return self.tr("No proposal")
        state = code_label("status", row.state)
        return f"{row.program.upper()}: {state}" if row.program else state

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows.sort(key=_SORT_KEYS[COLUMNS[column]],
                        reverse=order == Qt.SortOrder.DescendingOrder)
        # Keep the view's selection and current row on the same households.
        where = {r.household_id: k for k, r in enumerate(self._rows)}
        moved_from = self.persistentIndexList()
        moved_to = [self.index(where[old[i.row()].household_id], i.column())
                    for i in moved_from]
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()


class SelectionListDialog(QDialog):
    """The selected households in a sortable table; double-click or Enter opens one."""

    householdsPicked = Signal(list)  # ids of the rows selected in the table
    openRequested = Signal(int)  # the household to open in its form

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selectionListDialog")
        self._loading: int | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("selectionListSummary")
        self.summary.setWordWrap(True)
        self.model = HouseholdRowsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("selectionListTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("kelurahan"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._on_rows_picked)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._sync_buttons())

        self.buttons = QDialogButtonBox(self)
        # The default button: Enter in the table opens the current household.
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("selectionListOpen")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open_current)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 460)
        self.translateUI()

    # ------------------------------------------------------------------ data in

    def set_loading(self, count: int) -> None:
        """Say that the rows of ``count`` selected households are being read."""
        self._loading = count
        self.model.set_rows([])
        self.translateUI()

    def set_rows(self, rows: Sequence[HouseholdRow]) -> None:
        """Show these households (sorted as the table is sorted)."""
        self._loading = None
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.table.resizeColumnsToContents()
        self.translateUI()

    def household_ids(self) -> list[int]:
        """The households listed, top to bottom."""
        return self.model.household_ids()

    def picked_ids(self) -> list[int]:
        """The households whose rows are selected, top to bottom."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.household_id(r) for r in rows]

    # ------------------------------------------------------------------ reactions

    def _on_rows_picked(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._sync_buttons()
        self.householdsPicked.emit(self.picked_ids())

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.openRequested.emit(self.model.household_id(row))

    def _sync_buttons(self) -> None:
        self.open_button.setEnabled(self.table.currentIndex().isValid())

    # ------------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        locale = QLocale()
        n = self.model.rowCount()
        self.setWindowTitle(self.tr("Selected households ({n})").format(
            n=locale.toString(n if self._loading is None else self._loading)))
        if self._loading is not None:
            self.summary.setText(self.tr("Reading {n} households…").format(
                n=locale.toString(self._loading)))
        elif n:
            self.summary.setText(self.tr(
                "{n} households selected on the map. Pick rows to mark them on the map; "
                "double-click a row or press Enter to open the household.").format(
                n=locale.toString(n)))
        else:
            self.summary.setText(self.tr(
                "No households selected: select some on the map with Select box or "
                "Select lasso."))
        self.open_button.setText(self.tr("Open household"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.table.viewport().update()  # the proposal column is translated as it is drawn
        self._sync_buttons()
