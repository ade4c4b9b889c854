"""Reading .xlsx, .xls, .ods and .csv files into rows of cells.

Workbooks are read with python-calamine; CSV with the standard ``csv`` module after the
encoding and the delimiter are sniffed (Excel in an Indonesian locale writes ``;`` and
Windows-1252). The kind of file is told from its first bytes, not its name: offices
receive CSV files called ``.xls`` and HTML pages called ``.xls``.

A sheet keeps every row with its spreadsheet row number (``rows[i]`` is row ``i + 1``)
so every message can name the row the operator sees in Excel. :func:`detect_header`
finds the header row among title lines, including two-row headers with merged cells and
the numbering row (1, 2, 3, ...) government tables put under the header; :func:`read_table`
then drops blank lines and header rows repeated down the sheet.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from db.errors import SpreadsheetUnreadable
from db.imports.mapping import HOUSEHOLD_FIELDS, Field, header_key, score_headers

# Rows searched for the header: title blocks above a table rarely run longer.
HEADER_SCAN_ROWS = 30
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_SNIFF_BYTES = 64 * 1024
_DELIMITERS = ",;\t|"
_NUMBERING = re.compile(r"^\(?(\d{1,3})\)?\.?$")


@dataclass(frozen=True)
class SheetInfo:
    """A sheet as listed for the operator to choose from."""

    name: str
    rows: int  # rows up to the last used one; -1 until the sheet has been read
    visible: bool = True


@dataclass
class Sheet:
    """Every cell of one sheet. ``rows[i]`` is spreadsheet row ``i + 1``; all rows are
    ``width`` cells long, blank cells are ``""``."""

    file_name: str
    name: str
    rows: list[list[object]]
    width: int
    # Merged ranges as ((first_row, first_col), (last_row, last_col)), 0-based, inclusive.
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@dataclass(frozen=True)
class HeaderChoice:
    """Where the header is: 1-based first row, how many rows deep, and the labels."""

    row: int
    depth: int
    labels: tuple[str, ...]
    score: int = 0  # fields the labels name
    numbering_row: bool = False  # a "1, 2, 3, ..." row right under the header

    @property
    def data_start(self) -> int:
        """1-based row of the first data row."""
        return self.row + self.depth + (1 if self.numbering_row else 0)


@dataclass
class Table:
    """The data rows of a sheet under its header, blank and repeated header rows removed."""

    file_name: str
    sheet_name: str
    header: HeaderChoice
    columns: list[str]
    # (1-based spreadsheet row, cells) in sheet order; cells as long as ``columns``.
    rows: list[tuple[int, list[object]]]
    blank_rows: int = 0
    repeated_header_rows: list[int] = field(default_factory=list)


class Workbook:
    """An opened spreadsheet or CSV file: its sheets, each readable by name.

    Sheets are parsed on first use and kept, so listing them, picking the default and
    reading it costs one parse of the chosen sheet only.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.file_name = self.path.name
        self.kind = _sniff_kind(self.path)
        self._loaded: dict[str, Sheet] = {}
        self._book: python_calamine.CalamineWorkbook | None = None
        if self.kind == "csv":
            sheet = _read_csv(self.path)
            self._loaded[sheet.name] = sheet
            self.sheets = [SheetInfo(sheet.name, len(sheet.rows))]
            return
        self._book = _open_book(self.path)
        self.sheets = []
        for meta in self._book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue  # chart and macro sheets hold no table
            visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
            self.sheets.append(SheetInfo(meta.name, -1, visible))
        if not self.sheets:
            raise SpreadsheetUnreadable(
                f"Berkas {self.file_name} tidak berisi lembar kerja.",
                hint="Periksa bahwa berkas berisi tabel data, bukan hanya grafik.",
            )

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def default_sheet(self) -> str:
        """The first visible sheet that holds something (offices hide helper sheets)."""
        ordered = [s for s in self.sheets if s.visible] + [s for s in self.sheets
                                                           if not s.visible]
        for info in ordered:
            if self.sheet(info.name).rows:
                return info.name
        return self.sheets[0].name

    def sheet(self, name: str | None = None) -> Sheet:
        """All cells of the sheet ``name`` (default: :meth:`default_sheet`)."""
        if self.kind == "csv":
            only = self.sheets[0].name
            if name not in (None, only):
                raise SpreadsheetUnreadable(
                    f"Berkas CSV {self.file_name} hanya berisi satu tabel; lembar '{name}' "
                    "tidak ada.",
                )
            return self._loaded[only]
        if name is None:
            name = self.default_sheet()
        if name in self._loaded:
            return self._loaded[name]
        if name not in self.sheet_names:
            raise SpreadsheetUnreadable(
                f"Lembar '{name}' tidak ada di berkas {self.file_name}.",
                hint="Lembar yang ada: " + ", ".join(self.sheet_names) + ".",
            )
        assert self._book is not None
        try:
            calamine_sheet = self._book.get_sheet_by_name(name)
            rows = calamine_sheet.to_python(skip_empty_area=False)
            merged = list(calamine_sheet.merged_cell_ranges or [])
        except python_calamine.CalamineError as exc:
            raise SpreadsheetUnreadable(
                f"Lembar '{name}' di berkas {self.file_name} tidak dapat dibaca ({exc}).",
                hint="Buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, "
                "lalu impor lagi.",
            ) from exc
        width = max((len(r) for r in rows), default=0)
        for row in rows:
            if len(row) < width:
                row.extend([""] * (width - len(row)))
        sheet = Sheet(self.file_name, name, rows, width, merged)
        self._loaded[name] = sheet
        self.sheets = [SheetInfo(s.name, len(rows), s.visible) if s.name == name else s
                       for s in self.sheets]
        return sheet


