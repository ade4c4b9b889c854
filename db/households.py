"""The household register's services: read, create, update, split and mark deceased.

Households and members cross to the GUI as frozen dataclasses (:class:`HouseholdData`,
:class:`MemberData`); the GUI edits a copy and hands it back to :func:`save_household`.

Optimistic locking: a household's ``version`` rises with every change to it *or to any of
its members* (a member edit touches the household row), so the household version alone
tells whether someone else saved in between. A save against an older version raises
:class:`~db.errors.RecordChanged` carrying what the other user changed (field, their
value, your value) and the record as it is now; :func:`reapply` puts the caller's own
edits on top of that record so nothing typed is lost.

People are never deleted: a member who died is marked deceased, one who left is moved to
another household (:func:`move_members`, also used to split a KK). Every change appends
audit events, one per field, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from db import audit, codes, nik, permissions, validation
from db.actor import Actor
from db.errors import NotFound, RecordChanged, ValidationFailed
from db.models import (
    Attachment,
    AuditEvent,
    Household,
    Member,
    Period,
    Program,
    Proposal,
    Region,
    utcnow,
)

# Editable household attributes, in form order (model column names).
HOUSEHOLD_FIELDS: tuple[str, ...] = (
    "no_kk", "kelurahan_code", "address", "rt", "rw", "longitude", "latitude", "desil",
    "income_bracket",
    "land_status", "land_document", "other_house", "roof_material", "roof_condition",
    "roof_frame_sound", "wall_material", "wall_condition", "columns_beams", "floor_material",
    "floor_condition", "foundation_sloof", "collapse_risk", "hazard_site", "floor_area_m2",
    "occupants", "bedrooms", "ventilation_ok", "daylight_ok", "toilet", "toilet_type",
    "sewage", "water_source", "water_septic_distance_m", "electricity", "electricity_va",
    "notes",
)
# The house-condition checklist part of HOUSEHOLD_FIELDS (DOMAIN.md).
HOUSE_FIELDS: tuple[str, ...] = HOUSEHOLD_FIELDS[HOUSEHOLD_FIELDS.index("land_status"):-1]
# Editable member attributes, in table order. ``relationship`` is column "relationship".
MEMBER_FIELDS: tuple[str, ...] = (
    "nik", "name", "sex", "birth_place", "birth_date", "relationship", "marital_status",
    "occupation", "education", "disability", "chronic_illness", "pregnant", "jkn_status",
    "jkn_segment", "asn_tni_polri", "deceased", "deceased_date",
)
_MEMBER_ATTR = {"relationship": "relationship_code"}

# Attachments: photos of the house and scanned documents, kept in the database.
MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024
THUMBNAIL_PX = 240
ATTACHMENT_KINDS: tuple[str, ...] = (
    "photo_front", "photo_side", "photo_back", "photo_roof", "photo_floor",
    "photo_sanitation", "photo_other", "document_kk", "document_ktp", "document_land",
    "document_other",
)
_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


@dataclass(frozen=True)
class MemberData:
    """One person on a KK. ``id`` None: not saved yet."""

    id: int | None = None
    version: int | None = None
    nik: str = ""
    name: str = ""
    sex: str = ""
    birth_place: str = ""
    birth_date: dt.date | None = None
    relationship: str = ""
    marital_status: str | None = None
    occupation: str | None = None
    education: str | None = None
    disability: str | None = None
    chronic_illness: bool = False
    pregnant: bool = False
    jkn_status: str = "none"
    jkn_segment: str | None = None
    asn_tni_polri: bool = False
    deceased: bool = False
    deceased_date: dt.date | None = None


@dataclass(frozen=True)
class HouseholdData:
    """A household with its members. ``id`` None: not saved yet.

    ``kelurahan_name``, ``kecamatan_code``, ``kecamatan_name`` and ``updated_at`` are for
    display; saving ignores them.
    """

    id: int | None = None
    version: int | None = None
    no_kk: str = ""
    kelurahan_code: str = ""
    address: str = ""
    rt: str = ""
    rw: str = ""
    longitude: float | None = None
    latitude: float | None = None
    desil: int | None = None
    income_bracket: str | None = None
    land_status: str | None = None
    land_document: str | None = None
    other_house: bool | None = None
    roof_material: str | None = None
    roof_condition: str | None = None
    roof_frame_sound: bool | None = None
    wall_material: str | None = None
    wall_condition: str | None = None
    columns_beams: bool | None = None
    floor_material: str | None = None
    floor_condition: str | None = None
    foundation_sloof: bool | None = None
    collapse_risk: bool | None = None
    hazard_site: bool | None = None
    floor_area_m2: float | None = None
    occupants: int | None = None
    bedrooms: int | None = None
    ventilation_ok: bool | None = None
    daylight_ok: bool | None = None
    toilet: str | None = None
    toilet_type: str | None = None
    sewage: str | None = None
    water_source: str | None = None
    water_septic_distance_m: float | None = None
    electricity: str | None = None
    electricity_va: int | None = None
    notes: str = ""
    members: tuple[MemberData, ...] = ()
    kelurahan_name: str = ""
    kecamatan_code: str = ""
    kecamatan_name: str = ""
    updated_at: dt.datetime | None = None

    @property
    def head(self) -> MemberData | None:
        """The living head of the household, if there is one."""
        for member in self.members:
            if member.relationship == "head" and not member.deceased:
                return member
        return None

    def member(self, member_id: int) -> MemberData | None:
        for member in self.members:
            if member.id == member_id:
                return member
        return None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (dates as ISO text)."""
        def plain(value: Any) -> Any:
            return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value

        data = {f.name: plain(getattr(self, f.name)) for f in fields(self) if f.name != "members"}
        data["members"] = [
            {f.name: plain(getattr(m, f.name)) for f in fields(m)} for m in self.members
        ]
        return data


