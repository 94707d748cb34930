"""The import as ``site-builder import nominees`` runs it, step by step.

Check the batch id, read the file into rows, find the header, read the title
block above it and the nominees below it (up to the end of the list), check the
sheet's totals, write the batch file (unless it is a dry run). Each step lives in its own module; this one
only puts them in order, so a new source or a new shape of table changes a step,
not the sequence.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from site_builder.model.fields import SLUG
from site_builder.model.i18n import gettext as _

from .batch_file import render_nominees, write_batch
from .header import find_header
from .nominees import read_nominees
from .options import ImportOptions
from .outcome import ImportResult, NoNominees, SpreadsheetError
from .sources import read_rows
from .title_block import read_title_block, take_title_block
from .totals import check_totals


def import_nominees(source: Path, options: ImportOptions) -> ImportResult:
    """Read ``source`` and write its nominees into the batch file named in ``options``."""
    if not SLUG.match(options.batch):
        raise SpreadsheetError(_('"{batch}" is not a valid batch id: use lower-case letters without accents, '
                                 'digits and hyphens, e.g. huan-chuong-lao-dong-2026').format(batch=options.batch))
    rows = read_rows(source, options.sheet)
    header = find_header(rows, options.mapping)
    block = read_title_block(rows, header.row)
    province_from_block = options.province is None and block.province is not None
    if province_from_block:
        options = replace(options, province=block.province)
    result = read_nominees(rows, header, options)
    take_title_block(block, result, province_from_block)
    if not result.nominees:
        raise NoNominees(_("{file}: no nominee found under the header (row {row})").format(
            file=source.as_posix(), row=header.first_data_row - 1), result)
    check_totals(result, source.name)
    if not options.dry_run:
        write_batch(options, render_nominees(result.nominees, source.name), result.batch_values)
    return result
