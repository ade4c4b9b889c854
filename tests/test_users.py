"""User administration on SQLite and PostgreSQL, and the ``tepat user``/``--user`` CLI."""

from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from db import auth, users
from db.actor import Actor
from db.engine import Database, open_database
from db.errors import NotFound, PermissionDenied, ValidationFailed
from db.models import AuditEvent, Region
from desktop.cli import main

PASSWORD = "kopi-pagi-7"


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    # Same algorithm, cheap parameters: test_auth.py covers the production ones.
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024,
                                                       parallelism=1))
    monkeypatch.setattr(auth, "_dummy_hash", None)


def _audit(database: Database, entity: str = "user") -> list:
    with database.read() as session:
        return list(session.execute(
            select(*AuditEvent.__table__.c).where(AuditEvent.entity == entity)
            .order_by(AuditEvent.id)))


@pytest.fixture(scope="module")
def shared_sqlite(tmp_path_factory):
    """One SQLite database for the many small refusal cases (nothing gets written)."""
    from db import schema
    from db.actor import demo_admin
    from db.engine import sqlite_url

    database = open_database(sqlite_url(tmp_path_factory.mktemp("users") / "t.sqlite3"))
    schema.upgrade(database, backup=False)
    with database.read() as session:
        actor = demo_admin(session)
    yield database, actor
    database.dispose()


# ------------------------------------------------------------------ the service


def test_add_and_list_users_with_roles_and_scope(database: Database, actor: Actor):
    with database.write() as session:
        city = users.add_user(session, actor, "Ani", PASSWORD, roles=["reviewer", "operator"],
                              full_name="Ani Suryani")
        kec = users.add_user(session, actor, "budi", PASSWORD, roles=["field_officer"],
                             scope=["36.73.02"])
        kel = users.add_user(session, actor, "citra", PASSWORD, roles=["operator"],
                             scope=["36.73.01.1001", "36.73.01.1002"])
    assert city.roles == ("operator", "reviewer") and city.scope == ()
    assert city.scope_text == "Seluruh kota" and city.roles_text == "Operator, Peninjau"
    assert kec.scope == (("36.73.02", "Kasemen"),)
    assert kel.scope_text == "Serang (36.73.01.1001), Cipare (36.73.01.1002)"
    with database.read() as session:
        rows = users.list_users(session, actor)
        # The scope codes were taken from the bundled list with their parents.
        assert session.get(Region, "36.73").name == "Kota Serang"
        assert users.list_users(session, actor, search="SURYANI") == [city]
        assert users.list_users(session, actor, search="_") == []
        assert [r.username for r in users.list_users(session, actor, include_builtin=True)] == [
            "ani", "budi", "citra", "demo-admin"]
    assert [r.username for r in rows] == ["ani", "budi", "citra"]
    assert all(r.active and not r.is_builtin for r in rows)
    created = [(e.field, e.new_value) for e in _audit(database) if e.entity_id == str(kel.id)]
    assert created == [("username", "citra"), ("roles", '["operator"]'),
                       ("scope", '["36.73.01.1001", "36.73.01.1002"]')]


@pytest.mark.parametrize("kwargs, field, fragment", [
    ({"username": "a"}, "Nama pengguna", "2–60 karakter"),
    ({"username": "Ani Suryani"}, "Nama pengguna", "huruf kecil"),
    ({"username": "ani'--"}, "Nama pengguna", "huruf kecil"),
    ({"password": "pendek"}, "Kata sandi", "paling sedikit 8"),
    ({"roles": []}, "Peran", "pilih paling sedikit satu"),
    ({"roles": ["camat"]}, "Peran", "tidak dikenal: camat"),
    ({"scope": ["36.73"]}, "Wilayah '36.73'", "kota; untuk seluruh kota"),
    ({"scope": ["36.73.99"]}, "Wilayah '36.73.99'", "tidak ada dalam daftar wilayah"),
    ({"scope": ["36.73.01", "36.73.01.1001"]}, "Wilayah kerja", "sudah tercakup"),
    ({"full_name": "x" * 121}, "Nama lengkap", "paling banyak 120"),
])
def test_bad_new_user_is_refused_with_the_field_named(shared_sqlite, kwargs, field, fragment):
    database, actor = shared_sqlite
    values = {"username": "dewi", "password": PASSWORD, "roles": ["operator"], "scope": [],
              "full_name": ""} | kwargs
    with database.write() as session, pytest.raises(ValidationFailed) as err:
        users.add_user(session, actor, values.pop("username"), values.pop("password"), **values)
    assert any(f == field and fragment in msg for f, msg in err.value.problems), (
        err.value.problems)
    with database.read() as session:
        assert users.list_users(session, actor) == []


