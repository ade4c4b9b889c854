"""Rules a household and its members must satisfy before they are saved.

Every rule lives here, not in the widgets, so the form, the CLI, imports and tests refuse
the same things with the same words. A rule yields a :class:`Problem`: the field it is
about (a :class:`~db.households.HouseholdData` attribute such as ``"no_kk"``, or
``"members.<row>.<attribute>"`` for a member, row counted from 0 in the order given,
or ``"members"`` for the list as a whole), an Indonesian message that names the field and
the row, and a severity. Errors refuse the save; warnings are shown and the save goes on.

:func:`check_household` also returns the cleaned record (NIK and No. KK normalised, RT/RW
zero-padded, names with single spaces), which is what :mod:`db.households` stores.

Region codes are checked against the ``regions`` table plus the province list of
:mod:`db.nik`. While the table holds only the bundled Kota Serang codes, a kabupaten or
kecamatan code elsewhere in Indonesia cannot be judged, so it is a warning that says how
to load the national list (``tepat regions import``); once the national list is loaded
(:func:`national_list_loaded`), an unknown code is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shapely.geometry import Point
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import codes, nik
from db import settings as office_settings
from db.errors import ValidationFailed
from db.models import Household, Member, Region
from db.regions import LEVELS, kota_serang_codes, level_of, parent_of, upsert_codes

if TYPE_CHECKING:
    from db.actor import Actor
    from db.households import HouseholdData, MemberData

ERROR = "error"
WARNING = "warning"

KELURAHAN_LEVEL = "desa_kelurahan"

# Indonesia from Sabang to Merauke and Miangas to Rote, with a margin (WGS84 degrees).
INDONESIA_LON = (94.0, 142.0)
INDONESIA_LAT = (-11.0, 6.5)

# Plausible bounds. A value outside is a typing slip (an extra zero, cm for m), not a house.
FLOOR_AREA_M2 = (3.0, 1000.0)
OCCUPANTS = (1, 30)
BEDROOMS = (0, 20)
WATER_SEPTIC_DISTANCE_M = (0.0, 1000.0)
MAX_AGE_YEARS = 120
RT_RW = re.compile(r"^\d{1,3}$")
# The national list has 38 provinces; a table holding most of them came from an import.
NATIONAL_PROVINCES = 30

# Indonesian names of the fields, for messages.
HOUSEHOLD_LABELS: dict[str, str] = {
    "no_kk": "No. KK",
    "kelurahan_code": "Kelurahan",
    "address": "Alamat",
    "rt": "RT",
    "rw": "RW",
    "longitude": "Bujur",
    "latitude": "Lintang",
    "desil": "Desil",
    "income_bracket": "Penghasilan",
    "land_status": "Status lahan",
    "land_document": "Dokumen lahan",
    "other_house": "Memiliki rumah lain",
    "roof_material": "Bahan atap",
    "roof_condition": "Kondisi atap",
    "roof_frame_sound": "Rangka atap kokoh",
    "wall_material": "Bahan dinding",
    "wall_condition": "Kondisi dinding",
    "columns_beams": "Kolom dan balok",
    "floor_material": "Bahan lantai",
    "floor_condition": "Kondisi lantai",
    "foundation_sloof": "Pondasi dan sloof",
    "collapse_risk": "Risiko roboh",
    "hazard_site": "Lokasi rawan banjir/longsor",
    "floor_area_m2": "Luas lantai",
    "occupants": "Jumlah penghuni",
    "bedrooms": "Jumlah kamar tidur",
    "ventilation_ok": "Ventilasi cukup",
    "daylight_ok": "Pencahayaan cukup",
    "toilet": "Jamban",
    "toilet_type": "Jenis kloset",
    "sewage": "Pembuangan tinja",
    "water_source": "Sumber air minum",
    "water_septic_distance_m": "Jarak sumber air ke septic tank",
    "electricity": "Listrik",
    "electricity_va": "Daya listrik",
    "notes": "Catatan",
}
MEMBER_LABELS: dict[str, str] = {
    "nik": "NIK",
    "name": "Nama",
    "sex": "Jenis kelamin",
    "birth_place": "Tempat lahir",
    "birth_date": "Tanggal lahir",
    "relationship": "Hubungan dengan kepala keluarga",
    "marital_status": "Status perkawinan",
    "occupation": "Pekerjaan",
    "education": "Pendidikan",
    "disability": "Disabilitas",
    "chronic_illness": "Penyakit kronis",
    "pregnant": "Hamil",
    "jkn_status": "Status JKN",
    "jkn_segment": "Segmen JKN",
    "asn_tni_polri": "ASN/TNI/Polri",
    "deceased": "Meninggal",
    "deceased_date": "Tanggal meninggal",
}

# Coded household fields and the codes each accepts.
_HOUSEHOLD_CODES: dict[str, tuple[Any, ...]] = {
    "income_bracket": codes.INCOME_BRACKET,
    "land_status": codes.LAND_STATUS,
    "land_document": codes.LAND_DOCUMENT,
    "roof_material": codes.ROOF_MATERIAL,
    "roof_condition": codes.ROOF_CONDITION,
    "wall_material": codes.WALL_MATERIAL,
    "wall_condition": codes.WALL_CONDITION,
    "floor_material": codes.FLOOR_MATERIAL,
    "floor_condition": codes.FLOOR_CONDITION,
    "toilet": codes.TOILET,
    "toilet_type": codes.TOILET_TYPE,
    "sewage": codes.SEWAGE,
    "water_source": codes.WATER_SOURCE,
    "electricity": codes.ELECTRICITY,
    "electricity_va": codes.ELECTRICITY_VA,
}
_MEMBER_CODES: dict[str, tuple[Any, ...]] = {
    "marital_status": codes.MARITAL_STATUS,
    "occupation": codes.OCCUPATION,
    "education": codes.EDUCATION,
    "disability": codes.DISABILITY,
    "jkn_segment": codes.JKN_SEGMENT,
}
_REQUIRED_MEMBER_CODES: dict[str, tuple[str, ...]] = {
    "sex": codes.SEX,
    "relationship": codes.RELATIONSHIP,
    "jkn_status": codes.JKN_STATUS,
}
_MAX_LENGTH = {"address": 300, "notes": 20_000}
_MEMBER_MAX_LENGTH = {"name": 120, "birth_place": 80}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: which field, what is wrong (Indonesian), how bad."""

    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass(frozen=True)
