"""Issuing letters: gather the data, build the PDF with its number, sign, register.

The three letter types:

* ``usulan-pbi``: Surat Usulan Calon Penerima PBI-JK, one attachment row per person;
* ``rekomendasi-rtlh``: Surat Rekomendasi RTLH, one row per house, then each house's
  condition summary and a photo sheet;
* ``rekap``: Rekapitulasi, counts per kelurahan and state (carries no proposals).

:func:`issue_letter` checks everything it can first (settings, template, selection,
certificate) in a read session, so bad input is refused before a number is taken; then
one write transaction takes the number, builds and signs the PDF and registers it
(:func:`db.letters.issue`). If building or signing fails there, the transaction, counter
included, rolls back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PIL import Image, UnidentifiedImageError
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from db import letters as registry
from db import permissions, settings
from db.actor import Actor
from db.codes import name_key
from db.engine import Database
from db.errors import CertificateRejected, LetterRefused
from db.models import Attachment, Household, Member, Period, Program, Proposal, Region
from db.programs import PHOTO_KINDS, STATE_LABELS, STATES, program_rules
from reports import labels, templates
from reports.attachment import Column, TableSpec
from reports.idtext import WIB, count_phrase, long_date, thousands
from reports.letter import (
    BuiltLetter,
    ElectronicSignature,
    LetterDocument,
    Photo,
    PhotoHouse,
    PhotoSection,
    TableSection,
    build_letter,
    from_settings,
)
from reports.signing import LoadedSigner, sign_pdf

PHOTO_CAPTIONS = {
    "photo_front": "Tampak depan", "photo_side": "Tampak samping",
    "photo_back": "Tampak belakang", "photo_roof": "Atap", "photo_floor": "Lantai",
    "photo_sanitation": "Sanitasi/MCK",
}
# Photos are scaled down to this many pixels on the long side: plenty for a 6 cm print.
PHOTO_MAX_PIXELS = 900

ATTACHMENT_COLUMNS = (
    Column("No", align="right", max_lines=1, sample="00000"),
    Column("NIK", max_lines=1, sample="0" * 16),
    Column("No. KK", max_lines=1, sample="0" * 16),
    Column("Nama", weight=19),
    Column("Alamat", weight=22),
    Column("RT/RW", align="center", max_lines=1, sample="000/000"),
    Column("Kelurahan", weight=12),
    Column("Keterangan", weight=10),
)
CONDITION_COLUMNS = (
    Column("No", align="right", max_lines=1, sample="0000"),
    Column("Kepala keluarga", weight=16),
    Column("Lahan", weight=12),
    Column("Atap", weight=12),
    Column("Dinding", weight=12),
    Column("Lantai", weight=11),
    Column("Luas / penghuni", weight=10),
    Column("Sanitasi dan air", weight=14),
    Column("Listrik", weight=8),
)


@dataclass(frozen=True)
class LetterRequest:
    """What the operator asked for."""

    letter_type: str
    period_id: int
    kelurahan_code: str | None = None
    # None: every approved proposal of the period (and kelurahan) in the actor's scope.
    proposal_ids: tuple[int, ...] | None = None
    issued_on: dt.date | None = None
    paper: str | None = None  # None: the office setting


@dataclass(frozen=True)
class IssuedLetter:
    """A registered letter and its final PDF."""

    row: registry.LetterRow
    pdf: bytes
    pages: int


@dataclass(frozen=True)
class PreparedLetter:
    """Everything but the number: ready to become a PDF the moment a number is taken."""

    type_code: str
    period_id: int
    proposal_ids: tuple[int, ...]
    issued_on: dt.date
    addressee: str
    subject: str
    base: LetterDocument  # number empty until issued

    def document(self, number: str) -> LetterDocument:
        return replace(self.base, number=number)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Row:
    proposal_id: int
    nik: str
    no_kk: str
    name: str
    address: str
    rt: str
    rw: str
    kelurahan: str
    desil: int | None
    household_id: int


def _rows(session: Session, proposal_ids: Sequence[int], *, heads: bool) -> list[_Row]:
    """Attachment rows in the order of ``proposal_ids``.

    ``heads``: the head of the household (RTLH, per house) rather than the proposed
    person (PBI-JK, per person).
    """
    head = aliased(Member)
    person = aliased(Member)
    found: dict[int, _Row] = {}
    for chunk in registry.chunked(list(proposal_ids)):
        query = (
            select(Proposal.id, Household.id, Household.no_kk, Household.address, Household.rt,
                   Household.rw, Region.name, Household.desil, person.nik, person.name,
                   head.nik, head.name)
            .join(Household, Household.id == Proposal.household_id)
            .join(Region, Region.code == Household.kelurahan_code)
            .outerjoin(person, person.id == Proposal.member_id)
            .outerjoin(head, and_(head.household_id == Household.id,
                                  head.relationship_code == "head"))
            .where(Proposal.id.in_(chunk))
            .order_by(Proposal.id, head.id)
        )
        for (pid, hid, kk, address, rt, rw, kel, desil, p_nik, p_name, h_nik,
             h_name) in session.execute(query):
            if pid in found:
                continue  # a household with two heads recorded: the first one
            use_head = heads or p_nik is None
            found[pid] = _Row(pid, (h_nik if use_head else p_nik) or "",
                              kk, (h_name if use_head else p_name) or "", address, rt, rw,
                              kel, desil, hid)
    return [found[i] for i in proposal_ids if i in found]


def _remark(row: _Row) -> str:
    return f"Desil {row.desil}" if row.desil else "-"


def _attachment_rows(rows: Sequence[_Row]) -> list[list[str]]:
    return [[str(i), r.nik, r.no_kk, r.name, r.address, f"{r.rt}/{r.rw}", r.kelurahan,
             _remark(r)] for i, r in enumerate(rows, start=1)]


def _condition_rows(session: Session, rows: Sequence[_Row]) -> list[list[str]]:
    houses: dict[int, Household] = {}
    for chunk in registry.chunked([r.household_id for r in rows]):
        houses.update((h.id, h) for h in session.scalars(
            select(Household).where(Household.id.in_(chunk))))
    out = []
    for index, row in enumerate(rows, start=1):
        h = houses[row.household_id]
        area = "-"
        if h.floor_area_m2 and h.occupants:
            area = (f"{h.floor_area_m2:.0f} m² / {h.occupants} org "
                    f"({h.floor_area_m2 / h.occupants:.1f} m²/org)".replace(".", ","))
        roof = f"{labels.word(labels.ROOF_MATERIAL, h.roof_material)}, " \
               f"{labels.word(labels.ROOF_CONDITION, h.roof_condition)}"
        if h.roof_frame_sound is False:
            roof += ", rangka lapuk"
        wall = f"{labels.word(labels.WALL_MATERIAL, h.wall_material)}, " \
               f"{labels.word(labels.WALL_CONDITION, h.wall_condition)}"
        floor = f"{labels.word(labels.FLOOR_MATERIAL, h.floor_material)}, " \
                f"{labels.word(labels.FLOOR_CONDITION, h.floor_condition)}"
        land = f"{labels.word(labels.LAND_STATUS, h.land_status)}; " \
               f"{labels.word(labels.LAND_DOCUMENT, h.land_document)}"
        sanitation = f"jamban {labels.word(labels.TOILET, h.toilet)}; " \
                     f"{labels.word(labels.SEWAGE, h.sewage)}; " \
                     f"{labels.word(labels.WATER_SOURCE, h.water_source)}"
        power = labels.word(labels.ELECTRICITY, h.electricity)
        if h.electricity_va:
            power += f" {h.electricity_va} VA"
        out.append([str(index), f"{row.name} ({row.nik})", land, roof, wall, floor, area,
                    sanitation, power])
    return out


def _shrink(data: bytes) -> bytes | None:
    """A photo scaled for print as JPEG; None when it is not a readable image."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
            picture = image.convert("RGB")
            picture.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
            out = io.BytesIO()
            picture.save(out, "JPEG", quality=80)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def _photo_houses(session: Session, rows: Sequence[_Row]) -> tuple[PhotoHouse, ...]:
    by_house: dict[int, dict[str, int]] = defaultdict(dict)
    proposal_house = {r.proposal_id: r.household_id for r in rows}
    for chunk in registry.chunked([r.household_id for r in rows]):
        for att_id, hid, kind in session.execute(
            select(Attachment.id, Attachment.household_id, Attachment.kind)
            .where(Attachment.household_id.in_(chunk), Attachment.kind.in_(PHOTO_KINDS))
            .order_by(Attachment.id)
        ):
            by_house[hid][kind] = att_id  # the latest photo of each kind wins
    for chunk in registry.chunked(list(proposal_house)):
        for att_id, pid, kind in session.execute(
            select(Attachment.id, Attachment.proposal_id, Attachment.kind)
            .where(Attachment.proposal_id.in_(chunk), Attachment.kind.in_(PHOTO_KINDS))
            .order_by(Attachment.id)
        ):
            by_house[proposal_house[pid]][kind] = att_id
    houses = []
    for index, row in enumerate(rows, start=1):
        kinds = by_house.get(row.household_id, {})
        photos = []
        for kind in PHOTO_KINDS:
            data = None
            if kind in kinds:
                content = session.scalar(select(Attachment.content)
                                         .where(Attachment.id == kinds[kind]))
                data = _shrink(bytes(content)) if content else None
            photos.append(Photo(PHOTO_CAPTIONS[kind], data))
        houses.append(PhotoHouse(
            f"{index}. {row.name} — NIK {row.nik}",
            f"{row.address}, RT {row.rt}/RW {row.rw}, Kelurahan {row.kelurahan}",
            tuple(photos),
        ))
    return tuple(houses)


