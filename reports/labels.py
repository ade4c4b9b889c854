"""Indonesian words for the register's coded values, as printed documents use them.

Documents are always Indonesian (the interface translates codes through Qt instead).
Every code of :mod:`db.codes` that a letter or checklist prints has its words here; a
test checks none is missing.
"""

from __future__ import annotations

from db import codes

LAND_STATUS = {"own": "milik sendiri", "rent": "sewa", "rent_free": "bebas sewa/numpang",
               "official": "rumah dinas", "other": "lainnya"}
LAND_DOCUMENT = {"shm_own": "SHM atas nama sendiri",
                 "shm_other_agreement": "SHM nama lain + surat persetujuan",
                 "shgb": "SHGB", "girik": "girik/letter C", "none": "tidak ada"}
ROOF_MATERIAL = {"concrete": "beton", "clay_tile": "genteng tanah liat", "zinc": "seng",
                 "asbestos": "asbes", "shingle": "sirap", "bamboo": "bambu",
                 "thatch": "jerami/ijuk/rumbia", "other": "lainnya"}
ROOF_CONDITION = {"good": "baik", "leaking": "bocor sebagian", "badly_damaged": "rusak berat"}
WALL_MATERIAL = {"masonry": "tembok", "plastered_woven_bamboo": "plesteran anyaman bambu",
                 "wood": "kayu/papan", "woven_bamboo": "anyaman bambu", "logs": "batang kayu",
                 "bamboo": "bambu", "other": "lainnya"}
WALL_CONDITION = {"intact": "utuh", "cracked": "retak", "rotten": "lapuk"}
FLOOR_MATERIAL = {"ceramic": "keramik", "tile": "ubin/teraso", "wood": "kayu",
                  "cement": "semen/bata", "bamboo": "bambu", "earth": "tanah", "other": "lainnya"}
FLOOR_CONDITION = {"good": "baik", "damaged": "rusak", "badly_damaged": "rusak berat"}
TOILET = {"own": "sendiri", "shared": "bersama", "public": "umum", "none": "tidak ada"}
TOILET_TYPE = {"gooseneck": "leher angsa", "squat_plank": "plengsengan", "pit_latrine": "cemplung",
               "none": "tidak ada"}
SEWAGE = {"septic_tank": "tangki septik", "river": "sungai/kolam", "pit": "lubang tanah",
          "open": "tempat terbuka"}
WATER_SOURCE = {"piped": "ledeng/PDAM", "bottled": "air kemasan/isi ulang",
                "drilled_well": "sumur bor/pompa", "protected_well": "sumur terlindung",
                "unprotected_well": "sumur tak terlindung", "spring": "mata air",
                "river": "sungai", "rain": "air hujan"}
ELECTRICITY = {"pln_metered": "PLN bermeteran", "pln_unmetered": "PLN tanpa meteran",
               "non_pln": "bukan PLN", "none": "tidak ada"}

# Every code tuple of db.codes that documents print, with its words.
ALL: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "LAND_STATUS": (codes.LAND_STATUS, LAND_STATUS),
    "LAND_DOCUMENT": (codes.LAND_DOCUMENT, LAND_DOCUMENT),
    "ROOF_MATERIAL": (codes.ROOF_MATERIAL, ROOF_MATERIAL),
    "ROOF_CONDITION": (codes.ROOF_CONDITION, ROOF_CONDITION),
    "WALL_MATERIAL": (codes.WALL_MATERIAL, WALL_MATERIAL),
    "WALL_CONDITION": (codes.WALL_CONDITION, WALL_CONDITION),
    "FLOOR_MATERIAL": (codes.FLOOR_MATERIAL, FLOOR_MATERIAL),
    "FLOOR_CONDITION": (codes.FLOOR_CONDITION, FLOOR_CONDITION),
    "TOILET": (codes.TOILET, TOILET),
    "TOILET_TYPE": (codes.TOILET_TYPE, TOILET_TYPE),
    "SEWAGE": (codes.SEWAGE, SEWAGE),
    "WATER_SOURCE": (codes.WATER_SOURCE, WATER_SOURCE),
    "ELECTRICITY": (codes.ELECTRICITY, ELECTRICITY),
}


def word(table: dict[str, str], code: str | None, unknown: str = "-") -> str:
    """The words for ``code``, ``unknown`` when not recorded; an unlisted code as it is."""
    if code is None or code == "":
        return unknown
    return table.get(code, code)


def yes_no(value: bool | None, yes: str = "ya", no: str = "tidak", unknown: str = "-") -> str:
    if value is None:
        return unknown
    return yes if value else no
