"""NIK and No. KK rules from DOMAIN.md."""

from __future__ import annotations

import datetime as dt

import pytest

from db.nik import NumberRejected, make_kk, make_nik, mask, normalise, parse_kk, parse_nik


@pytest.mark.parametrize("raw", [
    "3673015204950001", " 3673 0152 0495 0001 ", "3673-0152-0495-0001", "'3673015204950001",
    "3673015204950001\u00a0",
])
def test_normalise_accepts_pasted_forms(raw):
    assert normalise(raw) == "3673015204950001"


@pytest.mark.parametrize("raw, reason", [
    ("3.67301E+15", "sel angka"),
    ("3673015204950001.0", "sel angka"),
    (3673015204950001.0, "desimal"),
    ("367301520495001", "16 angka"),
    ("36730152049500011", "16 angka"),
    ("36730152O4950001", "selain angka"),
    ("", "kosong"),
    (None, "kosong"),
])
def test_normalise_refuses_mangled_numbers_with_the_reason(raw, reason):
    with pytest.raises(NumberRejected) as err:
        normalise(raw)
    assert reason in err.value.reason


def test_parse_nik_reads_region_date_and_sex():
    woman = parse_nik("3673015204950001")
    assert (woman.region, woman.sex, woman.birth_day, woman.birth_month) == ("36.73.01", "P", 12, 4)
    assert woman.birth_date(dt.date(2025, 1, 1)) == dt.date(1995, 4, 12)
    man = parse_nik("3673011204150002")
    assert man.sex == "L" and man.birth_date(dt.date(2025, 1, 1)) == dt.date(2015, 4, 12)


@pytest.mark.parametrize("nik, reason", [
    ("9973011204950001", "provinsi"),
    ("3673013204950001", "tidak mungkin"),   # day 32
    ("3673017204950001", "tidak mungkin"),   # day 72 - 40 = 32
    ("3673013002950001", "tidak mungkin"),   # 30 February
    ("3673011213950001", "tidak mungkin"),   # month 13
    ("3673011204950000", "0000"),
])
def test_parse_nik_refuses_impossible_numbers(nik, reason):
    with pytest.raises(NumberRejected) as err:
        parse_nik(nik)
    assert reason in err.value.reason


def test_leap_day_is_accepted_for_women():
    assert parse_nik("3673016902000001").birth_date(dt.date(2025, 1, 1)) == dt.date(2000, 2, 29)


def test_made_numbers_round_trip():
    birth = dt.date(1987, 11, 3)
    nik = make_nik("36.73.05", birth, "P", 42)
    parts = parse_nik(nik)
    assert parts.sex == "P" and parts.region == "36.73.05" and parts.birth_date() == birth
    kk = make_kk("36.73.05", dt.date(2019, 6, 30), 7)
    assert parse_kk(kk) == dt.date(2019, 6, 30)


def test_mask_keeps_region_and_serial_only():
    assert mask("3673015204950001") == "3673********0001"
