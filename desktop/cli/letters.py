"""Letters, field checklists and verification: ``letter``, ``checklist``, ``verify``.

``tepat letter issue`` takes the period's approved proposals, issues the letter (signed
with ``--sign FILE.p12``) and prints its number; ``tepat verify`` exits 0 only when the
PDF's signature is intact and it is the registry's letter of that number, still in force.
The certificate passphrase is read from ``--passphrase-file`` or typed at a prompt, used
for one signing, and never stored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import tempfile
from pathlib import Path

from db.errors import CertificateRejected, ValidationFailed
from desktop.cli import (
    EXIT_ERROR,
    EXIT_OK,
    acting_user,
    emit,
    open_upgraded,
    progress_printer,
)

LETTER_TYPES = ("usulan-pbi", "rekomendasi-rtlh", "rekap")


def register(sub: argparse._SubParsersAction) -> None:
    letter = sub.add_parser("letter", help="surat: terbitkan, daftar, cetak ulang, tarik")
    l_sub = letter.add_subparsers(dest="letter_command", metavar="AKSI", required=True)

    issue = l_sub.add_parser("issue", help="terbitkan surat dari usulan yang disetujui; "
                                           "mencetak nomornya")
    issue.add_argument("--type", required=True, choices=LETTER_TYPES, dest="letter_type")
    issue.add_argument("--period", required=True, type=int, metavar="ID")
    issue.add_argument("--kelurahan", metavar="KODE", help="hanya satu kelurahan, mis. "
                                                           "36.73.01.1002")
    issue.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf")
    issue.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                       help="tanggal surat (bawaan: hari ini)")
    issue.add_argument("--paper", choices=("A4", "F4"), help="bawaan: pengaturan surat")
    issue.add_argument("--sign", type=Path, metavar="BERKAS.p12",
                       help="tanda tangani dengan sertifikat PKCS#12 ini")
    issue.add_argument("--passphrase-file", type=Path, metavar="BERKAS",
                       help="berkas berisi kata sandi sertifikat (bawaan: ditanyakan)")
    issue.add_argument("--json", action="store_true")
    issue.set_defaults(handler=cmd_issue)

    listing = l_sub.add_parser("list", help="register surat")
    listing.add_argument("--year", type=int)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)

    reprint = l_sub.add_parser("reprint", help="tulis ulang PDF surat persis seperti terbit")
    reprint.add_argument("id", type=int, metavar="ID")
    reprint.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf")
    reprint.set_defaults(handler=cmd_reprint)

    withdraw = l_sub.add_parser("withdraw", help="tarik surat (nomornya tidak dipakai lagi)")
    withdraw.add_argument("id", type=int, metavar="ID")
    withdraw.add_argument("--reason", required=True, metavar="TEKS")
    withdraw.set_defaults(handler=cmd_withdraw)

    cert = l_sub.add_parser("certificate", help="buat sertifikat kantor (ditandatangani "
                                                "sendiri, bukan BSrE) untuk menandatangani")
    cert.add_argument("--out", required=True, type=Path, metavar="BERKAS.p12")
    cert.add_argument("--name", help="nama pemegang (bawaan: penanda tangan di pengaturan)")
    cert.add_argument("--nip", help="NIP pemegang (bawaan: dari pengaturan)")
    cert.add_argument("--days", type=int, default=730, help="masa berlaku dalam hari")
    cert.add_argument("--passphrase-file", type=Path, metavar="BERKAS")
    cert.add_argument("--json", action="store_true")
    cert.set_defaults(handler=cmd_certificate)

    checklist = sub.add_parser("checklist", help="daftar periksa lapangan satu kelurahan "
                                                 "(satu halaman per keluarga)")
    checklist.add_argument("--kelurahan", required=True, metavar="KODE")
    checklist.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf")
    checklist.add_argument("--period", type=int, metavar="ID")
    checklist.add_argument("--state", action="append", metavar="STATUS",
                           help="status usulan (boleh diulang; bawaan: in_field)")
    checklist.add_argument("--paper", choices=("A4", "F4"))
    checklist.add_argument("--json", action="store_true")
    checklist.set_defaults(handler=cmd_checklist)

    verify = sub.add_parser("verify", help="periksa tanda tangan dan kecocokan surat dengan "
                                           "register; keluar 0 hanya bila asli")
    verify.add_argument("file", type=Path, metavar="BERKAS.pdf")
    verify.add_argument("--trust", type=Path, action="append", metavar="AKAR.pem",
                        help="sertifikat akar tepercaya (mis. BSrE); boleh diulang")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=cmd_verify)


# --------------------------------------------------------------------------- helpers


def _passphrase(path: Path | None, prompt: str) -> str:
    if path is not None:
        try:
            return path.read_text("utf-8").rstrip("\r\n")
        except OSError as exc:
            raise CertificateRejected(
                f"Berkas kata sandi {path} tidak dapat dibaca: {exc.strerror}.") from exc
    if not sys.stdin.isatty():
        raise ValidationFailed([("Kata sandi sertifikat",
                                 "tidak ada terminal untuk mengetik; pakai --passphrase-file")])
    return getpass.getpass(prompt)


def _check_writable(path: Path) -> None:
    """Refuse an output path before anything is issued (a number must not be lost)."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ValidationFailed([("--out", f"{path} adalah folder, bukan nama berkas")])
    if not folder.is_dir():
        raise ValidationFailed([("--out", f"folder {folder} tidak ada")])
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValidationFailed([("--out", f"{path} tidak dapat ditulis")])


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    handle, temp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".",
                                    prefix=".tepat-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _load_signer(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from reports import signing

    try:
        data = args.sign.read_bytes()
    except OSError as exc:
        raise CertificateRejected(f"Sertifikat {args.sign} tidak dapat dibaca: {exc.strerror}.",
                                  hint="Belum ada nomor surat yang terpakai.") from exc
    passphrase = _passphrase(args.passphrase_file, f"Kata sandi sertifikat {args.sign.name}: ")
    return signing.load_signer(data, passphrase, source=args.sign.name)


