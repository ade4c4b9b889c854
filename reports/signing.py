"""Digital signatures on letters: PAdES with pyHanko and the signatory's PKCS#12 certificate.

The certificate is either one the signatory imports (e.g. issued by BSrE, the national
e-signature agency) or a self-signed office certificate made here, which the letter then
says plainly. The passphrase is passed in for one signing and never kept.

The visible stamp sits in the letter's signature block: a QR code carrying the letter
number and the SHA-256 of the document as it was before signing (the signed revision),
then the signer's name, NIP, the signing time and the kind of certificate. The PDF is
complete before it is signed and never rewritten after.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.stamp import StaticStampStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from db.errors import CertificateRejected
from reports import fonts, qr
from reports.idtext import WIB, date_time, format_nip, long_date
from reports.letter import STAMP_HEIGHT, STAMP_WIDTH, SignatureBox

FIELD_NAME = "TandaTanganElektronik"
SELF_SIGNED_LABEL = "sertifikat elektronik kantor yang dibuat sendiri (bukan sertifikat BSrE)"
# Marks the office certificates Tepat makes, in the subject's organisational unit.
OFFICE_CERT_UNIT = "Sertifikat kantor (dibuat sendiri dengan Tepat, bukan BSrE)"

# Extended key usages that allow signing documents (when the extension is present).
_SIGNING_EKU = {
    ExtendedKeyUsageOID.EMAIL_PROTECTION,
    ObjectIdentifier("1.3.6.1.5.5.7.3.36"),  # id-kp-documentSigning (RFC 9336)
    ObjectIdentifier("1.2.840.113583.1.1.5"),  # Adobe Authentic Documents Trust
    ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"),  # Microsoft document signing
    ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
}


@dataclass(frozen=True)
class CertificateInfo:
    """What a certificate says about its holder, as the letter and dialogs show it."""

    name: str  # subject common name
    nip: str | None  # subject serialNumber when it is an 18-digit NIP
    organization: str | None
    issuer: str
    self_signed: bool
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint_sha256: str
    label: str  # how the letter describes it

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name, "nip": self.nip, "organization": self.organization,
            "issuer": self.issuer, "self_signed": self.self_signed,
            "not_before": self.not_before.isoformat(), "not_after": self.not_after.isoformat(),
            "fingerprint_sha256": self.fingerprint_sha256, "label": self.label,
        }


class LoadedSigner:
    """A certificate and key ready to sign, checked for dates and signing usage."""

    def __init__(self, info: CertificateInfo, signer: signers.SimpleSigner) -> None:
        self.info = info
        self.signer = signer


def _attribute(name: x509.Name, oid: ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


def describe(cert: x509.Certificate) -> CertificateInfo:
    """The holder, issuer, validity and label of ``cert``."""
    subject_cn = _attribute(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string()
    serial = _attribute(cert.subject, NameOID.SERIAL_NUMBER)
    nip = serial if serial and serial.isdigit() and len(serial) == 18 else None
    issuer_org = _attribute(cert.issuer, NameOID.ORGANIZATION_NAME)
    issuer_cn = _attribute(cert.issuer, NameOID.COMMON_NAME)
    issuer = issuer_cn or issuer_org or cert.issuer.rfc4514_string()
    self_signed = cert.issuer == cert.subject
    if self_signed:
        label = SELF_SIGNED_LABEL
    elif any("bsre" in (x or "").lower() or "balai sertifikasi elektronik" in (x or "").lower()
             for x in (issuer_cn, issuer_org)):
        label = "sertifikat elektronik yang diterbitkan BSrE (BSSN)"
    else:
        label = f"sertifikat elektronik yang diterbitkan {issuer}"
    return CertificateInfo(
        name=subject_cn, nip=nip,
        organization=_attribute(cert.subject, NameOID.ORGANIZATION_NAME), issuer=issuer,
        self_signed=self_signed, not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        fingerprint_sha256=cert.fingerprint(hashes.SHA256()).hex(), label=label,
    )


def _check_usage(cert: x509.Certificate, info: CertificateInfo, source: str) -> None:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise CertificateRejected(
            f"Sertifikat {info.name} ({source}) tidak boleh dipakai untuk tanda tangan: "
            "penggunaan kuncinya tidak mencakup tanda tangan digital.",
            hint="Gunakan sertifikat tanda tangan elektronik (mis. dari BSrE) atau buat "
            "sertifikat kantor. Belum ada nomor surat yang terpakai.",
        )
    try:
        extended = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not _SIGNING_EKU.intersection(extended):
        raise CertificateRejected(
            f"Sertifikat {info.name} ({source}) dibuat untuk keperluan lain (mis. server atau "
            "login), bukan untuk menandatangani dokumen.",
            hint="Gunakan sertifikat tanda tangan elektronik. Belum ada nomor surat yang "
            "terpakai.",
        )


def load_signer(data: bytes, passphrase: str | bytes, *, source: str = "berkas PKCS#12",
                now: dt.datetime | None = None) -> LoadedSigner:
    """Open a PKCS#12 file with its passphrase and check it can sign now.

    Raises :class:`CertificateRejected` for a wrong passphrase or unreadable file, a
    certificate not yet valid or expired, or one not meant for signing.
    """
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, secret or None)
    except (ValueError, TypeError) as exc:
        raise CertificateRejected(
            f"Sertifikat tidak dapat dibuka: kata sandi salah, atau {source} bukan berkas "
            "PKCS#12 (.p12/.pfx).",
            hint="Periksa kata sandi lalu coba lagi. Belum ada nomor surat yang terpakai.",
        ) from exc
    if key is None or cert is None:
        raise CertificateRejected(
            f"{source} tidak memuat sertifikat beserta kunci privatnya.",
            hint="Ekspor ulang sertifikat tanda tangan lengkap dengan kunci privat (.p12).",
        )
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise CertificateRejected(
            f"Jenis kunci pada {source} tidak didukung (hanya RSA dan EC).")
    info = describe(cert)
    moment = now or dt.datetime.now(dt.UTC)
    if moment < info.not_before:
        raise CertificateRejected(
            f"Sertifikat {info.name} baru berlaku mulai {date_time(info.not_before)}.",
            hint="Periksa jam komputer, atau tunggu sampai sertifikat berlaku. Belum ada "
            "nomor surat yang terpakai.",
        )
    if moment > info.not_after:
        raise CertificateRejected(
            f"Sertifikat {info.name} sudah kedaluwarsa sejak {date_time(info.not_after)}.",
            hint="Perpanjang sertifikat (atau buat sertifikat kantor baru), lalu ulangi. "
            "Belum ada nomor surat yang terpakai.",
        )
    _check_usage(cert, info, source)
    signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=secret or None)
    return LoadedSigner(info, signer)


def create_office_certificate(*, name: str, nip: str, office: str, passphrase: str,
                              days: int = 730, now: dt.datetime | None = None) -> bytes:
    """A self-signed signing certificate for the office, as PKCS#12 bytes.

    Letters signed with it say that the certificate is the office's own and not from
    BSrE. The passphrase protects the file; it is not stored anywhere.
    """
    problems = []
    if not name.strip():
        problems.append("nama pemegang sertifikat wajib diisi")
    if not (nip.isdigit() and len(nip) == 18):
        problems.append("NIP harus 18 angka")
    if len(passphrase) < 8:
        problems.append("kata sandi paling sedikit 8 karakter")
    if not 1 <= days <= 3650:
        problems.append("masa berlaku 1 sampai 3650 hari")
    if problems:
        raise CertificateRejected("Sertifikat kantor tidak dapat dibuat: " + "; ".join(problems)
                                  + ".")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(minutes=5)
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, office.strip() or "Kantor"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, OFFICE_CERT_UNIT),
        x509.NameAttribute(NameOID.COMMON_NAME, name.strip()),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, nip),
    ])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ObjectIdentifier("1.3.6.1.5.5.7.3.36"),
                                              ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                       critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        name.strip().encode("utf-8"), key, cert, None,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


# --------------------------------------------------------------------------- signing


@dataclass(frozen=True)
class SignedLetter:
    pdf: bytes
    signed_at: dt.datetime
    unsigned_sha256: str  # the hash the stamp's QR code carries
    qr_payload: str


def stamp_payload(*, number: str, issued_on: dt.date, signer: str, nip: str,
                  document_sha256: str) -> str:
    """What the stamp's QR code says: enough to check the letter against the registry."""
    return (f"TEPAT SURAT ELEKTRONIK\nNomor: {number}\nTanggal: {long_date(issued_on)}\n"
            f"Penanda tangan: {signer}, NIP {nip}\nSHA-256 dokumen: {document_sha256}")


