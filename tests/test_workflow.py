"""The proposal workflow on real databases: every transition allowed and refused (by role,
state, findings, quota, a stale window), audited with who, when and why; bulk moves,
approving the top N within quota, letters, and the CLI's typed one-line errors."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from db import audit, checks, letters, permissions, programs, proposals, workflow
from db.actor import Actor
from db.errors import (
    PermissionDenied,
    StaleRecord,
    TransitionNotAllowed,
    ValidationFailed,
)
from db.models import Proposal
from db.programs import STATES
from db.workflow import LETTER_EDGES, TRANSITIONS
from desktop.cli import main
from tests.test_checks import (
    World,
    drive,
    make_actor,
    make_world,
    members_of,
    propose,
    state_of,
    visit,
)

REASON = "Alasan uji yang cukup panjang."
# The one role that may take each kind of edge (the matrix may give more).
_ROLE_FOR = {
    "proposal.submit": "operator", "proposal.cancel": "operator",
    "proposal.assign": "operator", "proposal.return": "reviewer",
    "proposal.field_result": "field_officer", "proposal.approve": "signatory",
    "proposal.record_outcome": "operator", "letter.create": "operator",
    "letter.withdraw": "signatory",
}


@pytest.fixture
def world(database, actor) -> World:  # type: ignore[no-untyped-def]
    return make_world(database, actor, clean=8)


class People:
    def __init__(self, world: World) -> None:
        db = world.database
        self.operator = make_actor(db, "operator", "operator")
        self.officer = make_actor(db, "petugas", "field_officer")
        self.other_officer = make_actor(db, "petugas2", "field_officer")
        self.reviewer = make_actor(db, "peninjau", "reviewer")
        self.signatory = make_actor(db, "camat", "signatory")
        self.admin_only = make_actor(db, "admin2", "admin")
        self.by_role = {"operator": self.operator, "field_officer": self.officer,
                        "reviewer": self.reviewer, "signatory": self.signatory,
                        "admin": self.admin_only}


class Pool:
    """Fresh PBI-JK proposals for the clean families' members, one per call."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.members = [m for h in world.clean for m in members_of(world.database, h)]

    def fresh(self, state: str = "draft") -> int:
        member = self.members.pop()
        [pid] = propose(self.world.database, self.world.admin, "pbi-jk", self.world.pbi,
                        member_ids=[member])
        drive(self.world.database, self.world.admin, pid, state)
        assert state_of(self.world.database, pid) == state
        return pid


def _issue_letter(world: World, actor: Actor, pids: list[int]) -> int:
    """A real registry letter carrying ``pids`` (the PDF bytes are not what is tested)."""
    with world.database.write() as session:
        row = letters.issue(
            session, actor, letter_type_code="usulan-pbi", period_id=world.pbi,
            proposal_ids=pids,
            render=lambda n: letters.Rendered(b"%PDF-1.4 uji " + n.number.encode(),
                                              "Kepala Dinas Sosial", "Usulan PBI-JK", None),
        )
    return row.id


def _last_transition(world: World, pid: int) -> audit.AuditRow:
    with world.database.read() as session:
        return next(e for e in workflow.history(session, pid) if e.action == "transition")


# ------------------------------------------------------------------ every edge, allowed


def test_every_transition_is_allowed_to_its_role_and_audited(world: World):
    people = People(world)
    pool = Pool(world)
    for (frm, to), edge in TRANSITIONS.items():
        if (frm, to) in LETTER_EDGES or frm in ("in_letter",):
            continue  # covered with real letters below
        role = _ROLE_FOR[edge.permission]
        actor = people.by_role[role]
        pid = pool.fresh(frm)
        if edge.permission == "proposal.field_result":
            with world.database.write() as session:
                workflow.assign(session, world.admin, [pid], people.officer.user_id)
            visit(world.database, actor, pid, to)  # the field form is how this edge is taken
        else:
            if to == "approved":
                drive_overrides(world, pid)
            with world.database.write() as session:
                result = workflow.move(session, actor, pid, to, reason=REASON,
                                       assign_to=people.officer.user_id)
            assert (result.from_state, result.to_state) == (frm, to)
        assert state_of(world.database, pid) == to, (frm, to)
        event = _last_transition(world, pid)
        assert (event.old_value, event.new_value) == (frm, to)
        assert event.username == actor.username and event.at is not None
        if edge.needs_reason:
            assert event.reason == (REASON if edge.permission != "proposal.field_result"
                                    else "Sesuai kondisi di lapangan.")


