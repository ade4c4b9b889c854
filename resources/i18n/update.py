"""Refresh the translation catalogs: ``python -m resources.i18n.update``.

1. ``pyside6-lupdate`` collects every ``tr()``/``translate()`` string of ``desktop/``
   and ``widgets/`` into ``tepat_id.ts``, keeping existing translations and dropping
   strings no longer in the code.
2. Translate the new (unfinished) entries, e.g. with ``pyside6-linguist tepat_id.ts``.
3. Run this again (or with ``--release-only``): ``pyside6-lrelease`` compiles every
   ``.ts`` here to its ``.qm``. Commit both.

``qtbase_id.ts`` holds Indonesian for Qt's own dialogs and is maintained by hand
(lupdate does not touch it).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE_DIRS = ("desktop", "widgets")
LANGUAGES = ("id",)


def tool(name: str) -> str:
    """Path of a Qt Linguist tool (``lupdate``/``lrelease``) shipped with PySide6."""
    candidates = [
        Path(sys.executable).with_name(f"pyside6-{name}"),
        Path(PySide6.__file__).with_name(name),
    ]
    found = shutil.which(f"pyside6-{name}")
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    raise FileNotFoundError(f"pyside6-{name} not found; install PySide6 in this environment")


def source_files(root: Path = ROOT) -> list[str]:
    """The Python files whose strings are translated, relative to ``root``, sorted."""
    return sorted(str(p.relative_to(root)) for d in SOURCE_DIRS for p in (root / d).rglob("*.py"))


def lupdate(target: Path, root: Path = ROOT) -> None:
    """Collect the source strings into ``target`` (created or merged)."""
    subprocess.run(
        [tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
         *source_files(root), "-ts", str(target)],
        cwd=root, check=True,
    )


def lrelease(source: Path, target: Path) -> None:
    """Compile ``source`` (.ts) to ``target`` (.qm)."""
    subprocess.run([tool("lrelease"), "-silent", str(source), "-qm", str(target)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release-only", action="store_true",
                        help="only compile the .ts files (do not collect strings)")
    args = parser.parse_args(argv)
    if not args.release_only:
        for language in LANGUAGES:
            lupdate(HERE / f"tepat_{language}.ts")
    for ts in sorted(HERE.glob("*.ts")):
        lrelease(ts, ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
