"""Programs, periods and quotas: all data, none of it code.

A program (PBI-JK per person, RTLH per household, or any other the office adds) carries
its rule settings in ``programs.rules_json``: which desk-check findings block and which
only warn, the thresholds the checks use, the weights of the priority score and the
agency that receives the proposals. :func:`program_rules` merges what is stored with the
defaults below, so an office changes only what differs for it.

A period is one round of a program ("PBI APBD 2025 tahap 2") with quotas: one for the
whole period (region null) and optionally splits per kecamatan and per kelurahan. An
approval must fit every quota that applies to the household's kelurahan; a quota lowered
below what is already approved keeps the existing approvals and refuses new ones, with a
warning that says why (:class:`QuotaLedger`, :func:`quota_usage`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import audit
from db.actor import Actor
from db.errors import NotFound, StaleRecord, ValidationFailed
from db.models import Household, Period, Program, Proposal, Quota, Region

# The states of a proposal (the transitions between them are in db/workflow.py), in the
# order the workflow runs, with the Indonesian words the messages use.
STATE_LABELS: dict[str, str] = {
    "draft": "draf",
    "submitted": "diajukan",
    "in_field": "verifikasi lapangan",
    "eligible": "layak",
    "not_eligible": "tidak layak",
    "approved": "disetujui Camat",
    "rejected": "ditolak Camat",
    "in_letter": "dalam surat",
    "accepted": "diterima Dinas",
    "declined": "ditolak Dinas",
    "returned": "dikembalikan untuk perbaikan",
    "cancelled": "dibatalkan",
}
STATES = tuple(STATE_LABELS)
# Proposals still moving: desk checks keep running on them. Decided ones keep the
# findings they were decided with, so the decision stays explainable.
ACTIVE_STATES = ("draft", "submitted", "in_field", "eligible", "not_eligible", "approved",
                 "returned")
# Ended without aid: they no longer count as "already proposed".
CLOSED_STATES = ("rejected", "declined", "cancelled")
# Proposal states whose places count against a quota: approved by the Camat and after.
QUOTA_STATES = ("approved", "in_letter", "accepted")
UNITS = ("person", "household")
SEVERITIES = ("blocker", "warning", "info")
SEVERITY_OFF = "off"
PERIOD_STATUSES = ("open", "closed")
PHOTO_KINDS = (
    "photo_front", "photo_side", "photo_back", "photo_roof", "photo_floor", "photo_sanitation",
)
PRIORITY_PARTS = ("desil", "vulnerable", "house", "waiting")

# Every desk-check rule with a short Indonesian title (the findings panel and settings
# show it). The rules themselves live in db/checks.py.
RULE_TITLES: dict[str, str] = {
    "invalid_nik": "NIK tidak sah",
    "invalid_kk": "No. KK tidak sah",
    "nik_mismatch": "NIK tidak cocok dengan tanggal lahir/jenis kelamin",
    "duplicate_person": "Orang yang sama di dua keluarga",
    "asn_in_family": "ASN/TNI/Polri dalam keluarga",
    "already_pbi": "Sudah terdaftar PBI",
    "jkn_other_segment": "Sudah peserta JKN segmen lain",
    "housing_aid_before": "Pernah menerima bantuan rumah",
    "point_outside_kelurahan": "Titik di luar kelurahan yang tercatat",
    "already_proposed": "Sudah diusulkan pada periode terbuka",
    "desil_above_threshold": "Desil di atas batas program",
    "desil_unknown": "Desil belum diketahui",
    "income_above_limit": "Penghasilan di atas batas",
    "deceased": "Meninggal dunia",
    "not_owner": "Bukan pemilik rumah/lahan",
    "no_land_document": "Tidak ada dokumen lahan",
    "floor_area_above_minimum": "Luas lantai per orang di atas batas minimum",
    "house_not_damaged": "Atap, dinding dan lantai tidak rusak",
    "other_house": "Memiliki rumah lain",
    "house_data_incomplete": "Data kondisi rumah belum lengkap",
    "location_missing": "Lokasi rumah belum dicatat",
    "photos_missing": "Foto wajib belum lengkap",
    "gps_far_from_record": "GPS lapangan jauh dari titik tercatat",
}

_PBI_SEVERITY = {
    "invalid_nik": "blocker", "invalid_kk": "blocker", "nik_mismatch": "warning",
    "duplicate_person": "warning", "asn_in_family": "blocker", "already_pbi": "blocker",
    "jkn_other_segment": "warning", "housing_aid_before": SEVERITY_OFF,
    "point_outside_kelurahan": "warning", "already_proposed": "blocker",
    "desil_above_threshold": "blocker", "desil_unknown": "warning",
    "income_above_limit": SEVERITY_OFF, "deceased": "blocker", "not_owner": SEVERITY_OFF,
    "no_land_document": SEVERITY_OFF, "floor_area_above_minimum": SEVERITY_OFF,
    "house_not_damaged": SEVERITY_OFF, "other_house": SEVERITY_OFF,
    "house_data_incomplete": SEVERITY_OFF, "location_missing": SEVERITY_OFF,
    "photos_missing": SEVERITY_OFF, "gps_far_from_record": "warning",
}
_RTLH_SEVERITY = {
    "invalid_nik": "warning", "invalid_kk": "blocker", "nik_mismatch": "warning",
    "duplicate_person": "warning", "asn_in_family": "blocker", "already_pbi": SEVERITY_OFF,
    "jkn_other_segment": SEVERITY_OFF, "housing_aid_before": "blocker",
    "point_outside_kelurahan": "warning", "already_proposed": "blocker",
    "desil_above_threshold": "warning", "desil_unknown": "warning",
    "income_above_limit": "warning", "deceased": "warning", "not_owner": "blocker",
    "no_land_document": "warning", "floor_area_above_minimum": "warning",
    "house_not_damaged": "warning", "other_house": "blocker",
    "house_data_incomplete": "info", "location_missing": "warning",
    "photos_missing": "blocker", "gps_far_from_record": "warning",
}
# A program the office adds: the rules that hold for any aid, program-specific ones off.
_GENERIC_SEVERITY = {
    **{code: SEVERITY_OFF for code in RULE_TITLES},
    "invalid_nik": "blocker", "invalid_kk": "blocker", "nik_mismatch": "warning",
    "duplicate_person": "warning", "asn_in_family": "blocker",
    "point_outside_kelurahan": "warning", "already_proposed": "blocker",
    "desil_above_threshold": "blocker", "desil_unknown": "warning", "deceased": "blocker",
    "gps_far_from_record": "warning",
}


@dataclass(frozen=True)
class ProgramRules:
    """The settings of one program, stored values merged over the defaults."""

    severity: Mapping[str, str]  # rule code -> blocker/warning/info/off
    max_desil: int = 5  # DTSEN desil 1..max_desil is the program's target
    min_floor_area_per_person: float = 7.2  # m²; 9 under public-works rules
    housing_aid_years: int | None = 10  # aid within this many years counts; None: ever
    gps_tolerance_m: float = 50.0  # field GPS further than this from the record: warning
    required_photos: tuple[str, ...] = ()
    max_income_bracket: str = "4m_5m"  # db.codes.INCOME_BRACKET; at or below the UMR
    elderly_age: int = 60
    child_age: int = 5
    # Before the Camat approves, each warning must carry a written override reason.
    warnings_need_review: bool = True
    priority_weights: Mapping[str, float] = field(default_factory=dict)
    receiving_agency: str = "Dinas Sosial Kota Serang"
    funding_sources: tuple[str, ...] = ()

    def severity_of(self, rule: str) -> str:
        return self.severity.get(rule, SEVERITY_OFF)

    def as_json(self) -> dict[str, Any]:
        return {
            "severity": dict(self.severity), "max_desil": self.max_desil,
            "min_floor_area_per_person": self.min_floor_area_per_person,
            "housing_aid_years": self.housing_aid_years,
            "gps_tolerance_m": self.gps_tolerance_m,
            "required_photos": list(self.required_photos),
            "max_income_bracket": self.max_income_bracket,
            "elderly_age": self.elderly_age, "child_age": self.child_age,
            "warnings_need_review": self.warnings_need_review,
            "priority_weights": dict(self.priority_weights),
            "receiving_agency": self.receiving_agency,
            "funding_sources": list(self.funding_sources),
        }


DEFAULT_RULES: dict[str, ProgramRules] = {
    "pbi-jk": ProgramRules(
        severity=_PBI_SEVERITY, max_desil=5,
        priority_weights={"desil": 50, "vulnerable": 35, "house": 0, "waiting": 15},
        funding_sources=("apbn", "apbd"),
    ),
    "rtlh": ProgramRules(
        severity=_RTLH_SEVERITY, max_desil=5, required_photos=PHOTO_KINDS,
        priority_weights={"desil": 35, "vulnerable": 20, "house": 35, "waiting": 10},
        funding_sources=("kemensos", "bsps", "apbd", "csr"),
    ),
}
GENERIC_RULES = ProgramRules(
    severity=_GENERIC_SEVERITY,
    priority_weights={"desil": 60, "vulnerable": 30, "house": 0, "waiting": 10},
)

_SCALAR_KEYS = {
    "max_desil": int, "min_floor_area_per_person": float, "gps_tolerance_m": float,
    "max_income_bracket": str, "elderly_age": int, "child_age": int,
    "warnings_need_review": bool, "receiving_agency": str,
}


def _defaults_for(code: str) -> ProgramRules:
    return DEFAULT_RULES.get(code, GENERIC_RULES)


def _merge(code: str, stored: Mapping[str, Any]) -> ProgramRules:
    base = _defaults_for(code)
    changes: dict[str, Any] = {}
    if "severity" in stored:
        changes["severity"] = {**base.severity, **stored["severity"]}
    if "priority_weights" in stored:
        changes["priority_weights"] = {**base.priority_weights, **stored["priority_weights"]}
    for key, kind in _SCALAR_KEYS.items():
        if key in stored:
            changes[key] = kind(stored[key])
    if "housing_aid_years" in stored:
        value = stored["housing_aid_years"]
        changes["housing_aid_years"] = None if value is None else int(value)
    for key in ("required_photos", "funding_sources"):
        if key in stored:
            changes[key] = tuple(stored[key])
    return replace(base, **changes)


def validate_rules(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems with a rules dictionary as (setting, Indonesian message) pairs."""
    from db import codes

    problems: list[tuple[str, str]] = []
    known = {"severity", "priority_weights", "housing_aid_years", "required_photos",
             "funding_sources", *_SCALAR_KEYS}
    for key in values:
        if key not in known:
            problems.append((key, "pengaturan program tidak dikenal"))
    for rule, severity in dict(values.get("severity", {})).items():
        if rule not in RULE_TITLES:
            problems.append((f"severity.{rule}", "aturan pemeriksaan tidak dikenal"))
        elif severity not in (*SEVERITIES, SEVERITY_OFF):
            problems.append((f"severity.{rule}",
                             "harus blocker, warning, info atau off"))
    for part, weight in dict(values.get("priority_weights", {})).items():
        if part not in PRIORITY_PARTS:
            problems.append((f"priority_weights.{part}", "bagian skor prioritas tidak dikenal"))
        elif not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight < 0:
            problems.append((f"priority_weights.{part}", "bobot harus angka 0 atau lebih"))
    if "max_desil" in values and not (isinstance(values["max_desil"], int)
                                      and 1 <= values["max_desil"] <= 10):
        problems.append(("max_desil", "desil harus 1 sampai 10"))
    for key in ("min_floor_area_per_person", "gps_tolerance_m"):
        if key in values and not (isinstance(values[key], (int, float))
                                  and not isinstance(values[key], bool) and values[key] > 0):
            problems.append((key, "harus angka lebih dari 0"))
    if "housing_aid_years" in values and values["housing_aid_years"] is not None and not (
        isinstance(values["housing_aid_years"], int) and values["housing_aid_years"] > 0
    ):
        problems.append(("housing_aid_years", "harus jumlah tahun (angka bulat) atau kosong"))
    if "max_income_bracket" in values and values["max_income_bracket"] not in codes.INCOME_BRACKET:
        problems.append(("max_income_bracket", "kelompok penghasilan tidak dikenal"))
    for kind in values.get("required_photos", ()):
        if kind not in PHOTO_KINDS:
            problems.append(("required_photos", f"jenis foto '{kind}' tidak dikenal"))
    for key in ("elderly_age", "child_age"):
        if key in values and not (isinstance(values[key], int) and 0 < values[key] < 120):
            problems.append((key, "umur harus 1 sampai 119"))
    return problems


