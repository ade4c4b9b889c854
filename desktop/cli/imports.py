"""Import and export commands: ``tepat import ...`` and ``tepat export FORMAT``.

``import households`` prints what it read and did (read, inserted, updated, unchanged,
rejected) and exits 1 when an all-or-nothing import was refused, after writing the
rejected-rows workbook when ``--report`` asks for one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop.cli import EXIT_ERROR, EXIT_OK, acting_user, emit, open_upgraded, progress_printer

_REFERENCE_COMMANDS = {"coverage": "coverage", "exclusions": "exclusion",
                       "housing-aid": "housing_aid"}
_REFERENCE_HELP = {
    "coverage": "daftar kepesertaan JKN/PBI (NIK, segmen)",
    "exclusions": "daftar ASN/TNI/Polri (NIK, golongan, instansi)",
    "housing-aid": "daftar penerima bantuan rumah terdahulu (NIK atau No. KK, tahun, sumber)",
}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan tanggal TTTT-BB-HH") from None


def _reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="BERKAS", help=".xlsx, .xls, .ods atau .csv")
    parser.add_argument("--sheet", metavar="NAMA", help="lembar yang dibaca (bawaan: lembar "
                        "terlihat pertama yang berisi data)")
    parser.add_argument("--header-row", type=int, metavar="N",
                        help="baris judul (bawaan: dikenali otomatis)")
    parser.add_argument("--header-rows", type=int, choices=(1, 2), default=1, metavar="1|2",
                        help="judul satu atau dua baris (dengan --header-row)")
    parser.add_argument("--mapping", type=Path, metavar="BERKAS.json",
                        help="pemetaan kolom tersimpan (bawaan: disarankan dari judul kolom)")
    parser.add_argument("--valid-only", action="store_true",
                        help="impor baris yang sah saja dan laporkan sisanya "
                        "(bawaan: semua atau tidak sama sekali)")
    parser.add_argument("--report", type=Path, metavar="LAPORAN.xlsx",
                        help="tulis baris bermasalah (baris, kolom, nilai, alasan) ke .xlsx")
    parser.add_argument("--dry-run", action="store_true",
                        help="periksa saja, tanpa menulis ke basis data")
    parser.add_argument("--json", action="store_true")


def register(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser("import", help="impor data keluarga dan daftar rujukan dari spreadsheet")
    i_sub = imp.add_subparsers(dest="import_command", metavar="JENIS", required=True)
    households = i_sub.add_parser("households", help="keluarga dan anggota (DTSEN/DTKS, BNBA)")
    _reading_options(households)
    households.set_defaults(handler=cmd_import_households)
    for command, kind in _REFERENCE_COMMANDS.items():
        parser = i_sub.add_parser(command, help=_REFERENCE_HELP[command])
        _reading_options(parser)
        parser.add_argument("--date", type=_date, metavar="TTTT-BB-HH",
                            help="tanggal daftar (bawaan: tanggal berkas)")
        parser.add_argument("--allow-older", action="store_true",
                            help="ganti daftar aktif walau berkas ini bertanggal lebih lama")
        parser.set_defaults(handler=cmd_import_reference, kind=kind)
    mapping = i_sub.add_parser("suggest-mapping",
                               help="tampilkan baris judul dan pemetaan kolom yang disarankan")
    mapping.add_argument("file", type=Path, metavar="BERKAS")
    mapping.add_argument("--kind", default="households",
                         choices=("households", "coverage", "exclusion", "housing_aid"))
    mapping.add_argument("--sheet", metavar="NAMA")
    mapping.add_argument("--out", type=Path, metavar="BERKAS.json",
                         help="simpan pemetaan untuk disunting dan dipakai dengan --mapping")
    mapping.add_argument("--json", action="store_true")
    mapping.set_defaults(handler=cmd_suggest_mapping)
    lists = i_sub.add_parser("lists", help="daftar rujukan yang pernah diimpor")
    lists.add_argument("--json", action="store_true")
    lists.set_defaults(handler=cmd_reference_lists)

    from db.exports.columns import CATALOGUE, SUBJECTS
    from db.exports.export import FORMATS
    from db.programs import STATES

    exp = sub.add_parser(
        "export", help="ekspor register atau usulan ke xlsx, csv, geojson, kml atau gpkg",
        description="Kolom yang tersedia: " + "; ".join(
            f"{s}: {', '.join(CATALOGUE[s])}" for s in SUBJECTS))
    exp.add_argument("format", choices=FORMATS, metavar="FORMAT",
                     help="xlsx, csv, geojson, kml atau gpkg")
    exp.add_argument("--out", type=Path, required=True, metavar="BERKAS")
    exp.add_argument("--what", choices=SUBJECTS, default="households",
                     help="households (bawaan), members atau proposals")
    exp.add_argument("--columns", metavar="K1,K2,...",
                     help="hanya kolom ini, dipisah koma (lihat daftar di --help)")
    exp.add_argument("--region", metavar="KODE", help="kode kecamatan atau kelurahan")
    exp.add_argument("--desil-max", type=int, metavar="N", help="hanya desil N ke bawah")
    exp.add_argument("--program", metavar="KODE", help="usulan: kode program (pbi-jk, rtlh)")
    exp.add_argument("--period", type=int, metavar="ID", help="usulan: id periode")
    exp.add_argument("--state", action="append", choices=STATES, metavar="STATUS",
                     help="usulan: status (boleh diulang)")
    exp.add_argument("--template", type=Path, metavar="BERKAS.json",
                     help="templat daftar usulan .xlsx (bawaan: BNBA)")
    exp.add_argument("--delimiter", default=",", metavar="C", help="pemisah CSV (bawaan ,)")
    exp.add_argument("--json", action="store_true")
    exp.set_defaults(handler=cmd_export)


def _mapping(args: argparse.Namespace, kind: str):  # type: ignore[no-untyped-def]
    from db.imports.mapping import Mapping

    if args.mapping is None:
        return None
    mapping = Mapping.load(args.mapping)
    if mapping.target != kind:
        from db.errors import MappingInvalid

        raise MappingInvalid(f"Pemetaan {args.mapping.name} untuk impor '{mapping.target}', "
                             f"bukan '{kind}'.")
    return mapping


def _finish(args: argparse.Namespace, report, *, refused: bool) -> int:  # type: ignore[no-untyped-def]
    lines = report.lines()
    if refused:
        lines.append("Tidak ada yang diimpor: ada baris yang ditolak. Pakai --valid-only untuk "
                     "mengimpor baris yang sah saja.")
    if args.report is not None:
        lines.append(f"Laporan: {args.report}")
    emit(args, report.as_dict(), lines)
    return EXIT_ERROR if refused else EXIT_OK


def cmd_import_households(args: argparse.Namespace) -> int:
    from db.errors import ImportRejected
    from db.imports.households import import_households

    mapping = _mapping(args, "households")
    database = open_upgraded(args)
    try:
        with database.read() as session:
            actor = acting_user(session)
        try:
            report = import_households(
                database, actor, args.file, sheet=args.sheet, header_row=args.header_row,
                header_depth=args.header_rows, mapping=mapping, valid_only=args.valid_only,
                dry_run=args.dry_run, report_path=args.report,
                progress=progress_printer("Mengimpor"),
            )
        except ImportRejected as exc:
            return _finish(args, exc.report, refused=True)
        return _finish(args, report, refused=False)
    finally:
        database.dispose()


def cmd_import_reference(args: argparse.Namespace) -> int:
    from db.errors import ImportRejected
    from db.imports.reference import import_reference

    mapping = _mapping(args, args.kind)
    database = open_upgraded(args)
    try:
        with database.read() as session:
            actor = acting_user(session)
        try:
            report = import_reference(
                database, actor, args.kind, args.file, sheet=args.sheet,
                header_row=args.header_row, header_depth=args.header_rows, mapping=mapping,
                source_date=args.date, valid_only=args.valid_only,
                allow_older=args.allow_older, dry_run=args.dry_run, report_path=args.report,
                progress=progress_printer("Mengimpor"),
            )
        except ImportRejected as exc:
            return _finish(args, exc.report, refused=True)
        if not report.written and not args.dry_run:
            print("Daftar ini sama dengan daftar aktif; tidak ada yang diubah.", file=sys.stderr)
        return _finish(args, report, refused=False)
    finally:
        database.dispose()


def cmd_suggest_mapping(args: argparse.Namespace) -> int:
    from db.imports import mapping as mappingmod
    from db.imports import reader

    book = reader.Workbook(args.file)
    sheet = book.sheet(args.sheet)
    fields = mappingmod.fields_for(args.kind)
    header = reader.detect_header(sheet, fields)
    suggested = mappingmod.suggest(list(header.labels), args.kind)
    if args.out is not None:
        suggested.save(args.out)
    labels = {f.key: f.label for f in fields}
    lines = [f"Lembar '{sheet.name}' ({', '.join(book.sheet_names)}); baris judul {header.row}"
             + (f"-{header.row + 1}" if header.depth == 2 else "")
             + (", baris penomoran kolom dilewati" if header.numbering_row else "") + "."]
    lines += [f"  {labels[k]:28s} <- {v}" for k, v in suggested.columns.items()]
    missing = [f.label for f in fields if f.key not in suggested.columns]
    if missing:
        lines.append("Tidak dipetakan: " + ", ".join(missing) + ".")
    if args.out is not None:
        lines.append(f"Pemetaan disimpan ke {args.out}.")
    emit(args, {"sheet": sheet.name, "sheets": book.sheet_names, "header_row": header.row,
                "header_depth": header.depth, "mapping": suggested.to_json()}, lines)
    return EXIT_OK


def cmd_reference_lists(args: argparse.Namespace) -> int:
    from db import permissions
    from db.imports.reference import lists

    database = open_upgraded(args)
    try:
        with database.read() as session:
            permissions.require(acting_user(session), "reference.view")
            found = lists(session)
        data = [{"id": i.id, "kind": i.kind, "file": i.source_file,
                 "date": i.source_date.isoformat() if i.source_date else None,
                 "rows": i.row_count, "active": i.active,
                 "imported_at": i.imported_at.isoformat(), "by": i.imported_by}
                for i in found]
        lines = [f"{'*' if i.active else ' '} {i.id:4d} {i.label:40s} {i.row_count:8d} baris  "
                 f"{i.source_date or '-'}  {i.source_file}" for i in found]
        emit(args, data, lines or ["Belum ada daftar rujukan yang diimpor."])
        return EXIT_OK
    finally:
        database.dispose()


def cmd_export(args: argparse.Namespace) -> int:
    from db.exports.columns import ExportFilter
    from db.exports.export import export
    from db.exports.tables import ProposalTemplate

    template = ProposalTemplate.load(args.template) if args.template else None
    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    flt = ExportFilter(region=args.region, desil_max=args.desil_max, program=args.program,
                       period_id=args.period, states=tuple(args.state or ()))
    database = open_upgraded(args)
    try:
        with database.read() as session:
            actor = acting_user(session)
        result = export(database, actor, args.what, args.format, args.out, columns=columns,
                        flt=flt, template=template, delimiter=args.delimiter)
        emit(args, result.as_dict(), result.lines())
        return EXIT_OK
    finally:
        database.dispose()
