"""The officer's screens: batches with counts per status, a nominee's comments in full with their
history, the search, and status changes made from the page (audited, a reason where needed)."""

from __future__ import annotations

from comments_support import NOMINEE, OPEN
from staff_support import POSTED, SECRET_CONTACT, SECRET_NAME, SECRET_TEXT, csrf_of, post_sign_in

from site_builder.comments.store.audit_log import audit_entries, verify_audit_chain
from site_builder.comments.store.register import NewComment


def _signed_in(console, staff) -> str:
    assert post_sign_in(console, staff.officer).headers["location"] == "/staff/"
    return csrf_of(console.get("/staff/").text)


def _receipt(store) -> str:
    return store.comments(OPEN)[0].receipt


def test_the_batches_and_a_batch_show_counts_per_status(console, staff):
    _signed_in(console, staff)

    home = console.get("/staff/")
    batch = console.get(f"/staff/batches/{OPEN}")

    assert "Mới nhận: 1" in home.text and f'href="/staff/batches/{OPEN}"' in home.text
    assert batch.status_code == 200 and "Hợp tác xã Nông nghiệp Hải Đông" in batch.text
    assert "không tính thư rác và ý kiến trùng lặp" in batch.text
    assert console.get("/staff/batches/khong-co").status_code == 404


def test_a_nominee_page_shows_the_comment_in_full_and_its_history(console, store, staff):
    csrf = _signed_in(console, staff)
    code = _receipt(store)

    missing = console.post("/staff/comments/status", headers=POSTED,
                           data={"csrf": csrf, "receipt": code, "status": "referred", "reason": ""})
    changed = console.post("/staff/comments/status", headers=POSTED,
                           data={"csrf": csrf, "receipt": code, "status": "referred",
                                 "reason": "Chuyển Thanh tra tỉnh"})
    page = console.get(f"/staff/batches/{OPEN}/nominees/{NOMINEE}")

    assert missing.status_code == 400 and "cần ghi lý do" in missing.text
    assert changed.status_code == 303
    assert changed.headers["location"] == f"/staff/batches/{OPEN}/nominees/{NOMINEE}?done=1"
    for shown in (SECRET_TEXT, SECRET_NAME, SECRET_CONTACT, "Chuyển cơ quan có thẩm quyền",
                  "Mới nhận → Chuyển cơ quan có thẩm quyền", "Chuyển Thanh tra tỉnh", staff.officer):
        assert shown in page.text
    with store.transaction() as handle:
        last = audit_entries(handle)[-1]
        assert (last.actor, last.action, last.subject, last.reason) == (
            staff.officer, "comment-status", code, "Chuyển Thanh tra tỉnh")
        assert verify_audit_chain(handle) is None


def test_several_comments_are_marked_spam_at_once(console, store, clock, staff):
    csrf = _signed_in(console, staff)
    extra = [store.add(NewComment(batch=OPEN, nominee=NOMINEE, name="Bot", contact="x@example.com",
                                  text=f"Mua ngay khuyến mãi {n}"), clock.now).code for n in range(2)]

    answer = console.post(f"/staff/batches/{OPEN}/nominees/{NOMINEE}/spam", headers=POSTED,
                          data={"csrf": csrf, **{f"spam-{code}": "on" for code in extra}})

    assert answer.status_code == 303 and answer.headers["location"].endswith("?done=2")
    assert {c.receipt: c.status for c in store.comments(OPEN)} == {
        _receipt(store): "received", extra[0]: "spam", extra[1]: "spam"}
    with store.transaction() as handle:
        spam = [e.subject for e in audit_entries(handle) if e.new_value == '"spam"']
    assert sorted(spam) == sorted(extra)


def test_search_by_receipt_or_by_name_without_diacritics(console, store, staff):
    _signed_in(console, staff)
    code = _receipt(store)

    by_code = console.get("/staff/search", params={"q": code.lower().replace("-", " ")})
    by_name = console.get("/staff/search", params={"q": "le thi kin"})
    nothing = console.get("/staff/search", params={"q": "Không Ai Cả"})

    assert code in by_code.text and SECRET_NAME in by_code.text
    assert code in by_name.text
    assert "Không tìm thấy ý kiến nào" in nothing.text
