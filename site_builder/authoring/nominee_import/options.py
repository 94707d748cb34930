"""The options of ``site-builder import nominees``, shared by every step of the import.

The interpretation takes its defaults from them (province, kind, award), the
sources the sheet to read, and the batch file its path and whether to replace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportOptions:
    """The command's options; the defaults fill what the sheet does not say."""

    batch: str
    folder: Path = Path("exemplars")
    output: Path | None = None
    mapping: dict[str, str | None] = field(default_factory=dict)
    province: str | None = None
    kind: str | None = None
    award: str | None = None
    sheet: str | None = None
    replace: bool = False
    dry_run: bool = False  # read and check, print what would be written, write nothing
    schema: str | None = None  # the site's URL, for the schema line of a new batch file

    @property
    def path(self) -> Path:
        return self.output or self.folder / "nominations" / f"{self.batch}.yml"