# --------------------------------------------------------------------------- commands


def cmd_issue(args: argparse.Namespace) -> int:
    from reports.letters import LetterRequest, issue_letter

    if args.passphrase_file and not args.sign:
        raise ValidationFailed([("--passphrase-file", "hanya dipakai bersama --sign")])
    _check_writable(args.out)
    signer = _load_signer(args) if args.sign else None
    database = open_upgraded(args)
    try:
        with database.read() as session:
            actor = acting_user(session)
        request = LetterRequest(args.letter_type, args.period, kelurahan_code=args.kelurahan,
                                issued_on=args.date, paper=args.paper)
        issued = issue_letter(database, actor, request, signer=signer,
                              progress=progress_printer("Menyusun surat"))
    finally:
        database.dispose()
    try:
        write_atomically(args.out, issued.pdf)
    except OSError as exc:
        print(f"tepat: galat: surat {issued.row.number} sudah terbit, tetapi {args.out} tidak "
              f"dapat ditulis ({exc.strerror}). Tulis ulang dengan: tepat letter reprint "
              f"{issued.row.id} --out BERKAS.pdf", file=sys.stderr)
        return EXIT_ERROR
    row = issued.row
    data = dict(row.as_dict(), pages=issued.pages, out=str(args.out))
    lines = [row.number]
    if not getattr(args, "json", False):
        print(f"{row.type_label} terbit: {issued.pages} halaman, {row.proposal_count} "
              f"usulan{', ditandatangani ' + row.signer_name if row.signed else ''}; "
              f"disimpan di {args.out}.", file=sys.stderr)
    emit(args, data, lines)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from db import letters

    database = open_upgraded(args)
    try:
        with database.read() as session:
            rows = letters.list_letters(session, acting_user(session), year=args.year)
    finally:
        database.dispose()
    lines = [f"{r.id:>5}  {r.number:<28} {r.issued_on:%d-%m-%Y}  "
             f"{'DITARIK' if r.withdrawn else 'berlaku':<8} "
             f"{'ttd-el' if r.signed else '      '}  {r.proposal_count:>6} usulan  {r.subject}"
             for r in rows] or ["Belum ada surat."]
    emit(args, [r.as_dict() for r in rows], lines)
    return EXIT_OK