def drive_overrides(world: World, pid: int) -> None:
    with world.database.write() as session:
        for f in checks.proposal_findings(session, pid):
            if f.severity == "warning" and not f.overridden:
                checks.override(session, world.admin, f.id, "Sudah diperiksa untuk uji.")


def test_letter_edges_and_dinas_outcomes(world: World):
    people = People(world)
    pool = Pool(world)
    first, second, third = (pool.fresh("approved") for _ in range(3))
    # Moving into a letter by hand is refused: only issuing a letter does it.
    with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
        workflow.move(session, people.operator, first, "in_letter")
    assert "penerbitan surat" in err.value.message
    letter_id = _issue_letter(world, people.operator, [first, second, third])
    assert {state_of(world.database, p) for p in (first, second, third)} == {"in_letter"}
    with world.database.write() as session:
        workflow.move(session, people.operator, first, "accepted")
        workflow.move(session, people.operator, second, "declined",
                      reason="Sudah terdaftar PBI APBN bulan ini.")
    assert state_of(world.database, first) == "accepted"
    assert state_of(world.database, second) == "declined"
    # Withdrawing the letter returns what is still in it to "approved".
    with world.database.write() as session:
        letters.withdraw(session, people.signatory, letter_id, "Salah lampiran, diterbitkan ulang.")
    assert state_of(world.database, third) == "approved"
    assert _last_transition(world, third).username == "camat"
    # Nobody moves an accepted or declined proposal any further.
    for pid in (first, second):
        for target in STATES:
            with world.database.write() as session, pytest.raises(TransitionNotAllowed):
                workflow.move(session, world.admin, pid, target, reason=REASON)


# ------------------------------------------------------------------ every edge, refused


def test_every_transition_is_refused_to_other_roles(world: World):
    people = People(world)
    pool = Pool(world)
    by_state: dict[str, int] = {}
    for (frm, to), edge in TRANSITIONS.items():
        if frm == "in_letter" or (frm, to) in LETTER_EDGES:
            continue
        pid = by_state.get(frm) or by_state.setdefault(frm, pool.fresh(frm))
        allowed_roles = permissions.action(edge.permission).all_roles
        for role, actor in people.by_role.items():
            if role in allowed_roles:
                continue
            with world.database.write() as session, pytest.raises(PermissionDenied) as err:
                workflow.move(session, actor, pid, to, reason=REASON,
                              assign_to=people.officer.user_id)
            assert actor.username in err.value.message
            assert state_of(world.database, pid) == frm


def test_field_officer_records_only_visits_assigned_to_them(world: World):
    import datetime as dt

    from db import field as field_visits

    people = People(world)
    pool = Pool(world)
    pid = pool.fresh("submitted")
    with world.database.write() as session:
        workflow.assign(session, people.operator, [pid], people.officer.user_id)
    result = field_visits.FieldResult("Petugas Dua", dt.date.today(), "eligible",
                                      "Rumah sesuai usulan.")
    with world.database.write() as session, pytest.raises(PermissionDenied) as err:
        field_visits.record_result(session, people.other_officer, pid, result)
    assert "tidak ditugaskan kepada 'petugas2'" in err.value.message
    # The officer's list shows only their own visits.
    with world.database.read() as session:
        mine = proposals.proposal_ids(session, people.officer,
                                      proposals.Filters(worklist="in_field"))
        theirs = proposals.proposal_ids(session, people.other_officer,
                                        proposals.Filters(worklist="in_field"))
    assert mine == [pid] and theirs == []
    # Nor do the rows of a proposal id they were handed (a selection, a stale list).
    with world.database.read() as session:
        assert [r.id for r in proposals.rows(session, people.officer, [pid])] == [pid]
        assert proposals.rows(session, people.other_officer, [pid]) == []
    assert state_of(world.database, pid) == "in_field"
    visit(world.database, people.officer, pid, "eligible")
    assert state_of(world.database, pid) == "eligible"


