"""Static search for Vietnamese: diacritic-insensitive, exact spelling ranked first, light at scale.

Plain Python (no MkDocs): :func:`collect_documents` turns the records and news
into documents, :func:`build_index` turns them into static files,
:func:`write_index` puts them in the built site, and :func:`search` runs a query
on those files exactly as ``theme/assets/javascripts/search.js`` does.
"""

from __future__ import annotations

from .documents import (
    FACETS,
    TYPE_LABELS,
    NewsEntry,
    SearchDoc,
    collect_documents,
)
from .index import FacetValue, SearchIndex, build_index
from .output import FOLDER, write_index
from .page import SEARCH_URL, search_page
from .query import Results, StaticIndex, search
from .tokens import Token, exact_word, fold_word, has_marks, tokenise

__all__ = [
    "FACETS", "FOLDER", "SEARCH_URL", "TYPE_LABELS", "FacetValue", "NewsEntry", "Results", "SearchDoc",
    "SearchIndex", "StaticIndex", "Token", "build_index", "collect_documents", "exact_word", "fold_word",
    "has_marks", "search", "search_page", "tokenise", "write_index",
]
