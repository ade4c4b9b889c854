"""Boundary files other than GeoJSON: ESRI Shapefile and GeoPackage, without GDAL.

Offices receive boundaries as Shapefiles (from BIG or the city's planning office) or
GeoPackages (saved from QGIS). This module reads both with small pure-Python readers
(pyshp; sqlite3 plus the GeoPackage binary header), finds the coordinate system
(the ``.prj`` file, the GeoPackage's ``gpkg_spatial_ref_sys``), reprojects to WGS84 with
pyproj, maps an attribute to Kemendagri region codes (or matches names against the
region list), shows a preview, and stores the result through the GeoJSON importer of
:mod:`db.boundaries`, so every format is checked, repaired and dissolved the same way.

A Shapefile without ``.prj`` does not guess: it raises :class:`BoundaryCrsMissing`
asking for the CRS (with a suggestion when the numbers clearly are degrees).
"""

from __future__ import annotations

import json
import sqlite3
import struct
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from db import boundaries
from db.actor import Actor
from db.boundaries import (
    NAME_PROPERTIES,
    BoundaryImportResult,
    detect_code_property,
    normalise_code,
)
from db.codes import name_key
from db.errors import BoundaryCrsMissing, BoundaryFileInvalid
from db.models import Region
from db.regions import kota_serang_codes, level_of, parent_of
from db.spatial import INDONESIA_LAT, INDONESIA_LON

FORMATS = {".shp": "shapefile", ".zip": "shapefile", ".gpkg": "geopackage",
           ".geojson": "geojson", ".json": "geojson"}
WGS84 = "EPSG:4326"

# GeoPackage binary header: envelope sizes by the 3-bit indicator in the flags byte.
_GPKG_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_GPKG_APPLICATION_IDS = (0x47504B47, 0x47503130, 0x47503131)  # "GPKG", "GP10", "GP11"
# Properties naming a feature's kecamatan, used to tell apart kelurahan of the same name.
PARENT_NAME_PROPERTIES = ("kecamatan", "nama_kec", "nm_kec", "wadmkc", "kec")


@dataclass(frozen=True)
class SourceFeature:
    """One feature as read: its attributes and its geometry in WGS84 lon/lat."""

    number: int  # 1-based position in the file
    properties: dict[str, object]
    geometry: BaseGeometry | None  # None when the feature has no usable geometry
    problem: str | None = None  # why the geometry is None


@dataclass(frozen=True)
class BoundarySource:
    """A boundary file read into memory and reprojected to WGS84."""

    path: Path
    format: str  # "shapefile", "geopackage" or "geojson"
    layer: str | None  # GeoPackage table
    crs: str  # the source coordinate system, as found or as given
    fields: list[str]
    features: list[SourceFeature]

    @property
    def name(self) -> str:
        return self.path.name if self.layer is None else f"{self.path.name}:{self.layer}"


@dataclass(frozen=True)
class FieldMapping:
    """How to get a Kemendagri code for each feature.

    Either ``code_field`` holds codes (dotted or not), or ``name_field`` holds names that
    are matched against the regions under ``parent_code`` (e.g. the kota ``36.73``);
    ``parent_name_field`` (a kecamatan name) tells apart kelurahan of the same name.
    """

    code_field: str | None = None
    name_field: str | None = None
    parent_name_field: str | None = None
    parent_code: str | None = None


@dataclass(frozen=True)
class PreviewRow:
    number: int
    value: str  # the code or name as written in the file
    code: str | None  # the Kemendagri code it maps to
    file_name: str  # the feature's name in the file
    official_name: str | None  # the region list's name for ``code``
    level: str | None
    geometry: str  # "ok", "repair: <reason>" or "unusable: <reason>" (Indonesian reason)
    problem: str | None  # why this feature will be left out, in Indonesian


