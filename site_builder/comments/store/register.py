"""The register of comments: what is stored, and the storage interface.

Two implementations share this interface: SQLite (:mod:`.sqlite`, the
default, an embedded file) and PostgreSQL (:mod:`.postgres`, for a board
that outgrows one machine). :func:`open_store` picks one from a URL.

The tables of both are defined once, as numbered migrations (:mod:`.schema`).
Every method is synchronous and thread-safe: the web app calls them from a
worker thread, the CLI calls them directly.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Literal, get_args

from site_builder.model.i18n import gettext as _

from .receipts import new_receipt

if TYPE_CHECKING:
    from .handle import Handle
    from .migrations import Migrated

Channel = Literal["web", "email", "phone", "post"]
# How the board handled a comment: received → reviewed → verified / not substantiated /
# referred to another authority; or a duplicate (of another receipt), spam, off-topic.
Status = Literal["received", "reviewed", "verified", "not_substantiated", "referred", "duplicate", "spam",
                 "off_topic"]
CHANNELS: tuple[str, ...] = get_args(Channel)
# How each channel is named to officers and the council, the one place for these words (the console,
# the export, the council's report). In a sentence they are lowered (``.lower()``).
CHANNEL_WORDS: dict[str, str] = {"web": "Trang web", "email": "Email", "phone": "Điện thoại",
                                 "post": "Thư bưu điện"}
STATUSES: tuple[str, ...] = get_args(Status)
# The three statuses of the first releases, and what each became (migration 10).
FORMER_STATUSES = {"new": "received", "reviewed": "reviewed", "spam": "spam"}

# What the public figures count: comments received within the period (for a letter or a call,
# the date on it), neither spam nor a duplicate of another. Said in words wherever a count is shown.
COUNTED = "status NOT IN ('spam', 'duplicate') AND NOT outside_period"
COUNTING_RULE = ("Chỉ tính ý kiến nhận trong thời hạn lấy ý kiến (thư, điện thoại: theo ngày ghi trên thư "
                 "hoặc ngày gọi); không tính thư rác và ý kiến trùng lặp.")
COUNTING_RULE_ENGLISH = ("counts only comments received within the period (letters and calls: the date on "
                         "the letter or of the call), neither spam nor duplicates")

_RECEIPT_ATTEMPTS = 8


class StoreUnavailable(Exception):
    """The database cannot be reached or refused to commit; nothing was stored."""


class TokenReused(Exception):
    """The ``token`` was sent before with a different comment: nothing is stored."""


class ReceiptTaken(Exception):
    """The random receipt code already exists; the caller draws another one."""


@dataclass(frozen=True)
class NewComment:
    """A comment ready to store: validated, trimmed, one nominee of one batch."""

    batch: str
    nominee: str
    name: str
    contact: str
    text: str
    address: str | None = None
    channel: Channel = "web"
    status: Status = "received"
    token: str | None = None


@dataclass(frozen=True)
class Receipt:
    """Proof that a comment is committed. ``replayed`` is true for a repeated ``token``."""

    code: str
    received_at: datetime
    replayed: bool = False


@dataclass(frozen=True)
class ReceiptStatus:
    """What anyone holding a receipt may learn: nothing about the person."""

    code: str
    batch: str
    nominee: str
    status: Status
    received_at: datetime


@dataclass(frozen=True)
class Slot:
    """Where one request is counted: a bucket, a hashed client, a window (Unix seconds)."""

    bucket: str
    client: str
    window_start: int
    expires_at: int


@dataclass(frozen=True)
class StoredComment:
    """One row of the register, for the council's export."""

    receipt: str
    received_at: datetime
    batch: str
    nominee: str
    name: str
    contact: str
    address: str | None
    text: str
    channel: Channel
    status: Status
    status_reason: str | None = None
    duplicate_of: str | None = None
    outside_period: bool = False


# The columns of a StoredComment, in its order: both stores read rows with it.
STORED_COLUMNS = ", ".join(field.name for field in fields(StoredComment))


def stored_comment(row: tuple, moment: Callable[[object], datetime]) -> StoredComment:
    """A row of :data:`STORED_COLUMNS`: the time read by ``moment``, SQLite's 0/1 as a boolean."""
    return StoredComment(row[0], moment(row[1]), *row[2:12], bool(row[12]))

# A comment whose commenter's personal data was erased (retention) has these values.
HOLDS_PERSONAL_DATA = "(name <> '' OR contact <> '' OR address IS NOT NULL)"
ERASE_PERSONAL_DATA = "name = '', contact = '', address = NULL, content_hash = NULL"

# What makes two comments the same comment: a token or a resend must match on all of it.
CONTENT_COLUMNS = "batch, nominee, name, contact, address, text"


_PHONE_PUNCTUATION = re.compile(r"[\s.\-()]")


def content_hash(comment: NewComment) -> str:
    """What makes a resend the same comment, as a digest: batch, nominee, contact and text, normalised.

    A citizen who sends the same comment twice (a reload, a second tap, the form
    sent again a minute later) gets the first receipt back; the register keeps
    one comment (:meth:`Store.add`). Normalised so that what a person cannot
    see does not make two comments: case and runs of white space in the text,
    case of an e-mail address, the spaces and dots of a phone number. The name
    is left out: "Nguyễn Văn Thành" and "Nguyen Van Thanh" with one contact and
    one text are one person's one comment. Erased with the personal data.
    """
    parts = (comment.batch, comment.nominee, normal_contact(comment.contact), normal_words(comment.text))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def normal_contact(contact: str) -> str:
    """A contact as :func:`content_hash` compares it: an e-mail's case, a phone's punctuation left out."""
    contact = contact.strip().lower()
    return contact if "@" in contact else _PHONE_PUNCTUATION.sub("", contact)


