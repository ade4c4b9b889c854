"""Who may do what: the one role × action matrix every service and the GUI consult.

A service names the action it is about to perform (``"register.edit"``, ``"proposal.approve"``)
and calls :func:`require` (or ``actor.require(action="register.edit")``, which lands here).
The GUI asks :func:`allowed` to hide what a role cannot do, but never relies on that: the
service refuses anyway.

Besides the roles that may always do an action, an action can name roles that may do it
only on records assigned to them (a field officer and the proposals given to them); such
services also call :func:`require_assigned` with the record's assignee, or filter lists with
:func:`proposal_condition`.

Where an actor may look is a separate axis, the scope (whole city, a kecamatan, listed
kelurahan): :func:`db.actor.in_scope` for queries, :func:`require_in_scope` for one record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, false, select, true

from db.errors import NotFound, PermissionDenied

if TYPE_CHECKING:
    from db.actor import Actor

OPERATOR = "operator"
FIELD_OFFICER = "field_officer"
REVIEWER = "reviewer"
SIGNATORY = "signatory"
ADMIN = "admin"
ROLES = (OPERATOR, FIELD_OFFICER, REVIEWER, SIGNATORY, ADMIN)

# The same names the first migration seeds into ``roles``; used in messages.
ROLE_NAMES = {
    OPERATOR: "Operator",
    FIELD_OFFICER: "Petugas lapangan",
    REVIEWER: "Peninjau",
    SIGNATORY: "Penandatangan (Camat)",
    ADMIN: "Administrator",
}


@dataclass(frozen=True)
class ActionDef:
    """One row of the matrix."""

    code: str
    label: str  # Indonesian verb phrase: "Anda tidak berhak <label>."
    roles: frozenset[str]
    # Roles that may do it only on records assigned to them (see require_assigned).
    assigned_roles: frozenset[str] = frozenset()
    # The area before the dot ("register", "proposal"): how screens group the matrix.
    group: str = ""

    @property
    def all_roles(self) -> frozenset[str]:
        return self.roles | self.assigned_roles


def _a(code: str, label: str, roles: Iterable[str], assigned: Iterable[str] = (),
       ) -> ActionDef:
    return ActionDef(code, label, frozenset(roles), frozenset(assigned), code.split(".")[0])


_O, _F, _R, _S, _A = OPERATOR, FIELD_OFFICER, REVIEWER, SIGNATORY, ADMIN
_DESK = (_O, _R, _S)  # the people at the kecamatan office who work with the register

ACTIONS: dict[str, ActionDef] = {
    d.code: d
    for d in (
        # The household register (households and their members).
        # A field officer sees only the households of proposals assigned to them.
        _a("register.view", "melihat register keluarga", _DESK, [_F]),
        _a("register.edit", "menambah atau mengubah data keluarga dan anggota", [_O]),
        _a("register.delete", "menghapus data keluarga", [_O]),
        _a("register.import", "mengimpor data keluarga", [_O]),
        _a("register.export", "mengekspor data keluarga", [_O]),
        _a("register.print", "mencetak data keluarga", _DESK),
        # Personal data: the full NIK and No. KK (others see 3673********0001).
        _a("nik.view_full", "melihat NIK dan No. KK lengkap", [_O], [_F]),
        # Proposals (usulan) and their workflow.
        _a("proposal.view", "melihat usulan", _DESK, [_F]),
        _a("proposal.create", "membuat usulan", [_O]),
        _a("proposal.edit", "mengubah usulan", [_O]),
        _a("proposal.submit", "mengajukan usulan", [_O]),
        _a("proposal.cancel", "membatalkan usulan", [_O]),
        _a("proposal.desk_check", "menjalankan pemeriksaan meja", [_O]),
        _a("proposal.assign", "menugaskan petugas lapangan", [_O, _R]),
        # Operators type in results from a paper checklist; officers enter their own.
        _a("proposal.field_result", "mengisi hasil verifikasi lapangan", [_O], [_F]),
        _a("proposal.review", "meninjau dan merekomendasikan usulan", [_R, _S]),
        _a("proposal.return", "mengembalikan usulan untuk diperbaiki", [_R, _S]),
        _a("proposal.override_finding", "mengesampingkan temuan pemeriksaan", [_R, _S]),
        _a("proposal.approve", "menyetujui atau menolak usulan", [_S]),
        _a("proposal.record_outcome", "mencatat keputusan Dinas atas usulan", [_O]),
        _a("proposal.export", "mengekspor daftar usulan", [_O, _R]),
        _a("proposal.print", "mencetak usulan atau daftar periksa lapangan", _DESK, [_F]),
        # Letters to the Dinas Sosial.
        _a("letter.view", "melihat register surat", _DESK),
        _a("letter.create", "membuat surat dan mengambil nomor", [_O]),
        _a("letter.sign", "menandatangani surat", [_S]),
        _a("letter.withdraw", "menarik surat", [_S]),
        _a("letter.print", "mencetak surat beserta lampirannya", [_O, _S]),
        # Programs, periods and quotas: the Camat opens rounds and splits quotas too.
        _a("quota.view", "melihat kuota", (_O, _R, _S, _A)),
        _a("program.manage", "menambah atau mengubah program bantuan", [_A]),
        _a("period.manage", "membuka atau menutup periode usulan", [_A, _S]),
        _a("quota.manage", "menetapkan kuota", [_A, _S]),
        # Reference data: coverage lists, region codes and boundaries.
        _a("reference.view", "melihat daftar rujukan", (_O, _R, _A)),
        _a("reference.import", "mengimpor daftar rujukan", [_A]),
        _a("regions.manage", "mengubah kode dan batas wilayah", [_A]),
        # Administration.
        _a("settings.edit", "mengubah pengaturan kantor", [_A]),
        _a("user.manage", "mengelola pengguna", [_A]),
        _a("audit.view", "melihat catatan audit", [_A]),
        _a("audit.export", "mengekspor catatan audit", [_A]),
        _a("backup.create", "membuat cadangan basis data", [_A]),
        _a("demo.generate", "memuat data demo", [_A]),
    )
}


def action(code: str) -> ActionDef:
    """The matrix row for ``code``; an unknown code is a programming error, said plainly."""
    try:
        return ACTIONS[code]
    except KeyError:
        raise KeyError(f"unknown permission action {code!r}; add it to db.permissions.ACTIONS")


def allowed(actor: Actor, code: str) -> bool:
    """True when one of the actor's roles may do ``code`` (perhaps only on assigned records)."""
    return bool(actor.roles & action(code).all_roles)


