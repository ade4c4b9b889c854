"""Verifying a letter PDF: is the signature intact, who signed when, does it match the registry?

A letter is genuine when its digital signature is cryptographically sound and covers the
whole file, and the registry holds a letter with the number the PDF carries, still in
force, whose stored SHA-256 equals the file's. Whether the certificate chains to a trusted
root (BSrE, or roots the office supplies) is reported too, but a self-signed office
certificate is by design not "trusted": the letter says so on its face.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy.orm import Session

from db import letters as registry
from reports.idtext import date_time, format_nip, long_date
from reports.letter import NUMBER_KEYWORD
from reports.signing import CertificateInfo, describe

# pyHanko logs every untrusted chain with a traceback; the report says it in words. A
# NullHandler keeps Python's last-resort handler from printing it on a bare terminal
# (an application that configures logging still receives the records).
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


# What pyHanko raises on a damaged file or signature (its errors derive from these).
_DAMAGED = (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError)


@dataclass(frozen=True)
class SignatureCheck:
    """One embedded signature, validated."""

    field: str
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the signature value verifies with the certificate's key
    covers_whole_file: bool
    trusted: bool  # the certificate chains to a trusted root
    signed_at: dt.datetime | None
    certificate: CertificateInfo | None
    problem: str | None = None

    @property
    def sound(self) -> bool:
        return self.intact and self.valid and self.covers_whole_file and self.problem is None


@dataclass
class Verification:
    """The verdict on one PDF, with the reasons in Indonesian."""

    file_sha256: str
    number: str | None = None
    signatures: list[SignatureCheck] = field(default_factory=list)
    registry_checked: bool = False
    registry: registry.RegistryEntry | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def intact(self) -> bool:
        return self.signed and all(s.sound for s in self.signatures)

    @property
    def matches_registry(self) -> bool:
        entry = self.registry
        return (entry is not None and entry.status == registry.STATUS_ISSUED
                and entry.sha256 == self.file_sha256)

    @property
    def ok(self) -> bool:
        """Signed, intact, and the registry's letter of that number, still in force."""
        return self.intact and self.matches_registry

    def as_dict(self) -> dict[str, object]:
        entry = self.registry
        return {
            "ok": self.ok, "intact": self.intact, "signed": self.signed,
            "matches_registry": self.matches_registry, "number": self.number,
            "file_sha256": self.file_sha256,
            "signatures": [
                {"field": s.field, "intact": s.intact, "valid": s.valid,
                 "covers_whole_file": s.covers_whole_file, "trusted": s.trusted,
                 "signed_at": s.signed_at.isoformat() if s.signed_at else None,
                 "signer": s.certificate.name if s.certificate else None,
                 "signer_nip": s.certificate.nip if s.certificate else None,
                 "certificate": s.certificate.as_dict() if s.certificate else None,
                 "problem": s.problem}
                for s in self.signatures
            ],
            "registry": None if entry is None else {
                "number": entry.number, "status": entry.status,
                "issued_on": entry.issued_on.isoformat(), "subject": entry.subject,
                "sha256": entry.sha256, "signed": entry.signed, "signer": entry.signer_name,
                "withdrawn_reason": entry.withdrawn_reason,
            },
            "problems": list(self.problems),
        }

    def lines(self) -> list[str]:
        out = [f"SHA-256 berkas : {self.file_sha256}",
               f"Nomor surat    : {self.number or '(tidak ditemukan di PDF)'}"]
        if not self.signatures:
            out.append("Tanda tangan   : tidak ada tanda tangan digital")
        for s in self.signatures:
            state = "utuh dan sah secara kriptografis" if s.sound else "TIDAK UTUH / TIDAK SAH"
            out.append(f"Tanda tangan   : {state}")
            if s.certificate:
                nip = f", NIP {format_nip(s.certificate.nip)}" if s.certificate.nip else ""
                out.append(f"Penanda tangan : {s.certificate.name}{nip}")
                trust = "terpercaya" if s.trusted else "belum terverifikasi ke akar tepercaya"
                out.append(f"Sertifikat     : {s.certificate.label} ({trust})")
            if s.signed_at:
                out.append(f"Waktu tanda tangan: {date_time(s.signed_at)}")
        if self.registry_checked:
            entry = self.registry
            if entry is None:
                out.append("Register surat : nomor tidak terdaftar")
            else:
                status = "berlaku" if entry.status == registry.STATUS_ISSUED else "DITARIK"
                same = "sama" if entry.sha256 == self.file_sha256 else "BERBEDA"
                out.append(f"Register surat : terdaftar {long_date(entry.issued_on)}, "
                           f"status {status}, SHA-256 {same}")
        out += [f"Masalah        : {p}" for p in self.problems]
        verdict = "ASLI: tanda tangan utuh dan cocok dengan register surat" if self.ok else \
            "TIDAK DAPAT DIPASTIKAN ASLI"
        out.append(f"Kesimpulan     : {verdict}")
        return out