def normal_words(text: str) -> str:
    """A text as :func:`content_hash` compares it: case and runs of white space left out."""
    return " ".join(text.casefold().split())


def same_content(comment: NewComment, row: tuple) -> bool:
    """Whether ``row`` (the :data:`CONTENT_COLUMNS` of a stored comment) is ``comment``."""
    return row == (comment.batch, comment.nominee, comment.name, comment.contact, comment.address,
                   comment.text)


class Store(ABC):
    """The register. ``add`` returns only after the comment is durably committed.

    Opening a store brings the register's tables up to date (:mod:`.migrations`);
    ``migrated`` says from which schema version to which.
    """

    migrated: Migrated

    def add(self, comment: NewComment, received_at: datetime, since: datetime | None = None) -> Receipt:
        """Store ``comment`` under a fresh receipt code, or return an earlier receipt.

        The earlier receipt is the one of the comment's ``token``, or, when ``since`` is
        given, the first comment with the same :func:`content_hash` received at or after
        ``since`` (a resend, with or without a token). Either way nothing is stored and
        the receipt says ``replayed``. The check and the insert are one transaction that
        no identical comment runs at the same time, so a burst of resends stores one.
        """
        for _attempt in range(_RECEIPT_ATTEMPTS):
            try:
                return self._insert(comment, new_receipt(), received_at, since)
            except ReceiptTaken:
                continue
        raise StoreUnavailable("could not draw an unused receipt code")

    @abstractmethod
    def _insert(self, comment: NewComment, code: str, received_at: datetime,
                since: datetime | None) -> Receipt:
        """One transaction: return the token's or the resend's earlier receipt, or insert and commit.

        Raises :class:`TokenReused` when the token's earlier comment differs from ``comment``.
        """

    @abstractmethod
    def find_token(self, token: str) -> Receipt | None:
        """The receipt of an earlier comment sent with ``token``, if any."""

    @abstractmethod
    def lookup(self, code: str) -> ReceiptStatus | None:
        """The public status of one comment, by canonical receipt code."""

    @abstractmethod
    def counts(self, batch: str) -> dict[str, int]:
        """Comments per nominee of ``batch`` by the rule :data:`COUNTED`; nominees without any are absent."""

    @abstractmethod
    def comments(self, batch: str) -> list[StoredComment]:
        """Every comment of ``batch``, oldest first."""

    @abstractmethod
    def receipts(self) -> set[str]:
        """Every receipt code in the register (for audits and the durability checks)."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Handle]:
        """One transaction for the staff side: a change and its audit entry commit together.

        Writers are serialised (SQLite: ``BEGIN IMMEDIATE``); any exception rolls it all back.
        """

    @abstractmethod
    def ping(self) -> None:
        """Raise :class:`StoreUnavailable` unless the database answers."""

    @abstractmethod
    def holding_personal_data(self) -> dict[str, int]:
        """For each batch, how many of its comments still hold a name, contact or address."""

    @abstractmethod
    def erase_personal_data(self, batch: str) -> int:
        """Blank the name and contact and drop the address of every comment of ``batch``; how many.

        The text, status, receipt and times stay: the record of what was said remains.
        """

    @abstractmethod
    def probe_write(self, now: datetime) -> None:
        """Write a scratch row and remove it, committed; :class:`StoreUnavailable` if refused."""

    # The rate limit's slots (site_builder/comments/http/limits.py): shared by every process.

    @abstractmethod
    def take_slot(self, slot: Slot, limit: int) -> bool:
        """Count one more request in ``slot`` if fewer than ``limit`` are counted; atomically."""

    @abstractmethod
    def give_back_slot(self, slot: Slot) -> None:
        """Count one request less in ``slot`` (never below zero)."""

    @abstractmethod
    def slots_used(self, slot: Slot) -> int:
        """How many requests ``slot`` counts now."""

    @abstractmethod
    def forget_slots(self, now: int) -> int:
        """Delete every slot whose window ended by ``now`` (Unix seconds); how many were deleted."""

    @abstractmethod
    def secret(self, name: str, make: Callable[[], str]) -> str:
        """The secret ``name``, made with ``make`` and stored on first use (one for every process)."""

    @abstractmethod
    def close(self) -> None:
        """Release connections; the store cannot be used afterwards."""


def open_store(url: str) -> Store:
    """The store for a database URL.

    ``sqlite:///relative/file.sqlite3`` or ``sqlite:////absolute/file.sqlite3``;
    ``postgresql://user:password@host:port/database`` (also ``postgres://``).
    """
    if url.startswith("sqlite:///"):
        from .sqlite import SqliteStore

        return SqliteStore(url.removeprefix("sqlite:///"))
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url)
    raise ValueError(_('"{url}" is not a database URL: use sqlite:///path/to/comments.sqlite3 or '
                       "postgresql://user@host:port/database").format(url=url))
