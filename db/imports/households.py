"""Household and member import: check every row, report, then upsert in one transaction.

A file holds one row per person (DTSEN/DTKS by-name-by-address extracts) with the
household's columns repeated on each row of the same No. KK. The import:

1. reads the sheet (:mod:`~db.imports.reader`) and turns each mapped cell into the value
   the register stores (:mod:`~db.imports.normalise`), collecting a problem per bad cell;
2. checks rows against each other: exact duplicates are skipped, the same NIK with
   different data is refused, and household columns that disagree within one No. KK are
   refused; a household is imported whole or not at all;
3. compares with the register in set-based queries (chunks of keys, never a query per
   row), decides per row new / changed / unchanged, and checks each household as it will
   be: exactly one head, inside the user's scope, nobody's family left without a head;
4. writes nothing if any row was refused, unless "valid rows only" was chosen; otherwise
   inserts and updates in bulk (:mod:`~db.imports.bulk`) in one transaction, with an
   audit event per created household and per changed field;
5. in that transaction, re-runs the desk checks (:mod:`db.checks`) of the changed
   households that have an active proposal, so their findings follow the new data.

The rules are those of :mod:`db.validation` (NIK/KK structure from :mod:`db.nik`, sex and
birth date agreeing with the NIK, one head, no birth date in the future or more than
:data:`db.validation.MAX_AGE_YEARS` ago, coordinates inside Indonesia), applied to whole
columns at once: ``validation.check_household`` queries the database per household, which
100,000 rows cannot afford.

A cancel, an error, a crash or a killed process leaves the database as it was: the only
commit is at the end. Importing the same file again finds every row unchanged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import operator
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import audit, permissions, validation
from db import regions as regionsmod
from db import settings as settingsmod
from db.actor import Actor
from db.codes import STATE_APPARATUS_OCCUPATIONS, name_key
from db.engine import Database
from db.errors import ImportCancelled, ImportRejected
from db.imports import bulk
from db.imports import normalise as norm
from db.imports.mapping import HOUSEHOLD_FIELDS, Mapping, suggest
from db.imports.reader import Table, read_table
from db.imports.report import (
    DUPLICATE,
    ERROR,
    NEW,
    REJECTED,
    REJECTION_HINT,
    UNCHANGED,
    UPDATE,
    WARNING,
    ImportCounts,
    ImportReport,
    PreviewRow,
    Problem,
    rejection_message,
    write_rejects_xlsx,
)
from db.models import AuditEvent, Household, Member, Region

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
StageCallback = Callable[[str], None]

# Stages reported to ``stage``: reading the file, checking rows, comparing with the
# register, writing.
READING, CHECKING, COMPARING, WRITING = "read", "check", "compare", "write"

MEMBER_FIELDS = ("nik", "name", "sex", "birth_place", "birth_date", "relationship",
                 "marital_status", "occupation", "education")
HOUSEHOLD_COLUMNS = ("kelurahan_code", "address", "rt", "rw", "desil", "longitude",
                     "latitude")
# Text compared without regard to case or spacing: "Siti" and "SITI" are the same person.
_CASELESS = frozenset({"name", "birth_place", "address"})
PREVIEW_ROWS = 200
_STEP = 2000  # rows between progress reports and cancel checks while checking

_households = Household.__table__
_members = Member.__table__


@contextlib.contextmanager
def _bulk_work() -> Iterator[None]:
    """Hold off Python's cycle collector while 100,000 rows become objects.

    The rows hold no reference cycles (reference counting frees them), but each burst of
    allocations would trigger full collections that walk every cell read from the file,
    costing as much again as the import itself. The collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _never() -> bool:
    return False


def _quiet(_done: int, _total: int) -> None:
    return None


def _cancelled() -> ImportCancelled:
    return ImportCancelled("Impor dibatalkan; basis data tidak diubah.")


# ------------------------------------------------------------------------- staged rows


class Staged:
    """One data row turned into register values, with what is wrong with it.

    ``member`` and ``household`` hold what the file says. Comparing with the register
    may add ``extra`` member values (sex from the NIK, head of a one-person family) and
    errors; :meth:`thaw` drops those again before a new comparison.
    """

    __slots__ = ("_file", "cells", "errors", "extra", "household", "kk", "line", "member",
                 "nik", "status", "warnings")

    def __init__(self, line: int, cells: list[object]) -> None:
        self.line = line
        self.cells = cells
        self.member: dict[str, object] = {}
        self.household: dict[str, object] = {}
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.status = NEW
        self.kk: str | None = None
        self.nik: str | None = None
        self.extra: dict[str, object] = {}
        self._file: tuple = ()

    def freeze(self) -> None:
        """Remember what the file alone says, before any comparison with the register."""
        self._file = (tuple(self.errors), self.kk, self.status)

    def thaw(self) -> None:
        """Back to what the file alone says, for a fresh comparison with the register."""
        errors, self.kk, self.status = self._file
        self.errors = list(errors)
        self.extra = {}

    def get(self, key: str) -> object:
        """A member value: derived first, then from the file."""
        extra = self.extra
        return extra[key] if key in extra else self.member.get(key)


@dataclass(frozen=True)
class _Column:
    key: str
    index: int
    label: str


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


_MISS = object()
# Where a field's value goes in a staged row.
_MEMBER, _HOUSEHOLD, _NIK, _KK, _RT_RW, _KECAMATAN, _KELURAHAN = (object() for _ in range(7))


# Source pieces of _Normaliser._compile: the generated stage(line, cells) is these, in order.
_ROW_START = """\
def stage(line, cells):
    if len(cells) < {width}:
        cells = cells + [''] * ({width} - len(cells))
    row = Staged(line, cells)
    member = row.member
    household = row.household
    kecamatan = None
    anything = False
"""
_CELL = """\
    raw = cells[{index}]
    if not (raw == '' or raw is None):
        anything = True
{mapped}{value}\
        cls = value.__class__
        if cls is CellError:
            row.errors.append(Problem(line, l{n}, cell_text(raw), value.reason))
        elif cls is Unrecognised:
            row.warnings.append(Problem(line, l{n}, cell_text(raw), value.reason, WARNING))
        elif value is not None:
{store}
"""
_HOUSEHOLD_START = """\
    raw_household = household_cells(cells)
    previous = last[0]
    if raw_household == previous[0]:
        household.update(previous[1])
        kecamatan = previous[2]
        anything = anything or previous[3]
    else:
        outer = anything
        anything = False
        problems = len(row.errors) + len(row.warnings)
"""
_HOUSEHOLD_END = """\
        if len(row.errors) + len(row.warnings) == problems:
            last[0] = (raw_household, household.copy(), kecamatan, anything)
        else:
            last[0] = (MISS,)
        anything = outer or anything
"""
_VALUE_MAPPED = "        raw = apply_value_map(raw, t{n})\n"
_CACHED = """\
        value = c{n}.get(raw, MISS)
        if value is MISS:
            value = decide(f{n}, raw, c{n})
"""
_UNCACHED = """\
        try:
            value = f{n}(raw)
        except CellError as exc:
            value = exc
"""
_HOUSEHOLD_TARGETS = frozenset({_HOUSEHOLD, _RT_RW, _KECAMATAN, _KELURAHAN})
_STORES = {
    _MEMBER: "            member[{key!r}] = value",
    _HOUSEHOLD: "            household[{key!r}] = value",
    _NIK: "            row.nik = member['nik'] = value",
    _KK: "            row.kk = value",
    _RT_RW: """\
            if value[0]:
                household['rt'] = value[0]
            if value[1]:
                household['rw'] = value[1]""",
    _KECAMATAN: "            kecamatan = value",
    _KELURAHAN: "            household['kelurahan_code'] = value.code",
}


