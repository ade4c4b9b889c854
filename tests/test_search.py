"""Register listing and search (db/search.py) and migration 0002's trigram indexes."""

from __future__ import annotations

import datetime as dt
import json
import uuid
import warnings
from dataclasses import replace

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from db import schema
from db import search as s
from db.actor import Actor, demo_admin
from db.engine import Database, open_database
from db.models import Finding, Member, Period, Program, Proposal
from tests.test_households import KASEMEN, SERANG, family, person, save, seed_regions

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


@pytest.fixture
def reg(database, actor):  # type: ignore[no-untyped-def]
    """A small register: six households in three kelurahan with different traits."""
    seed_regions(database)
    made = {}
    made["budi"] = save(database, actor, family(1, desil=2)).household
    made["asep"] = save(database, actor, family(
        2, person(21, "Asep Saepudin", born=dt.date(1955, 1, 1)),
        person(22, "Hj. Nur Aini", sex="P", born=dt.date(1958, 2, 2), relationship="spouse",
               disability="physical"),
        rt="003", rw="001", desil=1, longitude=106.15, latitude=-6.12)).household
    made["dedi"] = save(database, actor, family(
        3, person(31, "Dedi Kurniawan", born=dt.date(1985, 3, 3), occupation="civil_servant",
                  jkn_status="active", jkn_segment="ppu"),
        kelurahan=SERANG, desil=7, address="Perum Bumi Ciruas Blok A")).household
    made["wati"] = save(database, actor, family(
        4, person(41, "Wati", sex="P", born=dt.date(1970, 4, 4), chronic_illness=True,
                  jkn_status="active", jkn_segment="pbi_apbn"),
        person(42, "Ai Komariah", sex="P", born=dt.date(2001, 5, 5), relationship="child"),
        kelurahan=KASEMEN, desil=4, rw="005", rt="010")).household
    made["yusuf"] = save(database, actor, family(
        5, person(51, "Yusuf", born=dt.date(1960, 6, 6), deceased=True),
        person(52, "Iis Aisyah", sex="P", born=dt.date(1962, 7, 7), relationship="head"),
        kelurahan=KASEMEN, desil=None)).household
    made["zaenal"] = save(database, actor, family(
        6, person(61, "Zaenal Abidin", born=dt.date(1990, 8, 8)), desil=10)).household
    with database.write() as session:
        rtlh = session.scalar(sa.select(Program).where(Program.code == "rtlh"))
        pbi = session.scalar(sa.select(Program).where(Program.code == "pbi-jk"))
        period = Period(program_id=rtlh.id, name="RTLH 2025", year=2025)
        period_pbi = Period(program_id=pbi.id, name="PBI 2025", year=2025)
        session.add_all([period, period_pbi])
        session.flush()
        session.add_all([
            Proposal(program_id=rtlh.id, period_id=period.id, household_id=made["asep"].id,
                     state="submitted"),
            Proposal(program_id=pbi.id, period_id=period_pbi.id, household_id=made["wati"].id,
                     member_id=made["wati"].members[1].id, state="draft"),
            Finding(household_id=made["dedi"].id, rule="asn", severity="blocker",
                    message="ASN"),
        ])
    return database, actor, made


def ids(database: Database, actor: Actor, **kw) -> list[int]:  # type: ignore[no-untyped-def]
    sort = kw.pop("sort", "location")
    descending = kw.pop("descending", False)
    with database.read() as session:
        return s.household_ids(session, actor, s.RegisterFilter(**kw), sort, descending)


def names(database: Database, actor: Actor, found: list[int]) -> list[str]:
    with database.read() as session:
        return [r.head_name for r in s.fetch_rows(session, actor, found)]


# --------------------------------------------------------------------------- text search


def test_search_by_name_ignores_case_spacing_and_punctuation(reg):
    database, actor, made = reg
    for text in ("nur aini", "NURAINI", "nur'aini", "uraini"):
        assert set(ids(database, actor, text=text)) == {made["asep"].id, made["budi"].id}, text
    assert ids(database, actor, text="HJ nur-aini") == [made["asep"].id]
    assert ids(database, actor, text="komariah") == [made["wati"].id]
    assert ids(database, actor, text="ai") == [made["wati"].id]  # short: from the start
    assert ids(database, actor, text="tidak ada orang ini") == []
    assert ids(database, actor, text=" .,- ") == ids(database, actor)


