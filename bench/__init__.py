"""Benchmarks (not tests): ``python -m bench`` runs them all, ``python -m bench NAME`` one.

Each module that defines ``run(args)`` is a benchmark; it prints one JSON object per figure
and line (see :mod:`bench.common`).
"""
