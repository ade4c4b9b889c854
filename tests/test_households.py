"""Household services on SQLite and PostgreSQL: save, optimistic locking, moves, deaths,
history and attachments. Also the helpers other register tests build their data with."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace

import pytest
import sqlalchemy as sa

from db import households as hh
from db.actor import Actor
from db.engine import Database
from db.errors import NotFound, PermissionDenied, RecordChanged, ValidationFailed
from db.models import Attachment, AuditEvent, Household, Member
from db.nik import make_kk, make_nik
from db.regions import kota_serang_codes, upsert_codes

KEC = "36.73.01"  # Kec. Serang, the default office
CIPARE = "36.73.01.1002"
SERANG = "36.73.01.1001"
KASEMEN = "36.73.02.1001"


def seed_regions(database: Database) -> None:
    with database.write() as session:
        upsert_codes(session, kota_serang_codes())


def person(serial: int, name: str = "Budi Santoso", *, sex: str = "L",
           born: dt.date = dt.date(1980, 5, 6), relationship: str = "head",
           kec: str = KEC, **extra) -> hh.MemberData:  # type: ignore[no-untyped-def]
    """A member whose NIK agrees with their birth date and sex."""
    return hh.MemberData(nik=make_nik(kec, born, sex, serial), name=name, sex=sex,
                         birth_date=born, relationship=relationship, **extra)


def family(serial: int, *members: hh.MemberData,  # type: ignore[no-untyped-def]
           kelurahan: str = CIPARE, rt: str = "001", rw: str = "002",
           address: str = "Jl. Mawar No. 3", **extra) -> hh.HouseholdData:
    """A household with a valid No. KK; a head and a spouse unless members are given."""
    if not members:
        members = (
            person(serial * 10 + 1, "Budi Santoso"),
            person(serial * 10 + 2, "Siti Nur'aini", sex="P", born=dt.date(1983, 2, 11),
                   relationship="spouse"),
        )
    kec = ".".join(kelurahan.split(".")[:3])
    return hh.HouseholdData(no_kk=make_kk(kec, dt.date(2016, 7, 1), serial),
                            kelurahan_code=kelurahan, address=address, rt=rt, rw=rw,
                            members=members, **extra)


def save(database: Database, actor: Actor, data: hh.HouseholdData,
         base: hh.HouseholdData | None = None) -> hh.SaveResult:
    with database.write() as session:
        return hh.save_household(session, actor, data, base=base)


def load(database: Database, actor: Actor, household_id: int) -> hh.HouseholdData:
    with database.read() as session:
        return hh.get_household(session, actor, household_id)


def audit_rows(database: Database, entity: str, entity_id: object) -> list[sa.Row]:
    """Audit events about one record, oldest first (action, field, old/new, username)."""
    with database.read() as session:
        return list(session.execute(
            sa.select(AuditEvent.action, AuditEvent.field, AuditEvent.old_value,
                      AuditEvent.new_value, AuditEvent.username)
            .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
            .order_by(AuditEvent.id)))


def counts(database: Database) -> tuple[int, int, int]:
    with database.read() as session:
        return (session.scalar(sa.select(sa.func.count(Household.id))),
                session.scalar(sa.select(sa.func.count(Member.id))),
                session.scalar(sa.select(sa.func.count(AuditEvent.id))))


@pytest.fixture
def register(database: Database) -> Database:
    seed_regions(database)
    return database


# --------------------------------------------------------------------------- create, read


def test_create_normalises_and_reads_back_with_audit_per_field(register, actor):
    raw = family(1)
    spouse = raw.members[1]
    nik_with_dashes = f"{spouse.nik[:4]}-{spouse.nik[4:8]} {spouse.nik[8:12]}-{spouse.nik[12:]}"
    raw = replace(raw, rt="1", rw="2", address="  Jl.  Mawar   No. 3 ",
                  members=(raw.members[0], replace(spouse, nik=nik_with_dashes)))
    result = save(register, actor, raw)
    assert result.created and result.warnings == ()
    stored = load(register, actor, result.household.id)
    assert stored.rt == "001" and stored.rw == "002" and stored.address == "Jl. Mawar No. 3"
    assert [m.nik for m in stored.members] == [raw.members[0].nik, spouse.nik]
    assert stored.kelurahan_name == "Cipare" and stored.kecamatan_name == "Serang"
    assert stored.version == 1 and stored.head.name == "Budi Santoso"

    events = audit_rows(register, "household", stored.id)
    fields = {e.field: e.new_value for e in events if e.action == "create"}
    assert fields["no_kk"] == stored.no_kk and fields["rt"] == "001"
    assert fields["kelurahan_code"] == CIPARE
    member_events = audit_rows(register, "member", stored.members[1].id)
    assert {e.field for e in member_events} >= {"nik", "name", "sex", "birth_date", "relationship"}
    assert all(e.username == actor.username and e.old_value is None for e in member_events)
    with register.read() as session:
        keys = session.scalars(sa.select(Member.name_key).order_by(Member.id)).all()
    assert keys == ["budisantoso", "sitinuraini"]


def test_refused_save_writes_nothing(register, actor):
    before = counts(register)
    bad = family(2, person(21, "Ani", sex="P", born=dt.date(2090, 1, 1)))
    with pytest.raises(ValidationFailed) as err:
        save(register, actor, bad)
    fields = [f for f, _ in err.value.problems]
    assert "members.0.birth_date" in fields
    assert counts(register) == before


def test_update_changes_only_what_changed_and_audits_old_to_new(register, actor):
    created = save(register, actor, family(3)).household
    edited = replace(created, address="Jl. Melati 7", desil=3,
                     members=(created.members[0],
                              replace(created.members[1], name="Siti Nuraini Hasan",
                                      occupation="trader")))
    result = save(register, actor, edited, base=created)
    assert not result.created and result.changed_fields == 4
    stored = load(register, actor, created.id)
    assert stored.version == 2 and stored.address == "Jl. Melati 7" and stored.desil == 3
    assert stored.members[1].name == "Siti Nuraini Hasan"
    updates = [(e.field, e.old_value, e.new_value) for e in audit_rows(register, "household",
               created.id) if e.action == "update"]
    assert ("address", "Jl. Mawar No. 3", "Jl. Melati 7") in updates
    assert ("desil", None, "3") in updates
    member_updates = [(e.field, e.old_value, e.new_value)
                      for e in audit_rows(register, "member", created.members[1].id)
                      if e.action == "update"]
    assert member_updates == [("name", "Siti Nur'aini", "Siti Nuraini Hasan"),
                              ("occupation", None, "trader")]
    with register.read() as session:
        key = session.scalar(sa.select(Member.name_key).where(Member.id == created.members[1].id))
    assert key == "sitinuraini hasan".replace(" ", "")


def test_member_only_edit_raises_the_household_version(register, actor):
    created = save(register, actor, family(4)).household
    added = person(43, "Rizky", born=dt.date(2010, 3, 3), relationship="child")
    result = save(register, actor, replace(created, members=created.members + (added,)),
                  base=created)
    assert result.household.version == 2 and len(result.household.members) == 3


def test_removing_a_member_is_refused_people_are_never_deleted(register, actor):
    created = save(register, actor, family(5)).household
    before = counts(register)
    with pytest.raises(ValidationFailed) as err:
        save(register, actor, replace(created, members=created.members[:1]), base=created)
    assert "tidak boleh dihapus" in err.value.message and "Siti" in err.value.message
    assert counts(register) == before


# --------------------------------------------------------------------------- optimistic locking


def test_stale_save_says_what_the_other_user_changed_and_reapply_keeps_both(register, actor):
    base = save(register, actor, family(6)).household
    theirs = replace(base, address="Jl. Kenanga 1",
                     members=(replace(base.members[0], occupation="driver"), base.members[1]))
    save(register, actor, theirs, base=base)  # the other operator saves first

    mine = replace(base, desil=2, address="Jl. Anggrek 9",
                   members=(base.members[0], replace(base.members[1], education="sma")))
    before = counts(register)
    with pytest.raises(RecordChanged) as err:
        save(register, actor, mine, base=base)
    assert counts(register) == before
    conflict = {(c.entity, c.field): c for c in err.value.changes}
    assert conflict[("household", "address")].theirs == "Jl. Kenanga 1"
    assert conflict[("household", "address")].yours == "Jl. Anggrek 9"
    assert conflict[("household", "address")].both_changed
    assert conflict[("member", "occupation")].theirs == "driver"
    assert conflict[("member", "occupation")].yours is None
    assert not conflict[("member", "occupation")].both_changed
    assert err.value.current.version == 2 and err.value.by == actor.username

    merged = hh.reapply(base, mine, err.value.current)
    result = save(register, actor, merged, base=err.value.current)
    final = load(register, actor, base.id)
    assert final.version == 3
    assert final.desil == 2 and final.address == "Jl. Anggrek 9"  # mine, re-applied
    assert final.members[0].occupation == "driver"  # theirs, kept
    assert final.members[1].education == "sma"  # mine
    assert result.household == final


def test_separate_connections_second_save_is_refused(register, actor):
    created = save(register, actor, family(7)).household
    other = Database(register.url)  # a second operator's connection pool
    try:
        a = load(register, actor, created.id)
        b = load(other, actor, created.id)
        save(register, actor, replace(a, notes="dicek RT"), base=a)
        with pytest.raises(RecordChanged) as err:
            save(other, actor, replace(b, notes="sudah survei"), base=b)
        assert [c.field for c in err.value.changes] == ["notes"]
    finally:
        other.dispose()


# --------------------------------------------------------------------------- moves and deaths


def test_move_member_to_another_household(register, actor):
    first = save(register, actor, family(8, person(81, "Ahmad"),
                                          person(82, "Dewi", sex="P", relationship="spouse"),
                                          person(83, "Rina", sex="P", born=dt.date(2001, 4, 4),
                                                 relationship="child"))).household
    second = save(register, actor, family(9, person(91, "Joko", born=dt.date(1999, 9, 9)))
                  ).household
    rina = first.members[2]
    with register.write() as session:
        result = hh.move_members(session, actor, first.id, first.version, [rina.id],
                                 relationships={rina.id: "spouse"}, target_id=second.id,
                                 target_version=second.version)
    assert [m.name for m in result.source.members] == ["Ahmad", "Dewi"]
    assert [(m.name, m.relationship) for m in result.target.members] == [
        ("Joko", "head"), ("Rina", "spouse")]
    assert result.source.version == 2 and result.target.version == 2
    events = [(e.action, e.field, e.old_value, e.new_value)
              for e in audit_rows(register, "member", rina.id) if e.action == "move"]
    assert ("move", "household", f"KK {first.no_kk}", f"KK {second.no_kk}") in events
    assert ("move", "relationship", "child", "spouse") in events


def test_split_kk_moving_the_head_needs_a_new_head(register, actor):
    data = save(register, actor, family(10, person(101, "Hasan", born=dt.date(1950, 1, 1)),
                                         person(102, "Umar", born=dt.date(1980, 2, 2),
                                                relationship="child"),
                                         person(103, "Aisyah", sex="P",
                                                born=dt.date(1982, 3, 3),
                                                relationship="son_in_law"))).household
    hasan, umar = data.members[0], data.members[1]
    new_kk = replace(family(11), members=())
    before = counts(register)
    with pytest.raises(ValidationFailed) as err, register.write() as session:
        hh.move_members(session, actor, data.id, data.version, [hasan.id],
                        relationships={hasan.id: "head"}, new_household=new_kk)
    assert "kepala keluarga" in err.value.message.lower() and "KK asal" in err.value.message
    assert counts(register) == before
    with register.write() as session:
        result = hh.move_members(session, actor, data.id, data.version, [hasan.id],
                                 relationships={hasan.id: "head"}, new_household=new_kk,
                                 source_new_head=umar.id)
    assert result.target_created and result.target.no_kk == new_kk.no_kk
    assert result.target.head.name == "Hasan" and result.source.head.name == "Umar"
    split_events = audit_rows(register, "household", result.target.id)
    assert {e.action for e in split_events} == {"split", "move_in"}


def test_mark_deceased_keeps_the_person_and_needs_a_new_head(register, actor):
    data = save(register, actor, family(12)).household
    head, spouse = data.members
    with pytest.raises(ValidationFailed) as err, register.write() as session:
        hh.mark_deceased(session, actor, data.id, data.version, head.id, dt.date(2024, 1, 2))
    assert "meninggal" in err.value.message
    with register.write() as session:
        hh.mark_deceased(session, actor, data.id, data.version, head.id, dt.date(2024, 1, 2),
                         new_head_id=spouse.id)
    after = load(register, actor, data.id)
    assert len(after.members) == 2
    assert after.members[0].deceased and after.members[0].deceased_date == dt.date(2024, 1, 2)
    assert after.head.id == spouse.id
    fields = {e.field for e in audit_rows(register, "member", head.id) if e.action == "update"}
    assert fields == {"deceased", "deceased_date"}


# --------------------------------------------------------------------------- history


def test_history_lists_household_and_member_changes_newest_first(register, actor):
    data = save(register, actor, family(13)).household
    save(register, actor, replace(data, notes="rumah di gang",
                                  members=(data.members[0],
                                           replace(data.members[1], name="Siti Aminah"))),
         base=data)
    with register.write() as session:
        hh.record_viewed(session, actor, data.id, "test")
    with register.read() as session:
        entries = hh.history(session, actor, data.id)
    assert entries[0].action == "update"
    assert {(e.subject, e.field, e.old_value, e.new_value) for e in entries[:2]} == {
        ("", "notes", "", "rumah di gang"),
        ("Siti Aminah", "name", "Siti Nur'aini", "Siti Aminah"),
    }
    assert all(e.action != "view" for e in entries)
    assert any(e.action == "create" and e.field == "no_kk" for e in entries)


# --------------------------------------------------------------------------- permissions, scope


def test_scope_and_roles_are_enforced(register, actor):
    data = save(register, actor, family(14)).household
    outsider = Actor(actor.user_id, "operator-kasemen", frozenset({"operator"}),
                     frozenset({"36.73.02"}))
    with register.read() as session, pytest.raises(NotFound):
        hh.get_household(session, outsider, data.id)
    with pytest.raises(ValidationFailed) as err:
        save(register, outsider, family(15))  # Cipare lies outside Kasemen
    assert "di luar wilayah kerja" in err.value.message
    reviewer = Actor(actor.user_id, "peninjau", frozenset({"reviewer"}))
    with pytest.raises(PermissionDenied):
        save(register, reviewer, replace(data, notes="x"), base=data)
    seen = load(register, reviewer, data.id)
    assert seen.no_kk == data.no_kk[:4] + "*" * 8 + data.no_kk[12:]
    assert all("*" in m.nik for m in seen.members)


def test_find_household_id_by_kk_or_nik(register, actor):
    data = save(register, actor, family(16)).household
    with register.read() as session:
        assert hh.find_household_id(session, actor, data.no_kk) == data.id
        spaced = " ".join(data.members[1].nik[i:i + 4] for i in range(0, 16, 4))
        assert hh.find_household_id(session, actor, spaced) == data.id
        with pytest.raises(ValidationFailed) as err:
            hh.find_household_id(session, actor, "3.67301E+15")
        assert "sel angka" in err.value.message
        with pytest.raises(NotFound):
            hh.find_household_id(session, actor, "3673010101010009")


# --------------------------------------------------------------------------- attachments


def _jpeg(size: tuple[int, int] = (800, 600)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (180, 120, 60)).save(out, "JPEG")
    return out.getvalue()


def test_attachments_are_stored_with_thumbnails_and_limits(register, actor, monkeypatch):
    data = save(register, actor, family(17)).household
    with register.write() as session:
        photo = hh.add_attachment(session, actor, data.id, "depan.jpg", _jpeg(), "photo_front")
        pdf = hh.add_attachment(session, actor, data.id, "kk.pdf", b"%PDF-1.4\n%%EOF\n",
                                "document_kk")
    assert photo.mime_type == "image/jpeg" and photo.thumbnail is not None
    from PIL import Image

    thumb = Image.open(io.BytesIO(photo.thumbnail))
    assert max(thumb.size) == hh.THUMBNAIL_PX
    assert pdf.mime_type == "application/pdf" and pdf.thumbnail is None

    monkeypatch.setattr(hh, "MAX_ATTACHMENT_BYTES", 1000)
    with pytest.raises(ValidationFailed) as err, register.write() as session:
        hh.add_attachment(session, actor, data.id, "besar.jpg", _jpeg(), "photo_side")
    assert "paling besar" in err.value.message and "besar.jpg" in err.value.message
    with pytest.raises(ValidationFailed) as err, register.write() as session:
        hh.add_attachment(session, actor, data.id, "catatan.txt", b"bukan foto", "photo_back")
    assert "bukan foto" in err.value.message

    with register.read() as session:
        listed = hh.list_attachments(session, actor, data.id)
        info, content = hh.attachment_content(session, actor, photo.id)
    assert [a.filename for a in listed] == ["depan.jpg", "kk.pdf"]
    assert content == _jpeg() and info.sha256 == photo.sha256
    with register.write() as session:
        hh.remove_attachment(session, actor, pdf.id)
    with register.read() as session:
        assert session.scalar(sa.select(sa.func.count(Attachment.id))) == 1
        entries = hh.history(session, actor, data.id)
    assert [(e.action, e.field) for e in entries[:3]] == [
        ("delete", "document_kk"), ("create", "document_kk"), ("create", "photo_front")]


# --------------------------------------------------------------------------- CLI


def test_cli_household_show(register, actor, capsys):
    from desktop.cli import main

    url = register.url.render_as_string(hide_password=False)
    data = save(register, actor, family(18)).household
    assert main(["--database", url, "household", "show", data.members[1].nik, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["no_kk"] == data.no_kk and [m["name"] for m in shown["members"]] == [
        "Budi Santoso", "Siti Nur'aini"]
    assert main(["--database", url, "household", "show", data.no_kk]) == 0
    out = capsys.readouterr().out
    assert "Cipare" in out and "Siti Nur'aini" in out and "kepala keluarga" in out
    assert main(["--database", url, "household", "show", "3673011204950001.0"]) == 1
    assert "sel angka" in capsys.readouterr().err
    views = [e for e in audit_rows(register, "household", data.id) if e.action == "view"]
    assert len(views) == 2