class RegionRef:
    """A region a point falls in, with its name for messages and the form."""

    code: str
    name: str


@dataclass(frozen=True)
class CheckResult:
    """The cleaned record, what is wrong with it, and where its point lies."""

    cleaned: HouseholdData
    problems: tuple[Problem, ...]
    # The kelurahan the coordinates fall in (None: no point, or no boundary holds it).
    located: RegionRef | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def raise_errors(self) -> None:
        """Raise :class:`ValidationFailed` with the errors, if there are any."""
        if self.errors:
            raise ValidationFailed([(p.field, p.message) for p in self.errors])


def member_field(row: int, attribute: str) -> str:
    """The problem field for a member attribute: ``members.<row>.<attribute>``."""
    return f"members.{row}.{attribute}"


def _member_label(row: int, member: MemberData) -> str:
    name = " ".join(member.name.split())
    return f"Anggota baris {row + 1}" + (f" ({name})" if name else "")


def _fmt_date(value: dt.date) -> str:
    return value.strftime("%d-%m-%Y")


# --------------------------------------------------------------------------- small parsers


def parse_coordinate(text: str, field: str) -> tuple[float | None, Problem | None]:
    """Read a longitude or latitude typed by a person: ``106,15`` and ``106.15`` both work.

    Returns (value or None when empty, problem or None).
    """
    label = HOUSEHOLD_LABELS.get(field, field)
    raw = (text or "").strip().replace(" ", "")
    if not raw:
        return None, None
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return None, Problem(
            field, f"{label} '{text.strip()}' bukan angka desimal; contoh: 106.1503 atau -6.1204."
        )
    if not math.isfinite(value):
        return None, Problem(field, f"{label} harus angka desimal yang sah.")
    return value, None


