"""Regression guard for the PySide6 6.12.0 bug that lost a reference to ``None`` on every
call of a void Qt method, until ``None`` was freed and the interpreter crashed.

setup.cfg pins ``PySide6<6.12``; these tests prove the installed build is one without
the bug, so a careless upgrade fails here rather than in an operator's long session.
"""

from __future__ import annotations

import sys

import PySide6
import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

CALLS = 10_000
# Other code may take or drop a few references to None meanwhile; the bug drops one
# per call, 10,000 in all.
TOLERANCE = 50


def _none_refs() -> int:
    return sys.getrefcount(None)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qobject_method_keeps_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    obj = QObject()
    before = _none_refs()
    for _ in range(CALLS):
        obj.setObjectName("probe")
    assert _none_refs() >= before - TOLERANCE


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qwidget_method_keeps_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    before = _none_refs()
    for _ in range(CALLS):
        widget.update()
    assert _none_refs() >= before - TOLERANCE


def test_installed_pyside6_is_older_than_6_12() -> None:
    major, minor = (int(part) for part in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), (
        f"PySide6 {PySide6.__version__} is installed; 6.12.0 corrupts None's reference count")
