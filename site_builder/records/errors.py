"""Problems found in the records, reported the way a staff member can act on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FieldPath = tuple[str | int, ...]


def format_field_path(path: FieldPath) -> str:
    """Render ``("honours", 1, "date")`` as ``honours[1].date``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True, order=True)
class RecordError:
    """One problem in one file, at a line and column (both counted from 1)."""

    file: str
    line: int
    column: int
    field_path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.field_path}: {self.message}" if self.field_path else self.message
        return f"{where}: {what}"


@dataclass
class ErrorReport:
    """Collects every problem of a run, so staff see them all at once."""

    errors: list[RecordError] = field(default_factory=list)

    def add(self, error: RecordError) -> None:
        self.errors.append(error)

    def extend(self, errors: list[RecordError]) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def sorted(self) -> list[RecordError]:
        return sorted(set(self.errors))

    def render(self) -> str:
        lines = [str(error) for error in self.sorted()]
        count = len(lines)
        noun = "problem" if count == 1 else "problems"
        lines.append(f"{count} {noun} found; nothing was published. Fix the lines above and run again.")
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