def _decide(function: Callable[[object], object], raw: object, cache: dict) -> object:
    """A cell's value, or the CellError that refuses it, remembered for equal cells."""
    try:
        value = function(raw)
    except norm.CellError as exc:
        value = exc
    cache[raw] = value
    return value


class _Normaliser:
    """Applies the mapping to each row; remembers the result for each distinct cell of
    columns with few distinct values (sex, RT, kelurahan...), so those cost one dict
    look-up per row."""

    def __init__(self, table: Table, mapping: Mapping, resolver: norm.RegionResolver,
                 today: dt.date) -> None:
        self.mapping = mapping
        self.resolver = resolver
        self.today = today
        indices = mapping.require(table.columns, sheet=table.sheet_name)
        self.columns = {key: _Column(key, i, table.columns[i]) for key, i in indices.items()}
        scheme = mapping.relationship_codes
        functions: dict[str, Callable[[object], object]] = {
            "nik": norm.nik,
            "no_kk": norm.kk,
            "name": norm.person_name,
            "sex": norm.sex,
            "birth_place": norm.limited(80, "Tempat lahir"),
            "birth_date": lambda v: norm.birth_date(v, today=today),
            "relationship": lambda v: norm.relationship(v, scheme),
            "marital_status": norm.marital_status,
            "occupation": norm.occupation,
            "education": norm.education,
            "address": norm.limited(300, "Alamat"),
            "rt": norm.rt,
            "rw": norm.rw,
            "rt_rw": norm.rt_rw,
            "desil": norm.desil,
            "kecamatan": resolver.kecamatan,
            "kelurahan_code": resolver.kelurahan_code,
        }
        # Birth dates repeat (many people per day of birth): cached like the coded columns.
        uncached = {"nik", "name"}
        targets = {"nik": _NIK, "no_kk": _KK, "rt_rw": _RT_RW, "kecamatan": _KECAMATAN,
                   "kelurahan_code": _KELURAHAN}
        # A combined RT/RW column goes first so separate RT and RW columns win over it.
        order = sorted((k for k in self.columns if k in functions), key=lambda k: k != "rt_rw")
        # (key, index, label, function, cache or None, value table or None, target)
        self.plan = [
            (key, self.columns[key].index, self.columns[key].label, functions[key],
             None if key in uncached else {}, mapping.values.get(key) or None,
             targets.get(key, _MEMBER if key in MEMBER_FIELDS else _HOUSEHOLD))
            for key in order
        ]
        self.width = max((c.index for c in self.columns.values()), default=-1) + 1
        self.lat = self.columns.get("latitude")
        self.lon = self.columns.get("longitude")
        self.pair = self.columns.get("coordinates")
        self.kelurahan = self.columns.get("kelurahan")
        self._kelurahan_cache: dict[tuple, object] = {}
        self._position_cache: dict[tuple, object] = {}
        self.position_label = (self.pair.label if self.pair else " / ".join(
            c.label for c in (self.lat, self.lon) if c is not None))
        # stage(line, cells): the row as register values, None when every mapped cell
        # is blank.
        self.stage: Callable[[int, list[object]], Staged | None] = self._compile()

    def _compile(self) -> Callable[[int, list[object]], Staged | None]:
        """The row function for this mapping, generated as Python source.

        A loop over the mapped columns spent more time unpacking each column's settings
        and dispatching on where its value goes than normalising the cells: 100,000 rows
        x 12 columns. The generated function is that loop unrolled, with each column's
        index, cache, label and destination written in (as ``dataclasses`` and
        ``collections.namedtuple`` generate their methods). It is built from this
        mapping's plan only; no text from the file enters the source.
        """
        env: dict[str, object] = {
            "Staged": Staged, "Problem": Problem, "WARNING": WARNING, "MISS": _MISS,
            "CellError": norm.CellError, "Unrecognised": norm.Unrecognised,
            "apply_value_map": norm.apply_value_map, "cell_text": _cell_text,
            "decide": _decide, "position": self._position, "kelurahan": self._kelurahan,
        }
        member_parts, household_parts, household_cells = [], [], []
        for n, (key, index, label, function, cache, table, target) in enumerate(self.plan):
            env[f"f{n}"], env[f"c{n}"], env[f"t{n}"], env[f"l{n}"] = (
                function, cache, table, label)
            code = _CELL.format(
                index=index, n=n,
                mapped=_VALUE_MAPPED.format(n=n) if table is not None else "",
                value=(_CACHED if cache is not None else _UNCACHED).format(n=n),
                store=_STORES[target].format(key=key))
            if target in _HOUSEHOLD_TARGETS:
                household_parts.append(code)
                household_cells.append(index)
            else:
                member_parts.append(code)
        for column in (self.lat, self.lon, self.pair, self.kelurahan):
            if column is not None:
                household_cells.append(column.index)
        if self.lat is not None or self.lon is not None or self.pair is not None:
            household_parts.append(
                "    anything = position(row, cells, household) or anything\n")
        if self.kelurahan is not None:
            household_parts.append(
                "    anything = kelurahan(row, cells, household, kecamatan) or anything\n")
        parts = [_ROW_START.format(width=self.width), *member_parts]
        if household_parts:
            # A family's rows repeat its household cells: when a row's are those of the
            # row before and that row's gave no problem, its values are taken over.
            env["household_cells"] = operator.itemgetter(*household_cells)
            env["last"] = [(_MISS,)]
            parts.append(_HOUSEHOLD_START)
            parts.append(textwrap.indent("".join(household_parts), "    "))
            parts.append(_HOUSEHOLD_END)
        parts.append("    return row if anything else None\n")
        exec(compile("".join(parts), "<tepat import row>", "exec"), env)  # noqa: S102
        return env["stage"]  # type: ignore[return-value]

    def _position(self, row: Staged, cells: list[object], household: dict[str, object]) -> bool:
        raw_lat = cells[self.lat.index] if self.lat is not None else ""
        raw_lon = cells[self.lon.index] if self.lon is not None else ""
        raw_pair = cells[self.pair.index] if self.pair is not None else ""
        if (raw_lat == "" or raw_lat is None) and (raw_lon == "" or raw_lon is None) and (
                raw_pair == "" or raw_pair is None):
            return False
        # A family's rows repeat its point: decide each distinct pair of cells once.
        key = (raw_lat, raw_lon, raw_pair)
        found = self._position_cache.get(key, _MISS)
        if found is _MISS:
            try:
                pair = norm.coordinates_cell(raw_pair) if self.pair is not None else None
                if pair is not None:
                    lat, lon = pair
                else:
                    lat = norm.coordinate(raw_lat, "Lintang")
                    lon = norm.coordinate(raw_lon, "Bujur")
                found = norm.position(lat, lon)
            except norm.CellError as exc:
                found = exc
            self._position_cache[key] = found
        if found.__class__ is norm.CellError:
            shown = _cell_text(raw_pair) or f"{_cell_text(raw_lat)}, {_cell_text(raw_lon)}"
            row.errors.append(Problem(row.line, self.position_label, shown,
                                      found.reason))  # type: ignore[union-attr]
            return True
        lon_value, lat_value, swapped = found  # type: ignore[misc]
        if lon_value is not None:
            household["longitude"], household["latitude"] = lon_value, lat_value
            if swapped:
                row.warnings.append(Problem(
                    row.line, self.position_label,
                    _cell_text(raw_pair) or f"{_cell_text(raw_lat)}, {_cell_text(raw_lon)}",
                    f"Lintang dan bujur tertukar; disimpan sebagai lintang {lat_value}, "
                    f"bujur {lon_value}.", WARNING))
        return True

    def _kelurahan(self, row: Staged, cells: list[object], household: dict[str, object],
                   kecamatan: object) -> bool:
        assert self.kelurahan is not None
        raw = cells[self.kelurahan.index]
        if raw == "" or raw is None:
            return False
        if "kelurahan_code" in household:
            return True  # a code column wins over a name column
        key = (raw, kecamatan)
        match = self._kelurahan_cache.get(key, _MISS)
        if match is _MISS:
            try:
                match = self.resolver.kelurahan_name(
                    raw, kecamatan if isinstance(kecamatan, str) else None)
            except norm.CellError as exc:
                match = exc
            self._kelurahan_cache[key] = match
        if match.__class__ is norm.CellError:
            row.errors.append(Problem(row.line, self.kelurahan.label, _cell_text(raw),
                                      match.reason))
            return True
        if match is not None:
            household["kelurahan_code"] = match.code
            if match.note:
                row.warnings.append(Problem(row.line, self.kelurahan.label, _cell_text(raw),
                                            match.note, WARNING))
        return True