def same_content(a: HouseholdData, b: HouseholdData) -> bool:
    """True when ``a`` and ``b`` hold the same editable values (display fields ignored)."""
    if any(getattr(a, f) != getattr(b, f) for f in HOUSEHOLD_FIELDS):
        return False
    if len(a.members) != len(b.members):
        return False
    return all(
        ma.id == mb.id and all(getattr(ma, f) == getattr(mb, f) for f in MEMBER_FIELDS)
        for ma, mb in zip(a.members, b.members)
    )


@dataclass(frozen=True)
class SaveResult:
    """What :func:`save_household` stored and what it warns about."""

    household: HouseholdData
    warnings: tuple[validation.Problem, ...]
    created: bool
    changed_fields: int  # audit events written (one per changed field)


@dataclass(frozen=True)
class FieldConflict:
    """One field the other user changed since the caller loaded the record.

    ``member_id``/``member_name`` are set for a member field. ``field`` is an attribute
    name, or ``"membership"`` for a member who joined (theirs is the name) or left (yours
    is the name). ``label`` is the Indonesian name of the field.
    """

    entity: str  # "household" or "member"
    member_id: int | None
    member_name: str
    field: str
    label: str
    base: Any
    theirs: Any
    yours: Any

    @property
    def both_changed(self) -> bool:
        """The caller changed this field too, to something else: re-applying overrides theirs."""
        return self.yours != self.base and self.yours != self.theirs


# --------------------------------------------------------------------------- reading


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _scope_condition(actor: Actor):  # type: ignore[no-untyped-def]
    return permissions.household_condition(actor, "register.view")


def _member_data(m: Member, masked: bool) -> MemberData:
    return MemberData(
        id=m.id, version=m.version, nik=nik.mask(m.nik) if masked else m.nik, name=m.name,
        sex=m.sex, birth_place=m.birth_place, birth_date=m.birth_date,
        relationship=m.relationship_code, marital_status=m.marital_status,
        occupation=m.occupation, education=m.education, disability=m.disability,
        chronic_illness=m.chronic_illness, pregnant=m.pregnant, jkn_status=m.jkn_status,
        jkn_segment=m.jkn_segment, asn_tni_polri=m.asn_tni_polri, deceased=m.deceased,
        deceased_date=m.deceased_date,
    )


def _kk_order(m: Member) -> tuple[int, dt.date, int]:
    """The order a KK lists people in: head, spouse, children..., each eldest first."""
    rank = (codes.RELATIONSHIP.index(m.relationship_code)
            if m.relationship_code in codes.RELATIONSHIP else len(codes.RELATIONSHIP))
    return rank, m.birth_date or dt.date.max, m.id


