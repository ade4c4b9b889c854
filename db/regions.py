"""Region codes (Kemendagri): loading reference lists and reading the hierarchy."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Region

LEVELS = ("provinsi", "kabupaten_kota", "kecamatan", "desa_kelurahan")


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def level_of(code: str) -> str:
    return LEVELS[code.count(".")]


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str
    parent_code: str | None
    has_boundary: bool


def upsert_codes(session: Session, rows: Iterable[tuple[str, str]]) -> int:
    """Insert or rename regions from (code, name) pairs, parents first. Returns rows touched."""
    existing = {r.code: r for r in session.scalars(select(Region))}
    count = 0
    for code, name in sorted(rows, key=lambda r: (r[0].count("."), r[0])):
        region = existing.get(code)
        if region is None:
            region = Region(code=code, name=name, level=level_of(code), parent_code=parent_of(code))
            session.add(region)
            existing[code] = region
            count += 1
        elif region.name != name:
            region.name = name
            count += 1
    session.flush()
    return count


def kota_serang_codes() -> list[tuple[str, str]]:
    """Kota Serang's province, city, 6 kecamatan and 67 kelurahan (bundled; no file needed)."""
    text = resources.files("resources").joinpath("demo/kota_serang_regions.csv").read_text("utf-8")
    return [(row["code"], row["name"]) for row in csv.DictReader(text.splitlines())]


def list_regions(session: Session, level: str | None = None) -> list[RegionRow]:
    query = select(Region).order_by(Region.code)
    if level:
        query = query.where(Region.level == level)
    return [
        RegionRow(r.code, r.name, r.level, r.parent_code, r.boundary_geojson is not None)
        for r in session.scalars(query)
    ]
