"""Share-card images (1200×630 PNG) for pages without a photo, in the site's look.

Drawn with Pillow and the DejaVu fonts shipped in ``fonts/`` (they cover
Vietnamese diacritics, so no glyph is lost). Cards are cached by the hash of
what they show, so a rebuild only draws the cards whose text changed.

A card has few colours: three bands, white, and texts each of one colour on
one background. It is written as an 8-bit palette PNG: each text's
anti-aliasing (its coverage, 0–255) becomes one of :data:`LEVELS` shades
between its colour and its background, a ramp of the palette. Most of a card
is the same on every card, so :class:`CardPainter` keeps, for one build:

- each word's mask in each font (names and places repeat: a few hundred words
  make ten thousand cards), pasted where the line puts it;
- the rows above the title (bands, site name, eyebrow) and below the last
  line, already compressed; only the band of rows the title and subtitle
  cover is compressed per card, and the compressed pieces are joined into one
  zlib stream (deflate blocks ended by a flush can follow each other).

About 1 ms of CPU a card instead of 18 ms for the RGB image Pillow encoded
whole (``bench/cards.py`` measures both). :func:`draw_card_rgb` draws the same
layout in full colour the former way; the tests compare the two.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
RED, RED_DARK, GOLD, WHITE = (168, 32, 26), (127, 23, 18), (242, 193, 78), (255, 255, 255)
INK, GREY = (31, 35, 40), (87, 96, 106)
FONTS = Path(__file__).parent / "fonts"
CARD_VERSION = "4"  # bump to redraw every cached card after a design change
LEVELS = 32  # shades of each text's anti-aliasing ramp
COMPRESS_LEVEL = 1  # zlib's fastest; the cards are flat colour, so files stay about 16 KB
Colour = tuple[int, int, int]
Measure = Callable[[str, ImageFont.FreeTypeFont], float]
# The bands: box, colour.
BANDS = (((0, 0, WIDTH, 120), RED), ((0, 120, WIDTH, 132), GOLD), ((0, HEIGHT - 24, WIDTH, HEIGHT), RED_DARK))
BASE = (WHITE, RED, GOLD, RED_DARK)  # the palette's first entries; the ramps follow
# Each text's colour on its background: one ramp of the palette each.
RAMPS = ((WHITE, RED), (RED_DARK, WHITE), (INK, WHITE), (GREY, WHITE))
TEXT_TOP = 250  # where the title starts; the rows above it are the same on every card of a kind


@dataclass(frozen=True)
class Text:
    """One line of a card: where, in which font and colour, on which background."""

    xy: tuple[int, int]
    text: str
    font: ImageFont.FreeTypeFont
    colour: Colour
    background: Colour
    anchor: str


@lru_cache(maxsize=8)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _length(line: str, font: ImageFont.FreeTypeFont, measure: Measure) -> float:
    """A line's width: its words and the spaces between them (no kerning across a space)."""
    words = line.split(" ")
    return sum(measure(word, font) for word in words) + measure(" ", font) * (len(words) - 1)


# A short bracket at the end of a title ("… năm 2026 (đợt 2)") is what tells two records apart.
_TAIL = re.compile(r"\s(\([^()]{1,24}\))$")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int, measure: Measure) -> list[str]:
    """Greedy word wrap; the last line ends with an ellipsis when text is cut, and then with the
    text's closing bracket, if it has a short one, after the ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if _length(trial, font, measure) <= width:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            tail = _TAIL.search(text.strip())
            lines[-1] = _ellipsis(lines[-1], font, width, measure, f" {tail.group(1)}" if tail else "")
            return lines
    if current:
        lines.append(current)
    return lines[:max_lines]


def _ellipsis(line: str, font: ImageFont.FreeTypeFont, width: int, measure: Measure, tail: str = "") -> str:
    while line and _length(line + " …" + tail, font, measure) > width:
        line = line.rsplit(" ", 1)[0] if " " in line else line[:-1]
    return line + " …" + tail


def _plain_length(word: str, font: ImageFont.FreeTypeFont) -> float:
    return font.getlength(word)


def heading(site_name: str, eyebrow: str) -> list[Text]:
    """The texts above the title: the site's name in the red band, the kind of page."""
    return [Text((64, 60), site_name, _font(True, 40), WHITE, RED, "lm"),
            Text((64, 190), eyebrow.upper(), _font(True, 28), RED_DARK, WHITE, "ls")]


def body(title: str, subtitle: str, measure: Measure = _plain_length) -> list[Text]:
    """The title (up to three lines) and subtitle (up to two), each line's ink top at its ``y``."""
    texts = []
    y = TEXT_TOP
    title_font = _font(True, 60)
    for line in _wrap(title, title_font, WIDTH - 128, 3, measure):
        texts.append(Text((64, y), line, title_font, INK, WHITE, "lt"))
        y += 76
    body_font = _font(False, 32)
    for line in _wrap(subtitle, body_font, WIDTH - 128, 2, measure):
        texts.append(Text((64, y + 16), line, body_font, GREY, WHITE, "lt"))
        y += 44
    return texts


