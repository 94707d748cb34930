"""What a page shows when it is shared: title, description, canonical URL, image.

Records with a photo share their first photo, as it is: it shows the person or the
collective, which a drawn card cannot, and costs nothing to make (a crop to the
1.91:1 frame of the platforms could cut off a face; they crop to fit themselves).
The other pages get a card drawn in the site's look (:mod:`site_builder.site.cards`):
:class:`ShareImages` names each card as the pages are made, and draws the ones
missing from the cache all at once, on both cores (:meth:`ShareImages.draw_missing`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from site_builder.model.exemplar import Exemplar

from .cards import Card, CardPainter, card, draw_cards
from .specs import PageSpec

CARDS = "chia-se/"
SITE_CARD = CARDS + "trang-chu.png"


@dataclass(frozen=True)
class Share:
    """The Open Graph / Twitter card of one page (all URLs absolute)."""

    title: str
    description: str
    url: str
    image: str
    image_alt: str


@dataclass(frozen=True)
class ShareImage:
    url: str  # relative to the site root
    alt: str
    source: Path | None = None  # a drawn card to publish; None for a record's own photo


def absolute(site_url: str | None, path: str) -> str:
    return (site_url or "/").rstrip("/") + "/" + path.lstrip("/")


MapChunks = Callable[[Sequence[Card], Callable[[list[Card]], int]], list[Any]]


class ShareImages:
    """Chooses the share image of each page; draws the missing cards (:meth:`draw_missing`)."""

    def __init__(self, cache_dir: Path, site_name: str, files_prefix: str, draw_cards: bool = True):
        self.cache_dir = cache_dir
        self.site_name = site_name
        self.files_prefix = files_prefix
        self.draw_cards = draw_cards
        self.painter = CardPainter()  # what cards share (word shapes, constant rows), for this build
        self._missing: dict[Path, Card] = {}

    def site_card(self) -> ShareImage:
        subtitle = "Gương điển hình tiên tiến · Lấy ý kiến nhân dân"
        source = self.card_source(self.site_name, subtitle, "Cổng thông tin")
        return ShareImage(SITE_CARD, f"{self.site_name}", source)

    def for_spec(self, spec: PageSpec) -> ShareImage | None:
        exemplar = spec.context.get("exemplar")
        if isinstance(exemplar, Exemplar) and exemplar.photos:
            photo = exemplar.photos[0]
            # Percent-encoded: a photo named as a phone names it ("IMG 2034.JPG") has a space.
            return ShareImage(quote(self.files_prefix + photo.file, safe="/"), photo.alt)
        if not self.draw_cards or spec.template not in _EYEBROWS:
            return None
        subtitle = _subtitle(spec)
        source = self.card_source(str(spec.title), subtitle, _EYEBROWS[spec.template])
        return ShareImage(CARDS + spec.url.rstrip("/") + ".png", f"{spec.title} — {subtitle}", source)

    def draw_missing(self, map_chunks: MapChunks) -> int:
        """Draw the cards named so far that the cache lacks, chunk by chunk on both cores
        (``map_chunks``, from the build session); returns how many were drawn."""
        missing = [self._missing[path] for path in sorted(self._missing)]
        self._missing = {}
        return sum(map_chunks(missing, lambda chunk: draw_cards(chunk, self.painter)))

    def card_source(self, title: str, subtitle: str, eyebrow: str) -> Path:
        """The cached card's file, to be drawn by :meth:`draw_missing` if the cache lacks it."""
        found = card(self.cache_dir, title, subtitle, self.site_name, eyebrow)
        if found.path not in self._missing and not found.path.exists():
            self._missing[found.path] = found
        return found.path


_EYEBROWS = {
    "exemplar.html": "Điển hình tiên tiến",
    "campaign.html": "Phong trào thi đua",
    "batch.html": "Lấy ý kiến nhân dân",
}


def _subtitle(spec: PageSpec) -> str:
    exemplar = spec.context.get("exemplar")
    if exemplar is not None:
        return f"{exemplar.kind_label} · {exemplar.place.label()}"
    campaign = spec.context.get("campaign")
    if campaign is not None:
        return f"{campaign.launched_by} · {campaign.period_label}"
    batch = spec.context["batch"]
    return f"{batch.award} · hạn góp ý {batch.closes_at:%d/%m/%Y}"
