"""Fixtures of the comment-service tests; every database test runs on SQLite and PostgreSQL.

PostgreSQL comes from ``COMMENTS_TEST_POSTGRES_URL`` (CI sets it from
``.ci/start-postgres``). When it is unset, the PostgreSQL runs *fail* with a
message saying how to start a server — a missing database must never pass
silently — unless ``SITE_BUILDER_NO_POSTGRES=1`` asks to leave them out (for a
quick local run), in which case they are deselected.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from comments_support import NO_POSTGRES_ENV, ORIGIN, Clock, fresh_database, write_records
from starlette.testclient import TestClient

from site_builder.comments import Settings, SpamRules, create_app, open_store
from site_builder.comments.store.register import Store

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(NO_POSTGRES_ENV) != "1":
        return
    left_out = [item for item in items if item.path.is_relative_to(HERE) and _on_postgres(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]


def _on_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    return callspec is not None and callspec.params.get("database_url") == "postgresql"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty register: an SQLite file, or a PostgreSQL schema of its own."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(database_url)
    yield opened
    opened.close()


@pytest.fixture
def records(tmp_path: Path) -> Path:
    return write_records(tmp_path / "records")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(records: Path, database_url: str, clock: Clock) -> Settings:
    """Spam rules loose enough for functional tests: no minimum time, no rate limit."""
    return Settings(records=records, database_url=database_url, origin=ORIGIN, clock=clock,
                    spam=SpamRules(min_seconds=0, rate_limit=0, invalid_limit=0, lookup_limit=0))


@pytest.fixture
def client(settings: Settings, store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store=store)) as test_client:
        yield test_client


@pytest.fixture
def make_client(records: Path, database_url: str, clock: Clock, store: Store) -> Iterator:
    """Build a client with other settings, e.g. ``make_client(spam=SpamRules(rate_limit=2))``."""
    opened: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        values = {"records": records, "database_url": database_url, "origin": ORIGIN, "clock": clock,
                  "spam": SpamRules(min_seconds=0, rate_limit=0, invalid_limit=0, lookup_limit=0), **overrides}
        test_client = TestClient(create_app(Settings(**values), store=store))
        test_client.__enter__()
        opened.append(test_client)
        return test_client

    yield make
    for test_client in opened:
        test_client.__exit__(None, None, None)


@pytest.fixture
def staff(store: Store, clock: Clock):
    """Three accounts (see ``staff_support.make_accounts``) and a comment whose details must never
    appear in a refused answer."""
    from comments_support import NOMINEE, OPEN
    from staff_support import SECRET_CONTACT, SECRET_NAME, SECRET_TEXT, make_accounts

    from site_builder.comments.store.register import NewComment

    store.add(NewComment(batch=OPEN, nominee=NOMINEE, name=SECRET_NAME, contact=SECRET_CONTACT,
                         text=SECRET_TEXT), clock.now)
    return make_accounts(store, clock.now)


@pytest.fixture
def console(settings: Settings, store: Store) -> Iterator[TestClient]:
    """A client of the app over HTTPS that does not follow redirects (to check them)."""
    from staff_support import staff_client

    with staff_client(create_app(settings, store=store)) as test_client:
        yield test_client
