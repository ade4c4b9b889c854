"""Field verification: the visit at the house, recorded item by item as on the checklist.

:data:`CHECKLIST` is the printed field checklist of DOMAIN.md as data: sections and items
in the same order, with each item's kind and choices. The field form (widgets) and the
printed checklist (reports) both walk it, so screen and paper never drift apart. Items
that describe the house are written back to the household (audited), so the desk checks
re-run on what the officer saw.

The officer's GPS at the door is compared with the household's recorded point; more than
the program's tolerance (50 m by default) gives a warning and the offer to move the
recorded point (:func:`correct_household_point`). Photos (front, side, back, roof, floor,
sanitation) are stored as attachments of the visit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pyproj import Geod
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db import audit, checks, codes, permissions
from db.actor import Actor, in_scope
from db.errors import NotFound, StaleRecord, TransitionNotAllowed, ValidationFailed
from db.models import FieldVerification, Household, Proposal
from db.programs import PHOTO_KINDS, STATE_LABELS, program_by_id
from db.proposals import add_attachment
from db.workflow import MoveResult, _move_one, load_for_change

_GEOD = Geod(ellps="WGS84")
CONCLUSIONS = ("eligible", "not_eligible")
# Indonesia with a margin (as the boundary import uses).
_LON_RANGE = (94.0, 142.0)
_LAT_RANGE = (-11.0, 7.0)


@dataclass(frozen=True)
class Item:
    """One checklist item: its code, printed label, kind and choices."""
    code: str
    label: str  # Indonesian, as printed on the checklist
    kind: str  # "bool", "int", "float", "choice"
    choices: tuple[Any, ...] = ()
    household_field: str | None = None  # written back to the household when answered
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Section:
    """One part of the checklist (identity, exclusions, land, roof...)."""
    code: str
    title: str  # Indonesian
    items: tuple[Item, ...]
    rtlh_only: bool = False  # PBI-JK visits use the identity and exclusion parts only


CHECKLIST: tuple[Section, ...] = (
    Section("identity", "Identitas", (
        Item("nik_kk_match", "NIK dan KK dilihat dan cocok", "bool"),
        Item("household_size", "Jumlah anggota keluarga", "int", minimum=1, maximum=30),
        Item("elderly", "Anggota lansia", "int", minimum=0, maximum=30),
        Item("disabled", "Anggota penyandang disabilitas", "int", minimum=0, maximum=30),
        Item("chronically_ill", "Anggota sakit kronis", "int", minimum=0, maximum=30),
        Item("pregnant", "Anggota hamil", "int", minimum=0, maximum=30),
        Item("children", "Anak", "int", minimum=0, maximum=30),
    )),
    Section("exclusions", "Pengecualian", (
        Item("asn_tni_polri", "Ada anggota ASN/TNI/Polri", "bool"),
        Item("has_jkn", "Sudah memiliki JKN", "bool"),
        Item("housing_aid_before", "Pernah menerima bantuan rumah", "bool"),
        Item("other_house", "Memiliki rumah lain", "bool", household_field="other_house"),
    )),
    Section("land", "Lahan", (
        Item("land_status", "Status lahan", "choice", codes.LAND_STATUS, "land_status"),
        Item("land_document", "Dokumen lahan", "choice", codes.LAND_DOCUMENT, "land_document"),
    ), rtlh_only=True),
    Section("roof", "Atap", (
        Item("roof_material", "Bahan atap", "choice", codes.ROOF_MATERIAL, "roof_material"),
        Item("roof_condition", "Kondisi atap", "choice", codes.ROOF_CONDITION, "roof_condition"),
        Item("roof_frame_sound", "Rangka atap kokoh", "bool", household_field="roof_frame_sound"),
    ), rtlh_only=True),
    Section("walls", "Dinding", (
        Item("wall_material", "Bahan dinding", "choice", codes.WALL_MATERIAL, "wall_material"),
        Item("wall_condition", "Kondisi dinding", "choice", codes.WALL_CONDITION,
             "wall_condition"),
        Item("columns_beams", "Ada kolom dan balok", "bool", household_field="columns_beams"),
    ), rtlh_only=True),
    Section("floor", "Lantai", (
        Item("floor_material", "Bahan lantai", "choice", codes.FLOOR_MATERIAL, "floor_material"),
        Item("floor_condition", "Kondisi lantai", "choice", codes.FLOOR_CONDITION,
             "floor_condition"),
    ), rtlh_only=True),
    Section("structure", "Struktur", (
        Item("foundation_sloof", "Ada pondasi dan sloof", "bool",
             household_field="foundation_sloof"),
        Item("collapse_risk", "Rawan roboh", "bool", household_field="collapse_risk"),
        Item("hazard_site", "Lokasi rawan banjir/longsor", "bool", household_field="hazard_site"),
    ), rtlh_only=True),
    Section("space", "Ruang", (
        Item("floor_area_m2", "Luas lantai (m²)", "float", household_field="floor_area_m2",
             minimum=1, maximum=2000),
        Item("occupants", "Jumlah penghuni", "int", household_field="occupants",
             minimum=1, maximum=50),
        Item("bedrooms", "Jumlah kamar tidur", "int", household_field="bedrooms",
             minimum=0, maximum=30),
    ), rtlh_only=True),
    Section("health", "Kesehatan", (
        Item("ventilation_ok", "Bukaan/ventilasi ≥ 5% luas lantai", "bool",
             household_field="ventilation_ok"),
        Item("daylight_ok", "Cahaya alami ≥ 10% luas lantai", "bool",
             household_field="daylight_ok"),
        Item("toilet", "Jamban", "choice", codes.TOILET, "toilet"),
        Item("toilet_type", "Jenis kloset", "choice", codes.TOILET_TYPE, "toilet_type"),
        Item("sewage", "Pembuangan tinja", "choice", codes.SEWAGE, "sewage"),
        Item("water_source", "Sumber air minum", "choice", codes.WATER_SOURCE, "water_source"),
        Item("water_septic_distance_m", "Jarak sumber air ke tangki septik (m)", "float",
             household_field="water_septic_distance_m", minimum=0, maximum=1000),
    ), rtlh_only=True),
    Section("electricity", "Listrik", (
        Item("electricity", "Sumber listrik", "choice", codes.ELECTRICITY, "electricity"),
        Item("electricity_va", "Daya (VA)", "choice", codes.ELECTRICITY_VA, "electricity_va"),
    ), rtlh_only=True),
)
ITEMS: dict[str, Item] = {item.code: item for section in CHECKLIST for item in section.items}


def sections_for(unit: str) -> tuple[Section, ...]:
    """The checklist sections for a program unit ("person": identity and exclusions)."""
    return tuple(s for s in CHECKLIST if unit == "household" or not s.rtlh_only)


def distances_m(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray,
                lat2: np.ndarray) -> np.ndarray:
    """Geodesic distances in metres on the WGS84 ellipsoid, for arrays of points."""
    _, _, dist = _GEOD.inv(lon1, lat1, lon2, lat2)
    return np.asarray(dist, dtype=float)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """The geodesic distance between two points in metres."""
    return float(distances_m(np.array([lon1]), np.array([lat1]), np.array([lon2]),
                             np.array([lat2]))[0])


@dataclass(frozen=True)
class Photo:
    """A photo taken at the visit, to store as an attachment."""
    kind: str  # one of db.programs.PHOTO_KINDS
    filename: str
    content: bytes
    mime_type: str | None = None
    taken_at: dt.datetime | None = None


@dataclass(frozen=True)
class FieldResult:
    """What the officer brings back (or an operator types in from the paper checklist)."""

    officer_name: str
    visit_date: dt.date
    conclusion: str  # "eligible" or "not_eligible"
    reason: str
    gps_longitude: float | None = None
    gps_latitude: float | None = None
    answers: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldOutcome:
    """What recording a visit did, and whether to offer moving the recorded point."""
    verification_id: int
    move: MoveResult
    distance_m: float | None  # from the recorded point; None without both points
    gps_warning: str | None  # Indonesian; set when the point should be corrected
    offer_point_correction: bool
    household_changes: dict[str, tuple[Any, Any]]


def validate_answers(answers: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Check answers against the checklist; returns (clean answers, problems)."""
    clean: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for code, value in answers.items():
        item = ITEMS.get(code)
        if item is None:
            problems.append((code, "bukan butir daftar periksa"))
            continue
        if value is None or value == "":
            continue
        if item.kind == "bool":
            if not isinstance(value, bool):
                problems.append((item.label, "jawab ya atau tidak"))
                continue
        elif item.kind in ("int", "float"):
            try:
                number = int(value) if item.kind == "int" else float(str(value).replace(",", "."))
            except (TypeError, ValueError):
                problems.append((item.label, f"'{value}' bukan angka"))
                continue
            if item.kind == "int" and isinstance(value, float) and not value.is_integer():
                problems.append((item.label, "harus bilangan bulat"))
                continue
            if (item.minimum is not None and number < item.minimum) or (
                item.maximum is not None and number > item.maximum
            ):
                problems.append((item.label, f"{number:g} di luar rentang {item.minimum:g}–"
                                             f"{item.maximum:g}"))
                continue
            value = number
        elif value not in item.choices:
            problems.append((item.label, f"'{value}' bukan pilihan yang dikenal"))
            continue
        clean[code] = value
    return clean, problems


