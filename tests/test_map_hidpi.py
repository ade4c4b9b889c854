"""The map on a high-density screen (device pixel ratio 2), in a process of its own because
Qt reads ``QT_SCALE_FACTOR`` once, when the application starts.

Layer images are drawn in device pixels: a household's marker must land where the
operator sees it, identify must answer at the logical position of a click, and markers,
outlines and labels must be twice as many device pixels as on an ordinary screen, so they
look the same size instead of half as big."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication
    from tests.test_map_canvas import grid_points, region_shapes
    from widgets.map.canvas import MapCanvas
    from widgets.map.layers import marker_radius

    app = QApplication([])
    canvas = MapCanvas(threaded=False)
    canvas.resize(400, 300)
    canvas.show()
    app.processEvents()
    canvas.set_boundaries(region_shapes())
    canvas.set_households(grid_points(6))
    canvas.households.set_mode("points")
    canvas.zoom_to_full_extent()
    canvas.redraw_now()
    shot = canvas.grab().toImage()
    dpr = canvas.devicePixelRatioF()
    out = {"dpr": dpr, "size": [shot.width(), shot.height()],
           "layer": [canvas._images["households"].image.width(),
                     canvas._images["households"].image.height()]}
    approved = canvas.households.style().categories[0]
    at = canvas.screen_position_of(1)  # id 1 is approved (every third is)
    centre = shot.pixelColor(round(at.x() * dpr), round(at.y() * dpr))
    out["centre_is_approved"] = centre.rgb() == approved.colour.rgb()
    # The marker's width in device pixels along its row, through its centre.
    row, x0 = round(at.y() * dpr), round(at.x() * dpr)
    def inked(x):
        return shot.pixelColor(x, row).rgb() == approved.colour.rgb()
    left = x0
    while left > 0 and inked(left - 1):
        left -= 1
    right = x0
    while right < shot.width() - 1 and inked(right + 1):
        right += 1
    out["marker_device_width"] = right - left + 1
    out["marker_radius_logical"] = marker_radius(canvas.transform())
    out["identified"] = canvas.household_at(at)
    out["identified_off"] = canvas.household_at(QPointF(at.x() + 40, at.y() + 40))
    canvas.shutdown()
    print(json.dumps(out))
""")


def _run(scale: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale,
           "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_markers_land_and_answer_where_the_operator_sees_them_at_twice_the_density():
    normal, dense = _run("1"), _run("2")
    assert normal["dpr"] == 1.0 and dense["dpr"] == 2.0
    # Layers and the widget's picture are drawn in device pixels.
    assert dense["size"] == [800, 600] and dense["layer"] == [800, 600]
    assert normal["size"] == [400, 300] and normal["layer"] == [400, 300]
    for result in (normal, dense):
        assert result["centre_is_approved"]
        assert result["identified"] == 1  # a click at the logical position finds it
        assert result["identified_off"] != 1
    # Same size to the eye: twice as many device pixels across (give or take the
    # outline's pixel on each side).
    assert normal["marker_radius_logical"] == dense["marker_radius_logical"]
    assert abs(dense["marker_device_width"] - 2 * normal["marker_device_width"]) <= 2