def test_duplicate_user_name(database: Database, actor: Actor):
    with database.write() as session:
        users.add_user(session, actor, "ani", PASSWORD, roles=["operator"])
    with database.write() as session, pytest.raises(ValidationFailed) as err:
        users.add_user(session, actor, "ANI", PASSWORD, roles=["operator"])
    assert err.value.problems == [("Nama pengguna", "'ani' sudah dipakai")]


def test_set_roles_and_scope_is_audited_old_to_new(database: Database, actor: Actor):
    with database.write() as session:
        users.add_user(session, actor, "ani", PASSWORD, roles=["operator"])
    with database.write() as session:
        row = users.set_roles(session, actor, "ani", roles=["reviewer"], scope=["36.73.03"],
                              full_name="Ani S.")
    assert row.roles == ("reviewer",) and [c for c, _ in row.scope] == ["36.73.03"]
    changes = {e.field: (e.old_value, e.new_value) for e in _audit(database)
               if e.action == "update"}
    assert changes == {
        "roles": ('["operator"]', '["reviewer"]'),
        "scope": ("seluruh kota", '["36.73.03"]'),
        "full_name": ("", "Ani S."),
    }
    # The new roles apply at the next sign-in.
    assert auth.sign_in(database, "ani", PASSWORD).roles == {"reviewer"}


def test_disable_and_enable(database: Database, actor: Actor):
    with database.write() as session:
        users.add_user(session, actor, "ani", PASSWORD, roles=["operator"])
        row = users.disable_user(session, actor, "ani")
    assert not row.active
    with database.write() as session:
        assert users.enable_user(session, actor, "ani").active
    assert auth.sign_in(database, "ani", PASSWORD).username == "ani"
    assert [(e.action, e.old_value, e.new_value) for e in _audit(database)
            if e.field == "active"] == [("disable", "True", "False"), ("enable", "False", "True")]


def test_the_office_never_loses_its_last_administrator(database: Database, actor: Actor):
    with database.write() as session:
        users.add_user(session, actor, "kepala", PASSWORD, roles=["admin"])
        users.add_user(session, actor, "staf", PASSWORD, roles=["operator"])
    kepala = auth.sign_in(database, "kepala", PASSWORD)
    with database.write() as session, pytest.raises(PermissionDenied) as own:
        users.disable_user(session, kepala, "kepala")
    assert "akun Anda sendiri" in own.value.message
    with database.write() as session, pytest.raises(PermissionDenied) as last:
        users.set_roles(session, kepala, "kepala", roles=["operator"])
    assert "satu-satunya administrator aktif" in last.value.message
    with database.write() as session:
        users.set_roles(session, kepala, "staf", roles=["operator", "admin"])
    with database.write() as session:  # now there is another one
        users.set_roles(session, kepala, "kepala", roles=["operator"])


def test_only_admins_manage_users(database: Database, actor: Actor):
    with database.write() as session:
        users.add_user(session, actor, "op", PASSWORD, roles=["operator", "reviewer",
                                                               "signatory", "field_officer"])
    op = auth.sign_in(database, "op", PASSWORD)
    calls = {
        "list": lambda s: users.list_users(s, op),
        "add": lambda s: users.add_user(s, op, "baru", PASSWORD, roles=["admin"]),
        "set": lambda s: users.set_roles(s, op, "op", roles=["admin"]),
        "disable": lambda s: users.disable_user(s, op, "op"),
        "reset": lambda s: users.reset_password(s, op, "op", "teh-sore-42"),
    }
    for name, call in calls.items():
        with database.write() as session, pytest.raises(PermissionDenied) as err:
            call(session)
        assert err.value.message == "Pengguna 'op' tidak berhak mengelola pengguna.", name
        assert "Administrator" in err.value.hint
    with database.read() as session:
        assert [r.username for r in users.list_users(session, actor)] == ["op"]


def test_builtin_admin_and_unknown_users(database: Database, actor: Actor):
    with database.write() as session, pytest.raises(PermissionDenied):
        users.disable_user(session, actor, "demo-admin")
    with database.write() as session, pytest.raises(NotFound) as err:
        users.reset_password(session, actor, "siapa", PASSWORD)
    assert err.value.message == "Pengguna 'siapa' tidak ditemukan."


