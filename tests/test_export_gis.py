"""Households and proposals as GeoJSON, KML and GeoPackage, read back by GDAL's ogrinfo
(Debian gdal-bin) with the right feature count, fields and values."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import struct
import subprocess

import pytest
import sqlalchemy as sa

from db.exports.export import export
from db.exports.gis import GPKG_APPLICATION_ID, GPKG_USER_VERSION, gpkg_point
from db.imports.households import import_households
from db.models import Member, Period, Program, Proposal
from tests.test_import_support import family_rows, write_csv

needs_ogrinfo = pytest.mark.skipif(
    shutil.which("ogrinfo") is None,
    reason="ogrinfo (Debian package gdal-bin) is not installed; CI installs it")


def ogrinfo(path) -> str:  # type: ignore[no-untyped-def]
    out = subprocess.run(["ogrinfo", "-ro", "-al", str(path)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "ERROR" not in out.stderr, out.stderr
    return out.stdout


def feature_count(text: str) -> int:
    return int(re.search(r"Feature Count: (\d+)", text).group(1))  # type: ignore[union-attr]


@pytest.fixture
def located(database, actor, tmp_path):  # type: ignore[no-untyped-def]
    rows = family_rows(9, size=2)
    for row in rows[12:]:  # the last three families have no coordinates
        row[13] = row[14] = ""
    import_households(database, actor, write_csv(tmp_path / "dtsen.csv", rows))
    return rows


@needs_ogrinfo
@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml"])
def test_households_layer_read_back_by_ogrinfo(database, actor, located, tmp_path, fmt):
    out = tmp_path / f"keluarga.{fmt}"
    result = export(database, actor, "households", fmt, out)
    assert (result.rows, result.without_location) == (6, 3)
    text = ogrinfo(out)
    assert feature_count(text) == 6
    assert "Layer name: keluarga" in text
    assert f"NO_KK (String) = {located[0][1]}" in text
    assert "NAMA_KEPALA (String) = WARGA 0" in text
    assert "POINT (106.15 -6.11)" in text


@needs_ogrinfo
def test_proposals_geopackage(database, actor, located, tmp_path):
    with database.write() as session:
        program = session.scalar(sa.select(Program).where(Program.code == "rtlh"))
        period = Period(program_id=program.id, name="RTLH 2025", year=2025)
        session.add(period)
        session.flush()
        for row in located[0:16:2]:  # eight families, two of them without a location
            member = session.scalar(sa.select(Member).where(Member.nik == row[0]))
            session.add(Proposal(program_id=program.id, period_id=period.id,
                                 household_id=member.household_id, state="submitted"))
    out = tmp_path / "usulan.gpkg"
    result = export(database, actor, "proposals", "gpkg", out)
    assert (result.rows, result.without_location) == (6, 2)
    text = ogrinfo(out)
    assert feature_count(text) == 6 and "Geometry: Point" in text
    assert "PROGRAM (String) = Rehabilitasi Rumah Tidak Layak Huni" in text
    assert "STATUS (String) = DIAJUKAN" in text


def test_geopackage_structure_without_gdal(database, actor, located, tmp_path):
    out = tmp_path / "k.gpkg"
    export(database, actor, "households", "gpkg", out, columns=["no_kk", "desil"])
    conn = sqlite3.connect(out)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == GPKG_APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == GPKG_USER_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        srs = {r[0] for r in conn.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")}
        assert srs == {-1, 0, 4326}
        contents = conn.execute("SELECT table_name, data_type, srs_id, min_x, max_y "
                                "FROM gpkg_contents").fetchone()
        assert contents[:3] == ("keluarga", "features", 4326)
        assert contents[3] == pytest.approx(106.15) and contents[4] == pytest.approx(-6.11)
        geom, desil = conn.execute("SELECT geom, DESIL FROM keluarga ORDER BY fid").fetchone()
    finally:
        conn.close()
    assert geom[:2] == b"GP" and geom[2] == 0 and geom[3] == 1
    assert struct.unpack("<i", geom[4:8])[0] == 4326
    assert struct.unpack("<BIdd", geom[8:]) == (1, 1, 106.15, -6.11)
    assert geom == gpkg_point(106.15, -6.11) and desil == 1


def test_geojson_is_plain_rfc7946(database, actor, located, tmp_path):
    out = tmp_path / "k.geojson"
    export(database, actor, "households", "geojson", out, columns=["no_kk", "rt_rw", "desil"])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 6
    first = data["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [106.15, -6.11]}
    assert first["properties"] == {"NO_KK": located[0][1], "RT_RW": "001/001", "DESIL": 1}
