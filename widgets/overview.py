"""The register overview: totals and households and members per kelurahan.

The widget shows what it is given (:class:`db.stats.Stats` and a list of
:class:`db.stats.KelurahanCount`); whoever owns it fetches the data, off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.stats import KelurahanCount, Stats

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class KelurahanTableModel(QAbstractTableModel):
    """Rows of :class:`KelurahanCount`; numbers sort as numbers (``Qt.UserRole``)."""

    CODE, KELURAHAN, KECAMATAN, HOUSEHOLDS, MEMBERS = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[KelurahanCount] = []

    def set_rows(self, rows: Sequence[KelurahanCount]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> KelurahanCount:
        return self._rows[row]

    def retranslate(self) -> None:
        """Headers and formatted numbers depend on the language: ask views to fetch again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, self.columnCount() - 1))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_labels()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= self.HOUSEHOLDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def header_labels(self) -> list[str]:
        return [self.tr("Code"), self.tr("Kelurahan"), self.tr("Kecamatan"),
                self.tr("Households"), self.tr("Members")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        values: tuple[str | int, ...] = (item.code, item.name, item.kecamatan, item.households,
                                         item.members)
        value = values[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return QLocale().toString(value) if isinstance(value, int) else value
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.HOUSEHOLDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _KelurahanFilter(QSortFilterProxyModel):
    """Keeps rows inside one region (by code prefix) that match the typed text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.region_prefix = ""
        self.text = ""
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filter(self, region_prefix: str, text: str) -> None:
        self.beginFilterChange()
        self.region_prefix = region_prefix
        self.text = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, KelurahanTableModel)
        item = model.row_at(source_row)
        if self.region_prefix and not (item.code == self.region_prefix
                                       or item.code.startswith(self.region_prefix + ".")):
            return False
        if self.text:
            haystack = f"{item.code} {item.name} {item.kecamatan}".casefold()
            return self.text in haystack
        return True


class _StatCard(QFrame):
    """One big number with its caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value_label = QLabel("–", self)
        self.value_label.setObjectName("statValue")
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value_label.setFont(font)
        self.caption_label = QLabel(self)
        self.caption_label.setObjectName("statCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)

    def set_value(self, value: int | None) -> None:
        self.value_label.setText("–" if value is None else QLocale().toString(value))


class OverviewWidget(QWidget):
    """Totals of the register and a sortable, filterable table of kelurahan counts."""

    CARDS = ("kecamatan", "kelurahan", "households", "members", "proposals")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overview")
        self._stats: Stats | None = None
        self._region_name = ""

        self.title_label = QLabel(self)
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setWordWrap(True)

        self.cards = {name: _StatCard(self) for name in self.CARDS}
        cards_row = QHBoxLayout()
        cards_row.setSpacing(10)
        for card in self.cards.values():
            cards_row.addWidget(card, 1)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.region_label = QLabel(self)
        self.show_all_button = QPushButton(self)
        self.show_all_button.clicked.connect(lambda: self.show_region("", ""))
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 2)
        filter_row.addWidget(self.region_label, 1)
        filter_row.addWidget(self.show_all_button)

        self.model = KelurahanTableModel(self)
        self.proxy = _KelurahanFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("kelurahanTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(KelurahanTableModel.CODE, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(KelurahanTableModel.KELURAHAN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KelurahanTableModel.KECAMATAN, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(KelurahanTableModel.CODE,
                                  metrics.horizontalAdvance("36.73.06.10000"))
        # Wide enough for "100.000" and for the header in either language.
        for column in (KelurahanTableModel.HOUSEHOLDS, KelurahanTableModel.MEMBERS):
            self.table.setColumnWidth(column, metrics.horizontalAdvance("Households") + 40)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyOverview")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addLayout(cards_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.stack, 1)

        self.setStyleSheet(
            "QFrame#statCard { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
            "QLabel#statValue { color: #0f6e6e; }"
            "QLabel#statCaption { color: palette(dark); }"
        )
        self._update_region_row()
        self.translateUI()

    # ------------------------------------------------------------------ data

    def set_data(self, stats: Stats, rows: Sequence[KelurahanCount]) -> None:
        """Show new totals and per-kelurahan rows (replaces what was shown)."""
        self._stats = stats
        for name, card in self.cards.items():
            card.set_value(getattr(stats, name))
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty_label)
        self.filter_edit.setEnabled(bool(rows))

    def show_region(self, code: str, name: str) -> None:
        """Limit the table to one kecamatan or kelurahan (by code); an empty code shows all."""
        self._region_name = name if code else ""
        self.proxy.set_filter(code, self.filter_edit.text())
        self._update_region_row()

    def visible_rows(self) -> list[KelurahanCount]:
        """The rows the table shows now, in display order."""
        return [self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
                for row in range(self.proxy.rowCount())]

    def _apply_filter(self, text: str) -> None:
        self.proxy.set_filter(self.proxy.region_prefix, text)

    def _update_region_row(self) -> None:
        filtered = bool(self.proxy.region_prefix)
        self.region_label.setVisible(filtered)
        self.show_all_button.setVisible(filtered)
        if filtered:
            self.region_label.setText(self.tr("Showing: {region}").format(region=self._region_name))

    # ------------------------------------------------------------------ language

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.title_label.setText(self.tr("Register overview"))
        self.subtitle_label.setText(self.tr(
            "Households and members in the register, per kelurahan. "
            "Choose a region on the left to narrow the table."))
        captions = {
            "kecamatan": self.tr("Kecamatan"),
            "kelurahan": self.tr("Kelurahan"),
            "households": self.tr("Households"),
            "members": self.tr("Members"),
            "proposals": self.tr("Proposals"),
        }
        for name, card in self.cards.items():
            card.caption_label.setText(captions[name])
            if self._stats is not None:
                card.set_value(getattr(self._stats, name))
        self.filter_edit.setPlaceholderText(self.tr("Filter by kelurahan, kecamatan or code…"))
        self.show_all_button.setText(self.tr("Show all"))
        self.empty_label.setText(self.tr(
            "No regions in the register yet. Load demo data from the Tools menu, "
            "or import region boundaries from the Data menu."))
        self._update_region_row()
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
