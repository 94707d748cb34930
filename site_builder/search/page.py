"""The search page (``/tim-kiem/``): a form with filters; results come from ``search.js``."""

from __future__ import annotations

from typing import Any

from site_builder.model.fields import KIND_LABELS
from site_builder.site.specs import PageSpec

from .documents import FACETS, TYPE_LABELS
from .index import SearchIndex
from .output import FOLDER

SEARCH_URL = "tim-kiem/"
TITLE = "Tìm kiếm"
DESCRIPTION = ("Tìm điển hình tiên tiến, người được đề nghị khen thưởng, phong trào thi đua và tin tức "
               "theo tên, đơn vị, địa phương, danh hiệu — gõ có dấu hay không dấu đều được.")


def search_page() -> PageSpec:
    """The page spec; its context is filled by :func:`search_context` once the index is built."""
    return PageSpec(SEARCH_URL, "search.html", TITLE, DESCRIPTION, hide=("navigation", "toc"))


def search_context(index: SearchIndex) -> dict[str, Any]:
    """What ``records/search.html`` needs: the filters' choices and where the index is."""
    return {
        "search_folder": FOLDER + "/",
        "search_version": index.version,
        "search_types": list(TYPE_LABELS.items()),
        "search_kinds": list(KIND_LABELS.items()),
        "search_facets": [(key, title, index.facets.get(key, [])) for key, title in FACETS.items()],
    }
