"""Reading real files: .xlsx, .xls, .ods, CSV in Excel's encodings and delimiters; finding
the header among title lines, two-row headers with merged cells, numbering rows, blank
lines and repeated headers; and clear refusals of files that are not tables."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from db.errors import SpreadsheetUnreadable
from db.imports import reader
from tests.test_import_support import HEADER, family_rows, write_csv, write_xlsx


def test_csv_from_excel_in_an_indonesian_locale(tmp_path):
    # Semicolons, Windows-1252 (é in a name) and Excel's "sep=" hint line.
    path = tmp_path / "data.csv"
    text = "sep=;\r\nNIK;NAMA;ALAMAT\r\n'3673011204950001;JOSÉ;JL. MAWAR, NO 5\r\n"
    path.write_bytes(text.encode("cp1252"))
    table = reader.read_table(path)
    assert table.columns == ["NIK", "NAMA", "ALAMAT"]
    # Excel hides the hint line, so the header is what it shows as row 1.
    assert table.rows == [(2, ["'3673011204950001", "JOSÉ", "JL. MAWAR, NO 5"])]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-8"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_encodings_and_delimiters_are_sniffed(tmp_path, encoding, delimiter):
    rows = family_rows(2, size=2)
    path = write_csv(tmp_path / "d.csv", rows, delimiter=delimiter, encoding=encoding)
    table = reader.read_table(path)
    assert table.columns == HEADER
    assert [line for line, _ in table.rows] == [2, 3, 4, 5]
    assert table.rows[0][1][0] == rows[0][0]


def test_header_below_a_title_block_keeps_excel_row_numbers(tmp_path):
    rows = family_rows(2, size=1)
    above = [["DAFTAR PENERIMA BANTUAN"], ["KECAMATAN SERANG"], []]
    table = reader.read_table(write_xlsx(tmp_path / "a.xlsx", rows, above=above))
    assert (table.header.row, table.header.depth) == (4, 1)
    assert [line for line, _ in table.rows] == [5, 6]


def test_two_row_header_with_merged_cells_and_a_numbering_row(tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["NO", "IDENTITAS", None, None, "ALAMAT", None, None, "KELURAHAN"])
    ws.append([None, "NIK", "NO KK", "NAMA", "JALAN", "RT", "RW", None])
    ws.append([1, 2, 3, 4, 5, 6, 7, 8])
    ws.append([1, "3673011204950001", "3673010101150001", "BUDI", "JL. A", "1", "2", "Cipare"])
    ws.append([])
    ws.append(["NO", "IDENTITAS", None, None, "ALAMAT", None, None, "KELURAHAN"])  # page 2
    ws.append([None, "NIK", "NO KK", "NAMA", "JALAN", "RT", "RW", None])
    ws.append([1, 2, 3, 4, 5, 6, 7, 8])
    ws.append([2, "3673015204950002", "3673010101150001", "SITI", "JL. A", "1", "2", "Cipare"])
    for merged in ("A1:A2", "B1:D1", "E1:G1", "H1:H2"):
        ws.merge_cells(merged)
    book.save(tmp_path / "a.xlsx")
    table = reader.read_table(tmp_path / "a.xlsx")
    assert (table.header.row, table.header.depth, table.header.numbering_row) == (1, 2, True)
    assert table.columns == ["NO", "IDENTITAS / NIK", "IDENTITAS / NO KK", "IDENTITAS / NAMA",
                             "ALAMAT / JALAN", "ALAMAT / RT", "ALAMAT / RW", "KELURAHAN"]
    assert [line for line, _ in table.rows] == [4, 9]
    assert table.blank_rows == 1 and table.repeated_header_rows == [6, 7, 8]

    from db.imports.mapping import suggest

    assert suggest(table.columns).columns == {
        "nik": "IDENTITAS / NIK", "no_kk": "IDENTITAS / NO KK", "name": "IDENTITAS / NAMA",
        "address": "ALAMAT / JALAN", "rt": "ALAMAT / RT", "rw": "ALAMAT / RW",
        "kelurahan": "KELURAHAN"}


def test_two_row_header_in_csv_without_merge_information(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("IDENTITAS,,ALAMAT\nNIK,NAMA,RT\n3673011204950001,BUDI,1\n")
    table = reader.read_table(path)
    assert table.header.depth == 2
    assert table.columns == ["IDENTITAS / NIK", "IDENTITAS / NAMA", "ALAMAT / RT"]


def test_choosing_the_sheet_and_the_header_row(tmp_path):
    book = Workbook()
    book.active.title = "Petunjuk"
    book.active.sheet_state = "hidden"
    book.active.append(["Isi lembar Data saja"])
    empty = book.create_sheet("Kosong")
    del empty
    data = book.create_sheet("Data")
    data.append(["catatan"])
    data.append(HEADER)
    data.append(family_rows(1, size=1)[0])
    book.save(tmp_path / "a.xlsx")
    workbook = reader.Workbook(tmp_path / "a.xlsx")
    assert workbook.sheet_names == ["Petunjuk", "Kosong", "Data"]
    assert workbook.default_sheet() == "Data"
    assert reader.read_table(tmp_path / "a.xlsx").header.row == 2
    chosen = reader.read_table(tmp_path / "a.xlsx", "Data", header_row=1)
    assert chosen.columns[0] == "catatan" and len(chosen.rows) == 2
    with pytest.raises(SpreadsheetUnreadable, match="Lembar 'Dta' tidak ada") as caught:
        reader.read_table(tmp_path / "a.xlsx", "Dta")
    assert "Petunjuk, Kosong, Data" in caught.value.hint
    with pytest.raises(SpreadsheetUnreadable, match="Lembar 'Kosong' .* kosong"):
        reader.read_table(tmp_path / "a.xlsx", "Kosong")


def test_a_real_xls_and_an_ods(tmp_path):
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the .xls fixture (test extra)")
    book = xlwt.Workbook()
    sheet = book.add_sheet("DTSEN")
    for r, row in enumerate([HEADER[:3], ["3673011204950001", "3673010101150001", "BUDI"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(tmp_path / "lama.xls"))
    table = reader.read_table(tmp_path / "lama.xls")
    assert table.rows == [(2, ["3673011204950001", "3673010101150001", "BUDI"])]

    ods = tmp_path / "data.ods"
    cells = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p>'
            "</table:table-cell>" for v in row) + "</table:table-row>"
        for row in (["NIK", "NAMA"], ["3673011204950001", "SITI"]))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Data">{cells}'
        "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                   '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                   'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                   "</manifest:manifest>")
    table = reader.read_table(ods)
    assert table.sheet_name == "Data" and table.rows == [(2, ["3673011204950001", "SITI"])]


def test_a_password_protected_workbook_is_named_as_such(tmp_path):
    crypto = pytest.importorskip("msoffcrypto.format.ooxml",
                                 reason="msoffcrypto-tool encrypts the fixture (test extra)")
    plain = write_xlsx(tmp_path / "plain.xlsx", family_rows(1))
    locked = tmp_path / "rahasia.xlsx"
    with plain.open("rb") as fh:
        out = io.BytesIO()
        crypto.OOXMLFile(fh).encrypt("sandi123", out)
    locked.write_bytes(out.getvalue())
    with pytest.raises(SpreadsheetUnreadable, match="dilindungi kata sandi") as caught:
        reader.read_table(locked)
    assert "hapus perlindungan" in caught.value.hint


@pytest.mark.parametrize("content,expected", [
    (b"%PDF-1.4 ...", "dokumen PDF"),
    (b"<html><body><table><tr><td>NIK</td></tr></table></body></html>", "halaman HTML"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "gambar"),
    (b"\x00\x01\x02\x03binary\x00", "data biner"),
    (b"PK\x03\x04 not really a zip", "rusak atau bukan buku kerja"),
    (b"", "kosong (0 bita)"),
])
def test_files_that_are_not_spreadsheets(tmp_path, content, expected):
    path = tmp_path / "data.xls"
    path.write_bytes(content)
    with pytest.raises(SpreadsheetUnreadable, match=expected.replace("(", r"\(").replace(
            ")", r"\)")):
        reader.read_table(path)


def test_missing_file_folder_and_header_only(tmp_path):
    with pytest.raises(SpreadsheetUnreadable, match="tidak ditemukan"):
        reader.read_table(tmp_path / "tidak-ada.xlsx")
    with pytest.raises(SpreadsheetUnreadable, match="adalah folder"):
        reader.read_table(tmp_path)
    header_only = write_xlsx(tmp_path / "judul.xlsx", [])
    with pytest.raises(SpreadsheetUnreadable, match="tidak berisi baris data di bawah baris "
                                                    "judul 1"):
        reader.read_table(header_only)


def test_column_letters_and_labels_for_blank_or_repeated_headers(tmp_path):
    assert [reader.column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]
    path = Path(tmp_path / "a.csv")
    path.write_text("NIK,,NAMA,NAMA\n3673011204950001,catatan,A,B\n")
    assert reader.read_table(path).columns == ["NIK", "Kolom B", "NAMA", "NAMA (2)"]