# ------------------------------------------------------------------------- helpers


@dataclass
class ImportPlan:
    """A file read and checked, ready to be written (or shown in the wizard)."""

    report: ImportReport
    mapping: Mapping
    rows: list[Staged] = field(repr=False)
    path: Path
    normaliser: _Normaliser = field(repr=False)
    resolver: norm.RegionResolver = field(repr=False)


# ------------------------------------------------------------------------- regions


def office_kecamatan(session: Session) -> str:
    return settingsmod.get(session, "office.kecamatan_code")


def region_resolver(session: Session) -> norm.RegionResolver:
    """Kelurahan and kecamatan known to the register, with Kota Serang's bundled list
    filling in a register that has no regions yet."""
    kelurahan: dict[str, tuple[str, str]] = {}
    kecamatan: dict[str, str] = {}
    for code, name in regionsmod.kota_serang_codes():
        _add_region(code, name, kelurahan, kecamatan)
    for code, name in session.execute(select(Region.code, Region.name)):
        _add_region(code, name, kelurahan, kecamatan)
    return norm.RegionResolver(kelurahan, kecamatan, office_kecamatan(session))


def _add_region(code: str, name: str, kelurahan: dict, kecamatan: dict) -> None:
    depth = code.count(".")
    if depth == 3:
        kelurahan[code] = (name, code.rsplit(".", 1)[0])
    elif depth == 2:
        kecamatan[code] = name


def _ensure_regions(session: Session, codes: Iterable[str]) -> None:
    """Create the bundled Kota Serang regions a household needs and the register lacks."""
    wanted = set(codes)
    if not wanted:
        return
    existing = set(session.scalars(select(Region.code)))
    missing = set()
    for code in wanted:
        chain: str | None = code
        while chain is not None and chain not in existing:
            missing.add(chain)
            chain = regionsmod.parent_of(chain)
    if missing:
        official = dict(regionsmod.kota_serang_codes())
        regionsmod.upsert_codes(session, [(c, official.get(c, c)) for c in missing])


def _in_scope(actor: Actor, kelurahan_code: str) -> bool:
    if not actor.scope:
        return True
    return any(kelurahan_code == code or kelurahan_code.startswith(code + ".")
               for code in actor.scope)


# ------------------------------------------------------------------------- file checks


def _stage_rows(table: Table, normaliser: _Normaliser, counts: ImportCounts,
                progress: Progress, cancelled: Cancelled) -> list[Staged]:
    staged: list[Staged] = []
    total = len(table.rows)
    stage = normaliser.stage
    for start in range(0, total, _STEP):
        if cancelled():
            raise _cancelled()
        progress(start, total)
        for line, cells in table.rows[start:start + _STEP]:
            row = stage(line, cells)
            if row is None:
                counts.blank += 1
            else:
                staged.append(row)
    progress(total, total)
    return staged


def _label(normaliser: _Normaliser, key: str) -> str:
    col = normaliser.columns.get(key)
    return col.label if col else ""


