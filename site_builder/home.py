"""What the home page shows: open comment periods first, then the latest stories and news."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .catalogue import Catalogue
from .news import NewsIndex
from .status import batches_in_order, period_status

LATEST_EXEMPLARS = 6
LATEST_NEWS = 4


def home_context(catalogue: Catalogue, news: NewsIndex, now: datetime) -> dict[str, Any]:
    ordered = batches_in_order(list(catalogue.batches.values()), now)
    with_status = [(batch, period_status(batch, now)) for batch in ordered]
    return {
        "open_batches": [(batch, status) for batch, status in with_status if status.code != "closed"],
        "latest_exemplars": catalogue.exemplars_newest_first()[:LATEST_EXEMPLARS],
        "latest_news": news.latest(LATEST_NEWS),
        "totals": {
            "exemplars": len(catalogue.exemplars),
            "campaigns": len(catalogue.campaigns),
            "batches": len(catalogue.batches),
        },
        "build_now": now,
    }