# ------------------------------------------------------------------ programs


@dataclass(frozen=True)
class ProgramInfo:
    """A program as the services and the GUI see it, with its merged rules."""
    id: int
    code: str
    name: str
    unit: str  # "person" or "household"
    active: bool
    rules: ProgramRules


def _info(program: Program) -> ProgramInfo:
    stored = json.loads(program.rules_json or "{}")
    return ProgramInfo(program.id, program.code, program.name, program.unit, program.active,
                       _merge(program.code, stored))


def list_programs(session: Session, *, active_only: bool = False) -> list[ProgramInfo]:
    """Every program (or the active ones), by code."""
    query = select(Program).order_by(Program.code)
    if active_only:
        query = query.where(Program.active.is_(True))
    return [_info(p) for p in session.scalars(query)]


def _program_row(session: Session, code: str) -> Program:
    program = session.scalar(select(Program).where(Program.code == code))
    if program is None:
        known = ", ".join(session.scalars(select(Program.code).order_by(Program.code)))
        raise NotFound(f"Program '{code}' tidak ada.", hint=f"Program yang ada: {known}.")
    return program


def get_program(session: Session, code: str) -> ProgramInfo:
    """The program with ``code`` (e.g. ``pbi-jk``); :class:`NotFound` names the known ones."""
    return _info(_program_row(session, code))


