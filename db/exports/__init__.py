"""Exports of the register and of proposals: .xlsx, CSV, GeoJSON, KML and GeoPackage.

- :mod:`db.exports.columns`: the columns an export may carry, and the rows behind them,
  filtered by region, desil, program, period and state within the user's scope.
- :mod:`db.exports.tables`: register extracts and proposal lists as .xlsx or CSV; the
  proposal list follows a configurable by-name-by-address (BNBA) column template.
- :mod:`db.exports.gis`: households and proposals as point layers in GeoJSON, KML and
  GeoPackage (written with sqlite3 alone; no GDAL needed).
- :mod:`db.exports.xlsx`: cell helpers that keep text as text in Excel.

Every export checks the user's role, carries only the columns asked for, and appends one
audit event (action ``export``) naming the file, the columns and the row count.
"""
