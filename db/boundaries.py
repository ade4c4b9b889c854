"""Kelurahan and kecamatan boundaries: import from GeoJSON, load for the map and the demo.

Boundaries are stored on :class:`~db.models.Region` as GeoJSON geometry text in WGS84
longitude/latitude with a bounding box, and a source label: ``import:<file name>``,
``dissolved:<file name>`` (a kecamatan built from its imported kelurahan) or ``demo``.

The whole file is read, checked and repaired before anything is written, so a bad file
raises :class:`~db.errors.BoundaryFileInvalid` with the database untouched.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from db import audit
from db.actor import Actor
from db.errors import BoundaryFileInvalid
from db.models import Region
from db.nik import PROVINCES
from db.regions import kota_serang_codes, level_of, parent_of

# Property names that hold the region code in files seen in the wild (BIG, Kemendagri,
# cahyadsn, geoBoundaries-style exports); matched case-insensitively, in this order.
CODE_PROPERTIES = (
    "kode", "code", "kode_wilayah", "kd_wilayah", "kode_desa", "kd_desa", "kode_kel",
    "kd_kel", "kode_kelurahan", "kode_kec", "kd_kec", "kode_kecamatan", "kdepum", "kdcpum",
    "id_desa", "iddesa", "adm_code",
)
NAME_PROPERTIES = (
    "nama", "name", "nama_wilayah", "nm_wilayah", "nama_desa", "nama_kel", "nama_kelurahan",
    "desa", "kelurahan", "nama_kec", "kecamatan", "namobj", "wadmkd", "wadmkc",
)
KELURAHAN = "desa_kelurahan"
KECAMATAN = "kecamatan"

# Indonesia from Sabang to Merauke and Miangas to Rote, with a margin.
_LON_RANGE = (94.0, 142.0)
_LAT_RANGE = (-11.0, 7.0)
_WGS84_NAMES = ("crs84", "epsg::4326", "epsg:4326", "epsg/0/4326")
_DOTTED = re.compile(r"^\d{2}(\.\d{2}){0,2}(\.\d{4})?$")
_UNDOTTED_SPLITS = {2: (2,), 4: (2, 2), 6: (2, 2, 2), 10: (2, 2, 2, 4)}
# Holes smaller than this share of a dissolved kecamatan are slivers between simplified
# kelurahan outlines, not real enclaves.
_SLIVER_SHARE = 0.001

_VALIDITY_REASONS = {
    "self-intersection": "sisi poligon saling berpotongan",
    "ring self-intersection": "sisi poligon saling berpotongan",
    "too few points": "cincin poligon terlalu sedikit titik",
    "hole lies outside shell": "lubang berada di luar batas luar",
    "nested holes": "lubang bertumpuk",
    "interior is disconnected": "bagian dalam poligon terputus",
    "nested shells": "batas luar bertumpuk",
    "duplicate rings": "cincin poligon ganda",
    "invalid coordinate": "koordinat tidak sah",
    "ring is not closed": "cincin poligon tidak tertutup",
}


@dataclass(frozen=True)
class BoundaryImportResult:
    """What an import stored and what it had to repair or leave out."""

    kelurahan: int  # kelurahan polygons stored
    kecamatan: int  # kecamatan polygons stored (imported or dissolved)
    dissolved: bool  # kecamatan were dissolved from kelurahan
    repaired: list[str]  # one line per repaired feature: code, name and what was wrong
    skipped: list[str]  # one line per feature left out, with the reason


@dataclass
class _Area:
    code: str
    name: str | None
    parts: list[BaseGeometry]


def normalise_code(value: object) -> str | None:
    """A region code as dotted text (``36.73.01.1001``), or None if it is not one.

    Accepts dotted or undotted text and integers (``3673011001``), as spreadsheets and
    GIS tools write them.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value).strip()
    if _DOTTED.match(text):
        code = text
    elif text.isdigit() and len(text) in _UNDOTTED_SPLITS:
        pieces, start = [], 0
        for width in _UNDOTTED_SPLITS[len(text)]:
            pieces.append(text[start:start + width])
            start += width
        code = ".".join(pieces)
    else:
        return None
    return code if code[:2] in PROVINCES else None


def _lookup(properties: Mapping[str, object], wanted: str) -> object:
    for key, value in properties.items():
        if key.lower() == wanted.lower():
            return value
    return None


def detect_code_property(features: list[dict]) -> str | None:
    """The property that holds region codes: the one most features have a valid code in.

    Known names win ties, so a file with both ``kode`` and an ``id`` column picks ``kode``.
    """
    counts: dict[str, int] = defaultdict(int)
    for feature in features:
        for key, value in (feature.get("properties") or {}).items():
            if normalise_code(value) is not None:
                counts[key] += 1
    if not counts:
        return None
    known = {name: rank for rank, name in enumerate(CODE_PROPERTIES)}
    return max(counts, key=lambda k: (counts[k], -known.get(k.lower(), len(known))))


