"""QR codes drawn as vector paths on a reportlab canvas.

segno computes the module matrix; each row's dark runs become one rectangle, and all
rectangles of a code are filled as one path, so a page with a QR code stays small and
fast to draw even when hundreds of pages each carry one.
"""

from __future__ import annotations

import segno
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

QUIET_ZONE = 2  # modules of white border; the page around the code is white anyway


def matrix(payload: str, error: str = "m") -> list[list[bool]]:
    """The dark/light modules of the QR code for ``payload`` (rows, top first)."""
    code = segno.make_qr(payload, error=error, boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix]


def draw(canvas: Canvas, payload: str, x: float, y: float, size: float,
         error: str = "m") -> None:
    """Draw the code for ``payload`` with its lower-left corner at (x, y), ``size`` wide."""
    rows = matrix(payload, error)
    count = len(rows) + 2 * QUIET_ZONE
    module = size / count
    path = canvas.beginPath()
    for r, row in enumerate(rows):
        top = y + size - (r + QUIET_ZONE + 1) * module
        start = None
        for c, dark in enumerate(row + [False]):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                path.rect(x + (start + QUIET_ZONE) * module, top, (c - start) * module, module)
                start = None
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class QrFlowable(Flowable):
    """A square QR code as a platypus flowable."""

    def __init__(self, payload: str, size: float, error: str = "m") -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.error = error
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw(self.canv, self.payload, 0, 0, self.size, self.error)