def parse_number(text: str, field: str, *, integer: bool = False
                 ) -> tuple[float | int | None, Problem | None]:
    """Read a typed quantity (floor area, occupants...): ``36,5`` and ``36.5`` both work.

    Returns (value or None when empty, problem or None). Plausibility is checked later
    by :func:`check_household`.
    """
    label = HOUSEHOLD_LABELS.get(field, field)
    raw = (text or "").strip().replace(" ", "")
    if not raw:
        return None, None
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        example = "4" if integer else "36,5"
        return None, Problem(field, f"{label} '{text.strip()}' bukan angka; contoh: {example}.")
    if not math.isfinite(value):
        return None, Problem(field, f"{label} harus angka yang sah.")
    if integer:
        if not value.is_integer():
            return None, Problem(field, f"{label} harus bilangan bulat, bukan {text.strip()}.")
        return int(value), None
    return value, None


def normalise_rt_rw(text: str) -> str:
    """``"3"`` → ``"003"``; anything that is not 1-3 digits is returned stripped, unchanged."""
    stripped = (text or "").strip()
    return stripped.zfill(3) if RT_RW.match(stripped) else stripped


def clean_name(text: str) -> str:
    """Single spaces, no leading or trailing space."""
    return " ".join((text or "").split())


# --------------------------------------------------------------------------- region codes


@dataclass
class _RegionIndex:
    """The region codes the checks need, read once per check."""

    codes: dict[str, str]  # province, kabupaten/kota and kecamatan code -> name
    national: bool
    office_city: str  # "36.73"
    office_city_name: str

    @classmethod
    def load(cls, session: Session) -> _RegionIndex:
        rows = session.execute(
            select(Region.code, Region.name, Region.level).where(Region.level != KELURAHAN_LEVEL)
        ).all()
        # The bundled Kota Serang list counts as loaded: the office's own codes are then
        # known even in a register that never stored them.
        names = {code: name for code, name in kota_serang_codes()
                 if level_of(code) != KELURAHAN_LEVEL}
        names.update((code, name) for code, name, _level in rows)
        provinces = sum(1 for _c, _n, level in rows if level == LEVELS[0])
        office = office_settings.get(session, "office.kecamatan_code") or ""
        city = ".".join(office.split(".")[:2])
        return cls(names, provinces >= NATIONAL_PROVINCES, city, names.get(city, city))

    def name(self, code: str) -> str:
        return self.codes.get(code) or nik.PROVINCES.get(code, code)

    def region_problems(self, field: str, what: str, kecamatan_code: str,
                        where: str) -> list[Problem]:
        """Kabupaten/kota and kecamatan parts of a NIK/KK known; outside the office a warning.

        ``kecamatan_code`` is dotted (``36.73.01``); the province was checked by db.nik.
        """
        return [Problem(field, f"{where}: {sentence}", severity)
                for _kind, sentence, severity in self.region_findings(what, kecamatan_code)]

    def region_findings(self, what: str, kecamatan_code: str
                        ) -> list[tuple[str, str, str]]:
        """(kind, sentence, severity) for the region part of a NIK or No. KK (``what``);
        the household form and the import both say them. Kinds: ``unknown`` (a code not
        in a complete list), ``unchecked`` (the national list is not loaded yet) and
        ``outside`` (a real code outside the office's city)."""
        city = ".".join(kecamatan_code.split(".")[:2])
        for code, kind in ((city, "kabupaten/kota"), (kecamatan_code, "kecamatan")):
            if code in self.codes:
                continue
            # Inside the office's own city the bundled list is complete; elsewhere only
            # the imported national list is. An unknown kabupaten makes its kecamatan
            # unknown too: say it once.
            if self.national or code.startswith(self.office_city + "."):
                return [("unknown", (f"kode {kind} {code} pada {what} tidak dikenal dalam "
                                     "daftar kode wilayah Kemendagri."), ERROR)]
            return [("unchecked", (f"kode {kind} {code} pada {what} belum dapat diperiksa "
                                   "karena daftar kode wilayah nasional belum dimuat "
                                   "(perintah: tepat regions import kode_wilayah.csv)."),
                     WARNING)]
        if self.office_city and city != self.office_city:
            # A NIK keeps the place of first registration for life; a KK is issued where
            # the family lives, so the same fact reads differently.
            how = "terdaftar pertama kali" if what == "NIK" else "diterbitkan"
            return [("outside", (f"{what} {how} di luar {self.office_city_name} "
                                 f"({self.name(city)}); periksa dokumen aslinya."), WARNING)]
        return []


RegionIndex = _RegionIndex