@dataclass(frozen=True)
class BoundaryPreview:
    """What an import would store, shown before anything is written."""

    source: str
    format: str
    crs: str
    fields: list[str]
    mapping: FieldMapping
    rows: list[PreviewRow]
    bounds: tuple[float, float, float, float] | None  # lon/lat of the usable features

    @property
    def kelurahan(self) -> int:
        return sum(1 for r in self.rows if r.problem is None and r.level == boundaries.KELURAHAN)

    @property
    def kecamatan(self) -> int:
        return sum(1 for r in self.rows if r.problem is None and r.level == boundaries.KECAMATAN)

    @property
    def left_out(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.problem is not None]

    def lines(self) -> list[str]:
        out = [
            f"Berkas      : {self.source} ({self.format}, {self.crs})",
            f"Kelurahan   : {self.kelurahan}",
            f"Kecamatan   : {self.kecamatan}",
            f"Dilewati    : {len(self.left_out)}",
        ]
        for row in self.rows:
            state = row.problem or (row.geometry if row.geometry != "ok" else "siap")
            out.append(f"{row.number:>4} {row.value:<16} → {row.code or '-':<14} "
                       f"{row.official_name or row.file_name}: {state}")
        return out


# ------------------------------------------------------------------ coordinate systems


def parse_crs(text: str, *, where: str) -> pyproj.CRS:
    """A CRS from ``EPSG:32748``, ``32748``, WKT or a PROJ string, or a clear error."""
    raw = text.strip()
    try:
        if raw.isdigit():
            return pyproj.CRS.from_epsg(int(raw))
        return pyproj.CRS.from_user_input(raw)
    except pyproj.exceptions.CRSError as exc:
        raise BoundaryFileInvalid(
            f"Sistem koordinat '{_short(raw)}' untuk {where} tidak dikenal.",
            hint="Tulis kode EPSG-nya, misalnya EPSG:4326 untuk bujur/lintang WGS84 atau "
            "kode UTM zona setempat (lihat properti lapisan di QGIS).",
        ) from exc


def crs_label(crs: pyproj.CRS) -> str:
    """``EPSG:32748`` when PROJ recognises the CRS, else its name."""
    code = crs.to_epsg(min_confidence=70)
    return f"EPSG:{code}" if code else crs.name


def validity_text(geom: BaseGeometry) -> str:
    """Why a polygon is invalid, in Indonesian (shapely's reason kept for the rare cases)."""
    reason = shapely.is_valid_reason(geom)
    head = reason.split("[", 1)[0].strip().lower()
    if "self-intersection" in head:
        return "sisi poligon saling berpotongan"
    if head == "too few points":
        return "cincin poligon terlalu sedikit titik"
    if "hole" in head:
        return "lubang poligon berada di luar atau bertumpuk"
    return f"poligon tidak sah ({reason})"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _to_wgs84(geoms: list[BaseGeometry | None], crs: pyproj.CRS) -> list[BaseGeometry | None]:
    """Reproject all geometries in one pyproj call (the coordinates are concatenated)."""
    if crs.equals(pyproj.CRS.from_epsg(4326), ignore_axis_order=True) or not geoms:
        return geoms
    transformer = pyproj.Transformer.from_crs(crs, WGS84, always_xy=True)
    present = [i for i, g in enumerate(geoms) if g is not None]

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    moved = shapely.transform(np.array([geoms[i] for i in present], dtype=object), project)
    result = list(geoms)
    for i, geom in zip(present, moved):
        result[i] = geom
    return result


def _degree_like(geoms: Sequence[BaseGeometry]) -> bool:
    if not geoms:
        return False
    min_x, min_y, max_x, max_y = shapely.total_bounds(list(geoms))
    return -180 <= min_x and max_x <= 180 and -90 <= min_y and max_y <= 90


