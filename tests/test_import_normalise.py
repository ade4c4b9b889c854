"""Cell by cell: what spreadsheets do to values, what is repaired and what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from db.errors import MappingInvalid
from db.imports import mapping as M
from db.imports import normalise as N

TODAY = dt.date(2025, 6, 1)


def refused(fn, value, reason: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(N.CellError) as caught:
        fn(value)
    assert reason.lower() in caught.value.reason.lower(), caught.value.reason


def test_text_spaces_apostrophes_placeholders():
    assert N.text("  SITI\u00a0\u00a0AMINAH\u200b ") == "SITI AMINAH"
    assert N.text("'001") == "001"
    assert N.text("\tJL.\nMAWAR ") == "JL. MAWAR"
    for blank in ("", "  ", "-", "--", "N/A", "#N/A", "tidak ada", None):
        assert N.text(blank) is None
    assert N.text(12.0) == "12" and N.text(12.5) == "12.5"
    assert N.person_name("siti  aminah") == "SITI AMINAH"
    refused(N.person_name, 12345.0, "berisi angka")
    refused(N.person_name, "12345", "tidak berisi huruf")


def test_nik_and_kk_that_went_through_a_number_are_refused_never_repaired():
    assert N.nik("3673011204950001") == "3673011204950001"
    assert N.nik("'3673 0112 0495 0001") == "3673011204950001"
    assert N.nik("3673-0112-0495-0001") == "3673011204950001"
    refused(N.nik, 3673011204950000.0, "angka desimal")
    refused(N.nik, 3673011204950001, "tersimpan sebagai angka")
    refused(N.nik, "3.67301E+15", "notasi ilmiah")
    refused(N.nik, "3673011204950001.0", "desimal")
    refused(N.nik, "367301120495000", "harus 16 angka")
    refused(N.nik, "9973011204950001", "provinsi")
    refused(N.nik, "3673011304950000", "0000")
    refused(N.kk, 3673010101150001.0, "angka desimal")
    assert N.kk("3673010101150001") == "3673010101150001"


def test_rt_rw():
    for value in ("1", "01", "001", 1, 1.0, "RT 1", "rt.01", "'001"):
        assert N.rt(value) == "001"
    assert N.rw("RW 12") == "012" and N.rt("000") is None
    refused(N.rt, dt.date(2025, 2, 1), "menjadi tanggal")
    refused(N.rt, "1A", "bukan angka")
    refused(N.rt, 1.5, "bukan bilangan bulat")
    refused(N.rt, "1000", "1-999")
    for value in ("001/002", "1/2", "RT 1 RW 2", "01-02", "1 2"):
        assert N.rt_rw(value) == ("001", "002")
    refused(N.rt_rw, dt.date(2025, 2, 1), "menjadi tanggal")
    refused(N.rt_rw, "satu", "tidak berbentuk")


@pytest.mark.parametrize("value,expected", [
    (dt.date(1995, 4, 12), dt.date(1995, 4, 12)),
    (dt.datetime(1995, 4, 12, 10, 30), dt.date(1995, 4, 12)),
    (34801, dt.date(1995, 4, 12)),  # Excel serial day
    (34801.75, dt.date(1995, 4, 12)),
    ("34801", dt.date(1995, 4, 12)),
    ("12-04-1995", dt.date(1995, 4, 12)),
    ("12/04/1995", dt.date(1995, 4, 12)),
    ("12.04.1995", dt.date(1995, 4, 12)),
    ("12-4-95", dt.date(1995, 4, 12)),
    ("1995-04-12", dt.date(1995, 4, 12)),
    ("1995-04-12 00:00:00", dt.date(1995, 4, 12)),
    ("19950412", dt.date(1995, 4, 12)),
    ("12 April 1995", dt.date(1995, 4, 12)),
    ("12 Agustus 1995", dt.date(1995, 8, 12)),
    ("12-Agt-95", dt.date(1995, 8, 12)),
    ("12 Des 2001", dt.date(2001, 12, 12)),
    ("04/25/1995", dt.date(1995, 4, 25)),  # month-first text from an English export
    ("01-01-20", dt.date(2020, 1, 1)),
    ("01-01-30", dt.date(1930, 1, 1)),  # two-digit years never land in the future
])
def test_dates_in_their_many_forms(value, expected):
    assert N.date(value, today=TODAY) == expected


def test_bad_dates_are_refused():
    refused(lambda v: N.date(v, today=TODAY), "31-02-1990", "tidak ada di kalender")
    refused(lambda v: N.date(v, today=TODAY), "12 Bulan 1990", "tidak dikenal")
    refused(lambda v: N.date(v, today=TODAY), 1995, "hanya berisi tahun")
    refused(lambda v: N.date(v, today=TODAY), "kemarin", "bukan tanggal")
    refused(lambda v: N.birth_date(v, today=TODAY), "02-06-2025", "masa depan")
    refused(lambda v: N.birth_date(v, today=TODAY), "01-01-1890", "sebelum tahun 1900")


def test_numbers_desil_year_and_coordinates():
    assert N.number("1.234,5", "x") == 1234.5 and N.number("-6,12", "x") == -6.12
    for value in (3, 3.0, "3", "Desil 3", "DESIL-3", "3,0"):
        assert N.desil(value) == 3
    refused(N.desil, 0, "1-10")
    refused(N.desil, "tinggi", "bukan angka")
    assert N.year("TA 2019") == 2019 and N.year(2019.0) == 2019
    refused(N.year, "19", "empat angka")
    assert N.coordinate("-6,1201", "Lintang") == -6.1201
    assert N.coordinate("6.1201 LS", "Lintang") == -6.1201
    assert N.coordinate("106,15 BT", "Bujur") == 106.15
    refused(lambda v: N.coordinate(v, "Lintang"), "6°07'12 S", "derajat-menit-detik")
    assert N.coordinates_cell("-6.12, 106.15") == (-6.12, 106.15)
    assert N.coordinates_cell("-6,12; 106,15") == (-6.12, 106.15)
    assert N.position(-6.12, 106.15) == (106.15, -6.12, False)
    assert N.position(106.15, -6.12) == (106.15, -6.12, True)  # swapped columns
    assert N.position(0.0, 0.0) == (None, None, False)
    refused(lambda v: N.position(*v), (-6.12, None), "hanya satu")
    refused(lambda v: N.position(*v), (48.85, 2.35), "di luar Indonesia")


def test_coded_values():
    for value in ("L", "l", "LAKI-LAKI", "Laki laki", "Pria", 1, "1"):
        assert N.sex(value) == "L"
    for value in ("P", "PEREMPUAN", "Wanita", 2.0):
        assert N.sex(value) == "P"
    refused(N.sex, "X", "tidak dikenal")
    assert N.relationship("Kepala Keluarga") == "head"
    assert N.relationship("ANAK KANDUNG") == "child"
    assert N.relationship("Istri") == "spouse" and N.relationship("MERTUA") == "parent_in_law"
    assert N.relationship("ORANG TUA/MERTUA") == "parent"
    assert N.relationship(1) == "head"
    refused(N.relationship, 3, "Dukcapil dan BPS")
    assert N.relationship(3, "dukcapil") == "spouse" and N.relationship(3, "bps") == "child"
    refused(lambda v: N.relationship(v, "bps"), 12, "tidak ada pada skema")
    assert N.marital_status("Kawin Tercatat") == "married"
    assert N.marital_status("CERAI MATI") == "widowed"
    assert N.education("TAMAT SD/SEDERAJAT") == "sd"
    assert N.education("SLTA/SEDERAJAT") == "sma"
    assert N.education("DIPLOMA IV/STRATA I") == "bachelor"
    assert N.education("STRATA III") == "postgraduate"
    assert N.education("BELUM TAMAT SD/SEDERAJAT") == "not_finished_sd"
    assert N.occupation("BURUH HARIAN LEPAS") == "laborer"
    assert N.occupation("Buruh Tani/Perkebunan") == "farm_laborer"
    assert N.occupation("PNS") == "civil_servant" and N.occupation("POLRI") == "police"
    assert N.occupation("KARYAWAN HONORER") == "honorary_staff"
    with pytest.raises(N.Unrecognised):
        N.occupation("ASTRONOT")
    assert N.jkn_segment("PBPU Pemda") == "pbi_apbd" and N.jkn_segment("PBI JK") == "pbi_apbn"
    assert N.jkn_segment("Mandiri") == "pbpu" and N.apparatus("Anggota TNI AD") == "tni"
    assert N.apply_value_map("lk", {"LK": "L"}) == "L"


def test_kelurahan_by_name_within_the_kecamatan():
    resolver = N.RegionResolver(
        {"36.73.01.1002": ("Cipare", "36.73.01"), "36.73.01.1008": ("Sukawana", "36.73.01"),
         "36.73.01.1009": ("Lontarbaru", "36.73.01"),
         "36.73.04.1007": ("Sukawana", "36.73.04"), "36.73.04.1001": ("Curug", "36.73.04"),
         "36.73.05.1001": ("Karundang", "36.73.05"), "36.73.05.1002": ("Karangdang",
                                                                      "36.73.05")},
        {"36.73.01": "Serang", "36.73.04": "Curug", "36.73.05": "Cipocok Jaya"}, "36.73.01")
    assert resolver.kelurahan_name("cipare").code == "36.73.01.1002"
    assert resolver.kelurahan_name("KEL. CIPARE").code == "36.73.01.1002"
    assert resolver.kelurahan_name("Lontar Baru").code == "36.73.01.1009"
    assert resolver.kelurahan_name("3673011002").code == "36.73.01.1002"
    assert resolver.kelurahan_name("Sukawana").code == "36.73.01.1008"
    assert resolver.kelurahan_name("Sukawana", resolver.kecamatan("Curug")).code == (
        "36.73.04.1007")
    loose = resolver.kelurahan_name("Cipareh")
    assert loose.code == "36.73.01.1002" and "dicocokkan" in loose.note
    refused(lambda v: resolver.kelurahan_name(v, "36.73.05"), "Karungdang", "ambigu")
    refused(resolver.kelurahan_name, "Curug", "Kecamatan Curug")
    refused(resolver.kelurahan_name, "Atlantis", "tidak dikenal")
    refused(resolver.kecamatan, "Mars", "tidak dikenal")


def test_header_suggestions_for_common_indonesian_headers():
    labels = ["No", "No. KK", "N I K", "Nama Lengkap", "Jenis Kelamin (L/P)", "Tmp. Lahir",
              "Tgl. Lahir", "SHDK", "Pekerjaan", "Alamat", "RT/RW", "Desa/Kelurahan", "Kec.",
              "Desil", "Lat", "Long"]
    mapping = M.suggest(labels)
    assert mapping.columns == {
        "nik": "N I K", "no_kk": "No. KK", "name": "Nama Lengkap", "sex": "Jenis Kelamin (L/P)",
        "birth_place": "Tmp. Lahir", "birth_date": "Tgl. Lahir", "relationship": "SHDK",
        "occupation": "Pekerjaan", "address": "Alamat", "rt_rw": "RT/RW",
        "kelurahan": "Desa/Kelurahan", "kecamatan": "Kec.", "desil": "Desil",
        "latitude": "Lat", "longitude": "Long"}
    assert M.suggest(["NIK KEPALA KELUARGA", "NIK"]).columns == {"nik": "NIK"}
    assert M.suggest(["NAMA IBU KANDUNG"]).columns == {}
    assert M.suggest(["NIK", "SEGMEN PESERTA"], "coverage").columns == {
        "nik": "NIK", "segment": "SEGMEN PESERTA"}


def test_mapping_json_round_trip_and_refusals(tmp_path):
    mapping = M.Mapping(columns={"nik": "NIK", "no_kk": "No. KK"}, relationship_codes="bps",
                        values={"sex": {"LK": "L"}})
    mapping.save(tmp_path / "m.json")
    loaded = M.Mapping.load(tmp_path / "m.json")
    assert loaded == mapping
    assert loaded.resolve(["NO_KK", "NIK"]) == {"nik": 1, "no_kk": 0}
    with pytest.raises(MappingInvalid, match="'No. KK'") as caught:
        loaded.resolve(["NIK", "NAMA"])
    assert "NIK, NAMA" in caught.value.hint
    (tmp_path / "bad.json").write_text('{"format": "lain"}')
    with pytest.raises(MappingInvalid, match="bukan berkas pemetaan"):
        M.Mapping.load(tmp_path / "bad.json")
    (tmp_path / "bad2.json").write_text('{"format": "tepat-import-mapping", "version": 1, '
                                        '"columns": {"gaji": "GAJI"}}')
    with pytest.raises(MappingInvalid, match="bidang tidak dikenal: gaji"):
        M.Mapping.load(tmp_path / "bad2.json")
    (tmp_path / "bad3.json").write_text("{bukan json")
    with pytest.raises(MappingInvalid, match="tidak dapat dibaca sebagai JSON"):
        M.Mapping.load(tmp_path / "bad3.json")
    with pytest.raises(MappingInvalid, match="Tidak ada kolom NIK di lembar 'Data'"):
        M.Mapping(columns={"name": "NAMA"}).require(["NAMA"], sheet="Data")
