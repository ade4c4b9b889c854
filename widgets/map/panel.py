"""The layer panel: which layers show, in what order and how opaque, with their legends.

Also where the household style is chosen (status, program, desil, findings) and whether
households show as points, as a density grid, or automatically by crowding.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.spatial import ATTRIBUTES
from widgets.map.canvas import MapCanvas
from widgets.map.export import draw_swatch
from widgets.map.layers import LegendItem, MapLayer
from widgets.map.styles import attribute_label

LAYER_ROLE = Qt.ItemDataRole.UserRole


def swatch_icon(item: LegendItem, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    draw_swatch(painter, item, QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return QIcon(pixmap)


def blank_icon(size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the width left in the tree.

    QTreeView measures a wrapped row against the whole column, not the part beside the
    indentation and the icon, so a line slightly too long is cut instead of wrapped.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth = 1 if self.tree.rootIsDecorated() else 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        margin = self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin,
                                               None, self.tree) + 1
        icon = 0 if opt.icon.isNull() else opt.decorationSize.width() + 2 * margin
        width = max(40, self.tree.viewport().width() - depth * self.tree.indentation()
                    - icon - 4 * margin)
        text = opt.fontMetrics.boundingRect(QRect(0, 0, width, 100_000),
                                            int(Qt.TextFlag.TextWordWrap), opt.text)
        return QSize(min(base.width(), width + icon + 2 * margin),
                     max(base.height(), text.height() + 2 * margin))


class LayerPanel(QWidget):
    """Layers top to bottom with check boxes and legends, order buttons and opacity."""

    styleChosen = Signal(str)

    def __init__(self, canvas: MapCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapLayerPanel")
        self.canvas = canvas
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.setRootIsDecorated(True)
        # Long legend lines (how to read the density grid) wrap instead of being cut.
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.viewport().installEventFilter(self)
        self._tree_width = 0
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(self._on_current_changed)

        self.up_button = QToolButton(self)
        self.up_button.setArrowType(Qt.ArrowType.UpArrow)
        self.up_button.clicked.connect(lambda: self._move(+1))
        self.down_button = QToolButton(self)
        self.down_button.setArrowType(Qt.ArrowType.DownArrow)
        self.down_button.clicked.connect(lambda: self._move(-1))
        self.opacity_label = QLabel(self)
        self.opacity = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity.setRange(0, 100)
        self.opacity.valueChanged.connect(self._on_opacity)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addWidget(self.opacity_label)
        buttons.addWidget(self.opacity, 1)

        self.style_combo = QComboBox(self)
        self.style_combo.setObjectName("mapStyleCombo")
        self.style_combo.currentIndexChanged.connect(self._on_style)
        self.mode_combo = QComboBox(self)
        self.mode_combo.setObjectName("mapModeCombo")
        self.mode_combo.currentIndexChanged.connect(self._on_mode)
        self.form = QFormLayout()
        self.style_label = QLabel(self)
        self.mode_label = QLabel(self)
        self.form.addRow(self.style_label, self.style_combo)
        self.form.addRow(self.mode_label, self.mode_combo)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addLayout(self.form)

        # Rebuilt after the event that changed a layer has been handled: a check box click
        # changes a layer, and clearing the tree under the clicked item would delete it
        # while Qt still holds it.
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.timeout.connect(self.rebuild)
        canvas.layersChanged.connect(self._rebuild_timer.start)
        self.translateUI()
        self.rebuild()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.tree.viewport() and event.type() == QEvent.Type.Resize
                and self.tree.viewport().width() != self._tree_width):
            # Row heights depend on the width: measure them again.
            self._tree_width = self.tree.viewport().width()
            self.tree.doItemsLayout()
        return False

    def sizeHint(self) -> QSize:
        # Narrow beside the map: legends are short, the map needs the room.
        return QSize(270, 400)

    # ------------------------------------------------------------------ building

    def rebuild(self) -> None:
        """Fill the tree again from the canvas (layers top to bottom)."""
        self._rebuild_timer.stop()
        current = self.current_layer()
        self.tree.blockSignals(True)
        self.tree.clear()
        select = None
        for layer in reversed(self.canvas.layers()):
            if not layer.show_in_panel:
                continue
            item = QTreeWidgetItem([layer.title()])
            item.setData(0, LAYER_ROLE, layer.layer_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if layer.is_visible()
                               else Qt.CheckState.Unchecked)
            if layer.notice():
                item.setToolTip(0, layer.notice())
            self.tree.addTopLevelItem(item)
            for entry in layer.legend(self.canvas.transform()):
                text = entry.label if entry.count is None else f"{entry.label} ({entry.count:,})" \
                    .replace(",", ".")
                child = QTreeWidgetItem([text])
                child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                child.setToolTip(0, text)  # in case the panel is too narrow for it
                if entry.shape == "note":
                    child.setIcon(0, blank_icon())  # lines up with the entries above
                elif entry.shape != "text":
                    child.setIcon(0, swatch_icon(entry))
                item.addChild(child)
            item.setExpanded(True)
            if layer is current:
                select = item
        self.tree.blockSignals(False)
        if select is not None:
            self.tree.setCurrentItem(select)
        self._sync_controls()

    def current_layer(self) -> MapLayer | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        while item.parent() is not None:
            item = item.parent()
        layer_id = item.data(0, LAYER_ROLE)
        return next((lay for lay in self.canvas.layers() if lay.layer_id == layer_id), None)

    def layer_item(self, layer_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, LAYER_ROLE) == layer_id:
                return item
        return None

    def _sync_controls(self) -> None:
        layer = self.current_layer()
        self.up_button.setEnabled(layer is not None)
        self.down_button.setEnabled(layer is not None)
        self.opacity.setEnabled(layer is not None)
        self.opacity.blockSignals(True)
        self.opacity.setValue(round(100 * (layer.opacity() if layer else 1.0)))
        self.opacity.blockSignals(False)
        self.opacity_label.setText(self.tr("Opacity {n}%").format(n=self.opacity.value()))
        households = self.canvas.households
        self.style_combo.blockSignals(True)
        self.style_combo.setCurrentIndex(max(0, ATTRIBUTES.index(households.attribute())))
        self.style_combo.blockSignals(False)
        self.mode_combo.blockSignals(True)
        self.mode_combo.setCurrentIndex(households.MODES.index(households.mode()))
        self.mode_combo.blockSignals(False)

    # ------------------------------------------------------------------ reactions

    def _on_item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        layer_id = item.data(0, LAYER_ROLE)
        layer = next((lay for lay in self.canvas.layers() if lay.layer_id == layer_id), None)
        if layer is not None:
            layer.set_visible(item.checkState(0) == Qt.CheckState.Checked)

    def _on_current_changed(self, *_args: object) -> None:
        self._sync_controls()

    def _move(self, step: int) -> None:
        """Move the current layer up (towards the top of the map) or down."""
        layer = self.current_layer()
        if layer is None:
            return
        order = self.canvas.layers()
        self.canvas.move_layer(layer, order.index(layer) + step)

    def _on_opacity(self, value: int) -> None:
        layer = self.current_layer()
        if layer is not None:
            layer.set_opacity(value / 100)
        self.opacity_label.setText(self.tr("Opacity {n}%").format(n=value))

    def _on_style(self, index: int) -> None:
        if 0 <= index < len(ATTRIBUTES):
            self.canvas.households.set_attribute(ATTRIBUTES[index])
            self.styleChosen.emit(ATTRIBUTES[index])
            self.rebuild()

    def _on_mode(self, index: int) -> None:
        modes = self.canvas.households.MODES
        if 0 <= index < len(modes):
            self.canvas.households.set_mode(modes[index])

    # ------------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.up_button.setToolTip(self.tr("Move the layer up"))
        self.down_button.setToolTip(self.tr("Move the layer down"))
        self.opacity_label.setText(self.tr("Opacity {n}%").format(n=self.opacity.value()))
        self.style_label.setText(self.tr("Colour households by"))
        self.mode_label.setText(self.tr("Show households as"))
        self.style_combo.blockSignals(True)
        self.style_combo.clear()
        self.style_combo.addItems([attribute_label(a) for a in ATTRIBUTES])
        self.style_combo.blockSignals(False)
        self.mode_combo.blockSignals(True)
        self.mode_combo.clear()
        self.mode_combo.addItems([self.tr("Automatic"), self.tr("Points"),
                                  self.tr("Density grid")])
        self.mode_combo.setToolTip(self.tr("Automatic: points, or a density grid where "
                                           "households crowd too closely to tell apart"))
        self.mode_combo.blockSignals(False)
        self._sync_controls()
