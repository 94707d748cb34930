"""The import as ``site-builder import nominees`` runs it, step by step.

Check the batch id, read the file into rows, find the header, read the
nominees, write the batch file. Each step lives in its own module; this one
only puts them in order, so a new source or a new shape of table changes a step,
not the sequence.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.model.fields import SLUG

from .batch_file import render_nominees, write_batch
from .header import find_header
from .nominees import read_nominees
from .options import ImportOptions
from .outcome import ImportResult, NoNominees, SpreadsheetError
from .sources import read_rows
from .totals import check_totals


def import_nominees(source: Path, options: ImportOptions) -> ImportResult:
    """Read ``source`` and write its nominees into the batch file named in ``options``."""
    if not SLUG.match(options.batch):
        raise SpreadsheetError(f'"{options.batch}" is not a valid batch id: use lower-case letters without accents, '
                               "digits and hyphens, e.g. huan-chuong-lao-dong-2026")
    rows = read_rows(source, options.sheet)
    header = find_header(rows, options.mapping)
    result = read_nominees(rows, header, options)
    if not result.nominees:
        raise NoNominees(f"{source.as_posix()}: no nominee found under the header (row {header.first_data_row - 1})",
                         result)
    check_totals(result, source.name)
    write_batch(options, render_nominees(result.nominees, source.name))
    return result
