"""Point layers for GIS tools: GeoJSON, KML and GeoPackage, written without GDAL.

Each writer takes a layer name, the field definitions and ``(longitude, latitude,
properties)`` features in WGS84, and writes one file. Field names are the export headers
reduced to letters, digits and underscores, which every GIS format accepts.

The GeoPackage is a SQLite file laid out as OGC 12-128r18 (GeoPackage 1.3) requires: the
``application_id``/``user_version`` header, ``gpkg_spatial_ref_sys`` with the three
mandatory systems, ``gpkg_contents`` with the layer's extent, ``gpkg_geometry_columns``,
and a feature table whose geometries are GeoPackage binary blobs (the ``GP`` header with
the SRS id, then the WKB point).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from db.exports.columns import ExportColumn

GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10300  # GeoPackage 1.3.0
WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)
_NOT_NAME = re.compile(r"[^0-9A-Za-z_]+")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "text", "int", "float", "date"
    key: str


Feature = tuple[float, float, dict]


def fields_from(columns: Sequence[ExportColumn]) -> list[Field]:
    """GIS-safe field names for export columns (``RT/RW`` becomes ``RT_RW``)."""
    out, seen = [], set()
    for column in columns:
        name = _NOT_NAME.sub("_", column.header).strip("_") or column.key
        while name.lower() in seen or name.lower() in ("fid", "geom"):
            name += "_"
        seen.add(name.lower())
        out.append(Field(name, column.kind, column.key))
    return out


def _value(field: Field, value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if field.kind == "int":
        return int(value)  # type: ignore[call-overload]
    if field.kind == "float":
        return float(value)  # type: ignore[arg-type]
    return str(value)


# ------------------------------------------------------------------------- GeoJSON


def write_geojson(path: Path, layer: str, fields: Sequence[Field],
                  features: Iterable[Feature]) -> int:
    """A GeoJSON FeatureCollection (RFC 7946: WGS84 longitude/latitude). Returns the count."""
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "name": ' + json.dumps(layer) +
                 ', "features": [\n')
        for lon, lat, props in features:
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {f.name: _value(f, props.get(f.key)) for f in fields},
            }
            fh.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
            count += 1
        fh.write("\n]}\n")
    return count


# ------------------------------------------------------------------------- KML

_KML_TYPES = {"text": "string", "int": "int", "float": "double", "date": "string"}


def write_kml(path: Path, layer: str, fields: Sequence[Field], features: Iterable[Feature],
              *, name_key: str | None = None) -> int:
    """A KML 2.2 document: one Placemark per feature with its fields as SchemaData."""
    schema_id = _NOT_NAME.sub("_", layer) or "layer"
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n'
                 '<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n'
                 f"<name>{escape(layer)}</name>\n"
                 f"<Schema name={quoteattr(schema_id)} id={quoteattr(schema_id)}>\n")
        for f in fields:
            fh.write(f"  <SimpleField name={quoteattr(f.name)} "
                     f"type=\"{_KML_TYPES.get(f.kind, 'string')}\"/>\n")
        fh.write(f"</Schema>\n<Folder>\n<name>{escape(layer)}</name>\n")
        for lon, lat, props in features:
            label = props.get(name_key) if name_key else None
            data = "".join(
                f"<SimpleData name={quoteattr(f.name)}>{escape(str(v))}</SimpleData>"
                for f in fields if (v := _value(f, props.get(f.key))) is not None)
            fh.write("<Placemark>"
                     + (f"<name>{escape(str(label))}</name>" if label else "")
                     + f"<ExtendedData><SchemaData schemaUrl=\"#{schema_id}\">{data}"
                     "</SchemaData></ExtendedData>"
                     f"<Point><coordinates>{lon!r},{lat!r}</coordinates></Point>"
                     "</Placemark>\n")
            count += 1
        fh.write("</Folder>\n</Document>\n</kml>\n")
    return count


# ------------------------------------------------------------------------- GeoPackage

_GPKG_TYPES = {"text": "TEXT", "int": "INTEGER", "float": "DOUBLE", "date": "DATE"}
_POINT_HEADER = b"GP" + bytes([0, 0x01]) + struct.pack("<i", 4326)  # v0, little-endian, no envelope


def gpkg_point(lon: float, lat: float) -> bytes:
    """A point as GeoPackage binary: header (magic, version, flags, SRS id) + WKB."""
    return _POINT_HEADER + struct.pack("<BIdd", 1, 1, lon, lat)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_gpkg(path: Path, layer: str, fields: Sequence[Field], features: Iterable[Feature],
               *, description: str = "") -> int:
    """A GeoPackage 1.3 file with one point layer in EPSG:4326. Returns the count."""
    table = _NOT_NAME.sub("_", layer) or "layer"
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
        conn.executescript("""
            CREATE TABLE gpkg_spatial_ref_sys (
                srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
                organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
                definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (
                table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
                identifier TEXT UNIQUE, description TEXT DEFAULT '',
                last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
                CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id)
                    REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (
                table_name TEXT NOT NULL, column_name TEXT NOT NULL,
                geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
                z TINYINT NOT NULL, m TINYINT NOT NULL,
                CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                CONSTRAINT fk_gc_tn FOREIGN KEY (table_name)
                    REFERENCES gpkg_contents(table_name),
                CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id)
                    REFERENCES gpkg_spatial_ref_sys (srs_id));
        """)
        conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined",
             "undefined cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
             "undefined geographic coordinate reference system"),
            ("WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_WKT,
             "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
        ])
        columns = ", ".join(f"{_quote(f.name)} {_GPKG_TYPES.get(f.kind, 'TEXT')}"
                            for f in fields)
        conn.execute(f"CREATE TABLE {_quote(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT "
                     f"NOT NULL, geom POINT{', ' + columns if columns else ''})")
        names = ", ".join(["geom", *(_quote(f.name) for f in fields)])
        marks = ", ".join(["?"] * (len(fields) + 1))
        insert = f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})"
        bounds = [float("inf"), float("inf"), float("-inf"), float("-inf")]
        count = 0
        batch: list[tuple] = []
        for lon, lat, props in features:
            batch.append((gpkg_point(lon, lat), *(_value(f, props.get(f.key)) for f in fields)))
            bounds = [min(bounds[0], lon), min(bounds[1], lat), max(bounds[2], lon),
                      max(bounds[3], lat)]
            count += 1
            if len(batch) >= 5000:
                conn.executemany(insert, batch)
                batch.clear()
        conn.executemany(insert, batch)
        extent = bounds if count else [None, None, None, None]
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description,"
                     " min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, "
                     "?, ?, 4326)", (table, layer, description, *extent))
        conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', 4326, 0, 0)",
                     (table,))
        conn.commit()
    finally:
        conn.close()
    return count
