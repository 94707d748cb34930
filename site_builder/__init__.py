"""Static site generator for an emulation and commendation board.

The record model, loading and validation are plain Python (no MkDocs needed);
:mod:`site_builder.plugin` adapts them to MkDocs.
"""

from __future__ import annotations

from .campaign import Campaign
from .catalogue import Catalogue
from .errors import ErrorReport, RecordError, RecordsInvalid
from .exemplar import Exemplar, Honour, Photo
from .loader import check_records, load_records
from .nomination import NominationBatch, Nominee, Outcome

__all__ = [
    "Campaign", "Catalogue", "ErrorReport", "Exemplar", "Honour", "NominationBatch",
    "Nominee", "Outcome", "Photo", "RecordError", "RecordsInvalid", "check_records", "load_records",
]