def _cross_check(rows: list[Staged], normaliser: _Normaliser) -> None:
    """Checks between rows: exact duplicates are marked and skipped, the same NIK with
    different data is refused on both rows, and household columns that disagree within
    one No. KK are refused (blank household cells are filled from the family's other rows).
    """
    nik_label = _label(normaliser, "nik")
    first_by_nik: dict[str, Staged] = {}
    for row in rows:
        if row.nik is None:
            if not any(p.column == nik_label for p in row.errors):
                row.errors.append(Problem(row.line, nik_label, "", "NIK kosong."))
            continue
        first = first_by_nik.get(row.nik)
        if first is None:
            first_by_nik[row.nik] = row
            continue
        if _signature(row) == _signature(first):
            row.status = DUPLICATE
            row.errors = []
            row.warnings = [Problem(row.line, "", "", f"Sama dengan baris {first.line}; "
                                    "dilewati.", WARNING)]
            continue
        row.errors.append(Problem(row.line, nik_label, row.nik,
                                  f"NIK {row.nik} juga ada di baris {first.line} dengan isi "
                                  "berbeda; tidak jelas mana yang benar."))
        if not any("juga ada di baris" in p.reason for p in first.errors):
            first.errors.append(Problem(first.line, nik_label, row.nik,
                                        f"NIK {row.nik} juga ada di baris {row.line} dengan "
                                        "isi berbeda; tidak jelas mana yang benar."))

    by_kk: dict[str, list[Staged]] = defaultdict(list)
    for row in rows:
        if row.kk is not None and row.status != DUPLICATE:
            by_kk[row.kk].append(row)
    for kk_rows in by_kk.values():
        if len(kk_rows) < 2:
            continue
        first_values = kk_rows[0].household
        if all(r.household == first_values for r in kk_rows):
            continue  # the usual case: the family's columns repeated exactly
        merged: dict[str, tuple[object, Staged]] = {}
        for row in kk_rows:
            for key, value in row.household.items():
                seen = merged.get(key)
                if seen is None:
                    merged[key] = (value, row)
                elif not _same(key, seen[0], value):
                    row.errors.append(Problem(
                        row.line, _household_label(normaliser, key), _display(key, value),
                        f"Berbeda dengan baris {seen[1].line} ({_display(key, seen[0])}) "
                        f"untuk No. KK {row.kk} yang sama."))
        for row in kk_rows:
            for key, (value, _src) in merged.items():
                row.household.setdefault(key, value)


def _region_checks(rows: list[Staged], normaliser: _Normaliser,
                   regions: validation.RegionIndex) -> None:
    """The household form's region rules for the NIK and No. KK of every row: an unknown
    kabupaten/kota or kecamatan code is refused where the code list is complete, and a
    number from outside the office's city is a warning. Decided once per region code.

    Before the national code list is loaded a number from another city gets the form's
    "cannot be checked yet" warning instead; with no office region set up at all there
    is no "elsewhere" to speak of and that warning is left out."""
    live = [row for row in rows if row.status != DUPLICATE]
    for what, attribute, label in (("NIK", "nik", _label(normaliser, "nik")),
                                   ("No. KK", "kk", _label(normaliser, "no_kk"))):
        verdicts: dict[str, list[tuple[str, str]]] = {}  # region digits -> findings
        for row in live:
            number = getattr(row, attribute)
            if number is None:
                continue
            found = verdicts.get(number[:6])
            if found is None:
                region = f"{number[0:2]}.{number[2:4]}.{number[4:6]}"
                found = verdicts[number[:6]] = [
                    (sentence[:1].upper() + sentence[1:], severity)
                    for kind, sentence, severity in regions.region_findings(what, region)
                    if kind != "unchecked" or regions.office_city]
            for sentence, severity in found:
                problem = Problem(row.line, label, number, sentence, severity)
                (row.errors if severity == ERROR else row.warnings).append(problem)


def _signature(row: Staged) -> tuple:
    """What makes two rows the same row: normalised values when both are clean (so case
    and spacing differences do not matter), otherwise the raw cells."""
    if row.errors:
        return ("raw", tuple(_cell_text(c) for c in row.cells))
    return ("clean", row.kk, tuple(sorted((k, _fold(v)) for k, v in row.member.items())),
            tuple(sorted((k, _fold(v)) for k, v in row.household.items())))


def _fold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def _household_label(normaliser: _Normaliser, key: str) -> str:
    if key == "kelurahan_code":
        return _label(normaliser, "kelurahan_code") or _label(normaliser, "kelurahan")
    if key in ("rt", "rw") and key not in normaliser.columns:
        return _label(normaliser, "rt_rw")
    if key in ("latitude", "longitude"):
        return (_label(normaliser, "coordinates")
                or " / ".join(_label(normaliser, k) for k in ("latitude", "longitude")
                              if k in normaliser.columns))
    return _label(normaliser, key)


def _display(key: str, value: object) -> str:
    if value is None:
        return ""
    if key == "relationship":
        return norm.RELATIONSHIP_LABELS.get(str(value), str(value))
    if key == "marital_status":
        return norm.MARITAL_LABELS.get(str(value), str(value))
    if key == "education":
        return norm.EDUCATION_LABELS.get(str(value), str(value))
    if key == "occupation":
        return norm.OCCUPATION_LABELS.get(str(value), str(value))
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


# ------------------------------------------------------------------------- the register


def _same(key: str, old: object, new: object) -> bool:
    if old == new:
        return True
    if key in _CASELESS and isinstance(old, str) and isinstance(new, str):
        return " ".join(old.split()).casefold() == " ".join(new.split()).casefold()
    if isinstance(old, float) and isinstance(new, float):
        return abs(old - new) < 1e-9
    return False


_H_COLUMNS = ("id", "no_kk", *HOUSEHOLD_COLUMNS)
_M_COLUMNS = ("id", "household_id", "nik", "name", "sex", "birth_place", "birth_date",
              "relationship", "marital_status", "occupation", "education", "asn_tni_polri",
              "deceased")


@dataclass
class _Existing:
    """The part of the register the file touches."""

    households: dict[str, dict] = field(default_factory=dict)  # no_kk -> row
    by_id: dict[int, dict] = field(default_factory=dict)  # id -> row
    members: dict[str, dict] = field(default_factory=dict)  # nik -> row
    # household id -> {nik: relationship} of its living members
    family: dict[int, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))