def check_indonesia(geoms: Sequence[BaseGeometry], where: str, crs: str) -> None:
    """Refuse lon/lat that are swapped or outside Indonesia, saying which it looks like."""
    usable = [g for g in geoms if g is not None and not g.is_empty]
    if not usable:
        return
    min_x, min_y, max_x, max_y = shapely.total_bounds(usable)
    lon_ok = INDONESIA_LON[0] <= min_x and max_x <= INDONESIA_LON[1]
    lat_ok = INDONESIA_LAT[0] <= min_y and max_y <= INDONESIA_LAT[1]
    if lon_ok and lat_ok:
        return
    swapped = (INDONESIA_LAT[0] <= min_x and max_x <= INDONESIA_LAT[1]
               and INDONESIA_LON[0] <= min_y and max_y <= INDONESIA_LON[1])
    if swapped:
        raise BoundaryFileInvalid(
            f"Koordinat {where} tampaknya tertukar: angka pertama berada di kisaran lintang "
            f"({min_x:.2f} s.d. {max_x:.2f}) dan angka kedua di kisaran bujur "
            f"({min_y:.2f} s.d. {max_y:.2f}).",
            hint="Sistem koordinat yang dipakai mungkin salah urutan sumbunya; simpan ulang "
            "berkas dengan urutan bujur, lintang (misalnya dengan QGIS), lalu impor lagi.",
        )
    raise BoundaryFileInvalid(
        f"Setelah diubah dari {crs}, batas pada {where} berada di ({min_x:.2f}, {min_y:.2f}) "
        f"s.d. ({max_x:.2f}, {max_y:.2f}), di luar Indonesia.",
        hint="Sistem koordinat berkas kemungkinan salah (misalnya UTM zona lain atau .prj "
        "yang keliru). Periksa di QGIS lalu sebutkan sistem koordinat yang benar.",
    )


# ------------------------------------------------------------------ Shapefile


