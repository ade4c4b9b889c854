"""Register commands: ``tepat find``, ``tepat household show``, ``tepat regions import``.

``find`` runs the same search as the register's search box (:func:`db.search.find`);
``household show`` prints one family as the household form holds it.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from desktop.cli import EXIT_OK, acting_user, emit, open_upgraded

_SEX = {"L": "laki-laki", "P": "perempuan"}
_RELATIONSHIP = {
    "head": "kepala keluarga", "spouse": "istri/suami", "child": "anak",
    "son_in_law": "menantu", "grandchild": "cucu", "parent": "orang tua",
    "parent_in_law": "mertua", "other_family": "famili lain", "other": "lainnya",
}


def register(sub: argparse._SubParsersAction) -> None:
    find = sub.add_parser(
        "find", help="cari keluarga menurut NIK, No. KK atau nama (sebagian pun boleh)"
    )
    find.add_argument("text", metavar="TEKS")
    find.add_argument("--limit", type=int, default=20, metavar="N",
                      help="paling banyak N hasil (bawaan 20)")
    find.add_argument("--json", action="store_true")
    find.set_defaults(handler=cmd_find)

    household = sub.add_parser("household", help="data satu keluarga")
    h_sub = household.add_subparsers(dest="household_command", metavar="AKSI", required=True)
    show = h_sub.add_parser("show", help="tampilkan keluarga dan anggotanya")
    show.add_argument("number", metavar="NIK_ATAU_KK")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_household_show)

    regions = sub.add_parser("regions", help="kode wilayah Kemendagri")
    r_sub = regions.add_subparsers(dest="regions_command", metavar="AKSI", required=True)
    r_import = r_sub.add_parser(
        "import", help="muat daftar kode wilayah (CSV kode,nama,tingkat) ke basis data"
    )
    r_import.add_argument("file", type=Path, metavar="BERKAS")
    r_import.add_argument("--json", action="store_true")
    r_import.set_defaults(handler=cmd_regions_import)


def cmd_find(args: argparse.Namespace) -> int:
    from db import search

    if args.limit < 1:
        raise SystemExit("tepat: galat: --limit harus paling sedikit 1")
    database = open_upgraded(args)
    try:
        with database.read() as session:
            hits = search.find(session, acting_user(session), args.text, limit=args.limit)
        lines = [f"{len(hits)} hasil untuk '{args.text}'."] if hits else [
            f"Tidak ada keluarga yang cocok dengan '{args.text}'."]
        for hit in hits:
            matched = {"no_kk": "No. KK", "nik": "NIK", "name": "nama"}[hit.matched_by]
            who = f" | {hit.member_name} ({hit.member_nik})" if hit.member_name else ""
            lines.append(
                f"KK {hit.no_kk} | {hit.head_name or '(tanpa kepala keluarga)'} | "
                f"{hit.address}, RT {hit.rt}/RW {hit.rw}, {hit.kelurahan_name}"
                f"{who} [cocok: {matched}]"
            )
        emit(args, [asdict(h) for h in hits], lines)
        return EXIT_OK
    finally:
        database.dispose()


def _yes_no(value: bool | None) -> str:
    return "-" if value is None else ("ya" if value else "tidak")


def cmd_household_show(args: argparse.Namespace) -> int:
    from db import households

    database = open_upgraded(args)
    try:
        with database.write() as session:
            actor = acting_user(session)
            household_id = households.find_household_id(session, actor, args.number)
            data = households.get_household(session, actor, household_id)
            households.record_viewed(session, actor, household_id, "tepat household show")
        lines = [
            f"No. KK    : {data.no_kk}",
            f"Alamat    : {data.address}, RT {data.rt}/RW {data.rw}",
            (f"Kelurahan : {data.kelurahan_name} ({data.kelurahan_code}), "
            f"Kec. {data.kecamatan_name}"),
            "Lokasi    : " + (f"{data.longitude:.6f}, {data.latitude:.6f}"
                              if data.longitude is not None and data.latitude is not None
                              else "-"),
            f"Desil     : {data.desil if data.desil is not None else '-'}",
            f"Anggota   : {sum(1 for m in data.members if not m.deceased)} hidup"
            + (f", {sum(1 for m in data.members if m.deceased)} meninggal"
               if any(m.deceased for m in data.members) else ""),
        ]
        for number, member in enumerate(data.members, start=1):
            born = member.birth_date.strftime("%d-%m-%Y") if member.birth_date else "-"
            died = " [meninggal]" if member.deceased else ""
            lines.append(
                f"  {number}. {member.nik}  {member.name}  ({_SEX.get(member.sex, member.sex)}, "
                f"lahir {member.birth_place or '-'} {born}, "
                f"{_RELATIONSHIP.get(member.relationship, member.relationship)}){died}"
            )
        emit(args, data.as_dict(), lines)
        return EXIT_OK
    finally:
        database.dispose()


def cmd_regions_import(args: argparse.Namespace) -> int:
    from db import validation

    database = open_upgraded(args)
    try:
        with database.write() as session:
            result = validation.import_region_codes(session, acting_user(session), args.file)
        data = {"rows": result.rows, "changed": result.changed, "by_level": result.by_level}
        levels = ", ".join(f"{count} {level}" for level, count in result.by_level.items())
        emit(args, data, [
            f"Kode wilayah dibaca: {result.rows} ({levels}).",
            f"Ditambahkan atau diganti namanya: {result.changed}.",
        ])
        return EXIT_OK
    finally:
        database.dispose()