def _load_existing(session: Session, rows: list[Staged], *, lock: bool,
                   cancelled: Cancelled) -> _Existing:
    """Households by No. KK, their members, and members found by NIK elsewhere: a few
    chunked IN queries, however many rows."""
    found = _Existing()

    def households_where(column: str, keys: Iterable[object]) -> None:
        for values in bulk.rows_where(session, _households, _H_COLUMNS, column, keys,
                                      lock=lock, cancelled=cancelled):
            row = dict(zip(_H_COLUMNS, values, strict=True))
            found.households[row["no_kk"]] = row
            found.by_id[row["id"]] = row

    def members_where(column: str, keys: Iterable[object]) -> None:
        for values in bulk.rows_where(session, _members, _M_COLUMNS, column, keys,
                                      lock=lock, cancelled=cancelled):
            row = dict(zip(_M_COLUMNS, values, strict=True))
            found.members[row["nik"]] = row
            if not row["deceased"]:
                found.family[row["household_id"]][row["nik"]] = row["relationship"]

    if session.execute(select(_members.c.id).limit(1)).first() is None and (
            session.execute(select(_households.c.id).limit(1)).first() is None):
        return found  # an empty register: nothing to look up
    try:
        households_where("no_kk", {r.kk for r in rows if r.kk})
        members_where("household_id", set(found.by_id))
        elsewhere = {r.nik for r in rows if r.nik} - set(found.members)
        members_where("nik", elsewhere)
        # People found in households the file does not name: load those households and
        # their families too (someone moving out must not leave a family without its head).
        others = {m["household_id"] for m in found.members.values()} - set(found.by_id)
        households_where("id", others)
        members_where("household_id", others)
    except bulk.QueryCancelled:
        raise _cancelled() from None
    return found


@dataclass
class _Diff:
    """What the write will do."""

    new_households: dict[str, dict] = field(default_factory=dict)  # kk -> values
    changed_households: dict[int, dict] = field(default_factory=dict)  # id -> all values
    household_changes: dict[int, dict[str, tuple]] = field(default_factory=dict)
    new_members: list[tuple[str, dict]] = field(default_factory=list)  # (kk, values)
    changed_members: dict[int, tuple[str, dict]] = field(default_factory=dict)  # id->(kk, v)
    member_changes: dict[int, dict[str, tuple]] = field(default_factory=dict)
    moved_from: dict[int, int] = field(default_factory=dict)  # member id -> old household
    household_ids: dict[str, int] = field(default_factory=dict)  # kk -> id, existing


def _row_checks(row: Staged, existing: _Existing, labels: dict[str, str],
                actor: Actor) -> None:
    """Checks of one row that need the register (row.errors/extra are filled)."""
    current = existing.members.get(row.nik)  # type: ignore[arg-type]
    member = row.member
    if row.kk is None:
        if current is None:
            row.errors.append(Problem(row.line, labels["no_kk"], "", "No. KK kosong; orang "
                                      "yang belum ada di register memerlukan No. KK."))
            return
        row.kk = existing.by_id[current["household_id"]]["no_kk"]
    if current is None and "name" not in member:
        row.errors.append(Problem(row.line, labels["name"], "",
                                  "Nama kosong untuk orang yang belum ada di register."))
    number = row.nik
    day = int(number[6:8])  # type: ignore[index]
    sex = "P" if day > 40 else "L"
    if day > 40:
        day -= 40
    month, year2 = int(number[8:10]), int(number[10:12])  # type: ignore[index]
    given = member.get("sex")
    if given is None:
        if current is None:
            row.extra["sex"] = sex
    elif given != sex:
        row.errors.append(Problem(
            row.line, labels["sex"], str(given),
            f"Jenis kelamin {given} tidak cocok dengan NIK (tanggal pada NIK menandakan "
            f"{'perempuan' if sex == 'P' else 'laki-laki'})."))
    born = member.get("birth_date")
    if born is not None and (born.day != day or born.month != month  # type: ignore[attr-defined]
                             or born.year % 100 != year2):  # type: ignore[attr-defined]
        row.errors.append(Problem(
            row.line, labels["birth_date"], born.strftime("%d-%m-%Y"),  # type: ignore[attr-defined]
            f"Tanggal lahir {born:%d-%m-%Y} tidak cocok dengan tanggal pada NIK "
            f"({day:02d}-{month:02d}-{year2:02d})."))
    household = existing.households.get(row.kk)
    kelurahan = row.household.get("kelurahan_code")
    if household is None:
        if kelurahan is None:
            row.errors.append(Problem(row.line, labels["kelurahan"] or labels["no_kk"], "",
                                      "Kelurahan kosong untuk No. KK yang belum ada di "
                                      "register."))
    if not actor.scope:
        return
    if household is not None and not _in_scope(actor, household["kelurahan_code"]):
        row.errors.append(Problem(row.line, labels["no_kk"], row.kk or "",
                                  "No. KK ini terdaftar di luar wilayah kewenangan pengguna "
                                  f"'{actor.username}'."))
    if isinstance(kelurahan, str) and not _in_scope(actor, kelurahan):
        row.errors.append(Problem(row.line, labels["kelurahan"] or labels["no_kk"],
                                  kelurahan, f"Kelurahan {kelurahan} di luar wilayah "
                                  f"kewenangan pengguna '{actor.username}'."))


def _family_checks(kk_value: str, kk_rows: list[Staged], existing: _Existing,
                   labels: dict[str, str], moved_out: dict[int, dict[str, str]]) -> None:
    """Exactly one head in the family as it will be (register members plus file rows)."""
    household = existing.households.get(kk_value)
    hid = household["id"] if household else None
    final: dict[str, object] = dict(existing.family.get(hid, {})) if hid else {}
    lone = len(kk_rows) == 1 and not final
    for row in kk_rows:
        current = existing.members.get(row.nik) if row.nik else None
        rel = row.member.get("relationship")
        if rel is None and current is not None and current["household_id"] == hid:
            rel = current["relationship"]
        if rel is None and current is None and lone:
            rel = row.extra["relationship"] = "head"  # the only person of a new family
        if row.nik:
            final[row.nik] = rel
        if current is not None and current["household_id"] != hid and not current["deceased"]:
            moved_out[current["household_id"]][row.nik] = current["relationship"]  # type: ignore[index]
        if rel is None and not row.errors:
            row.errors.append(Problem(row.line, labels["relationship"], "",
                                      "Hubungan keluarga kosong; keluarga dengan beberapa "
                                      "orang memerlukan kolom HUB_KELUARGA/SHDK."))
    if any(r.errors for r in kk_rows):
        return
    heads = [n for n, r in final.items() if r == "head"]
    if len(heads) == 1:
        return
    if not heads:
        reason = f"No. KK {kk_value} tidak memiliki kepala keluarga."
        for row in kk_rows:
            row.errors.append(Problem(row.line, labels["relationship"],
                                      _display("relationship", row.get("relationship")),
                                      reason))
        return
    in_file = {r.nik: r for r in kk_rows}
    where = ", ".join(f"baris {in_file[n].line}" if n in in_file else f"NIK {n} di register"
                      for n in heads)
    reason = f"No. KK {kk_value} memiliki {len(heads)} kepala keluarga ({where})."
    for row in kk_rows:
        if row.nik in heads:
            row.errors.append(Problem(row.line, labels["relationship"], "KEPALA KELUARGA",
                                      reason))


