"""The Content Security Policy: on every page, obeyed by every page, the same as an HTTP header.

The page-type suite (``test_page_types.py``) already fails on any violation
reported by the meta policy. Here: the policy is on every page of the build
and nothing inline needs it relaxed; the header form (with
``frame-ancestors``) works as well; ``mkdocs serve`` keeps live reload.
"""

from __future__ import annotations

import functools
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_support import UNUSED_COMMENTS_URL, PageWatch
from helpers import write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.site.csp import content_security_policy

_SCRIPT_DATA_TYPES = {"application/json", "application/ld+json"}


class _Inline(HTMLParser):
    """The policy of a page, and whatever in it would need ``'unsafe-inline'``."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(values.get("content", ""))
        if tag == "script" and "src" not in values and values.get("type", "") not in _SCRIPT_DATA_TYPES:
            self.inline.append("<script> without src")
        if tag == "style" or "style" in values:
            self.inline.append(f"<{tag}> style")
        self.inline += [f"<{tag} {name}>" for name in values if name.startswith("on")]


@pytest.mark.parametrize("site_fixture, comments_url", [("sample_site", None), ("form_site", UNUSED_COMMENTS_URL)])
def test_every_page_carries_the_policy_and_needs_nothing_inline(request, site_fixture, comments_url):
    site = request.getfixturevalue(site_fixture)
    expected = content_security_policy(comments_url)
    pages = [page for page in sorted(site.rglob("*.html")) if "<meta http-equiv=\"refresh\"" not in
             page.read_text(encoding="utf-8")[:2000]]  # alias redirect pages are standalone
    assert len(pages) > 100
    problems = {}
    for page in pages:
        parser = _Inline()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.policies != [expected] or parser.inline:
            problems[str(page.relative_to(site))] = (parser.policies, sorted(set(parser.inline)))
    assert not problems, list(problems.items())[:5]


@pytest.mark.parametrize("url, origin", [
    ("https://thiduakhenthuong.example.gov.vn/y-kien", "https://thiduakhenthuong.example.gov.vn"),
    ("HTTPS://Example.GOV.vn:8443/api/", "https://example.gov.vn:8443"),
    ("https://user:secret@example.gov.vn/y-kien", "https://example.gov.vn"),
    ("http://[::1]:8001", "http://[::1]:8001"),
    ("/y-kien", None),
    ("", None),
    (None, None),
])
def test_the_comment_service_origin_is_allowed_and_nothing_more(url, origin):
    policy = content_security_policy(url)
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    expected = f"'self' {origin}" if origin else "'self'"
    assert directives["connect-src"] == directives["form-action"] == expected
    assert directives["script-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "frame-ancestors" not in policy  # ignored, with a console error, in a <meta>
    assert content_security_policy(url, header=True) == policy + "; frame-ancestors 'none'"


def test_the_header_form_works_as_the_meta_does(browser, form_site):
    header = content_security_policy(UNUSED_COMMENTS_URL, header=True)

    class WithPolicy(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - signature of the base class
            pass

        def end_headers(self):
            self.send_header("Content-Security-Policy", header)
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(WithPolicy, directory=str(form_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for path in ("", "dien-hinh/nguyen-thi-hoa/", "lay-y-kien/huan-chuong-lao-dong-dot-2-2026/",
                     "tim-kiem/?q=hoa", "phong-trao/"):
            page = browser.new_page()
            watch = PageWatch.attach(page)
            response = page.goto(base + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            assert response.headers["content-security-policy"] == header
            assert not watch.problems(), (path, watch.problems())
            page.close()
    finally:
        server.shutdown()
        server.server_close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_mkdocs_serve_keeps_live_reload(browser, tmp_path):
    config = write_site(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        url = f"http://127.0.0.1:{port}/dien-hinh/nguyen-thi-hoa/"
        html = _wait_until_up(url, 60)
        assert re.search(r"script-src 'self' 'unsafe-inline'", html)
        page = browser.new_page()
        watch = PageWatch.attach(page)
        with page.expect_request(re.compile(r"/livereload/\d+/\d+")):
            page.goto(url)
        assert not watch.csp_violations
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_pages_cached_under_serve_are_never_published_by_a_build(tmp_path):
    # The page cache keeps rendered pages between builds; a page rendered for `mkdocs serve`
    # allows inline scripts and must not be reused by the next real build. MkDocs keeps one
    # plugin instance per process once it has on_startup, as the CLI calls it for every command.
    config = write_site(tmp_path)
    # With a `nav`, generated pages can be cached (tests/test_page_cache.py).
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - Trang chủ: index.md\n", encoding="utf-8")
    config_file = str(config)
    page = "dien-hinh/nguyen-thi-hoa/index.html"
    serving = load_config(config_file=config_file, site_dir=str(tmp_path / "site"))
    try:
        serving.plugins.on_startup(command="serve", dirty=False)
        build(serving)
        assert "script-src 'self' 'unsafe-inline'" in (tmp_path / "site" / page).read_text(encoding="utf-8")
    finally:
        building = load_config(config_file=config_file, site_dir=str(tmp_path / "site"))
        building.plugins.on_startup(command="build", dirty=False)
    build(building)
    html = (tmp_path / "site" / page).read_text(encoding="utf-8")
    assert "'unsafe-inline'" not in html and "script-src 'self';" in html
