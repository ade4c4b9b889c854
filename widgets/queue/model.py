"""The queue's table model: proposal ids first, rows fetched a page at a time.

Like Anki's browser, the model holds only the ordered ids of what the filters select and
asks for a page of rows when the view first shows one, so a worklist of thousands opens
at once. Counting findings and naming the officer happen in ``db``'s page query, never
per row in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from db.proposals import ProposalRow
from widgets.queue.labels import program_label, state_label

PAGE = 200
COLUMNS = ("priority", "name", "nik", "program", "kelurahan", "rt_rw", "state", "findings",
           "waiting", "officer")
_RED = QColor("#c62828")
_AMBER = QColor("#b26a00")

Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractTableModel):
    """Rows of the selected worklist; ``fetch(ids)`` loads one page of rows."""

    def __init__(self, fetch: Callable[[Sequence[int]], list[ProposalRow]], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[int] = []
        self._rows: dict[int, ProposalRow] = {}
        self._pages: set[int] = set()
        self.today = dt.date.today()

    # ------------------------------------------------------------------ content

    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._rows.clear()
        self._pages.clear()
        self.today = dt.date.today()
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, proposal_id: int) -> int | None:
        try:
            return self._ids.index(proposal_id)
        except ValueError:
            return None

    def proposal(self, row: int) -> ProposalRow | None:
        """The row's data, fetching its page if it was not shown yet."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE
        if page not in self._pages:
            ids = self._ids[page * PAGE:(page + 1) * PAGE]
            self._rows.update((r.id, r) for r in self._fetch(ids))
            self._pages.add(page)
        return self._rows.get(self._ids[row])

    # ------------------------------------------------------------------ Qt

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "priority": self.tr("Priority"), "name": self.tr("Name"), "nik": self.tr("NIK"),
            "program": self.tr("Program"), "kelurahan": self.tr("Kelurahan"),
            "rt_rw": self.tr("RT/RW"), "state": self.tr("Status"),
            "findings": self.tr("Findings"), "waiting": self.tr("Waiting"),
            "officer": self.tr("Field officer"),
        }[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.proposal(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and column == "findings":
            if row.blockers:
                return QBrush(_RED)
            if row.warnings:
                return QBrush(_AMBER)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("priority", "waiting"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == "name":
            return f"{row.name}\n{row.address}\n{row.kelurahan_name}, RT {row.rt}/RW {row.rw}"
        return None

    def _text(self, row: ProposalRow, column: str) -> str:
        if column == "priority":
            return "" if row.priority_score is None else f"{row.priority_score:.1f}"
        if column == "name":
            return row.name
        if column == "nik":
            return row.nik or ""
        if column == "program":
            return program_label(row.program_code)
        if column == "kelurahan":
            return row.kelurahan_name
        if column == "rt_rw":
            return f"{row.rt}/{row.rw}"
        if column == "state":
            return state_label(row.state)
        if column == "findings":
            parts = []
            if row.blockers:
                parts.append(self.tr("%1 blocker(s)").replace("%1", str(row.blockers)))
            if row.warnings:
                parts.append(self.tr("%1 warning(s)").replace("%1", str(row.warnings)))
            return ", ".join(parts)
        if column == "waiting":
            since = row.submitted_at or row.created_at
            days = max((self.today - since.date()).days, 0) if since else 0
            return self.tr("%1 day(s)").replace("%1", str(days))
        if column == "officer":
            return row.assigned_to or ""
        return ""
