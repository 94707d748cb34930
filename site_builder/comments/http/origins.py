"""The site's origin: the one place CORS answers to and receipt pages link back to."""

from __future__ import annotations

from urllib.parse import urlsplit


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
