"""Demo proposals: a PBI-JK and an RTLH period with quotas, and a queue in every state.

Called at the end of the demo generator (in its transaction), :func:`populate` opens two
periods, sets their quotas (a total, split over the kecamatan of the register, with one
kelurahan quota already full), runs the desk checks over the register, and then drives
proposals through the real workflow services: drafts, submitted ones, visits in the
field, field results with photos, approvals within quota (ready for a letter), refusals,
returns and cancellations. The households the demo planted problems in are proposed too,
so their findings show in the queue. A newcomer sees the whole workflow at once.

Every step is a normal service call by the acting (demo) administrator, so the audit trail
reads like a real office's. Only the dates are moved back afterwards, so the queue shows
proposals that have waited for different lengths of time.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, bindparam, func, select, update
from sqlalchemy.orm import Session

from db import checks, permissions, programs, proposals, workflow
from db import field as field_visits
from db.actor import Actor
from db.models import (
    Finding,
    Household,
    Member,
    Proposal,
    ReferenceEntry,
    ReferenceList,
)
from db.programs import PHOTO_KINDS

DEMO_YEAR = 2025
PBI_PERIOD = "PBI APBD 2025 tahap 2"
RTLH_PERIOD = "RTLH APBD 2025"
# How many clean proposals of each program go to each state (the planted problems come
# on top, as drafts and submitted ones, with their findings).
_PLAN = {
    "pbi-jk": {"draft": 3, "submitted": 3, "in_field": 3, "eligible": 3, "not_eligible": 1,
               "approved": 5, "rejected": 1, "returned": 1, "cancelled": 1},
    "rtlh": {"draft": 2, "submitted": 2, "in_field": 2, "eligible": 2, "not_eligible": 1,
             "approved": 3, "rejected": 1, "returned": 1, "cancelled": 1},
}
_OVERRIDE_REASONS = {
    "floor_area_above_minimum": "Luas lantai termasuk teras dan dapur terbuka; ruang tidur "
                                "sempit, diperiksa petugas.",
    "no_land_document": "Ada surat keterangan tanah dari kelurahan, dilampirkan.",
    "point_outside_kelurahan": "Rumah di batas kelurahan; alamat KK benar menurut Lurah.",
    "desil_unknown": "Keluarga baru pindah; sedang diusulkan masuk DTSEN.",
    "jkn_other_segment": "Peserta mandiri menunggak karena tidak mampu; diusulkan pindah PBI.",
    "gps_far_from_record": "Titik tercatat salah; lokasi sudah diperbarui petugas.",
    "house_not_damaged": "Kerusakan struktur tidak tampak dari luar; dicek petugas.",
    "duplicate_person": "Sudah dicek Disdukcapil: orang berbeda dengan nama sama.",
    "income_above_limit": "Penghasilan turun setelah kepala keluarga sakit.",
    "nik_mismatch": "Tanggal lahir di KTP benar; data anggota sudah diperbaiki.",
}


# Everything the demo office does, from intake to approval: the acting user needs all of it.
_ACTIONS = ("period.manage", "quota.manage", "proposal.create", "proposal.desk_check",
            "proposal.submit", "proposal.assign", "proposal.field_result", "proposal.return",
            "proposal.cancel", "proposal.override_finding", "proposal.approve")


@dataclass(frozen=True)
class WorkflowDemoSummary:
    """The demo periods, how many proposals ended in each state, and the findings."""
    periods: dict[str, int]  # program code -> period id
    by_state: dict[str, int]
    findings: int
    skipped: str | None = None  # why no demo queue was made

    def lines(self) -> list[str]:
        from db.programs import STATE_LABELS

        if self.skipped:
            return [self.skipped]
        states = ", ".join(f"{STATE_LABELS[s]} {n}" for s, n in sorted(
            self.by_state.items(), key=lambda kv: programs.STATES.index(kv[0])))
        return [f"Usulan demo: {sum(self.by_state.values())} ({states}).",
                f"Temuan pemeriksaan meja: {self.findings}."]

    def as_dict(self) -> dict[str, Any]:
        return {"periods": dict(self.periods), "by_state": dict(self.by_state),
                "findings": self.findings, "skipped": self.skipped}


def _photo(kind: str, seed: int) -> bytes:
    """A small JPEG standing in for a house photo, labelled with what it shows."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (320, 240), (rng.randint(90, 200), rng.randint(90, 180),
                                          rng.randint(70, 160)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 90, 280, 220), fill=(rng.randint(140, 220), 120, 90))
    draw.polygon([(30, 95), (160, 25), (290, 95)], fill=(110, 60, 40))
    draw.text((10, 10), f"DEMO {kind.removeprefix('photo_')}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70)
    return out.getvalue()


@dataclass
class _Pools:
    pbi_members: list[int] = field(default_factory=list)
    rtlh_households: list[int] = field(default_factory=list)
    planted_pbi: list[int] = field(default_factory=list)  # member ids
    planted_rtlh: list[int] = field(default_factory=list)  # household ids


def _pools(session: Session, rng: random.Random) -> _Pools:
    pools = _Pools()
    flagged = set(session.scalars(select(Finding.household_id).where(
        Finding.proposal_id.is_(None))))
    # Clean PBI-JK candidates: poor, not covered, not ASN, not deceased.
    apparatus = select(Member.household_id).where(Member.asn_tni_polri.is_(True))
    members = session.execute(
        select(Member.id, Member.household_id)
        .join(Household, Household.id == Member.household_id)
        .where(Household.desil <= 4, Member.jkn_status != "active",
               Member.deceased.is_(False), Household.id.not_in(apparatus))
        .order_by(Member.id).limit(4000)
    ).all()
    pools.pbi_members = [m for m, h in members if h not in flagged]
    # Clean RTLH candidates: poor, own land with a document, a damaged house, crowded.
    houses = session.execute(
        select(Household.id)
        .where(Household.desil <= 4, Household.land_status == "own",
               Household.land_document.not_in(("none",)), Household.other_house.is_not(True),
               Household.roof_condition != "good", Household.wall_condition.is_not(None),
               Household.floor_condition.is_not(None), Household.floor_area_m2.is_not(None),
               Household.occupants > 0,
               Household.floor_area_m2 <= 7.2 * Household.occupants,
               Household.longitude.is_not(None), Household.id.not_in(apparatus))
        .order_by(Household.id).limit(2000)
    ).scalars().all()
    pools.rtlh_households = [h for h in houses if h not in flagged]
    rng.shuffle(pools.pbi_members)
    rng.shuffle(pools.rtlh_households)
    # The planted problems: whoever the reference lists and the register checks point at.
    covered = session.scalars(
        select(Member.id).join(ReferenceEntry, ReferenceEntry.nik == Member.nik)
        .join(ReferenceList, ReferenceList.id == ReferenceEntry.list_id)
        .where(ReferenceList.kind == checks.COVERAGE_KIND)
    ).all()
    register_people = session.scalars(
        select(Finding.member_id).where(
            Finding.proposal_id.is_(None), Finding.member_id.is_not(None),
            Finding.rule.in_(("asn_in_family", "duplicate_person")))
        .order_by(Finding.id)
    ).all()
    pools.planted_pbi = list(dict.fromkeys([*covered, *register_people]))
    aided = session.scalars(
        select(Household.id).join(ReferenceEntry, ReferenceEntry.no_kk == Household.no_kk)
        .join(ReferenceList, ReferenceList.id == ReferenceEntry.list_id)
        .where(ReferenceList.kind == checks.HOUSING_AID_KIND)
    ).all()
    misplaced = session.scalars(
        select(Finding.household_id).where(Finding.proposal_id.is_(None),
                                           Finding.rule == "point_outside_kelurahan")
        .order_by(Finding.id)
    ).all()
    pools.planted_rtlh = list(dict.fromkeys([*aided, *misplaced]))
    planted_households = set(aided) | set(misplaced) | set(session.scalars(
        select(Member.household_id).where(Member.id.in_(pools.planted_pbi or [-1]))))
    pools.pbi_members = [m for m in pools.pbi_members if m not in set(pools.planted_pbi)]
    pools.rtlh_households = [h for h in pools.rtlh_households if h not in planted_households]
    return pools


def _override_warnings(session: Session, actor: Actor, proposal_id: int) -> None:
    for finding in checks.proposal_findings(session, proposal_id):
        if finding.severity == "warning" and not finding.overridden:
            checks.override(session, actor, finding.id, _OVERRIDE_REASONS.get(
                finding.rule, "Sudah diperiksa peninjau; tidak menghalangi usulan."))


def _visit(session: Session, actor: Actor, pid: int, conclusion: str, rng: random.Random,
           today: dt.date) -> None:
    row = proposals.get(session, actor, pid)
    answers: dict[str, Any] = {"nik_kk_match": True, "asn_tni_polri": False,
                               "has_jkn": False, "housing_aid_before": False}
    photos = []
    if row.unit == "household":
        answers.update(other_house=False, roof_condition="badly_damaged",
                       wall_condition=rng.choice(("cracked", "rotten")),
                       collapse_risk=rng.random() < 0.4)
        photos = [field_visits.Photo(kind, f"{kind}-{pid}.jpg", _photo(kind, pid * 10 + n),
                                     "image/jpeg")
                  for n, kind in enumerate(PHOTO_KINDS)]
    lon = lat = None
    if row.longitude is not None:
        # A few metres off the recorded point, as a phone GPS at the door would be.
        lon = row.longitude + rng.uniform(-0.0001, 0.0001)
        lat = row.latitude + rng.uniform(-0.0001, 0.0001)  # type: ignore[operator]
    reason = ("Kondisi sesuai usulan; keluarga memenuhi syarat." if conclusion == "eligible"
              else "Keluarga sudah mampu; rumah layak dan ada penghasilan tetap.")
    field_visits.record_result(
        session, actor, pid,
        field_visits.FieldResult("Administrator demo", today, conclusion, reason, lon, lat,
                                 answers),
        photos=photos, today=today,
    )


# The path of the happy flow; a target is reached by the steps up to it, and the side
# exits (cancel, return, refuse) leave from the step before.
_STEPS = ("submitted", "in_field", "visit", "approved")
_EXIT = {
    "cancelled": (None, "cancelled", "Keluarga pindah ke luar kota; usulan dibatalkan."),
    "returned": ("submitted", "returned", "Lampirkan berita acara musyawarah kelurahan."),
    "rejected": ("visit", "rejected", "Kuota diprioritaskan untuk keluarga dengan lansia."),
}
_LAST_STEP = {"draft": None, "submitted": "submitted", "in_field": "in_field",
              "eligible": "visit", "not_eligible": "visit", "approved": "approved",
              "cancelled": None, "returned": "submitted", "rejected": "visit"}


def _drive_all(session: Session, actor: Actor, targets: dict[int, str], rng: random.Random,
               today: dt.date) -> None:
    """Move fresh drafts to their target states, a step at a time for all of them.

    Each step is one bulk move (the desk checks run once per step, not per proposal), as
    an operator selecting a worklist and pressing the button would do it.
    """
    def reaching(step: str) -> list[int]:
        wanted = _STEPS.index(step)
        return [p for p, t in targets.items()
                if _LAST_STEP[t] is not None and _STEPS.index(_LAST_STEP[t]) >= wanted]

    def leave(after: str | None) -> None:
        for target, (when, state, reason) in _EXIT.items():
            ids = [p for p, t in targets.items() if t == target]
            if when == after and ids:
                workflow.move_many(session, actor, ids, state, reason=reason)

    leave(None)
    for step in _STEPS:
        ids = reaching(step)
        if ids and step == "submitted":
            workflow.move_many(session, actor, ids, "submitted")
        elif ids and step == "in_field":
            workflow.assign(session, actor, ids, actor.user_id)
        elif ids and step == "visit":
            for pid in ids:
                conclusion = "not_eligible" if targets[pid] == "not_eligible" else "eligible"
                _visit(session, actor, pid, conclusion, rng, today)
        elif ids:
            for pid in ids:
                _override_warnings(session, actor, pid)
            workflow.move_many(session, actor, ids, "approved")
        leave(step)


def _propose(session: Session, actor: Actor, code: str, period_id: int,
             picked: dict[str, list[int]], source: str, reason: str) -> list[int]:
    """One draft, without its desk checks yet: they run once for all drafts afterwards."""
    return proposals.create(session, actor, code, period_id, source=source, reason=reason,
                            check=False, **picked).created


def _split_quotas(session: Session, actor: Actor, period_id: int, total: int) -> None:
    """Split a period's total over the kecamatan of the register.

    Each kecamatan gets what it has already approved plus a fair share of the room left,
    so the split is realistic and no approval already made is pushed over its quota.
    """
    kecamatan = sorted(session.scalars(
        select(func.substr(Household.kelurahan_code, 1, 8)).distinct()))
    if not kecamatan:
        return
    approved = Counter(session.scalars(
        select(func.substr(Household.kelurahan_code, 1, 8))
        .join(Proposal, Proposal.household_id == Household.id)
        .where(Proposal.period_id == period_id, Proposal.state.in_(programs.QUOTA_STATES))))
    room = max(total - sum(approved.values()), 0)
    share, rest = divmod(room, len(kecamatan))
    for n, code in enumerate(kecamatan):
        programs.set_quota(session, actor, period_id, code,
                           approved[code] + share + (1 if n < rest else 0),
                           reason="pembagian kuota demo")


LetterIssuer = Callable[[Session, Actor, int, list[int]], int]


def populate(session: Session, actor: Actor, rng_seed: int = 1,
             today: dt.date | None = None, *,
             letter: LetterIssuer | None = None) -> WorkflowDemoSummary:
    """Open the demo periods and fill the queue with proposals in every state.

    ``letter(session, actor, period_id, proposal_ids) -> letter id`` issues a letter in
    this session (``db`` cannot draw PDFs; the desktop passes one built on the letter
    service). With it, some approved PBI-JK proposals go in a letter and the Dinas's
    answer is recorded for two of them (accepted, declined), so those states show too;
    the rest stay approved, ready for the next letter.
    """
    missing = [a for a in _ACTIONS if not permissions.allowed(actor, a)]
    if missing:
        # A demo register made by an administrator alone: the queue needs an office.
        return WorkflowDemoSummary({}, {}, 0, skipped=(
            f"Antrean usulan demo tidak dibuat: pengguna '{actor.username}' tidak memegang "
            "semua peran kantor (operator, petugas lapangan, peninjau, Camat)."))
    rng = random.Random(rng_seed)
    today = today or dt.date.today()
    checks.run_desk_checks(session, actor, today=today)
    pools = _pools(session, rng)
    periods = {
        "pbi-jk": programs.create_period(session, actor, "pbi-jk", PBI_PERIOD, DEMO_YEAR,
                                         funding_source="apbd").id,
        "rtlh": programs.create_period(session, actor, "rtlh", RTLH_PERIOD, DEMO_YEAR,
                                       funding_source="apbd").id,
    }
    # Room for the approvals planned and a little more; split over the kecamatan below.
    totals = {"pbi-jk": _PLAN["pbi-jk"]["approved"] + 7, "rtlh": _PLAN["rtlh"]["approved"] + 3}
    for code, total in totals.items():
        programs.set_quota(session, actor, periods[code], None, total, reason="kuota demo")

    sources = list(proposals.SOURCES)
    created: dict[str, list[tuple[int, str]]] = {"pbi-jk": [], "rtlh": []}
    for code, pool in (("pbi-jk", pools.pbi_members), ("rtlh", pools.rtlh_households)):
        targets = [state for state, n in _PLAN[code].items() for _ in range(n)]
        for state, key in zip(targets, pool[:len(targets)]):
            kwargs = {"member_ids": [key]} if code == "pbi-jk" else {"household_ids": [key]}
            created[code] += [(pid, state) for pid in _propose(
                session, actor, code, periods[code], kwargs, rng.choice(sources),
                "Keluarga miskin menurut musyawarah kelurahan.")]
    for code, keys in (("pbi-jk", pools.planted_pbi), ("rtlh", pools.planted_rtlh)):
        for n, key in enumerate(keys):
            kwargs = {"member_ids": [key]} if code == "pbi-jk" else {"household_ids": [key]}
            created[code] += [(pid, "draft" if n % 2 == 0 else "submitted_if_clear")
                              for pid in _propose(session, actor, code, periods[code], kwargs,
                                                  "dinas_list",
                                                  "Dari daftar usulan Dinas Sosial.")]
    everything = [pid for items in created.values() for pid, _ in items]
    checks.recheck_proposals(session, everything, today=today)
    open_ = checks.open_counts(session, everything)
    targets: dict[int, str] = {}
    for pid, state in (item for items in created.values() for item in items):
        blocked = open_.get(pid, (0, 0))[0] > 0
        if state == "submitted_if_clear":
            state = "draft" if blocked else "submitted"
        elif blocked:
            # A small register may hand a planted problem to the clean pool: it stays a
            # draft showing its finding, as an operator would leave it.
            state = "draft"
        targets[pid] = state
    _drive_all(session, actor, {p: t for p, t in targets.items() if t != "draft"}, rng, today)

    for code, total in totals.items():
        _split_quotas(session, actor, periods[code], total)
    # The first approved RTLH house's kelurahan gets a quota of exactly what is approved
    # there: its bar shows full, and one more approval there would be refused.
    approved_rtlh = session.scalars(
        select(Household.kelurahan_code).join(Proposal, Proposal.household_id == Household.id)
        .where(Proposal.period_id == periods["rtlh"], Proposal.state == "approved")
        .order_by(Proposal.id)
    ).all()
    if approved_rtlh:
        kelurahan = approved_rtlh[0]
        programs.set_quota(session, actor, periods["rtlh"], kelurahan,
                           approved_rtlh.count(kelurahan), reason="kuota kelurahan demo")

    if letter is not None:
        _letter_and_answers(session, actor, periods["pbi-jk"], letter)
    _spread_dates(session, everything, rng, today)
    by_state = Counter(session.scalars(
        select(Proposal.state).where(Proposal.period_id.in_(list(periods.values())))))
    findings = session.scalar(select(func.count(Finding.id))) or 0
    return WorkflowDemoSummary(periods, dict(by_state), int(findings))


def _letter_and_answers(session: Session, actor: Actor, period_id: int,
                        letter: LetterIssuer) -> None:
    approved = list(session.scalars(
        select(Proposal.id).where(Proposal.period_id == period_id, Proposal.state == "approved")
        .order_by(Proposal.id)))
    carried = approved[:max(len(approved) - 2, 0)]
    if len(carried) < 3:
        return
    letter(session, actor, period_id, carried)
    workflow.move(session, actor, carried[0], "accepted")
    workflow.move(session, actor, carried[1], "declined",
                  reason="Sudah terdaftar PBI APBN menurut Dinas Sosial.")


def _spread_dates(session: Session, ids: list[int], rng: random.Random, today: dt.date) -> None:
    """Give the demo proposals different ages (1-120 days), so "oldest first" means something."""
    if not ids:
        return
    now = dt.datetime.combine(today, dt.time(9, 0), tzinfo=dt.timezone.utc)
    table = Proposal.__table__
    values = []
    for pid in ids:
        created = now - dt.timedelta(days=rng.randint(15, 120), hours=rng.randint(0, 8))
        values.append({"pid": pid, "created": created,
                       "submitted": created + dt.timedelta(days=rng.randint(1, 10))})
    session.execute(
        update(table).where(and_(table.c.id == bindparam("pid")))
        .values(created_at=bindparam("created")), values)
    session.execute(
        update(table).where(and_(table.c.id == bindparam("pid"),
                                 table.c.submitted_at.is_not(None)))
        .values(submitted_at=bindparam("submitted")), values)
    from db import priority

    priority.refresh(session, ids, today=today)

