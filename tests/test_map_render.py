"""Headless map rendering and the map commands: ``tepat map render`` writes a PNG of the
requested size with title, legend and scale bar (offscreen, no window system), zooms to a
kelurahan, refuses bad arguments with one clear line; ``tepat check spatial`` finds the
demo register's planted wrong-kelurahan household."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from db import boundaries, demo
from db.actor import demo_admin
from db.engine import Database, sqlite_url
from desktop.cli import main
from widgets.map.export import render_region_map
from widgets.map.styles import DESIL_COLOURS

REPO = Path(__file__).resolve().parents[1]
WILAYAH = REPO.parent / "shared" / "data" / "wilayah"
KELURAHAN_FILE = WILAYAH / "36.73-kota-serang-kelurahan.geojson"
needs_shared_data = pytest.mark.skipif(
    not KELURAHAN_FILE.exists(),
    reason=f"{WILAYAH} is absent: the real Kota Serang boundaries live in ../shared/data",
)


def _count(image: QImage, colour: QColor, tolerance: int = 0) -> int:
    """Pixels of ``colour`` in the image (numpy over the raw bytes)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    raw = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, : image.width() * 4]
    b, g, r = raw[:, 0::4].astype(int), raw[:, 1::4].astype(int), raw[:, 2::4].astype(int)
    close = ((abs(r - colour.red()) <= tolerance) & (abs(g - colour.green()) <= tolerance)
             & (abs(b - colour.blue()) <= tolerance))
    return int(close.sum())


DemoDatabase = tuple[Database, str]
Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def demo_database(tmp_path: Path, sqlite_database: Database) -> tuple[Database, str]:
    """A SQLite register with demo households (and real boundaries when available)."""
    with sqlite_database.read() as session:
        actor = demo_admin(session)
    if KELURAHAN_FILE.exists():
        with sqlite_database.write() as session:
            boundaries.import_geojson(session, actor, KELURAHAN_FILE)
    summary = demo.generate(sqlite_database, actor, 600, seed=5)
    assert summary.households == 600
    url = sqlite_database.url.render_as_string(hide_password=False)
    return sqlite_database, url


def test_render_writes_a_png_of_the_requested_size(
    demo_database: DemoDatabase, tmp_path: Path, capsys: Capsys, qapp: QApplication
) -> None:
    _database, url = demo_database
    out = tmp_path / "peta.png"
    assert main(["--database", url, "map", "render", "--out", str(out), "--width", "900",
                 "--height", "640", "--style", "desil", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["width"] == 900 and report["height"] == 640 and report["households"] == 600
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 640)
    # Households in their desil colours, and a title in dark text at the top.
    painted = sum(_count(image, QColor(c)) for c in DESIL_COLOURS)
    assert painted > 600
    title_band = image.copy(0, 0, 400, 30)
    assert _count(title_band, QColor(20, 20, 20), tolerance=40) > 20


def test_render_zooms_to_a_kelurahan_and_outlines_it(
    demo_database: DemoDatabase, tmp_path: Path, capsys: Capsys, qapp: QApplication
) -> None:
    _database, url = demo_database
    out = tmp_path / "kelurahan.png"
    assert main(["--database", url, "map", "render", "--out", str(out), "--kelurahan",
                 "36.73.01.1002", "--width", "700", "--height", "500", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Peta keluarga: Cipare"
    image = QImage(str(out))
    assert _count(image, QColor(0, 102, 204), tolerance=25) > 200  # the outline


def test_render_refuses_bad_arguments_in_one_line(
    demo_database: DemoDatabase, tmp_path: Path, capsys: Capsys, qapp: QApplication
) -> None:
    _database, url = demo_database
    assert main(["--database", url, "map", "render", "--out", str(tmp_path / "a.png"),
                 "--kelurahan", "36.73.09.9999"]) == 1
    # One error line (after the demo-mode notice every command prints without users).
    err = [line for line in capsys.readouterr().err.splitlines() if "galat" in line]
    assert len(err) == 1 and "36.73.09.9999 tidak dikenal" in err[0]
    assert main(["--database", url, "map", "render", "--out", str(tmp_path / "a.jpg"),
                 "--width", "50"]) == 1
    err = capsys.readouterr().err
    assert "--width: harus antara 200 dan 10000 piksel" in err and "harus berakhiran .png" in err
    with pytest.raises(SystemExit):
        main(["--database", url, "map", "render", "--out", "x.png", "--style", "warna"])


def test_render_of_an_empty_register_says_what_is_missing(
    tmp_path: Path, capsys: Capsys, qapp: QApplication
) -> None:
    url = sqlite_url(tmp_path / "kosong.sqlite3")
    assert main(["--database", url, "map", "render", "--out", str(tmp_path / "a.png")]) == 1
    assert "Belum ada batas wilayah maupun keluarga" in capsys.readouterr().err
    assert not (tmp_path / "a.png").exists()


def test_render_runs_headless_in_a_fresh_process(
    demo_database: DemoDatabase, tmp_path: Path
) -> None:
    _database, url = demo_database
    out = tmp_path / "tanpa-layar.png"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "map", "render", "--out",
         str(out), "--width", "400", "--height", "300"],
        check=False, cwd=REPO, capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Peta disimpan" in result.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (400, 300)


def test_check_spatial_finds_the_planted_household(
    demo_database: DemoDatabase, capsys: Capsys
) -> None:
    _database, url = demo_database
    assert main(["--database", url, "check", "spatial", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    wrong = [f for f in report["findings"] if f["kind"] == "wrong_kelurahan"]
    assert len(wrong) == 1
    assert report["counts"]["wrong_kelurahan"] == 1
    assert report["crs"] == "EPSG:32748" and report["checked"] == 600
    assert main(["--database", url, "check", "spatial"]) == 0
    text = capsys.readouterr().out
    assert "Di luar kelurahan yang tercatat : 1" in text
    assert wrong[0]["no_kk"] in text


def test_render_region_map_draws_legend_and_scale_bar_without_a_database(
    qapp: QApplication
) -> None:
    from tests.test_map_canvas import grid_points, region_shapes

    image = render_region_map(region_shapes(), grid_points(), width=640, height=480,
                              title="Uji", subtitle="tanpa basis data", attribute="desil")
    assert (image.width(), image.height()) == (640, 480)
    # The legend box sits top right in white; the scale bar's dark half bottom left.
    assert _count(image.copy(440, 60, 190, 120), QColor(255, 255, 255), tolerance=10) > 2000
    assert _count(image.copy(0, 430, 200, 50), QColor(40, 40, 40), tolerance=10) > 50
    with pytest.raises(ValueError):
        render_region_map(region_shapes(), grid_points(), width=640, height=480,
                          title="Uji", region="36.73.02.1001")
