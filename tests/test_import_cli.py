"""``tepat import ...`` and ``tepat export ...`` from the command line."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from desktop.cli import main
from tests.test_import_support import family_rows, person, write_csv, write_xlsx


def test_import_households_prints_counts_and_is_idempotent(database_url, tmp_path, capsys):
    path = write_xlsx(tmp_path / "dtsen.xlsx", family_rows(5, size=2))
    assert main(["--database", database_url, "import", "households", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Dibaca     : 10 baris" in out and "Baru       : 10" in out
    assert main(["--database", database_url, "import", "households", str(path),
                 "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["counts"]
    assert (counts["read"], counts["inserted"], counts["unchanged"]) == (10, 0, 10)


def test_refused_import_exits_1_with_a_report(database_url, tmp_path, capsys):
    rows = family_rows(2, size=2)
    rows[1][0] = "3.67301E+15"
    path = write_csv(tmp_path / "buruk.csv", rows)
    report = tmp_path / "laporan.xlsx"
    code = main(["--database", database_url, "import", "households", str(path),
                 "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Ditolak    : 2" in out and "[Ditolak] baris 3, kolom NIK" in out
    assert "Tidak ada yang diimpor" in out
    sheet = load_workbook(report)["Masalah"]
    found = [row[:3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert (3, "NIK", "3.67301E+15") in found and found[0][:2] == (2, "NO_KK")
    assert main(["--database", database_url, "import", "households", str(path),
                 "--valid-only", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["inserted"] == 2


def test_suggest_mapping_then_use_it(database_url, tmp_path, capsys):
    rows = family_rows(1, size=1)
    header = ["Nomor Induk", "No KK", "Nama", "L/P", "Tempat", "Tgl Lahir", "SHDK", "Kerja",
              "Alamat", "RT", "RW", "Desa", "Desil", "Y", "X"]
    path = write_xlsx(tmp_path / "a.xlsx", rows, header=header)
    mapping_file = tmp_path / "peta.json"
    assert main(["import", "suggest-mapping", str(path), "--out", str(mapping_file)]) == 0
    out = capsys.readouterr().out
    assert "Tidak dipetakan: NIK" in out
    data = json.loads(mapping_file.read_text())
    data["columns"]["nik"] = "Nomor Induk"
    mapping_file.write_text(json.dumps(data))
    assert main(["--database", database_url, "import", "households", str(path),
                 "--mapping", str(mapping_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["inserted"] == 1


def test_reference_lists_and_exports(database_url, tmp_path, capsys):
    coverage = write_xlsx(tmp_path / "pbi.xlsx", [[person(i)["nik"], "PBI APBN"]
                                                  for i in range(4)],
                          header=["NIK", "SEGMEN"])
    assert main(["--database", database_url, "import", "coverage", str(coverage),
                 "--date", "2025-04-17"]) == 0
    assert main(["--database", database_url, "import", "exclusions", str(coverage)]) == 0
    assert main(["--database", database_url, "import", "lists", "--json"]) == 0
    capsys.readouterr()
    assert main(["--database", database_url, "import", "lists", "--json"]) == 0
    lists = json.loads(capsys.readouterr().out)
    assert {(x["kind"], x["rows"], x["active"]) for x in lists} == {
        ("coverage", 4, True), ("exclusion", 4, True)}
    assert main(["--database", database_url, "import", "coverage", str(coverage),
                 "--date", "2025-03-01"]) == 1
    assert "lebih baru dari berkas ini" in capsys.readouterr().err

    path = write_xlsx(tmp_path / "dtsen.xlsx", family_rows(3, size=2))
    assert main(["--database", database_url, "import", "households", str(path)]) == 0
    out = tmp_path / "k.gpkg"
    assert main(["--database", database_url, "export", "gpkg", "--out", str(out),
                 "--desil-max", "2", "--json"]) == 0
    capsys.readouterr()
    assert main(["--database", database_url, "export", "csv", "--what", "members",
                 "--out", str(tmp_path / "m.csv"), "--columns", "nik,name", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["rows"], result["columns"]) == (6, ["nik", "name"])
    assert main(["--database", database_url, "export", "csv", "--out",
                 str(tmp_path / "x.csv"), "--columns", "gaji"]) == 1
    assert "kolom tidak dikenal" in capsys.readouterr().err
