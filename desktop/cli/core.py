"""Foundation commands: ``db``, ``demo``, ``boundaries``, ``stats``."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli import EXIT_OK, acting_user, emit, open_upgraded, progress_printer


def register(sub: argparse._SubParsersAction) -> None:
    db_cmd = sub.add_parser("db", help="skema basis data")
    db_sub = db_cmd.add_subparsers(dest="db_command", metavar="AKSI", required=True)
    upgrade = db_sub.add_parser(
        "upgrade", help="perbarui skema ke versi terbaru (SQLite dicadangkan dulu)"
    )
    upgrade.set_defaults(handler=cmd_db_upgrade)
    status = db_sub.add_parser("status", help="tampilkan versi skema")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_db_status)

    demo = sub.add_parser("demo", help="isi register kosong dengan data demo Kota Serang")
    demo.add_argument("--households", type=int, default=2000, metavar="N")
    demo.add_argument(
        "--kecamatan", action="append", metavar="KODE",
        help="kode kecamatan, mis. 36.73.01 (boleh diulang atau dipisah koma; bawaan: keenamnya)",
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--if-empty", action="store_true",
                      help="lewati tanpa galat bila register sudah berisi (untuk 'make run')")
    demo.add_argument("--json", action="store_true")
    demo.set_defaults(handler=cmd_demo)

    boundaries = sub.add_parser("boundaries", help="batas wilayah")
    b_sub = boundaries.add_subparsers(dest="boundaries_command", metavar="AKSI", required=True)
    b_import = b_sub.add_parser("import", help="impor batas kelurahan dari berkas GeoJSON")
    b_import.add_argument("file", type=Path, metavar="BERKAS")
    b_import.add_argument("--code-property", metavar="NAMA",
                          help="atribut yang memuat kode wilayah (bawaan: dikenali otomatis)")
    b_import.add_argument("--json", action="store_true")
    b_import.set_defaults(handler=cmd_boundaries_import)

    stats = sub.add_parser("stats", help="jumlah wilayah, keluarga, anggota dan usulan")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=cmd_stats)


def cmd_db_status(args: argparse.Namespace) -> int:
    from db import schema
    from db.engine import open_database

    database = open_database(args.database)
    try:
        st = schema.check_not_too_new(database)
        data = {"database": database.info().describe(), "current": st.current,
                "head": st.head, "up_to_date": st.up_to_date}
        emit(args, data, [
            f"Basis data : {data['database']}",
            f"Skema      : {st.current or '(kosong)'} (terbaru {st.head})",
        ])
        return EXIT_OK
    finally:
        database.dispose()


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from db import schema
    from db.engine import open_database

    database = open_database(args.database)
    try:
        result = schema.upgrade(database)
        if result.from_revision == result.to_revision:
            print(f"Skema sudah terbaru ({result.to_revision}).")
        else:
            print(f"Skema diperbarui: {result.from_revision or '(kosong)'} → {result.to_revision}.")
        if result.backup:
            print(f"Cadangan: {result.backup}")
        return EXIT_OK
    finally:
        database.dispose()


def cmd_demo(args: argparse.Namespace) -> int:
    from db import demo
    from db.stats import stats

    if args.households < 1:
        raise SystemExit("tepat: galat: --households harus paling sedikit 1")
    kecamatan = None
    if args.kecamatan:
        kecamatan = [c.strip() for item in args.kecamatan for c in item.split(",") if c.strip()]
    database = open_upgraded(args)
    try:
        with database.read() as session:
            actor = acting_user(session)
            existing = stats(session).households
        if existing and args.if_empty:
            print(f"Register sudah berisi {existing} keluarga; data demo tidak dimuat.")
            return EXIT_OK
        from reports.letters import issue_demo_letter

        summary = demo.generate(
            database, actor, args.households, kecamatan=kecamatan, seed=args.seed,
            progress=progress_printer("Membuat data demo"), letter=issue_demo_letter,
        )
        emit(args, summary.as_dict(), summary.lines())
        return EXIT_OK
    finally:
        database.dispose()


def cmd_boundaries_import(args: argparse.Namespace) -> int:
    from db import boundaries

    database = open_upgraded(args)
    try:
        with database.write() as session:
            result = boundaries.import_geojson(
                session, acting_user(session), args.file, code_property=args.code_property
            )
        data = {
            "kelurahan": result.kelurahan, "kecamatan": result.kecamatan,
            "dissolved": result.dissolved, "repaired": result.repaired,
            "skipped": result.skipped,
        }
        how = " (dilebur dari kelurahan)" if result.dissolved else ""
        lines = [f"Batas diimpor: {result.kelurahan} kelurahan, {result.kecamatan} kecamatan{how}."]
        lines += [f"Diperbaiki: {item}" for item in result.repaired]
        lines += [f"Dilewati: {item}" for item in result.skipped]
        emit(args, data, lines)
        return EXIT_OK
    finally:
        database.dispose()


def cmd_stats(args: argparse.Namespace) -> int:
    from db.stats import stats

    database = open_upgraded(args)
    try:
        with database.read() as session:
            result = stats(session)
        emit(args, result.as_dict(), [
            f"Basis data : {database.info().describe()}",
            f"Kecamatan  : {result.kecamatan}",
            f"Kelurahan  : {result.kelurahan}",
            f"Keluarga   : {result.households}",
            f"Anggota    : {result.members}",
            f"Usulan     : {result.proposals}",
        ])
        return EXIT_OK
    finally:
        database.dispose()
