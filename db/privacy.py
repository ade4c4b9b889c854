"""Personal-data hygiene: masked NIKs, purpose-bound columns, and a record of every copy.

NIK, No. KK, names, addresses, health and income are personal data (UU 27/2022).
This module is where Tepat decides what of it leaves the screen:

* NIK and No. KK are shown in full only to roles that need them (``nik.view_full``);
  everyone else sees ``3673********0001``.
* An export or printout serves a named :class:`Purpose`, which fixes its columns; a
  column not in the purpose is never written, whatever the caller passes.
* Every export and print of personal data, and every export of the audit trail, is
  written to the audit table.

It also holds the audit viewer's search (who saw and changed what) and the hygiene for
free-text search and filter input shared by every service that takes some.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db import audit, permissions
from db import nik as nik_rules
from db.actor import Actor
from db.errors import ValidationFailed
from db.models import AuditEvent

# Longest text accepted in one search or filter field: longer is a paste gone wrong.
MAX_FILTER_LENGTH = 200


# --------------------------------------------------------------------------- filter input


def clean_filter_text(text: str | None, field: str, max_length: int = MAX_FILTER_LENGTH) -> str:
    """Search/filter text made safe to bind: control characters gone, spaces collapsed.

    Control characters (a NUL byte among them, which PostgreSQL refuses in text) are
    dropped, not reported: they are invisible and come from pasting. Text longer than
    ``max_length`` is refused with :class:`ValidationFailed` naming ``field``.
    """
    if not text:
        return ""
    cleaned = "".join(
        " " if ch in "\t\r\n" else ch for ch in text
        if ch in "\t\r\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > max_length:
        raise ValidationFailed([(
            field,
            f"teks pencarian terlalu panjang ({len(cleaned)} karakter; paling banyak {max_length})",
        )])
    return cleaned


def like_pattern(text: str) -> str:
    """A lower-case ``%text%`` LIKE pattern with ``%``, ``_`` and ``\\`` taken literally.

    Use with ``.like(pattern, escape="\\\\")`` so a search for "50%" finds "50%", not
    everything.
    """
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# --------------------------------------------------------------------------- NIK display


def may_see_numbers(actor: Actor) -> bool:
    return permissions.allowed(actor, "nik.view_full")


def show_nik(actor: Actor, nik: str | None) -> str:
    """The NIK as this actor may see it in a list: full, or ``3673********0001``."""
    if not nik:
        return ""
    return nik if may_see_numbers(actor) else nik_rules.mask(nik)


def show_kk(actor: Actor, no_kk: str | None) -> str:
    """The No. KK as this actor may see it (masked like a NIK)."""
    return show_nik(actor, no_kk)


# --------------------------------------------------------------------------- purposes


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Indonesian, as printed
    personal_number: bool = False  # NIK / No. KK: subject to masking


@dataclass(frozen=True)
class Purpose:
    """Why personal data leaves Tepat, and so which columns it may carry."""

    code: str
    label: str  # Indonesian
    kind: str  # "export" or "print"
    action: str  # the permission needed
    columns: tuple[Column, ...]
    # True when the recipient needs full numbers whoever prints (the Dinas matches on NIK).
    full_numbers: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


_NIK = Column("nik", "NIK", True)
_KK = Column("no_kk", "No. KK", True)
_NAME = Column("name", "Nama")
_ADDRESS = Column("address", "Alamat")
_RT_RW = Column("rt_rw", "RT/RW")
_KEL = Column("kelurahan", "Kelurahan")

PURPOSES: dict[str, Purpose] = {
    p.code: p
    for p in (
        # The lampiran of a proposal letter: the table DOMAIN.md describes, nothing more.
        Purpose("letter_attachment", "Lampiran surat usulan", "print", "letter.print",
                (Column("no", "No"), _NIK, _KK, _NAME, _ADDRESS, _RT_RW, _KEL,
                 Column("remark", "Keterangan")), full_numbers=True),
        # The field officer's checklist for one house: who and where, not income or desil.
        Purpose("field_checklist", "Daftar periksa lapangan", "print", "proposal.print",
                (_NIK, _KK, _NAME, _ADDRESS, _RT_RW, _KEL, Column("program", "Program"))),
        # A list of proposals for the reviewer or the Camat.
        Purpose("proposal_list", "Daftar usulan", "export", "proposal.export",
                (Column("no", "No"), Column("program", "Program"), _NIK, _NAME, _KEL,
                 Column("state", "Status"), Column("priority", "Skor prioritas"))),
        # The register for data exchange with the kelurahan or the Dinas.
        Purpose("register_export", "Ekspor register", "export", "register.export",
                (_KK, _NIK, _NAME, Column("sex", "L/P"), Column("birth_date", "Tanggal lahir"),
                 Column("relationship", "Hubungan"), _ADDRESS, _RT_RW, _KEL,
                 Column("desil", "Desil"))),
        # Counts per kelurahan: no personal data at all.
        Purpose("recap", "Rekapitulasi", "print", "register.print",
                (_KEL, Column("households", "Keluarga"), Column("members", "Anggota"),
                 Column("proposals", "Usulan"))),
        # The audit trail itself (it holds old and new values of personal data).
        Purpose("audit_log", "Catatan audit", "export", "audit.export",
                (Column("at", "Waktu"), Column("username", "Pengguna"),
                 Column("action", "Tindakan"), Column("entity", "Jenis data"),
                 Column("entity_id", "ID"), Column("field", "Kolom"),
                 Column("old_value", "Nilai lama"), Column("new_value", "Nilai baru"),
                 Column("reason", "Keterangan"))),
    )
}


def purpose(code: str) -> Purpose:
    try:
        return PURPOSES[code]
    except KeyError:
        raise KeyError(f"unknown export/print purpose {code!r}; add it to db.privacy.PURPOSES")


def project(actor: Actor, purpose_code: str, rows: Iterable[Mapping[str, Any]]) -> list[list[str]]:
    """Only the purpose's columns of each row, as text, numbers masked where required."""
    return list(_cells(actor, purpose(purpose_code), rows))