def test_every_illegal_pair_is_refused_with_its_state_unchanged(world: World):
    pool = Pool(world)
    for frm in ("draft", "submitted", "in_field", "eligible", "not_eligible", "approved",
                "returned"):
        pid = pool.fresh(frm)
        for to in STATES:
            if (frm, to) in TRANSITIONS:
                continue
            with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
                workflow.move(session, world.admin, pid, to, reason=REASON)
            assert err.value.proposal_id == pid and err.value.from_state == frm
            assert err.value.to_state == to and err.value.message
            assert state_of(world.database, pid) == frm
    with world.database.write() as session, pytest.raises(ValidationFailed) as bad:
        workflow.move(session, world.admin, pid, "terbang")
    assert "tidak dikenal" in str(bad.value)


def test_refusals_and_returns_need_a_reason(world: World):
    pool = Pool(world)
    pid = pool.fresh("submitted")
    with world.database.write() as session, pytest.raises(ValidationFailed) as err:
        workflow.move(session, world.admin, pid, "returned", reason="  ")
    assert err.value.problems[0][0] == "alasan"
    assert state_of(world.database, pid) == "submitted"


def test_field_result_is_needed_before_eligible(world: World):
    pool = Pool(world)
    pid = pool.fresh("in_field")
    with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
        workflow.move(session, world.admin, pid, "eligible")
    assert "belum dicatat" in err.value.message


# ------------------------------------------------------------------ findings guard


def test_blocking_findings_refuse_every_step_forward(world: World):
    with world.database.read() as session:
        asn_member = session.scalar(select(proposals.Member.id).where(
            proposals.Member.nik == world.planted("asn_in_poor_family").nik))
    [blocked] = propose(world.database, world.admin, "pbi-jk", world.pbi, member_ids=[asn_member])
    with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
        workflow.move(session, world.admin, blocked, "submitted")
    assert "penghalang" in err.value.message and "ASN/TNI/Polri" in err.value.message
    assert state_of(world.database, blocked) == "draft"

    # A blocker that appears after the field visit stops the approval.
    pool = Pool(world)
    pid = pool.fresh("eligible")
    with world.database.write() as session:
        person = session.get(proposals.Member,
                             session.scalar(select(Proposal.member_id).where(Proposal.id == pid)))
        person.occupation = "police"
    with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
        workflow.move(session, world.admin, pid, "approved")
    assert "Polri" in err.value.message
    assert state_of(world.database, pid) == "eligible"
    # Refusing it is still possible: findings never trap a proposal.
    with world.database.write() as session:
        workflow.move(session, world.admin, pid, "rejected", reason="Anggota Polri aktif.")


def test_warnings_must_be_reviewed_before_approval(world: World):
    pool = Pool(world)
    pid = pool.fresh("eligible")
    with world.database.write() as session:
        household = session.get(proposals.Household, session.scalar(
            select(Proposal.household_id).where(Proposal.id == pid)))
        household.desil = None
    with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
        workflow.move(session, world.admin, pid, "approved")
    assert "belum ditinjau" in err.value.message and "Desil belum diketahui" in err.value.message
    drive_overrides(world, pid)
    with world.database.write() as session:
        workflow.move(session, world.admin, pid, "approved")
    assert state_of(world.database, pid) == "approved"


