"""Quota bars: how much of a period's quota is taken, per area, at a glance.

One :class:`QuotaBar` draws one quota (used of amount) and turns amber near the end and
red when full; a quota lowered below what is already approved says so in words under the
bar. :class:`QuotaBars` stacks the bars of one period: the whole area first, then the
kecamatan and kelurahan splits.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from db.programs import QuotaUsage

_GREEN = QColor("#2e7d32")
_AMBER = QColor("#c77700")
_RED = QColor("#c62828")
# Share of a quota from which the bar turns amber: the last places are going.
NEARLY_FULL = 0.8


class QuotaBar(QWidget):
    """One quota drawn as a bar with "used / amount" and the area's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.usage: QuotaUsage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(160)

    def sizeHint(self) -> QSize:
        return QSize(280, self.fontMetrics().height() + 10)

    def set_usage(self, usage: QuotaUsage | None) -> None:
        self.usage = usage
        self._update_tooltip()
        self.update()

    def colour(self) -> QColor:
        """Green with room left, amber near the end, red when full or over."""
        usage = self.usage
        if usage is None or usage.amount <= 0 or usage.full:
            return _RED
        return _AMBER if usage.used / usage.amount >= NEARLY_FULL else _GREEN

    def text(self) -> str:
        usage = self.usage
        if usage is None:
            return ""
        return self.tr("%1: %2 of %3 used, %4 left").replace("%1", usage.area).replace(
            "%2", str(usage.used)).replace("%3", str(usage.amount)).replace(
            "%4", str(usage.remaining))

    def _update_tooltip(self) -> None:
        usage = self.usage
        if usage is None:
            self.setToolTip("")
            return
        tip = f"{usage.period_name}\n{self.text()}"
        if usage.warning:
            tip += "\n\n" + usage.warning
        self.setToolTip(tip)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 1.5, -0.5, -1.5)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 3, 3)
        usage = self.usage
        if usage is not None:
            share = 1.0 if usage.amount <= 0 else min(usage.used / usage.amount, 1.0)
            fill = QRectF(rect.left(), rect.top(), rect.width() * share, rect.height())
            colour = QColor(self.colour())
            colour.setAlpha(90)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(fill, 3, 3)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(rect.adjusted(6, 0, -6, 0),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                                           int(rect.width()) - 12))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._update_tooltip()
            self.update()
        super().changeEvent(event)


class QuotaBars(QWidget):
    """The quota bars of one period, with the warning of any quota set below its use."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._usages: list[QuotaUsage] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("quotaTitle")
        outer.addWidget(self.title)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.inner = QWidget(self.scroll)
        self.rows = QVBoxLayout(self.inner)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(3)
        self.scroll.setWidget(self.inner)
        outer.addWidget(self.scroll)
        self.warning = QLabel(self)
        self.warning.setObjectName("quotaWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {_RED.name()};")
        self.warning.hide()
        outer.addWidget(self.warning)
        self.bars: list[QuotaBar] = []
        self.translateUI()

    def set_usages(self, usages: Sequence[QuotaUsage]) -> None:
        """Show these quotas (one period's, whole area first)."""
        self._usages = list(usages)
        while len(self.bars) < len(self._usages):
            bar = QuotaBar(self.inner)
            self.rows.addWidget(bar)
            self.bars.append(bar)
        for bar, usage in zip(self.bars, self._usages):
            bar.set_usage(usage)
            bar.show()
        for bar in self.bars[len(self._usages):]:
            bar.set_usage(None)
            bar.hide()
        warnings = [u.warning for u in self._usages if u.warning]
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        row = self.bars[0].sizeHint().height() if self.bars else 20
        self.scroll.setFixedHeight(min(len(self._usages), 2) * (row + 3) + 2)
        self.translateUI()

    def usages(self) -> list[QuotaUsage]:
        return list(self._usages)

    def translateUI(self) -> None:
        if self._usages:
            self.title.setText(self.tr("Quota: %1").replace("%1", self._usages[0].period_name))
        else:
            self.title.setText(self.tr("Quota: no quota set for this period"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
