"""One open transaction on the register, the same for SQLite and PostgreSQL.

The staff side (accounts, sessions, the audit trail) writes its SQL once, with
``?`` placeholders, against this handle; each store adapts it to its driver.
Because a change and its audit entry go through the same handle, they commit
together or not at all: :meth:`.register.Store.transaction` is the only way in.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from .schema import Dialect


class Handle(Protocol):
    """What staff code may do inside :meth:`.register.Store.transaction`."""

    dialect: Dialect

    def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> int:
        """Run one statement; the number of rows it changed."""

    def one(self, sql: str, parameters: tuple[object, ...] = ()) -> tuple | None:
        """The first row of a query, or ``None``."""

    def all(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple]:
        """Every row of a query."""

    def moment(self, value: object) -> datetime:
        """A time column as read from this database, as an aware datetime in Vietnam time."""

    def serialise(self, key: int) -> None:
        """Hold an exclusive lock named ``key`` until the transaction ends (one writer at a time)."""
