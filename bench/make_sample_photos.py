"""Draw the illustration images used by the sample exemplar records.

The sample records are fictional, so their pictures are drawings, not photos:
flat shapes and gradients, no text. Run from the repository root:

    .venv/bin/python bench/make_sample_photos.py

Every image is 1200x800 JPEG, kept under 60 KB. The output is deterministic.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 800
MAX_BYTES = 60_000
OUTPUT = Path(__file__).resolve().parents[1] / "exemplars" / "photos"

Color = tuple[int, int, int]


# --- drawing helpers ---------------------------------------------------------

def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def vertical_gradient(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], top: Color, bottom: Color) -> None:
    x0, y0, x1, y1 = box
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        draw.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / span))


def ridge(base: float, amplitude: float, waves: list[tuple[float, float]], step: int = 12) -> list[tuple[float, float]]:
    """Points of a wavy line across the image: sum of sines around ``base``."""
    points = []
    for x in range(-step, WIDTH + 2 * step, step):
        y = base + sum(amplitude * weight * math.sin(x / period) for period, weight in waves)
        points.append((x, y))
    return points


def fill_below(draw: ImageDraw.ImageDraw, line: list[tuple[float, float]], color: Color) -> None:
    draw.polygon(line + [(WIDTH + 20, HEIGHT + 20), (-20, HEIGHT + 20)], fill=color)


def band(draw: ImageDraw.ImageDraw, upper: list[tuple[float, float]], lower: list[tuple[float, float]], color: Color) -> None:
    draw.polygon(upper + lower[::-1], fill=color)


def cloud(draw: ImageDraw.ImageDraw, x: int, y: int, size: int, color: Color) -> None:
    for dx, dy, r in ((0, 0, 1.0), (0.9, -0.35, 0.8), (1.7, 0.05, 0.7), (-0.8, 0.15, 0.6)):
        radius = size * r
        cx, cy = x + dx * size, y + dy * size
        draw.ellipse([cx - radius, cy - radius * 0.62, cx + radius, cy + radius * 0.62], fill=color)


def sun(draw: ImageDraw.ImageDraw, x: int, y: int, radius: int, core: Color, glow: Color) -> None:
    for i in range(6, 0, -1):
        r = radius + i * 10
        draw.ellipse([x - r, y - r, x + r, y + r], fill=mix(glow, core, 1 - i / 7))
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=core)


def tree(draw: ImageDraw.ImageDraw, x: int, ground: int, height: int, leaf: Color, trunk: Color = (96, 72, 52)) -> None:
    draw.rectangle([x - height // 18, ground - height // 2, x + height // 18, ground], fill=trunk)
    r = height // 3
    for dx, dy in ((0, -height + r), (-r // 2, -height + r * 1.6), (r // 2, -height + r * 1.6)):
        draw.ellipse([x + dx - r, ground + dy - r, x + dx + r, ground + dy + r], fill=leaf)


def palm(draw: ImageDraw.ImageDraw, x: int, ground: int, height: int, lean: int, leaf: Color) -> None:
    top = (x + lean, ground - height)
    draw.line([(x, ground), top], fill=(110, 84, 60), width=max(6, height // 22))
    for angle in range(0, 360, 45):
        rad = math.radians(angle + 10)
        tip = (top[0] + math.cos(rad) * height * 0.38, top[1] + math.sin(rad) * height * 0.2 + height * 0.06)
        mid = ((top[0] + tip[0]) / 2, (top[1] + tip[1]) / 2 - height * 0.05)
        draw.polygon([top, mid, tip, (mid[0], mid[1] + height * 0.04)], fill=leaf)


def conical_hat(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    draw.polygon([(x - size, y), (x + size, y), (x, y - size * 0.75)], fill=(236, 222, 180))
    draw.line([(x - size, y), (x + size, y)], fill=(190, 170, 120), width=3)


def mountains(draw: ImageDraw.ImageDraw, layers: list[tuple[float, float, Color]], seed: int) -> None:
    rng = random.Random(seed)
    for base, amplitude, color in layers:
        waves = [(rng.uniform(90, 220), rng.uniform(0.4, 1.0)) for _ in range(3)]
        fill_below(draw, ridge(base, amplitude, waves), color)


# --- scenes ------------------------------------------------------------------

def rice_terraces(image: Image.Image) -> None:
    """Ruộng bậc thang lúa chín trên sườn núi, mây trắng, nếp nhà sàn nhỏ."""
    draw = ImageDraw.Draw(image)
    vertical_gradient(draw, (0, 0, WIDTH, 420), (126, 178, 221), (236, 226, 200))
    cloud(draw, 180, 110, 60, (250, 250, 246))
    cloud(draw, 820, 80, 48, (248, 248, 244))
    mountains(draw, [(270, 40, (142, 164, 186)), (320, 34, (112, 140, 150))], seed=3)
    lines = [ridge(340 + i * 34 + i * i * 1.6, 26 - i * 0.8, [(150, 1.0), (71, 0.35)]) for i in range(15)]
    palette = [(214, 172, 48), (226, 188, 62), (198, 160, 44), (176, 170, 58)]
    for i in range(len(lines) - 1):
        band(draw, lines[i], lines[i + 1], palette[i % len(palette)])
        draw.line(lines[i], fill=(132, 116, 52), width=3)
    draw.polygon([(930, 330), (1010, 290), (1090, 330)], fill=(120, 86, 60))
    draw.rectangle([945, 330, 1075, 372], fill=(168, 128, 88))
    for post in (950, 985, 1035, 1070):
        draw.rectangle([post, 372, post + 6, 396], fill=(110, 80, 56))
    draw.rectangle([995, 340, 1020, 366], fill=(92, 64, 44))


def highland_school(image: Image.Image) -> None:
    """Ngôi trường vùng cao mái đỏ, cột cờ, sân trường, núi xanh phía sau."""
    draw = ImageDraw.Draw(image)
    vertical_gradient(draw, (0, 0, WIDTH, 480), (150, 196, 232), (226, 236, 240))
    cloud(draw, 260, 120, 55, (252, 252, 252))
    cloud(draw, 900, 150, 42, (250, 250, 250))
    mountains(draw, [(300, 50, (120, 160, 150)), (390, 40, (86, 138, 104))], seed=7)
    vertical_gradient(draw, (0, 560, WIDTH, HEIGHT), (170, 150, 120), (150, 128, 98))
    draw.polygon([(0, 560), (WIDTH, 560), (WIDTH, 540), (0, 548)], fill=(98, 150, 88))
    draw.rectangle([300, 380, 980, 570], fill=(240, 214, 140))
    draw.polygon([(270, 384), (1010, 384), (940, 320), (340, 320)], fill=(176, 58, 44))
    for x in range(340, 960, 90):
        draw.rectangle([x, 420, x + 50, 470], fill=(120, 170, 200))
        draw.line([(x + 25, 420), (x + 25, 470)], fill=(240, 214, 140), width=3)
    draw.rectangle([610, 480, 670, 570], fill=(150, 96, 60))
    draw.rectangle([300, 500, 980, 506], fill=(210, 180, 110))
    draw.rectangle([150, 330, 157, 620], fill=(200, 200, 204))
    draw.rectangle([157, 334, 237, 384], fill=(214, 40, 40))
    star = [(197 + 16 * math.cos(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.42),
             359 + 16 * math.sin(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.42)) for k in range(10)]
    draw.polygon(star, fill=(252, 222, 60))
    for x in (80, 1080, 1150):
        tree(draw, x, 580, 150, (70, 130, 76))


def clinic(image: Image.Image) -> None:
    """Trạm y tế xã: nhà một tầng sơn trắng, dấu chữ thập xanh, lối đi và hàng cây."""
    draw = ImageDraw.Draw(image)
    vertical_gradient(draw, (0, 0, WIDTH, 500), (168, 208, 236), (236, 242, 240))
    cloud(draw, 900, 110, 58, (252, 252, 252))
    mountains(draw, [(360, 36, (150, 182, 168)), (420, 30, (112, 164, 120))], seed=11)
    vertical_gradient(draw, (0, 520, WIDTH, HEIGHT), (128, 178, 100), (98, 150, 80))
    draw.polygon([(560, 600), (640, 600), (800, HEIGHT), (420, HEIGHT)], fill=(206, 190, 160))
    draw.rectangle([330, 380, 870, 600], fill=(246, 246, 240))
    draw.polygon([(300, 386), (900, 386), (840, 320), (360, 320)], fill=(60, 120, 140))
    draw.rectangle([330, 560, 870, 600], fill=(220, 222, 214))
    for x in (370, 460, 720, 790):
        draw.rectangle([x, 420, x + 50, 480], fill=(150, 196, 214))
    draw.rectangle([560, 460, 640, 600], fill=(120, 160, 170))
    draw.rectangle([578, 404, 622, 416], fill=(40, 160, 90))
    draw.rectangle([594, 388, 606, 432], fill=(40, 160, 90))
    for x in (150, 230, 980, 1070):
        tree(draw, x, 590, 170, (64, 124, 70))


def river_boat(image: Image.Image) -> None:
    """Con thuyền gỗ trên dòng sông lúc chiều, hàng dừa hai bên bờ."""
    draw = ImageDraw.Draw(image)
    vertical_gradient(draw, (0, 0, WIDTH, 430), (244, 190, 130), (250, 226, 180))
    sun(draw, 860, 300, 60, (252, 236, 170), (246, 200, 140))
    draw.polygon([(0, 380), (420, 400), (620, 430), (0, 450)], fill=(92, 128, 82))
    draw.polygon([(WIDTH, 370), (760, 410), (600, 430), (WIDTH, 452)], fill=(80, 118, 74))
    vertical_gradient(draw, (0, 430, WIDTH, HEIGHT), (214, 170, 120), (120, 140, 150))
    for i in range(12):
        y = 470 + i * 26
        draw.line([(820 - i * 30, y), (900 + i * 20, y)], fill=(246, 214, 160), width=3)
    for x, h, lean in ((60, 230, 18), (150, 190, -12), (250, 150, 10), (1110, 220, -16), (1030, 170, 12)):
        base = 430 if x < 600 else 420
        palm(draw, x, base, h, lean, (60, 100, 64))
    hull = [(380, 600), (760, 600), (700, 650), (440, 650)]
    draw.polygon(hull, fill=(120, 76, 46))
    draw.polygon([(380, 600), (760, 600), (748, 612), (392, 612)], fill=(150, 100, 62))
    draw.rectangle([600, 560, 606, 602], fill=(90, 60, 40))
    draw.line([(640, 560), (520, 660)], fill=(90, 60, 40), width=5)
    draw.rectangle([618, 560, 640, 600], fill=(60, 90, 130))
    conical_hat(draw, 629, 560, 26)
    draw.ellipse([390, 650, 750, 672], fill=(150, 130, 120))


def factory(image: Image.Image) -> None:
    """Nhà máy mái răng cưa với tấm pin mặt trời, ống khói tỏa hơi nước, hàng cây xanh."""
    draw = ImageDraw.Draw(image)
    vertical_gradient(draw, (0, 0, WIDTH, 560), (110, 170, 220), (214, 232, 240))
    cloud(draw, 150, 120, 50, (252, 252, 252))
    cloud(draw, 760, 90, 44, (250, 250, 250))
    vertical_gradient(draw, (0, 560, WIDTH, HEIGHT), (150, 160, 150), (120, 128, 120))
    draw.rectangle([0, 600, WIDTH, 640], fill=(96, 150, 92))
    draw.rectangle([860, 200, 910, 560], fill=(196, 196, 200))
    draw.rectangle([860, 240, 910, 256], fill=(200, 70, 60))
    for i, (dx, dy, r) in enumerate(((0, 0, 34), (30, -40, 42), (70, -90, 52), (120, -140, 60))):
        draw.ellipse([885 + dx - r, 180 + dy - r, 885 + dx + r, 180 + dy + r], fill=mix((246, 246, 246), (214, 228, 238), i / 4))
    draw.rectangle([120, 380, 1080, 600], fill=(226, 226, 220))
    for k in range(8):
        x = 120 + k * 120
        draw.polygon([(x, 380), (x + 120, 380), (x + 120, 320)], fill=(66, 92, 140))
        draw.line([(x + 20, 372), (x + 110, 332)], fill=(120, 150, 196), width=4)
    for x in range(160, 1060, 80):
        draw.rectangle([x, 430, x + 44, 480], fill=(120, 160, 196))
    draw.rectangle([540, 500, 660, 600], fill=(110, 118, 130))
    for x in range(40, WIDTH, 110):
        tree(draw, x, 640, 90, (64, 124, 70))


def tea_hills(image: Image.Image) -> None:
    """Đồi chè xanh nhiều luống, cây chè cổ thụ, núi mờ sương phía xa."""
    draw = ImageDraw.Draw(image)
    vertical_gradient(draw, (0, 0, WIDTH, 450), (196, 216, 222), (240, 240, 230))
    mountains(draw, [(250, 38, (176, 196, 200)), (300, 32, (150, 178, 176))], seed=23)
    hills = [(380, 60, (120, 170, 90)), (470, 50, (98, 154, 80)), (580, 44, (80, 138, 70))]
    rng = random.Random(5)
    for base, amplitude, color in hills:
        waves = [(rng.uniform(160, 260), 1.0), (rng.uniform(70, 110), 0.3)]
        top = ridge(base, amplitude, waves)
        fill_below(draw, top, color)
        for row in range(1, 9):
            line = [(x, y + row * 26) for x, y in top]
            draw.line(line, fill=mix(color, (40, 90, 40), 0.35), width=5)
    for x, ground, h in ((180, 470, 190), (1000, 500, 210)):
        draw.rectangle([x - 8, ground - h // 2, x + 8, ground], fill=(92, 70, 50))
        for dx, dy, r in ((0, -h, 70), (-50, -h + 50, 55), (50, -h + 50, 55)):
            draw.ellipse([x + dx - r, ground + dy - r * 0.7, x + dx + r, ground + dy + r * 0.7], fill=(56, 110, 60))


def island_boat(image: Image.Image) -> None:
    """Hòn đảo xanh có ngọn hải đăng, tàu cá vỏ xanh trên biển buổi sáng."""
    draw = ImageDraw.Draw(image)
    vertical_gradient(draw, (0, 0, WIDTH, 430), (120, 180, 230), (220, 236, 246))
    sun(draw, 200, 150, 48, (255, 244, 200), (236, 236, 230))
    cloud(draw, 900, 120, 50, (252, 252, 252))
    draw.polygon([(560, 430), (680, 330), (780, 300), (900, 340), (1060, 430)], fill=(76, 134, 96))
    draw.polygon([(700, 430), (800, 360), (880, 380), (960, 430)], fill=(64, 118, 84))
    draw.rectangle([786, 236, 804, 310], fill=(246, 246, 246))
    draw.rectangle([786, 262, 804, 274], fill=(200, 60, 50))
    draw.polygon([(782, 236), (808, 236), (795, 220)], fill=(200, 60, 50))
    vertical_gradient(draw, (0, 430, WIDTH, HEIGHT), (70, 150, 190), (30, 96, 140))
    rng = random.Random(13)
    for _ in range(40):
        x, y = rng.randint(0, WIDTH), rng.randint(450, HEIGHT)
        draw.line([(x, y), (x + rng.randint(20, 60), y)], fill=(150, 206, 226), width=2)
    draw.polygon([(250, 590), (640, 590), (590, 660), (300, 660)], fill=(30, 110, 170))
    draw.rectangle([250, 584, 640, 600], fill=(220, 60, 50))
    draw.rectangle([420, 520, 540, 586], fill=(244, 244, 236))
    draw.rectangle([440, 536, 470, 560], fill=(110, 160, 196))
    draw.rectangle([490, 536, 520, 560], fill=(110, 160, 196))
    draw.rectangle([340, 440, 346, 586], fill=(110, 80, 60))
    draw.rectangle([346, 444, 396, 474], fill=(214, 40, 40))
    draw.ellipse([250, 660, 640, 684], fill=(40, 90, 126))


def village_house(image: Image.Image) -> None:
    """Căn nhà mới mái ngói đỏ giữa vườn dừa, con đường làng, ruộng lúa phía sau."""
    draw = ImageDraw.Draw(image)
    vertical_gradient(draw, (0, 0, WIDTH, 440), (140, 196, 236), (232, 240, 236))
    cloud(draw, 300, 110, 52, (252, 252, 252))
    vertical_gradient(draw, (0, 420, WIDTH, 560), (150, 196, 96), (120, 176, 84))
    for y in range(430, 560, 16):
        draw.line([(0, y), (WIDTH, y)], fill=(132, 184, 88), width=2)
    vertical_gradient(draw, (0, 560, WIDTH, HEIGHT), (106, 160, 84), (86, 138, 70))
    draw.polygon([(520, 560), (640, 560), (900, HEIGHT), (300, HEIGHT)], fill=(214, 194, 160))
    draw.rectangle([420, 400, 780, 565], fill=(242, 230, 200))
    draw.polygon([(390, 404), (810, 404), (720, 320), (480, 320)], fill=(190, 72, 50))
    draw.rectangle([560, 460, 640, 565], fill=(140, 96, 62))
    draw.rectangle([450, 440, 520, 500], fill=(120, 170, 200))
    draw.rectangle([680, 440, 750, 500], fill=(120, 170, 200))
    draw.rectangle([420, 400, 780, 412], fill=(220, 200, 168))
    for x, h, lean in ((170, 300, 20), (280, 240, -14), (960, 280, -18), (1080, 320, 12)):
        palm(draw, x, 580, h, lean, (58, 110, 62))
    for x in (60, 1160):
        tree(draw, x, 600, 130, (70, 132, 74))


def rice_field(image: Image.Image) -> None:
    """Cánh đồng lúa chín vàng trải tới chân trời, bờ ruộng cỏ xanh, nón lá trên bờ."""
    draw = ImageDraw.Draw(image)
    rng = random.Random(17)
    vertical_gradient(draw, (0, 0, WIDTH, 370), (130, 186, 228), (238, 236, 214))
    cloud(draw, 220, 100, 56, (252, 252, 250))
    cloud(draw, 760, 140, 44, (250, 250, 248))
    x = -20
    while x < WIDTH + 40:
        size = rng.randint(26, 50)
        tree(draw, x, 372, size, (86, 128, 80))
        x += rng.randint(30, 90)
    vertical_gradient(draw, (0, 366, WIDTH, HEIGHT), (226, 196, 84), (200, 152, 40))
    y, thickness, k = 372.0, 6.0, 0
    while y < HEIGHT:
        color = (232, 204, 96) if k % 2 else (214, 172, 58)
        wave = [(px, y + 3 * math.sin(px / 90 + k)) for px in range(-20, WIDTH + 40, 40)]
        draw.line(wave, fill=color, width=max(1, int(thickness * 0.35)))
        y += thickness
        thickness *= 1.16
        k += 1
    dyke = [(380, 372), (396, 372), (820, HEIGHT), (700, HEIGHT)]
    draw.polygon(dyke, fill=(112, 150, 76))
    draw.line([(380, 372), (700, HEIGHT)], fill=(150, 124, 70), width=3)
    draw.line([(396, 372), (820, HEIGHT)], fill=(150, 124, 70), width=3)
    for _ in range(170):
        bx, by = rng.randint(0, WIDTH), rng.randint(690, HEIGHT + 10)
        t = (by - 372) / (HEIGHT - 372)
        if 380 + t * 320 - 30 < bx < 396 + t * 424 + 10:
            continue  # keep the dyke clear
        tip = (bx + rng.randint(6, 22), by - rng.randint(40, 70))
        draw.line([(bx, by), tip], fill=(170, 132, 40), width=2)
        draw.ellipse([tip[0] - 4, tip[1] - 2, tip[0] + 8, tip[1] + 6], fill=(236, 200, 90))
    conical_hat(draw, 640, 610, 40)


SCENES: dict[str, Callable[[Image.Image], None]] = {
    "ruong-bac-thang.jpg": rice_terraces,
    "truong-hoc-vung-cao.jpg": highland_school,
    "tram-y-te.jpg": clinic,
    "thuyen-tren-song.jpg": river_boat,
    "nha-may.jpg": factory,
    "doi-che.jpg": tea_hills,
    "dao-va-tau-ca.jpg": island_boat,
    "nha-dai-doan-ket.jpg": village_house,
    "nguyen-thi-hoa.jpg": rice_field,
}


def save_small(image: Image.Image, path: Path) -> int:
    """Save as JPEG at the best quality that stays under MAX_BYTES."""
    for quality in (85, 80, 75, 70, 65, 60, 50):
        image.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
        size = path.stat().st_size
        if size <= MAX_BYTES:
            return size
    raise SystemExit(f"{path.name} is still larger than {MAX_BYTES} bytes")


def main() -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, scene in SCENES.items():
        image = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
        scene(image)
        size = save_small(image, OUTPUT / name)
        print(f"{name}: {size // 1000} KB")


if __name__ == "__main__":
    main()
