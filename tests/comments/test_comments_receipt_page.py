"""Posting without JavaScript is safe to reload: 303 to a receipt page, resends deduplicated,
and a refused post shows the form again with what the citizen typed."""

from __future__ import annotations

import re
import threading
import uuid

import pytest
from comments_support import NOMINEE, OPEN, ORIGIN, comment, form

from site_builder.comments.store.register import NewComment

CODE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}")


def _receipt_of(response) -> str:
    match = CODE.search(response.headers["location"])
    assert match, response.headers["location"]
    return match.group(0)


def test_form_post_answers_303_to_a_receipt_page_at_its_own_address(client, store):
    posted = client.post("/api/comments", data=form(), follow_redirects=False)

    assert posted.status_code == 303
    code = _receipt_of(posted)
    assert posted.headers["location"].startswith("../bien-nhan/")
    page = client.get(f"/bien-nhan/{code}")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert code in page.text and "Hợp tác xã Nông nghiệp Hải Đông" in page.text
    assert "20/11/2026" in page.text
    assert [c.receipt for c in store.comments(OPEN)] == [code]


def test_reloading_the_receipt_page_stores_nothing_more(client, store):
    code = _receipt_of(client.post("/api/comments", data=form(), follow_redirects=False))

    pages = [client.get(f"/bien-nhan/{code}") for _ in range(5)]

    assert {page.status_code for page in pages} == {200}
    assert len(store.comments(OPEN)) == 1


def test_the_receipt_page_holds_nothing_personal(client):
    code = _receipt_of(client.post("/api/comments", data=form(), follow_redirects=False))

    page = client.get(f"/bien-nhan/{code}").text

    assert "Nguyễn Văn Thành" not in page and "0912 345 678" not in page and "Thôn Đông" not in page
    assert "Tôi là xã viên" not in page


def test_an_unknown_receipt_page_is_404_in_words(client):
    page = client.get("/bien-nhan/ABCD-EFGH")

    assert page.status_code == 404
    assert "Không tìm thấy" in page.text and '<html lang="vi">' in page.text


def test_the_same_comment_resent_without_token_returns_the_same_receipt(client, store):
    first = client.post("/api/comments", data=form(), follow_redirects=False)
    again = client.post("/api/comments", data=form(), follow_redirects=False)

    assert again.status_code == 303 and _receipt_of(again) == _receipt_of(first)
    assert len(store.comments(OPEN)) == 1


def test_a_resend_differing_only_in_spacing_case_and_phone_format_is_the_same(client, store):
    first = client.post("/api/comments", json=comment()).json()
    again = client.post("/api/comments", json=comment(
        contact="0912.345.678", text="  TÔI là xã viên,  xác nhận hợp tác xã đã giúp bà con tiêu thụ lúa "
                                     "với giá ổn định.", token=str(uuid.uuid4())))

    assert again.status_code == 201 and again.json()["receipt"] == first["receipt"]
    assert len(store.comments(OPEN)) == 1


def test_an_identical_comment_after_the_window_is_a_new_comment(client, clock, store):
    client.post("/api/comments", json=comment())
    clock.advance(24 * 3600 + 1)
    client.post("/api/comments", json=comment())

    assert len(store.comments(OPEN)) == 2


def test_a_different_text_or_nominee_is_a_new_comment(client, store):
    client.post("/api/comments", json=comment())
    client.post("/api/comments", json=comment(text="Một ý kiến khác hẳn về hợp tác xã."))
    client.post("/api/comments", json=comment(nominee="truong-tieu-hoc-kim-dong"))

    assert len(store.comments(OPEN)) == 3


def test_concurrent_identical_comments_without_token_store_one(store):
    """Threads race with one comment and no token: the register lets exactly one in."""
    from datetime import timedelta

    from comments_support import DEFAULT_NOW

    entry = NewComment(OPEN, NOMINEE, "Nguyễn Văn Thành", "0912345678", "Nội dung góp ý giống hệt.")
    codes: list[str] = []
    barrier = threading.Barrier(8)

    def send() -> None:
        barrier.wait()
        codes.append(store.add(entry, DEFAULT_NOW, since=DEFAULT_NOW - timedelta(hours=24)).code)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(set(codes)) == 1
    assert len(store.comments(OPEN)) == 1


def test_an_invalid_form_post_shows_the_form_again_filled_in(client, store):
    response = client.post("/api/comments", data=form(contact="không có", address="Xóm <Bắc>"))

    assert response.status_code == 422
    page = response.text
    assert 'value="Nguyễn Văn Thành"' in page
    assert 'value="không có"' in page and 'value="Xóm &lt;Bắc&gt;"' in page
    assert "Tôi là xã viên, xác nhận hợp tác xã" in page
    assert re.search(r'<input[^>]*name="contact"[^>]*aria-invalid="true"', page)
    assert re.search(r'<input[^>]*name="contact"[^>]*aria-describedby="contact-error"', page)
    assert 'id="contact-error"' in page and "chưa đúng" in page
    assert 'id="error-summary"' in page
    assert "Hợp tác xã Nông nghiệp Hải Đông" in page
    assert store.comments(OPEN) == []
    # its post must carry the service's own Origin, not "null" (what no-referrer would make it)
    assert response.headers["referrer-policy"] == "same-origin"


def test_the_form_shown_again_posts_to_the_service_and_is_then_accepted(client, store):
    shown = client.post("/api/comments", data=form(contact="không có"))
    action = re.search(r'<form[^>]*action="([^"]+)"', shown.text).group(1)

    assert action == "comments"  # relative to /api/comments, behind any path prefix
    sent = client.post("/api/comments", data=form(), follow_redirects=False)
    assert sent.status_code == 303 and len(store.comments(OPEN)) == 1


def test_json_clients_still_get_201_with_the_receipt(client, store):
    answer = client.post("/api/comments", json=comment())

    assert answer.status_code == 201
    assert answer.json()["receipt"] == store.comments(OPEN)[0].receipt


@pytest.mark.parametrize("status", [403])
def test_a_post_from_elsewhere_is_still_an_error_page(client, status):
    response = client.post("/api/comments", data=form(), headers={"origin": "https://evil.example"})

    assert response.status_code == status
    assert "CHƯA được ghi nhận" in response.text and "<form" not in response.text


def test_the_receipt_page_links_back_to_the_nominee(client):
    posted = client.post("/api/comments", data=form(return_to=f"{ORIGIN}/lay-y-kien/{OPEN}/#{NOMINEE}"),
                         follow_redirects=False)

    page = client.get(posted.headers["location"].replace("../", "/"))
    assert f'href="{ORIGIN}/lay-y-kien/{OPEN}/#{NOMINEE}"' in page.text
