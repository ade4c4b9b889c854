"""Map commands: ``check spatial``, ``map render`` and ``map import``.

``map render`` draws with Qt but needs no window: it runs on the offscreen platform, so
it works over SSH and in scheduled jobs.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from desktop.cli import EXIT_OK, acting_user, emit, open_upgraded, progress_printer

STYLES = ("status", "program", "desil", "flag")


def _subparsers_of(sub: argparse._SubParsersAction, name: str, help_text: str
                   ) -> argparse._SubParsersAction:
    """The sub-command list under ``name``, creating ``name`` if no other module has.

    ``check`` is shared: other areas add their own checks next to ``spatial``.
    """
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=f"{name}_command", metavar="AKSI", required=True)


def register(sub: argparse._SubParsersAction) -> None:
    check = _subparsers_of(sub, "check", "pemeriksaan register")
    spatial = check.add_parser(
        "spatial", help="titik keluarga di luar kelurahannya atau di luar wilayah kantor, "
        "koordinat tertukar, dan keluarga ganda yang berdekatan",
    )
    spatial.add_argument("--tolerance", type=float, default=None, metavar="METER",
                         help="jarak dari batas kelurahan yang masih dianggap di dalam "
                         "(bawaan 12 m)")
    spatial.add_argument("--duplicate-distance", type=float, default=None, metavar="METER",
                         help="jarak maksimum dua KK yang dicurigai ganda (bawaan 25 m)")
    spatial.add_argument("--json", action="store_true")
    spatial.set_defaults(handler=cmd_check_spatial)

    map_cmd = sub.add_parser("map", help="peta: gambar PNG dan impor batas dari Shapefile/"
                             "GeoPackage")
    map_sub = map_cmd.add_subparsers(dest="map_command", metavar="AKSI", required=True)
    render = map_sub.add_parser("render", help="gambar peta (batas dan keluarga) ke berkas PNG "
                                "tanpa membuka jendela")
    render.add_argument("--out", type=Path, required=True, metavar="BERKAS.png")
    render.add_argument("--width", type=int, default=1600, metavar="PIKSEL")
    render.add_argument("--height", type=int, default=1000, metavar="PIKSEL")
    render.add_argument("--style", choices=STYLES, default="status",
                        help="warnai keluarga menurut status usulan, program, desil atau "
                        "temuan pemeriksaan (bawaan: status)")
    render.add_argument("--kelurahan", metavar="KODE",
                        help="perbesar ke satu kelurahan (atau kecamatan), mis. 36.73.01.1001")
    render.add_argument("--title", metavar="TEKS", help="judul peta")
    render.add_argument("--basemap", metavar="BERKAS",
                        help="peta dasar: berkas MBTiles atau folder ubin XYZ (opsional)")
    render.add_argument("--json", action="store_true")
    render.set_defaults(handler=cmd_map_render)

    imp = map_sub.add_parser("import", help="impor batas wilayah dari Shapefile (.shp/.zip), "
                             "GeoPackage (.gpkg) atau GeoJSON, dengan pratinjau")
    imp.add_argument("file", type=Path, metavar="BERKAS")
    imp.add_argument("--crs", metavar="EPSG",
                     help="sistem koordinat bila berkas tidak menyebutkannya, mis. EPSG:32748")
    imp.add_argument("--layer", metavar="NAMA", help="lapisan GeoPackage")
    imp.add_argument("--code-field", metavar="ATRIBUT", help="atribut berisi kode wilayah")
    imp.add_argument("--name-field", metavar="ATRIBUT",
                     help="atribut berisi nama wilayah (bila tidak ada kode)")
    imp.add_argument("--kecamatan-field", metavar="ATRIBUT",
                     help="atribut nama kecamatan, untuk nama kelurahan yang kembar")
    imp.add_argument("--within", metavar="KODE",
                     help="cocokkan nama hanya di wilayah ini, mis. 36.73")
    imp.add_argument("--preview", action="store_true",
                     help="hanya tampilkan pratinjau; tidak ada yang disimpan")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=cmd_map_import)


def cmd_check_spatial(args: argparse.Namespace) -> int:
    from db import spatial

    options = {}
    if args.tolerance is not None:
        options["tolerance_m"] = args.tolerance
    if args.duplicate_distance is not None:
        options["duplicate_distance_m"] = args.duplicate_distance
    database = open_upgraded(args)
    try:
        with database.read() as session:
            report = spatial.check_spatial(
                session, acting_user(session), progress=progress_printer("Memeriksa"),
                **options,
            )
        emit(args, report.as_dict(), report.lines())
        return EXIT_OK
    finally:
        database.dispose()


def _qt_application(language: str | None):  # type: ignore[no-untyped-def]
    """The running Qt application, or a new offscreen one (no window system needed),
    speaking ``language`` (Indonesian by default) in the legend and scale bar."""
    from PySide6.QtGui import QGuiApplication

    from desktop import i18n

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["tepat"])
        i18n.install(language or i18n.DEFAULT_LANGUAGE)
    return app


def cmd_map_render(args: argparse.Namespace) -> int:
    from db import spatial
    from db.errors import NotFound, ValidationFailed
    from db.models import Region

    problems = []
    if not 200 <= args.width <= 10000:
        problems.append(("--width", "harus antara 200 dan 10000 piksel"))
    if not 200 <= args.height <= 10000:
        problems.append(("--height", "harus antara 200 dan 10000 piksel"))
    if args.out.suffix.lower() != ".png":
        problems.append(("--out", f"{args.out.name} harus berakhiran .png"))
    if problems:
        raise ValidationFailed(problems)
    database = open_upgraded(args)
    try:
        with database.read() as session:
            actor = acting_user(session)
            shapes = spatial.boundary_shapes(session)
            points = spatial.household_points(session, actor)
            region = session.get(Region, args.kelurahan) if args.kelurahan else None
            region_name = region.name if region is not None else None
    finally:
        database.dispose()
    if args.kelurahan and region_name is None:
        raise NotFound(f"Kode wilayah {args.kelurahan} tidak dikenal.",
                       hint="Tulis kode bertitik, mis. 36.73.01.1001 (lihat: tepat regions).")
    if not shapes and not len(points):
        raise NotFound("Belum ada batas wilayah maupun keluarga berkoordinat untuk digambar.",
                       hint="Impor batas kelurahan (tepat boundaries import) atau isi register.")
    _qt_application(getattr(args, "lang", None))
    from widgets.map.export import render_region_map
    from widgets.map.styles import attribute_label

    title = args.title or (f"Peta keluarga: {region_name}" if region_name is not None
                           else "Peta keluarga")
    subtitle = (f"Diwarnai menurut {attribute_label(args.style).lower()}; "
                f"{len(points):,} keluarga berkoordinat".replace(",", "."))
    try:
        image = render_region_map(
            shapes, points, width=args.width, height=args.height, title=title,
            subtitle=subtitle, attribute=args.style,
            region=args.kelurahan, basemap=args.basemap,
        )
    except ValueError:
        raise NotFound(f"Wilayah {args.kelurahan} belum punya batas untuk digambar.",
                       hint="Impor batas kelurahan dulu (tepat boundaries import).") from None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.out), "PNG"):
        raise ValidationFailed([("--out", f"{args.out} tidak dapat ditulis")])
    emit(args, {"out": str(args.out), "width": image.width(), "height": image.height(),
                "title": title, "households": len(points), "style": args.style},
         [f"Peta disimpan: {args.out} ({image.width()}×{image.height()})"])
    return EXIT_OK


def cmd_map_import(args: argparse.Namespace) -> int:
    from db import boundary_formats as bf

    source = bf.read_boundary_file(args.file, crs=args.crs, layer=args.layer)
    mapping = None
    if args.code_field or args.name_field:
        mapping = bf.FieldMapping(
            code_field=args.code_field, name_field=None if args.code_field else args.name_field,
            parent_name_field=args.kecamatan_field, parent_code=args.within,
        )
    database = open_upgraded(args)
    try:
        if args.preview:
            with database.read() as session:
                shown = bf.preview(session, source, mapping)
            emit(args, {
                "source": shown.source, "format": shown.format, "crs": shown.crs,
                "fields": shown.fields, "kelurahan": shown.kelurahan,
                "kecamatan": shown.kecamatan,
                "rows": [vars(r) for r in shown.rows],
            }, shown.lines())
            return EXIT_OK
        with database.write() as session:
            result = bf.import_boundaries(session, acting_user(session), source, mapping)
        data = {"file": str(args.file), "crs": source.crs, "kelurahan": result.kelurahan,
                "kecamatan": result.kecamatan, "dissolved": result.dissolved,
                "repaired": result.repaired, "skipped": result.skipped}
        lines = [f"Batas diimpor dari {args.file.name} ({source.crs}): {result.kelurahan} "
                 f"kelurahan, {result.kecamatan} kecamatan"
                 + (" (dilebur dari kelurahan)" if result.dissolved else "") + "."]
        lines += [f"Diperbaiki: {line}" for line in result.repaired]
        lines += [f"Dilewati: {line}" for line in result.skipped]
        emit(args, data, lines)
        return EXIT_OK
    finally:
        database.dispose()
