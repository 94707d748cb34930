"""Markdown and HTML for record text: rendered once, sanitised always.

Record text (stories, descriptions, summaries) is CommonMark with GitHub's
tables, strikethrough and autolinks, converted by cmark-gfm (``cmarkgfm``, the C
library GitHub and PyPI use): the syntax most editors preview, forgiving about
blank lines before lists, and about 27 times faster than Python-Markdown on a
story (0.05 ms against 1.3 ms; 13 s of CPU at 10,000 records). Hand-written
pages and news posts stay with MkDocs' Python-Markdown.

Stories and summaries come from staff and, one day, from imported lists; raw
HTML in them must never run in a reader's browser, so every piece of HTML
made from a record passes through nh3 (the Rust ``ammonia`` sanitiser).
"""

from __future__ import annotations

import html
import re
from typing import Any

import cmarkgfm
import nh3

from site_builder.model.text import slugify

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
    return sanitise(cmarkgfm.github_flavored_markdown_to_html(text))


def render_story(text: str | None) -> tuple[str, list[dict[str, Any]]]:
    """A story or a long description: safe HTML whose headings have ids, and its table of contents.

    The table of contents is a list of tokens as Python-Markdown's ``toc``
    extension makes them (``level``, ``id``, ``name`` as HTML, ``children``),
    for :func:`mkdocs.structure.toc.get_toc`. Ids are the headings' words
    without diacritics ("Đổi mới" → ``doi-moi``), so links to a section read well.
    """
    if not text:
        return "", []
    headings = _Headings()
    body = _HEADING.sub(headings.anchor, cmarkgfm.github_flavored_markdown_to_html(text))
    return sanitise(body), headings.toc


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


class _Headings:
    """Gives each heading a unique id and nests the headings into a table of contents."""

    def __init__(self) -> None:
        self.toc: list[dict[str, Any]] = []
        self._open: list[dict[str, Any]] = []  # the current heading of each level above
        self._used: set[str] = set()

    def anchor(self, match: re.Match[str]) -> str:
        level, inner = int(match.group(1)), match.group(2)
        name = _TAG.sub("", inner).strip()  # still escaped HTML, as the table of contents prints it
        slug = slugify(html.unescape(name)) or "muc"
        # The page's own ids begin with "sb-" (site_builder's templates): never take one.
        heading_id = self._unique(f"muc-{slug}" if slug.startswith("sb-") else slug)
        token = {"level": level, "id": heading_id, "name": name, "children": []}
        while self._open and self._open[-1]["level"] >= level:
            self._open.pop()
        (self._open[-1]["children"] if self._open else self.toc).append(token)
        self._open.append(token)
        return f'<h{level} id="{heading_id}">{inner}</h{level}>'

    def _unique(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while candidate in self._used:
            candidate = f"{wanted}-{number}"
            number += 1
        self._used.add(candidate)
        return candidate
