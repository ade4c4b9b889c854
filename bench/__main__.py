"""``python -m bench [NAME ...]``: run every benchmark, or the named ones.

A benchmark is a module of this package that defines ``run(args)``; NAME is the module
name (``demo_generation`` for ``bench/demo_generation.py``). Options are shared by all:
``--households``, ``--runs`` (also read as ``args.repeat``) and ``--postgres``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from types import ModuleType

import bench

PG_ENV = "TEPAT_TEST_POSTGRES_URL"
_NOT_BENCHMARKS = {"common"}


def discover() -> dict[str, ModuleType]:
    """Benchmark modules by name: those that define a callable ``run``."""
    found = {}
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name in _NOT_BENCHMARKS:
            continue
        module = importlib.import_module(f"bench.{info.name}")
        if callable(getattr(module, "run", None)):
            found[info.name] = module
    return found


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    p.add_argument("--households", type=int, default=200_000,
                   help="register size for benchmarks that build one (default 200000)")
    p.add_argument("--runs", "--repeat", dest="runs", type=int, default=None,
                   help="runs per figure; the figure is their median (default: per benchmark)")
    p.add_argument("--postgres", metavar="URL", default=os.environ.get(PG_ENV) or None,
                   help=f"also run on PostgreSQL in a scratch database on this server "
                   f"(default: ${PG_ENV})")
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    args.repeat = args.runs  # the name some benchmarks read
    available = discover()
    unknown = [n for n in args.names if n not in available]
    if unknown:
        p.error(f"unknown benchmark {', '.join(unknown)}; available: {', '.join(available)}")
    for name in args.names or list(available):
        available[name].run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
