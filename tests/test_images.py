"""Photos are published in web sizes, without metadata, and resized only once."""

from __future__ import annotations

import re
from urllib.parse import unquote

from helpers import EXEMPLAR, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config
from PIL import Image

from site_builder.site.images import photo_sizes


def _photo(path, size, with_exif=True):
    image = Image.new("RGB", size, (200, 160, 40))
    exif = Image.Exif()
    if with_exif:
        exif[0x010F] = "Máy ảnh"  # Make
        exif[0x8825] = {2: (21.0, 1.0, 0.0)}  # GPS latitude: must not be published
    image.save(path, "JPEG", exif=exif)
    return path


def test_large_photo_gets_three_widths_in_two_formats(tmp_path):
    original = _photo(tmp_path / "lon.jpg", (4000, 3000))
    sizes = photo_sizes(original, "photos/lon.jpg", tmp_path / "cache")
    assert sorted({v.width for v in sizes.variants}) == [480, 960, 1600]
    assert sorted({v.format for v in sizes.variants}) == ["jpg", "webp"]
    for variant in sizes.variants:
        assert variant.url == f"anh/photos/lon-{variant.width}.{variant.format}"
        with Image.open(variant.source) as image:
            assert image.size == (variant.width, variant.height) == (variant.width, variant.width * 3 // 4)
            assert not image.getexif(), "metadata must be stripped"
    assert sizes.default.width == 960 and sizes.default.format == "jpg"


def test_small_photo_is_not_enlarged(tmp_path):
    original = _photo(tmp_path / "nho.jpg", (300, 200), with_exif=False)
    sizes = photo_sizes(original, "nho.jpg", tmp_path / "cache")
    assert {(v.width, v.height) for v in sizes.variants} == {(300, 200)}


def test_sizes_are_cached_by_content(tmp_path):
    original = _photo(tmp_path / "a.jpg", (2000, 1000))
    first = photo_sizes(original, "a.jpg", tmp_path / "cache")
    stamps = {v.source: v.source.stat().st_mtime_ns for v in first.variants}
    second = photo_sizes(original, "a.jpg", tmp_path / "cache")
    assert {v.source: v.source.stat().st_mtime_ns for v in second.variants} == stamps
    _photo(original, (2000, 800))  # a new photo under the same name is resized again
    third = photo_sizes(original, "a.jpg", tmp_path / "cache")
    assert {v.source for v in third.variants}.isdisjoint(stamps)


def test_exemplar_pages_use_srcset(sample_site, sample_catalogue):
    exemplar = next(e for e in sample_catalogue.exemplars.values() if e.photos)
    html = (sample_site / f"dien-hinh/{exemplar.id}/index.html").read_text(encoding="utf-8")
    stem = exemplar.photos[0].file.rsplit(".", 1)[0]
    assert f'<source type="image/webp" sizes="(min-width: 61em) 720px, 100vw" srcset="../../anh/{stem}-480.webp 480w' in html
    assert (sample_site / f"anh/{stem}-480.webp").exists()
    assert f'alt="{exemplar.photos[0].alt}"' in html


def test_a_photo_named_as_a_phone_names_it_keeps_every_size_in_srcset(tmp_path):
    """Before: "IMG 2034.JPG" gave ``srcset="…/IMG 2034-480.webp 480w, …"``, which browsers drop
    whole (a space ends an address there), so every screen got the 960 px JPEG."""
    photos = "photos:\n  - file: photos/IMG 2034.JPG\n    alt: Chị Hoà trên cánh đồng\n    credit: \"Ảnh: Báo Nam Định\"\n"
    config = write_site(tmp_path, exemplar=EXEMPLAR + photos)
    (tmp_path / "exemplars/photos").mkdir()
    _photo(tmp_path / "exemplars/photos/IMG 2034.JPG", (2000, 1500))
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    page = tmp_path / "site/dien-hinh/nguyen-thi-hoa/index.html"
    html = page.read_text(encoding="utf-8")

    sets = re.findall(r'srcset="([^"]*)"', html)
    assert len(sets) == 2
    for srcset in sets:
        candidates = [candidate.split() for candidate in srcset.split(", ")]
        assert [descriptor for _url, descriptor in candidates] == ["480w", "960w", "1600w"]
        for url, _descriptor in candidates:
            assert (page.parent / unquote(url)).resolve().is_file(), url
    src = re.search(r'<img src="([^"]+)"', html).group(1)
    assert " " not in src and (page.parent / unquote(src)).resolve().is_file()
    card = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert card.endswith("/tep/photos/IMG%202034.JPG")
