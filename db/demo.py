"""A deterministic synthetic register for Kota Serang: for demos, training and benchmarks.

``generate`` fills an empty register with households and their members whose NIK and
No. KK are structurally valid, names, birth places and addresses look like Banten's, and
house conditions and welfare decile (desil) hang together. A handful of known problems are
planted on purpose, so an operator can practise finding them with the desk checks; the
summary lists each one.

The same seed always gives the same data: every random draw comes from generators seeded
with it, and ages are counted from a fixed reference day rather than today.

Everything is written in one transaction: a cancel or a crash leaves the database as it was.
Rows go in with pre-assigned ids, in executemany batches on SQLite and with binary COPY on
PostgreSQL, because 200,000 households (700,000 people) should take well under a minute.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import math
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Any

import numpy as np
from shapely.geometry.base import BaseGeometry
from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

from db import audit, codes, demo_workflow
from db.actor import Actor
from db.boundaries import (
    KECAMATAN,
    KELURAHAN,
    boundary_sources,
    normalise_code,
    region_polygons,
    store_boundary,
)
from db.demo_geometry import demo_boundaries, points_in
from db.engine import Database
from db.errors import NotEmpty, TepatError, ValidationFailed
from db.models import Household, Member, ReferenceEntry, ReferenceList, Region, utcnow
from db.nik import make_kk, make_nik
from db.regions import kota_serang_codes, upsert_codes

# Ages and issue dates count back from this day, not from today, so a seed gives the
# same register whenever it is generated.
REFERENCE_DATE = dt.date(2025, 6, 30)
MAX_HOUSEHOLDS = 500_000
# Progress is reported once per chunk; this many chunks at most (and at least this size).
_PROGRESS_STEPS = 100
_MIN_CHUNK = 500

KIND_LABELS = {
    "duplicate_person": "Orang tercatat di dua keluarga",
    "wrong_kelurahan": "Titik lokasi di kelurahan lain",
    "asn_in_poor_family": "ASN/TNI/Polri di keluarga desil 1",
    "already_rehabilitated": "Rumah sudah pernah direhabilitasi",
    "already_pbi": "Sudah peserta PBI-JK",
}
_OCCUPATION_LABELS = {
    "civil_servant": "PNS/ASN", "military": "anggota TNI", "police": "anggota Polri",
}
_EDUCATION_FOR = {"civil_servant": "bachelor", "military": "sma", "police": "sma"}
_HOUSING_PROGRAMS = (
    "RS-RTLH Kemensos", "BSPS Kementerian PUPR", "bedah rumah APBD Kota Serang",
    "bedah rumah CSR",
)
_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)

# A kecamatan register is weighted towards the poor: desil 1 (poorest) is most common.
_DESIL_P = (0.20, 0.17, 0.14, 0.12, 0.10, 0.08, 0.06, 0.05, 0.04, 0.04)
# Household sizes 1..8; the mean is about 3.5 people per KK.
_SIZE_P = (0.09, 0.18, 0.25, 0.23, 0.14, 0.07, 0.03, 0.01)

# Relative weights per welfare group (desil 1-3, 4-6, 7-10), in the order of the code tuple.
_HOUSE: dict[str, tuple[tuple, tuple[tuple[float, ...], ...]]] = {
    "land_status": (codes.LAND_STATUS, (
        (70, 8, 17, 1, 4), (75, 10, 10, 2, 3), (80, 12, 5, 2, 1))),
    "land_document": (codes.LAND_DOCUMENT, (
        (30, 15, 2, 33, 20), (50, 10, 5, 25, 10), (75, 5, 10, 8, 2))),
    "roof_material": (codes.ROOF_MATERIAL, (
        (1, 35, 25, 30, 0, 3, 4, 2), (3, 45, 20, 25, 2, 1, 1, 3), (10, 45, 12, 20, 10, 0, 0, 3))),
    "roof_condition": (codes.ROOF_CONDITION, ((35, 45, 20), (65, 30, 5), (90, 9, 1))),
    "wall_material": (codes.WALL_MATERIAL, (
        (45, 10, 15, 20, 3, 5, 2), (75, 7, 8, 7, 1, 1.5, 1), (95, 2, 2, 0.5, 0, 0, 0.5))),
    "wall_condition": (codes.WALL_CONDITION, ((45, 40, 15), (75, 20, 5), (93, 6, 1))),
    "floor_material": (codes.FLOOR_MATERIAL, (
        (25, 10, 5, 35, 5, 18, 2), (55, 12, 3, 22, 2, 5, 1), (85, 8, 1, 5, 0, 0.5, 0.5))),
    "floor_condition": (codes.FLOOR_CONDITION, ((45, 40, 15), (70, 25, 5), (92, 7, 1))),
    "toilet": (codes.TOILET, ((55, 20, 10, 15), (80, 10, 5, 5), (97, 2, 1, 0))),
    "toilet_type": (codes.TOILET_TYPE[:3], ((60, 25, 15), (85, 10, 5), (98, 2, 0))),
    "sewage": (codes.SEWAGE, ((45, 25, 20, 10), (75, 12, 10, 3), (95, 3, 2, 0))),
    "water_source": (codes.WATER_SOURCE, (
        (10, 20, 20, 25, 15, 5, 3, 2), (20, 30, 25, 15, 5, 3, 1, 1), (35, 40, 20, 5, 0, 0, 0, 0))),
    "electricity": (codes.ELECTRICITY, ((60, 25, 10, 5), (85, 10, 4, 1), (98, 2, 0, 0))),
    "income_bracket": (codes.INCOME_BRACKET, (
        (45, 35, 15, 4, 1, 0), (15, 35, 30, 12, 6, 2), (2, 8, 20, 25, 20, 25))),
}
_HOUSE_FLAGS = {  # chance of "yes" per welfare group
    "other_house": (0.01, 0.03, 0.10),
    "roof_frame_sound": (0.65, 0.88, 0.97),
    "columns_beams": (0.60, 0.85, 0.97),
    "foundation_sloof": (0.55, 0.80, 0.95),
    "collapse_risk": (0.12, 0.04, 0.01),
    "hazard_site": (0.08, 0.06, 0.04),
    "ventilation_ok": (0.50, 0.75, 0.90),
    "daylight_ok": (0.50, 0.75, 0.90),
}
_FLOOR_AREA_MEDIAN = (32.0, 45.0, 70.0)
_VA_WEIGHTS = ((60, 38, 2, 0), (30, 55, 13, 2), (5, 35, 40, 20))
# JKN per household: (status, segment) options and their weights per welfare group.
_JKN_OPTIONS = (
    ("none", None), ("active", "pbi_apbn"), ("active", "pbi_apbd"), ("active", "ppu"),
    ("active", "pbpu"), ("active", "bp"), ("inactive", "pbi_apbn"), ("inactive", "pbpu"),
)
_JKN_WEIGHTS = (
    (22, 45, 13, 0, 7, 0, 8, 5), (20, 25, 10, 15, 15, 0, 5, 10), (12, 5, 0, 45, 25, 5, 0, 8),
)
_EDUCATION_ADULT = (
    (6, 14, 34, 22, 20, 2, 2, 0), (3, 8, 25, 24, 32, 4, 4, 0), (1, 3, 12, 16, 40, 10, 16, 2),
)
_EDUCATION_ELDERLY = (20, 30, 35, 8, 6, 0.5, 0.5, 0)
# Working-age occupations per welfare group; ASN/TNI/Polri only in the better-off group, so
# the one planted in a desil-1 family is the one the exclusion check should find.
_OCCUPATION_WEIGHTS = {
    "not_working": (5, 4, 3), "farmer": (8, 6, 3), "farm_laborer": (10, 4, 0),
    "fisher": (4, 2, 1), "laborer": (25, 12, 2), "construction_worker": (12, 8, 2),
    "factory_worker": (5, 10, 6), "trader": (8, 12, 12), "street_vendor": (8, 6, 1),
    "driver": (5, 6, 4), "online_driver": (3, 6, 4), "craftsman": (3, 3, 1),
    "private_employee": (3, 15, 30), "self_employed": (2, 8, 15), "teacher": (0.5, 3, 7),
    "health_worker": (0, 1, 4), "honorary_staff": (1, 3, 3), "civil_servant": (0, 0, 8),
    "military": (0, 0, 2), "police": (0, 0, 2),
}
_DISABILITY_WEIGHTS = (35, 15, 12, 6, 12, 10, 10)

_HEAD, _SPOUSE, _PARENT, _CHILD = range(4)
_ROLE_CODES = np.array(["head", "spouse", "parent", "child"], dtype=object)

_KOTA_SERANG = "36.73"
_FTS_CONTENT = re.compile(r"content\s*=\s*['\"]?(\w+)", re.IGNORECASE)

HOUSEHOLD_COLUMNS = tuple(c.name for c in Household.__table__.c)
MEMBER_COLUMNS = tuple(c.name for c in Member.__table__.c)


class DemoCancelled(TepatError):
    """The operator cancelled demo generation; nothing was written."""


@dataclass(frozen=True)
class PlantedProblem:
    """A problem put into the demo register on purpose, for the desk checks to find."""

    kind: str  # a key of KIND_LABELS
    description: str  # Indonesian sentence naming the NIK/KK and households
    household_ids: tuple[int, ...]
    nik: str | None
    no_kk: str | None


@dataclass(frozen=True)
class DemoSummary:
    """What ``generate`` wrote."""

    households: int
    members: int
    kecamatan: tuple[str, ...]
    geometry: str  # "demo" (made-up polygons) or "imported" (real boundaries)
    planted: tuple[PlantedProblem, ...]
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (for the audit trail and the CLI's ``--json``)."""
        data = asdict(self)
        data["kecamatan"] = list(self.kecamatan)
        data["seconds"] = round(self.seconds, 2)
        data["planted"] = [
            {**asdict(p), "household_ids": list(p.household_ids)} for p in self.planted
        ]
        return data

    def lines(self) -> list[str]:
        """The summary for people, in Indonesian, one line per item."""
        names = dict(kota_serang_codes())
        places = ", ".join(names.get(c, c) for c in self.kecamatan)
        out = [
            (f"Data demo dibuat: {_number(self.households)} keluarga dengan "
             f"{_number(self.members)} anggota di {len(self.kecamatan)} kecamatan ({places})."),
            "Batas wilayah: poligon buatan untuk demo, bukan batas resmi."
            if self.geometry == "demo" else "Batas wilayah: batas kelurahan hasil impor.",
        ]
        if self.planted:
            out.append("Masalah yang sengaja ditanam untuk latihan pemeriksaan "
                       f"({len(self.planted)}):")
            out += [
                f"{n}. {KIND_LABELS[p.kind]}: {p.description}"
                for n, p in enumerate(self.planted, start=1)
            ]
        out.append("Selesai dalam " + f"{self.seconds:.1f}".replace(".", ",") + " detik.")
        return out


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _tanggal(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


# ------------------------------------------------------------------ input lists


@dataclass(frozen=True)
class _Lists:
    male_given: tuple[str, ...]
    male_second: tuple[str, ...]
    female_given: tuple[str, ...]
    female_second: tuple[str, ...]
    places: tuple[str, ...]
    place_regions: tuple[str, ...]  # kabupaten/kota code, "36.73" for Kota Serang itself
    place_weights: tuple[float, ...]
    kampung: tuple[str, ...]
    streets: tuple[str, ...]
    estates: tuple[str, ...]


def _read_list(name: str) -> tuple[str, ...]:
    raw = resources.files("resources").joinpath(f"demo/{name}").read_text("utf-8")
    return tuple(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


@functools.cache
def _lists() -> _Lists:
    places = [line.split(";") for line in _read_list("birth_places.txt")]
    return _Lists(
        male_given=_read_list("names_male_given.txt"),
        male_second=_read_list("names_male_second.txt"),
        female_given=_read_list("names_female_given.txt"),
        female_second=_read_list("names_female_second.txt"),
        places=tuple(p[0] for p in places),
        place_regions=tuple(p[1] for p in places),
        place_weights=tuple(float(p[2]) for p in places),
        kampung=_read_list("kampung.txt"),
        streets=_read_list("streets.txt"),
        estates=_read_list("housing_estates.txt"),
    )


# ------------------------------------------------------------------ random helpers


def _p(weights: Sequence[float]) -> np.ndarray:
    arr = np.asarray(weights, dtype=float)
    return arr / arr.sum()


def _pick(rng: np.random.Generator, options: Sequence, weights_by_group, group: np.ndarray):  # type: ignore[no-untyped-def]
    """One option per row, drawn with the weights of that row's group."""
    chosen = np.empty(len(group), dtype=np.int64)
    for g, weights in enumerate(weights_by_group):
        mask = group == g
        chosen[mask] = rng.choice(len(options), size=int(mask.sum()), p=_p(weights))
    return _objects(options)[chosen]


def _chance(rng: np.random.Generator, by_group: Sequence[float], group: np.ndarray) -> np.ndarray:
    return rng.random(len(group)) < np.asarray(by_group)[group]


def _objects(values: Sequence) -> np.ndarray:  # type: ignore[type-arg]
    arr = np.empty(len(values), dtype=object)
    arr[:] = list(values)
    return arr


def _serials(keys: np.ndarray) -> np.ndarray:
    """1, 2, 3... within each group of equal keys, in row order (NIK/KK serial numbers)."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = sorted_keys[1:] != sorted_keys[:-1]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(keys)), 0))
    serial = np.empty(len(keys), dtype=np.int64)
    serial[order] = np.arange(len(keys)) - group_start + 1
    return serial


def _date_parts(dates: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    months = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    days = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
    return years, months, days


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value the database drivers expect."""
    return value.item() if isinstance(value, np.generic) else value


def _region_int(code: str) -> int:
    return int(code.replace(".", ""))


# ------------------------------------------------------------------ the register in memory


@dataclass
class _Register:
    """Columns of the households and members tables as arrays, ready to write in chunks."""

    households: dict[str, np.ndarray]
    members: dict[str, np.ndarray]
    member_household: np.ndarray  # household row index of each member
    member_start: np.ndarray  # first member row of each household
    member_age: np.ndarray
    nik_keys: np.ndarray  # NIK without its serial, to find a free serial for a new NIK
    extra_members: list[dict[str, Any]]


def _build(
    rng: np.random.Generator, point_rng: np.random.Generator, kelurahan: list[str],
    polygons: dict[str, BaseGeometry], total: int,
) -> _Register:
    """The whole register in memory: ``total`` households spread over ``kelurahan``."""
    lists = _lists()
    counts = rng.multinomial(total, _p(rng.uniform(0.5, 1.6, len(kelurahan))))
    kel_idx = np.repeat(np.arange(len(kelurahan)), counts)
    kel_codes = _objects(kelurahan)[kel_idx]
    kec_codes = _objects([c[:8] for c in kelurahan])[kel_idx]
    lon = np.empty(total)
    lat = np.empty(total)
    start = 0
    for code, n in zip(kelurahan, counts.tolist()):
        lon[start:start + n], lat[start:start + n] = points_in(point_rng, polygons[code], n)
        start += n

    desil = rng.choice(10, size=total, p=_p(_DESIL_P)) + 1
    group = np.where(desil <= 3, 0, np.where(desil <= 6, 1, 2))
    people = _people(rng, total)
    hh = people.household
    name, name_key = _names(rng, people, lists)
    nik, nik_keys, birth_place = _niks(rng, people, kec_codes[hh], lists)
    members = {
        "nik": nik, "name": name, "name_key": name_key,
        "sex": _objects(("L", "P"))[people.female.astype(np.int64)],
        "birth_place": birth_place, "birth_date": _objects(people.birth.tolist()),
        "relationship": _ROLE_CODES[people.role],
        **_circumstances(rng, people, group),
    }
    households = {
        "no_kk": _kk_numbers(rng, people, kec_codes), "kelurahan_code": kel_codes,
        **_addresses(rng, kel_idx, len(kelurahan), lists),
        "longitude": lon, "latitude": lat, "desil": desil,
        **_houses(rng, group, kec_codes),
        "occupants": people.size.copy(), "notes": _objects([""] * total),
    }
    now = utcnow()
    for table, rows in ((households, total), (members, len(hh))):
        table.update(version=np.ones(rows, dtype=np.int64), created_at=_objects([now] * rows),
                     updated_at=_objects([now] * rows))
    return _Register(households, members, hh, people.start, people.age, nik_keys, [])


@dataclass
class _People:
    """Who lives in each household: one row per member, grouped by household."""

    size: np.ndarray  # members per household
    household: np.ndarray  # household row of each member
    start: np.ndarray  # first member row of each household
    role: np.ndarray  # _HEAD, _SPOUSE, _PARENT or _CHILD
    age: np.ndarray
    female: np.ndarray
    birth: np.ndarray  # datetime64[D]
    head_age: np.ndarray  # per household
    with_spouse: np.ndarray  # per member: the household has a spouse


def _people(rng: np.random.Generator, h: int) -> _People:
    """Household composition: a head, usually a spouse, children, sometimes a parent."""
    size = rng.choice(len(_SIZE_P), size=h, p=_p(_SIZE_P)) + 1
    single = size == 1
    # People living alone are mostly elderly widows and widowers.
    head_female = np.where(single, rng.random(h) < 0.55, rng.random(h) < 0.13)
    head_age = np.where(
        single,
        np.where(rng.random(h) < 0.7, rng.integers(55, 90, h), rng.integers(20, 40, h)),
        np.clip(22 + rng.gamma(3.0, 7.0, h), 22, 85).astype(np.int64),
    )
    head_age = np.where(size >= 4, np.maximum(head_age, 28 + rng.integers(0, 6, h)), head_age)
    has_spouse = (size >= 2) & np.where(head_female, rng.random(h) < 0.2, rng.random(h) < 0.93)
    has_parent = (size - 1 - has_spouse >= 2) & (head_age < 60) & (rng.random(h) < 0.12)
    spouse_age = np.maximum(
        np.where(head_female, head_age + rng.integers(0, 7, h), head_age - rng.integers(0, 8, h)),
        18,
    )
    mother_age = np.where(has_spouse & ~head_female, spouse_age, head_age)
    eldest_child = mother_age - rng.integers(19, 31, h)
    child_gap = rng.integers(1, 5, h)
    parent_age = np.minimum(head_age + rng.integers(20, 33, h), 95)

    m = int(size.sum())
    hh = np.repeat(np.arange(h), size)
    start = np.cumsum(size) - size
    pos = np.arange(m) - start[hh]
    sp = has_spouse[hh].astype(np.int64)
    pa = has_parent[hh]
    role = np.full(m, _CHILD)
    role[pos == 0] = _HEAD
    role[(pos == 1) & (sp == 1)] = _SPOUSE
    role[(pos == 1 + sp) & pa] = _PARENT
    child_no = pos - 1 - sp - pa
    is_head, is_spouse, is_parent = role == _HEAD, role == _SPOUSE, role == _PARENT
    age = np.select(
        [is_head, is_spouse, is_parent],
        [head_age[hh], spouse_age[hh], parent_age[hh]],
        eldest_child[hh] - child_no * child_gap[hh],
    )
    age = np.where(age < 0, rng.integers(0, 3, m), age)  # young parents: the little ones
    female = np.select(
        [is_head, is_spouse, is_parent],
        [head_female[hh], ~head_female[hh], rng.random(m) < 0.65],
        rng.random(m) < 0.5,
    )
    days_back = age * 365 + age // 4 + rng.integers(0, 365, m)
    birth = np.datetime64(REFERENCE_DATE) - days_back.astype("timedelta64[D]")
    return _People(size, hh, start, role, age, female, birth, head_age, sp == 1)


def _name_part(
    rng: np.random.Generator, female: np.ndarray, men: Sequence[str], women: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """One entry per person from the men's or the women's list, and its search key."""
    u = rng.random(len(female))
    pick_m = (u * len(men)).astype(np.int64)
    pick_f = (u * len(women)).astype(np.int64)
    keys_m = _objects([codes.name_key(x) for x in men])
    keys_f = _objects([codes.name_key(x) for x in women])
    return (np.where(female, _objects(women)[pick_f], _objects(men)[pick_m]),
            np.where(female, keys_f[pick_f], keys_m[pick_m]))


def _names(rng: np.random.Generator, people: _People, lists: _Lists) -> tuple[np.ndarray, ...]:
    """A given name, usually a second name, sometimes a third; and the search keys.

    Names and keys are put together side by side from the list entries: the same result as
    codes.name_key(name), many times faster than calling it per person.
    """
    female = people.female
    m = len(female)
    name, key = _name_part(rng, female, lists.male_given, lists.female_given)
    second = _name_part(rng, female, lists.male_second, lists.female_second)
    third = _name_part(rng, female, lists.male_second, lists.female_second)
    # Single names are an older generation's; the young more often carry three.
    u = rng.random(m)
    parts = ((u >= np.where(people.age >= 45, 0.10, 0.02), second),
             (u > np.where(people.age < 30, 0.65, 0.85), third))
    for wanted, (text_part, key_part) in parts:
        name[wanted] = name[wanted] + " " + text_part[wanted]
        key[wanted] = key[wanted] + key_part[wanted]
    # Banten's noble titles Tubagus and Ratu still appear on KTPs.
    title = rng.random(m) < 0.01
    title_female = female[title].astype(np.int64)
    name[title] = _objects(("Tb. ", "Ratu "))[title_female] + name[title]
    key[title] = _objects(("tb", "ratu"))[title_female] + key[title]
    # The desk check reads the same name, birth date and sex as one person registered twice.
    # Chance namesakes get one more name, so the planted pair is the register's only one.
    birth_day = people.birth.astype(np.int64).tolist()
    while True:
        seen: set[tuple[str, int, bool]] = set()
        clash = []
        for row, who in enumerate(zip(key.tolist(), birth_day, female.tolist())):
            if who in seen:
                clash.append(row)
            seen.add(who)
        if not clash:
            return name, key
        text_part, key_part = _name_part(rng, female[clash], lists.male_second,
                                         lists.female_second)
        name[clash] = name[clash] + " " + text_part
        key[clash] = key[clash] + key_part


def _niks(
    rng: np.random.Generator, people: _People, kecamatan: np.ndarray, lists: _Lists
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """NIKs, their serial-less keys and birth places.

    Most people were first registered in the kecamatan they live in; a few (more adults
    than children) elsewhere in Banten or Indonesia, with that place as their birth place.
    """
    m = len(people.age)
    place_p = _p(lists.place_weights)
    away_idx = np.array([i for i, r in enumerate(lists.place_regions) if r != _KOTA_SERANG])
    local_idx = lists.place_regions.index(_KOTA_SERANG)
    away = rng.random(m) < np.where(people.age >= 17, 0.06, 0.02)
    place = rng.choice(len(lists.places), size=m, p=place_p)
    place[(people.age < 17) & (rng.random(m) < 0.9)] = local_idx
    place[away] = away_idx[rng.choice(len(away_idx), size=int(away.sum()),
                                      p=_p(place_p[away_idx]))]
    away_kecamatan = rng.integers(1, 13, m)
    region = kecamatan.copy()
    region[away] = [
        f"{r}.{k:02d}" for r, k in zip(_objects(lists.place_regions)[place[away]].tolist(),
                                       away_kecamatan[away].tolist())
    ]
    years, months, days = _date_parts(people.birth)
    region_int = np.array([_region_int(c) for c in region.tolist()], dtype=np.int64)
    keys = (region_int * 1_000_000 + (days + 40 * people.female) * 10_000 + months * 100
            + years % 100)
    serial = _serials(keys)
    sex = np.where(people.female, "P", "L").tolist()
    nik = _objects([
        make_nik(r, b, s, n)
        for r, b, s, n in zip(region.tolist(), people.birth.tolist(), sex, serial.tolist())
    ])
    return nik, keys, _objects(lists.places)[place]


def _kk_numbers(rng: np.random.Generator, people: _People, kecamatan: np.ndarray) -> np.ndarray:
    """No. KK issued by the household's kecamatan, at most 17 years ago."""
    days = rng.integers(0, np.clip((people.head_age - 17) * 365, 30, 17 * 365))
    issued = np.datetime64(REFERENCE_DATE) - days.astype("timedelta64[D]")
    years, months, day = _date_parts(issued)
    kec_int = np.array([_region_int(c) for c in kecamatan.tolist()], dtype=np.int64)
    serial = _serials(kec_int * 1_000_000 + day * 10_000 + months * 100 + years % 100)
    return _objects([
        make_kk(c, d, n) for c, d, n in zip(kecamatan.tolist(), issued.tolist(), serial.tolist())
    ])


def _circumstances(
    rng: np.random.Generator, people: _People, group: np.ndarray
) -> dict[str, np.ndarray]:
    """Marital status, education, occupation, health and JKN, following age and welfare."""
    age, role, female, hh = people.age, people.role, people.female, people.household
    m = len(age)
    alone_status = np.where(
        age >= 55, np.where(rng.random(m) < 0.75, "widowed", "divorced"),
        np.where((people.size[hh] == 1) & (age < 30), "single",
                 np.where(rng.random(m) < 0.6, "divorced", "widowed")),
    )
    marital = np.select(
        [role == _HEAD, role == _SPOUSE, role == _PARENT],
        [np.where(people.with_spouse, "married", alone_status), "married",
         np.where(rng.random(m) < 0.8, "widowed", "married")],
        np.where((age >= 25) & (rng.random(m) < 0.1), "divorced", "single"),
    ).astype(object)

    mgroup = group[hh]
    adult_edu = _pick(rng, codes.EDUCATION, _EDUCATION_ADULT, mgroup)
    old_edu = _pick(rng, codes.EDUCATION, (_EDUCATION_ELDERLY,), np.zeros(m, dtype=np.int64))
    education = np.select(
        [age < 7, age <= 12, age <= 15, age <= 18, age >= 60],
        ["none", "not_finished_sd", "sd", "smp", old_edu], adult_edu,
    ).astype(object)

    occ_weights = tuple(tuple(w[g] for w in _OCCUPATION_WEIGHTS.values()) for g in range(3))
    worker = _pick(rng, tuple(_OCCUPATION_WEIGHTS), occ_weights, mgroup)
    elderly_work = _pick(rng, ("not_working", "retired", "farmer", "trader", "laborer"),
                         ((70, 5, 10, 10, 5), (65, 15, 5, 12, 3), (55, 30, 3, 10, 2)), mgroup)
    student_chance = np.where(mgroup == 2, 0.45, 0.25)
    occupation = np.select(
        [age < 5, age <= 18, (age <= 22) & (rng.random(m) < student_chance), age >= 65,
         female & (rng.random(m) < 0.6)],
        ["not_working", np.where(rng.random(m) < 0.9, "student", "not_working"), "student",
         elderly_work, "housekeeping"],
        worker,
    ).astype(object)
    asn = np.isin(occupation, codes.STATE_APPARATUS_OCCUPATIONS)

    disabled = rng.random(m) < 0.02
    disability = _objects([None] * m)
    disability[disabled] = _pick(rng, codes.DISABILITY, (_DISABILITY_WEIGHTS,),
                                 np.zeros(int(disabled.sum()), dtype=np.int64))
    chronic = rng.random(m) < np.select([age < 40, age < 60], [0.02, 0.10], 0.25)
    pregnant = (female & (marital == "married") & (age >= 18) & (age <= 40)
                & (rng.random(m) < 0.06))

    # JKN is mostly one segment for the whole family; an ASN family is covered as PPU.
    jkn_choice = _pick(rng, range(len(_JKN_OPTIONS)), _JKN_WEIGHTS, group).astype(np.int64)
    asn_household = np.zeros(len(group), dtype=bool)
    asn_household[hh[asn]] = True
    jkn_choice[asn_household] = _JKN_OPTIONS.index(("active", "ppu"))
    jkn_status = _objects([s for s, _ in _JKN_OPTIONS])[jkn_choice][hh]
    jkn_segment = _objects([g for _, g in _JKN_OPTIONS])[jkn_choice][hh]
    unregistered = (rng.random(m) < 0.07) & ~asn_household[hh]
    jkn_status[unregistered] = "none"
    jkn_segment[unregistered] = None
    return {
        "marital_status": marital, "occupation": occupation, "education": education,
        "disability": disability, "chronic_illness": chronic, "pregnant": pregnant,
        "jkn_status": jkn_status, "jkn_segment": jkn_segment, "asn_tni_polri": asn,
        "deceased": np.zeros(m, dtype=bool), "deceased_date": _objects([None] * m),
    }


def _houses(
    rng: np.random.Generator, group: np.ndarray, kecamatan: np.ndarray
) -> dict[str, np.ndarray]:
    """The checklist fields of each house, worse on average in the poorer desil."""
    h = len(group)
    house = {field: _pick(rng, opts, weights, group) for field, (opts, weights) in _HOUSE.items()}
    house.update({field: _chance(rng, p, group) for field, p in _HOUSE_FLAGS.items()})
    house["hazard_site"] |= (kecamatan == "36.73.02") & (rng.random(h) < 0.10)  # coastal Kasemen
    house["land_document"][house["land_status"] != "own"] = None
    no_toilet = house["toilet"] == "none"
    house["toilet_type"][no_toilet] = "none"
    house["sewage"][no_toilet] = _objects(("river", "open"))[
        rng.integers(0, 2, int(no_toilet.sum()))]
    median_area = np.asarray(_FLOOR_AREA_MEDIAN)[group]
    area = np.maximum(np.round(np.exp(rng.normal(np.log(median_area), 0.35)) * 2) / 2, 9.0)
    well = np.isin(house["water_source"], ("drilled_well", "protected_well", "unprotected_well"))
    near = well & (house["sewage"] == "septic_tank")
    septic_distance = _objects([None] * h)
    septic_distance[near] = np.round(rng.uniform(2, 25, int(near.sum())), 1).tolist()
    va = _pick(rng, codes.ELECTRICITY_VA, _VA_WEIGHTS, group)
    va[~np.isin(house["electricity"], ("pln_metered", "pln_unmetered"))] = None
    house.update(
        floor_area_m2=area,
        bedrooms=np.clip(np.round(area / 18).astype(np.int64) + rng.integers(0, 2, h), 1, 5),
        water_septic_distance_m=septic_distance, electricity_va=va,
    )
    return house


def _addresses(
    rng: np.random.Generator, kel_idx: np.ndarray, kelurahan: int, lists: _Lists
) -> dict[str, np.ndarray]:
    """RT/RW and an address: the RW's kampung, a street, or a housing estate.

    RT and RW are kept in their own columns only, as the lampiran prints them in their own
    column; repeating them in the address would print them twice.
    """
    h = len(kel_idx)
    rw = (rng.random(h) * rng.integers(4, 16, kelurahan)[kel_idx]).astype(np.int64) + 1
    rt = rng.integers(1, 9, h)
    # Each RW of a kelurahan is one kampung, as it usually is on the ground.
    kampung_base = rng.integers(0, len(lists.kampung), kelurahan)
    kampung = _objects(lists.kampung)[(kampung_base[kel_idx] + rw * 7) % len(lists.kampung)]
    style = rng.choice(3, size=h, p=[0.6, 0.27, 0.13])
    street = _objects(lists.streets)[rng.integers(0, len(lists.streets), h)]
    estate = _objects(lists.estates)[rng.integers(0, len(lists.estates), h)]
    number = rng.integers(1, 250, h)
    block = rng.integers(0, 8, h)
    address = _objects([
        f"Kp. {kp}" if s == 0 else f"Jl. {st} No. {n}" if s == 1
        else f"Perum {es} Blok {'ABCDEFGH'[b]}{n % 12 + 1} No. {n % 30 + 1}"
        for s, kp, st, es, n, b in zip(style.tolist(), kampung.tolist(), street.tolist(),
                                       estate.tolist(), number.tolist(), block.tolist())
    ])
    return {
        "address": address,
        "rt": _objects([f"{v:03d}" for v in rt.tolist()]),
        "rw": _objects([f"{v:03d}" for v in rw.tolist()]),
    }


# ------------------------------------------------------------------ planted problems


class _Planter:
    """Puts the known problems into the register, each in its own household."""

    def __init__(
        self, reg: _Register, pick: random.Random, point_rng: np.random.Generator,
        polygons: dict[str, BaseGeometry], names: dict[str, str], first_id: int,
    ) -> None:
        self.reg = reg
        self.pick = pick
        self.point_rng = point_rng
        self.polygons = polygons
        self.names = names
        self.first_id = first_id
        count = len(reg.households["no_kk"])
        self.order = list(range(count))
        pick.shuffle(self.order)
        self.used: set[int] = set()
        self.housing_aid: list[dict[str, Any]] = []
        self.coverage: list[dict[str, Any]] = []

    def _household(self, wanted: Callable[[int], bool] = lambda _: True) -> int | None:
        fallback = None
        for index in self.order:
            if index in self.used:
                continue
            if wanted(index):
                self.used.add(index)
                return index
            if fallback is None:
                fallback = index
        if fallback is not None:
            self.used.add(fallback)
        return fallback

    def _members(self, index: int) -> range:
        starts = self.reg.member_start
        stop = starts[index + 1] if index + 1 < len(starts) else len(self.reg.member_household)
        return range(int(starts[index]), int(stop))

    def _who(self, member: int) -> tuple[str, str]:
        return self.reg.members["name"][member], self.reg.members["nik"][member]

    def _hid(self, index: int) -> int:
        return self.first_id + index

    def plant_all(self) -> list[PlantedProblem]:
        planted = []
        for step in (self.wrong_kelurahan, self.asn_in_poor_family, self.already_rehabilitated,
                     self.already_pbi, self.duplicate_person):
            problem = step()
            if problem is not None:
                planted.append(problem)
        return planted

    def wrong_kelurahan(self) -> PlantedProblem | None:
        if len(self.polygons) < 2:
            return None
        index = self._household()
        if index is None:
            return None
        hh = self.reg.households
        declared = hh["kelurahan_code"][index]
        own = self.polygons[declared]
        # Neighbours within ~10 m: simplified real outlines leave gaps between kelurahan.
        near = sorted(c for c, g in self.polygons.items()
                      if c != declared and g.distance(own) < 1e-4)
        if not near:
            near = [min((c for c in self.polygons if c != declared),
                        key=lambda c: self.polygons[c].distance(own))]
        self.pick.shuffle(near)
        for other in near:
            elsewhere = self.polygons[other].difference(own)
            if elsewhere.area > 0:
                break
        else:
            self.used.discard(index)
            return None
        lon, lat = points_in(self.point_rng, elsewhere, 1)
        hh["longitude"][index], hh["latitude"][index] = lon[0], lat[0]
        head_name, _ = self._who(int(self.reg.member_start[index]))
        kk = hh["no_kk"][index]
        return PlantedProblem(
            "wrong_kelurahan",
            f"Keluarga {head_name} (No. KK {kk}) tercatat di Kelurahan {self.names[declared]}, "
            f"tetapi titik lokasinya berada di Kelurahan {self.names[other]}.",
            (self._hid(index),), None, kk,
        )

    def asn_in_poor_family(self) -> PlantedProblem | None:
        hh = self.reg.households
        index = self._household(lambda i: hh["desil"][i] == 1)
        if index is None:
            return None
        hh["desil"][index] = 1
        adults = [i for i in self._members(index) if 20 <= self.reg.member_age[i] <= 57]
        member = adults[-1] if adults else int(self.reg.member_start[index])
        occupation = self.pick.choice(codes.STATE_APPARATUS_OCCUPATIONS)
        mem = self.reg.members
        mem["occupation"][member] = occupation
        mem["education"][member] = _EDUCATION_FOR[occupation]
        mem["asn_tni_polri"][member] = True
        mem["jkn_status"][member], mem["jkn_segment"][member] = "active", "ppu"
        name, nik = self._who(member)
        kk = hh["no_kk"][index]
        return PlantedProblem(
            "asn_in_poor_family",
            f"Keluarga No. KK {kk} berdesil 1, padahal anggotanya {name} (NIK {nik}) bekerja "
            f"sebagai {_OCCUPATION_LABELS[occupation]}; keluarga ASN/TNI/Polri tidak berhak "
            "PBI-JK maupun RTLH.",
            (self._hid(index),), nik, kk,
        )

    def already_rehabilitated(self) -> PlantedProblem | None:
        hh = self.reg.households
        index = self._household(lambda i: hh["desil"][i] <= 4 and hh["land_status"][i] == "own")
        if index is None:
            return None
        hh["land_status"][index] = "own"
        hh["land_document"][index] = hh["land_document"][index] or "girik"
        year = self.pick.randint(2016, 2023)
        program = self.pick.choice(_HOUSING_PROGRAMS)
        head_name, _ = self._who(int(self.reg.member_start[index]))
        kk = hh["no_kk"][index]
        self.housing_aid.append({"no_kk": kk, "name": head_name, "year": year,
                                 "note": f"{program} {year} (data demo)"})
        return PlantedProblem(
            "already_rehabilitated",
            f"Rumah keluarga {head_name} (No. KK {kk}) sudah direhabilitasi lewat {program} "
            f"tahun {year} dan tercantum di daftar bantuan rumah terdahulu.",
            (self._hid(index),), None, kk,
        )

    def already_pbi(self) -> PlantedProblem | None:
        hh = self.reg.households
        index = self._household(lambda i: hh["desil"][i] <= 4)
        if index is None:
            return None
        member = int(self.reg.member_start[index])
        mem = self.reg.members
        mem["jkn_status"][member], mem["jkn_segment"][member] = "active", "pbi_apbn"
        name, nik = self._who(member)
        kk = hh["no_kk"][index]
        self.coverage.append({"nik": nik, "no_kk": kk, "name": name, "segment": "pbi_apbn",
                              "year": REFERENCE_DATE.year,
                              "note": "Peserta PBI-JK APBN aktif (data demo)"})
        return PlantedProblem(
            "already_pbi",
            f"{name} (NIK {nik}, No. KK {kk}) sudah peserta PBI-JK APBN aktif menurut daftar "
            "kepesertaan JKN; mengusulkannya lagi berarti kepesertaan ganda.",
            (self._hid(index),), nik, kk,
        )

    def duplicate_person(self) -> PlantedProblem | None:
        """The same person on two KKs, e.g. still on the parents' KK after founding a family.

        The register keeps NIK unique, so the copy carries a second NIK (same birth date and
        sex, issued in the other household's kecamatan): the twin is only visible through the
        same name, birth date and birth place, which is what the desk check compares.
        """
        hh = self.reg.households
        mem = self.reg.members
        starts = self.reg.member_start
        # An ASN head copied into a poor family would plant a second, unlisted problem.
        first = self._household(lambda i: not mem["asn_tni_polri"][starts[i]])
        if first is None:
            return None
        person = int(starts[first])
        person_age = int(self.reg.member_age[person])
        first_kel = hh["kelurahan_code"][first]
        second = self._household(
            lambda i: hh["kelurahan_code"][i] != first_kel
            and self.reg.member_age[starts[i]] >= person_age + 18
        )
        if second is None:
            self.used.discard(first)
            return None
        second_head = int(starts[second])
        is_child = self.reg.member_age[second_head] >= person_age + 18
        birth: dt.date = mem["birth_date"][person]
        sex = mem["sex"][person]
        kecamatan = hh["kelurahan_code"][second][:8]
        # Serials run 1..n within each NIK prefix, so n + 1 is free.
        taken = int((self.reg.nik_keys == int(make_nik(kecamatan, birth, sex, 0)[:12])).sum())
        new_nik = make_nik(kecamatan, birth, sex, taken + 1)
        copy = {c: _plain(mem[c][person]) for c in mem}
        copy.update(
            household_index=second, nik=new_nik,
            relationship="child" if is_child else "other_family",
            jkn_status="none", jkn_segment=None, pregnant=False,
        )
        self.reg.extra_members.append(copy)
        hh["occupants"][second] += 1
        name, nik = self._who(person)
        kk1, kk2 = hh["no_kk"][first], hh["no_kk"][second]
        return PlantedProblem(
            "duplicate_person",
            f"{name}, lahir di {mem['birth_place'][person]} {_tanggal(birth)}, tercatat di dua "
            f"keluarga: No. KK {kk1} dengan NIK {nik} dan No. KK {kk2} dengan NIK {new_nik}. "
            "NIK di register harus unik, jadi kembaran ini hanya tampak dari nama, tanggal "
            "dan tempat lahir yang sama.",
            (self._hid(first), self._hid(second)), nik, kk1,
        )


# ------------------------------------------------------------------ writing


class _Writer:
    """Bulk insert inside the session's transaction, column lists in, no ORM objects.

    SQLite: executemany on the driver's cursor, with values converted once per column by
    SQLAlchemy's own bind processors (converting row by row through the Core insert took
    more time than SQLite itself). PostgreSQL: binary COPY, several times faster than any
    INSERT.

    Index upkeep row by row costs more than the inserts (the trigram search index above
    all), so :meth:`suspend_upkeep` drops the secondary indexes, the search triggers and,
    on PostgreSQL, the foreign keys of the loaded tables, and :meth:`restore_upkeep` builds
    them again in one pass each. Both run inside the same transaction as the load, so a
    cancel or a crash rolls the schema back with the rows. Unique and primary keys stay.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect
        self.postgres = self.dialect.name == "postgresql"
        self.raw = session.connection().connection.driver_connection
        self._restore: list[str] = []
        self._oids: dict[str, dict[str, int]] = {}

    def _run(self, statements: Sequence[str]) -> None:
        for statement in statements:
            self.session.execute(text(statement))

    def suspend_upkeep(self, tables: Sequence[str]) -> None:
        """Drop what would be maintained row by row while ``tables`` are loaded."""
        if self.postgres:
            self._suspend_postgres(tables)
        else:
            self._suspend_sqlite(tables)

    def restore_upkeep(self) -> None:
        """Rebuild what :meth:`suspend_upkeep` dropped."""
        self._run(self._restore)
        self._restore = []

    def _suspend_sqlite(self, tables: Sequence[str]) -> None:
        objects = self.session.execute(text(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        )).all()
        # External-content FTS5 tables over a loaded table are kept in step by triggers;
        # without the triggers they are rebuilt from the table afterwards.
        search = [
            name for kind, name, _table, sql in objects
            if kind == "table" and sql.upper().startswith("CREATE VIRTUAL TABLE")
            and (m := _FTS_CONTENT.search(sql)) and m.group(1) in tables
        ]
        triggers = [
            (name, sql) for kind, name, table, sql in objects
            if kind == "trigger" and table in tables and any(f in sql for f in search)
        ]
        # Indexes with SQL are the explicit ones; UNIQUE and PRIMARY KEY ones have none.
        indexes = [
            (name, sql) for kind, name, table, sql in objects
            if kind == "index" and table in tables
        ]
        self._run([f'DROP TRIGGER "{name}"' for name, _ in triggers]
                  + [f'DROP INDEX "{name}"' for name, _ in indexes])
        self._restore = ([sql for _, sql in indexes] + [sql for _, sql in triggers]
                         + [f"INSERT INTO {f}({f}) VALUES ('rebuild')" for f in search])

    def _suspend_postgres(self, tables: Sequence[str]) -> None:
        names = {"tables": list(tables)}
        owner = self.session.scalar(text(
            "SELECT bool_and(pg_has_role(current_user, tableowner, 'USAGE')) FROM pg_tables "
            "WHERE schemaname = current_schema() AND tablename = ANY(:tables)"
        ), names)
        if not owner:
            return  # only the owner may drop indexes: load with them in place, just slower
        indexes = self.session.execute(text(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(:tables) "
            "AND NOT i.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
        ), names).all()
        foreign_keys = self.session.execute(text(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(:tables)"
        ), names).all()
        self._run([f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'
                   for table, name, _ in foreign_keys]
                  + [f"DROP INDEX {name}" for name, _ in indexes])
        self._restore = (
            [sql for _, sql in indexes]
            + [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
               for table, name, definition in foreign_keys]
            # Fresh statistics, so the first queries on the new register plan well.
            + [f"ANALYZE {table}" for table in tables]
        )

    def write(self, table: Table, columns: Sequence[str], values: list[list[Any]]) -> None:
        """Insert rows given as one list of values per column (all the same length)."""
        if not values or not values[0]:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        if self.postgres:
            oids = self._pg_types(table.name)
            with self.raw.cursor() as cursor, cursor.copy(
                f"COPY {table.name} ({names}) FROM STDIN (FORMAT BINARY)"
            ) as copy:
                copy.set_types([oids[c] for c in columns])
                for row in zip(*values):
                    copy.write_row(row)
            return
        converted = []
        for name, column in zip(columns, values):
            process = table.c[name].type.dialect_impl(self.dialect).bind_processor(self.dialect)
            converted.append(column if process is None else _convert(process, column))
        cursor = self.raw.cursor()
        try:
            cursor.executemany(
                f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})",
                zip(*converted),
            )
        finally:
            cursor.close()

    def _pg_types(self, table: str) -> dict[str, int]:
        if table not in self._oids:
            rows = self.session.execute(text(
                "SELECT attname, atttypid FROM pg_attribute "
                "WHERE attrelid = to_regclass(:t) AND attnum > 0 AND NOT attisdropped"
            ), {"t": table})
            self._oids[table] = {name: int(oid) for name, oid in rows}
        return self._oids[table]

    def advance_sequences(self, tables: Sequence[str]) -> None:
        """After rows with our own ids, make PostgreSQL's next id follow the largest one."""
        if not self.postgres:
            return
        for name in tables:
            self.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT max(id) FROM {name}))"
            ))