def test_search_by_nik_and_kk_whole_or_part(reg):
    database, actor, made = reg
    wati = made["wati"]
    child_nik = wati.members[1].nik
    assert ids(database, actor, text=child_nik) == [wati.id]
    spaced = f"{child_nik[:6]} {child_nik[6:12]} {child_nik[12:]}"
    assert ids(database, actor, text=spaced) == [wati.id]
    assert ids(database, actor, text=child_nik[6:12]) == [wati.id]  # birth-date part
    assert ids(database, actor, text=wati.no_kk) == [wati.id]
    assert ids(database, actor, text=wati.no_kk[-6:]) == [wati.id]
    with database.read() as session:
        assert s.lookup(session, actor, child_nik) == wati.id
        assert s.lookup(session, actor, "-".join([wati.no_kk[:8], wati.no_kk[8:]])) == wati.id
        assert s.lookup(session, actor, "3.67301E+15") is None
        assert s.lookup(session, actor, "3673010101010999") is None


def test_index_follows_renames(reg):
    database, actor, made = reg
    zaenal = made["zaenal"]
    renamed = replace(zaenal.members[0], name="Zainal Arifin")
    save(database, actor, replace(zaenal, members=(renamed,)), base=zaenal)
    assert ids(database, actor, text="arifin") == [zaenal.id]
    assert ids(database, actor, text="abidin") == []


def test_find_orders_exact_and_starting_matches_first(reg):
    database, actor, made = reg
    with database.read() as session:
        hits = s.find(session, actor, "ai")
        assert [h.member_name for h in hits] == ["Ai Komariah"]
        hits = s.find(session, actor, "aisyah")
        assert [(h.member_name, h.head_name) for h in hits] == [("Iis Aisyah", "Iis Aisyah")]
        hits = s.find(session, actor, made["wati"].members[0].nik)
        assert hits[0].matched_by == "nik" and hits[0].member_name == "Wati"
        hits = s.find(session, actor, made["dedi"].no_kk)
        assert [(h.matched_by, h.head_name) for h in hits] == [("no_kk", "Dedi Kurniawan")]
        assert len(s.find(session, actor, "a", limit=2)) == 2


