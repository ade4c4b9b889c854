"""The data model: one SQLAlchemy 2 model set for SQLite and PostgreSQL.

Every table is described for people in docs/data-model.md; keep the two in step.
Coded values (land status, roof material, proposal state...) are stored as short
English snake_case codes listed in :mod:`db.codes`; the interface translates them.
Records an operator edits carry a ``version`` column used for optimistic locking.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

# Constraint names must be deterministic so Alembic (batch mode on SQLite) can
# find them again in later migrations.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a real bigint.
BigId = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """Optimistic locking: SQLAlchemy adds ``AND version = :old`` to every UPDATE."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, server_default=func.now()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow,
        server_default=func.now(),
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.version}


# --------------------------------------------------------------------------- regions


class Region(Base):
    """A Kemendagri region: province, kabupaten/kota, kecamatan or kelurahan/desa."""

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(13), primary_key=True)  # dotted: 36.73.01.1001
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    level: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    parent_code: Mapped[str | None] = mapped_column(
        ForeignKey("regions.code"), nullable=True, index=True
    )
    # Boundary as GeoJSON geometry text (WGS84 lon/lat); null when none is known.
    boundary_geojson: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Where the boundary came from: "demo" (generated), "import:<file name>" or null.
    boundary_source: Mapped[str | None] = mapped_column(String(200), nullable=True)
    min_lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    min_lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow,
        server_default=func.now(),
    )


# ------------------------------------------------------------------ households, members


class Household(Versioned, Base):
    """A family (one Kartu Keluarga) and the house it lives in."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    no_kk: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    kelurahan_code: Mapped[str] = mapped_column(
        ForeignKey("regions.code"), nullable=False, index=True
    )
    address: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    rt: Mapped[str] = mapped_column(String(3), nullable=False, default="")  # zero-padded "001"
    rw: Mapped[str] = mapped_column(String(3), nullable=False, default="")
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    desil: Mapped[int | None] = mapped_column(SmallInteger, nullable=True, index=True)
    income_bracket: Mapped[str | None] = mapped_column(String(20), nullable=True)

    # House condition: the field-verification checklist of DOMAIN.md. Null = not known.
    land_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    land_document: Mapped[str | None] = mapped_column(String(30), nullable=True)
    other_house: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    roof_material: Mapped[str | None] = mapped_column(String(20), nullable=True)
    roof_condition: Mapped[str | None] = mapped_column(String(20), nullable=True)
    roof_frame_sound: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    wall_material: Mapped[str | None] = mapped_column(String(30), nullable=True)
    wall_condition: Mapped[str | None] = mapped_column(String(20), nullable=True)
    columns_beams: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    floor_material: Mapped[str | None] = mapped_column(String(20), nullable=True)
    floor_condition: Mapped[str | None] = mapped_column(String(20), nullable=True)
    foundation_sloof: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    collapse_risk: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    hazard_site: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    floor_area_m2: Mapped[float | None] = mapped_column(Float, nullable=True)
    occupants: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    bedrooms: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    ventilation_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    daylight_ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    toilet: Mapped[str | None] = mapped_column(String(20), nullable=True)
    toilet_type: Mapped[str | None] = mapped_column(String(30), nullable=True)
    sewage: Mapped[str | None] = mapped_column(String(20), nullable=True)
    water_source: Mapped[str | None] = mapped_column(String(30), nullable=True)
    water_septic_distance_m: Mapped[float | None] = mapped_column(Float, nullable=True)
    electricity: Mapped[str | None] = mapped_column(String(20), nullable=True)
    electricity_va: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    members: Mapped[list[Member]] = relationship(
        back_populates="household", order_by="Member.id"
    )

    # Ends with id so the register's default order (kelurahan, RW, RT, id) is an index scan
    # on PostgreSQL too (SQLite keeps rowid in every index anyway).
    __table_args__ = (Index("ix_households_rt_rw", "kelurahan_code", "rw", "rt", "id"),)


class Member(Versioned, Base):
    """A person listed on a household's KK."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id"), nullable=False, index=True
    )
    nik: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    # Lower-case letters and digits only, for case/spacing/punctuation-insensitive search.
    name_key: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    sex: Mapped[str] = mapped_column(String(1), nullable=False)  # "L" or "P"
    birth_place: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    relationship_code: Mapped[str] = mapped_column("relationship", String(20), nullable=False)
    marital_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    occupation: Mapped[str | None] = mapped_column(String(60), nullable=True)
    education: Mapped[str | None] = mapped_column(String(30), nullable=True)
    disability: Mapped[str | None] = mapped_column(String(40), nullable=True)
    chronic_illness: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    pregnant: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    jkn_status: Mapped[str] = mapped_column(String(10), nullable=False, default="none")
    jkn_segment: Mapped[str | None] = mapped_column(String(20), nullable=True)
    asn_tni_polri: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    deceased: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    deceased_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    household: Mapped[Household] = relationship(back_populates="members")

    # The desk checks look for the same person on two KKs (same name, birth date, sex):
    # this covering index lets them group the whole register without sorting it.
    __table_args__ = (
        Index("ix_members_twin", "name_key", "birth_date", "sex", "household_id", "deceased"),
    )


# ------------------------------------------------------------------ programs and quotas


class Program(Base):
    """An aid program (PBI-JK, RTLH, ...). Programs are data, not code."""

    __tablename__ = "programs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    unit: Mapped[str] = mapped_column(String(10), nullable=False)  # "person" or "household"
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # Rule thresholds, blocking findings, priority weights, receiving agency: JSON.
    rules_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")