def record_result(
    session: Session, actor: Actor, proposal_id: int, result: FieldResult, *,
    photos: Sequence[Photo] = (), expected_version: int | None = None,
    today: dt.date | None = None,
) -> FieldOutcome:
    """Store a field visit and move the proposal to eligible or not eligible.

    The officer assigned to the proposal records it, or an operator copies it from the
    paper checklist (naming the officer). All or nothing: an invalid answer, or a blocking
    finding left standing by the visit (for "eligible"), refuses the whole result and the
    proposal stays in the field.
    """
    actor.require(action="proposal.field_result")
    proposal = load_for_change(session, actor, proposal_id, expected_version)
    permissions.require_assigned(actor, "proposal.field_result", proposal.assigned_to_id)
    if proposal.state != "in_field":
        raise TransitionNotAllowed(
            f"Usulan #{proposal.id} berstatus {STATE_LABELS[proposal.state]}; hasil lapangan "
            "hanya dicatat untuk usulan yang sedang diverifikasi di lapangan.",
            proposal_id=proposal.id, from_state=proposal.state, to_state=result.conclusion,
        )
    program = program_by_id(session, proposal.program_id)
    today = today or dt.date.today()
    answers, problems = validate_answers(result.answers)
    if not result.officer_name.strip():
        problems.append(("petugas", "nama petugas wajib diisi"))
    if result.visit_date > today:
        problems.append(("tanggal kunjungan", "tidak boleh di masa depan"))
    elif proposal.created_at and result.visit_date < proposal.created_at.date():
        problems.append(("tanggal kunjungan", "lebih awal dari tanggal usulan dibuat"))
    if result.conclusion not in CONCLUSIONS:
        problems.append(("kesimpulan", "pilih layak atau tidak layak"))
    if len(result.reason.strip()) < 5:
        problems.append(("alasan", "tulis alasan kesimpulan (paling sedikit 5 huruf)"))
    gps = (result.gps_longitude, result.gps_latitude)
    if (gps[0] is None) != (gps[1] is None):
        problems.append(("GPS", "isi bujur dan lintang, atau kosongkan keduanya"))
    elif gps[0] is not None and not (
        _LON_RANGE[0] <= gps[0] <= _LON_RANGE[1] and _LAT_RANGE[0] <= gps[1] <= _LAT_RANGE[1]  # type: ignore[operator]
    ):
        problems.append(("GPS", f"({gps[1]}, {gps[0]}) di luar Indonesia; periksa apakah "
                                "bujur dan lintang tertukar"))
    for photo in photos:
        if photo.kind not in PHOTO_KINDS:
            problems.append(("foto", f"jenis '{photo.kind}' tidak dikenal"))
    if problems:
        raise ValidationFailed(problems)

    household = session.get(Household, proposal.household_id)
    assert household is not None
    distance = None
    if gps[0] is not None and household.longitude is not None and household.latitude is not None:
        distance = distance_m(gps[0], gps[1], household.longitude, household.latitude)  # type: ignore[arg-type]
    verification = FieldVerification(
        proposal_id=proposal.id,
        officer_id=proposal.assigned_to_id,
        officer_name=result.officer_name.strip(), visit_date=result.visit_date,
        gps_longitude=gps[0], gps_latitude=gps[1], distance_from_record_m=distance,
        answers_json=json.dumps(answers, ensure_ascii=False, sort_keys=True),
        conclusion=result.conclusion, conclusion_reason=result.reason.strip(),
    )
    session.add(verification)
    session.flush()
    for photo in photos:
        add_attachment(session, actor, kind=photo.kind, filename=photo.filename,
                       content=photo.content, mime_type=photo.mime_type,
                       proposal_id=proposal.id, household_id=proposal.household_id,
                       verification_id=verification.id, taken_at=photo.taken_at)
    changes = {}
    for code, value in answers.items():
        column = ITEMS[code].household_field
        if column and getattr(household, column) != value:
            changes[column] = (getattr(household, column), value)
            setattr(household, column, value)
    if changes:
        session.flush()
        audit.record_changes(session, actor, "household", household.id, changes,
                             reason=f"hasil verifikasi lapangan #{verification.id}")
    audit.record(session, actor, "field_result", "proposal", proposal.id,
                 field="verification", new=verification.id, reason=result.reason.strip())
    checks.recheck_households(session, [household.id])
    moved = _move_one(session, actor, proposal, result.conclusion, result.reason,
                      assign_to=None, ledger=None, checked=True)

    tolerance = program.rules.gps_tolerance_m
    warning = None
    offer = False
    if distance is not None and distance > tolerance:
        warning = (f"Titik GPS di pintu rumah berjarak {distance:.0f} m dari lokasi keluarga "
                   f"yang tercatat (lebih dari {tolerance:g} m). Perbarui lokasi keluarga ke "
                   "titik GPS ini?")
        offer = True
    elif gps[0] is not None and household.longitude is None:
        warning = "Lokasi keluarga belum tercatat. Simpan titik GPS ini sebagai lokasinya?"
        offer = True
    return FieldOutcome(verification.id, moved, distance, warning, offer, changes)


