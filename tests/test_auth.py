"""Signing in on SQLite and PostgreSQL: first start, argon2id, lock-out, password changes."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from db import auth, settings, users
from db.actor import Actor
from db.engine import Database
from db.errors import (
    AccountDisabled,
    AccountLocked,
    PermissionDenied,
    SignInFailed,
    ValidationFailed,
)
from db.models import AuditEvent, User

PASSWORD = "kopi-pagi-7"

# Cheap argon2id parameters: the algorithm under test is the same, each hash costs
# milliseconds instead of a quarter second. The production parameters are tested below.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(auth, "HASHER", FAST)
    monkeypatch.setattr(auth, "_dummy_hash", None)


def _add(database: Database, actor: Actor, name: str, roles=("operator",), **kw) -> None:
    with database.write() as session:
        users.add_user(session, actor, name, kw.pop("password", PASSWORD), roles=roles, **kw)


def _audit(database: Database, action: str | None = None) -> list:
    """Audit rows as plain rows (attribute access), oldest first."""
    with database.read() as session:
        query = select(*AuditEvent.__table__.c).order_by(AuditEvent.id)
        if action:
            query = query.where(AuditEvent.action == action)
        return list(session.execute(query))


def _user(database: Database, name: str):
    with database.read() as session:
        return session.execute(
            select(*User.__table__.c).where(User.username == name)).one()


# ------------------------------------------------------------------ first start


def test_first_start_creates_the_admin_once(database: Database):
    with database.read() as session:
        assert auth.needs_first_admin(session)
    with database.write() as session:
        first = auth.create_first_admin(session, "  Kasi.Pemerintahan ", PASSWORD,
                                        full_name="Siti Aminah")
    assert first.username == "kasi.pemerintahan"
    assert first.roles == frozenset(users.ROLES) and first.scope == frozenset()
    assert first.full_name == "Siti Aminah" and not first.is_builtin
    with database.read() as session:
        assert not auth.needs_first_admin(session)
    with database.write() as session, pytest.raises(PermissionDenied) as err:
        auth.create_first_admin(session, "penyusup", PASSWORD)
    assert "sudah dibuat" in err.value.message
    created = [e for e in _audit(database, "create") if e.field == "username"]
    assert [(e.username, e.new_value, e.reason) for e in created] == [
        ("demo-admin", "kasi.pemerintahan", "administrator pertama")
    ]
    assert auth.sign_in(database, "kasi.pemerintahan", PASSWORD) == first


def test_demo_mode_only_while_no_user_exists(database: Database, actor: Actor):
    demo = auth.sign_in_demo(database)
    assert demo.is_builtin and demo.username == "demo-admin"
    assert _audit(database, "sign_in")[-1].reason == "mode demo: belum ada pengguna"
    _add(database, actor, "ani")
    with pytest.raises(PermissionDenied) as err:
        auth.sign_in_demo(database)
    assert "belum punya pengguna" in err.value.message
    # The built-in administrator has no password and cannot be signed in as.
    with pytest.raises(SignInFailed):
        auth.sign_in(database, "demo-admin", "")


def test_first_admin_password_follows_the_policy(database: Database):
    with database.write() as session, pytest.raises(ValidationFailed) as err:
        auth.create_first_admin(session, "admin", "admin")
    assert err.value.problems == [("Kata sandi", "paling sedikit 8 karakter")]
    with database.read() as session:
        assert auth.needs_first_admin(session)


# ------------------------------------------------------------------ signing in


def test_sign_in_returns_the_actor_and_is_audited(database: Database, actor: Actor):
    _add(database, actor, "budi", roles=("reviewer", "operator"), scope=["36.73.01"])
    signed = auth.sign_in(database, "Budi", PASSWORD)
    assert signed.username == "budi"
    assert signed.roles == {"operator", "reviewer"} and signed.scope == {"36.73.01"}
    event = _audit(database, "sign_in")[-1]
    assert (event.user_id, event.username, event.entity, event.entity_id) == (
        signed.user_id, "budi", "user", str(signed.user_id))


def test_wrong_password_and_unknown_user_get_the_same_answer(database: Database, actor: Actor):
    _add(database, actor, "budi")
    with pytest.raises(SignInFailed) as wrong:
        auth.sign_in(database, "budi", "bukan-ini-123")
    with pytest.raises(SignInFailed) as unknown:
        auth.sign_in(database, "tidak-ada", "bukan-ini-123")
    assert type(wrong.value) is type(unknown.value) is SignInFailed
    assert wrong.value.message == unknown.value.message == "Nama pengguna atau kata sandi salah."
    assert wrong.value.hint == unknown.value.hint
    assert "5 kali" in wrong.value.hint and "15 menit" in wrong.value.hint
    # Both failures were committed although the call raised.
    failed = _audit(database, "sign_in_failed")
    assert [(e.username, e.user_id is None, e.reason) for e in failed] == [
        ("budi", False, "kata sandi salah (percobaan ke-1)"),
        ("tidak-ada", True, "nama pengguna tidak dikenal"),
    ]
    assert _user(database, "budi").failed_attempts == 1


def test_lockout_after_repeated_failures_then_release(database: Database, actor: Actor):
    with database.write() as session:
        settings.update(session, actor, {"auth.lockout_attempts": 3, "auth.lockout_minutes": 10})
    _add(database, actor, "citra")
    start = dt.datetime(2025, 4, 10, 1, 0, tzinfo=dt.UTC)
    for attempt in range(2):
        with pytest.raises(SignInFailed) as err:
            auth.sign_in(database, "citra", "salah-salah-1", now=start)
        assert not isinstance(err.value, AccountLocked)
    with pytest.raises(AccountLocked) as locked:
        auth.sign_in(database, "citra", "salah-salah-1", now=start)
    assert "dikunci sampai pukul" in locked.value.message
    assert "administrator" in locked.value.hint
    # While locked even the right password is refused, and not counted.
    with pytest.raises(AccountLocked):
        auth.sign_in(database, "citra", PASSWORD, now=start + dt.timedelta(minutes=9))
    user = _user(database, "citra")
    assert auth._aware(user.locked_until) == start + dt.timedelta(minutes=10)
    assert user.failed_attempts == 0
    lock_events = _audit(database, "account_locked")
    assert len(lock_events) == 1 and lock_events[0].reason == "3 kali gagal masuk berturut-turut"
    assert _audit(database, "sign_in_failed")[-1].reason == "akun dikunci"
    # After the lock the account works again and the counter is clean.
    signed = auth.sign_in(database, "citra", PASSWORD, now=start + dt.timedelta(minutes=11))
    assert signed.username == "citra"
    user = _user(database, "citra")
    assert user.locked_until is None and user.failed_attempts == 0


def test_a_success_resets_the_failure_count(database: Database, actor: Actor):
    _add(database, actor, "dedi")
    for _ in range(4):
        with pytest.raises(SignInFailed):
            auth.sign_in(database, "dedi", "keliru-terus-1")
    auth.sign_in(database, "dedi", PASSWORD)
    assert _user(database, "dedi").failed_attempts == 0
    for _ in range(4):  # four more do not lock: the count started again
        with pytest.raises(SignInFailed) as err:
            auth.sign_in(database, "dedi", "keliru-terus-1")
        assert not isinstance(err.value, AccountLocked)


def test_disabled_user_is_told_only_with_the_right_password(database: Database, actor: Actor):
    _add(database, actor, "eka")
    with database.write() as session:
        users.disable_user(session, actor, "eka")
    with pytest.raises(AccountDisabled) as err:
        auth.sign_in(database, "eka", PASSWORD)
    assert err.value.message == "Akun 'eka' dinonaktifkan."
    assert "administrator" in err.value.hint
    with pytest.raises(SignInFailed) as wrong:
        auth.sign_in(database, "eka", "tebakan-salah-1")
    assert type(wrong.value) is SignInFailed
    assert _audit(database, "sign_in_failed")[-2].reason == "akun nonaktif"


ODD_NAMES = ["", "   ", "x" * 5000, "ani\x00", "' OR '1'='1", "admin'--", "ani; DROP TABLE users",
             "ANI\u202e", "%", "demo-admin"]


def test_odd_user_names_fail_cleanly(database: Database, actor: Actor):
    _add(database, actor, "ani")
    for name in ODD_NAMES:
        with pytest.raises(SignInFailed) as err:
            auth.sign_in(database, name, PASSWORD)
        assert err.value.message == "Nama pengguna atau kata sandi salah.", repr(name)
        event = _audit(database, "sign_in_failed")[-1]
        assert event.user_id is None and len(event.username) <= 60, repr(name)
        assert "\x00" not in event.username and "\u202e" not in event.username
    assert _user(database, "ani").failed_attempts == 0


def test_oversized_password_is_refused_without_hashing_it(database: Database, actor: Actor):
    _add(database, actor, "ani")
    with pytest.raises(SignInFailed):
        auth.sign_in(database, "ani", PASSWORD + "x" * 1_000_000)
    assert _user(database, "ani").failed_attempts == 1


# ------------------------------------------------------------------ hashing


def test_production_parameters_are_argon2id_and_old_hashes_are_upgraded(
    database: Database, actor: Actor, monkeypatch
):
    production = PasswordHasher()  # what auth.HASHER is outside these tests
    assert production.type.name == "ID" and production.memory_cost >= 65536
    _add(database, actor, "fajar")
    old_hash = _user(database, "fajar").password_hash
    assert old_hash.startswith("$argon2id$v=19$m=1024,t=1,p=1$")
    # A later version raises the parameters: the next sign-in stores a new hash.
    monkeypatch.setattr(auth, "HASHER", production)
    auth.sign_in(database, "fajar", PASSWORD)
    new_hash = _user(database, "fajar").password_hash
    assert new_hash != old_hash and new_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert not production.check_needs_rehash(new_hash)
    assert production.verify(new_hash, PASSWORD)
    rehash = _audit(database, "password_rehash")
    assert len(rehash) == 1 and rehash[0].old_value is None and rehash[0].new_value is None
    # Signing in again does not rehash again.
    auth.sign_in(database, "fajar", PASSWORD)
    assert _user(database, "fajar").password_hash == new_hash


def test_passwords_and_hashes_never_reach_the_audit_trail(database: Database, actor: Actor):
    _add(database, actor, "gita", roles=("operator",))
    signed = auth.sign_in(database, "gita", PASSWORD)
    with database.write() as session:
        auth.change_password(session, signed, PASSWORD, "teh-sore-42")
    with database.write() as session:
        users.reset_password(session, actor, "gita", "roti-bakar-9")
    with pytest.raises(SignInFailed):
        auth.sign_in(database, "gita", "tebak-tebak-1")
    for event in _audit(database):
        text = " ".join(str(v) for v in (event.old_value, event.new_value, event.reason,
                                         event.entity_id, event.field))
        for secret in (PASSWORD, "teh-sore-42", "roti-bakar-9", "tebak-tebak-1", "$argon2"):
            assert secret not in text, (event.action, text)


@pytest.mark.parametrize("password, username, problem", [
    ("pendek", "ani", "paling sedikit 8 karakter"),
    ("x" * 257, "ani", "paling banyak 256 karakter"),
    (" spasi-di-depan", "ani", "tidak boleh diawali atau diakhiri spasi"),
    ("Ani.Suryani", "ani.suryani", "tidak boleh sama dengan nama pengguna"),
    ("aaaaaaaaaa", "ani", "terlalu mudah ditebak; pakai gabungan kata, angka dan tanda baca"),
    ("Password1", "ani", "terlalu mudah ditebak; pakai gabungan kata, angka dan tanda baca"),
])
def test_password_policy(password: str, username: str, problem: str):
    with pytest.raises(ValidationFailed) as err:
        auth.check_password_policy(password, username)
    assert err.value.problems == [("Kata sandi", problem)]


def test_password_policy_accepts_a_sensible_password():
    auth.check_password_policy("Musim hujan 2025!", "ani")
    auth.check_password_policy("kopi-pagi-7", "ani")


# ------------------------------------------------------------------ changing passwords


def test_change_own_password(database: Database, actor: Actor):
    _add(database, actor, "hadi")
    hadi = auth.sign_in(database, "hadi", PASSWORD)
    with database.write() as session, pytest.raises(SignInFailed) as err:
        auth.change_password(session, hadi, "bukan-lama-1", "teh-sore-42")
    assert err.value.message == "Kata sandi lama salah."
    with database.write() as session, pytest.raises(ValidationFailed) as weak:
        auth.change_password(session, hadi, PASSWORD, "hadi")
    assert weak.value.problems[0][0] == "Kata sandi"
    with database.write() as session, pytest.raises(ValidationFailed) as same:
        auth.change_password(session, hadi, PASSWORD, PASSWORD)
    assert same.value.problems == [("Kata sandi baru", "harus berbeda dari kata sandi lama")]
    with database.write() as session:
        auth.change_password(session, hadi, PASSWORD, "teh-sore-42")
    with pytest.raises(SignInFailed):
        auth.sign_in(database, "hadi", PASSWORD)
    assert auth.sign_in(database, "hadi", "teh-sore-42").username == "hadi"
    changed = _audit(database, "password_change")
    assert [(e.username, e.entity_id, e.field) for e in changed] == [
        ("hadi", str(hadi.user_id), "password_hash")]


def test_demo_admin_has_no_password_to_change(database: Database, actor: Actor):
    with database.write() as session, pytest.raises(PermissionDenied) as err:
        auth.change_password(session, actor, "", "teh-sore-42")
    assert "tidak memakai kata sandi" in err.value.message


def test_admin_reset_unlocks_and_forces_a_change(database: Database, actor: Actor):
    _add(database, actor, "ina")
    _add(database, actor, "joko", roles=("reviewer",))
    for _ in range(5):
        with pytest.raises(SignInFailed):
            auth.sign_in(database, "ina", "lupa-lupa-ingat")
    with pytest.raises(AccountLocked):
        auth.sign_in(database, "ina", PASSWORD)
    joko = auth.sign_in(database, "joko", PASSWORD)
    with database.write() as session, pytest.raises(PermissionDenied) as denied:
        users.reset_password(session, joko, "ina", "roti-bakar-9")
    assert "mengelola pengguna" in denied.value.message
    with database.write() as session:
        row = users.reset_password(session, actor, "ina", "roti-bakar-9")
    assert row.must_change_password and row.locked_until is None
    ina = auth.sign_in(database, "ina", "roti-bakar-9")
    assert ina.must_change_password
    with database.write() as session:
        auth.change_password(session, ina, "roti-bakar-9", "teh-sore-42")
    assert not auth.sign_in(database, "ina", "teh-sore-42").must_change_password
    reset = _audit(database, "password_reset")
    assert [(e.username, e.reason) for e in reset] == [
        ("demo-admin", "diatur ulang oleh administrator")]
