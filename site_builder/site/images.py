"""Web sizes of the records' photos: 480, 960 and 1600 px wide, WebP and JPEG, metadata stripped.

Staff commit photos as they come (a 6000-pixel original is fine); readers on a
slow phone download the size their screen needs (``srcset``). Results are
cached by the content of the original, so a rebuild only resizes new photos.
The original stays published for the press kit, without its metadata
(:mod:`.photo_originals`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from PIL import Image, ImageOps

WIDTHS = (480, 960, 1600)
FORMATS = {"webp": ("WEBP", {"quality": 80, "method": 4}),
           "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True})}
PHOTOS = "anh/"
VERSION = "1"  # bump to redo every cached size after a change of settings


@dataclass(frozen=True)
class Variant:
    url: str  # the published file, relative to the site root
    width: int
    height: int
    format: str
    source: Path  # the cached file to publish

    @property
    def href(self) -> str:
        """``url`` for an attribute: percent-encoded, since a photo named as a phone names it
        ("IMG 2034.JPG") has a space, and in ``srcset`` a space ends the address."""
        return quote(self.url, safe="/")


@dataclass(frozen=True)
class PhotoSizes:
    """Every published size of one photo."""

    variants: tuple[Variant, ...]

    def srcset(self, format: str) -> list[tuple[str, int]]:
        return [(variant.href, variant.width) for variant in self.variants if variant.format == format]

    @property
    def default(self) -> Variant:
        """The JPEG closest to 960 px: what a browser without srcset gets."""
        jpegs = [variant for variant in self.variants if variant.format == "jpg"]
        return min(jpegs, key=lambda variant: abs(variant.width - 960))


def photo_sizes(original: Path, relative: str, cache_dir: Path) -> PhotoSizes:
    """Resize ``original`` (published as ``relative``) into the cache, once per content."""
    digest = hashlib.sha256(original.read_bytes() + VERSION.encode()).hexdigest()[:20]
    stem = relative.rsplit(".", 1)[0]
    with Image.open(original) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")  # upright, no alpha, no metadata
    widths = [width for width in WIDTHS if width < image.width] or [image.width]
    if image.width not in widths and image.width < WIDTHS[-1]:
        widths.append(image.width)
    variants = []
    for width in sorted(set(widths)):
        height = round(image.height * width / image.width)
        for extension, (format_name, options) in FORMATS.items():
            cached = cache_dir / f"{digest}-{width}.{extension}"
            if not cached.exists():
                _save(image, (width, height), cached, format_name, options)
            variants.append(Variant(f"{PHOTOS}{stem}-{width}.{extension}", width, height, extension, cached))
    return PhotoSizes(tuple(variants))


def _save(image: Image.Image, size: tuple[int, int], target: Path, format_name: str, options: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    resized = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
    temporary = target.with_name(target.name + ".tmp")
    resized.save(temporary, format_name, **options)  # a new image: no EXIF, no GPS, no ICC comments
    temporary.replace(target)
