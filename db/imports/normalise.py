"""From messy spreadsheet cells to the values the register stores, or a reason why not.

Each function takes one cell as python-calamine or the csv module gives it (``str``,
``float``, ``int``, ``bool``, ``date``/``datetime`` or ``""``/``None`` for blank) and
returns the stored value, ``None`` for a blank cell, or raises :class:`CellError` with an
Indonesian reason. What they repair, because spreadsheets do it to everyone:

- stray, doubled and non-breaking spaces, zero-width characters, a leading apostrophe
  (Excel's "keep as text" mark) and placeholder dashes;
- numbers where text was meant (RT ``1`` or ``1.0`` becomes ``001``; a house number
  ``12.0`` becomes ``12``); inconsistent case in coded values and region names;
- dates as date cells, as Excel serial numbers, or as text in several formats, including
  Indonesian month names; comma decimal separators; swapped latitude/longitude.

What they refuse, never guess: a NIK or No. KK that went through a number cell
(:func:`db.nik.normalise` refuses it), an RT/RW Excel turned into a date, a numeric
HUB_KELUARGA code whose scheme is unknown, coordinates outside Indonesia.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from db import nik as nikmod
from db.codes import name_key

# ------------------------------------------------------------------------- errors


class CellError(ValueError):
    """A cell cannot be used; ``reason`` is an Indonesian sentence for the report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ------------------------------------------------------------------------- text

# Cells that mean "nothing here" in office spreadsheets.
BLANK_TOKENS = frozenset({"-", "--", "---", ".", "N/A", "NA", "#N/A", "NULL", "NONE", "?",
                          "TIDAK ADA", "TDK ADA", "#REF!", "#VALUE!", "#NAME?"})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
EXCEL_EPOCH = dt.date(1899, 12, 30)


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def text(value: object) -> str | None:
    """Cleaned text: spaces collapsed (incl. non-breaking), apostrophe and placeholders
    dropped; integral numbers without ``.0``; ``None`` for blank."""
    cls = value.__class__
    if cls is str:
        if not value:
            return None
        s = " ".join(value.split())  # type: ignore[union-attr]
        if not s.isascii():
            s = " ".join(s.translate(_INVISIBLE).split())
        if s[:1] == "'":
            s = s[1:].lstrip()
        if not s or s in BLANK_TOKENS or (len(s) <= 9 and s.upper() in BLANK_TOKENS):
            return None
        return s
    if value is None:
        return None
    if cls is float:
        return _number_text(value)  # type: ignore[arg-type]
    if cls is bool:
        return "YA" if value else "TIDAK"
    if cls is int:
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return text(str(value))


def upper_text(value: object) -> str | None:
    """Cleaned text in capitals, as names and addresses are written on the KK."""
    s = text(value)
    return s.upper() if s is not None else None


_LETTER = re.compile(r"[^\W\d_]")


def person_name(value: object) -> str | None:
    """A person's name in capitals; a number or a date in the name column is refused."""
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        raise CellError(f"Nama berisi angka atau tanggal ({text(value)}), bukan nama orang.")
    s = upper_text(value)
    if s is None:
        return None
    if not _LETTER.search(s):
        raise CellError(f"Nama '{s}' tidak berisi huruf.")
    if len(s) > 120:
        raise CellError(f"Nama terlalu panjang ({len(s)} karakter; paling banyak 120).")
    return s


def limited(max_len: int, label: str) -> Callable[[object], str | None]:
    """Upper-cased text of at most ``max_len`` characters (birth place, address)."""

    def clean(value: object) -> str | None:
        s = upper_text(value)
        if s is not None and len(s) > max_len:
            raise CellError(f"{label} terlalu panjang ({len(s)} karakter; paling banyak "
                            f"{max_len}).")
        return s

    return clean


def token(value: object) -> str:
    """Upper-case letters and digits only, for comparing coded values."""
    s = text(value)
    return re.sub(r"[^0-9A-Z]+", "", s.upper()) if s else ""


# ------------------------------------------------------------------------- NIK and KK


# parse_nik/parse_kk judge only the province code, the six date digits and whether the
# serial is 0000; remembering each verdict by those parts spares re-checking the many
# numbers that share a birth or issue date.
_NIK_VERDICTS: dict[tuple[str, str, bool], str | None] = {}
_KK_VERDICTS: dict[tuple[str, str, bool], str | None] = {}
_VERDICT_LIMIT = 200_000


def _number_cell(value: object, what: str) -> CellError:
    return CellError(f"{what} tersimpan sebagai angka ({value}); Excel hanya menyimpan 15 "
                     "digit, jadi digit terakhir tidak dapat dipercaya. Ketik ulang sebagai "
                     "teks.")


