"""The members of a household, edited in place in a table.

NIK cells normalise what is typed or pasted (spaces, dashes, a leading apostrophe) through
:func:`db.nik.normalise`; a number that went through a spreadsheet float is kept as typed
and marked with the reason, so nothing typed is lost and the save is refused until it is
fixed. Problems from :func:`db.validation.check_household` are shown on their cells (colour
and tooltip); the form lists them in words below the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import codes, nik
from db.households import MemberData
from db.validation import ERROR, Problem
from widgets.register import labels

Index = QModelIndex | QPersistentModelIndex

# (attribute, kind); kinds: text, nik, code (required), code? (may be empty), date, bool.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("nik", "nik"),
    ("name", "text"),
    ("sex", "code"),
    ("birth_place", "text"),
    ("birth_date", "date"),
    ("relationship", "code"),
    ("marital_status", "code?"),
    ("occupation", "code?"),
    ("education", "code?"),
    ("disability", "code?"),
    ("jkn_status", "code"),
    ("jkn_segment", "code?"),
    ("chronic_illness", "bool"),
    ("pregnant", "bool"),
    ("asn_tni_polri", "bool"),
    ("deceased", "bool"),
    ("deceased_date", "date"),
)
ATTRIBUTES = [a for a, _k in COLUMNS]
KINDS = dict(COLUMNS)
CHOICES: dict[str, tuple[Any, ...]] = {
    "sex": codes.SEX, "relationship": codes.RELATIONSHIP,
    "marital_status": codes.MARITAL_STATUS, "occupation": codes.OCCUPATION,
    "education": codes.EDUCATION, "disability": codes.DISABILITY,
    "jkn_status": codes.JKN_STATUS, "jkn_segment": codes.JKN_SEGMENT,
}
ERROR_BRUSH = QBrush(QColor("#f8d7da"))
WARNING_BRUSH = QBrush(QColor("#fff3cd"))
DECEASED_BRUSH = QBrush(QColor("#6c757d"))
NO_DATE = QDate(1900, 1, 1)  # the date editor's "empty" value


class MemberTableModel(QAbstractTableModel):
    """The members being edited, as :class:`MemberData`, with per-cell problems."""

    edited = Signal()  # any value changed by the user

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._members: list[MemberData] = []
        # (row, attribute) -> (message, severity); NIK input problems are kept apart so a
        # refused paste stays marked until the cell is edited again.
        self._problems: dict[tuple[int, str], tuple[str, str]] = {}
        self._input_problems: dict[int, str] = {}

    # ---------------------------------------------------------------- content

    def members(self) -> tuple[MemberData, ...]:
        return tuple(self._members)

    def set_members(self, members: tuple[MemberData, ...] | list[MemberData]) -> None:
        self.beginResetModel()
        self._members = list(members)
        self._problems.clear()
        self._input_problems.clear()
        self.endResetModel()

    def add_member(self) -> int:
        """Append an empty member; the first one is the head. Returns its row."""
        row = len(self._members)
        relationship = "head" if not any(m.relationship == "head" for m in self._members) \
            else "child"
        self.beginInsertRows(QModelIndex(), row, row)
        self._members.append(MemberData(relationship=relationship))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_unsaved(self, row: int) -> bool:
        """Remove a member that was never saved (a saved person is never deleted)."""
        if not 0 <= row < len(self._members) or self._members[row].id is not None:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._members[row]
        self.endRemoveRows()
        self._problems = {(r - (r > row), a): p for (r, a), p in self._problems.items() if r != row}
        self._input_problems = {r - (r > row): p for r, p in self._input_problems.items()
                                 if r != row}
        self.edited.emit()
        return True

    def update_member(self, row: int, **values: Any) -> None:
        """Change attributes of one member (used by actions such as "mark deceased")."""
        self._members[row] = replace(self._members[row], **values)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.edited.emit()

    def member(self, row: int) -> MemberData:
        return self._members[row]

    # ---------------------------------------------------------------- problems

    def set_problems(self, problems: list[Problem]) -> None:
        """Mark the cells named by ``members.<row>.<attribute>`` problems."""
        self._problems.clear()
        for problem in problems:
            parts = problem.field.split(".")
            if len(parts) == 3 and parts[0] == "members" and parts[1].isdigit():
                key = (int(parts[1]), parts[2])
                if key in self._problems and self._problems[key][1] == ERROR:
                    continue  # an error outranks a warning on the same cell
                self._problems[key] = (problem.message, problem.severity)
        self._emit_all()

    def cell_problem(self, row: int, attribute: str) -> tuple[str, str] | None:
        if attribute == "nik" and row in self._input_problems:
            return self._input_problems[row], ERROR
        return self._problems.get((row, attribute))

    def _emit_all(self) -> None:
        if self._members:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._members) - 1, len(COLUMNS) - 1))

    # ---------------------------------------------------------------- Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return labels.field_label(COLUMNS[section][0])
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if KINDS[ATTRIBUTES[index.column()]] == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, attribute = index.row(), ATTRIBUTES[index.column()]
        member = self._members[row]
        kind = KINDS[attribute]
        value = getattr(member, attribute)
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "bool":
                return None
            if kind == "date":
                return value.strftime("%d-%m-%Y") if value else ""
            if kind.startswith("code"):
                return labels.code_label(attribute, value)
            return value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.CheckStateRole and kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        problem = self.cell_problem(row, attribute)
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return ERROR_BRUSH if problem[1] == ERROR else WARNING_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and problem:
            return problem[0]
        if role == Qt.ItemDataRole.ForegroundRole and member.deceased:
            return DECEASED_BRUSH
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, attribute = index.row(), ATTRIBUTES[index.column()]
        kind = KINDS[attribute]
        if role == Qt.ItemDataRole.CheckStateRole and kind == "bool":
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._set(row, attribute, checked)
        if role != Qt.ItemDataRole.EditRole:
            return False
        if kind == "nik":
            return self._set_nik(row, "" if value is None else str(value))
        if kind == "text":
            return self._set(row, attribute, " ".join(str(value or "").split()))
        if kind == "date":
            return self._set(row, attribute, value if isinstance(value, dt.date) else None)
        if kind.startswith("code"):
            return self._set(row, attribute, value if value not in ("",) else None)
        return False

    def _set_nik(self, row: int, text: str) -> bool:
        """Normalise a typed or pasted NIK; keep refused input with its reason."""
        self._input_problems.pop(row, None)
        try:
            value = nik.normalise(text, "NIK")
        except nik.NumberRejected as exc:
            value = text.strip()
            # Only a float-mangled or non-digit number is refused on entry; a short one
            # may still be being typed and is judged on save.
            if not value.replace(" ", "").replace("-", "").isdigit():
                self._input_problems[row] = exc.reason
        self._problems.pop((row, "nik"), None)
        changed = self._set(row, "nik", value)
        if not changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
        return True

    def _set(self, row: int, attribute: str, value: Any) -> bool:
        member = self._members[row]
        if getattr(member, attribute) == value:
            return False
        changes: dict[str, Any] = {attribute: value}
        if attribute == "deceased" and not value:
            changes["deceased_date"] = None
        self._members[row] = replace(member, **changes)
        self._problems.pop((row, attribute), None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.edited.emit()
        return True


class MemberDelegate(QStyledItemDelegate):
    """Editors by column: combo boxes for coded values, a date editor, plain text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index
                     ) -> QWidget:
        attribute = ATTRIBUTES[index.column()]
        kind = KINDS[attribute]
        if kind.startswith("code"):
            combo = QComboBox(parent)
            if kind == "code?":
                combo.addItem("", None)
            for code in CHOICES[attribute]:
                combo.addItem(labels.code_label(attribute, code), code)
            return combo
        if kind == "date":
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("dd-MM-yyyy")
            editor.setMinimumDate(NO_DATE)
            editor.setMaximumDate(QDate(2100, 12, 31))
            editor.setSpecialValueText("—")
            return editor
        editor = QLineEdit(parent)
        editor.setMaxLength(40 if kind == "nik" else 120)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QDateEdit):
            editor.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QDateEdit):
            date = editor.date()
            model.setData(index, None if date == NO_DATE else date.toPython())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


