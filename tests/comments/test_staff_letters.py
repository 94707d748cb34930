"""A letter or a phone call entered from the console: the date on it and the moment of entry both
kept, with who entered it (audited); one dated outside the period is marked so and not counted."""

from __future__ import annotations

from comments_support import NOMINEE, OPEN
from staff_support import POSTED, csrf_of, post_sign_in

from site_builder.comments.store.audit_log import audit_entries, verify_audit_chain
from site_builder.comments.store.comment_handling import find_comment

LETTER = {"nominee": NOMINEE, "channel": "post", "name": "Trần Văn Thư", "contact": "0912 000 333",
          "address": "Xóm 2, xã Hải Hậu", "text": "Thư góp ý: hợp tác xã giúp bà con nhiều năm nay."}


def _enter(console, csrf, dated):
    return console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED,
                        data={"csrf": csrf, **LETTER, "dated": dated})


def test_a_letter_keeps_its_date_the_entry_time_and_who_entered_it(console, store, clock, staff):
    post_sign_in(console, staff.officer)
    csrf = csrf_of(console.get(f"/staff/batches/{OPEN}/letter").text)
    counted_before = store.counts(OPEN)

    inside = _enter(console, csrf, "15/11/2026")
    outside = _enter(console, csrf, "31/10/2026 16:00")
    wrong = _enter(console, csrf, "hôm qua")
    future = _enter(console, csrf, "01/01/2027")

    assert inside.status_code == outside.status_code == 303
    assert wrong.status_code == future.status_code == 400 and "dd/mm/yyyy" in wrong.text
    codes = [answer.headers["location"].split("done=")[1].split("&")[0] for answer in (inside, outside)]
    page = console.get(outside.headers["location"])
    assert codes[1] in page.text and "ngoài thời hạn" in page.text
    with store.transaction() as handle:
        first, second = (find_comment(handle, code) for code in codes)
        entries = [e for e in audit_entries(handle) if e.action == "comment-entered"]
        assert verify_audit_chain(handle) is None
    assert (first.received_at.day, first.entered_at, first.entered_by, first.outside_period) == (
        15, clock.now, staff.officer, False)
    assert (second.received_at.hour, second.outside_period, second.channel) == (16, True, "post")
    assert [e.subject for e in entries] == codes and all(e.actor == staff.officer for e in entries)
    assert all(LETTER["name"] not in (e.new_value or "") for e in entries)  # nothing personal in the trail
    assert store.counts(OPEN)[NOMINEE] == counted_before[NOMINEE] + 1  # the late one is not counted
