"""The letter registry and its numbering: every outgoing letter, gapless numbers, never reused.

A letter number comes from a template setting (``letters.number_template``), e.g.
``{classification}/{seq:03}/{unit}/{month_roman}/{year}`` → ``400.9/007/Kec.Srg/IV/2025``.
The sequence is a per-year counter row in ``letter_counters``, incremented with one
``INSERT … ON CONFLICT DO UPDATE … RETURNING`` in the same transaction that inserts the
letter row. The PDF is built (and signed) inside that transaction, so:

* two operators on PostgreSQL, or two processes on one SQLite file, never get the same
  number: the counter row stays locked until the letter commits (PostgreSQL), and SQLite
  write transactions are serialised by ``BEGIN IMMEDIATE``;
* a letter that fails to build or sign rolls the counter back with everything else, so
  no number is skipped either.

Letters are never deleted. Withdrawing one marks it, keeps its number and PDF, and returns
the proposals it carried to "approved" so they can go in a new letter.

``db`` knows nothing of PDFs: :func:`issue` takes a ``render`` callback (from
:mod:`reports.letters`) that turns the number into the final PDF bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, defer

from db import audit, permissions, privacy, settings, workflow
from db.actor import Actor
from db.engine import in_chunks
from db.errors import LetterRefused, NotFound, ValidationFailed
from db.models import (
    Household,
    Letter,
    LetterCounter,
    LetterProposal,
    Member,
    Period,
    Program,
    Proposal,
    Region,
    utcnow,
)
from db.programs import STATE_LABELS

# All outgoing letters of the office share one yearly sequence (one agenda book).
COUNTER_KEY = "surat_keluar"
STATUS_ISSUED = "issued"
STATUS_WITHDRAWN = "withdrawn"
APPROVED = "approved"

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
PLACEHOLDERS = ("classification", "seq", "unit", "month_roman", "month", "year")


@dataclass(frozen=True)
class LetterType:
    """A kind of letter: which program's proposals it carries, if any."""

    code: str
    label: str  # Indonesian, for lists and messages
    program_prefix: str | None  # program codes it serves ("pbi" → pbi-jk, pbi-apbd...)
    carries_proposals: bool


LETTER_TYPES: dict[str, LetterType] = {
    t.code: t
    for t in (
        LetterType("usulan-pbi", "Surat usulan calon penerima PBI-JK", "pbi", True),
        LetterType("rekomendasi-rtlh", "Surat rekomendasi RTLH", "rtlh", True),
        LetterType("rekap", "Rekapitulasi usulan", None, False),
    )
}


def letter_type(code: str) -> LetterType:
    """The letter type ``code``, or :class:`LetterRefused` naming the known ones."""
    try:
        return LETTER_TYPES[code]
    except KeyError:
        raise LetterRefused(
            f"Jenis surat '{code}' tidak dikenal.",
            hint="Jenis yang tersedia: " + ", ".join(LETTER_TYPES) + ".",
        ) from None


def chunked(ids: Sequence[int]) -> list[Sequence[int]]:
    """``ids`` in slices short enough for one ``IN`` list on every backend."""
    return list(in_chunks(ids))


# --------------------------------------------------------------------------- numbering


def roman_month(month: int) -> str:
    """``4`` → ``IV``: the month as letter numbers write it."""
    return _ROMAN[month - 1]


def check_template(template: str) -> None:
    """Refuse a number template that is malformed or could repeat a number.

    It must contain ``{seq}`` (the sequence) and ``{year}`` (the sequence restarts each
    year, so without the year numbers would repeat).
    """
    where = "Pengaturan 'Pola nomor surat'"
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise LetterRefused(f"{where} ({template!r}) tidak dapat dibaca: {exc}.",
                            hint="Tutup setiap { dengan }.") from None
    unknown = sorted({f for f in fields if f not in PLACEHOLDERS})
    if unknown:
        raise LetterRefused(
            f"{where} memuat penanda yang tidak dikenal: "
            + ", ".join("{" + f + "}" for f in unknown) + ".",
            hint="Penanda yang tersedia: " + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ".",
        )
    missing = [p for p in ("seq", "year") if p not in fields]
    if missing:
        raise LetterRefused(
            f"{where} ({template!r}) tidak memuat " + " dan ".join("{" + m + "}" for m in missing)
            + "; tanpa itu nomor surat dapat berulang.",
            hint="Contoh: {classification}/{seq:03}/{unit}/{month_roman}/{year}",
        )
    format_number(template, seq=1, day=dt.date(2000, 1, 1), classification="0", unit="U")


