"""Share-card images (1200×630 PNG) for pages without a photo, in the site's look.

Drawn with Pillow and the DejaVu fonts shipped in ``data/fonts`` (they cover
Vietnamese diacritics, so no glyph is lost). Cards are cached by the hash of
what they show, so a rebuild only draws the cards whose text changed.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
RED, RED_DARK, GOLD, WHITE = (168, 32, 26), (127, 23, 18), (242, 193, 78), (255, 255, 255)
FONTS = Path(__file__).parent / "fonts"
CARD_VERSION = "2"  # bump to redraw every cached card after a design change


@lru_cache(maxsize=8)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int,
          max_lines: int) -> list[str]:
    """Greedy word wrap; the last line ends with an ellipsis when text is cut."""
    lines: list[str] = []
    current = ""
    words = text.split()
    for index, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            lines[-1] = _ellipsis(draw, lines[-1], font, width)
            return lines
    if current:
        lines.append(current)
    return lines[:max_lines]


def _ellipsis(draw: ImageDraw.ImageDraw, line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    while line and draw.textlength(line + " …", font=font) > width:
        line = line.rsplit(" ", 1)[0] if " " in line else line[:-1]
    return line + " …"


def draw_card(title: str, subtitle: str, site_name: str, eyebrow: str) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 120), fill=RED)
    draw.rectangle((0, 120, WIDTH, 132), fill=GOLD)
    draw.text((64, 60), site_name, font=_font(True, 40), fill=WHITE, anchor="lm")
    draw.text((64, 190), eyebrow.upper(), font=_font(True, 28), fill=RED_DARK, anchor="ls")
    y = 250
    title_font = _font(True, 60)
    for line in _wrap(draw, title, title_font, WIDTH - 128, 3):
        draw.text((64, y), line, font=title_font, fill=(31, 35, 40), anchor="lt")
        y += 76
    body_font = _font(False, 32)
    for line in _wrap(draw, subtitle, body_font, WIDTH - 128, 2):
        draw.text((64, y + 16), line, font=body_font, fill=(87, 96, 106), anchor="lt")
        y += 44
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=RED_DARK)
    return image


def card_file(cache_dir: Path, title: str, subtitle: str, site_name: str, eyebrow: str) -> Path:
    """The cached PNG for these texts, drawn on first use."""
    key = hashlib.sha256("\x1f".join((CARD_VERSION, title, subtitle, site_name, eyebrow)).encode()).hexdigest()
    path = cache_dir / f"{key[:24]}.png"
    if not path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        draw_card(title, subtitle, site_name, eyebrow).save(temporary, "PNG")  # optimize=True triples the time for 4 %
        temporary.replace(path)
    return path
