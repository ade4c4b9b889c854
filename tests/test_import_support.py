"""Generators of import files for the import, export and GUI tests (and a self-check).

People get structurally valid, unique NIKs and KKs in Kecamatan Serang (36.73.01) with
birth dates and sexes that agree with their NIK; files are written as real .xlsx (openpyxl)
or CSV, with whatever mess a test adds on top.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from db.engine import Database
from db.models import AuditEvent, Household, Member, ReferenceEntry, ReferenceList
from db.nik import make_kk, make_nik

HEADER = ["NIK", "NO_KK", "NAMA", "JENIS_KELAMIN", "TEMPAT_LAHIR", "TGL_LAHIR",
          "HUB_KELUARGA", "PEKERJAAN", "ALAMAT", "RT", "RW", "KELURAHAN", "DESIL",
          "LATITUDE", "LONGITUDE"]
KELURAHAN = ["Cipare", "Sumur Pecung", "Kota Baru", "Lopang", "Cimuncang", "Unyur"]
ROLES = ["KEPALA KELUARGA", "ISTRI", "ANAK", "ANAK"]


def person(index: int, *, sex: str | None = None, kecamatan: str = "36.73.01") -> dict:
    """A person with a unique, valid NIK (index 0..9998 per birth date)."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=(index // 9999) * 37 + index % 97 * 113)
    sex = sex or ("L" if index % 2 == 0 else "P")
    return {"nik": make_nik(kecamatan, born, sex, index % 9999 + 1), "sex": sex,
            "born": born}


def family_rows(households: int, *, size: int = 3, start: int = 0) -> list[list[object]]:
    """Rows of HEADER: ``households`` families of ``size`` people each."""
    rows: list[list[object]] = []
    index = start * size
    for h in range(start, start + households):
        kk = make_kk("36.73.01", dt.date(2015, 1 + h % 12, 1 + h % 28), h % 9999 + 1)
        kelurahan = KELURAHAN[h % len(KELURAHAN)]
        for m in range(size):
            who = person(index, sex="L" if m == 0 else ("P" if m == 1 else None))
            rows.append([
                who["nik"], kk, f"WARGA {index}", who["sex"], "SERANG",
                who["born"].strftime("%d-%m-%Y"), ROLES[min(m, 3)], "PETANI",
                f"KP. SUKAMAJU NO {h}", f"{1 + h % 9:03d}", f"{1 + h % 4:03d}", kelurahan,
                1 + h % 10, round(-6.11 - h * 0.0001, 6), round(106.15 + h * 0.0001, 6)])
            index += 1
    return rows


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *,
               header: Sequence[str] = HEADER, sheet: str = "DTSEN",
               above: Sequence[Sequence[object]] = ()) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    for line in above:
        ws.append(list(line))
    if header:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]], *,
              header: Sequence[str] = HEADER, delimiter: str = ",",
              encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        if header:
            writer.writerow(header)
        writer.writerows(rows)
    return path


def snapshot(database: Database) -> dict[str, object]:
    """Counts and a checksum of what an import may touch, to prove nothing changed."""
    with database.read() as session:
        def count(model) -> int:  # type: ignore[no-untyped-def]
            return session.scalar(sa.select(sa.func.count()).select_from(model)) or 0

        versions = session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Household.version),
                                                             0)))
        return {
            "households": count(Household), "members": count(Member),
            "audit": count(AuditEvent), "lists": count(ReferenceList),
            "entries": count(ReferenceEntry), "household_versions": versions,
        }


def test_generated_people_are_valid_and_unique():
    from db.nik import parse_nik

    rows = family_rows(400, size=4)
    niks = [r[0] for r in rows]
    assert len(set(niks)) == len(niks)
    for row in rows[:200]:
        parts = parse_nik(row[0])
        born = dt.datetime.strptime(row[5], "%d-%m-%Y").date()
        assert (parts.birth_day, parts.birth_month) == (born.day, born.month)
        assert parts.sex == row[3]
