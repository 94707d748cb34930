"""What the site publishes, derived from the catalogue: pages, listings, feeds, open data.

Plain Python that knows no site engine: page specs
(:class:`~site_builder.site.specs.PageSpec`) with their template context,
listings and facets, the home page, news, story rendering and sanitising,
structured data, share cards, photo sizes, feeds, open data, redirects and the
JSON Schemas. The engine adapter hands these to MkDocs. Depends on ``model``.
"""
