"""Spreadsheet and CSV writers: register extracts and the proposal list template.

Register extracts are plain tables (one header row, one row per household, person or
proposal) written with openpyxl's streaming mode, fast enough for a whole city.

Proposal lists for the Dinas follow a :class:`ProposalTemplate`: title lines, the columns
of the by-name-by-address (BNBA) table the Dinas asks for, and a signature block, laid out
for printing (landscape, header row repeated on every page, fitted to the page width).
Offices change the template as JSON (``tepat export xlsx --template FILE.json``) because
each Dinas has its own idea of the columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from db.errors import ValidationFailed
from db.exports.columns import CATALOGUE, ExportColumn
from db.exports.xlsx import cell

TEMPLATE_FORMAT = "tepat-export-template"
TEMPLATE_VERSION = 1
DATE_FORMAT = "DD-MM-YYYY"


def _text(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


# ------------------------------------------------------------------------- CSV


def _csv_safe(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    # A cell starting with = + - @ is a formula to Excel ("CSV injection"); a leading
    # apostrophe keeps it text, and the household import drops that apostrophe again.
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_csv(path: Path, columns: Sequence[ExportColumn], rows: Iterable[Mapping],
              *, delimiter: str = ",") -> int:
    """UTF-8 with a byte-order mark (Excel then reads names right). Returns the count."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow([c.header for c in columns])
        for row in rows:
            writer.writerow([_csv_safe(row.get(c.key)) for c in columns])
            count += 1
    return count


# ------------------------------------------------------------------------- plain xlsx


def _width(column: ExportColumn) -> float:
    if column.personal_number:
        return 19
    return {"date": 12, "int": 8, "float": 12}.get(column.kind, max(12, len(column.header) + 2))


def write_table_xlsx(path: Path, columns: Sequence[ExportColumn], rows: Iterable[Mapping],
                     *, sheet_name: str = "Data") -> int:
    """A plain table: bold header, frozen, filterable; NIK and KK kept as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name[:31])
    for i, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(i)].width = _width(column)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        head = WriteOnlyCell(sheet, value=column.header)
        head.font = bold
        header.append(head)
    sheet.append(header)
    dates = [i for i, c in enumerate(columns) if c.kind == "date"]
    count = 0
    for row in rows:
        values = [cell(sheet, _text(row.get(c.key))) for c in columns]
        for i in dates:
            if isinstance(values[i], dt.date):
                date_cell = WriteOnlyCell(sheet, value=values[i])
                date_cell.number_format = DATE_FORMAT
                values[i] = date_cell
        sheet.append(values)
        count += 1
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    book.save(path)
    return count


# ------------------------------------------------------------------------- template


@dataclass(frozen=True)
class TemplateColumn:
    field: str  # a proposals catalogue key (db.exports.columns.CATALOGUE["proposals"])
    header: str
    width: float | None = None


@dataclass
class ProposalTemplate:
    """How the proposal list looks: title, columns, signature block.

    Title and footer lines may use ``{program}``, ``{period}``, ``{office}``,
    ``{government}``, ``{place}``, ``{date}``, ``{count}``, ``{position}``, ``{name}``,
    ``{rank}``, ``{nip}`` and ``{on_behalf_of}``; a line that comes out empty is kept as
    a spacer.
    """

    title: list[str] = field(default_factory=list)
    columns: list[TemplateColumn] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    sheet_name: str = "Usulan"
    landscape: bool = True

    def to_json(self) -> dict:
        return {
            "format": TEMPLATE_FORMAT, "version": TEMPLATE_VERSION, "title": self.title,
            "columns": [{"field": c.field, "header": c.header, "width": c.width}
                        for c in self.columns],
            "footer": self.footer, "sheet_name": self.sheet_name, "landscape": self.landscape,
        }

    @classmethod
    def from_json(cls, data: object, *, source: str = "templat") -> ProposalTemplate:
        if not isinstance(data, dict) or data.get("format") != TEMPLATE_FORMAT:
            raise ValidationFailed([(source, "bukan templat ekspor Tepat (format "
                                     f"'{TEMPLATE_FORMAT}')")])
        version = data.get("version")
        if not isinstance(version, int) or version > TEMPLATE_VERSION:
            raise ValidationFailed([(source, f"versi templat {version} tidak dikenal; "
                                     "perbarui Tepat")])
        catalogue = CATALOGUE["proposals"]
        problems = []
        columns = []
        for i, item in enumerate(data.get("columns") or [], 1):
            if not isinstance(item, dict) or item.get("field") not in catalogue:
                problems.append((f"{source}: kolom {i}",
                                 f"bidang '{item.get('field') if isinstance(item, dict) else item}'"
                                 " tidak dikenal; yang ada: " + ", ".join(catalogue)))
                continue
            width = item.get("width")
            columns.append(TemplateColumn(item["field"],
                                          str(item.get("header") or catalogue[item["field"]]
                                              .header),
                                          float(width) if isinstance(width, (int, float))
                                          else None))
        if not columns and not problems:
            problems.append((source, "templat tidak memiliki kolom"))
        if problems:
            raise ValidationFailed(problems)
        return cls(title=[str(t) for t in data.get("title") or []], columns=columns,
                   footer=[str(t) for t in data.get("footer") or []],
                   sheet_name=str(data.get("sheet_name") or "Usulan"),
                   landscape=bool(data.get("landscape", True)))

    @classmethod
    def load(cls, path: str | Path) -> ProposalTemplate:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValidationFailed([("templat", f"berkas {path} tidak ditemukan")]) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationFailed([("templat", f"{path.name} bukan JSON yang sah ({exc})")]
                                   ) from exc
        return cls.from_json(data, source=f"templat {path.name}")

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")


def default_template() -> ProposalTemplate:
    """The by-name-by-address list of DOMAIN.md: No, NIK, No. KK, Nama, Alamat, RT/RW,
    Kelurahan, Keterangan, with the office's signature block."""
    return ProposalTemplate(
        title=["DAFTAR USULAN CALON PENERIMA {program}", "{office}", "{period}"],
        columns=[
            TemplateColumn("no", "NO", 5), TemplateColumn("nik", "NIK", 19),
            TemplateColumn("no_kk", "NO. KK", 19), TemplateColumn("name", "NAMA", 28),
            TemplateColumn("address", "ALAMAT", 34), TemplateColumn("rt_rw", "RT/RW", 9),
            TemplateColumn("kelurahan", "KELURAHAN", 18),
            TemplateColumn("reason", "KETERANGAN", 30),
        ],
        footer=["{place}, {date}", "{on_behalf_of}", "{position}", "", "", "", "{name}",
                "{rank}", "NIP. {nip}"],
    )


