"""The register itself, on both databases: receipts, collisions, moderation, durability settings."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from comments_support import OPEN

from site_builder.comments.handling.status_changes import StatusChange, StatusProblem, change_status
from site_builder.comments.store import register as store_module
from site_builder.comments.store.audit_log import audit_entries
from site_builder.comments.store.receipts import ALPHABET, new_receipt, normalise_receipt
from site_builder.comments.store.register import NewComment, StoreUnavailable, open_store
from site_builder.model.vntime import VIETNAM

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=VIETNAM)


def _entry(**overrides: object) -> NewComment:
    values = {"batch": OPEN, "nominee": "htx-hai-dong", "name": "Nguyễn Văn Thành",
              "contact": "0912345678", "text": "Nội dung góp ý.", **overrides}
    return NewComment(**values)


def test_receipt_codes_are_short_and_unambiguous():
    codes = {new_receipt() for _ in range(2000)}

    assert len(codes) == 2000
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert not set(code.replace("-", "")) & set("01OIL")
    assert set(ALPHABET).isdisjoint("01OIL")


@pytest.mark.parametrize(("typed", "expected"), [
    ("K7QX-M4TN", "K7QX-M4TN"), ("k7qx m4tn", "K7QX-M4TN"), ("K7QXM4TN", "K7QX-M4TN"),
    (" k7qx-m4tn ", "K7QX-M4TN"), ("K7QX-M4T", None), ("K7QX-M4TO", None), ("K7QX-M4T1", None),
    ("", None),
])
def test_receipt_codes_as_people_type_them(typed, expected):
    assert normalise_receipt(typed) == expected


def test_receipt_collision_is_retried_with_a_new_code(store, monkeypatch):
    codes = iter(["AAAA-BBBB", "AAAA-BBBB", "AAAA-BBBB", "CCCC-DDDD"])
    monkeypatch.setattr(store_module, "new_receipt", lambda: next(codes))

    first = store.add(_entry(), NOW)
    second = store.add(_entry(), NOW)

    assert (first.code, second.code) == ("AAAA-BBBB", "CCCC-DDDD")
    assert len(store.comments(OPEN)) == 2


def test_endless_collisions_give_up_without_storing(store, monkeypatch):
    store.add(_entry(), NOW)
    taken = store.comments(OPEN)[0].receipt
    monkeypatch.setattr(store_module, "new_receipt", lambda: taken)

    with pytest.raises(StoreUnavailable):
        store.add(_entry(), NOW)
    assert len(store.comments(OPEN)) == 1


def test_times_come_back_in_vietnam_time(store):
    receipt = store.add(_entry(), datetime(2026, 11, 20, 3, 0, tzinfo=VIETNAM).astimezone())

    assert receipt.received_at.utcoffset() == timedelta(hours=7)
    assert store.lookup(receipt.code).received_at == datetime(2026, 11, 20, 3, 0, tzinfo=VIETNAM)
    assert store.comments(OPEN)[0].received_at.utcoffset() == timedelta(hours=7)


def test_comments_come_oldest_first_and_per_batch(store):
    for number in range(5):
        store.add(_entry(text=f"Góp ý số {number}"), NOW + timedelta(seconds=number))
    store.add(_entry(batch="dot-khac"), NOW)

    assert [comment.text for comment in store.comments(OPEN)] == [f"Góp ý số {n}" for n in range(5)]
    assert len(store.comments("dot-khac")) == 1
    assert store.counts(OPEN) == {"htx-hai-dong": 5}


def test_concurrent_writers_all_get_distinct_receipts(store):
    with ThreadPoolExecutor(8) as pool:
        receipts = list(pool.map(lambda n: store.add(_entry(text=f"Góp ý {n}"), NOW), range(64)))

    codes = {receipt.code for receipt in receipts}
    assert len(codes) == 64
    assert store.receipts() == codes


def test_vietnamese_text_round_trips(store):
    text = "Chị Hoà ở xã Hải Hậu — “người tốt, việc tốt”; ủng hộ đề nghị. Ơ ư ă â đ ê ô ơ"

    store.add(_entry(text=text, address="Thôn Đông"), NOW)

    assert store.comments(OPEN)[0].text == text


def test_moderation_states_change_only_with_an_audit_entry(store):
    code = store.add(_entry(), NOW).code

    change_status(store, [code], StatusChange("spam"), "can.bo", NOW)

    assert store.lookup(code).status == "spam"
    assert store.counts(OPEN) == {}
    with store.transaction() as handle:
        [entry] = audit_entries(handle)
    assert (entry.action, entry.subject, entry.old_value, entry.new_value) == (
        "comment-status", code, '"received"', '"spam"')
    with pytest.raises(StatusProblem, match="no comment has the receipt ZZZZ-ZZZZ"):
        change_status(store, ["ZZZZ-ZZZZ"], StatusChange("reviewed"), "can.bo", NOW)


def test_the_store_has_no_way_to_change_a_status_without_an_audit_entry(store):
    """The one path is ``handling.status_changes.change_status``, which writes the entry in the same
    transaction; the first releases' ``Store.set_status`` wrote none and is gone."""
    assert [name for name in dir(store) if "status" in name and not name.startswith("__")] == []


def test_reopening_keeps_the_register(database_url):
    first = open_store(database_url)
    code = first.add(_entry(), NOW).code
    first.close()

    again = open_store(database_url)
    try:
        assert again.lookup(code) is not None
    finally:
        again.close()


def test_sqlite_is_in_wal_mode_with_full_sync(tmp_path):
    path = tmp_path / "register.sqlite3"
    opened = open_store(f"sqlite:///{path}")
    try:
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert opened._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        opened.close()


def test_token_is_unique_in_the_schema(tmp_path):
    path = tmp_path / "register.sqlite3"
    open_store(f"sqlite:///{path}").close()

    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO comments (receipt, token, batch, nominee, name, contact, text, channel,"
                   " received_at) VALUES ('AAAA-AAAA', 't', 'b', 'n', 'x', 'y', 'z', 'web', 'now')")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO comments (receipt, token, batch, nominee, name, contact, text,"
                       " channel, received_at) VALUES ('BBBB-BBBB', 't', 'b', 'n', 'x', 'y', 'z', 'web',"
                       " 'now')")


@pytest.mark.parametrize("url", ["mysql://localhost/x", "comments.sqlite3", ""])
def test_unknown_database_urls_are_refused(url):
    with pytest.raises(ValueError, match="sqlite:///"):
        open_store(url)


def test_unreachable_postgres_is_store_unavailable():
    with pytest.raises(StoreUnavailable):
        open_store("postgresql://nobody@127.0.0.1:1/nothing?connect_timeout=2")