def _compare(rows: list[Staged], existing: _Existing, normaliser: _Normaliser,
             actor: Actor) -> _Diff:
    """Decide per row (new / update / unchanged / rejected) and collect the writes."""
    labels = {k: _label(normaliser, k) for k in
              ("nik", "no_kk", "name", "sex", "birth_date", "relationship")}
    labels["kelurahan"] = _label(normaliser, "kelurahan") or _label(normaliser,
                                                                     "kelurahan_code")
    live = [r for r in rows if r.status != DUPLICATE]
    for row in live:
        if not row.errors:
            _row_checks(row, existing, labels, actor)

    by_kk: dict[str, list[Staged]] = defaultdict(list)
    for row in live:
        if row.kk is not None:
            by_kk[row.kk].append(row)
    moved_out: dict[int, dict[str, str]] = defaultdict(dict)
    for kk_value, kk_rows in by_kk.items():
        _family_checks(kk_value, kk_rows, existing, labels, moved_out)

    # Someone moving to another KK must not leave a family behind without its head.
    for old_hid, leaving in moved_out.items():
        household = existing.by_id.get(old_hid)
        if household is None or household["no_kk"] in by_kk:
            continue
        remaining = {n: r for n, r in existing.family.get(old_hid, {}).items()
                     if n not in leaving}
        if remaining and "head" in leaving.values() and "head" not in remaining.values():
            for row in live:
                if leaving.get(row.nik) == "head":  # type: ignore[arg-type]
                    row.errors.append(Problem(
                        row.line, labels["no_kk"], row.kk or "",
                        f"Orang ini kepala keluarga No. KK {household['no_kk']} di register; "
                        "pindah KK akan meninggalkan keluarga itu tanpa kepala. Tetapkan "
                        "kepala keluarga baru di sana lebih dulu."))

    # A household is imported whole or not at all.
    for kk_value, kk_rows in by_kk.items():
        bad = [r for r in kk_rows if r.errors]
        if bad and len(bad) < len(kk_rows):
            lines = ", ".join(str(r.line) for r in bad[:5])
            for row in kk_rows:
                if not row.errors:
                    row.errors.append(Problem(row.line, labels["no_kk"], kk_value,
                                              f"Keluarga ini tidak diimpor karena baris {lines} "
                                              "dengan No. KK yang sama ditolak."))

    diff = _Diff(household_ids={kk: h["id"] for kk, h in existing.households.items()})
    mapped = [k for k in MEMBER_FIELDS if k in normaliser.columns and k != "nik"]
    for kk_value, kk_rows in by_kk.items():
        if kk_rows[0].errors:
            continue
        household = existing.households.get(kk_value)
        fields = kk_rows[0].household
        household_changed = False
        if household is None:
            diff.new_households[kk_value] = fields
        else:
            changes = {k: (household[k], v) for k, v in fields.items()
                       if not _same(k, household[k], v)}
            if changes:
                household_changed = True
                full = {k: household[k] for k in HOUSEHOLD_COLUMNS}
                full.update((k, v) for k, (_old, v) in changes.items())
                diff.changed_households[household["id"]] = full
                diff.household_changes[household["id"]] = changes
        first = True
        for row in kk_rows:
            row.status = _diff_member(row, kk_value, household, existing, mapped, diff)
            if row.status == UNCHANGED and household_changed and first:
                row.status = UPDATE
            first = False
    for row in live:
        if row.errors:
            row.status = REJECTED
    return diff


def _diff_member(row: Staged, kk_value: str, household: dict | None, existing: _Existing,
                 mapped: list[str], diff: _Diff) -> str:
    current = existing.members.get(row.nik)  # type: ignore[arg-type]
    if current is None and not row.extra:
        values = row.member  # read only: _write adds the derived columns to its own copy
    else:
        values = dict(row.member)
        values.update(row.extra)
    if current is None:
        diff.new_members.append((kk_value, values))
        return NEW
    if values.get("occupation") in STATE_APPARATUS_OCCUPATIONS:
        values["asn_tni_polri"] = True
    changes = {k: (current[k], v) for k, v in values.items()
               if k != "nik" and not _same(k, current[k], v)}
    moved = household is None or current["household_id"] != household["id"]
    if not changes and not moved:
        return UNCHANGED
    full = {k: current[k] for k in (*mapped, "asn_tni_polri")}
    full.update((k, v) for k, (_old, v) in changes.items())
    full["name_key"] = name_key(str(full["name"])) if "name" in full else None
    diff.changed_members[current["id"]] = (kk_value, full)
    diff.member_changes[current["id"]] = changes
    if moved:
        diff.moved_from[current["id"]] = current["household_id"]
    return UPDATE


# ------------------------------------------------------------------------- report


def _preview(rows: list[Staged], resolver: norm.RegionResolver) -> list[PreviewRow]:
    out = []
    for row in rows[:PREVIEW_ROWS]:
        values = {"nik": row.nik or "", "no_kk": row.kk or ""}
        for key, value in (*row.member.items(), *row.extra.items()):
            if key != "nik":
                values[key] = _display(key, value)
        for key, value in row.household.items():
            if key == "kelurahan_code":
                name = resolver.kelurahan.get(str(value), ("", ""))[0]
                values[key] = f"{value} {name}".strip()
            else:
                values[key] = _display(key, value)
        reasons = [p.reason for p in (*row.errors, *row.warnings)]
        out.append(PreviewRow(row.line, row.status, values, reasons))
    return out


def _fill_report(report: ImportReport, rows: list[Staged], diff: _Diff,
                 resolver: norm.RegionResolver) -> None:
    counts = report.counts
    counts.read = len(rows)
    counts.inserted = counts.updated = counts.unchanged = 0
    counts.rejected = counts.duplicates = 0
    problems: list[Problem] = []
    rejected: dict[int, list[object]] = {}
    for row in rows:
        status = row.status
        if status == REJECTED:
            counts.rejected += 1
            rejected[row.line] = row.cells
        elif status == DUPLICATE:
            counts.duplicates += 1
        elif status == NEW:
            counts.inserted += 1
        elif status == UPDATE:
            counts.updated += 1
        else:
            counts.unchanged += 1
        if row.errors:
            problems.extend(row.errors)
        if row.warnings:
            problems.extend(row.warnings)
    counts.households_inserted = len(diff.new_households)
    counts.households_updated = len(diff.changed_households)
    report.problems = problems
    report.rejected_cells = rejected
    report.preview = _preview(rows, resolver)


# ------------------------------------------------------------------------- writing

