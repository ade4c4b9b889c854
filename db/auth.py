"""Signing in: argon2id password hashes, lock-out after repeated failures, password changes.

Passwords are hashed with argon2id (argon2-cffi's default parameters, RFC 9106's
low-memory profile). When those parameters change in a later version, a hash made with
the old ones is replaced at the next successful sign-in, so stored hashes follow along
without anyone resetting a password.

Every sign-in and every failed sign-in is written to the audit table. A failed attempt
must be recorded even though it ends in an error, so :func:`attempt_sign_in` records and
returns the outcome, and :func:`sign_in` commits that record before raising.

While a database has no users of its own, the built-in demo administrator acts
(:func:`sign_in_demo`); the first real user created is an administrator chosen at the
first start (:func:`create_first_admin`), and from then on everybody signs in.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db import audit, settings
from db.actor import BUILTIN_ADMIN, Actor, demo_admin, load_actor
from db.engine import Database
from db.errors import (
    AccountDisabled,
    AccountLocked,
    PermissionDenied,
    SignInFailed,
    ValidationFailed,
)
from db.models import User

# Replaced (by tests, or by a future version) to change the hashing parameters; hashes
# made with other parameters are upgraded at the next sign-in.
HASHER = PasswordHasher()

MIN_PASSWORD_LENGTH = 8
# Far above any real password; stops a pasted megabyte from being hashed.
MAX_PASSWORD_LENGTH = 256
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
USERNAME_RULE = (
    "Nama pengguna 2–60 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, "
    "diawali huruf atau angka."
)
# Passwords people choose first; refused outright whatever their length.
_COMMON_PASSWORDS = frozenset({
    "password", "password1", "12345678", "123456789", "1234567890", "qwertyui", "qwerty123",
    "11111111", "00000000", "abcdefgh", "abcd1234", "admin123", "administrator", "rahasia",
    "rahasia123", "katasandi", "bismillah", "indonesia", "serang123", "tepat123",
})
_WRONG = "Nama pengguna atau kata sandi salah."
_dummy_hash: str | None = None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything stored is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


# --------------------------------------------------------------------------- passwords


def normalise_username(text: str) -> str:
    """User names are compared and stored in lower case without surrounding spaces."""
    return text.strip().lower()


def printable(text: str, limit: int = 60) -> str:
    """``text`` without control characters, cut to ``limit``: safe to store and show."""
    cleaned = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return cleaned[:limit]


def check_username(username: str) -> str:
    """The normalised user name, or :class:`ValidationFailed` naming the rule."""
    name = normalise_username(username)
    if not USERNAME_PATTERN.match(name):
        raise ValidationFailed([("Nama pengguna", USERNAME_RULE)])
    return name


def check_password_policy(password: str, username: str = "") -> None:
    """Refuse weak passwords with a message saying what a good one looks like."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"paling sedikit {MIN_PASSWORD_LENGTH} karakter")
    elif len(password) > MAX_PASSWORD_LENGTH:
        problems.append(f"paling banyak {MAX_PASSWORD_LENGTH} karakter")
    elif password.strip() != password:
        problems.append("tidak boleh diawali atau diakhiri spasi")
    elif username and password.lower() == normalise_username(username):
        problems.append("tidak boleh sama dengan nama pengguna")
    elif len(set(password)) < 3 or password.lower() in _COMMON_PASSWORDS:
        problems.append("terlalu mudah ditebak; pakai gabungan kata, angka dan tanda baca")
    if problems:
        raise ValidationFailed([("Kata sandi", "; ".join(problems))])


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` with the current parameters."""
    return HASHER.hash(password)


def _verify(stored: str | None, password: str) -> bool:
    if stored is None or len(password) > MAX_PASSWORD_LENGTH:
        _burn_time(password)
        return False
    try:
        return HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _burn_time(password: str) -> None:
    """Spend what a real check costs, so timing does not tell which user names exist."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = HASHER.hash("tepat-dummy-password")
    try:
        HASHER.verify(_dummy_hash, password[:MAX_PASSWORD_LENGTH])
    except VerificationError:
        pass


# --------------------------------------------------------------------------- signing in


@dataclass(frozen=True)
class SignInOutcome:
    """The result of one attempt: an actor, or the error to show (already audited)."""

    actor: Actor | None
    error: SignInFailed | None = None


def _anonymous(name: str) -> Actor:
    # Audit rows of failed attempts name who was tried, with no user behind them.
    return Actor(None, printable(name) or "?")  # type: ignore[arg-type]


def lockout_policy(session: Session) -> tuple[int, dt.timedelta]:
    """(failed attempts before the lock, how long the lock lasts) from the office settings."""
    attempts = max(1, int(settings.get(session, "auth.lockout_attempts")))
    minutes = max(1, int(settings.get(session, "auth.lockout_minutes")))
    return attempts, dt.timedelta(minutes=minutes)


def _locked_message(until: dt.datetime) -> AccountLocked:
    local = until.astimezone()
    return AccountLocked(
        f"Akun dikunci sampai pukul {local:%H:%M} tanggal {local:%d-%m-%Y} karena terlalu "
        "banyak percobaan masuk yang gagal.",
        hint="Coba lagi setelah waktu itu, atau minta administrator mengatur ulang kata sandi.",
    )


def attempt_sign_in(
    session: Session, username: str, password: str, *, now: dt.datetime | None = None
) -> SignInOutcome:
    """Check a user name and password and record the attempt in ``session``.

    Bad credentials do not raise: the failure, the failed-attempt counter and any lock
    are written to the session and returned, so the caller can commit them. The message
    for an unknown user and a wrong password is the same.
    """
    now = now or utcnow()
    name = normalise_username(username)
    user = None
    if USERNAME_PATTERN.match(name):
        user = session.scalar(
            select(User).where(User.username == name, User.is_builtin.is_(False))
            .with_for_update()
        )
    if user is None:
        _burn_time(password)
        audit.record(session, _anonymous(name), "sign_in_failed", "user", None,
                     reason="nama pengguna tidak dikenal")
        return SignInOutcome(None, SignInFailed(_WRONG, hint=_wrong_hint(session)))

    who = Actor(user.id, user.username)
    locked_until = _aware(user.locked_until)
    if locked_until is not None and locked_until > now:
        audit.record(session, who, "sign_in_failed", "user", user.id, reason="akun dikunci")
        return SignInOutcome(None, _locked_message(locked_until))

    if not _verify(user.password_hash, password):
        attempts, duration = lockout_policy(session)
        user.failed_attempts += 1
        audit.record(session, who, "sign_in_failed", "user", user.id,
                     reason=f"kata sandi salah (percobaan ke-{user.failed_attempts})")
        if user.failed_attempts >= attempts:
            user.failed_attempts = 0
            user.locked_until = now + duration
            audit.record(session, who, "account_locked", "user", user.id,
                         field="locked_until", new=user.locked_until,
                         reason=f"{attempts} kali gagal masuk berturut-turut")
            return SignInOutcome(None, _locked_message(user.locked_until))
        return SignInOutcome(None, SignInFailed(_WRONG, hint=_wrong_hint(session)))

    if not user.active:
        audit.record(session, who, "sign_in_failed", "user", user.id, reason="akun nonaktif")
        return SignInOutcome(None, AccountDisabled(
            f"Akun '{user.username}' dinonaktifkan.",
            hint="Hubungi administrator kantor bila Anda masih memerlukan akses.",
        ))

    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        audit.record(session, who, "password_rehash", "user", user.id, field="password_hash",
                     reason="parameter argon2 diperbarui")
    user.failed_attempts = 0
    user.locked_until = None
    session.flush()
    actor = load_actor(session, user.username)
    audit.record(session, actor, "sign_in", "user", user.id)
    return SignInOutcome(actor)


def _wrong_hint(session: Session) -> str:
    # The same hint whether or not the name exists, so it cannot be used to find names.
    if needs_first_admin(session):
        return ("Basis data ini belum punya pengguna; buat administrator pertama atau "
                "jalankan tanpa nama pengguna (mode demo).")
    attempts, duration = lockout_policy(session)
    minutes = int(duration.total_seconds() // 60)
    return (f"Periksa huruf besar/kecil dan tombol Caps Lock. Setelah {attempts} kali gagal "
            f"berturut-turut, akun dikunci {minutes} menit.")


def sign_in(
    database: Database, username: str, password: str, *, now: dt.datetime | None = None
) -> Actor:
    """Sign in and return the actor; on failure commit the audit record, then raise.

    Raises :class:`SignInFailed` (wrong name or password), :class:`AccountLocked` or
    :class:`AccountDisabled`, each with a message to show as it is.
    """
    with database.write() as session:
        outcome = attempt_sign_in(session, username, password, now=now)
    if outcome.error is not None:
        raise outcome.error
    assert outcome.actor is not None
    return outcome.actor


def sign_out(session: Session, actor: Actor) -> None:
    """Record that ``actor`` ended their session (the audit trail pairs it with sign_in)."""
    audit.record(session, actor, "sign_out", "user", actor.user_id)


def needs_first_admin(session: Session) -> bool:
    """True while the database has no users besides the built-in demo administrator."""
    return not session.scalar(select(exists().where(User.is_builtin.is_(False))))


def sign_in_demo(database: Database) -> Actor:
    """The built-in demo administrator, allowed only while no real user exists. Audited."""
    with database.write() as session:
        if not needs_first_admin(session):
            raise PermissionDenied(
                "Mode demo hanya tersedia selama basis data belum punya pengguna.",
                hint="Masuk dengan nama pengguna dan kata sandi Anda.",
            )
        actor = demo_admin(session)
        audit.record(session, actor, "sign_in", "user", actor.user_id,
                     reason="mode demo: belum ada pengguna")
    return actor


def create_first_admin(
    session: Session, username: str, password: str, *, full_name: str = ""
) -> Actor:
    """Create the first user on a database that has none: an administrator with every role.

    Every role, because in a small office the person setting Tepat up usually does the
    work too; roles can be narrowed later in the user administration. Refused once any
    user exists, so it cannot be used to slip in a second administrator.
    """
    from db import users

    # Serialise two first starts on a shared server: both lock the demo administrator.
    session.scalar(select(User).where(User.username == BUILTIN_ADMIN).with_for_update())
    if not needs_first_admin(session):
        raise PermissionDenied(
            "Administrator pertama sudah dibuat.",
            hint="Masuk dengan akun yang ada; pengguna lain ditambahkan oleh administrator.",
        )
    users.add_user(session, demo_admin(session), username, password,
                   roles=users.ROLES, full_name=full_name, reason="administrator pertama")
    return load_actor(session, normalise_username(username))


# --------------------------------------------------------------------------- passwords


def _user_for(session: Session, actor: Actor) -> User:
    user = session.get(User, actor.user_id, with_for_update=True)
    if user is None or user.is_builtin:
        raise PermissionDenied(
            "Administrator demo tidak memakai kata sandi.",
            hint="Buat pengguna sendiri di Alat → Pengguna, lalu masuk dengan akun itu.",
        )
    return user


def change_password(session: Session, actor: Actor, old_password: str, new_password: str) -> None:
    """The signed-in user replaces their own password (knowing the current one). Audited."""
    user = _user_for(session, actor)
    if not _verify(user.password_hash, old_password):
        raise SignInFailed("Kata sandi lama salah.", hint="Kata sandi tidak diubah.")
    if new_password == old_password:
        raise ValidationFailed([("Kata sandi baru", "harus berbeda dari kata sandi lama")])
    check_password_policy(new_password, user.username)
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    audit.record(session, actor, "password_change", "user", user.id, field="password_hash")


def set_password(session: Session, actor: Actor, user: User, new_password: str) -> None:
    """An administrator's reset: new password, lock lifted, change required. Audited.

    The caller has checked ``user.manage``; :func:`db.users.reset_password` is the service.
    """
    check_password_policy(new_password, user.username)
    user.password_hash = hash_password(new_password)
    user.must_change_password = True
    user.failed_attempts = 0
    user.locked_until = None
    audit.record(session, actor, "password_reset", "user", user.id, field="password_hash",
                 reason="diatur ulang oleh administrator")