def _identity(value: object, what: str, parse: Callable[[str], object],
              verdicts: dict[tuple[str, str, bool], str | None]) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        # Excel keeps 15 significant digits of a number cell: the 16th is already gone.
        raise _number_cell(value, what)
    if value.__class__ is str and len(value) == 16 and value.isdigit() and value.isascii():
        number = value  # already clean: db.nik.normalise would return it unchanged
    else:
        if value.__class__ is str and text(value) is None:
            return None
        try:
            number = nikmod.normalise(value, what)
        except nikmod.NumberRejected as exc:
            raise CellError(exc.reason) from None
    key = (number[:2], number[6:12], number[12:] == "0000")
    if key in verdicts:
        reason = verdicts[key]
    else:
        try:
            parse(number)
            reason = None
        except nikmod.NumberRejected as exc:
            reason = exc.reason
        if len(verdicts) < _VERDICT_LIMIT:
            verdicts[key] = reason
    if reason is not None:
        raise CellError(reason)
    return number


def nik(value: object) -> str | None:
    """A structurally valid NIK (:func:`db.nik.parse_nik`), ``None`` for blank; number
    cells and float forms are refused (:func:`db.nik.normalise`)."""
    return _identity(value, "NIK", nikmod.parse_nik, _NIK_VERDICTS)


def kk(value: object) -> str | None:
    """A structurally valid No. KK (:func:`db.nik.parse_kk`), ``None`` for blank."""
    return _identity(value, "No. KK", nikmod.parse_kk, _KK_VERDICTS)


# ------------------------------------------------------------------------- RT / RW

_RT_PREFIX = re.compile(r"^(RT|RW|NO)\.?\s*", re.IGNORECASE)
_RT_RW = re.compile(r"^\s*(?:RT\.?\s*)?(\d{1,3})\s*(?:[/\\\-.,|]|\s+RW\.?|\s+)\s*(?:RW\.?\s*)?"
                    r"(\d{1,3})\s*$", re.IGNORECASE)


def _neighbourhood(value: object, label: str) -> str | None:
    if isinstance(value, dt.date):
        raise CellError(f"{label} berubah menjadi tanggal oleh Excel ({text(value)}); "
                        "ketik ulang sebagai teks, misalnya 001.")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"{label} '{value}' bukan bilangan bulat.")
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        s = text(value)
        if s is None:
            return None
        digits = _RT_PREFIX.sub("", s).strip()
        if not digits.isdigit():
            raise CellError(f"{label} '{s}' bukan angka.")
        number = int(digits)
    if number == 0:
        return None  # "000" is how many files say "not known"
    if not 0 < number <= 999:
        raise CellError(f"{label} {number} di luar rentang 1-999.")
    return f"{number:03d}"


def rt(value: object) -> str | None:
    """RT as three digits: ``1``, ``1.0``, ``"01"``, ``"RT 001"`` all become ``"001"``."""
    return _neighbourhood(value, "RT")


def rw(value: object) -> str | None:
    """RW as three digits, like :func:`rt`."""
    return _neighbourhood(value, "RW")


def rt_rw(value: object) -> tuple[str, str] | None:
    """A combined RT/RW cell (``001/002``, ``RT 1 RW 2``, ``01-02``) as two codes."""
    if isinstance(value, dt.date):
        raise CellError(f"RT/RW berubah menjadi tanggal oleh Excel ({text(value)}); ketik "
                        "ulang sebagai teks, misalnya 001/002.")
    s = text(value)
    if s is None:
        return None
    match = _RT_RW.match(s)
    if not match:
        raise CellError(f"RT/RW '{s}' tidak berbentuk RT/RW, misalnya 001/002.")
    a, b = _neighbourhood(match.group(1), "RT"), _neighbourhood(match.group(2), "RW")
    return a or "", b or ""


# ------------------------------------------------------------------------- numbers

_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_DESIL = re.compile(r"^(?:DESIL)?\s*[-:]?\s*(\d{1,2})(?:[.,]0+)?$", re.IGNORECASE)


def number(value: object, label: str) -> float | None:
    """A decimal number; ``,`` as decimal separator and ``.`` as thousands are accepted."""
    if isinstance(value, bool):
        raise CellError(f"{label} berisi nilai benar/salah, bukan angka.")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dt.date):
        raise CellError(f"{label} berisi tanggal ({text(value)}), bukan angka.")
    s = text(value)
    if s is None:
        return None
    s = s.replace("\u2212", "-").replace(" ", "")
    if _THOUSANDS.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        raise CellError(f"{label} '{text(value)}' bukan angka.") from None


