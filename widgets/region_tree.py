"""The region tree: city → kecamatan → kelurahan, each with its household count."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.regions import RegionRow

CODE_ROLE = Qt.ItemDataRole.UserRole
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1


class RegionTree(QWidget):
    """Regions of the register as a tree; selecting one emits :attr:`regionSelected`.

    Counts come in per kelurahan and are summed upwards here, so the owner needs only
    one grouped query.
    """

    regionSelected = Signal(str, str)  # code, label such as "Kecamatan Serang"; "" for all

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regionTree")
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 0px; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(12)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._counts: dict[str, int] = {}
        self.translateUI()

    def set_data(self, regions: Sequence[RegionRow], households: Mapping[str, int],
                 office_code: str | None = None) -> None:
        """Show ``regions`` (any levels below the province) with ``households`` per kelurahan.

        The office's kecamatan is shown in bold and expanded; the selection and the
        expanded branches survive a refresh.
        """
        selected = self.current_code()
        expanded = {code for code, item in self._items.items() if item.isExpanded()}
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items.clear()
        self._counts = _sum_upwards(regions, households)
        for region in regions:
            if region.level == "provinsi":
                continue
            parent = self._items.get(region.parent_code or "")
            item = QTreeWidgetItem([region.name, ""])
            item.setData(0, CODE_ROLE, region.code)
            item.setData(0, LEVEL_ROLE, region.level)
            item.setToolTip(0, region.code)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._items[region.code] = item
        for code, item in self._items.items():
            if code == office_code:
                font = QFont(item.font(0))
                font.setBold(True)
                item.setFont(0, font)
            item.setExpanded(code in expanded or code == office_code
                             or item.parent() is None)
        self._format_counts()
        if selected in self._items:
            self.tree.setCurrentItem(self._items[selected])
        self.tree.blockSignals(False)
        self.stack.setCurrentWidget(self.tree if self._items else self.empty_label)

    def current_code(self) -> str:
        item = self.tree.currentItem()
        return str(item.data(0, CODE_ROLE)) if item is not None else ""

    def item_for(self, code: str) -> QTreeWidgetItem | None:
        return self._items.get(code)

    def select(self, code: str) -> None:
        """Make ``code`` the current region (emits :attr:`regionSelected`)."""
        item = self._items.get(code)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _format_counts(self) -> None:
        locale = QLocale()
        for code, item in self._items.items():
            item.setText(1, locale.toString(self._counts.get(code, 0)))

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None or current.parent() is None:
            # The city is everything the register holds.
            self.regionSelected.emit("", "")
        else:
            self.regionSelected.emit(str(current.data(0, CODE_ROLE)), self._label(current))

    def _label(self, item: QTreeWidgetItem) -> str:
        # Names repeat across levels (Serang is a city, a kecamatan and a kelurahan).
        name = item.text(0)
        if item.data(0, LEVEL_ROLE) == "kecamatan":
            return self.tr("Kecamatan {name}").format(name=name)
        code = str(item.data(0, CODE_ROLE))
        if code.rsplit(".", 1)[-1].startswith("2"):
            return self.tr("Desa {name}").format(name=name)
        return self.tr("Kelurahan {name}").format(name=name)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.tree.setHeaderLabels([self.tr("Region"), self.tr("Households")])
        self.empty_label.setText(self.tr("No regions loaded yet."))
        self._format_counts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)


def _sum_upwards(regions: Sequence[RegionRow], households: Mapping[str, int]) -> dict[str, int]:
    parents = {r.code: r.parent_code for r in regions}
    totals: dict[str, int] = {}
    for code, count in households.items():
        node: str | None = code
        while node is not None:
            totals[node] = totals.get(node, 0) + count
            node = parents.get(node)
    return totals
