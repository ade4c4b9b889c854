"""Field results: the checklist as data in DOMAIN.md's order, a visit recorded all or
nothing, the GPS at the door compared with the recorded point, photos as attachments."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from db import audit, field, proposals, workflow
from db.errors import TransitionNotAllowed, ValidationFailed
from db.models import Attachment, FieldVerification, Household
from tests.test_checks import (
    World,
    drive,
    findings_of,
    make_world,
    photos,
    propose,
    state_of,
)

REASON = "Kondisi rumah sesuai usulan."


@pytest.fixture
def world(database, actor) -> World:  # type: ignore[no-untyped-def]
    return make_world(database, actor, households=60, clean=3)


def test_checklist_follows_the_printed_order():
    # DOMAIN.md, "Field verification checklist", top to bottom.
    assert [s.title for s in field.CHECKLIST] == [
        "Identitas", "Pengecualian", "Lahan", "Atap", "Dinding", "Lantai", "Struktur",
        "Ruang", "Kesehatan", "Listrik",
    ]
    items = [i.code for s in field.CHECKLIST for i in s.items]
    assert items.index("land_status") < items.index("land_document") < items.index(
        "roof_material") < items.index("roof_condition") < items.index("wall_material")
    assert items.index("floor_area_m2") < items.index("occupants") < items.index("bedrooms")
    assert items[-2:] == ["electricity", "electricity_va"]
    # PBI-JK visits use the identity and exclusion parts only.
    assert [s.code for s in field.sections_for("person")] == ["identity", "exclusions"]
    # Every item that maps to the household names a real column.
    for item in field.ITEMS.values():
        if item.household_field:
            assert hasattr(Household, item.household_field), item.code


def _in_field(world: World, household: int) -> int:
    [pid] = propose(world.database, world.admin, "rtlh", world.rtlh, household_ids=[household])
    drive(world.database, world.admin, pid, "in_field")
    return pid


def _record(world: World, pid: int, *, conclusion: str = "eligible", answers=None,  # type: ignore[no-untyped-def]
            gps=(None, None), with_photos: bool = True, **kw) -> field.FieldOutcome:
    result = field.FieldResult(kw.get("officer", "Budi Santoso"),
                               kw.get("visit_date", dt.date.today()), conclusion,
                               kw.get("reason", REASON), gps[0], gps[1], answers or {})
    with world.database.write() as session:
        return field.record_result(session, world.admin, pid, result,
                                   photos=photos() if with_photos else ())


def _point(world: World, household: int) -> tuple[float, float]:
    with world.database.read() as session:
        h = session.get(Household, household)
        return h.longitude, h.latitude


def test_a_visit_is_stored_with_photos_and_writes_the_house_back(world: World):
    hid = world.clean[0]
    pid = _in_field(world, hid)
    lon, lat = _point(world, hid)
    outcome = _record(world, pid, gps=(lon + 0.0001, lat), answers={
        "nik_kk_match": True, "household_size": 3, "roof_condition": "leaking",
        "floor_area_m2": "16,5", "electricity_va": 450, "collapse_risk": False,
    })
    assert outcome.move.to_state == "eligible" and state_of(world.database, pid) == "eligible"
    assert outcome.distance_m == pytest.approx(11.0, abs=0.5)  # 0.0001° of longitude at 6°S
    assert outcome.gps_warning is None and not outcome.offer_point_correction
    assert outcome.household_changes == {
        "roof_condition": ("badly_damaged", "leaking"), "floor_area_m2": (18.0, 16.5),
        "collapse_risk": (True, False), "electricity_va": (None, 450)}
    with world.database.read() as session:
        visit = session.get(FieldVerification, outcome.verification_id)
        assert json.loads(visit.answers_json)["floor_area_m2"] == 16.5
        assert visit.officer_name == "Budi Santoso" and visit.conclusion == "eligible"
        stored = session.scalars(select(Attachment).where(
            Attachment.verification_id == visit.id)).all()
        assert sorted(a.kind for a in stored) == sorted(field.PHOTO_KINDS)
        assert all(a.thumbnail and a.sha256 and a.proposal_id == pid for a in stored)
        household = session.get(Household, hid)
        assert household.roof_condition == "leaking" and household.floor_area_m2 == 16.5
    with world.database.read() as session:
        changes = [e for e in audit.history(session, "household", hid)
                   if e.field == "roof_condition"]
    assert changes and changes[0].reason == (
        f"hasil verifikasi lapangan #{outcome.verification_id}")
    assert "photos_missing" not in findings_of(world.database, pid)


def test_gps_far_from_the_record_warns_and_the_point_can_be_corrected(world: World):
    hid = world.clean[1]
    pid = _in_field(world, hid)
    lon, lat = _point(world, hid)
    outcome = _record(world, pid, gps=(lon + 0.0008, lat))  # about 88 m east
    assert outcome.distance_m > 50 and outcome.offer_point_correction
    assert "Perbarui lokasi keluarga" in outcome.gps_warning
    far = findings_of(world.database, pid)["gps_far_from_record"]
    assert far.severity == "warning" and far.evidence["distance_m"] > 50
    with world.database.read() as session:
        version = session.get(Household, hid).version
    with world.database.write() as session:
        old = field.correct_household_point(session, world.admin, hid, lon + 0.0008, lat,
                                            reason="Titik GPS petugas di pintu rumah.",
                                            expected_version=version)
    assert old == (lon, lat)
    assert "gps_far_from_record" not in findings_of(world.database, pid)
    with world.database.write() as session, pytest.raises(ValidationFailed):
        field.correct_household_point(session, world.admin, hid, -6.1, 106.1,
                                      reason="Tertukar bujur dan lintang.")


def test_bad_answers_name_the_item_and_save_nothing(world: World):
    pid = _in_field(world, world.clean[2])
    with pytest.raises(ValidationFailed) as err:
        _record(world, pid, answers={"roof_condition": "perfect", "occupants": 0,
                                     "floor_area_m2": "luas", "collapse_risk": "ya",
                                     "colour": "red"},
                gps=(-6.12, 106.15), officer=" ",
                visit_date=dt.date.today() + dt.timedelta(days=1), reason="ok")
    problems = dict(err.value.problems)
    assert set(problems) == {"Kondisi atap", "Jumlah penghuni", "Luas lantai (m²)",
                             "Rawan roboh", "colour", "petugas", "tanggal kunjungan",
                             "alasan", "GPS"}
    assert "tertukar" in problems["GPS"]
    with world.database.read() as session:
        assert session.scalar(select(FieldVerification.id)) is None
    assert state_of(world.database, pid) == "in_field"


def test_missing_photos_block_eligible_but_not_a_refusal(world: World):
    pid = _in_field(world, world.clean[0])
    with pytest.raises(TransitionNotAllowed) as err:
        _record(world, pid, with_photos=False)
    assert "Foto wajib belum ada" in err.value.message
    with world.database.read() as session:
        assert session.scalar(select(FieldVerification.id)) is None  # all or nothing
    outcome = _record(world, pid, conclusion="not_eligible", with_photos=False,
                      reason="Rumah sudah permanen dan layak.")
    assert outcome.move.to_state == "not_eligible"


def test_only_proposals_in_the_field_take_a_result(world: World):
    [pid] = propose(world.database, world.admin, "rtlh", world.rtlh,
                    household_ids=[world.clean[1]])
    with pytest.raises(TransitionNotAllowed) as err:
        _record(world, pid)
    assert "draf" in err.value.message


def test_visit_history_and_officer_worklist(world: World):
    pid = _in_field(world, world.clean[2])
    with world.database.read() as session:
        assert field.proposals_in_field(session, world.admin.user_id) == [pid]
    _record(world, pid)
    with world.database.read() as session:
        [visit] = field.verifications(session, pid)
        assert field.proposals_in_field(session, world.admin.user_id) == []
    assert visit["conclusion"] == "eligible" and visit["conclusion_reason"] == REASON
    # Returned after the visit, sent again: the new visit is the one that counts.
    with world.database.write() as session:
        workflow.move(session, world.admin, pid, "returned", reason="Ukur ulang luas lantai.")
        workflow.move(session, world.admin, pid, "submitted")
        workflow.move(session, world.admin, pid, "in_field", assign_to=world.admin.user_id)
    _record(world, pid, conclusion="not_eligible", reason="Luas lantai ternyata 60 m².")
    with world.database.read() as session:
        visits = field.verifications(session, pid)
        row = proposals.get(session, world.admin, pid)
    assert [v["conclusion"] for v in visits] == ["not_eligible", "eligible"]
    assert row.state == "not_eligible"
