"""Importing spreadsheets into the register and the reference lists.

The pipeline, one module per step:

- :mod:`db.imports.reader`: open .xlsx/.xls/.ods (python-calamine) or .csv, choose a sheet,
  find the header row(s) and the data rows.
- :mod:`db.imports.mapping`: which column holds which field, suggested from the headers
  and saved as JSON for the next file of the same shape.
- :mod:`db.imports.normalise`: turn messy cells into the values the register stores,
  or a reason the cell cannot be used.
- :mod:`db.imports.households`: validate, report, and upsert households and members in
  one transaction.
- :mod:`db.imports.reference`: the JKN/PBI coverage, housing-aid and ASN/TNI/Polri lists.
- :mod:`db.imports.report`: counts and problems (row, column, value, reason), and the
  rejected-rows workbook.
- :mod:`db.imports.bulk`: set-based writes (many rows per statement) shared by both.
"""
