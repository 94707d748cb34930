"""``site-builder import nominees``: a batch's nominees from the board's list.

Boards keep the list of nominees in Excel or Word, in the shape of the official
form: a title block above the table, a header that may span two rows with merged
cells, a numbering row ``(1) (2) (3)…`` under it, section rows such as
"I. TẬP THỂ" / "II. CÁ NHÂN" or "A. Huân chương Lao động hạng Ba", line breaks
inside cells, a summary that runs onto the next row, and a total, the date line
and the signatures below. The import finds the header (matching column titles
without regard to diacritics or case), reads each nominee up to the end of the
list, checks the count against the sheet's total, keeps the Vietnamese text as
written, and reports every non-empty row it could not use by its row number.

The modules, in the order the import runs them (:mod:`.pipeline`):

- :mod:`.sources` reads a file (``.xlsx``, ``.xls``, ``.docx``, CSV) into a uniform grid of rows;
- :mod:`.columns` and :mod:`.header` find the header and what each column holds;
- :mod:`.title_block` reads the batch values above the header;
- :mod:`.table_end` says where the list ends (the date line, the signature block);
- :mod:`.sections`, :mod:`.names`, :mod:`.nominees` and :mod:`.totals` turn the rows into nominees
  and check them against the sheet's totals;
- :mod:`.batch_file` writes them into the batch file ``nominations/<batch>.yml``, or
  :mod:`.preview` prints them for ``--dry-run``.

:mod:`.options` and :mod:`.outcome` hold what the steps share with the command.
"""

from __future__ import annotations

from .batch_file import replace_nominees
from .columns import FIELDS, match_title, read_mapping
from .names import split_position_and_unit
from .options import ImportOptions
from .outcome import ImportRefused, ImportResult, NoNominees, SpreadsheetError, TotalMismatch
from .pipeline import import_nominees
from .preview import render_preview

__all__ = [
    "FIELDS", "ImportOptions", "ImportRefused", "ImportResult", "NoNominees", "SpreadsheetError", "TotalMismatch",
    "import_nominees",
    "match_title", "read_mapping", "render_preview", "replace_nominees", "split_position_and_unit",
]
