"""Register counts for the CLI's ``stats`` and the main window's overview."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Household, Member, Proposal, Region


@dataclass(frozen=True)
class Stats:
    kecamatan: int
    kelurahan: int
    households: int
    members: int
    proposals: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class KelurahanCount:
    code: str
    name: str
    kecamatan: str
    households: int
    members: int


def _count(session: Session, query) -> int:  # type: ignore[no-untyped-def]
    return int(session.scalar(query) or 0)


def stats(session: Session) -> Stats:
    return Stats(
        kecamatan=_count(session, select(func.count()).where(Region.level == "kecamatan")),
        kelurahan=_count(session, select(func.count()).where(Region.level == "desa_kelurahan")),
        households=_count(session, select(func.count(Household.id))),
        members=_count(session, select(func.count(Member.id))),
        proposals=_count(session, select(func.count(Proposal.id))),
    )


def per_kelurahan(session: Session) -> list[KelurahanCount]:
    """Households and members per kelurahan, with grouped queries (no per-row work)."""
    kec = {r.code: r.name for r in session.scalars(select(Region).where(Region.level == "kecamatan"))}
    hh = dict(session.execute(
        select(Household.kelurahan_code, func.count(Household.id)).group_by(Household.kelurahan_code)
    ).all())
    mem = dict(session.execute(
        select(Household.kelurahan_code, func.count(Member.id))
        .join(Member, Member.household_id == Household.id)
        .group_by(Household.kelurahan_code)
    ).all())
    rows = session.scalars(
        select(Region).where(Region.level == "desa_kelurahan").order_by(Region.code)
    )
    return [
        KelurahanCount(r.code, r.name, kec.get(r.parent_code or "", ""), hh.get(r.code, 0),
                       mem.get(r.code, 0))
        for r in rows
    ]