def program_by_id(session: Session, program_id: int) -> ProgramInfo:
    """The program with this id; :class:`NotFound` when there is none."""
    program = session.get(Program, program_id)
    if program is None:
        raise NotFound(f"Program #{program_id} tidak ada.")
    return _info(program)


def program_rules(session: Session, code: str) -> ProgramRules:
    """The rule settings of one program, stored values over the defaults."""
    return get_program(session, code).rules


_CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,19}$")


def create_program(
    session: Session, actor: Actor, code: str, name: str, unit: str,
    rules: Mapping[str, Any] | None = None,
) -> ProgramInfo:
    """Add a program (e.g. PKH) as data. Admin only; audited."""
    actor.require(action="program.manage")
    problems = []
    if not _CODE_PATTERN.match(code):
        problems.append(("kode", "2-20 huruf kecil, angka atau tanda hubung"))
    elif session.scalar(select(Program.id).where(Program.code == code)) is not None:
        problems.append(("kode", f"program '{code}' sudah ada"))
    if not name.strip():
        problems.append(("nama", "wajib diisi"))
    if unit not in UNITS:
        problems.append(("satuan", "harus 'person' (per orang) atau 'household' (per keluarga)"))
    problems += validate_rules(rules or {})
    if problems:
        raise ValidationFailed(problems)
    program = Program(code=code, name=name.strip(), unit=unit, active=True,
                      rules_json=json.dumps(dict(rules or {}), ensure_ascii=False))
    session.add(program)
    session.flush()
    audit.record(session, actor, "create", "program", program.id, new=code)
    return _info(program)