def desil(value: object) -> int | None:
    """Desil 1-10 from ``3``, ``3.0``, ``"3"``, ``"Desil 3"``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not float(value).is_integer():
            raise CellError(f"Desil {value} bukan bilangan bulat 1-10.")
        result = int(value)
    else:
        s = text(value)
        if s is None:
            return None
        match = _DESIL.match(s)
        if not match:
            raise CellError(f"Desil '{s}' bukan angka 1-10.")
        result = int(match.group(1))
    if not 1 <= result <= 10:
        raise CellError(f"Desil {result} di luar rentang 1-10.")
    return result


def year(value: object) -> int | None:
    """A four-digit year (housing aid received), e.g. ``2019``, ``2019.0``, ``"TA 2019"``."""
    if isinstance(value, dt.date):
        return value.year
    s = text(value)
    if s is None:
        return None
    match = re.search(r"(19|20)\d{2}", s)
    if not match or len(re.sub(r"\D", "", s)) != 4:
        raise CellError(f"Tahun '{s}' bukan tahun empat angka.")
    result = int(match.group(0))
    if result > dt.date.today().year:
        raise CellError(f"Tahun {result} belum terjadi.")
    return result


# ------------------------------------------------------------------------- dates

MONTHS = {
    "JAN": 1, "JANUARI": 1, "JANUARY": 1,
    "FEB": 2, "FEBRUARI": 2, "FEBRUARY": 2, "PEB": 2, "PEBRUARI": 2,
    "MAR": 3, "MARET": 3, "MARCH": 3,
    "APR": 4, "APRIL": 4,
    "MEI": 5, "MAY": 5,
    "JUN": 6, "JUNI": 6, "JUNE": 6,
    "JUL": 7, "JULI": 7, "JULY": 7,
    "AGU": 8, "AGT": 8, "AGS": 8, "AGUSTUS": 8, "AUG": 8, "AUGUST": 8,
    "SEP": 9, "SEPT": 9, "SEPTEMBER": 9,
    "OKT": 10, "OKTOBER": 10, "OCT": 10, "OCTOBER": 10,
    "NOV": 11, "NOPEMBER": 11, "NOVEMBER": 11, "NOP": 11,
    "DES": 12, "DESEMBER": 12, "DEC": 12, "DECEMBER": 12,
}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
                  r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_D_MON_Y = re.compile(r"^(\d{1,2})[-/. ]*([A-Za-z]{3,9})\.?[-/. ,]*(\d{2}|\d{4})$")
_MON_D_Y = re.compile(r"^([A-Za-z]{3,9})\.?[-/. ]*(\d{1,2})[-/. ,]+(\d{4})$")
_SERIAL = re.compile(r"^\d{5}(?:[.,]0+)?$")


def _century(year2: int, today: dt.date) -> int:
    year = 2000 + year2
    return year if year <= today.year else year - 100


def _make(year: int, month: int, day: int, original: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"Tanggal '{original}' tidak ada di kalender.") from None


def from_serial(serial: float) -> dt.date:
    """An Excel serial day number (1900 date system) as a date."""
    if not 1 <= serial < 2958466:
        raise CellError(f"Angka {_number_text(serial)} bukan nomor seri tanggal Excel.")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def date(value: object, *, today: dt.date | None = None) -> dt.date | None:
    """A date from a date cell, an Excel serial number, or text: ``12-04-1995``,
    ``12/04/95``, ``1995-04-12``, ``12 April 1995``, ``12-Apr-95``, ``12 Agustus 1995``.

    Day comes before month, as Indonesians write it; text that only makes sense month-first
    (``04/25/1995``) is read that way. Two-digit years take the century that keeps the
    date out of the future.
    """
    today = today or dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError("Tanggal berisi nilai benar/salah.")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            value = int(value)  # a date-time serial: the day is the whole part
        if 18000101 <= value <= 21001231:
            return date(str(int(value)), today=today)
        if 1800 <= value <= 2200:
            raise CellError(f"Tanggal hanya berisi tahun ({int(value)}); tanggal lengkap "
                            "diperlukan.")
        return from_serial(float(value))
    s = text(value)
    if s is None:
        return None
    compact = s.replace(" ", "") if len(s) <= 12 else s
    if _SERIAL.match(compact):
        return from_serial(float(compact.replace(",", ".")))
    if compact.isdigit() and len(compact) == 8:
        y, m, d = int(compact[:4]), int(compact[4:6]), int(compact[6:])
        if 1800 <= y <= today.year + 1:
            return _make(y, m, d, s)
        return _make(int(compact[4:]), int(compact[2:4]), int(compact[:2]), s)
    if match := _ISO.match(s):
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)), s)
    if match := _DMY.match(s):
        a, b, y = int(match.group(1)), int(match.group(2)), match.group(3)
        year_value = _century(int(y), today) if len(y) == 2 else int(y)
        if b > 12 >= a:
            a, b = b, a  # month-first text from an English-locale export
        return _make(year_value, b, a, s)
    for pattern, order in ((_D_MON_Y, "dmy"), (_MON_D_Y, "mdy")):
        match = pattern.match(s)
        if not match:
            continue
        if order == "dmy":
            d_text, mon_text, y = match.group(1), match.group(2), match.group(3)
        else:
            mon_text, d_text, y = match.group(1), match.group(2), match.group(3)
        month = MONTHS.get(mon_text.upper())
        if month is None:
            raise CellError(f"Nama bulan '{mon_text}' pada tanggal '{s}' tidak dikenal.")
        year_value = _century(int(y), today) if len(y) == 2 else int(y)
        return _make(year_value, month, int(d_text), s)
    raise CellError(f"'{s}' bukan tanggal yang dikenali (contoh: 12-04-1995 atau "
                    "12 April 1995).")


def birth_date(value: object, *, today: dt.date | None = None) -> dt.date | None:
    """A birth date: not in the future and not before 1900."""
    today = today or dt.date.today()
    result = date(value, today=today)
    if result is None:
        return None
    if result > today:
        raise CellError(f"Tanggal lahir {result:%d-%m-%Y} berada di masa depan.")
    if result.year < 1900:
        raise CellError(f"Tanggal lahir {result:%d-%m-%Y} sebelum tahun 1900.")
    return result


# ------------------------------------------------------------------------- coordinates

# Indonesia from Sabang to Merauke and Miangas to Rote, with a margin.
LON_RANGE = (94.0, 142.0)
LAT_RANGE = (-11.5, 6.5)
_HEMISPHERE = re.compile(r"^(.*?)\s*(LS|LU|BT|BB|S|N|E|W)$", re.IGNORECASE)


def coordinate(value: object, label: str) -> float | None:
    """A decimal degree from a number or text: ``-6,1234``, ``6.1234 LS``, ``106°09' BT``
    in decimal form only (degrees-minutes-seconds are refused with the reason)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    s = text(value)
    if s is None:
        return None
    s = s.replace("\u2212", "-").replace("°", " ").strip()
    sign = 1.0
    match = _HEMISPHERE.match(s)
    if match:
        s = match.group(1).strip()
        if match.group(2).upper() in ("LS", "S", "BB", "W"):
            sign = -1.0
    if "'" in s or '"' in s or s.count(" ") >= 1:
        raise CellError(f"{label} '{text(value)}' ditulis dalam derajat-menit-detik; "
                        "gunakan derajat desimal, misalnya -6.1203.")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    try:
        result = float(s)
    except ValueError:
        raise CellError(f"{label} '{text(value)}' bukan angka koordinat.") from None
    return sign * result if result > 0 or sign > 0 else result


