"""The acting user, passed to every service so permissions, scope and audit apply.

An Actor comes from signing in (:func:`db.auth.sign_in`), or, while a database has no
users yet, is the built-in demo administrator seeded by the first migration; services
never run "as nobody". What each role may do is decided by :mod:`db.permissions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import permissions
from db.errors import NotFound, PermissionDenied
from db.models import User, UserRole, UserScope

ROLES = permissions.ROLES
BUILTIN_ADMIN = "demo-admin"


@dataclass(frozen=True)
class Actor:
    user_id: int
    username: str
    roles: frozenset[str] = field(default_factory=frozenset)
    # Region codes the user may see; empty means the whole city.
    scope: frozenset[str] = field(default_factory=frozenset)
    is_builtin: bool = False
    full_name: str = ""
    # Set after an administrator reset the password: the user must choose a new one.
    must_change_password: bool = False

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def can(self, action: str) -> bool:
        """True when the permission matrix lets this actor do ``action`` (an ACTIONS code)."""
        return permissions.allowed(self, action)

    def require(self, *roles: str, action: str) -> None:
        """Raise :class:`PermissionDenied` unless the actor may do ``action``.

        ``action`` is preferably a code of :data:`db.permissions.ACTIONS`
        (``actor.require(action="register.edit")``): then the matrix alone decides and
        ``roles`` is not consulted. With free text, the actor must hold one of ``roles``.
        """
        if action in permissions.ACTIONS:
            permissions.require(self, action)
            return
        if not self.has_role(*roles):
            raise PermissionDenied(
                f"Pengguna '{self.username}' tidak berhak {action}.",
                hint="Peran yang diperlukan: " + ", ".join(roles) + ".",
            )


def load_actor(session: Session, username: str) -> Actor:
    """The actor for ``username`` with its roles and scope as stored now."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"Pengguna '{username}' tidak ditemukan.")
    roles = session.scalars(select(UserRole.role_code).where(UserRole.user_id == user.id)).all()
    scope = session.scalars(select(UserScope.region_code).where(UserScope.user_id == user.id)).all()
    return Actor(user.id, user.username, frozenset(roles), frozenset(scope), user.is_builtin,
                 user.full_name, user.must_change_password)


def demo_admin(session: Session) -> Actor:
    """The built-in administrator that acts while no one has signed in."""
    return load_actor(session, BUILTIN_ADMIN)


def in_scope(actor: Actor, kelurahan_column):  # type: ignore[no-untyped-def]
    """A SQL condition limiting rows to the actor's scope, applied to every register query.

    ``kelurahan_column`` is a column holding a kelurahan code (e.g. Household.kelurahan_code).
    A scope entry may be a kecamatan ("36.73.01") or a kelurahan ("36.73.01.1001").
    """
    from sqlalchemy import or_, true

    if not actor.scope:
        return true()
    conditions = []
    for code in sorted(actor.scope):
        if code.count(".") >= 3:
            conditions.append(kelurahan_column == code)
        else:
            conditions.append(kelurahan_column.like(code + ".%"))
    return or_(*conditions)