def format_number(template: str, *, seq: int, day: dt.date, classification: str,
                  unit: str) -> str:
    """The letter number for sequence ``seq`` issued on ``day``."""
    try:
        return template.format(
            classification=classification, seq=seq, unit=unit,
            month_roman=roman_month(day.month), month=day.month, year=day.year,
        )
    except (KeyError, ValueError, IndexError) as exc:
        raise LetterRefused(
            f"Pengaturan 'Pola nomor surat' ({template!r}) tidak dapat dipakai: {exc}.",
            hint="Contoh pola yang benar: {classification}/{seq:03}/{unit}/{month_roman}/{year}",
        ) from None


def next_sequence(session: Session, counter_key: str, year: int) -> int:
    """Take the next number of ``counter_key`` in ``year`` (1 for the first letter).

    One statement both creates the year's counter and increments it, and returns the new
    value; the row stays locked until the transaction ends, and rolls back with it.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(LetterCounter).values(counter_key=counter_key, year=year, last_seq=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[LetterCounter.counter_key, LetterCounter.year],
        set_={"last_seq": LetterCounter.last_seq + 1},
    ).returning(LetterCounter.last_seq)
    return int(session.execute(stmt).scalar_one())


def numbering_settings(session: Session) -> tuple[str, str, str]:
    """(template, classification, unit code) from the office settings, template checked."""
    template = settings.get(session, "letters.number_template")
    check_template(template)
    return (template, settings.get(session, "letters.classification"),
            settings.get(session, "letters.unit_code"))


# --------------------------------------------------------------------------- selection


def _program_for(session: Session, kind: LetterType, period_id: int) -> tuple[Period, Program]:
    period = session.get(Period, period_id)
    if period is None:
        raise NotFound(f"Periode #{period_id} tidak ditemukan.",
                       hint="Lihat daftar periode dengan: tepat quota show")
    program = session.get(Program, period.program_id)
    assert program is not None  # foreign key
    if kind.program_prefix and not program.code.startswith(kind.program_prefix):
        raise LetterRefused(
            f"{kind.label} tidak dapat dibuat untuk periode '{period.name}' "
            f"(program {program.name}).",
            hint="Pilih periode program yang sesuai dengan jenis surat.",
        )
    return period, program


def approved_for_letter(session: Session, actor: Actor, type_code: str, period_id: int,
                        kelurahan_code: str | None = None) -> list[int]:
    """Ids of the approved proposals of a period a letter of ``type_code`` would carry.

    Limited to the actor's scope and, when given, one kelurahan; ordered as the
    attachment lists them (kelurahan, RW, RT, family, person).
    """
    kind = letter_type(type_code)
    _program_for(session, kind, period_id)
    query = (
        select(Proposal.id)
        .join(Household, Household.id == Proposal.household_id)
        .outerjoin(Member, Member.id == Proposal.member_id)
        .where(Proposal.period_id == period_id, Proposal.state == APPROVED,
               permissions.proposal_condition(actor, "proposal.view"))
        .order_by(Household.kelurahan_code, Household.rw, Household.rt, Household.id,
                  Member.id, Proposal.id)
    )
    if kelurahan_code:
        query = query.where(Household.kelurahan_code == kelurahan_code)
    return list(session.scalars(query))


def _who(session: Session, proposal: Proposal) -> str:
    person = session.get(Member, proposal.member_id) if proposal.member_id else None
    if person is None:
        person = session.scalar(
            select(Member).where(Member.household_id == proposal.household_id,
                                 Member.relationship_code == "head").limit(1)
        )
    return f"usulan #{proposal.id}" + (f" ({person.name})" if person else "")


def check_carried(session: Session, actor: Actor, type_code: str, period_id: int,
                  proposal_ids: Sequence[int], *, lock: bool = False) -> list[Proposal]:
    """The proposals a letter will carry, refused unless every one may go in it.

    Each must exist in the actor's scope, belong to the period, and be approved. With
    ``lock`` the rows are locked (PostgreSQL ``FOR UPDATE``) so a concurrent letter cannot
    take them between this check and the commit.
    """
    kind = letter_type(type_code)
    period, _program = _program_for(session, kind, period_id)
    if not kind.carries_proposals:
        return []
    ids = list(dict.fromkeys(proposal_ids))
    if not ids:
        raise LetterRefused(
            f"Tidak ada usulan yang dapat dimuat dalam {kind.label.lower()} untuk periode "
            f"'{period.name}'.",
            hint="Surat hanya memuat usulan berstatus 'disetujui Camat'. Setujui usulan dulu "
            "atau pilih periode/kelurahan lain. Belum ada nomor surat yang terpakai.",
        )
    found: dict[int, Proposal] = {}
    for chunk in chunked(ids):
        query = select(Proposal).where(Proposal.id.in_(chunk),
                                       permissions.proposal_condition(actor, "proposal.view"))
        if lock:
            query = query.with_for_update()
        found.update((p.id, p) for p in session.scalars(query))
    problems: list[str] = []
    missing = [i for i in ids if i not in found]
    if missing:
        problems.append("tidak ditemukan di wilayah kerja Anda: "
                        + ", ".join(f"#{i}" for i in missing[:10]))
    for proposal_id in ids:
        proposal = found.get(proposal_id)
        if proposal is None:
            continue
        if proposal.period_id != period_id:
            problems.append(f"{_who(session, proposal)} milik periode lain")
        elif proposal.state != APPROVED:
            problems.append(f"{_who(session, proposal)} berstatus "
                            f"'{STATE_LABELS.get(proposal.state, proposal.state)}', "
                            "bukan 'disetujui Camat'")
    if problems:
        shown = problems[:5]
        more = f"; dan {len(problems) - 5} lainnya" if len(problems) > 5 else ""
        raise LetterRefused(
            "Surat tidak dapat diterbitkan: " + "; ".join(shown) + more + ".",
            hint="Hanya usulan berstatus 'disetujui Camat' pada periode ini yang dapat dimuat. "
            "Belum ada nomor surat yang terpakai.",
        )
    return [found[i] for i in ids]


# --------------------------------------------------------------------------- issuing


@dataclass(frozen=True)
class Numbered:
    """What ``render`` gets: the number just taken and the letter's date."""

    number: str
    seq: int
    year: int
    issued_on: dt.date


