"""The change history of one household: who changed what, when, from what to what.

Reads :func:`db.households.history` (the audit trail of the household, its members and
its attachments); newest first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import households
from db.actor import Actor
from db.engine import Database
from widgets.register import labels


class HistoryPanel(QWidget):
    """A read-only table of audit events for one household."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.household_id: int | None = None
        self.entries: list[households.HistoryEntry] = []
        self.summary = QLabel(self)
        self.summary.setObjectName("historySummary")
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("historyTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((140, 110, 130, 170, 170, 170)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.translateUI()

    def load(self, household_id: int | None) -> None:
        """Show the history of ``household_id`` (None: a household not saved yet)."""
        self.household_id = household_id
        if household_id is None:
            self.entries = []
        else:
            with self.database.read() as session:
                self.entries = households.history(session, self.actor, household_id)
        self._fill()

    def _fill(self) -> None:
        locale = QLocale()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            when = locale.toString(entry.at.astimezone(), QLocale.FormatType.ShortFormat)
            if entry.entity == "member":
                what = self.tr("Member: {name}").format(name=entry.subject or entry.entity_id)
            elif entry.entity == "attachment":
                what = self.tr("Attachment")
            else:
                what = self.tr("Household")
            field = entry.field or ""
            if entry.entity == "attachment":
                field_text = labels.attachment_kind_label(field)
            else:
                field_text = labels.field_label(field) if field else ""
            cells = (when, entry.username, labels.action_label(entry.action), what,
                     field_text, self._change(field, entry.old_value, entry.new_value))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 5 and entry.reason and not entry.reason.startswith("household:"):
                    item.setToolTip(entry.reason)
                self.table.setItem(row, column, item)
        self.summary.setText(self.tr("Changes recorded: {count}").format(
            count=locale.toString(len(self.entries))))

    def _change(self, field: str, old: str | None, new: str | None) -> str:
        old_text = labels.value_text(field, old) if old not in (None, "") else ""
        new_text = labels.value_text(field, new) if new not in (None, "") else ""
        if old_text and new_text:
            return f"{old_text} → {new_text}"
        if new_text:
            return new_text
        if old_text:
            return self.tr("{old} → (empty)").format(old=old_text)
        return ""

    def translateUI(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("User"), self.tr("Action"), self.tr("Record"),
            self.tr("Field"), self.tr("Old → new")])
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
