"""Photos are published in web sizes, without metadata, and resized only once."""

from __future__ import annotations

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
