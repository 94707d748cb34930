"""``--dry-run``: the table the import would write, as plain text, and nothing written.

One line per nominee with what an officer checks before writing: id, kind,
name, position, unit, award, the first words of the summary, and the notes of
its row (a split by guess, a continuation appended…). Long values are cut with
"…" so the table fits a terminal; the batch file has them whole.
"""

from __future__ import annotations

from .outcome import ImportResult, Nominee

# Each column: its title and the width a value is cut to.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("row", 4), ("id", 40), ("kind", 10), ("name", 32), ("position", 20), ("unit", 32), ("award", 30),
    ("summary", 30), ("notes", 60),
)
SUMMARY_WORDS = 6


def render_preview(result: ImportResult) -> str:
    """The batch values from the title block, then the nominees as a table."""
    lines = [f"{name}: {value}" for name, value in result.batch_values.items()]
    rows = [[title for title, _width in COLUMNS], *(_cells(nominee, result) for nominee in result.nominees)]
    widths = [max(len(row[index]) for row in rows) for index in range(len(COLUMNS))]
    for number, row in enumerate(rows):
        filled = len(row) - next((index for index, cell in enumerate(reversed(row)) if cell), len(row))
        lines.append(" | ".join(cell.ljust(width) for cell, width in zip(row[:filled], widths)).rstrip())
        if number == 0:
            lines.append("-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def _cells(nominee: Nominee, result: ImportResult) -> list[str]:
    values = nominee.values
    summary = " ".join(str(values["summary"]).split()[:SUMMARY_WORDS])
    notes = "; ".join(note for row, note in result.notes if row == nominee.row)
    texts = [str(nominee.row), str(values["id"]), str(values["kind"]), str(values["name"]),
             str(values.get("position", "")), str(values.get("unit", "")), str(values["award"]), summary + " …",
             notes]
    return [_cut(text, width) for text, (_title, width) in zip(texts, COLUMNS, strict=True)]


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"
