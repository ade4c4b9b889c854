"""Letter numbers: the template, the yearly counter, and no duplicate or gap under contention."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import func, select

from db import letters, settings
from db.errors import LetterRefused
from db.models import Letter, LetterCounter, Period, Program

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("month", "roman"), [(1, "I"), (4, "IV"), (9, "IX"), (12, "XII")])
def test_month_in_roman(month: int, roman: str) -> None:
    assert letters.roman_month(month) == roman


def test_number_from_template() -> None:
    number = letters.format_number("{classification}/{seq:03}/{unit}/{month_roman}/{year}",
                                   seq=7, day=dt.date(2025, 4, 10), classification="400.9",
                                   unit="Kec.Srg")
    assert number == "400.9/007/Kec.Srg/IV/2025"
    assert letters.format_number("460/{seq}/{year}", seq=123, day=dt.date(2024, 1, 2),
                                 classification="", unit="") == "460/123/2024"


@pytest.mark.parametrize(("template", "expected"), [
    ("{classification}/{seq:03}/{unit}", "{year}"),
    ("400.9/{unit}/{year}", "{seq}"),
    ("400.9/{seq}/{nomor}/{year}", "{nomor}"),
    ("400.9/{seq/{year}", "tidak dapat dibaca"),
    ("400.9/{seq:xyz}/{year}", "tidak dapat dipakai"),
])
def test_a_template_that_could_repeat_or_break_is_refused(template: str, expected: str) -> None:
    with pytest.raises(LetterRefused, match=expected.replace("{", r"\{").replace("}", r"\}")):
        letters.check_template(template)


def test_counter_counts_per_year_and_rolls_back_with_the_transaction(database) -> None:
    with database.write() as session:
        assert [letters.next_sequence(session, "k", 2025) for _ in range(3)] == [1, 2, 3]
        assert letters.next_sequence(session, "k", 2026) == 1
        assert letters.next_sequence(session, "other", 2025) == 1

    class Boom(Exception):
        pass

    with pytest.raises(Boom), database.write() as session:
        assert letters.next_sequence(session, "k", 2025) == 4
        raise Boom
    with database.write() as session:
        # The rolled-back 4 was never used: the next letter gets it.
        assert letters.next_sequence(session, "k", 2025) == 4
        rows = {(r.counter_key, r.year): r.last_seq for r in session.scalars(select(LetterCounter))}
    assert rows == {("k", 2025): 4, ("k", 2026): 1, ("other", 2025): 1}


def test_a_failing_render_uses_no_number(database, actor) -> None:
    period = _rekap_period(database)

    def broken(_numbered: letters.Numbered) -> letters.Rendered:
        raise RuntimeError("printer on fire")

    with pytest.raises(RuntimeError), database.write() as session:
        letters.issue(session, actor, letter_type_code="rekap", period_id=period,
                      proposal_ids=(), render=broken, issued_on=dt.date(2025, 4, 10))
    with database.write() as session:
        row = letters.issue(session, actor, letter_type_code="rekap", period_id=period,
                            proposal_ids=(), render=_tiny, issued_on=dt.date(2025, 4, 10))
    assert row.number == "400.9/001/Kec.Srg/IV/2025"
    assert row.sha256 and row.size_bytes > 0


def test_template_setting_is_used_and_checked_before_a_number_is_taken(database, actor) -> None:
    period = _rekap_period(database)
    with database.write() as session:
        settings.update(session, actor, {"letters.number_template": "470/{seq:04}/{unit}"})
    with pytest.raises(LetterRefused, match="year"), database.write() as session:
        letters.issue(session, actor, letter_type_code="rekap", period_id=period,
                      proposal_ids=(), render=_tiny)
    with database.write() as session:
        settings.update(session, actor, {"letters.number_template": "470/{seq:04}/{unit}/{year}",
                                         "letters.unit_code": "Kec.Srg"})
        row = letters.issue(session, actor, letter_type_code="rekap", period_id=period,
                            proposal_ids=(), render=_tiny, issued_on=dt.date(2025, 1, 5))
        assert session.scalar(select(func.count()).select_from(LetterCounter)) == 1
    assert row.number == "470/0001/Kec.Srg/2025"


def _tiny(numbered: letters.Numbered) -> letters.Rendered:
    """A real, tiny PDF carrying the number: the concurrency tests need speed, not layout."""
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, numbered.number)
    canvas.save()
    return letters.Rendered(out.getvalue(), "Kepala Dinas Sosial Kota Serang", "Rekapitulasi")


def _rekap_period(database) -> int:  # type: ignore[no-untyped-def]
    with database.write() as session:
        program = session.scalar(select(Program).where(Program.code == "pbi-jk"))
        period = Period(program_id=program.id, name="PBI uji", year=2025)
        session.add(period)
        session.flush()
        return period.id


WORKER = textwrap.dedent("""
    import datetime as dt, io, sys, time
    from reportlab.pdfgen.canvas import Canvas
    from db import letters
    from db.actor import demo_admin
    from db.engine import open_database

    url, period, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    database = open_database(url)
    with database.read() as session:
        actor = demo_admin(session)

    def render(numbered):
        out = io.BytesIO()
        canvas = Canvas(out)
        canvas.drawString(72, 720, numbered.number)
        canvas.save()
        return letters.Rendered(out.getvalue(), "Kepala Dinas", "Rekapitulasi")

    print("ready", flush=True)
    sys.stdin.readline()  # both processes start together
    started = time.time()
    numbers = []
    for _ in range(count):
        with database.write() as session:
            row = letters.issue(session, actor, letter_type_code="rekap", period_id=period,
                                proposal_ids=(), render=render,
                                issued_on=dt.date(2025, 4, 10))
        numbers.append(row.number)
    print("\\n".join(numbers), flush=True)
    print("window", started, time.time(), flush=True)
""")


def test_two_processes_issuing_200_letters_each_get_every_number_once(database) -> None:
    period = _rekap_period(database)
    url = database.url.render_as_string(hide_password=False)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, url, str(period), "200"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=env, cwd=ROOT)
        for _ in range(2)
    ]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outputs = [worker.communicate(timeout=300) for worker in workers]
    for worker, (_out, err) in zip(workers, outputs):
        assert worker.returncode == 0, err
    lines = [out.splitlines() for out, _ in outputs]
    got = [line for worker_lines in lines for line in worker_lines if "/" in line]
    assert len(got) == 400
    expected = {f"400.9/{n:03d}/Kec.Srg/IV/2025" for n in range(1, 401)}
    assert set(got) == expected  # nothing duplicated, nothing skipped
    # Both processes were issuing at the same time (SQLite's lock is not fair, so one may
    # win most turns; what matters is that they competed and still never collided).
    (a_start, a_end), (b_start, b_end) = (
        tuple(float(x) for x in next(l for l in worker_lines if l.startswith("window")).split()[1:])
        for worker_lines in lines
    )
    assert a_start < b_end and b_start < a_end
    with database.read() as session:
        seqs = sorted(session.scalars(select(Letter.seq)))
        counter = session.scalar(select(LetterCounter.last_seq))
    assert seqs == list(range(1, 401)) and counter == 400
