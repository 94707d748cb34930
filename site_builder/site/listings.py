"""Derived listings of exemplars: by province, sector, award, year, campaign, kind and group.

Pure functions over the catalogue, so they are tested without a build. Each
listing is paginated by :func:`paginate`: no page ever lists thousands of items.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from site_builder.model import urls
from site_builder.model.catalogue import Catalogue
from site_builder.model.exemplar import PRIORITY_LABELS, Exemplar
from site_builder.model.fields import KIND_LABELS
from site_builder.model.text import slugify

# A group's slug is a folder name: file systems refuse names over 255 bytes, and an
# award or a sector may be up to 300 characters long.
MAX_GROUP_SLUG = 80


@dataclass
class Group:
    """One listing: the exemplars sharing a province, a sector, an award…"""

    facet: str
    slug: str
    label: str
    items: list[Exemplar] = field(default_factory=list)
    note: str | None = None

    @property
    def url(self) -> str:
        return f"{urls.EXEMPLARS}{self.facet}/{self.slug}/"


@dataclass(frozen=True)
class Facet:
    """A way to group exemplars, with the page that lists its groups."""

    key: str
    title: str
    heading: str  # e.g. "Tỉnh, thành phố", the name of one group's kind
    group: Callable[[Catalogue], list[Group]]

    @property
    def url(self) -> str:
        return f"{urls.EXEMPLARS}{self.key}/"


def _collect(facet: str, pairs: Iterable[tuple[str, Exemplar]]) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for label, exemplar in pairs:
        slug = group_slug(label)
        group = groups.setdefault(slug, Group(facet, slug, label))
        if not group.items or group.items[-1] is not exemplar:
            group.items.append(exemplar)
    return groups


# A few hundred labels, asked for once per exemplar and facet (70,000 times for 10,000 records).
@lru_cache(maxsize=4096)
def group_slug(label: str) -> str:
    """The label's slug, cut to :data:`MAX_GROUP_SLUG` with a hash that keeps long labels apart.

    A label with no letter or digit (``"…"``) gets a slug made of its hash alone.
    """
    slug = slugify(label)
    if slug and len(slug) <= MAX_GROUP_SLUG:
        return slug
    digest = hashlib.sha1((slug or label).encode("utf-8")).hexdigest()[:8]
    head = slug[:MAX_GROUP_SLUG - len(digest) - 1].rstrip("-")
    return f"{head}-{digest}" if head else digest


def _sorted_groups(groups: dict[str, Group]) -> list[Group]:
    return sorted(groups.values(), key=lambda group: group.slug)


def by_province(catalogue: Catalogue) -> list[Group]:
    """A group per province name used, old or new; a new province also lists its old parts."""
    pairs = []
    for exemplar in catalogue.exemplars_newest_first():
        province = exemplar.place.province_info
        pairs.append((province.name, exemplar))
        if not province.is_current:
            pairs.append((province.current, exemplar))
    groups = _collect("tinh", pairs)
    for group in groups.values():
        group.note = _province_note(group)
    return _sorted_groups(groups)


def _province_note(group: Group) -> str | None:
    names = {exemplar.place.province_info.name for exemplar in group.items}
    first = group.items[0].place.province_info
    if first.slug == group.slug and first.ended:
        return f"Tên tỉnh cũ (đến năm {first.ended}); nay thuộc {first.current}."
    if first.slug == group.slug and not first.is_current:
        return f"Tên đơn vị hành chính trước ngày 01/07/2025; nay thuộc {first.current}."
    former = sorted(name for name in names if name != group.label)
    if former:
        return "Gồm cả các điển hình ghi theo tên tỉnh cũ: " + ", ".join(former) + "."
    return None


def by_sector(catalogue: Catalogue) -> list[Group]:
    return _sorted_groups(_collect("linh-vuc", ((e.sector, e) for e in catalogue.exemplars_newest_first())))


def by_award(catalogue: Catalogue) -> list[Group]:
    """Honours still in force only: a revoked honour no longer counts."""
    pairs = ((honour.award, e) for e in catalogue.exemplars_newest_first() for honour in e.active_honours)
    return _sorted_groups(_collect("danh-hieu", pairs))


def by_year(catalogue: Catalogue) -> list[Group]:
    """By the year of the award decisions (honours in force)."""
    pairs = ((str(honour.year), e) for e in catalogue.exemplars_newest_first() for honour in e.active_honours)
    return sorted(_collect("nam", pairs).values(), key=lambda group: group.slug, reverse=True)


def by_campaign(catalogue: Catalogue) -> list[Group]:
    groups = {}
    for campaign_id, campaign in sorted(catalogue.campaigns.items()):
        items = catalogue.exemplars_of_campaign(campaign_id)
        if items:
            groups[campaign_id] = Group("phong-trao", campaign_id, campaign.name, items)
    return list(groups.values())


def by_kind(catalogue: Catalogue) -> list[Group]:
    groups = {kind: Group("loai", slugify(label), label) for kind, label in KIND_LABELS.items()}
    for exemplar in catalogue.exemplars_newest_first():
        groups[exemplar.kind].items.append(exemplar)
    return [group for group in groups.values() if group.items]


def by_priority_group(catalogue: Catalogue) -> list[Group]:
    groups = {key: Group("nhom-uu-tien", slugify(key), label) for key, label in PRIORITY_LABELS.items()}
    for exemplar in catalogue.exemplars_newest_first():
        for key in exemplar.priority_groups:
            groups[key].items.append(exemplar)
    return [group for group in groups.values() if group.items]


FACETS: tuple[Facet, ...] = (
    Facet("loai", "Theo loại", "Loại", by_kind),
    Facet("tinh", "Theo tỉnh, thành phố", "Tỉnh, thành phố", by_province),
    Facet("linh-vuc", "Theo lĩnh vực", "Lĩnh vực", by_sector),
    Facet("danh-hieu", "Theo danh hiệu, hình thức khen thưởng", "Danh hiệu, hình thức khen thưởng", by_award),
    Facet("nam", "Theo năm khen thưởng", "Năm khen thưởng", by_year),
    Facet("phong-trao", "Theo phong trào thi đua", "Phong trào thi đua", by_campaign),
    Facet("nhom-uu-tien", "Theo đối tượng ưu tiên khen thưởng", "Đối tượng ưu tiên", by_priority_group),
)


@dataclass(frozen=True)
class Pagination:
    """Where one page of a listing stands among its pages."""

    base: str
    number: int
    count: int
    total: int

    @property
    def url(self) -> str:
        return urls.listing(self.base, self.number)

    @property
    def previous_url(self) -> str | None:
        return urls.listing(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return urls.listing(self.base, self.number + 1) if self.number < self.count else None

    def links(self) -> list[tuple[int, str]]:
        """Page numbers to show: the first, the last and two around the current one."""
        shown = sorted({1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)})
        return [(number, urls.listing(self.base, number)) for number in shown]


def paginate(items: list, base: str, per_page: int) -> list[tuple[list, Pagination]]:
    """Split ``items`` into pages of ``per_page`` (at least one page, even when empty)."""
    count = max(1, -(-len(items) // per_page))
    return [
        (items[(number - 1) * per_page: number * per_page], Pagination(base, number, count, len(items)))
        for number in range(1, count + 1)
    ]
