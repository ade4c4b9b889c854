"""The audit viewer: who did what, when, to which record, filtered, a page at a time, with an
export to CSV.

The widget asks for pages through :attr:`AuditViewer.searchRequested` and for an export
through :attr:`AuditViewer.exportRequested`; the owner runs :func:`db.privacy.search_audit`
or :func:`db.privacy.export_audit_csv` off the GUI thread and hands back the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.privacy import AuditEntry, AuditFilter, AuditPage
from widgets.login_dialog import error_label

PAGE_SIZE = 500
# Long values are cut in the table; the tooltip has them whole.
CELL_CHARS = 80
_ROOT = QModelIndex()


def action_label(code: str) -> str:
    """An audit action in the interface language (unknown codes as they are)."""
    labels = {
        "sign_in": QCoreApplication.translate("AuditViewer", "Signed in"),
        "sign_in_failed": QCoreApplication.translate("AuditViewer", "Sign-in failed"),
        "account_locked": QCoreApplication.translate("AuditViewer", "Account locked"),
        "password_change": QCoreApplication.translate("AuditViewer", "Password changed"),
        "password_reset": QCoreApplication.translate("AuditViewer", "Password reset"),
        "password_rehash": QCoreApplication.translate("AuditViewer", "Password hash renewed"),
        "create": QCoreApplication.translate("AuditViewer", "Created"),
        "update": QCoreApplication.translate("AuditViewer", "Changed"),
        "delete": QCoreApplication.translate("AuditViewer", "Deleted"),
        "disable": QCoreApplication.translate("AuditViewer", "Disabled"),
        "enable": QCoreApplication.translate("AuditViewer", "Enabled"),
        "view": QCoreApplication.translate("AuditViewer", "Viewed"),
        "export": QCoreApplication.translate("AuditViewer", "Exported"),
        "print": QCoreApplication.translate("AuditViewer", "Printed"),
        "backup": QCoreApplication.translate("AuditViewer", "Backup made"),
    }
    return labels.get(code, code)


class AuditTableModel(QAbstractTableModel):
    """One page of audit entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[AuditEntry] = []

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("AuditViewer", "Time"),
            QCoreApplication.translate("AuditViewer", "User"),
            QCoreApplication.translate("AuditViewer", "Action"),
            QCoreApplication.translate("AuditViewer", "Record"),
            QCoreApplication.translate("AuditViewer", "ID"),
            QCoreApplication.translate("AuditViewer", "Field"),
            QCoreApplication.translate("AuditViewer", "Old value"),
            QCoreApplication.translate("AuditViewer", "New value"),
            QCoreApplication.translate("AuditViewer", "Remark"),
        ]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def _text(self, entry: AuditEntry, column: int) -> str:
        if column == 0:
            return QLocale().toString(entry.at.astimezone().replace(tzinfo=None),
                                      "dd-MM-yyyy HH:mm:ss")
        if column == 2:
            return action_label(entry.action)
        values = (None, entry.username, None, entry.entity, entry.entity_id, entry.field,
                  entry.old_value, entry.new_value, entry.reason)
        return values[column] or ""

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        text = self._text(entry, index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            one_line = " ".join(text.split())
            return one_line if len(one_line) <= CELL_CHARS else one_line[:CELL_CHARS - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and len(text) > CELL_CHARS:
            return text
        return None


class AuditViewer(QWidget):
    """Filters, a page of the audit trail, paging and CSV export."""

    searchRequested = Signal(object, int)  # AuditFilter, offset
    exportRequested = Signal(object, str)  # AuditFilter, CSV path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditViewer")
        self.offset = 0
        self.total = 0
        self._choices: tuple[list[str], list[str], list[str]] | None = None
        today = QDate.currentDate()
        self.from_check = QCheckBox(self)
        self.from_date = QDateEdit(today.addDays(-30), self)
        self.to_check = QCheckBox(self)
        self.to_date = QDateEdit(today, self)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        self.from_check.setObjectName("fromCheck")
        self.to_check.setObjectName("toCheck")
        self.user = self._combo("userFilter", editable=True)
        self.action = self._combo("actionFilter", editable=False)
        self.entity = self._combo("entityFilter", editable=False)
        self.entity_id = QLineEdit(self)
        self.entity_id.setObjectName("idFilter")
        self.entity_id.setMaxLength(40)
        self.text = QLineEdit(self)
        self.text.setObjectName("textFilter")
        self.text.setMaxLength(200)
        self.text.setClearButtonEnabled(True)
        for edit in (self.entity_id, self.text):
            edit.returnPressed.connect(lambda: self.request(0))
        self.search_button = QPushButton(self)
        self.search_button.setObjectName("searchButton")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(lambda: self.request(0))
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self._choose_export)
        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.newer_button = QPushButton(self)
        self.newer_button.setObjectName("newerButton")
        self.older_button = QPushButton(self)
        self.older_button.setObjectName("olderButton")
        self.newer_button.clicked.connect(lambda: self.request(max(0, self.offset - PAGE_SIZE)))
        self.older_button.clicked.connect(lambda: self.request(self.offset + PAGE_SIZE))
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageLabel")
        self.error = error_label(self)

        self.labels: dict[str, QLabel] = {k: QLabel(self) for k in (
            "user", "action", "entity", "id", "text")}
        grid = QGridLayout()
        grid.addWidget(self.from_check, 0, 0)
        grid.addWidget(self.from_date, 0, 1)
        grid.addWidget(self.to_check, 0, 2)
        grid.addWidget(self.to_date, 0, 3)
        grid.addWidget(self.labels["user"], 0, 4)
        grid.addWidget(self.user, 0, 5)
        grid.addWidget(self.labels["action"], 1, 0)
        grid.addWidget(self.action, 1, 1)
        grid.addWidget(self.labels["entity"], 1, 2)
        grid.addWidget(self.entity, 1, 3)
        grid.addWidget(self.labels["id"], 1, 4)
        grid.addWidget(self.entity_id, 1, 5)
        grid.addWidget(self.labels["text"], 2, 0)
        grid.addWidget(self.text, 2, 1, 1, 3)
        grid.addWidget(self.search_button, 2, 4)
        grid.addWidget(self.export_button, 2, 5)
        grid.setColumnStretch(5, 1)
        for key, buddy in (("user", self.user), ("action", self.action),
                           ("entity", self.entity), ("id", self.entity_id), ("text", self.text)):
            self.labels[key].setBuddy(buddy)
        paging = QHBoxLayout()
        paging.addWidget(self.page_label, 1)
        paging.addWidget(self.newer_button)
        paging.addWidget(self.older_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        self.translateUI()
        self._update_paging()

    def _combo(self, name: str, *, editable: bool) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setEditable(editable)
        combo.setMinimumContentsLength(14)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if editable:
            combo.lineEdit().setMaxLength(60)
        return combo

    # ------------------------------------------------------------------ data in

    def set_choices(self, actions: Sequence[str], entities: Sequence[str],
                    users: Sequence[str]) -> None:
        """Fill the drop-downs with what the trail holds; keep the current choices."""
        self._choices = (list(actions), list(entities), list(users))
        for combo, values, label in ((self.action, actions, action_label),
                                     (self.entity, entities, str)):
            current = combo.currentData()
            combo.clear()
            combo.addItem(self.tr("(all)"), "")
            for value in values:
                combo.addItem(label(value), value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        typed = self.user.currentText()
        self.user.clear()
        self.user.addItem("")
        self.user.addItems(list(users))
        self.user.setEditText(typed)

    def set_page(self, page: AuditPage, offset: int) -> None:
        self.offset = offset
        self.total = page.total
        self.model.set_entries(page.entries)
        self.table.resizeColumnsToContents()
        self.error.hide()
        self._update_paging()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    # ------------------------------------------------------------------ requests out

    def current_filter(self) -> AuditFilter:
        def day(check: QCheckBox, edit: QDateEdit) -> dt.date | None:
            if not check.isChecked():
                return None
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        return AuditFilter(
            date_from=day(self.from_check, self.from_date),
            date_to=day(self.to_check, self.to_date),
            username=self.user.currentText().strip(),
            action=self.action.currentData() or "",
            entity=self.entity.currentData() or "",
            entity_id=self.entity_id.text().strip(),
            text=self.text.text().strip(),
        )

    def request(self, offset: int = 0) -> None:
        self.searchRequested.emit(self.current_filter(), offset)

    def _choose_export(self) -> None:
        path, _kind = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit log"), "catatan-audit.csv",
            self.tr("CSV files (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Ask for the entries matching the current filter (all pages) in ``path``."""
        self.exportRequested.emit(self.current_filter(), path)

    # ------------------------------------------------------------------ looks

    def _update_paging(self) -> None:
        shown = len(self.model.entries)
        locale = QLocale()
        if shown == 0:
            self.page_label.setText(self.tr("No entries match."))
        else:
            text = self.tr("Entries {first}–{last} of {total}, newest first")
            self.page_label.setText(text.format(
                first=locale.toString(self.offset + 1), last=locale.toString(self.offset + shown),
                total=locale.toString(self.total)))
        self.newer_button.setEnabled(self.offset > 0)
        self.older_button.setEnabled(self.offset + shown < self.total)
        self.export_button.setEnabled(self.total > 0)

    def translateUI(self) -> None:
        self.from_check.setText(self.tr("&From:"))
        self.to_check.setText(self.tr("&To:"))
        self.labels["user"].setText(self.tr("&User:"))
        self.labels["action"].setText(self.tr("&Action:"))
        self.labels["entity"].setText(self.tr("&Record:"))
        self.labels["id"].setText(self.tr("I&D:"))
        self.labels["text"].setText(self.tr("&Contains:"))
        self.text.setPlaceholderText(self.tr("text in the old or new value or the remark"))
        self.search_button.setText(self.tr("&Show"))
        self.export_button.setText(self.tr("E&xport CSV…"))
        self.newer_button.setText(self.tr("◀ &Newer"))
        self.older_button.setText(self.tr("&Older ▶"))
        if self._choices is not None:
            self.set_choices(*self._choices)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 8)
        self._update_paging()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
