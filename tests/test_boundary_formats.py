"""Boundary files without GDAL: Shapefile (pyshp, .prj, .zip) and GeoPackage (sqlite3 and
the GeoPackage binary header), CRS detection and reprojection, attribute and name
mapping, the preview, and storage through the GeoJSON importer. Bad files are refused
with a message naming what is wrong; bad features are reported by number."""

from __future__ import annotations

import json
import sqlite3
import struct
import zipfile
from pathlib import Path

import numpy as np
import pyproj
import pytest
import shapefile
import shapely
from shapely.geometry import Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from db import boundary_formats as bf
from db.actor import Actor
from db.boundaries import KECAMATAN, KELURAHAN, boundary_sources, region_polygons
from db.engine import Database
from db.errors import BoundaryCrsMissing, BoundaryFileInvalid
from desktop.cli import main

WILAYAH = Path(__file__).resolve().parents[2] / "shared" / "data" / "wilayah"
KELURAHAN_FILE = WILAYAH / "36.73-kota-serang-kelurahan.geojson"
needs_shared_data = pytest.mark.skipif(
    not KELURAHAN_FILE.exists(),
    reason=f"{WILAYAH} is absent: the real Kota Serang boundaries live in ../shared/data",
)

# Two made-up kelurahan squares in Kec. Serang (lon/lat).
SQUARES = {
    "3673011001": ("Serang", box(106.14, -6.13, 106.15, -6.12)),
    "3673011002": ("Cipare", box(106.15, -6.13, 106.16, -6.12)),
}


def _utm(geom: BaseGeometry) -> BaseGeometry:
    t = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32748", always_xy=True)
    return shapely.transform(geom, lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1])))


def _parts(geom: BaseGeometry) -> list[list[list[float]]]:
    rings = []
    for polygon in getattr(geom, "geoms", [geom]):
        for ring in [polygon.exterior, *polygon.interiors]:
            rings.append([list(p) for p in ring.coords])
    return rings


def write_shapefile(path: Path, rows: list[tuple[dict, object]], *, prj: str | None) -> Path:
    """A polygon Shapefile with text attributes; ``prj`` is the .prj text (None: no file)."""
    fields = list(rows[0][0])
    with shapefile.Writer(str(path), shapeType=shapefile.POLYGON) as writer:
        for name in fields:
            writer.field(name, "C", 60)
        for props, geom in rows:
            if geom is None:
                writer.null()
            else:
                writer.poly(_parts(geom))
            writer.record(*[props[f] for f in fields])
    if prj is not None:
        path.with_suffix(".prj").write_text(prj)
    return path.with_suffix(".shp")


def esri_wkt(epsg: int) -> str:
    return pyproj.CRS.from_epsg(epsg).to_wkt(pyproj.enums.WktVersion.WKT1_ESRI)


def gpkg_blob(geom: BaseGeometry, srs_id: int, *, envelope: int = 1,
              big_endian: bool = False, empty: bool = False) -> bytes:
    """A GeoPackage geometry: 'GP', version, flags, srs_id, envelope, then WKB."""
    flags = (0 if big_endian else 1) | (envelope << 1) | (0x10 if empty else 0)
    order = ">" if big_endian else "<"
    header = b"GP" + bytes([0, flags]) + struct.pack(order + "i", srs_id)
    min_x, min_y, max_x, max_y = geom.bounds if not empty else (0, 0, 0, 0)
    sizes = {0: (), 1: (min_x, max_x, min_y, max_y), 2: (min_x, max_x, min_y, max_y, 0, 0),
             3: (min_x, max_x, min_y, max_y, 0, 0), 4: (min_x, max_x, min_y, max_y, 0, 0, 0, 0)}
    values = sizes[envelope]
    header += struct.pack(order + "d" * len(values), *values)
    if empty:
        return header + shapely.to_wkb(shapely.Polygon())
    return header + shapely.to_wkb(geom)