def _recap(session: Session, actor: Actor, period_id: int,
           kelurahan_code: str | None) -> tuple[list[list[str]], list[str], int, int, str]:
    query = (
        select(Household.kelurahan_code, Region.name, Proposal.state, func.count())
        .join(Household, Household.id == Proposal.household_id)
        .join(Region, Region.code == Household.kelurahan_code)
        .where(Proposal.period_id == period_id,
               permissions.proposal_condition(actor, "proposal.view"))
        .group_by(Household.kelurahan_code, Region.name, Proposal.state)
    )
    if kelurahan_code:
        query = query.where(Household.kelurahan_code == kelurahan_code)
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for code, name, state, count in session.execute(query):
        counts[(code, name)][state] = count
        totals[state] += count
    distinct = (
        select(func.count(func.distinct(Proposal.household_id)))
        .join(Household, Household.id == Proposal.household_id)
        .where(Proposal.period_id == period_id,
               permissions.proposal_condition(actor, "proposal.view"))
    )
    if kelurahan_code:
        distinct = distinct.where(Household.kelurahan_code == kelurahan_code)
    households = session.scalar(distinct) or 0
    states = [s for s in STATES if totals.get(s)]
    rows = []
    for index, (code, name) in enumerate(sorted(counts), start=1):
        per = counts[(code, name)]
        rows.append([str(index), name] + [thousands(per.get(s, 0)) for s in states]
                    + [thousands(sum(per.values()))])
    total = sum(totals.values())
    rows.append(["", "JUMLAH"] + [thousands(totals[s]) for s in states] + [thousands(total)])
    summary = ", ".join(f"{STATE_LABELS[s]} {thousands(totals[s])}" for s in states) or "belum ada"
    return rows, states, total, households, summary


