"""Problems found in the records, reported the way a staff member can act on them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from site_builder.model.i18n import gettext as _
from site_builder.model.i18n import ngettext

FieldPath = tuple[str | int, ...]

# A name shown beside a list index is cut to this many characters.
NAME_SHOWN = 40


def format_field_path(path: FieldPath, data: Any = None) -> str:
    """Render ``("honours", 1, "date")`` as ``honours[1].date``.

    With the file's ``data``, an item of a list that has a name is named beside its index,
    ``nominees[5] (Nguyễn Văn A).position``, so the officer finds it without counting.
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
            text += f"[{part}]" + _name_of(data)
        else:
            data = data.get(part) if isinstance(data, dict) else None
            text += f".{part}" if text else str(part)
    return text


def _name_of(item: Any) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    if not isinstance(name, str) or not name.strip():
        return ""
    # Invisible format characters (a right-to-left override pasted in a name) would reorder the
    # rest of the line on the officer's screen; the name is shown without them, on one line.
    name = " ".join("".join(char for char in name if unicodedata.category(char) != "Cf").split())
    if len(name) > NAME_SHOWN:  # cut at a word, as a person would
        name = (name[:NAME_SHOWN - 1].rsplit(" ", 1)[0] or name[:NAME_SHOWN - 1]) + "…"
    return f" ({name})" if name else ""


# How serious a finding is: an error stops publication; a warning (something to check)
# and a notice (something the validation changed, e.g. a province's spelling) do not.
Level = Literal["error", "warning", "notice"]


@dataclass(frozen=True, order=True)
class RecordError:
    """One problem in one file, at a line and column (both counted from 1)."""

    file: str
    line: int
    column: int
    field_path: str
    message: str
    level: Level = "error"
    # A YAML syntax error: the parser stopped there, so the rest of the file is checked only once it
    # is fixed (the report says so). Not part of the problem's identity.
    stops_reading: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.field_path}: {self.message}" if self.field_path else self.message
        return f"{where}: {what}" if self.level == "error" else f"{where}: {level_word(self.level)}: {what}"


def level_word(level: Level) -> str:
    """How a warning or a notice is labelled in the report."""
    return _("warning") if level == "warning" else _("notice") if level == "notice" else _("error")


def warning(file: str, line: int, column: int, field_path: str, message: str) -> RecordError:
    return RecordError(file, line, column, field_path, message, "warning")


def notice(file: str, line: int, column: int, field_path: str, message: str) -> RecordError:
    return RecordError(file, line, column, field_path, message, "notice")


@dataclass
class ErrorReport:
    """Collects every problem of a run, so staff see them all at once.

    Warnings and notices (``notes``) are kept apart: they are printed, never a reason to refuse.
    """

    errors: list[RecordError] = field(default_factory=list)
    notes: list[RecordError] = field(default_factory=list)

    def add(self, error: RecordError) -> None:
        (self.errors if error.level == "error" else self.notes).append(error)

    def extend(self, errors: list[RecordError]) -> None:
        for error in errors:
            self.add(error)

    def sorted_notes(self) -> list[RecordError]:
        return sorted(set(self.notes))

    def render_notes(self) -> str:
        """Every warning and notice, one a line (empty when there are none)."""
        return "\n".join(str(note) for note in self.sorted_notes())

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def sorted(self) -> list[RecordError]:
        return sorted(set(self.errors))

    def render(self) -> str:
        lines = [str(error) for error in self.sorted()]
        count = len(lines)
        lines[:0] = [str(note) for note in self.sorted_notes()]
        unread = len({error.file for error in self.errors if error.stops_reading})
        if unread:
            lines.append(ngettext(
                "{count} file was read only up to its syntax error: its other problems show once that line is "
                "fixed.",
                "{count} files were read only up to their syntax errors: their other problems show once those "
                "lines are fixed.", unread).format(count=unread))
        lines.append(ngettext("{count} problem found; nothing was published. Fix the lines above and run again.",
                              "{count} problems found; nothing was published. Fix the lines above and run again.",
                              count).format(count=count))
        return "\n".join(lines)


class RecordsInvalid(Exception):
    """Raised when the records cannot be published; carries the full report."""

    def __init__(self, report: ErrorReport):
        super().__init__(report.render())
        self.report = report


def display_path(path: Path, root: Path, resolved: bool = False) -> str:
    """A path as staff see it in their repository: relative, with forward slashes.

    ``resolved=True`` says both paths are resolved already (the loader resolves the
    folder once rather than each of 10,000 files).
    """
    try:
        relative = path.relative_to(root) if resolved else path.resolve().relative_to(root.resolve())
        return relative.as_posix()
    except ValueError:
        return path.as_posix()
