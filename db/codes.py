"""Coded values stored in the register, as short English snake_case codes.

The database keeps these codes, never display text, so the interface can show them in
Indonesian or English and a renamed label never rewrites data. Order within each tuple is
the order a form or checklist lists them in (roughly best to worst for house conditions).
"""

from __future__ import annotations

import re
import unicodedata

SEX = ("L", "P")  # laki-laki, perempuan: the letters printed on the KTP

# ------------------------------------------------------------------ household and house

LAND_STATUS = ("own", "rent", "rent_free", "official", "other")
LAND_DOCUMENT = ("shm_own", "shm_other_agreement", "shgb", "girik", "none")
ROOF_MATERIAL = (
    "concrete", "clay_tile", "zinc", "asbestos", "shingle", "bamboo", "thatch", "other",
)
ROOF_CONDITION = ("good", "leaking", "badly_damaged")
WALL_MATERIAL = (
    "masonry", "plastered_woven_bamboo", "wood", "woven_bamboo", "logs", "bamboo", "other",
)
WALL_CONDITION = ("intact", "cracked", "rotten")
FLOOR_MATERIAL = ("ceramic", "tile", "wood", "cement", "bamboo", "earth", "other")
FLOOR_CONDITION = ("good", "damaged", "badly_damaged")
TOILET = ("own", "shared", "public", "none")
TOILET_TYPE = ("gooseneck", "squat_plank", "pit_latrine", "none")
SEWAGE = ("septic_tank", "river", "pit", "open")
WATER_SOURCE = (
    "piped", "bottled", "drilled_well", "protected_well", "unprotected_well", "spring",
    "river", "rain",
)
ELECTRICITY = ("pln_metered", "pln_unmetered", "non_pln", "none")
ELECTRICITY_VA = (450, 900, 1300, 2200)
# Monthly household income; Kota Serang's minimum wage sits in the 4-5 million bracket.
INCOME_BRACKET = ("under_1m", "1m_2m", "2m_3m", "3m_4m", "4m_5m", "over_5m")

# ------------------------------------------------------------------ members

RELATIONSHIP = (
    "head", "spouse", "child", "son_in_law", "grandchild", "parent", "parent_in_law",
    "other_family", "other",
)
MARITAL_STATUS = ("single", "married", "divorced", "widowed")
EDUCATION = (
    "none", "not_finished_sd", "sd", "smp", "sma", "diploma", "bachelor", "postgraduate",
)
OCCUPATION = (
    "not_working", "housekeeping", "student", "farmer", "farm_laborer", "fisher",
    "laborer", "construction_worker", "factory_worker", "trader", "street_vendor",
    "driver", "online_driver", "craftsman", "private_employee", "self_employed", "teacher",
    "health_worker", "honorary_staff", "civil_servant", "military", "police", "retired",
)
# Occupations that exclude a family from PBI-JK and RTLH (ASN/TNI/Polri).
STATE_APPARATUS_OCCUPATIONS = ("civil_servant", "military", "police")
DISABILITY = (
    "physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple",
)
JKN_STATUS = ("none", "active", "inactive")
# PBI paid by the national budget or the city; salaried (PPU); self-paying (PBPU);
# non-workers such as pensioners (BP).
JKN_SEGMENT = ("pbi_apbn", "pbi_apbd", "ppu", "pbpu", "bp")
PBI_SEGMENTS = ("pbi_apbn", "pbi_apbd")

_NOT_KEY = re.compile(r"[^0-9a-z]+")


def name_key(text: str) -> str:
    """Lower-case letters and digits only: the search key stored in ``Member.name_key``.

    "Hj. Siti  Nur'aini" and "HJ SITI NURAINI" get the same key, so a search or a duplicate
    check is not defeated by case, spacing or punctuation.
    """
    # Decompose first so an accented letter keeps its base letter instead of vanishing
    # (plain ASCII, nearly every name on a KK, decomposes to itself).
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    return _NOT_KEY.sub("", text.lower())
