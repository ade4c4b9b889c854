"""Register validation rules (db/validation.py) and the region-code import they rely on."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from shapely.geometry import shape

from db import boundaries
from db import households as hh
from db import validation as v
from db.errors import ValidationFailed
from db.nik import make_kk, make_nik
from tests.test_households import (
    CIPARE,
    KEC,
    SERANG,
    family,
    person,
    save,
    seed_regions,
)

WILAYAH = Path(__file__).resolve().parents[2] / "shared" / "data" / "wilayah"
CODES_CSV = WILAYAH / "kode_wilayah.csv"
KELURAHAN_GEOJSON = WILAYAH / "36.73-kota-serang-kelurahan.geojson"
TODAY = dt.date(2025, 6, 1)


def needs(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"reference data {path} is not on this machine")
    return path


@pytest.fixture
def register(database):  # type: ignore[no-untyped-def]
    """Both backends: for rules that query the register (duplicates, region codes)."""
    seed_regions(database)
    return database


@pytest.fixture
def local(sqlite_database):  # type: ignore[no-untyped-def]
    """SQLite only: for rules that read nothing backend-specific (keeps the suite quick)."""
    seed_regions(sqlite_database)
    return sqlite_database


@pytest.fixture
def admin(local):  # type: ignore[no-untyped-def]
    from db.actor import demo_admin

    with local.read() as session:
        return demo_admin(session)


def check(database, data: hh.HouseholdData,  # type: ignore[no-untyped-def]
          actor=None) -> v.CheckResult:
    with database.read() as session:
        return v.check_household(session, data, actor=actor, today=TODAY)


def by_field(result: v.CheckResult, severity: str = v.ERROR) -> dict[str, str]:
    return {p.field: p.message for p in result.problems if p.severity == severity}


def one_member(member: hh.MemberData) -> hh.HouseholdData:
    return family(1, member)


# --------------------------------------------------------------------------- NIK and KK


def test_a_valid_household_passes_and_is_cleaned(local):
    raw = family(1)
    spaced = " ".join(raw.members[0].nik[i:i + 4] for i in range(0, 16, 4))
    result = check(local, replace(raw, rt="7", rw="12", no_kk="'" + raw.no_kk,
                                     members=(replace(raw.members[0], nik=spaced,
                                                      name="  Budi   Santoso "),
                                              raw.members[1])))
    assert result.problems == ()
    assert result.cleaned.rt == "007" and result.cleaned.rw == "012"
    assert result.cleaned.no_kk == raw.no_kk
    assert result.cleaned.members[0].nik == raw.members[0].nik
    assert result.cleaned.members[0].name == "Budi Santoso"


@pytest.mark.parametrize("pasted", ["3.67301E+15", "3673011204950001.0", "3,67301E+15"])
def test_float_mangled_nik_is_refused_with_the_reason(local, pasted):
    result = check(local, one_member(replace(person(1), nik=pasted)))
    message = by_field(result)["members.0.nik"]
    assert message.startswith("Anggota baris 1 (Budi Santoso): ")
    assert "sel angka" in message or "desimal" in message or "selain angka" in message


def test_nik_structure_errors_name_row_and_reason(local):
    bad = (
        replace(person(1), nik="367301060580001"),  # 15 digits
        replace(person(2, "Ani", relationship="spouse", sex="P"), nik="3673013202800002"),
        replace(person(3, "Cici", relationship="child", sex="P"), nik="9973014605800003"),
        replace(person(4, "Dedi", relationship="child"), nik="3673010605800000"),
    )
    errors = by_field(check(local, family(1, *bad)))
    assert "16 angka" in errors["members.0.nik"] and "15 angka" in errors["members.0.nik"]
    assert "Anggota baris 2 (Ani)" in errors["members.1.nik"]
    assert "tidak mungkin" in errors["members.1.nik"]  # day 32 - 40... month 02 day 32
    assert "provinsi '99'" in errors["members.2.nik"]
    assert "0000" in errors["members.3.nik"]


def test_nik_date_and_sex_must_agree_with_the_member(local):
    woman_nik = make_nik(KEC, dt.date(1990, 4, 12), "P", 5)  # day 52
    result = check(local, family(1, person(1), replace(
        person(2, "Sari", sex="L", relationship="spouse"), nik=woman_nik,
        birth_date=dt.date(1990, 4, 13))))
    texts = [p.message for p in result.errors if p.field == "members.1.nik"]
    assert len(texts) == 2
    assert any("perempuan" in t and "laki-laki" in t for t in texts)
    assert any("12-04-90" in t and "13-04-1990" in t for t in texts)
    ok = check(local, family(1, person(1), replace(
        person(2, "Sari", sex="P", relationship="spouse"), nik=woman_nik,
        birth_date=dt.date(1990, 4, 12))))
    assert ok.errors == []


def test_region_codes_inside_the_city_must_exist(local):
    unknown_kec = make_nik("36.73.09", dt.date(1980, 5, 6), "L", 1)
    errors = by_field(check(local, one_member(replace(person(1), nik=unknown_kec))))
    assert "kecamatan 36.73.09" in errors["members.0.nik"]


def test_region_outside_the_office_is_a_warning_until_the_national_list_is_loaded(register):
    jakarta = make_nik("31.71.01", dt.date(1980, 5, 6), "L", 7)
    result = check(register, one_member(replace(person(1), nik=jakarta)))
    assert result.errors == []
    warning = by_field(result, v.WARNING)["members.0.nik"]
    assert "belum dapat diperiksa" in warning and "tepat regions import" in warning
    kk_elsewhere = make_kk("32.04.01", dt.date(2016, 1, 1), 4)
    result = check(register, replace(family(1), no_kk=kk_elsewhere))
    assert "no_kk" in by_field(result, v.WARNING)


def _small_national_csv(tmp_path: Path) -> Path:
    """All provinces, the cities of Jakarta and Banten with their kecamatan: a real slice."""
    rows = []
    with needs(CODES_CSV).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["kode"]
            if row["tingkat"] == "provinsi" or (
                    code[:2] in ("31", "36") and row["tingkat"] != "desa_kelurahan"):
                rows.append(row)
    out = tmp_path / "kode_kecil.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["kode", "nama", "tingkat"])
        writer.writeheader()
        writer.writerows(rows)
    return out


def test_with_the_national_list_codes_are_checked_everywhere(register, actor, tmp_path):
    with register.write() as session:
        result = v.import_region_codes(session, actor, _small_national_csv(tmp_path))
    assert result.by_level["provinsi"] == 38 and result.changed > 0
    jakarta = make_nik("31.71.01", dt.date(1980, 5, 6), "L", 7)
    result = check(register, one_member(replace(person(1), nik=jakarta)))
    assert result.errors == []
    warning = by_field(result, v.WARNING)["members.0.nik"]
    assert "di luar Kota Serang" in warning and "Jakarta" in warning
    made_up = make_nik("31.79.01", dt.date(1980, 5, 6), "L", 7)
    errors = by_field(check(register, one_member(replace(person(1), nik=made_up))))
    assert "kabupaten/kota 31.79" in errors["members.0.nik"]


def test_kk_rules(register, actor):
    future = make_kk(KEC, TODAY + dt.timedelta(days=3), 1)
    errors = by_field(check(register, replace(family(1), no_kk=future)))
    assert "belum lewat" in errors["no_kk"]
    errors = by_field(check(register, replace(family(1), no_kk="3.67301E+15")))
    assert "sel angka" in errors["no_kk"]
    stored = save(register, actor, family(2)).household
    errors = by_field(check(register, replace(family(3), no_kk=stored.no_kk)))
    assert stored.no_kk in errors["no_kk"] and "Budi Santoso" in errors["no_kk"]
    assert "Kel. Cipare" in errors["no_kk"]


def test_same_nik_elsewhere_names_that_household(register, actor):
    stored = save(register, actor, family(4)).household
    taken = stored.members[1]
    errors = by_field(check(register, family(5, person(51, "Rahmat"), replace(
        person(52, "Siti", sex="P", relationship="spouse", born=taken.birth_date),
        nik=taken.nik))))
    message = errors["members.1.nik"]
    assert f"KK {stored.no_kk}" in message and "kepala keluarga Budi Santoso" in message
    assert "atas nama Siti Nur'aini" in message
    # Saving the household that owns the NIK is not a duplicate.
    assert check(register, stored).errors == []


def test_same_nik_twice_in_one_form(local):
    errors = by_field(check(local, family(1, person(1), replace(
        person(2, "Kembar", relationship="child"), nik=person(1).nik))))
    assert "sama dengan anggota baris 1" in errors["members.1.nik"]


# --------------------------------------------------------------------------- members


def test_exactly_one_living_head(local):
    errors = by_field(check(local, family(1, person(1, relationship="child"),
                                             person(2, "Ani", sex="P", relationship="child"))))
    assert "Belum ada kepala keluarga" in errors["members"]
    errors = by_field(check(local, family(1, person(1), person(2, "Ani", relationship="head"))))
    assert "baris 2 (Ani) juga ditandai kepala keluarga" in errors["members.1.relationship"]
    errors = by_field(check(local, family(1, person(1, deceased=True), person(
        2, "Ani", sex="P", relationship="spouse"))))
    assert "ditandai meninggal" in errors["members.0.relationship"]


def test_dates_and_required_member_fields(local):
    errors = by_field(check(local, family(1,
        person(1),
        person(2, "Bayi", born=dt.date(2026, 1, 1), relationship="child"),
        person(3, "Buyut", born=dt.date(1890, 1, 1), relationship="parent"),
        replace(person(4, "", relationship="child"), sex=""),
        person(5, "Ali", relationship="child", pregnant=True),
        person(6, "Bu", sex="P", relationship="parent", deceased=True,
               deceased_date=dt.date(1970, 1, 1)),
    )))
    assert "belum lewat" in errors["members.1.birth_date"]
    assert "lebih dari 120 tahun" in errors["members.2.birth_date"]
    assert "nama wajib diisi" in errors["members.3.name"]
    assert "jenis kelamin wajib diisi" in errors["members.3.sex"]
    assert "laki-laki tidak dapat ditandai hamil" in errors["members.4.pregnant"]
    assert "sebelum tanggal lahir" in errors["members.5.deceased_date"]


def test_no_members_is_an_error(local):
    result = check(local, replace(family(1), members=()))
    assert "paling sedikit satu anggota" in by_field(result)["members"]


# --------------------------------------------------------------------------- address, house


def test_address_fields(local):
    errors = by_field(check(local, replace(family(1), kelurahan_code="36.73.01.1999",
                                              rt="1a", rw="", address="  ")))
    assert "36.73.01.1999" in errors["kelurahan_code"]
    assert "1 sampai 3 angka" in errors["rt"] and "RW wajib diisi" in errors["rw"]
    assert "Alamat" in errors["address"]
    assert "tidak boleh 000" in by_field(check(local, replace(family(1), rt="0")))["rt"]


@pytest.mark.parametrize("field,value,fragment", [
    ("floor_area_m2", 0.5, "Luas lantai 0.5 m² tidak masuk akal"),
    ("floor_area_m2", 45000.0, "Luas lantai 45000 m²"),
    ("occupants", 0, "Jumlah penghuni 0 orang"),
    ("occupants", 75, "Jumlah penghuni 75 orang"),
    ("desil", 11, "Desil harus 1 sampai 10"),
    ("roof_material", "kaca", "nilai 'kaca' tidak dikenal"),
])
def test_implausible_house_values(local, field, value, fragment):
    errors = by_field(check(local, replace(family(1), **{field: value})))
    assert fragment in errors[field]


def test_fewer_occupants_than_members_is_a_warning(local):
    result = check(local, replace(family(1), occupants=1, floor_area_m2=36.0))
    assert result.errors == []
    assert "lebih sedikit dari anggota" in by_field(result, v.WARNING)["occupants"]


# --------------------------------------------------------------------------- coordinates


def test_coordinates_must_be_inside_indonesia(local):
    errors = by_field(check(local, replace(family(1), longitude=-6.12, latitude=106.15)))
    assert "luar wilayah Indonesia" in errors["longitude"] and "tertukar" in errors["longitude"]
    errors = by_field(check(local, replace(family(1), longitude=2.35, latitude=48.85)))
    assert "luar wilayah Indonesia" in errors["longitude"]
    errors = by_field(check(local, replace(family(1), longitude=106.15)))
    assert "keduanya" in errors["latitude"]


def test_coordinates_outside_the_declared_kelurahan_warn(local, admin):
    with local.write() as session:
        boundaries.import_geojson(session, admin, needs(KELURAHAN_GEOJSON))
    polygons = {f["properties"]["kode"]: shape(f["geometry"])
                for f in json.loads(KELURAHAN_GEOJSON.read_text())["features"]}
    inside_cipare = polygons[CIPARE].representative_point()
    inside_serang = polygons[SERANG].representative_point()
    result = check(local, replace(family(1), longitude=inside_cipare.x,
                                     latitude=inside_cipare.y))
    assert result.problems == () and result.located.code == CIPARE
    result = check(local, replace(family(1), longitude=inside_serang.x,
                                     latitude=inside_serang.y))
    assert result.errors == []
    warning = by_field(result, v.WARNING)["longitude"]
    assert "Kel. Serang" in warning and "bukan di Kel. Cipare" in warning
    with local.read() as session:
        assert v.locate(session, inside_serang.x, inside_serang.y).name == "Serang"
        assert v.locate(session, 110.0, -7.0) is None  # in Indonesia, far from Serang


def test_parse_coordinate():
    assert v.parse_coordinate("106,1503", "longitude") == (106.1503, None)
    assert v.parse_coordinate(" -6.12 ", "latitude") == (-6.12, None)
    assert v.parse_coordinate("", "latitude") == (None, None)
    value, problem = v.parse_coordinate("106°09'", "longitude")
    assert value is None and "Bujur '106°09'' bukan angka desimal" in problem.message


def test_scope_of_the_actor(local, admin):
    from db.actor import Actor

    kasemen_only = Actor(admin.user_id, "op", frozenset({"operator"}), frozenset({"36.73.02"}))
    errors = by_field(check(local, family(1), actor=kasemen_only))
    assert "di luar wilayah kerja Anda" in errors["kelurahan_code"]


# --------------------------------------------------------------------------- region code file


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kode.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_region_file_problems_name_row_and_column(register, actor, tmp_path):
    path = _write(tmp_path, "kode,nama,tingkat\n36,Banten,provinsi\n36.7x,Kota X,kabupaten_kota\n"
                  "36.73.01,Serang,kabupaten_kota\n36.74,,kabupaten_kota\n")
    with pytest.raises(ValidationFailed) as err, register.write() as session:
        v.import_region_codes(session, actor, path)
    problems = dict(err.value.problems)
    assert "bukan kode wilayah" in problems["baris 3, kolom kode"]
    assert "seharusnya kecamatan" in problems["baris 4, kolom tingkat"]
    assert "kosong" in problems["baris 5, kolom nama"]
    with pytest.raises(ValidationFailed) as err:
        v.read_region_codes(_write(tmp_path, "code,name\n36,Banten\n"))
    assert "kolom kode, nama, tingkat tidak ada" in err.value.message
    with pytest.raises(ValidationFailed) as err:
        v.read_region_codes(_write(tmp_path, "kode,nama,tingkat\n32.04.01,Soreang,kecamatan\n"))
    assert "induk 32.04" in err.value.message


def test_cli_regions_import(database_url, tmp_path, capsys):
    from desktop.cli import main

    path = _write(tmp_path, "kode,nama,tingkat\n36,Banten,provinsi\n36.04,Kabupaten Serang,"
                  "kabupaten_kota\n36.04.01,Cinangka,kecamatan\n")
    assert main(["--database", database_url, "regions", "import", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows"] == 3 and out["changed"] == 3
    bad = _write(tmp_path, "kode,nama,tingkat\n36.04.99.x,Salah,kecamatan\n")
    assert main(["--database", database_url, "regions", "import", str(bad)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines()
              if line.startswith("tepat: galat:")]
    assert len(errors) == 1 and "baris 2, kolom kode" in errors[0]