def _stamp_pdf(payload: str, *, name: str, nip: str, when: dt.datetime, label: str) -> bytes:
    """The visible stamp as a one-page PDF the size of the signature box."""
    fonts.register()
    buffer = io.BytesIO()
    width, height = STAMP_WIDTH, STAMP_HEIGHT
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setLineWidth(0.7)
    canvas.setStrokeColorRGB(0.12, 0.25, 0.45)
    canvas.roundRect(0.6, 0.6, width - 1.2, height - 1.2, 2 * mm, stroke=1, fill=0)
    size = height - 3 * mm
    qr.draw(canvas, payload, 1.5 * mm, 1.5 * mm, size, error="l")
    x = size + 3 * mm
    room = width - x - 2 * mm
    y = height - 4.2 * mm
    canvas.setFont(fonts.ITALIC, 6.5)
    canvas.drawString(x, y, "Ditandatangani secara elektronik oleh")
    y -= 9.5
    bold = fonts.Measure(fonts.BOLD, 8)
    canvas.setFont(fonts.BOLD, 8)
    for line in bold.wrap(name, room, 2):
        canvas.drawString(x, y, line)
        y -= 9.5
    canvas.setFont(fonts.REGULAR, 7)
    canvas.drawString(x, y, f"NIP {format_nip(nip)}")
    y -= 8.5
    canvas.drawString(x, y, date_time(when))
    y -= 8.5
    canvas.setFont(fonts.ITALIC, 5.8)
    small = fonts.Measure(fonts.ITALIC, 5.8)
    for line in small.wrap(label[0].upper() + label[1:], room, 2):
        canvas.drawString(x, y, line)
        y -= 7
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _StampPage(content.PdfContent):
    """A one-page PDF held in memory, drawn as the signature's appearance."""

    def __init__(self, pdf: bytes) -> None:
        super().__init__()
        self.pdf = pdf

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.pdf)), page_ix=0)
        name = "/TepatStamp"
        self.resources.xobject[name] = xobject
        x1, y1, x2, y2 = xobject.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return name.encode("ascii") + b" Do"


