"""The receipt look-up page (``/tra-cuu-y-kien/``): a citizen checks what became of their comment.

The page is a code box. Without JavaScript its form asks the comment service's
own look-up page (``<comments_url>/tra-cuu``, in the site's look); with it,
``lookup.js`` asks the service's JSON look-up and shows the answer in place.
Either way the service forgives case, spaces and a missing hyphen, and answers
in words (received, under review, considered by the council) with the batch,
the nominee and the date: nothing about the person.

After a batch's register of receipts is published (:mod:`.register_pages`), the
script also answers from it, in the same words, when the service does not know
a code or cannot be reached; without JavaScript, the page links each published
register (``registers``), where the codes are listed in order.
"""

from __future__ import annotations

from site_builder.model import urls
from site_builder.model.board import Board

from .specs import PageSpec

TITLE = "Tra cứu ý kiến đã gửi"


def receipt_lookup_page(comments_url: str | None, board: Board | None,
                        registers: list[tuple[str, str]] | None = None) -> PageSpec:
    """The look-up page, asking the comment service at ``comments_url``; ``registers`` are the
    published registers of receipts, (batch title, page address) each.

    Without a comment service (a board that has closed it), the page answers from the
    published registers alone: the form then comes back to this page (``?ma=``), where
    the script looks the code up."""
    service = comments_url.rstrip("/") if comments_url else None
    return PageSpec(urls.LOOKUP, "receipt-lookup.html", TITLE,
                    "Nhập mã biên nhận để biết ý kiến bạn gửi về danh sách đề nghị khen thưởng đã được "
                    "tiếp nhận và xem xét đến đâu.",
                    context={"board": board, "lookup_page": f"{service}/tra-cuu" if service else None,
                             "lookup_api": f"{service}/api/receipts/" if service else None,
                             "registers": registers or [], "register_lookup": urls.REGISTER_LOOKUP},
                    hide=("navigation", "toc"))
