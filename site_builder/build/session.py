"""One build's machinery, owned by one object from the first hook to the last.

A build of 10,000 records is fast because of a few tricks that must be used
together and in order: the heap is frozen once the records are loaded (garbage
collections would otherwise walk ten thousand records again and again, and a
forked process would copy the pages they touch), work is shared with a forked
second process, validated records, rendered pages, open-data rows and search
postings are kept between builds (salted with the code's digest, so a code
change drops them all), and the site folder of the previous build is kept.
:class:`BuildSession` does all of that; the engine adapter calls it at the
hooks, and hands the layers below only what they need: a map function
(:meth:`map_chunks`), a kept value (:meth:`kept`), the record cache.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .forking import Shared, in_two_processes
from .pagecache import KeptFile, PageCache, code_digest
from .recordcache import RecordCache
from .site_reuse import ReusedSite

Item = TypeVar("Item")
Result = TypeVar("Result")


class BuildSession:
    """The caches, processes and heap of one build, under ``cache_dir``."""

    def __init__(self, cache_dir: Path, processes: int) -> None:
        self.cache_dir = cache_dir
        self.processes = processes
        self.code = code_digest()  # salts every cache: a change of code or templates drops them all
        self.records = RecordCache(cache_dir / "records.pickle", self.code)
        self.pages = PageCache(cache_dir / "pages")
        self._build_process = os.getpid()
        self.site: ReusedSite | None = None  # the site folder kept from the previous build

    def map_chunks(self, items: Sequence[Item], work: Callable[[list[Item]], Result]) -> list[Result]:
        """``work`` on chunks of ``items``, shared with a second process when there are cores for it."""
        return in_two_processes(items, work, self.processes).results

    @staticmethod
    def two_cores(items: Sequence[Item], work: Callable[[list[Item]], Result]) -> list[Result]:
        """:meth:`map_chunks` outside a build (``site-builder validate``): both cores where it can."""
        return in_two_processes(items, work, 2).results

    def in_two_processes(self, items: Sequence[Item], work: Callable[[list[Item]], Result],
                         child_first: Callable[[], Any] | None = None,
                         parent_first: Callable[[], None] | None = None) -> Shared[Result]:
        """As :meth:`map_chunks`, with other work run first in each process (see :func:`in_two_processes`)."""
        return in_two_processes(items, work, self.processes, child_first=child_first, parent_first=parent_first)

    def kept(self, name: str) -> KeptFile:
        """A value kept between builds in ``cache_dir/name``, ignored once the code changes."""
        return KeptFile(self.cache_dir / name, self.code)

    def folder(self, name: str) -> Path:
        """A folder of ``cache_dir`` for a cache kept by a library (Jinja's compiled templates)."""
        path = self.cache_dir / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def in_build_process(self) -> bool:
        """False in the forked second process, which ends with the build (it keeps nothing in memory)."""
        return os.getpid() == self._build_process

    def records_loaded(self) -> None:
        """The records live as long as the build: leave them out of garbage collections until it ends."""
        gc.freeze()

    def keep_site(self, site_dir: Path) -> ReusedSite:
        """Set the previous build's site folder aside from MkDocs' cleaning (see :class:`ReusedSite`)."""
        self.site = ReusedSite(site_dir, self.cache_dir / "pages" / "published.json")
        self.site.set_aside()
        return self.site

    def failed(self) -> None:
        """The build stopped: keep the records validated so far, then end."""
        self.records.save()
        self.end()

    def end(self) -> None:
        """The build is over: garbage collection sees everything again."""
        gc.unfreeze()

    @staticmethod
    def process_ending() -> None:
        """Leave what the process still holds to the operating system.

        Python's finalisation otherwise runs garbage collections through every object
        left (the records the cache keeps for a next build): a second at 10,000 records.
        """
        gc.freeze()
