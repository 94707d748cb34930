"""Records from YAML files: parsing with line numbers, validation, and every problem at once.

Turns a records folder into a :class:`~site_builder.model.catalogue.Catalogue`
or an :class:`~site_builder.records.errors.ErrorReport` whose lines name the
file, line, column and field. Also guards the public fields against personal
identifiers and checks references between records. Depends on ``model`` only;
work that could run on two cores or come from a cache is handed in by the
caller (a map function, a record cache), never imported from ``build``.
"""