# ------------------------------------------------------------------ quota guard


def test_approval_beyond_quota_is_refused_at_every_level(world: World):
    pool = Pool(world)
    ready = [pool.fresh("eligible") for _ in range(4)]
    for pid in ready:
        drive_overrides(world, pid)
    with world.database.read() as session:
        kelurahan = session.scalar(select(proposals.Household.kelurahan_code)
                                   .join(Proposal, Proposal.household_id == proposals.Household.id)
                                   .where(Proposal.id == ready[0]))
    with world.database.write() as session:
        programs.set_quota(session, world.admin, world.pbi, kelurahan[:8], 3)
        programs.set_quota(session, world.admin, world.pbi, kelurahan, 2)
    with world.database.write() as session:
        for pid in ready[:2]:
            workflow.move(session, world.admin, pid, "approved")
    with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
        workflow.move(session, world.admin, ready[2], "approved")
    assert "Kuota Kel. Cipare" in err.value.message and "2 dari 2" in err.value.message
    assert state_of(world.database, ready[2]) == "eligible"

    # The whole period's quota binds too.
    with world.database.write() as session:
        programs.set_quota(session, world.admin, world.pbi, kelurahan, 10)
        programs.set_quota(session, world.admin, world.pbi, kelurahan[:8], 10)
        programs.set_quota(session, world.admin, world.pbi, None, 2)
    with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
        workflow.move(session, world.admin, ready[2], "approved")
    assert "seluruh wilayah" in err.value.message


def test_lowering_a_quota_keeps_approvals_and_refuses_new_ones_with_a_warning(world: World):
    pool = Pool(world)
    approved = [pool.fresh("approved") for _ in range(3)]
    waiting = pool.fresh("eligible")
    drive_overrides(world, waiting)
    with world.database.write() as session:
        change = programs.set_quota(session, world.admin, world.pbi, None, 2,
                                    reason="Anggaran dipotong.")
    assert change.old_amount == 50 and change.usage.over
    assert change.warnings and "persetujuan yang ada tetap berlaku" in change.warnings[0].lower()
    assert {state_of(world.database, p) for p in approved} == {"approved"}
    with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
        workflow.move(session, world.admin, waiting, "approved")
    assert "3 dari 2" in err.value.message and "diturunkan" in err.value.message
    with world.database.read() as session:
        [usage] = [u for u in programs.quota_usage(session, period_id=world.pbi)
                   if u.region_code is None]
    assert usage.used == 3 and usage.remaining == 0 and usage.warning


def test_no_quota_means_no_approval(world: World):
    pool = Pool(world)
    with world.database.write() as session:
        period = programs.create_period(session, world.admin, "pbi-jk", "PBI tanpa kuota",
                                        2025).id
    member = pool.members.pop()
    [pid] = propose(world.database, world.admin, "pbi-jk", period, member_ids=[member])
    drive(world.database, world.admin, pid, "eligible")
    drive_overrides(world, pid)
    with world.database.write() as session, pytest.raises(TransitionNotAllowed) as err:
        workflow.move(session, world.admin, pid, "approved")
    assert "belum ditetapkan" in err.value.message


# ------------------------------------------------------------------ stale windows


def test_a_stale_window_gets_a_typed_error_and_changes_nothing(world: World):
    pool = Pool(world)
    pid = pool.fresh("submitted")
    with world.database.read() as session:
        seen = proposals.get(session, world.admin, pid).version
    with world.database.write() as session:
        workflow.move(session, world.admin, pid, "returned", reason="Lengkapi berita acara.",
                      expected_version=seen)
    with world.database.write() as session, pytest.raises(StaleRecord) as err:
        workflow.move(session, world.admin, pid, "cancelled", reason="Dobel input.",
                      expected_version=seen)
    assert "sudah diubah oleh demo-admin" in err.value.message
    assert "dikembalikan" in err.value.message
    assert state_of(world.database, pid) == "returned"