class Period(Base):
    """A round of a program with its own quota, e.g. "PBI APBD 2025 tahap 2"."""

    __tablename__ = "periods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    funding_source: Mapped[str | None] = mapped_column(String(20), nullable=True)
    opens_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    closes_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="open")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, server_default=func.now()
    )


class Quota(Base):
    """How many places a period has, in total (region null) or for one region."""

    __tablename__ = "quotas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), nullable=False)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), nullable=True)
    amount: Mapped[int] = mapped_column(Integer, nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    __table_args__ = (UniqueConstraint("period_id", "region_code", name="uq_quotas_period_region"),)
    __mapper_args__ = {"version_id_col": version}


# ------------------------------------------------------------------ proposals and checks


class Proposal(Versioned, Base):
    """An usulan: a household (RTLH) or a person (PBI-JK) proposed in a period."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), nullable=False)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), nullable=False, index=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id"), nullable=False, index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id"), nullable=True, index=True
    )
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    source: Mapped[str] = mapped_column(String(30), nullable=False, default="walk_in")
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    priority_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_proposals_program_state", "program_id", "state"),)


class Finding(Base):
    """A desk-check result on a proposal or household, with its evidence."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id"), nullable=True, index=True
    )
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id"), nullable=False, index=True
    )
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), nullable=True)
    rule: Mapped[str] = mapped_column(String(40), nullable=False)
    severity: Mapped[str] = mapped_column(String(10), nullable=False)  # blocker/warning/info
    message: Mapped[str] = mapped_column(Text, nullable=False)
    evidence_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    overridden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    override_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    overridden_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, server_default=func.now()
    )


class FieldVerification(Versioned, Base):
    """The result of a visit at the house, mirroring the printed checklist."""

    __tablename__ = "field_verifications"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id"), nullable=False, index=True
    )
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    officer_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    visit_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    gps_longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    gps_latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    distance_from_record_m: Mapped[float | None] = mapped_column(Float, nullable=True)
    answers_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    conclusion: Mapped[str | None] = mapped_column(String(20), nullable=True)
    conclusion_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Attachment(Base):
    """A photo or document, stored in the database (size-limited by the service)."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("households.id"), nullable=True, index=True
    )
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id"), nullable=True, index=True
    )
    verification_id: Mapped[int | None] = mapped_column(
        ForeignKey("field_verifications.id"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(30), nullable=False)  # photo_front, document...
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    mime_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size_bytes: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    taken_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, server_default=func.now()
    )


# ------------------------------------------------------------------ letters


class Letter(Base):
    """An issued letter in the registry. Withdrawn letters are kept; numbers never reused."""

    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    letter_type: Mapped[str] = mapped_column(String(30), nullable=False)
    number: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    counter_key: Mapped[str] = mapped_column(String(30), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    issued_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    period_id: Mapped[int | None] = mapped_column(ForeignKey("periods.id"), nullable=True)
    addressee: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    subject: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="issued")
    withdrawn_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    signed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    signer_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, server_default=func.now()
    )

    __table_args__ = (
        UniqueConstraint("counter_key", "year", "seq", name="uq_letters_counter_year_seq"),
    )


class LetterProposal(Base):
    """Which proposals a letter carries."""

    __tablename__ = "letter_proposals"

    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id"), primary_key=True, index=True
    )


class LetterCounter(Base):
    """Last sequence number used per counter and year (gapless, updated atomically)."""

    __tablename__ = "letter_counters"

    counter_key: Mapped[str] = mapped_column(String(30), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


# ------------------------------------------------------------------ users and audit


class User(Versioned, Base):
    """A person who signs in. The built-in demo administrator has ``is_builtin``."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    full_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    is_builtin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    must_change_password: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class Role(Base):
    """A role: operator, field_officer, reviewer, signatory, admin."""

    __tablename__ = "roles"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False)


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role_code: Mapped[str] = mapped_column(ForeignKey("roles.code"), primary_key=True)


class UserScope(Base):
    """Regions a user may see; no rows means the whole city."""

    __tablename__ = "user_scopes"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), primary_key=True)


class AuditEvent(Base):
    """Append-only record of every change and every look at personal data."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, server_default=func.now()
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    # The name at the time, so the record reads the same after a user is renamed.
    username: Mapped[str] = mapped_column(String(60), nullable=False)
    action: Mapped[str] = mapped_column(String(30), nullable=False)
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    field: Mapped[str | None] = mapped_column(String(60), nullable=True)
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        Index("ix_audit_events_entity", "entity", "entity_id"),
        Index("ix_audit_events_at", "at"),
    )


class Setting(Base):
    """An office-wide setting (letterhead, signatory, thresholds...), value as JSON."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow,
        server_default=func.now(),
    )


# ------------------------------------------------------------------ reference lists


class ReferenceList(Base):
    """An imported list: JKN/PBI coverage, earlier housing aid, ASN/TNI/Polri."""

    __tablename__ = "reference_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    source_file: Mapped[str] = mapped_column(String(255), nullable=False)
    source_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    row_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    imported_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=utcnow, server_default=func.now()
    )


class ReferenceEntry(Base):
    """One row of a reference list, keyed by NIK and/or No. KK."""

    __tablename__ = "reference_entries"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    list_id: Mapped[int] = mapped_column(
        ForeignKey("reference_lists.id", ondelete="CASCADE"), nullable=False, index=True
    )
    nik: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    no_kk: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    segment: Mapped[str | None] = mapped_column(String(30), nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
