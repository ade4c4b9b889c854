"""Indonesian wording for documents: dates, numbers in words, thousands, NIP.

Letters are always Indonesian, whatever the interface language, so this needs no
translation layer (and no locale installed on the computer).
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

# Kota Serang keeps Western Indonesia Time all year (no daylight saving).
WIB = dt.timezone(dt.timedelta(hours=7), "WIB")

_ONES = (
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas",
)


def long_date(day: dt.date) -> str:
    """``10 April 2025``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def place_date(place: str, day: dt.date) -> str:
    """``Serang, 10 April 2025``: the line above the letter's addressee."""
    return f"{place}, {long_date(day)}"


def date_time(moment: dt.datetime) -> str:
    """``10 April 2025 14:03:12 WIB`` in the office's time zone."""
    local = moment.astimezone(WIB)
    return f"{long_date(local.date())} {local:%H:%M:%S} WIB"


def thousands(value: int) -> str:
    """``12.345``: Indonesian digit grouping."""
    return f"{value:,}".replace(",", ".")


def words(value: int) -> str:
    """A whole number in Indonesian words (``1234`` → ``seribu dua ratus tiga puluh empat``)."""
    if value < 0:
        return "minus " + words(-value)
    if value == 0:
        return "nol"
    return _words(value).strip()


def _words(n: int) -> str:
    if n < 12:
        return _ONES[n]
    if n < 20:
        return _ONES[n - 10] + " belas"
    if n < 100:
        return _ONES[n // 10] + " puluh " + _ONES[n % 10]
    if n < 200:
        return "seratus " + _words(n - 100)
    if n < 1000:
        return _ONES[n // 100] + " ratus " + _words(n % 100)
    if n < 2000:
        return "seribu " + _words(n - 1000)
    for size, name in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        if n >= size:
            return (_words(n // size).strip() + f" {name} " + _words(n % size)).strip()
    raise AssertionError(n)  # every n >= 2000 matched a size above


def count_phrase(value: int) -> str:
    """``1.234 (seribu dua ratus tiga puluh empat)``: how letters state a count."""
    return f"{thousands(value)} ({words(value)})"


def format_nip(nip: str) -> str:
    """An 18-digit NIP grouped as printed on letters: ``19750312 200003 1 002``."""
    digits = "".join(ch for ch in nip if ch.isdigit())
    if len(digits) != 18:
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
