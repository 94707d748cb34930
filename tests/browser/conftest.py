"""Browser tests: Playwright driving the system's Chromium against a site served on loopback."""

from __future__ import annotations

import functools
import gzip
import os
import re
import shutil
import threading
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from comments.comments_server import ServerProcess
from helpers import BATCH, REPO, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from site_builder.model.vntime import VIETNAM

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# Screenshots of the pages a failed test left open; CI can keep this folder as an artifact.
ARTIFACTS = Path(os.environ.get("SITE_BUILDER_TEST_ARTIFACTS", REPO / "test-artifacts")) / "screenshots"
OPEN_BATCH = BATCH.replace("closes: 16/11/2026", "closes: 31/12/2099")
_PAGES_BEFORE = pytest.StashKey[set]()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class _CompressingHandler(_QuietHandler):
    """Gzip for text, as the board's web server is set up to do (README: serving the site)."""

    COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")

    def do_GET(self):  # noqa: N802 - name of the base class's method
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() \
                or not kind.startswith(self.COMPRESSED):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def _serving(handler_class=_QuietHandler):
    """A function folder -> base URL serving it on a free loopback port, and the servers started."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(handler_class, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    return start, servers


def _stop(servers) -> None:
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def serve():
    """Serve a folder on a free loopback port; returns a function folder -> base URL."""
    start, servers = _serving()
    yield start
    _stop(servers)


@pytest.fixture
def serve_compressed():
    """Like ``serve``, with gzip for text as a production web server sends it."""
    start, servers = _serving(_CompressingHandler)
    yield start
    _stop(servers)


@pytest.fixture(scope="session")
def serve_session():
    """Like ``serve``, for folders served once for the whole session."""
    start, servers = _serving()
    yield start
    _stop(servers)


@pytest.fixture(autouse=True)
def _remember_open_pages(request):
    """Note the pages open before the test, so a failure screenshots only the test's own."""
    if "browser" in request.fixturenames:
        browser = request.getfixturevalue("browser")
        request.node.stash[_PAGES_BEFORE] = {id(page) for context in browser.contexts for page in context.pages}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, save a full-page screenshot of every page the test opened."""
    report = yield
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.failed and report.when == "call" and browser is not None:
        before = item.stash.get(_PAGES_BEFORE, set())
        pages = [page for context in browser.contexts for page in context.pages
                 if id(page) not in before and not page.is_closed()]
        saved = [_screenshot(page, item.nodeid, number) for number, page in enumerate(pages, 1)]
        if saved:
            report.sections.append(("screenshots", "\n".join(saved)))
    return report


def _screenshot(page, nodeid: str, number: int) -> str:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', nodeid)[-150:]}-{number}.png"
    try:
        page.screenshot(path=str(path), full_page=True, timeout=10_000)
    except Exception as exc:  # noqa: BLE001 - a screenshot must not hide the real failure
        return f"{page.url}: no screenshot ({exc})"
    return f"{page.url}: {path}"


@pytest.fixture
def site_and_service(tmp_path, serve):
    """A small site whose open comment period posts to a real comment service on loopback.

    Yields the period's page URL, the service's database URL and the folder.
    """
    database = f"sqlite:///{tmp_path / 'comments.sqlite3'}"
    config = write_site(tmp_path, now=datetime.now(VIETNAM).replace(tzinfo=None).isoformat(timespec="seconds"),
                        batch=OPEN_BATCH)
    # The service's port is chosen before the build, so the page can point at it.
    service = ServerProcess(tmp_path / "exemplars", database, tmp_path / "service.log")
    text = config.read_text(encoding="utf-8").replace(
        "      page_size: 2\n", f"      page_size: 2\n      comments_url: http://127.0.0.1:{service.port}\n")
    config.write_text(text, encoding="utf-8")
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    base = serve(tmp_path / "site")
    service._arguments += ["--origin", base.rstrip("/")]
    service.start()
    yield base + "lay-y-kien/dot-1/", database, tmp_path
    service.stop()