def _name_of(properties: Mapping[str, object]) -> str | None:
    for wanted in NAME_PROPERTIES:
        value = _lookup(properties, wanted)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _polygonal(geom: BaseGeometry) -> BaseGeometry | None:
    """Only the polygons of ``geom`` (make_valid can return lines and points too)."""
    if isinstance(geom, (Polygon, MultiPolygon)):
        return None if geom.is_empty else geom
    polygons: list[Polygon] = []
    for part in getattr(geom, "geoms", ()):
        if isinstance(part, Polygon):
            polygons.append(part)
        elif isinstance(part, MultiPolygon):
            polygons.extend(part.geoms)
    polygons = [p for p in polygons if not p.is_empty and p.area > 0]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def _reason_text(reason: str) -> str:
    head = reason.split("[", 1)[0].strip().lower()
    return _VALIDITY_REASONS.get(head, reason)


def _source_crs(collection: dict) -> str | None:
    """The EPSG/OGC name of a legacy ``crs`` member when it is not WGS84, else None."""
    crs = collection.get("crs")
    if not isinstance(crs, dict):
        return None
    name = str((crs.get("properties") or {}).get("name") or "").strip()
    if not name:
        return None
    lowered = name.lower()
    if any(lowered.endswith(w) or lowered == w for w in _WGS84_NAMES):
        return None
    return name


