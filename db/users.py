"""User administration: add users with roles and a scope, list, disable, reset passwords.

A user has one or more roles (:data:`ROLES`) and a scope: the whole city (no scope rows),
one or more kecamatan, or listed kelurahan. Only administrators manage users
(``user.manage``); every change is audited, passwords never are (only that one changed).
At least one active administrator always remains, so an office cannot lock itself out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db import audit, auth, permissions
from db.actor import Actor
from db.errors import NotFound, PermissionDenied, ValidationFailed
from db.models import Region, User, UserRole, UserScope
from db.privacy import clean_filter_text, like_pattern
from db.regions import kota_serang_codes, level_of, parent_of

ROLES = permissions.ROLES
ROLE_NAMES = permissions.ROLE_NAMES
SCOPE_LEVELS = ("kecamatan", "desa_kelurahan")


@dataclass(frozen=True)
class UserRow:
    """One user as the administration screen and ``tepat user list`` show it."""

    id: int
    username: str
    full_name: str
    roles: tuple[str, ...]
    scope: tuple[tuple[str, str], ...]  # (region code, name); empty = whole city
    active: bool
    is_builtin: bool
    locked_until: dt.datetime | None
    must_change_password: bool

    @property
    def scope_text(self) -> str:
        if not self.scope:
            return "Seluruh kota"
        return ", ".join(f"{name} ({code})" for code, name in self.scope)

    @property
    def roles_text(self) -> str:
        return permissions.role_names(self.roles)

    def as_dict(self) -> dict:
        return {
            "username": self.username, "full_name": self.full_name, "roles": list(self.roles),
            "scope": [code for code, _ in self.scope], "active": self.active,
            "builtin": self.is_builtin,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
            "must_change_password": self.must_change_password,
        }


def _row(session: Session, user: User) -> UserRow:
    roles = session.scalars(select(UserRole.role_code).where(UserRole.user_id == user.id)).all()
    scope = session.execute(
        select(Region.code, Region.name).join(UserScope, UserScope.region_code == Region.code)
        .where(UserScope.user_id == user.id).order_by(Region.code)
    ).all()
    locked = auth._aware(user.locked_until)
    if locked is not None and locked <= auth.utcnow():
        locked = None
    return UserRow(
        user.id, user.username, user.full_name,
        tuple(sorted(roles, key=ROLES.index)), tuple((c, n) for c, n in scope),
        user.active, user.is_builtin, locked, user.must_change_password,
    )


def list_users(
    session: Session, actor: Actor, *, search: str | None = None, include_builtin: bool = False
) -> list[UserRow]:
    """Users by name; ``search`` matches user name or full name anywhere (case-insensitive)."""
    permissions.require(actor, "user.manage")
    query = select(User).order_by(User.username)
    if not include_builtin:
        query = query.where(User.is_builtin.is_(False))
    text = clean_filter_text(search, "Cari pengguna")
    if text:
        pattern = like_pattern(text)
        query = query.where(
            func.lower(User.username).like(pattern, escape="\\")
            | func.lower(User.full_name).like(pattern, escape="\\")
        )
    return [_row(session, user) for user in session.scalars(query)]


def get_user(session: Session, actor: Actor, username: str) -> UserRow:
    permissions.require(actor, "user.manage")
    return _row(session, _find(session, username))


def _find(session: Session, username: str, *, lock: bool = False) -> User:
    name = auth.normalise_username(username)
    user = None
    if auth.USERNAME_PATTERN.match(name) or name == "demo-admin":
        query = select(User).where(User.username == name)
        user = session.scalar(query.with_for_update() if lock else query)
    if user is None:
        raise NotFound(f"Pengguna '{auth.printable(username)}' tidak ditemukan.",
                       hint="Lihat daftar dengan: tepat user list")
    return user


def _check_roles(roles: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(r.strip().lower() for r in roles if r.strip()))
    unknown = [r for r in chosen if r not in ROLES]
    if unknown:
        raise ValidationFailed([(
            "Peran", f"tidak dikenal: {', '.join(unknown)}; pilih dari {', '.join(ROLES)}"
        )])
    if not chosen:
        raise ValidationFailed([("Peran", f"pilih paling sedikit satu dari {', '.join(ROLES)}")])
    return tuple(sorted(chosen, key=ROLES.index))


def _check_scope(session: Session, codes: Iterable[str]) -> tuple[str, ...]:
    """Validate scope codes; kecamatan or kelurahan, known in the region list.

    A fresh database may not have loaded its region list yet; codes from the bundled
    Kota Serang list are added (with their parents) so a scope can be set on day one.
    """
    chosen = tuple(dict.fromkeys(c.strip() for c in codes if c.strip()))
    bundled = dict(kota_serang_codes())
    problems = []
    for code in chosen:
        try:
            level = level_of(code)
        except IndexError:
            level = ""
        if level not in SCOPE_LEVELS:
            what = "kota" if code.count(".") == 1 else "bukan kode kecamatan/kelurahan"
            advice = ("untuk seluruh kota kosongkan wilayah kerja, selain itu pakai kode "
                      "kecamatan (36.73.01) atau kelurahan (36.73.01.1001)")
            problems.append((f"Wilayah '{auth.printable(code, 20)}'", f"{what}; {advice}"))
            continue
        if session.get(Region, code) is None:
            if code not in bundled:
                problems.append((f"Wilayah '{code}'", "tidak ada dalam daftar wilayah"))
                continue
            _add_bundled_region(session, code, bundled)
    if problems:
        raise ValidationFailed(problems)
    covered = [c for c in chosen if any(c.startswith(o + ".") for o in chosen if o != c)]
    if covered:
        raise ValidationFailed([(
            "Wilayah kerja",
            f"{', '.join(covered)} sudah tercakup oleh kecamatannya; sebutkan salah satunya saja",
        )])
    return tuple(sorted(chosen))


def _add_bundled_region(session: Session, code: str, bundled: dict[str, str]) -> None:
    chain = []
    current: str | None = code
    while current is not None and session.get(Region, current) is None:
        chain.append(current)
        current = parent_of(current)
    for item in reversed(chain):
        session.add(Region(code=item, name=bundled.get(item, item), level=level_of(item),
                           parent_code=parent_of(item)))
        session.flush()


def _active_admins(session: Session) -> set[int]:
    return set(session.scalars(
        select(User.id).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role_code == permissions.ADMIN, User.active.is_(True),
               User.is_builtin.is_(False))
    ))


def _keep_an_admin(session: Session, user: User, *, losing_admin: bool) -> None:
    if losing_admin and _active_admins(session) <= {user.id}:
        raise PermissionDenied(
            f"'{user.username}' adalah satu-satunya administrator aktif.",
            hint="Jadikan pengguna lain administrator dulu, agar kantor tidak terkunci "
            "dari pengelolaan pengguna.",
        )


def add_user(
    session: Session,
    actor: Actor,
    username: str,
    password: str,
    *,
    roles: Sequence[str],
    scope: Sequence[str] = (),
    full_name: str = "",
    reason: str | None = None,
) -> UserRow:
    """Create a user with roles, a scope and a password (policy-checked). Audited."""
    permissions.require(actor, "user.manage")
    problems = []
    name = auth.normalise_username(username)
    if not auth.USERNAME_PATTERN.match(name):
        problems.append(("Nama pengguna", auth.USERNAME_RULE))
    elif session.scalar(select(User.id).where(User.username == name)) is not None:
        problems.append(("Nama pengguna", f"'{name}' sudah dipakai"))
    full_name = full_name.strip()
    if len(full_name) > 120 or auth.printable(full_name, 120) != full_name:
        problems.append(("Nama lengkap", "paling banyak 120 karakter, tanpa karakter kendali"))
    try:
        auth.check_password_policy(password, name)
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    if problems:
        raise ValidationFailed(problems)
    roles = _check_roles(roles)
    codes = _check_scope(session, scope)
    user = User(username=name, full_name=full_name, password_hash=auth.hash_password(password),
                active=True, is_builtin=False, failed_attempts=0, must_change_password=False)
    session.add(user)
    session.flush()
    session.add_all(UserRole(user_id=user.id, role_code=r) for r in roles)
    session.add_all(UserScope(user_id=user.id, region_code=c) for c in codes)
    session.flush()
    audit.record(session, actor, "create", "user", user.id, field="username", new=name,
                 reason=reason)
    audit.record(session, actor, "create", "user", user.id, field="roles", new=list(roles))
    audit.record(session, actor, "create", "user", user.id, field="scope",
                 new=list(codes) or "seluruh kota")
    return _row(session, user)


def _guard_builtin(user: User, what: str) -> None:
    if user.is_builtin:
        raise PermissionDenied(f"Administrator demo bawaan tidak dapat {what}.")


def set_roles(
    session: Session, actor: Actor, username: str, *, roles: Sequence[str],
    scope: Sequence[str] | None = None, full_name: str | None = None,
) -> UserRow:
    """Replace a user's roles (and scope and full name when given). Audited old → new."""
    permissions.require(actor, "user.manage")
    user = _find(session, username, lock=True)
    _guard_builtin(user, "diubah")
    before = _row(session, user)
    new_roles = _check_roles(roles)
    _keep_an_admin(session, user, losing_admin=(
        permissions.ADMIN in before.roles and permissions.ADMIN not in new_roles and user.active
    ))
    changes: dict[str, tuple[object, object]] = {}
    if set(new_roles) != set(before.roles):
        session.execute(delete(UserRole).where(UserRole.user_id == user.id))
        session.add_all(UserRole(user_id=user.id, role_code=r) for r in new_roles)
        changes["roles"] = (list(before.roles), list(new_roles))
    if scope is not None:
        codes = _check_scope(session, scope)
        old_codes = tuple(c for c, _ in before.scope)
        if set(codes) != set(old_codes):
            session.execute(delete(UserScope).where(UserScope.user_id == user.id))
            session.add_all(UserScope(user_id=user.id, region_code=c) for c in codes)
            changes["scope"] = (list(old_codes) or "seluruh kota", list(codes) or "seluruh kota")
    if full_name is not None and full_name.strip() != user.full_name:
        if len(full_name.strip()) > 120:
            raise ValidationFailed([("Nama lengkap", "paling banyak 120 karakter")])
        changes["full_name"] = (user.full_name, full_name.strip())
        user.full_name = full_name.strip()
    if changes:
        user.updated_at = auth.utcnow()  # bumps the version: a concurrent edit fails
        session.flush()
        audit.record_changes(session, actor, "user", user.id, changes)
    return _row(session, user)