# ------------------------------------------------------------------ the CLI


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_demo_mode_then_users_then_signing_in(database_url, capsys, monkeypatch):
    db = ["--database", database_url]
    monkeypatch.delenv("TEPAT_PASSWORD", raising=False)
    monkeypatch.setenv("TEPAT_NEW_PASSWORD", PASSWORD)

    code, out, err = _run(capsys, *db, "user", "list")
    assert code == 0 and "Belum ada pengguna." in out
    assert "administrator demo bawaan (mode demo)" in err

    code, out, err = _run(capsys, *db, "user", "add", "kepala", "--role", "admin", "operator",
                          "--full-name", "Kepala Seksi")
    assert code == 0 and "Peran        : Operator, Administrator" in out

    # From now on the CLI needs --user.
    code, out, err = _run(capsys, *db, "user", "list")
    assert code == 1 and out == ""
    assert "--user NAMA" in err and err.startswith("tepat: galat:")

    monkeypatch.setenv("TEPAT_PASSWORD", "salah-salah-1")
    code, out, err = _run(capsys, *db, "--user", "kepala", "user", "list")
    assert code == 1 and out == ""
    assert "Nama pengguna atau kata sandi salah." in err

    monkeypatch.setenv("TEPAT_PASSWORD", PASSWORD)
    code, out, _ = _run(capsys, *db, "--user", "kepala", "user", "add", "lapangan",
                        "--role", "field_officer", "--scope", "36.73.02.1001,36.73.02.1002",
                        "--json")
    assert code == 0
    assert json.loads(out)["scope"] == ["36.73.02.1001", "36.73.02.1002"]

    code, out, _ = _run(capsys, *db, "--user", "kepala", "user", "list", "--json")
    listed = {u["username"]: u for u in json.loads(out)}
    assert set(listed) == {"kepala", "lapangan"}
    assert listed["lapangan"]["roles"] == ["field_officer"]

    code, out, _ = _run(capsys, *db, "--user", "kepala", "user", "set", "lapangan",
                        "--role", "reviewer", "--whole-city")
    assert code == 0 and "Wilayah kerja: Seluruh kota" in out

    code, out, _ = _run(capsys, *db, "--user", "kepala", "user", "disable", "lapangan")
    assert code == 0 and "dinonaktifkan" in out
    monkeypatch.setenv("TEPAT_PASSWORD", PASSWORD)
    code, out, err = _run(capsys, *db, "--user", "lapangan", "user", "list")
    assert code == 1 and "dinonaktifkan" in err

    code, *_ = _run(capsys, *db, "--user", "kepala", "user", "enable", "lapangan")
    assert code == 0
    # A reviewer may not manage users: refused with the role that may.
    code, out, err = _run(capsys, *db, "--user", "lapangan", "user", "list")
    assert code == 1 and "tidak berhak mengelola pengguna" in err and out == ""


def test_cli_reset_password_forces_passwd(database_url, capsys, monkeypatch):
    db = ["--database", database_url]
    monkeypatch.setenv("TEPAT_NEW_PASSWORD", PASSWORD)
    assert main([*db, "user", "add", "kepala", "--role", "admin"]) == 0
    monkeypatch.setenv("TEPAT_PASSWORD", PASSWORD)
    assert main([*db, "--user", "kepala", "user", "add", "staf", "--role", "operator"]) == 0
    monkeypatch.setenv("TEPAT_NEW_PASSWORD", "roti-bakar-9")
    assert main([*db, "--user", "kepala", "user", "reset-password", "staf"]) == 0
    capsys.readouterr()

    monkeypatch.setenv("TEPAT_PASSWORD", "roti-bakar-9")
    code, out, err = _run(capsys, *db, "--user", "staf", "stats")
    assert code == 1 and "harus diganti" in err and "user passwd" in err and out == ""

    monkeypatch.setenv("TEPAT_NEW_PASSWORD", "teh-sore-42")
    code, out, _ = _run(capsys, *db, "--user", "staf", "user", "passwd")
    assert code == 0 and "diganti" in out
    monkeypatch.setenv("TEPAT_PASSWORD", "teh-sore-42")
    code, out, _ = _run(capsys, *db, "--user", "staf", "stats", "--json")
    assert code == 0 and json.loads(out)["households"] == 0


def test_cli_without_a_terminal_asks_for_the_variable(tmp_path, capsys, monkeypatch):
    from db.engine import sqlite_url

    db = ["--database", sqlite_url(tmp_path / "t.sqlite3")]
    monkeypatch.delenv("TEPAT_NEW_PASSWORD", raising=False)
    code, out, err = _run(capsys, *db, "user", "add", "kepala", "--role", "admin")
    assert code == 1 and "TEPAT_NEW_PASSWORD" in err
    code, out, err = _run(capsys, *db, "user", "list")
    assert code == 0 and "Belum ada pengguna." in out