def _number_of(reader: PdfFileReader) -> str | None:
    info = reader.trailer_view.get("/Info")
    if info is None:
        return None
    keywords = str(info.get_object().get("/Keywords", ""))
    for part in keywords.split(";"):
        part = part.strip()
        if part.startswith(NUMBER_KEYWORD):
            return part[len(NUMBER_KEYWORD):].strip() or None
    return None


def _certificate(cert: asn1_x509.Certificate) -> CertificateInfo:
    return describe(x509.load_der_x509_certificate(cert.dump()))


def inspect(data: bytes, *, trust_roots: Iterable[bytes] = ()) -> Verification:
    """Validate every signature in ``data`` (no registry look-up).

    ``trust_roots`` are DER or PEM certificates of roots to trust (e.g. BSrE's).
    """
    result = Verification(hashlib.sha256(data).hexdigest())
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        result.number = _number_of(reader)
        embedded = list(reader.embedded_signatures)
    except _DAMAGED as exc:  # any parse failure means the file is damaged
        result.problems.append(f"berkas bukan PDF yang utuh atau tidak dapat dibaca ({exc}).")
        return result
    roots = []
    for root in trust_roots:
        cert = x509.load_pem_x509_certificate(root) if root.lstrip().startswith(b"-----") \
            else x509.load_der_x509_certificate(root)
        roots.append(asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER)))
    if not embedded:
        result.problems.append("PDF tidak memuat tanda tangan digital.")
    for signature in embedded:
        name = signature.field_name or "?"
        try:
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            status = validate_pdf_signature(signature, context)
        except _DAMAGED as exc:  # a damaged signature must be reported, not crash
            result.signatures.append(SignatureCheck(name, False, False, False, False, None, None,
                                                    f"tanda tangan tidak dapat diperiksa ({exc})"))
            result.problems.append(f"tanda tangan '{name}' rusak atau tidak dapat diperiksa.")
            continue
        covers = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        check = SignatureCheck(
            name, bool(status.intact), bool(status.valid), covers, bool(status.trusted),
            status.signer_reported_dt, _certificate(status.signing_cert),
        )
        result.signatures.append(check)
        if not status.intact:
            result.problems.append("isi dokumen berubah setelah ditandatangani.")
        elif not status.valid:
            result.problems.append("nilai tanda tangan tidak cocok dengan sertifikatnya.")
        elif not covers:
            result.problems.append("ada perubahan yang ditambahkan setelah tanda tangan.")
    return result


def verify(session: Session, data: bytes, *, trust_roots: Iterable[bytes] = ()) -> Verification:
    """:func:`inspect` plus the registry: number known, letter in force, same SHA-256."""
    result = inspect(data, trust_roots=trust_roots)
    result.registry_checked = True
    if result.number is None:
        result.problems.append("nomor surat Tepat tidak ditemukan di PDF.")
        return result
    entry = registry.registry_entry(session, result.number)
    result.registry = entry
    if entry is None:
        result.problems.append(f"nomor {result.number} tidak ada di register surat.")
    else:
        if entry.status != registry.STATUS_ISSUED:
            result.problems.append(
                f"surat {entry.number} sudah ditarik"
                + (f": {entry.withdrawn_reason}" if entry.withdrawn_reason else "") + ".")
        if entry.sha256 != result.file_sha256:
            result.problems.append("berkas ini tidak sama dengan surat yang tercatat di register "
                                   "(SHA-256 berbeda).")
    return result