@dataclass(frozen=True)
class Rendered:
    """What ``render`` returns: the final PDF and the words the registry lists it by."""

    pdf: bytes
    addressee: str
    subject: str
    signer_name: str | None = None  # set when the PDF carries a digital signature


@dataclass(frozen=True)
class LetterRow:
    """One registry entry, as lists and the verifier show it."""

    id: int
    number: str
    letter_type: str
    type_label: str
    issued_on: dt.date
    period_id: int | None
    addressee: str
    subject: str
    status: str
    signed: bool
    signer_name: str | None
    sha256: str | None
    size_bytes: int
    proposal_count: int
    withdrawn_reason: str | None
    withdrawn_at: dt.datetime | None
    created_at: dt.datetime

    @property
    def withdrawn(self) -> bool:
        return self.status == STATUS_WITHDRAWN

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "number": self.number, "type": self.letter_type,
            "issued_on": self.issued_on.isoformat(), "period_id": self.period_id,
            "addressee": self.addressee, "subject": self.subject, "status": self.status,
            "signed": self.signed, "signer": self.signer_name, "sha256": self.sha256,
            "size_bytes": self.size_bytes, "proposals": self.proposal_count,
            "withdrawn_reason": self.withdrawn_reason,
        }


def _row(letter: Letter, proposal_count: int, size: int | None = None) -> LetterRow:
    kind = LETTER_TYPES.get(letter.letter_type)
    return LetterRow(
        id=letter.id, number=letter.number, letter_type=letter.letter_type,
        type_label=kind.label if kind else letter.letter_type, issued_on=letter.issued_on,
        period_id=letter.period_id, addressee=letter.addressee, subject=letter.subject,
        status=letter.status, signed=letter.signed, signer_name=letter.signer_name,
        sha256=letter.sha256,
        size_bytes=size if size is not None else len(letter.pdf or b""),
        proposal_count=proposal_count, withdrawn_reason=letter.withdrawn_reason,
        withdrawn_at=letter.withdrawn_at, created_at=letter.created_at,
    )


