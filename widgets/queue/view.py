"""The verification queue: worklists per role, the proposal list, findings and quota.

On top, the worklists the user's roles work from as tabs, each with its count (to check,
in the field, to approve, ready for a letter, returned, finished); below them the filters
(program, period, kelurahan, RW/RT, text), the order (priority or age) and the steps.
Left, the proposals of the chosen worklist; right, the quota bars of the period and the
findings panel of the selected proposal with its priority score.

Every change is asked for with a signal (:attr:`moveRequested`, :attr:`assignRequested`,
:attr:`overrideRequested`, ...) and done by the application in ``db``; the widget then gets
:meth:`refresh`. Selections are shared with the map both ways: :attr:`householdsSelected`
goes out, :meth:`select_households` comes in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.proposals import SOURCES, Filters, ProposalRow
from db.workflow import ApprovalPreview
from widgets.field_form import FieldFormDialog
from widgets.findings_panel import FindingsPanel, ask_reason
from widgets.queue.dialogs import ApproveTopDialog, AssignDialog, IntakeDialog
from widgets.queue.labels import move_label, program_label, state_label, worklist_label
from widgets.queue.model import QueueModel
from widgets.queue.source import QueueSource
from widgets.quota_bar import QuotaBars

# Moves that need a written reason (the workflow refuses them without one).
_REASON_MOVES = ("rejected", "returned", "cancelled", "declined")


class QueueWidget(QWidget):
    """The queue over one user's proposals."""

    # proposal ids, target state, reason, {id: version the window showed}
    moveRequested = Signal(list, str, str, dict)
    assignRequested = Signal(list, int, dict)  # proposal ids, officer id, versions
    assignAreaRequested = Signal(int, int, str, object, object)  # period, officer, kel, RW, RT
    overrideRequested = Signal(int, str)  # finding id, reason
    # program, period, NIK or KK numbers, source, reason
    createRequested = Signal(str, int, list, str, str)
    # proposal id, FieldResult, photos, version shown, the open form
    fieldResultRequested = Signal(int, object, object, int, object)
    approveTopRequested = Signal(int, int, object, list)  # period, N, kelurahan, expected ids
    recheckRequested = Signal()
    householdsSelected = Signal(list)  # household ids of the selected proposals (for the map)
    openHouseholdRequested = Signal(int)
    proposalSelected = Signal(int)

    def __init__(self, source: QueueSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueWidget")
        self.source = source
        self._suppress_selection = False
        self._counts: dict[str, int] = {}
        # Replaced in tests: how the widget asks for a reason, and shows previews.
        self.ask_reason: Callable[[str, str], str | None] = (
            lambda title, prompt: ask_reason(self, title, prompt))
        self.approve_top_preview: Callable[[int, int, str | None], ApprovalPreview] | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.worklists = QTabBar(self)
        self.worklists.setObjectName("worklists")
        self.worklists.setExpanding(False)
        self.worklists.setDrawBase(False)
        self.worklists.currentChanged.connect(lambda _index: self.reload())
        outer.addWidget(self.worklists)
        outer.addLayout(self._build_filters())
        outer.addLayout(self._build_actions())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("queueSplitter")
        outer.addWidget(splitter, 1)

        middle = QWidget(splitter)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        self.model = QueueModel(self.source.rows, self)
        self.table = QTableView(middle)
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._open_household())
        middle_layout.addWidget(self.table, 1)
        self.status = QLabel(middle)
        self.status.setObjectName("queueStatus")
        middle_layout.addWidget(self.status)

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.quota = QuotaBars(right)
        self.quota.setObjectName("quotaBars")
        right_layout.addWidget(self.quota)
        self.findings = FindingsPanel(right)
        self.findings.overrideRequested.connect(self.overrideRequested)
        self.findings.openHouseholdRequested.connect(self.openHouseholdRequested)
        right_layout.addWidget(self.findings, 1)
        right.setMinimumWidth(340)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 420])

        self._programs = {p.code: p for p in self.source.programs()}
        self._fill_filters()
        self.translateUI()
        self.refresh()

    # ------------------------------------------------------------------ building

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.program = QComboBox(self)
        self.program.setObjectName("programFilter")
        self.period = QComboBox(self)
        self.period.setObjectName("periodFilter")
        self.period.setMinimumContentsLength(18)
        self.kelurahan = QComboBox(self)
        self.kelurahan.setObjectName("kelurahanFilter")
        self.kelurahan.setMinimumContentsLength(12)
        self.rw = QLineEdit(self)
        self.rw.setObjectName("rwFilter")
        self.rw.setMaxLength(3)
        self.rw.setFixedWidth(48)
        self.rt = QLineEdit(self)
        self.rt.setObjectName("rtFilter")
        self.rt.setMaxLength(3)
        self.rt.setFixedWidth(48)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchFilter")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        self.order = QComboBox(self)
        self.order.setObjectName("orderCombo")
        self.blockers_only = QCheckBox(self)
        self.blockers_only.setObjectName("blockersOnly")
        self.program.currentIndexChanged.connect(self._program_changed)
        for combo in (self.period, self.kelurahan, self.order):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.blockers_only.toggled.connect(lambda _c: self.refresh())
        # Typing waits a moment, so each keystroke does not query again.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.refresh)
        for edit in (self.rw, self.rt, self.search):
            edit.textChanged.connect(lambda _t: self._typing.start())
        self.rw_label, self.rt_label = QLabel(self), QLabel(self)
        for widget in (self.program, self.period, self.kelurahan, self.rw_label, self.rw,
                       self.rt_label, self.rt):
            row.addWidget(widget)
        row.addWidget(self.search, 1)
        row.addWidget(self.order)
        # "Only with blocking findings" sits at the end of the buttons' row: on this one
        # it made the tab (and so the window) need 1,140 px, squeezing the region panel.
        return row

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newButton")
        self.new_button.clicked.connect(self.new_proposals)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("submitButton")
        self.submit_button.clicked.connect(lambda: self.request_move("submitted"))
        self.assign_button = QPushButton(self)
        self.assign_button.setObjectName("assignButton")
        self.assign_button.clicked.connect(self.assign)
        self.field_button = QPushButton(self)
        self.field_button.setObjectName("fieldButton")
        self.field_button.clicked.connect(self.field_result)
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(lambda: self.request_move("approved"))
        self.top_button = QPushButton(self)
        self.top_button.setObjectName("approveTopButton")
        self.top_button.clicked.connect(self.approve_top)
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("moreButton")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        self.more_actions = {}
        for state in ("rejected", "returned", "cancelled", "accepted", "declined"):
            action = self.more_menu.addAction("")
            action.setObjectName(f"move_{state}")
            action.triggered.connect(lambda _c=False, s=state: self.request_move(s))
            self.more_actions[state] = action
        self.more_menu.addSeparator()
        self.recheck_action = self.more_menu.addAction("")
        self.recheck_action.setObjectName("recheckAction")
        self.recheck_action.triggered.connect(self.recheckRequested)
        for widget in (self.new_button, self.submit_button, self.assign_button,
                       self.field_button, self.approve_button, self.top_button,
                       self.more_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.blockers_only)
        return row

    def _fill_filters(self) -> None:
        self.program.blockSignals(True)
        self.program.clear()
        self.program.addItem("", None)
        for code in self._programs:
            self.program.addItem(program_label(code), code)
        self.program.blockSignals(False)
        self.kelurahan.blockSignals(True)
        self.kelurahan.clear()
        self.kelurahan.addItem("", None)
        for row in self.source.kelurahan():
            self.kelurahan.addItem(row.name, row.code)
        self.kelurahan.blockSignals(False)
        self.order.blockSignals(True)
        self.order.clear()
        self.order.addItem("", "priority")
        self.order.addItem("", "age")
        self.order.blockSignals(False)
        self._fill_periods()

    def _fill_periods(self) -> None:
        current = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItem(self.tr("All periods"), None)
        for period in self.source.periods(self.program.currentData()):
            self.period.addItem(f"{program_label(period.program_code)} – {period.name}",
                                period.id)
        index = self.period.findData(current) if current is not None else -1
        # With one program chosen, its newest period is what people work on.
        self.period.setCurrentIndex(index if index >= 0 else
                                    (1 if self.program.currentData() and
                                     self.period.count() > 1 else 0))
        self.period.blockSignals(False)

    def _program_changed(self) -> None:
        self._fill_periods()
        self.refresh()

    # ------------------------------------------------------------------ state

    def filters(self) -> Filters:
        """What the filter bar and the chosen worklist select."""
        return Filters(
            worklist=self.current_worklist(),
            program_code=self.program.currentData(), period_id=self.period.currentData(),
            kelurahan_code=self.kelurahan.currentData(), rw=self.rw.text().strip() or None,
            rt=self.rt.text().strip() or None, text=self.search.text().strip() or None,
            with_blockers=True if self.blockers_only.isChecked() else None,
            order=self.order.currentData() or "priority",
        )

    # ------------------------------------------------------------------ worklists

    def worklist_names(self) -> list[str]:
        return [self.worklists.tabData(i) for i in range(self.worklists.count())]

    def current_worklist(self) -> str | None:
        index = self.worklists.currentIndex()
        return self.worklists.tabData(index) if index >= 0 else None

    def choose_worklist(self, name: str) -> None:
        """Show one worklist (its list reloads)."""
        self.worklists.setCurrentIndex(self.worklist_names().index(name))

    def worklist_counts(self) -> dict[str, int]:
        """The counts the tabs show."""
        return dict(self._counts)

    def refresh(self) -> None:
        """Read everything again: counts, the list, the quota, the selected proposal."""
        self._fill_worklists()
        self.reload()

    def _fill_worklists(self) -> None:
        wanted = self.current_worklist()
        try:
            self._counts = self.source.counts(replace(self.filters(), worklist=None))
        except Exception as error:
            self.status.setText(str(error))
            return
        names = self.source.worklists()
        self.worklists.blockSignals(True)
        while self.worklists.count() > len(names):
            self.worklists.removeTab(self.worklists.count() - 1)
        for index, name in enumerate(names):
            if index >= self.worklists.count():
                self.worklists.addTab("")
            self.worklists.setTabData(index, name)
        self._label_worklists()
        if wanted in names:
            self.worklists.setCurrentIndex(names.index(wanted))
        elif names:
            self.worklists.setCurrentIndex(0)
        self.worklists.blockSignals(False)

    def _label_worklists(self) -> None:
        for index in range(self.worklists.count()):
            name = self.worklists.tabData(index)
            self.worklists.setTabText(
                index, f"{worklist_label(name)} ({self._counts.get(name, 0)})")

    def reload(self) -> None:
        """The list of the chosen worklist, keeping the selection where possible."""
        keep = self.selected_ids()
        try:
            ids = self.source.ids(self.filters())
        except Exception as error:
            self.status.setText(str(error))
            return
        self.model.set_ids(ids)
        self.table.resizeColumnsToContents()
        self.select_proposals([i for i in keep if i in set(ids)] or ids[:1], announce=False)
        period = self.period.currentData()
        self.quota.setVisible(period is not None)
        if period is not None:
            self.quota.set_usages(self.source.quota(period))
        self.status.setText(self.tr("%1 proposal(s)").replace("%1", str(len(ids))))
        self._update_buttons()

    # ------------------------------------------------------------------ selection

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows if r < self.model.rowCount()]

    def selected_rows(self) -> list[ProposalRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [p for r in rows if (p := self.model.proposal(r)) is not None]

    def select_proposals(self, ids: Sequence[int], *, announce: bool = True) -> None:
        """Select these proposals (those in the list); ``announce`` tells the map."""
        selection = self.table.selectionModel()
        self._suppress_selection = True
        try:
            selection.clearSelection()
            first = None
            for pid in ids:
                row = self.model.row_of(pid)
                if row is None:
                    continue
                first = row if first is None else first
                selection.select(self.model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
            if first is not None:
                self.table.scrollTo(self.model.index(first, 0))
                selection.setCurrentIndex(self.model.index(first, 0),
                                          QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._suppress_selection = False
        self._show_selected()
        if announce:
            self.householdsSelected.emit(sorted({r.household_id for r in self.selected_rows()}))

    def select_households(self, household_ids: Sequence[int]) -> None:
        """A selection on the map: select their proposals here (in this worklist).

        Not announced back to the map, which already shows it.
        """
        self.select_proposals(self.source.proposals_of(household_ids, self.filters()),
                              announce=False)

    def _selection_changed(self) -> None:
        if self._suppress_selection:
            return
        self._show_selected()
        self.householdsSelected.emit(sorted({r.household_id for r in self.selected_rows()}))

    def _show_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            row = rows[0]
            summary = (f"#{row.id} {program_label(row.program_code)} · {row.name} · "
                       f"{row.nik or row.no_kk} · {row.kelurahan_name} RT {row.rt}/RW {row.rw}"
                       f" · {state_label(row.state)}")
            self.findings.show_proposal(
                summary, row.household_id, self.source.findings(row.id),
                self.source.priority(row.id),
                can_override=self.source.can("proposal.override_finding"))
            self.proposalSelected.emit(row.id)
        elif rows:
            text = self.tr("%1 proposals selected").replace("%1", str(len(rows)))
            self.findings.show_proposal(text, None, [], None, can_override=False)
        else:
            self.findings.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        states = {r.state for r in rows}

        def allowed(target: str) -> bool:
            return bool(rows) and all(target in self.source.allowed_moves(s) for s in states)

        self.new_button.setEnabled(self.source.can("proposal.create"))
        self.submit_button.setEnabled(allowed("submitted"))
        self.assign_button.setEnabled(self.source.can("proposal.assign"))
        self.field_button.setEnabled(len(rows) == 1 and rows[0].state == "in_field"
                                     and self.source.can("proposal.field_result"))
        self.approve_button.setEnabled(allowed("approved"))
        self.top_button.setEnabled(self.source.can("proposal.approve")
                                   and self.period.currentData() is not None)
        for state, action in self.more_actions.items():
            action.setEnabled(allowed(state))

    # ------------------------------------------------------------------ actions

    def _versions(self) -> dict[int, int]:
        return {r.id: r.version for r in self.selected_rows()}

    def request_move(self, target: str) -> None:
        """Ask to move the selected proposals to ``target`` (with a reason if it needs one)."""
        rows = self.selected_rows()
        if not rows:
            return
        reason = ""
        if target in _REASON_MOVES:
            answer = self.ask_reason(move_label(target).rstrip("…"), self.tr(
                "Why? The reason is kept with the proposal (%1 selected).").replace(
                    "%1", str(len(rows))))
            if not answer:
                return
            reason = answer
        self.moveRequested.emit([r.id for r in rows], target, reason, self._versions())

    def new_proposals(self, numbers: Sequence[str] = ()) -> IntakeDialog:
        """Open the intake dialog (optionally with NIK/KK numbers picked elsewhere)."""
        dialog = IntakeDialog(self.source.periods(), list(SOURCES), numbers=numbers,
                              parent=self)
        dialog.accepted.connect(lambda: self.createRequested.emit(*dialog.request()))
        dialog.open()
        return dialog

    def assign(self) -> AssignDialog:
        rows = [r for r in self.selected_rows() if r.state in ("submitted", "in_field")]
        dialog = AssignDialog(self.source.officers(), self.source.kelurahan(),
                              selected=len(rows), current_kelurahan=self.kelurahan.currentData(),
                              parent=self)

        def done() -> None:
            officer, kelurahan, rw, rt = dialog.choice()
            if kelurahan is None:
                self.assignRequested.emit([r.id for r in rows], officer,
                                          {r.id: r.version for r in rows})
            elif self.period.currentData() is not None:
                self.assignAreaRequested.emit(self.period.currentData(), officer, kelurahan,
                                              rw, rt)
            else:
                self.status.setText(self.tr("Choose a period first: visits are sent per "
                                            "period."))

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def field_result(self) -> FieldFormDialog | None:
        rows = self.selected_rows()
        if len(rows) != 1 or rows[0].state != "in_field":
            return None
        row = rows[0]
        summary = (f"#{row.id} {program_label(row.program_code)} · {row.name} · "
                   f"{row.address}, {row.kelurahan_name} RT {row.rt}/RW {row.rw}")
        dialog = FieldFormDialog(row.unit, summary, officer=row.assigned_to or "",
                                 known=self.source.known_house(row.id), parent=self)
        dialog.submitted.connect(lambda result, photos: self.fieldResultRequested.emit(
            row.id, result, photos, row.version, dialog))
        dialog.open()
        return dialog

    def approve_top(self) -> ApproveTopDialog | None:
        period_id = self.period.currentData()
        if period_id is None or self.approve_top_preview is None:
            return None
        period = next(p for p in self.source.periods() if p.id == period_id)
        preview = self.approve_top_preview
        dialog = ApproveTopDialog(period, lambda n, kel: preview(period_id, n, kel),
                                  self.source.kelurahan(), parent=self)

        def done() -> None:
            n, kelurahan, chosen = dialog.choice()
            self.approveTopRequested.emit(period_id, n, kelurahan, chosen)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def _open_household(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.openHouseholdRequested.emit(rows[0].household_id)

    # ------------------------------------------------------------------ language

    def translateUI(self) -> None:
        self.program.setItemText(0, self.tr("All programs"))
        self.period.setItemText(0, self.tr("All periods"))
        self.kelurahan.setItemText(0, self.tr("All kelurahan"))
        self.rw_label.setText(self.tr("RW"))
        self.rt_label.setText(self.tr("RT"))
        self.search.setPlaceholderText(self.tr("Search NIK, No. KK or name"))
        self.order.setItemText(0, self.tr("Highest priority first"))
        self.order.setItemText(1, self.tr("Oldest first"))
        self.blockers_only.setText(self.tr("Only with blockers"))
        self.new_button.setText(self.tr("New proposals…"))
        self.submit_button.setText(move_label("submitted"))
        self.assign_button.setText(move_label("in_field"))
        self.field_button.setText(move_label("eligible"))
        self.approve_button.setText(move_label("approved"))
        self.top_button.setText(self.tr("Approve top N…"))
        self.more_button.setText(self.tr("More"))
        for state, action in self.more_actions.items():
            action.setText(move_label(state))
        self.recheck_action.setText(self.tr("Run desk checks again"))
        self._label_worklists()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          self.model.columnCount() - 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