def update_rules(
    session: Session, actor: Actor, code: str, changes: Mapping[str, Any]
) -> ProgramRules:
    """Change some rule settings of a program (thresholds, severities, weights). Audited."""
    actor.require(action="program.manage")
    problems = validate_rules(changes)
    if problems:
        raise ValidationFailed(problems)
    program = _program_row(session, code)
    stored = json.loads(program.rules_json or "{}")
    before = _merge(code, stored).as_json()
    for key, value in changes.items():
        if key in ("severity", "priority_weights"):
            stored[key] = {**stored.get(key, {}), **value}
        else:
            stored[key] = list(value) if isinstance(value, tuple) else value
    program.rules_json = json.dumps(stored, ensure_ascii=False, sort_keys=True)
    after = _merge(code, stored).as_json()
    audit.record_changes(
        session, actor, "program", program.id,
        {k: (before[k], after[k]) for k in after}, action="update_rules",
    )
    return _merge(code, stored)


# ------------------------------------------------------------------ periods


@dataclass(frozen=True)
class PeriodInfo:
    """A period of a program, as plain data."""
    id: int
    program_code: str
    program_name: str
    name: str
    year: int
    funding_source: str | None
    opens_on: dt.date | None
    closes_on: dt.date | None
    status: str


def _period_info(period: Period, program: Program) -> PeriodInfo:
    return PeriodInfo(period.id, program.code, program.name, period.name, period.year,
                      period.funding_source, period.opens_on, period.closes_on, period.status)


