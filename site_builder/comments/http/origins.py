"""The site's origin: the one place posts may come from, CORS answers to, receipt pages link back to.

**Cross-site posts are refused** (403): otherwise any web page could make its
visitors' browsers file comments, each from the visitor's own address, past
the per-address limit. A browser tells where a post comes from: every current
browser sends ``Origin`` with a POST (``null`` from a sandboxed frame, a
``data:`` page or a redirect chain: refused too), and most send
``Sec-Fetch-Site``. So a post is accepted when

- ``Origin`` is the configured site origin (``--origin``), whatever
  ``Sec-Fetch-Site`` says (the service may live on another site than the
  pages, which is what CORS is for); or
- there is neither ``Origin`` nor ``Sec-Fetch-Site``: not a browser of our
  time but a program (the board's own tools, ``curl``, the benchmark). A
  program can write any header it likes, so ``Origin`` could not stop it
  anyway; the rate limits do. A browser that sends ``Sec-Fetch-Site`` but no
  ``Origin`` is hiding where it comes from, and is refused.

A post whose ``Sec-Fetch-Site`` says ``same-origin`` and whose ``Origin`` is
the service's own (the ``Host`` it was sent to) comes from a page the service
served itself: the form shown again after a refused post. Another site's page
cannot make a browser say ``same-origin``. Without ``--origin`` that is the
only browser post accepted (as in development).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from site_builder.comments.refusals import ServiceError

_OWN_BROWSER_CONTEXT = {"same-origin", "none"}


def safe_return_to(value: object, origin: str | None) -> str | None:
    """``value`` if it is an http(s) address on the site's own origin, else ``None``.

    A link back to any other place would let the service be used to send people
    to a look-alike site (an open redirect in all but name).
    """
    if origin is None or not isinstance(value, str) or len(value) > 2000:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or any(c in value for c in "\r\n\t\\"):
        return None
    if f"{parts.scheme}://{parts.netloc}".lower() != origin:
        return None
    return value.strip()


def normalise_origin(url: str) -> str:
    """``https://example.gov.vn`` from ``https://Example.gov.vn/some/page``; refuses non-web URLs."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        raise ValueError(f'"{url}" is not a site origin such as https://thiduakhenthuong.example.gov.vn')
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_post_origin(headers: Mapping[str, str], origin: str | None, own: str | None = None) -> None:
    """403 unless the post comes from the site's origin, the service's own page, or a program.

    ``own`` is the service's own origin as the request names it (scheme and ``Host``);
    see the module's doc.
    """
    sent = headers.get("origin")
    fetch_site = headers.get("sec-fetch-site", "").strip().lower() or None
    if sent is None:
        if fetch_site is None or (fetch_site in _OWN_BROWSER_CONTEXT and origin is None):
            return
    elif origin is not None and sent.strip().lower() == origin:
        return
    elif fetch_site == "same-origin" and (origin is None or sent.strip().lower() == own):
        return
    raise ServiceError(403, "Ý kiến chỉ nhận từ biểu mẫu trên trang lấy ý kiến của Ban Thi đua – Khen thưởng"
                            + (f" ({origin})" if origin else "") + ". Trang bạn vừa dùng không phải trang đó, "
                            "nên ý kiến CHƯA được ghi nhận. Vui lòng mở trang lấy ý kiến của Ban và gửi lại "
                            "từ đó.")
