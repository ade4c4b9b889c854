"""Picking a house's location on the map, for the household form.

The form asks synchronously (``picker(lon, lat) -> (lon, lat) | None``), so the map opens
as a small modal dialog centred on the recorded location (or the whole area), armed with
the pick-location tool; one click answers, Esc or Cancel answers None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from db.spatial import HouseholdPoints, RegionShape, to_web_mercator
from widgets.map.canvas import MapCanvas

# How close the dialog opens on a recorded location: a few houses across.
PICK_RESOLUTION = 1.5  # metres per pixel


class LocationPickerDialog(QDialog):
    """A map that returns the longitude/latitude of one click."""

    def __init__(self, shapes: Sequence[RegionShape], points: HouseholdPoints | None = None,
                 lon: float | None = None, lat: float | None = None,
                 parent: QWidget | None = None, *, threaded: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("locationPickerDialog")
        self.picked: tuple[float, float] | None = None
        self.canvas = MapCanvas(self, threaded=threaded)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(820, 620)
        self.canvas.resize(800, 520)
        self.canvas.set_boundaries(shapes)
        if points is not None:
            self.canvas.set_households(points)
        if lon is not None and lat is not None:
            x, y = to_web_mercator([lon], [lat])
            half_w = self.canvas.width() * PICK_RESOLUTION / 2
            half_h = self.canvas.height() * PICK_RESOLUTION / 2
            self.canvas.zoom_to_extent((x[0] - half_w, y[0] - half_h, x[0] + half_w,
                                        y[0] + half_h), margin=0.0)
        else:
            self.canvas.zoom_to_full_extent()
        self.canvas.locationPicked.connect(self._picked)
        self.canvas.locationProblem.connect(self._problem)
        self.canvas.pickCancelled.connect(self.reject)
        self.canvas.start_pick_location()
        self.canvas.setFocus()
        self.translateUI()

    def _picked(self, lon: float, lat: float) -> None:
        self.picked = (lon, lat)
        self.accept()

    def _problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self.canvas.start_pick_location()

    def done(self, result: int) -> None:
        self.canvas.shutdown()
        super().done(result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.setWindowTitle(self.tr("Pick the location of the house"))
        self.hint.setText(self.tr(
            "Click the front door of the house on the map. Drag to move the map and use the "
            "mouse wheel to zoom; Esc cancels."))


def location_picker(
    shapes: Callable[[], Sequence[RegionShape]],
    points: Callable[[], HouseholdPoints | None],
    parent: Callable[[], QWidget | None],
) -> Callable[[float | None, float | None], tuple[float, float] | None]:
    """A ``LocationPicker`` for :meth:`widgets.household_form.HouseholdForm.set_location_picker`.

    The callables give the boundaries and households current when the operator asks.
    """

    def pick(lon: float | None, lat: float | None) -> tuple[float, float] | None:
        dialog = LocationPickerDialog(shapes(), points(), lon, lat, parent())
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.exec()
        return dialog.picked

    return pick