def list_periods(
    session: Session, program_code: str | None = None, *, open_only: bool = False
) -> list[PeriodInfo]:
    """Periods, newest first per program; optionally of one program, or open ones only."""
    query = select(Period, Program).join(Program, Program.id == Period.program_id)
    if program_code:
        query = query.where(Program.code == program_code)
    if open_only:
        query = query.where(Period.status == "open")
    query = query.order_by(Program.code, Period.year.desc(), Period.id.desc())
    return [_period_info(period, program) for period, program in session.execute(query)]


def get_period(session: Session, period_id: int) -> PeriodInfo:
    """One period; :class:`NotFound` says how to list the periods that exist."""
    row = session.execute(
        select(Period, Program).join(Program, Program.id == Period.program_id)
        .where(Period.id == period_id)
    ).first()
    if row is None:
        raise NotFound(f"Periode #{period_id} tidak ada.",
                       hint="Lihat daftar periode dengan: tepat quota show")
    return _period_info(*row)


def create_period(
    session: Session, actor: Actor, program_code: str, name: str, year: int, *,
    funding_source: str | None = None, opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> PeriodInfo:
    """Open a new round of a program. Admin or signatory; audited."""
    actor.require(action="period.manage")
    program = _program_row(session, program_code)
    rules = _info(program).rules
    problems = []
    if not name.strip():
        problems.append(("nama periode", "wajib diisi"))
    if not 2000 <= year <= 2100:
        problems.append(("tahun", f"{year} bukan tahun yang masuk akal"))
    if funding_source is not None and rules.funding_sources and (
        funding_source not in rules.funding_sources
    ):
        problems.append(("sumber dana", f"'{funding_source}' tidak dikenal; pilih salah satu: "
                         + ", ".join(rules.funding_sources)))
    if opens_on and closes_on and closes_on < opens_on:
        problems.append(("tanggal tutup", "lebih awal dari tanggal buka"))
    if problems:
        raise ValidationFailed(problems)
    period = Period(program_id=program.id, name=name.strip(), year=year,
                    funding_source=funding_source, opens_on=opens_on, closes_on=closes_on,
                    status="open")
    session.add(period)
    session.flush()
    audit.record(session, actor, "create", "period", period.id, new=period.name)
    return _period_info(period, program)


def set_period_status(session: Session, actor: Actor, period_id: int, status: str,
                      reason: str = "") -> PeriodInfo:
    """Close a period (no new proposals) or open it again. Audited."""
    actor.require(action="period.manage")
    if status not in PERIOD_STATUSES:
        raise ValidationFailed([("status", "harus 'open' atau 'closed'")])
    period = session.get(Period, period_id)
    if period is None:
        raise NotFound(f"Periode #{period_id} tidak ada.")
    old = period.status
    period.status = status
    audit.record(session, actor, "update", "period", period_id, field="status", old=old,
                 new=status, reason=reason or None)
    return get_period(session, period_id)


# ------------------------------------------------------------------ quotas


@dataclass(frozen=True)
class QuotaUsage:
    """One quota and how much of it is taken."""

    quota_id: int
    period_id: int
    program_code: str
    period_name: str
    region_code: str | None  # None: the whole period
    area: str  # "seluruh wilayah", "Kec. Serang", "Kel. Cipare"
    amount: int
    used: int  # approved, in a letter or accepted
    version: int

    @property
    def remaining(self) -> int:
        return max(self.amount - self.used, 0)

    @property
    def over(self) -> bool:
        return self.used > self.amount

    @property
    def full(self) -> bool:
        return self.used >= self.amount

    @property
    def warning(self) -> str | None:
        if not self.over:
            return None
        return (f"Kuota {self.area} ({self.period_name}) {self.amount}, padahal "
                f"{self.used} usulan sudah disetujui. Persetujuan yang ada tetap berlaku; "
                "persetujuan baru ditolak sampai jumlah yang disetujui di bawah kuota.")


@dataclass(frozen=True)
class QuotaChange:
    """What :func:`set_quota` did: the quota now, its amount before, and warnings."""
    usage: QuotaUsage
    old_amount: int | None
    warnings: list[str]


def _area_names(session: Session, codes: Iterable[str | None]) -> dict[str | None, str]:
    wanted = [c for c in codes if c]
    names: dict[str | None, str] = {None: "seluruh wilayah"}
    if wanted:
        for region in session.scalars(select(Region).where(Region.code.in_(wanted))):
            prefix = "Kec." if region.level == "kecamatan" else "Kel."
            names[region.code] = f"{prefix} {region.name}"
    for code in wanted:
        names.setdefault(code, code)
    return names


def covers(region_code: str | None, kelurahan_code: str) -> bool:
    """Whether a quota for ``region_code`` applies to a household in ``kelurahan_code``."""
    return region_code is None or kelurahan_code == region_code or kelurahan_code.startswith(
        region_code + "."
    )


def used_per_kelurahan(session: Session, period_ids: Iterable[int]) -> dict[tuple[int, str], int]:
    """Places taken, per (period, kelurahan), counted in one grouped query."""
    ids = list(period_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Proposal.period_id, Household.kelurahan_code, func.count(Proposal.id))
        .join(Household, Household.id == Proposal.household_id)
        .where(Proposal.period_id.in_(ids), Proposal.state.in_(QUOTA_STATES))
        .group_by(Proposal.period_id, Household.kelurahan_code)
    )
    return {(period_id, code): int(count) for period_id, code, count in rows}


