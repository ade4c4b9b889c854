"""The columns an export may carry and the rows behind them.

Three subjects: ``households`` (one row per KK), ``members`` (one row per person, the
shape the household import reads back), and ``proposals`` (one row per usulan, the
person or the head of the family it is for). Each subject has a catalogue of columns
(key, Indonesian header); an export names the columns it needs and gets nothing else.

Rows are read with a few joins per subject (never a query per row), limited by the
actor's scope and the filter. Coded values are written in the words printed on the KK
(``KEPALA KELUARGA``, ``BELUM KAWIN``), so a members export imports back unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from db import permissions, privacy
from db.actor import Actor
from db.engine import IN_LIST_MAX
from db.errors import ValidationFailed
from db.imports import normalise as norm
from db.models import Household, Member, Period, Program, Proposal, Region
from db.nik import mask
from db.programs import STATE_LABELS

SUBJECTS = ("households", "members", "proposals")


@dataclass(frozen=True)
class ExportColumn:
    key: str
    header: str  # Indonesian; also the import's alias, so exports import back
    personal_number: bool = False  # NIK / No. KK: masked for roles that may not see them
    kind: str = "text"  # "text", "int", "float", "date"


def _c(key: str, header: str, kind: str = "text", personal: bool = False) -> ExportColumn:
    return ExportColumn(key, header, personal, kind)


_COMMON_PLACE = (
    _c("address", "ALAMAT"), _c("rt", "RT"), _c("rw", "RW"), _c("rt_rw", "RT/RW"),
    _c("kelurahan_code", "KODE_KELURAHAN"), _c("kelurahan", "KELURAHAN"),
    _c("kecamatan", "KECAMATAN"), _c("desil", "DESIL", "int"),
    _c("latitude", "LATITUDE", "float"), _c("longitude", "LONGITUDE", "float"),
)
CATALOGUE: dict[str, dict[str, ExportColumn]] = {
    "households": {c.key: c for c in (
        _c("no_kk", "NO_KK", personal=True), _c("head_nik", "NIK_KEPALA", personal=True),
        _c("head_name", "NAMA_KEPALA"), *_COMMON_PLACE, _c("members", "JUMLAH_ANGGOTA", "int"),
        _c("income_bracket", "PENGHASILAN"),
    )},
    "members": {c.key: c for c in (
        _c("nik", "NIK", personal=True), _c("no_kk", "NO_KK", personal=True),
        _c("name", "NAMA"), _c("sex", "JENIS_KELAMIN"), _c("birth_place", "TEMPAT_LAHIR"),
        _c("birth_date", "TGL_LAHIR", "date"), _c("relationship", "HUB_KELUARGA"),
        _c("marital_status", "STATUS_KAWIN"), _c("occupation", "PEKERJAAN"),
        _c("education", "PENDIDIKAN"), *_COMMON_PLACE, _c("jkn_segment", "SEGMEN_JKN"),
        _c("asn_tni_polri", "ASN_TNI_POLRI"),
    )},
    "proposals": {c.key: c for c in (
        _c("no", "NO", "int"), _c("id", "ID_USULAN", "int"), _c("program", "PROGRAM"),
        _c("period", "PERIODE"), _c("state", "STATUS"), _c("nik", "NIK", personal=True),
        _c("no_kk", "NO_KK", personal=True), _c("name", "NAMA"),
        _c("sex", "JENIS_KELAMIN"), _c("birth_date", "TGL_LAHIR", "date"), *_COMMON_PLACE,
        _c("reason", "KETERANGAN"), _c("priority", "SKOR_PRIORITAS", "float"),
        _c("source", "SUMBER_USULAN"), _c("submitted_at", "TANGGAL_DIAJUKAN", "date"),
    )},
}
# Without a choice, the columns the privacy module allows for the purpose.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "households": ("no_kk", "head_nik", "head_name", "address", "rt_rw", "kelurahan",
                   "desil", "members"),
    "members": ("no_kk", "nik", "name", "sex", "birth_date", "relationship", "address",
                "rt", "rw", "kelurahan", "desil"),
    "proposals": ("no", "program", "nik", "name", "kelurahan", "state", "priority"),
}
GIS_DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "households": ("no_kk", "head_name", "address", "rt_rw", "kelurahan", "desil", "members"),
    "proposals": ("id", "program", "period", "state", "name", "address", "rt_rw", "kelurahan",
                  "desil", "priority"),
}
PERMISSION = {"households": "register.export", "members": "register.export",
              "proposals": "proposal.export"}

_SEGMENT_WORDS = norm.SEGMENT_LABELS


@dataclass(frozen=True)
class ExportFilter:
    """Which rows an export carries; empty fields do not filter."""

    region: str | None = None  # a kecamatan (36.73.01) or kelurahan (36.73.01.1001) code
    desil_max: int | None = None
    program: str | None = None  # program code, e.g. "pbi-jk" (proposals only)
    period_id: int | None = None  # proposals only
    states: tuple[str, ...] = ()  # proposal states, e.g. ("approved",)
    with_location: bool = False  # only rows with coordinates (GIS layers)
    # Only these households (and their members and proposals): the map's selection.
    household_ids: frozenset[int] = frozenset()

    def describe(self) -> str:
        parts = []
        if self.region:
            parts.append(f"wilayah {self.region}")
        if self.desil_max is not None:
            parts.append(f"desil <= {self.desil_max}")
        if self.program:
            parts.append(f"program {self.program}")
        if self.period_id is not None:
            parts.append(f"periode {self.period_id}")
        if self.states:
            parts.append("status " + ", ".join(self.states))
        if self.household_ids:
            parts.append(f"{len(self.household_ids)} keluarga terpilih")
        return "; ".join(parts) or "semua"


NO_FILTER = ExportFilter()


def columns_for(subject: str, keys: Sequence[str] | None, *,
                defaults: dict[str, tuple[str, ...]] = DEFAULT_COLUMNS) -> list[ExportColumn]:
    """The chosen columns of ``subject`` in the order given; unknown keys are refused."""
    if subject not in CATALOGUE:
        raise ValidationFailed([("subjek", f"'{subject}' tidak dikenal; pilih salah satu dari "
                                 + ", ".join(SUBJECTS))])
    catalogue = CATALOGUE[subject]
    wanted = list(keys) if keys else list(defaults.get(subject, DEFAULT_COLUMNS[subject]))
    unknown = [k for k in wanted if k not in catalogue]
    if unknown:
        raise ValidationFailed([("kolom", f"kolom tidak dikenal untuk {subject}: "
                                 + ", ".join(unknown) + ". Yang ada: "
                                 + ", ".join(catalogue))])
    if not wanted:
        raise ValidationFailed([("kolom", "pilih paling sedikit satu kolom")])
    return [catalogue[k] for k in dict.fromkeys(wanted)]


# ------------------------------------------------------------------------- queries


def _region_condition(column, region: str | None):  # type: ignore[no-untyped-def]
    if not region:
        return None
    if region.count(".") >= 3:
        return column == region
    return column.like(region + ".%")


def _head_subquery():  # type: ignore[no-untyped-def]
    return (select(Member.household_id.label("household_id"), Member.nik.label("nik"),
                   Member.name.label("name"), Member.sex.label("sex"),
                   Member.birth_date.label("birth_date"))
            .where(Member.relationship_code == "head", Member.deceased.is_(False))
            .subquery("head"))


def _count_subquery():  # type: ignore[no-untyped-def]
    return (select(Member.household_id.label("household_id"),
                   func.count().label("members"))
            .where(Member.deceased.is_(False)).group_by(Member.household_id)
            .subquery("counts"))


def _place_columns(kel, kec):  # type: ignore[no-untyped-def]
    return [Household.address, Household.rt, Household.rw, Household.kelurahan_code,
            kel.name.label("kelurahan"), kec.name.label("kecamatan"), Household.desil,
            Household.latitude, Household.longitude]


def _common_filter(query, flt: ExportFilter):  # type: ignore[no-untyped-def]
    condition = _region_condition(Household.kelurahan_code, flt.region)
    if condition is not None:
        query = query.where(condition)
    if flt.desil_max is not None:
        query = query.where(Household.desil <= flt.desil_max)
    if flt.with_location:
        query = query.where(Household.longitude.is_not(None), Household.latitude.is_not(None))
    if flt.household_ids and len(flt.household_ids) <= IN_LIST_MAX:
        query = query.where(Household.id.in_(sorted(flt.household_ids)))
    return query


def _chosen(flt: ExportFilter, found: Iterator[dict]) -> Iterator[dict]:
    """The rows of the filter's households, where the query could not say it itself (a
    selection too long for an IN list: the whole map, lassoed)."""
    wanted = flt.household_ids if len(flt.household_ids) > IN_LIST_MAX else None
    for row in found:
        household_id = row.pop("household_id")
        if wanted is None or household_id in wanted:
            yield row


def _label(mapping: dict[str, str], value: object) -> object:
    return mapping.get(value, value) if isinstance(value, str) else value  # type: ignore[arg-type]


def _finish(row: dict, full_numbers: bool) -> dict:
    """Derived and display values shared by every subject."""
    rt, rw = row.get("rt") or "", row.get("rw") or ""
    row["rt_rw"] = f"{rt}/{rw}" if rt or rw else ""
    for key in ("relationship",):
        if key in row:
            row[key] = _label(norm.RELATIONSHIP_LABELS, row[key])
    if "marital_status" in row:
        row["marital_status"] = _label(norm.MARITAL_LABELS, row["marital_status"])
    if "education" in row:
        row["education"] = _label(norm.EDUCATION_LABELS, row["education"])
    if "occupation" in row:
        row["occupation"] = _label(norm.OCCUPATION_LABELS, row["occupation"])
    if "jkn_segment" in row:
        row["jkn_segment"] = _label(_SEGMENT_WORDS, row["jkn_segment"])
    if "asn_tni_polri" in row:
        row["asn_tni_polri"] = "YA" if row["asn_tni_polri"] else "TIDAK"
    if not full_numbers:
        for key in ("nik", "no_kk", "head_nik"):
            if row.get(key):
                row[key] = mask(row[key])
    return row


def rows(session: Session, actor: Actor, subject: str, flt: ExportFilter | None = None,
         *, full_numbers: bool | None = None) -> Iterator[dict]:
    """Every row of ``subject`` the actor may export, as dicts keyed by catalogue key.

    Raises :class:`~db.errors.PermissionDenied` when the actor may not export it.
    NIK and No. KK are masked for roles that may not see them in full, unless
    ``full_numbers`` says otherwise.
    """
    permissions.require(actor, PERMISSION[subject])
    flt = flt or ExportFilter()
    full = privacy.may_see_numbers(actor) if full_numbers is None else full_numbers
    kel = aliased(Region)
    kec = aliased(Region)
    if subject == "households":
        yield from _chosen(flt, _household_rows(session, actor, flt, kel, kec, full))
    elif subject == "members":
        yield from _chosen(flt, _member_rows(session, actor, flt, kel, kec, full))
    elif subject == "proposals":
        yield from _chosen(flt, _proposal_rows(session, actor, flt, kel, kec, full))
    else:
        columns_for(subject, None)  # raises the message for an unknown subject


def _household_rows(session, actor, flt, kel, kec, full):  # type: ignore[no-untyped-def]
    head = _head_subquery()
    counts = _count_subquery()
    query = (
        select(Household.id, Household.id.label("household_id"), Household.no_kk,
               head.c.nik.label("head_nik"),
               head.c.name.label("head_name"), *_place_columns(kel, kec),
               func.coalesce(counts.c.members, 0).label("members"), Household.income_bracket)
        .join(kel, kel.code == Household.kelurahan_code)
        .join(kec, kec.code == kel.parent_code, isouter=True)
        .join(head, head.c.household_id == Household.id, isouter=True)
        .join(counts, counts.c.household_id == Household.id, isouter=True)
        .where(permissions.household_condition(actor, "register.export"))
        .order_by(Household.kelurahan_code, Household.rw, Household.rt, Household.no_kk)
    )
    for row in session.execute(_common_filter(query, flt)).mappings():
        yield _finish(dict(row), full)


def _member_rows(session, actor, flt, kel, kec, full):  # type: ignore[no-untyped-def]
    query = (
        select(Member.id, Household.id.label("household_id"), Member.nik, Household.no_kk,
               Member.name, Member.sex,
               Member.birth_place, Member.birth_date,
               Member.relationship_code.label("relationship"), Member.marital_status,
               Member.occupation, Member.education, *_place_columns(kel, kec),
               Member.jkn_segment, Member.asn_tni_polri)
        .join(Household, Household.id == Member.household_id)
        .join(kel, kel.code == Household.kelurahan_code)
        .join(kec, kec.code == kel.parent_code, isouter=True)
        .where(permissions.household_condition(actor, "register.export"),
               Member.deceased.is_(False))
        .order_by(Household.kelurahan_code, Household.rw, Household.rt, Household.no_kk,
                  Member.id)
    )
    for row in session.execute(_common_filter(query, flt)).mappings():
        yield _finish(dict(row), full)


def _proposal_rows(session, actor, flt, kel, kec, full):  # type: ignore[no-untyped-def]
    head = _head_subquery()
    person = aliased(Member)
    query = (
        select(Proposal.id, Household.id.label("household_id"), Program.name.label("program"),
               Program.code.label("program_code"),
               Period.name.label("period"), Proposal.state,
               func.coalesce(person.nik, head.c.nik).label("nik"), Household.no_kk,
               func.coalesce(person.name, head.c.name).label("name"),
               func.coalesce(person.sex, head.c.sex).label("sex"),
               func.coalesce(person.birth_date, head.c.birth_date).label("birth_date"),
               *_place_columns(kel, kec), Proposal.reason, Proposal.priority_score.label(
                   "priority"), Proposal.source, Proposal.submitted_at)
        .join(Program, Program.id == Proposal.program_id)
        .join(Period, Period.id == Proposal.period_id)
        .join(Household, Household.id == Proposal.household_id)
        .join(person, person.id == Proposal.member_id, isouter=True)
        .join(head, head.c.household_id == Household.id, isouter=True)
        .join(kel, kel.code == Household.kelurahan_code)
        .join(kec, kec.code == kel.parent_code, isouter=True)
        .where(permissions.proposal_condition(actor, "proposal.export"))
        .order_by(Program.code, Period.id, Household.kelurahan_code, Household.rw,
                  Household.rt, Proposal.id)
    )
    if flt.program:
        query = query.where(Program.code == flt.program)
    if flt.period_id is not None:
        query = query.where(Proposal.period_id == flt.period_id)
    if flt.states:
        query = query.where(Proposal.state.in_(flt.states))
    for number, row in enumerate(session.execute(_common_filter(query, flt)).mappings(), 1):
        item = dict(row)
        item["no"] = number
        item["state"] = STATE_LABELS.get(item["state"], item["state"]).upper()
        if isinstance(item.get("submitted_at"), dt.datetime):
            item["submitted_at"] = item["submitted_at"].date()
        yield _finish(item, full)
