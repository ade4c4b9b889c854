"""Field checklists: one page per household, sorted by RW/RT, items of the field checklist."""

from __future__ import annotations

import io
import subprocess

import pypdf
import pytest
from sqlalchemy import func, select, update

from db.actor import load_actor
from db.errors import LetterRefused, NotFound, PermissionDenied
from db.field import CHECKLIST, sections_for
from db.models import AuditEvent, Household, Proposal, Region, User, UserRole, UserScope
from reports import checklist
from reports.letter import PAPERS
from tests.letter_data import KELURAHAN, configure_office, seed


@pytest.fixture
def visits(database, actor):  # type: ignore[no-untyped-def]
    configure_office(database, actor)
    return seed(database, households=8, states=("in_field",))


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_one_page_per_household_sorted_by_rw_and_rt(database, actor, visits, tmp_path) -> None:
    with database.write() as session:
        batch = checklist.collect(session, actor, KELURAHAN[0])
    assert [h.rw for h in batch.households] == sorted(h.rw for h in batch.households)
    pdf = checklist.build_checklists(batch)
    pages = _pages(pdf)
    assert len(pages) == len(batch.households) == 4  # the even households are in Cipare
    keys = []
    for number, (page, house) in enumerate(zip(pages, batch.households), start=1):
        assert f"Halaman {number} dari 4" in page
        assert house.head_nik in page and house.no_kk in page
        assert f"RT {house.rt} / RW {house.rw}" in page
        for pid in house.proposal_ids:
            assert f"#{pid}" in page
        assert "DAFTAR PERIKSA VERIFIKASI LAPANGAN RTLH" in page
        keys.append((house.rw, house.rt))
    assert keys == sorted(keys)
    # Every item of the field checklist, the evidence and conclusion, the three signatures.
    first = pages[0]
    for section in CHECKLIST:
        assert section.title.upper() in first, section.title
        for item in section.items:
            assert item.label.split(" (")[0] in first, item.label
    for words in ("genteng tanah liat", "leher angsa", "PLN bermeteran", "tampak depan",
                  "GPS di pintu depan", "Layak", "Tidak layak", "Petugas verifikasi",
                  "Lurah Cipare", "Kepala keluarga", "Peta lokasi rumah di Kelurahan Cipare"):
        assert words in first, words
    path = tmp_path / "checklist.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert text.count("DAFTAR PERIKSA VERIFIKASI LAPANGAN") == 4


def test_pbi_only_households_get_the_short_form(database, actor, visits) -> None:
    with database.write() as session:
        session.execute(update(Proposal).where(Proposal.id.in_(visits.rtlh_proposals))
                        .values(state="approved"))
        batch = checklist.collect(session, actor, KELURAHAN[1])
    assert {h.unit for h in batch.households} == {"person"}
    pages = _pages(checklist.build_checklists(batch, paper="F4"))
    assert len(pages) == 4
    for page in pages:
        assert "DAFTAR PERIKSA VERIFIKASI LAPANGAN PBI-JK" in page
        assert "ATAP" not in page and "Dokumen dilihat" in page
    person_sections = {s.title.upper() for s in sections_for("person")}
    assert all(title in pages[0] for title in person_sections)


def test_map_and_qr_are_drawn_once_per_document_as_forms(database, actor, visits) -> None:
    with database.write() as session:
        batch = checklist.collect(session, actor, KELURAHAN[0])
    assert batch.area is not None and KELURAHAN[1] in batch.neighbours
    pdf = checklist.build_checklists(batch)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    forms = reader.pages[0]["/Resources"]["/XObject"]
    # The shared page layout and the kelurahan map are XObjects every page reuses.
    names = set(forms)
    assert any("form_household" in n for n in names) and any("map36_73" in n for n in names)
    assert reader.pages[1]["/Resources"]["/XObject"][next(iter(names))] is not None
    size = tuple(round(float(v)) for v in reader.pages[0].mediabox.upper_right)
    assert size == tuple(round(v) for v in PAPERS["A4"])