def _snapshot(session: Session, h: Household, masked: bool = False) -> HouseholdData:
    kelurahan = session.get(Region, h.kelurahan_code)
    kecamatan = (session.get(Region, kelurahan.parent_code)
                 if kelurahan and kelurahan.parent_code else None)
    values = {f: getattr(h, f) for f in HOUSEHOLD_FIELDS}
    if masked:
        values["no_kk"] = nik.mask(h.no_kk)
    members = sorted(h.members, key=_kk_order)
    return HouseholdData(
        id=h.id, version=h.version, members=tuple(_member_data(m, masked) for m in members),
        kelurahan_name=kelurahan.name if kelurahan else "",
        kecamatan_code=kecamatan.code if kecamatan else "",
        kecamatan_name=kecamatan.name if kecamatan else "",
        updated_at=_utc(h.updated_at), **values,
    )


def _load(session: Session, actor: Actor, household_id: int, *, for_update: bool = False
          ) -> Household:
    query = (
        select(Household).options(selectinload(Household.members))
        .where(Household.id == household_id, _scope_condition(actor))
    )
    if for_update:
        query = query.execution_options(populate_existing=True)
    household = session.scalar(query)
    if household is None:
        raise NotFound(
            "Keluarga tidak ditemukan di wilayah kerja Anda.",
            hint="Mungkin sudah dipindahkan atau di luar wilayah kerja; cari lagi di register.",
        )
    return household


def get_household(session: Session, actor: Actor, household_id: int) -> HouseholdData:
    """A household with its members in KK order, as the actor may see it.

    Users without ``nik.view_full`` get masked NIK and No. KK.
    """
    permissions.require(actor, "register.view")
    household = _load(session, actor, household_id)
    return _snapshot(session, household, masked=not actor.can("nik.view_full"))


def find_household_id(session: Session, actor: Actor, number: str) -> int:
    """The household whose No. KK, or one of whose members' NIK, is ``number``.

    ``number`` may carry spaces or dashes; a float-mangled number is refused with the
    reason. Raises :class:`NotFound` when nothing in the actor's scope matches.
    """
    permissions.require(actor, "register.view")
    try:
        digits = nik.normalise(number, "NIK/No. KK")
    except nik.NumberRejected as exc:
        raise ValidationFailed([("nomor", exc.reason)]) from exc
    found = session.scalar(
        select(Household.id).where(Household.no_kk == digits, _scope_condition(actor))
    )
    if found is None:
        found = session.scalar(
            select(Member.household_id)
            .join(Household, Household.id == Member.household_id)
            .where(Member.nik == digits, _scope_condition(actor))
        )
    if found is None:
        raise NotFound(
            f"Tidak ada keluarga dengan No. KK atau NIK {digits} di wilayah kerja Anda.",
            hint="Periksa nomornya, atau cari dengan nama: tepat find NAMA.",
        )
    return int(found)


def record_viewed(session: Session, actor: Actor, household_id: int, purpose: str) -> None:
    """Note in the audit trail that the actor opened a household's personal data."""
    audit.record(session, actor, "view", "household", household_id, reason=purpose)


# --------------------------------------------------------------------------- conflicts


def _label(entity: str, name: str) -> str:
    labels = validation.HOUSEHOLD_LABELS if entity == "household" else validation.MEMBER_LABELS
    return labels.get(name, name)


def conflicts(base: HouseholdData, mine: HouseholdData, current: HouseholdData
              ) -> list[FieldConflict]:
    """What changed between ``base`` (what the caller loaded) and ``current`` (stored now).

    Each entry also carries the caller's value from ``mine``.
    """
    found: list[FieldConflict] = []
    for name in HOUSEHOLD_FIELDS:
        before, now = getattr(base, name), getattr(current, name)
        if before != now:
            found.append(FieldConflict("household", None, "", name, _label("household", name),
                                       before, now, getattr(mine, name)))
    base_members = {m.id: m for m in base.members if m.id is not None}
    mine_members = {m.id: m for m in mine.members if m.id is not None}
    for member in current.members:
        old = base_members.get(member.id)
        yours = mine_members.get(member.id)
        if old is None:
            found.append(FieldConflict("member", member.id, member.name, "membership",
                                       "Anggota", None, member.name, None))
            continue
        for name in MEMBER_FIELDS:
            before, now = getattr(old, name), getattr(member, name)
            if before != now:
                found.append(FieldConflict(
                    "member", member.id, member.name, name, _label("member", name), before, now,
                    getattr(yours, name) if yours is not None else before,
                ))
    current_ids = {m.id for m in current.members}
    for member_id, old in base_members.items():
        if member_id not in current_ids:
            found.append(FieldConflict("member", member_id, old.name, "membership", "Anggota",
                                       old.name, None, old.name))
    return found


