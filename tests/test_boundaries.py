"""Boundary import from GeoJSON on SQLite and PostgreSQL: the real Kota Serang file, files
that are not GeoJSON, repairs, swapped coordinates, undotted codes and other CRSs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, box, mapping
from sqlalchemy import func, select

from db import boundaries
from db.actor import Actor
from db.engine import Database
from db.errors import BoundaryFileInvalid
from db.models import AuditEvent, Region

WILAYAH = Path(__file__).resolve().parents[2] / "shared" / "data" / "wilayah"
KELURAHAN_FILE = WILAYAH / "36.73-kota-serang-kelurahan.geojson"
needs_real_file = pytest.mark.skipif(
    not KELURAHAN_FILE.exists(),
    reason=f"reference boundaries not found at {KELURAHAN_FILE} (CI has ../shared/data)",
)


def write_collection(path: Path, features: list[dict], **extra: object) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features, **extra}),
                    encoding="utf-8")
    return path


def feature(geometry: object, **properties: object) -> dict:
    geojson = geometry if isinstance(geometry, dict) or geometry is None else mapping(geometry)
    return {"type": "Feature", "properties": properties, "geometry": geojson}


def square(lon: float, lat: float, size: float = 0.01):  # type: ignore[no-untyped-def]
    return box(lon, lat, lon + size, lat + size)


def run_import(database: Database, actor: Actor, path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    with database.write() as session:
        return boundaries.import_geojson(session, actor, path, **kwargs)


def stored(database: Database) -> dict[str, tuple[str | None, str | None]]:
    with database.read() as session:
        return {r.code: (r.boundary_source, r.boundary_geojson)
                for r in session.scalars(select(Region))}


def audit_count(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).where(AuditEvent.entity == "boundaries"))


@needs_real_file
def test_real_kota_serang_file_gives_67_kelurahan_and_6_dissolved_kecamatan(
    database: Database, actor: Actor
) -> None:
    result = run_import(database, actor, KELURAHAN_FILE)

    assert (result.kelurahan, result.kecamatan, result.dissolved) == (67, 6, True)
    assert result.repaired == [] and result.skipped == []
    raw = json.loads(KELURAHAN_FILE.read_text(encoding="utf-8"))
    with database.read() as session:
        kelurahan = boundaries.region_polygons(session, "desa_kelurahan")
        kecamatan = boundaries.region_polygons(session, "kecamatan")
        sources = boundaries.boundary_sources(session, "kecamatan")
        serang = session.get(Region, "36.73.01.1001")
        assert serang is not None and serang.name == "Serang"
        assert serang.boundary_source == f"import:{KELURAHAN_FILE.name}"
        lon_lat_box = (serang.min_lon, serang.min_lat, serang.max_lon, serang.max_lat)
    assert len(kelurahan) == 67 and len(kecamatan) == 6
    assert set(sources.values()) == {f"dissolved:{KELURAHAN_FILE.name}"}
    assert lon_lat_box == pytest.approx(kelurahan["36.73.01.1001"].bounds)
    assert 106.0 < lon_lat_box[0] < 106.3 and -6.3 < lon_lat_box[1] < -6.0
    # Stored as lon/lat: the file's own centroid falls inside the stored polygon.
    for item in raw["features"]:
        props = item["properties"]
        point = Point(props["centroid_lng"], props["centroid_lat"])
        assert kelurahan[props["kode"]].buffer(1e-3).contains(point), props["kode"]
    # Each kecamatan is the union of its kelurahan, without the slivers between them.
    for code, polygon in kecamatan.items():
        parts = [g for c, g in kelurahan.items() if c.startswith(code + ".")]
        assert polygon.area == pytest.approx(shapely.union_all(parts).area, rel=0.01)
        assert all(polygon.contains(p.representative_point()) for p in parts)
        assert sum(len(p.interiors) for p in getattr(polygon, "geoms", [polygon])) == 0
    assert audit_count(database) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("kode,nama\n36.73.01.1001,Serang\n", "bukan GeoJSON"),
        (json.dumps({"type": "Feature", "geometry": None, "properties": {}}),
         "bukan GeoJSON FeatureCollection"),
        (json.dumps([1, 2, 3]), "bukan GeoJSON FeatureCollection"),
        (json.dumps({"type": "FeatureCollection"}), "tidak memiliki daftar 'features'"),
    ],
    ids=["csv", "single-feature", "json-list", "no-features"],
)
def test_a_file_that_is_not_a_feature_collection_is_refused_and_nothing_changes(
    database: Database, actor: Actor, tmp_path: Path, content: str, expected: str
) -> None:
    run_import(database, actor, write_collection(tmp_path / "lama.geojson", [
        feature(square(106.14, -6.13), kode="36.73.01.1001"),
    ]))
    path = tmp_path / "batas.geojson"
    path.write_text(content, encoding="utf-8")
    before = stored(database)

    with pytest.raises(BoundaryFileInvalid) as caught:
        run_import(database, actor, path)

    assert expected in caught.value.message
    assert "batas.geojson" in caught.value.message
    assert caught.value.hint  # says what to do
    assert stored(database) == before
    assert before["36.73.01.1001"][0] == "import:lama.geojson"
    assert audit_count(database) == 1  # the earlier import only


def test_a_collection_without_polygons_is_refused(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    path = write_collection(tmp_path / "titik.geojson", [
        feature(Point(106.15, -6.12), kode="36.73.01.1001"),
        feature(None, kode="36.73.01.1002"),
    ])

    with pytest.raises(BoundaryFileInvalid, match="tidak berisi poligon"):
        run_import(database, actor, path)
    assert stored(database) == {}


def test_a_bow_tie_polygon_is_repaired_and_reported(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    bow_tie = {"type": "Polygon", "coordinates": [[
        [106.14, -6.13], [106.16, -6.11], [106.16, -6.13], [106.14, -6.11], [106.14, -6.13],
    ]]}
    path = write_collection(tmp_path / "bowtie.geojson", [
        feature(bow_tie, kode="36.73.01.1001", nama="Serang"),
        feature(square(106.17, -6.12), kode="36.73.01.1002", nama="Cipare"),
    ])

    result = run_import(database, actor, path)

    assert len(result.repaired) == 1
    assert result.repaired[0].startswith("36.73.01.1001 Serang:")
    assert "berpotongan" in result.repaired[0] and "diperbaiki" in result.repaired[0]
    with database.read() as session:
        polygons = boundaries.region_polygons(session, "desa_kelurahan")
    repaired = polygons["36.73.01.1001"]
    assert repaired.is_valid and repaired.geom_type in ("Polygon", "MultiPolygon")
    assert repaired.area == pytest.approx(2 * 0.5 * 0.02 * 0.01)  # two triangles
    assert (result.kelurahan, result.kecamatan) == (2, 1)


def test_features_with_the_same_code_are_merged_after_repair(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    bow_tie = {"type": "Polygon", "coordinates": [[
        [106.14, -6.13], [106.16, -6.11], [106.16, -6.13], [106.14, -6.11], [106.14, -6.13],
    ]]}
    path = write_collection(tmp_path / "bagian.geojson", [
        feature(bow_tie, kode="36.73.01.1001", nama="Serang"),
        feature(square(106.16, -6.13, 0.02), kode="36.73.01.1001", nama="Serang"),
    ])

    result = run_import(database, actor, path)

    assert result.kelurahan == 1 and len(result.repaired) == 1
    with database.read() as session:
        merged = boundaries.region_polygons(session, "desa_kelurahan")["36.73.01.1001"]
    assert merged.is_valid
    assert merged.area == pytest.approx(0.0002 + 0.0004)  # two triangles and the square


def test_swapped_latitude_and_longitude_get_a_clear_error(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    swapped = shapely.transform(square(106.15, -6.12), lambda xy: xy[:, ::-1])
    path = write_collection(tmp_path / "tertukar.geojson", [
        feature(swapped, kode="36.73.01.1001"),
    ])

    with pytest.raises(BoundaryFileInvalid) as caught:
        run_import(database, actor, path)

    assert "tertukar" in caught.value.message
    assert "bujur" in caught.value.hint
    assert stored(database) == {}


def test_undotted_and_numeric_codes_are_accepted(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    path = write_collection(tmp_path / "tanpa-titik.geojson", [
        feature(square(106.14, -6.13), KODE="3673011001", NAMA="Serang"),
        feature(square(106.16, -6.13), KODE=3673011002, NAMA="Cipare"),
    ])

    result = run_import(database, actor, path)

    assert result.kelurahan == 2 and result.skipped == []
    with database.read() as session:
        assert set(boundaries.region_polygons(session, "desa_kelurahan")) == {
            "36.73.01.1001", "36.73.01.1002"}
        assert set(boundaries.region_polygons(session, "kecamatan")) == {"36.73.01"}


def test_features_without_a_usable_code_or_geometry_are_skipped_with_the_reason(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    path = write_collection(tmp_path / "campur.geojson", [
        feature(square(106.14, -6.13), kode="36.73.01.1001", nama="Serang"),
        feature(square(106.16, -6.13), nama="Tanpa Kode"),
        feature(square(106.18, -6.13), kode="ABC", nama="Salah Kode"),
        feature(None, kode="36.73.01.1003", nama="Kosong"),
    ])

    result = run_import(database, actor, path)

    assert result.kelurahan == 1
    assert len(result.skipped) == 3
    assert any("Tanpa Kode" in s and "tidak ada kode" in s for s in result.skipped)
    assert any("'ABC'" in s for s in result.skipped)
    assert any(s.startswith("36.73.01.1003") and "kosong" in s for s in result.skipped)


def test_code_property_chooses_between_two_code_columns(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    path = write_collection(tmp_path / "dua-kode.geojson", [
        feature(square(106.14, -6.13), kode="36.73.01.1001", kode_kec="36.73.01"),
    ])

    detected = run_import(database, actor, path)
    chosen = run_import(database, actor, path, code_property="kode_kec")

    assert (detected.kelurahan, detected.dissolved) == (1, True)
    assert (chosen.kelurahan, chosen.kecamatan, chosen.dissolved) == (0, 1, False)
    assert stored(database)["36.73.01"][0] == "import:dua-kode.geojson"


def test_a_projected_file_with_a_crs_member_is_reprojected(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32748", always_xy=True)
    x, y = to_utm.transform(106.15, -6.12)
    path = write_collection(
        tmp_path / "utm.geojson", [feature(box(x, y, x + 1000, y + 1000), kode="36.73.01.1001")],
        crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32748"}},
    )

    run_import(database, actor, path)

    with database.read() as session:
        polygon = boundaries.region_polygons(session, "desa_kelurahan")["36.73.01.1001"]
    # The UTM corner comes back to where it was taken from, on the polygon's outline.
    assert polygon.exterior.distance(Point(106.15, -6.12)) < 1e-7
    min_lon, _min_lat, max_lon, _max_lat = polygon.bounds
    assert max_lon - min_lon == pytest.approx(0.009, abs=0.001)  # 1 km near the equator


def test_regions_missing_from_the_database_are_created_under_their_file_names(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    path = write_collection(tmp_path / "kab-serang.geojson", [
        feature(square(106.30, -6.10), kode="36.04.01.2001", nama="Desa Contoh"),
    ])

    run_import(database, actor, path)

    with database.read() as session:
        village = session.get(Region, "36.04.01.2001")
        assert village is not None and village.name == "Desa Contoh"
        assert village.level == "desa_kelurahan" and village.parent_code == "36.04.01"
        assert session.get(Region, "36.04.01") is not None
        assert session.get(Region, "36").name == "Banten"  # from the bundled list
