"""Letters and checklists benchmark.

Figures (medians, one JSON object per line):

* ``letter.build_and_sign_10k`` — a usulan letter with a 10,000-row attachment, laid out
  and signed (PAdES, visible stamp). Baseline, measured in the same loop and alternating
  with it: reportlab building one plain 10,000-row ``Table`` with ``repeatRows=1`` (same
  rows, same embedded font and size, a grid). Targets: ≤ 3 s and ≤ 0.5 × the baseline.
* ``letter.build_10k`` and ``letter.sign_10k`` — the two parts of the figure above.
* ``checklist.500`` — 500 field checklists (one page per household) in one PDF; ≤ 15 s.
* ``letter.issue_db_2000`` — a whole issuance through the database (SQLite file): 2,000
  approved proposals checked, numbered, built, registered and moved to "in a letter".

Rows are synthetic but shaped like the register: names and addresses of varying length
(some wrap in their cells), sixteen-digit NIK and No. KK, RT/RW, kelurahan names.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import io
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import emit, note

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wilayah"
GIVEN = ("SITI", "NUR", "AHMAD", "MUHAMMAD", "RATU", "ENENG", "DEDE", "ASEP", "HJ.", "UJANG",
         "IIS", "ROHAYATI", "SUPRIATNA", "KHOLIFAH", "NURHALIMAH", "ABDURRAHMAN")
PLACES = ("Cipare", "Sumur Pecung", "Kota Baru", "Lopang", "Cimuncang", "Unyur", "Sukawana",
          "Kagungan", "Lontarbaru", "Kaligandu", "Terondol", "Serang")


def _report(metric: str, samples: list[float], unit: str = "s", *,
            baseline: list[float] | None = None, target: str | None = None) -> None:
    base = statistics.median(baseline) if baseline is not None else None
    emit(metric, samples, unit, baseline=base, target=target)


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def attachment_rows(count: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        name = " ".join(rng.choice(GIVEN) for _ in range(rng.randint(2, 5)))
        address = (f"{rng.choice(('Kp.', 'Jl.', 'Perum', 'Lingk.'))} "
                   f"{rng.choice(PLACES)} Gg. {rng.choice(GIVEN).title()} No. {rng.randint(1, 300)}"
                   + (" Blok " + rng.choice("ABCDEFG") + str(rng.randint(1, 40))
                      if rng.random() < 0.4 else ""))
        nik = (f"3673{rng.randint(10, 69):02d}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}"
               f"{rng.randint(50, 99):02d}{rng.randint(1, 9999):04d}")
        rows.append([str(i + 1), nik, f"36730{rng.randint(1, 6)}{rng.randint(10**9, 10**10 - 1)}", name, address,
                     f"{rng.randint(1, 15):03d}/{rng.randint(1, 9):03d}", rng.choice(PLACES),
                     f"Desil {rng.randint(1, 5)}"])
    return rows


def _document(rows: list[list[str]], e_signature):  # type: ignore[no-untyped-def]
    from reports.attachment import TableSpec
    from reports.letter import LetterDocument, TableSection, from_settings
    from reports.letters import ATTACHMENT_COLUMNS
    from reports.templates import PLACEHOLDERS, bundled, parse, render
    from tests.letter_data import OFFICE, emblem_png

    head, signatory = from_settings(dict(OFFICE, **{
        "letterhead.emblem_png_base64": base64.b64encode(emblem_png()).decode()}))
    values = {k: k for k in PLACEHOLDERS} | {"count": f"{len(rows)}"}
    words = render(parse("usulan-pbi", bundled("usulan-pbi")), values)
    return LetterDocument(
        letterhead=head, signatory=signatory, place="Serang", issued_on=dt.date(2025, 4, 10),
        number="400.9/123/Kec.Srg/IV/2025", nature=words.nature, attachment=words.attachment,
        subject=words.subject, addressee=words.addressee, addressee_place=words.addressee_place,
        paragraphs=words.paragraphs, copies=words.copies,
        sections=(TableSection("DAFTAR USULAN CALON PENERIMA PBI-JK", "Periode uji",
                               TableSpec(ATTACHMENT_COLUMNS, rows)),),
        e_signature=e_signature,
    )


def _baseline(rows: list[list[str]]) -> bytes:
    """The plain way: one reportlab Table of every row, header repeated by reportlab."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from reports import fonts

    out = io.BytesIO()
    table = Table([["No", "NIK", "No. KK", "Nama", "Alamat", "RT/RW", "Kelurahan", "Keterangan"],
                   *rows], repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.register(), 7.5),
                               ("GRID", (0, 0), (-1, -1), 0.45, colors.black)]))
    SimpleDocTemplate(out, pagesize=A4).build([table])
    return out.getvalue()