def allowed_unrestricted(actor: Actor, code: str) -> bool:
    """True when the actor may do ``code`` on any record in scope, not only assigned ones."""
    return bool(actor.roles & action(code).roles)


def role_names(roles: Iterable[str]) -> str:
    return ", ".join(ROLE_NAMES.get(r, r) for r in sorted(roles, key=_role_order))


def _role_order(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)


def require(actor: Actor, code: str) -> None:
    """Raise :class:`PermissionDenied` unless the actor may do ``code`` at all."""
    defn = action(code)
    if actor.roles & defn.all_roles:
        return
    raise PermissionDenied(
        f"Pengguna '{actor.username}' tidak berhak {defn.label}.",
        hint=f"Peran yang berhak: {role_names(defn.all_roles)}. Hubungi administrator "
        "bila Anda memerlukannya.",
    )


def require_assigned(actor: Actor, code: str, assigned_to_id: int | None) -> None:
    """Like :func:`require`, and for assigned-only roles the record must be theirs."""
    require(actor, code)
    if allowed_unrestricted(actor, code) or assigned_to_id == actor.user_id:
        return
    raise PermissionDenied(
        f"Usulan ini tidak ditugaskan kepada '{actor.username}', jadi Anda tidak berhak "
        f"{action(code).label} untuknya.",
        hint="Petugas lapangan hanya bekerja pada usulan yang ditugaskan kepadanya.",
    )


def covers(actor: Actor, kelurahan_code: str | None) -> bool:
    """True when a record in ``kelurahan_code`` lies inside the actor's scope."""
    if not actor.scope:
        return True
    if not kelurahan_code:
        return False
    return any(
        kelurahan_code == code or kelurahan_code.startswith(code + ".") for code in actor.scope
    )


def require_in_scope(actor: Actor, kelurahan_code: str | None, what: str) -> None:
    """Refuse a record outside the actor's scope as if it did not exist.

    The message is the same for a record that does not exist, so a user cannot learn
    that a NIK is registered elsewhere in the city.
    """
    if not covers(actor, kelurahan_code):
        raise NotFound(
            f"{what} tidak ditemukan di wilayah kerja Anda.",
            hint="Bila seharusnya ada, periksa nomornya atau minta administrator "
            "memperluas wilayah kerja Anda.",
        )


def proposal_condition(actor: Actor, code: str = "proposal.view") -> ColumnElement[bool]:
    """SQL condition on proposals the actor may see or act on for ``code``.

    Combines the role (nothing at all without it), the assignment for assigned-only
    roles, and the scope through the proposal's household.
    """
    from db.actor import in_scope
    from db.models import Household, Proposal

    if not allowed(actor, code):
        return false()
    assignment = (
        true() if allowed_unrestricted(actor, code) else Proposal.assigned_to_id == actor.user_id
    )
    if not actor.scope:
        return assignment
    households = select(Household.id).where(in_scope(actor, Household.kelurahan_code))
    return and_(assignment, Proposal.household_id.in_(households))


def household_condition(actor: Actor, code: str = "register.view") -> ColumnElement[bool]:
    """SQL condition on households the actor may see (or act on) for ``code``.

    Roles that may do ``code`` outright get every household in their scope; roles that
    may do it only on assigned records (a field officer) get the households of
    proposals assigned to them, in scope; everyone else gets nothing.
    """
    from db.actor import in_scope
    from db.models import Household, Proposal

    if allowed_unrestricted(actor, code):
        return in_scope(actor, Household.kelurahan_code)
    if allowed(actor, code):
        assigned = select(Proposal.household_id).where(Proposal.assigned_to_id == actor.user_id)
        return and_(Household.id.in_(assigned), in_scope(actor, Household.kelurahan_code))
    return false()


def matrix() -> list[tuple[str, str, dict[str, str]]]:
    """The matrix as rows for documents and the user-admin screen.

    Each row: (action code, Indonesian label, {role: "ya" | "ditugaskan" | ""}).
    """
    rows = []
    for code, defn in ACTIONS.items():
        cells = {}
        for role in ROLES:
            if role in defn.roles:
                cells[role] = "ya"
            else:
                cells[role] = "ditugaskan" if role in defn.assigned_roles else ""
        rows.append((code, defn.label, cells))
    return rows
