"""Staff tools for writing records: the ``site-builder`` commands, scaffolds and importers.

``validate``, ``new`` (commented templates to fill in), ``import nominees``
(the board's spreadsheet into a nomination batch) and ``schema``. Built on
``records`` and ``model``; messages name the file, line and field.
"""