# ------------------------------------------------------------------------- file kinds


def _sniff_kind(path: Path) -> str:
    """"book" (anything calamine reads) or "csv"; raise a clear error for anything else."""
    if not path.exists():
        raise SpreadsheetUnreadable(f"Berkas {path} tidak ditemukan.")
    if path.is_dir():
        raise SpreadsheetUnreadable(f"{path} adalah folder, bukan berkas spreadsheet.")
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError as exc:
        raise SpreadsheetUnreadable(
            f"Berkas {path.name} tidak dapat dibuka: {exc.strerror}.") from exc
    if not head:
        raise SpreadsheetUnreadable(f"Berkas {path.name} kosong (0 bita).")
    if head.startswith(_CFB_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in head or _cfb_has_stream(
                path, "EncryptedPackage"):
            raise _password_error(path.name)
        return "book"
    if head.startswith(_ZIP_MAGIC):
        return "book"
    what = _what_else(head)
    if what:
        raise SpreadsheetUnreadable(
            f"Berkas {path.name} bukan spreadsheet: isinya {what}.",
            hint="Gunakan berkas .xlsx, .xls, .ods atau .csv. Bila berkas dibuka Excel dengan "
            "benar, simpan ulang sebagai .xlsx lalu impor lagi.",
        )
    return "csv"


def _cfb_has_stream(path: Path, name: str) -> bool:
    # The directory of a compound file may sit past the first block we read.
    needle = name.encode("utf-16-le")
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            if needle in chunk:
                return True
    return False


def _password_error(file_name: str) -> SpreadsheetUnreadable:
    return SpreadsheetUnreadable(
        f"Buku kerja {file_name} dilindungi kata sandi, jadi isinya tidak dapat dibaca.",
        hint="Buka di Excel dengan kata sandinya, hapus perlindungan (File > Info > Lindungi "
        "Buku Kerja > Enkripsi dengan Kata Sandi, kosongkan), simpan, lalu impor lagi.",
    )


def _what_else(head: bytes) -> str | None:
    """A description of a file that is clearly not a table, or None if it may be CSV."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith(b"%pdf"):
        return "dokumen PDF"
    if start.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return "gambar"
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<body")):
        return "halaman HTML (ekspor web yang diberi nama .xls)"
    if start.startswith(b"<"):
        return "dokumen XML/HTML"
    if start.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"rar!")):
        return "arsip terkompresi"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text has NULs by design
    if b"\x00" in head:
        return "data biner"
    return None


def _open_book(path: Path) -> python_calamine.CalamineWorkbook:
    try:
        with path.open("rb") as fh:
            return python_calamine.CalamineWorkbook.from_filelike(fh)
    except python_calamine.PasswordError:
        raise _password_error(path.name) from None
    except (python_calamine.CalamineError, python_calamine.ZipError,
            python_calamine.XmlError, ValueError) as exc:
        if "password" in str(exc).lower():
            raise _password_error(path.name) from None
        raise SpreadsheetUnreadable(
            f"Berkas {path.name} rusak atau bukan buku kerja yang dikenal ({exc}).",
            hint="Buka berkas di Excel atau LibreOffice dan simpan ulang sebagai .xlsx.",
        ) from exc


def _decode(data: bytes, name: str) -> str:
    """Text of a CSV file: BOMs honoured, UTF-8 tried, Windows-1252 as Excel's fallback."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SpreadsheetUnreadable(
                    f"Berkas {name} mengaku {encoding} tetapi isinya rusak ({exc.reason}).",
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _sniff_delimiter(lines: list[str]) -> str:
    sample = "\n".join(lines[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        # The sniffer gives up on ragged files: take the delimiter most lines share.
        best, best_score = ",", -1
        for delim in _DELIMITERS:
            counts = [line.count(delim) for line in lines[:50] if line.strip()]
            score = sum(1 for c in counts if c and c == max(counts)) if counts else 0
            if score > best_score:
                best, best_score = delim, score
        return best


def _read_csv(path: Path) -> Sheet:
    text = _decode(path.read_bytes(), path.name)
    lines = text.splitlines()
    delimiter = None
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        # Excel's own hint line: "sep=;".
        delimiter = lines[0].strip()[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
        lines = lines[1:]
    if delimiter is None:
        delimiter = _sniff_delimiter(lines)
    try:
        rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text),
                                                                 delimiter=delimiter)]
    except csv.Error as exc:
        raise SpreadsheetUnreadable(f"Berkas CSV {path.name} rusak: {exc}.") from exc
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return Sheet(path.name, path.stem, rows, width)


# ------------------------------------------------------------------------- header


def _is_blank_cell(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _row_is_blank(row: Sequence[object]) -> bool:
    if any(row):
        # Something truthy: blank only if every truthy cell is whitespace.
        return all(_is_blank_cell(c) for c in row)
    return all(c is None or c == "" for c in row)


def _cell_label(value: object) -> str:
    if _is_blank_cell(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _filled_rows(sheet: Sheet, first: int, depth: int) -> list[list[str]]:
    """Header rows as labels, merged ranges spread over every cell they cover."""
    rows = [[_cell_label(c) for c in sheet.rows[r]] for r in range(first, first + depth)]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r1 < first or r0 >= first + depth:
            continue
        value = _cell_label(sheet.rows[r0][c0]) if r0 < len(sheet.rows) else ""
        for r in range(max(r0, first), min(r1, first + depth - 1) + 1):
            for c in range(c0, min(c1, sheet.width - 1) + 1):
                if not rows[r - first][c]:
                    rows[r - first][c] = value
    if depth == 2 and not sheet.merged:
        # Without merge information (CSV) a group title sits over its first column only:
        # carry it right over columns that have a sub-header under them.
        top, bottom = rows
        for c in range(1, len(top)):
            if not top[c] and bottom[c] and top[c - 1] and bottom[c - 1]:
                top[c] = top[c - 1]
    return rows


def header_labels(sheet: Sheet, row: int, depth: int = 1) -> list[str]:
    """Column labels for a header starting at 1-based ``row`` and ``depth`` rows deep.

    Two-row headers give ``"PARENT / CHILD"``; empty headers become ``Kolom C``; repeated
    labels get `` (2)``, `` (3)``...
    """
    if depth not in (1, 2):
        raise ValueError("header depth must be 1 or 2")
    first = row - 1
    if first < 0 or first + depth > len(sheet.rows):
        raise SpreadsheetUnreadable(
            f"Baris judul {row} berada di luar lembar '{sheet.name}' "
            f"({len(sheet.rows)} baris).",
        )
    filled = _filled_rows(sheet, first, depth)
    labels = []
    for c in range(sheet.width):
        parts = []
        for r in range(depth):
            text = filled[r][c]
            if text and text not in parts:
                parts.append(text)
        labels.append(" / ".join(parts) if parts else f"Kolom {column_letter(c)}")
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        count = seen.get(label, 0) + 1
        seen[label] = count
        unique.append(label if count == 1 else f"{label} ({count})")
    return unique


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _is_numbering_row(row: Sequence[object]) -> bool:
    """True for a row of consecutive column numbers: 1, 2, 3, ... or (1), (2), (3), ..."""
    numbers = []
    for cell in row:
        if _is_blank_cell(cell):
            continue
        if isinstance(cell, bool):
            return False
        if isinstance(cell, (int, float)):
            if not float(cell).is_integer():
                return False
            numbers.append(int(cell))
            continue
        match = _NUMBERING.match(str(cell).strip())
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and all(b == a + 1 for a, b in itertools.pairwise(numbers))


def _looks_like_data(row: Sequence[object]) -> bool:
    """A row with numbers, dates or long digit strings is data, never a header."""
    for cell in row:
        if isinstance(cell, (int, float, dt.date)) and not isinstance(cell, bool):
            return True
        if isinstance(cell, str) and sum(ch.isdigit() for ch in cell) >= 6:
            return True
    return False


def _is_group_row(sheet: Sheet, index: int) -> bool:
    """True when a row holds group titles over several columns (merged across, or in a
    CSV a title followed by blank cells that have sub-headers under them)."""
    top = sheet.rows[index]
    if sum(1 for c in top if not _is_blank_cell(c)) < 2:
        return False  # one title across the table ("DAFTAR PENERIMA ...") is no group row
    if any(r0 == index and c1 > c0 for (r0, c0), (_r1, c1) in sheet.merged):
        return True
    if sheet.merged or index + 1 >= len(sheet.rows):
        return False
    below = sheet.rows[index + 1]
    return any(not _is_blank_cell(top[c]) and _is_blank_cell(top[c + 1])
               and not _is_blank_cell(below[c + 1]) for c in range(len(top) - 1))


def detect_header(sheet: Sheet, fields: Sequence[Field] = HOUSEHOLD_FIELDS) -> HeaderChoice:
    """Find the header among the first rows: the row (or pair of rows) naming most fields.

    A pair wins a tie when its first row holds group titles over several columns (so the
    group row is not read as data); otherwise ties go to the single row, then the earlier
    one. Rows that look like data never take part. A sheet with no recognisable header
    gets its first non-blank row, score 0, for the operator to correct.
    """
    candidates = [i for i in range(min(len(sheet.rows), HEADER_SCAN_ROWS))
                  if not _row_is_blank(sheet.rows[i])]
    if not candidates:
        raise SpreadsheetUnreadable(
            f"Lembar '{sheet.name}' di berkas {sheet.file_name} kosong.",
            hint="Pilih lembar lain yang berisi tabel data.",
        )
    best: tuple[int, int, int, int] | None = None  # (score, group, -depth, -row)
    for i in candidates:
        if _looks_like_data(sheet.rows[i]):
            continue
        for depth in (1, 2):
            if i + depth > len(sheet.rows):
                continue
            if depth == 2 and (_looks_like_data(sheet.rows[i + 1])
                               or _row_is_blank(sheet.rows[i + 1])):
                continue
            score = score_headers(header_labels(sheet, i + 1, depth), fields)
            group = 1 if depth == 2 and _is_group_row(sheet, i) else 0
            key = (score, group, -depth, -i)
            if best is None or key > best:
                best = key
    if best is None or best[0] == 0:
        row, depth, score = candidates[0] + 1, 1, 0
    else:
        score, depth, row = best[0], -best[2], -best[3] + 1
    labels = tuple(header_labels(sheet, row, depth))
    after = row - 1 + depth
    numbering = after < len(sheet.rows) and _is_numbering_row(sheet.rows[after])
    return HeaderChoice(row, depth, labels, score, numbering)


def choose_header(sheet: Sheet, row: int, depth: int = 1,
                  fields: Sequence[Field] = HOUSEHOLD_FIELDS) -> HeaderChoice:
    """The header the operator chose (1-based ``row``), with its labels and numbering row."""
    labels = tuple(header_labels(sheet, row, depth))
    after = row - 1 + depth
    numbering = after < len(sheet.rows) and _is_numbering_row(sheet.rows[after])
    return HeaderChoice(row, depth, labels, score_headers(labels, fields), numbering)


def table(sheet: Sheet, header: HeaderChoice) -> Table:
    """The data rows under ``header``: blank rows and repeated header rows dropped."""
    raw_headers = []
    for r in range(header.row - 1, header.row - 1 + header.depth):
        keys = [header_key(c) if isinstance(c, str) else "" for c in sheet.rows[r]]
        probe = next((i for i, k in enumerate(keys) if k), None)
        if probe is not None:
            limit = len(str(sheet.rows[r][probe])) + 8
            raw_headers.append((probe, keys, sum(1 for k in keys if k), limit))
    rows: list[tuple[int, list[object]]] = []
    blank = 0
    repeated: list[int] = []
    start = header.data_start - 1
    for index in range(start, len(sheet.rows)):
        cells = sheet.rows[index]
        first = cells[0] if cells else ""
        # Most rows start with a filled cell: skip the full blank test for them.
        if not (first.__class__ is str and first and not first[0].isspace()) and (
                _row_is_blank(cells)):
            blank += 1
            continue
        if _is_repeated_header(cells, raw_headers):
            repeated.append(index + 1)
            continue
        if first in (1, 1.0, "1", "(1)") and _is_numbering_row(cells):
            repeated.append(index + 1)
            continue
        rows.append((index + 1, cells))
    return Table(sheet.file_name, sheet.name, header, list(header.labels), rows, blank, repeated)


def _is_repeated_header(cells: list[object],
                        raw_headers: list[tuple[int, list[str], int, int]]) -> bool:
    for probe, keys, filled, limit in raw_headers:
        value = cells[probe] if probe < len(cells) else ""
        # The length test spares computing a key for every long name or address.
        if value.__class__ is not str or len(value) > limit or header_key(value) != keys[probe]:
            continue
        same = sum(1 for c, k in zip(cells, keys, strict=False)
                   if k and isinstance(c, str) and header_key(c) == k)
        if same * 2 >= filled:
            return True
    return False


def read_table(path: str | Path, sheet: str | None = None, *, header_row: int | None = None,
               header_depth: int = 1, fields: Sequence[Field] = HOUSEHOLD_FIELDS) -> Table:
    """Open ``path``, take ``sheet`` (default: the first visible one with data), find or use
    the header, and return the data rows. Raises :class:`SpreadsheetUnreadable` for a file
    that is not a spreadsheet, a password, an empty sheet or a sheet with no data rows."""
    book = Workbook(path)
    data = book.sheet(sheet)
    if header_row is None:
        header = detect_header(data, fields)
    else:
        header = choose_header(data, header_row, header_depth, fields)
    result = table(data, header)
    if not result.rows:
        raise SpreadsheetUnreadable(
            f"Lembar '{data.name}' di berkas {data.file_name} tidak berisi baris data di bawah "
            f"baris judul {header.row}.",
            hint="Pilih lembar lain, atau periksa baris judulnya.",
        )
    return result
