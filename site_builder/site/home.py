"""What the home page shows: open comment periods first, then the latest stories and news."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from site_builder.model.catalogue import Catalogue

from .news import NewsIndex
from .status import batches_in_order, period_status

LATEST_EXEMPLARS = 6
LATEST_NEWS = 4
# Open and upcoming periods shown, open ones closing soonest first; the page of all periods has the rest
# (a national portal may run dozens at once: the home page must not grow with them).
CURRENT_BATCHES = 6


def home_context(catalogue: Catalogue, news: NewsIndex, now: datetime) -> dict[str, Any]:
    ordered = batches_in_order(list(catalogue.batches.values()), now)
    with_status = [(batch, period_status(batch, now)) for batch in ordered]
    current = [(batch, status) for batch, status in with_status if status.code != "closed"]
    return {
        "open_batches": current[:CURRENT_BATCHES],
        "more_batches": max(0, len(current) - CURRENT_BATCHES),
        "latest_exemplars": catalogue.exemplars_newest_first()[:LATEST_EXEMPLARS],
        "latest_news": news.latest(LATEST_NEWS),
        "totals": {
            "exemplars": len(catalogue.exemplars),
            "campaigns": len(catalogue.campaigns),
            "batches": len(catalogue.batches),
        },
        "build_now": now,
    }
