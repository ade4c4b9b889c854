"""Icons bundled in ``resources/icons`` (SVG, so they stay sharp at any scale)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon


def icon_path(name: str) -> Path:
    return Path(str(resources.files("resources").joinpath("icons", f"{name}.svg")))


@cache
def icon(name: str) -> QIcon:
    """The bundled icon ``name`` (file name without ``.svg``); raises if it is missing."""
    path = icon_path(name)
    if not path.is_file():
        raise FileNotFoundError(path)
    return QIcon(str(path))
