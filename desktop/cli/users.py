"""User and backup commands: ``tepat user add|list|set|disable|enable|reset-password|passwd``
and ``tepat backup OUT``.

New passwords come from ``TEPAT_NEW_PASSWORD`` or are typed twice at a prompt; they never
appear on the command line, where other users of the computer could read them.
"""

from __future__ import annotations

import argparse
import os

from desktop.cli import (
    ENV_PASSWORD,
    EXIT_OK,
    acting_user,
    emit,
    open_upgraded,
    read_secret,
)

ENV_NEW_PASSWORD = "TEPAT_NEW_PASSWORD"
ROLE_CHOICES = ("operator", "field_officer", "reviewer", "signatory", "admin")
RESET_HELP = (f"atur ulang kata sandi pengguna lain (kata sandi baru dari prompt atau "
              f"{ENV_NEW_PASSWORD}; wajib diganti saat masuk)")


def register(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="pengguna, peran dan wilayah kerja")
    u_sub = user.add_subparsers(dest="user_command", metavar="AKSI", required=True)

    add = u_sub.add_parser("add", help="tambah pengguna (kata sandi dari prompt atau "
                                       f"{ENV_NEW_PASSWORD})")
    add.add_argument("name", metavar="NAMA")
    _role_scope_arguments(add, required=True)
    add.add_argument("--full-name", default="", metavar="TEKS", help="nama lengkap")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)

    lst = u_sub.add_parser("list", help="daftar pengguna")
    lst.add_argument("--search", metavar="TEKS", help="saring nama pengguna atau nama lengkap")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    edit = u_sub.add_parser("set", help="ganti peran dan/atau wilayah kerja pengguna")
    edit.add_argument("name", metavar="NAMA")
    _role_scope_arguments(edit, required=False)
    edit.add_argument("--whole-city", action="store_true",
                      help="wilayah kerja seluruh kota (hapus --scope sebelumnya)")
    edit.add_argument("--full-name", metavar="TEKS")
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=cmd_set)

    for name, helptext, handler in (
        ("disable", "nonaktifkan pengguna (tidak dapat masuk lagi)", cmd_disable),
        ("enable", "aktifkan kembali pengguna dan buka kuncinya", cmd_enable),
        ("reset-password", RESET_HELP, cmd_reset),
    ):
        p = u_sub.add_parser(name, help=helptext)
        p.add_argument("name", metavar="NAMA")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)

    passwd = u_sub.add_parser(
        "passwd", help=f"ganti kata sandi sendiri (lama: {ENV_PASSWORD} atau prompt; baru: "
                       f"{ENV_NEW_PASSWORD} atau prompt)")
    passwd.set_defaults(handler=cmd_passwd, allow_password_change=True)

    backup = sub.add_parser("backup", help="salin seluruh basis data ke BERKAS (khusus admin)")
    backup.add_argument("out", metavar="BERKAS")
    backup.add_argument("--overwrite", action="store_true", help="timpa berkas yang sudah ada")
    backup.add_argument("--json", action="store_true")
    backup.set_defaults(handler=cmd_backup)


def _role_scope_arguments(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--role", dest="roles", action="extend", nargs="+", required=required, metavar="PERAN",
        help="satu atau lebih dari: " + ", ".join(ROLE_CHOICES) + " (boleh diulang)",
    )
    parser.add_argument(
        "--scope", dest="scope", action="extend", nargs="+", metavar="KODE",
        help="wilayah kerja: kode kecamatan (36.73.01) atau kelurahan (36.73.01.1001); "
        "tanpa --scope berarti seluruh kota",
    )


def _split(values: list[str] | None) -> list[str]:
    # "--role operator,reviewer" and "--role operator --role reviewer" mean the same.
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def new_password(prompt_for: str) -> str:
    """A new password from TEPAT_NEW_PASSWORD, else typed twice at the terminal."""
    from db.errors import ValidationFailed

    if os.environ.get(ENV_NEW_PASSWORD) is not None:
        return os.environ[ENV_NEW_PASSWORD]
    first = read_secret(ENV_NEW_PASSWORD, f"Kata sandi baru untuk {prompt_for}: ")
    second = read_secret(ENV_NEW_PASSWORD, "Ulangi kata sandi baru: ")
    if first != second:
        raise ValidationFailed([("Kata sandi baru", "kedua ketikan tidak sama")])
    return first