def quota_usage(
    session: Session, *, period_id: int | None = None, program_code: str | None = None,
    open_only: bool = False,
) -> list[QuotaUsage]:
    """Every quota with its use, for the quota bars and ``tepat quota show``."""
    query = (
        select(Quota, Period, Program)
        .join(Period, Period.id == Quota.period_id)
        .join(Program, Program.id == Period.program_id)
    )
    if period_id is not None:
        query = query.where(Quota.period_id == period_id)
    if program_code:
        query = query.where(Program.code == program_code)
    if open_only:
        query = query.where(Period.status == "open")
    rows = session.execute(query).all()
    used = used_per_kelurahan(session, {period.id for _, period, _ in rows})
    names = _area_names(session, {quota.region_code for quota, _, _ in rows})
    result = []
    for quota, period, program in rows:
        taken = sum(n for (pid, kel), n in used.items()
                    if pid == period.id and covers(quota.region_code, kel))
        result.append(QuotaUsage(quota.id, period.id, program.code, period.name,
                                 quota.region_code, names[quota.region_code], quota.amount,
                                 taken, quota.version))
    # Whole period first, then kecamatan, then kelurahan, each by code.
    result.sort(key=lambda u: (u.program_code, -u.period_id,
                               (u.region_code or "").count(".") if u.region_code else -1,
                               u.region_code or ""))
    return result


def set_quota(
    session: Session, actor: Actor, period_id: int, region_code: str | None, amount: int, *,
    expected_version: int | None = None, reason: str = "",
) -> QuotaChange:
    """Set the quota of a period for the whole area (``region_code`` None) or one region.

    Lowering a quota below what is already approved is allowed: existing approvals stay,
    new ones are refused, and the returned warnings say so. Splits that add up to more
    than the level above are reported as warnings too (every level is enforced anyway).
    """
    actor.require(action="quota.manage")
    period = session.get(Period, period_id)
    if period is None:
        raise NotFound(f"Periode #{period_id} tidak ada.")
    problems = []
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        problems.append(("kuota", f"harus bilangan bulat 0 atau lebih, bukan {amount!r}"))
    if region_code is not None:
        region = session.get(Region, region_code)
        if region is None:
            problems.append(("wilayah", f"kode wilayah '{region_code}' tidak dikenal"))
        elif region.level not in ("kecamatan", "desa_kelurahan"):
            problems.append(("wilayah", "kuota dibagi per kecamatan atau per kelurahan"))
    if problems:
        raise ValidationFailed(problems)
    # Lock the period's quota rows so two people changing or using them take turns.
    quota = session.scalar(
        select(Quota).where(Quota.period_id == period_id, Quota.region_code.is_(None)
                            if region_code is None else Quota.region_code == region_code)
        .with_for_update()
    )
    old_amount = None
    if quota is None:
        quota = Quota(period_id=period_id, region_code=region_code, amount=amount)
        session.add(quota)
    else:
        if expected_version is not None and quota.version != expected_version:
            raise StaleRecord(
                "Kuota ini sudah diubah orang lain sejak dibuka.",
                hint="Muat ulang daftar kuota lalu ulangi perubahan.",
            )
        old_amount = quota.amount
        quota.amount = amount
    session.flush()
    audit.record(session, actor, "set_quota", "quota", quota.id,
                 field=region_code or "total", old=old_amount, new=amount,
                 reason=reason or None)
    usage = next(u for u in quota_usage(session, period_id=period_id) if u.quota_id == quota.id)
    warnings = [usage.warning] if usage.warning else []
    warnings += _split_warnings(session, period_id)
    return QuotaChange(usage, old_amount, warnings)