def draw_card_rgb(title: str, subtitle: str, site_name: str, eyebrow: str,
                  measure: Measure = _plain_length) -> Image.Image:
    """The same card in full colour, each line drawn whole by Pillow (as cards were drawn before)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    for box, colour in BANDS:
        draw.rectangle(box, fill=colour)
    for text in heading(site_name, eyebrow) + body(title, subtitle, measure):
        draw.text(text.xy, text.text, font=text.font, fill=text.colour, anchor=text.anchor)
    return image


@dataclass(frozen=True)
class _Shape:
    """A word (or line) ready to paste: its shades in the palette, where it covers, its offset."""

    shades: Image.Image
    covered: Image.Image
    left: int
    top: int


@dataclass(frozen=True)
class _Deflated:
    """Rows compressed on their own: deflate blocks, and the Adler-32 and length of what they hold."""

    data: bytes
    adler: int
    length: int


class CardPainter:
    """Draws cards as 8-bit PNG files, keeping what cards share for the length of a build."""

    def __init__(self) -> None:
        self._widths: dict[tuple[int, str], float] = {}
        self._words: dict[tuple[int, str, int], _Shape] = {}
        self._above: dict[tuple[str, str], _Deflated] = {}
        self._below: dict[int, _Deflated] = {}

    def measure(self, word: str, font: ImageFont.FreeTypeFont) -> float:
        key = (id(font), word)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = font.getlength(word)
        return width

    def png(self, title: str, subtitle: str, site_name: str, eyebrow: str) -> bytes:
        """The card's PNG file: the kept rows above and below, the text band compressed here."""
        lines = body(title, subtitle, self.measure)
        placed = [(line, self._words_of(line)) for line in lines]
        bottom = min(HEIGHT, _round_up(max((line.xy[1] + self._depth(words) for line, words in placed),
                                           default=TEXT_TOP)))
        band = _blank_rows(TEXT_TOP, bottom)
        for line, words in placed:
            for x, shape in words:
                band.paste(shape.shades, (x + shape.left, line.xy[1] - TEXT_TOP + self._rise(words) + shape.top),
                           shape.covered)
        middle = _deflate(band.tobytes(), final=False)
        return _png(self._rows_above(site_name, eyebrow), middle, self._rows_below(bottom))

    def _words_of(self, line: Text) -> list[tuple[int, _Shape]]:
        """Each word's shape and where its pen starts."""
        ramp = RAMPS.index((line.colour, line.background))
        found, x = [], float(line.xy[0])
        space = self.measure(" ", line.font)
        for word in line.text.split(" "):
            key = (id(line.font), word, ramp)
            shape = self._words.get(key)
            if shape is None:
                shape = self._words[key] = _shape(word, line.font, ramp, "ls")
            found.append((round(x), shape))
            x += self.measure(word, line.font) + space
        return found

    @staticmethod
    def _rise(words: list[tuple[int, _Shape]]) -> int:
        """From the line's ink top (where ``lt`` puts ``y``) down to its baseline."""
        return -min((shape.top for _x, shape in words), default=0)

    def _depth(self, words: list[tuple[int, _Shape]]) -> int:
        """From the line's ink top to the bottom of its lowest glyph."""
        return self._rise(words) + max((shape.top + shape.covered.height for _x, shape in words), default=0)

    def _rows_above(self, site_name: str, eyebrow: str) -> _Deflated:
        key = (site_name, eyebrow)
        if key not in self._above:
            image = _blank_rows(0, TEXT_TOP)
            for text in heading(site_name, eyebrow):
                shape = _shape(text.text, text.font, RAMPS.index((text.colour, text.background)), text.anchor)
                image.paste(shape.shades, (text.xy[0] + shape.left, text.xy[1] + shape.top), shape.covered)
            self._above[key] = _deflate(image.tobytes(), final=False)
        return self._above[key]

    def _rows_below(self, bottom: int) -> _Deflated:
        if bottom not in self._below:
            self._below[bottom] = _deflate(_blank_rows(bottom, HEIGHT).tobytes(), final=True)
        return self._below[bottom]


