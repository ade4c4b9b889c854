"""The About box: version, the database in use and its schema revision, the licence."""

from __future__ import annotations

from importlib import metadata

import PySide6
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from db import schema
from db.engine import Database
from widgets.icons import icon


def version() -> str:
    """The installed Tepat version ("unknown" when run from an uninstalled tree)."""
    try:
        return metadata.version("tepat")
    except metadata.PackageNotFoundError:
        return "unknown"


class AboutDialog(QDialog):
    """What is running, on which database, under which licence."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.database = database
        try:
            self.revision: str | None = schema.state(database).current
        except SQLAlchemyError:
            # The About box must still open when the server has gone away.
            self.revision = None

        logo = QLabel(self)
        logo.setPixmap(icon("tepat").pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.name_label = QLabel(f"Tepat {version()}", self)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name_label.setFont(font)
        self.tagline_label = QLabel(self)
        self.tagline_label.setWordWrap(True)

        self.database_caption = QLabel(self)
        self.database_value = QLabel(database.info().describe(), self)
        self.database_value.setWordWrap(True)
        self.database_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.schema_caption = QLabel(self)
        self.schema_value = QLabel(self)
        self.qt_caption = QLabel(self)
        self.qt_value = QLabel(f"Qt {qVersion()}, PySide6 {PySide6.__version__}", self)
        self.licence_caption = QLabel(self)
        self.licence_value = QLabel(self)
        self.licence_value.setWordWrap(True)
        details = QFormLayout()
        details.addRow(self.database_caption, self.database_value)
        details.addRow(self.schema_caption, self.schema_value)
        details.addRow(self.qt_caption, self.qt_value)
        details.addRow(self.licence_caption, self.licence_value)

        text = QVBoxLayout()
        text.addWidget(self.name_label)
        text.addWidget(self.tagline_label)
        text.addSpacing(8)
        text.addLayout(details)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addSpacing(12)
        top.addLayout(text, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.translateUI()

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.setWindowTitle(self.tr("About Tepat"))
        self.tagline_label.setText(self.tr(
            "Targeting social assistance (PBI-JK, RTLH) at the kecamatan office: "
            "household register, verification and proposal letters."))
        self.database_caption.setText(self.tr("Database:"))
        self.schema_caption.setText(self.tr("Schema revision:"))
        self.schema_value.setText(self.revision or self.tr("none (empty database)"))
        self.qt_caption.setText(self.tr("Built with:"))
        self.licence_caption.setText(self.tr("Licence:"))
        self.licence_value.setText(self.tr(
            "MIT License. Free to use, copy, change and share; comes with no warranty."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