_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember")


def indonesian_date(day: dt.date) -> str:
    """``10 April 2025``: how letters and lists write a date."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(line: str, context: Mapping[str, str]) -> str:
    try:
        return line.format_map(_Blank(context)).strip()
    except (ValueError, IndexError):
        return line  # a stray brace in a title: print it as written


def write_proposal_xlsx(path: Path, template: ProposalTemplate, rows: Sequence[Mapping],
                        context: Mapping[str, str]) -> int:
    """The proposal list laid out for print by ``template``. Returns the row count."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    book = Workbook()
    sheet = book.active
    sheet.title = template.sheet_name[:31] or "Usulan"
    width = len(template.columns)
    last = get_column_letter(width)
    line = 1
    for text in template.title:
        filled = _fill(text, context)
        if not filled and "{" in text:
            continue  # "{period}" with no period: no empty title line
        sheet.cell(line, 1, filled).font = Font(bold=True, size=12)
        sheet.cell(line, 1).alignment = Alignment(horizontal="center")
        sheet.merge_cells(f"A{line}:{last}{line}")
        line += 1
    line += 1
    header_row = line
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i, column in enumerate(template.columns, 1):
        head = sheet.cell(header_row, i, column.header)
        head.font = Font(bold=True)
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        head.border = box
        if column.width:
            sheet.column_dimensions[get_column_letter(i)].width = column.width
    catalogue = CATALOGUE["proposals"]
    for number, row in enumerate(rows, 1):
        r = header_row + number
        for i, column in enumerate(template.columns, 1):
            value = number if column.field == "no" else _text(row.get(column.field))
            if isinstance(value, str) and value[:1] == "=":
                target = sheet.cell(r, i)
                target.value = value
                target.data_type = "s"
            else:
                target = sheet.cell(r, i, value)
            target.border = box
            target.alignment = Alignment(vertical="top", wrap_text=True)
            if catalogue[column.field].personal_number:
                target.number_format = "@"
            elif isinstance(value, dt.date):
                target.number_format = DATE_FORMAT
    count = len(rows)
    footer_row = header_row + count + 2
    # The signature block sits under the right-hand columns, as on a letter.
    sign_col = max(1, width - 2)
    for offset, text in enumerate(template.footer):
        filled = _fill(text, context)
        if text.strip() and not filled:
            continue
        if filled in ("NIP.", "NIP"):
            continue  # no NIP configured: leave the line out rather than print "NIP."
        sheet.cell(footer_row + offset, sign_col, filled).alignment = Alignment(
            horizontal="center")
        if sign_col < width:
            sheet.merge_cells(start_row=footer_row + offset, start_column=sign_col,
                              end_row=footer_row + offset, end_column=width)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.page_setup.orientation = "landscape" if template.landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    book.save(path)
    return count