# --------------------------------------------------------------------------- preparing


def _template_text(session: Session, type_code: str) -> str:
    stored = settings.get(session, f"letters.template.{type_code}")
    return stored if stored.strip() else templates.bundled(type_code)


def _check_signer_matches(signer: LoadedSigner, values: dict[str, object]) -> None:
    """Refuse a certificate that belongs to someone other than the letter's signatory."""
    configured = str(values.get("signatory.name") or "")
    words = [w for w in (name_key(part) for part in signer.info.name.split()) if len(w) > 2]
    have = name_key(configured)
    if words and not all(w in have for w in words):
        raise CertificateRejected(
            f"Sertifikat atas nama {signer.info.name}, sedangkan penanda tangan surat di "
            f"pengaturan adalah {configured}.",
            hint="Pakai sertifikat penanda tangan surat, atau ubah penanda tangan di Alat > "
            "Pengaturan kantor. Belum ada nomor surat yang terpakai.",
        )
    nip = str(values.get("signatory.nip") or "")
    if signer.info.nip and nip and signer.info.nip != nip:
        raise CertificateRejected(
            f"NIP pada sertifikat ({signer.info.nip}) berbeda dengan NIP penanda tangan di "
            f"pengaturan ({nip}).",
            hint="Pakai sertifikat penanda tangan surat. Belum ada nomor surat yang terpakai.",
        )


