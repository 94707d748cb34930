"""Static site generator for an emulation and commendation board.

The layers, each a sub-package, each importing only those listed before it:
``model`` (record types), ``records`` (YAML loading and validation), ``site``
(what is published), ``search``, ``build`` (the speed machinery), ``engine``
(the MkDocs adapter, the only importer of ``mkdocs``), then ``authoring`` (staff
commands) and ``comments`` (the comment service). What is re-exported here is
the public API; ``slugify_for_url`` is named in ``mkdocs.yml`` (the blog's post
addresses), so its path stays stable.
"""

from __future__ import annotations

from site_builder.model.campaign import Campaign
from site_builder.model.catalogue import Catalogue
from site_builder.model.exemplar import Exemplar, Honour, Photo
from site_builder.model.nomination import NominationBatch, Nominee, Outcome
from site_builder.model.text import slugify_for_url
from site_builder.records.errors import ErrorReport, RecordError, RecordsInvalid
from site_builder.records.loader import check_records, load_records

__all__ = [
    "Campaign", "Catalogue", "ErrorReport", "Exemplar", "Honour", "NominationBatch",
    "Nominee", "Outcome", "Photo", "RecordError", "RecordsInvalid", "check_records", "load_records",
    "slugify_for_url",
]