def cmd_reprint(args: argparse.Namespace) -> int:
    from db import letters

    _check_writable(args.out)
    database = open_upgraded(args)
    try:
        with database.write() as session:
            row, pdf = letters.letter_pdf(session, acting_user(session), args.id)
    finally:
        database.dispose()
    write_atomically(args.out, pdf)
    state = " (SURAT INI SUDAH DITARIK)" if row.withdrawn else ""
    print(f"Surat {row.number}{state} ditulis ke {args.out}.")
    return EXIT_OK


def cmd_withdraw(args: argparse.Namespace) -> int:
    from db import letters

    database = open_upgraded(args)
    try:
        with database.write() as session:
            row = letters.withdraw(session, acting_user(session), args.id, args.reason)
    finally:
        database.dispose()
    print(f"Surat {row.number} ditarik; nomornya tidak akan dipakai lagi. "
          f"{row.proposal_count} usulan kembali berstatus disetujui.")
    return EXIT_OK


def cmd_certificate(args: argparse.Namespace) -> int:
    from db import settings
    from reports import signing

    if args.out.exists():
        raise ValidationFailed([("--out", f"{args.out} sudah ada; sertifikat lama tidak ditimpa")])
    _check_writable(args.out)
    database = open_upgraded(args)
    try:
        with database.read() as session:
            values = settings.get_all(session)
    finally:
        database.dispose()
    name = args.name or values["signatory.name"]
    nip = args.nip or values["signatory.nip"]
    passphrase = _passphrase(args.passphrase_file, "Kata sandi untuk sertifikat baru: ")
    if args.passphrase_file is None and getpass.getpass("Ulangi kata sandi: ") != passphrase:
        raise ValidationFailed([("Kata sandi", "kedua ketikan tidak sama")])
    data = signing.create_office_certificate(
        name=name, nip=nip, office=values["letterhead.office"].title(), passphrase=passphrase,
        days=args.days)
    write_atomically(args.out, data)
    os.chmod(args.out, 0o600)
    info = signing.load_signer(data, passphrase).info
    emit(args, info.as_dict(), [
        f"Sertifikat kantor untuk {info.name} (NIP {info.nip}) dibuat: {args.out}",
        f"Berlaku sampai {info.not_after:%d-%m-%Y}. Surat yang ditandatangani dengannya "
        "menyebut: " + info.label + ".",
        "Simpan berkas dan kata sandinya baik-baik; Tepat tidak menyimpan kata sandi.",
    ])
    return EXIT_OK


def cmd_checklist(args: argparse.Namespace) -> int:
    from db import settings
    from reports import checklist

    _check_writable(args.out)
    database = open_upgraded(args)
    try:
        with database.write() as session:
            batch = checklist.collect(
                session, acting_user(session), args.kelurahan, period_id=args.period,
                states=tuple(args.state) if args.state else checklist.DEFAULT_STATES)
            paper = args.paper or settings.get(session, "letters.paper")
    finally:
        database.dispose()
    pdf = checklist.build_checklists(batch, paper=paper,
                                     progress=progress_printer("Menyusun daftar periksa"))
    write_atomically(args.out, pdf)
    data = {"kelurahan": batch.kelurahan_code, "pages": len(batch.households),
            "proposals": sum(len(h.proposals) for h in batch.households), "out": str(args.out)}
    summary = (f"Daftar periksa Kelurahan {batch.kelurahan}: {len(batch.households)} keluarga, "
               f"{data['proposals']} usulan; disimpan di {args.out}.")
    emit(args, data, [summary])
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from reports import verify

    try:
        data = args.file.read_bytes()
        roots = [path.read_bytes() for path in args.trust or ()]
    except OSError as exc:
        raise ValidationFailed([(str(exc.filename), f"tidak dapat dibaca ({exc.strerror})")]) \
            from exc
    database = open_upgraded(args)
    try:
        with database.read() as session:
            result = verify.verify(session, data, trust_roots=roots)
    finally:
        database.dispose()
    emit(args, dict(result.as_dict(), file=str(args.file)),
         [f"Berkas         : {args.file}", *result.lines()])
    return EXIT_OK if result.ok else EXIT_ERROR