_NEW_HOUSEHOLD = ("no_kk", *HOUSEHOLD_COLUMNS)
_HOUSEHOLD_CONSTANTS = {"notes": "''", "version": "1", "created_at": bulk.NOW,
                        "updated_at": bulk.NOW}
_NEW_MEMBER = ("household_id", "nik", "name", "name_key", "sex", "birth_place", "birth_date",
               "relationship", "marital_status", "occupation", "education", "asn_tni_polri")
_MEMBER_CONSTANTS = {"chronic_illness": "FALSE", "pregnant": "FALSE",
                     "jkn_status": "'none'", "deceased": "FALSE", "version": "1",
                     "created_at": bulk.NOW, "updated_at": bulk.NOW}
_DEFAULTS = {"address": "", "rt": "", "rw": "", "birth_place": "", "asn_tni_polri": False}


def _insert(session: Session, diff: _Diff, reason: str, events: list[tuple], last_id: int,
            step: Callable[[int], None]) -> tuple[dict[str, int], dict[str, int], list[str]]:
    """New and changed households, then new members; returns (household id by KK, the
    households created, the NIKs of new members joining households already there)."""
    blank_household = {k: _DEFAULTS.get(k) for k in _NEW_HOUSEHOLD}
    pick_household = operator.itemgetter(*_NEW_HOUSEHOLD)
    new_items = list(diff.new_households.items())
    for chunk in bulk.chunks(new_items, bulk.WRITE_CHUNK):
        rows = []
        for kk, values in chunk:
            full = blank_household.copy()
            full.update(values)
            full["no_kk"] = kk
            rows.append(pick_household(full))
        bulk.insert_many(session, _households, _NEW_HOUSEHOLD, rows, _HOUSEHOLD_CONSTANTS)
        step(len(chunk))
    ids = dict(diff.household_ids)
    # New rows get ids above the previous highest; another session's rows are filtered out.
    wanted = diff.new_households
    created = {kk: hid for hid, kk in bulk.rows_above(session, _households, ("id", "no_kk"),
                                                       last_id)
               if kk in wanted} if wanted else {}
    ids.update(created)
    events.extend(("create", "household", str(hid), None, None, kk, reason)
                  for kk, hid in created.items())

    items = list(diff.changed_households.items())
    for chunk in bulk.chunks(items, bulk.WRITE_CHUNK):
        bulk.update_many(session, _households, HOUSEHOLD_COLUMNS, [
            (*(values[k] for k in HOUSEHOLD_COLUMNS), hid) for hid, values in chunk])
        step(len(chunk))
    for hid, changes in diff.household_changes.items():
        events.extend(("update", "household", str(hid), name, bulk.audit_text(old),
                       bulk.audit_text(new), reason) for name, (old, new) in changes.items())

    joining: list[str] = []  # new members of households already in the register
    blank_member = dict.fromkeys(_NEW_MEMBER)
    blank_member.update((k, v) for k, v in _DEFAULTS.items() if k in blank_member)
    pick = operator.itemgetter(*_NEW_MEMBER)
    with bulk.member_search_index(session):
        for chunk in bulk.chunks(diff.new_members, bulk.WRITE_CHUNK):
            rows = []
            for kk, values in chunk:
                full = blank_member.copy()
                full.update(values)
                full["household_id"] = ids[kk]
                full["name_key"] = name_key(str(full["name"]))
                if full["occupation"] in STATE_APPARATUS_OCCUPATIONS:
                    full["asn_tni_polri"] = True
                rows.append(pick(full))
                if kk not in created:
                    joining.append(values["nik"])  # type: ignore[arg-type]
            bulk.insert_many(session, _members, _NEW_MEMBER, rows, _MEMBER_CONSTANTS)
            step(len(chunk))
    return ids, created, joining


def _write(session: Session, actor: Actor, diff: _Diff, report: ImportReport,
           progress: Progress, cancelled: Cancelled) -> set[int]:
    """Bulk INSERT/UPDATE statements in chunks, then the audit events; returns the ids of
    the households whose own columns or members changed."""
    reason = f"impor {report.file_name}"
    total = (len(diff.new_households) + len(diff.changed_households) + len(diff.new_members)
             + len(diff.changed_members))
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if cancelled():
            raise _cancelled()
        progress(done, total)

    progress(0, total)
    _ensure_regions(session, {h["kelurahan_code"] for h in diff.new_households.values()}
                    | {h["kelurahan_code"] for h in diff.changed_households.values()})
    events: list[tuple] = []  # bulk.audit_many rows
    last_id = session.execute(select(func.coalesce(func.max(_households.c.id), 0))).scalar()
    existing = session.execute(select(func.count()).select_from(_members)).scalar() or 0
    with bulk.indexes_suspended(session, (_households.name, _members.name),
                                when=bulk.worth_suspending(len(diff.new_members), existing)):
        ids, _created, joining = _insert(session, diff, reason, events, last_id, step)
    for nik_value, mid in bulk.ids_for(session, _members.c.nik, joining,
                                       _members.c.id).items():
        events.append(("create", "member", str(mid), None, None, nik_value, reason))

    if diff.changed_members:
        keys = sorted({k for _kk, v in diff.changed_members.values() for k in v})
        items = list(diff.changed_members.items())
        for chunk in bulk.chunks(items, bulk.WRITE_CHUNK):
            bulk.update_many(session, _members, ("household_id", *keys), [
                (ids[kk], *(values.get(k) for k in keys), mid) for mid, (kk, values) in chunk])
            step(len(chunk))
        for mid, changes in diff.member_changes.items():
            events.extend(("update", "member", str(mid), name, bulk.audit_text(old),
                           bulk.audit_text(new), reason)
                          for name, (old, new) in changes.items())
        for mid, old_hid in diff.moved_from.items():
            kk = diff.changed_members[mid][0]
            events.append(("update", "member", str(mid), "household_id", str(old_hid),
                           str(ids[kk]), reason))
    # A household's version also rises when its members change (db/households.py).
    touched = {diff.household_ids[kk] for kk, _v in diff.new_members
               if kk in diff.household_ids}
    touched |= {ids[kk] for kk, _v in diff.changed_members.values()}
    touched |= set(diff.moved_from.values())
    bulk.touch(session, _households, touched - set(diff.changed_households))
    # The audit trail grows by one event per new family: 30,000 for a first import.
    audited = session.execute(select(func.coalesce(func.max(AuditEvent.id), 0))).scalar()
    with bulk.indexes_suspended(session, (AuditEvent.__tablename__,),
                                when=bulk.worth_suspending(len(events), audited or 0)):
        bulk.audit_many(session, actor, events)
    progress(total, total)
    # Households created by this write are not needed: no proposal can name them yet.
    return touched | set(diff.changed_households)


