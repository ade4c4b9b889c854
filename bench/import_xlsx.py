"""Household import benchmark: a 100,000-row, 15-column .xlsx into an empty register.

Per run, on one machine state, in this order: python-calamine alone reads the file (the
baseline: nothing can import faster than the file can be read), then ``tepat import
households`` runs the whole pipeline into a new, empty SQLite file (read, normalise,
check, compare, write in one transaction), then the same file is imported again into
that register (every row found unchanged). Figures (medians):

* ``import_xlsx.calamine_read`` — the baseline;
* ``import_xlsx.first_import`` — with its ratio to the baseline; target ≤ 3×;
* ``import_xlsx.reimport`` — with its ratio to the first import; target ≤ 1×;
* ``import_xlsx.first_import.postgresql`` — the same on PostgreSQL when ``--postgres``.

The file (15 columns: NIK, NO_KK, NAMA, JENIS_KELAMIN, TEMPAT_LAHIR, TGL_LAHIR,
HUB_KELUARGA, PEKERJAAN, ALAMAT, RT, RW, KELURAHAN, DESIL, LATITUDE, LONGITUDE; ~3.2
people per family) is generated once per run of the benchmark with openpyxl.

Run: ``python -m bench import_xlsx [--runs N]`` or ``python bench/import_xlsx.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROWS = 100_000
HEADER = ["NIK", "NO_KK", "NAMA", "JENIS_KELAMIN", "TEMPAT_LAHIR", "TGL_LAHIR",
          "HUB_KELUARGA", "PEKERJAAN", "ALAMAT", "RT", "RW", "KELURAHAN", "DESIL",
          "LATITUDE", "LONGITUDE"]
_OCCUPATIONS = ["PETANI/PEKEBUN", "BURUH HARIAN LEPAS", "WIRASWASTA", "MENGURUS RUMAH TANGGA",
                "PELAJAR/MAHASISWA", "BELUM/TIDAK BEKERJA", "PEDAGANG", "KARYAWAN SWASTA"]
_PLACES = ["SERANG", "PANDEGLANG", "LEBAK", "TANGERANG", "CILEGON", "JAKARTA"]


def write_file(path: Path, rows: int = ROWS, seed: int = 7) -> int:
    """The benchmark workbook: ``rows`` people in families; returns the family count."""
    from openpyxl import Workbook

    from db.nik import make_kk, make_nik
    from db.regions import kota_serang_codes

    rng = random.Random(seed)
    kelurahan = [n for c, n in kota_serang_codes() if c.startswith("36.73.01.")]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("DTSEN")
    sheet.append(HEADER)
    written = families = 0
    while written < rows:
        families += 1
        kk = make_kk("36.73.01", dt.date(2005 + families // 9999 % 18, 1 + families % 12,
                                         1 + families % 28), families % 9999 + 1)
        size = rng.choice((1, 2, 3, 3, 4, 4, 5))
        place = (rng.choice(kelurahan), rng.randint(1, 15), rng.randint(1, 8),
                 rng.randint(1, 10), -6.08 - rng.random() * 0.08, 106.12 + rng.random() * 0.08)
        for member in range(size):
            if written >= rows:
                break
            sex = "L" if member == 0 else ("P" if member == 1 else rng.choice("LP"))
            # (day offset, serial) is unique per person, so every NIK is.
            born = dt.date(1950, 1, 1) + dt.timedelta(days=written // 9999 * 401
                                                      + rng.randint(0, 400))
            born = born.replace(day=min(born.day, 28))
            relationship = ("KEPALA KELUARGA", "ISTRI")[member] if member < 2 else "ANAK"
            sheet.append([
                make_nik("36.73.01", born, sex, written % 9999 + 1), kk, f"WARGA {written}",
                sex, rng.choice(_PLACES), born, relationship, rng.choice(_OCCUPATIONS),
                f"KP. SUKAMAJU NO {families % 300}", f"{place[1]:03d}", f"{place[2]:03d}",
                place[0], place[3], round(place[4], 6), round(place[5], 6)])
            written += 1
    book.save(path)
    return families


def calamine_read(path: Path) -> float:
    """Seconds python-calamine alone takes to turn the sheet into Python values."""
    import python_calamine

    gc.collect()
    started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    elapsed = time.perf_counter() - started
    assert len(rows) == ROWS + 1
    return elapsed


def _import(url: str, path: Path) -> tuple[float, object, dict[str, float]]:
    from db import schema
    from db.actor import demo_admin
    from db.engine import open_database
    from db.imports.households import import_households

    database = open_database(url)
    try:
        schema.upgrade(database, backup=False)
        with database.read() as session:
            actor = demo_admin(session)
        gc.collect()
        marks: list[tuple[str, float]] = []
        started = time.perf_counter()
        report = import_households(database, actor, path, stage=lambda name: marks.append(
            (name, time.perf_counter())))
        ended = time.perf_counter()
        # Where the time went: each stage until the next one began (the last until return).
        times = [t for _n, t in marks] + [ended]
        stages = {name: times[i + 1] - t for i, (name, t) in enumerate(marks)}
        return ended - started, report, stages
    finally:
        database.dispose()


def run(args: argparse.Namespace) -> None:
    from bench.common import emit, note, scratch_postgres, scratch_sqlite

    runs = getattr(args, "repeat", None) or 3
    with tempfile.TemporaryDirectory(prefix="tepat-bench-import-") as folder:
        path = Path(folder) / "dtsen-100000.xlsx"
        started = time.perf_counter()
        families = write_file(path)
        note(f"{ROWS} rows in {families} families written in "
             f"{time.perf_counter() - started:.0f} s")
        reads, firsts, agains = [], [], []
        for _ in range(runs):
            reads.append(calamine_read(path))
            with scratch_sqlite() as url:
                seconds, report, spent = _import(url, path)
                counts = report.counts  # type: ignore[attr-defined]
                assert counts.inserted == ROWS and counts.rejected == 0, counts
                firsts.append(seconds)
                stages = ", ".join(f"{name} {took:.2f}" for name, took in spent.items())
                seconds, report, _spent = _import(url, path)
                counts = report.counts  # type: ignore[attr-defined]
                assert counts.unchanged == ROWS and counts.inserted == 0, counts
                agains.append(seconds)
            note(f"run {len(reads)}: read {reads[-1]:.2f} s, first import {firsts[-1]:.2f} s "
                 f"({firsts[-1] / reads[-1]:.2f}x: {stages}), re-import {agains[-1]:.2f} s")
        baseline = emit("import_xlsx.calamine_read", reads, "s")
        first = emit("import_xlsx.first_import", firsts, "s", baseline=baseline["value"],
                     target="<= 3x baseline (calamine_read)")
        emit("import_xlsx.reimport", agains, "s", baseline=first["value"],
             target="<= 1x baseline (first_import)")
        if getattr(args, "postgres", None):
            pg = []
            for _ in range(runs):
                with scratch_postgres(args.postgres) as url:
                    pg.append(_import(url, path)[0])
            emit("import_xlsx.first_import.postgresql", pg, "s", baseline=baseline["value"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", "--repeat", dest="repeat", type=int, default=3)
    parser.add_argument("--postgres", metavar="URL")
    run(parser.parse_args())
