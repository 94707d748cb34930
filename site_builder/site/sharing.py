"""What a page shows when it is shared: title, description, canonical URL, image.

Records with a photo share their first photo; the others get a card drawn in the
site's look (:mod:`site_builder.site.cards`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.model.exemplar import Exemplar

from .cards import card_file
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


class ShareImages:
    """Chooses or draws the share image of each page."""

    def __init__(self, cache_dir: Path, site_name: str, files_prefix: str, draw_cards: bool = True):
        self.cache_dir = cache_dir
        self.site_name = site_name
        self.files_prefix = files_prefix
        self.draw_cards = draw_cards

    def site_card(self) -> ShareImage:
        source = card_file(self.cache_dir, self.site_name, "Gương điển hình tiên tiến · Lấy ý kiến nhân dân",
                           self.site_name, "Cổng thông tin")
        return ShareImage(SITE_CARD, f"{self.site_name}", source)

    def for_spec(self, spec: PageSpec) -> ShareImage | None:
        exemplar = spec.context.get("exemplar")
        if isinstance(exemplar, Exemplar) and exemplar.photos:
            photo = exemplar.photos[0]
            return ShareImage(self.files_prefix + photo.file, photo.alt)
        if not self.draw_cards or spec.template not in _EYEBROWS:
            return None
        subtitle = _subtitle(spec)
        source = card_file(self.cache_dir, str(spec.title), subtitle, self.site_name, _EYEBROWS[spec.template])
        return ShareImage(CARDS + spec.url.rstrip("/") + ".png", f"{spec.title} — {subtitle}", source)


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