def set_active(session: Session, actor: Actor, username: str, active: bool) -> UserRow:
    """Disable (or enable again) a user; a disabled user cannot sign in. Audited."""
    permissions.require(actor, "user.manage")
    user = _find(session, username, lock=True)
    _guard_builtin(user, "dinonaktifkan" if not active else "diaktifkan")
    if not active and user.id == actor.user_id:
        raise PermissionDenied("Anda tidak dapat menonaktifkan akun Anda sendiri.",
                               hint="Minta administrator lain melakukannya.")
    if user.active == active:
        return _row(session, user)
    roles = set(session.scalars(select(UserRole.role_code).where(UserRole.user_id == user.id)))
    _keep_an_admin(session, user, losing_admin=not active and permissions.ADMIN in roles)
    user.active = active
    if active:
        user.failed_attempts = 0
        user.locked_until = None
    session.flush()
    audit.record(session, actor, "disable" if not active else "enable", "user", user.id,
                 field="active", old=not active, new=active)
    return _row(session, user)


def disable_user(session: Session, actor: Actor, username: str) -> UserRow:
    return set_active(session, actor, username, False)


def enable_user(session: Session, actor: Actor, username: str) -> UserRow:
    return set_active(session, actor, username, True)


def reset_password(session: Session, actor: Actor, username: str, new_password: str) -> UserRow:
    """An administrator sets a new password for someone else; they must change it on sign-in."""
    permissions.require(actor, "user.manage")
    user = _find(session, username, lock=True)
    _guard_builtin(user, "diberi kata sandi")
    if user.id == actor.user_id:
        raise PermissionDenied(
            "Untuk akun Anda sendiri gunakan Ganti kata sandi.",
            hint="Pengaturan ulang oleh administrator berlaku untuk pengguna lain.",
        )
    auth.set_password(session, actor, user, new_password)
    session.flush()
    return _row(session, user)
