"""The view: which Web Mercator rectangle the canvas shows, and at what resolution.

A :class:`MapTransform` is immutable; panning and zooming make a new one. The canvas
keeps the transform each cached layer image was drawn with, so it can show an old image
shifted or scaled until the new one is ready.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

# Web Mercator: the world is 2πR metres wide; tile zoom z has 256·2^z pixels across.
EARTH_RADIUS = 6378137.0
WORLD_WIDTH = 2 * math.pi * EARTH_RADIUS
HALF_WORLD = WORLD_WIDTH / 2
# From a few centimetres per pixel (a house) to the whole of Indonesia on a small screen.
MIN_RESOLUTION = 0.05
MAX_RESOLUTION = 40_000.0

Extent = tuple[float, float, float, float]  # min_x, min_y, max_x, max_y (Web Mercator)


@dataclass(frozen=True)
class MapTransform:
    """Centre (Web Mercator metres), resolution (metres per pixel) and size (pixels)."""

    center_x: float
    center_y: float
    resolution: float
    width: int
    height: int

    # ---------------------------------------------------------------- conversions

    def to_screen(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """World coordinates to pixel coordinates (y grows downwards)."""
        sx = (np.asarray(x) - self.center_x) / self.resolution + self.width / 2
        sy = (self.center_y - np.asarray(y)) / self.resolution + self.height / 2
        return sx, sy

    def to_world(self, px: float, py: float) -> tuple[float, float]:
        """A pixel position to world coordinates."""
        return (
            self.center_x + (px - self.width / 2) * self.resolution,
            self.center_y - (py - self.height / 2) * self.resolution,
        )

    def extent(self) -> Extent:
        half_w = self.width * self.resolution / 2
        half_h = self.height * self.resolution / 2
        return (self.center_x - half_w, self.center_y - half_h,
                self.center_x + half_w, self.center_y + half_h)

    def ground_resolution(self) -> float:
        """Metres on the ground per pixel at the view's centre (Mercator stretches by 1/cos φ)."""
        lat = math.atan(math.sinh(self.center_y / EARTH_RADIUS))
        return self.resolution * math.cos(lat)

    def scale_denominator(self, dpi: float = 96.0) -> float:
        """The ``N`` of the scale 1:N on a screen of ``dpi``."""
        return self.ground_resolution() * dpi / 0.0254

    # ---------------------------------------------------------------- new views

    def resized(self, width: int, height: int) -> MapTransform:
        return replace(self, width=max(1, width), height=max(1, height))

    def panned(self, dx_pixels: float, dy_pixels: float) -> MapTransform:
        """The view moved so the map follows a drag of (dx, dy) pixels."""
        return replace(
            self,
            center_x=self.center_x - dx_pixels * self.resolution,
            center_y=self.center_y + dy_pixels * self.resolution,
        )

    def zoomed(self, factor: float, anchor: tuple[float, float] | None = None) -> MapTransform:
        """Zoom in by ``factor`` (>1 = closer), keeping the world point under ``anchor``
        (pixels) where it is on screen; the centre when no anchor is given."""
        resolution = min(max(self.resolution / factor, MIN_RESOLUTION), MAX_RESOLUTION)
        if anchor is None:
            return replace(self, resolution=resolution)
        ax, ay = anchor
        wx, wy = self.to_world(ax, ay)
        return replace(
            self,
            resolution=resolution,
            center_x=wx - (ax - self.width / 2) * resolution,
            center_y=wy + (ay - self.height / 2) * resolution,
        )

    def fitted(self, extent: Extent, margin: float = 0.05,
               min_resolution: float = 0.5) -> MapTransform:
        """The view showing ``extent`` whole, with ``margin`` (share of the size) around it.

        ``min_resolution`` stops a single point or a tiny selection zooming in to the bricks.
        """
        min_x, min_y, max_x, max_y = extent
        span_x = max(max_x - min_x, 0.0)
        span_y = max(max_y - min_y, 0.0)
        usable_w = max(self.width * (1 - 2 * margin), 1.0)
        usable_h = max(self.height * (1 - 2 * margin), 1.0)
        resolution = max(span_x / usable_w, span_y / usable_h, min_resolution)
        resolution = min(max(resolution, MIN_RESOLUTION), MAX_RESOLUTION)
        return replace(
            self, center_x=(min_x + max_x) / 2, center_y=(min_y + max_y) / 2,
            resolution=resolution,
        )

    def tile_zoom(self, max_zoom: int = 22) -> int:
        """The XYZ tile zoom whose pixels are closest to this view's pixels."""
        z = math.log2(WORLD_WIDTH / (256 * self.resolution))
        return int(min(max(round(z), 0), max_zoom))
