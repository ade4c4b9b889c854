"""``tepat letter …``, ``tepat checklist`` and ``tepat verify`` on a real database."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from desktop.cli import main
from reports import signing
from tests.letter_data import SIGNATORY_NAME, SIGNATORY_NIP, configure_office, seed
from tests.pki import pki  # noqa: F401 (fixture)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def office(database, actor):  # type: ignore[no-untyped-def]
    configure_office(database, actor)
    return seed(database, households=4)


def _url(database) -> str:  # type: ignore[no-untyped-def]
    return database.url.render_as_string(hide_password=False)


def test_issue_signed_then_verify(database, office, pki, tmp_path, capsys) -> None:  # noqa: F811
    p12 = tmp_path / "camat.p12"
    p12.write_bytes(pki.signer_p12)
    secret = tmp_path / "sandi.txt"
    secret.write_text(pki.passphrase + "\n")
    out = tmp_path / "surat.pdf"
    url = _url(database)
    code = main(["--database", url, "letter", "issue", "--type", "usulan-pbi", "--period",
                 str(office.pbi_period), "--out", str(out), "--sign", str(p12),
                 "--passphrase-file", str(secret), "--date", "2025-04-10"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.strip() == "400.9/001/Kec.Srg/IV/2025"
    assert "ditandatangani" in captured.err
    assert pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages

    ca = tmp_path / "ca.pem"
    ca.write_bytes(pki.ca_pem)
    assert main(["--database", url, "verify", str(out), "--json", "--trust", str(ca)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["matches_registry"] and report["intact"]
    assert report["number"] == "400.9/001/Kec.Srg/IV/2025"
    (sig,) = report["signatures"]
    assert sig["signer"] == SIGNATORY_NAME and sig["trusted"] and sig["signed_at"]

    tampered = tmp_path / "ubah.pdf"
    data = bytearray(out.read_bytes())
    data[data.index(b"stream") + 50] ^= 0x02
    tampered.write_bytes(bytes(data))
    assert main(["--database", url, "verify", str(tampered)]) == 1
    text = capsys.readouterr().out
    assert "TIDAK DAPAT DIPASTIKAN ASLI" in text


def test_unsigned_issue_list_reprint_withdraw(database, office, tmp_path, capsys) -> None:
    url = _url(database)
    out = tmp_path / "rtlh.pdf"
    assert main(["--database", url, "letter", "issue", "--type", "rekomendasi-rtlh",
                 "--period", str(office.rtlh_period), "--out", str(out), "--json"]) == 0
    issued = json.loads(capsys.readouterr().out)
    assert issued["proposals"] == 4 and issued["pages"] >= 4 and not issued["signed"]
    # An unsigned letter is not "genuine" for verify, whatever the registry says.
    assert main(["--database", url, "verify", str(out)]) == 1
    assert "SHA-256 sama" in capsys.readouterr().out

    again = tmp_path / "cetak-ulang.pdf"
    assert main(["--database", url, "letter", "reprint", str(issued["id"]), "--out",
                 str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
    assert main(["--database", url, "letter", "withdraw", str(issued["id"]), "--reason",
                 "lampiran foto belum lengkap"]) == 0
    assert "ditarik" in capsys.readouterr().out
    assert main(["--database", url, "letter", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["status"] == "withdrawn" and row["withdrawn_reason"] == "lampiran foto belum lengkap"


def test_bad_inputs_exit_1_with_one_line_and_use_no_number(database, office, pki,  # noqa: F811
                                                           tmp_path, capsys) -> None:
    url = _url(database)
    p12 = tmp_path / "kedaluwarsa.p12"
    p12.write_bytes(pki.expired_p12)
    secret = tmp_path / "sandi.txt"
    secret.write_text(pki.passphrase)
    out = tmp_path / "x.pdf"
    cases = [
        (["--sign", str(p12), "--passphrase-file", str(secret)], "kedaluwarsa"),
        (["--sign", str(tmp_path / "tidak-ada.p12"), "--passphrase-file", str(secret)],
         "tidak dapat dibaca"),
    ]
    for extra, expected in cases:
        code = main(["--database", url, "letter", "issue", "--type", "usulan-pbi", "--period",
                     str(office.pbi_period), "--out", str(out), *extra])
        err = capsys.readouterr().err
        assert code == 1 and expected in err, err
    assert main(["--database", url, "letter", "issue", "--type", "usulan-pbi", "--period",
                 str(office.rtlh_period), "--out", str(out)]) == 1
    assert "tidak dapat dibuat untuk periode" in capsys.readouterr().err
    assert main(["--database", url, "letter", "issue", "--type", "usulan-pbi", "--period",
                 str(office.pbi_period), "--out", str(tmp_path / "tidak" / "ada.pdf")]) == 1
    assert "folder" in capsys.readouterr().err
    assert not out.exists()
    # Nothing above took a number: the first real letter is 001.
    assert main(["--database", url, "letter", "issue", "--type", "rekap", "--period",
                 str(office.pbi_period), "--out", str(out), "--date", "2025-04-10"]) == 0
    assert capsys.readouterr().out.strip() == "400.9/001/Kec.Srg/IV/2025"


def test_checklist_command(database, actor, tmp_path, capsys) -> None:
    configure_office(database, actor)
    seed(database, households=6, states=("in_field",))
    out = tmp_path / "periksa.pdf"
    assert main(["--database", _url(database), "checklist", "--kelurahan", "36.73.01.1003",
                 "--out", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pages"] == 3 and data["proposals"] == 9
    assert len(pypdf.PdfReader(out).pages) == 3
    assert main(["--database", _url(database), "checklist", "--kelurahan", "36.73.01.1001",
                 "--out", str(out)]) == 1
    assert "Tidak ada usulan" in capsys.readouterr().err


def test_office_certificate_command_and_a_real_process(database, actor, office,
                                                       tmp_path) -> None:
    url = _url(database)
    secret = tmp_path / "sandi.txt"
    secret.write_text("kantor-rahasia-1")
    p12 = tmp_path / "kantor.p12"
    run = [sys.executable, "-m", "desktop", "--database", url]
    result = subprocess.run([*run, "letter", "certificate", "--out", str(p12),
                             "--passphrase-file", str(secret)], check=False, cwd=REPO,
                            capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "bukan sertifikat BSrE" in result.stdout
    info = signing.load_signer(p12.read_bytes(), "kantor-rahasia-1").info
    assert info.self_signed and info.nip == SIGNATORY_NIP
    assert p12.stat().st_mode & 0o077 == 0
    out = tmp_path / "surat.pdf"
    result = subprocess.run([*run, "letter", "issue", "--type", "usulan-pbi", "--period",
                             str(office.pbi_period), "--out", str(out), "--sign", str(p12),
                             "--passphrase-file", str(secret)], check=False, cwd=REPO,
                            capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"400\.9/001/Kec\.Srg/[IVX]+/\d{4}", result.stdout.strip())
    result = subprocess.run([*run, "verify", str(out)], check=False, cwd=REPO,
                            capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ASLI" in result.stdout
