"""Reference lists the desk checks compare proposals with (db/checks.py).

Three kinds, stored in ``reference_lists`` / ``reference_entries``:

- ``coverage``: the JKN/PBI coverage list from BPJS or the Dinas (NIK, segment);
- ``housing_aid``: earlier housing-aid recipients (NIK or No. KK, year, source such as
  BSPS, RS-RTLH, APBD or CSR);
- ``exclusion``: ASN/TNI/Polri lists (NIK, which of the three, agency).

Each import keeps the source file name, the list's date and its row count. A newer list
replaces the older one of the same kind in one transaction: the new list becomes active,
the old one stays as history (file, date, row count) without its entries. Importing the
same list again (same entries, same date) changes nothing. A list dated before the active
one is refused unless the operator insists. Every list matters to every proposal, so a
replacement re-runs, in its transaction, the desk checks of every household with an
active proposal.

How entry columns are used per kind: ``segment`` holds the JKN segment code (coverage),
``asn``/``tni``/``polri`` (exclusion) or the aid's source (housing aid; when longer than
the column, the source goes to ``note``); ``note`` holds the remark or the agency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from db import audit, permissions
from db.actor import Actor
from db.engine import Database
from db.errors import ImportCancelled, ImportRejected, ReferenceOutdated, TepatError
from db.imports import bulk
from db.imports import normalise as norm
from db.imports.mapping import Mapping, fields_for, suggest
from db.imports.reader import Table, read_table
from db.imports.report import (
    DUPLICATE,
    NEW,
    REJECTED,
    REJECTION_HINT,
    WARNING,
    ImportReport,
    Problem,
    rejection_message,
    write_rejects_xlsx,
)
from db.models import ReferenceEntry, ReferenceList, User

KINDS: dict[str, str] = {
    "coverage": "Daftar kepesertaan JKN/PBI",
    "housing_aid": "Daftar penerima bantuan rumah terdahulu",
    "exclusion": "Daftar ASN/TNI/Polri",
}
_SEGMENT_MAX = ReferenceEntry.__table__.c.segment.type.length or 30
_NAME_MAX = ReferenceEntry.__table__.c.name.type.length or 120
_ENTRY_COLUMNS = ("list_id", "nik", "no_kk", "name", "segment", "year", "note")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class ReferenceListInfo:
    """One imported list, as the reference-list window and the CLI show it."""

    id: int
    kind: str
    source_file: str
    source_date: dt.date | None
    row_count: int
    active: bool
    imported_at: dt.datetime
    imported_by: str | None

    @property
    def label(self) -> str:
        return KINDS.get(self.kind, self.kind)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise TepatError(f"Jenis daftar '{kind}' tidak dikenal.",
                         hint="Jenis yang dikenal: " + ", ".join(KINDS) + ".")


def lists(session: Session, kind: str | None = None) -> list[ReferenceListInfo]:
    """Imported lists, newest first (the active one of each kind is marked)."""
    query = (select(ReferenceList, User.username)
             .join(User, User.id == ReferenceList.imported_by_id, isouter=True)
             .order_by(ReferenceList.imported_at.desc(), ReferenceList.id.desc()))
    if kind is not None:
        _check_kind(kind)
        query = query.where(ReferenceList.kind == kind)
    return [ReferenceListInfo(r.id, r.kind, r.source_file, r.source_date, r.row_count,
                              r.active, r.imported_at, username)
            for r, username in session.execute(query)]


def active_list(session: Session, kind: str) -> ReferenceListInfo | None:
    """The list of ``kind`` the desk checks use now, or None."""
    for info in lists(session, kind):
        if info.active:
            return info
    return None


# ------------------------------------------------------------------------- rows


def _source_parts(source: str | None, note: str | None) -> tuple[str | None, str | None]:
    if source is None or len(source) <= _SEGMENT_MAX:
        return source, note
    return None, f"{source}; {note}" if note else source


def _stage(table: Table, mapping: Mapping, kind: str, progress: Progress,
           cancelled: Cancelled) -> tuple[list, int]:
    """(line, cells, values, errors, warnings) per non-blank row, and the blank count."""
    columns = mapping.require(table.columns, sheet=table.sheet_name)
    labels = {key: table.columns[index] for key, index in columns.items()}
    segment_fn = {"coverage": norm.jkn_segment, "exclusion": norm.apparatus,
                  "housing_aid": norm.upper_text}[kind]
    functions: dict[str, Callable[[object], object]] = {
        "nik": norm.nik, "no_kk": norm.kk, "name": norm.person_name, "segment": segment_fn,
        "source": norm.upper_text, "year": norm.year, "note": norm.text,
    }
    caches: dict[str, dict] = {k: {} for k in ("segment", "source", "year", "note")}
    staged: list[tuple[int, list[object], dict[str, object], list[Problem],
                       list[Problem]]] = []
    blank = 0
    total = len(table.rows)
    for i, (line, cells) in enumerate(table.rows):
        if i % 5000 == 0:
            if cancelled():
                raise ImportCancelled("Impor dibatalkan; basis data tidak diubah.")
            progress(i, total)
        values: dict[str, object] = {}
        errors: list[Problem] = []
        warnings: list[Problem] = []
        anything = False
        for key, index in columns.items():
            raw = cells[index] if index < len(cells) else ""
            if raw == "" or raw is None:
                continue
            anything = True
            table_map = mapping.values.get(key)
            if table_map:
                raw = norm.apply_value_map(raw, table_map)
            cache = caches.get(key)
            try:
                if cache is not None and raw in cache:
                    value = cache[raw]
                    if isinstance(value, norm.CellError):
                        raise value
                else:
                    value = functions[key](raw)
                    if cache is not None:
                        cache[raw] = value
            except norm.Unrecognised as exc:
                if cache is not None:
                    cache[raw] = exc
                warnings.append(Problem(line, labels[key], norm.text(raw) or "", exc.reason,
                                        WARNING))
                continue
            except norm.CellError as exc:
                if cache is not None:
                    cache[raw] = exc
                errors.append(Problem(line, labels[key], norm.text(raw) or "", exc.reason))
                continue
            if value is not None:
                values[key] = value
        if not anything:
            blank += 1
            continue
        if kind == "housing_aid":
            if "nik" not in values and "no_kk" not in values and not errors:
                errors.append(Problem(line, labels.get("nik") or labels.get("no_kk", ""), "",
                                      "NIK dan No. KK kosong; salah satunya wajib diisi."))
        elif "nik" not in values and not any(p.column == labels["nik"] for p in errors):
            errors.append(Problem(line, labels["nik"], "", "NIK kosong."))
        if isinstance(values.get("name"), str) and len(values["name"]) > _NAME_MAX:  # type: ignore[arg-type]
            values["name"] = str(values["name"])[:_NAME_MAX]
        staged.append((line, cells, values, errors, warnings))
    progress(total, total)
    return staged, blank


def _entry(kind: str, values: dict[str, object]) -> tuple:
    segment, note = values.get("segment"), values.get("note")
    if kind == "housing_aid":
        segment, note = _source_parts(values.get("source"), values.get("note"))  # type: ignore[arg-type]
    return (values.get("nik"), values.get("no_kk"), values.get("name"), segment,
            values.get("year"), note)


def _entry_key(kind: str, entry: tuple) -> tuple:
    """What identifies one entry: a person (coverage, exclusion), or a person or family
    and the year (housing aid can be received twice)."""
    if kind == "housing_aid":
        return (entry[0], entry[1], entry[4])
    return (entry[0],)


# ------------------------------------------------------------------------- import


def import_reference(
    database: Database,
    actor: Actor,
    kind: str,
    path: str | Path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    header_depth: int = 1,
    mapping: Mapping | None = None,
    source_date: dt.date | None = None,
    valid_only: bool = False,
    allow_older: bool = False,
    dry_run: bool = False,
    report_path: str | Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Import a coverage, housing-aid or ASN/TNI/Polri list, replacing the active one.

    ``source_date`` is the date of the list (default: the file's modification date).
    Counts compare with the active list: ``inserted`` entries are new, ``unchanged`` were
    there already, ``updated`` is always 0 and entries no longer listed are reported as a
    warning. All-or-nothing unless ``valid_only``; ``dry_run`` writes nothing.
    """
    _check_kind(kind)
    permissions.require(actor, "reference.import")
    progress = progress or (lambda _d, _t: None)
    cancelled = cancelled or (lambda: False)
    path = Path(path)
    fields = fields_for(kind)
    table = read_table(path, sheet, header_row=header_row, header_depth=header_depth,
                       fields=fields)
    mapping = mapping if mapping is not None else suggest(table.columns, kind)
    if mapping.target != kind:
        mapping = Mapping(kind, mapping.columns, mapping.relationship_codes, mapping.values)
    if source_date is None:
        source_date = dt.date.fromtimestamp(path.stat().st_mtime)
    report = ImportReport(kind=kind, file_name=table.file_name, sheet_name=table.sheet_name,
                          header_row=table.header.row, header_depth=table.header.depth,
                          columns=list(table.columns), mapping=mapping.to_json(),
                          valid_only=valid_only)
    report.counts.repeated_headers = len(table.repeated_header_rows)
    staged, blank = _stage(table, mapping, kind, progress, cancelled)
    report.counts.blank = table.blank_rows + blank

    # Duplicates and conflicts inside the file.
    seen: dict[tuple, tuple[int, tuple]] = {}
    entries: list[tuple] = []
    statuses: dict[int, str] = {}
    for line, cells, values, errors, warnings in staged:
        if errors:
            statuses[line] = REJECTED
            report.rejected_cells[line] = cells
            report.problems.extend(errors)
            report.problems.extend(warnings)
            continue
        entry = _entry(kind, values)
        key = _entry_key(kind, entry)
        first = seen.get(key)
        if first is not None:
            if first[1] == entry:
                statuses[line] = DUPLICATE
                report.problems.append(Problem(line, "", "", f"Sama dengan baris {first[0]}; "
                                               "dilewati.", WARNING))
            else:
                statuses[line] = REJECTED
                report.rejected_cells[line] = cells
                report.problems.append(Problem(
                    line, report.columns[mapping.resolve(table.columns)["nik"]]
                    if "nik" in mapping.columns else "", str(entry[0] or entry[1]),
                    f"Sudah ada di baris {first[0]} dengan isi berbeda; tidak jelas mana "
                    "yang benar."))
            continue
        seen[key] = (line, entry)
        statuses[line] = NEW
        entries.append(entry)
        report.problems.extend(warnings)
    counts = report.counts
    counts.read = len(staged)
    counts.rejected = sum(1 for s in statuses.values() if s == REJECTED)
    counts.duplicates = sum(1 for s in statuses.values() if s == DUPLICATE)

    with database.write() as session:
        current = active_list(session, kind)
        old_entries: set[tuple] = set()
        if current is not None:
            old_entries = {tuple(r) for r in session.execute(
                select(ReferenceEntry.nik, ReferenceEntry.no_kk, ReferenceEntry.name,
                       ReferenceEntry.segment, ReferenceEntry.year, ReferenceEntry.note)
                .where(ReferenceEntry.list_id == current.id))}
        new_set = set(entries)
        counts.unchanged = len(new_set & old_entries)
        counts.inserted = len(new_set - old_entries)
        removed = len(old_entries - new_set)
        if removed:
            report.problems.append(Problem(
                0, "", "", f"{removed} entri dari daftar sebelumnya ({current.source_file}) "
                "tidak ada lagi di berkas ini dan tidak dipakai lagi.", WARNING))
        if counts.rejected and not valid_only and not dry_run:
            if report_path is not None:
                write_rejects_xlsx(report, report_path)
            raise ImportRejected(rejection_message(report), hint=REJECTION_HINT, report=report)
        if current is not None and current.source_date and source_date < current.source_date \
                and not allow_older and not dry_run:
            raise ReferenceOutdated(
                f"{KINDS[kind]} yang aktif ({current.source_file}) bertanggal "
                f"{current.source_date:%d-%m-%Y}, lebih baru dari berkas ini "
                f"({source_date:%d-%m-%Y}); daftar lama tidak menggantikan yang baru.",
                hint="Periksa tanggal daftar (--date), atau paksa dengan --allow-older.")
        same = (current is not None and old_entries == new_set
                and current.source_date == source_date)
        if dry_run or same or not entries:
            if not entries and not dry_run:
                raise ImportRejected(
                    f"Tidak ada baris sah di {report.file_name}; daftar aktif tidak diganti.",
                    hint=REJECTION_HINT, report=report)
            if report_path is not None:
                write_rejects_xlsx(report, report_path)
            return report
        if cancelled():
            raise ImportCancelled("Impor dibatalkan; basis data tidak diubah.")
        rechecked = _replace(session, actor, kind, report, entries, source_date, current,
                             removed, progress, cancelled)
    report.written = True
    report.rechecked = rechecked
    if report_path is not None:
        write_rejects_xlsx(report, report_path)
    return report


