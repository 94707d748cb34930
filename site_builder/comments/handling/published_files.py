"""A published file is never overwritten with other content.

``<records>/_comment-register/<batch>.yml`` lists receipt codes that citizens
already hold, and ``<records>/_comment-counts/<batch>.yml`` the figures the site
already shows. Publishing again with the same frozen rows writes the same
files (harmless); publishing from a register that does not hold those
comments (another database, a restored copy) would make codes vanish. So the
file on disk is compared with the one about to be written, on what it says
(batch, publication moment, figures or receipts — not the comment header or
the wording of the rule), and a difference refuses the whole publication
before anything is frozen or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from site_builder.model.i18n import Explained, Phrase
from site_builder.model.i18n import mark as N_
from site_builder.model.vntime import VIETNAM

# What a file says, per kind: the keys compared.
COUNTS_KEYS = ("batch", "published_at", "total", "nominees")
REGISTER_KEYS = ("batch", "published_at", "receipts")


@dataclass(frozen=True)
class Planned:
    """A file about to be written: where (and as the records folder names it), and its document."""

    path: Path
    shown: str
    document: dict[str, object]
    keys: tuple[str, ...]


class PublishedFileDiffers(Explained):
    """A published file exists and says something else than the publication would write."""

    def __init__(self, planned: Planned, existing: object):
        found = existing if isinstance(existing, dict) else {}
        fields = {"file": planned.shown, "was": _describe(found), "now": _describe(planned.document)}
        super().__init__(
            Phrase(N_("{file} already exists ({was}) and differs from what this register would publish ({now}): "
                      "it was not overwritten and nothing was published. Citizens hold the receipt codes of the "
                      "published file: check that the service uses this batch's register of comments "
                      "(--database), and ask the system administrator; do not delete or edit the published "
                      "file"), **fields),
            Phrase(N_("Not published: the file {file} exists already ({was}) and differs from what this register "
                      "of comments would publish ({now}). The file was not overwritten and nothing was "
                      "published. Citizens hold the receipt codes of the published file: check that the service "
                      "uses this batch's register of comments, and tell the system administrator. Do not delete "
                      "or edit the published file by hand."), **fields))


def refuse_changes(planned: list[Planned]) -> None:
    """Raise :class:`PublishedFileDiffers` for the first file that exists with other content."""
    for one in planned:
        if not one.path.exists():
            continue
        existing = _read(one.path)
        wanted = yaml.safe_load(yaml.safe_dump(one.document, allow_unicode=True))
        if not isinstance(existing, dict) or any(existing.get(key) != wanted.get(key) for key in one.keys):
            raise PublishedFileDiffers(one, existing)


def _read(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None  # unreadable: differs from anything, so it is kept as it is


def _describe(document: dict) -> Phrase:
    """What a document says: when it was published, how many receipts or comments."""
    moment = _moment(document.get("published_at"))
    when = (Phrase(N_("published {day} {clock}"), day=f"{moment:%d/%m/%Y}", clock=f"{moment:%H:%M}") if moment
            else Phrase(N_("no publication date")))
    receipts = document.get("receipts")
    if isinstance(receipts, list):
        return Phrase(N_("{when}, {count} receipts"), when=when, count=len(receipts))
    return Phrase(N_("{when}, {count} comments in all"), when=when, count=document.get("total"))


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value.astimezone(VIETNAM)
    try:
        return datetime.fromisoformat(str(value)).astimezone(VIETNAM)
    except ValueError:
        return None