def coordinates_cell(value: object) -> tuple[float, float] | None:
    """A combined cell "lintang, bujur": ``-6.12, 106.15``, ``-6.12,106.15``,
    ``-6,12; 106,15``, ``-6.12 106.15`` or ``-6.12/106.15``."""
    s = text(value)
    if s is None:
        return None
    s = s.replace("\u2212", "-")
    for separator in (";", "/", ", "):
        if s.count(separator) == 1:
            first, second = s.split(separator)
            break
    else:
        if s.count(",") == 1:
            first, second = s.split(",")
        elif len(s.split()) == 2:
            first, second = s.split()
        else:
            raise CellError(f"Koordinat '{s}' tidak berbentuk 'lintang, bujur'.")
    lat = coordinate(first.strip(), "Lintang")
    lon = coordinate(second.strip(), "Bujur")
    if lat is None or lon is None:
        raise CellError(f"Koordinat '{s}' tidak lengkap.")
    return lat, lon


def _in_indonesia(lon: float, lat: float) -> bool:
    return LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]


def position(lat: float | None, lon: float | None) -> tuple[float | None, float | None, bool]:
    """(longitude, latitude, swapped) from the two cells; swapped columns are put right.

    Both blank (or both 0, how GPS-less forms say "none") gives no position. Only one of
    the two, or a point outside Indonesia either way round, is refused.
    """
    if lat is None and lon is None:
        return None, None, False
    if (lat or 0.0) == 0.0 and (lon or 0.0) == 0.0:
        return None, None, False
    if lat is None or lon is None:
        raise CellError("Hanya satu dari lintang/bujur yang terisi; isi keduanya atau "
                        "kosongkan keduanya.")
    if _in_indonesia(lon, lat):
        return lon, lat, False
    if _in_indonesia(lat, lon):
        return lat, lon, True
    raise CellError(f"Koordinat lintang {lat}, bujur {lon} berada di luar Indonesia.")


# ------------------------------------------------------------------------- coded values

SEX_CODES = {
    "L": "L", "LK": "L", "LAKILAKI": "L", "LAKI": "L", "LAKI2": "L", "PRIA": "L", "M": "L",
    "MALE": "L", "1": "L", "P": "P", "PR": "P", "PEREMPUAN": "P", "WANITA": "P", "W": "P",
    "F": "P", "FEMALE": "P", "2": "P", "PRP": "P",
}