def _extract_zip(path: Path, folder: Path) -> Path:
    """Unpack the one Shapefile in a .zip into ``folder``; returns its .shp."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BoundaryFileInvalid(
            f"Berkas {path.name} bukan arsip ZIP yang dapat dibuka.",
            hint="Pilih berkas .shp atau .zip yang berisi .shp, .shx, .dbf dan .prj.",
        ) from exc
    with archive:
        shps = [n for n in archive.namelist() if n.lower().endswith(".shp")]
        if len(shps) != 1:
            raise BoundaryFileInvalid(
                f"Arsip {path.name} berisi {len(shps)} berkas .shp; harus tepat satu.",
                hint="Buat arsip yang hanya berisi satu Shapefile (dengan .shx, .dbf, .prj).",
            )
        stem = shps[0][:-4]
        for name in archive.namelist():
            if name.startswith(stem) and "/" not in name[len(stem):]:
                (folder / Path(name).name).write_bytes(archive.read(name))
    return folder / Path(shps[0]).name


def _sidecar(shp: Path, suffix: str) -> Path | None:
    for candidate in (shp.with_suffix(suffix), shp.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    return None


def read_shapefile(path: str | Path, *, crs: str | None = None) -> BoundarySource:
    """Read a polygon Shapefile (``.shp`` with ``.shx``/``.dbf``, or a ``.zip`` of them).

    The CRS comes from ``crs`` when given, else from the ``.prj`` file; without either,
    :class:`BoundaryCrsMissing` is raised (nothing is guessed).
    """

    path = Path(path)
    if not path.exists():
        raise BoundaryFileInvalid(f"Berkas {path} tidak ada.",
                                  hint="Periksa nama dan foldernya, lalu coba lagi.")
    if path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="tepat-shp-") as folder:
            return _read_shp(path, _extract_zip(path, Path(folder)), crs)
    return _read_shp(path, path, crs)


def _read_shp(path: Path, shp: Path, crs: str | None) -> BoundarySource:
    import shapefile  # pyshp

    for suffix in (".shx", ".dbf"):
        if _sidecar(shp, suffix) is None:
            raise BoundaryFileInvalid(
                f"Shapefile {path.name} tidak lengkap: berkas {shp.stem}{suffix} tidak ada di "
                "sampingnya.",
                hint="Salin semua berkas Shapefile (.shp, .shx, .dbf, .prj) ke folder yang "
                "sama, lalu impor lagi.",
            )
    encoding = "utf-8"
    cpg = _sidecar(shp, ".cpg")
    if cpg is not None:
        declared = cpg.read_text("ascii", errors="ignore").strip()
        encoding = {"1252": "cp1252", "ansi 1252": "cp1252"}.get(declared.lower(), declared)
    try:
        records = _read_shp_records(shapefile, shp, encoding)
    except (UnicodeDecodeError, LookupError):
        records = _read_shp_records(shapefile, shp, "cp1252")  # older ArcGIS exports
    except (shapefile.ShapefileException, struct.error, OSError, ValueError) as exc:
        raise BoundaryFileInvalid(
            f"Shapefile {path.name} rusak atau bukan Shapefile: {exc}.",
            hint="Buka berkas itu di QGIS; bila terbaca, simpan ulang sebagai Shapefile atau "
            "GeoPackage lalu impor lagi.",
        ) from exc
    fields, rows = records

    geoms: list[BaseGeometry | None] = []
    problems: list[str | None] = []
    for _props, geo in rows:
        geom, problem = _shape_or_problem(geo)
        geoms.append(geom)
        problems.append(problem)

    prj = _sidecar(shp, ".prj")
    if crs is not None:
        source_crs = parse_crs(crs, where=path.name)
    elif prj is not None:
        text = prj.read_text("utf-8", errors="replace").strip()
        source_crs = parse_crs(text, where=f"{path.name} (berkas {prj.name})")
    else:
        usable = [g for g in geoms if g is not None]
        suggestion = WGS84 if _degree_like(usable) else None
        looks = ("Angka koordinatnya tampak seperti derajat bujur/lintang (EPSG:4326)."
                 if suggestion else
                 "Angka koordinatnya dalam meter: kemungkinan UTM (lihat zona UTM wilayah "
                 "Anda) atau sistem proyeksi lain.")
        raise BoundaryCrsMissing(
            f"Shapefile {path.name} tidak disertai berkas .prj, jadi sistem koordinatnya "
            "tidak diketahui.",
            hint=f"{looks} Sebutkan sistem koordinatnya (kode EPSG), atau salin berkas "
            f"{shp.stem}.prj ke folder yang sama, lalu impor lagi.",
            suggestion=suggestion,
        )
    label = crs_label(source_crs)
    geoms = _to_wgs84(geoms, source_crs)
    check_indonesia([g for g in geoms if g is not None], path.name, label)
    features = [
        SourceFeature(n, props, geom, problem)
        for n, ((props, _geo), geom, problem) in enumerate(zip(rows, geoms, problems), start=1)
    ]
    return BoundarySource(path, "shapefile", None, label, fields, features)


def _read_shp_records(shapefile, shp: Path, encoding: str):  # type: ignore[no-untyped-def]
    with shapefile.Reader(str(shp), encoding=encoding) as reader:
        fields = [f[0] for f in reader.fields[1:]]
        rows = []
        for item in reader.iterShapeRecords():
            props = dict(zip(fields, list(item.record)))
            if item.shape.shapeType == shapefile.NULL:
                rows.append((props, None))
            else:
                rows.append((props, item.shape.__geo_interface__))
    return fields, rows


def _shape_or_problem(geo: dict | None) -> tuple[BaseGeometry | None, str | None]:
    if geo is None:
        return None, "tidak memiliki geometri"
    try:
        geom = shape(geo)
    except (shapely.errors.ShapelyError, ValueError, TypeError, KeyError, AttributeError):
        return None, "geometrinya rusak"
    if geom.is_empty:
        return None, "geometrinya kosong"
    if geom.geom_type not in ("Polygon", "MultiPolygon", "GeometryCollection"):
        return None, f"geometrinya {geom.geom_type}, bukan poligon"
    return geom, None


# ------------------------------------------------------------------ GeoPackage


def _open_geopackage(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise BoundaryFileInvalid(f"Berkas {path} tidak ada.",
                                  hint="Periksa nama dan foldernya, lalu coba lagi.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        has_contents = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'gpkg_contents'"
        ).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BoundaryFileInvalid(
            f"Berkas {path.name} bukan GeoPackage: isinya bukan basis data SQLite ({exc}).",
            hint="Simpan ulang lapisan dari QGIS sebagai GeoPackage (.gpkg), lalu impor lagi.",
        ) from exc
    if not has_contents or (application_id and application_id not in _GPKG_APPLICATION_IDS):
        conn.close()
        raise BoundaryFileInvalid(
            f"Berkas {path.name} adalah basis data SQLite tetapi bukan GeoPackage "
            "(tabel gpkg_contents tidak ada).",
            hint="Simpan ulang lapisan dari QGIS sebagai GeoPackage (.gpkg), lalu impor lagi.",
        )
    return conn


def geopackage_layers(path: str | Path) -> list[str]:
    """The feature tables (layers) of a GeoPackage, in file order."""
    conn = _open_geopackage(Path(path))
    try:
        return [r[0] for r in conn.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY rowid"
        )]
    finally:
        conn.close()


def parse_gpkg_geometry(blob: bytes) -> BaseGeometry | None:
    """Shapely geometry from a GeoPackage geometry blob (header + WKB); None when empty.

    Raises ValueError for blobs that are not GeoPackage geometries.
    """
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("bukan geometri GeoPackage (tanda 'GP' tidak ada)")
    flags = blob[3]
    if flags & 0x20:
        raise ValueError("geometri GeoPackage jenis diperluas (extended) tidak didukung")
    envelope = (flags >> 1) & 0x07
    if envelope not in _GPKG_ENVELOPE_BYTES:
        raise ValueError(f"penanda amplop {envelope} tidak sah")
    if flags & 0x10:
        return None
    start = 8 + _GPKG_ENVELOPE_BYTES[envelope]
    geom = shapely.from_wkb(blob[start:])
    return None if geom is None or geom.is_empty else geom


def read_geopackage(
    path: str | Path, *, layer: str | None = None, crs: str | None = None
) -> BoundarySource:
    """Read one polygon layer of a GeoPackage (the only one, or ``layer``).

    The CRS comes from ``crs`` when given, else from the layer's ``gpkg_spatial_ref_sys``
    entry; an undefined Cartesian CRS (srs_id -1) raises :class:`BoundaryCrsMissing`.
    """
    path = Path(path)
    conn = _open_geopackage(path)
    try:
        layers = [r[0] for r in conn.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY rowid"
        )]
        if not layers:
            raise BoundaryFileInvalid(f"GeoPackage {path.name} tidak berisi lapisan fitur.",
                                      hint="Pilih GeoPackage yang berisi poligon batas wilayah.")
        if layer is None:
            if len(layers) > 1:
                raise BoundaryFileInvalid(
                    f"GeoPackage {path.name} berisi {len(layers)} lapisan: "
                    f"{', '.join(layers)}. Pilih salah satu.",
                    hint="Sebutkan nama lapisan yang berisi batas kelurahan.",
                )
            layer = layers[0]
        elif layer not in layers:
            raise BoundaryFileInvalid(
                f"Lapisan '{layer}' tidak ada di {path.name}; yang ada: {', '.join(layers)}.",
                hint="Pilih salah satu lapisan yang ada.",
            )
        column, srs_id = conn.execute(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?",
            (layer,),
        ).fetchone()
        srs = conn.execute(
            "SELECT organization, organization_coordsys_id, definition "
            "FROM gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,),
        ).fetchone()
        quoted = '"' + layer.replace('"', '""') + '"'
        cursor = conn.execute(f"SELECT * FROM {quoted}")
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except sqlite3.DatabaseError as exc:
        raise BoundaryFileInvalid(
            f"GeoPackage {path.name} rusak: {exc}.",
            hint="Buka berkas itu di QGIS; bila terbaca, simpan ulang lalu impor lagi.",
        ) from exc
    finally:
        conn.close()

    where = f"{path.name}:{layer}"
    if crs is not None:
        source_crs = parse_crs(crs, where=where)
    elif srs_id == -1 or srs is None:
        raise BoundaryCrsMissing(
            f"Lapisan {layer} pada {path.name} tidak menyebutkan sistem koordinatnya.",
            hint="Sebutkan sistem koordinatnya (kode EPSG), lalu impor lagi.",
        )
    elif srs_id == 0:
        source_crs = pyproj.CRS.from_epsg(4326)  # "undefined geographic": lon/lat degrees
    else:
        organization, org_id, definition = srs
        if organization and organization.upper() == "EPSG" and org_id:
            source_crs = parse_crs(f"EPSG:{org_id}", where=where)
        else:
            source_crs = parse_crs(definition or "", where=where)

    fields = [n for n in names if n != column]
    geoms: list[BaseGeometry | None] = []
    problems: list[str | None] = []
    props_list: list[dict[str, object]] = []
    geom_at = names.index(column)
    for row in rows:
        props_list.append({n: v for n, v in zip(names, row) if n != column})
        blob = row[geom_at]
        if blob is None:
            geoms.append(None)
            problems.append("tidak memiliki geometri")
            continue
        try:
            geom = parse_gpkg_geometry(bytes(blob))
        except (ValueError, shapely.errors.ShapelyError) as exc:
            geoms.append(None)
            problems.append(f"geometrinya rusak ({exc})")
            continue
        if geom is None:
            geoms.append(None)
            problems.append("geometrinya kosong")
            continue
        geom, problem = _shape_or_problem(mapping(geom))
        geoms.append(geom)
        problems.append(problem)
    label = crs_label(source_crs)
    geoms = _to_wgs84(geoms, source_crs)
    check_indonesia([g for g in geoms if g is not None], where, label)
    features = [SourceFeature(n, p, g, pr)
                for n, (p, g, pr) in enumerate(zip(props_list, geoms, problems), start=1)]
    return BoundarySource(path, "geopackage", layer, label, fields, features)


# ------------------------------------------------------------------ GeoJSON (for the preview)


def read_geojson(path: str | Path, *, crs: str | None = None) -> BoundarySource:
    """Read a GeoJSON FeatureCollection into a :class:`BoundarySource` (for the preview)."""
    path = Path(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise BoundaryFileInvalid(f"Berkas {path.name} tidak dapat dibaca: {exc.strerror}.",
                                  hint="Periksa bahwa berkas ada dan dapat dibuka.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryFileInvalid(
            f"Berkas {path.name} bukan GeoJSON: isinya tidak dapat dibaca sebagai JSON.",
            hint="Pilih berkas .geojson, .shp atau .gpkg.",
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise BoundaryFileInvalid(
            f"Berkas {path.name} bukan GeoJSON FeatureCollection.",
            hint="Batas wilayah harus berupa FeatureCollection poligon dengan kode wilayah.",
        )
    declared = ((data.get("crs") or {}).get("properties") or {}).get("name") if isinstance(
        data.get("crs"), dict) else None
    source_crs = parse_crs(crs or declared or WGS84, where=path.name)
    raw = [f for f in data["features"] if isinstance(f, dict)]
    geoms, problems = [], []
    for feature in raw:
        geom, problem = _shape_or_problem(feature.get("geometry"))
        geoms.append(geom)
        problems.append(problem)
    label = crs_label(source_crs)
    geoms = _to_wgs84(geoms, source_crs)
    check_indonesia([g for g in geoms if g is not None], path.name, label)
    fields: list[str] = []
    for feature in raw:
        for key in (feature.get("properties") or {}):
            if key not in fields:
                fields.append(key)
    features = [SourceFeature(n, dict(f.get("properties") or {}), g, p)
                for n, (f, g, p) in enumerate(zip(raw, geoms, problems), start=1)]
    return BoundarySource(path, "geojson", None, label, fields, features)


def read_boundary_file(
    path: str | Path, *, crs: str | None = None, layer: str | None = None
) -> BoundarySource:
    """Read a Shapefile (.shp/.zip), GeoPackage (.gpkg) or GeoJSON by its extension."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind == "shapefile":
        return read_shapefile(path, crs=crs)
    if kind == "geopackage":
        return read_geopackage(path, layer=layer, crs=crs)
    if kind == "geojson":
        return read_geojson(path, crs=crs)
    raise BoundaryFileInvalid(
        f"Jenis berkas {path.name} tidak dikenal.",
        hint="Batas wilayah dapat diimpor dari GeoJSON (.geojson), Shapefile (.shp atau .zip) "
        "dan GeoPackage (.gpkg).",
    )