def issue(
    session: Session,
    actor: Actor,
    *,
    letter_type_code: str,
    period_id: int,
    proposal_ids: Sequence[int],
    render: Callable[[Numbered], Rendered],
    issued_on: dt.date | None = None,
    sign: bool = False,
) -> LetterRow:
    """Take the next number, render the letter with it, and register it, all in ``session``.

    ``session`` must be a write session (:meth:`db.engine.Database.write`); nothing is
    committed here. Any error (a proposal no longer approved, a render or signing failure)
    propagates and the caller's transaction rolls back, counter included, so the number
    is not consumed. The carried proposals move to "in_letter".
    """
    permissions.require(actor, "letter.create")
    if sign:
        permissions.require(actor, "letter.sign")
    kind = letter_type(letter_type_code)
    day = issued_on or dt.date.today()
    template, classification, unit = numbering_settings(session)
    proposals = check_carried(session, actor, kind.code, period_id, proposal_ids, lock=True)

    seq = next_sequence(session, COUNTER_KEY, day.year)
    number = format_number(template, seq=seq, day=day, classification=classification, unit=unit)
    clash = session.scalar(select(Letter.id).where(Letter.number == number))
    if clash is not None:
        # Only an edited template (e.g. the year removed and restored) can get here.
        raise LetterRefused(
            f"Nomor {number} sudah dipakai surat lain; pola nomor surat menghasilkan nomor "
            "berulang.",
            hint="Periksa pengaturan 'Pola nomor surat'. Nomor tidak terpakai.",
        )
    rendered = render(Numbered(number, seq, day.year, day))
    if sign and rendered.signer_name is None:
        raise LetterRefused("Surat seharusnya ditandatangani secara elektronik, tetapi "
                            "penanda tangan tidak menghasilkan tanda tangan.")

    letter = Letter(
        letter_type=kind.code, number=number, counter_key=COUNTER_KEY, year=day.year, seq=seq,
        issued_on=day, period_id=period_id, addressee=rendered.addressee[:300],
        subject=rendered.subject[:300], status=STATUS_ISSUED, pdf=rendered.pdf,
        sha256=hashlib.sha256(rendered.pdf).hexdigest(), signed=rendered.signer_name is not None,
        signer_name=rendered.signer_name, created_by_id=actor.user_id,
    )
    session.add(letter)
    session.flush()
    session.add_all(LetterProposal(letter_id=letter.id, proposal_id=p.id) for p in proposals)
    session.flush()
    # The workflow owns every state change; it refuses the whole letter (and so the
    # number) if any proposal may not go in it.
    workflow.mark_in_letter(session, actor, letter.id)
    audit.record(session, actor, "issue", "letter", letter.id, field="number", new=number,
                 reason=f"{kind.label}; {len(proposals)} usulan; SHA-256 {letter.sha256}")
    session.flush()
    return _row(letter, len(proposals))


# --------------------------------------------------------------------------- registry


