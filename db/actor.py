"""The acting user, passed to every service so permissions, scope and audit apply.

Until sign-in exists the built-in demo administrator (seeded by the first migration)
acts; services never run "as nobody".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import NotFound, PermissionDenied
from db.models import User, UserRole, UserScope

ROLES = ("operator", "field_officer", "reviewer", "signatory", "admin")
BUILTIN_ADMIN = "demo-admin"


@dataclass(frozen=True)
class Actor:
    user_id: int
    username: str
    roles: frozenset[str] = field(default_factory=frozenset)
    # Region codes the user may see; empty means the whole city.
    scope: frozenset[str] = field(default_factory=frozenset)
    is_builtin: bool = False

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def require(self, *roles: str, action: str) -> None:
        """Raise :class:`PermissionDenied` unless the actor holds one of ``roles``."""
        if not self.has_role(*roles):
            raise PermissionDenied(
                f"Pengguna '{self.username}' tidak berhak {action}.",
                hint="Peran yang diperlukan: " + ", ".join(roles) + ".",
            )


def load_actor(session: Session, username: str) -> Actor:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"Pengguna '{username}' tidak ditemukan.")
    roles = session.scalars(select(UserRole.role_code).where(UserRole.user_id == user.id)).all()
    scope = session.scalars(select(UserScope.region_code).where(UserScope.user_id == user.id)).all()
    return Actor(user.id, user.username, frozenset(roles), frozenset(scope), user.is_builtin)


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