# ------------------------------------------------------------------ mapping and preview


def _lookup(props: dict[str, object], wanted: str | None) -> object:
    if wanted is None:
        return None
    for key, value in props.items():
        if key.lower() == wanted.lower():
            return value
    return None


def _first_field(fields: Sequence[str], candidates: Sequence[str]) -> str | None:
    lowered = {f.lower(): f for f in fields}
    for name in candidates:
        if name in lowered:
            return lowered[name]
    return None


def detect_mapping(source: BoundarySource) -> FieldMapping:
    """The code attribute most features hold a valid code in; else name matching."""
    as_dicts = [{"properties": f.properties} for f in source.features]
    code_field = detect_code_property(as_dicts)
    if code_field is not None:
        return FieldMapping(code_field=code_field)
    name_field = _first_field(source.fields, NAME_PROPERTIES)
    if name_field is None:
        texts = [f for f in source.fields
                 if any(isinstance(x.properties.get(f), str) for x in source.features)]
        name_field = texts[0] if texts else None
    return FieldMapping(
        name_field=name_field,
        parent_name_field=_first_field(source.fields, PARENT_NAME_PROPERTIES),
    )


@dataclass(frozen=True)
class RegionNames:
    """Known region names (the bundled Kota Serang list and the database's regions), for
    the preview's official names and for matching names to codes."""

    official: dict[str, str]
    by_key: dict[str, list[str]]


