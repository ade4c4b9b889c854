"""A throwaway PKI for signing tests: a CA, a signer it issued, and certificates that must fail.

Built once per test session with ``cryptography`` (no network, no files outside tmp).
Use the ``pki`` fixture by importing it into a test module: ``from tests.pki import pki``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

PASSPHRASE = "rahasia-uji-123"
SIGNER_NAME = "Drs. H. AHMAD SUBAGJA, M.Si."
SIGNER_NIP = "197503122000031002"
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")


@dataclass(frozen=True)
class Pki:
    ca_pem: bytes
    signer_p12: bytes  # issued by the CA, EC P-256, document signing
    expired_p12: bytes  # issued by the CA, ended yesterday
    no_signing_p12: bytes  # issued by the CA for TLS servers only
    passphrase: str = PASSPHRASE


def _name(common: str, serial: str | None = None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Uji Sertifikasi Elektronik"),
             x509.NameAttribute(NameOID.COMMON_NAME, common)]
    if serial:
        parts.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(parts)


def _usage(*, sign: bool, encipher: bool = False, cert_sign: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign, content_commitment=sign, key_encipherment=encipher,
        data_encipherment=False, key_agreement=False, key_cert_sign=cert_sign,
        crl_sign=cert_sign, encipher_only=False, decipher_only=False,
    )


def _issue(ca_key, ca_name, subject, key, *, start, end, usage, eku):  # type: ignore[no-untyped-def]
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(ca_name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    )
    return builder.sign(ca_key, hashes.SHA256())


def _p12(name: str, key, cert, ca_cert) -> bytes:  # type: ignore[no-untyped-def]
    return pkcs12.serialize_key_and_certificates(
        name.encode(), key, cert, [ca_cert],
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    )


def make_pki() -> Pki:
    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _name("Uji Root CA Tepat")
    ca_cert = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=30))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(sign=False, cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    signer_key = ec.generate_private_key(ec.SECP256R1())
    signer = _issue(ca_key, ca_name, _name(SIGNER_NAME, SIGNER_NIP), signer_key,
                    start=now - dt.timedelta(days=1), end=now + dt.timedelta(days=365),
                    usage=_usage(sign=True), eku=[DOCUMENT_SIGNING,
                                                  ExtendedKeyUsageOID.EMAIL_PROTECTION])
    expired_key = ec.generate_private_key(ec.SECP256R1())
    expired = _issue(ca_key, ca_name, _name(SIGNER_NAME, SIGNER_NIP), expired_key,
                     start=now - dt.timedelta(days=400), end=now - dt.timedelta(days=1),
                     usage=_usage(sign=True), eku=[DOCUMENT_SIGNING])
    tls_key = ec.generate_private_key(ec.SECP256R1())
    tls = _issue(ca_key, ca_name, _name(SIGNER_NAME, SIGNER_NIP), tls_key,
                 start=now - dt.timedelta(days=1), end=now + dt.timedelta(days=365),
                 usage=_usage(sign=False, encipher=True), eku=[ExtendedKeyUsageOID.SERVER_AUTH])
    return Pki(
        ca_pem=ca_cert.public_bytes(serialization.Encoding.PEM),
        signer_p12=_p12("signer", signer_key, signer, ca_cert),
        expired_p12=_p12("expired", expired_key, expired, ca_cert),
        no_signing_p12=_p12("tls", tls_key, tls, ca_cert),
    )


@pytest.fixture(scope="session")
def pki() -> Pki:
    return make_pki()
