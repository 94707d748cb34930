"""Provinces of Vietnam before and after the reorganisation of 1 July 2025, and the older ones.

A record names its place as it was at the time. Listings by province must work
for old and new names alike, so every old province knows the new one it is part
of (Resolution 202/2025/QH15: 63 provinces and cities became 34). An exemplar
honoured decades ago may name a province that ended earlier (Hà Tây, joined to
Hà Nội in 2008; Hà Nam Ninh, divided in 1992): one whose land lies in a single
province of today is accepted like the others; one divided between provinces of
today is refused with the provinces it became, since the listing could not tell
which of them the place belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .i18n import gettext as _
from .text import did_you_mean, fold, slugify

REORGANISED_ON = "01/07/2025"

# New province (from 1 July 2025) → the provinces before that date it was made of.
MERGERS: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("Hà Nội",),
    "Huế": ("Thừa Thiên Huế",),
    "Lai Châu": ("Lai Châu",),
    "Điện Biên": ("Điện Biên",),
    "Sơn La": ("Sơn La",),
    "Lạng Sơn": ("Lạng Sơn",),
    "Quảng Ninh": ("Quảng Ninh",),
    "Thanh Hóa": ("Thanh Hóa",),
    "Nghệ An": ("Nghệ An",),
    "Hà Tĩnh": ("Hà Tĩnh",),
    "Cao Bằng": ("Cao Bằng",),
    "Tuyên Quang": ("Tuyên Quang", "Hà Giang"),
    "Lào Cai": ("Lào Cai", "Yên Bái"),
    "Thái Nguyên": ("Thái Nguyên", "Bắc Kạn"),
    "Phú Thọ": ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
    "Hưng Yên": ("Hưng Yên", "Thái Bình"),
    "Hải Phòng": ("Hải Phòng", "Hải Dương"),
    "Ninh Bình": ("Ninh Bình", "Hà Nam", "Nam Định"),
    "Quảng Trị": ("Quảng Trị", "Quảng Bình"),
    "Đà Nẵng": ("Đà Nẵng", "Quảng Nam"),
    "Quảng Ngãi": ("Quảng Ngãi", "Kon Tum"),
    "Gia Lai": ("Gia Lai", "Bình Định"),
    "Khánh Hòa": ("Khánh Hòa", "Ninh Thuận"),
    "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
    "Thành phố Hồ Chí Minh": ("Thành phố Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Đồng Nai", "Bình Phước"),
    "Tây Ninh": ("Tây Ninh", "Long An"),
    "Cần Thơ": ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Đồng Tháp", "Tiền Giang"),
    "Cà Mau": ("Cà Mau", "Bạc Liêu"),
    "An Giang": ("An Giang", "Kiên Giang"),
}

# Provinces that ended before 2025, whose land lies in one province of today → (that province, the
# year the name ended).
FORMER: dict[str, tuple[str, int]] = {
    "Hà Tây": ("Hà Nội", 2008),
    "Hà Nam Ninh": ("Ninh Bình", 1992),
    "Nam Hà": ("Ninh Bình", 1997),
    "Vĩnh Phú": ("Phú Thọ", 1997),
    "Hà Bắc": ("Bắc Ninh", 1997),
    "Bắc Thái": ("Thái Nguyên", 1997),
    "Quảng Nam - Đà Nẵng": ("Đà Nẵng", 1997),
    "Minh Hải": ("Cà Mau", 1997),
    "Hoàng Liên Sơn": ("Lào Cai", 1991),
    "Hà Tuyên": ("Tuyên Quang", 1991),
    "Cửu Long": ("Vĩnh Long", 1992),
}

# Provinces that ended before 2025, divided between provinces → (the provinces it became, the year).
DIVIDED: dict[str, tuple[tuple[str, ...], int]] = {
    "Hà Sơn Bình": (("Hà Tây", "Hòa Bình"), 1991),
    "Hải Hưng": (("Hải Dương", "Hưng Yên"), 1997),
    "Sông Bé": (("Bình Dương", "Bình Phước"), 1997),
    "Nghệ Tĩnh": (("Nghệ An", "Hà Tĩnh"), 1991),
    "Bình Trị Thiên": (("Quảng Bình", "Quảng Trị", "Thừa Thiên Huế"), 1989),
    "Nghĩa Bình": (("Quảng Ngãi", "Bình Định"), 1989),
    "Phú Khánh": (("Phú Yên", "Khánh Hòa"), 1989),
    "Gia Lai - Kon Tum": (("Gia Lai", "Kon Tum"), 1991),
    "Thuận Hải": (("Ninh Thuận", "Bình Thuận"), 1992),
    "Cao Lạng": (("Cao Bằng", "Lạng Sơn"), 1978),
}

# Other ways staff commonly write a province name.
ALIASES: dict[str, str] = {
    "TP Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "TP HCM": "Thành phố Hồ Chí Minh",
    "Sài Gòn": "Thành phố Hồ Chí Minh",
    "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Thừa Thiên - Huế": "Thừa Thiên Huế",
    "Đắc Lắc": "Đắk Lắk",
}

_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s+")


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city, old or current."""

    name: str
    current: str  # the province it belongs to from 1 July 2025
    ended: int | None = None  # for a province that ended before 2025: the year it did

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def is_current(self) -> bool:
        return self.name == self.current

    @property
    def current_slug(self) -> str:
        return slugify(self.current)

    @property
    def former_names(self) -> tuple[str, ...]:
        """For a current province: the other provinces merged into it."""
        return tuple(name for name in MERGERS.get(self.name, ()) if name != self.name)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Province]:
    table: dict[str, Province] = {}
    for current, members in MERGERS.items():
        table[_key(current)] = Province(current, current)
        for member in members:
            table.setdefault(_key(member), Province(member, current))
    for former, (current, year) in FORMER.items():
        table[_key(former)] = Province(former, current, year)
    for alias, target in ALIASES.items():
        table[_key(alias)] = table[_key(target)]
    return table