def known_regions(session: Session) -> RegionNames:
    """The region names a preview checks against, read once."""
    official = dict(kota_serang_codes())
    official.update(dict(session.execute(select(Region.code, Region.name)).all()))
    by_key: dict[str, list[str]] = {}
    for code, name in official.items():
        by_key.setdefault(name_key(name), []).append(code)
    return RegionNames(official, by_key)


def _match_name(
    names: RegionNames, name: str, parent_name: str | None, parent_code: str | None
) -> tuple[str | None, str | None]:
    """(code, problem) for a region name, disambiguated by kecamatan name and parent code."""
    candidates = list(names.by_key.get(name_key(name), []))
    if parent_code:
        candidates = [c for c in candidates if c.startswith(parent_code + ".")]
    # A kelurahan file's names should match kelurahan before kecamatan of the same name.
    kelurahan = [c for c in candidates if level_of(c) == boundaries.KELURAHAN]
    candidates = kelurahan or candidates
    if len(candidates) > 1 and parent_name:
        wanted = name_key(parent_name)
        candidates = [c for c in candidates
                      if name_key(names.official.get(parent_of(c) or "", "")) == wanted]
    if not candidates:
        return None, f"nama '{name}' tidak ditemukan di daftar wilayah"
    if len(candidates) > 1:
        return None, (f"nama '{name}' cocok dengan {len(candidates)} wilayah "
                      f"({', '.join(sorted(candidates))}); pilih atribut kecamatan")
    return candidates[0], None


