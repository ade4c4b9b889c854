"""What an import found: counts, problems per row and column, and the rejected-rows workbook.

The report exists before anything is written (the wizard's validation page, ``--dry-run``)
and after (the counts of what was written). :func:`write_rejects_xlsx` gives the operator
a workbook with one line per problem (row, column, value, reason) and a second sheet with
the rejected rows as they were, plus the reason, ready to be corrected and imported again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from db.errors import TepatError

ERROR = "error"
WARNING = "warning"
SEVERITY_LABELS = {ERROR: "Ditolak", WARNING: "Peringatan"}

# Row statuses in the preview.
NEW = "new"
UPDATE = "update"
UNCHANGED = "unchanged"
REJECTED = "rejected"
DUPLICATE = "duplicate"
STATUS_LABELS = {NEW: "baru", UPDATE: "diubah", UNCHANGED: "tetap", REJECTED: "ditolak",
                 DUPLICATE: "ganda"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth knowing) about one cell or row of the file."""

    line: int  # spreadsheet row number as Excel shows it; 0 for the whole file
    column: str  # header label of the column; "" when the problem concerns the whole row
    value: str  # the cell as text
    reason: str  # Indonesian sentence
    severity: str = ERROR  # ERROR rejects the row; WARNING does not

    def describe(self) -> str:
        where = f"baris {self.line}" if self.line else "berkas"
        if self.column:
            where += f", kolom {self.column}"
        shown = f" ('{self.value}')" if self.value and self.value not in self.reason else ""
        return f"{where}{shown}: {self.reason}"


@dataclass
class ImportCounts:
    """Rows read and what became of them. ``read`` = inserted + updated + unchanged +
    rejected + duplicates; blank and repeated header rows are not counted as read."""

    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicates: int = 0
    blank: int = 0
    repeated_headers: int = 0
    households_inserted: int = 0
    households_updated: int = 0


@dataclass
class PreviewRow:
    """A row as it will be stored: field -> display text, with its status and reasons."""

    line: int
    status: str
    values: dict[str, str]
    reasons: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """The outcome of checking (and, if ``written``, of importing) one file."""

    kind: str  # "households", "coverage", "housing_aid", "exclusion"
    file_name: str
    sheet_name: str
    header_row: int
    header_depth: int
    columns: list[str]
    mapping: dict
    counts: ImportCounts = field(default_factory=ImportCounts)
    problems: list[Problem] = field(default_factory=list)
    preview: list[PreviewRow] = field(default_factory=list)
    written: bool = False
    valid_only: bool = False
    # Households with an active proposal whose desk checks the write ran again.
    rechecked: int = 0
    # For the rejected-rows sheet: spreadsheet row -> original cells.
    rejected_cells: dict[int, list[object]] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "file": self.file_name,
            "sheet": self.sheet_name,
            "header_row": self.header_row,
            "header_depth": self.header_depth,
            "written": self.written,
            "valid_only": self.valid_only,
            "counts": asdict(self.counts),
            "rechecked": self.rechecked,
            "mapping": self.mapping,
            "problems": [asdict(p) for p in self.problems],
        }

    def lines(self, *, limit: int = 20) -> list[str]:
        """A plain-text summary in Indonesian, with the first ``limit`` problems."""
        c = self.counts
        state = "Diimpor" if self.written else "Diperiksa (belum ditulis)"
        out = [
            f"{state}: {self.file_name}, lembar '{self.sheet_name}', baris judul "
            f"{self.header_row}" + (f"-{self.header_row + 1}" if self.header_depth == 2 else ""),
            f"Dibaca     : {c.read} baris",
            f"Baru       : {c.inserted}",
            f"Diubah     : {c.updated}",
            f"Tetap      : {c.unchanged}",
            f"Ditolak    : {c.rejected}",
        ]
        if c.duplicates:
            out.append(f"Ganda      : {c.duplicates} (baris sama persis, dilewati)")
        if c.blank or c.repeated_headers:
            out.append(f"Dilewati   : {c.blank} baris kosong, {c.repeated_headers} baris judul "
                       "berulang")
        if self.kind == "households":
            out.append(f"Keluarga   : {c.households_inserted} baru, {c.households_updated} "
                       "diubah")
        if self.rechecked:
            out.append(f"Pemeriksaan meja diulang untuk {self.rechecked} keluarga yang punya "
                       "usulan aktif.")
        shown = self.errors[:limit] + self.warnings[:max(0, limit - len(self.errors))]
        for problem in shown:
            label = SEVERITY_LABELS[problem.severity]
            out.append(f"  [{label}] {problem.describe()}")
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            out.append(f"  ... dan {hidden} catatan lain (lihat laporan .xlsx).")
        return out


def rejection_message(report: ImportReport) -> str:
    return (f"{report.counts.rejected} dari {report.counts.read} baris di {report.file_name} "
            "ditolak, jadi tidak ada yang diimpor.")


REJECTION_HINT = ("Perbaiki baris yang ditolak (lihat laporan), atau impor hanya baris yang "
                  "sah (--valid-only / pilihan 'Impor baris yang sah saja').")


def write_rejects_xlsx(report: ImportReport, path: str | Path) -> Path:
    """Write the problems and the rejected rows to an .xlsx file; returns its path.

    Sheet "Masalah": row, column, value, reason, kind. Sheet "Baris ditolak": the original
    header and cells of each rejected row, with the reasons in the last column, so the
    operator can correct them there and import that sheet again.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from db.exports.xlsx import cell

    path = Path(path)
    book = Workbook(write_only=True)
    problems = book.create_sheet("Masalah")
    problems.column_dimensions["A"].width = 8
    problems.column_dimensions["B"].width = 24
    problems.column_dimensions["C"].width = 24
    problems.column_dimensions["D"].width = 90
    problems.column_dimensions["E"].width = 12
    problems.freeze_panes = "A2"
    bold = Font(bold=True)

    def header(sheet, labels: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
        cells = []
        for label in labels:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    header(problems, ["Baris", "Kolom", "Nilai", "Alasan", "Jenis"])
    for p in sorted(report.problems, key=lambda p: (p.line, p.severity != ERROR)):
        problems.append([p.line or None, cell(problems, p.column), cell(problems, p.value),
                         p.reason, SEVERITY_LABELS[p.severity]])

    rejected = book.create_sheet("Baris ditolak")
    rejected.freeze_panes = "B2"
    header(rejected, ["Baris asal", *report.columns, "ALASAN PENOLAKAN"])
    reasons: dict[int, list[str]] = {}
    for p in report.errors:
        reasons.setdefault(p.line, []).append(
            f"{p.column}: {p.reason}" if p.column else p.reason)
    for line in sorted(report.rejected_cells):
        cells = [cell(rejected, v) for v in report.rejected_cells[line]]
        rejected.append([line, *cells, "; ".join(reasons.get(line, []))])
    try:
        book.save(path)
    except OSError as exc:
        raise TepatError(f"Laporan tidak dapat disimpan ke {path}: {exc.strerror}.",
                         hint="Pilih folder lain atau tutup berkas itu di Excel.") from exc
    return path