def load_region_index(session: Session) -> RegionIndex:
    """The region codes the NIK/KK region checks need (for checks of many rows)."""
    return _RegionIndex.load(session)


def national_list_loaded(session: Session) -> bool:
    """True once the Kemendagri list for all of Indonesia has been imported."""
    count = session.scalar(select(func.count()).where(Region.level == LEVELS[0])) or 0
    return count >= NATIONAL_PROVINCES


# --------------------------------------------------------------------------- the check


def check_household(
    session: Session,
    data: HouseholdData,
    *,
    actor: Actor | None = None,
    today: dt.date | None = None,
) -> CheckResult:
    """Every rule of the register over one household and its members.

    ``data`` may hold raw input (a NIK with spaces, RT ``"3"``); the result's ``cleaned``
    holds the normalised values. With ``actor``, a kelurahan outside the actor's scope is
    an error. Reads only; writes nothing.
    """
    today = today or dt.date.today()
    regions = _RegionIndex.load(session)
    problems: list[Problem] = []

    no_kk = _check_no_kk(session, data, regions, today, problems)
    kelurahan_code, kelurahan_name = _check_address(session, data, actor, problems)
    rt = normalise_rt_rw(data.rt)
    rw = normalise_rt_rw(data.rw)
    located = _check_location(session, data, kelurahan_code, kelurahan_name, problems)
    _check_house(data, problems)
    members = _check_members(session, data, regions, today, problems)

    cleaned = replace(
        data, no_kk=no_kk, kelurahan_code=kelurahan_code, rt=rt, rw=rw,
        address=clean_name(data.address), notes=(data.notes or "").strip(),
        members=tuple(members),
    )
    return CheckResult(cleaned, tuple(problems), located)


def _check_no_kk(session: Session, data: HouseholdData, regions: _RegionIndex, today: dt.date,
                 problems: list[Problem]) -> str:
    try:
        number = nik.normalise(data.no_kk, "No. KK")
    except nik.NumberRejected as exc:
        problems.append(Problem("no_kk", exc.reason))
        return (data.no_kk or "").strip()
    try:
        issued = nik.parse_kk(number)
    except nik.NumberRejected as exc:
        problems.append(Problem("no_kk", exc.reason))
        return number
    if issued > today:
        problems.append(Problem(
            "no_kk", f"Tanggal terbit pada No. KK ({_fmt_date(issued)}) belum lewat.",
        ))
    region = f"{number[0:2]}.{number[2:4]}.{number[4:6]}"
    problems.extend(regions.region_problems("no_kk", "No. KK", region, "No. KK"))
    other = session.execute(
        select(Household.id, Household.kelurahan_code)
        .where(Household.no_kk == number, Household.id != (data.id or -1))
    ).first()
    if other is not None:
        problems.append(Problem(
            "no_kk", f"No. KK {number} sudah terdaftar untuk keluarga lain "
            f"({_describe_household(session, other.id)}).",
        ))
    return number


def _describe_household(session: Session, household_id: int) -> str:
    """``KK 3673…, kepala keluarga Siti, Kel. Cipare``: how a message names a household."""
    row = session.execute(
        select(Household.no_kk, Region.name)
        .join(Region, Region.code == Household.kelurahan_code, isouter=True)
        .where(Household.id == household_id)
    ).one()
    head = session.scalar(
        select(Member.name)
        .where(Member.household_id == household_id, Member.relationship_code == "head",
               Member.deceased.is_(False))
        .order_by(Member.id).limit(1)
    )
    text = f"KK {row.no_kk}"
    if head:
        text += f", kepala keluarga {head}"
    if row.name:
        text += f", Kel. {row.name}"
    return text


