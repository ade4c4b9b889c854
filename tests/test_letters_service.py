"""Issuing letters end to end on SQLite and PostgreSQL: registry, reprint, withdrawal, refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pypdf
import pytest
from sqlalchemy import func, select

from db import letters as registry
from db import settings
from db.actor import load_actor
from db.errors import (
    LetterheadIncomplete,
    LetterRefused,
    NotFound,
    PermissionDenied,
    TransitionNotAllowed,
    ValidationFailed,
)
from db.models import (
    AuditEvent,
    LetterCounter,
    LetterProposal,
    Proposal,
    User,
    UserRole,
)
from reports.letters import LetterRequest, issue_letter, prepare, render_pdf
from tests.letter_data import KELURAHAN, configure_office, seed

DAY = dt.date(2025, 4, 10)


def _text(pdf: bytes) -> str:
    """All pages' text, whitespace collapsed (cells wrap their words onto several lines)."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def _states(database, ids) -> set[str]:  # type: ignore[no-untyped-def]
    with database.read() as session:
        return set(session.scalars(select(Proposal.state).where(Proposal.id.in_(ids))))


def _counter(database) -> int:  # type: ignore[no-untyped-def]
    with database.read() as session:
        return session.scalar(select(func.max(LetterCounter.last_seq))) or 0


@pytest.fixture
def office(database, actor):  # type: ignore[no-untyped-def]
    configure_office(database, actor)
    return seed(database, households=6, photos=True)


def test_pbi_letter_carries_every_approved_person_and_moves_them(database, actor, office) -> None:
    issued = issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period,
                                                         issued_on=DAY))
    row = issued.row
    assert row.number == "400.9/001/Kec.Srg/IV/2025"
    assert row.proposal_count == len(office.pbi_proposals) == 12
    assert row.sha256 == hashlib.sha256(issued.pdf).hexdigest()
    assert row.addressee == "Kepala Dinas Sosial Kota Serang"
    assert not row.signed
    text = _text(issued.pdf)
    assert row.number in text and "Yth. Kepala Dinas Sosial Kota Serang" in text
    for pid in office.pbi_proposals:
        assert office.niks[pid] in text
    assert "12 (dua belas) jiwa dari 6 (enam) keluarga" in text
    assert len(pypdf.PdfReader(io.BytesIO(issued.pdf)).pages) == issued.pages == 2
    assert _states(database, office.pbi_proposals) == {"in_letter"}
    assert _states(database, office.rtlh_proposals) == {"approved"}
    with database.read() as session:
        carried = set(session.scalars(select(LetterProposal.proposal_id)))
        events = session.scalars(select(AuditEvent.action).where(
            AuditEvent.entity == "letter")).all()
    assert carried == set(office.pbi_proposals)
    assert "issue" in events


def test_letter_for_one_kelurahan_carries_only_it(database, actor, office) -> None:
    issued = issue_letter(database, actor, LetterRequest(
        "usulan-pbi", office.pbi_period, kelurahan_code=KELURAHAN[0], issued_on=DAY))
    text = _text(issued.pdf)
    assert "Kelurahan Cipare, Kecamatan Serang" in text
    assert issued.row.proposal_count == 6
    with database.read() as session:
        carried = set(session.scalars(select(LetterProposal.proposal_id)))
    for pid in office.pbi_proposals:
        assert (office.niks[pid] in text) == (pid in carried)


def test_rtlh_letter_has_conditions_and_photo_sheet(database, actor, office) -> None:
    issued = issue_letter(database, actor, LetterRequest("rekomendasi-rtlh", office.rtlh_period,
                                                         issued_on=DAY))
    text = _text(issued.pdf)
    for title in ("LAMPIRAN I SURAT", "LAMPIRAN II SURAT", "LAMPIRAN III SURAT",
                  "RINGKASAN KONDISI RUMAH", "FOTO RUMAH"):
        assert title in text, title
    assert "seng, rusak berat" in text and "anyaman bambu, lapuk" in text
    assert "Tampak depan" in text and "foto belum ada" in text
    reader = pypdf.PdfReader(io.BytesIO(issued.pdf))
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 9  # three photos for each of three houses, plus the emblem
    assert _states(database, office.rtlh_proposals) == {"in_letter"}


