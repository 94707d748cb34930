"""A photo a record names must be there and be a real image (web sizes are made from it)."""

from __future__ import annotations

import io

from helpers import EXEMPLAR, write_records
from PIL import Image

from site_builder.records.loader import check_records

PHOTOS = """\
photos:
  - file: photos/that.jpg
    alt: Chị Hoà trên cánh đồng
    credit: "Ảnh: Báo Nam Định"
  - file: photos/ghi-chu.jpg
    alt: Chị Hoà trên cánh đồng
    credit: "Ảnh: Báo Nam Định"
  - file: photos/hong.png
    alt: Chị Hoà trên cánh đồng
    credit: "Ảnh: Báo Nam Định"
  - file: photos/khong-co.jpg
    alt: Chị Hoà trên cánh đồng
    credit: "Ảnh: Báo Nam Định"
"""


def _image(kind: str, size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 160, 40)).save(buffer, kind)
    return buffer.getvalue()


def test_photos_must_exist_and_be_real_images(tmp_path, monkeypatch):
    records = write_records(tmp_path, exemplar=EXEMPLAR + PHOTOS)
    photos = records / "photos"
    photos.mkdir()
    (photos / "that.jpg").write_bytes(_image("JPEG"))
    (photos / "ghi-chu.jpg").write_text("Ảnh sẽ gửi sau", encoding="utf-8")
    png = _image("PNG")
    damaged = png.find(b"IDAT") + 8  # a byte of the pixel data: the chunk's checksum no longer matches
    (photos / "hong.png").write_bytes(png[:damaged] + bytes([png[damaged] ^ 0xFF]) + png[damaged + 1:])
    monkeypatch.chdir(tmp_path)
    _catalogue, report = check_records(records.relative_to(tmp_path))
    assert [str(error) for error in report.sorted()] == [
        'exemplars/ca-nhan/nguyen-thi-hoa.yml:28:11: photos[1].file: the file "photos/ghi-chu.jpg" cannot be read '
        "as an image (not an image file); save it again as JPEG or PNG",
        'exemplars/ca-nhan/nguyen-thi-hoa.yml:31:11: photos[2].file: the file "photos/hong.png" cannot be read '
        "as an image (damaged: broken PNG file (bad header checksum in b'IDAT')); save it again as JPEG or PNG",
        'exemplars/ca-nhan/nguyen-thi-hoa.yml:34:11: photos[3].file: the file "photos/khong-co.jpg" is not in the '
        "records folder",
    ]


def test_a_very_large_original_is_fine(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # a 64×48 photo now counts as huge
    records = write_records(tmp_path, exemplar=EXEMPLAR + PHOTOS.split("  - file: photos/ghi-chu.jpg")[0])
    (records / "photos").mkdir()
    (records / "photos/that.jpg").write_bytes(_image("JPEG"))
    _catalogue, report = check_records(records)
    assert not report, report.render()