def sex(value: object) -> str | None:
    """``L`` or ``P`` from ``LAKI-LAKI``, ``Pr``, ``1``/``2`` (BPS), ``M``/``F``..."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    key = token(value)
    if not key:
        return None
    code = SEX_CODES.get(key)
    if code is None:
        raise CellError(f"Jenis kelamin '{text(value)}' tidak dikenal; gunakan L atau P.")
    return code


# Names as printed on the KK, used by exports too so an export imports back unchanged.
RELATIONSHIP_LABELS = {
    "head": "KEPALA KELUARGA", "spouse": "ISTRI/SUAMI", "child": "ANAK",
    "son_in_law": "MENANTU", "grandchild": "CUCU", "parent": "ORANG TUA",
    "parent_in_law": "MERTUA", "other_family": "FAMILI LAIN", "other": "LAINNYA",
}
_RELATIONSHIP_WORDS = (
    ("KEPALA", "head"), ("KRT", "head"), ("ISTRI", "spouse"), ("ISTERI", "spouse"),
    ("SUAMI", "spouse"), ("PASANGAN", "spouse"), ("MENANTU", "son_in_law"),
    ("CUCU", "grandchild"), ("ORANGTUA", "parent"), ("MERTUA", "parent_in_law"),
    ("ORTU", "parent"), ("AYAH", "parent"), ("IBU", "parent"), ("BAPAK", "parent"),
    ("ANAK", "child"), ("FAMILI", "other_family"), ("FAMILY", "other_family"),
    ("SAUDARA", "other_family"), ("KELUARGALAIN", "other_family"), ("KEPONAKAN", "other_family"),
    ("ADIK", "other_family"), ("KAKAK", "other_family"), ("PEMBANTU", "other"),
    ("LAIN", "other"),
)
# Numeric SHDK codes: Dukcapil's KK and BPS/DTKS household listings number differently.
RELATIONSHIP_SCHEMES = {
    "dukcapil": {1: "head", 2: "spouse", 3: "spouse", 4: "child", 5: "son_in_law",
                 6: "grandchild", 7: "parent", 8: "parent_in_law", 9: "other_family",
                 10: "other", 11: "other"},
    "bps": {1: "head", 2: "spouse", 3: "child", 4: "son_in_law", 5: "grandchild",
            6: "parent", 7: "other", 8: "other"},
}


def relationship(value: object, scheme: str | None = None) -> str | None:
    """A relationship code from ``KEPALA KELUARGA``, ``Istri``, ``ANAK KANDUNG``... or a
    numeric code under ``scheme`` ("dukcapil" or "bps"; without one only 1 = head)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    key = token(value)
    if not key:
        return None
    if key.isdigit():
        code = int(key)
        if scheme is None:
            if code == 1:
                return "head"
            raise CellError(f"Kode hubungan keluarga {code} berbeda arti antara daftar "
                            "Dukcapil dan BPS; pilih skema kodenya pada pemetaan kolom atau "
                            "tulis sebagai teks (ISTRI, ANAK, ...).")
        mapped = RELATIONSHIP_SCHEMES[scheme].get(code)
        if mapped is None:
            raise CellError(f"Kode hubungan keluarga {code} tidak ada pada skema {scheme}.")
        return mapped
    for word, code_name in _RELATIONSHIP_WORDS:
        if word in key:
            return code_name
    raise CellError(f"Hubungan keluarga '{text(value)}' tidak dikenal.")


MARITAL_LABELS = {"single": "BELUM KAWIN", "married": "KAWIN", "divorced": "CERAI HIDUP",
                  "widowed": "CERAI MATI"}
_MARITAL = {"BELUMKAWIN": "single", "BELUMMENIKAH": "single", "LAJANG": "single",
            "TIDAKKAWIN": "single", "1": "single", "KAWIN": "married", "MENIKAH": "married",
            "KAWINTERCATAT": "married", "KAWINBELUMTERCATAT": "married",
            "KAWINTIDAKTERCATAT": "married", "2": "married", "CERAIHIDUP": "divorced",
            "CERAI": "divorced", "3": "divorced", "CERAIMATI": "widowed", "4": "widowed"}


def marital_status(value: object) -> str | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    key = token(value)
    if not key:
        return None
    code = _MARITAL.get(key)
    if code is None:
        raise CellError(f"Status kawin '{text(value)}' tidak dikenal (BELUM KAWIN, KAWIN, "
                        "CERAI HIDUP, CERAI MATI).")
    return code


EDUCATION_LABELS = {
    "none": "TIDAK/BELUM SEKOLAH", "not_finished_sd": "BELUM TAMAT SD/SEDERAJAT",
    "sd": "TAMAT SD/SEDERAJAT", "smp": "SLTP/SEDERAJAT", "sma": "SLTA/SEDERAJAT",
    "diploma": "DIPLOMA I/II/III", "bachelor": "DIPLOMA IV/STRATA I",
    "postgraduate": "STRATA II/III",
}
# (word, code, exact): checked in order against the value with TAMAT/LULUS/SEDERAJAT removed.
_EDUCATION_RULES = (
    ("STRATAII", "postgraduate", False), ("MAGISTER", "postgraduate", False),
    ("DOKTOR", "postgraduate", False), ("S2", "postgraduate", False),
    ("S3", "postgraduate", False), ("DIPLOMAIV", "bachelor", False),
    ("STRATAI", "bachelor", False), ("SARJANA", "bachelor", False), ("S1", "bachelor", False),
    ("D4", "bachelor", False), ("DIPLOMA", "diploma", False), ("AKADEMI", "diploma", False),
    ("D1", "diploma", False), ("D2", "diploma", False), ("D3", "diploma", False),
    ("SLTA", "sma", False), ("SMA", "sma", False), ("SMK", "sma", False),
    ("ALIYAH", "sma", False), ("MA", "sma", True), ("SLTP", "smp", False),
    ("SMP", "smp", False), ("MTS", "smp", False), ("TSANAWIYAH", "smp", False),
    ("SD", "sd", False), ("MI", "sd", True), ("IBTIDAIYAH", "sd", False),
)


