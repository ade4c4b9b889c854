"""The proposal workflow: which state may follow which, who may move it, and when not.

::

    draft ─► submitted ─► in_field ─► eligible ────► approved ─► in_letter ─► accepted
      │          │            │      not_eligible ─► rejected        │      └► declined
      │          └────────────┴───────────┴─► returned ─► submitted  └► approved (letter
      └──────────► cancelled ◄──────────────────┘                        withdrawn)

Every move is checked here, in ``db``, whatever the caller (window, CLI, test):

* the edge must exist (:data:`TRANSITIONS`), else :class:`TransitionNotAllowed`;
* the actor must hold one of the edge's roles (``Actor.require`` → ``PermissionDenied``)
  and the household must be in the actor's scope;
* refusals, returns and cancellations need a written reason;
* a move forward (submit, send to the field, record eligible, approve) is refused while
  the proposal has a blocking finding; the desk checks are run again first so the
  findings are current;
* approving also needs every warning overridden with a reason (a program setting) and
  room in every quota that covers the household (:class:`db.programs.QuotaLedger`);
* the field result must be recorded before eligible/not eligible (:mod:`db.field`), and
  only the letter service puts a proposal in a letter;
* a window that shows an older version of the proposal gets :class:`StaleRecord`.

Each move is written to the audit trail with who, when, from, to and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db import audit, checks, permissions
from db.actor import Actor, in_scope
from db.engine import in_chunks
from db.errors import (
    NotFound,
    StaleRecord,
    TepatError,
    TransitionNotAllowed,
    ValidationFailed,
)
from db.models import (
    AuditEvent,
    FieldVerification,
    Household,
    Letter,
    LetterProposal,
    Proposal,
    User,
    UserRole,
    utcnow,
)
from db.programs import (
    ACTIVE_STATES,
    CLOSED_STATES,
    RULE_TITLES,
    STATE_LABELS,
    STATES,
    QuotaLedger,
    program_by_id,
)


@dataclass(frozen=True)
class Edge:
    """One allowed move: who may take it, whether it needs a reason or is blocked by findings."""
    permission: str  # an action of db.permissions.ACTIONS: who may take this edge
    needs_reason: bool = False
    forward: bool = False  # refused while a blocking finding is open


_SUBMIT, _CANCEL, _RETURN = "proposal.submit", "proposal.cancel", "proposal.return"
_APPROVE, _OUTCOME = "proposal.approve", "proposal.record_outcome"
TRANSITIONS: dict[tuple[str, str], Edge] = {
    ("draft", "submitted"): Edge(_SUBMIT, forward=True),
    ("draft", "cancelled"): Edge(_CANCEL, needs_reason=True),
    ("submitted", "in_field"): Edge("proposal.assign", forward=True),
    ("submitted", "returned"): Edge(_RETURN, needs_reason=True),
    ("submitted", "cancelled"): Edge(_CANCEL, needs_reason=True),
    ("in_field", "eligible"): Edge("proposal.field_result", forward=True),
    ("in_field", "not_eligible"): Edge("proposal.field_result", needs_reason=True),
    ("in_field", "returned"): Edge(_RETURN, needs_reason=True),
    ("in_field", "cancelled"): Edge(_CANCEL, needs_reason=True),
    ("eligible", "approved"): Edge(_APPROVE, forward=True),
    ("eligible", "rejected"): Edge(_APPROVE, needs_reason=True),
    ("eligible", "returned"): Edge(_RETURN, needs_reason=True),
    ("not_eligible", "rejected"): Edge(_APPROVE, needs_reason=True),
    ("not_eligible", "returned"): Edge(_RETURN, needs_reason=True),
    ("approved", "in_letter"): Edge("letter.create"),
    # Only the Camat undoes an approval: it gives the quota place back.
    ("approved", "cancelled"): Edge(_APPROVE, needs_reason=True),
    ("in_letter", "accepted"): Edge(_OUTCOME),
    ("in_letter", "declined"): Edge(_OUTCOME, needs_reason=True),
    ("in_letter", "approved"): Edge("letter.withdraw", needs_reason=True),
    ("returned", "submitted"): Edge(_SUBMIT, forward=True),
    ("returned", "cancelled"): Edge(_CANCEL, needs_reason=True),
}
# Taken only by the letter service (issuing or withdrawing a letter).
LETTER_EDGES = (("approved", "in_letter"), ("in_letter", "approved"))
DECISION_STATES = ("approved", "rejected", "accepted", "declined")
MIN_REASON = 5


@dataclass(frozen=True)
class MoveResult:
    """One proposal moved: from, to, its new version, and any quota warning."""
    proposal_id: int
    from_state: str
    to_state: str
    version: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refusal:
    """One proposal a bulk step did not move, with the reason."""
    proposal_id: int
    message: str


@dataclass(frozen=True)
class BulkResult:
    """What a bulk step moved and what it refused."""
    moved: list[MoveResult] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Berhasil: {len(self.moved)} usulan."]
        out += [f"Ditolak #{r.proposal_id}: {r.message}" for r in self.refused]
        return out


def targets_from(state: str) -> list[str]:
    """States a proposal in ``state`` can move to (for anyone)."""
    return [to for (frm, to) in TRANSITIONS if frm == state]


def allowed_moves(actor: Actor, state: str) -> list[str]:
    """Targets from ``state`` the actor's roles allow (the GUI shows only these).

    The letter edges are left out: only the letter service takes them.
    """
    return [to for (frm, to), edge in TRANSITIONS.items()
            if frm == state and permissions.allowed(actor, edge.permission)
            and (frm, to) not in LETTER_EDGES]


# ------------------------------------------------------------------ loading and saving


def _last_change(session: Session, proposal_id: int) -> str:
    event = session.scalar(
        select(AuditEvent).where(AuditEvent.entity == "proposal",
                                 AuditEvent.entity_id == str(proposal_id))
        .order_by(AuditEvent.id.desc()).limit(1)
    )
    if event is None:
        return "orang lain"
    when = event.at.astimezone().strftime("%d-%m-%Y %H:%M") if event.at.tzinfo else \
        event.at.strftime("%d-%m-%Y %H:%M")
    return f"{event.username} pada {when}"


def _stale(session: Session, proposal_id: int, state: str | None) -> StaleRecord:
    now = f" (sekarang berstatus {STATE_LABELS.get(state, state)})" if state else ""
    return StaleRecord(
        f"Usulan #{proposal_id} sudah diubah oleh {_last_change(session, proposal_id)}{now} "
        "sejak jendela ini memuatnya; tidak ada yang diubah.",
        hint="Muat ulang daftar usulan lalu ulangi langkahnya bila masih perlu.",
    )


def load_for_change(session: Session, actor: Actor, proposal_id: int,
                    expected_version: int | None = None) -> Proposal:
    """The proposal to change, in the actor's scope, at the version the caller saw.

    Whether the actor may take the step is decided per edge (a field officer may record
    the visits assigned to them, nothing else), so only the scope filters here.
    """
    actor.require(action="proposal.view")
    proposal = session.scalar(
        select(Proposal).join(Household, Household.id == Proposal.household_id)
        .where(Proposal.id == proposal_id, in_scope(actor, Household.kelurahan_code))
    )
    if proposal is None:
        raise NotFound(f"Usulan #{proposal_id} tidak ada (atau di luar wilayah Anda).",
                       hint="Lihat daftar usulan dengan: tepat proposal list")
    if expected_version is not None and proposal.version != expected_version:
        raise _stale(session, proposal_id, proposal.state)
    return proposal


def flush_or_stale(session: Session, proposal: Proposal) -> None:
    """Flush; a concurrent save of the same row becomes :class:`StaleRecord`."""
    proposal_id = proposal.id  # read now: after a failed flush the row cannot be loaded
    try:
        session.flush()
    except StaleDataError as exc:
        # The session must be rolled back before it can be read again, so the message
        # cannot name who saved first; the caller's transaction ends here anyway.
        raise StaleRecord(
            f"Usulan #{proposal_id} baru saja disimpan orang lain; tidak ada yang diubah.",
            hint="Muat ulang daftar usulan lalu ulangi langkahnya bila masih perlu.",
        ) from exc


# ------------------------------------------------------------------ guards


def _refuse(proposal: Proposal, to_state: str, message: str, hint: str | None = None) -> None:
    raise TransitionNotAllowed(message, hint=hint, proposal_id=proposal.id,
                               from_state=proposal.state, to_state=to_state)


def _edge(proposal: Proposal, to_state: str) -> Edge:
    if to_state not in STATES:
        raise ValidationFailed([("status", f"'{to_state}' tidak dikenal; pilih salah satu: "
                                           + ", ".join(STATES))])
    edge = TRANSITIONS.get((proposal.state, to_state))
    if edge is None:
        possible = ", ".join(f"{t} ({STATE_LABELS[t]})" for t in targets_from(proposal.state))
        _refuse(proposal, to_state,
                f"Usulan #{proposal.id} berstatus {STATE_LABELS[proposal.state]}; tidak dapat "
                f"dipindah ke {STATE_LABELS[to_state]}.",
                f"Langkah yang mungkin: {possible}." if possible else
                "Usulan ini sudah selesai; tidak ada langkah lagi.")
    return edge  # type: ignore[return-value]


def _blocking(session: Session, actor: Actor, proposal: Proposal, to_state: str) -> None:
    findings = checks.proposal_findings(session, proposal.id, actor)
    blockers = [f for f in findings if f.severity == "blocker"]
    if blockers:
        said = " ".join(f.message for f in blockers[:3])
        more = f" (dan {len(blockers) - 3} lagi)" if len(blockers) > 3 else ""
        _refuse(proposal, to_state,
                f"Usulan #{proposal.id} tidak dapat dipindah ke status "
                f"'{STATE_LABELS[to_state]}': ada {len(blockers)} temuan penghalang. "
                f"{said}{more}",
                "Perbaiki datanya lalu periksa ulang, atau tolak/batalkan usulan ini.")


def _warnings_reviewed(session: Session, actor: Actor, proposal: Proposal) -> None:
    rules = program_by_id(session, proposal.program_id).rules
    if not rules.warnings_need_review:
        return
    open_warnings = [f for f in checks.proposal_findings(session, proposal.id, actor)
                     if f.severity == "warning" and not f.overridden]
    if open_warnings:
        titles = ", ".join(RULE_TITLES.get(f.rule, f.rule) for f in open_warnings)
        _refuse(proposal, "approved",
                f"Usulan #{proposal.id} masih punya {len(open_warnings)} peringatan yang belum "
                f"ditinjau: {titles}.",
                "Tinjau tiap peringatan di panel temuan dan tulis alasan bila boleh diabaikan.")


def _officer(session: Session, user_id: int | None, proposal: Proposal) -> User:
    if user_id is None:
        _refuse(proposal, "in_field", "Pilih petugas lapangan untuk verifikasi usulan ini.")
    user = session.get(User, user_id)
    is_officer = user is not None and user.active and session.scalar(
        select(UserRole.user_id).where(UserRole.user_id == user_id,
                                       UserRole.role_code == "field_officer")
    ) is not None
    if not is_officer:
        _refuse(proposal, "in_field",
                f"Pengguna #{user_id} bukan petugas lapangan yang aktif.",
                "Pilih pengguna yang berperan petugas lapangan.")
    return user  # type: ignore[return-value]


def _field_result(session: Session, proposal: Proposal, to_state: str) -> None:
    conclusion = session.scalar(
        select(FieldVerification.conclusion)
        .where(FieldVerification.proposal_id == proposal.id)
        .order_by(FieldVerification.id.desc()).limit(1)
    )
    if conclusion is None:
        _refuse(proposal, to_state,
                f"Hasil verifikasi lapangan usulan #{proposal.id} belum dicatat.",
                "Isi formulir hasil lapangan (menu Usulan → Hasil lapangan).")
    if conclusion != to_state:
        _refuse(proposal, to_state,
                f"Hasil verifikasi lapangan usulan #{proposal.id} menyimpulkan "
                f"{STATE_LABELS.get(conclusion, conclusion)}, bukan {STATE_LABELS[to_state]}.",
                "Catat hasil lapangan yang baru bila kesimpulannya berubah.")


def _letters(session: Session, proposal: Proposal) -> list[Letter]:
    return list(session.scalars(
        select(Letter).join(LetterProposal, LetterProposal.letter_id == Letter.id)
        .where(LetterProposal.proposal_id == proposal.id)
    ))


# ------------------------------------------------------------------ moving


def _move_one(
    session: Session, actor: Actor, proposal: Proposal, to_state: str, reason: str, *,
    assign_to: int | None, ledger: QuotaLedger | None, checked: bool,
) -> MoveResult:
    edge = _edge(proposal, to_state)
    # The field result is the one edge an officer may take, and only on their own visits.
    permissions.require_assigned(actor, edge.permission, proposal.assigned_to_id)
    text = (reason or "").strip()
    if edge.needs_reason and len(text) < MIN_REASON:
        raise ValidationFailed([("alasan", f"wajib ditulis (paling sedikit {MIN_REASON} huruf) "
                                           f"untuk {permissions.action(edge.permission).label}")])
    frm = proposal.state
    if frm == "in_field" and to_state in ("eligible", "not_eligible"):
        _field_result(session, proposal, to_state)
    if (frm, to_state) == ("approved", "in_letter"):
        if not any(letter.status == "issued" for letter in _letters(session, proposal)):
            _refuse(proposal, to_state,
                    f"Usulan #{proposal.id} hanya masuk surat lewat penerbitan surat.",
                    "Terbitkan surat usulan dari menu Surat atau dengan: tepat letter issue")
    if (frm, to_state) == ("in_letter", "approved"):
        letters = _letters(session, proposal)
        if any(letter.status == "issued" for letter in letters):
            _refuse(proposal, to_state,
                    f"Usulan #{proposal.id} masih tercantum di surat yang berlaku.",
                    "Tarik suratnya dulu; usulannya kembali ke status disetujui.")
    officer = None
    if to_state == "in_field":
        officer = _officer(session, assign_to, proposal)
    if edge.forward:
        if not checked:
            checks.recheck_households(session, [proposal.household_id])
        _blocking(session, actor, proposal, to_state)
    warnings: list[str] = []
    if to_state == "approved" and frm == "eligible":
        _warnings_reviewed(session, actor, proposal)
        ledger = ledger or QuotaLedger(session, proposal.period_id)
        kelurahan = session.scalar(
            select(Household.kelurahan_code).where(Household.id == proposal.household_id))
        refusal = ledger.refusal(kelurahan)  # type: ignore[arg-type]
        if refusal:
            _refuse(proposal, to_state, f"Usulan #{proposal.id} tidak dapat disetujui. {refusal}",
                    "Tunggu kuota tambahan, atau batalkan usulan lain yang sudah disetujui.")
        ledger.take(kelurahan)  # type: ignore[arg-type]
        if ledger.remaining_for(kelurahan) == 0:  # type: ignore[arg-type]
            warnings.append(f"Kuota untuk usulan #{proposal.id} kini penuh; persetujuan "
                            "berikutnya di wilayah ini akan ditolak.")

    proposal.state = to_state
    now = utcnow()
    if to_state == "submitted" and proposal.submitted_at is None:
        proposal.submitted_at = now
    if to_state in DECISION_STATES:
        proposal.decided_at = now
    if officer is not None:
        old_officer = proposal.assigned_to_id
        proposal.assigned_to_id = officer.id
        if old_officer != officer.id:
            audit.record(session, actor, "assign", "proposal", proposal.id, field="assigned_to",
                         old=old_officer, new=officer.username)
    flush_or_stale(session, proposal)
    audit.record(session, actor, "transition", "proposal", proposal.id, field="state",
                 old=frm, new=to_state, reason=text or None)
    if to_state in CLOSED_STATES:
        # A proposal that ends no longer makes the household's others "already proposed".
        checks.recheck_households(session, [proposal.household_id])
    elif to_state in ACTIVE_STATES and (frm in checks.PHOTO_STATES) != (
        to_state in checks.PHOTO_STATES
    ):
        # Photos are due from the moment the visit is assigned.
        checks.recheck_proposals(session, [proposal.id])
    return MoveResult(proposal.id, frm, to_state, proposal.version, tuple(warnings))


def move(
    session: Session, actor: Actor, proposal_id: int, to_state: str, *, reason: str = "",
    expected_version: int | None = None, assign_to: int | None = None,
) -> MoveResult:
    """Move one proposal to ``to_state``; every guard of the module docstring applies.

    Raises :class:`TransitionNotAllowed`, ``PermissionDenied``, :class:`StaleRecord`,
    ``ValidationFailed`` (missing reason) or ``NotFound``; the state is then unchanged.
    """
    proposal = load_for_change(session, actor, proposal_id, expected_version)
    return _move_one(session, actor, proposal, to_state, reason, assign_to=assign_to,
                     ledger=None, checked=False)


def move_many(
    session: Session, actor: Actor, proposal_ids: Iterable[int], to_state: str, *,
    reason: str = "", expected_versions: Mapping[int, int] | None = None,
    assign_to: int | None = None,
) -> BulkResult:
    """Move several proposals; each is moved or refused on its own (with the reason).

    The desk checks run once for all of them first, and approvals share one quota ledger,
    so the quota fills up in the order given and the rest are refused.
    """
    ids = list(dict.fromkeys(proposal_ids))
    result = BulkResult()
    actor.require(action="proposal.view")
    proposals = {p.id: p for p in session.scalars(
        select(Proposal).join(Household, Household.id == Proposal.household_id)
        .where(Proposal.id.in_(ids), in_scope(actor, Household.kelurahan_code))
    )}
    edge_forward = any(TRANSITIONS.get((p.state, to_state), Edge("")).forward
                       for p in proposals.values())
    if edge_forward:
        checks.recheck_households(session, {p.household_id for p in proposals.values()})
    ledgers: dict[int, QuotaLedger] = {}
    for pid in ids:
        proposal = proposals.get(pid)
        if proposal is None:
            result.refused.append(Refusal(pid, f"Usulan #{pid} tidak ada (atau di luar "
                                               "wilayah Anda)."))
            continue
        expected = (expected_versions or {}).get(pid)
        if expected is not None and proposal.version != expected:
            result.refused.append(Refusal(pid, _stale(session, pid, proposal.state).message))
            continue
        ledger = None
        if to_state == "approved" and proposal.state == "eligible":
            ledger = ledgers.get(proposal.period_id)
            if ledger is None:
                ledger = ledgers[proposal.period_id] = QuotaLedger(session, proposal.period_id)
        savepoint = session.begin_nested()
        try:
            moved = _move_one(session, actor, proposal, to_state, reason, assign_to=assign_to,
                              ledger=ledger, checked=edge_forward)
        except TepatError as exc:
            savepoint.rollback()
            result.refused.append(Refusal(pid, str(exc)))
        else:
            savepoint.commit()
            result.moved.append(moved)
    return result


def assign(
    session: Session, actor: Actor, proposal_ids: Iterable[int], officer_id: int, *,
    expected_versions: Mapping[int, int] | None = None,
) -> BulkResult:
    """Send submitted proposals to a field officer, or give visits already in the field to
    another officer. Audited."""
    actor.require(action="proposal.assign")
    ids = list(dict.fromkeys(proposal_ids))
    in_field = set(session.scalars(
        select(Proposal.id).where(Proposal.id.in_(ids), Proposal.state == "in_field")
    ))
    result = move_many(session, actor, [i for i in ids if i not in in_field], "in_field",
                       expected_versions=expected_versions, assign_to=officer_id)
    for pid in [i for i in ids if i in in_field]:
        try:
            proposal = load_for_change(session, actor, pid,
                                       (expected_versions or {}).get(pid))
            officer = _officer(session, officer_id, proposal)
            if proposal.assigned_to_id != officer.id:
                old = proposal.assigned_to_id
                proposal.assigned_to_id = officer.id
                flush_or_stale(session, proposal)
                audit.record(session, actor, "assign", "proposal", pid, field="assigned_to",
                             old=old, new=officer.username)
            result.moved.append(MoveResult(pid, "in_field", "in_field", proposal.version))
        except TepatError as exc:
            result.refused.append(Refusal(pid, str(exc)))
    return result


def assign_by_area(
    session: Session, actor: Actor, period_id: int, officer_id: int, kelurahan_code: str, *,
    rw: str | None = None, rt: str | None = None,
) -> BulkResult:
    """Send every submitted proposal of a period in a kelurahan (or one RW/RT) to an officer."""
    from db.proposals import Filters, proposal_ids

    ids = proposal_ids(session, actor, Filters(states=("submitted",), period_id=period_id,
                                               kelurahan_code=kelurahan_code, rw=rw, rt=rt))
    if not ids:
        where = kelurahan_code + (f" RW {rw}" if rw else "") + (f" RT {rt}" if rt else "")
        raise ValidationFailed([("wilayah", f"tidak ada usulan berstatus diajukan di {where}")])
    return assign(session, actor, ids, officer_id)


# ------------------------------------------------------------------ letters


def mark_in_letter(session: Session, actor: Actor, letter_id: int) -> BulkResult:
    """Move the approved proposals a newly issued letter carries to "in a letter".

    Called by the letter service in the transaction that issues the letter (after the
    ``letter_proposals`` rows are written); any proposal that is not approved refuses the
    whole letter with :class:`TransitionNotAllowed`, so no number is consumed for it.

    The rules are those of every other step (:func:`_move_one`), checked for all the
    letter's proposals at once: a letter may carry 10,000 of them, and one query per
    proposal per rule took seconds per thousand.
    """
    ids = sorted(session.scalars(select(LetterProposal.proposal_id)
                                 .where(LetterProposal.letter_id == letter_id)))
    result = BulkResult()
    if not ids:
        return result
    actor.require(action="proposal.view")
    loaded: dict[int, Proposal] = {}
    for chunk in in_chunks(ids):
        loaded.update((p.id, p) for p in session.scalars(
            select(Proposal).join(Household, Household.id == Proposal.household_id)
            .where(Proposal.id.in_(chunk), in_scope(actor, Household.kelurahan_code))))
    missing = [pid for pid in ids if pid not in loaded]
    if missing:
        raise NotFound(f"Usulan #{missing[0]} tidak ada (atau di luar wilayah Anda).",
                       hint="Lihat daftar usulan dengan: tepat proposal list")
    proposals = [loaded[pid] for pid in ids]
    letter = session.get(Letter, letter_id)
    for proposal in proposals:
        edge = _edge(proposal, "in_letter")
        permissions.require_assigned(actor, edge.permission, proposal.assigned_to_id)
        if letter is None or letter.status != "issued":
            _refuse(proposal, "in_letter",
                    f"Usulan #{proposal.id} hanya masuk surat lewat penerbitan surat.",
                    "Terbitkan surat usulan dari menu Surat atau dengan: tepat letter issue")
    # The edge is not a forward one (TRANSITIONS): the Camat's approval is what a letter
    # carries, so findings raised since do not hold it back, as in _move_one.
    for proposal in proposals:
        proposal.state = "in_letter"
        audit.record(session, actor, "transition", "proposal", proposal.id, field="state",
                     old="approved", new="in_letter")
    try:
        session.flush()
    except StaleDataError as exc:
        raise StaleRecord(
            "Salah satu usulan surat ini diubah oleh pengguna lain saat surat diterbitkan; "
            "tidak ada yang diubah.",
            hint="Muat ulang daftar usulan lalu terbitkan suratnya lagi.") from exc
    # Both states are past the visit: photos were due before and still are (no re-check).
    result.moved.extend(MoveResult(p.id, "approved", "in_letter", p.version) for p in proposals)
    return result


def release_from_letter(session: Session, actor: Actor, letter_id: int, reason: str) -> BulkResult:
    """After a letter is withdrawn, its proposals go back to "approved" (quota kept)."""
    ids = list(session.scalars(select(LetterProposal.proposal_id)
                               .where(LetterProposal.letter_id == letter_id)))
    result = BulkResult()
    for pid in ids:
        proposal = load_for_change(session, actor, pid)
        if proposal.state == "in_letter":
            result.moved.append(_move_one(session, actor, proposal, "approved", reason,
                                          assign_to=None, ledger=None, checked=True))
    return result


# ------------------------------------------------------------------ approve the top N


@dataclass(frozen=True)
class PreviewRow:
    """One eligible proposal in the approve-the-top-N preview: in or out, and why."""
    proposal_id: int
    rank: int  # position by priority among the candidates, from 1
    name: str
    nik: str | None
    kelurahan_name: str
    priority_score: float | None
    gets_in: bool
    why: str  # Indonesian


@dataclass(frozen=True)
class ApprovalPreview:
    """The whole preview, in priority order; `chosen` is what would be approved."""
    period_id: int
    period_name: str
    wanted: int
    rows: tuple[PreviewRow, ...]

    @property
    def chosen(self) -> list[int]:
        return [r.proposal_id for r in self.rows if r.gets_in]

    def lines(self) -> list[str]:
        out = [f"Periode {self.period_name}: {len(self.chosen)} dari {self.wanted} yang diminta "
               "akan disetujui."]
        out += [f"{'MASUK ' if r.gets_in else 'TIDAK '} #{r.proposal_id} {r.name}: {r.why}"
                for r in self.rows]
        return out


def approve_top_preview(
    session: Session, actor: Actor, period_id: int, n: int, *,
    kelurahan_code: str | None = None, refresh: bool = True, today: dt.date | None = None,
) -> ApprovalPreview:
    """Who the top ``n`` eligible proposals by priority are, within quota, and why not others.

    With ``refresh`` (needs a write session) the desk checks and scores are brought up to
    date first, so the preview says what approving would really do.
    """
    from db import priority
    from db.proposals import Filters, proposal_ids, rows

    actor.require(action="proposal.review")
    if n < 1:
        raise ValidationFailed([("jumlah", "minta paling sedikit 1 usulan")])
    filters = Filters(states=("eligible",), period_id=period_id, kelurahan_code=kelurahan_code)
    ids = proposal_ids(session, actor, filters)
    if refresh and ids:
        households = session.scalars(
            select(Proposal.household_id).where(Proposal.id.in_(ids))).all()
        checks.recheck_households(session, set(households), today=today)
        priority.refresh(session, ids, today=today)
        ids = proposal_ids(session, actor, filters)
    ledger = QuotaLedger(session, period_id)
    need_review = program_by_id(
        session, session.scalar(select(Proposal.program_id).where(Proposal.id == ids[0]))
    ).rules.warnings_need_review if ids else True
    result = []
    taken = 0
    all_rows = []
    for start in range(0, len(ids), 500):
        all_rows += rows(session, actor, ids[start:start + 500])
    for rank, row in enumerate(all_rows, start=1):
        findings = checks.proposal_findings(session, row.id, actor) if (
            row.blockers or row.warnings) else []
        if row.blockers:
            titles = ", ".join(sorted({f.title for f in findings if f.severity == "blocker"}))
            gets_in, why = False, f"ada temuan penghalang: {titles}"
        elif row.warnings and need_review:
            titles = ", ".join(sorted({f.title for f in findings
                                       if f.severity == "warning" and not f.overridden}))
            gets_in, why = False, f"peringatan belum ditinjau: {titles}"
        elif taken >= n:
            gets_in, why = False, f"di luar {n} teratas yang diminta"
        elif (refusal := ledger.refusal(row.kelurahan_code)) is not None:
            gets_in, why = False, refusal
        else:
            ledger.take(row.kelurahan_code)
            taken += 1
            gets_in = True
            score = f"{row.priority_score:.1f}" if row.priority_score is not None else "-"
            why = f"peringkat {rank}, skor prioritas {score}"
        result.append(PreviewRow(row.id, rank, row.name, row.nik, row.kelurahan_name,
                                 row.priority_score, gets_in, why))
    return ApprovalPreview(period_id, ledger.period.name, n, tuple(result))


def approve_top(
    session: Session, actor: Actor, period_id: int, n: int, *,
    kelurahan_code: str | None = None, expected: Sequence[int] | None = None,
    reason: str = "", today: dt.date | None = None,
) -> BulkResult:
    """Approve the proposals :func:`approve_top_preview` chooses.

    ``expected`` is the list the signatory saw in the preview: if the choice changed since
    (someone else approved, a finding appeared) nothing is approved and
    :class:`StaleRecord` says so.
    """
    actor.require(action="proposal.approve")
    preview = approve_top_preview(session, actor, period_id, n, kelurahan_code=kelurahan_code,
                                  today=today)
    if expected is not None and list(expected) != preview.chosen:
        raise StaleRecord(
            "Daftar yang akan disetujui sudah berubah sejak pratinjau dibuat; tidak ada yang "
            "disetujui.",
            hint="Buat pratinjau lagi, periksa, lalu setujui.",
        )
    return move_many(session, actor, preview.chosen, "approved",
                     reason=reason or f"disetujui sebagai {n} teratas dalam kuota")


def history(session: Session, proposal_id: int) -> list[audit.AuditRow]:
    """Who moved the proposal when and why (newest first)."""
    return audit.history(session, "proposal", proposal_id)