def _convert(process: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    # Birth dates, booleans and timestamps repeat a lot: convert each distinct value once.
    done: dict[Any, Any] = {}
    return [done[v] if v in done else done.setdefault(v, process(v)) for v in values]


def _columns(arrays: dict[str, np.ndarray], order: Sequence[str], start: int, stop: int,
             extra: dict[str, list[Any]]) -> list[list[Any]]:
    return [extra[c] if c in extra else arrays[c][start:stop].tolist() for c in order]


# ------------------------------------------------------------------ the service


def _selected_kecamatan(kecamatan: Sequence[str] | None) -> tuple[str, ...]:
    known = {c: n for c, n in kota_serang_codes() if c.count(".") == 2}
    if kecamatan is None:
        return tuple(sorted(known))
    if isinstance(kecamatan, str):
        kecamatan = [kecamatan]
    chosen: list[str] = []
    problems = []
    for raw in kecamatan:
        code = normalise_code(raw)
        if code not in known:
            choices = ", ".join(f"{c} {n}" for c, n in sorted(known.items()))
            problems.append(("kecamatan", (f"Kode kecamatan '{raw}' tidak ada di Kota Serang. "
                                           f"Pilihan: {choices}.")))
        elif code not in chosen:
            chosen.append(code)
    if not chosen and not problems:
        problems.append(("kecamatan", "Pilih minimal satu kecamatan."))
    if problems:
        raise ValidationFailed(problems)
    return tuple(sorted(chosen))


def _polygons_for(
    session: Session, rng: np.random.Generator, selected: Sequence[str]
) -> tuple[dict[str, BaseGeometry], str]:
    """Kelurahan polygons to place points in, generating demo ones where none are stored."""
    polygons = region_polygons(session, KELURAHAN)
    sources = boundary_sources(session, KELURAHAN)
    if any(code not in polygons for code in selected):
        by_kecamatan: dict[str, list[str]] = defaultdict(list)
        for code, _name in kota_serang_codes():
            if code.count(".") == 3:
                by_kecamatan[code[:8]].append(code)
        kelurahan, kecamatan = demo_boundaries(rng, by_kecamatan)
        stored_kecamatan = boundary_sources(session, KECAMATAN)
        for code, polygon in kelurahan.items():
            if code not in polygons:
                store_boundary(session, code, polygon, "demo")
                polygons[code], sources[code] = polygon, "demo"
        for code, polygon in kecamatan.items():
            if code not in stored_kecamatan:
                store_boundary(session, code, polygon, "demo")
    geometry = "demo" if any(sources[c] == "demo" for c in selected) else "imported"
    return polygons, geometry


def _reference_list(
    session: Session, actor: Actor, kind: str, source: str, entries: list[dict[str, Any]]
) -> None:
    if not entries:
        return
    ref = ReferenceList(kind=kind, source_file=source, source_date=REFERENCE_DATE,
                        row_count=len(entries), imported_by_id=actor.user_id)
    session.add(ref)
    session.flush()
    session.add_all(ReferenceEntry(list_id=ref.id, **entry) for entry in entries)


# Only blank settings are filled: an office that set up its letterhead keeps it. The
# names say DEMO so that no one takes a demo letter for a real one.
DEMO_LETTERHEAD = {
    "letterhead.government": "PEMERINTAH KOTA SERANG",
    "letterhead.office": "KECAMATAN (DATA DEMO)",
    "letterhead.address": "Alamat kantor belum diisi - data demo",
    "signatory.name": "NAMA CAMAT (DEMO)",
    "signatory.position": "CAMAT",
    "signatory.nip": "197503122000031002",
}


def _demo_letterhead(session: Session, actor: Actor) -> None:
    from db import settings

    current = settings.get_all(session)
    wanted = {key: value for key, value in DEMO_LETTERHEAD.items()
              if not str(current.get(key) or "").strip()}
    if not str(current.get("letterhead.emblem_png_base64") or "").strip():
        emblem = resources.files("resources").joinpath("demo/emblem-demo.png").read_bytes()
        wanted["letterhead.emblem_png_base64"] = base64.b64encode(emblem).decode()
    if wanted:
        settings.update(session, actor, wanted)


def generate(
    database: Database,
    actor: Actor,
    households: int = 2000,
    *,
    kecamatan: Sequence[str] | None = None,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    letter: demo_workflow.LetterIssuer | None = None,
) -> DemoSummary:
    """Fill an empty register with a synthetic, reproducible population of Kota Serang.

    ``kecamatan`` limits households to some kecamatan (dotted codes such as ``36.73.01``;
    default: all six). Region codes are seeded; when kelurahan boundaries were imported
    before, households are placed inside them, otherwise made-up demo polygons are stored
    (labelled ``demo``) and used. ``progress(done, total)`` is called about 100 times at
    most; ``cancelled()`` is checked between chunks and raises :class:`DemoCancelled`,
    leaving nothing written. Raises :class:`NotEmpty` when the register has households
    and :class:`ValidationFailed` for an unknown kecamatan or a count out of range.
    """
    started = time.perf_counter()
    chosen = _selected_kecamatan(kecamatan)
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise ValidationFailed([("households", (f"Jumlah keluarga harus antara 1 dan "
                                                f"{_number(MAX_HOUSEHOLDS)}."))])
    stop = cancelled or (lambda: False)
    report = progress or (lambda _done, _total: None)
    geometry_seed, register_seed, point_seed = np.random.SeedSequence(seed).spawn(3)
    point_rng = np.random.default_rng(point_seed)

    def check_cancel() -> None:
        if stop():
            raise DemoCancelled("Pembuatan data demo dibatalkan; tidak ada data yang disimpan.")

    with database.write() as session:
        actor.require("admin", action="demo.generate")
        existing = session.scalar(select(func.count(Household.id))) or 0
        if existing:
            raise NotEmpty(
                f"Register sudah berisi {_number(existing)} keluarga; data demo hanya dibuat "
                "di register kosong supaya tidak tercampur dengan data sebenarnya.",
                hint="Buat berkas basis data baru (misalnya tepat-demo.sqlite3) lalu buat "
                "data demo di sana.",
            )
        upsert_codes(session, kota_serang_codes())
        names = {code: name for code, name in session.execute(select(Region.code, Region.name))}
        selected = sorted(c for c in names if c.count(".") == 3 and c[:8] in chosen)
        polygons, geometry = _polygons_for(session, np.random.default_rng(geometry_seed), selected)
        session.flush()
        check_cancel()
        # Building the register in memory and rebuilding the indexes afterwards each take
        # about a quarter of the time the rows take: count them in, so the bar keeps moving.
        phase = households // 4
        total = households + 2 * phase
        report(0, total)

        reg = _build(np.random.default_rng(register_seed), point_rng, selected, polygons,
                     households)
        first_household = (session.scalar(select(func.max(Household.id))) or 0) + 1
        first_member = (session.scalar(select(func.max(Member.id))) or 0) + 1
        planter = _Planter(reg, random.Random(seed), point_rng, polygons, names, first_household)
        planted = planter.plant_all()
        check_cancel()
        report(phase, total)

        writer = _Writer(session)
        writer.suspend_upkeep(["households", "members"])
        member_total = len(reg.member_household)
        chunk = max(_MIN_CHUNK, math.ceil(households / _PROGRESS_STEPS))
        household_ids = np.arange(first_household, first_household + households)
        member_ids = np.arange(first_member, first_member + member_total)
        for start in range(0, households, chunk):
            stop_at = min(start + chunk, households)
            writer.write(Household.__table__, HOUSEHOLD_COLUMNS, _columns(
                reg.households, HOUSEHOLD_COLUMNS, start, stop_at,
                {"id": household_ids[start:stop_at].tolist()},
            ))
            m_start = int(reg.member_start[start])
            m_stop = int(reg.member_start[stop_at]) if stop_at < households else member_total
            writer.write(Member.__table__, MEMBER_COLUMNS, _columns(
                reg.members, MEMBER_COLUMNS, m_start, m_stop,
                {"id": member_ids[m_start:m_stop].tolist(),
                 "household_id": household_ids[reg.member_household[m_start:m_stop]].tolist()},
            ))
            report(phase + stop_at, total)
            check_cancel()
        extra = [
            {**row, "id": first_member + member_total + n,
             "household_id": int(household_ids[row["household_index"]])}
            for n, row in enumerate(reg.extra_members)
        ]
        writer.write(Member.__table__, MEMBER_COLUMNS,
                     [[row[c] for row in extra] for c in MEMBER_COLUMNS])
        writer.advance_sequences(["households", "members"])
        writer.restore_upkeep()
        report(total, total)

        _reference_list(session, actor, "housing_aid", "data demo: bantuan rumah terdahulu",
                        planter.housing_aid)
        _reference_list(session, actor, "coverage", "data demo: kepesertaan JKN",
                        planter.coverage)
        # The proposal queue in every state, with the desk checks run (db/demo_workflow.py).
        # With a letter issuer (the desktop's, which draws PDFs), some approved proposals
        # also go out in a letter, with a demo letterhead where the office has none yet.
        if letter is not None:
            _demo_letterhead(session, actor)
        demo_workflow.populate(session, actor, rng_seed=seed, letter=letter)
        summary = DemoSummary(
            households=households, members=member_total + len(extra), kecamatan=chosen,
            geometry=geometry, planted=tuple(planted), seconds=time.perf_counter() - started,
        )
        audit.record(session, actor, "create", "demo", new=summary.as_dict())
    return summary
