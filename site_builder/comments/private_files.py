"""Files that hold commenters' personal data are readable by their owner only (mode 0600).

The register (and SQLite's WAL and shared-memory files next to it) and the
council's exports hold names, phone numbers and addresses. A umask of 022,
the usual default, would leave them readable by every account on the server,
so they are created with an explicit mode instead of relying on the umask of
whoever runs the service or the command. SQLite gives its ``-wal`` and
``-shm`` files the mode of the database file, so creating that one 0600 is
enough for all three.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import IO

from site_builder.model.i18n import file_problem
from site_builder.model.i18n import gettext as _

log = logging.getLogger(__name__)

PRIVATE_MODE = 0o600
_SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def open_private(path: Path, mode: str = "w", **options: object) -> IO:
    """``open(path, mode)`` for writing, the file created (or cut short) with mode 0600."""
    def opener(name: str, flags: int) -> int:
        descriptor = os.open(name, flags, PRIVATE_MODE)
        os.fchmod(descriptor, PRIVATE_MODE)  # an existing file keeps its mode unless told
        return descriptor

    return open(path, mode, opener=opener, **options)  # noqa: SIM115 - the caller closes it


def prepare_sqlite_file(path: str | Path) -> None:
    """Create the database file 0600 before SQLite does; tighten an older, wider one.

    ``:memory:`` and URI file names are left alone.
    """
    name = str(path)
    if name == ":memory:" or name.startswith("file:"):
        return
    database = Path(name)
    if not database.exists() and database.parent.is_dir():
        try:
            os.close(os.open(database, os.O_CREAT | os.O_WRONLY, PRIVATE_MODE))
        except OSError:
            return  # SQLite reports the same problem, in its own words
    for suffix in _SQLITE_COMPANIONS:
        _tighten(Path(name + suffix))


def _tighten(path: Path) -> None:
    """Mode 0600 for an existing file readable by others (a register made by an older release)."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077:
            os.chmod(path, current & 0o700 | 0o600)
            log.warning(_("{file} was readable by other users (mode {mode:o}); it is now 0600").format(
                file=path.name, mode=current))
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning(_("cannot make {file} private (mode 0600): {reason}").format(
            file=path.name, reason=file_problem(exc)))