def verifications(session: Session, proposal_id: int) -> list[dict[str, Any]]:
    """The visits recorded for a proposal, newest first, as plain dictionaries."""
    rows = session.scalars(
        select(FieldVerification).where(FieldVerification.proposal_id == proposal_id)
        .order_by(FieldVerification.id.desc())
    )
    return [{
        "id": v.id, "officer_name": v.officer_name, "visit_date": v.visit_date,
        "gps_longitude": v.gps_longitude, "gps_latitude": v.gps_latitude,
        "distance_from_record_m": v.distance_from_record_m,
        "answers": json.loads(v.answers_json), "conclusion": v.conclusion,
        "conclusion_reason": v.conclusion_reason,
    } for v in rows]


def correct_household_point(
    session: Session, actor: Actor, household_id: int, longitude: float, latitude: float, *,
    reason: str, expected_version: int | None = None,
) -> tuple[float | None, float | None]:
    """Move a household's recorded point (e.g. to the field GPS). Audited; re-checked.

    Returns the old (longitude, latitude).
    """
    actor.require(action="register.edit")
    if not (_LON_RANGE[0] <= longitude <= _LON_RANGE[1]
            and _LAT_RANGE[0] <= latitude <= _LAT_RANGE[1]):
        raise ValidationFailed([("lokasi", f"({latitude}, {longitude}) di luar Indonesia")])
    if len(reason.strip()) < 5:
        raise ValidationFailed([("alasan", "tulis alasan perubahan lokasi")])
    household = session.scalar(select(Household).where(
        Household.id == household_id, in_scope(actor, Household.kelurahan_code)))
    if household is None:
        raise NotFound(f"Keluarga #{household_id} tidak ada (atau di luar wilayah Anda).")
    if expected_version is not None and household.version != expected_version:
        raise StaleRecord(f"Data keluarga No. KK {household.no_kk} sudah diubah orang lain; "
                          "lokasinya tidak diubah.", hint="Muat ulang lalu ulangi.")
    old = (household.longitude, household.latitude)
    household.longitude, household.latitude = longitude, latitude
    try:
        session.flush()
    except StaleDataError as exc:
        raise StaleRecord(f"Data keluarga No. KK {household.no_kk} baru saja disimpan orang "
                          "lain; lokasinya tidak diubah.") from exc
    audit.record_changes(session, actor, "household", household_id,
                         {"longitude": (old[0], longitude), "latitude": (old[1], latitude)},
                         reason=reason.strip())
    checks.recheck_households(session, [household_id])
    return old


def proposals_in_field(session: Session, officer_id: int) -> list[int]:
    """Ids of the proposals waiting for a visit by one officer."""
    return list(session.scalars(
        select(Proposal.id).where(Proposal.state == "in_field",
                                  Proposal.assigned_to_id == officer_id)
        .order_by(Proposal.id)
    ))