def write_geopackage(path: Path, layers: dict[str, list[tuple[dict, bytes | None]]], *,
                     srs_id: int = 4326, organization: str = "EPSG",
                     definition: str | None = None) -> Path:
    """A minimal GeoPackage as QGIS writes one: the gpkg_* tables and one table per layer."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1196444487")  # "GPKG"
    conn.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY "
                 "KEY, organization TEXT, organization_coordsys_id INTEGER, definition TEXT, "
                 "description TEXT)")
    conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", [
        ("Undefined cartesian", -1, "NONE", -1, "undefined", None),
        ("Undefined geographic", 0, "NONE", 0, "undefined", None),
        ("WGS 84", 4326, "EPSG", 4326, esri_wkt(4326), None),
    ])
    if srs_id not in (-1, 0, 4326):
        conn.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
                     ("custom", srs_id, organization, srs_id if organization == "EPSG" else 0,
                      definition or esri_wkt(srs_id), None))
    conn.execute("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, "
                 "identifier TEXT, srs_id INTEGER)")
    conn.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, "
                 "geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER)")
    for layer, rows in layers.items():
        fields = list(rows[0][0]) if rows else []
        columns = "".join(f", {f} TEXT" for f in fields)
        conn.execute(f'CREATE TABLE "{layer}" (fid INTEGER PRIMARY KEY, geom BLOB{columns})')
        conn.execute("INSERT INTO gpkg_contents VALUES (?, 'features', ?, ?)",
                     (layer, layer, srs_id))
        conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, "
                     "0, 0)", (layer, srs_id))
        for props, blob in rows:
            names = ", ".join(["geom", *fields])
            marks = ", ".join("?" * (len(fields) + 1))
            conn.execute(f'INSERT INTO "{layer}" ({names}) VALUES ({marks})',
                         [blob, *[props[f] for f in fields]])
    conn.commit()
    conn.close()
    return path


def square_rows() -> list[tuple[dict, object]]:
    return [({"KODE": code, "NAMA": name}, geom) for code, (name, geom) in SQUARES.items()]


# ------------------------------------------------------------------ Shapefile


def test_shapefile_with_prj_is_reprojected(tmp_path: Path) -> None:
    rows = [(props, _utm(geom)) for props, geom in square_rows()]
    shp = write_shapefile(tmp_path / "kel", rows, prj=esri_wkt(32748))
    source = bf.read_shapefile(shp)
    assert source.crs == "EPSG:32748" and source.format == "shapefile"
    assert source.fields == ["KODE", "NAMA"]
    back = source.features[0].geometry
    assert shapely.hausdorff_distance(back, SQUARES["3673011001"][1]) < 1e-7


def test_shapefile_without_prj_asks_for_its_crs(tmp_path: Path) -> None:
    shp = write_shapefile(tmp_path / "batas", square_rows(), prj=None)
    with pytest.raises(BoundaryCrsMissing) as caught:
        bf.read_shapefile(shp)
    assert "tidak disertai berkas .prj" in caught.value.message
    assert caught.value.suggestion == "EPSG:4326"
    assert "EPSG:4326" in caught.value.hint
    # Once the office names the CRS, it reads.
    assert len(bf.read_shapefile(shp, crs="EPSG:4326").features) == 2


def test_shapefile_in_metres_without_prj_suggests_nothing(tmp_path: Path) -> None:
    rows = [(props, _utm(geom)) for props, geom in square_rows()]
    shp = write_shapefile(tmp_path / "utm", rows, prj=None)
    with pytest.raises(BoundaryCrsMissing) as caught:
        bf.read_shapefile(shp)
    assert caught.value.suggestion is None and "meter" in caught.value.hint
    assert bf.read_shapefile(shp, crs="32748").crs == "EPSG:32748"
    with pytest.raises(BoundaryFileInvalid, match="tidak dikenal"):
        bf.read_shapefile(shp, crs="EPSG:999999")


def test_wrong_utm_zone_lands_outside_indonesia_with_a_clear_message(tmp_path: Path) -> None:
    rows = [(props, _utm(geom)) for props, geom in square_rows()]
    shp = write_shapefile(tmp_path / "salah", rows, prj=esri_wkt(32633))  # zone 33N: Europe
    with pytest.raises(BoundaryFileInvalid) as caught:
        bf.read_shapefile(shp)
    assert "di luar Indonesia" in caught.value.message
    assert "EPSG:32633" in caught.value.message


def test_swapped_latitude_and_longitude_are_recognised(tmp_path: Path) -> None:
    swapped = [(props, shapely.transform(geom, lambda c: c[:, ::-1]))
               for props, geom in square_rows()]
    shp = write_shapefile(tmp_path / "tukar", swapped, prj=esri_wkt(4326))
    with pytest.raises(BoundaryFileInvalid, match="tertukar"):
        bf.read_shapefile(shp)


def test_zipped_shapefile_and_bad_archives(tmp_path: Path) -> None:
    shp = write_shapefile(tmp_path / "kel", square_rows(), prj=esri_wkt(4326))
    archive = tmp_path / "kel.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for suffix in (".shp", ".shx", ".dbf", ".prj"):
            z.write(shp.with_suffix(suffix), f"data/kel{suffix}")
    source = bf.read_boundary_file(archive)
    assert source.format == "shapefile" and len(source.features) == 2
    two = tmp_path / "dua.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.write(shp, "a.shp")
        z.write(shp, "b.shp")
    with pytest.raises(BoundaryFileInvalid, match="harus tepat satu"):
        bf.read_boundary_file(two)
    not_zip = tmp_path / "rusak.zip"
    not_zip.write_text("bukan zip")
    with pytest.raises(BoundaryFileInvalid, match="bukan arsip ZIP"):
        bf.read_boundary_file(not_zip)


def test_incomplete_or_corrupt_shapefile(tmp_path: Path) -> None:
    shp = write_shapefile(tmp_path / "kel", square_rows(), prj=esri_wkt(4326))
    shp.with_suffix(".dbf").unlink()
    with pytest.raises(BoundaryFileInvalid, match=r"kel\.dbf tidak ada"):
        bf.read_shapefile(shp)
    junk = tmp_path / "junk.shp"
    junk.write_bytes(b"\x00" * 50)
    junk.with_suffix(".shx").write_bytes(b"\x00" * 50)
    junk.with_suffix(".dbf").write_bytes(b"\x00" * 50)
    with pytest.raises(BoundaryFileInvalid, match="rusak atau bukan Shapefile"):
        bf.read_shapefile(junk, crs="EPSG:4326")
    with pytest.raises(BoundaryFileInvalid, match="Jenis berkas"):
        bf.read_boundary_file(tmp_path / "batas.kml")


# ------------------------------------------------------------------ GeoPackage


@pytest.mark.parametrize("envelope", [0, 1, 2, 4])
@pytest.mark.parametrize("big_endian", [False, True])
def test_geopackage_header_is_parsed(envelope: int, big_endian: bool) -> None:
    geom = Polygon([(106.1, -6.1), (106.2, -6.1), (106.2, -6.2)])
    parsed = bf.parse_gpkg_geometry(gpkg_blob(geom, 4326, envelope=envelope,
                                              big_endian=big_endian))
    assert parsed.equals(geom)


def test_geopackage_header_problems() -> None:
    geom = box(0, 0, 1, 1)
    assert bf.parse_gpkg_geometry(gpkg_blob(geom, 4326, empty=True)) is None
    with pytest.raises(ValueError, match="GP"):
        bf.parse_gpkg_geometry(shapely.to_wkb(geom))
    extended = bytearray(gpkg_blob(geom, 4326))
    extended[3] |= 0x20
    with pytest.raises(ValueError, match="extended"):
        bf.parse_gpkg_geometry(bytes(extended))
    bad_envelope = bytearray(gpkg_blob(geom, 4326, envelope=0))
    bad_envelope[3] |= 5 << 1
    with pytest.raises(ValueError, match="amplop"):
        bf.parse_gpkg_geometry(bytes(bad_envelope))


def test_geopackage_layer_in_utm_is_read_and_reprojected(tmp_path: Path) -> None:
    rows = [({"kode": code, "nama": name}, gpkg_blob(_utm(geom), 32748))
            for code, (name, geom) in SQUARES.items()]
    rows.append(({"kode": "3673011003", "nama": "Kosong"}, gpkg_blob(box(0, 0, 1, 1), 32748,
                                                                      empty=True)))
    rows.append(({"kode": "3673011004", "nama": "Rusak"}, b"GP\x00\x01garbage"))
    path = write_geopackage(tmp_path / "batas.gpkg", {"kelurahan": rows}, srs_id=32748)
    assert bf.geopackage_layers(path) == ["kelurahan"]
    source = bf.read_boundary_file(path)
    assert (source.format, source.layer, source.crs) == ("geopackage", "kelurahan", "EPSG:32748")
    assert source.fields == ["fid", "kode", "nama"]
    first = source.features[0].geometry
    assert shapely.hausdorff_distance(first, SQUARES["3673011001"][1]) < 1e-7
    assert source.features[2].geometry is None
    assert source.features[2].problem == "geometrinya kosong"
    assert source.features[3].geometry is None
    assert source.features[3].problem.startswith("geometrinya rusak")


def test_geopackage_with_several_layers_or_no_crs(tmp_path: Path) -> None:
    rows = [({"kode": c, "nama": n}, gpkg_blob(g, 4326)) for c, (n, g) in SQUARES.items()]
    path = write_geopackage(tmp_path / "dua.gpkg", {"kelurahan": rows, "sungai": rows})
    with pytest.raises(BoundaryFileInvalid, match="berisi 2 lapisan: kelurahan, sungai"):
        bf.read_geopackage(path)
    assert len(bf.read_geopackage(path, layer="kelurahan").features) == 2
    with pytest.raises(BoundaryFileInvalid, match="Lapisan 'jalan' tidak ada"):
        bf.read_geopackage(path, layer="jalan")
    cartesian = write_geopackage(tmp_path / "tanpa.gpkg", {"kel": rows}, srs_id=-1)
    with pytest.raises(BoundaryCrsMissing, match="tidak menyebutkan sistem koordinatnya"):
        bf.read_geopackage(cartesian)
    assert bf.read_geopackage(cartesian, crs="EPSG:4326").crs == "EPSG:4326"


def test_files_that_are_not_geopackages(tmp_path: Path) -> None:
    text = tmp_path / "teks.gpkg"
    text.write_text("ini bukan basis data sama sekali, hanya teks biasa" * 20)
    with pytest.raises(BoundaryFileInvalid, match="bukan GeoPackage"):
        bf.read_geopackage(text)
    plain = tmp_path / "biasa.gpkg"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(BoundaryFileInvalid, match="gpkg_contents tidak ada"):
        bf.read_geopackage(plain)
    with pytest.raises(BoundaryFileInvalid, match="tidak ada"):
        bf.read_geopackage(tmp_path / "hilang.gpkg")


# ------------------------------------------------------------------ mapping, preview, import


def test_preview_reports_each_feature(database: Database, tmp_path: Path) -> None:
    bow_tie = Polygon([(106.16, -6.12), (106.17, -6.13), (106.17, -6.12), (106.16, -6.13)])
    rows = square_rows() + [
        ({"KODE": "3673011003", "NAMA": "Sumur Pecung"}, bow_tie),
        ({"KODE": "99999", "NAMA": "Entah"}, box(106.1, -6.1, 106.11, -6.09)),
        ({"KODE": "3673011001", "NAMA": "Serang lagi"}, box(106.1, -6.1, 106.11, -6.09)),
        ({"KODE": "3673011004", "NAMA": "Kosong"}, None),
    ]
    shp = write_shapefile(tmp_path / "campur", rows, prj=esri_wkt(4326))
    source = bf.read_shapefile(shp)
    with database.read() as session:
        shown = bf.preview(session, source)
    assert shown.mapping.code_field == "KODE"
    by_number = {r.number: r for r in shown.rows}
    assert by_number[1].code == "36.73.01.1001" and by_number[1].official_name == "Serang"
    assert by_number[3].geometry == "repair: sisi poligon saling berpotongan"
    assert by_number[3].problem is None
    assert by_number[4].problem == "'99999' bukan kode wilayah Kemendagri"
    assert by_number[5].problem == "kode 36.73.01.1001 sudah dipakai fitur ke-1"
    assert "tidak memiliki geometri" in by_number[6].problem
    assert shown.kelurahan == 3 and len(shown.left_out) == 3
    assert any("Sumur Pecung" in line for line in shown.lines())


def test_import_stores_repairs_and_reports_per_feature(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    bow_tie = Polygon([(106.16, -6.12), (106.17, -6.13), (106.17, -6.12), (106.16, -6.13)])
    rows = square_rows() + [
        ({"KODE": "3673011003", "NAMA": "Sumur Pecung"}, bow_tie),
        ({"KODE": "99999", "NAMA": "Entah"}, box(106.1, -6.1, 106.11, -6.09)),
    ]
    shp = write_shapefile(tmp_path / "kel", rows, prj=esri_wkt(4326))
    with database.write() as session:
        result = bf.import_boundaries(session, actor, bf.read_shapefile(shp))
    assert (result.kelurahan, result.kecamatan, result.dissolved) == (3, 1, True)
    assert result.repaired == [
        "36.73.01.1003 Sumur Pecung: sisi poligon saling berpotongan; sudah diperbaiki."]
    assert result.skipped == ["Fitur ke-4 (Entah): '99999' bukan kode wilayah Kemendagri."]
    with database.read() as session:
        polygons = region_polygons(session, KELURAHAN)
        sources = boundary_sources(session, KELURAHAN)
        kecamatan = region_polygons(session, KECAMATAN)
    assert set(polygons) == {"36.73.01.1001", "36.73.01.1002", "36.73.01.1003"}
    assert all(p.is_valid for p in polygons.values())
    assert set(sources.values()) == {"import:kel.shp"}
    assert set(kecamatan) == {"36.73.01"}


def test_names_are_matched_to_codes_with_the_kecamatan_to_tell_twins_apart(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    # Sukawana is a kelurahan in Kec. Serang and in Kec. Curug.
    rows = [
        ({"WADMKD": "SUKAWANA", "WADMKC": "Curug"}, box(106.17, -6.19, 106.18, -6.18)),
        ({"WADMKD": "Sukawana", "WADMKC": "Serang"}, box(106.15, -6.12, 106.16, -6.11)),
        ({"WADMKD": "Cipare", "WADMKC": "Serang"}, box(106.15, -6.13, 106.16, -6.12)),
        ({"WADMKD": "Atlantis", "WADMKC": "Serang"}, box(106.1, -6.1, 106.11, -6.09)),
    ]
    shp = write_shapefile(tmp_path / "big", rows, prj=esri_wkt(4326))
    source = bf.read_shapefile(shp)
    detected = bf.detect_mapping(source)
    assert (detected.code_field, detected.name_field, detected.parent_name_field) == (
        None, "WADMKD", "WADMKC")
    with database.read() as session:
        shown = bf.preview(session, source, detected)
        without_kecamatan = bf.preview(session, source, bf.FieldMapping(name_field="WADMKD"))
    assert [r.code for r in shown.rows[:3]] == ["36.73.04.1007", "36.73.01.1008",
                                                 "36.73.01.1002"]
    assert "tidak ditemukan di daftar wilayah" in shown.rows[3].problem
    assert "cocok dengan 2 wilayah" in without_kecamatan.rows[0].problem
    with database.write() as session:
        result = bf.import_boundaries(session, actor, source, detected)
    assert result.kelurahan == 3 and result.kecamatan == 2


@needs_shared_data
def test_real_boundaries_through_a_projected_shapefile_give_67_and_6(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    features = json.loads(KELURAHAN_FILE.read_text("utf-8"))["features"]
    rows = [({"KDEPUM": f["properties"]["kode"].replace(".", ""),
              "WADMKD": f["properties"]["nama"]}, _utm(shape(f["geometry"])))
            for f in features]
    shp = write_shapefile(tmp_path / "kota_serang", rows, prj=esri_wkt(32748))
    source = bf.read_shapefile(shp)
    assert source.crs == "EPSG:32748"
    original = shape(features[0]["geometry"])
    assert shapely.hausdorff_distance(source.features[0].geometry, original) < 1e-7
    with database.write() as session:
        result = bf.import_boundaries(session, actor, source)
    assert (result.kelurahan, result.kecamatan, result.dissolved) == (67, 6, True)


def test_cli_previews_then_imports_a_geopackage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from db.engine import sqlite_url

    rows = [({"kode": c, "nama": n}, gpkg_blob(g, 4326)) for c, (n, g) in SQUARES.items()]
    path = write_geopackage(tmp_path / "batas.gpkg", {"kelurahan": rows})
    url = sqlite_url(tmp_path / "cli.sqlite3")
    assert main(["--database", url, "map", "import", str(path), "--preview", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["kelurahan"] == 2 and shown["crs"] == "EPSG:4326"
    assert main(["--database", url, "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["kelurahan"] == 0  # the preview wrote nothing
    assert main(["--database", url, "map", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 kelurahan, 1 kecamatan (dilebur dari kelurahan)" in out
    missing = write_geopackage(tmp_path / "tanpa.gpkg", {"kel": rows}, srs_id=-1)
    assert main(["--database", url, "map", "import", str(missing)]) == 1
    assert "tidak menyebutkan sistem koordinatnya" in capsys.readouterr().err
    assert main(["--database", url, "map", "import", str(missing), "--crs", "EPSG:4326"]) == 0
