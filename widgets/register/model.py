"""A lazy table model over the household register, Anki-browser style.

The model holds only the ordered list of household ids for the current filter and sort
(one query). Rows are fetched a page at a time, by id, the first time the view asks for
one of them (one query per page), and kept in a small cache of recent pages. Opening the
register therefore costs one id query and one page query, whatever its size.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from db import search
from db.actor import Actor
from db.engine import Database
from db.search import RegisterFilter, RegisterRow
from widgets.register import labels

Index = QModelIndex | QPersistentModelIndex

HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # English source, translated in headerData
    sort: str | None  # db.search sort key, None: not sortable


COLUMNS: tuple[Column, ...] = (
    Column("no_kk", QT_TRANSLATE_NOOP("RegisterModel", "No. KK"), "no_kk"),
    Column("head", QT_TRANSLATE_NOOP("RegisterModel", "Head of household"), "head_name"),
    Column("address", QT_TRANSLATE_NOOP("RegisterModel", "Address"), "address"),
    Column("rt_rw", QT_TRANSLATE_NOOP("RegisterModel", "RT/RW"), "rt_rw"),
    Column("kelurahan", QT_TRANSLATE_NOOP("RegisterModel", "Kelurahan"), "kelurahan"),
    Column("desil", QT_TRANSLATE_NOOP("RegisterModel", "Desil"), "desil"),
    Column("members", QT_TRANSLATE_NOOP("RegisterModel", "Members"), "members"),
    Column("flags", QT_TRANSLATE_NOOP("RegisterModel", "Flags"), None),
    Column("status", QT_TRANSLATE_NOOP("RegisterModel", "Proposal"), "status"),
)
DEFAULT_SORT = "location"  # kelurahan, RW, RT: the register's natural order


@dataclass(frozen=True)
class FilterOptions:
    """Choices for the filter bar."""

    kecamatan: list[tuple[str, str]]  # (code, name)
    kelurahan: list[tuple[str, str, str]]  # (code, name, kecamatan code)
    programs: list[tuple[str, str]]  # (code, name)
    states: list[str]


class RegisterSource(Protocol):
    """Where the model gets its data; the app passes a database-backed one."""

    def ids(self, flt: RegisterFilter, sort: str, descending: bool) -> list[int]: ...

    def rows(self, ids: Sequence[int]) -> list[RegisterRow]: ...

    def options(self) -> FilterOptions: ...


class DatabaseRegisterSource:
    """A :class:`RegisterSource` reading through :mod:`db.search` in short read sessions."""

    def __init__(self, database: Database, actor: Actor) -> None:
        self.database = database
        self.actor = actor

    def ids(self, flt: RegisterFilter, sort: str, descending: bool) -> list[int]:
        with self.database.read() as session:
            return search.household_ids(session, self.actor, flt, sort, descending)

    def rows(self, ids: Sequence[int]) -> list[RegisterRow]:
        with self.database.read() as session:
            return search.fetch_rows(session, self.actor, ids)

    def options(self) -> FilterOptions:
        from sqlalchemy import select

        from db import settings
        from db.models import Program, Region
        from db.permissions import covers

        with self.database.read() as session:
            office = settings.get(session, "office.kecamatan_code") or ""
            city = ".".join(office.split(".")[:2])
            regions = session.execute(
                select(Region.code, Region.name, Region.level, Region.parent_code)
                .where(Region.code.like(city + ".%"),
                       Region.level.in_(("kecamatan", "desa_kelurahan")))
                .order_by(Region.code)
            ).all()
            programs = session.execute(
                select(Program.code, Program.name).where(Program.active.is_(True))
                .order_by(Program.code)
            ).all()
            states = search.proposal_states(session)
        kelurahan = [(c, n, p or "") for c, n, lv, p in regions
                     if lv == "desa_kelurahan" and covers(self.actor, c)]
        present = {p for _c, _n, p in kelurahan}
        kecamatan = [(c, n) for c, n, lv, _p in regions if lv == "kecamatan" and c in present]
        return FilterOptions(kecamatan, kelurahan, [(c, n) for c, n in programs], states)


def _status(row: RegisterRow) -> str:
    """``RTLH: Submitted``: the latest proposal's program and state."""
    return f"{(row.proposal_program or '').upper()}: {labels.state_label(row.proposal_state)}"


class RegisterModel(QAbstractTableModel):
    """Household ids for the current filter and sort; rows fetched lazily by page."""

    reloaded = Signal(int)  # number of households now listed

    PAGE_SIZE = 50  # a screenful and a half at 1366×768: the first page comes quickly
    MAX_PAGES = 40  # cached pages: enough for fast scrolling back and forth

    def __init__(self, source: RegisterSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.filter = RegisterFilter()
        self.sort_key = DEFAULT_SORT
        self.descending = False
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, RegisterRow]] = OrderedDict()
        self.pages_fetched = 0  # page queries since the last reload (tests, benchmark)
        self._locale = QLocale()

    # ---------------------------------------------------------------- queries

    def set_filter(self, flt: RegisterFilter) -> None:
        """Show the households that pass ``flt`` (one id query)."""
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        """Read the ids again (after a change); cached rows are dropped."""
        self.beginResetModel()
        self._ids = self.source.ids(self.filter, self.sort_key, self.descending)
        self._pages.clear()
        self.pages_fetched = 0
        self._locale = QLocale()
        self.endResetModel()
        self.reloaded.emit(len(self._ids))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (the view calls this on a header click); -1 restores the default."""
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else DEFAULT_SORT
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder and column >= 0
        if (key, descending) == (self.sort_key, self.descending):
            return  # e.g. the view announcing the default when sorting is switched on
        self.sort_key = key
        self.descending = descending
        self.reload()

    def household_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, household_id: int) -> int | None:
        try:
            return self._ids.index(household_id)
        except ValueError:
            return None

    def household_ids(self) -> list[int]:
        return list(self._ids)

    def row_data(self, row: int) -> RegisterRow | None:
        """The row's data, fetching its page if needed (None if it vanished meanwhile)."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // self.PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    def _fetch(self, page: int) -> dict[int, RegisterRow]:
        start = page * self.PAGE_SIZE
        ids = self._ids[start:start + self.PAGE_SIZE]
        rows = {r.id: r for r in self.source.rows(ids)}
        self.pages_fetched += 1
        self._pages[page] = rows
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    # ---------------------------------------------------------------- Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RegisterModel", COLUMNS[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == HOUSEHOLD_ID_ROLE:
            return self.household_id(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.TextAlignmentRole):
            return None
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in ("desil", "members", "rt_rw"):
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        row = self.row_data(index.row())
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "flags" and row.flags:
                return "\n".join(labels.flag_label(f) for f in search.FLAGS if f in row.flags)
            if key == "status" and row.proposal_state:
                return _status(row)
            if key == "address":
                return row.address
            return None
        return self._display(key, row)

    def _display(self, key: str, row: RegisterRow) -> str:
        if key == "no_kk":
            return row.no_kk
        if key == "head":
            return row.head_name or "—"
        if key == "address":
            return row.address
        if key == "rt_rw":
            return f"{row.rt}/{row.rw}"
        if key == "kelurahan":
            return row.kelurahan_name
        if key == "desil":
            return "" if row.desil is None else str(row.desil)
        if key == "members":
            return self._locale.toString(row.members)
        if key == "flags":
            return ", ".join(labels.flag_label(f) for f in search.FLAGS if f in row.flags)
        if key == "status":
            if not row.proposal_state:
                return ""
            return _status(row)
        return ""
