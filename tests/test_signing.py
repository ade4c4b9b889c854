"""Signing letters (PAdES with pyHanko) and verifying them: pyHanko, poppler's pdfsig, registry."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import select, update

from db import letters as registry
from db.errors import CertificateRejected
from db.models import Letter, LetterCounter, Proposal
from reports import signing, verify
from reports.letter import build_letter
from reports.letters import LetterRequest, issue_letter
from tests.letter_data import SIGNATORY_NAME, SIGNATORY_NIP, configure_office, seed
from tests.pki import SIGNER_NAME, pki  # noqa: F401 (fixture)
from tests.test_letters_pdf import _document, _rows

TODAY = dt.date.today()


def pdfsig(pdf: bytes, tmp_path: Path) -> str:
    """poppler's report; it exits 0 even for a broken signature, so the text is what counts."""
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdfsig", str(path)], check=False, capture_output=True, text=True)
    return result.stdout + result.stderr


def _pdfsig_valid(report: str) -> bool:
    return bool(re.search(r"Signature Validation: Signature is Valid\.", report))


@pytest.fixture
def office(database, actor):  # type: ignore[no-untyped-def]
    configure_office(database, actor)
    return seed(database, households=4)


def _issue_signed(database, actor, office, p12: bytes, passphrase: str):  # type: ignore[no-untyped-def]
    signer = signing.load_signer(p12, passphrase)
    return issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period,
                                                       issued_on=TODAY), signer=signer)


