"""The rate limits hold under concurrency, across processes and across an IPv6 /64 (issue 17).

Requests are sent concurrently to the ASGI app on one event loop (the store
runs in worker threads, as in the service), so they are in flight together.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx2
import pytest
from comments_support import OPEN, comment, distinct

from site_builder.comments import Settings, SpamRules, create_app, open_store
from site_builder.comments.http.limits import AddressHasher, Bucket, client_network

LIMIT = 20
RULES = SpamRules(min_seconds=0, rate_limit=LIMIT, rate_window=600, invalid_limit=0, lookup_limit=0)


def run_apart(coroutine):
    """Run ``coroutine`` on an event loop of its own thread: the browser tests' Playwright keeps a
    loop running in this one for the whole session, where asyncio.run() refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _settings(records, database_url, clock, **rules: object) -> Settings:
    spam = SpamRules(**{**RULES.__dict__, **rules})
    return Settings(records=records, database_url=database_url, clock=clock, spam=spam)


async def _post_all(app, addresses: list[str], data: dict | None = None) -> list[int]:
    """One concurrent POST per entry of ``addresses``, each from that address."""
    async def post(address: str) -> int:
        transport = httpx2.ASGITransport(app=app, client=(address, 40000))
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
            response = await client.post("/api/comments", json=data or distinct())
            return response.status_code

    return list(await asyncio.gather(*(post(address) for address in addresses)))


def _post_each(app, addresses: list[str], data: dict | None = None) -> list[int]:
    """The same, one after the other."""
    return [status for address in addresses for status in run_apart(_post_all(app, [address], data))]


def test_a_concurrent_burst_of_200_from_one_address_stores_at_most_the_limit(records, database_url,
                                                                              clock, store):
    app = create_app(_settings(records, database_url, clock), store=store)

    statuses = run_apart(_post_all(app, ["203.0.113.7"] * 200))

    assert statuses.count(201) == LIMIT
    assert statuses.count(429) == 200 - LIMIT
    assert len(store.comments(OPEN)) == LIMIT


def test_two_service_instances_on_one_database_share_the_limit(records, database_url, clock):
    first, second = open_store(database_url), open_store(database_url)
    try:
        apps = [create_app(_settings(records, database_url, clock), store=opened) for opened in (first, second)]

        async def both() -> list[int]:
            halves = await asyncio.gather(*(_post_all(app, ["203.0.113.7"] * 30) for app in apps))
            return halves[0] + halves[1]

        statuses = run_apart(both())
        assert statuses.count(201) == LIMIT
        assert len(first.comments(OPEN)) == LIMIT
    finally:
        first.close()
        second.close()


def test_25_addresses_of_one_ipv6_64_share_the_limit(records, database_url, clock, store):
    app = create_app(_settings(records, database_url, clock), store=store)
    addresses = [f"2001:db8:abcd:12::{number:x}" for number in range(1, 26)]

    statuses = run_apart(_post_all(app, addresses))

    assert statuses.count(201) == LIMIT
    assert run_apart(_post_all(app, ["2001:db8:abcd:13::1"])) == [201]  # the next /64 is another client


def test_a_refused_post_gives_its_slot_back(records, database_url, clock, store):
    app = create_app(_settings(records, database_url, clock, rate_limit=2), store=store)

    invalid = _post_each(app, ["203.0.113.7"] * 10, comment(name=None))
    valid = _post_each(app, ["203.0.113.7"] * 3)

    assert set(invalid) == {422}
    assert valid == [201, 201, 429]


def test_invalid_posts_are_throttled_by_their_own_looser_limit(records, database_url, clock, store):
    app = create_app(_settings(records, database_url, clock, rate_limit=2, invalid_limit=5), store=store)

    statuses = _post_each(app, ["203.0.113.7"] * 8, comment(name=None))
    after = run_apart(_post_all(app, ["203.0.113.7"]))

    assert statuses == [422] * 5 + [429] * 3
    assert after == [429]  # even a valid post waits once the client sent too many invalid ones
    assert run_apart(_post_all(app, ["198.51.100.9"])) == [201]


def test_receipt_look_ups_are_throttled(make_client, clock):
    client = make_client(spam=SpamRules(min_seconds=0, rate_limit=0, lookup_limit=3, lookup_window=60))
    code = client.post("/api/comments", json=comment()).json()["receipt"]

    statuses = [client.get(f"/api/receipts/{code}").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]
    refused = client.get(f"/api/receipts/{code}")
    assert 0 < int(refused.headers["retry-after"]) <= 61 and "tra cứu" in refused.json()["error"]
    clock.advance(60)
    assert client.get(f"/api/receipts/{code}").status_code == 200


def test_the_register_holds_hashed_keys_only_and_forgets_them_after_the_window(records, database_url,
                                                                               clock, store):
    app = create_app(_settings(records, database_url, clock), store=store)
    run_apart(_post_all(app, ["203.0.113.7"]))
    slot = Bucket("comments", LIMIT, 600).slot("", clock.now.timestamp())

    assert store.forget_slots(slot.expires_at - 1) == 0
    assert store.forget_slots(slot.expires_at) == 1


def test_the_window_ends_and_the_client_may_send_again(records, database_url, clock, store):
    app = create_app(_settings(records, database_url, clock, rate_limit=1), store=store)

    assert run_apart(_post_all(app, ["203.0.113.7"] * 2)) .count(201) == 1
    clock.advance(600)
    assert run_apart(_post_all(app, ["203.0.113.7"])) == [201]


@pytest.mark.parametrize(("address", "network"), [
    ("203.0.113.7", "203.0.113.7"),
    ("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd:12::/64"),
    ("::ffff:203.0.113.7", "203.0.113.7"),
    ("testclient", "testclient"),
])
def test_client_network(address, network):
    assert client_network(address) == network


def test_the_key_is_an_hmac_that_changes_every_day(clock):
    hasher = AddressHasher("a secret of the server, long enough")
    today = clock.now.timestamp()
    tomorrow = (clock.now + timedelta(days=1)).timestamp()

    key = hasher.key("203.0.113.7", today)
    assert key == hasher.key("203.0.113.7", today + 60)
    assert key != hasher.key("203.0.113.7", tomorrow)
    assert key != AddressHasher("another secret of the server").key("203.0.113.7", today)
    assert "203" not in key and len(key) == 32


def test_a_secret_made_once_is_shared_by_every_process(database_url):
    first, second = open_store(database_url), open_store(database_url)
    try:
        made = first.secret("rate-limit", lambda: "made by the first")
        assert second.secret("rate-limit", lambda: "made by the second") == made == "made by the first"
    finally:
        first.close()
        second.close()
