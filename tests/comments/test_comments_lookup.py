"""The service's look-up page: forgiving how a code is typed, answering in words, nothing personal."""

from __future__ import annotations

from datetime import datetime

import pytest
from comments_support import DEFAULT_NOW, OPEN, comment

from site_builder.comments import SpamRules
from site_builder.comments.handling.status_changes import StatusChange, change_status


def _code(client) -> str:
    return client.post("/api/comments", json=comment()).json()["receipt"]


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {spaced} ", "{joined}", "{lower_joined}"])
def test_the_look_up_page_forgives_case_spaces_and_a_missing_hyphen(client, typed):
    code = _code(client)
    shown = typed.format(code=code, lower=code.lower(), spaced=code.replace("-", " - "),
                         joined=code.replace("-", ""), lower_joined=code.replace("-", "").lower())

    page = client.get("/tra-cuu", params={"ma": shown})

    assert page.status_code == 200
    assert code in page.text and "Đã tiếp nhận" in page.text
    assert "Hợp tác xã Nông nghiệp Hải Đông" in page.text and "20/11/2026" in page.text
    assert "Nguyễn Văn Thành" not in page.text and "0912" not in page.text
    assert page.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(("status", "words"), [("reviewed", "Đang xem xét"), ("spam", "Đang xem xét")])
def test_a_reviewed_comment_reads_under_review(client, store, status, words):
    code = _code(client)
    change_status(store, [code], StatusChange(status), "can.bo", DEFAULT_NOW)

    assert words in client.get("/tra-cuu", params={"ma": code}).text
    assert client.get(f"/api/receipts/{code}").json()["state_text"] == words


def test_once_the_outcome_is_published_the_comment_was_considered(make_client, records):
    code = _code(make_client())
    path = records / "nominations" / f"{OPEN}.yml"
    text = path.read_text(encoding="utf-8").replace(
        "    summary: Dẫn đầu phong trào xây dựng cánh đồng mẫu lớn.\n",
        "    summary: Dẫn đầu phong trào xây dựng cánh đồng mẫu lớn.\n    outcome:\n      result: not_awarded\n")
    path.write_text(text, encoding="utf-8")
    client = make_client()  # a service started after the outcome was published

    answer = client.get(f"/api/receipts/{code}").json()
    assert answer["state"] == "considered" and answer["state_text"] == "Đã được Hội đồng xem xét"


@pytest.mark.parametrize("typed", ["ABCD-EFGH", "hello"])
def test_an_unknown_or_malformed_code_says_what_to_do(client, typed):
    page = client.get("/tra-cuu", params={"ma": typed})

    assert page.status_code == 404
    assert "Không tìm thấy" in page.text or "không đúng dạng" in page.text
    assert "kiểm tra lại mã" in page.text
    # The example code stays on one line on a phone (it would break at its hyphen).
    assert '<span class="sv-nowrap">K7QX-M4TN</span>' in page.text


def test_the_empty_look_up_page_is_a_code_box(client):
    page = client.get("/tra-cuu")

    assert page.status_code == 200 and 'name="ma"' in page.text and "<script" not in page.text
    assert "K7QX-M4TN" not in page.text.replace('<span class="sv-nowrap">K7QX-M4TN</span>', "")


def test_look_ups_are_throttled_by_the_look_up_limit(make_client):
    client = make_client(spam=SpamRules(min_seconds=0, rate_limit=0, invalid_limit=0, lookup_limit=2))

    statuses = [client.get("/tra-cuu", params={"ma": "ABCD-EFGH"}).status_code for _ in range(3)]
    receipt_page = client.get("/bien-nhan/ABCD-EFGH")

    assert statuses == [404, 404, 429]
    assert receipt_page.status_code == 429 and "tra cứu nhiều lần" in receipt_page.text
    assert receipt_page.headers["content-type"].startswith("text/html")


def test_a_batch_that_requires_the_address_refuses_a_comment_without_one(make_client, records):
    path = records / "nominations" / f"{OPEN}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("contact:\n", "require_address: true\ncontact:\n"),
                    encoding="utf-8")
    client = make_client()

    refused = client.post("/api/comments", json=comment(address=None))
    accepted = client.post("/api/comments", json=comment())

    assert refused.status_code == 422 and "address" in refused.json()["fields"]
    assert accepted.status_code == 201


def test_a_batch_without_the_rule_takes_a_comment_without_address(client):
    assert client.post("/api/comments", json=comment(address=None)).status_code == 201


def test_once_the_register_is_published_it_is_the_final_word_with_its_reason(client, store, clock):
    """As on the site: a comment the published register leaves out reads "Không được tính" and why,
    never "under review" (before, the service's own look-up kept the live status)."""
    from comments_support import CLOSED, NOMINEE

    from site_builder.comments.store.comment_handling import freeze_register, insert_entry, register_rows
    from site_builder.comments.store.register import NewComment
    from site_builder.model.vntime import VIETNAM

    late = datetime(2026, 11, 2, 9, 0, tzinfo=VIETNAM)  # a letter dated after the close on 31/10/2026
    codes = ["K7QX-M4TN", store.add(NewComment(batch=CLOSED, nominee=NOMINEE, name="Lê Văn Muộn",
                                               contact="0977 000 111", text="Ý kiến đúng hạn"),
                                    datetime(2026, 10, 20, 9, 0, tzinfo=VIETNAM)).code]
    with store.transaction() as handle:
        letter = NewComment(batch=CLOSED, nominee=NOMINEE, name="Lê Văn Muộn", contact="0977 000 111",
                            text="Thư gửi muộn", channel="post")
        insert_entry(handle, letter, codes[0], late, clock.now, "can.bo", outside_period=True)
    change_status(store, [codes[0]], StatusChange("reviewed"), "can.bo", clock.now)
    with store.transaction() as handle:
        rows = register_rows(handle, CLOSED)
        assert {row.receipt: row.counted for row in rows} == {codes[0]: False, codes[1]: True}
        freeze_register(handle, CLOSED, rows, clock.now, "can.bo")

    late_page = client.get("/tra-cuu", params={"ma": codes[0]}).text
    assert "Không được tính" in late_page and "Lý do không được tính" in late_page
    assert "sau khi đã hết thời hạn" in late_page and "Đang xem xét" not in late_page
    answer = client.get(f"/api/receipts/{codes[0]}").json()
    assert answer["counted"] is False and answer["state_text"] == "Không được tính"
    assert "sau khi đã hết thời hạn" in answer["not_counted_reason_text"]
    counted = client.get(f"/api/receipts/{codes[1]}").json()
    assert counted["counted"] is True and counted["not_counted_reason_text"] == ""
    assert "Không được tính" not in client.get(f"/bien-nhan/{codes[1]}").text
    assert "Lê Văn Muộn" not in late_page and "0977" not in late_page
