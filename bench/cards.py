"""Cost of one share card, as the build draws it and as it was drawn before, in the same run.

    .venv/bin/python bench/cards.py --cards 300 --repeat 5

Draws ``--cards`` cards with Vietnamese names and places (the texts of
``bench/make_records.py``) and writes each to a file, ``--repeat`` times, and
prints the median CPU time per card (``time.process_time``) of:

- the build's card: :class:`site_builder.site.cards.Card` drawn by a
  :class:`~site_builder.site.cards.CardPainter` (new for each pass, as for each build) and
  written as an 8-bit palette PNG;
- the former card: the same layout drawn in RGB (:func:`~site_builder.site.cards.draw_card_rgb`)
  and written with Pillow's default PNG settings, as builds did before.

The passes of the two alternate, so that a change in the machine's load touches
both; the former card's drawing and encoding are also timed apart. Then one line
of JSON.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_records import exemplar  # noqa: E402

from site_builder.site import cards  # noqa: E402

SITE = "Thi đua – Khen thưởng"
EYEBROW = "Điển hình tiên tiến"


def texts(count: int) -> list[tuple[str, str]]:
    """Title and subtitle of ``count`` synthetic exemplars."""
    rng = random.Random(2026)
    found = []
    for _ in range(count):
        record, _folder = exemplar(rng, ["phong-trao-1", "phong-trao-2"])
        found.append((record["name"], f"{record.get('position', 'Tập thể')} · {record['place']['commune']}"))
    return found


def per_card_ms(work: Callable[[str, str], object], items: list[tuple[str, str]], repeat: int,
                fresh: Callable[[], None] = lambda: None) -> float:
    """Median over ``repeat`` passes of the CPU time per card (``fresh`` runs before each pass)."""
    times = []
    for _ in range(repeat):
        fresh()
        started = time.process_time()
        for title, subtitle in items:
            work(title, subtitle)
        times.append((time.process_time() - started) * 1000 / len(items))
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    items = texts(args.cards)
    folder = Path(tempfile.mkdtemp(prefix="bench-cards-"))
    painter = [cards.CardPainter()]

    def new_painter() -> None:  # each pass starts as a build does, with nothing kept
        painter[0] = cards.CardPainter()

    def ours(title: str, subtitle: str) -> None:
        cards.card(folder, title, subtitle, SITE, EYEBROW).draw(painter[0])

    def former(title: str, subtitle: str) -> None:
        cards.draw_card_rgb(title, subtitle, SITE, EYEBROW).save(folder / "former.png", "PNG")

    def former_draw(title: str, subtitle: str) -> None:
        cards.draw_card_rgb(title, subtitle, SITE, EYEBROW)

    sample_rgb = cards.draw_card_rgb(*items[0], SITE, EYEBROW)

    def former_encode(_title: str, _subtitle: str) -> None:
        sample_rgb.save(io.BytesIO(), "PNG")

    # Interleaved, so that a change of the machine's load touches both.
    passes: dict[str, list[float]] = {"cards_ms": [], "former_ms": [], "former_draw_ms": [], "former_encode_ms": []}
    for _ in range(args.repeat):
        passes["cards_ms"].append(per_card_ms(ours, items, 1, new_painter))
        passes["former_ms"].append(per_card_ms(former, items, 1))
        passes["former_draw_ms"].append(per_card_ms(former_draw, items, 1))
        passes["former_encode_ms"].append(per_card_ms(former_encode, items, 1))
    figures = {name: statistics.median(values) for name, values in passes.items()}
    sizes = [path.stat().st_size for path in folder.glob("*.png") if path.name != "former.png"]
    figures["card_kb"] = statistics.median(sizes) / 1000
    figures["former_kb"] = (folder / "former.png").stat().st_size / 1000
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    print(f"{'card (palette, 8-bit PNG)':>30}: {figures['cards_ms']:.2f} ms CPU, {figures['card_kb']:.1f} KB")
    print(f"{'former card (RGB PNG)':>30}: {figures['former_ms']:.2f} ms CPU "
          f"(drawing {figures['former_draw_ms']:.2f}, encoding {figures['former_encode_ms']:.2f}), "
          f"{figures['former_kb']:.1f} KB")
    print(f"{'ratio':>30}: {figures['cards_ms'] / figures['former_ms']:.3f} (medians of {args.repeat} passes "
          f"of {args.cards} cards)")
    print(json.dumps({key: round(value, 3) for key, value in figures.items()}))


if __name__ == "__main__":
    main()