def prepare(session: Session, actor: Actor, request: LetterRequest, *,
            signer: LoadedSigner | None = None) -> PreparedLetter:
    """Check and gather everything a letter needs, short of its number.

    Raises a clear error (missing settings, bad template, empty selection, a proposal not
    approved, a certificate that is not the signatory's) before anything is written.
    """
    permissions.require(actor, "letter.create")
    if signer is not None:
        permissions.require(actor, "letter.sign")
    kind = registry.letter_type(request.letter_type)
    registry.numbering_settings(session)  # refuse a bad number template now
    values = settings.get_all(session)
    head, signatory = from_settings(values)
    if signer is not None:
        _check_signer_matches(signer, values)
    paper = request.paper or values["letters.paper"]
    template = templates.parse(kind.code, _template_text(session, kind.code))

    period = session.get(Period, request.period_id)
    if period is None:
        raise LetterRefused(f"Periode #{request.period_id} tidak ditemukan.",
                            hint="Lihat daftar periode dengan: tepat quota show")
    program = session.get(Program, period.program_id)
    assert program is not None  # foreign key
    kecamatan_code = values["office.kecamatan_code"]
    kecamatan = session.get(Region, kecamatan_code)
    kecamatan_name = kecamatan.name if kecamatan else kecamatan_code
    kelurahan_name = ""
    if request.kelurahan_code:
        kelurahan_name = registry.kelurahan_name(session, request.kelurahan_code)
        region = f"Kelurahan {kelurahan_name}, Kecamatan {kecamatan_name}"
    else:
        region = f"Kecamatan {kecamatan_name}"
    issued_on = request.issued_on or dt.datetime.now(WIB).date()  # the office's today

    ids: tuple[int, ...] = ()
    sections: list[TableSection | PhotoSection] = []
    count = households = 0
    summary = ""
    subtitle = f"Periode {period.name} · {region}"
    if kind.carries_proposals:
        ids = tuple(request.proposal_ids if request.proposal_ids is not None else
                    registry.approved_for_letter(session, actor, kind.code, period.id,
                                                 request.kelurahan_code))
        registry.check_carried(session, actor, kind.code, period.id, ids)
        rows = _rows(session, ids, heads=kind.code == "rekomendasi-rtlh")
        count = len(rows)
        households = len({r.household_id for r in rows})
        unit = "jiwa" if kind.code == "usulan-pbi" else "rumah"
        if kind.code == "usulan-pbi":
            title = "DAFTAR USULAN CALON PENERIMA BANTUAN IURAN JAMINAN KESEHATAN (PBI-JK)"
        else:
            title = "DAFTAR CALON PENERIMA BANTUAN REHABILITASI RUMAH TIDAK LAYAK HUNI (RTLH)"
        sections.append(TableSection(title, subtitle,
                                     TableSpec(ATTACHMENT_COLUMNS, _attachment_rows(rows)),
                                     note=f"Jumlah: {thousands(count)} {unit}."))
        if kind.code == "rekomendasi-rtlh":
            sections.append(TableSection(
                "RINGKASAN KONDISI RUMAH CALON PENERIMA BANTUAN RTLH", subtitle,
                TableSpec(CONDITION_COLUMNS, _condition_rows(session, rows), font_size=7),
            ))
            sections.append(PhotoSection("FOTO RUMAH CALON PENERIMA BANTUAN RTLH", subtitle,
                                         _photo_houses(session, rows)))
    else:
        recap_rows, states, count, households, summary = _recap(
            session, actor, period.id, request.kelurahan_code)
        if count == 0:
            raise LetterRefused(
                f"Belum ada usulan pada periode '{period.name}' di {region} untuk "
                "direkapitulasi.",
                hint="Pilih periode atau kelurahan lain. Belum ada nomor surat yang terpakai.",
            )
        columns = (Column("No", align="right", max_lines=1, sample="000"),
                   Column("Kelurahan", weight=3)) + tuple(
            Column(STATE_LABELS[s].capitalize(), weight=1, align="right", max_lines=1)
            for s in states) + (Column("Jumlah", weight=1, align="right", max_lines=1),)
        sections.append(TableSection(
            f"REKAPITULASI USULAN {program.name.upper()}", subtitle,
            TableSpec(columns, recap_rows, font_size=8, bold_last_row=True)))

    funding = (period.funding_source or "").upper()
    fill = {
        "program": program.name, "period": period.name, "year": str(period.year),
        "funding": funding, "region": region, "kelurahan": kelurahan_name,
        "kecamatan": kecamatan_name, "count": count_phrase(count),
        "count_number": thousands(count), "households": count_phrase(households),
        "place": values["office.place"], "date": long_date(issued_on),
        "receiving_agency": program_rules(session, program.code).receiving_agency,
        "state_summary": summary,
    }
    words = templates.render(template, fill)
    e_signature = None
    if signer is not None:
        e_signature = ElectronicSignature(
            signer.info.label,
            f"TEPAT SURAT ELEKTRONIK\nHal: {words.subject[:120]}\nTanggal: "
            f"{long_date(issued_on)}\nPenanda tangan: {signer.info.name}\n"
            "Tanda tangan digital: halaman 1",
        )
    base = LetterDocument(
        letterhead=head, signatory=signatory, place=values["office.place"],
        issued_on=issued_on, number="", nature=words.nature, attachment=words.attachment,
        subject=words.subject, addressee=words.addressee,
        addressee_place=words.addressee_place, paragraphs=words.paragraphs,
        copies=words.copies, sections=tuple(sections), paper=paper, e_signature=e_signature,
    )
    return PreparedLetter(kind.code, period.id, ids, issued_on, words.addressee, words.subject,
                          base)