def preview(
    session: Session, source: BoundarySource, mapping_: FieldMapping | None = None
) -> BoundaryPreview:
    """What importing ``source`` with ``mapping_`` (detected when None) would store."""
    return build_preview(known_regions(session), source, mapping_)


def build_preview(
    names: RegionNames, source: BoundarySource, mapping_: FieldMapping | None = None
) -> BoundaryPreview:
    """:func:`preview` against region names read earlier (no database access)."""
    chosen = mapping_ or detect_mapping(source)
    if chosen.code_field is None and chosen.name_field is None:
        raise BoundaryFileInvalid(
            f"Tidak ada atribut berisi kode atau nama wilayah pada {source.name}.",
            hint="Pilih atribut yang memuat kode Kemendagri (mis. 36.73.01.1001) atau nama "
            "kelurahan.",
        )
    rows: list[PreviewRow] = []
    usable: list[BaseGeometry] = []
    seen: dict[str, int] = {}
    for feature in source.features:
        file_name = str(_lookup(feature.properties, chosen.name_field) or "") or str(
            next((feature.properties[k] for k in feature.properties
                  if k.lower() in NAME_PROPERTIES and feature.properties[k]), ""))
        problem: str | None = None
        if chosen.code_field is not None:
            raw = _lookup(feature.properties, chosen.code_field)
            value = "" if raw is None else str(raw).strip()
            code = normalise_code(raw)
            if not value:
                problem = f"atribut '{chosen.code_field}' kosong"
            elif code is None:
                problem = f"'{value}' bukan kode wilayah Kemendagri"
        else:
            value = file_name
            parent_name = _lookup(feature.properties, chosen.parent_name_field)
            if not value:
                code, problem = None, f"atribut '{chosen.name_field}' kosong"
            else:
                code, problem = _match_name(
                    names, value, str(parent_name) if parent_name else None, chosen.parent_code
                )
        level = level_of(code) if code else None
        if code and level not in (boundaries.KELURAHAN, boundaries.KECAMATAN) and not problem:
            problem = f"kode {code} bukan kecamatan atau kelurahan"
        if code and not problem and code in seen:
            problem = f"kode {code} sudah dipakai fitur ke-{seen[code]}"
        geometry = "ok"
        if feature.geometry is None:
            geometry = f"unusable: {feature.problem}"
            problem = problem or f"geometri {feature.problem}"
        elif not feature.geometry.is_valid:
            geometry = f"repair: {validity_text(feature.geometry)}"
        if problem is None and code:
            seen[code] = feature.number
            usable.append(feature.geometry)  # type: ignore[arg-type]
        rows.append(PreviewRow(
            feature.number, value, code, file_name, names.official.get(code or ""), level,
            geometry, problem,
        ))
    bounds = tuple(float(v) for v in shapely.total_bounds(usable)) if usable else None
    return BoundaryPreview(source.name, source.format, source.crs, source.fields, chosen, rows,
                           bounds)  # type: ignore[arg-type]


