"""Share cards: valid 8-bit PNG files of 1200×630, the same bytes for the same texts, the
look of the full-colour drawing, and a cache keyed by what a card shows."""

from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from PIL import Image, ImageChops

from site_builder.site import cards
from site_builder.site.sharing import ShareImages

SITE = "Thi đua – Khen thưởng"
EYEBROW = "Điển hình tiên tiến"
TEXTS = [
    ("Nguyễn Thị Hoà", "Chủ nhiệm Hợp tác xã · xã Hải Đông, tỉnh Quảng Ninh"),
    ("Hợp tác xã Nông nghiệp Hải Đông", "Tập thể · xã Hải Đông, tỉnh Quảng Ninh"),
    ("ỄẪẬỘ Trường Trung học cơ sở Nguyễn Văn Trỗi xã Phước Long, huyện Đông Hải, tỉnh Bạc Liêu "
     "và những người bạn đồng hành", "Tập thể · " + "rất dài " * 30),
    ("Ỷ", ""),
]


def one_pass(items, work):
    """``map_chunks`` in one process, as a build run with ``processes: 1`` does."""
    return [work(list(items))] if items else []


def chunks(data: bytes) -> dict[bytes, bytes]:
    found, offset = {}, 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind, body = data[offset + 4:offset + 8], data[offset + 8:offset + 8 + length]
        assert struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])[0] == zlib.crc32(kind + body)
        found[kind] = body
        offset += 12 + length
    return found


@pytest.mark.parametrize(("title", "subtitle"), TEXTS)
def test_a_card_is_a_valid_8_bit_png_of_1200_by_630(title, subtitle):
    data = cards.CardPainter().png(title, subtitle, SITE, EYEBROW)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    parts = chunks(data)
    assert list(parts) == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    raw = zlib.decompress(parts[b"IDAT"])  # checks the stream's Adler-32 as well
    assert len(raw) == 630 * 1201 and raw[::1201] == bytes(630)  # every row, filter "none"
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert (image.size, image.mode) == ((1200, 630), "P")


@pytest.mark.parametrize(("title", "subtitle"), TEXTS)
def test_a_card_looks_like_the_full_colour_drawing(title, subtitle):
    painter = cards.CardPainter()
    ours = Image.open(io.BytesIO(painter.png(title, subtitle, SITE, EYEBROW))).convert("RGB")
    reference = cards.draw_card_rgb(title, subtitle, SITE, EYEBROW, measure=painter.measure)
    difference = ImageChops.difference(ours, reference).convert("L")
    # Glyphs are placed word by word: a few land one pixel aside, nothing else differs.
    assert sum(difference.histogram()[33:]) < 0.01 * 1200 * 630
    small = ImageChops.difference(ours.resize((120, 63), Image.BOX), reference.resize((120, 63), Image.BOX))
    assert max(high for _low, high in small.getextrema()) < 24


def test_the_title_and_its_diacritics_are_drawn():
    image = Image.open(io.BytesIO(cards.CardPainter().png("Nguyễn Thị Hoà", "", SITE, EYEBROW))).convert("L")
    title = image.crop((64, 250, 1136, 326))
    dark = sum(title.point(lambda value: 255 if value < 128 else 0).histogram()[255:])
    assert dark > 3000
    # The stacked marks of "ễ" rise above the "N" (the line's ink starts at its top).
    above_capitals = image.crop((64, 250, 1136, 256))
    assert above_capitals.getextrema()[0] < 128


def test_the_same_texts_give_the_same_bytes():
    painter = cards.CardPainter()
    first = [painter.png(title, subtitle, SITE, EYEBROW) for title, subtitle in TEXTS]
    again = [painter.png(title, subtitle, SITE, EYEBROW) for title, subtitle in reversed(TEXTS)]
    fresh = [cards.CardPainter().png(title, subtitle, SITE, EYEBROW) for title, subtitle in TEXTS]
    assert first == list(reversed(again)) == fresh


def test_adler32_of_pieces_combines_as_zlib_computes_it():
    rng = random.Random(7)
    for _ in range(50):
        first, second = rng.randbytes(rng.randint(0, 3000)), rng.randbytes(rng.randint(0, 200_000))
        combined = cards.adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
        assert combined == zlib.adler32(first + second)


def test_cards_are_cached_by_what_they_show(tmp_path):
    images = ShareImages(tmp_path, SITE, "tep/")
    path = images.card_source("Nguyễn Thị Hoà", "Nông dân · xã Hải Đông", EYEBROW)
    assert images.card_source("Nguyễn Thị Hoà", "Nông dân · xã Hải Đông", EYEBROW) == path
    other = images.card_source("Nguyễn Thị Hòa", "Nông dân · xã Hải Đông", EYEBROW)
    assert other != path
    assert images.card_source("Nguyễn Thị Hoà", "Nông dân · xã Hải Đông", "Lấy ý kiến nhân dân") != path
    assert images.draw_missing(one_pass) == 3
    assert path.read_bytes() == cards.CardPainter().png("Nguyễn Thị Hoà", "Nông dân · xã Hải Đông", SITE, EYEBROW)

    again = ShareImages(tmp_path, SITE, "tep/")  # the next build: found in the cache, not drawn
    assert again.card_source("Nguyễn Thị Hoà", "Nông dân · xã Hải Đông", EYEBROW) == path
    assert again.draw_missing(one_pass) == 0
    assert not list(tmp_path.glob("*.tmp"))


def test_a_cut_title_keeps_the_bracket_that_tells_two_batches_apart():
    """Before: the card of "… năm 2026 (đợt 2)" ended "… năm 2026 …", the same as the card of đợt 1."""
    title = ("Lấy ý kiến nhân dân đối với danh sách đề nghị tặng Huân chương Lao động và Bằng khen của "
             "Thủ tướng Chính phủ năm 2026 (đợt 2)")
    lines = [text.text for text in cards.body(title, "Từ 02/11/2026 đến 16/11/2026")][:3]
    assert len(lines) == 3 and lines[-1].endswith(" … (đợt 2)")
    font = cards._font(True, 60)
    assert all(font.getlength(line) <= cards.WIDTH - 128 for line in lines)
    assert lines[0].startswith("Lấy ý kiến nhân dân")


def test_a_title_that_fits_is_not_touched():
    title = "Lấy ý kiến nhân dân năm 2026 (đợt 2)"
    assert " ".join(text.text for text in cards.body(title, "")) == title