def _check_address(session: Session, data: HouseholdData, actor: Actor | None,
                   problems: list[Problem]) -> tuple[str, str]:
    code = (data.kelurahan_code or "").strip()
    name = ""
    if not code:
        problems.append(Problem("kelurahan_code", "Kelurahan wajib dipilih."))
    else:
        region = session.get(Region, code)
        if region is None or region.level != KELURAHAN_LEVEL:
            problems.append(Problem(
                "kelurahan_code", f"Kode kelurahan {code} tidak ada dalam daftar kode wilayah.",
            ))
        else:
            name = region.name
            if actor is not None:
                from db.permissions import covers

                if not covers(actor, code):
                    problems.append(Problem(
                        "kelurahan_code", f"Kelurahan {name} ({code}) di luar wilayah kerja Anda.",
                    ))
    for field in ("rt", "rw"):
        value = (getattr(data, field) or "").strip()
        label = HOUSEHOLD_LABELS[field]
        if not value:
            problems.append(Problem(field, f"{label} wajib diisi (angka, mis. 003)."))
        elif not RT_RW.match(value):
            problems.append(Problem(field, f"{label} '{value}' harus 1 sampai 3 angka, mis. 003."))
        elif int(value) == 0:
            problems.append(Problem(field, f"{label} tidak boleh 000."))
    if not clean_name(data.address):
        problems.append(Problem("address", "Alamat (jalan, kampung atau perumahan) wajib diisi."))
    for field, limit in _MAX_LENGTH.items():
        value = getattr(data, field) or ""
        if len(value) > limit:
            problems.append(Problem(
                field, f"{HOUSEHOLD_LABELS[field]} terlalu panjang ({len(value)} karakter; "
                f"paling banyak {limit}).",
            ))
    return code, name


def locate(session: Session, longitude: float, latitude: float) -> RegionRef | None:
    """The kelurahan whose stored boundary holds the point, or None.

    Uses :func:`db.boundaries.region_polygons`; simplified boundaries leave small gaps
    (a point there is in no kelurahan) and overlaps (the first code wins).
    """
    from db.boundaries import region_polygons

    point = Point(longitude, latitude)
    for code, polygon in region_polygons(session, KELURAHAN_LEVEL).items():
        if polygon.covers(point):
            return RegionRef(code, session.get(Region, code).name)  # type: ignore[union-attr]
    return None


def _check_location(session: Session, data: HouseholdData, kelurahan_code: str,
                    kelurahan_name: str, problems: list[Problem]) -> RegionRef | None:
    lon, lat = data.longitude, data.latitude
    if lon is None and lat is None:
        return None
    if lon is None or lat is None:
        missing = "longitude" if lon is None else "latitude"
        problems.append(Problem(
            missing, "Bujur dan lintang harus diisi keduanya, atau dikosongkan keduanya.",
        ))
        return None
    inside = (INDONESIA_LON[0] <= lon <= INDONESIA_LON[1]
              and INDONESIA_LAT[0] <= lat <= INDONESIA_LAT[1])
    if not inside:
        swapped = (INDONESIA_LON[0] <= lat <= INDONESIA_LON[1]
                   and INDONESIA_LAT[0] <= lon <= INDONESIA_LAT[1])
        hint = (" Bujur dan lintang tampaknya tertukar: bujur Indonesia 94 s.d. 142, "
                "lintang -11 s.d. 6.") if swapped else (
                " Bujur Indonesia 94 s.d. 142 dan lintang -11 s.d. 6 (Kota Serang sekitar "
                "106.15, -6.12).")
        problems.append(Problem(
            "longitude", f"Titik ({lon:.6f}, {lat:.6f}) berada di luar wilayah Indonesia.{hint}",
        ))
        return None
    located = locate(session, lon, lat)
    if not kelurahan_name:
        return located
    declared_has_boundary = session.scalar(
        select(Region.boundary_geojson.is_not(None)).where(Region.code == kelurahan_code)
    )
    if not declared_has_boundary:
        return located
    if located is None:
        problems.append(Problem(
            "longitude", f"Titik ({lon:.6f}, {lat:.6f}) tidak berada di dalam batas Kel. "
            f"{kelurahan_name} maupun kelurahan lain yang batasnya tersimpan; periksa koordinat.",
            WARNING,
        ))
    elif located.code != kelurahan_code:
        problems.append(Problem(
            "longitude", f"Titik berada di Kel. {located.name} ({located.code}), bukan di Kel. "
            f"{kelurahan_name} yang tercatat; periksa koordinat atau kelurahannya.", WARNING,
        ))
    return located


def _check_range(problems: list[Problem], field: str, value: float | None,
                 bounds: tuple[float, float], unit: str) -> None:
    if value is None:
        return
    low, high = bounds
    if not low <= value <= high:
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        problems.append(Problem(
            field, f"{HOUSEHOLD_LABELS[field]} {shown}{unit} tidak masuk akal; isilah antara "
            f"{low:g} dan {high:g}{unit}, atau kosongkan bila tidak diketahui.",
        ))