def reapply(base: HouseholdData, mine: HouseholdData, current: HouseholdData) -> HouseholdData:
    """The caller's edits (``mine`` against ``base``) applied on top of ``current``.

    A field the caller did not touch keeps the other user's value; a field both changed
    takes the caller's. New members are appended; edits to a member who has left the
    household meanwhile are dropped (the member is no longer on this KK). The result
    carries ``current``'s version, so saving it succeeds unless yet another save came in.
    """
    values = {
        name: getattr(mine, name) if getattr(mine, name) != getattr(base, name)
        else getattr(current, name)
        for name in HOUSEHOLD_FIELDS
    }
    base_members = {m.id: m for m in base.members if m.id is not None}
    mine_members = {m.id: m for m in mine.members if m.id is not None}
    merged: list[MemberData] = []
    for member in current.members:
        old, yours = base_members.get(member.id), mine_members.get(member.id)
        if old is None or yours is None:
            merged.append(member)
            continue
        edits = {n: getattr(yours, n) for n in MEMBER_FIELDS
                 if getattr(yours, n) != getattr(old, n)}
        merged.append(replace(member, **edits))
    merged.extend(m for m in mine.members if m.id is None)
    return replace(current, members=tuple(merged), **values)


def _raise_changed(session: Session, actor: Actor, household: Household,
                   base: HouseholdData, mine: HouseholdData) -> None:
    current = _snapshot(session, household)
    found = conflicts(base, mine, current)
    last = session.execute(
        select(AuditEvent.username, AuditEvent.at)
        .where(AuditEvent.action != "view", AuditEvent.entity == "household",
               AuditEvent.entity_id == str(household.id))
        .order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    who = f" oleh {last.username}" if last is not None else ""
    raise RecordChanged(
        f"Data keluarga KK {household.no_kk} sudah diubah{who} setelah Anda membukanya.",
        hint="Muat ulang data terbaru, atau terapkan ulang perubahan Anda di atasnya.",
        changes=found, current=current, by=last.username if last else None,
        at=last.at if last else None,
    )


# --------------------------------------------------------------------------- saving


def _member_values(member: MemberData) -> dict[str, Any]:
    values = {_MEMBER_ATTR.get(n, n): getattr(member, n) for n in MEMBER_FIELDS}
    values["name_key"] = codes.name_key(member.name)
    return values


def _audit_new(session: Session, actor: Actor, entity: str, entity_id: int,
               values: Mapping[str, Any], action: str = "create") -> int:
    """One event per field that holds something, so a record's history starts complete."""
    count = 0
    for name, value in values.items():
        if value not in (None, "", False):
            audit.record(session, actor, action, entity, entity_id, field=name, new=value)
            count += 1
    if count == 0:
        audit.record(session, actor, action, entity, entity_id)
    return count


def save_household(
    session: Session,
    actor: Actor,
    data: HouseholdData,
    *,
    base: HouseholdData | None = None,
    today: dt.date | None = None,
) -> SaveResult:
    """Create (``data.id`` None) or update a household and its members.

    ``base`` is the record as the caller loaded it; on a version conflict it lets the
    error say what the other user changed. Validation errors raise
    :class:`~db.errors.ValidationFailed` and nothing is written; warnings come back in
    the result. Members missing from ``data`` are not deleted: that is refused.
    """
    actor.require(action="register.edit")
    household: Household | None = None
    if data.id is not None:
        household = _load(session, actor, data.id, for_update=True)
        if household.version != data.version:
            _raise_changed(session, actor, household, base or data, data)
    check = validation.check_household(session, data, actor=actor, today=today)
    check.raise_errors()
    clean = check.cleaned
    try:
        if household is None:
            household, count = _create(session, actor, clean)
            created = True
        else:
            count = _update(session, actor, household, clean)
            created = False
        session.flush()
    except StaleDataError:
        # Another transaction saved between our read and our write.
        raise RecordChanged(
            "Data keluarga ini baru saja disimpan oleh pengguna lain.",
            hint="Muat ulang data terbaru, atau terapkan ulang perubahan Anda di atasnya.",
            changes=[], current=None,
        ) from None
    session.refresh(household, attribute_names=["members"])
    return SaveResult(_snapshot(session, household), tuple(check.warnings), created, count)


def _create(session: Session, actor: Actor, clean: HouseholdData) -> tuple[Household, int]:
    household = Household(**{f: getattr(clean, f) for f in HOUSEHOLD_FIELDS})
    session.add(household)
    session.flush()
    count = _audit_new(session, actor, "household", household.id,
                       {f: getattr(clean, f) for f in HOUSEHOLD_FIELDS})
    for member in clean.members:
        count += _add_member(session, actor, household, member)
    return household, count


def _add_member(session: Session, actor: Actor, household: Household, member: MemberData
                ) -> int:
    row = Member(**_member_values(member))
    household.members.append(row)
    session.flush()
    values = {n: getattr(member, n) for n in MEMBER_FIELDS}
    values["household"] = f"KK {household.no_kk}"
    return _audit_new(session, actor, "member", row.id, values)


def _update(session: Session, actor: Actor, household: Household, clean: HouseholdData) -> int:
    changes = {
        f: (getattr(household, f), getattr(clean, f))
        for f in HOUSEHOLD_FIELDS if getattr(household, f) != getattr(clean, f)
    }
    for name, (_old, new) in changes.items():
        setattr(household, name, new)
    audit.record_changes(session, actor, "household", household.id, changes)
    count = len(changes)

    existing = {m.id: m for m in household.members}
    kept: set[int] = set()
    members_changed = False
    for row, member in enumerate(clean.members):
        if member.id is None:
            count += _add_member(session, actor, household, member)
            members_changed = True
            continue
        stored = existing.get(member.id)
        if stored is None:
            raise ValidationFailed([(validation.member_field(row, "nik"), (
                f"Anggota baris {row + 1} ({member.name}) tidak lagi terdaftar pada KK ini; "
                "muat ulang data keluarga."))])
        kept.add(member.id)
        member_changes = {}
        for name in MEMBER_FIELDS:
            attr = _MEMBER_ATTR.get(name, name)
            old, new = getattr(stored, attr), getattr(member, name)
            if old != new:
                member_changes[name] = (old, new)
                setattr(stored, attr, new)
        if "name" in member_changes:
            stored.name_key = codes.name_key(member.name)
        if member_changes:
            audit.record_changes(session, actor, "member", stored.id, member_changes)
            count += len(member_changes)
            members_changed = True
    dropped = [m for mid, m in existing.items() if mid not in kept]
    if dropped:
        names = ", ".join(m.name for m in dropped)
        raise ValidationFailed([("members", (
            f"Anggota tidak boleh dihapus dari register ({names}). Tandai meninggal bila "
            "sudah meninggal, atau pindahkan ke KK lain."))])
    if members_changed and not changes:
        # Touch the household row so its version rises with its members' changes.
        household.updated_at = utcnow()
    return count


# --------------------------------------------------------------------------- moves, deaths


@dataclass(frozen=True)
class MoveResult:
    source: HouseholdData
    target: HouseholdData
    target_created: bool


def move_members(
    session: Session,
    actor: Actor,
    source_id: int,
    source_version: int,
    member_ids: Sequence[int],
    *,
    relationships: Mapping[int, str],
    target_id: int | None = None,
    target_version: int | None = None,
    new_household: HouseholdData | None = None,
    source_new_head: int | None = None,
    today: dt.date | None = None,
) -> MoveResult:
    """Move members to another household, or split them off into a new KK.

    Give either ``target_id`` (with ``target_version``) or ``new_household`` (its
    address and No. KK; its ``members`` are ignored). ``relationships`` gives each moved
    member's relationship to the target's head. When the source's head moves,
    ``source_new_head`` names who heads what remains. Both households are validated as
    they will be after the move; nothing is written if either is refused.
    """
    actor.require(action="register.edit")
    if (target_id is None) == (new_household is None):
        raise ValueError("give exactly one of target_id and new_household")
    if not member_ids:
        raise ValidationFailed([("members",
                                 "Pilih paling sedikit satu anggota untuk dipindahkan.")])
    source = _load(session, actor, source_id, for_update=True)
    source_data = _snapshot(session, source)
    if source.version != source_version:
        _raise_changed(session, actor, source, source_data, source_data)
    moving = [source_data.member(mid) for mid in member_ids]
    problems: list[tuple[str, str]] = []
    for mid, member in zip(member_ids, moving):
        if member is None:
            problems.append(("members", f"Anggota {mid} tidak terdaftar pada KK {source.no_kk}."))
        elif member.deceased:
            problems.append(("members",
                             f"{member.name} sudah meninggal dan tidak dapat dipindahkan."))
        elif relationships.get(mid) not in codes.RELATIONSHIP:
            problems.append(("members",
                             f"Pilih hubungan {member.name} dengan kepala keluarga tujuan."))
    if problems:
        raise ValidationFailed(problems)
    moved_ids = set(member_ids)
    remaining = [m for m in source_data.members if m.id not in moved_ids]
    if not any(not m.deceased for m in remaining):
        raise ValidationFailed([("members", (
            f"Semua anggota yang masih hidup akan keluar dari KK {source.no_kk}; pindahkan "
            "lebih sedikit anggota, atau ubah data KK itu sendiri."))])
    if source_new_head is not None:
        remaining = [
            replace(m, relationship="head") if m.id == source_new_head
            else m for m in remaining
        ]
    source_after = replace(source_data, members=tuple(remaining))
    moved = tuple(replace(m, relationship=relationships[m.id]) for m in moving if m is not None)

    target: Household | None = None
    if target_id is not None:
        if target_id == source_id:
            raise ValidationFailed([("target", "KK tujuan sama dengan KK asal.")])
        target = _load(session, actor, target_id, for_update=True)
        target_data = _snapshot(session, target)
        if target.version != target_version:
            _raise_changed(session, actor, target, target_data, target_data)
        target_after = replace(target_data, members=target_data.members + moved)
    else:
        assert new_household is not None
        target_after = replace(new_household, id=None, version=None, members=moved)

    src_check = validation.check_household(session, source_after, actor=actor, today=today)
    tgt_check = validation.check_household(session, target_after, actor=actor, today=today)
    errors = [(f"asal.{p.field}", f"KK asal: {p.message}") for p in src_check.errors]
    errors += [(f"tujuan.{p.field}", f"KK tujuan: {p.message}") for p in tgt_check.errors]
    if errors:
        raise ValidationFailed(errors)

    created = target is None
    if target is None:
        clean = tgt_check.cleaned
        target = Household(**{f: getattr(clean, f) for f in HOUSEHOLD_FIELDS})
        session.add(target)
        session.flush()
        _audit_new(session, actor, "household", target.id,
                   {f: getattr(clean, f) for f in HOUSEHOLD_FIELDS}, action="split")
    rows = {m.id: m for m in source.members}
    for member in moved:
        row = rows[member.id]  # type: ignore[index]
        audit.record(session, actor, "move", "member", row.id, field="household",
                     old=f"KK {source.no_kk}", new=f"KK {target.no_kk}")
        if row.relationship_code != member.relationship:
            audit.record(session, actor, "move", "member", row.id, field="relationship",
                         old=row.relationship_code, new=member.relationship)
        row.relationship_code = member.relationship
        # Through the relationship, so the row never has no household in between.
        row.household = target
        audit.record(session, actor, "move_out", "household", source.id, field="members",
                     old=row.name, new=f"KK {target.no_kk}")
        audit.record(session, actor, "move_in", "household", target.id, field="members",
                     old=f"KK {source.no_kk}", new=row.name)
    if source_new_head is not None:
        head = rows.get(source_new_head)
        if head is not None and head.relationship_code != "head":
            audit.record(session, actor, "update", "member", head.id, field="relationship",
                         old=head.relationship_code, new="head")
            head.relationship_code = "head"
    source.updated_at = utcnow()
    if not created:
        target.updated_at = utcnow()
    try:
        session.flush()
    except StaleDataError:
        raise RecordChanged("Data keluarga ini baru saja disimpan oleh pengguna lain.",
                            hint="Muat ulang lalu pindahkan lagi.", changes=[],
                            current=None) from None
    session.refresh(source, attribute_names=["members"])
    session.refresh(target, attribute_names=["members"])
    return MoveResult(_snapshot(session, source), _snapshot(session, target), created)


def mark_deceased(
    session: Session,
    actor: Actor,
    household_id: int,
    household_version: int,
    member_id: int,
    date: dt.date | None,
    *,
    new_head_id: int | None = None,
    today: dt.date | None = None,
) -> SaveResult:
    """Mark a member deceased (kept on the KK, never deleted).

    When the member is the head, ``new_head_id`` names the member who heads the family
    from now on; without it the save is refused (a KK needs a living head).
    """
    current = get_household(session, actor, household_id)
    if current.member(member_id) is None:
        raise NotFound(f"Anggota {member_id} tidak terdaftar pada KK {current.no_kk}.")
    members = []
    for member in current.members:
        if member.id == member_id:
            member = replace(member, deceased=True, deceased_date=date)
        elif member.id == new_head_id:
            member = replace(member, relationship="head")
        members.append(member)
    edited = replace(current, version=household_version, members=tuple(members))
    return save_household(session, actor, edited, base=current, today=today)


# --------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryEntry:
    """One audit event about a household or one of its members, for the history panel."""

    at: dt.datetime
    username: str
    action: str
    entity: str  # "household" or "member"
    entity_id: str | None
    subject: str  # "" for the household itself, else the member's name
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None


def history(session: Session, actor: Actor, household_id: int, limit: int = 1000
            ) -> list[HistoryEntry]:
    """Changes to a household and its present members, newest first (views left out)."""
    household = _load(session, actor, household_id)
    names = {str(m.id): m.name for m in household.members}
    rows = session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.action != "view",
            ((AuditEvent.entity == "household") & (AuditEvent.entity_id == str(household_id)))
            | ((AuditEvent.entity == "member") & AuditEvent.entity_id.in_(list(names) or ["-"]))
            | ((AuditEvent.entity == "attachment")
               & (AuditEvent.reason == f"household:{household_id}")),
        )
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    return [
        HistoryEntry(_utc(r.at), r.username, r.action, r.entity, r.entity_id,
                     names.get(r.entity_id or "", "") if r.entity == "member" else "",
                     r.field, r.old_value, r.new_value, r.reason)
        for r in rows
    ]