def _reproject(geoms: list[BaseGeometry], crs_name: str, file_name: str) -> list[BaseGeometry]:
    import pyproj  # only files in a projected CRS need it

    try:
        transformer = pyproj.Transformer.from_crs(crs_name, "EPSG:4326", always_xy=True)
    except pyproj.exceptions.CRSError as exc:
        raise BoundaryFileInvalid(
            f"Sistem koordinat '{crs_name}' pada {file_name} tidak dikenal.",
            hint="Simpan ulang berkas sebagai GeoJSON WGS84 (EPSG:4326), misalnya dengan QGIS.",
        ) from exc

    def to_wgs84(coords: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return [shapely.transform(g, to_wgs84) for g in geoms]


def _check_lon_lat(geoms: Iterable[BaseGeometry], file_name: str) -> None:
    min_x, min_y, max_x, max_y = shapely.total_bounds(list(geoms))
    inside = (
        _LON_RANGE[0] <= min_x and max_x <= _LON_RANGE[1]
        and _LAT_RANGE[0] <= min_y and max_y <= _LAT_RANGE[1]
    )
    if inside:
        return
    swapped = (
        _LAT_RANGE[0] <= min_x and max_x <= _LAT_RANGE[1]
        and _LON_RANGE[0] <= min_y and max_y <= _LON_RANGE[1]
    )
    if swapped:
        raise BoundaryFileInvalid(
            f"Koordinat pada {file_name} tampaknya tertukar: angka pertama berada di kisaran "
            f"lintang ({min_x:.2f} s.d. {max_x:.2f}) dan angka kedua di kisaran bujur "
            f"({min_y:.2f} s.d. {max_y:.2f}). GeoJSON menulis bujur dulu, lalu lintang.",
            hint="Tukar urutan koordinat menjadi [bujur, lintang] (misalnya dengan QGIS) "
            "lalu impor lagi.",
        )
    raise BoundaryFileInvalid(
        f"Koordinat pada {file_name} ({min_x:.2f}, {min_y:.2f}) s.d. ({max_x:.2f}, "
        f"{max_y:.2f}) bukan bujur/lintang di Indonesia; berkas mungkin memakai sistem "
        "koordinat lain tanpa menyebutkannya.",
        hint="Ekspor ulang batas wilayah sebagai GeoJSON WGS84 (EPSG:4326), lalu impor lagi.",
    )


def _read_collection(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BoundaryFileInvalid(
            f"Berkas {path.name} tidak dapat dibaca: {exc.strerror}.",
            hint="Periksa bahwa berkas ada dan dapat dibuka, lalu coba lagi.",
        ) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryFileInvalid(
            f"Berkas {path.name} bukan GeoJSON: isinya tidak dapat dibaca sebagai JSON.",
            hint="Pilih berkas .geojson (di QGIS: Ekspor > Simpan Fitur Sebagai > GeoJSON). "
            "Shapefile, KML dan GPKG perlu diubah ke GeoJSON dulu.",
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        found = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise BoundaryFileInvalid(
            f"Berkas {path.name} adalah JSON tetapi bukan GeoJSON FeatureCollection "
            f"(jenisnya: {found!r}).",
            hint="Batas wilayah harus berupa FeatureCollection dengan satu fitur poligon per "
            "kelurahan atau kecamatan dan kode wilayah di propertinya.",
        )
    if not isinstance(data.get("features"), list):
        raise BoundaryFileInvalid(
            f"FeatureCollection pada {path.name} tidak memiliki daftar 'features'.",
            hint="Periksa bahwa berkas diekspor lengkap, lalu impor lagi.",
        )
    return data


def _collect(features: list[dict], code_property: str) -> tuple[dict[str, _Area], list[str]]:
    areas: dict[str, _Area] = {}
    skipped: list[str] = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        name = _name_of(props)
        label = f"Fitur ke-{number}" + (f" ({name})" if name else "")
        raw_code = _lookup(props, code_property)
        if raw_code is None or str(raw_code).strip() == "":
            skipped.append(f"{label}: tidak ada kode wilayah di properti '{code_property}'.")
            continue
        code = normalise_code(raw_code)
        if code is None:
            skipped.append(f"{label}: '{raw_code}' bukan kode wilayah Kemendagri.")
            continue
        label = f"{code} {name or ''}".rstrip()
        try:
            geom = shape(feature["geometry"]) if feature.get("geometry") else None
        except (shapely.errors.ShapelyError, ValueError, TypeError, KeyError, AttributeError):
            geom = None
        if geom is None or geom.is_empty:
            skipped.append(f"{label}: geometri kosong atau rusak.")
            continue
        if not isinstance(geom, (Polygon, MultiPolygon)):
            kind = geom.geom_type
            geom = _polygonal(geom)  # a GeometryCollection may still carry polygons
            if geom is None:
                skipped.append(f"{label}: geometri {kind}, bukan poligon.")
                continue
        area = areas.setdefault(code, _Area(code, name, []))
        area.parts.append(geom)
        area.name = area.name or name
    return areas, skipped


def import_geojson(
    session: Session, actor: Actor, path: str | Path, *, code_property: str | None = None
) -> BoundaryImportResult:
    """Store kelurahan (and kecamatan) boundaries from a GeoJSON FeatureCollection.

    The region code is read from ``code_property`` or detected; dotted and undotted codes
    are accepted. A legacy ``crs`` member other than WGS84 is reprojected. Invalid polygons
    are repaired and reported; features without a usable code or polygon are skipped and
    reported. When the file holds kelurahan but no kecamatan, each kecamatan is dissolved
    from its kelurahan in the file. Raises :class:`BoundaryFileInvalid` before writing
    anything when the file cannot be used.
    """
    actor.require("admin", action="regions.manage")
    path = Path(path)
    collection = _read_collection(path)
    features = [f for f in collection["features"] if isinstance(f, dict)]
    prop = code_property or detect_code_property(features)
    if prop is None:
        raise BoundaryFileInvalid(
            f"Tidak ada properti berisi kode wilayah Kemendagri pada fitur-fitur {path.name}.",
            hint="Setiap fitur memerlukan kode seperti 36.73.01.1001 atau 3673011001 "
            "(misalnya di properti 'kode').",
        )
    areas, skipped = _collect(features, prop)
    if not areas:
        raise BoundaryFileInvalid(
            f"Berkas {path.name} tidak berisi poligon wilayah yang dapat dipakai.",
            hint="Periksa bahwa fitur berupa Polygon/MultiPolygon dan memiliki kode wilayah. "
            + (" ".join(skipped[:3]) if skipped else ""),
        )

    crs_name = _source_crs(collection)
    if crs_name is not None:
        for area in areas.values():
            area.parts = _reproject(area.parts, crs_name, path.name)
    _check_lon_lat([p for area in areas.values() for p in area.parts], path.name)

    geoms: dict[str, BaseGeometry] = {}
    repaired: list[str] = []
    for code, area in areas.items():
        label = f"{code} {area.name or ''}".rstrip()
        # Repair each part before the union: GEOS cannot union invalid polygons.
        fixed, reasons = [], []
        for geom in area.parts:
            if not geom.is_valid:
                reasons.append(_reason_text(shapely.is_valid_reason(geom)))
                geom = shapely.make_valid(geom)
            polygonal = _polygonal(geom)
            if polygonal is not None:
                fixed.append(polygonal)
        why = ", ".join(dict.fromkeys(reasons))
        if not fixed:
            skipped.append(f"{label}: poligon rusak ({why}) dan tidak dapat diperbaiki."
                           if reasons else f"{label}: geometri kosong.")
            continue
        if reasons:
            repaired.append(f"{label}: {why}; sudah diperbaiki.")
        geoms[code] = fixed[0] if len(fixed) == 1 else _polygonal(shapely.union_all(fixed))
    if not geoms:
        raise BoundaryFileInvalid(
            f"Tidak ada poligon yang dapat dipakai pada {path.name}.",
            hint=" ".join(skipped[:3]),
        )

    _ensure_regions(session, {c: areas[c].name for c in geoms})
    source = f"import:{path.name}"
    for code, geom in geoms.items():
        store_boundary(session, code, geom, source)

    levels = {code: level_of(code) for code in geoms}
    kelurahan = sorted(c for c, lv in levels.items() if lv == KELURAHAN)
    kecamatan = sorted(c for c, lv in levels.items() if lv == KECAMATAN)
    dissolved = bool(kelurahan) and not kecamatan
    if dissolved:
        by_kecamatan: dict[str, list[BaseGeometry]] = defaultdict(list)
        for code in kelurahan:
            by_kecamatan[parent_of(code)].append(geoms[code])  # type: ignore[index]
        for kec_code, parts in by_kecamatan.items():
            store_boundary(session, kec_code, dissolve(parts), f"dissolved:{path.name}")
        kecamatan_count = len(by_kecamatan)
    else:
        kecamatan_count = len(kecamatan)

    result = BoundaryImportResult(
        kelurahan=len(kelurahan), kecamatan=kecamatan_count, dissolved=dissolved,
        repaired=repaired, skipped=skipped,
    )
    audit.record(
        session, actor, "import", "boundaries",
        new={"file": path.name, "kelurahan": result.kelurahan, "kecamatan": result.kecamatan,
             "dissolved": dissolved, "repaired": len(repaired), "skipped": len(skipped)},
    )
    session.flush()
    return result


def dissolve(parts: list[BaseGeometry]) -> BaseGeometry:
    """The union of neighbouring polygons without the sliver holes simplification leaves."""
    union = _polygonal(shapely.union_all(parts))
    assert union is not None  # the parts are non-empty polygons
    polygons = list(getattr(union, "geoms", [union]))
    cleaned = []
    for polygon in polygons:
        keep = [ring for ring in polygon.interiors
                if Polygon(ring).area >= _SLIVER_SHARE * polygon.area]
        cleaned.append(Polygon(polygon.exterior, keep))
    return cleaned[0] if len(cleaned) == 1 else MultiPolygon(cleaned)


def store_boundary(session: Session, code: str, geom: BaseGeometry, source: str) -> None:
    """Write a boundary, its bounding box and its source label onto an existing region."""
    region = session.get(Region, code)
    if region is None:
        raise LookupError(f"region {code} must exist before its boundary is stored")
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    region.boundary_geojson = json.dumps(mapping(geom), separators=(",", ":"))
    region.boundary_source = source
    region.min_lon, region.min_lat, region.max_lon, region.max_lat = (
        min_lon, min_lat, max_lon, max_lat,
    )


def _ensure_regions(session: Session, names: Mapping[str, str | None]) -> None:
    """Create the regions a file names that the database does not know yet.

    Kota Serang's own codes come from the bundled list with their official names; any other
    missing region (and its missing parents) is created under the name in the file, or its
    code when the file gives none.
    """
    existing = set(session.scalars(select(Region.code)))
    wanted: dict[str, str] = {}
    for code, name in names.items():
        chain = code
        while chain is not None and chain not in existing:
            wanted.setdefault(chain, chain)
            chain = parent_of(chain)
        if code in wanted and name:
            wanted[code] = name
    if not wanted:
        return
    official = dict(kota_serang_codes())
    for code in sorted(wanted, key=lambda c: (c.count("."), c)):
        session.add(Region(
            code=code, name=official.get(code, wanted[code]), level=level_of(code),
            parent_code=parent_of(code),
        ))
    session.flush()


def region_polygons(session: Session, level: str) -> dict[str, BaseGeometry]:
    """Stored boundaries of one level (``desa_kelurahan``, ``kecamatan``...) by region code."""
    rows = session.execute(
        select(Region.code, Region.boundary_geojson)
        .where(Region.level == level, Region.boundary_geojson.is_not(None))
        .order_by(Region.code)
    )
    return {code: shape(json.loads(text)) for code, text in rows}


def boundary_sources(session: Session, level: str) -> dict[str, str]:
    """Where each stored boundary of one level came from (``demo``, ``import:...``)."""
    rows = session.execute(
        select(Region.code, Region.boundary_source)
        .where(Region.level == level, Region.boundary_geojson.is_not(None))
    )
    return {code: source or "" for code, source in rows}