# --------------------------------------------------------------------------- issuing


def render_pdf(prepared: PreparedLetter, number: str, *, signer: LoadedSigner | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> tuple[bytes, BuiltLetter]:
    """Build (and sign) the letter with ``number``; returns the final bytes."""
    document = prepared.document(number)
    built = build_letter(document, progress=progress, cancelled=cancelled)
    if signer is None:
        return built.pdf, built
    signed = sign_pdf(built.pdf, signer, built.signature_box, number=number,
                      issued_on=prepared.issued_on, nip=document.signatory.nip,
                      place=document.place)
    return signed.pdf, built


def issue_letter(database: Database, actor: Actor, request: LetterRequest, *,
                 signer: LoadedSigner | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> IssuedLetter:
    """Issue one letter: checks first, then number, PDF, signature and registry at once.

    Nothing is written, and no number used, when any step fails or is cancelled.
    """
    with database.read() as session:
        prepared = prepare(session, actor, request, signer=signer)
    result: dict[str, object] = {}

    def render(numbered: registry.Numbered) -> registry.Rendered:
        pdf, built = render_pdf(prepared, numbered.number, signer=signer, progress=progress,
                                cancelled=cancelled)
        result["pdf"], result["pages"] = pdf, built.pages
        return registry.Rendered(pdf, prepared.addressee, prepared.subject,
                                 signer.info.name if signer else None)

    with database.write() as session:
        row = registry.issue(
            session, actor, letter_type_code=prepared.type_code, period_id=prepared.period_id,
            proposal_ids=prepared.proposal_ids, render=render, issued_on=prepared.issued_on,
            sign=signer is not None,
        )
    return IssuedLetter(row, result["pdf"], result["pages"])  # type: ignore[arg-type]


def issue_demo_letter(session: Session, actor: Actor, period_id: int,
                      proposal_ids: list[int]) -> int:
    """A PBI-JK proposal letter for the demo, issued in the caller's transaction (the demo
    generator's), unsigned; returns its registry id (:data:`db.demo_workflow.LetterIssuer`)."""
    prepared = prepare(session, actor, LetterRequest("usulan-pbi", period_id,
                                                     proposal_ids=tuple(proposal_ids)))

    def render(numbered: registry.Numbered) -> registry.Rendered:
        pdf, _built = render_pdf(prepared, numbered.number)
        return registry.Rendered(pdf, prepared.addressee, prepared.subject, None)

    row = registry.issue(session, actor, letter_type_code=prepared.type_code,
                         period_id=prepared.period_id, proposal_ids=prepared.proposal_ids,
                         render=render, issued_on=prepared.issued_on)
    return row.id
