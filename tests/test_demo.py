"""The demo register on SQLite and PostgreSQL: counts, valid NIK/KK, points inside their
kelurahan, planted problems, determinism, refusal, cancel, and real boundaries."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import shapely
import sqlalchemy as sa
from sqlalchemy import func, select

from db import boundaries, codes, demo, schema
from db.actor import Actor, demo_admin
from db.engine import Database, open_database, sqlite_url
from db.errors import NotEmpty, ValidationFailed
from db.models import (
    AuditEvent,
    Household,
    Member,
    ReferenceEntry,
    ReferenceList,
    Region,
)
from db.nik import parse_kk, parse_nik

N = 300
WILAYAH = Path(__file__).resolve().parents[2] / "shared" / "data" / "wilayah"
KELURAHAN_FILE = WILAYAH / "36.73-kota-serang-kelurahan.geojson"
KINDS = {"duplicate_person", "wrong_kelurahan", "asn_in_poor_family", "already_rehabilitated",
         "already_pbi"}


def planted(summary: demo.DemoSummary, kind: str) -> demo.PlantedProblem:
    (problem,) = [p for p in summary.planted if p.kind == kind]
    return problem


def households_and_points(database: Database) -> list[tuple[int, str, float, float]]:
    with database.read() as session:
        return [tuple(r) for r in session.execute(  # type: ignore[misc]
            select(Household.id, Household.kelurahan_code, Household.longitude,
                   Household.latitude).order_by(Household.id))]


def schema_objects(database: Database) -> list[tuple[str, ...]]:
    """Indexes, triggers and constraints: the bulk load drops some and must restore them."""
    with database.engine.connect() as conn:
        if database.dialect == "sqlite":
            rows = conn.execute(sa.text(
                "SELECT type, name, coalesce(sql, '') FROM sqlite_master"))
        else:
            rows = conn.execute(sa.text(
                "SELECT 'index', indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = current_schema() UNION ALL "
                "SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE connamespace = current_schema()::regnamespace"))
        return sorted(tuple(r) for r in rows)


def assert_points_in_declared_kelurahan(database: Database, summary: demo.DemoSummary) -> None:
    wrong = planted(summary, "wrong_kelurahan").household_ids[0]
    with database.read() as session:
        polygons = boundaries.region_polygons(session, "desa_kelurahan")
    rows = households_and_points(database)
    assert len(rows) == summary.households
    for household_id, kelurahan, lon, lat in rows:
        inside = shapely.contains_xy(polygons[kelurahan], lon, lat)
        assert inside == (household_id != wrong), (household_id, kelurahan)
    _, kelurahan, lon, lat = next(r for r in rows if r[0] == wrong)
    elsewhere = [c for c, g in polygons.items() if c != kelurahan and shapely.contains_xy(g, lon, lat)]
    assert elsewhere, "the misplaced point must fall in another kelurahan"


def test_counts_audit_and_planted_problems_match_the_summary(
    database: Database, actor: Actor
) -> None:
    calls: list[tuple[int, int]] = []
    summary = demo.generate(database, actor, N, seed=3,
                            progress=lambda done, total: calls.append((done, total)))

    assert summary.households == N
    assert summary.kecamatan == ("36.73.01", "36.73.02", "36.73.03", "36.73.04", "36.73.05",
                                 "36.73.06")
    assert summary.geometry == "demo"
    assert {p.kind for p in summary.planted} == KINDS
    total = calls[0][1]
    assert calls[0] == (0, total) and calls[-1] == (total, total) and total >= N
    assert all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    with database.read() as session:
        assert session.scalar(select(func.count(Household.id))) == N
        assert session.scalar(select(func.count(Member.id))) == summary.members
        assert session.scalar(select(func.sum(Household.occupants))) == summary.members
        heads = Counter(session.scalars(
            select(Member.household_id).where(Member.relationship_code == "head")))
        assert len(heads) == N and set(heads.values()) == {1}
        assert 3.0 <= summary.members / N <= 4.0
        sources = Counter(session.scalars(
            select(Region.boundary_source).where(Region.boundary_geojson.is_not(None))))
        assert sources == {"demo": 67 + 6}
        event = session.scalar(select(AuditEvent).where(AuditEvent.entity == "demo"))
        assert event is not None and event.action == "create"
        assert '"households": 300' in event.new_value

        rehab = planted(summary, "already_rehabilitated")
        aid = session.execute(
            select(ReferenceEntry.no_kk, ReferenceEntry.year)
            .join(ReferenceList, ReferenceList.id == ReferenceEntry.list_id)
            .where(ReferenceList.kind == "housing_aid")).one()
        assert aid.no_kk == rehab.no_kk and 2000 < aid.year <= demo.REFERENCE_DATE.year
        assert rehab.no_kk in rehab.description

        pbi = planted(summary, "already_pbi")
        covered = session.scalar(
            select(ReferenceEntry.nik).join(ReferenceList, ReferenceList.id == ReferenceEntry.list_id)
            .where(ReferenceList.kind == "coverage"))
        member = session.scalar(select(Member).where(Member.nik == pbi.nik))
        assert covered == pbi.nik and pbi.nik in pbi.description
        assert (member.jkn_status, member.jkn_segment) == ("active", "pbi_apbn")

        asn = planted(summary, "asn_in_poor_family")
        worker = session.scalar(select(Member).where(Member.nik == asn.nik))
        assert worker.asn_tni_polri and worker.occupation in codes.STATE_APPARATUS_OCCUPATIONS
        assert session.get(Household, asn.household_ids[0]).desil == 1
        # The planted one is the only ASN/TNI/Polri in a family of desil 1 to 6.
        assert session.scalar(
            select(func.count(Member.id)).join(Household)
            .where(Member.asn_tni_polri.is_(True), Household.desil <= 6)) == 1

        twin = planted(summary, "duplicate_person")
        people = session.execute(
            select(Member.household_id, Member.nik, Member.name, Member.birth_date,
                   Member.birth_place, Member.sex)
            .where(Member.name_key == codes.name_key(
                session.scalar(select(Member.name).where(Member.nik == twin.nik))))
        ).all()
        same = [p for p in people if p.birth_date == people[0].birth_date]
        assert {p.household_id for p in same} == set(twin.household_ids)
        assert len({(p.name, p.birth_date, p.birth_place, p.sex) for p in same}) == 1
        assert len({p.nik for p in same}) == 2
        # No chance namesakes: the planted pair is the only one the desk check can find.
        namesakes = session.execute(
            select(Member.name_key).group_by(Member.name_key, Member.birth_date, Member.sex)
            .having(func.count(func.distinct(Member.household_id)) > 1)).scalars().all()
        assert namesakes == [codes.name_key(same[0].name)]

    lines = summary.lines()
    assert lines[0].startswith("Data demo dibuat: 300 keluarga")
    assert any("bukan batas resmi" in line for line in lines)
    assert sum(p.description in "\n".join(lines) for p in summary.planted) == 5
    assert summary.as_dict()["planted"][0]["household_ids"] == list(summary.planted[0].household_ids)

    # Ids were assigned by the generator: the database's own next id must follow them.
    with database.write() as session:
        extra = Household(no_kk="3673011201200999", kelurahan_code="36.73.01.1001")
        session.add(extra)
        session.flush()
        assert extra.id > N


def test_every_nik_and_kk_is_valid_and_agrees_with_the_person(
    database: Database, actor: Actor
) -> None:
    demo.generate(database, actor, N, seed=5)

    with database.read() as session:
        members = session.execute(
            select(Member.nik, Member.name, Member.name_key, Member.sex, Member.birth_date,
                   Household.kelurahan_code).join(Household)).all()
        families = session.execute(
            select(Household.no_kk, Household.kelurahan_code, Household.rt, Household.rw,
                   Household.desil)).all()
    local = 0
    for m in members:
        parts = parse_nik(m.nik)
        assert (parts.birth_day, parts.birth_month, parts.birth_year2) == (
            m.birth_date.day, m.birth_date.month, m.birth_date.year % 100), m.nik
        assert parts.sex == m.sex, m.nik
        assert m.birth_date <= demo.REFERENCE_DATE
        assert m.name_key == codes.name_key(m.name)
        local += parts.region == m.kelurahan_code[:8]
    assert len({m.nik for m in members}) == len(members)
    # Most people were first registered where they live; a few elsewhere.
    assert 0.85 * len(members) < local < len(members)
    for f in families:
        issued = parse_kk(f.no_kk)
        assert f.no_kk[:6] == f.kelurahan_code[:8].replace(".", "")
        assert issued <= demo.REFERENCE_DATE
        assert len(f.rt) == len(f.rw) == 3 and f.rt.isdigit() and f.rw.isdigit()
        assert 1 <= f.desil <= 10
    desil = Counter(f.desil for f in families)
    assert desil[1] > desil[10]  # the register leans towards the poor
    assert len({f.no_kk for f in families}) == N


def test_points_lie_inside_their_kelurahan_except_the_planted_one(
    database: Database, actor: Actor
) -> None:
    summary = demo.generate(database, actor, N, seed=11)

    assert_points_in_declared_kelurahan(database, summary)


def test_the_same_seed_gives_the_same_register(
    database: Database, actor: Actor, tmp_path: Path
) -> None:
    other = open_database(sqlite_url(tmp_path / "second.sqlite3"))
    third = open_database(sqlite_url(tmp_path / "third.sqlite3"))
    try:
        for db in (other, third):
            schema.upgrade(db, backup=False)

        def register(db: Database, seed: int) -> tuple[list, list]:  # type: ignore[type-arg]
            with db.read() as session:
                admin = demo_admin(session)
            demo.generate(db, admin, 120, seed=seed)
            with db.read() as session:
                niks = session.scalars(select(Member.nik).order_by(Member.id)).all()
                houses = session.execute(
                    select(Household.no_kk, Household.address, Household.longitude,
                           Household.latitude).order_by(Household.id)).all()
            return list(niks), [tuple(h) for h in houses]

        first = register(database, 42)
        assert register(other, 42) == first
        assert register(third, 43)[0] != first[0]
    finally:
        other.dispose()
        third.dispose()


def test_a_register_with_households_is_refused(database: Database, actor: Actor) -> None:
    demo.generate(database, actor, 20, seed=1)

    with pytest.raises(NotEmpty) as caught:
        demo.generate(database, actor, 20, seed=2)

    assert "20 keluarga" in caught.value.message
    assert "basis data baru" in (caught.value.hint or "")
    with database.read() as session:
        assert session.scalar(select(func.count(Household.id))) == 20


def test_cancel_leaves_the_database_as_it_was(database: Database, actor: Actor) -> None:
    before = schema_objects(database)
    reported: list[int] = []

    with pytest.raises(demo.DemoCancelled):
        demo.generate(database, actor, 1200, seed=1,
                      progress=lambda done, _total: reported.append(done),
                      cancelled=lambda: any(done > 1200 // 4 for done in reported))

    # Cancelled after the first chunk of rows (500 households) went into the database.
    assert reported[-1] == 1200 // 4 + 500
    with database.read() as session:
        assert session.scalar(select(func.count(Household.id))) == 0
        assert session.scalar(select(func.count(Member.id))) == 0
        assert session.scalar(select(func.count()).select_from(Region)) == 0
        assert session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.entity == "demo")) == 0
    assert schema_objects(database) == before


def test_the_bulk_load_leaves_indexes_triggers_and_keys_in_place(
    database: Database, actor: Actor
) -> None:
    before = schema_objects(database)

    demo.generate(database, actor, 50, seed=1)

    assert schema_objects(database) == before
    if database.dialect == "sqlite":
        # The trigram search table was rebuilt from the loaded members.
        with database.read() as session:
            name = session.scalar(select(Member.name_key).limit(1))
            found = session.execute(sa.text(
                "SELECT count(*) FROM members_search WHERE members_search MATCH :q"),
                {"q": f'"{name}"'}).scalar()
        assert found >= 1


def test_only_the_chosen_kecamatan_get_households(database: Database, actor: Actor) -> None:
    summary = demo.generate(database, actor, 80, kecamatan=["367302"], seed=2)

    assert summary.kecamatan == ("36.73.02",)
    with database.read() as session:
        kelurahan = set(session.scalars(select(Household.kelurahan_code)))
    assert kelurahan and all(code.startswith("36.73.02.") for code in kelurahan)


def test_an_unknown_kecamatan_is_refused_before_anything_is_written(
    database: Database, actor: Actor
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        demo.generate(database, actor, 10, kecamatan=["36.73.09"])

    assert "36.73.09" in str(caught.value) and "36.73.01 Serang" in str(caught.value)
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Region)) == 0


def test_a_tiny_register_gets_the_problems_that_fit(database: Database, actor: Actor) -> None:
    summary = demo.generate(database, actor, 1, seed=4)

    assert [p.kind for p in summary.planted] == ["wrong_kelurahan"]
    with database.read() as session:
        assert session.scalar(select(func.count(Member.id))) == summary.members


@pytest.mark.skipif(not KELURAHAN_FILE.exists(),
                    reason=f"reference boundaries not found at {KELURAHAN_FILE}")
def test_with_real_boundaries_points_fall_inside_the_real_polygons(
    database: Database, actor: Actor
) -> None:
    with database.write() as session:
        boundaries.import_geojson(session, actor, KELURAHAN_FILE)

    summary = demo.generate(database, actor, N, seed=9)

    assert summary.geometry == "imported"
    assert "hasil impor" in summary.lines()[1]
    assert_points_in_declared_kelurahan(database, summary)
    with database.read() as session:
        sources = set(boundaries.boundary_sources(session, "desa_kelurahan").values())
    assert sources == {f"import:{KELURAHAN_FILE.name}"}
    lon, lat = np.array([r[2:] for r in households_and_points(database)]).T
    assert 106.0 < lon.min() and lon.max() < 106.3 and -6.25 < lat.min() and lat.max() < -6.0

