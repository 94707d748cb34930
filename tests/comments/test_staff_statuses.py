"""Statuses with a reason: each change audited old → new with the reason, in one transaction, from
the command line and the shared code alike; the public status words cover every status."""

from __future__ import annotations

import getpass

import pytest
from comments_support import NOMINEE, OPEN

from site_builder.cli import main
from site_builder.comments.handling.status_changes import (
    NEEDS_REASON,
    STATUS_LABELS,
    StatusChange,
    StatusProblem,
    change_status,
)
from site_builder.comments.http.views import PUBLIC_STATUS
from site_builder.comments.store.audit_log import audit_entries, verify_audit_chain
from site_builder.comments.store.register import STATUSES, NewComment


def _add(store, clock, text="Ý kiến về hợp tác xã, đủ dài để lưu.", name="Nguyễn Văn Thành"):
    return store.add(NewComment(batch=OPEN, nominee=NOMINEE, name=name, contact="0912 345 678",
                                text=text), clock.now).code


def _trail(store):
    with store.transaction() as handle:
        return [entry for entry in audit_entries(handle) if entry.action == "comment-status"], \
            verify_audit_chain(handle)


def test_every_status_has_a_public_word_and_a_vietnamese_label():
    assert set(PUBLIC_STATUS) == set(STATUSES) == set(STATUS_LABELS)
    assert set(PUBLIC_STATUS.values()) == {"received", "reviewed"}
    assert NEEDS_REASON == {"not_substantiated", "referred", "off_topic", "duplicate"}


def test_a_change_is_audited_old_to_new_with_its_reason(store, clock):
    code = _add(store, clock)

    change_status(store, [code], StatusChange("reviewed"), "can.bo", clock.now)
    change_status(store, [code], StatusChange("referred", "Chuyển  Thanh tra tỉnh "), "can.bo", clock.now)

    entries, broken = _trail(store)
    assert [(e.actor, e.subject, e.batch, e.old_value, e.new_value, e.reason) for e in entries] == [
        ("can.bo", code, OPEN, '"received"', '"reviewed"', None),
        ("can.bo", code, OPEN, '"reviewed"', '"referred"', "Chuyển Thanh tra tỉnh")]
    assert broken is None
    [stored] = store.comments(OPEN)
    assert (stored.status, stored.status_reason) == ("referred", "Chuyển Thanh tra tỉnh")


@pytest.mark.parametrize("status", sorted(NEEDS_REASON))
def test_a_status_that_needs_a_reason_is_refused_without_one_and_nothing_changes(store, clock, status):
    code = _add(store, clock)

    with pytest.raises(StatusProblem) as refused:
        change_status(store, [code], StatusChange(status, "   "), "can.bo", clock.now)

    assert "lý do" in refused.value.vietnamese
    assert store.comments(OPEN)[0].status == "received"
    assert _trail(store)[0] == []


def test_a_duplicate_names_the_receipt_it_repeats(store, clock):
    first, second = _add(store, clock), _add(store, clock, "Gửi lại cùng nội dung qua email.")

    with pytest.raises(StatusProblem):
        change_status(store, [second], StatusChange("duplicate", "Gửi lại", second), "can.bo", clock.now)
    change_status(store, [second], StatusChange("duplicate", "Gửi lại", first.lower()), "can.bo", clock.now)

    stored = {c.receipt: c for c in store.comments(OPEN)}
    assert (stored[second].status, stored[second].duplicate_of) == ("duplicate", first)
    assert _trail(store)[0][-1].reason == f"Trùng với ý kiến {first}: Gửi lại"
    assert store.counts(OPEN) == {NOMINEE: 1}  # a duplicate is not counted twice


def test_marking_several_as_spam_is_one_transaction_with_one_entry_each(store, clock):
    codes = [_add(store, clock, f"Quảng cáo số {n} mua ngay") for n in range(3)]

    with pytest.raises(StatusProblem):  # one unknown receipt: none is changed
        change_status(store, [*codes, "ZZZZ-ZZZZ"], StatusChange("spam"), "can.bo", clock.now)
    assert {c.status for c in store.comments(OPEN)} == {"received"}

    change_status(store, codes, StatusChange("spam"), "can.bo", clock.now)

    entries, broken = _trail(store)
    assert sorted(e.subject for e in entries) == sorted(codes) and broken is None
    assert store.counts(OPEN) == {}


def test_the_moderate_command_keeps_working_and_is_audited(database_url, store, clock, capsys):
    code = _add(store, clock)
    run = lambda *args: main(["comments", "moderate", *args, "--database", database_url])  # noqa: E731

    assert run(code, "reviewed") == 0
    assert run(code, "new") == 0  # the first releases' word: received
    assert run(code, "not_substantiated") == 1
    assert "--reason" in capsys.readouterr().err
    assert run(code, "not_substantiated", "--reason", "Đã xác minh tại địa phương") == 0

    entries, broken = _trail(store)
    assert [(e.actor, e.old_value, e.new_value) for e in entries] == [
        (f"cli:{getpass.getuser()}", '"received"', '"reviewed"'),
        (f"cli:{getpass.getuser()}", '"reviewed"', '"received"'),
        (f"cli:{getpass.getuser()}", '"received"', '"not_substantiated"')]
    assert broken is None


def test_a_duplicate_of_a_comment_about_another_nominee_is_refused_in_both_languages(store, clock, database_url,
                                                                                      capsys):
    from comments_support import OTHER_NOMINEE

    first = _add(store, clock)
    other = store.add(NewComment(batch=OPEN, nominee=OTHER_NOMINEE, name="Trần Văn Bình", contact="0912 000 111",
                                 text="Ý kiến về trường học, đủ dài để lưu."), clock.now).code

    with pytest.raises(StatusProblem) as refused:
        change_status(store, [other], StatusChange("duplicate", "Gửi lại", first), "can.bo", clock.now)
    code = main(["comments", "--lang", "vi", "moderate", other, "duplicate", "--reason", "Gửi lại",
                 "--duplicate-of", first, "--database", database_url])

    assert f"nói về người được đề nghị khác ({NOMINEE})" in refused.value.vietnamese
    assert f"{first} is about another nominee" in str(refused.value)
    assert code == 1 and f"ý kiến {first} nói về người được đề nghị khác" in capsys.readouterr().err
    assert {c.receipt: c.status for c in store.comments(OPEN)} == {first: "received", other: "received"}


def test_two_comments_cannot_each_be_the_duplicate_of_the_other(store, clock):
    first, second = _add(store, clock), _add(store, clock, "Gửi lại cùng nội dung qua email.")
    change_status(store, [second], StatusChange("duplicate", "Gửi lại", first), "can.bo", clock.now)

    with pytest.raises(StatusProblem) as refused:
        change_status(store, [first], StatusChange("duplicate", "Gửi lại", second), "can.bo", clock.now)

    assert "đã được đánh dấu là trùng lặp với ý kiến này" in refused.value.vietnamese
    assert store.counts(OPEN) == {NOMINEE: 1}


def test_the_command_says_a_missing_original_in_vietnamese(store, clock, database_url, capsys):
    code = _add(store, clock)

    assert main(["comments", "--lang", "vi", "moderate", code, "duplicate", "--reason", "Gửi lại",
                 "--database", database_url]) == 1

    assert "cần mã biên nhận của một ý kiến khác trong cùng đợt: xin thêm --duplicate-of MÃ vào lệnh" in \
        capsys.readouterr().err