def _cells(actor: Actor, p: Purpose, rows: Iterable[Mapping[str, Any]]) -> Iterator[list[str]]:
    full = p.full_numbers or may_see_numbers(actor)
    for row in rows:
        cells = []
        for column in p.columns:
            value = row.get(column.key)
            if value is None:
                text = ""
            elif isinstance(value, (dt.date, dt.datetime)):
                text = value.isoformat()
            else:
                text = str(value)
            if column.personal_number and not full and text:
                text = nik_rules.mask(text)
            cells.append(text)
        yield cells


def _spreadsheet_safe(text: str) -> str:
    # A cell starting with = + - @ is a formula to Excel/LibreOffice ("CSV injection"):
    # a name like =HYPERLINK(...) would run. A leading apostrophe makes it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    columns: tuple[str, ...]


def export_csv(
    session: Session,
    actor: Actor,
    purpose_code: str,
    rows: Iterable[Mapping[str, Any]],
    path: str | os.PathLike[str],
    *,
    description: str = "",
) -> ExportResult:
    """Write ``rows`` to a CSV file with the purpose's columns only. Audited.

    UTF-8 with a byte-order mark so Excel reads the names right. The file appears
    complete or not at all (written beside, then renamed).
    """
    p = purpose(purpose_code)
    permissions.require(actor, p.action)
    _require_write_session(session)
    target = Path(path)
    count = 0
    fd, tmp = tempfile.mkstemp(prefix=".tepat-export-", suffix=".csv", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([c.header for c in p.columns])
            for cells in _cells(actor, p, rows):
                writer.writerow([_spreadsheet_safe(c) for c in cells])
                count += 1
        record_export(session, actor, purpose_code, count, target.name, detail=description)
        session.flush()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ExportResult(target, count, p.keys)


def record_export(
    session: Session, actor: Actor, purpose_code: str, count: int, target: str, *,
    detail: str = "",
) -> None:
    """Audit that ``count`` rows left Tepat for ``purpose_code`` into ``target`` (a file name).

    For exporters that write their own formats (xlsx, PDF); :func:`export_csv` calls it.
    """
    p = purpose(purpose_code)
    permissions.require(actor, p.action)
    _require_write_session(session)
    audit.record(session, actor, "export", p.code, None, field="file", new=target,
                 reason=_summary(p, count, detail))


def record_print(
    session: Session, actor: Actor, purpose_code: str, count: int, *, what: str = "",
    reference: object = None,
) -> None:
    """Audit a printout (or PDF meant for paper) of personal data for ``purpose_code``.

    ``reference`` is the id of the printed thing (letter, proposal) when there is one.
    """
    p = purpose(purpose_code)
    permissions.require(actor, p.action)
    _require_write_session(session)
    audit.record(session, actor, "print", p.code, reference, field="document", new=what or None,
                 reason=_summary(p, count, ""))


def _summary(p: Purpose, count: int, detail: str) -> str:
    text = f"{p.label}: {count} baris; kolom {', '.join(c.header for c in p.columns)}"
    return f"{text}; {detail}" if detail else text


def _require_write_session(session: Session) -> None:
    # A read session is always rolled back: the record of the look-up would vanish.
    if not session.get_bind().get_execution_options().get("tepat_write"):
        raise RuntimeError("this call is audited: run it in database.write(), not read()")


# --------------------------------------------------------------------------- audit viewer


@dataclass(frozen=True)
class AuditFilter:
    """What the audit viewer narrows to; empty fields do not filter."""

    date_from: dt.date | None = None  # local dates, both inclusive
    date_to: dt.date | None = None
    username: str = ""
    action: str = ""
    entity: str = ""
    entity_id: str = ""
    text: str = ""  # anywhere in old value, new value or remark


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: str | None
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "at": self.at, "username": self.username, "action": self.action,
            "entity": self.entity, "entity_id": self.entity_id, "field": self.field,
            "old_value": self.old_value, "new_value": self.new_value, "reason": self.reason,
        }


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int  # matching entries, not only this page


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min).astimezone().astimezone(dt.UTC)