def test_a_letter_signed_with_a_ca_certificate_validates_everywhere(
        database, actor, office, pki, tmp_path) -> None:  # noqa: F811
    issued = _issue_signed(database, actor, office, pki.signer_p12, pki.passphrase)
    pdf = issued.pdf

    # pyHanko: intact, valid, covering the whole file, and trusted given the CA.
    reader = PdfFileReader(io.BytesIO(pdf))
    (embedded,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[_asn1(pki.ca_pem)], allow_fetching=False)
    status = validate_pdf_signature(embedded, context)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert SIGNER_NAME in status.signing_cert.subject.human_friendly
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES

    # poppler agrees.
    report = pdfsig(pdf, tmp_path)
    assert _pdfsig_valid(report), report
    assert "Total document signed" in report
    assert SIGNER_NAME in report

    # The registry holds exactly these bytes; the verifier says so.
    with database.read() as session:
        result = verify.verify(session, pdf, trust_roots=[pki.ca_pem])
    assert result.ok and result.intact and result.matches_registry
    (check,) = result.signatures
    assert check.trusted and check.certificate.name == SIGNER_NAME
    assert check.certificate.nip == SIGNATORY_NIP
    assert check.signed_at is not None
    assert abs(check.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert result.number == issued.row.number
    assert issued.row.signed and issued.row.signer_name == SIGNER_NAME

    # The stamp on page 1 shows name, NIP, time and the kind of certificate.
    text = _stamp_text(pdf)
    assert "Ditandatangani secara elektronik oleh" in text
    assert SIGNER_NAME in text
    assert "NIP 19750312 200003 1 002" in text
    assert "WIB" in text


def test_a_self_signed_office_certificate_is_labelled_and_still_verifies(
        database, actor, office, tmp_path) -> None:
    p12 = signing.create_office_certificate(name=SIGNATORY_NAME, nip=SIGNATORY_NIP,
                                            office="Kecamatan Serang", passphrase="kantor-rahasia")
    issued = _issue_signed(database, actor, office, p12, "kantor-rahasia")
    text = " ".join(" ".join(p.extract_text().split())
                    for p in pypdf.PdfReader(io.BytesIO(issued.pdf)).pages)
    assert "dibuat sendiri (bukan sertifikat BSrE)" in text
    report = pdfsig(issued.pdf, tmp_path)
    assert _pdfsig_valid(report), report
    with database.read() as session:
        result = verify.verify(session, issued.pdf)
    assert result.ok
    assert result.signatures[0].certificate.self_signed
    assert not result.signatures[0].trusted  # honest: no root vouches for it
    assert "bukan sertifikat BSrE" in "\n".join(result.lines())


def test_one_changed_byte_is_detected(database, actor, office, pki, tmp_path) -> None:  # noqa: F811
    issued = _issue_signed(database, actor, office, pki.signer_p12, pki.passphrase)
    pdf = bytearray(issued.pdf)
    # A byte of page content inside the signed range: "Nomor" becomes "Nomos" or so.
    position = pdf.index(b"stream") + 40
    pdf[position] ^= 0x01
    tampered = bytes(pdf)
    with database.read() as session:
        result = verify.verify(session, tampered)
    assert not result.ok and not result.intact and not result.matches_registry
    assert any("berubah" in p or "SHA-256 berbeda" in p or "rusak" in p for p in result.problems)
    report = pdfsig(tampered, tmp_path)
    assert not _pdfsig_valid(report), report


def test_appending_after_the_signature_is_not_accepted(database, actor, office, pki) -> None:  # noqa: F811
    issued = _issue_signed(database, actor, office, pki.signer_p12, pki.passphrase)
    extended = issued.pdf + b"\n% appended later\n"
    with database.read() as session:
        result = verify.verify(session, extended)
    assert not result.ok and not result.matches_registry


def test_withdrawn_or_unknown_letters_do_not_verify(database, actor, office, pki) -> None:  # noqa: F811
    issued = _issue_signed(database, actor, office, pki.signer_p12, pki.passphrase)
    with database.write() as session:
        registry.withdraw(session, actor, issued.row.id, "salah alamat tujuan")
    with database.read() as session:
        result = verify.verify(session, issued.pdf)
    assert result.intact and not result.ok
    assert any("ditarik" in p for p in result.problems)
    with database.write() as session:
        session.execute(update(Letter).values(number="X/1/2025"))
    with database.read() as session:
        result = verify.verify(session, issued.pdf)
    assert not result.ok and any("tidak ada di register" in p for p in result.problems)


def test_an_unsigned_letter_is_reported_as_unsigned(database, actor, office) -> None:
    issued = issue_letter(database, actor, LetterRequest("usulan-pbi", office.pbi_period))
    with database.read() as session:
        result = verify.verify(session, issued.pdf)
    assert not result.signed and not result.ok
    assert result.registry is not None and result.file_sha256 == issued.row.sha256
    assert any("tidak memuat tanda tangan" in p for p in result.problems)


def test_garbage_is_reported_not_crashed_on() -> None:
    result = verify.inspect(b"%PDF-1.7\nthis is not really a pdf")
    assert not result.ok
    assert result.problems


# --------------------------------------------------------------------------- refusals


def _counter(database) -> int:  # type: ignore[no-untyped-def]
    with database.read() as session:
        return session.scalar(select(LetterCounter.last_seq)) or 0


@pytest.mark.parametrize(("which", "passphrase", "expected"), [
    ("signer_p12", "salah-sandi", "kata sandi salah"),
    ("expired_p12", None, "kedaluwarsa"),
    ("no_signing_p12", None, "tidak boleh dipakai untuk tanda tangan"),
])
def test_unusable_certificates_are_refused_before_any_number(
        database, actor, office, pki, which, passphrase, expected) -> None:  # noqa: F811
    with pytest.raises(CertificateRejected, match=expected) as caught:
        _issue_signed(database, actor, office, getattr(pki, which), passphrase or pki.passphrase)
    assert "Belum ada nomor surat yang terpakai" in (caught.value.hint or "")
    assert _counter(database) == 0
    with database.read() as session:
        states = set(session.scalars(select(Proposal.state).where(
            Proposal.id.in_(office.pbi_proposals))))
    assert states == {"approved"}


def test_a_certificate_of_someone_else_is_refused(database, actor, office) -> None:
    p12 = signing.create_office_certificate(name="BUDI SANTOSO", nip="198001012005011001",
                                            office="Kecamatan Serang", passphrase="rahasia-budi")
    with pytest.raises(CertificateRejected, match="BUDI SANTOSO"):
        _issue_signed(database, actor, office, p12, "rahasia-budi")
    assert _counter(database) == 0


def test_office_certificate_inputs_are_checked() -> None:
    with pytest.raises(CertificateRejected) as caught:
        signing.create_office_certificate(name=" ", nip="123", office="X", passphrase="pendek")
    message = caught.value.message
    assert "nama" in message and "NIP harus 18 angka" in message and "8 karakter" in message


def test_office_certificate_is_marked_and_signs(tmp_path) -> None:
    p12 = signing.create_office_certificate(name=SIGNATORY_NAME, nip=SIGNATORY_NIP,
                                            office="Kecamatan Serang", passphrase="rahasia-kantor",
                                            days=30)
    signer = signing.load_signer(p12, "rahasia-kantor")
    info = signer.info
    assert info.self_signed and info.nip == SIGNATORY_NIP and info.name == SIGNATORY_NAME
    assert info.label == signing.SELF_SIGNED_LABEL
    assert dt.timedelta(days=29) < info.not_after - info.not_before <= dt.timedelta(days=31)
    # Expired a year from now.
    with pytest.raises(CertificateRejected, match="kedaluwarsa"):
        signing.load_signer(p12, "rahasia-kantor",
                            now=dt.datetime.now(dt.UTC) + dt.timedelta(days=365))


def _stamp_text(pdf: bytes) -> str:
    """The text of the signature widget's appearance (not part of the page's own content)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    (widget,) = [a.get_object() for a in page["/Annots"]
                 if a.get_object().get("/FT") == "/Sig" or a.get_object().get("/Parent")]
    appearance = widget["/AP"]["/N"].get_object()
    stamp = appearance["/Resources"]["/XObject"]["/TepatStamp"].get_object()
    holder = pypdf.PageObject(pdf=reader)
    holder[pypdf.generic.NameObject("/Contents")] = stamp.indirect_reference or stamp
    holder[pypdf.generic.NameObject("/Resources")] = stamp["/Resources"]
    holder[pypdf.generic.NameObject("/MediaBox")] = stamp["/BBox"]
    return holder.extract_text()


def _asn1(pem: bytes) -> asn1_x509.Certificate:
    _type, _headers, der = asn1_pem.unarmor(pem)
    return asn1_x509.Certificate.load(der)


def test_signing_appends_to_the_finished_pdf_and_stamps_its_hash(pki) -> None:  # noqa: F811

    built = build_letter(_document(_rows(30)))
    signer = signing.load_signer(pki.signer_p12, pki.passphrase)
    signed = signing.sign_pdf(built.pdf, signer, built.signature_box,
                              number="400.9/007/Kec.Srg/IV/2025", issued_on=TODAY,
                              nip=SIGNATORY_NIP, place="Serang")
    # Incremental: the letter's bytes are untouched, the signature is appended after them.
    assert signed.pdf.startswith(built.pdf)
    assert signed.unsigned_sha256 == hashlib.sha256(built.pdf).hexdigest()
    assert "Nomor: 400.9/007/Kec.Srg/IV/2025" in signed.qr_payload
    assert f"SHA-256 dokumen: {signed.unsigned_sha256}" in signed.qr_payload
    assert signed.signed_at.utcoffset() == dt.timedelta(hours=7)
    reader = PdfFileReader(io.BytesIO(signed.pdf))
    (embedded,) = reader.embedded_signatures
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[], allow_fetching=False))
    assert status.intact and status.valid
    # The signing time in the signature is the time printed on the stamp.
    assert status.signer_reported_dt == signed.signed_at
    rect = [float(v) for v in embedded.sig_field["/Kids"][0]["/Rect"]] if "/Kids" in \
        embedded.sig_field else [float(v) for v in embedded.sig_field["/Rect"]]
    box = built.signature_box
    assert rect == pytest.approx([round(box.x1), round(box.y1), round(box.x2), round(box.y2)])