def education(value: object) -> str | None:
    key = token(value)
    if not key:
        return None
    if "BELUMTAMAT" in key or "TIDAKTAMAT" in key:
        return "not_finished_sd"
    if ("SEKOLAH" in key or "IJAZAH" in key) and ("TIDAK" in key or "BELUM" in key):
        return "none"
    core = key.replace("SEDERAJAT", "").removeprefix("TAMAT").removeprefix("LULUSAN")
    core = core.removeprefix("LULUS")
    for word, code, exact in _EDUCATION_RULES:
        if core == word or (not exact and core.startswith(word)):
            return code
    raise CellError(f"Pendidikan '{text(value)}' tidak dikenal.")


OCCUPATION_LABELS = {
    "not_working": "BELUM/TIDAK BEKERJA", "housekeeping": "MENGURUS RUMAH TANGGA",
    "student": "PELAJAR/MAHASISWA", "farmer": "PETANI/PEKEBUN", "farm_laborer": "BURUH TANI",
    "fisher": "NELAYAN", "laborer": "BURUH HARIAN LEPAS",
    "construction_worker": "BURUH BANGUNAN", "factory_worker": "BURUH PABRIK",
    "trader": "PEDAGANG", "street_vendor": "PEDAGANG KAKI LIMA", "driver": "SOPIR",
    "online_driver": "OJEK ONLINE", "craftsman": "TUKANG/PERAJIN",
    "private_employee": "KARYAWAN SWASTA", "self_employed": "WIRASWASTA", "teacher": "GURU",
    "health_worker": "TENAGA KESEHATAN", "honorary_staff": "TENAGA HONORER",
    "civil_servant": "PEGAWAI NEGERI SIPIL", "military": "TNI", "police": "POLRI",
    "retired": "PENSIUNAN",
}
# Checked in order: the specific before the general ("BURUH TANI" before "BURUH").
_OCCUPATION_RULES = (
    ("BELUMTIDAKBEKERJA", "not_working"), ("TIDAKBEKERJA", "not_working"),
    ("BELUMBEKERJA", "not_working"), ("PENGANGGURAN", "not_working"),
    ("MENGURUSRUMAHTANGGA", "housekeeping"), ("IBURUMAHTANGGA", "housekeeping"),
    ("IRT", "housekeeping"), ("PELAJAR", "student"), ("MAHASISWA", "student"),
    ("SISWA", "student"), ("PENSIUNAN", "retired"), ("PURNAWIRAWAN", "retired"),
    ("HONOR", "honorary_staff"), ("PEGAWAINEGERI", "civil_servant"), ("PNS", "civil_servant"),
    ("ASN", "civil_servant"), ("PPPK", "civil_servant"), ("TNI", "military"),
    ("TENTARA", "military"), ("POLRI", "police"), ("POLISI", "police"),
    ("KEPOLISIAN", "police"), ("BURUHTANI", "farm_laborer"), ("BURUHKEBUN", "farm_laborer"),
    ("BURUHPERKEBUNAN", "farm_laborer"), ("PETANI", "farmer"), ("PEKEBUN", "farmer"),
    ("PETERNAK", "farmer"), ("NELAYAN", "fisher"), ("PERIKANAN", "fisher"),
    ("BURUHBANGUNAN", "construction_worker"), ("TUKANGBATU", "construction_worker"),
    ("TUKANGKAYU", "construction_worker"), ("KULIBANGUNAN", "construction_worker"),
    ("BURUHPABRIK", "factory_worker"), ("KARYAWANPABRIK", "factory_worker"),
    ("BURUHINDUSTRI", "factory_worker"), ("BURUH", "laborer"), ("KULI", "laborer"),
    ("PEDAGANGKAKILIMA", "street_vendor"), ("PKL", "street_vendor"),
    ("ASONGAN", "street_vendor"), ("PEDAGANG", "trader"), ("DAGANG", "trader"),
    ("OJEKONLINE", "online_driver"), ("OJOL", "online_driver"),
    ("DRIVERONLINE", "online_driver"), ("SOPIR", "driver"), ("SUPIR", "driver"),
    ("PENGEMUDI", "driver"), ("OJEK", "driver"), ("DRIVER", "driver"),
    ("TUKANG", "craftsman"), ("PENGRAJIN", "craftsman"), ("PERAJIN", "craftsman"),
    ("PENJAHIT", "craftsman"), ("KARYAWAN", "private_employee"),
    ("PEGAWAISWASTA", "private_employee"), ("WIRASWASTA", "self_employed"),
    ("WIRAUSAHA", "self_employed"), ("USAHASENDIRI", "self_employed"), ("GURU", "teacher"),
    ("DOSEN", "teacher"), ("PENGAJAR", "teacher"), ("BIDAN", "health_worker"),
    ("PERAWAT", "health_worker"), ("DOKTER", "health_worker"),
    ("TENAGAKESEHATAN", "health_worker"),
)