class _FixedTimeSigner(signers.PdfSigner):
    """Signs with the time printed on the stamp, so stamp and signature agree exactly."""

    def __init__(self, *args: object, system_time: dt.datetime, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._system_time = system_time

    def init_signing_session(self, pdf_out, existing_fields_only=False):  # type: ignore[no-untyped-def]
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._system_time
        return session


def sign_pdf(pdf: bytes, signer: LoadedSigner, box: SignatureBox, *, number: str,
             issued_on: dt.date, nip: str, place: str,
             when: dt.datetime | None = None) -> SignedLetter:
    """Sign a finished letter (PAdES B-B) with its visible stamp in ``box``."""
    moment = (when or dt.datetime.now(dt.UTC)).astimezone(WIB).replace(microsecond=0)
    unsigned_sha256 = hashlib.sha256(pdf).hexdigest()
    name = signer.info.name
    shown_nip = signer.info.nip or nip
    payload = stamp_payload(number=number, issued_on=issued_on, signer=name, nip=shown_nip,
                            document_sha256=unsigned_sha256)
    stamp = _stamp_pdf(payload, name=name, nip=shown_nip, when=moment, label=signer.info.label)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"Pengesahan surat nomor {number}", location=place, name=name,
    )
    pdf_signer = _FixedTimeSigner(
        meta, signer.signer, system_time=moment,
        stamp_style=StaticStampStyle(background=_StampPage(stamp), border_width=0,
                                     background_opacity=1.0),
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=FIELD_NAME, on_page=box.page,
            box=(round(box.x1), round(box.y1), round(box.x2), round(box.y2)),
        ),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    output = pdf_signer.sign_pdf(writer)
    return SignedLetter(output.getvalue(), moment, unsigned_sha256, payload)
