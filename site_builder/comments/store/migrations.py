"""Bringing a register up to the latest schema version: on open, and by ``comments migrate``.

The runner knows no driver: each store hands it a :class:`Versioned` view of
its database (:mod:`.sqlite` keeps the version in ``PRAGMA user_version``,
:mod:`.postgres` in a one-row table). Every migration runs in a transaction of
its own that also records its number, so a failure leaves the register at the
last version that fully applied. The transaction is exclusive (SQLite's write
lock, a PostgreSQL advisory lock) and reads the version again inside it, so a
second process opening the register at the same time waits, then carries on
from the version the first recorded: no migration runs twice.

A register made before versions were recorded has no number but has the
comments table: that is version 1. A register newer than this code is refused:
writing to tables it does not know could lose what a newer release keeps there.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from site_builder.model.i18n import gettext as _

from .register import StoreUnavailable
from .schema import LATEST, MIGRATIONS, Dialect, Migration

log = logging.getLogger(__name__)


class SchemaTooNew(StoreUnavailable):
    """The register was migrated by a newer release of site-builder than this one."""


@dataclass(frozen=True)
class Migrated:
    """What opening did to the register's schema: versions before and after, and the steps run."""

    before: int
    after: int
    applied: tuple[int, ...] = ()


class Versioned(Protocol):
    """What the runner needs from one database connection."""

    dialect: Dialect

    def locked(self) -> AbstractContextManager[object]:
        """One transaction that no other process migrating the register runs at the same time."""

    def version(self) -> int:
        """The recorded version; 1 for a register from before versions; 0 for an empty database."""

    def execute(self, statement: str) -> None:
        """Run one statement of a migration inside the current transaction."""

    def record(self, version: int) -> None:
        """Store ``version`` as the register's, inside the current transaction."""


def migrate(database: Versioned) -> Migrated:
    """Run the migrations the register lacks, one transaction each, up to :data:`LATEST`."""
    before: int | None = None
    applied: list[int] = []
    while True:
        with database.locked():
            version = _known(database.version())
            before = version if before is None else before
            if version == LATEST:
                return Migrated(before, version, tuple(applied))
            applied.append(_apply(database, MIGRATIONS[version]))


def _known(version: int) -> int:
    """``version``, unless this code cannot know what the register holds."""
    if version > LATEST:
        raise SchemaTooNew(_("the register of comments is at schema version {version}, but this site-builder "
                             "knows versions up to {latest} only: upgrade site-builder (a newer release migrated "
                             "it)").format(version=version, latest=LATEST))
    return version


def _apply(database: Versioned, migration: Migration) -> int:
    """Run ``migration`` and record its number, in the caller's transaction."""
    for statement in migration.sql(database.dialect):
        database.execute(statement)
    database.record(migration.number)
    log.info("comment register: migration %d applied: %s", migration.number, migration.summary)
    return migration.number