def _find(value: object, rules: tuple[tuple[str, str], ...]) -> str | None:
    """The code of the first rule word found in the value.

    Words of four letters or fewer (PNS, TNI, IRT, PBI) must stand as a whole word, so
    they are not found inside longer words; longer words match anywhere, spaces ignored.
    """
    s = text(value)
    if s is None:
        return None
    upper = s.upper()
    words = set(re.split(r"[^0-9A-Z]+", upper))
    compact = re.sub(r"[^0-9A-Z]+", "", upper)
    for word, code in rules:
        if (word in words) if len(word) <= 4 else (word in compact):
            return code
    return ""


class Unrecognised(CellError):
    """A free-text value with no code: kept out of the register with a warning, not refused."""


def occupation(value: object) -> str | None:
    code = _find(value, _OCCUPATION_RULES)
    if code is None:
        return None
    if code:
        return code
    raise Unrecognised(f"Pekerjaan '{text(value)}' tidak dikenali; kolom pekerjaan "
                       "dikosongkan untuk orang ini.")


SEGMENT_LABELS = {"pbi_apbn": "PBI APBN", "pbi_apbd": "PBI APBD", "ppu": "PPU",
                  "pbpu": "PBPU", "bp": "BP"}
_SEGMENT_RULES = (
    ("PEMDA", "pbi_apbd"), ("APBD", "pbi_apbd"), ("DAERAH", "pbi_apbd"),
    ("JAMKESDA", "pbi_apbd"), ("APBN", "pbi_apbn"), ("PBIJK", "pbi_apbn"), ("KIS", "pbi_apbn"),
    ("PBI", "pbi_apbn"), ("BUKANPENERIMAUPAH", "pbpu"), ("PBPU", "pbpu"),
    ("MANDIRI", "pbpu"), ("BUKANPEKERJA", "bp"), ("PENERIMAUPAH", "ppu"), ("PPU", "ppu"),
    ("PNS", "ppu"), ("TNI", "ppu"), ("POLRI", "ppu"), ("PEGAWAI", "ppu"), ("BP", "bp"),
    ("PENSIUN", "bp"),
)


def jkn_segment(value: object) -> str | None:
    """A JKN segment code from ``PBI APBN``, ``PBPU Pemda``, ``Mandiri``, ``PPU``..."""
    code = _find(value, _SEGMENT_RULES)
    if code is None:
        return None
    if code:
        return code
    raise Unrecognised(f"Segmen JKN '{text(value)}' tidak dikenali; segmen dikosongkan.")


_APPARATUS = (("POLRI", "polri"), ("POLISI", "polri"), ("KEPOLISIAN", "polri"),
              ("TNI", "tni"), ("TENTARA", "tni"), ("ANGKATAN", "tni"), ("ASN", "asn"),
              ("PNS", "asn"), ("PPPK", "asn"), ("PEGAWAINEGERI", "asn"), ("CPNS", "asn"))


def apparatus(value: object) -> str | None:
    """``asn``, ``tni`` or ``polri`` from the category column of an exclusion list."""
    code = _find(value, _APPARATUS)
    if code is None:
        return None
    if code:
        return code
    raise Unrecognised(f"Golongan '{text(value)}' bukan ASN, TNI atau Polri; dikosongkan.")


def apply_value_map(value: object, table: Mapping[str, str]) -> object:
    """Translate a cell through a mapping's own value table (keys compared as tokens)."""
    if not table:
        return value
    key = token(value)
    for raw, replacement in table.items():
        if token(raw) == key:
            return replacement
    return value


# ------------------------------------------------------------------------- regions

_REGION_PREFIX = re.compile(r"^(?:KELURAHAN|KEL|DESA|DS|KECAMATAN|KEC)\b\.?\s*", re.IGNORECASE)


def region_key(value: str) -> str:
    """Matching key of a region name: prefix words (KEL., DESA, KEC.) and case dropped."""
    return name_key(_REGION_PREFIX.sub("", value.strip()))


@dataclass(frozen=True)
class RegionMatch:
    code: str
    note: str | None = None  # a warning when the name was matched loosely