def test_two_sessions_racing_on_one_proposal(world: World):
    """A window that loaded the row before another saved it cannot overwrite that save."""
    pool = Pool(world)
    pid = pool.fresh("submitted")
    window = world.database._read()  # holds the row as it was when the window opened
    try:
        seen = window.get(Proposal, pid)
        window.commit()  # the window keeps its copy; no transaction stays open
        with world.database.write() as session:
            workflow.move(session, world.admin, pid, "returned", reason="Lengkapi dokumen.")
        seen.reason = "diubah di jendela lama"
        with pytest.raises(StaleRecord) as err:
            workflow.flush_or_stale(window, seen)
        assert "baru saja disimpan orang lain" in err.value.message
    finally:
        window.rollback()
        window.close()
    assert state_of(world.database, pid) == "returned"


# ------------------------------------------------------------------ bulk


def test_bulk_assign_by_area_and_bulk_approve_within_quota(world: World):
    people = People(world)
    pool = Pool(world)
    submitted = [pool.fresh("submitted") for _ in range(5)]
    with world.database.read() as session:
        rows = proposals.rows(session, world.admin, submitted)
    kelurahan, rw = rows[0].kelurahan_code, rows[0].rw
    same_rw = [r.id for r in rows if (r.kelurahan_code, r.rw) == (kelurahan, rw)]
    with world.database.write() as session:
        result = workflow.assign_by_area(session, people.operator, world.pbi,
                                         people.officer.user_id, kelurahan, rw=rw)
    assert sorted(m.proposal_id for m in result.moved) == sorted(same_rw)
    with world.database.write() as session, pytest.raises(ValidationFailed):
        workflow.assign_by_area(session, people.operator, world.pbi, people.officer.user_id,
                                kelurahan, rw="099")
    with world.database.write() as session:
        refused = workflow.assign(session, people.operator, submitted, people.reviewer.user_id)
    assert len(refused.refused) == len(submitted)
    assert "bukan petugas lapangan" in refused.refused[0].message

    for pid in same_rw:
        visit(world.database, people.officer, pid, "eligible")
        drive_overrides(world, pid)
    with world.database.write() as session:
        programs.set_quota(session, world.admin, world.pbi, None, 1)
        bulk = workflow.move_many(session, people.signatory, same_rw, "approved")
    assert len(bulk.moved) == 1 and len(bulk.refused) == len(same_rw) - 1
    assert all("Kuota" in r.message for r in bulk.refused)


def test_approve_top_n_preview_says_who_gets_in_and_why(world: World):
    people = People(world)
    pool = Pool(world)
    ready = [pool.fresh("eligible") for _ in range(5)]
    for pid in ready[:4]:
        drive_overrides(world, pid)
    with world.database.write() as session:
        household = session.get(proposals.Household, session.scalar(
            select(Proposal.household_id).where(Proposal.id == ready[4])))
        household.desil = None  # an unreviewed warning keeps it out
        programs.set_quota(session, world.admin, world.pbi, None, 2)
    with world.database.write() as session:
        preview = workflow.approve_top_preview(session, people.signatory, world.pbi, 3)
    rows = {r.proposal_id: r for r in preview.rows}
    assert len(preview.chosen) == 2  # the quota, not N, is the limit
    scores = [rows[p].priority_score for p in preview.chosen]
    assert scores == sorted(scores, reverse=True)
    left_out = [r for r in preview.rows if not r.gets_in]
    assert any("penuh" in r.why for r in left_out)
    assert "peringatan belum ditinjau" in rows[ready[4]].why
    with world.database.write() as session, pytest.raises(StaleRecord):
        workflow.approve_top(session, people.signatory, world.pbi, 3, expected=[ready[0]])
    with world.database.write() as session:
        done = workflow.approve_top(session, people.signatory, world.pbi, 3,
                                    expected=preview.chosen)
    assert sorted(m.proposal_id for m in done.moved) == sorted(preview.chosen)
    with world.database.write() as session, pytest.raises(PermissionDenied):
        workflow.approve_top(session, people.operator, world.pbi, 3)


