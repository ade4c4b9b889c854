"""Spatial services on SQLite and PostgreSQL: projections, the UTM zone picked from the
data, kelurahan assignment, the map's points in one query, hit tests, the identify card
and the spatial check (wrong kelurahan, outside the region, swapped, near-duplicates),
including the demo register's planted wrong-kelurahan household."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import box
from sqlalchemy.orm import Session

from db import boundaries, demo, spatial
from db.actor import Actor
from db.codes import name_key
from db.engine import Database
from db.errors import PermissionDenied
from db.models import Finding, Household, Member, Period, Program, Proposal
from db.nik import make_kk, make_nik
from db.regions import kota_serang_codes, upsert_codes

WILAYAH = Path(__file__).resolve().parents[2] / "shared" / "data" / "wilayah"
KELURAHAN_FILE = WILAYAH / "36.73-kota-serang-kelurahan.geojson"
needs_shared_data = pytest.mark.skipif(
    not KELURAHAN_FILE.exists(),
    reason=f"{WILAYAH} is absent: the real Kota Serang boundaries live in ../shared/data",
)

SERANG = "36.73.01.1001"  # Kel. Serang, Kec. Serang
CIPARE = "36.73.01.1002"
KASEMEN = "36.73.02.1001"


# ------------------------------------------------------------------ pure functions


def test_web_mercator_round_trip_and_known_value() -> None:
    x, y = spatial.to_web_mercator(np.array([0.0, 106.15]), np.array([0.0, -6.12]))
    assert x[0] == pytest.approx(0.0, abs=1e-6) and y[0] == pytest.approx(0.0, abs=1e-6)
    # 106.15°E is 106.15/180 of half the world (20037508.34 m) east of Greenwich.
    assert x[1] == pytest.approx(106.15 / 180 * 20037508.342789244, rel=1e-9)
    lon, lat = spatial.from_web_mercator(x, y)
    assert lon[1] == pytest.approx(106.15, abs=1e-9) and lat[1] == pytest.approx(-6.12, abs=1e-9)


def test_utm_zone_is_chosen_from_the_data() -> None:
    # Kota Serang: zone 48 south.
    assert spatial.utm_crs_for([106.10, 106.15, 106.2], [-6.1, -6.12, -6.15]) == "EPSG:32748"
    # Medan lies north of the equator in zone 47; Jayapura in zone 54 south.
    assert spatial.utm_crs_for([98.67], [3.59]) == "EPSG:32647"
    assert spatial.utm_crs_for([140.7], [-2.53]) == "EPSG:32754"
    # A few stray points do not move the zone: the median decides.
    lon = [106.1] * 20 + [140.0, 95.0]
    assert spatial.utm_crs_for(lon, [-6.1] * 22) == "EPSG:32748"
    with pytest.raises(ValueError):
        spatial.utm_crs_for([np.nan], [np.nan])


def test_distances_in_metres() -> None:
    # One degree of latitude is about 110.6 km near the equator.
    assert spatial.line_length_m([106.0, 106.0], [-6.0, -7.0]) == pytest.approx(110_600, rel=2e-3)
    assert spatial.line_length_m([106.0], [-6.0]) == 0.0


@pytest.mark.parametrize(("lon", "lat", "fragment"), [
    (-6.12, 106.15, "tertukar"),
    (2.35, 48.85, "di luar Indonesia"),
    (106.15, 48.0, "di luar Indonesia"),
])
def test_coordinate_problems_are_explained(lon: float, lat: float, fragment: str) -> None:
    message = spatial.coordinate_problem(lon, lat)
    assert message is not None and fragment in message
    if fragment == "tertukar":
        assert "bujur 106.15000" in message and "lintang -6.12000" in message


def test_a_house_in_serang_has_no_coordinate_problem() -> None:
    assert spatial.coordinate_problem(106.15, -6.12) is None
    assert spatial.coordinate_problem(None, None) is None


def test_assignment_handles_inside_overlap_and_gap() -> None:
    polygons = {"A": box(0, 0, 10, 10), "B": box(9, 0, 20, 10)}  # overlap 9..10
    lon = np.array([5.0, 15.0, 9.5, 25.0])
    lat = np.array([5.0, 5.0, 5.0, 5.0])
    result = spatial.assign_kelurahan(lon, lat, polygons)
    assert [result.code_of(i) for i in range(4)] == ["A", "B", "A", None]
    assert result.overlaps == {2: ("A", "B")}
    # A point in the overlap lies in both, so it is inside whichever it was recorded in.
    assert result.contains(["A", "A", "B", "A"]).tolist() == [True, False, True, False]


def test_point_index_nearest_box_and_lasso() -> None:
    x = np.array([0.0, 10.0, 20.0, 30.0])
    y = np.array([0.0, 0.0, 10.0, 10.0])
    index = spatial.PointIndex(x, y)
    assert index.nearest(9.0, 1.0, max_distance=3) == 1
    assert index.nearest(15.0, 5.0, max_distance=3) is None
    assert index.in_box(5, -1, 25, 11).tolist() == [1, 2]
    triangle = np.array([[-5, -5], [25, -5], [-5, 25]])
    assert index.in_polygon(triangle).tolist() == [0, 1]
    # A figure-eight lasso is repaired, not refused.
    bow = np.array([[-1, -1], [31, 11], [31, -1], [-1, 11]])
    assert set(index.in_polygon(bow).tolist()) >= {0, 3}


# ------------------------------------------------------------------ the register


def _seed_regions(database: Database) -> None:
    with database.write() as session:
        upsert_codes(session, kota_serang_codes())


def _household(session: Session, serial: int, kelurahan: str, lon: float | None,
               lat: float | None, head: str = "Budi Santoso", desil: int | None = 3
               ) -> Household:
    kec = kelurahan.rsplit(".", 1)[0]
    household = Household(no_kk=make_kk(kec, dt.date(2015, 3, 2), serial),
                          kelurahan_code=kelurahan, address="Jl. Uji", rt="001", rw="002",
                          longitude=lon, latitude=lat, desil=desil)
    session.add(household)
    session.flush()
    session.add(Member(household_id=household.id,
                       nik=make_nik(kec, dt.date(1980, 1, 1), "L", serial), name=head,
                       name_key=name_key(head), sex="L", relationship_code="head"))
    session.flush()
    return household


def test_household_points_come_in_one_query_with_their_attributes(
    database: Database, actor: Actor
) -> None:
    _seed_regions(database)
    with database.write() as session:
        a = _household(session, 1, SERANG, 106.15, -6.12, desil=1)
        b = _household(session, 2, CIPARE, 106.16, -6.13, desil=None)
        _household(session, 3, KASEMEN, None, None)  # no location: counted, not drawn
        pbi = session.query(Program).filter_by(code="pbi-jk").one()
        period = Period(program_id=pbi.id, name="PBI 2025", year=2025)
        session.add(period)
        session.flush()
        session.add_all([
            Proposal(program_id=pbi.id, period_id=period.id, household_id=a.id, state="draft"),
            Proposal(program_id=pbi.id, period_id=period.id, household_id=a.id,
                     state="submitted"),
            Finding(household_id=a.id, rule="x", severity="warning", message="w"),
            Finding(household_id=a.id, rule="y", severity="blocker", message="b"),
            Finding(household_id=b.id, rule="z", severity="blocker", message="b",
                    overridden_at=dt.datetime.now(dt.UTC), override_reason="ok"),
        ])
        ids = (a.id, b.id)
    with database.read() as session:
        queries: list[str] = []
        from sqlalchemy import event

        engine = session.get_bind()

        def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
            queries.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        try:
            points = spatial.household_points(session, actor)
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len([q for q in queries if "households" in q]) == 1
    assert points.ids.tolist() == list(ids)
    assert points.without_location == 1
    assert points.kelurahan.codes == (SERANG, CIPARE)
    status = points.attributes["status"]
    # The latest proposal decides; the household without one has none.
    assert [status.code_at(0), status.code_at(1)] == ["submitted", None]
    assert points.attributes["program"].code_at(0) == "pbi-jk"
    assert [points.attributes["desil"].code_at(i) for i in (0, 1)] == ["1", None]
    # The worst open finding; an overridden one no longer flags.
    assert [points.attributes["flag"].code_at(i) for i in (0, 1)] == ["blocker", None]
    x, y = spatial.to_web_mercator(np.array([106.15]), np.array([-6.12]))
    assert points.x[0] == pytest.approx(x[0]) and points.y[0] == pytest.approx(y[0])
    assert points.positions_of([ids[1], 999_999]).tolist() == [1]


def test_points_follow_the_actors_scope(database: Database, actor: Actor) -> None:
    _seed_regions(database)
    with database.write() as session:
        _household(session, 1, SERANG, 106.15, -6.12)
        _household(session, 2, KASEMEN, 106.17, -6.05)
    kasemen_only = Actor(actor.user_id, actor.username, actor.roles, frozenset({"36.73.02"}))
    with database.read() as session:
        points = spatial.household_points(session, kasemen_only)
        assert points.kelurahan.codes == (KASEMEN,)
        nobody = Actor(actor.user_id, "tamu", frozenset(), frozenset())
        with pytest.raises(PermissionDenied):
            spatial.household_points(session, nobody)


def test_household_card_masks_the_kk_for_roles_without_full_view(
    database: Database, actor: Actor
) -> None:
    _seed_regions(database)
    with database.write() as session:
        household = _household(session, 7, SERANG, 106.15, -6.12, head="Siti Aminah")
        hid, kk = household.id, household.no_kk
    with database.read() as session:
        card = spatial.household_card(session, actor, hid)
        reviewer = Actor(actor.user_id, "peninjau", frozenset({"reviewer"}))
        masked = spatial.household_card(session, reviewer, hid)
    assert card.no_kk == kk and card.head_name == "Siti Aminah"
    assert card.kelurahan_name == "Serang" and card.members == 1
    assert masked.no_kk != kk and "*" in masked.no_kk


# ------------------------------------------------------------------ boundaries and the check


@needs_shared_data
def test_importing_the_real_file_gives_67_kelurahan_and_6_dissolved_kecamatan(
    database: Database, actor: Actor
) -> None:
    with database.write() as session:
        result = boundaries.import_geojson(session, actor, KELURAHAN_FILE)
    assert (result.kelurahan, result.kecamatan, result.dissolved) == (67, 6, True)
    with database.read() as session:
        shapes = spatial.boundary_shapes(session)
    kelurahan = [s for s in shapes if s.level == boundaries.KELURAHAN]
    kecamatan = [s for s in shapes if s.level == boundaries.KECAMATAN]
    assert len(kelurahan) == 67 and len(kecamatan) == 6
    assert all(s.source.startswith("dissolved:") for s in kecamatan)
    # Shapes come projected for drawing, with a label point inside each region.
    for s in shapes:
        assert s.geometry.bounds[0] > 11_000_000  # Web Mercator metres, not degrees
        assert s.geometry.buffer(1).contains(shapely.Point(s.label_x, s.label_y))


def _import_real(database: Database, actor: Actor) -> None:
    with database.write() as session:
        boundaries.import_geojson(session, actor, KELURAHAN_FILE)


def _inside(database: Database, code: str) -> tuple[float, float]:
    with database.read() as session:
        polygon = boundaries.region_polygons(session, boundaries.KELURAHAN)[code]
    point = polygon.representative_point()
    return point.x, point.y


@needs_shared_data
def test_spatial_check_names_each_kind_of_problem(database: Database, actor: Actor) -> None:
    _import_real(database, actor)
    serang = _inside(database, SERANG)
    cipare = _inside(database, CIPARE)
    with database.write() as session:
        ok = _household(session, 1, SERANG, *serang, head="Ahmad Fauzi")
        wrong = _household(session, 2, SERANG, *cipare, head="Rina Marlina")
        swapped = _household(session, 3, SERANG, serang[1], serang[0], head="Dedi")
        paris = _household(session, 4, SERANG, 2.35, 48.85, head="Eko")
        jakarta = _household(session, 5, SERANG, 106.82, -6.20, head="Fajar")
        # A second KK 8 m east of the first, head's name spelt differently.
        twin = _household(session, 6, SERANG, serang[0] + 8 / 110_600, serang[1],
                          head="Achmad Fauzi")
        _household(session, 7, SERANG, None, None)
        ids = {n: h.id for n, h in (("ok", ok), ("wrong", wrong), ("swapped", swapped),
                                    ("paris", paris), ("jakarta", jakarta), ("twin", twin))}
    with database.read() as session:
        report = spatial.check_spatial(session, actor)
    by_kind: dict[str, list[spatial.SpatialFinding]] = {}
    for finding in report.findings:
        by_kind.setdefault(finding.kind, []).append(finding)
    assert report.crs == "EPSG:32748"
    assert report.checked == 6 and report.without_location == 1
    assert [f.household_id for f in by_kind[spatial.WRONG_KELURAHAN]] == [ids["wrong"]]
    found = by_kind[spatial.WRONG_KELURAHAN][0]
    assert found.found_kelurahan_code == CIPARE and found.distance_m > 12
    assert "Kel. Serang" in found.message and "Kel. Cipare" in found.message
    assert [f.household_id for f in by_kind[spatial.SWAPPED]] == [ids["swapped"]]
    assert [f.household_id for f in by_kind[spatial.OUTSIDE_INDONESIA]] == [ids["paris"]]
    assert [f.household_id for f in by_kind[spatial.OUTSIDE_REGION]] == [ids["jakarta"]]
    assert "km di luar wilayah kantor" in by_kind[spatial.OUTSIDE_REGION][0].message
    pair = by_kind[spatial.NEAR_DUPLICATE]
    assert [(f.household_id, f.other_household_id) for f in pair] == [(ids["ok"], ids["twin"])]
    assert pair[0].distance_m == pytest.approx(8, abs=0.5)
    assert report.counts()[spatial.NEAR_DUPLICATE] == 1
    assert any("Kemungkinan keluarga ganda" in line for line in report.lines())


@needs_shared_data
def test_spatial_check_tolerates_gaps_between_simplified_kelurahan(
    database: Database, actor: Actor
) -> None:
    _import_real(database, actor)
    with database.read() as session:
        polygons = boundaries.region_polygons(session, boundaries.KELURAHAN)
    union = shapely.union_all(list(polygons.values()))
    hole = next(shapely.Polygon(ring) for part in getattr(union, "geoms", [union])
                for ring in part.interiors if shapely.Polygon(ring).area > 1e-8)
    point = hole.representative_point()
    neighbour = min(polygons, key=lambda c: polygons[c].distance(point))
    with database.write() as session:
        _household(session, 1, neighbour, point.x, point.y)
    with database.read() as session:
        report = spatial.check_spatial(session, actor)
    assert report.findings == []


@needs_shared_data
def test_spatial_check_finds_the_demo_planted_wrong_kelurahan_household(
    database: Database, actor: Actor
) -> None:
    _import_real(database, actor)
    summary = demo.generate(database, actor, 400, seed=3)
    planted = [p for p in summary.planted if p.kind == "wrong_kelurahan"]
    assert len(planted) == 1
    with database.read() as session:
        report = spatial.check_spatial(session, actor)
    wrong = [f.household_id for f in report.findings if f.kind == spatial.WRONG_KELURAHAN]
    assert wrong == list(planted[0].household_ids)


def test_spatial_check_can_be_cancelled(database: Database, actor: Actor) -> None:
    with database.read() as session, pytest.raises(spatial.SpatialCheckCancelled):
        spatial.check_spatial(session, actor, cancelled=lambda: True)