class MemberTableView(QTableView):
    """Ctrl+V pastes into the current text cell (a NIK copied from a spreadsheet)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.matches(QKeySequence.StandardKey.Paste) and index.isValid() \
                and KINDS[ATTRIBUTES[index.column()]] in ("nik", "text"):
            text = QGuiApplication.clipboard().text().strip()
            if text:
                self.model().setData(index, text.splitlines()[0])
            event.accept()
            return
        super().keyPressEvent(event)


class MemberTable(QWidget):
    """The members table with its actions: add, mark deceased, move to another KK."""

    move_requested = Signal(list)  # ids of the selected saved members

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MemberTableModel(self)
        self.view = MemberTableView(self)
        self.view.setObjectName("memberTable")
        self.view.setModel(self.model)
        self.view.setItemDelegate(MemberDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        widths = {"nik": 150, "name": 180, "sex": 100, "birth_place": 110, "birth_date": 100,
                  "relationship": 150, "marital_status": 110, "occupation": 150,
                  "education": 120, "disability": 100, "jkn_status": 100, "jkn_segment": 130}
        for column, attribute in enumerate(ATTRIBUTES):
            header.resizeSection(column, widths.get(attribute, 95))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addMemberButton")
        self.add_button.clicked.connect(self.add_member)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeNewMemberButton")
        self.remove_button.clicked.connect(self._remove_new)
        self.deceased_button = QPushButton(self)
        self.deceased_button.setObjectName("markDeceasedButton")
        self.deceased_button.clicked.connect(self.mark_selected_deceased)
        self.move_button = QPushButton(self)
        self.move_button.setObjectName("moveMemberButton")
        self.move_button.clicked.connect(self._move)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.deceased_button,
                       self.move_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.translateUI()
        self._update_buttons()

    def add_member(self) -> int:
        """Add an empty member row and start editing its NIK."""
        row = self.model.add_member()
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)
        return row

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def mark_selected_deceased(self, date: dt.date | None = None) -> None:
        """Mark the selected members deceased (the date may be filled in the table)."""
        for row in self.selected_rows():
            self.model.update_member(row, deceased=True,
                                     deceased_date=date or self.model.member(row).deceased_date)

    def _remove_new(self) -> None:
        for row in reversed(self.selected_rows()):
            self.model.remove_unsaved(row)

    def _move(self) -> None:
        ids = [self.model.member(r).id for r in self.selected_rows()
               if self.model.member(r).id is not None]
        if ids:
            self.move_requested.emit(ids)

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        members = [self.model.member(r) for r in rows]
        self.remove_button.setEnabled(bool(members) and all(m.id is None for m in members))
        self.deceased_button.setEnabled(bool(members) and not all(m.deceased for m in members))
        self.move_button.setEnabled(any(m.id is not None and not m.deceased for m in members))

    def translateUI(self) -> None:
        self.add_button.setText(self.tr("Add member"))
        self.remove_button.setText(self.tr("Remove new row"))
        self.remove_button.setToolTip(self.tr(
            "Only a row not saved yet can be removed; people in the register are kept."))
        self.deceased_button.setText(self.tr("Mark deceased"))
        self.move_button.setText(self.tr("Move to another KK…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        # A translated header may be longer than the column: widen it so nothing is cut.
        header = self.view.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(len(COLUMNS)):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            needed = metrics.horizontalAdvance(text) + 24
            if header.sectionSize(column) < needed:
                header.resizeSection(column, needed)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