def _counts(session: Session, letter_ids: Sequence[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for chunk in chunked(letter_ids):
        rows = session.execute(
            select(LetterProposal.letter_id, func.count())
            .where(LetterProposal.letter_id.in_(chunk))
            .group_by(LetterProposal.letter_id)
        )
        counts.update((letter_id, count) for letter_id, count in rows)
    return counts


def list_letters(session: Session, actor: Actor, *, year: int | None = None,
                 status: str | None = None) -> list[LetterRow]:
    """The registry, newest first (without loading any PDF)."""
    permissions.require(actor, "letter.view")
    query = select(Letter, func.length(Letter.pdf)).order_by(Letter.year.desc(),
                                                             Letter.seq.desc())
    if year is not None:
        query = query.where(Letter.year == year)
    status = privacy.clean_filter_text(status, "Status", 40) or None
    if status is not None:
        query = query.where(Letter.status == status)
    query = query.options(defer(Letter.pdf))
    rows = session.execute(query).all()
    counts = _counts(session, [letter.id for letter, _ in rows])
    return [_row(letter, counts.get(letter.id, 0), size or 0) for letter, size in rows]


def get_letter(session: Session, actor: Actor, letter_id: int) -> LetterRow:
    permissions.require(actor, "letter.view")
    letter = session.get(Letter, letter_id, options=[defer(Letter.pdf)])
    if letter is None:
        raise NotFound(f"Surat #{letter_id} tidak ditemukan.")
    size = session.scalar(select(func.length(Letter.pdf)).where(Letter.id == letter_id)) or 0
    return _row(letter, _counts(session, [letter_id]).get(letter_id, 0), size)


def letter_pdf(session: Session, actor: Actor, letter_id: int) -> tuple[LetterRow, bytes]:
    """The stored PDF of a letter, byte for byte as issued (reprint). Audited as a print."""
    letter = session.get(Letter, letter_id)
    if letter is None or letter.pdf is None:
        raise NotFound(f"Surat #{letter_id} tidak ditemukan.")
    count = _counts(session, [letter_id]).get(letter_id, 0)
    privacy.record_print(session, actor, "letter_attachment", count,
                         what=f"cetak ulang surat {letter.number}", reference=letter.id)
    return _row(letter, count), bytes(letter.pdf)


def carried_proposal_ids(session: Session, letter_id: int) -> list[int]:
    return list(session.scalars(
        select(LetterProposal.proposal_id).where(LetterProposal.letter_id == letter_id)
        .order_by(LetterProposal.proposal_id)
    ))


def withdraw(session: Session, actor: Actor, letter_id: int, reason: str) -> LetterRow:
    """Mark a letter withdrawn (kept, number never reused); its proposals go back to approved."""
    permissions.require(actor, "letter.withdraw")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationFailed([("Alasan penarikan", "wajib diisi")])
    letter = session.get(Letter, letter_id, options=[defer(Letter.pdf)])
    if letter is None:
        raise NotFound(f"Surat #{letter_id} tidak ditemukan.")
    if letter.status == STATUS_WITHDRAWN:
        raise LetterRefused(f"Surat {letter.number} sudah ditarik sebelumnya.")
    letter.status = STATUS_WITHDRAWN
    letter.withdrawn_reason = reason
    letter.withdrawn_at = utcnow()
    session.flush()
    workflow.release_from_letter(session, actor, letter.id,
                                 f"surat {letter.number} ditarik: {reason}")
    audit.record(session, actor, "withdraw", "letter", letter.id, field="status",
                 old=STATUS_ISSUED, new=STATUS_WITHDRAWN, reason=reason)
    session.flush()
    return get_letter(session, actor, letter_id)


@dataclass(frozen=True)
class RegistryEntry:
    """What a verifier may learn about a number: no personal data."""

    number: str
    status: str
    issued_on: dt.date
    subject: str
    sha256: str | None
    signed: bool
    signer_name: str | None
    withdrawn_reason: str | None


def registry_entry(session: Session, number: str) -> RegistryEntry | None:
    """The registry's record of letter ``number`` for verification, or None."""
    letter = session.scalar(select(Letter).where(Letter.number == number)
                            .options(defer(Letter.pdf)))
    if letter is None:
        return None
    return RegistryEntry(letter.number, letter.status, letter.issued_on, letter.subject,
                         letter.sha256, letter.signed, letter.signer_name,
                         letter.withdrawn_reason)


def kelurahan_name(session: Session, code: str) -> str:
    region = session.get(Region, code)
    if region is None:
        raise NotFound(f"Kelurahan {code} tidak dikenal.",
                       hint="Kode kelurahan ditulis seperti 36.73.01.1001.")
    return region.name
