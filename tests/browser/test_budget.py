"""Performance budget: an exemplar page on a slow phone connection, measured in Chromium.

First visit, empty cache: the page, its styles, scripts, fonts and the data
its scripts fetch (images excluded) transfer at most 250 KB, and nothing is
asked of any host but the site's own (no web fonts, no CDN: the site must
work where only the government network is reachable). The site is served
with gzip for text, as the README asks of the board's web server.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

BUDGET_BYTES = 250_000
# Even from a server that does not compress, the page stays usable.
UNCOMPRESSED_LIMIT_BYTES = 400_000
EXEMPLAR = "dien-hinh/nguyen-thi-hoa/"


@pytest.fixture
def first_visit(browser, serve_compressed, sample_site):
    """Load a page in a fresh context (empty cache); returns the finished requests with their sizes."""
    contexts = []

    def load(path: str) -> tuple[str, list[tuple[str, str, int, int]]]:
        context = browser.new_context(viewport={"width": 375, "height": 800})
        contexts.append(context)
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        base = serve_compressed(sample_site)
        page.goto(base + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        # Response body sizes as they crossed the network (gzip-compressed for text).
        return base, [(request.url, request.resource_type, request.sizes()["responseBodySize"],
                       len(request.response().body())) for request in finished]

    yield load
    for context in contexts:
        context.close()


def test_exemplar_page_transfers_at_most_250_kb_without_images(first_visit):
    _base, requests = first_visit(EXEMPLAR)
    counted = [request for request in requests if request[1] != "image"]
    total = sum(sent for _url, _kind, sent, _size in counted)
    uncompressed = sum(size for _url, _kind, _sent, size in counted)
    assert {"document", "stylesheet", "script"} <= {kind for _url, kind, _sent, _size in counted}
    listing = "\n".join(f"{sent:>8} {size:>8} {kind:<10} {url}"
                        for url, kind, sent, size in sorted(counted, key=lambda request: -request[2]))
    assert total <= BUDGET_BYTES, f"{total} bytes sent > {BUDGET_BYTES}:\n{listing}"
    assert uncompressed <= UNCOMPRESSED_LIMIT_BYTES, f"{uncompressed} bytes > {UNCOMPRESSED_LIMIT_BYTES}:\n{listing}"


def test_exemplar_page_asks_nothing_of_other_hosts(first_visit):
    base, requests = first_visit(EXEMPLAR)
    site = urlsplit(base).netloc
    elsewhere = [url for url, _kind, _sent, _size in requests
                 if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != site]
    assert requests and not elsewhere


def test_a_first_visit_fetches_nothing_that_grows_with_the_site(first_visit):
    """No sitemap (Material's instant navigation would fetch it: every record's address) and no search index."""
    _base, requests = first_visit(EXEMPLAR)
    paths = [urlsplit(url).path for url, _kind, _sent, _size in requests]
    assert any(path.endswith(f"/{EXEMPLAR}") for path in paths)
    assert not [path for path in paths if path.endswith(("sitemap.xml", "sitemap.xml.gz")) or "/search/" in path]