# ------------------------------------------------------------------ creation


def test_create_skips_repeats_and_refuses_closed_periods(world: World):
    clean = world.clean[0]
    first = propose(world.database, world.admin, "pbi-jk", world.pbi, household_ids=[clean])
    with world.database.write() as session:
        again = proposals.create(session, world.admin, "pbi-jk", world.pbi,
                                 household_ids=[clean])
    assert again.created == [] and len(again.skipped) == len(first)
    assert "sudah diusulkan pada periode ini" in again.skipped[0].reason
    with world.database.write() as session:
        programs.set_period_status(session, world.admin, world.rtlh, "closed", "Periode habis.")
    with world.database.write() as session, pytest.raises(ValidationFailed) as err:
        proposals.create(session, world.admin, "rtlh", world.rtlh, household_ids=[clean])
    assert "ditutup" in str(err.value)
    with world.database.write() as session, pytest.raises(ValidationFailed) as err:
        proposals.create(session, world.admin, "rtlh", world.pbi, household_ids=[clean])
    assert "milik program pbi-jk" in str(err.value)


def test_create_from_numbers_names_every_bad_number(world: World):
    with world.database.write() as session, pytest.raises(ValidationFailed) as err:
        proposals.create_from_numbers(session, world.admin, "pbi-jk", world.pbi,
                                      niks=["3.67301E+15", "3673010101010009"])
    problems = dict(err.value.problems)
    assert "notasi ilmiah" in problems["NIK 3.67301E+15"]
    assert "tidak ada di register" in problems["NIK 3673010101010009"]
    with world.database.read() as session:
        assert session.scalar(select(func.count(Proposal.id))) == 0


def test_numbers_may_be_nik_or_kk_in_either_program(world: World):
    with world.database.read() as session:
        kk = session.get(proposals.Household, world.clean[0]).no_kk
        nik = session.scalar(select(proposals.Member.nik).where(
            proposals.Member.household_id == world.clean[1]).limit(1))
    with world.database.write() as session:
        pbi = proposals.create_from_numbers(session, world.admin, "pbi-jk", world.pbi,
                                            numbers=[kk, f" {nik[:6]} {nik[6:]} "])
        rtlh = proposals.create_from_numbers(session, world.admin, "rtlh", world.rtlh,
                                             numbers=[nik, kk])
    assert len(pbi.created) == 3 + 1  # every living member of the KK, and the one person
    with world.database.read() as session:
        households = sorted(session.scalars(select(Proposal.household_id).where(
            Proposal.id.in_(rtlh.created))))
    assert households == sorted([world.clean[0], world.clean[1]])


def test_documents_are_stored_with_hash_and_size_limit(world: World):
    [pid] = propose(world.database, world.admin, "rtlh", world.rtlh,
                    household_ids=[world.clean[1]])
    with world.database.write() as session:
        info = proposals.attach_document(session, world.admin, pid, "berita-acara.pdf",
                                         b"%PDF-1.4 berita acara", kind="minutes")
        listed = proposals.attachments(session, pid)
    assert info.sha256 and info.mime_type == "application/pdf" and not info.has_thumbnail
    assert [a.filename for a in listed] == ["berita-acara.pdf"]
    with world.database.write() as session, pytest.raises(ValidationFailed) as err:
        proposals.attach_document(session, world.admin, pid, "besar.pdf",
                                  b"x" * (proposals.MAX_ATTACHMENT_BYTES + 1))
    assert "melebihi batas" in str(err.value)


# ------------------------------------------------------------------ CLI


