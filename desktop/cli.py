"""The ``tepat`` command line: no command opens the window; a command runs headless.

Every command is a thin shell over a ``db``/``reports`` call, so the CLI, the GUI and the
tests share one implementation. Output is plain Indonesian text, or JSON with ``--json``.
Errors print one line to stderr (what is wrong, what to do) and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tepat",
        description="Tepat: pendataan dan usulan bantuan sosial tingkat kecamatan. "
        "Tanpa perintah, jendela aplikasi dibuka.",
    )
    parser.add_argument(
        "--database", metavar="URL",
        help="basis data: sqlite:///BERKAS atau postgresql+psycopg://pengguna@host/nama "
        "(bawaan: TEPAT_DATABASE_URL, lalu berkas SQLite di folder data pengguna)",
    )
    parser.add_argument("--lang", choices=("id", "en"), help="bahasa antarmuka jendela")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")

    db_cmd = sub.add_parser("db", help="skema basis data")
    db_sub = db_cmd.add_subparsers(dest="db_command", metavar="AKSI", required=True)
    db_sub.add_parser("upgrade", help="perbarui skema ke versi terbaru (SQLite dicadangkan dulu)")
    status = db_sub.add_parser("status", help="tampilkan versi skema")
    status.add_argument("--json", action="store_true")

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

    boundaries = sub.add_parser("boundaries", help="batas wilayah")
    b_sub = boundaries.add_subparsers(dest="boundaries_command", metavar="AKSI", required=True)
    b_import = b_sub.add_parser("import", help="impor batas kelurahan dari berkas GeoJSON")
    b_import.add_argument("file", type=Path, metavar="BERKAS")
    b_import.add_argument("--code-property", metavar="NAMA",
                          help="atribut yang memuat kode wilayah (bawaan: dikenali otomatis)")
    b_import.add_argument("--json", action="store_true")

    stats = sub.add_parser("stats", help="jumlah wilayah, keluarga, anggota dan usulan")
    stats.add_argument("--json", action="store_true")
    return parser


def _emit(args: argparse.Namespace, data: Any, lines: Sequence[str]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        for line in lines:
            print(line)


def _progress_printer(label: str) -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        pct = 100 * done // max(total, 1)
        print(f"\r{label}: {pct:3d}%", end="" if done < total else "\n", file=sys.stderr,
              flush=True)

    return show


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from db import schema
    from db.engine import open_database

    database = open_database(args.database)
    result = schema.upgrade(database)
    if result.backup is not None:
        print(f"Cadangan dibuat sebelum pembaruan skema: {result.backup}", file=sys.stderr)
    return database


def _cmd_db(args: argparse.Namespace) -> int:
    from db import schema
    from db.engine import open_database

    database = open_database(args.database)
    try:
        if args.db_command == "status":
            st = schema.check_not_too_new(database)
            data = {"database": database.info().describe(), "current": st.current,
                    "head": st.head, "up_to_date": st.up_to_date}
            _emit(args, data, [
                f"Basis data : {data['database']}",
                f"Skema      : {st.current or '(kosong)'} (terbaru {st.head})",
            ])
            return EXIT_OK
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


def _cmd_demo(args: argparse.Namespace) -> int:
    from db import demo
    from db.actor import demo_admin
    from db.stats import stats

    if args.households < 1:
        raise SystemExit("tepat: galat: --households harus paling sedikit 1")
    kecamatan = None
    if args.kecamatan:
        kecamatan = [c.strip() for item in args.kecamatan for c in item.split(",") if c.strip()]
    database = _open(args)
    try:
        with database.read() as session:
            actor = demo_admin(session)
            existing = stats(session).households
        if existing and args.if_empty:
            print(f"Register sudah berisi {existing} keluarga; data demo tidak dimuat.")
            return EXIT_OK
        summary = demo.generate(
            database, actor, args.households, kecamatan=kecamatan, seed=args.seed,
            progress=_progress_printer("Membuat data demo"),
        )
        _emit(args, summary.as_dict(), summary.lines())
        return EXIT_OK
    finally:
        database.dispose()


def _cmd_boundaries(args: argparse.Namespace) -> int:
    from db import boundaries
    from db.actor import demo_admin

    database = _open(args)
    try:
        with database.write() as session:
            actor = demo_admin(session)
            result = boundaries.import_geojson(
                session, actor, args.file, code_property=args.code_property
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
        _emit(args, data, lines)
        return EXIT_OK
    finally:
        database.dispose()


def _cmd_stats(args: argparse.Namespace) -> int:
    from db.stats import stats

    database = _open(args)
    try:
        with database.read() as session:
            result = stats(session)
        _emit(args, result.as_dict(), [
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "db": _cmd_db,
    "demo": _cmd_demo,
    "boundaries": _cmd_boundaries,
    "stats": _cmd_stats,
}


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(args.database, lang=args.lang)

    from db.errors import TepatError

    try:
        return COMMANDS[args.command](args)
    except TepatError as exc:
        print(f"tepat: galat: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("tepat: dibatalkan; tidak ada yang diubah.", file=sys.stderr)
        return 130