def test_a_house_without_a_point_or_boundary_still_gets_its_page(database, actor) -> None:
    configure_office(database, actor)
    seed(database, households=2, states=("in_field",), boundaries_too=False)
    with database.write() as session:
        session.execute(update(Household).values(longitude=None, latitude=None))
        batch = checklist.collect(session, actor, KELURAHAN[0])
    pages = _pages(checklist.build_checklists(batch))
    assert len(pages) == 1 and "belum tercatat" in pages[0]


def test_the_printout_is_audited(database, actor, visits) -> None:
    with database.write() as session:
        batch = checklist.collect(session, actor, KELURAHAN[0])
    with database.read() as session:
        events = session.execute(select(AuditEvent.entity, AuditEvent.reason)
                                 .where(AuditEvent.action == "print")).all()
    assert len(events) == 1 and events[0].entity == "field_checklist"
    assert f"{len(batch.households)} baris" in events[0].reason


def test_nothing_to_visit_or_unknown_kelurahan_is_said_plainly(database, actor, visits) -> None:
    with pytest.raises(LetterRefused, match="verifikasi lapangan.*Kelurahan Cipare"), \
            database.write() as session:
        session.execute(update(Proposal).values(state="submitted"))
        checklist.collect(session, actor, KELURAHAN[0])
    with pytest.raises(NotFound, match="36.73.09.9999"), database.write() as session:
        checklist.collect(session, actor, "36.73.09.9999")
    with pytest.raises(LetterRefused, match="tidak dikenal"), database.write() as session:
        checklist.collect(session, actor, KELURAHAN[0], states=("menunggu",))
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action == "print")) == 0


def test_scope_and_role_limit_who_prints(database, actor, visits) -> None:
    with database.write() as session:
        kecamatan = session.get(Region, "36.73.02")
        user = User(username="operator-lain", full_name="Operator Lain")
        officer = User(username="petugas", full_name="Petugas Lapangan")
        session.add_all([user, officer])
        session.flush()
        session.add_all([UserRole(user_id=user.id, role_code="operator"),
                         UserRole(user_id=officer.id, role_code="field_officer")])
        session.add(UserScope(user_id=user.id, region_code=kecamatan.code))
        # The officer is assigned one house's proposals only.
        first = session.scalar(select(Proposal).join(Household)
                               .where(Household.kelurahan_code == KELURAHAN[0])
                               .order_by(Proposal.id))
        session.execute(update(Proposal).where(Proposal.household_id == first.household_id)
                        .values(assigned_to_id=officer.id))
    with database.read() as session:
        elsewhere = load_actor(session, "operator-lain")
        field = load_actor(session, "petugas")
    with pytest.raises(NotFound, match="wilayah kerja"), database.write() as session:
        checklist.collect(session, elsewhere, KELURAHAN[0])
    with database.write() as session:
        batch = checklist.collect(session, field, KELURAHAN[0])
    assert len(batch.households) == 1
    assert batch.households[0].officer == "Petugas Lapangan"
    # The officer matches NIK and KK at the door, so sees them in full; a reviewer, who
    # may print but not see full numbers, gets them masked.
    assert "*" not in batch.households[0].head_nik
    with database.write() as session:
        reviewer = User(username="peninjau", full_name="Peninjau")
        session.add(reviewer)
        session.flush()
        session.add(UserRole(user_id=reviewer.id, role_code="reviewer"))
    with database.read() as session:
        review = load_actor(session, "peninjau")
    with database.write() as session:
        masked = checklist.collect(session, review, KELURAHAN[0])
    assert all("*" in h.head_nik and "*" in h.no_kk for h in masked.households)
    assert "*" in _pages(checklist.build_checklists(masked))[0]
    with database.write() as session:
        session.add(User(username="tamu", full_name="Tamu"))
    with database.read() as session:
        guest = load_actor(session, "tamu")
    with pytest.raises(PermissionDenied), database.write() as session:
        checklist.collect(session, guest, KELURAHAN[0])