def test_rekap_counts_per_kelurahan_and_state_and_carries_nothing(database, actor, office) -> None:
    issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period,
                                                kelurahan_code=KELURAHAN[1], issued_on=DAY))
    issued = issue_letter(database, actor, LetterRequest("rekap", office.pbi_period,
                                                         issued_on=DAY))
    text = _text(issued.pdf)
    assert issued.row.number == "400.9/002/Kec.Srg/IV/2025"
    assert issued.row.proposal_count == 0
    assert "Cipare" in text and "Sumur Pecung" in text and "JUMLAH" in text
    assert "Disetujui camat" in text and "Dalam surat" in text
    assert "disetujui Camat 6, dalam surat 6" in text


def test_reprint_gives_the_same_bytes_and_is_audited(database, actor, office) -> None:
    issued = issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period))
    with database.write() as session:
        row, pdf = registry.letter_pdf(session, actor, issued.row.id)
    assert pdf == issued.pdf and row.sha256 == issued.row.sha256
    with database.read() as session:
        prints = session.scalar(select(func.count()).select_from(AuditEvent)
                                .where(AuditEvent.action == "print"))
        listed = registry.list_letters(session, actor)
    assert prints == 1
    assert [r.number for r in listed] == [issued.row.number]
    assert listed[0].size_bytes == len(issued.pdf)


def test_withdrawal_keeps_the_letter_and_never_reuses_its_number(database, actor, office) -> None:
    first = issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period,
                                                        issued_on=DAY))
    with pytest.raises(ValidationFailed, match="Alasan"), database.write() as session:
        registry.withdraw(session, actor, first.row.id, "  ")
    with database.write() as session:
        withdrawn = registry.withdraw(session, actor, first.row.id, "salah alamat tujuan")
    assert withdrawn.withdrawn and withdrawn.withdrawn_reason == "salah alamat tujuan"
    assert _states(database, office.pbi_proposals) == {"approved"}
    with pytest.raises(LetterRefused, match="sudah ditarik"), database.write() as session:
        registry.withdraw(session, actor, first.row.id, "lagi")
    second = issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period,
                                                         issued_on=DAY))
    assert second.row.number == "400.9/002/Kec.Srg/IV/2025"
    with database.read() as session:
        rows = registry.list_letters(session, actor)
        old_pdf = registry.letter_pdf  # reprint of a withdrawn letter still works
    assert [(r.number, r.status) for r in rows] == [
        ("400.9/002/Kec.Srg/IV/2025", "issued"), ("400.9/001/Kec.Srg/IV/2025", "withdrawn")]
    with database.write() as session:
        _, pdf = old_pdf(session, actor, first.row.id)
    assert pdf == first.pdf
    with pytest.raises(NotFound), database.write() as session:
        registry.withdraw(session, actor, 9999, "tidak ada")


# --------------------------------------------------------------------------- refusals


def test_empty_selection_is_refused_without_a_number(database, actor, office) -> None:
    issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period))
    before = _counter(database)
    with pytest.raises(LetterRefused, match="Tidak ada usulan") as caught:
        issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period))
    assert "Belum ada nomor surat yang terpakai" in caught.value.hint
    assert _counter(database) == before


def test_a_proposal_that_is_not_approved_is_refused_by_name(database, actor) -> None:
    configure_office(database, actor)
    data = seed(database, households=2, states=("approved", "submitted"))
    with pytest.raises(LetterRefused, match="bukan 'disetujui Camat'") as caught:
        issue_letter(database, actor, LetterRequest("usulan-pbi", data.pbi_period,
                                                    proposal_ids=tuple(data.pbi_proposals)))
    assert "WARGA" in caught.value.message and "diajukan" in caught.value.message
    assert _counter(database) == 0
    assert _states(database, data.pbi_proposals) == {"approved", "submitted"}


