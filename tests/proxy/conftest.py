"""Fixtures of the tests through nginx: the repository's nginx configuration in front of two
``site-builder comments serve`` processes sharing one PostgreSQL database.

nginx comes from Debian's packages (``.ci/tests`` installs it); when it is missing the fixture
*fails* with the command that installs it. PostgreSQL comes from ``COMMENTS_TEST_POSTGRES_URL``,
as for the comment service's own tests; ``SITE_BUILDER_NO_POSTGRES=1`` leaves these tests out.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

# The comment service's test helpers (a real server process, the batches, a fresh database).
sys.path.insert(0, str(Path(__file__).parent.parent / "comments"))

from comments_support import NO_POSTGRES_ENV, OPEN, fresh_database, write_batch  # noqa: E402
from nginx_process import INSTALL_HINT, nginx_binary  # noqa: E402
from proxy_stack import Stack, start_stack  # noqa: E402

HERE = Path(__file__).parent
# The site's files, as the build names them: a page, a hashed and an unhashed asset.
PAGE = "<!doctype html><html lang=vi><title>Thi đua – Khen thưởng</title><p>{}</p></html>\n"
HASHED_CSS = "assets/stylesheets/main.57a0d79d.min.css"
PLAIN_JS = "assets/javascripts/comments.js"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(NO_POSTGRES_ENV) != "1":
        return
    left_out = [item for item in items if item.path.is_relative_to(HERE)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]


def write_site(folder: Path) -> Path:
    """A small built site: the home page, a record page, and assets large enough to compress."""
    (folder / "dien-hinh" / "htx-hai-dong").mkdir(parents=True)
    (folder / "index.html").write_text(PAGE.format("Trang chủ " * 60), encoding="utf-8")
    (folder / "dien-hinh" / "htx-hai-dong" / "index.html").write_text(PAGE.format("HTX"), encoding="utf-8")
    for name, text in ((HASHED_CSS, "body { color: #222; }\n" * 100), (PLAIN_JS, "var a = 1;\n" * 100)):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def nginx_installed() -> None:
    if nginx_binary() is None:
        pytest.fail(INSTALL_HINT, pytrace=False)


def _stack(factory: pytest.TempPathFactory, name: str) -> Iterator[Stack]:
    folder = factory.mktemp(name)
    with ExitStack() as stack:
        url = stack.enter_context(fresh_database("postgresql", folder))
        # Open whatever the machine's clock says: the services read the real time.
        records = folder / "records"
        write_batch(records, OPEN, "01/01/2026", "31/12/2099")
        site = write_site(folder / "site")
        yield start_stack(stack, folder, records, url, site)


@pytest.fixture(scope="session")
def proxy(nginx_installed: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The deployment shared by the tests that leave both services running."""
    yield from _stack(tmp_path_factory, "proxy")


@pytest.fixture(scope="module")
def doomed_proxy(nginx_installed: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A deployment of its own, for a test that kills one of its services."""
    yield from _stack(tmp_path_factory, "doomed")
