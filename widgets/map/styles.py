"""How households are coloured: one colour per category of the chosen attribute.

The register stores codes; the legend shows translated labels. Codes a style does not
know (a program added by the office, a new proposal state) still get a colour from a
palette and show their code, so nothing is ever drawn without a legend entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from db.spatial import ATTRIBUTES, Categorical
from widgets.register.labels import state_label

NONE_COLOUR = QColor(150, 150, 150)
# A qualitative palette that stays readable on white, on grey and over a basemap.
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939",
)
# Desil 1 (poorest) red to 10 (best off) green, through yellow.
DESIL_COLOURS = (
    "#a50026", "#d73027", "#f46d43", "#fdae61", "#fee08b",
    "#d9ef8b", "#a6d96a", "#66bd63", "#1a9850", "#006837",
)
STATUS_COLOURS = {
    "draft": "#9e9e9e", "submitted": "#1f77b4", "in_field": "#ff7f0e",
    "eligible": "#2ca02c", "not_eligible": "#8c564b", "approved": "#006837",
    "rejected": "#d62728", "in_letter": "#393b79", "accepted": "#17becf",
    "declined": "#ad494a", "returned": "#e377c2", "cancelled": "#636363",
}
FLAG_COLOURS = {"blocker": "#d62728", "warning": "#ff7f0e", "info": "#1f77b4"}

def attribute_label(attribute: str) -> str:
    """The attribute's name as the style chooser shows it."""
    return {
        "status": QCoreApplication.translate("MapStyle", "Proposal status"),
        "program": QCoreApplication.translate("MapStyle", "Program"),
        "desil": QCoreApplication.translate("MapStyle", "Desil"),
        "flag": QCoreApplication.translate("MapStyle", "Check findings"),
    }.get(attribute, attribute)


def _none_label(attribute: str) -> str:
    return {
        "status": QCoreApplication.translate("MapStyle", "No proposal"),
        "program": QCoreApplication.translate("MapStyle", "No proposal"),
        "desil": QCoreApplication.translate("MapStyle", "Desil not known"),
        "flag": QCoreApplication.translate("MapStyle", "No open findings"),
    }.get(attribute, QCoreApplication.translate("MapStyle", "No value"))


def _flag_labels() -> dict[str, str]:
    return {
        "blocker": QCoreApplication.translate("MapStyle", "Blocking finding"),
        "warning": QCoreApplication.translate("MapStyle", "Warning"),
        "info": QCoreApplication.translate("MapStyle", "Note"),
    }


def code_label(attribute: str, code: str) -> str:
    """The legend label of one code of ``attribute`` (the code itself when unknown)."""
    if attribute == "desil":
        return QCoreApplication.translate("MapStyle", "Desil {n}").format(n=code)
    if attribute == "flag":
        return _flag_labels().get(code, code)
    if attribute == "status":
        return state_label(code)
    if attribute == "program":
        return code.upper()  # program codes are short names: pbi-jk → PBI-JK
    return code


@dataclass(frozen=True)
class CategoryStyle:
    """One legend entry: a code (None = no value), its label and colour."""

    code: str | None
    label: str
    colour: QColor


@dataclass(frozen=True)
class HouseholdStyle:
    """Categories of one attribute in legend order; the first is drawn on top."""

    attribute: str
    title: str
    categories: tuple[CategoryStyle, ...]  # the "no value" entry last

    def draw_codes(self, column: Categorical) -> list[int]:
        """Per code position of ``column``: the raster code (higher = drawn above).

        Returned as a list indexed by ``value + 1`` (so -1, "no value", is index 0).
        """
        n = len(self.categories)
        by_code = {c.code: n - k for k, c in enumerate(self.categories)}  # first → highest
        result = [by_code[None]]
        for code in column.codes:
            result.append(by_code.get(code, by_code[None]))
        return result

    def colours_by_rank(self) -> list[QColor]:
        """Colours indexed by rank - 1 (rank 1 = the last legend entry)."""
        return [c.colour for c in reversed(self.categories)]


def household_style(attribute: str, column: Categorical) -> HouseholdStyle:
    """The style for ``attribute`` covering every code present in ``column``."""
    if attribute not in ATTRIBUTES:
        raise ValueError(f"unknown household attribute {attribute!r}")
    categories: list[CategoryStyle] = []
    spare = iter(PALETTE * 4)
    codes: Sequence[str] = column.codes
    if attribute == "desil":
        codes = [str(d) for d in range(1, 11)]
    for code in codes:
        if attribute == "desil":
            colour = DESIL_COLOURS[int(code) - 1] if code.isdigit() and 1 <= int(code) <= 10 \
                else next(spare)
        elif attribute == "status":
            colour = STATUS_COLOURS.get(code) or next(spare)
        elif attribute == "flag":
            colour = FLAG_COLOURS.get(code) or next(spare)
        else:
            colour = next(spare)
        categories.append(CategoryStyle(code, code_label(attribute, code), QColor(colour)))
    categories.append(CategoryStyle(None, _none_label(attribute), NONE_COLOUR))
    return HouseholdStyle(attribute, attribute_label(attribute), tuple(categories))