def _round_up(row: int) -> int:
    """Band ends on a multiple of 8 rows, so that cards share the rows kept below them."""
    return -(-row // 8) * 8


def _blank_rows(top: int, bottom: int) -> Image.Image:
    """Rows ``top`` to ``bottom`` of a card without text, as palette indices."""
    image = Image.new("L", (WIDTH, bottom - top), BASE.index(WHITE))
    draw = ImageDraw.Draw(image)
    for (left, box_top, right, box_bottom), colour in BANDS:
        if box_bottom >= top and box_top < bottom:  # Pillow's boxes include their last row
            draw.rectangle((left, box_top - top, right, box_bottom - top), fill=BASE.index(colour))
    return image


def _shape(text: str, font: ImageFont.FreeTypeFont, ramp: int, anchor: str) -> _Shape:
    """A text's anti-aliased mask, its coverage mapped to the shades of its ramp."""
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor=anchor)
    return _Shape(mask.point(_ramp_lookup(ramp)), mask.point(_COVERED), left, top)


_COVERED = [0] + [255] * 255  # a pixel any glyph touches takes its ramp's shade


@lru_cache(maxsize=len(RAMPS))
def _ramp_lookup(ramp: int) -> tuple[int, ...]:
    """Coverage (0–255) → palette index; no coverage keeps the background."""
    first = len(BASE) + ramp * LEVELS - 1  # level 1 is the ramp's first entry
    background = BASE.index(RAMPS[ramp][1])
    levels = [round(value * LEVELS / 255) for value in range(256)]
    return tuple(background if level == 0 else first + level for level in levels)


@lru_cache(maxsize=1)
def _palette() -> bytes:
    colours = list(BASE)
    for colour, background in RAMPS:
        colours += [_blend(background, colour, level / LEVELS) for level in range(1, LEVELS + 1)]
    return bytes(channel for colour in colours for channel in colour)


def _blend(background: Colour, colour: Colour, share: float) -> Colour:
    return tuple(round(b + (c - b) * share) for b, c in zip(background, colour))  # type: ignore[return-value]


# --- the PNG file -------------------------------------------------------------------

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KB window, fastest
_ADLER_BASE = 65521


def _deflate(pixels: bytes, final: bool) -> _Deflated:
    """Rows of palette indices as PNG scanlines (filter "none": flat colour gains nothing from
    filters), compressed; a piece that is not the last ends on a byte boundary (a sync flush)."""
    scanlines = b"".join(b"\0" + pixels[start:start + WIDTH] for start in range(0, len(pixels), WIDTH))
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    data = compressor.compress(scanlines) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH)
    return _Deflated(data, zlib.adler32(scanlines), len(scanlines))


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from theirs (zlib's ``adler32_combine``)."""
    remainder = second_length % _ADLER_BASE
    low = ((first & 0xFFFF) + (second & 0xFFFF) - 1) % _ADLER_BASE
    high = ((first >> 16) + (second >> 16) + remainder * (first & 0xFFFF) - remainder) % _ADLER_BASE
    return (high << 16) | low


def _png(*pieces: _Deflated) -> bytes:
    """One 8-bit palette PNG from the compressed pieces of its rows, in order (the last one final)."""
    adler = 1
    for piece in pieces:
        adler = adler32_combine(adler, piece.adler, piece.length)
    stream = _ZLIB_HEADER + b"".join(piece.data for piece in pieces) + struct.pack(">I", adler)
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0)  # 8 bits, palette, no interlace
    return _SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"PLTE", _palette()) + _chunk(b"IDAT", stream) \
        + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# --- cards on disk ----------------------------------------------------------------------

def draw_card(title: str, subtitle: str, site_name: str, eyebrow: str) -> Image.Image:
    """The card as published (a palette image), read back from its PNG."""
    return Image.open(io.BytesIO(CardPainter().png(title, subtitle, site_name, eyebrow)))


@dataclass(frozen=True)
class Card:
    """The texts of one card and the file it is cached as (named by the hash of the texts)."""

    title: str
    subtitle: str
    site_name: str
    eyebrow: str
    path: Path

    def draw(self, painter: CardPainter) -> None:
        """Write the card's file (through a temporary file, so a reader never sees half of it)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_bytes(painter.png(self.title, self.subtitle, self.site_name, self.eyebrow))
        temporary.replace(self.path)


def card(cache_dir: Path, title: str, subtitle: str, site_name: str, eyebrow: str) -> Card:
    """The card for these texts; its file is named by their hash (and the card's design version)."""
    key = hashlib.sha256("\x1f".join((CARD_VERSION, title, subtitle, site_name, eyebrow)).encode()).hexdigest()
    return Card(title, subtitle, site_name, eyebrow, cache_dir / f"{key[:24]}.png")


def card_file(cache_dir: Path, title: str, subtitle: str, site_name: str, eyebrow: str) -> Path:
    """The cached PNG for these texts, drawn on first use."""
    found = card(cache_dir, title, subtitle, site_name, eyebrow)
    if not found.path.exists():
        found.draw(CardPainter())
    return found.path


def draw_cards(cards: list[Card], painter: CardPainter) -> int:
    """Draw each card (a chunk of a build's missing cards); returns how many were drawn."""
    for each in cards:
        each.draw(painter)
    return len(cards)
