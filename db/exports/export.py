"""One entry point for every export: check the right, read, write, audit, then publish.

The file is written beside its target under a temporary name, the export is recorded in
the audit trail (action ``export``: who, which subject, which columns, how many rows,
which filter, which file), and only then renamed into place. A failure at any step leaves
neither a file nor an audit event claiming one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from db import audit, permissions
from db import settings as settingsmod
from db.actor import Actor
from db.engine import Database
from db.errors import TepatError, ValidationFailed
from db.exports import gis, tables
from db.exports.columns import (
    GIS_DEFAULT_COLUMNS,
    NO_FILTER,
    PERMISSION,
    SUBJECTS,
    ExportFilter,
    columns_for,
    rows,
)

TABLE_FORMATS = ("xlsx", "csv")
GIS_FORMATS = ("geojson", "kml", "gpkg")
FORMATS = TABLE_FORMATS + GIS_FORMATS
SUFFIXES = {"xlsx": ".xlsx", "csv": ".csv", "geojson": ".geojson", "kml": ".kml",
            "gpkg": ".gpkg"}
SUBJECT_LABELS = {"households": "keluarga", "members": "anggota keluarga",
                  "proposals": "usulan"}
_LAYER_NAMES = {"households": "keluarga", "members": "anggota", "proposals": "usulan"}


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    subject: str
    rows: int
    columns: tuple[str, ...]
    without_location: int = 0  # GIS formats: rows left out for want of coordinates

    def as_dict(self) -> dict:
        return {"file": str(self.path), "format": self.format, "subject": self.subject,
                "rows": self.rows, "columns": list(self.columns),
                "without_location": self.without_location}

    def lines(self) -> list[str]:
        out = [f"Diekspor: {self.rows} {SUBJECT_LABELS[self.subject]} ke {self.path} "
               f"({self.format})."]
        if self.without_location:
            out.append(f"Tidak ikut: {self.without_location} tanpa koordinat.")
        return out


def _context(database: Database, subject_rows: Sequence[dict], flt: ExportFilter) -> dict:
    import datetime as dt

    with database.read() as session:
        values = settingsmod.get_all(session)
    programs = sorted({str(r["program"]) for r in subject_rows if r.get("program")})
    periods = sorted({str(r["period"]) for r in subject_rows if r.get("period")})
    nip = values.get("signatory.nip") or ""
    return {
        "program": " DAN ".join(p.upper() for p in programs) or (flt.program or "").upper(),
        "period": ", ".join(periods),
        "office": values.get("letterhead.office", ""),
        "government": values.get("letterhead.government", ""),
        "place": values.get("office.place", ""),
        "date": tables.indonesian_date(dt.date.today()),
        "count": str(len(subject_rows)),
        "position": values.get("signatory.position", ""),
        "on_behalf_of": values.get("signatory.on_behalf_of", ""),
        "name": values.get("signatory.name", ""),
        "rank": values.get("signatory.rank", ""),
        "nip": nip,
    }


def export(
    database: Database,
    actor: Actor,
    subject: str,
    fmt: str,
    path: str | Path,
    *,
    columns: Sequence[str] | None = None,
    flt: ExportFilter = NO_FILTER,
    template: tables.ProposalTemplate | None = None,
    delimiter: str = ",",
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """Export ``subject`` (households, members, proposals) as ``fmt`` to ``path``.

    ``columns`` are catalogue keys (:data:`db.exports.columns.CATALOGUE`); without them
    the defaults for the subject are used. Proposals as .xlsx follow ``template`` (the
    BNBA default when None; ``columns`` then replace its columns). GIS formats write one
    point layer of the rows that have coordinates. Raises
    :class:`~db.errors.PermissionDenied` for a user who may not export the subject and
    :class:`~db.errors.ValidationFailed` for unknown formats or columns.
    """
    if subject not in SUBJECTS:
        raise ValidationFailed([("subjek", f"'{subject}' tidak dikenal; pilih "
                                 + ", ".join(SUBJECTS))])
    if fmt not in FORMATS:
        raise ValidationFailed([("format", f"'{fmt}' tidak dikenal; pilih "
                                 + ", ".join(FORMATS))])
    if fmt in GIS_FORMATS and subject == "members":
        raise ValidationFailed([("subjek", "lapisan GIS dibuat untuk keluarga atau usulan, "
                                 "bukan per anggota")])
    if len(delimiter) != 1:
        raise ValidationFailed([("pemisah", "pemisah CSV harus satu karakter")])
    permissions.require(actor, PERMISSION[subject])
    target = Path(path)
    if not target.parent.is_dir():
        raise TepatError(f"Folder {target.parent} tidak ada.",
                         hint="Pilih folder yang ada untuk berkas ekspor.")
    progress = progress or (lambda _d, _t: None)
    use_template = fmt == "xlsx" and subject == "proposals"
    if use_template:
        template = template or tables.default_template()
        if columns:
            catalogue = columns_for(subject, columns)
            template = tables.ProposalTemplate(
                template.title, [tables.TemplateColumn(c.key, c.header, None)
                                 for c in catalogue], template.footer, template.sheet_name,
                template.landscape)
        chosen = columns_for(subject, [c.field for c in template.columns])
    elif fmt in GIS_FORMATS:
        chosen = columns_for(subject, columns, defaults=GIS_DEFAULT_COLUMNS)
    else:
        chosen = columns_for(subject, columns)

    with database.read() as session:
        data = list(rows(session, actor, subject, flt))
    progress(0, len(data))
    without_location = 0
    if fmt in GIS_FORMATS:
        located = [r for r in data if r.get("longitude") is not None
                   and r.get("latitude") is not None]
        without_location = len(data) - len(located)
        data = located

    fd, tmp_name = tempfile.mkstemp(prefix=".tepat-export-", suffix=SUFFIXES[fmt],
                                    dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        count = _write(database, subject, fmt, tmp, chosen, data, flt, template, delimiter)
        progress(count, len(data))
        with database.write() as session:
            audit.record(
                session, actor, "export", subject, None, field="file", new=target.name,
                reason=f"{fmt}: {count} baris; kolom "
                + ", ".join(c.header for c in chosen) + f"; filter: {flt.describe()}"
                + (f"; {without_location} tanpa koordinat tidak ikut"
                   if without_location else ""))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return ExportResult(target, fmt, subject, count, tuple(c.key for c in chosen),
                        without_location)


def _write(database: Database, subject: str, fmt: str, tmp: Path, chosen, data,  # type: ignore[no-untyped-def]
           flt: ExportFilter, template, delimiter: str) -> int:
    try:
        if fmt == "csv":
            return tables.write_csv(tmp, chosen, data, delimiter=delimiter)
        if fmt == "xlsx" and subject == "proposals":
            return tables.write_proposal_xlsx(tmp, template, data,
                                              _context(database, data, flt))
        if fmt == "xlsx":
            return tables.write_table_xlsx(tmp, chosen, data,
                                           sheet_name=SUBJECT_LABELS[subject].title())
        fields = gis.fields_from(chosen)
        features = ((r["longitude"], r["latitude"], r) for r in data)
        layer = _LAYER_NAMES[subject]
        if fmt == "geojson":
            return gis.write_geojson(tmp, layer, fields, features)
        if fmt == "kml":
            name_key = "head_name" if subject == "households" else "name"
            return gis.write_kml(tmp, layer, fields, features, name_key=name_key)
        return gis.write_gpkg(tmp, layer, fields, features,
                              description=f"Tepat: {SUBJECT_LABELS[subject]}")
    except OSError as exc:
        raise TepatError(f"Berkas ekspor tidak dapat ditulis di {tmp.parent}: "
                         f"{exc.strerror}.",
                         hint="Periksa ruang disk dan izin tulis folder itu.") from exc