def _replace(session: Session, actor: Actor, kind: str, report: ImportReport,
             entries: list[tuple], source_date: dt.date, current: ReferenceListInfo | None,
             removed: int, progress: Progress, cancelled: Cancelled) -> int:
    """The new list in, the old ones retired, the findings of active proposals brought up
    to date, in the caller's transaction; returns how many households were re-checked."""
    if bulk.dialect(session) == "postgresql":
        # Two imports of the same kind at once must not both end up active (SQLite's
        # BEGIN IMMEDIATE already serialises writers).
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                        {"key": 7_310_000 + sorted(KINDS).index(kind)})
    old_ids = list(session.scalars(select(ReferenceList.id).where(
        ReferenceList.kind == kind, ReferenceList.active.is_(True))))
    new = ReferenceList(kind=kind, source_file=report.file_name[:255], source_date=source_date,
                        row_count=len(entries), active=True, imported_by_id=actor.user_id)
    session.add(new)
    session.flush()
    total = len(entries)
    for start in range(0, total, bulk.WRITE_CHUNK):
        if cancelled():
            raise ImportCancelled("Impor dibatalkan; basis data tidak diubah.")
        chunk = entries[start:start + bulk.WRITE_CHUNK]
        bulk.insert_many(session, ReferenceEntry.__table__, _ENTRY_COLUMNS,
                         [(new.id, *e) for e in chunk])
        progress(start + len(chunk), total)
    if old_ids:
        session.execute(update(ReferenceList).where(ReferenceList.id.in_(old_ids))
                        .values(active=False))
        session.execute(delete(ReferenceEntry).where(ReferenceEntry.list_id.in_(old_ids)))
    rechecked = bulk.recheck_proposed(session, None)
    c = report.counts
    audit.record(session, actor, "import", "reference_list", new.id, new={
        "kind": kind, "file": report.file_name, "date": source_date.isoformat(),
        "rows": len(entries),
        "new": c.inserted, "unchanged": c.unchanged, "no_longer_listed": removed,
        "rejected": c.rejected, "replaces": current.id if current else None,
        "rechecked": rechecked,
    })
    return rechecked
