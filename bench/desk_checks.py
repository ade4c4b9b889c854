"""Desk-check benchmark: the whole register and one edited household.

Builds (or reuses, with ``--database``) a demo register of 200,000 households / ~700,000
members with the demo's proposal queue plus a larger open round (2,000 RTLH and ~2,000
PBI-JK proposals), then prints one JSON object per figure (medians):

* ``checks.full_run_first`` — the first whole-register run on the register: every rule
  over every household and active proposal, and every finding inserted;
* ``checks.full_run`` — later whole-register runs (findings compared, nothing to write);
  target ≤ 10 s on SQLite;
* ``checks.recheck_household`` — re-checking one household right after it was edited
  (a member renamed or the desil changed), its proposals included; target ≤ 50 ms;
* ``checks.recheck_household_with_proposals`` — the same, only households that have
  active proposals.

Each figure comes with a ``…_cpu`` twin: the processor time of this process (SQLite runs
in it), which a busy shared machine does not inflate the way it inflates the wall time.

Run: ``python -m bench desk_checks`` or ``python bench/desk_checks.py [--households N]
[--repeat R] [--database URL]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import emit, note


class _Undo(Exception):
    """Raised to roll a sample's edit back."""


def _report(metric: str, samples: list[float], unit: str, *, scale: float,
            target: str | None = None) -> None:
    emit(metric, [s * scale for s in samples], unit, target=target)


def _build(url: str, households: int) -> None:
    from sqlalchemy import func, select

    from db import demo, demo_workflow, proposals, schema
    from db.actor import demo_admin
    from db.engine import open_database
    from db.models import Household, Member

    database = open_database(url)
    try:
        schema.upgrade(database, backup=False)
        with database.read() as session:
            actor = demo_admin(session)
            existing = session.scalar(select(func.count(Household.id))) or 0
        if existing:
            note(f"reusing {existing} households")
            return
        started = time.perf_counter()
        demo.generate(database, actor, households, seed=11)
        note(f"demo register built in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with database.write() as session:
            summary = demo_workflow.populate(session, actor, rng_seed=11)
            pbi, rtlh = summary.periods["pbi-jk"], summary.periods["rtlh"]
            poor = list(session.scalars(
                select(Household.id).where(Household.desil <= 3).order_by(Household.id)
                .limit(4000)))
            rng = random.Random(11)
            rng.shuffle(poor)
            proposals.create(session, actor, "rtlh", rtlh, household_ids=poor[:2000],
                             source="rt_rw_forum")
            heads = list(session.scalars(
                select(Member.id).where(Member.household_id.in_(poor[2000:4000]),
                                        Member.relationship_code == "head")))
            proposals.create(session, actor, "pbi-jk", pbi, member_ids=heads,
                             source="kelurahan_meeting")
        note(f"queue built in {time.perf_counter() - started:.1f} s")
    finally:
        database.dispose()


def run(args: argparse.Namespace | None = None) -> None:
    """Print one JSON object per figure (metric, value, unit, baseline, ratio, n)."""
    from sqlalchemy import delete, func, select, update

    from db import checks
    from db.actor import demo_admin
    from db.engine import open_database, sqlite_url
    from db.models import Finding, Household, Member, Proposal

    households = getattr(args, "households", None) or 200_000
    repeat = getattr(args, "repeat", None) or 3
    url = getattr(args, "database", None)
    scratch = None
    if url is None:
        scratch = tempfile.TemporaryDirectory(prefix="tepat-bench-checks-")
        url = sqlite_url(Path(scratch.name) / "bench.sqlite3")
    try:
        _build(url, households)
        database = open_database(url)
        with database.read() as session:
            actor = demo_admin(session)
            counts = (session.scalar(select(func.count(Household.id))),
                      session.scalar(select(func.count(Member.id))),
                      session.scalar(select(func.count(Proposal.id))))
        note(f"{database.info().describe()}: {counts[0]} households, {counts[1]} members, "
              f"{counts[2]} proposals")

        with database.write() as session:
            session.execute(delete(Finding))  # as a register never checked before
        first, first_cpu = [], []
        with database.write() as session:
            started, cpu = time.perf_counter(), time.process_time()
            summary = checks.run_desk_checks(session, actor)
            first.append(time.perf_counter() - started)
            first_cpu.append(time.process_time() - cpu)
        note(f"first run: {summary.by_severity} findings, {summary.proposals} proposals")
        _report("checks.full_run_first", first, "s", scale=1)
        _report("checks.full_run_first_cpu", first_cpu, "s", scale=1)
        full, full_cpu = [], []
        for _ in range(repeat):
            with database.write() as session:
                started, cpu = time.perf_counter(), time.process_time()
                summary = checks.run_desk_checks(session, actor)
                full.append(time.perf_counter() - started)
                full_cpu.append(time.process_time() - cpu)
        _report("checks.full_run", full, "s", scale=1, target="<= 10 s")
        _report("checks.full_run_cpu", full_cpu, "s", scale=1, target="<= 10 s")

        with database.read() as session:
            ids = list(session.scalars(select(Household.id)))
            with_proposals = sorted(set(session.scalars(
                select(Proposal.household_id).where(Proposal.state.in_(checks.ACTIVE_STATES)))))
        rng = random.Random(5)
        samples: dict[str, list[float]] = {"any": [], "with": []}
        cpu_samples: dict[str, list[float]] = {"any": [], "with": []}
        for kind, pool in (("any", ids), ("with", with_proposals)):
            for n in range(max(repeat * 10, 30)):
                hid = rng.choice(pool)
                try:
                    with database.write() as session:
                        # The edit a register form saves, then the re-check it triggers;
                        # undone afterwards so every sample starts from the same register.
                        if n % 2:
                            session.execute(update(Household).where(Household.id == hid)
                                            .values(desil=rng.randint(1, 10)))
                        else:
                            session.execute(update(Member).where(Member.household_id == hid)
                                            .values(name=Member.name + " A",
                                                    name_key=Member.name_key + "a"))
                        started, cpu = time.perf_counter(), time.process_time()
                        checks.recheck_households(session, [hid])
                        samples[kind].append(time.perf_counter() - started)
                        cpu_samples[kind].append(time.process_time() - cpu)
                        raise _Undo
                except _Undo:
                    pass
        _report("checks.recheck_household", samples["any"], "ms", scale=1000,
                target="<= 50 ms")
        _report("checks.recheck_household_with_proposals", samples["with"], "ms", scale=1000,
                target="<= 50 ms")
        _report("checks.recheck_household_cpu", cpu_samples["any"], "ms", scale=1000,
                target="<= 50 ms")
        _report("checks.recheck_household_with_proposals_cpu", cpu_samples["with"], "ms",
                scale=1000, target="<= 50 ms")
        database.dispose()
    finally:
        if scratch is not None:
            scratch.cleanup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", metavar="URL",
                        help="use (and fill, when empty) this database instead of a scratch file")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
