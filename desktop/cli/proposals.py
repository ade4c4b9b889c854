"""Proposal commands: ``check desk``, ``proposal create|list|move|approve-top``,
``period list|create`` and ``quota show|set``.

Each is a thin shell over :mod:`db.checks`, :mod:`db.proposals`, :mod:`db.workflow` and
:mod:`db.programs`; an illegal move prints the typed error's message and exits 1 with the
proposal unchanged.
"""

from __future__ import annotations

import argparse

from desktop.cli import EXIT_OK, acting_user, emit, open_upgraded


def _subcommands(sub: argparse._SubParsersAction, name: str, help_text: str,
                 dest: str) -> argparse._SubParsersAction:
    """The sub-commands of ``name``, shared with other modules that add to it (``check``)."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
        return parser.add_subparsers(dest=dest, metavar="AKSI", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=dest, metavar="AKSI", required=True)


def register(sub: argparse._SubParsersAction) -> None:
    check = _subcommands(sub, "check", "pemeriksaan data", "check_command")
    desk = check.add_parser("desk", help="pemeriksaan meja atas register dan usulan aktif")
    desk.add_argument("--program", metavar="KODE", help="hanya usulan program ini (pbi-jk, rtlh)")
    desk.add_argument("--limit", type=int, default=50, metavar="N",
                      help="tampilkan paling banyak N temuan (bawaan 50; JSON memuat semua)")
    desk.add_argument("--json", action="store_true")
    desk.set_defaults(handler=cmd_check_desk)

    proposal = _subcommands(sub, "proposal", "usulan PBI-JK dan RTLH", "proposal_command")
    create = proposal.add_parser("create", help="buat usulan dari NIK (per orang) atau No. KK")
    create.add_argument("--program", required=True, metavar="KODE")
    create.add_argument("--period", required=True, type=int, metavar="ID")
    numbers = create.add_mutually_exclusive_group(required=True)
    numbers.add_argument("--nik", nargs="+", metavar="NIK")
    numbers.add_argument("--kk", nargs="+", metavar="KK")
    create.add_argument("--source", default="walk_in",
                        help="kelurahan_meeting, rt_rw_forum, walk_in (bawaan) atau dinas_list")
    create.add_argument("--reason", default="", metavar="TEKS")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=cmd_proposal_create)

    listing = proposal.add_parser("list", help="daftar usulan")
    listing.add_argument("--state", action="append", metavar="STATUS",
                         help="draft, submitted, in_field, eligible, ... (boleh diulang)")
    listing.add_argument("--program", metavar="KODE")
    listing.add_argument("--period", type=int, metavar="ID")
    listing.add_argument("--kelurahan", metavar="KODE")
    listing.add_argument("--order", choices=("priority", "age"), default="priority")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_proposal_list)

    move = proposal.add_parser("move", help="pindahkan usulan ke status lain")
    move.add_argument("id", type=int, metavar="ID")
    move.add_argument("state", metavar="STATUS")
    move.add_argument("--reason", default="", metavar="TEKS")
    move.add_argument("--officer", metavar="NAMA_PENGGUNA",
                      help="petugas lapangan (untuk status in_field)")
    move.add_argument("--version", type=int, metavar="N",
                      help="versi yang terakhir dilihat; ditolak bila sudah berubah")
    move.add_argument("--json", action="store_true")
    move.set_defaults(handler=cmd_proposal_move)

    top = proposal.add_parser("approve-top",
                              help="setujui N usulan layak teratas menurut prioritas, dalam kuota")
    top.add_argument("--period", required=True, type=int, metavar="ID")
    top.add_argument("n", type=int, metavar="N")
    top.add_argument("--kelurahan", metavar="KODE")
    top.add_argument("--preview", action="store_true", help="hanya tampilkan, jangan setujui")
    top.add_argument("--json", action="store_true")
    top.set_defaults(handler=cmd_proposal_approve_top)

    period = _subcommands(sub, "period", "periode usulan", "period_command")
    p_list = period.add_parser("list", help="daftar periode")
    p_list.add_argument("--program", metavar="KODE")
    p_list.add_argument("--json", action="store_true")
    p_list.set_defaults(handler=cmd_period_list)
    p_create = period.add_parser("create", help="buka periode baru")
    p_create.add_argument("--program", required=True, metavar="KODE")
    p_create.add_argument("--name", required=True, metavar="NAMA")
    p_create.add_argument("--year", required=True, type=int, metavar="TAHUN")
    p_create.add_argument("--funding", metavar="SUMBER", help="mis. apbn, apbd, csr")
    p_create.add_argument("--json", action="store_true")
    p_create.set_defaults(handler=cmd_period_create)

    quota = _subcommands(sub, "quota", "kuota per periode dan wilayah", "quota_command")
    q_show = quota.add_parser("show", help="kuota dan pemakaiannya")
    q_show.add_argument("--period", type=int, metavar="ID")
    q_show.add_argument("--program", metavar="KODE")
    q_show.add_argument("--json", action="store_true")
    q_show.set_defaults(handler=cmd_quota_show)
    q_set = quota.add_parser("set",
                             help="tetapkan kuota periode (seluruh wilayah atau satu wilayah)")
    q_set.add_argument("--period", required=True, type=int, metavar="ID")
    q_set.add_argument("--region", metavar="KODE", help="kode kecamatan atau kelurahan")
    q_set.add_argument("amount", type=int, metavar="JUMLAH")
    q_set.add_argument("--reason", default="", metavar="TEKS")
    q_set.add_argument("--json", action="store_true")
    q_set.set_defaults(handler=cmd_quota_set)


def cmd_check_desk(args: argparse.Namespace) -> int:
    from db import checks

    database = open_upgraded(args)
    try:
        with database.write() as session:
            actor = acting_user(session)
            summary = checks.run_desk_checks(session, actor, program_code=args.program)
            findings = checks.all_findings(session, actor, program_code=args.program)
        data = {**summary.as_dict(), "findings": [f.as_dict() for f in findings]}
        sev = summary.by_severity
        lines = [
            f"Diperiksa: {summary.households} keluarga, {summary.proposals} usulan aktif "
            f"({summary.seconds:.1f} detik).",
            f"Temuan: {sev.get('blocker', 0)} penghalang, {sev.get('warning', 0)} peringatan, "
            f"{sev.get('info', 0)} informasi (baru {summary.added}, hilang {summary.removed}).",
        ]
        if summary.boundaries_missing:
            lines.append("Batas kelurahan belum ada: pemeriksaan titik lokasi dilewati "
                         "(impor dengan: tepat boundaries import BERKAS).")
        for finding in findings[:args.limit]:
            where = f"usulan #{finding.proposal_id}" if finding.proposal_id else \
                f"keluarga #{finding.household_id}"
            mark = " (dikesampingkan)" if finding.overridden else ""
            lines.append(f"[{finding.severity}] {where}: {finding.message}{mark}")
        if len(findings) > args.limit:
            lines.append(f"... dan {len(findings) - args.limit} temuan lagi (lihat --json).")
        emit(args, data, lines)
        return EXIT_OK
    finally:
        database.dispose()


def cmd_proposal_create(args: argparse.Namespace) -> int:
    from db import proposals

    database = open_upgraded(args)
    try:
        with database.write() as session:
            result = proposals.create_from_numbers(
                session, acting_user(session), args.program, args.period,
                niks=args.nik or (), kks=args.kk or (), source=args.source, reason=args.reason)
        data = {"created": result.created,
                "skipped": [{"what": s.what, "reason": s.reason} for s in result.skipped]}
        emit(args, data, result.lines())
        return EXIT_OK
    finally:
        database.dispose()


def _row_line(row) -> str:  # type: ignore[no-untyped-def]
    score = f"{row.priority_score:5.1f}" if row.priority_score is not None else "    -"
    flags = []
    if row.blockers:
        flags.append(f"{row.blockers} penghalang")
    if row.warnings:
        flags.append(f"{row.warnings} peringatan")
    return (f"#{row.id:<6} {row.program_code:<6} periode {row.period_id:<3} {row.state:<12} "
            f"skor {score}  {row.nik or '-'}  {row.name}  ({row.kelurahan_name}, RT {row.rt}/"
            f"RW {row.rw})" + (f"  [{', '.join(flags)}]" if flags else ""))


def cmd_proposal_list(args: argparse.Namespace) -> int:
    from db import proposals

    database = open_upgraded(args)
    try:
        with database.read() as session:
            rows = proposals.list_proposals(session, acting_user(session), proposals.Filters(
                states=tuple(args.state) if args.state else None, program_code=args.program,
                period_id=args.period, kelurahan_code=args.kelurahan, order=args.order))
        emit(args, [r.as_dict() for r in rows],
             [_row_line(r) for r in rows] + [f"Jumlah: {len(rows)} usulan."])
        return EXIT_OK
    finally:
        database.dispose()


def cmd_proposal_move(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from db import workflow
    from db.errors import NotFound
    from db.models import User

    database = open_upgraded(args)
    try:
        with database.write() as session:
            officer_id = None
            if args.officer:
                officer_id = session.scalar(select(User.id).where(User.username == args.officer))
                if officer_id is None:
                    raise NotFound(f"Pengguna '{args.officer}' tidak ditemukan.")
            result = workflow.move(session, acting_user(session), args.id, args.state,
                                   reason=args.reason, expected_version=args.version,
                                   assign_to=officer_id)
        emit(args, {"id": result.proposal_id, "from": result.from_state, "to": result.to_state,
                    "version": result.version, "warnings": list(result.warnings)},
             [f"Usulan #{result.proposal_id}: {result.from_state} → {result.to_state}."]
             + list(result.warnings))
        return EXIT_OK
    finally:
        database.dispose()


def cmd_proposal_approve_top(args: argparse.Namespace) -> int:
    from db import workflow

    database = open_upgraded(args)
    try:
        with database.write() as session:
            actor = acting_user(session)
            preview = workflow.approve_top_preview(session, actor, args.period, args.n,
                                                   kelurahan_code=args.kelurahan)
            result = None
            if not args.preview:
                result = workflow.approve_top(session, actor, args.period, args.n,
                                              kelurahan_code=args.kelurahan,
                                              expected=preview.chosen)
        data = {"chosen": preview.chosen,
                "rows": [{"id": r.proposal_id, "rank": r.rank, "gets_in": r.gets_in,
                          "why": r.why} for r in preview.rows],
                "approved": [m.proposal_id for m in result.moved] if result else [],
                "refused": [{"id": r.proposal_id, "message": r.message}
                            for r in result.refused] if result else []}
        lines = preview.lines() + (result.lines() if result else ["(pratinjau saja)"])
        emit(args, data, lines)
        return EXIT_OK
    finally:
        database.dispose()


def cmd_period_list(args: argparse.Namespace) -> int:
    from db import programs

    database = open_upgraded(args)
    try:
        with database.read() as session:
            periods = programs.list_periods(session, args.program)
        emit(args, [{"id": p.id, "program": p.program_code, "name": p.name, "year": p.year,
                     "funding_source": p.funding_source, "status": p.status} for p in periods],
             [f"#{p.id:<3} {p.program_code:<6} {p.name} ({p.year}, {p.status})"
              for p in periods] or ["Belum ada periode."])
        return EXIT_OK
    finally:
        database.dispose()


def cmd_period_create(args: argparse.Namespace) -> int:
    from db import programs

    database = open_upgraded(args)
    try:
        with database.write() as session:
            period = programs.create_period(session, acting_user(session), args.program,
                                            args.name, args.year, funding_source=args.funding)
        emit(args, {"id": period.id, "program": period.program_code, "name": period.name},
             [f"Periode #{period.id} dibuka: {period.name}."])
        return EXIT_OK
    finally:
        database.dispose()


def _usage_dict(u) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return {"period": u.period_id, "program": u.program_code, "period_name": u.period_name,
            "region": u.region_code, "area": u.area, "amount": u.amount, "used": u.used,
            "remaining": u.remaining, "over": u.over, "warning": u.warning}


def cmd_quota_show(args: argparse.Namespace) -> int:
    from db import programs

    database = open_upgraded(args)
    try:
        with database.read() as session:
            usage = programs.quota_usage(session, period_id=args.period,
                                         program_code=args.program)
        lines = [f"{u.program_code:<6} {u.period_name:<28} {u.area:<24} {u.used:>5} / "
                 f"{u.amount:<5} sisa {u.remaining}" for u in usage] or ["Belum ada kuota."]
        lines += [u.warning for u in usage if u.warning]
        emit(args, [_usage_dict(u) for u in usage], lines)
        return EXIT_OK
    finally:
        database.dispose()


def cmd_quota_set(args: argparse.Namespace) -> int:
    from db import programs

    database = open_upgraded(args)
    try:
        with database.write() as session:
            change = programs.set_quota(session, acting_user(session), args.period, args.region,
                                        args.amount, reason=args.reason)
        u = change.usage
        emit(args, {**_usage_dict(u), "old_amount": change.old_amount,
                    "warnings": change.warnings},
             [f"Kuota {u.area} ({u.period_name}): {change.old_amount} → {u.amount}; "
              f"terpakai {u.used}."] + change.warnings)
        return EXIT_OK
    finally:
        database.dispose()