def import_boundaries(
    session: Session, actor: Actor, source: BoundarySource, mapping_: FieldMapping | None = None
) -> BoundaryImportResult:
    """Store the boundaries of ``source`` as :func:`preview` showed them.

    Features the preview leaves out are reported in ``skipped`` with their number; invalid
    polygons are repaired and reported per feature by the GeoJSON importer, which also
    dissolves kecamatan when only kelurahan were given. Raises BoundaryFileInvalid with
    nothing written when no feature can be used.
    """
    shown = preview(session, source, mapping_)
    features = []
    skipped = []
    for row, feature in zip(shown.rows, source.features):
        if row.problem is not None:
            label = f"Fitur ke-{row.number}" + (f" ({row.file_name})" if row.file_name else "")
            skipped.append(f"{label}: {row.problem}.")
            continue
        features.append({
            "type": "Feature",
            "properties": {"kode": row.code, "nama": row.official_name or row.file_name},
            "geometry": mapping(feature.geometry),
        })
    if not features:
        raise BoundaryFileInvalid(
            f"Tidak ada fitur pada {source.name} yang dapat dipakai.",
            hint=" ".join(skipped[:3]) or "Periksa pemetaan atribut kode wilayah.",
        )
    result = _store(session, actor, features, source.name)
    return replace(result, skipped=skipped + result.skipped)


def _store(session: Session, actor: Actor, features: list[dict], source_name: str
           ) -> BoundaryImportResult:
    """Hand WGS84 features to the GeoJSON importer so every format is stored one way.

    The importer reads a file and labels the boundaries ``import:<file name>``; writing the
    collection under the source's own name keeps that label true to the file the office
    chose.
    """
    collection = {"type": "FeatureCollection", "features": features}
    with tempfile.TemporaryDirectory(prefix="tepat-boundaries-") as folder:
        target = Path(folder) / source_name.replace("/", "_").replace(":", "_")
        target.write_text(json.dumps(collection), encoding="utf-8")
        return boundaries.import_geojson(session, actor, target, code_property="kode")

