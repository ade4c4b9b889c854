"""Personal data: masked NIKs, purpose-bound columns, audited exports and prints, and the
audit viewer's search and CSV export, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from sqlalchemy import func, select

from db import audit, auth, backup, privacy, users
from db.actor import Actor, load_actor
from db.engine import Database, sqlite_url
from db.errors import BackupFailed, PermissionDenied, ValidationFailed
from db.models import AuditEvent

NIK = "3673015205800001"
MASKED = "3673********0001"
OPERATOR = Actor(11, "staf", frozenset({"operator"}))
REVIEWER = Actor(12, "peninjau", frozenset({"reviewer"}))
SIGNATORY = Actor(13, "camat", frozenset({"signatory"}))
OFFICER = Actor(14, "lapangan", frozenset({"field_officer"}))
ADMIN = Actor(15, "kepala", frozenset({"admin"}))

PERSON = {
    "no": 1, "nik": NIK, "no_kk": "3673010203150001", "name": "Siti Aminah",
    "address": "Jl. Ki Mas Jong No. 5", "rt_rw": "001/002", "kelurahan": "Cipare",
    "remark": "RTLH", "sex": "P", "birth_date": dt.date(1980, 5, 12), "desil": 2,
    # Never part of any printout or export below: income and health.
    "income_bracket": "under_1m", "chronic_illness": True, "jkn_status": "none",
}


@pytest.fixture
def people(database: Database, actor: Actor, monkeypatch) -> dict[str, Actor]:
    """Real users (audit rows refer to them) with the same names and roles as above."""
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024,
                                                       parallelism=1))
    made = {}
    with database.write() as session:
        for template in (OPERATOR, REVIEWER, SIGNATORY, OFFICER, ADMIN):
            users.add_user(session, actor, template.username, "kopi-pagi-7",
                           roles=sorted(template.roles))
            made[template.username] = load_actor(session, template.username)
    return made


def _out(tmp_path: Path) -> Path:
    """An empty folder for exports (the SQLite database and its WAL live in tmp_path)."""
    folder = tmp_path / "keluar"
    folder.mkdir()
    return folder


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads names right"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _audit(database: Database, action: str | None = None) -> list:
    with database.read() as session:
        query = select(*AuditEvent.__table__.c).order_by(AuditEvent.id)
        if action:
            query = query.where(AuditEvent.action == action)
        return list(session.execute(query))


# ------------------------------------------------------------------ masking and columns


@pytest.mark.parametrize("actor, shown", [
    (OPERATOR, NIK), (OFFICER, NIK), (REVIEWER, MASKED), (SIGNATORY, MASKED), (ADMIN, MASKED),
])
def test_nik_shown_only_to_roles_that_need_it(actor: Actor, shown: str):
    assert privacy.show_nik(actor, NIK) == shown
    assert privacy.show_kk(actor, "3673010203150001") == (
        "3673010203150001" if shown == NIK else "3673********0001")
    assert privacy.show_nik(actor, None) == ""


def test_a_purpose_carries_only_its_columns():
    [row] = privacy.project(SIGNATORY, "letter_attachment", [PERSON])
    # The Dinas matches on NIK: the attachment carries full numbers whoever prints it.
    assert row == ["1", NIK, "3673010203150001", "Siti Aminah", "Jl. Ki Mas Jong No. 5",
                   "001/002", "Cipare", "RTLH"]
    assert privacy.purpose("letter_attachment").keys == (
        "no", "nik", "no_kk", "name", "address", "rt_rw", "kelurahan", "remark")
    [listed] = privacy.project(REVIEWER, "proposal_list", [PERSON | {"program": "RTLH"}])
    assert listed == ["1", "RTLH", MASKED, "Siti Aminah", "Cipare", "", ""]
    [recap] = privacy.project(ADMIN, "recap", [PERSON | {"households": 40}])
    assert recap == ["Cipare", "40", "", ""]
    for code, p in privacy.PURPOSES.items():
        assert not {"income_bracket", "chronic_illness", "jkn_status"} & set(p.keys), code
    with pytest.raises(KeyError, match="PURPOSES"):
        privacy.project(ADMIN, "everything", [PERSON])


# ------------------------------------------------------------------ exports and prints


def test_export_writes_purpose_columns_and_is_audited(database: Database, people, tmp_path: Path):
    rows = [PERSON, PERSON | {"name": "=HYPERLINK(\"http://x\",\"klik\")", "nik": "+62123"},
            PERSON | {"name": "@SUM(A1)", "address": "-1"}]
    target = _out(tmp_path) / "register.csv"
    with database.write() as session:
        result = privacy.export_csv(session, people["staf"], "register_export", rows, target,
                                    description="Kelurahan Cipare")
    assert result.rows == 3 and result.path == target
    table = _read_csv(target)
    assert table[0] == ["No. KK", "NIK", "Nama", "L/P", "Tanggal lahir", "Hubungan", "Alamat",
                        "RT/RW", "Kelurahan", "Desil"]
    assert table[1] == ["3673010203150001", NIK, "Siti Aminah", "P", "1980-05-12", "",
                        "Jl. Ki Mas Jong No. 5", "001/002", "Cipare", "2"]
    # Spreadsheet formulas arrive as text, not as something Excel would run.
    assert table[2][2] == "'=HYPERLINK(\"http://x\",\"klik\")" and table[2][1] == "'+62123"
    assert table[3][2] == "'@SUM(A1)" and table[3][6] == "'-1"
    [event] = _audit(database, "export")
    assert (event.username, event.entity, event.field, event.new_value) == (
        "staf", "register_export", "file", "register.csv")
    assert event.reason.startswith("Ekspor register: 3 baris; kolom No. KK, NIK, Nama")
    assert event.reason.endswith("; Kelurahan Cipare")
    assert [p.name for p in target.parent.iterdir()] == ["register.csv"]


def test_export_masks_numbers_for_roles_without_them(database: Database, people, tmp_path: Path):
    with database.write() as session:
        privacy.export_csv(session, people["peninjau"], "proposal_list", [PERSON],
                           tmp_path / "u.csv")
    assert _read_csv(tmp_path / "u.csv")[1][2] == MASKED


def test_refused_or_failed_exports_leave_nothing(database: Database, people, tmp_path: Path):
    target = _out(tmp_path) / "register.csv"
    with database.write() as session, pytest.raises(PermissionDenied) as err:
        privacy.export_csv(session, people["peninjau"], "register_export", [PERSON], target)
    assert err.value.message == "Pengguna 'peninjau' tidak berhak mengekspor data keluarga."

    def broken():
        yield PERSON
        raise OSError("disk penuh")

    with pytest.raises(OSError), database.write() as session:
        privacy.export_csv(session, people["staf"], "register_export", broken(), target)
    # A read session would drop the audit row with its rollback: refused outright.
    with database.read() as session, pytest.raises(RuntimeError, match="database.write"):
        privacy.export_csv(session, people["staf"], "register_export", [PERSON], target)
    assert list(target.parent.iterdir()) == []
    assert _audit(database, "export") == []


def test_prints_are_audited(database: Database, people):
    with database.write() as session:
        privacy.record_print(session, people["camat"], "letter_attachment", 120,
                             what="Lampiran 400.9/12/Kec.Srg/IV/2025", reference=7)
        privacy.record_print(session, people["lapangan"], "field_checklist", 1,
                             what="Daftar periksa")
        with pytest.raises(PermissionDenied):
            privacy.record_print(session, people["kepala"], "field_checklist", 1)
    events = _audit(database, "print")
    assert [(e.username, e.entity, e.entity_id, e.new_value) for e in events] == [
        ("camat", "letter_attachment", "7", "Lampiran 400.9/12/Kec.Srg/IV/2025"),
        ("lapangan", "field_checklist", None, "Daftar periksa"),
    ]
    assert events[0].reason.startswith("Lampiran surat usulan: 120 baris")


# ------------------------------------------------------------------ audit viewer


@pytest.fixture
def trail(database: Database, people) -> Database:
    """A small audit trail: three users, a few actions, one value with wildcards in it."""
    with database.write() as session:
        audit.record(session, people["staf"], "update", "household", 5, field="address",
                     old="Jl. Lama", new="Jl. Baru 50% selesai")
        audit.record(session, people["staf"], "create", "household", 6, field="no_kk",
                     new="3673010203150009")
        audit.record(session, people["peninjau"], "sign_in", "user", 12)
        audit.record(session, people["camat"], "print", "letter_attachment", 3, reason="Lampiran")
    return database


def test_audit_search_filters(trail: Database, people):
    def search(**kw):
        with trail.read() as session:
            return privacy.search_audit(session, people["kepala"], privacy.AuditFilter(**kw))

    # Creating the users wrote entries too: the four of the trail are the newest.
    base = search().total - 4
    assert base > 0
    assert [e.action for e in search().entries[:4]] == ["print", "sign_in", "create", "update"]
    assert {e.username for e in search(username="STAF").entries} == {"staf"}
    assert [e.entity_id for e in search(entity="household", action="create").entries] == ["6"]
    assert [e.field for e in search(entity="household", entity_id="5").entries] == ["address"]
    assert [e.field for e in search(text="50%").entries] == ["address"]
    assert search(text="%").total == 1  # a literal percent sign, not "anything"
    underscored = search(text="_").entries
    assert underscored and all("_" in " ".join(filter(None, (e.old_value, e.new_value, e.reason,
                                                               e.field))) for e in underscored)
    assert [e.action for e in search(text="lampiran").entries] == ["print"]
    today = dt.date.today()
    assert search(date_from=today, date_to=today).total == base + 4
    assert search(date_to=today - dt.timedelta(days=1)).total == 0
    with pytest.raises(ValidationFailed) as err:
        search(date_from=today, date_to=today - dt.timedelta(days=2))
    assert err.value.problems == [("Tanggal", "tanggal awal sesudah tanggal akhir")]
    with trail.read() as session:
        page = privacy.search_audit(session, people["kepala"], privacy.AuditFilter(), limit=2,
                                    offset=2)
        actions, entities, names = privacy.audit_choices(session, people["kepala"])
    assert page.total == base + 4 and [e.action for e in page.entries] == ["create", "update"]
    assert actions == ["create", "print", "sign_in", "update"]
    assert names == ["camat", "demo-admin", "peninjau", "staf"]
    assert {"household", "letter_attachment", "user"} == set(entities)


def test_audit_viewer_is_for_admins_only(trail: Database, people, tmp_path: Path):
    tmp_path = _out(tmp_path)
    for actor in (people["staf"], people["peninjau"], people["camat"], people["lapangan"]):
        with trail.write() as session:
            with pytest.raises(PermissionDenied):
                privacy.search_audit(session, actor, privacy.AuditFilter())
            with pytest.raises(PermissionDenied):
                privacy.export_audit_csv(session, actor, privacy.AuditFilter(), tmp_path / "a.csv")
    assert list(tmp_path.iterdir()) == []


def test_audit_csv_export_is_itself_audited(trail: Database, people, tmp_path: Path):
    target = tmp_path / "audit.csv"
    flt = privacy.AuditFilter(username="staf")
    with trail.write() as session:
        result = privacy.export_audit_csv(session, people["kepala"], flt, target)
    table = _read_csv(target)
    assert result.rows == 2 and len(table) == 3
    assert table[0] == ["Waktu", "Pengguna", "Tindakan", "Jenis data", "ID", "Kolom",
                        "Nilai lama", "Nilai baru", "Keterangan"]
    assert [r[2] for r in table[1:]] == ["update", "create"]
    assert table[1][5:8] == ["address", "Jl. Lama", "Jl. Baru 50% selesai"]
    dt.datetime.strptime(table[1][0], "%Y-%m-%d %H:%M:%S")
    exported = _audit(trail, "export")
    assert [(e.username, e.entity, e.new_value) for e in exported] == [
        ("kepala", "audit_log", "audit.csv")]
    assert exported[0].reason.endswith("saring: pengguna staf")


def test_filter_text_hygiene():
    assert privacy.clean_filter_text(None, "Nama") == ""
    assert privacy.clean_filter_text("  Siti\x00 \tAminah\u200b\n ", "Nama") == "Siti Aminah"
    assert privacy.clean_filter_text("x" * 200, "Nama") == "x" * 200
    with pytest.raises(ValidationFailed) as err:
        privacy.clean_filter_text("x" * 201, "Nama")
    [(field, message)] = err.value.problems
    assert field == "Nama"
    assert message == "teks pencarian terlalu panjang (201 karakter; paling banyak 200)"
    assert privacy.like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


def test_the_audit_table_grows_only(trail: Database, people):
    with trail.read() as session:
        before = session.scalar(select(func.count()).select_from(AuditEvent))
    with trail.write() as session:
        privacy.search_audit(session, people["kepala"], privacy.AuditFilter(text="x"))
    with trail.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == before


# ------------------------------------------------------------------ backups


def _count(engine_or_db, table: str) -> int:
    engine = getattr(engine_or_db, "engine", engine_or_db)
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_backup_is_a_consistent_restorable_copy(database: Database, people, tmp_path: Path,
                                                request):
    target = _out(tmp_path) / "cadangan.bin"
    before = {t: _count(database, t) for t in ("users", "audit_events", "user_roles")}
    result = backup.backup(database, people["kepala"], target)
    assert result.path == target and result.size_bytes == target.stat().st_size > 0
    assert [p.name for p in target.parent.iterdir()] == ["cadangan.bin"]  # no partial left
    [event] = _audit(database, "backup")
    assert (event.username, event.new_value) == ("kepala", str(target))
    if database.dialect == "sqlite":
        assert result.method == "sqlite-online-backup"
        copy = sqlite3.connect(target)
        try:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            counts = {t: copy.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
            triggers = {r[0] for r in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        finally:
            copy.close()
    else:
        assert result.method == "pg_dump"
        admin = request.getfixturevalue("pg_admin_engine")
        name = f"tepat_restore_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            url = database.url.set(database=name, drivername="postgresql")
            done = subprocess.run(
                ["pg_restore", "--no-owner", f"--dbname={url.render_as_string(False)}",
                 str(target)], capture_output=True, text=True, check=False)
            assert done.returncode == 0, done.stderr
            restored = sa.create_engine(url.set(drivername="postgresql+psycopg"))
            counts = {t: _count(restored, t) for t in before}
            with restored.connect() as conn:
                triggers = set(conn.execute(sa.text(
                    "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars())
            restored.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    assert counts == before  # the backup's own audit row came after the copy
    assert {t for t in triggers if t.startswith("audit_events")}  # still append-only


def test_backup_refusals(database: Database, people, tmp_path: Path, monkeypatch):
    out = _out(tmp_path)
    with pytest.raises(PermissionDenied) as denied:
        backup.backup(database, people["staf"], out / "a.bin")
    assert "membuat cadangan basis data" in denied.value.message
    existing = out / "ada.bin"
    existing.write_bytes(b"jangan ditimpa")
    with pytest.raises(BackupFailed) as exists:
        backup.backup(database, people["kepala"], existing)
    assert "sudah ada" in exists.value.message and "--overwrite" in exists.value.hint
    assert existing.read_bytes() == b"jangan ditimpa"
    with pytest.raises(BackupFailed) as folder:
        backup.backup(database, people["kepala"], out / "tidak-ada" / "b.bin")
    assert "tidak ada" in folder.value.message
    backup.backup(database, people["kepala"], existing, overwrite=True)
    assert existing.read_bytes() != b"jangan ditimpa"
    if database.dialect == "postgresql":
        monkeypatch.setattr(backup.shutil, "which", lambda _name: None)
        with pytest.raises(BackupFailed) as missing:
            backup.backup(database, people["kepala"], out / "c.dump")
        assert "pg_dump tidak ditemukan" in missing.value.message
        assert "pg_dump --format=custom" in missing.value.hint
    assert sorted(p.name for p in out.iterdir()) == ["ada.bin"]


def test_backup_from_the_command_line(tmp_path: Path, capsys):
    from desktop.cli import main

    url = sqlite_url(tmp_path / "kantor.sqlite3")
    target = _out(tmp_path) / "kantor-cadangan.sqlite3"
    assert main(["--database", url, "backup", str(target), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["path"] == str(target) and data["method"] == "sqlite-online-backup"
    assert main(["--database", url, "backup", str(target)]) == 1
    assert "sudah ada" in capsys.readouterr().err
