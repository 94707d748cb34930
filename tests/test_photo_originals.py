"""The press kit's full-size photos are published without their metadata (GPS, camera, owner)."""

from __future__ import annotations

import io

from helpers import EXEMPLAR, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config
from PIL import Image, ImageChops, PngImagePlugin

from site_builder.site.photo_originals import without_metadata

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ARTIST = 0x013B


def _picture(size=(64, 48)) -> Image.Image:
    image = Image.new("RGB", size, (200, 160, 40))
    for x in range(0, size[0], 8):
        image.putpixel((x, x % size[1]), (10, 20, 30))
    return image


def _jpeg_from_a_phone(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[ARTIST] = "Nguyễn Văn Chủ Máy"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (20.0, 25.0, 12.5), 3: "E", 4: (106.0, 10.0, 3.25)})
    buffer = io.BytesIO()
    _picture().save(buffer, "JPEG", exif=exif, comment=b"Nha rieng, xom 3", icc_profile=b"\0" * 128)
    return buffer.getvalue()


def _opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_jpeg_loses_its_exif_gps_and_comment_and_keeps_every_pixel():
    original = _jpeg_from_a_phone()
    assert _opened(original).getexif().get_ifd(GPS_IFD)

    cleaned = without_metadata(original)

    image = _opened(cleaned)
    assert not image.getexif() and "comment" not in image.info
    assert b"Exif" not in cleaned and b"Nha rieng" not in cleaned
    assert image.info.get("icc_profile") == b"\0" * 128  # colour is not personal: kept
    assert ImageChops.difference(image.convert("RGB"), _opened(original).convert("RGB")).getbbox() is None


def test_a_jpeg_held_upright_is_turned_then_cleaned():
    cleaned = _opened(without_metadata(_jpeg_from_a_phone(orientation=6)))  # 90° clockwise to show

    assert cleaned.size == (48, 64) and not cleaned.getexif()


def test_a_png_loses_its_text_chunks_and_keeps_every_pixel():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Nguyễn Văn Chủ Máy")
    info.add_itxt("Location", "Xóm 3, xã Hải Đông")
    buffer = io.BytesIO()
    _picture().save(buffer, "PNG", pnginfo=info)

    cleaned = without_metadata(buffer.getvalue())

    assert b"tEXt" not in cleaned and b"iTXt" not in cleaned and "Author" not in _opened(cleaned).info
    assert ImageChops.difference(_opened(cleaned).convert("RGB"), _picture()).getbbox() is None


def test_the_published_original_carries_no_gps(tmp_path):
    photos = "photos:\n  - file: photos/hoa.jpg\n    alt: Chị Hoà trên cánh đồng\n    credit: \"Ảnh: Báo Nam Định\"\n"
    config = write_site(tmp_path, exemplar=EXEMPLAR + photos)
    (tmp_path / "exemplars/photos").mkdir()
    (tmp_path / "exemplars/photos/hoa.jpg").write_bytes(_jpeg_from_a_phone())
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))

    published = (tmp_path / "site/tep/photos/hoa.jpg").read_bytes()
    assert not _opened(published).getexif() and b"Nha rieng" not in published
    assert (tmp_path / "exemplars/photos/hoa.jpg").read_bytes() == _jpeg_from_a_phone()  # the record's file untouched
    page = (tmp_path / "site/dien-hinh/nguyen-thi-hoa/index.html").read_text(encoding="utf-8")
    assert "tep/photos/hoa.jpg" in page  # the press kit still offers it
