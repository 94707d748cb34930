"""Markdown and HTML for record text: rendered once, sanitised always.

Stories and summaries come from staff and, one day, from imported lists; raw
HTML in them must never run in a reader's browser, so every piece of HTML
made from a record passes through nh3 (the Rust ``ammonia`` sanitiser).
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p",
    "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitise(html: str) -> str:
    """Keep structure and links, drop scripts, event handlers and ``javascript:`` URLs."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def render_markdown(text: str | None) -> str:
    """Markdown of a short record field (a summary, a description) to safe HTML."""
    if not text:
        return ""
    return sanitise(_converter().reset().convert(text))


# One converter, reset between texts: building a Markdown instance costs more than
# converting a summary, and a batch page converts hundreds of them.
@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")
