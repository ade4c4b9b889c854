"""db/ and reports/ import and work with PySide6 made unimportable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = r"""
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"Qt is blocked in this test: {name}")
        return None

sys.meta_path.insert(0, BlockQt())
imported = []
for package in ("db", "reports"):
    pkg = importlib.import_module(package)
    imported.append(package)
    for info in pkgutil.walk_packages(pkg.__path__, package + "."):
        if ".migrations.versions" in info.name or info.name.endswith("migrations.env"):
            continue
        importlib.import_module(info.name)
        imported.append(info.name)
assert not any(m.startswith(("PySide6", "shiboken6")) for m in sys.modules)
try:
    import PySide6  # noqa: F401
except ImportError:
    print("BLOCKED-OK", len(imported), " ".join(imported))
"""


def test_db_and_reports_import_without_qt():
    repo = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=repo, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("BLOCKED-OK")
    names = out.stdout.split()[2:]
    assert "db.models" in names and "db.engine" in names and "db.schema" in names