class RegionResolver:
    """Kelurahan names and codes to kelurahan codes, within a kecamatan.

    A kelurahan is looked up in the kecamatan the row names (KECAMATAN column), else in
    the office's kecamatan. Names repeat across the city (Sukawana is in Serang and in
    Curug), so a name is never taken from another kecamatan: the error names where it is.
    Results are cached per distinct cell, so 100,000 rows cost a few dozen look-ups.
    """

    def __init__(self, kelurahan: Mapping[str, tuple[str, str]], kecamatan: Mapping[str, str],
                 office_kecamatan: str) -> None:
        # kelurahan: code -> (name, kecamatan code); kecamatan: code -> name
        self.kelurahan = dict(kelurahan)
        self.kecamatan_names = dict(kecamatan)
        self.office_kecamatan = office_kecamatan
        self._by_kec: dict[str, dict[str, str]] = {}
        self._city: dict[str, list[str]] = {}
        for code, (name, kec) in self.kelurahan.items():
            self._by_kec.setdefault(kec, {})[region_key(name)] = code
            self._city.setdefault(region_key(name), []).append(code)
        self._kec_by_key = {region_key(n): c for c, n in self.kecamatan_names.items()}
        self._cache: dict[tuple[object, str | None], RegionMatch | CellError] = {}

    def kecamatan(self, value: object) -> str | None:
        """The kecamatan code a cell names (a name or a code such as 36.73.01)."""
        from db.boundaries import normalise_code

        s = text(value)
        if s is None:
            return None
        code = normalise_code(s.replace(" ", ""))
        if code is not None and code.count(".") == 2:
            if code in self.kecamatan_names:
                return code
            raise CellError(f"Kode kecamatan {code} tidak dikenal.")
        found = self._kec_by_key.get(region_key(s))
        if found is None:
            raise CellError(f"Kecamatan '{s}' tidak dikenal. Yang dikenal: "
                            + ", ".join(sorted(self.kecamatan_names.values())) + ".")
        return found

    def _kec_label(self, code: str) -> str:
        return f"Kecamatan {self.kecamatan_names.get(code, code)}"

    def kelurahan_code(self, value: object) -> RegionMatch | None:
        """A kelurahan code cell (dotted ``36.73.01.1001`` or ``3673011001``)."""
        from db.boundaries import normalise_code

        s = text(value)
        if s is None:
            return None
        code = normalise_code(s.replace(" ", ""))
        if code is None or code.count(".") != 3:
            raise CellError(f"'{s}' bukan kode kelurahan (contoh 36.73.01.1001).")
        if code not in self.kelurahan:
            raise CellError(f"Kode kelurahan {code} tidak dikenal.")
        return RegionMatch(code)

    def kelurahan_name(self, value: object,
                       kecamatan_code: str | None = None) -> RegionMatch | None:
        """A kelurahan by name within ``kecamatan_code`` (default: the office's kecamatan).

        Exact names (ignoring case, spaces, punctuation and KEL./DESA prefixes) match; a
        single close spelling matches with a warning; several close spellings, or a name
        found only in other kecamatan, are refused with the candidates named.
        """
        s = text(value)
        if s is None:
            return None
        kec = kecamatan_code or self.office_kecamatan
        cache_key = (s, kec)
        cached = self._cache.get(cache_key)
        if cached is None:
            try:
                cached = self._resolve_name(s, kec)
            except CellError as exc:
                cached = exc
            self._cache[cache_key] = cached
        if isinstance(cached, CellError):
            raise cached
        return cached

    def _resolve_name(self, s: str, kec: str) -> RegionMatch:
        from db.boundaries import normalise_code

        code = normalise_code(s.replace(" ", ""))
        if code is not None and code.count(".") == 3:
            return self.kelurahan_code(s)  # type: ignore[return-value]
        key = region_key(s)
        local = self._by_kec.get(kec, {})
        if key in local:
            return RegionMatch(local[key])
        close = difflib.get_close_matches(key, list(local), n=3, cutoff=0.8)
        if len(close) == 1:
            code = local[close[0]]
            return RegionMatch(code, f"Kelurahan '{s}' dicocokkan dengan "
                                     f"'{self.kelurahan[code][0]}' ({code}).")
        if len(close) > 1:
            names = " atau ".join(f"'{self.kelurahan[local[k]][0]}'" for k in close)
            raise CellError(f"Kelurahan '{s}' ambigu di {self._kec_label(kec)}: mungkin "
                            f"{names}. Tulis nama lengkapnya atau gunakan kode kelurahan.")
        elsewhere = self._city.get(key, [])
        if elsewhere:
            places = ", ".join(f"{c} di {self._kec_label(self.kelurahan[c][1])}"
                               for c in elsewhere)
            raise CellError(f"Kelurahan '{s}' tidak ada di {self._kec_label(kec)}; nama itu "
                            f"ada di: {places}. Tambahkan kolom KECAMATAN atau gunakan kode "
                            "kelurahan.")
        raise CellError(f"Kelurahan '{s}' tidak dikenal di {self._kec_label(kec)}.")