def _check_house(data: HouseholdData, problems: list[Problem]) -> None:
    if data.desil is not None and not 1 <= data.desil <= 10:
        problems.append(Problem("desil", f"Desil harus 1 sampai 10, bukan {data.desil}."))
    for field, allowed in _HOUSEHOLD_CODES.items():
        value = getattr(data, field)
        if value is not None and value not in allowed:
            problems.append(Problem(
                field, f"{HOUSEHOLD_LABELS[field]}: nilai '{value}' tidak dikenal.",
            ))
    _check_range(problems, "floor_area_m2", data.floor_area_m2, FLOOR_AREA_M2, " m²")
    _check_range(problems, "occupants", data.occupants, OCCUPANTS, " orang")
    _check_range(problems, "bedrooms", data.bedrooms, BEDROOMS, "")
    _check_range(problems, "water_septic_distance_m", data.water_septic_distance_m,
                 WATER_SEPTIC_DISTANCE_M, " m")
    living = sum(1 for m in data.members if not m.deceased)
    if data.occupants is not None and OCCUPANTS[0] <= data.occupants < living:
        problems.append(Problem(
            "occupants", f"Jumlah penghuni ({data.occupants}) lebih sedikit dari anggota KK yang "
            f"masih hidup ({living}); periksa apakah ada anggota yang tinggal di tempat lain.",
            WARNING,
        ))


def _check_members(session: Session, data: HouseholdData, regions: _RegionIndex,
                   today: dt.date, problems: list[Problem]) -> list[MemberData]:
    if not data.members:
        problems.append(Problem("members", "KK harus memiliki paling sedikit satu anggota."))
        return []
    cleaned: list[MemberData] = []
    seen: dict[str, int] = {}
    for row, member in enumerate(data.members):
        where = _member_label(row, member)
        member = replace(member, name=clean_name(member.name),
                         birth_place=clean_name(member.birth_place))
        number = _check_member_nik(member, row, where, regions, today, problems)
        if number is not None:
            if number in seen:
                problems.append(Problem(
                    member_field(row, "nik"), f"{where}: NIK {number} sama dengan anggota baris "
                    f"{seen[number] + 1}; setiap orang punya NIK sendiri.",
                ))
            else:
                seen[number] = row
            member = replace(member, nik=number)
        _check_member_fields(member, row, where, today, problems)
        cleaned.append(member)
    _check_duplicates_elsewhere(session, cleaned, problems)
    _check_head(cleaned, problems)
    return cleaned


def _check_member_nik(member: MemberData, row: int, where: str, regions: _RegionIndex,
                      today: dt.date, problems: list[Problem]) -> str | None:
    field = member_field(row, "nik")
    try:
        number = nik.normalise(member.nik, "NIK")
    except nik.NumberRejected as exc:
        problems.append(Problem(field, f"{where}: {exc.reason}"))
        return None
    try:
        parts = nik.parse_nik(number)
    except nik.NumberRejected as exc:
        problems.append(Problem(field, f"{where}: {exc.reason}"))
        return number
    problems.extend(regions.region_problems(field, "NIK", parts.region, where))
    if member.sex in codes.SEX and parts.sex != member.sex:
        said = "perempuan (tanggal ditambah 40)" if parts.sex == "P" else "laki-laki"
        problems.append(Problem(
            field, f"{where}: NIK menunjukkan {said}, tetapi jenis kelamin tercatat "
            f"{'perempuan' if member.sex == 'P' else 'laki-laki'}.",
        ))
    birth = member.birth_date
    if birth is not None and (
        (birth.day, birth.month, birth.year % 100)
        != (parts.birth_day, parts.birth_month, parts.birth_year2)
    ):
        problems.append(Problem(
            field, f"{where}: tanggal lahir pada NIK ({parts.birth_day:02d}-"
            f"{parts.birth_month:02d}-{parts.birth_year2:02d}) tidak sama dengan tanggal lahir "
            f"tercatat ({_fmt_date(birth)}).",
        ))
    return number


