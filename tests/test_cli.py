"""The headless CLI: exit codes, plain and JSON output, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.cli import main
from db.engine import sqlite_url

REPO = Path(__file__).resolve().parents[1]


def test_stats_json_on_a_new_database(tmp_path, capsys):
    url = sqlite_url(tmp_path / "baru.sqlite3")
    assert main(["--database", url, "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"kecamatan": 0, "kelurahan": 0, "households": 0, "members": 0, "proposals": 0}


def test_db_upgrade_then_status(database_url, capsys):
    assert main(["--database", database_url, "db", "upgrade"]) == 0
    assert "Skema diperbarui" in capsys.readouterr().out
    assert main(["--database", database_url, "db", "upgrade"]) == 0
    assert "sudah terbaru" in capsys.readouterr().out
    assert main(["--database", database_url, "db", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["up_to_date"] is True and status["current"] == status["head"]


def test_corrupt_database_gives_one_clear_line_and_exit_1(tmp_path):
    bad = tmp_path / "rusak.sqlite3"
    bad.write_text("bukan basis data")
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--database", sqlite_url(bad), "stats"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tepat: galat:")
    assert "bukan basis data SQLite" in lines[0]
    assert bad.read_text() == "bukan basis data"


def test_unreachable_postgres_exits_1():
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--database",
         "postgresql+psycopg://postgres@127.0.0.1:1/tepat", "stats", "--json"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert out.returncode == 1 and out.stdout == ""
    assert "tidak menjawab" in out.stderr


def test_unknown_command_is_a_usage_error(capsys):
    try:
        main(["terbang"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("argparse should have refused the command")
    assert "invalid choice" in capsys.readouterr().err


def test_demo_takes_proposals_through_a_letter_and_the_dinas_answer(database_url, capsys):
    """`tepat demo` fills the queue in every state, through a real issued letter (with a
    demo letterhead where the office has none) to the Dinas's acceptance and refusal."""
    from sqlalchemy import func, select

    from db import settings
    from db.engine import open_database
    from db.models import Letter, Proposal

    assert main(["--database", database_url, "demo", "--households", "300"]) == 0
    capsys.readouterr()
    database = open_database(database_url)
    try:
        with database.read() as session:
            states = dict(session.execute(
                select(Proposal.state, func.count()).group_by(Proposal.state)).all())
            letters = session.execute(select(Letter.status, Letter.pdf)).all()
            office = settings.get_all(session)
    finally:
        database.dispose()
    assert {"in_letter", "accepted", "declined", "approved"} <= set(states)
    (letter,) = letters
    assert letter.status == "issued" and letter.pdf.startswith(b"%PDF")
    assert "DEMO" in office["signatory.name"] and office["letterhead.emblem_png_base64"]
