"""Cells for openpyxl write-only sheets that Excel shows exactly as the register holds them."""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE


def cell(sheet, value: object) -> object:  # type: ignore[no-untyped-def]
    """``value`` ready for ``sheet.append``.

    Text that starts with ``=`` stays text (a name or an address from an imported file
    must never become a formula), and control characters Excel refuses are dropped.
    """
    if not isinstance(value, str):
        return value
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value[:1] in ("=", "+", "-", "@") and len(value) > 1 and not _is_number(value):
        wrapped = WriteOnlyCell(sheet, value=value)
        wrapped.data_type = "s"
        return wrapped
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
