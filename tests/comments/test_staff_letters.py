"""A letter or a phone call entered from the console: the date on it and the moment of entry both
kept, with who entered it (audited); one dated outside the period is marked so and not counted."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from comments_support import NOMINEE, OPEN
from staff_support import POSTED, csrf_of, post_sign_in, sign_in_form_token

import site_builder.comments.console

from site_builder.comments.store.audit_log import audit_entries, verify_audit_chain
from site_builder.comments.store.comment_handling import find_comment

LETTER = {"nominee": NOMINEE, "channel": "post", "name": "Trần Văn Thư", "contact": "0912 000 333",
          "address": "Xóm 2, xã Hải Hậu", "text": "Thư góp ý: hợp tác xã giúp bà con nhiều năm nay."}


def _enter(console, csrf, dated, **change):
    return console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED,
                        data={"csrf": csrf, **LETTER, "dated": dated, **change})


def test_a_letter_keeps_its_date_the_entry_time_and_who_entered_it(console, store, clock, staff):
    post_sign_in(console, staff.officer)
    csrf = csrf_of(console.get(f"/staff/batches/{OPEN}/letter").text)
    counted_before = store.counts(OPEN)

    inside = _enter(console, csrf, "15/11/2026")
    outside = _enter(console, csrf, "31/10/2026 16:00", text="Thư thứ hai, gửi muộn.")
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


def _refusal(page: str, field: str) -> str:
    """The problem shown next to ``field``, which is marked invalid and points at it."""
    control = re.search(rf'<(?:input|select|textarea) id="{field}"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in control and f'aria-describedby="{field}-problem"' in control
    return html.unescape(re.search(rf'<p class="problem" id="{field}-problem">([^<]*)</p>', page).group(1))


def test_a_letter_signed_with_a_name_and_an_address_alone_is_entered(console, store, staff):
    post_sign_in(console, staff.officer)
    csrf = csrf_of(console.get(f"/staff/batches/{OPEN}/letter").text)

    answer = console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED,
                          data={"csrf": csrf, **LETTER, "contact": "", "dated": "15/11/2026"})

    assert answer.status_code == 303
    [stored] = _entered(store)
    assert (stored.channel, stored.name, stored.contact, stored.address) == (
        "post", LETTER["name"], "", LETTER["address"])


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"contact": "", "address": ""}, "address", "địa chỉ trên thư"),  # an unsigned letter
    ({"channel": "phone", "contact": ""}, "contact", "số điện thoại đã gọi đến"),
    ({"channel": "phone", "contact": "không rõ"}, "contact", "cuộc gọi cần số đã gọi đến"),
    ({"channel": "phone", "contact": "ban@example.vn"}, "contact", "cuộc gọi cần số đã gọi đến"),
    ({"channel": "email", "contact": ""}, "contact", "số điện thoại hoặc email"),
    ({"contact": "thư tay"}, "contact", "chưa đúng"),  # given, a contact must still be one
    ({"name": ""}, "name", "họ và tên"),
    ({"name": "", "contact": ""}, "name", "họ và tên"),  # the address is there: only the name is missing
    ({"nominee": ""}, "nominee", "hãy chọn tập thể"),  # the placeholder left chosen
    ({"channel": ""}, "channel", "hãy chọn ý kiến đến qua"),
])
def test_each_channel_asks_for_a_way_to_reach_the_commenter(console, store, staff, change, field, words):
    post_sign_in(console, staff.officer)
    csrf = csrf_of(console.get(f"/staff/batches/{OPEN}/letter").text)

    answer = console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED,
                          data={"csrf": csrf, **LETTER, "dated": "15/11/2026", **change})

    assert answer.status_code == 400
    assert words in _refusal(answer.text, field).lower()
    assert re.findall(r'id="(\w+)-problem"', answer.text) == [field]  # no other field blamed
    assert f'value="{LETTER["address"] if "address" not in change else ""}"' in answer.text  # kept
    assert _entered(store) == []


def _entered(store):
    """The comments typed in by officers (the register also holds one sent from the web)."""
    return [comment for comment in store.comments(OPEN) if comment.channel != "web"]


def test_the_letter_form_marks_what_is_required_and_leaves_the_checks_to_the_server(console, staff):
    post_sign_in(console, staff.officer)
    page = console.get(f"/staff/batches/{OPEN}/letter").text

    controls = {match.group(1): match.group(0)
                for match in re.finditer(r'<(?:input|select|textarea) id="(\w+)"[^>]*>', page)}
    assert {name for name, control in controls.items() if 'required aria-required="true"' in control} == {
        "nominee", "channel", "dated", "name", "text"}
    labels = dict(re.findall(r'<label for="(\w+)">(.*?)</label>', page))
    assert all('class="mark">*' in labels[name] for name in ("nominee", "channel", "dated", "name", "text"))
    assert not any("mark" in labels[name] for name in ("contact", "address"))
    assert re.search(r'<form method="post" action="/staff/batches/[^"]+/letter" class="stack" novalidate>', page)


def test_no_console_form_leaves_its_checks_to_the_browser_s_english_popups(console, staff):
    """The browser's own messages ("Please fill out this field") come in the browser's language: every
    console form is ``novalidate``, and what that lets through the server refuses in Vietnamese."""
    folder = Path(site_builder.comments.console.__file__).parent / "templates"
    forms = [(template.name, form) for template in sorted(folder.glob("*.html"))
             for form in re.findall(r"<form\b[^>]*>", template.read_text(encoding="utf-8"))]
    assert len(forms) >= 13
    assert [(name, form) for name, form in forms if " novalidate" not in form] == []
    empty = console.post("/staff/sign-in", headers=POSTED,
                         data={"name": "", "password": "", "csrf": sign_in_form_token(console)})
    assert empty.status_code == 403 and "Tên đăng nhập" in empty.text


def _receipt_of(answer) -> str:
    return answer.headers["location"].split("done=")[1].split("&")[0]


def test_a_letter_entered_twice_is_stored_once_unless_the_officer_says_it_is_a_second_one(console, store, staff):
    post_sign_in(console, staff.officer)
    csrf = csrf_of(console.get(f"/staff/batches/{OPEN}/letter").text)
    first = _receipt_of(_enter(console, csrf, "15/11/2026"))
    # The same letter typed in again: other spacing and case, the phone written otherwise, a call.
    same = {**LETTER, "channel": "phone", "contact": "0912.000.333", "text": LETTER["text"].upper() + "  "}

    again = console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED,
                         data={"csrf": csrf, **same, "dated": "16/11/2026"})

    assert again.status_code == 409
    notice = html.unescape(re.search(r'<p class="notice" role="alert" id="already">(.*?)</p>', again.text,
                                     re.S).group(1))
    assert first in notice and "15/11/2026" in notice and "đánh dấu ô" in notice
    assert re.search(r'<input type="checkbox" id="again" name="again" value="on" aria-describedby="already">',
                     again.text)  # asked, never ticked in advance
    assert f'value="{same["contact"]}"' in again.text and html.escape(same["text"].strip()) in again.text
    assert [comment.receipt for comment in _entered(store)] == [first]

    second = console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED,
                          data={"csrf": csrf, **same, "dated": "16/11/2026", "again": "on"})

    assert second.status_code == 303
    assert [comment.receipt for comment in _entered(store)] == [first, _receipt_of(second)]
    with store.transaction() as handle:
        [entry] = [e for e in audit_entries(handle) if e.subject == _receipt_of(second)]
    assert f'"repeats": "{first}"' in entry.new_value


@pytest.mark.parametrize("change", [
    {"text": "Một ý kiến khác về hợp tác xã."},
    {"contact": "0912 000 444"},  # another person's letter, the same words (a petition)
    {"contact": "", "name": "Lê Văn Ký"},
    {"nominee": "khong-phai-nguoi-nay"},
])
def test_a_different_letter_is_not_taken_for_the_same_one_which_is(console, store, staff, change):
    post_sign_in(console, staff.officer)
    csrf = csrf_of(console.get(f"/staff/batches/{OPEN}/letter").text)
    _enter(console, csrf, "15/11/2026")
    other = {**LETTER, **change}
    if "nominee" in change:  # the same words about another nominee of the batch
        other["nominee"] = next(n for n in re.findall(r'<option value="([^"]+)"', console.get(
            f"/staff/batches/{OPEN}/letter").text) if n not in (NOMINEE, "post", "phone", "email"))

    answer = console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED,
                          data={"csrf": csrf, **other, "dated": "15/11/2026"})

    assert answer.status_code == 303
    assert len(_entered(store)) == 2
    assert _enter(console, csrf, "15/11/2026").status_code == 409  # while the same one is caught
