"""The verification queue in the main window: a "Proposals" tab and the Usulan menu.

``install(window)`` adds the queue tab and its menu actions, keeps the findings up to date
whenever a household is saved (:func:`db.checks.install_auto_recheck`), and links the
queue with the rest of the window:

* every change the queue asks for (move, assign, override, field result, new proposals,
  approve the top N, desk checks) runs as a background operation; on success the window
  broadcasts the change and every view refreshes itself;
* selecting proposals highlights their households on the map, and households selected on
  the map select their proposals in the queue; the map's Selection menu offers "New
  proposals for the selection…" to those who may create proposals;
* "Open household" opens the register's form, or the household profile.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from db import checks, field, proposals, workflow
from db.workflow import ApprovalPreview, BulkResult
from desktop import dialogs
from desktop.ops import Changes, Job
from widgets.field_form import FieldFormDialog
from widgets.queue import QueueSource, QueueWidget

REGISTER = Changes(register=True)


class QueueController(QObject):
    """The queue tab of one main window, and the operations behind its signals."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("queueController")
        self.window = window
        self.database = window.database
        self.actor = window.actor
        self.source = QueueSource(self.database, self.actor)
        self.widget = QueueWidget(self.source, window.tabs)
        self.widget.approve_top_preview = self.preview_top
        self.tab_index = window.add_tab(self.widget, lambda: self.tr("Proposals"))
        # How messages are shown; tests replace these to answer without a modal box.
        self.show_error: Callable[[BaseException], None] = (
            lambda error: dialogs.show_error(self.widget, error))
        self.inform: Callable[[str, str], None] = (
            lambda title, text: dialogs.inform(self.widget, title, text))
        self.confirm: Callable[[str, str], bool] = self._confirm
        checks.install_auto_recheck(self.database)

        w = self.widget
        w.moveRequested.connect(self.move)
        w.assignRequested.connect(self.assign)
        w.assignAreaRequested.connect(self.assign_area)
        w.overrideRequested.connect(self.override)
        w.createRequested.connect(self.create)
        w.fieldResultRequested.connect(self.record_field_result)
        w.approveTopRequested.connect(self.approve_top)
        w.recheckRequested.connect(self.run_desk_checks)
        w.householdsSelected.connect(self._highlight_on_map)
        w.openHouseholdRequested.connect(self.open_household)
        window.changed.connect(self._on_changed)

        self.actions: dict[str, QAction] = {}
        menu = window.menus["proposals"]
        for name, slot in (("queueAction", self.show_queue),
                           ("newProposalsAction", lambda: self.widget.new_proposals()),
                           ("mapProposalsAction", self.new_from_map),
                           ("deskCheckAction", self.run_desk_checks),
                           ("approveTopAction", lambda: self.widget.approve_top()),
                           ("showOnMapAction", self.show_on_map)):
            action = QAction(window)
            action.setObjectName(name)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.actions[name] = action
        menu.menuAction().setEnabled(True)
        self.actions["newProposalsAction"].setVisible(self.actor.can("proposal.create"))
        self.actions["mapProposalsAction"].setVisible(self.actor.can("proposal.create"))
        self.actions["deskCheckAction"].setVisible(self.actor.can("proposal.desk_check"))
        self.actions["approveTopAction"].setVisible(self.actor.can("proposal.approve"))
        # The same intake as "New proposals from the map selection…", offered where the
        # selection is made.
        self.selection_action = QAction(window)
        self.selection_action.setObjectName("mapSelectionProposalsAction")
        self.selection_action.triggered.connect(self.new_from_map)
        self._link_map()
        window.installEventFilter(self)
        self.translateUI()

    # ------------------------------------------------------------------ running

    def _run(self, work: Callable[[Job], Any], done: Callable[[Any], None] | None = None,
             *, failed: Callable[[Exception], None] | None = None,
             changes: Changes = REGISTER) -> None:
        op = self.window.operation(work, changes=changes)
        if done is not None:
            op.success(done)
        op.failure(failed or self.show_error)
        op.run()

    def _report(self, title: str, result: BulkResult) -> None:
        """Tell what a bulk step did; refusals are listed with their reasons."""
        if not result.refused:
            return
        self.inform(title, "\n".join(result.lines()))

    def _on_changed(self, changes: Changes) -> None:
        if changes.register or changes.settings:
            self.widget.refresh()

    # ------------------------------------------------------------------ the steps

    def move(self, ids: Sequence[int], target: str, reason: str,
             versions: dict[int, int]) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> BulkResult:
            with database.write() as session:
                return workflow.move_many(session, actor, ids, target, reason=reason,
                                          expected_versions=versions)

        self._run(work, lambda result: self._report(self.tr("Proposals not moved"), result))

    def assign(self, ids: Sequence[int], officer_id: int, versions: dict[int, int]) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> BulkResult:
            with database.write() as session:
                return workflow.assign(session, actor, ids, officer_id,
                                       expected_versions=versions)

        self._run(work, lambda result: self._report(self.tr("Visits not assigned"), result))

    def assign_area(self, period_id: int, officer_id: int, kelurahan: str,
                    rw: str | None, rt: str | None) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> BulkResult:
            with database.write() as session:
                return workflow.assign_by_area(session, actor, period_id, officer_id,
                                               kelurahan, rw=rw, rt=rt)

        self._run(work, lambda result: self._report(self.tr("Visits not assigned"), result))

    def override(self, finding_id: int, reason: str) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> checks.FindingRow:
            with database.write() as session:
                return checks.override(session, actor, finding_id, reason)

        self._run(work)

    def create(self, program: str, period: int, numbers: list[str], source: str,
               reason: str) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> proposals.CreateResult:
            with database.write() as session:
                return proposals.create_from_numbers(session, actor, program, period,
                                                     numbers=numbers, source=source,
                                                     reason=reason)

        def done(result: proposals.CreateResult) -> None:
            if result.skipped:
                self.inform(self.tr("New proposals"), "\n".join(result.lines()))
            if result.created:
                self.widget.select_proposals(result.created)

        self._run(work, done)

    def new_from_map(self) -> None:
        """The intake dialog with the KKs of the households selected on the map."""
        controller = self._map_controller()
        ids = controller.view.canvas.selected_ids() if controller is not None else []
        if not ids:
            self.inform(self.tr("New proposals"),
                        self.tr("Select households on the map first (rectangle or lasso)."))
            return
        self.show_queue()
        self.widget.new_proposals(self.source.household_numbers(ids))

    def record_field_result(self, proposal_id: int, result: field.FieldResult,
                            photos: list[field.Photo], version: int,
                            dialog: FieldFormDialog) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> field.FieldOutcome:
            with database.write() as session:
                return field.record_result(session, actor, proposal_id, result, photos=photos,
                                           expected_version=version)

        def done(outcome: field.FieldOutcome) -> None:
            dialog.saved()
            if outcome.offer_point_correction and outcome.gps_warning and (
                result.gps_longitude is not None and self.confirm(
                    self.tr("Household location"), outcome.gps_warning)):
                self.correct_point(proposal_id, result.gps_longitude, result.gps_latitude)  # type: ignore[arg-type]

        self._run(work, done, failed=dialog.show_problems)

    def correct_point(self, proposal_id: int, longitude: float, latitude: float) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> object:
            with database.write() as session:
                row = proposals.get(session, actor, proposal_id)
                return field.correct_household_point(
                    session, actor, row.household_id, longitude, latitude,
                    reason=f"GPS di pintu rumah saat verifikasi usulan #{proposal_id}")

        self._run(work)

    def preview_top(self, period_id: int, n: int, kelurahan: str | None) -> ApprovalPreview:
        """The "approve the top N" preview, read now (the dialog waits for it)."""
        with self.database.write() as session:
            return workflow.approve_top_preview(session, self.actor, period_id, n,
                                                kelurahan_code=kelurahan)

    def approve_top(self, period_id: int, n: int, kelurahan: str | None,
                    expected: list[int]) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> BulkResult:
            with database.write() as session:
                return workflow.approve_top(session, actor, period_id, n,
                                            kelurahan_code=kelurahan, expected=expected)

        self._run(work, lambda result: self._report(self.tr("Proposals not approved"), result))

    def run_desk_checks(self) -> None:
        database, actor = self.database, self.actor

        def work(_job: Job) -> checks.CheckSummary:
            with database.write() as session:
                return checks.run_desk_checks(session, actor)

        def done(summary: checks.CheckSummary) -> None:
            sev = summary.by_severity
            self.inform(self.tr("Desk checks"), self.tr(
                "Checked %1 households and %2 active proposals in %3 s.\n"
                "Findings: %4 blockers, %5 warnings, %6 for information.")
                .replace("%1", str(summary.households)).replace("%2", str(summary.proposals))
                .replace("%3", f"{summary.seconds:.1f}")
                .replace("%4", str(sev.get("blocker", 0)))
                .replace("%5", str(sev.get("warning", 0)))
                .replace("%6", str(sev.get("info", 0))))

        op = self.window.operation(work, changes=REGISTER)
        op.with_progress_dialog(self.tr("Running the desk checks…"), cancellable=False)
        op.success(done).failure(self.show_error).run()

    # ------------------------------------------------------------------ links

    def _map_controller(self) -> Any:
        return getattr(self.window, "map", None)

    def _link_map(self) -> None:
        controller = self._map_controller()
        if controller is not None:
            controller.view.selectionChanged.connect(self._map_selection_changed)
            if self.actor.can("proposal.create"):
                controller.view.add_selection_action(self.selection_action)

    def _map_selection_changed(self, household_ids: list) -> None:
        if household_ids:
            self.widget.select_households(household_ids)

    def _highlight_on_map(self, household_ids: list) -> None:
        controller = self._map_controller()
        if controller is not None:
            controller.view.highlight(household_ids)

    def show_on_map(self) -> None:
        controller = self._map_controller()
        ids = sorted({r.household_id for r in self.widget.selected_rows()})
        if controller is not None and ids:
            controller.show_households(ids)

    def open_household(self, household_id: int) -> None:
        opener = getattr(self.window, "open_household", None)
        if callable(opener):
            opener(household_id)

    def show_queue(self) -> None:
        self.window.tabs.setCurrentWidget(self.widget)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.widget, title, text)
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ language

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        return False

    def translateUI(self) -> None:
        texts = {
            "queueAction": self.tr("Verification queue"),
            "newProposalsAction": self.tr("New proposals…"),
            "mapProposalsAction": self.tr("New proposals from the map selection…"),
            "deskCheckAction": self.tr("Run desk checks"),
            "approveTopAction": self.tr("Approve top N within quota…"),
            "showOnMapAction": self.tr("Show selected on the map"),
        }
        for name, text in texts.items():
            self.actions[name].setText(text)
        self.selection_action.setText(self.tr("New proposals for the selection…"))
        self.selection_action.setToolTip(self.tr(
            "Open the intake with the No. KK of the households selected on the map"))


def install(window: Any) -> QueueController:
    """Add the verification queue to ``window`` (a :class:`desktop.mainwindow.MainWindow`)."""
    controller = QueueController(window)
    window.queue = controller
    return controller

