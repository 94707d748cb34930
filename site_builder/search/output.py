"""Write the index into the built site, touching only files whose content changed."""

from __future__ import annotations

from pathlib import Path

from .index import SearchIndex

FOLDER = "search"


def write_index(index: SearchIndex, site_dir: Path) -> int:
    """Write ``index`` under ``site_dir/search/``; remove files left by an older index.

    Returns the number of files written (unchanged files are left alone, so a
    rebuild after one edit rewrites a handful of files).
    """
    root = Path(site_dir) / FOLDER
    written = 0
    for relative, content in sorted(index.files.items()):
        path = root / relative
        if path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written += 1
    _remove_stale(root, set(index.files))
    return written


def _remove_stale(root: Path, keep: set[str]) -> None:
    for path in sorted(root.rglob("*.json")):
        if path.relative_to(root).as_posix() not in keep:
            path.unlink()
