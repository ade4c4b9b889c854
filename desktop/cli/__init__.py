"""The ``tepat`` command line: no command opens the window; a command runs headless.

Every command is a thin shell over a ``db``/``reports`` call, so the CLI, the GUI and the
tests share one implementation. Output is plain Indonesian text, or JSON with ``--json``.
Errors print one line to stderr (what is wrong, what to do) and exit non-zero.

Commands live in the modules of this package; each defines ``register(subparsers)``, which
adds its sub-commands and sets ``handler`` (a function taking the parsed arguments and
returning the exit code) as their default. New areas add a module; nothing here changes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from collections.abc import Callable, Sequence
from typing import Any

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
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
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{info.name}").register(sub)
    return parser


def emit(args: argparse.Namespace, data: Any, lines: Sequence[str]) -> None:
    """Print ``data`` as JSON with ``--json``, else the human-readable ``lines``."""
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        for line in lines:
            print(line)


def progress_printer(label: str) -> Callable[[int, int], None] | None:
    """A progress callback that redraws one stderr line, only on a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        pct = 100 * done // max(total, 1)
        print(f"\r{label}: {pct:3d}%", end="" if done < total else "\n", file=sys.stderr,
              flush=True)

    return show


def open_upgraded(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open the database named by ``--database`` and bring its schema up to date."""
    from db import schema
    from db.engine import open_database

    database = open_database(args.database)
    try:
        result = schema.upgrade(database)
    except BaseException:
        database.dispose()
        raise
    if result.backup is not None:
        print(f"Cadangan dibuat sebelum pembaruan skema: {result.backup}", file=sys.stderr)
    return database


def acting_user(session):  # type: ignore[no-untyped-def]
    """The user the CLI acts as (the built-in demo administrator until sign-in exists)."""
    from db.actor import demo_admin

    return demo_admin(session)


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(args.database, lang=args.lang)

    from db.errors import TepatError

    try:
        return args.handler(args)
    except TepatError as exc:
        print(f"tepat: galat: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("tepat: dibatalkan; tidak ada yang diubah.", file=sys.stderr)
        return 130