def _check_member_fields(member: MemberData, row: int, where: str, today: dt.date,
                         problems: list[Problem]) -> None:
    if not member.name:
        problems.append(Problem(member_field(row, "name"), f"{where}: nama wajib diisi."))
    for attribute, limit in _MEMBER_MAX_LENGTH.items():
        value = getattr(member, attribute) or ""
        if len(value) > limit:
            problems.append(Problem(
                member_field(row, attribute), f"{where}: {MEMBER_LABELS[attribute].lower()} "
                f"terlalu panjang ({len(value)} karakter; paling banyak {limit}).",
            ))
    for attribute, allowed in _REQUIRED_MEMBER_CODES.items():
        value = getattr(member, attribute)
        if not value:
            problems.append(Problem(
                member_field(row, attribute),
                f"{where}: {MEMBER_LABELS[attribute].lower()} wajib diisi.",
            ))
        elif value not in allowed:
            problems.append(Problem(
                member_field(row, attribute),
                f"{where}: {MEMBER_LABELS[attribute].lower()} '{value}' tidak dikenal.",
            ))
    for attribute, allowed in _MEMBER_CODES.items():
        value = getattr(member, attribute)
        if value is not None and value not in allowed:
            problems.append(Problem(
                member_field(row, attribute),
                f"{where}: {MEMBER_LABELS[attribute].lower()} '{value}' tidak dikenal.",
            ))
    birth = member.birth_date
    if birth is not None:
        if birth > today:
            problems.append(Problem(
                member_field(row, "birth_date"),
                f"{where}: tanggal lahir {_fmt_date(birth)} belum lewat.",
            ))
        elif (today.year - birth.year) > MAX_AGE_YEARS:
            problems.append(Problem(
                member_field(row, "birth_date"),
                f"{where}: tanggal lahir {_fmt_date(birth)} berarti umur lebih dari "
                f"{MAX_AGE_YEARS} tahun; periksa tahunnya.",
            ))
    if member.pregnant and member.sex == "L":
        problems.append(Problem(
            member_field(row, "pregnant"), f"{where}: laki-laki tidak dapat ditandai hamil.",
        ))
    if member.deceased_date is not None:
        if not member.deceased:
            problems.append(Problem(
                member_field(row, "deceased_date"),
                f"{where}: tanggal meninggal diisi, tetapi anggota tidak ditandai meninggal.",
            ))
        elif member.deceased_date > today:
            problems.append(Problem(
                member_field(row, "deceased_date"),
                f"{where}: tanggal meninggal {_fmt_date(member.deceased_date)} belum lewat.",
            ))
        elif birth is not None and member.deceased_date < birth:
            problems.append(Problem(
                member_field(row, "deceased_date"),
                f"{where}: tanggal meninggal sebelum tanggal lahir.",
            ))


def _check_duplicates_elsewhere(session: Session, members: Sequence[MemberData],
                                problems: list[Problem]) -> None:
    """A NIK registered to a person who is not one of these members: name the household."""
    rows = {m.nik: row for row, m in enumerate(members) if len(m.nik) == 16 and m.nik.isdigit()}
    if not rows:
        return
    own_ids = [m.id for m in members if m.id is not None] or [-1]
    found = session.execute(
        select(Member.nik, Member.name, Member.household_id)
        .where(Member.nik.in_(list(rows)), Member.id.not_in(own_ids))
    ).all()
    for number, name, household_id in found:
        row = rows[number]
        problems.append(Problem(
            member_field(row, "nik"),
            f"{_member_label(row, members[row])}: NIK {number} sudah terdaftar atas nama {name} "
            f"pada keluarga lain ({_describe_household(session, household_id)}).",
        ))


def _check_head(members: Sequence[MemberData], problems: list[Problem]) -> None:
    heads = [row for row, m in enumerate(members) if m.relationship == "head" and not m.deceased]
    dead_heads = [row for row, m in enumerate(members) if m.relationship == "head" and m.deceased]
    if not heads:
        if dead_heads:
            row = dead_heads[0]
            problems.append(Problem(
                member_field(row, "relationship"),
                f"{_member_label(row, members[row])} adalah kepala keluarga dan ditandai "
                "meninggal; tetapkan anggota lain sebagai kepala keluarga.",
            ))
        elif any(not m.deceased for m in members):
            problems.append(Problem(
                "members", "Belum ada kepala keluarga: tepat satu anggota harus berhubungan "
                "'Kepala keluarga'.",
            ))
    for row in heads[1:]:
        problems.append(Problem(
            member_field(row, "relationship"),
            f"{_member_label(row, members[row])} juga ditandai kepala keluarga; satu KK hanya "
            f"punya satu kepala keluarga (sudah ada di baris {heads[0] + 1}).",
        ))


