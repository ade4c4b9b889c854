"""The letter engine on its own: real PDFs built, then read back with pypdf and pdftotext."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import subprocess

import pypdf
import pytest
from reportlab.lib.units import mm

from db import codes
from db.errors import LetterheadIncomplete, LetterRefused
from reports import idtext, labels, templates
from reports.attachment import Column, TableSpec
from reports.letter import (
    PAPERS,
    BuildCancelled,
    ElectronicSignature,
    LetterDocument,
    Letterhead,
    Signatory,
    TableSection,
    build_letter,
    from_settings,
)
from reports.letters import ATTACHMENT_COLUMNS
from tests.letter_data import OFFICE, emblem_png

NUMBER = "400.9/007/Kec.Srg/IV/2025"


def _nik(i: int) -> str:
    return f"3673015505{80 + i % 20:02d}{i % 9999 + 1:04d}"


def _rows(count: int, long_every: int = 0) -> list[list[str]]:
    rows = []
    for i in range(count):
        name = f"SITI NURHALIMAH {i}"
        if long_every and i % long_every == 0:
            name = "HAJJAH RATU SITI NURHALIMAH BINTI MUHAMMAD ABDURRAHMAN AL-BANTANI " + str(i)
        rows.append([str(i + 1), _nik(i), f"36730125032{i % 100000:05d}", name,
                     f"Kp. Cipare Gg. Melati No. {i}", "001/002", "Cipare", "Desil 2"])
    return rows


def _document(rows: list[list[str]], *, paper: str = "A4",
              e_signature: ElectronicSignature | None = None) -> LetterDocument:
    head, signatory = from_settings(
        dict(OFFICE, **{"letterhead.emblem_png_base64": base64.b64encode(emblem_png()).decode()}))
    return LetterDocument(
        letterhead=head, signatory=signatory, place="Serang", issued_on=dt.date(2025, 4, 10),
        number=NUMBER, nature="Penting", attachment="1 (satu) berkas",
        subject="Usulan Calon Penerima PBI-JK", addressee="Kepala Dinas Sosial Kota Serang",
        addressee_place="Serang",
        paragraphs=("Bersama ini kami sampaikan usulan calon penerima PBI-JK.",
                    "Demikian kami sampaikan."),
        copies=("Wali Kota Serang (sebagai laporan)", "Arsip"),
        sections=(TableSection("DAFTAR USULAN", "Periode uji", TableSpec(ATTACHMENT_COLUMNS, rows),
                               note=f"Jumlah: {len(rows)} jiwa."),),
        paper=paper, e_signature=e_signature,
    )


def _pages_text(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [page.extract_text() for page in reader.pages]


def _pdftotext(pdf: bytes, tmp_path) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_letter_reads_back_with_number_addressee_every_nik_and_page_count(tmp_path) -> None:
    rows = _rows(260, long_every=7)
    built = build_letter(_document(rows))
    texts = _pages_text(built.pdf)
    assert len(texts) == built.pages
    whole = "\n".join(texts)
    assert NUMBER in texts[0]
    assert "Yth. Kepala Dinas Sosial Kota Serang" in texts[0]
    assert "Serang, 10 April 2025" in texts[0]
    for label in ("Nomor", "Sifat", "Lampiran", "Hal", "Tembusan:", "CAMAT SERANG",
                  "NIP 19750312 200003 1 002", "PEMERINTAH KOTA SERANG", "KECAMATAN SERANG"):
        assert label in texts[0], label
    plain = _pdftotext(built.pdf, tmp_path)
    for row in rows:
        assert row[1] in plain, row[1]
    # Letter page, then the lampiran: every attachment page repeats the header and says
    # "Halaman x dari y"; the signature block closes the lampiran.
    for number, text in enumerate(texts, start=1):
        assert f"Halaman {number} dari {built.pages}" in text
    for text in texts[1:]:
        assert "NIK" in text and "No. KK" in text and "Keterangan" in text
    assert "LAMPIRAN I SURAT CAMAT SERANG" in texts[1]
    assert "Jumlah: 260 jiwa." in texts[-1]
    assert "Drs. H. AHMAD SUBAGJA, M.Si." in texts[-1]
    # The long names wrapped inside their cells rather than being cut.
    assert "AL-BANTANI" in whole
    assert built.signature_box.page == 0


def test_attachment_rows_per_page_are_packed_and_pages_scale(tmp_path) -> None:
    small = build_letter(_document(_rows(50)))
    large = build_letter(_document(_rows(1000)))
    # About 50 single-line rows fit an A4 page under the header.
    assert 19 <= large.pages <= 25
    assert small.pages < large.pages
    f4 = build_letter(_document(_rows(1000), paper="F4"))
    assert f4.pages < large.pages  # folio is taller
    reader = pypdf.PdfReader(io.BytesIO(f4.pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / mm), round(height / mm)) == (215, 330)
    reader = pypdf.PdfReader(io.BytesIO(large.pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / mm), round(height / mm)) == (210, 297)
    assert set(PAPERS) == {"A4", "F4"}


def test_table_text_stays_inside_its_columns() -> None:
    # Every word drawn in the attachment must sit inside the page's printable width.
    built = build_letter(_document(_rows(120, long_every=3)))
    reader = pypdf.PdfReader(io.BytesIO(built.pdf))
    page = reader.pages[1]
    width = float(page.mediabox.width)
    xs: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):  # type: ignore[no-untyped-def]
        if text.strip():
            xs.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    assert xs and min(xs) >= 15 * mm - 1 and max(xs) <= width - 15 * mm


def test_electronic_signature_is_announced_on_every_page() -> None:
    sign = ElectronicSignature("sertifikat elektronik kantor yang dibuat sendiri (bukan "
                               "sertifikat BSrE)", "TEPAT SURAT ELEKTRONIK")
    built = build_letter(_document(_rows(80), e_signature=sign))
    texts = _pages_text(built.pdf)
    for text in texts:
        assert "ditandatangani secara elektronik" in text
        assert "bukan sertifikat BSrE" in " ".join(text.split())
    assert "Ditandatangani secara" in texts[-1]  # the closing block points to page 1


def test_missing_letterhead_settings_are_named() -> None:
    values = dict(OFFICE, **{"letterhead.address": " ", "signatory.nip": ""})
    with pytest.raises(LetterheadIncomplete) as caught:
        from_settings(values)
    message = caught.value.message
    assert "Alamat kantor" in message and "Lambang daerah" in message and "NIP" in message
    assert "Belum ada nomor surat yang terpakai" in caught.value.hint


def test_an_emblem_that_is_not_an_image_is_refused() -> None:
    values = dict(OFFICE, **{"letterhead.emblem_png_base64":
                             base64.b64encode(b"not a png").decode()})
    with pytest.raises(LetterheadIncomplete, match="Lambang daerah"):
        from_settings(values)


def test_cancelling_stops_the_build() -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(BuildCancelled):
        build_letter(_document(_rows(400)), cancelled=cancelled)


def test_progress_counts_rows_drawn() -> None:
    seen: list[tuple[int, int]] = []
    build_letter(_document(_rows(300)), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (300, 300)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


# --------------------------------------------------------------------------- wording


@pytest.mark.parametrize(("value", "text"), [
    (0, "nol"), (1, "satu"), (11, "sebelas"), (12, "dua belas"), (20, "dua puluh"),
    (100, "seratus"), (111, "seratus sebelas"), (1000, "seribu"),
    (1234, "seribu dua ratus tiga puluh empat"), (2000, "dua ribu"),
    (10_000, "sepuluh ribu"), (1_000_000, "satu juta"),
    (2_500_017, "dua juta lima ratus ribu tujuh belas"),
])
def test_numbers_in_words(value: int, text: str) -> None:
    assert idtext.words(value) == text


def test_dates_counts_and_nip_as_letters_write_them() -> None:
    assert idtext.place_date("Serang", dt.date(2025, 4, 10)) == "Serang, 10 April 2025"
    assert idtext.long_date(dt.date(2025, 8, 17)) == "17 Agustus 2025"
    assert idtext.count_phrase(1234) == "1.234 (seribu dua ratus tiga puluh empat)"
    assert idtext.format_nip("197503122000031002") == "19750312 200003 1 002"
    moment = dt.datetime(2025, 4, 10, 7, 3, 12, tzinfo=dt.UTC)
    assert idtext.date_time(moment) == "10 April 2025 14:03:12 WIB"


def test_every_printed_code_has_indonesian_words() -> None:
    for name, (values, words) in labels.ALL.items():
        assert set(values) == set(words), name
    assert set(labels.ALL) >= {"ROOF_MATERIAL", "WATER_SOURCE", "ELECTRICITY"}
    assert codes.ROOF_MATERIAL  # the tuples are the register's own


# --------------------------------------------------------------------------- templates


VALUES = {name: f"<{name}>" for name in templates.PLACEHOLDERS}


@pytest.mark.parametrize("type_code", ["usulan-pbi", "rekomendasi-rtlh", "rekap"])
def test_bundled_templates_fill_every_part(type_code: str) -> None:
    words = templates.render(templates.parse(type_code, templates.bundled(type_code)), VALUES)
    assert words.subject and words.nature and words.addressee.startswith("Kepala")
    assert words.copies[-1] == "Arsip"
    assert len(words.paragraphs) >= 2
    assert "{" not in " ".join(words.paragraphs)


def test_unknown_placeholder_is_refused_with_its_line() -> None:
    text = "hal: Usulan\nsifat: Biasa\nkepada: Kepala Dinas\n---\nPertama.\n\nKedua {jumlah}.\n"
    template = templates.parse("usulan-pbi", text)
    with pytest.raises(LetterRefused) as caught:
        templates.render(template, VALUES)
    assert "baris 7" in caught.value.message and "{jumlah}" in caught.value.message
    assert "{count}" in caught.value.hint


@pytest.mark.parametrize(("text", "expected"), [
    ("hal: A\nsifat: B\nkepada: C\nPertama.\n", "'---'"),
    ("hal: A\nkepada: C\n---\nIsi.\n", "sifat"),
    ("hal: A\nsifat: B\nkepada: C\nperihal lain\n---\nIsi.\n", "baris 4"),
    ("hal: A\nsifat: B\nkepada: C\n---\n", "isi surat"),
    ("hal: A {period\nsifat: B\nkepada: C\n---\nIsi.\n", "kurung kurawal"),
])
def test_broken_templates_are_refused_plainly(text: str, expected: str) -> None:
    with pytest.raises(LetterRefused, match=re.escape(expected)):
        templates.render(templates.parse("rekap", text), VALUES)


def test_columns_with_samples_fit_sixteen_digits() -> None:
    spec = TableSpec((Column("NIK", sample="0" * 16, max_lines=1), Column("Nama", weight=1)),
                     [["3673015505800001", "A"]])
    built = build_letter(LetterDocument(
        letterhead=Letterhead("PEMERINTAH KOTA SERANG", "KECAMATAN SERANG", "Jl. Uji 1", "", "",
                              emblem_png()),
        signatory=Signatory("CAMAT SERANG", "", "NAMA", "", SIGNATORY_NIP),
        place="Serang", issued_on=dt.date(2025, 1, 2), number="1/2025", nature="Biasa",
        attachment="-", subject="Uji", addressee="Kepala Dinas", addressee_place="",
        paragraphs=("Isi.",), sections=(TableSection("T", "", spec),),
    ))
    assert "3673015505800001" in _pages_text(built.pdf)[1]


SIGNATORY_NIP = OFFICE["signatory.nip"]
