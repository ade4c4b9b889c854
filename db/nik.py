"""NIK and No. KK: normalisation and structural checks (DOMAIN.md, "Identity numbers").

NIK = PP KK CC DDMMYY SSSS: province, kabupaten/kota, kecamatan of first registration,
birth date with 40 added to the day for women, serial 0001-9999.
No. KK = issuing region (6) + issue date DDMMYY (no +40) + serial (4).

A number that went through a spreadsheet float (``3.67301E+15``, ``3673011204950001.0``)
has lost digits or gained a suffix: it is refused with the reason, never repaired.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Kemendagri province codes (38 provinces, 2022 onward).
PROVINCES: dict[str, str] = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung",
    "19": "Kepulauan Bangka Belitung", "21": "Kepulauan Riau", "31": "DKI Jakarta",
    "32": "Jawa Barat", "33": "Jawa Tengah", "34": "DI Yogyakarta", "35": "Jawa Timur",
    "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat", "62": "Kalimantan Tengah", "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara",
    "75": "Gorontalo", "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara",
    "91": "Papua", "92": "Papua Barat", "93": "Papua Selatan", "94": "Papua Tengah",
    "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}

_FLOAT_FORMS = re.compile(r"^\s*'?\s*\d+(\.\d+)?[eE][+-]?\d+\s*$|^\s*'?\s*\d+\.\d*\s*$")
_SEPARATORS = re.compile(r"[\s\-\u00a0\u2007\u202f./]")


class NumberRejected(ValueError):
    """The text cannot be a NIK/KK; ``reason`` is an Indonesian sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def normalise(raw: object, what: str = "NIK") -> str:
    """Strip spaces, dashes and a leading apostrophe; refuse float-mangled or odd input.

    Returns the 16-digit string. Raises :class:`NumberRejected` with the reason.
    """
    if raw is None:
        raise NumberRejected(f"{what} kosong.")
    if isinstance(raw, float):
        raise NumberRejected(
            f"{what} tersimpan sebagai angka desimal ({raw!r}); Excel hanya menyimpan 15 digit, "
            "jadi digit terakhir sudah hilang. Ketik ulang sebagai teks."
        )
    text = str(raw).strip()
    if _FLOAT_FORMS.match(text):
        raise NumberRejected(
            f"{what} '{text}' berasal dari sel angka (notasi ilmiah atau desimal); "
            "digitnya tidak dapat dipercaya. Ketik ulang sebagai teks."
        )
    text = text.lstrip("'")
    digits = _SEPARATORS.sub("", text)
    if not digits:
        raise NumberRejected(f"{what} kosong.")
    if not digits.isdigit():
        raise NumberRejected(f"{what} '{text}' mengandung karakter selain angka.")
    if len(digits) != 16:
        raise NumberRejected(f"{what} harus 16 angka; '{text}' berisi {len(digits)} angka.")
    return digits


@dataclass(frozen=True)
class NikParts:
    region: str  # dotted kecamatan code, e.g. 36.73.01
    birth_day: int
    birth_month: int
    birth_year2: int
    sex: str  # "L" or "P"
    serial: str

    def birth_date(self, today: dt.date | None = None) -> dt.date:
        """The birth date, choosing the century so the date is not in the future."""
        today = today or dt.date.today()
        year = 2000 + self.birth_year2
        if year > today.year:
            year -= 100
        date = dt.date(year, self.birth_month, self.birth_day)
        if date > today:
            date = date.replace(year=year - 100)
        return date


def parse_nik(nik: str) -> NikParts:
    """Structural check of a normalised NIK. Raises :class:`NumberRejected`."""
    if len(nik) != 16 or not nik.isdigit():
        raise NumberRejected("NIK harus 16 angka.")
    if nik[:2] not in PROVINCES:
        raise NumberRejected(f"Kode provinsi '{nik[:2]}' pada NIK tidak dikenal.")
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if day > 40:
        sex, day = "P", day - 40
    if not _valid_day_month(day, month, year2):
        raise NumberRejected(f"Tanggal lahir pada NIK ({nik[6:12]}) tidak mungkin.")
    if nik[12:] == "0000":
        raise NumberRejected("Nomor urut NIK tidak boleh 0000.")
    region = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    return NikParts(region, day, month, year2, sex, nik[12:])


def parse_kk(kk: str) -> dt.date:
    """Structural check of a normalised No. KK; returns the issue date."""
    if len(kk) != 16 or not kk.isdigit():
        raise NumberRejected("No. KK harus 16 angka.")
    if kk[:2] not in PROVINCES:
        raise NumberRejected(f"Kode provinsi '{kk[:2]}' pada No. KK tidak dikenal.")
    day, month, year2 = int(kk[6:8]), int(kk[8:10]), int(kk[10:12])
    if not _valid_day_month(day, month, year2):
        raise NumberRejected(f"Tanggal terbit pada No. KK ({kk[6:12]}) tidak mungkin.")
    if kk[12:] == "0000":
        raise NumberRejected("Nomor urut No. KK tidak boleh 0000.")
    year = 2000 + year2 if 2000 + year2 <= dt.date.today().year else 1900 + year2
    return dt.date(year, month, day)


def _valid_day_month(day: int, month: int, year2: int) -> bool:
    if not (1 <= month <= 12 and day >= 1):
        return False
    # Leap years: both 19yy and 20yy share leapness for yy != 00; 2000 is leap too.
    try:
        dt.date(2000 + year2, month, day)
    except ValueError:
        return False
    return True


def make_nik(kecamatan_code: str, birth: dt.date, sex: str, serial: int) -> str:
    """Compose a structurally valid NIK (used by the demo and by tests)."""
    region = kecamatan_code.replace(".", "")
    day = birth.day + (40 if sex == "P" else 0)
    return f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def make_kk(kecamatan_code: str, issued: dt.date, serial: int) -> str:
    region = kecamatan_code.replace(".", "")
    return f"{region}{issued.day:02d}{issued.month:02d}{issued.year % 100:02d}{serial:04d}"


def mask(nik: str) -> str:
    """``3673********0001``: for lists shown to roles that do not need the full NIK."""
    return nik[:4] + "*" * 8 + nik[12:] if len(nik) == 16 else nik