def test_every_carried_proposal_moves_with_its_version_and_audit_trail(
        database, actor, office) -> None:
    with database.read() as session:
        before = dict(session.execute(select(Proposal.id, Proposal.version).where(
            Proposal.id.in_(office.pbi_proposals))).all())
    issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period, issued_on=DAY))
    with database.read() as session:
        after = dict(session.execute(select(Proposal.id, Proposal.version).where(
            Proposal.id.in_(office.pbi_proposals))).all())
        moves = session.execute(select(AuditEvent.entity_id, AuditEvent.old_value,
                                       AuditEvent.new_value).where(
            AuditEvent.entity == "proposal", AuditEvent.field == "state",
            AuditEvent.new_value == "in_letter")).all()
    assert after == {pid: version + 1 for pid, version in before.items()}
    assert sorted(int(m.entity_id) for m in moves) == sorted(office.pbi_proposals)
    assert {(m.old_value, m.new_value) for m in moves} == {("approved", "in_letter")}


def test_missing_letterhead_is_refused_without_a_number(database, actor) -> None:
    data = seed(database, households=2)
    with pytest.raises(LetterheadIncomplete, match="Alamat kantor"):
        issue_letter(database, actor, LetterRequest("usulan-pbi", data.pbi_period))
    assert _counter(database) == 0


def test_a_broken_template_is_refused_without_a_number(database, actor, office) -> None:
    with database.write() as session:
        settings.update(session, actor, {"letters.template.usulan-pbi":
                                         "hal: Usulan {periode}\nsifat: Penting\nkepada: Dinas\n"
                                         "---\nIsi.\n"})
    with pytest.raises(LetterRefused, match=r"baris 1: penanda \{periode\}"):
        issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period))
    assert _counter(database) == 0


def test_wrong_period_or_type_is_refused(database, actor, office) -> None:
    with pytest.raises(LetterRefused, match="tidak dapat dibuat untuk periode"):
        issue_letter(database, actor, LetterRequest("usulan-pbi", office.rtlh_period))
    with pytest.raises(LetterRefused, match="Jenis surat 'surat-cinta' tidak dikenal"):
        issue_letter(database, actor, LetterRequest("surat-cinta", office.pbi_period))
    with pytest.raises(LetterRefused, match="Periode #999"):
        issue_letter(database, actor, LetterRequest("rekap", 999))
    assert _counter(database) == 0


def test_proposals_taken_by_another_letter_meanwhile_refuse_the_second(
        database, actor, office) -> None:
    with database.read() as session:
        slow = prepare(session, actor, LetterRequest("usulan-pbi", office.pbi_period))
    issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period))
    with pytest.raises(LetterRefused, match="dalam surat"), database.write() as session:
        registry.issue(session, actor, letter_type_code="usulan-pbi",
                       period_id=office.pbi_period, proposal_ids=slow.proposal_ids,
                       render=lambda n: registry.Rendered(render_pdf(slow, n.number)[0], "", ""))
    assert _counter(database) == 1


def test_the_workflow_refuses_moves_outside_the_letter_service(database, actor, office) -> None:
    from db import workflow

    with pytest.raises(TransitionNotAllowed), database.write() as session:
        workflow.move(session, actor, office.pbi_proposals[0], "in_letter")


def test_a_field_officer_may_not_issue_letters(database, actor, office) -> None:
    with database.write() as session:
        user = User(username="petugas", full_name="Petugas Lapangan")
        session.add(user)
        session.flush()
        session.add(UserRole(user_id=user.id, role_code="field_officer"))
    with database.read() as session:
        officer = load_actor(session, "petugas")
    with pytest.raises(PermissionDenied, match="membuat surat"):
        issue_letter(database, officer, LetterRequest("usulan-pbi", office.pbi_period))
    assert _counter(database) == 0


def test_folio_paper_setting(database, actor, office) -> None:
    with database.write() as session:
        settings.update(session, actor, {"letters.paper": "F4"})
    issued = issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period))
    box = pypdf.PdfReader(io.BytesIO(issued.pdf)).pages[0].mediabox
    assert round(float(box.height) / 72 * 25.4) == 330