# ------------------------------------------------------------------------- public API


def _new_report(table: Table, mapping: Mapping) -> ImportReport:
    report = ImportReport(
        kind="households", file_name=table.file_name, sheet_name=table.sheet_name,
        header_row=table.header.row, header_depth=table.header.depth,
        columns=list(table.columns), mapping=mapping.to_json(),
    )
    report.counts.blank = table.blank_rows
    report.counts.repeated_headers = len(table.repeated_header_rows)
    return report


def _check_against(session: Session, actor: Actor, plan: ImportPlan, *, lock: bool,
                   cancelled: Cancelled) -> _Diff:
    """Compare the plan with the register as it is now and refresh the report."""
    for row in plan.rows:
        row.thaw()
    existing = _load_existing(session, plan.rows, lock=lock, cancelled=cancelled)
    diff = _compare(plan.rows, existing, plan.normaliser, actor)
    _fill_report(plan.report, plan.rows, diff, plan.resolver)
    return diff


def prepare(
    database: Database,
    actor: Actor,
    path: str | Path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    header_depth: int = 1,
    mapping: Mapping | None = None,
    table: Table | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    stage: StageCallback | None = None,
    today: dt.date | None = None,
    check_register: bool = True,
) -> ImportPlan:
    """Read and check a household file against the register without writing anything.

    Returns an :class:`ImportPlan` whose ``report`` has the counts (what would be new,
    changed, unchanged or rejected), every problem with its row and column, and a preview
    of the first rows as they will be stored. ``table`` may be passed when the caller has
    already read the sheet (the wizard). ``check_register=False`` stops after the file's
    own checks (:func:`execute` compares with the register in its transaction anyway).
    Raises :class:`~db.errors.SpreadsheetUnreadable` or :class:`~db.errors.MappingInvalid`
    for a file or a mapping that cannot be used.
    """
    permissions.require(actor, "register.import")
    with _bulk_work():
        return _prepare(database, actor, Path(path), sheet=sheet, header_row=header_row,
                        header_depth=header_depth, mapping=mapping, table=table,
                        progress=progress or _quiet, cancelled=cancelled or _never,
                        stage=stage, today=today, check_register=check_register)


def _prepare(database: Database, actor: Actor, path: Path, *, sheet: str | None,
             header_row: int | None, header_depth: int, mapping: Mapping | None,
             table: Table | None, progress: Progress, cancelled: Cancelled,
             stage: StageCallback | None, today: dt.date | None,
             check_register: bool) -> ImportPlan:
    if stage:
        stage(READING)
    if table is None:
        table = read_table(path, sheet, header_row=header_row, header_depth=header_depth,
                           fields=HOUSEHOLD_FIELDS)
    if cancelled():
        raise _cancelled()
    mapping = mapping if mapping is not None else suggest(table.columns, "households")
    with database.read() as session:
        resolver = region_resolver(session)
        regions = validation.load_region_index(session)
    normaliser = _Normaliser(table, mapping, resolver, today or dt.date.today())
    report = _new_report(table, mapping)
    if stage:
        stage(CHECKING)
    rows = _stage_rows(table, normaliser, report.counts, progress, cancelled)
    _cross_check(rows, normaliser)
    _region_checks(rows, normaliser, regions)
    for row in rows:
        row.freeze()
    plan = ImportPlan(report, mapping, rows, path, normaliser, resolver)
    if check_register:
        if stage:
            stage(COMPARING)
        with database.read() as session:
            _check_against(session, actor, plan, lock=False, cancelled=cancelled)
    return plan


def execute(
    database: Database,
    actor: Actor,
    plan: ImportPlan,
    *,
    valid_only: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    stage: StageCallback | None = None,
) -> ImportReport:
    """Write a checked plan in one transaction and return the final report.

    The comparison with the register is made again inside the write transaction (another
    operator may have saved since the check). Unless ``valid_only``, any rejected row
    raises :class:`~db.errors.ImportRejected` (carrying the report) with nothing written.
    A cancel raises :class:`~db.errors.ImportCancelled`, also with nothing written. The
    report's ``rechecked`` says how many households with an active proposal had their
    desk checks run again.
    """
    permissions.require(actor, "register.import")
    progress = progress or _quiet
    cancelled = cancelled or _never
    report = plan.report
    report.valid_only = valid_only
    with _bulk_work(), database.write() as session:
        if stage:
            stage(COMPARING)
        diff = _check_against(session, actor, plan, lock=True, cancelled=cancelled)
        if report.counts.rejected and not valid_only:
            raise ImportRejected(rejection_message(report), hint=REJECTION_HINT, report=report)
        if stage:
            stage(WRITING)
        changed = _write(session, actor, diff, report, progress, cancelled)
        rechecked = bulk.recheck_proposed(session, changed)
        c = report.counts
        audit.record(session, actor, "import", "households", None, new={
            "file": report.file_name, "sheet": report.sheet_name, "read": c.read,
            "inserted": c.inserted, "updated": c.updated, "unchanged": c.unchanged,
            "rejected": c.rejected, "households_inserted": c.households_inserted,
            "households_updated": c.households_updated, "valid_only": valid_only,
            "rechecked": rechecked,
        })
        if cancelled():
            raise _cancelled()
    report.written = True
    report.rechecked = rechecked
    return report


def import_households(
    database: Database,
    actor: Actor,
    path: str | Path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    header_depth: int = 1,
    mapping: Mapping | None = None,
    valid_only: bool = False,
    dry_run: bool = False,
    report_path: str | Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    stage: StageCallback | None = None,
) -> ImportReport:
    """Check and import a household file in one call (the CLI's ``import households``).

    With ``report_path`` the problems and rejected rows are written there as .xlsx, also
    when the import is refused. ``dry_run`` checks against the register without writing.
    """
    # One pause of the cycle collector for both steps, ended only after the staged rows
    # are gone: re-enabled while they live, its first pass walks every one of them.
    with _bulk_work():
        plan = prepare(database, actor, path, sheet=sheet, header_row=header_row,
                       header_depth=header_depth, mapping=mapping, progress=progress,
                       cancelled=cancelled, stage=stage, check_register=dry_run)
        report = plan.report
        try:
            if not dry_run:
                report = execute(database, actor, plan, valid_only=valid_only,
                                 progress=progress, cancelled=cancelled, stage=stage)
        except ImportRejected:
            if report_path is not None:
                write_rejects_xlsx(plan.report, report_path)
            raise
        finally:
            del plan
    if dry_run:
        if report_path is not None:
            write_rejects_xlsx(report, report_path)
        return report
    if report_path is not None:
        write_rejects_xlsx(report, report_path)
    return report
