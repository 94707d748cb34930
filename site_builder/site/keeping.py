"""What a derived output may keep between builds, without knowing how or where it is kept.

Open data and the search index reuse what an earlier build made of unchanged
records. How that is stored (a pickled file salted with the code's digest, so
that other code's leftovers are ignored) is the build layer's business
(:class:`site_builder.build.pagecache.KeptFile`); these modules are handed a
:class:`Kept` and only read and write values through it.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

Value = TypeVar("Value")


class Kept(Protocol):
    """One value kept between builds, perhaps by another process."""

    def read(self, kind: type[Value]) -> Value | None:
        """The value kept, if there is one of ``kind`` written by this code; else None."""

    def write(self, value: object) -> None:
        """Keep ``value`` for the next build (replacing what was kept, whole)."""
