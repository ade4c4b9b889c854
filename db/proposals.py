"""Proposals (usulan): creating them from the register, listing them for the queue.

A PBI-JK proposal is for one person (``member_id`` set), an RTLH proposal for one
household; the program's ``unit`` decides. Proposals are created from households or
members picked in the register, from a map selection (household ids), or from lists of
NIK / No. KK (the CLI, an import); each carries its source (kelurahan meeting, RT/RW
forum, walk-in, Dinas list), a reason and attached documents. Creating one runs the desk
checks on it at once, so the queue shows its findings from the first moment.

State changes are not made here but in :mod:`db.workflow`.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
import hashlib
import io
import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from db import audit, checks, permissions, privacy
from db.actor import Actor, in_scope
from db.codes import name_key
from db.engine import in_chunks
from db.errors import NotFound, ValidationFailed
from db.models import (
    Attachment,
    Finding,
    Household,
    Member,
    Period,
    Program,
    Proposal,
    Region,
    User,
    UserRole,
)
from db.nik import NumberRejected, normalise
from db.programs import CLOSED_STATES, STATE_LABELS, get_period, get_program

SOURCES: dict[str, str] = {
    "kelurahan_meeting": "musyawarah kelurahan",
    "rt_rw_forum": "forum RT/RW",
    "walk_in": "datang langsung",
    "dinas_list": "daftar dari Dinas",
}
# What a worklist of the queue holds.
WORKLISTS: dict[str, tuple[str, ...]] = {
    "to_check": ("draft", "submitted"),
    "in_field": ("in_field",),
    "to_approve": ("eligible", "not_eligible"),
    "ready_for_letter": ("approved",),
    "returned": ("returned",),
    "done": ("in_letter", "accepted", "declined", "rejected", "cancelled"),
}
# The worklists each role works from, first one first.
ROLE_WORKLISTS: dict[str, tuple[str, ...]] = {
    "operator": ("to_check", "returned", "ready_for_letter"),
    "field_officer": ("in_field",),
    "reviewer": ("to_check", "to_approve", "returned"),
    "signatory": ("to_approve", "ready_for_letter"),
    "admin": tuple(WORKLISTS),
}
DOCUMENT_KINDS = ("document", "minutes", "ktp", "kk", "land_statement", "health_letter")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# The proposed person and the head of the household, as two aliases of members.
_PERSON = aliased(Member, name="person")
_HEAD = aliased(Member, name="head")
THUMBNAIL_PX = 256


@dataclass(frozen=True)
class ProposalRow:
    """One proposal as the queue, the CLI and the letters read it."""

    id: int
    program_code: str
    program_name: str
    unit: str
    period_id: int
    period_name: str
    household_id: int
    member_id: int | None
    no_kk: str
    nik: str | None  # the proposed person (PBI-JK) or the head (RTLH)
    name: str  # the proposed person or the head of the household
    address: str
    rt: str
    rw: str
    kelurahan_code: str
    kelurahan_name: str
    longitude: float | None
    latitude: float | None
    desil: int | None
    state: str
    source: str
    reason: str
    priority_score: float | None
    assigned_to_id: int | None
    assigned_to: str | None
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    version: int
    blockers: int = 0
    warnings: int = 0  # warnings not yet overridden

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["program"] = self.program_code
        data["period"] = self.period_id
        for key in ("created_at", "submitted_at", "decided_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


@dataclass(frozen=True)
class Skipped:
    """A household or person not proposed, and why (e.g. already in this period)."""
    household_id: int | None
    member_id: int | None
    what: str  # "NIK 3673…" or "No. KK 3673…"
    reason: str


@dataclass(frozen=True)
class CreateResult:
    """The proposals created and what was skipped."""
    created: list[int]
    skipped: list[Skipped] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Usulan dibuat: {len(self.created)}"
               + (f" (#{', #'.join(map(str, self.created))})" if self.created else "")]
        out += [f"Dilewati: {s.what}: {s.reason}" for s in self.skipped]
        return out


@dataclass(frozen=True)
class AttachmentInfo:
    """A stored document or photo, without its bytes."""
    id: int
    proposal_id: int | None
    household_id: int | None
    verification_id: int | None
    kind: str
    filename: str
    mime_type: str
    size_bytes: int
    sha256: str
    has_thumbnail: bool
    taken_at: dt.datetime | None
    created_at: dt.datetime


# ------------------------------------------------------------------ creating


def _open_period(session: Session, program_code: str, period_id: int):  # type: ignore[no-untyped-def]
    program = get_program(session, program_code)
    period = get_period(session, period_id)
    if period.program_code != program.code:
        raise ValidationFailed([("periode", f"periode #{period_id} '{period.name}' milik program "
                                            f"{period.program_code}, bukan {program.code}")])
    if period.status != "open":
        raise ValidationFailed([("periode", f"periode '{period.name}' sudah ditutup; usulan baru "
                                            "hanya untuk periode terbuka")])
    if not program.active:
        raise ValidationFailed([("program", f"program {program.code} tidak aktif")])
    return program, period


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise ValidationFailed([("sumber", f"'{source}' tidak dikenal; pilih salah satu: "
                                           + ", ".join(SOURCES))])


def create(
    session: Session, actor: Actor, program_code: str, period_id: int, *,
    household_ids: Iterable[int] = (), member_ids: Iterable[int] = (),
    source: str = "walk_in", reason: str = "", check: bool = True,
) -> CreateResult:
    """Create draft proposals from households and/or members picked in the register or map.

    A per-person program gets one proposal for each living member of each household
    given, and one for each member given; a per-household program one per household.
    Someone already proposed in this period is skipped with the reason. Everything
    outside the actor's scope counts as not found. Desk checks run before returning
    (``check=False`` leaves them to the caller, who creates many and checks once).
    """
    actor.require(action="proposal.create")
    _check_source(source)
    program, period = _open_period(session, program_code, period_id)
    household_ids = sorted(set(household_ids))
    member_ids = sorted(set(member_ids))
    if not household_ids and not member_ids:
        raise ValidationFailed([("pilihan", "pilih paling sedikit satu keluarga atau anggota")])

    scope = in_scope(actor, Household.kelurahan_code)
    found_households = set(session.scalars(
        select(Household.id).where(Household.id.in_(household_ids), scope)
    )) if household_ids else set()
    members = session.execute(
        select(Member.id, Member.household_id, Member.nik, Member.name, Member.deceased)
        .join(Household, Household.id == Member.household_id)
        .where(or_(Member.id.in_(member_ids or [-1]),
                   and_(Member.household_id.in_(sorted(found_households) or [-1]),
                        Member.deceased.is_(False))), scope)
        .order_by(Member.household_id, Member.id)
    ).all()
    missing = [("keluarga", f"#{h} tidak ada atau di luar wilayah Anda")
               for h in household_ids if h not in found_households]
    known_members = {m.id for m in members}
    missing += [("anggota", f"#{m} tidak ada atau di luar wilayah Anda")
                for m in member_ids if m not in known_members]
    if missing:
        raise ValidationFailed(missing)

    wanted: list[tuple[int, int | None, str]] = []  # (household, member, label)
    if program.unit == "person":
        for m in members:
            wanted.append((m.household_id, m.id, f"NIK {m.nik} ({m.name})"))
    else:
        kk = dict(session.execute(
            select(Household.id, Household.no_kk)
            .where(Household.id.in_(sorted(found_households | {m.household_id for m in members})))
        ).all())
        for hid in sorted(kk):
            wanted.append((hid, None, f"No. KK {kk[hid]}"))

    existing = _existing_in_period(session, period.id, program.unit,
                                   [w[1] if program.unit == "person" else w[0] for w in wanted])
    result_ids: list[int] = []
    skipped: list[Skipped] = []
    seen: set[int] = set()
    for household_id, member_id, label in wanted:
        key = member_id if program.unit == "person" else household_id
        if key in seen:
            continue
        seen.add(key)  # type: ignore[arg-type]
        if key in existing:
            other_id, other_state = existing[key]
            skipped.append(Skipped(household_id, member_id, label,
                                   f"sudah diusulkan pada periode ini (#{other_id}, "
                                   f"{STATE_LABELS.get(other_state, other_state)})"))
            continue
        proposal = Proposal(program_id=program.id, period_id=period.id,
                            household_id=household_id, member_id=member_id, state="draft",
                            source=source, reason=reason.strip(), created_by_id=actor.user_id)
        session.add(proposal)
        session.flush()
        audit.record(session, actor, "create", "proposal", proposal.id,
                     new={"program": program.code, "period": period.id,
                          "household_id": household_id, "member_id": member_id,
                          "source": source}, reason=reason.strip() or None)
        result_ids.append(proposal.id)
    if result_ids and check:
        checks.recheck_households(session, {w[0] for w in wanted})
    return CreateResult(result_ids, skipped)


def _existing_in_period(session: Session, period_id: int, unit: str,
                        keys: Sequence[int | None]) -> dict[int, tuple[int, str]]:
    column = Proposal.member_id if unit == "person" else Proposal.household_id
    wanted = sorted({k for k in keys if k is not None})
    if not wanted:
        return {}
    rows = session.execute(
        select(column, Proposal.id, Proposal.state)
        .where(Proposal.period_id == period_id, column.in_(wanted),
               Proposal.state.not_in(CLOSED_STATES))
    )
    return {key: (pid, state) for key, pid, state in rows}


def create_from_numbers(
    session: Session, actor: Actor, program_code: str, period_id: int, *,
    niks: Iterable[str] = (), kks: Iterable[str] = (), numbers: Iterable[str] = (),
    source: str = "walk_in", reason: str = "",
) -> CreateResult:
    """Create proposals for people by NIK and households by No. KK (CLI, lists, intake).

    ``numbers`` may hold either kind, as an operator types them: each is looked up as a
    member's NIK and as a household's No. KK. A KK in a per-person program proposes every
    living member; a NIK in a per-household program proposes that person's household.
    A number that is malformed or not in the register (in the actor's scope) refuses the
    whole request with every such number named, so nothing is half-created.
    """
    actor.require(action="proposal.create")
    _open_period(session, program_code, period_id)  # a wrong program or period first
    problems: list[tuple[str, str]] = []
    wanted: list[tuple[str, str]] = []  # (kind: "nik", "kk" or "any", normalised number)
    for kind, label, values in (("nik", "NIK", niks), ("kk", "No. KK", kks),
                                ("any", "NIK/No. KK", numbers)):
        for raw in values:
            try:
                wanted.append((kind, normalise(raw, label)))
            except NumberRejected as exc:
                problems.append((f"{label} {raw}", exc.reason))
    scope = in_scope(actor, Household.kelurahan_code)
    nik_numbers = sorted({n for kind, n in wanted if kind in ("nik", "any")})
    kk_numbers = sorted({n for kind, n in wanted if kind in ("kk", "any")})
    by_nik = dict(session.execute(
        select(Member.nik, Member.id).join(Household, Household.id == Member.household_id)
        .where(Member.nik.in_(nik_numbers), scope)
    ).all()) if nik_numbers else {}
    by_kk = dict(session.execute(
        select(Household.no_kk, Household.id).where(Household.no_kk.in_(kk_numbers), scope)
    ).all()) if kk_numbers else {}
    member_ids, household_ids = [], []
    for kind, number in wanted:
        if kind in ("nik", "any") and number in by_nik:
            member_ids.append(by_nik[number])
        elif kind in ("kk", "any") and number in by_kk:
            household_ids.append(by_kk[number])
        else:
            label = {"nik": "NIK", "kk": "No. KK", "any": "NIK/No. KK"}[kind]
            problems.append((f"{label} {number}",
                             "tidak ada di register (atau di luar wilayah Anda)"))
    if problems:
        raise ValidationFailed(problems)
    if get_program(session, program_code).unit == "household" and member_ids:
        household_ids += list(session.scalars(
            select(Member.household_id).where(Member.id.in_(member_ids))))
        member_ids = []
    return create(session, actor, program_code, period_id, household_ids=household_ids,
                  member_ids=member_ids, source=source, reason=reason)


def update_details(
    session: Session, actor: Actor, proposal_id: int, *, source: str | None = None,
    reason: str | None = None, expected_version: int | None = None,
) -> ProposalRow:
    """Change the source or reason of a draft or returned proposal. Audited."""
    from db.workflow import load_for_change

    actor.require(action="proposal.edit")
    proposal = load_for_change(session, actor, proposal_id, expected_version)
    if proposal.state not in ("draft", "returned"):
        raise ValidationFailed([("status", "hanya usulan berstatus draf atau dikembalikan yang "
                                           "dapat diubah")])
    changes = {}
    if source is not None and source != proposal.source:
        _check_source(source)
        changes["source"] = (proposal.source, source)
        proposal.source = source
    if reason is not None and reason.strip() != proposal.reason:
        changes["reason"] = (proposal.reason, reason.strip())
        proposal.reason = reason.strip()
    from db.workflow import flush_or_stale

    flush_or_stale(session, proposal)
    audit.record_changes(session, actor, "proposal", proposal_id, changes)
    return get(session, actor, proposal_id)


# ------------------------------------------------------------------ documents


def _thumbnail(content: bytes) -> bytes:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=80)
            return out.getvalue()
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationFailed([("berkas", f"bukan gambar yang dapat dibaca ({exc})")]) from exc


def add_attachment(
    session: Session, actor: Actor, *, kind: str, filename: str, content: bytes,
    mime_type: str | None = None, proposal_id: int | None = None,
    household_id: int | None = None, verification_id: int | None = None,
    taken_at: dt.datetime | None = None,
) -> AttachmentInfo:
    """Store a document or photo (size-limited; images get a thumbnail). Audited."""
    from db.programs import PHOTO_KINDS

    problems = []
    if kind not in DOCUMENT_KINDS and kind not in PHOTO_KINDS:
        problems.append(("jenis", f"'{kind}' tidak dikenal"))
    if not filename.strip():
        problems.append(("nama berkas", "kosong"))
    if not content:
        problems.append((filename or "berkas", "berkas kosong"))
    elif len(content) > MAX_ATTACHMENT_BYTES:
        problems.append((filename, f"{len(content) / 1_048_576:.1f} MB, melebihi batas "
                                   f"{MAX_ATTACHMENT_BYTES // 1_048_576} MB"))
    if problems:
        raise ValidationFailed(problems)
    mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    thumbnail = None
    if kind in PHOTO_KINDS or mime.startswith("image/"):
        thumbnail = _thumbnail(content)
    attachment = Attachment(
        household_id=household_id, proposal_id=proposal_id, verification_id=verification_id,
        kind=kind, filename=filename.strip(), mime_type=mime, size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(), content=content, thumbnail=thumbnail,
        taken_at=taken_at, created_by_id=actor.user_id,
    )
    session.add(attachment)
    session.flush()
    entity, entity_id = (("proposal", proposal_id) if proposal_id is not None
                         else ("household", household_id))
    audit.record(session, actor, "attach", entity, entity_id, field=kind,
                 new=f"{attachment.filename} ({attachment.sha256[:12]})")
    return _attachment_info(attachment)


def attach_document(
    session: Session, actor: Actor, proposal_id: int, filename: str, content: bytes, *,
    kind: str = "document", mime_type: str | None = None,
) -> AttachmentInfo:
    """Attach a document (meeting minutes, KTP/KK scan, land statement) to a proposal."""
    actor.require(action="proposal.edit")
    proposal = _proposal_in_scope(session, actor, proposal_id)
    return add_attachment(session, actor, kind=kind, filename=filename, content=content,
                          mime_type=mime_type, proposal_id=proposal.id,
                          household_id=proposal.household_id)


def _attachment_info(a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(a.id, a.proposal_id, a.household_id, a.verification_id, a.kind,
                          a.filename, a.mime_type, a.size_bytes, a.sha256,
                          a.thumbnail is not None, a.taken_at, a.created_at)


def attachments(session: Session, proposal_id: int) -> list[AttachmentInfo]:
    """Documents and photos of a proposal and of its household (without their bytes)."""
    household_id = session.scalar(select(Proposal.household_id).where(Proposal.id == proposal_id))
    columns = [c for c in Attachment.__table__.c if c.name != "content"]
    rows = session.execute(
        select(*columns).where(or_(Attachment.proposal_id == proposal_id,
                                   and_(Attachment.household_id == household_id,
                                        Attachment.proposal_id.is_(None))))
        .order_by(Attachment.id)
    )
    return [AttachmentInfo(r.id, r.proposal_id, r.household_id, r.verification_id, r.kind,
                           r.filename, r.mime_type, r.size_bytes, r.sha256,
                           r.thumbnail is not None, r.taken_at, r.created_at) for r in rows]


def thumbnail(session: Session, attachment_id: int) -> bytes | None:
    """The JPEG thumbnail of a photo attachment, if it has one."""
    return session.scalar(select(Attachment.thumbnail).where(Attachment.id == attachment_id))


# ------------------------------------------------------------------ reading


def _proposal_in_scope(session: Session, actor: Actor, proposal_id: int) -> Proposal:
    proposal = session.scalar(
        select(Proposal).where(Proposal.id == proposal_id,
                               permissions.proposal_condition(actor, "proposal.view"))
    )
    if proposal is None:
        raise NotFound(f"Usulan #{proposal_id} tidak ada (atau di luar wilayah Anda).",
                       hint="Lihat daftar usulan dengan: tepat proposal list")
    return proposal


@dataclass(frozen=True)
class Filters:
    """What the queue shows: all fields optional."""

    states: tuple[str, ...] | None = None
    worklist: str | None = None
    program_code: str | None = None
    period_id: int | None = None
    kelurahan_code: str | None = None  # a kelurahan or a kecamatan code
    rw: str | None = None
    rt: str | None = None
    assigned_to_id: int | None = None
    text: str | None = None  # NIK, No. KK or part of a name
    with_blockers: bool | None = None
    order: str = "priority"  # "priority" (highest first) or "age" (oldest first)


# Code filters: control characters dropped (PostgreSQL refuses NUL), overlong text refused.
_CODE_FILTERS = {"program_code": "Program", "kelurahan_code": "Wilayah", "rw": "RW", "rt": "RT"}


def _clean_codes(filters: Filters) -> Filters:
    changes = {
        name: privacy.clean_filter_text(getattr(filters, name), label, 40) or None
        for name, label in _CODE_FILTERS.items() if getattr(filters, name)
    }
    return dataclasses.replace(filters, **changes) if changes else filters


def _conditions(actor: Actor, filters: Filters) -> list[ColumnElement[bool]]:
    # Role, scope and (for a field officer) assignment, as the permission matrix says.
    conditions = [permissions.proposal_condition(actor, "proposal.view")]
    filters = _clean_codes(filters)
    states = filters.states
    if filters.worklist:
        if filters.worklist not in WORKLISTS:
            raise ValidationFailed([("daftar kerja", f"'{filters.worklist}' tidak dikenal")])
        states = WORKLISTS[filters.worklist]
    if states:
        unknown = [s for s in states if s not in STATE_LABELS]
        if unknown:
            raise ValidationFailed([("status", f"'{unknown[0]}' tidak dikenal; pilih salah satu: "
                                               + ", ".join(STATE_LABELS))])
        conditions.append(Proposal.state.in_(states))
    if filters.program_code:
        conditions.append(Program.code == filters.program_code)
    if filters.period_id is not None:
        conditions.append(Proposal.period_id == filters.period_id)
    if filters.kelurahan_code:
        code = filters.kelurahan_code
        conditions.append(Household.kelurahan_code == code if code.count(".") >= 3
                          else Household.kelurahan_code.like(code + ".%"))
    if filters.rw:
        conditions.append(Household.rw == filters.rw.zfill(3))
    if filters.rt:
        conditions.append(Household.rt == filters.rt.zfill(3))
    if filters.assigned_to_id is not None:
        conditions.append(Proposal.assigned_to_id == filters.assigned_to_id)
    text = privacy.clean_filter_text(filters.text, "cari")
    if text:
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) == 16 and len(digits) >= len(text.replace(" ", "")) - 2:
            conditions.append(or_(Household.no_kk == digits, Household.id.in_(
                select(Member.household_id).where(Member.nik == digits))))
        else:
            key = name_key(text)
            # The key holds only letters and digits, so a LIKE pattern needs no escaping;
            # a text with none of them would match everyone and is refused instead.
            if not key:
                raise ValidationFailed([("cari", "ketik NIK, No. KK atau bagian nama")])
            conditions.append(Household.id.in_(
                select(Member.household_id).where(Member.name_key.contains(key))))
    if filters.with_blockers is not None:
        has = Proposal.id.in_(select(Finding.proposal_id).where(Finding.severity == "blocker"))
        conditions.append(has if filters.with_blockers else ~has)
    return conditions


def proposal_ids(session: Session, actor: Actor, filters: Filters = Filters()) -> list[int]:
    """Ids of the proposals matching ``filters``, in queue order (for lazy models)."""
    order = ([Proposal.priority_score.desc().nulls_last(), Proposal.id]
             if filters.order == "priority"
             else [func.coalesce(Proposal.submitted_at, Proposal.created_at), Proposal.id])
    query = (
        select(Proposal.id)
        .join(Household, Household.id == Proposal.household_id)
        .join(Program, Program.id == Proposal.program_id)
        .where(*_conditions(actor, filters))
        .order_by(*order)
    )
    return list(session.scalars(query))


def rows(session: Session, actor: Actor, ids: Sequence[int]) -> list[ProposalRow]:
    """The rows of some proposals, in the order of ``ids`` (one query per page).

    NIK and No. KK are masked for roles that may not see them in full. Ids the actor may
    not see (another area, or for a field officer another officer's visit) are left out,
    whoever picked them.
    """
    if not ids:
        return []
    person, head = _PERSON, _HEAD
    head_id = (
        select(func.min(Member.id))
        .where(Member.household_id == Household.id, Member.relationship_code == "head")
        .correlate(Household).scalar_subquery()
    )
    found = session.execute(
        select(Proposal, Program.code, Program.name, Program.unit, Period.name, Household,
               Region.name, person.nik, person.name, head.nik, head.name, User.full_name,
               User.username)
        .join(Program, Program.id == Proposal.program_id)
        .join(Period, Period.id == Proposal.period_id)
        .join(Household, Household.id == Proposal.household_id)
        .join(Region, Region.code == Household.kelurahan_code, isouter=True)
        .join(person, person.id == Proposal.member_id, isouter=True)
        .join(head, head.id == head_id, isouter=True)
        .join(User, User.id == Proposal.assigned_to_id, isouter=True)
        .where(Proposal.id.in_(list(ids)),
               permissions.proposal_condition(actor, "proposal.view"))
    ).all()
    counts = checks.open_counts(session, list(ids))
    by_id = {}
    for (p, code, pname, unit, period_name, h, kel_name, p_nik, p_name, h_nik, h_name,
         officer_name, officer_user) in found:
        blockers, warnings = counts.get(p.id, (0, 0))
        by_id[p.id] = ProposalRow(
            p.id, code, pname, unit, p.period_id, period_name, h.id, p.member_id,
            privacy.show_kk(actor, h.no_kk), privacy.show_nik(actor, p_nik or h_nik) or None,
            p_name or h_name or "", h.address, h.rt, h.rw, h.kelurahan_code,
            kel_name or h.kelurahan_code, h.longitude, h.latitude, h.desil, p.state, p.source,
            p.reason, p.priority_score, p.assigned_to_id, officer_name or officer_user,
            p.created_at, p.submitted_at, p.decided_at, p.version, blockers, warnings,
        )
    return [by_id[i] for i in ids if i in by_id]


def list_proposals(session: Session, actor: Actor, filters: Filters = Filters(), *,
                   limit: int | None = None) -> list[ProposalRow]:
    """Proposals matching ``filters`` in queue order (the CLI and small lists)."""
    ids = proposal_ids(session, actor, filters)
    if limit is not None:
        ids = ids[:limit]
    result: list[ProposalRow] = []
    for start in range(0, len(ids), 500):
        result += rows(session, actor, ids[start:start + 500])
    return result


def get(session: Session, actor: Actor, proposal_id: int) -> ProposalRow:
    """One proposal; :class:`NotFound` when missing or outside the actor's scope."""
    _proposal_in_scope(session, actor, proposal_id)
    return rows(session, actor, [proposal_id])[0]


def worklist_counts(session: Session, actor: Actor, filters: Filters = Filters()) -> dict[str, int]:
    """How many proposals each worklist holds (one grouped query)."""
    base = Filters(**{**asdict(filters), "worklist": None, "states": None})
    conditions = _conditions(actor, base)
    by_state = dict(session.execute(
        select(Proposal.state, func.count(Proposal.id))
        .join(Household, Household.id == Proposal.household_id)
        .join(Program, Program.id == Proposal.program_id)
        .where(*conditions)
        .group_by(Proposal.state)
    ).all())
    counts = {name: sum(by_state.get(s, 0) for s in states) for name, states in WORKLISTS.items()}
    if actor.roles == frozenset({"field_officer"}):
        counts["in_field"] = int(session.scalar(
            select(func.count(Proposal.id))
            .join(Household, Household.id == Proposal.household_id)
            .join(Program, Program.id == Proposal.program_id)
            .where(*conditions, Proposal.state == "in_field",
                   Proposal.assigned_to_id == actor.user_id)
        ) or 0)
    return counts


def worklists_for(actor: Actor) -> list[str]:
    """The worklists the actor's roles work from, in a sensible order, without repeats."""
    names: list[str] = []
    for role in ("operator", "reviewer", "field_officer", "signatory", "admin"):
        if actor.has_role(role):
            names += [w for w in ROLE_WORKLISTS[role] if w not in names]
    return names


def field_officers(session: Session) -> list[tuple[int, str]]:
    """Active users with the field-officer role: (id, display name)."""
    rows_ = session.execute(
        select(User.id, User.full_name, User.username)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role_code == "field_officer", User.active.is_(True))
        .order_by(User.full_name, User.username)
    )
    return [(uid, full or name) for uid, full, name in rows_]


def households_of(session: Session, proposal_ids_: Sequence[int]) -> list[int]:
    """Household ids of some proposals (for the map's linked selection)."""
    if not proposal_ids_:
        return []
    return sorted(set(session.scalars(
        select(Proposal.household_id).where(Proposal.id.in_(list(proposal_ids_)))
    )))


def proposals_of_households(session: Session, actor: Actor, household_ids: Sequence[int],
                            filters: Filters = Filters()) -> list[int]:
    """Proposal ids (queue order) of some households: a map selection back to the queue."""
    if not household_ids:
        return []
    wanted = sorted(set(household_ids))
    ids = proposal_ids(session, actor, filters)
    owner: dict[int, int] = {}
    for chunk in in_chunks(wanted):
        owner.update(session.execute(
            select(Proposal.id, Proposal.household_id)
            .where(Proposal.household_id.in_(chunk))
        ).all())
    chosen = set(wanted)
    return [i for i in ids if owner.get(i) in chosen]

