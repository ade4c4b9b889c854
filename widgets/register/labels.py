"""Display names for register fields, coded values, flags and proposal states.

The database stores English snake_case codes (:mod:`db.codes`); these tables give each an
English source text marked for translation, so the interface shows it in the chosen
language. Lookups translate at call time, so a language switch takes effect on the next
repaint. An unknown code is shown as it is rather than hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

FIELDS: dict[str, str] = {
    "no_kk": QT_TRANSLATE_NOOP("Fields", "No. KK"),
    "kelurahan_code": QT_TRANSLATE_NOOP("Fields", "Kelurahan"),
    "address": QT_TRANSLATE_NOOP("Fields", "Address"),
    "rt": QT_TRANSLATE_NOOP("Fields", "RT"),
    "rw": QT_TRANSLATE_NOOP("Fields", "RW"),
    "longitude": QT_TRANSLATE_NOOP("Fields", "Longitude"),
    "latitude": QT_TRANSLATE_NOOP("Fields", "Latitude"),
    "desil": QT_TRANSLATE_NOOP("Fields", "Desil"),
    "income_bracket": QT_TRANSLATE_NOOP("Fields", "Monthly income"),
    "land_status": QT_TRANSLATE_NOOP("Fields", "Land status"),
    "land_document": QT_TRANSLATE_NOOP("Fields", "Land document"),
    "other_house": QT_TRANSLATE_NOOP("Fields", "Owns another house"),
    "roof_material": QT_TRANSLATE_NOOP("Fields", "Roof material"),
    "roof_condition": QT_TRANSLATE_NOOP("Fields", "Roof condition"),
    "roof_frame_sound": QT_TRANSLATE_NOOP("Fields", "Roof frame sound"),
    "wall_material": QT_TRANSLATE_NOOP("Fields", "Wall material"),
    "wall_condition": QT_TRANSLATE_NOOP("Fields", "Wall condition"),
    "columns_beams": QT_TRANSLATE_NOOP("Fields", "Columns and beams present"),
    "floor_material": QT_TRANSLATE_NOOP("Fields", "Floor material"),
    "floor_condition": QT_TRANSLATE_NOOP("Fields", "Floor condition"),
    "foundation_sloof": QT_TRANSLATE_NOOP("Fields", "Foundation and sloof present"),
    "collapse_risk": QT_TRANSLATE_NOOP("Fields", "Risk of collapse"),
    "hazard_site": QT_TRANSLATE_NOOP("Fields", "Flood or landslide site"),
    "floor_area_m2": QT_TRANSLATE_NOOP("Fields", "Floor area (m²)"),
    "occupants": QT_TRANSLATE_NOOP("Fields", "Occupants"),
    "bedrooms": QT_TRANSLATE_NOOP("Fields", "Bedrooms"),
    "ventilation_ok": QT_TRANSLATE_NOOP("Fields", "Openings ≥ 5% of floor"),
    "daylight_ok": QT_TRANSLATE_NOOP("Fields", "Daylight ≥ 10% of floor"),
    "toilet": QT_TRANSLATE_NOOP("Fields", "Toilet"),
    "toilet_type": QT_TRANSLATE_NOOP("Fields", "Toilet type"),
    "sewage": QT_TRANSLATE_NOOP("Fields", "Sewage"),
    "water_source": QT_TRANSLATE_NOOP("Fields", "Drinking water"),
    "water_septic_distance_m": QT_TRANSLATE_NOOP("Fields", "Water to septic tank (m)"),
    "electricity": QT_TRANSLATE_NOOP("Fields", "Electricity"),
    "electricity_va": QT_TRANSLATE_NOOP("Fields", "Power (VA)"),
    "notes": QT_TRANSLATE_NOOP("Fields", "Notes"),
    "members": QT_TRANSLATE_NOOP("Fields", "Members"),
    "membership": QT_TRANSLATE_NOOP("Fields", "Member"),
    "household": QT_TRANSLATE_NOOP("Fields", "Household"),
    # Members.
    "nik": QT_TRANSLATE_NOOP("Fields", "NIK"),
    "name": QT_TRANSLATE_NOOP("Fields", "Name"),
    "sex": QT_TRANSLATE_NOOP("Fields", "Sex"),
    "birth_place": QT_TRANSLATE_NOOP("Fields", "Birth place"),
    "birth_date": QT_TRANSLATE_NOOP("Fields", "Birth date"),
    "relationship": QT_TRANSLATE_NOOP("Fields", "Relationship"),
    "marital_status": QT_TRANSLATE_NOOP("Fields", "Marital status"),
    "occupation": QT_TRANSLATE_NOOP("Fields", "Occupation"),
    "education": QT_TRANSLATE_NOOP("Fields", "Education"),
    "disability": QT_TRANSLATE_NOOP("Fields", "Disability"),
    "chronic_illness": QT_TRANSLATE_NOOP("Fields", "Chronically ill"),
    "pregnant": QT_TRANSLATE_NOOP("Fields", "Pregnant"),
    "jkn_status": QT_TRANSLATE_NOOP("Fields", "JKN"),
    "jkn_segment": QT_TRANSLATE_NOOP("Fields", "JKN segment"),
    "asn_tni_polri": QT_TRANSLATE_NOOP("Fields", "ASN/TNI/Polri"),
    "deceased": QT_TRANSLATE_NOOP("Fields", "Deceased"),
    "deceased_date": QT_TRANSLATE_NOOP("Fields", "Date of death"),
}

# Coded values per field (the code lists live in db.codes).
CODES: dict[str, dict[object, str]] = {
    "sex": {"L": QT_TRANSLATE_NOOP("Codes", "Male"), "P": QT_TRANSLATE_NOOP("Codes", "Female")},
    "land_status": {
        "own": QT_TRANSLATE_NOOP("Codes", "Own"),
        "rent": QT_TRANSLATE_NOOP("Codes", "Rented"),
        "rent_free": QT_TRANSLATE_NOOP("Codes", "Rent-free"),
        "official": QT_TRANSLATE_NOOP("Codes", "Official housing"),
        "other": QT_TRANSLATE_NOOP("Codes", "Other"),
    },
    "land_document": {
        "shm_own": QT_TRANSLATE_NOOP("Codes", "SHM in own name"),
        "shm_other_agreement": QT_TRANSLATE_NOOP("Codes", "SHM in another name, with agreement"),
        "shgb": QT_TRANSLATE_NOOP("Codes", "SHGB"),
        "girik": QT_TRANSLATE_NOOP("Codes", "Girik / letter C"),
        "none": QT_TRANSLATE_NOOP("Codes", "None"),
    },
    "roof_material": {
        "concrete": QT_TRANSLATE_NOOP("Codes", "Concrete"),
        "clay_tile": QT_TRANSLATE_NOOP("Codes", "Clay tile"),
        "zinc": QT_TRANSLATE_NOOP("Codes", "Zinc"),
        "asbestos": QT_TRANSLATE_NOOP("Codes", "Asbestos"),
        "shingle": QT_TRANSLATE_NOOP("Codes", "Shingle"),
        "bamboo": QT_TRANSLATE_NOOP("Codes", "Bamboo"),
        "thatch": QT_TRANSLATE_NOOP("Codes", "Thatch"),
        "other": QT_TRANSLATE_NOOP("Codes", "Other"),
    },
    "roof_condition": {
        "good": QT_TRANSLATE_NOOP("Codes", "Good"),
        "leaking": QT_TRANSLATE_NOOP("Codes", "Leaking in parts"),
        "badly_damaged": QT_TRANSLATE_NOOP("Codes", "Badly damaged"),
    },
    "wall_material": {
        "masonry": QT_TRANSLATE_NOOP("Codes", "Masonry"),
        "plastered_woven_bamboo": QT_TRANSLATE_NOOP("Codes", "Plastered woven bamboo"),
        "wood": QT_TRANSLATE_NOOP("Codes", "Wood / board"),
        "woven_bamboo": QT_TRANSLATE_NOOP("Codes", "Woven bamboo"),
        "logs": QT_TRANSLATE_NOOP("Codes", "Logs"),
        "bamboo": QT_TRANSLATE_NOOP("Codes", "Bamboo"),
        "other": QT_TRANSLATE_NOOP("Codes", "Other"),
    },
    "wall_condition": {
        "intact": QT_TRANSLATE_NOOP("Codes", "Intact"),
        "cracked": QT_TRANSLATE_NOOP("Codes", "Cracked"),
        "rotten": QT_TRANSLATE_NOOP("Codes", "Rotten"),
    },
    "floor_material": {
        "ceramic": QT_TRANSLATE_NOOP("Codes", "Ceramic"),
        "tile": QT_TRANSLATE_NOOP("Codes", "Tile / terrazzo"),
        "wood": QT_TRANSLATE_NOOP("Codes", "Wood"),
        "cement": QT_TRANSLATE_NOOP("Codes", "Cement / brick"),
        "bamboo": QT_TRANSLATE_NOOP("Codes", "Bamboo"),
        "earth": QT_TRANSLATE_NOOP("Codes", "Earth"),
        "other": QT_TRANSLATE_NOOP("Codes", "Other"),
    },
    "floor_condition": {
        "good": QT_TRANSLATE_NOOP("Codes", "Good"),
        "damaged": QT_TRANSLATE_NOOP("Codes", "Damaged"),
        "badly_damaged": QT_TRANSLATE_NOOP("Codes", "Badly damaged"),
    },
    "toilet": {
        "own": QT_TRANSLATE_NOOP("Codes", "Own"),
        "shared": QT_TRANSLATE_NOOP("Codes", "Shared"),
        "public": QT_TRANSLATE_NOOP("Codes", "Public"),
        "none": QT_TRANSLATE_NOOP("Codes", "None"),
    },
    "toilet_type": {
        "gooseneck": QT_TRANSLATE_NOOP("Codes", "Gooseneck"),
        "squat_plank": QT_TRANSLATE_NOOP("Codes", "Plank squat"),
        "pit_latrine": QT_TRANSLATE_NOOP("Codes", "Pit latrine"),
        "none": QT_TRANSLATE_NOOP("Codes", "None"),
    },
    "sewage": {
        "septic_tank": QT_TRANSLATE_NOOP("Codes", "Septic tank"),
        "river": QT_TRANSLATE_NOOP("Codes", "River"),
        "pit": QT_TRANSLATE_NOOP("Codes", "Pit"),
        "open": QT_TRANSLATE_NOOP("Codes", "Open ground"),
    },
    "water_source": {
        "piped": QT_TRANSLATE_NOOP("Codes", "Piped water"),
        "bottled": QT_TRANSLATE_NOOP("Codes", "Bottled / refill"),
        "drilled_well": QT_TRANSLATE_NOOP("Codes", "Drilled well"),
        "protected_well": QT_TRANSLATE_NOOP("Codes", "Protected well"),
        "unprotected_well": QT_TRANSLATE_NOOP("Codes", "Unprotected well"),
        "spring": QT_TRANSLATE_NOOP("Codes", "Spring"),
        "river": QT_TRANSLATE_NOOP("Codes", "River"),
        "rain": QT_TRANSLATE_NOOP("Codes", "Rain water"),
    },
    "electricity": {
        "pln_metered": QT_TRANSLATE_NOOP("Codes", "PLN, metered"),
        "pln_unmetered": QT_TRANSLATE_NOOP("Codes", "PLN, unmetered"),
        "non_pln": QT_TRANSLATE_NOOP("Codes", "Not PLN"),
        "none": QT_TRANSLATE_NOOP("Codes", "None"),
    },
    "electricity_va": {450: "450 VA", 900: "900 VA", 1300: "1300 VA", 2200: "2200 VA"},
    "income_bracket": {
        "under_1m": QT_TRANSLATE_NOOP("Codes", "Under Rp1 million"),
        "1m_2m": QT_TRANSLATE_NOOP("Codes", "Rp1–2 million"),
        "2m_3m": QT_TRANSLATE_NOOP("Codes", "Rp2–3 million"),
        "3m_4m": QT_TRANSLATE_NOOP("Codes", "Rp3–4 million"),
        "4m_5m": QT_TRANSLATE_NOOP("Codes", "Rp4–5 million"),
        "over_5m": QT_TRANSLATE_NOOP("Codes", "Over Rp5 million"),
    },
    "relationship": {
        "head": QT_TRANSLATE_NOOP("Codes", "Head of household"),
        "spouse": QT_TRANSLATE_NOOP("Codes", "Spouse"),
        "child": QT_TRANSLATE_NOOP("Codes", "Child"),
        "son_in_law": QT_TRANSLATE_NOOP("Codes", "Child-in-law"),
        "grandchild": QT_TRANSLATE_NOOP("Codes", "Grandchild"),
        "parent": QT_TRANSLATE_NOOP("Codes", "Parent"),
        "parent_in_law": QT_TRANSLATE_NOOP("Codes", "Parent-in-law"),
        "other_family": QT_TRANSLATE_NOOP("Codes", "Other relative"),
        "other": QT_TRANSLATE_NOOP("Codes", "Other"),
    },
    "marital_status": {
        "single": QT_TRANSLATE_NOOP("Codes", "Single"),
        "married": QT_TRANSLATE_NOOP("Codes", "Married"),
        "divorced": QT_TRANSLATE_NOOP("Codes", "Divorced"),
        "widowed": QT_TRANSLATE_NOOP("Codes", "Widowed"),
    },
    "education": {
        "none": QT_TRANSLATE_NOOP("Codes", "No schooling"),
        "not_finished_sd": QT_TRANSLATE_NOOP("Codes", "Did not finish SD"),
        "sd": QT_TRANSLATE_NOOP("Codes", "SD"),
        "smp": QT_TRANSLATE_NOOP("Codes", "SMP"),
        "sma": QT_TRANSLATE_NOOP("Codes", "SMA/SMK"),
        "diploma": QT_TRANSLATE_NOOP("Codes", "Diploma"),
        "bachelor": QT_TRANSLATE_NOOP("Codes", "Bachelor"),
        "postgraduate": QT_TRANSLATE_NOOP("Codes", "Postgraduate"),
    },
    "occupation": {
        "not_working": QT_TRANSLATE_NOOP("Codes", "Not working"),
        "housekeeping": QT_TRANSLATE_NOOP("Codes", "Housekeeping"),
        "student": QT_TRANSLATE_NOOP("Codes", "Student"),
        "farmer": QT_TRANSLATE_NOOP("Codes", "Farmer"),
        "farm_laborer": QT_TRANSLATE_NOOP("Codes", "Farm labourer"),
        "fisher": QT_TRANSLATE_NOOP("Codes", "Fisher"),
        "laborer": QT_TRANSLATE_NOOP("Codes", "Day labourer"),
        "construction_worker": QT_TRANSLATE_NOOP("Codes", "Construction worker"),
        "factory_worker": QT_TRANSLATE_NOOP("Codes", "Factory worker"),
        "trader": QT_TRANSLATE_NOOP("Codes", "Trader"),
        "street_vendor": QT_TRANSLATE_NOOP("Codes", "Street vendor"),
        "driver": QT_TRANSLATE_NOOP("Codes", "Driver"),
        "online_driver": QT_TRANSLATE_NOOP("Codes", "Online driver"),
        "craftsman": QT_TRANSLATE_NOOP("Codes", "Craftsman"),
        "private_employee": QT_TRANSLATE_NOOP("Codes", "Private employee"),
        "self_employed": QT_TRANSLATE_NOOP("Codes", "Self-employed"),
        "teacher": QT_TRANSLATE_NOOP("Codes", "Teacher"),
        "health_worker": QT_TRANSLATE_NOOP("Codes", "Health worker"),
        "honorary_staff": QT_TRANSLATE_NOOP("Codes", "Honorary staff"),
        "civil_servant": QT_TRANSLATE_NOOP("Codes", "Civil servant (ASN)"),
        "military": QT_TRANSLATE_NOOP("Codes", "Military (TNI)"),
        "police": QT_TRANSLATE_NOOP("Codes", "Police (Polri)"),
        "retired": QT_TRANSLATE_NOOP("Codes", "Retired"),
    },
    "disability": {
        "physical": QT_TRANSLATE_NOOP("Codes", "Physical"),
        "visual": QT_TRANSLATE_NOOP("Codes", "Visual"),
        "hearing": QT_TRANSLATE_NOOP("Codes", "Hearing"),
        "speech": QT_TRANSLATE_NOOP("Codes", "Speech"),
        "intellectual": QT_TRANSLATE_NOOP("Codes", "Intellectual"),
        "mental": QT_TRANSLATE_NOOP("Codes", "Mental"),
        "multiple": QT_TRANSLATE_NOOP("Codes", "Multiple"),
    },
    "jkn_status": {
        "none": QT_TRANSLATE_NOOP("Codes", "Not covered"),
        "active": QT_TRANSLATE_NOOP("Codes", "Active"),
        "inactive": QT_TRANSLATE_NOOP("Codes", "Inactive"),
    },
    "jkn_segment": {
        "pbi_apbn": QT_TRANSLATE_NOOP("Codes", "PBI APBN"),
        "pbi_apbd": QT_TRANSLATE_NOOP("Codes", "PBI APBD"),
        "ppu": QT_TRANSLATE_NOOP("Codes", "Salaried (PPU)"),
        "pbpu": QT_TRANSLATE_NOOP("Codes", "Self-paying (PBPU)"),
        "bp": QT_TRANSLATE_NOOP("Codes", "Non-worker (BP)"),
    },
}

FLAGS: dict[str, str] = {
    "asn_tni_polri": QT_TRANSLATE_NOOP("Flags", "ASN/TNI/Polri"),
    "disability": QT_TRANSLATE_NOOP("Flags", "Disability"),
    "elderly": QT_TRANSLATE_NOOP("Flags", "Elderly"),
    "chronic_illness": QT_TRANSLATE_NOOP("Flags", "Chronic illness"),
    "pbi": QT_TRANSLATE_NOOP("Flags", "PBI"),
    "no_jkn": QT_TRANSLATE_NOOP("Flags", "No JKN"),
    "deceased_member": QT_TRANSLATE_NOOP("Flags", "Deceased member"),
    "no_location": QT_TRANSLATE_NOOP("Flags", "No location"),
    "findings": QT_TRANSLATE_NOOP("Flags", "Findings"),
}

# Proposal states (db.programs.STATES); a state not listed is shown as its code.
STATES: dict[str, str] = {
    "draft": QT_TRANSLATE_NOOP("States", "Draft"),
    "submitted": QT_TRANSLATE_NOOP("States", "Submitted"),
    "in_field": QT_TRANSLATE_NOOP("States", "In field verification"),
    "eligible": QT_TRANSLATE_NOOP("States", "Verified eligible"),
    "not_eligible": QT_TRANSLATE_NOOP("States", "Verified not eligible"),
    "approved": QT_TRANSLATE_NOOP("States", "Approved by the Camat"),
    "rejected": QT_TRANSLATE_NOOP("States", "Rejected by the Camat"),
    "in_letter": QT_TRANSLATE_NOOP("States", "In a letter"),
    "accepted": QT_TRANSLATE_NOOP("States", "Accepted by the Dinas"),
    "declined": QT_TRANSLATE_NOOP("States", "Declined by the Dinas"),
    "returned": QT_TRANSLATE_NOOP("States", "Returned for revision"),
    "cancelled": QT_TRANSLATE_NOOP("States", "Cancelled"),
}

ACTIONS: dict[str, str] = {
    "create": QT_TRANSLATE_NOOP("HistoryActions", "Created"),
    "update": QT_TRANSLATE_NOOP("HistoryActions", "Changed"),
    "delete": QT_TRANSLATE_NOOP("HistoryActions", "Removed"),
    "move": QT_TRANSLATE_NOOP("HistoryActions", "Moved"),
    "move_in": QT_TRANSLATE_NOOP("HistoryActions", "Member moved in"),
    "move_out": QT_TRANSLATE_NOOP("HistoryActions", "Member moved out"),
    "split": QT_TRANSLATE_NOOP("HistoryActions", "Split from a KK"),
}

ATTACHMENT_KINDS: dict[str, str] = {
    "photo_front": QT_TRANSLATE_NOOP("Codes", "Photo: front"),
    "photo_side": QT_TRANSLATE_NOOP("Codes", "Photo: side"),
    "photo_back": QT_TRANSLATE_NOOP("Codes", "Photo: back"),
    "photo_roof": QT_TRANSLATE_NOOP("Codes", "Photo: roof"),
    "photo_floor": QT_TRANSLATE_NOOP("Codes", "Photo: floor"),
    "photo_sanitation": QT_TRANSLATE_NOOP("Codes", "Photo: sanitation"),
    "photo_other": QT_TRANSLATE_NOOP("Codes", "Photo: other"),
    "document_kk": QT_TRANSLATE_NOOP("Codes", "Document: KK"),
    "document_ktp": QT_TRANSLATE_NOOP("Codes", "Document: KTP"),
    "document_land": QT_TRANSLATE_NOOP("Codes", "Document: land"),
    "document_other": QT_TRANSLATE_NOOP("Codes", "Document: other"),
}


def field_label(name: str) -> str:
    """The translated name of a household or member field."""
    source = FIELDS.get(name)
    return QCoreApplication.translate("Fields", source) if source else name


def code_label(field: str, code: object) -> str:
    """The translated name of a coded value; ``""`` for None, the code itself if unknown."""
    if code is None or code == "":
        return ""
    source = CODES.get(field, {}).get(code)
    if source is None:
        return str(code)
    return QCoreApplication.translate("Codes", source)


def flag_label(flag: str) -> str:
    source = FLAGS.get(flag)
    return QCoreApplication.translate("Flags", source) if source else flag


def state_label(state: str | None) -> str:
    if not state:
        return ""
    source = STATES.get(state)
    return QCoreApplication.translate("States", source) if source else state


def action_label(action: str) -> str:
    source = ACTIONS.get(action)
    return QCoreApplication.translate("HistoryActions", source) if source else action


def attachment_kind_label(kind: str) -> str:
    source = ATTACHMENT_KINDS.get(kind)
    return QCoreApplication.translate("Codes", source) if source else kind


def yes_no(value: bool | None) -> str:
    """"Yes", "No" or "" for unknown."""
    if value is None:
        return ""
    return (QCoreApplication.translate("Codes", "Yes") if value
            else QCoreApplication.translate("Codes", "No"))


def value_text(field: str, value: object) -> str:
    """Any stored value as a person reads it: code names, yes/no, dates dd-mm-yyyy."""
    import datetime as dt

    if value is None or value == "":
        return ""
    if field in CODES:
        try:
            key: object = (int(value)  # type: ignore[arg-type]
                           if field == "electricity_va" else value)
        except (TypeError, ValueError):
            key = value
        return code_label(field, key)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, str) and value in ("True", "False"):
        return yes_no(value == "True")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
