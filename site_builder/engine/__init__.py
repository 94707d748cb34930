"""The MkDocs adapter: the only package that imports ``mkdocs``.

:mod:`~site_builder.engine.plugin` holds the hooks, each a short sequence of
calls into ``records``, ``site``, ``search`` and ``build``;
:mod:`~site_builder.engine.direct_pages` renders the generated pages outside
the MkDocs page pipeline, with the same templates and context. Moving to
another engine means writing another adapter here, not touching the layers below.
"""
