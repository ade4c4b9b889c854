"""The verification queue driven through its real widgets on a real SQLite file: intake,
submit, send to the field, the field form (photos, GPS far from the record, point
corrected), findings and overrides, approval within quota, "approve the top N", the map
link and the screenshot in docs/img."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from db import checks, programs
from db.actor import Actor, demo_admin
from db.engine import Database
from db.field import CHECKLIST, sections_for
from db.models import Household, Proposal
from desktop import app
from desktop.mainwindow import MainWindow
from desktop.queue import QueueController
from desktop.queue import install as install_queue
from tests.test_checks import add_clean_household, bare_register
from widgets.field_form import FieldFormDialog
from widgets.queue.labels import worklist_label
from widgets.queue.view import QueueWidget
from .conftest import screenshot_dir

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("gui_isolated")]

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def actor(sqlite_database: Database) -> Actor:
    with sqlite_database.read() as session:
        return demo_admin(session)


class Office:
    """A small demo register with two open periods, quotas and a clean family."""

    def __init__(self, database: Database, actor: Actor) -> None:
        self.summary = bare_register(database, 150)
        with database.write() as session:
            self.pbi = programs.create_period(session, actor, "pbi-jk",
                                              "PBI APBD 2025 tahap 2", 2025,
                                              funding_source="apbd").id
            self.rtlh = programs.create_period(session, actor, "rtlh", "RTLH APBD 2025", 2025,
                                               funding_source="apbd").id
            programs.set_quota(session, actor, self.pbi, None, 10)
            programs.set_quota(session, actor, self.rtlh, None, 1)
            self.clean = add_clean_household(session, serial=9100)
            self.other = add_clean_household(session, serial=9200)
            self.kk = session.get(Household, self.clean).no_kk
            self.other_kk = session.get(Household, self.other).no_kk
            checks.run_desk_checks(session, actor)


@pytest.fixture
def office(sqlite_database: Database, actor: Actor) -> Office:
    return Office(sqlite_database, actor)


@pytest.fixture
def window(qtbot, sqlite_database: Database, actor: Actor, office: Office,
           tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
    win = app.build_main_window(sqlite_database, actor, settings=settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


@pytest.fixture
def controller(window: MainWindow) -> QueueController:
    controller = getattr(window, "queue", None) or install_queue(window)
    controller.messages = []  # type: ignore[attr-defined]
    controller.show_error = lambda error: controller.messages.append(str(error))  # type: ignore[attr-defined]
    controller.inform = lambda title, text: controller.messages.append(text)  # type: ignore[attr-defined]
    controller.confirm = lambda title, text: True
    controller.show_queue()
    return controller


def _pick_worklist(queue: QueueWidget, name: str) -> None:
    queue.choose_worklist(name)
    assert queue.current_worklist() == name


def _count(queue: QueueWidget, name: str) -> int:
    index = queue.worklist_names().index(name)
    shown = queue.worklists.tabText(index)
    assert shown.endswith(f"({queue.worklist_counts()[name]})")
    return queue.worklist_counts()[name]


def _state(database: Database, pid: int) -> str:
    with database.read() as session:
        return session.get(Proposal, pid).state


def _photos(folder: Path) -> dict[str, Path]:
    paths = {}
    for n, kind in enumerate(programs.PHOTO_KINDS):
        out = io.BytesIO()
        Image.new("RGB", (80, 60), (30 * n, 140, 100)).save(out, format="JPEG")
        path = folder / f"{kind}.jpg"
        path.write_bytes(out.getvalue())
        paths[kind] = path
    return paths


def test_queue_from_intake_through_the_field_to_approval(
    qtbot, window: MainWindow, controller: QueueController, office: Office,
    sqlite_database: Database, tmp_path: Path,
) -> None:
    queue = controller.widget
    assert window.tabs.currentWidget() is queue
    assert [queue.worklists.tabText(i).split(" (")[0]
            for i in range(queue.worklists.count())][:4] == [
        "Perlu diperiksa", "Dikembalikan", "Siap dibuat surat", "Perlu disetujui"]

    # Intake: a new RTLH proposal by No. KK.
    intake = queue.new_proposals()
    intake.period.setCurrentIndex(intake.period.findData(office.rtlh))
    intake.source.setCurrentIndex(intake.source.findData("rt_rw_forum"))
    intake.numbers.setPlainText(f"{office.kk[:8]}-{office.kk[8:]}")  # pasted with a dash
    intake.reason.setText("Forum RT 001: atap roboh sebagian")
    intake.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    with sqlite_database.read() as session:
        [pid] = session.scalars(select_proposals()).all()
    assert _count(queue, "to_check") == 1
    assert queue.selected_ids() == [pid]
    assert "Tidak ada temuan" in queue.findings.heading.text()
    assert queue.findings.priority_tree.topLevelItemCount() == 4

    # Submit, then send to the field officer (the demo administrator holds that role).
    qtbot.mouseClick(queue.submit_button, Qt.MouseButton.LeftButton)
    assert _state(sqlite_database, pid) == "submitted"
    assign = queue.assign()
    assert assign.by_selection.isChecked()
    assign.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert _state(sqlite_database, pid) == "in_field"
    assert _count(queue, "in_field") == 1

    # The field form: same items and order as the printed checklist.
    _pick_worklist(queue, "in_field")
    queue.select_proposals([pid])
    assert queue.field_button.isEnabled()
    form = queue.field_result()
    assert isinstance(form, FieldFormDialog)
    assert form.item_order() == [i.code for s in sections_for("household") for i in s.items]
    assert [b.title() for b in form.section_boxes] == [s.title for s in CHECKLIST]
    # Saving without photos is refused by the checks; the typed answers stay.
    form.officer.setText("Budi Santoso")
    form.answers["roof_condition"].set_value("badly_damaged")
    form.answers["floor_area_m2"].widget.setText("17,5")
    form.eligible.setChecked(True)
    form.reason.setPlainText("Atap roboh sebagian, dinding bambu lapuk.")
    with sqlite_database.read() as session:
        household = session.get(Household, office.clean)
        lon, lat = household.longitude, household.latitude
    form.longitude.setText(f"{lon + 0.0009:.6f}")  # about 100 m from the recorded point
    form.latitude.setText(f"{lat:.6f}")
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert form.isVisible() and form.problems.isVisible()
    assert "Foto wajib belum ada" in form.problems.text()
    assert form.answers["floor_area_m2"].widget.text() == "17,5"
    for kind, path in _photos(tmp_path).items():
        form.set_photo(kind, path)
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not form.isVisible()
    assert _state(sqlite_database, pid) == "eligible"
    with sqlite_database.read() as session:
        household = session.get(Household, office.clean)
        # The officer's GPS was ~100 m off: the operator accepted moving the point there.
        assert household.longitude == pytest.approx(lon + 0.0009, abs=1e-6)
        assert household.floor_area_m2 == 17.5

    # To approve: the findings panel shows what is open; the warning is overridden.
    _pick_worklist(queue, "to_approve")
    queue.select_proposals([pid])
    rules = {f.rule: f for f in queue.findings.findings()}
    assert "photos_missing" not in rules and "gps_far_from_record" not in rules
    warning = rules.get("floor_area_above_minimum")
    if warning is None:  # 17.5 m² for 3 people is under 7.2 each: no warning; make one
        with sqlite_database.write() as session:
            session.get(Household, office.clean).land_document = "none"
        queue.refresh()
        queue.select_proposals([pid])
        warning = {f.rule: f for f in queue.findings.findings()}["no_land_document"]
    queue.findings.select_finding(warning.id)
    assert queue.findings.override_button.isEnabled()
    queue.findings.ask_reason = lambda title, prompt: "Ada surat keterangan tanah dari Lurah."
    queue.findings.override_button.click()
    queue.select_proposals([pid])
    assert all(f.overridden for f in queue.findings.findings() if f.severity == "warning")

    # Approve: within the RTLH quota of 1, which the bar then shows full.
    assert queue.approve_button.isEnabled()
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    assert _state(sqlite_database, pid) == "approved"
    queue.period.setCurrentIndex(queue.period.findData(office.rtlh))
    bar = queue.quota.bars[0]
    assert bar.usage is not None and (bar.usage.used, bar.usage.amount) == (1, 1)
    assert bar.colour().name() == "#c62828"
    assert _count(queue, "ready_for_letter") >= 1
    assert controller.messages == []

    # The audit trail holds every step with who and why.
    with sqlite_database.read() as session:
        from db import workflow

        steps = [(e.old_value, e.new_value) for e in reversed(workflow.history(session, pid))
                 if e.action == "transition"]
    assert steps == [("draft", "submitted"), ("submitted", "in_field"),
                     ("in_field", "eligible"), ("eligible", "approved")]


def select_proposals():  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    return select(Proposal.id).order_by(Proposal.id)


def test_a_second_approval_beyond_quota_is_refused_with_the_reason(
    qtbot, controller: QueueController, office: Office, sqlite_database: Database,
    actor: Actor,
) -> None:
    from tests.test_checks import drive

    ids = []
    for household in (office.clean, office.other):
        with sqlite_database.write() as session:
            from db import proposals as proposal_service

            ids += proposal_service.create(session, actor, "rtlh", office.rtlh,
                                           household_ids=[household]).created
    for pid in ids:
        drive(sqlite_database, actor, pid, "eligible")
    queue = controller.widget
    queue.refresh()
    _pick_worklist(queue, "to_approve")
    queue.select_proposals(ids)
    for pid in ids:
        with sqlite_database.write() as session:
            for f in checks.proposal_findings(session, pid):
                if f.severity == "warning" and not f.overridden:
                    checks.override(session, actor, f.id, "Sudah diperiksa peninjau.")
    queue.refresh()
    queue.select_proposals(ids)
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    states = sorted(_state(sqlite_database, p) for p in ids)
    assert states == ["approved", "eligible"]
    assert controller.messages and "Kuota seluruh wilayah" in controller.messages[0]
    assert "sudah penuh: 1 dari 1" in controller.messages[0]


def test_approve_top_n_dialog_previews_then_approves(
    qtbot, controller: QueueController, office: Office, sqlite_database: Database,
    actor: Actor,
) -> None:
    from db import proposals as proposal_service
    from tests.test_checks import drive

    with sqlite_database.write() as session:
        created = proposal_service.create(session, actor, "pbi-jk", office.pbi,
                                          household_ids=[office.clean, office.other]).created
    for pid in created:
        drive(sqlite_database, actor, pid, "eligible")
    queue = controller.widget
    queue.program.setCurrentIndex(queue.program.findData("pbi-jk"))
    queue.period.setCurrentIndex(queue.period.findData(office.pbi))
    dialog = queue.approve_top()
    assert dialog is not None
    dialog.count.setValue(4)
    rows = dialog.preview.rows
    assert len(rows) == len(created)
    # Every one has something to review (the desil warning or the findings' overrides):
    # nothing gets in, and each says why.
    assert all(r.why for r in rows)
    for pid in created:
        with sqlite_database.write() as session:
            for f in checks.proposal_findings(session, pid):
                if f.severity == "warning" and not f.overridden:
                    checks.override(session, actor, f.id, "Sudah diperiksa peninjau.")
    dialog.refresh()
    assert len(dialog.preview.chosen) == 4
    assert dialog.table.rowCount() == len(created)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    approved = [p for p in created if _state(sqlite_database, p) == "approved"]
    assert sorted(approved) == sorted(dialog.preview.chosen)


def test_bulk_assign_by_rw_and_map_link(
    qtbot, window: MainWindow, controller: QueueController, office: Office,
    sqlite_database: Database, actor: Actor,
) -> None:
    from db import proposals as proposal_service
    from tests.test_checks import drive

    with sqlite_database.write() as session:
        created = proposal_service.create(session, actor, "pbi-jk", office.pbi,
                                          household_ids=[office.clean]).created
    for pid in created:
        drive(sqlite_database, actor, pid, "submitted")
    queue = controller.widget
    queue.program.setCurrentIndex(queue.program.findData("pbi-jk"))
    queue.period.setCurrentIndex(queue.period.findData(office.pbi))
    queue.choose_worklist("to_check")
    queue.select_proposals([])
    dialog = queue.assign()
    assert dialog.by_area.isChecked()  # nothing selected: by area
    dialog.kelurahan.setCurrentIndex(dialog.kelurahan.findData("36.73.01.1002"))
    dialog.rw.setText("2")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert {_state(sqlite_database, p) for p in created} == {"in_field"}

    # Selecting proposals highlights the household on the map, and back.
    map_controller = getattr(window, "map", None)
    if map_controller is None:
        pytest.skip("the map is not installed in this main window")
    map_controller.reload()  # the map tab was never shown: load its data now

    # Proposals from a map selection: the intake dialog comes with the households' KKs.
    map_controller.view.canvas.set_selected_ids([office.other])
    controller.new_from_map()
    intake = next(d for d in queue.findChildren(QDialog) if d.objectName() == "intakeDialog"
                  and d.isVisible())
    assert intake.numbers.toPlainText() == office.other_kk
    intake.period.setCurrentIndex(intake.period.findData(office.rtlh))
    intake.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    with sqlite_database.read() as session:
        from sqlalchemy import select

        assert session.scalar(select(Proposal.household_id).where(
            Proposal.period_id == office.rtlh)) == office.other

    _pick_worklist(queue, "in_field")
    queue.select_proposals(created[:1])
    assert map_controller.view.canvas.selected_ids() == [office.clean]
    queue.select_proposals([])
    map_controller.view.selectionChanged.emit([office.clean])
    assert sorted(queue.selected_ids()) == sorted(created)


def test_screenshot_of_the_queue_with_findings_and_the_map(
    qtbot, window: MainWindow, controller: QueueController, office: Office,
    sqlite_database: Database, actor: Actor,
) -> None:
    from PySide6.QtWidgets import QSplitter

    from db import demo_workflow
    from desktop.map import load_map_data
    from widgets.map.view import MapView

    with sqlite_database.write() as session:
        demo_workflow.populate(session, actor, rng_seed=3, today=dt.date.today())
    window.refresh()
    queue = controller.widget
    queue.program.setCurrentIndex(queue.program.findData("pbi-jk"))
    assert queue.period.currentText().endswith(demo_workflow.PBI_PERIOD)  # newest period
    assert queue.quota.isVisible() and queue.quota.bars[0].usage is not None
    _pick_worklist(queue, "to_check")
    flagged = [r for r in (queue.model.proposal(i) for i in range(queue.model.rowCount()))
               if r is not None and r.blockers]
    assert flagged, "the demo queue holds proposals with blocking findings"
    queue.select_proposals([flagged[0].id])
    assert queue.findings.tree.topLevelItemCount() >= 1
    window.tabs.setCurrentWidget(queue)
    qtbot.wait(50)
    # Everything fits the most common office screen: nothing pushes the window taller.
    assert window.minimumSizeHint().height() <= 768 and window.height() <= 768
    out = screenshot_dir()
    assert window.grab().save(str(out / "queue.png"))

    # The queue and the map side by side, the selected household highlighted.
    pair = QSplitter()
    qtbot.addWidget(pair)
    side_queue = QueueWidget(controller.source)
    map_view = MapView()
    pair.addWidget(side_queue)
    pair.addWidget(map_view)
    data = load_map_data(sqlite_database, actor)
    map_view.set_boundaries(data.shapes)
    map_view.set_households(data.points, data.index)
    side_queue.householdsSelected.connect(map_view.highlight)
    pair.resize(1600, 800)
    pair.setSizes([1000, 600])
    pair.show()
    side_queue.program.setCurrentIndex(side_queue.program.findData("pbi-jk"))
    _pick_worklist(side_queue, "to_check")
    side_queue.table.selectRow(side_queue.model.row_of(flagged[0].id))
    map_view.canvas.zoom_to_full_extent()
    map_view.canvas.redraw_now()
    qtbot.wait(50)
    assert map_view.canvas.selected_ids() == [flagged[0].household_id]
    assert pair.grab().save(str(out / "queue-map.png"))
    assert worklist_label("to_check") == "Perlu diperiksa"
