"""Which spreadsheet column holds which register field.

Offices receive DTSEN/DTKS extracts, kelurahan lists and agency lists whose headers differ
in spelling (``NO_KK``, ``No. KK``, ``NOKK``, ``Nomor Kartu Keluarga``) but not in meaning.
:func:`suggest` proposes a mapping from the headers; the operator corrects it and may save
it as JSON (:meth:`Mapping.save`) for the next file of the same shape.

Headers are compared by their *key*: upper-case letters and digits only, with anything in
parentheses dropped, so ``Jenis Kelamin (L/P)``, ``JENIS_KELAMIN`` and ``jenis kelamin``
are the same header.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from db.errors import MappingInvalid

MAPPING_FORMAT = "tepat-import-mapping"
MAPPING_VERSION = 1

# Numeric HUB_KELUARGA/SHDK code schemes a mapping may declare (see normalise.py).
RELATIONSHIP_SCHEMES = ("dukcapil", "bps")


@dataclass(frozen=True)
class Field:
    """A target field of an import and the header keys that usually hold it."""

    key: str
    label: str  # Indonesian, as shown in messages and the wizard
    aliases: tuple[str, ...]  # exact header keys
    prefixes: tuple[str, ...] = ()  # header keys that start with one of these also match
    required: bool = False  # the import cannot run without this column
    description: str = ""


def _f(key: str, label: str, aliases: str, prefixes: str = "", required: bool = False,
       description: str = "") -> Field:
    return Field(key, label, tuple(aliases.split()), tuple(prefixes.split()), required,
                 description)


# Order is the order the wizard lists them in. Aliases are header keys (see header_key).
HOUSEHOLD_FIELDS: tuple[Field, ...] = (
    _f("nik", "NIK", "NIK NONIK NOMORNIK NOMORINDUKKEPENDUDUKAN NOINDUKKEPENDUDUKAN NIKART "
       "NIKANGGOTA NIKPENERIMA "
       "NIKKTP NOKTP", "NIK", required=True,
       description="16 angka; satu baris per orang"),
    _f("no_kk", "No. KK", "NOKK NKK KK NOMORKK NOKARTUKELUARGA NOMORKARTUKELUARGA NOKARTUKK "
       "NOMORKARTUKK KARTUKELUARGA NOKKART", "NOKK NOMORKK NOMORKARTUKELUARGA NOKARTUKELUARGA"),
    # A head's NIK or name (one-row-per-family lists) matches by prefix only, so a file
    # with both "NIK" and "NIK KEPALA KELUARGA" maps the person's own column.
    _f("name", "Nama", "NAMA NAMALENGKAP NAMAART NAMAANGGOTA NAMAPENERIMA NAMAPENDUDUK "
       "NAMASESUAIKTP NM NMART", "NAMALENGKAP NAMAANGGOTA NAMAPENERIMA NAMAKRT NAMAKEPALA"),
    _f("sex", "Jenis kelamin", "JENISKELAMIN JK KELAMIN LP SEX GENDER JNSKELAMIN JENKEL JNSKEL",
       "JENISKELAMIN"),
    _f("birth_place", "Tempat lahir", "TEMPATLAHIR TMPLAHIR TEMPATLHR TMPTLAHIR TPTLAHIR "
       "TMPLHR", "TEMPATLAHIR"),
    _f("birth_date", "Tanggal lahir", "TGLLAHIR TANGGALLAHIR TGLLHR TANGGALLHR TLAHIR DOB "
       "TGLLAHIRDDMMYYYY", "TANGGALLAHIR TGLLAHIR"),
    _f("relationship", "Hubungan keluarga", "HUBKELUARGA SHDK HUBUNGAN HUBKEL "
       "HUBUNGANKELUARGA STATUSHUBUNGANDALAMKELUARGA HUBUNGANDENGANKEPALAKELUARGA HUBKRT "
       "HUBUNGANDENGANKRT HUBUNGANDENGANKEPALARUMAHTANGGA STATUSDALAMKELUARGA HUBDGKK",
       "HUBUNGAN HUBKEL SHDK"),
    _f("marital_status", "Status kawin", "STATUSKAWIN STATUSPERKAWINAN STSKAWIN KAWIN "
       "STATUSNIKAH", "STATUSKAWIN STATUSPERKAWINAN"),
    _f("occupation", "Pekerjaan", "PEKERJAAN JENISPEKERJAAN PEKERJAANUTAMA PKRJN KERJA",
       "PEKERJAAN"),
    _f("education", "Pendidikan", "PENDIDIKAN PENDIDIKANTERAKHIR PDDKAKHIR PENDIDIKANAKHIR "
       "IJAZAHTERTINGGI", "PENDIDIKAN"),
    _f("address", "Alamat", "ALAMAT ALAMATLENGKAP JALAN ALAMATRUMAH ALAMATTINGGAL NAMAJALAN "
       "ALAMATDOMISILI", "ALAMAT"),
    _f("rt", "RT", "RT NORT NOMORRT"),
    _f("rw", "RW", "RW NORW NOMORRW"),
    _f("rt_rw", "RT/RW", "RTRW NORTRW"),
    _f("kelurahan_code", "Kode kelurahan", "KODEKELURAHAN KODEDESA KDKEL KDDESA KODEKEL "
       "KODEDESAKELURAHAN KODEWILAYAH IDDESA KODEKELDESA KDKELURAHAN"),
    _f("kelurahan", "Kelurahan/desa", "KELURAHAN DESA DESAKELURAHAN KELURAHANDESA KEL "
       "NAMAKELURAHAN NAMADESA NAMAKEL KELDESA DESAKEL", "KELURAHAN"),
    _f("kecamatan", "Kecamatan", "KECAMATAN KEC NAMAKECAMATAN NAMAKEC"),
    _f("desil", "Desil", "DESIL DESILNASIONAL DESILKESEJAHTERAAN PERINGKATDESIL DESILDTSEN "
       "STATUSDESIL KATEGORIDESIL", "DESIL"),
    _f("latitude", "Lintang (latitude)", "LATITUDE LAT LINTANG Y KOORDINATY", "LATITUDE"),
    _f("longitude", "Bujur (longitude)", "LONGITUDE LON LONG LNG BUJUR X KOORDINATX",
       "LONGITUDE"),
    _f("coordinates", "Koordinat (lintang, bujur)", "KOORDINAT TITIKKOORDINAT LOKASI GPS "
       "LATLONG LATLON TITIKLOKASI"),
)

COVERAGE_FIELDS: tuple[Field, ...] = (
    _f("nik", "NIK", "NIK NONIK NOMORNIK NOMORINDUKKEPENDUDUKAN NIKPESERTA NIKKTP", "NIK",
       required=True),
    _f("name", "Nama", "NAMA NAMAPESERTA NAMALENGKAP", "NAMAPESERTA"),
    _f("segment", "Segmen JKN", "SEGMEN SEGMENPESERTA JENISPESERTA KEPESERTAAN "
       "JENISKEPESERTAAN SEGMENKEPESERTAAN PROGRAM", "SEGMEN JENISPESERTA"),
    _f("note", "Keterangan", "KETERANGAN KET CATATAN STATUS STATUSPESERTA"),
)

HOUSING_AID_FIELDS: tuple[Field, ...] = (
    _f("nik", "NIK", "NIK NONIK NOMORNIK NIKPENERIMA NIKKRT NIKKEPALAKELUARGA", "NIK"),
    _f("no_kk", "No. KK", "NOKK NKK KK NOMORKK NOKARTUKELUARGA NOMORKARTUKELUARGA", "NOKK"),
    _f("name", "Nama", "NAMA NAMAPENERIMA NAMALENGKAP NAMAKRT", "NAMAPENERIMA"),
    _f("year", "Tahun", "TAHUN THN TAHUNBANTUAN TAHUNANGGARAN TA TAHUNPENERIMAAN", "TAHUN"),
    _f("source", "Sumber bantuan", "SUMBER SUMBERBANTUAN SUMBERDANA PROGRAM JENISBANTUAN "
       "PEMBERI", "SUMBER"),
    _f("note", "Keterangan", "KETERANGAN KET CATATAN ALAMAT"),
)

EXCLUSION_FIELDS: tuple[Field, ...] = (
    _f("nik", "NIK", "NIK NONIK NOMORNIK NIKPEGAWAI NIKKTP", "NIK", required=True),
    _f("name", "Nama", "NAMA NAMAPEGAWAI NAMALENGKAP", "NAMA"),
    _f("segment", "Golongan (ASN/TNI/Polri)", "JENIS KATEGORI GOLONGANPEGAWAI JENISPEGAWAI "
       "STATUSPEGAWAI KELOMPOK SATUAN", "JENISPEGAWAI"),
    _f("note", "Instansi", "INSTANSI UNITKERJA SATKER KESATUAN KETERANGAN", "INSTANSI"),
)

TARGETS: dict[str, tuple[Field, ...]] = {
    "households": HOUSEHOLD_FIELDS,
    "coverage": COVERAGE_FIELDS,
    "housing_aid": HOUSING_AID_FIELDS,
    "exclusion": EXCLUSION_FIELDS,
}

_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_KEY = re.compile(r"[^0-9A-Z]+")


def header_key(text: object) -> str:
    """Upper-case letters and digits only, parenthesised notes dropped: the matching key."""
    if text is None:
        return ""
    raw = str(text)
    stripped = _PARENS.sub(" ", raw)
    # "(L/P)" alone is a header too: keep its letters when nothing else is left.
    if not _NOT_KEY.sub("", unicodedata.normalize("NFKD", stripped).upper()):
        stripped = raw
    return _NOT_KEY.sub("", unicodedata.normalize("NFKD", stripped).upper())


def fields_for(target: str) -> tuple[Field, ...]:
    try:
        return TARGETS[target]
    except KeyError:
        raise MappingInvalid(f"Jenis impor '{target}' tidak dikenal.") from None


def match_header(label: str, fields: Sequence[Field]) -> tuple[str, int] | None:
    """The field a header names and how sure we are (2 exact, 1 prefix), or None.

    A two-row header arrives as ``"PARENT / CHILD"``: the child is tried first, then the
    whole label, then the parent.
    """
    parts = [p for p in str(label).split(" / ") if p.strip()]
    candidates = [parts[-1], str(label), parts[0]] if len(parts) > 1 else [str(label)]
    for candidate in candidates:
        key = header_key(candidate)
        if not key:
            continue
        for fld in fields:
            if key in fld.aliases:
                return fld.key, 2
    best: tuple[str, int] | None = None
    best_len = 0
    for candidate in candidates:
        key = header_key(candidate)
        for fld in fields:
            for prefix in fld.prefixes:
                if key.startswith(prefix) and len(prefix) > best_len:
                    best, best_len = (fld.key, 1), len(prefix)
        if best is not None:
            return best
    return None


def score_headers(labels: Sequence[str], fields: Sequence[Field]) -> int:
    """How many distinct fields a candidate header row names (used to find the header)."""
    found = set()
    for label in labels:
        hit = match_header(label, fields) if label else None
        if hit is not None:
            found.add(hit[0])
    return len(found)


@dataclass
class Mapping:
    """Field key -> column header label, plus options for reading coded values.

    Labels rather than positions are stored so a saved mapping fits the next month's file
    even when a column was inserted.
    """

    target: str = "households"
    columns: dict[str, str] = field(default_factory=dict)
    # Numeric HUB_KELUARGA codes: None (only 1 = head is unambiguous), "dukcapil" or "bps".
    relationship_codes: str | None = None
    # Extra value translations per field, e.g. {"sex": {"LK": "L"}}; keys compared by
    # header_key so case and punctuation do not matter.
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "format": MAPPING_FORMAT,
            "version": MAPPING_VERSION,
            "target": self.target,
            "columns": dict(self.columns),
            "relationship_codes": self.relationship_codes,
            "values": {k: dict(v) for k, v in self.values.items()},
        }

    @classmethod
    def from_json(cls, data: object, *, source: str = "pemetaan") -> Mapping:
        """Build a mapping from its JSON form; refuses unknown fields and formats."""
        if not isinstance(data, dict) or data.get("format") != MAPPING_FORMAT:
            raise MappingInvalid(
                f"{source} bukan berkas pemetaan kolom Tepat.",
                hint="Simpan pemetaan dari wizard impor atau dengan "
                "'tepat import suggest-mapping'.",
            )
        version = data.get("version")
        if not isinstance(version, int) or version > MAPPING_VERSION:
            raise MappingInvalid(
                f"{source} dibuat oleh Tepat yang lebih baru (versi {version}).",
                hint="Perbarui Tepat atau buat pemetaan baru.",
            )
        target = data.get("target", "households")
        known = {f.key for f in fields_for(target)}
        columns = data.get("columns") or {}
        if not isinstance(columns, dict):
            raise MappingInvalid(f"{source}: 'columns' harus berupa objek nama kolom.")
        unknown = sorted(set(columns) - known)
        if unknown:
            raise MappingInvalid(
                f"{source}: bidang tidak dikenal: {', '.join(unknown)}.",
                hint="Bidang yang dikenal: " + ", ".join(sorted(known)) + ".",
            )
        scheme = data.get("relationship_codes")
        if scheme is not None and scheme not in RELATIONSHIP_SCHEMES:
            raise MappingInvalid(
                f"{source}: skema kode hubungan keluarga '{scheme}' tidak dikenal.",
                hint="Gunakan 'dukcapil' atau 'bps'.",
            )
        values = data.get("values") or {}
        if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
            raise MappingInvalid(f"{source}: 'values' harus berupa objek per bidang.")
        return cls(
            target=target,
            columns={str(k): str(v) for k, v in columns.items() if v},
            relationship_codes=scheme,
            values={str(k): {str(a): str(b) for a, b in v.items()} for k, v in values.items()},
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(
            json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: str | Path) -> Mapping:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise MappingInvalid(f"Berkas pemetaan {path} tidak ditemukan.") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MappingInvalid(
                f"Berkas pemetaan {path.name} tidak dapat dibaca sebagai JSON ({exc}).",
            ) from exc
        return cls.from_json(data, source=f"Berkas pemetaan {path.name}")

    def resolve(self, labels: Sequence[str]) -> dict[str, int]:
        """Field key -> column index in ``labels``; raises when a mapped column is missing.

        A label matches exactly, or else by header key (so ``No. KK`` finds ``NO_KK``).
        """
        exact = {label: i for i, label in reversed(list(enumerate(labels)))}
        by_key: dict[str, int] = {}
        for i, label in enumerate(labels):
            by_key.setdefault(header_key(label), i)
        resolved: dict[str, int] = {}
        missing = []
        for key, label in self.columns.items():
            if label in exact:
                resolved[key] = exact[label]
            elif header_key(label) and header_key(label) in by_key:
                resolved[key] = by_key[header_key(label)]
            else:
                missing.append(f"'{label}'")
        if missing:
            raise MappingInvalid(
                "Kolom dari pemetaan tidak ada di lembar ini: " + ", ".join(missing) + ".",
                hint="Kolom yang ada: " + ", ".join(label for label in labels if label) + ".",
            )
        return resolved

    def require(self, labels: Sequence[str], *, sheet: str = "") -> dict[str, int]:
        """Resolve and check the required fields are mapped (NIK for every import)."""
        resolved = self.resolve(labels)
        fields = fields_for(self.target)
        absent = [f for f in fields if f.required and f.key not in resolved]
        if absent:
            where = f" di lembar '{sheet}'" if sheet else ""
            shown = ", ".join(label for label in labels if label) or "(tidak ada)"
            raise MappingInvalid(
                f"Tidak ada kolom {', '.join(f.label for f in absent)}{where}.",
                hint=f"Kolom yang ditemukan: {shown}. Pilih baris judul yang benar atau "
                "petakan kolom secara manual.",
            )
        if self.target == "housing_aid" and not ({"nik", "no_kk"} & set(resolved)):
            raise MappingInvalid(
                "Daftar penerima bantuan rumah memerlukan kolom NIK atau No. KK.",
                hint="Kolom yang ditemukan: " + ", ".join(lb for lb in labels if lb) + ".",
            )
        return resolved


def suggest(labels: Sequence[str], target: str = "households") -> Mapping:
    """A mapping guessed from the header labels: exact aliases first, then prefixes.

    Each field gets at most one column and each column at most one field.
    """
    fields = fields_for(target)
    hits: list[tuple[int, int, str]] = []  # (-certainty, column, field)
    for i, label in enumerate(labels):
        if not label:
            continue
        hit = match_header(label, fields)
        if hit is not None:
            hits.append((-hit[1], i, hit[0]))
    columns: dict[str, str] = {}
    used: set[int] = set()
    for _neg, i, key in sorted(hits):
        if key in columns or i in used:
            continue
        columns[key] = labels[i]
        used.add(i)
    order = [f.key for f in fields]
    return Mapping(target=target, columns={k: columns[k] for k in order if k in columns})
