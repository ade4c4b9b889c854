"""The map: a Web Mercator canvas of boundaries, households and an optional basemap.

:class:`MapView` is the whole map screen (canvas, toolbar, layer panel, card);
:class:`MapCanvas` is the drawing surface alone. See ``canvas.py`` for how it stays
responsive with 200,000 households.
"""

from widgets.map.canvas import MapCanvas
from widgets.map.view import MapView

__all__ = ["MapCanvas", "MapView"]
