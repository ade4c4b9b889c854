"""The household card: what an identify click on the map shows, with "Open form"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.spatial import HouseholdCard
from widgets.map.styles import code_label


class HouseholdCardWidget(QFrame):
    """A small floating card over the map for one household."""

    openRequested = Signal(int)  # household id
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#householdCard { background: palette(base); border: 1px solid "
                           "palette(mid); border-radius: 4px; }")
        self.card: HouseholdCard | None = None
        self.title = QLabel(self)
        self.title.setObjectName("householdCardTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        self.body = QLabel(self)
        self.body.setObjectName("householdCardBody")
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("householdCardOpen")
        self.open_button.clicked.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.body)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(260)
        self.setMaximumWidth(340)
        self.hide()
        self.translateUI()

    def show_card(self, card: HouseholdCard) -> None:
        self.card = card
        self._fill()
        self.adjustSize()
        self.show()
        self.raise_()

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()

    def _open(self) -> None:
        if self.card is not None:
            self.openRequested.emit(self.card.household_id)

    def _fill(self) -> None:
        card = self.card
        if card is None:
            return
        self.title.setText(self.tr("KK {number}").format(number=card.no_kk))
        lines = [card.head_name or self.tr("(no head of household listed)")]
        address = card.address
        if card.rt or card.rw:
            address = f"{address} RT {card.rt}/RW {card.rw}".strip()
        if address:
            lines.append(address)
        lines.append(self.tr("Kelurahan {name} ({code})").format(
            name=card.kelurahan_name, code=card.kelurahan_code))
        lines.append(self.tr("Desil: {desil} · Members: {n}").format(
            desil=card.desil if card.desil is not None else "–", n=card.members))
        for program, state in card.proposals[:3]:
            lines.append(self.tr("Proposal {program}: {state}").format(
                program=program, state=code_label("status", state)))
        if not card.proposals:
            lines.append(self.tr("No proposals"))
        if card.longitude is not None and card.latitude is not None:
            locale = QLocale()
            lines.append(self.tr("Location {lon}, {lat}").format(
                lon=locale.toString(card.longitude, "f", 6),
                lat=locale.toString(card.latitude, "f", 6)))
        self.body.setText("\n".join(lines))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.open_button.setText(self.tr("Open form"))
        self.close_button.setToolTip(self.tr("Close"))
        self._fill()