def test_cli_find(reg, capsys):
    from desktop.cli import main

    database, _actor, made = reg
    url = database.url.render_as_string(hide_password=False)
    assert main(["--database", url, "find", "NUR AINI", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {h["household_id"] for h in hits} == {made["asep"].id, made["budi"].id}
    assert main(["--database", url, "find", "komariah", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 hasil" in out and "Ai Komariah" in out and "Kasemen" in out
    assert main(["--database", url, "find", "xyzzy"]) == 0
    assert "Tidak ada keluarga" in capsys.readouterr().out


# --------------------------------------------------------------------------- filters


def test_filters(reg):
    database, actor, made = reg
    every = set(ids(database, actor))
    assert len(every) == 6
    assert set(ids(database, actor, kecamatan_code="36.73.02")) == {made["wati"].id,
                                                                    made["yusuf"].id}
    assert ids(database, actor, kelurahan_code=SERANG) == [made["dedi"].id]
    assert ids(database, actor, rw="5", rt="10") == [made["wati"].id]
    assert set(ids(database, actor, desil_min=1, desil_max=4)) == {
        made["budi"].id, made["asep"].id, made["wati"].id}
    assert ids(database, actor, program_code="rtlh") == [made["asep"].id]
    assert ids(database, actor, proposal_state="draft") == [made["wati"].id]
    assert set(ids(database, actor, proposal_state=s.NO_PROPOSAL)) == every - {
        made["asep"].id, made["wati"].id}
    assert set(ids(database, actor, program_code="pbi-jk", proposal_state=s.NO_PROPOSAL)) == \
        every - {made["wati"].id}
    with database.read() as session:
        assert s.proposal_states(session) == ["draft", "submitted"]
        assert s.count(session, actor, s.RegisterFilter(kecamatan_code="36.73.01")) == 4


FLAG_CASES = [
    ("asn_tni_polri", {"dedi"}),
    ("disability", {"asep"}),
    ("elderly", {"asep", "yusuf"}),
    ("chronic_illness", {"wati"}),
    ("pbi", {"wati"}),
    ("deceased_member", {"yusuf"}),
    ("findings", {"dedi"}),
]


def test_flags(reg):
    # One register for all flags: building it is the slow part on PostgreSQL.
    database, actor, made = reg
    for flag, who in FLAG_CASES:
        expected = {made[w].id for w in who}
        assert set(ids(database, actor, flags=frozenset({flag}))) == expected, flag
        with database.read() as session:
            rows = s.fetch_rows(session, actor, sorted(expected))
            flagged = {r.id for r in s.fetch_rows(session, actor, ids(database, actor))
                       if flag in r.flags}
        assert all(flag in r.flags for r in rows) and flagged == expected, flag


def test_flags_combine_with_search(reg):
    database, actor, made = reg
    assert ids(database, actor, flags=frozenset({"no_location"}), text="nur aini") == [
        made["budi"].id]
    assert set(ids(database, actor, flags=frozenset({"no_jkn"}))) == {
        made["budi"].id, made["asep"].id, made["wati"].id, made["yusuf"].id, made["zaenal"].id}


# --------------------------------------------------------------------------- sorting, rows


def test_sort_keys(reg):
    database, actor, made = reg
    by_name = names(database, actor, ids(database, actor, sort="head_name"))
    assert by_name == sorted(by_name, key=lambda n: n.lower().replace(" ", ""))
    by_desil = ids(database, actor, sort="desil")
    assert by_desil[:2] == [made["asep"].id, made["budi"].id] and by_desil[-1] == made["yusuf"].id
    assert ids(database, actor, sort="desil", descending=True)[0] == made["zaenal"].id
    assert ids(database, actor, sort="members", descending=True)[0] in {
        made["budi"].id, made["asep"].id, made["wati"].id}
    assert ids(database, actor, sort="status")[:2] == [made["wati"].id, made["asep"].id]
    kel = names(database, actor, ids(database, actor, sort="kelurahan"))
    assert kel[0] == "Budi Santoso" or kel[0] == "Asep Saepudin"  # Cipare before Kasemen
    # The ids come back joined into one text; the order must be the query's own.
    with database.read() as session:
        for key in s.SORT_KEYS:
            for descending in (False, True):
                plain = session.scalars(sa.select(s.Household.id).order_by(
                    *s._order(key, descending))).all()
                assert ids(database, actor, sort=key, descending=descending) == plain, key


def test_page_rows_come_in_one_query_in_the_order_asked(reg):
    database, actor, made = reg
    order = [made["yusuf"].id, made["budi"].id, made["wati"].id, 999_999]
    statements: list[str] = []

    def count(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    sa.event.listen(database.engine, "before_cursor_execute", count)
    try:
        with database.read() as session:
            statements.clear()
            rows = s.fetch_rows(session, actor, order)
            page_queries = [q for q in statements if "households" in q]
            statements.clear()
            s.household_ids(session, actor, s.RegisterFilter(text="aini", flags=frozenset(
                {"elderly"})), "head_name")
            id_queries = [q for q in statements if "households" in q]
    finally:
        sa.event.remove(database.engine, "before_cursor_execute", count)
    assert len(page_queries) == 1 and len(id_queries) == 1
    assert [r.id for r in rows] == order[:3]
    yusuf, budi, wati = rows
    assert yusuf.head_name == "Iis Aisyah" and yusuf.members == 1 and yusuf.desil is None
    assert budi.kelurahan_name == "Cipare" and budi.rt == "001" and budi.rw == "002"
    assert wati.proposal_program == "pbi-jk" and wati.proposal_state == "draft"
    assert budi.proposal_state is None and "no_location" in budi.flags


def test_scope_and_masking(reg):
    database, actor, made = reg
    kasemen = Actor(actor.user_id, "op-kasemen", frozenset({"operator"}), frozenset({"36.73.02"}))
    assert set(ids(database, kasemen)) == {made["wati"].id, made["yusuf"].id}
    assert ids(database, kasemen, text="nur aini") == []
    with database.read() as session:
        assert s.lookup(session, kasemen, made["budi"].no_kk) is None
        assert s.fetch_rows(session, kasemen, [made["budi"].id]) == []
    reviewer = Actor(actor.user_id, "peninjau", frozenset({"reviewer"}))
    with database.read() as session:
        row = s.fetch_rows(session, reviewer, [made["budi"].id])[0]
        hit = s.find(session, reviewer, "komariah")[0]
    assert "*" in row.no_kk and "*" in hit.member_nik


# --------------------------------------------------------------------------- migration 0002


def _objects(database: Database) -> set[str]:
    with database.engine.connect() as conn:
        if database.dialect == "sqlite":
            rows = conn.execute(sa.text("SELECT name FROM sqlite_master"))
        else:
            rows = conn.execute(sa.text("SELECT indexname FROM pg_indexes"))
        return {r[0] for r in rows if s.is_search_object(r[0])}


def test_migration_0002_up_and_down_keeps_search_working(database, actor):
    expected = ({s.SQLITE_FTS_TABLE, *s.SQLITE_TRIGGERS} if database.dialect == "sqlite"
                else set(s.PG_TRIGRAM_INDEXES))
    assert expected <= _objects(database)
    seed_regions(database)
    made = save(database, actor, family(1)).household
    with database.read() as session:
        assert s.search_backend(session) == ("fts5" if database.dialect == "sqlite" else "pg_trgm")

    schema.downgrade(database, "0001")
    s.forget_backend(database.engine)
    assert _objects(database) == set()
    with database.read() as session:
        assert s.search_backend(session) == "scan"
        assert s.household_ids(session, actor, s.RegisterFilter(text="nuraini")) == [made.id]
    # Members changed while the index was gone are indexed on the way up again.
    with database.write() as session:
        session.execute(sa.update(Member).where(Member.name == "Budi Santoso")
                        .values(name="Budiman", name_key="budiman"))
    schema.upgrade(database, backup=False)
    s.forget_backend(database.engine)
    assert expected <= _objects(database)
    with database.read() as session:
        assert s.household_ids(session, actor, s.RegisterFilter(text="diman")) == [made.id]
        assert s.household_ids(session, actor, s.RegisterFilter(text="santoso")) == []


def test_pg_trgm_unavailable_falls_back_and_says_so(pg_admin_engine):
    """A user who may not create extensions still gets a working schema and search."""
    token = uuid.uuid4().hex[:12]
    name, role = f"tepat_t_{token}", f"tepat_no_ext_{token}"
    with pg_admin_engine.connect() as conn:
        conn.execute(sa.text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin_url = make_url(str(pg_admin_engine.url)).set(database=name)
    try:
        owner = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with owner.connect() as conn:
            # May create tables, but not extensions (that needs CREATE on the database).
            conn.execute(sa.text(f"GRANT CREATE, USAGE ON SCHEMA public TO {role}"))
            conn.execute(sa.text(f'REVOKE CREATE ON DATABASE "{name}" FROM PUBLIC'))
        owner.dispose()
        database = open_database(admin_url.set(username=role).render_as_string(
            hide_password=False))
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                schema.upgrade(database, backup=False)
            messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
            assert any("pg_trgm" in m and "scanning" in m for m in messages), messages
            assert schema.state(database).up_to_date
            with database.read() as session:
                assert s.search_backend(session) == "scan"
                actor = demo_admin(session)
            seed_regions(database)
            made = save(database, actor, family(2)).household
            with database.read() as session:
                assert s.household_ids(session, actor, s.RegisterFilter(text="nuraini")) == [
                    made.id]
            schema.downgrade(database, "0001")
            schema.upgrade(database, backup=False)
        finally:
            database.dispose()
    finally:
        with pg_admin_engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f"DROP ROLE IF EXISTS {role}"))