def _lines(row) -> list[str]:  # type: ignore[no-untyped-def]
    status = "aktif" if row.active else "nonaktif"
    if row.locked_until is not None:
        status += f", terkunci sampai {row.locked_until.astimezone():%H:%M}"
    if row.must_change_password:
        status += ", wajib ganti kata sandi"
    return [
        f"{row.username}" + (f" ({row.full_name})" if row.full_name else ""),
        f"  Peran        : {row.roles_text}",
        f"  Wilayah kerja: {row.scope_text}",
        f"  Status       : {status}",
    ]


def cmd_add(args: argparse.Namespace) -> int:
    from db import users

    database = open_upgraded(args)
    try:
        password = new_password(args.name)
        with database.write() as session:
            row = users.add_user(session, acting_user(session), args.name, password,
                                 roles=_split(args.roles), scope=_split(args.scope),
                                 full_name=args.full_name)
        emit(args, row.as_dict(), ["Pengguna ditambahkan:", *_lines(row)])
        return EXIT_OK
    finally:
        database.dispose()


def cmd_list(args: argparse.Namespace) -> int:
    from db import users

    database = open_upgraded(args)
    try:
        with database.read() as session:
            rows = users.list_users(session, acting_user(session), search=args.search)
        lines = [line for row in rows for line in _lines(row)] or ["Belum ada pengguna."]
        emit(args, [r.as_dict() for r in rows], lines)
        return EXIT_OK
    finally:
        database.dispose()


def cmd_set(args: argparse.Namespace) -> int:
    from db import users
    from db.errors import ValidationFailed

    if args.whole_city and args.scope:
        raise ValidationFailed([
            ("Wilayah kerja", "pilih --scope atau --whole-city, tidak keduanya")])
    database = open_upgraded(args)
    try:
        with database.write() as session:
            actor = acting_user(session)
            current = users.get_user(session, actor, args.name)
            scope = [] if args.whole_city else _split(args.scope) if args.scope else None
            row = users.set_roles(
                session, actor, args.name,
                roles=_split(args.roles) if args.roles else list(current.roles),
                scope=scope, full_name=args.full_name,
            )
        emit(args, row.as_dict(), ["Pengguna diperbarui:", *_lines(row)])
        return EXIT_OK
    finally:
        database.dispose()


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from db import users

    database = open_upgraded(args)
    try:
        with database.write() as session:
            row = users.set_active(session, acting_user(session), args.name, active)
        word = "diaktifkan" if active else "dinonaktifkan"
        emit(args, row.as_dict(), [f"Pengguna {row.username} {word}."])
        return EXIT_OK
    finally:
        database.dispose()


def cmd_disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def cmd_enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def cmd_reset(args: argparse.Namespace) -> int:
    from db import users

    database = open_upgraded(args)
    try:
        password = new_password(args.name)
        with database.write() as session:
            row = users.reset_password(session, acting_user(session), args.name, password)
        emit(args, row.as_dict(), [
            f"Kata sandi {row.username} diatur ulang; ia harus menggantinya saat masuk berikutnya."
        ])
        return EXIT_OK
    finally:
        database.dispose()


def cmd_passwd(args: argparse.Namespace) -> int:
    from db import auth
    from db.errors import PermissionDenied

    database = open_upgraded(args)
    try:
        with database.read() as session:
            actor = acting_user(session)
        if actor.is_builtin:
            raise PermissionDenied(
                "Mode demo tidak memakai kata sandi.",
                hint="Buat pengguna dengan: tepat user add NAMA --role admin",
            )
        old = read_secret(ENV_PASSWORD, "Kata sandi lama: ")
        password = new_password(actor.username)
        with database.write() as session:
            auth.change_password(session, acting_user(session), old, password)
        print(f"Kata sandi {actor.username} diganti.")
        return EXIT_OK
    finally:
        database.dispose()


def cmd_backup(args: argparse.Namespace) -> int:
    from db import backup

    database = open_upgraded(args)
    try:
        with database.read() as session:
            actor = acting_user(session)
        result = backup.backup(database, actor, args.out, overwrite=args.overwrite)
        size = f"{result.size_bytes:,}".replace(",", ".")
        emit(args, result.as_dict(), [
            f"Cadangan ditulis: {result.path} ({size} bita, {result.method})."
        ])
        return EXIT_OK
    finally:
        database.dispose()