# --------------------------------------------------------------------------- region code file


@dataclass(frozen=True)
class RegionImportResult:
    """What ``tepat regions import`` stored."""

    rows: int  # rows read from the file
    changed: int  # regions inserted or renamed
    by_level: dict[str, int]  # rows per level in the file


def read_region_codes(path: str | Path, known: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Read a Kemendagri code list (CSV with columns ``kode,nama,tingkat``).

    Every row is checked before anything is written: the code's shape, its level against
    the ``tingkat`` column, a name, no duplicate code, and a parent for every code (in the
    file or among the ``known`` codes). Raises :class:`ValidationFailed` naming the row
    and column of each problem (up to 20).
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ValidationFailed([(path.name, f"berkas tidak dapat dibaca: {exc.strerror}.")]
                               ) from exc
    except UnicodeDecodeError as exc:
        raise ValidationFailed([(path.name, ("berkas bukan teks UTF-8; simpan ulang sebagai "
                                 "CSV UTF-8."))]) from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("kode", "nama", "tingkat") if c not in header]
    if missing:
        raise ValidationFailed([(path.name, "kolom " + ", ".join(missing) + " tidak ada; baris "
                                 "pertama harus berisi kode,nama,tingkat.")])
    reader.fieldnames = header
    problems: list[tuple[str, str]] = []
    rows: dict[str, str] = {}
    shape = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
    for line, record in enumerate(reader, start=2):
        code = (record.get("kode") or "").strip()
        name = clean_name(record.get("nama") or "")
        level = (record.get("tingkat") or "").strip()
        where = f"baris {line}"
        if not shape.match(code):
            problems.append((f"{where}, kolom kode", (f"'{code}' bukan kode wilayah bertitik "
                             "seperti 36.73.01.1001.")))
        elif code[:2] not in nik.PROVINCES:
            problems.append((f"{where}, kolom kode", f"kode provinsi '{code[:2]}' tidak dikenal."))
        elif level and level != level_of(code):
            problems.append((f"{where}, kolom tingkat", (f"'{level}' tidak cocok dengan kode "
                             f"{code} (seharusnya {level_of(code)}).")))
        elif not name:
            problems.append((f"{where}, kolom nama", f"nama wilayah {code} kosong."))
        elif code in rows:
            problems.append((f"{where}, kolom kode", f"kode {code} muncul dua kali."))
        else:
            rows[code] = name
        if len(problems) >= 20:
            break
    if not problems:
        known = set(known)
        for code in rows:
            parent = parent_of(code)
            if parent is not None and parent not in rows and parent not in known:
                problems.append(("kolom kode", (f"induk {parent} dari kode {code} tidak ada "
                                 "di berkas.")))
                if len(problems) >= 20:
                    break
    if not rows and not problems:
        problems.append((path.name, "berkas tidak berisi satu pun kode wilayah."))
    if problems:
        raise ValidationFailed(problems)
    return list(rows.items())


def import_region_codes(session: Session, actor: Actor, path: str | Path) -> RegionImportResult:
    """Store a Kemendagri code list in the ``regions`` table (insert or rename; audited)."""
    actor.require("admin", action="regions.manage")
    rows = read_region_codes(path, session.scalars(select(Region.code)))
    changed = upsert_codes(session, rows)
    by_level: dict[str, int] = {}
    for code, _name in rows:
        by_level[level_of(code)] = by_level.get(level_of(code), 0) + 1
    from db import audit

    audit.record(session, actor, "import", "regions",
                 new={"file": Path(path).name, "rows": len(rows), "changed": changed})
    return RegionImportResult(len(rows), changed, by_level)


def problems_for(problems: Iterable[Problem], prefix: str) -> list[Problem]:
    """The problems whose field is ``prefix`` or lies under it (``members.2``)."""
    return [p for p in problems if p.field == prefix or p.field.startswith(prefix + ".")]