def _cli(url: str, *args: str, user: str | None = None) -> int:
    return main(["--database", url, *(["--user", user] if user else []), *args])


def test_cli_create_list_move_and_quota(world: World, database_url, capsys, monkeypatch):
    from db import users

    # The register has users now, so the CLI acts as a signed-in one holding every role.
    with world.database.write() as session:
        users.add_user(session, world.admin, "kasi", "Rahasia-kantor-2025",
                       roles=("operator", "field_officer", "reviewer", "signatory", "admin"))
    monkeypatch.setenv("TEPAT_PASSWORD", "Rahasia-kantor-2025")

    def cli(*args: str) -> int:
        return _cli(database_url, *args, user="kasi")

    with world.database.read() as session:
        nik = session.scalar(select(proposals.Member.nik).where(
            proposals.Member.household_id == world.clean[0]).limit(1))
        kk = session.scalar(select(proposals.Household.no_kk).where(
            proposals.Household.id == world.clean[1]))
    capsys.readouterr()
    assert cli("proposal", "create", "--program", "pbi-jk", "--period", str(world.pbi),
                "--nik", nik, "--json") == 0
    created = json.loads(capsys.readouterr().out)["created"]
    assert cli("proposal", "create", "--program", "rtlh", "--period", str(world.rtlh),
                "--kk", kk, "--reason", "Forum RT") == 0
    assert "Usulan dibuat: 1" in capsys.readouterr().out

    assert cli("proposal", "list", "--program", "pbi-jk", "--json") == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["id"] for i in items] == created
    assert {k: items[0][k] for k in ("program", "period", "state")} == {
        "program": "pbi-jk", "period": world.pbi, "state": "draft"}

    # An illegal move: one line on stderr, exit 1, state unchanged.
    assert cli("proposal", "move", str(created[0]), "approved", "--reason", "x") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("tepat: galat:") and "tidak dapat dipindah" in err[-1]
    assert state_of(world.database, created[0]) == "draft"
    assert cli("proposal", "move", str(created[0]), "submitted", "--json") == 0
    assert json.loads(capsys.readouterr().out)["to"] == "submitted"
    assert cli("proposal", "move", str(created[0]), "in_field", "--officer",
                "kasi") == 0
    assert "submitted → in_field" in capsys.readouterr().out
    assert state_of(world.database, created[0]) == "in_field"

    assert cli("proposal", "list", "--state", "in_field", "--json") == 0
    assert [i["id"] for i in json.loads(capsys.readouterr().out)] == created

    assert cli("quota", "set", "--period", str(world.pbi), "0", "--json") == 0
    assert json.loads(capsys.readouterr().out)["old_amount"] == 50
    assert cli("quota", "show", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    total = next(q for q in shown if q["period"] == world.pbi and q["region"] is None)
    assert total["amount"] == 0 and total["used"] == 0

    assert cli("check", "desk", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["proposals"] == 2 and report["households"] == 200 + len(world.clean)
    assert {f["rule"] for f in report["findings"]} >= {"duplicate_person", "asn_in_family"}
    assert cli("check", "desk", "--program", "rtlh") == 0
    assert "1 usulan aktif" in capsys.readouterr().out

    assert cli("proposal", "list", "--state", "terbang") == 1
    assert "tidak dikenal" in capsys.readouterr().err


def test_cli_unknown_program_and_period(database_url, capsys):
    assert _cli(database_url, "proposal", "list", "--program", "pkh") == 0
    assert "Jumlah: 0 usulan" in capsys.readouterr().out
    assert _cli(database_url, "proposal", "create", "--program", "pkh", "--period", "1",
                "--kk", "3673010101010001") == 1
    assert "Program 'pkh' tidak ada" in capsys.readouterr().err
    assert _cli(database_url, "proposal", "create", "--program", "rtlh", "--period", "9",
                "--kk", "3673010101010001") == 1
    assert "Periode #9 tidak ada" in capsys.readouterr().err