def _enclosing(code: str, codes: Iterable[str | None]) -> str | None:
    """The nearest quota region above ``code`` among ``codes`` (None: the whole period)."""
    parent = code.rsplit(".", 1)[0] if code.count(".") >= 3 else None
    return parent if parent is not None and parent in codes else None


def _split_warnings(session: Session, period_id: int) -> list[str]:
    usages = quota_usage(session, period_id=period_id)
    by_code = {u.region_code: u for u in usages}
    split: dict[str | None, int] = defaultdict(int)
    for usage in usages:
        if usage.region_code is not None:
            split[_enclosing(usage.region_code, by_code)] += usage.amount
    warnings = []
    for parent, total in split.items():
        above = by_code.get(parent)
        if above is not None and total > above.amount:
            warnings.append(
                f"Pembagian kuota di bawah {above.area} berjumlah {total}, lebih dari "
                f"kuotanya ({above.amount}); batas {above.area} tetap berlaku."
            )
    return warnings


class QuotaLedger:
    """The quotas of one period inside one write transaction, for approving.

    Built once (the quota rows are locked on PostgreSQL; SQLite's write transaction is
    already exclusive), it answers "is there room in this kelurahan?" for each approval
    and counts the places it hands out, so a bulk approval needs no query per proposal.
    """

    def __init__(self, session: Session, period_id: int) -> None:
        self.period = get_period(session, period_id)
        quotas = list(session.scalars(
            select(Quota).where(Quota.period_id == period_id).with_for_update()
        ))
        self._amount = {q.region_code: q.amount for q in quotas}
        self._names = _area_names(session, self._amount)
        used = used_per_kelurahan(session, [period_id])
        self._used = {
            code: sum(n for (_, kel), n in used.items() if covers(code, kel))
            for code in self._amount
        }

    @property
    def has_quota(self) -> bool:
        return bool(self._amount)

    def refusal(self, kelurahan_code: str) -> str | None:
        """Why one more approval in ``kelurahan_code`` does not fit, or None when it does."""
        if not self._amount:
            return (f"Kuota periode '{self.period.name}' belum ditetapkan; "
                    "tetapkan kuota dulu (menu Usulan → Kuota).")
        for code in sorted(self._amount, key=lambda c: -1 if c is None else c.count(".")):
            if not covers(code, kelurahan_code):
                continue
            amount, used = self._amount[code], self._used[code]
            if used + 1 > amount:
                text = (f"Kuota {self._names[code]} untuk periode '{self.period.name}' sudah "
                        f"penuh: {used} dari {amount} terpakai.")
                if used > amount:
                    text += (" Kuota diturunkan di bawah jumlah yang sudah disetujui; "
                             "persetujuan yang ada tetap berlaku, yang baru ditolak.")
                return text
        return None

    def take(self, kelurahan_code: str) -> None:
        for code in self._amount:
            if covers(code, kelurahan_code):
                self._used[code] += 1

    def remaining_for(self, kelurahan_code: str) -> int | None:
        """Places left for a household in ``kelurahan_code`` (the tightest level)."""
        left = [self._amount[c] - self._used[c] for c in self._amount if covers(c, kelurahan_code)]
        return max(min(left), 0) if left else None
