"""Editable letter templates: the words of each letter type, with placeholders.

A template is plain text (bundled in resources/letters/<type>.txt; an office's edited copy
is stored in the setting ``letters.template.<type>``). Before a line ``---`` come
``key: value`` lines (hal, sifat, lampiran, kepada, di, tembusan — the last may repeat);
after it the body, paragraphs separated by blank lines. Lines starting with ``#`` are
comments. Placeholders such as ``{period}`` are filled from the letter's data; an unknown
one is refused with the line it is on, before any letter number is taken.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from db.errors import LetterRefused

PLACEHOLDERS: dict[str, str] = {
    "program": "nama program",
    "period": "nama periode",
    "year": "tahun periode",
    "funding": "sumber dana (APBN/APBD…)",
    "region": "wilayah surat (kelurahan dan kecamatan)",
    "kelurahan": "nama kelurahan (kosong bila seluruh kecamatan)",
    "kecamatan": "nama kecamatan",
    "count": "jumlah usulan dengan huruf, mis. 12 (dua belas)",
    "count_number": "jumlah usulan dalam angka",
    "households": "jumlah keluarga dengan huruf",
    "place": "tempat kantor",
    "date": "tanggal surat",
    "receiving_agency": "instansi penerima usulan",
    "state_summary": "rincian jumlah per status",
}
_KEYS = ("hal", "sifat", "lampiran", "kepada", "di", "tembusan")
_REQUIRED = ("hal", "sifat", "kepada")


@dataclass(frozen=True)
class LetterTemplate:
    """A parsed template; ``lines`` keep the source line numbers for messages."""

    type_code: str
    header: tuple[tuple[str, str, int], ...]  # (key, value, line number)
    paragraphs: tuple[tuple[str, int], ...]  # (text, first line number)


@dataclass(frozen=True)
class LetterWords:
    """A template filled in: what the letter says."""

    subject: str  # Hal
    nature: str  # Sifat
    attachment: str  # Lampiran, e.g. "1 (satu) berkas"
    addressee: str  # after "Yth."
    addressee_place: str  # after "di"
    paragraphs: tuple[str, ...]
    copies: tuple[str, ...]  # Tembusan


def bundled(type_code: str) -> str:
    """The template shipped with Tepat for ``type_code``."""
    return resources.files("resources").joinpath("letters", f"{type_code}.txt").read_text("utf-8")


def parse(type_code: str, text: str) -> LetterTemplate:
    """Read a template, refusing unknown keys and a missing separator, naming the line."""
    where = f"Templat surat {type_code}"
    header: list[tuple[str, str, int]] = []
    paragraphs: list[tuple[str, int]] = []
    in_body = False
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        if not in_body:
            if line == "---":
                in_body = True
                continue
            if not line:
                continue
            key, sep, value = line.partition(":")
            key = key.strip().lower()
            if not sep or key not in _KEYS:
                raise LetterRefused(
                    f"{where}, baris {number}: '{line[:60]}' bukan baris 'kunci: isi' yang "
                    "dikenal.",
                    hint="Kunci yang dikenal: " + ", ".join(_KEYS) + "; isi surat dimulai "
                    "setelah baris '---'.",
                )
            header.append((key, value.strip(), number))
            continue
        if line:
            if not current:
                start = number
            current.append(line)
        elif current:
            paragraphs.append((" ".join(current), start))
            current = []
    if current:
        paragraphs.append((" ".join(current), start))
    if not in_body:
        raise LetterRefused(f"{where} tidak memiliki baris '---' yang memisahkan kepala dan "
                            "isi surat.")
    present = {key for key, _, _ in header}
    missing = [k for k in _REQUIRED if k not in present]
    if missing:
        raise LetterRefused(f"{where} belum memuat: " + ", ".join(missing) + ".",
                            hint="Tambahkan baris seperti 'hal: ...' sebelum '---'.")
    if not paragraphs:
        raise LetterRefused(f"{where} tidak memuat isi surat setelah '---'.")
    return LetterTemplate(type_code, tuple(header), tuple(paragraphs))


def _fill(text: str, values: Mapping[str, str], where: str) -> str:
    try:
        names = [n for _, n, _, _ in string.Formatter().parse(text) if n is not None]
    except ValueError:
        raise LetterRefused(f"{where}: kurung kurawal tidak berpasangan.",
                            hint="Tulis penanda seperti {period}; tulis {{ untuk '{'.") from None
    unknown = sorted({n for n in names if n not in values})
    if unknown:
        raise LetterRefused(
            f"{where}: penanda " + ", ".join("{" + n + "}" for n in unknown) + " tidak dikenal.",
            hint="Penanda yang tersedia: " + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ".",
        )
    try:
        return " ".join(text.format_map(values).split())
    except (ValueError, IndexError, KeyError) as exc:
        raise LetterRefused(f"{where}: penanda tidak dapat diisi ({exc}).") from None


def render(template: LetterTemplate, values: Mapping[str, str]) -> LetterWords:
    """Fill every placeholder; refuses unknown ones, naming the template line."""
    where = f"Templat surat {template.type_code}"
    header: dict[str, str] = {}
    copies: list[str] = []
    for key, value, line in template.header:
        filled = _fill(value, values, f"{where}, baris {line}")
        if key == "tembusan":
            if filled:
                copies.append(filled)
        else:
            header[key] = filled
    paragraphs = tuple(_fill(text, values, f"{where}, baris {line}")
                       for text, line in template.paragraphs)
    return LetterWords(
        subject=header["hal"], nature=header["sifat"],
        attachment=header.get("lampiran", "1 (satu) berkas"), addressee=header["kepada"],
        addressee_place=header.get("di", ""), paragraphs=paragraphs, copies=tuple(copies),
    )
