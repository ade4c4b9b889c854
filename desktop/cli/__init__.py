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
import os
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
    parser.add_argument(
        "--user", metavar="NAMA",
        help="masuk sebagai pengguna ini (kata sandi dari prompt atau TEPAT_PASSWORD); wajib "
        "bila basis data sudah punya pengguna",
    )
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
    """Open the database named by ``--database``, bring its schema up to date, sign in.

    Signing in happens here, once per command, so every command that touches data runs
    as a known user (see :func:`acting_user`).
    """
    from db import schema
    from db.engine import open_database

    database = open_database(args.database)
    try:
        result = schema.upgrade(database)
        if result.backup is not None:
            print(f"Cadangan dibuat sebelum pembaruan skema: {result.backup}", file=sys.stderr)
        _sign_in(database, args)
    except BaseException:
        database.dispose()
        raise
    return database


ENV_PASSWORD = "TEPAT_PASSWORD"
# The actor of the running command; main() clears it, open_upgraded() sets it.
_actor = None


def read_secret(env: str, prompt: str) -> str:
    """A password from the environment variable ``env``, else typed at a terminal prompt."""
    import getpass

    from db.errors import ValidationFailed

    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise ValidationFailed([(
            "Kata sandi", f"tidak ada terminal untuk mengetik; setel variabel {env}",
        )])
    return getpass.getpass(prompt)


def _sign_in(database, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    global _actor
    from db import auth
    from db.errors import PasswordChangeRequired, PermissionDenied

    user = getattr(args, "user", None)
    if user is None:
        with database.read() as session:
            empty = auth.needs_first_admin(session)
        if not empty:
            raise PermissionDenied(
                "Basis data ini sudah punya pengguna, jadi perintah harus dijalankan atas nama "
                "seseorang.",
                hint="Tambahkan --user NAMA (kata sandi dari prompt atau TEPAT_PASSWORD).",
            )
        _actor = auth.sign_in_demo(database)
        print("tepat: basis data belum punya pengguna; perintah dijalankan sebagai "
              "administrator demo bawaan (mode demo). Buat pengguna dengan: "
              "tepat user add NAMA --role admin", file=sys.stderr)
        return _actor
    password = read_secret(ENV_PASSWORD, f"Kata sandi untuk {user}: ")
    actor = auth.sign_in(database, user, password)
    if actor.must_change_password and not getattr(args, "allow_password_change", False):
        raise PasswordChangeRequired(
            f"Kata sandi '{actor.username}' diatur ulang oleh administrator dan harus diganti "
            "dulu.",
            hint=f"Jalankan: tepat --user {actor.username} user passwd",
        )
    _actor = actor
    return actor


def acting_user(session):  # type: ignore[no-untyped-def]
    """The signed-in user the command acts as (see ``--user``).

    :func:`open_upgraded` signs in; on a database without users yet that is the built-in
    demo administrator, and the command says so on stderr.
    """
    from db.actor import load_actor

    if _actor is None:
        raise RuntimeError("acting_user() needs open_upgraded(args) first: it signs in")
    # Roles and scope as they are now, in the caller's own transaction.
    return load_actor(session, _actor.username)


def main(argv: Sequence[str]) -> int:
    global _actor
    _actor = None
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