# --------------------------------------------------------------------------- proposals


@dataclass(frozen=True)
class ProposalSummary:
    id: int
    program_code: str
    program_name: str
    period_name: str
    member_name: str  # "" for a household proposal (RTLH)
    state: str
    updated_at: dt.datetime


def proposals_of(session: Session, actor: Actor, household_id: int) -> list[ProposalSummary]:
    """The household's proposals with their states, newest first."""
    _load(session, actor, household_id)
    rows = session.execute(
        select(Proposal.id, Program.code, Program.name, Period.name, Member.name, Proposal.state,
               Proposal.updated_at)
        .join(Program, Program.id == Proposal.program_id)
        .join(Period, Period.id == Proposal.period_id)
        .join(Member, Member.id == Proposal.member_id, isouter=True)
        .where(Proposal.household_id == household_id)
        .order_by(Proposal.id.desc())
    ).all()
    return [ProposalSummary(r[0], r[1], r[2], r[3], r[4] or "", r[5], _utc(r[6])) for r in rows]


# --------------------------------------------------------------------------- attachments


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment without its content (the thumbnail is small and included)."""

    id: int
    household_id: int | None
    kind: str
    filename: str
    mime_type: str
    size_bytes: int
    sha256: str
    thumbnail: bytes | None
    taken_at: dt.datetime | None
    created_at: dt.datetime


def _attachment_info(a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(a.id, a.household_id, a.kind, a.filename, a.mime_type, a.size_bytes,
                          a.sha256, a.thumbnail, a.taken_at, _utc(a.created_at))


def _inspect_content(filename: str, content: bytes) -> tuple[str, bytes | None, dt.datetime | None]:
    """(MIME type, JPEG thumbnail, when the photo was taken) or ValidationFailed."""
    if content.startswith(b"%PDF-"):
        return "application/pdf", None, None
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(content))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationFailed([("berkas", (
            f"{filename} bukan foto (JPEG, PNG, WebP) atau dokumen PDF yang dapat dibaca."))]
        ) from exc
    mime = _IMAGE_TYPES.get(image.format or "")
    if mime is None:
        raise ValidationFailed([("berkas", (
            f"{filename} berformat {image.format}; simpan sebagai JPEG, PNG atau PDF."))])
    taken = None
    raw = image.getexif().get_ifd(0x8769).get(0x9003) or image.getexif().get(0x0132)
    if isinstance(raw, str):
        try:
            taken = dt.datetime.strptime(raw.strip(), "%Y:%m:%d %H:%M:%S")
        except ValueError:
            taken = None
    thumb = ImageOps.exif_transpose(image).convert("RGB")
    thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=80)
    return mime, out.getvalue(), taken


def add_attachment(session: Session, actor: Actor, household_id: int, filename: str,
                   content: bytes, kind: str) -> AttachmentInfo:
    """Store a photo or document for a household, with a thumbnail for photos.

    Refused (nothing written) when larger than :data:`MAX_ATTACHMENT_BYTES`, empty, or
    not a JPEG/PNG/WebP photo or a PDF.
    """
    actor.require(action="register.edit")
    _load(session, actor, household_id)
    if kind not in ATTACHMENT_KINDS:
        raise ValidationFailed([("jenis", f"Jenis lampiran '{kind}' tidak dikenal.")])
    if not content:
        raise ValidationFailed([("berkas", f"{filename} kosong.")])
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise ValidationFailed([("berkas", (
            f"{filename} berukuran {len(content) / 1024 / 1024:.1f} MB; paling besar "
            f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB. Perkecil foto atau pindai dengan "
            "resolusi lebih rendah."))])
    mime, thumbnail, taken = _inspect_content(filename, content)
    row = Attachment(
        household_id=household_id, kind=kind, filename=filename[:255], mime_type=mime,
        size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest(), content=content,
        thumbnail=thumbnail, taken_at=taken, created_by_id=actor.user_id,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "attachment", row.id, field=kind, new=filename,
                 reason=f"household:{household_id}")
    return _attachment_info(row)


def list_attachments(session: Session, actor: Actor, household_id: int) -> list[AttachmentInfo]:
    """A household's attachments, oldest first, without their content."""
    _load(session, actor, household_id)
    rows = session.execute(
        select(Attachment.id, Attachment.household_id, Attachment.kind, Attachment.filename,
               Attachment.mime_type, Attachment.size_bytes, Attachment.sha256,
               Attachment.thumbnail, Attachment.taken_at, Attachment.created_at)
        .where(Attachment.household_id == household_id)
        .order_by(Attachment.id)
    ).all()
    return [AttachmentInfo(*r[:9], _utc(r[9])) for r in rows]


def attachment_content(session: Session, actor: Actor, attachment_id: int
                       ) -> tuple[AttachmentInfo, bytes]:
    """An attachment and its bytes (the actor must see its household)."""
    row = session.get(Attachment, attachment_id)
    if row is None or row.household_id is None:
        raise NotFound("Lampiran tidak ditemukan.")
    _load(session, actor, row.household_id)
    return _attachment_info(row), row.content


def remove_attachment(session: Session, actor: Actor, attachment_id: int) -> None:
    """Remove an attachment (its removal stays in the audit trail with name and hash)."""
    actor.require(action="register.edit")
    row = session.get(Attachment, attachment_id)
    if row is None or row.household_id is None:
        raise NotFound("Lampiran tidak ditemukan.")
    _load(session, actor, row.household_id)
    audit.record(session, actor, "delete", "attachment", row.id, field=row.kind,
                 old=f"{row.filename} (sha256 {row.sha256[:12]}…)",
                 reason=f"household:{row.household_id}")
    session.delete(row)
    session.flush()