def _audit_conditions(flt: AuditFilter) -> list[Any]:
    conditions: list[Any] = []
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise ValidationFailed([("Tanggal", "tanggal awal sesudah tanggal akhir")])
    if flt.date_from:
        conditions.append(AuditEvent.at >= _local_midnight(flt.date_from))
    if flt.date_to:
        conditions.append(AuditEvent.at < _local_midnight(flt.date_to + dt.timedelta(days=1)))
    exact = {
        "Pengguna": (AuditEvent.username, flt.username),
        "Tindakan": (AuditEvent.action, flt.action),
        "Jenis data": (AuditEvent.entity, flt.entity),
        "ID": (AuditEvent.entity_id, flt.entity_id),
    }
    for label, (column, value) in exact.items():
        text = clean_filter_text(value, label)
        if text:
            conditions.append(func.lower(column) == text.lower())
    text = clean_filter_text(flt.text, "Teks")
    if text:
        pattern = like_pattern(text)
        conditions.append(or_(
            func.lower(AuditEvent.old_value).like(pattern, escape="\\"),
            func.lower(AuditEvent.new_value).like(pattern, escape="\\"),
            func.lower(AuditEvent.reason).like(pattern, escape="\\"),
            func.lower(AuditEvent.field).like(pattern, escape="\\"),
        ))
    return conditions


def search_audit(
    session: Session, actor: Actor, flt: AuditFilter, *, limit: int = 500, offset: int = 0
) -> AuditPage:
    """Audit entries matching ``flt``, newest first, one page at a time."""
    permissions.require(actor, "audit.view")
    conditions = _audit_conditions(flt)
    total = session.scalar(select(func.count()).select_from(AuditEvent).where(*conditions)) or 0
    rows = session.scalars(
        select(AuditEvent).where(*conditions).order_by(AuditEvent.id.desc())
        .limit(max(1, min(limit, 10_000))).offset(max(0, offset))
    )
    return AuditPage([_entry(r) for r in rows], total)


def _entry(r: AuditEvent) -> AuditEntry:
    at = r.at if r.at.tzinfo else r.at.replace(tzinfo=dt.UTC)
    return AuditEntry(r.id, at, r.username, r.action, r.entity, r.entity_id, r.field,
                      r.old_value, r.new_value, r.reason)


def audit_choices(session: Session, actor: Actor) -> tuple[list[str], list[str], list[str]]:
    """Distinct (actions, entities, user names) present, for the viewer's drop-downs."""
    permissions.require(actor, "audit.view")

    def values(column: Any) -> list[str]:
        return list(session.scalars(select(column).distinct().order_by(column)))

    return values(AuditEvent.action), values(AuditEvent.entity), values(AuditEvent.username)


def export_audit_csv(
    session: Session, actor: Actor, flt: AuditFilter, path: str | os.PathLike[str]
) -> ExportResult:
    """Every entry matching ``flt`` (oldest first) to CSV. The export is itself audited."""
    permissions.require(actor, "audit.export")
    rows = session.scalars(
        select(AuditEvent).where(*_audit_conditions(flt)).order_by(AuditEvent.id)
        .execution_options(yield_per=2000)
    )
    entries = (_local_row(_entry(r)) for r in rows)
    return export_csv(session, actor, "audit_log", entries, path, description=_describe(flt))


def _local_row(entry: AuditEntry) -> dict[str, Any]:
    row = entry.as_dict()
    row["at"] = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return row


def _describe(flt: AuditFilter) -> str:
    parts: Sequence[tuple[str, object]] = (
        ("dari", flt.date_from), ("sampai", flt.date_to), ("pengguna", flt.username),
        ("tindakan", flt.action), ("jenis", flt.entity), ("id", flt.entity_id),
        ("teks", flt.text),
    )
    chosen = [f"{k} {v}" for k, v in parts if v]
    return "saring: " + ", ".join(chosen) if chosen else "tanpa saringan"
