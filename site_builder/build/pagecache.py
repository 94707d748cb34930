"""Rendered pages kept between builds, keyed by everything that shapes their HTML.

A page's key hashes its :class:`~site_builder.site.specs.PageSpec` (address, template,
title, body) and the values its template is given: records stand for the hash of
their file, so editing one record changes the key of its page and of the listings
that show it, and no other. The *salt* hashes what every page shares: the
configuration, the theme folder, the source of this package and the versions of
MkDocs, Material and Markdown (the engine adapter adds the engine running the build).
Nothing here knows MkDocs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from site_builder.model.fields import PackedText
from site_builder.model.record import Record
from site_builder.site.listings import Facet, Group
from site_builder.site.specs import PageSpec

FORMAT = "1"  # bump to drop every cached page after a change of this module
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions")
_PLAIN = (str, int, float, bool, type(None), date, datetime)


class Uncacheable(Exception):
    """A context value this module cannot hash: the page is rendered every time."""


def folder_digest(folder: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """Hash of every file's path and content under ``folder`` (caches skipped)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and (suffixes is None or path.suffix in suffixes):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def package_versions(names: Iterable[str] = PACKAGES) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ";".join(found)


def code_digest() -> str:
    """This package's own source: a change of code or templates invalidates every page."""
    return folder_digest(Path(__file__).parents[1])  # the whole site_builder package


class Fingerprints:
    """Hashes of template context values, memoised for one build.

    ``extra`` adds what a record's template output depends on beyond its file
    (the sizes of its photos). A :class:`~site_builder.site.listings.Group` stands for
    what templates show of it (label, note, count), not for every item, so a
    facet page does not change with every record.
    """

    def __init__(self, extra: Callable[[Record], str] = lambda record: "") -> None:
        self.extra = extra
        self._memo: dict[int, tuple[str, Any]] = {}

    def of(self, value: Any) -> str:
        if isinstance(value, _PLAIN):
            return f"{type(value).__name__}:{value!r}"
        known = self._memo.get(id(value))
        if known is None:
            known = (self._hash(value), value)  # keep the value so its id is not reused
            self._memo[id(value)] = known
        return known[0]

    def _hash(self, value: Any) -> str:
        return hashlib.sha256("\0".join(self._parts(value)).encode("utf-8", "surrogatepass")).hexdigest()

    def _parts(self, value: Any) -> list[str]:
        name = type(value).__name__
        if isinstance(value, Record):
            return [name, value.id, value.source, value.digest, self.extra(value)]
        if isinstance(value, Group):
            return [name, value.facet, value.slug, value.label, str(value.note), str(len(value.items))]
        if isinstance(value, Facet):
            return [name, value.key, value.title, value.heading]
        if isinstance(value, (list, tuple)):
            return [name, *(self.of(item) for item in value)]
        if isinstance(value, dict):
            return [name, *(self.of(key) + "=" + self.of(item) for key, item in value.items())]
        if isinstance(value, PackedText):
            return [name, hashlib.sha256(value.packed).hexdigest()]
        if isinstance(value, Path):
            return [name, value.as_posix()]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return [name, *(self.of(getattr(value, item.name)) for item in dataclasses.fields(value))]
        raise Uncacheable(f"cannot hash a {name}")

    def page_key(self, salt: str, spec: PageSpec) -> str | None:
        """The key of one page, or None when its context holds a value that cannot be hashed."""
        try:
            parts = [salt, spec.url, spec.template, spec.title, str(spec.description), self.of(spec.body),
                     self.of(spec.hide), self.of(spec.updated), self.of(spec.context)]
        except Uncacheable:
            return None
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


# What unpickling a damaged file, or one written by other code, may raise.
UNPICKLING_ERRORS = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
                     ImportError, IndexError)
Kept = TypeVar("Kept")


def read_salted(path: Path, salt: str, kind: type[Kept]) -> Kept | None:
    """What :func:`write_salted` kept in ``path`` with the same ``salt`` (the code's digest), if it
    is a ``kind``; None when there is none, or it cannot be read, or other code wrote it."""
    try:
        found_salt, value = pickle.loads(path.read_bytes())
    except UNPICKLING_ERRORS:
        return None
    return value if found_salt == salt and isinstance(value, kind) else None


def write_salted(path: Path, salt: str, value: object) -> None:
    write_whole(path, pickle.dumps((salt, value), protocol=pickle.HIGHEST_PROTOCOL))


@dataclasses.dataclass(frozen=True)
class KeptFile:
    """A :class:`~site_builder.site.keeping.Kept` value in a file, salted with the code's digest."""

    path: Path
    salt: str

    def read(self, kind: type[Kept]) -> Kept | None:
        return read_salted(self.path, self.salt, kind)

    def write(self, value: object) -> None:
        write_salted(self.path, self.salt, value)


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file: never a half-written file,
    even if the build is stopped, and never a write into a file linked elsewhere."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


class PageCache:
    """Rendered HTML files under ``folder``, one per key; unused ones are removed after a build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def get(self, key: str) -> Path | None:
        path = self.path(key)
        if path.is_file():
            self.used.add(key)
            return path
        return None

    def put(self, key: str, html: bytes) -> Path:
        """Keep ``html`` under ``key``; returns the file it is kept in."""
        path = self.path(key)
        write_whole(path, html)
        self.used.add(key)
        return path

    def prune(self) -> None:
        """Remove the pages no longer produced (old versions of edited records)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.html"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
