"""The "Periods and quotas" dialog: open and close rounds of a program, split their quotas.

Left, the periods of every program with "New period…" and open/close; right, the quotas
of the chosen period per area (whole period, kecamatan, kelurahan) with what is used, and
an editor that sets one area's quota. Every read and write goes through the ``runner`` the
owner passes in (the desktop hands it the main window's background operations, which
broadcast a write's changes so the queue refreshes). The service's own refusals (``ValidationFailed``) are shown beside the
field they concern, and its warnings (a quota lowered below what is approved, splits
that exceed the level above) stay visible in the dialog.

Actions the actor's roles may not take are disabled, with a tooltip naming who may; the
services refuse them anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import permissions, programs
from db.actor import Actor
from db.engine import Database
from db.errors import StaleRecord, ValidationFailed
from db.regions import RegionRow, list_regions

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = ("background: #fff4ce; color: #5c4400; border: 1px solid #e0c060;"
                 " padding: 6px;")
MAX_QUOTA = 10_000_000



class Runner(Protocol):
    """Runs ``work(job)`` in the background and calls back on the GUI thread.

    ``writes`` says the work changes periods or quotas, so the owner broadcasts it;
    without ``failure`` the owner shows the error itself.
    """

    def __call__(self, work: Callable[[Any], Any], *, success: Callable[[Any], None],
                 failure: Callable[[Exception], None] | None = None,
                 writes: bool = False) -> Any: ...


@dataclass(frozen=True)
class PeriodsData:
    """Everything the dialog shows, read in one session."""

    programs: list[programs.ProgramInfo]
    periods: list[programs.PeriodInfo]
    usage: list[programs.QuotaUsage]
    regions: list[RegionRow]  # kecamatan and kelurahan in the actor's scope


def load(database: Database, actor: Actor) -> PeriodsData:
    with database.read() as session:
        usage = programs.quota_usage(session) if actor.can("quota.view") else []
        regions = [r for r in list_regions(session)
                   if r.level in ("kecamatan", "desa_kelurahan")
                   and permissions.covers(actor, r.code)]
        return PeriodsData(programs.list_programs(session, active_only=True),
                           programs.list_periods(session), usage, regions)


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class NewPeriodDialog(QDialog):
    """Program, name, opening and closing dates (and the funding source) of a new period.

    The service checks them; :meth:`show_problems` puts each of its problems beside the
    field it names and keeps the dialog open.
    """

    # The service's field names (Indonesian, see db.programs.create_period) -> our fields.
    FIELDS: ClassVar[dict[str, str]] = {"nama periode": "name", "tahun": "opens", "tanggal tutup": "closes",
              "sumber dana": "funding"}

    def __init__(self, program_list: list[programs.ProgramInfo], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("newPeriodDialog")
        self._programs = program_list
        self.program = QComboBox()
        self.program.setObjectName("programCombo")
        for info in program_list:
            self.program.addItem(info.name, info.code)
        self.name = QLineEdit()
        self.name.setObjectName("nameEdit")
        self.name.setMinimumWidth(260)
        today = QDate.currentDate()
        self.opens = QDateEdit(today)
        self.closes = QDateEdit(today.addMonths(3))
        for edit, name in ((self.opens, "opensEdit"), (self.closes, "closesEdit")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.funding = QComboBox()
        self.funding.setObjectName("fundingCombo")
        self.errors = {key: _error_label(f"{key}Error")
                       for key in ("program", "name", "opens", "closes", "funding")}
        self.general_error = _error_label("generalError")

        self.labels = [QLabel() for _ in range(5)]
        grid = QGridLayout()
        for row, (label, key, field) in enumerate(zip(
                self.labels, ("program", "name", "opens", "closes", "funding"),
                (self.program, self.name, self.opens, self.closes, self.funding))):
            label.setBuddy(field)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(self.errors[key], row, 2)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(2, 220)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.program.currentIndexChanged.connect(self._fill_funding)
        self._fill_funding()
        self.translateUI()

    def _fill_funding(self) -> None:
        code = self.program.currentData()
        info = next((p for p in self._programs if p.code == code), None)
        self.funding.clear()
        self.funding.addItem(self.tr("(not set)"), None)
        for source in info.rules.funding_sources if info else ():
            self.funding.addItem(source.upper(), source)

    def values(self) -> dict[str, Any]:
        opens: dt.date = self.opens.date().toPython()  # type: ignore[assignment]
        return {
            "program_code": self.program.currentData(),
            "name": self.name.text(),
            "year": opens.year,
            "funding_source": self.funding.currentData(),
            "opens_on": opens,
            "closes_on": self.closes.date().toPython(),
        }

    def clear_problems(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            _show(label, "")

    def show_problems(self, error: Exception) -> None:
        """Each problem beside its field; anything else under the form."""
        self.clear_problems()
        self.ok_button.setEnabled(True)
        if not isinstance(error, ValidationFailed):
            _show(self.general_error, str(error))
            return
        rest = []
        for field, message in error.problems:
            key = self.FIELDS.get(field)
            if key is None:
                rest.append(f"{field}: {message}")
            else:
                label = self.errors[key]
                _show(label, "\n".join(filter(None, (label.text(), message))))
        _show(self.general_error, "\n".join(rest))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("New period"))
        for label, text in zip(self.labels, (
                self.tr("&Program:"), self.tr("&Name:"), self.tr("&Opens on:"),
                self.tr("&Closes on:"), self.tr("&Funding source:"))):
            label.setText(text)
        self.name.setPlaceholderText(self.tr("e.g. PBI APBD 2025 stage 2"))
        self.ok_button.setText(self.tr("Open period"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.funding.setItemText(0, self.tr("(not set)"))


class PeriodsDialog(QDialog):
    """Periods on the left, the chosen period's quotas on the right."""

    PERIOD_COLUMNS = 5
    QUOTA_COLUMNS = 4

    def __init__(self, database: Database, actor: Actor,
                 runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodsDialog")
        self.database = database
        self.actor = actor
        self.runner = runner
        self.data: PeriodsData | None = None
        self.new_period_dialog: NewPeriodDialog | None = None
        self._generation = 0
        self._select_period: int | None = None
        # The last quota change's warnings, kept on screen while its period stays chosen.
        self._change_warnings: list[str] = []
        self._warned_period: int | None = None
        # Asks before a period is closed (tests answer it instead of a message box).
        self.confirm: Callable[[str, str], bool] = self._ask
        self.can_manage_periods = actor.can("period.manage")
        self.can_view_quotas = actor.can("quota.view")
        self.can_manage_quotas = actor.can("quota.manage")

        # Left: the periods.
        self.periods_box = QGroupBox()
        self.period_table = QTableWidget(0, self.PERIOD_COLUMNS)
        self.period_table.setObjectName("periodTable")
        self.new_button = QPushButton()
        self.new_button.setObjectName("newPeriodButton")
        self.status_button = QPushButton()
        self.status_button.setObjectName("periodStatusButton")
        self.period_message = _error_label("periodMessage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.status_button)
        buttons.addStretch(1)
        left = QVBoxLayout(self.periods_box)
        left.addWidget(self.period_table)
        left.addWidget(self.period_message)
        left.addLayout(buttons)

        # Right: the quotas of the chosen period and the editor.
        self.quotas_box = QGroupBox()
        self.quota_table = QTableWidget(0, self.QUOTA_COLUMNS)
        self.quota_table.setObjectName("quotaTable")
        self.no_quota_label = QLabel()
        self.no_quota_label.setObjectName("noQuotaLabel")
        self.no_quota_label.setWordWrap(True)
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("quotaWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(WARNING_STYLE)
        self.warnings_label.hide()
        self.area_label, self.amount_label, self.reason_label = QLabel(), QLabel(), QLabel()
        self.area_combo = QComboBox()
        self.area_combo.setObjectName("areaCombo")
        self.area_combo.setMinimumWidth(220)
        self.amount_spin = QSpinBox()
        self.amount_spin.setObjectName("amountSpin")
        self.amount_spin.setRange(0, MAX_QUOTA)
        self.amount_spin.setGroupSeparatorShown(True)
        self.amount_spin.setMinimumWidth(220)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.set_button = QPushButton()
        self.set_button.setObjectName("setQuotaButton")
        self.area_error = _error_label("areaError")
        self.amount_error = _error_label("amountError")
        self.quota_message = _error_label("quotaMessage")
        self.area_label.setBuddy(self.area_combo)
        self.amount_label.setBuddy(self.amount_spin)
        self.reason_label.setBuddy(self.reason_edit)
        editor = QGridLayout()
        editor.addWidget(self.area_label, 0, 0)
        editor.addWidget(self.area_combo, 0, 1)
        editor.addWidget(self.area_error, 0, 2)
        editor.addWidget(self.amount_label, 1, 0)
        editor.addWidget(self.amount_spin, 1, 1)
        editor.addWidget(self.amount_error, 1, 2)
        editor.addWidget(self.reason_label, 2, 0)
        editor.addWidget(self.reason_edit, 2, 1, 1, 2)
        editor.setColumnStretch(2, 1)
        set_row = QHBoxLayout()
        set_row.addWidget(self.quota_message, 1)
        set_row.addStretch(1)
        set_row.addWidget(self.set_button)
        self.editor_box = QGroupBox()
        editor_layout = QVBoxLayout(self.editor_box)
        editor_layout.addLayout(editor)
        editor_layout.addLayout(set_row)
        right = QVBoxLayout(self.quotas_box)
        right.addWidget(self.quota_table, 1)
        right.addWidget(self.no_quota_label)
        right.addWidget(self.warnings_label)
        right.addWidget(self.editor_box)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.periods_box)
        splitter.addWidget(self.quotas_box)
        splitter.setSizes([520, 480])
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.close_buttons)

        for table in (self.period_table, self.quota_table):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.setAlternatingRowColors(True)
        header = self.period_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header = self.quota_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.period_table.itemSelectionChanged.connect(self._period_chosen)
        self.quota_table.itemSelectionChanged.connect(self._quota_chosen)
        self.area_combo.currentIndexChanged.connect(self._area_chosen)
        self.new_button.clicked.connect(self.new_period)
        self.status_button.clicked.connect(self.toggle_status)
        self.set_button.clicked.connect(self.save_quota)
        self.resize(1040, 560)
        self.translateUI()
        self.reload()

    # ------------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read the periods and quotas again (a newer reload supersedes an older one)."""
        self._generation += 1
        generation = self._generation
        database, actor = self.database, self.actor
        self.runner(lambda _job: load(database, actor),
                    success=lambda data: self._apply(data, generation))

    def _apply(self, data: PeriodsData, generation: int) -> None:
        if generation != self._generation:
            return
        chosen = self._select_period or self.current_period_id()
        self._select_period = None
        self.data = data
        self._fill_areas()
        table = self.period_table
        table.blockSignals(True)
        table.setRowCount(len(data.periods))
        for row, period in enumerate(data.periods):
            cells = (period.program_name, period.name, _date(period.opens_on),
                     _date(period.closes_on), self._status_text(period.status))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, period.id)
                table.setItem(row, column, item)
        table.blockSignals(False)
        ids = [p.id for p in data.periods]
        if chosen in ids:
            table.selectRow(ids.index(chosen))
        elif ids:
            table.selectRow(0)
        self._period_chosen()

    def current_period_id(self) -> int | None:
        rows = self.period_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.period_table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_period(self) -> programs.PeriodInfo | None:
        pid = self.current_period_id()
        if self.data is None or pid is None:
            return None
        return next((p for p in self.data.periods if p.id == pid), None)

    def quotas(self) -> list[programs.QuotaUsage]:
        """The quotas of the chosen period, whole period first."""
        pid = self.current_period_id()
        if self.data is None or pid is None:
            return []
        return [u for u in self.data.usage if u.period_id == pid]

    def _fill_areas(self) -> None:
        assert self.data is not None
        current = self.area_combo.currentData()
        self.area_combo.blockSignals(True)
        self.area_combo.clear()
        self.area_combo.addItem(self.tr("Whole area"), None)
        for region in self.data.regions:
            if region.level == "kecamatan":
                self.area_combo.addItem(f"Kec. {region.name}", region.code)
            else:
                self.area_combo.addItem(f"    Kel. {region.name}", region.code)
        index = self.area_combo.findData(current)
        self.area_combo.setCurrentIndex(max(index, 0))
        self.area_combo.blockSignals(False)

    def _period_chosen(self) -> None:
        period = self.current_period()
        if period is None or period.id != self._warned_period:
            self._change_warnings = []
        self._warned_period = period.id if period else None
        quotas = self.quotas()
        table = self.quota_table
        table.blockSignals(True)
        table.setRowCount(len(quotas))
        for row, usage in enumerate(quotas):
            area = self.tr("Whole area") if usage.region_code is None else usage.area
            cells = (area, str(usage.used), str(usage.amount), str(usage.remaining))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, usage.quota_id)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if usage.over:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(row, column, item)
        table.blockSignals(False)
        self.no_quota_label.setVisible(period is not None and not quotas)
        warnings = [u.warning for u in quotas if u.warning]
        warnings += [w for w in self._change_warnings if w not in warnings]
        _show(self.warnings_label, "\n\n".join(warnings))
        self._area_chosen()
        self._update_enabled()
        self.translateTitles()

    def _quota_chosen(self) -> None:
        rows = self.quota_table.selectionModel().selectedRows()
        quotas = self.quotas()
        if rows and rows[0].row() < len(quotas):
            index = self.area_combo.findData(quotas[rows[0].row()].region_code)
            if index >= 0:
                self.area_combo.setCurrentIndex(index)

    def _area_chosen(self) -> None:
        code = self.area_combo.currentData()
        existing = next((u for u in self.quotas() if u.region_code == code), None)
        self.amount_spin.setValue(existing.amount if existing else 0)
        _show(self.area_error, "")
        _show(self.amount_error, "")

    # ------------------------------------------------------------------ permissions

    def _who_may(self, code: str) -> str:
        return self.tr("Only these roles may do this: {roles}.").format(
            roles=permissions.role_names(permissions.action(code).all_roles))

    def _update_enabled(self) -> None:
        period = self.current_period()
        self.new_button.setEnabled(self.can_manage_periods and bool(self.data and
                                                                    self.data.programs))
        self.new_button.setToolTip("" if self.can_manage_periods
                                   else self._who_may("period.manage"))
        self.status_button.setEnabled(self.can_manage_periods and period is not None)
        self.status_button.setToolTip("" if self.can_manage_periods
                                      else self._who_may("period.manage"))
        self.quotas_box.setEnabled(self.can_view_quotas)
        self.quotas_box.setToolTip("" if self.can_view_quotas else self._who_may("quota.view"))
        editable = self.can_manage_quotas and period is not None
        for widget in (self.area_combo, self.amount_spin, self.reason_edit, self.set_button):
            widget.setEnabled(editable)
            widget.setToolTip("" if self.can_manage_quotas else self._who_may("quota.manage"))

    # ------------------------------------------------------------------ writing

    def _run(self, work: Callable[[Any], Any], done: Callable[[Any], None],
             failed: Callable[[Exception], None]) -> None:
        self.runner(work, success=done, failure=failed, writes=True)

    def new_period(self) -> NewPeriodDialog | None:
        """Open the new-period form (window-modal; returns it, for tests)."""
        if self.data is None or not self.can_manage_periods:
            return None
        form = NewPeriodDialog(self.data.programs, self)
        form.buttons.accepted.connect(lambda: self._create(form))
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.new_period_dialog = form
        form.open()
        return form

    def _create(self, form: NewPeriodDialog) -> None:
        values = form.values()
        database, actor = self.database, self.actor
        form.clear_problems()
        form.ok_button.setEnabled(False)

        def work(_job: Any) -> programs.PeriodInfo:
            with database.write() as session:
                code = values.pop("program_code")
                name, year = values.pop("name"), values.pop("year")
                return programs.create_period(session, actor, code, name, year, **values)

        def done(info: programs.PeriodInfo) -> None:
            form.accept()
            self.new_period_dialog = None
            self._select_period = info.id
            self.reload()

        self._run(work, done, form.show_problems)

    def toggle_status(self) -> None:
        """Close the chosen open period, or open the chosen closed one again."""
        period = self.current_period()
        if period is None or not self.can_manage_periods:
            return
        target = "closed" if period.status == "open" else "open"
        if target == "closed" and not self.confirm(
                self.tr("Close period"),
                self.tr("Close {period} of {program}? No new proposals can be made in it "
                        "until it is reopened; proposals already made go on.").format(
                    period=period.name, program=period.program_name)):
            return
        database, actor = self.database, self.actor
        _show(self.period_message, "")

        def work(_job: Any) -> programs.PeriodInfo:
            with database.write() as session:
                return programs.set_period_status(session, actor, period.id, target)

        def done(info: programs.PeriodInfo) -> None:
            self._select_period = info.id
            self.reload()

        self._run(work, done, self._period_failed)

    def _ask(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("closePeriodBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _period_failed(self, error: Exception) -> None:
        _show(self.period_message, str(error))

    def save_quota(self) -> None:
        """Set the chosen area's quota of the chosen period to the amount in the editor."""
        period = self.current_period()
        if period is None or not self.can_manage_quotas:
            return
        code = self.area_combo.currentData()
        amount = self.amount_spin.value()
        reason = self.reason_edit.text().strip()
        existing = next((u for u in self.quotas() if u.region_code == code), None)
        version = existing.version if existing else None
        database, actor = self.database, self.actor
        for label in (self.area_error, self.amount_error, self.quota_message):
            _show(label, "")

        def work(_job: Any) -> programs.QuotaChange:
            with database.write() as session:
                return programs.set_quota(session, actor, period.id, code, amount,
                                          expected_version=version, reason=reason)

        def done(change: programs.QuotaChange) -> None:
            self._change_warnings = list(change.warnings)
            self._warned_period = period.id
            self.reason_edit.clear()
            self._select_period = period.id
            self.reload()

        self._run(work, done, self._quota_failed)

    def _quota_failed(self, error: Exception) -> None:
        if isinstance(error, ValidationFailed):
            fields = {"wilayah": self.area_error, "kuota": self.amount_error}
            for field, message in error.problems:
                label = fields.get(field, self.quota_message)
                _show(label, "\n".join(filter(None, (label.text(), message))))
            return
        _show(self.quota_message, str(error))
        if isinstance(error, StaleRecord):
            self.reload()

    # ------------------------------------------------------------------ language

    def _status_text(self, status: str) -> str:
        return self.tr("Open") if status == "open" else self.tr("Closed")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
            if self.data is not None:
                self._apply(self.data, self._generation)
        super().changeEvent(event)

    def translateTitles(self) -> None:
        period = self.current_period()
        if period is None:
            self.quotas_box.setTitle(self.tr("Quotas"))
        else:
            self.quotas_box.setTitle(self.tr("Quotas of {period}").format(period=period.name))
        self.status_button.setText(
            self.tr("Reopen period") if period is not None and period.status == "closed"
            else self.tr("Close period"))

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Periods and quotas"))
        self.periods_box.setTitle(self.tr("Periods"))
        self.period_table.setHorizontalHeaderLabels([
            self.tr("Program"), self.tr("Name"), self.tr("Opens"), self.tr("Closes"),
            self.tr("Status")])
        self.quota_table.setHorizontalHeaderLabels([
            self.tr("Area"), self.tr("Used"), self.tr("Quota"), self.tr("Remaining")])
        self.new_button.setText(self.tr("New period…"))
        self.editor_box.setTitle(self.tr("Set a quota"))
        self.area_label.setText(self.tr("&Area:"))
        self.amount_label.setText(self.tr("&Quota:"))
        self.reason_label.setText(self.tr("&Reason:"))
        self.reason_edit.setPlaceholderText(self.tr("Optional; kept in the audit log"))
        self.set_button.setText(self.tr("&Save quota"))
        self.no_quota_label.setText(self.tr(
            "No quota set for this period yet: nothing in it can be approved until one is."))
        self.close_buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            self.tr("Close"))
        if self.area_combo.count():
            self.area_combo.setItemText(0, self.tr("Whole area"))
        self.translateTitles()


def _date(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "—"