def _checklist_batch(count: int):  # type: ignore[no-untyped-def]
    from shapely.geometry import box, shape

    from reports.checklist import ChecklistBatch, ChecklistHousehold, ProposedPerson

    area, neighbours = box(106.14, -6.13, 106.16, -6.11), {}
    path = SHARED / "36.73-kota-serang-kelurahan.geojson"
    if path.exists():
        features = json.loads(path.read_text("utf-8"))["features"]
        polygons = {f["properties"]["kode"]: shape(f["geometry"]) for f in features}
        code = sorted(polygons)[1]
        area = polygons.pop(code)
        neighbours = polygons
    rng = random.Random(3)
    min_x, min_y, max_x, max_y = area.bounds
    houses = []
    for i in range(count):
        rows = attachment_rows(1, seed=i)[0]
        houses.append(ChecklistHousehold(
            household_id=i + 1, no_kk=rows[2], head_name=rows[3], head_nik=rows[1],
            address=rows[4], rt=f"{i % 12 + 1:03d}", rw=f"{i // 60 + 1:03d}",
            longitude=rng.uniform(min_x, max_x), latitude=rng.uniform(min_y, max_y),
            members_recorded=rng.randint(1, 7), unit="household" if i % 3 else "person",
            periods=("RTLH CSR 2025",), officer="Petugas Lapangan",
            proposals=(ProposedPerson(1000 + i, "Rehabilitasi Rumah Tidak Layak Huni",
                                      "household" if i % 3 else "person", rows[3], rows[1]),),
        ))
    return ChecklistBatch("PEMERINTAH KOTA SERANG", "KECAMATAN SERANG", "Serang",
                          "36.73.01.1002", "Cipare", area, neighbours, tuple(houses))


def _issue_through_database(count: int) -> float:
    from db import schema
    from db.actor import demo_admin
    from db.engine import open_database
    from reports.letters import LetterRequest, issue_letter
    from tests.letter_data import configure_office, seed

    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite:///{folder}/bench.sqlite3")
        schema.upgrade(database, backup=False)
        with database.read() as session:
            actor = demo_admin(session)
        configure_office(database, actor)
        data = seed(database, households=count // 2, members=2)
        seconds = _time(lambda: issue_letter(database, actor,
                                             LetterRequest("usulan-pbi", data.pbi_period)))
        database.dispose()
    return seconds


def run(args: argparse.Namespace | None = None) -> None:
    """Print one JSON object per figure (metric, value, unit, baseline, ratio, n)."""
    repeat = getattr(args, "repeat", None) or 3
    rows_count = getattr(args, "rows", None) or 10_000
    from reports import checklist, fonts, signing
    from reports.letter import ElectronicSignature, build_letter

    fonts.register()
    p12 = signing.create_office_certificate(name="Drs. H. AHMAD SUBAGJA, M.Si.",
                                            nip="197503122000031002", office="Kecamatan Serang",
                                            passphrase="bench-rahasia")
    signer = signing.load_signer(p12, "bench-rahasia")
    rows = attachment_rows(rows_count)
    document = _document(rows, ElectronicSignature(signer.info.label, "TEPAT SURAT"))
    build_letter(_document(rows[:200], None))  # warm the font caches and imports

    ours, builds, signs, baseline = [], [], [], []
    pages = 0
    for _ in range(repeat):
        start = time.perf_counter()
        built = build_letter(document)
        middle = time.perf_counter()
        signing.sign_pdf(built.pdf, signer, built.signature_box, number=document.number,
                         issued_on=document.issued_on, nip="197503122000031002", place="Serang")
        end = time.perf_counter()
        builds.append(middle - start)
        signs.append(end - middle)
        ours.append(end - start)
        pages = built.pages
        baseline.append(_time(lambda: _baseline(rows)))
    note(f"{rows_count} attachment rows on {pages} pages")
    _report(f"letter.build_and_sign_{rows_count // 1000}k", ours, baseline=baseline,
            target="<= 3 s and <= 0.5 x baseline")
    _report(f"letter.build_{rows_count // 1000}k", builds)
    _report(f"letter.sign_{rows_count // 1000}k", signs)

    households = getattr(args, "checklists", None) or 500
    batch = _checklist_batch(households)
    samples = [_time(lambda: checklist.build_checklists(batch)) for _ in range(repeat)]
    _report(f"checklist.{households}", samples, target="<= 15 s")

    proposals = getattr(args, "db_proposals", None) or 2000
    _report(f"letter.issue_db_{proposals}", [_issue_through_database(proposals)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--checklists", type=int, default=500)
    parser.add_argument("--db-proposals", type=int, default=2000)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