# A few hundred spellings, asked for once per record and listing (tens of thousands of times).
@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    folded = fold(name).replace("-", " ").replace("–", " ")
    return " ".join(_PREFIX.sub("", folded).split())


def all_names() -> list[str]:
    return sorted({province.name for province in _by_key().values()})


# Words that open the name of a unit below a province: the name belongs in another field.
_DISTRICT = re.compile(r"^(huyen|quan|thi xa|thanh pho|tp\.?)\s+")
_COMMUNE = re.compile(r"^(xa|phuong|thi tran|dac khu)\s+")


def find_province(name: str) -> Province:
    """The province called ``name`` (any spelling of tones or prefix), or ValueError."""
    province = _by_key().get(_key(name))
    if province is None:
        raise ValueError(_not_a_province(name))
    return province


def _not_a_province(name: str) -> str:
    """Why ``name`` is no province, pointing a district or commune to its own field."""
    divided = _divided().get(_key(name))
    if divided:
        former, (parts, year) = divided
        return _('"{name}" was divided in {year} into {parts}: write the one the place was in (the '
                 'listings put it under the province it belongs to today)').format(
            name=former, year=year, parts=", ".join(parts))
    folded = fold(name)
    head, _comma, rest = name.rpartition(",")
    if head and _by_key().get(_key(rest)) is not None:
        return _('"{name}" names more than the province: write only "{province}" here and "{rest}" in '
                 'district (before 1 July 2025) or commune').format(
            name=name, province=_by_key()[_key(rest)].name, rest=head.strip())
    if _COMMUNE.match(folded):
        return _('"{name}" is a commune, ward or town, not a province: write it in commune, and the '
                 'province it belongs to here').format(name=name)
    if _DISTRICT.match(folded):
        return _('"{name}" is a district or a city within a province, not a province: write it in '
                 'district (before 1 July 2025), and the province it belongs to here').format(name=name)
    # Only a near miss is suggested: a district's name is no misspelt province ("Tuần Giáo" is not "An Giang").
    hint = did_you_mean(name, all_names(), cutoff=0.85)
    if hint:
        return _('"{name}" is not a province or centrally-run city of Vietnam{suggestion}').format(
            name=name, suggestion=hint)
    return _('"{name}" is not a province or centrally-run city of Vietnam; if it is a district or a '
             'commune, write it in district or commune, and the province it belongs to here').format(name=name)


@lru_cache(maxsize=1)
def _divided() -> dict[str, tuple[str, tuple[tuple[str, ...], int]]]:
    return {_key(name): (name, parts) for name, parts in DIVIDED.items()}


def get_current(name: str) -> Province:
    return _by_key()[_key(name)]
