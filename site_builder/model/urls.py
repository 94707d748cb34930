"""Permanent addresses of every generated page, relative to the site root.

These are public: journalists link to them, so they never change for a record
whose id does not change. All end with a slash (directory URLs).
"""

from __future__ import annotations

EXEMPLARS = "dien-hinh/"
CAMPAIGNS = "phong-trao/"
BATCHES = "lay-y-kien/"
NEWS = "tin-tuc/"
DATA_PROTECTION = "chinh-sach-bao-ve-du-lieu-ca-nhan/"
LOOKUP = "tra-cuu-y-kien/"


def exemplar(exemplar_id: str) -> str:
    return f"{EXEMPLARS}{exemplar_id}/"


def campaign(campaign_id: str) -> str:
    return f"{CAMPAIGNS}{campaign_id}/"


def batch(batch_id: str) -> str:
    return f"{BATCHES}{batch_id}/"


def nominee(batch_id: str, nominee_id: str) -> str:
    return f"{batch(batch_id)}#{nominee_id}"


def listing(base: str, page: int) -> str:
    """Page ``page`` (from 1) of a listing whose first page is at ``base``."""
    return base if page == 1 else f"{base}trang-{page}/"


def source_uri(url: str) -> str:
    """The Markdown source name MkDocs needs to publish a page at ``url``."""
    return f"{url}index.md" if url else "index.md"


def receipt_register(batch_id: str, first: str | None = None) -> str:
    """A batch's public register of receipts; with ``first``, its page of the codes starting so."""
    base = f"{batch(batch_id)}so-y-kien/"
    return f"{base}{first.lower()}/" if first else base


# The published registers, split by the first two characters of the codes, for the look-up page's script.
REGISTER_LOOKUP = f"{LOOKUP}ma/"
