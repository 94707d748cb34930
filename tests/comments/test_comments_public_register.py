"""The public register of receipts, published with the figures: frozen at the first publication in
the same transaction, written to a file with nothing personal in it, the same file every time."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import yaml
from comments_support import CLOSED, NOMINEE, OTHER_NOMINEE

from site_builder.cli import main
from site_builder.comments.batches import load_batches
from site_builder.comments.handling.figures import RegisterDiffers, publish_figures
from site_builder.comments.handling.published_files import PublishedFileDiffers
from site_builder.comments.handling.status_changes import StatusChange, change_status
from site_builder.comments.store import receipts
from site_builder.comments.store.audit_log import audit_entries, verify_audit_chain
from site_builder.comments.store.comment_handling import freeze_figures, published_figures, published_register
from site_builder.comments.store.register import STATUSES, NewComment
from site_builder.model import receipt_register
from site_builder.model.receipt_register import STATUS_WORDS
from site_builder.model.vntime import VIETNAM
from site_builder.records.count_files import load_comment_counts
from site_builder.records.register_files import load_receipt_registers

NAME = "Đỗ Thị Minh Bạch"
CONTACT = "0977 111 222"
ADDRESS = "Xóm 5, xã Hải Hậu"
TEXT = "Tôi nghe nói hợp tác xã còn nợ đọng"
# 23:30 on 15/10 in Vietnam is still the 15th there, the 15th 16:30 in UTC.
LATE_EVENING = datetime(2026, 10, 15, 23, 30, tzinfo=VIETNAM)


@pytest.fixture
def codes(store, clock):
    """On the closed batch: four comments on one nominee (reviewed, not substantiated, spam, duplicate),
    one on the other, received in the evening of 15/10 Vietnam time."""
    def add(nominee, words):
        return store.add(NewComment(batch=CLOSED, nominee=nominee, name=NAME, contact=CONTACT,
                                    text=f"{TEXT} ({words})", address=ADDRESS), LATE_EVENING).code
    made = [add(NOMINEE, "một"), add(NOMINEE, "hai"), add(NOMINEE, "ba"), add(NOMINEE, "bốn"),
            add(OTHER_NOMINEE, "năm")]
    change_status(store, [made[0]], StatusChange("reviewed"), "can.bo", clock.now)
    change_status(store, [made[1]], StatusChange("not_substantiated", "Đã xác minh: không có nợ"),
                  "can.bo", clock.now)
    change_status(store, [made[2]], StatusChange("spam"), "can.bo", clock.now)
    change_status(store, [made[3]], StatusChange("duplicate", "Gửi hai lần", made[0]), "can.bo", clock.now)
    return made


def _register_file(records):
    return records / "_comment-register" / f"{CLOSED}.yml"


def test_publishing_writes_the_register_one_row_per_comment_and_nothing_personal(store, records, clock, codes):
    done = publish_figures(store, load_batches(records)[CLOSED], records, "can.bo", clock.now, accept_unhandled=True)

    text = _register_file(records).read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert done.register_path == _register_file(records) and done.receipts == 5
    assert document["batch"] == CLOSED and document["published_at"] == clock.now.isoformat(timespec="seconds")
    rows = {row["receipt"]: row for row in document["receipts"]}
    assert [row["receipt"] for row in document["receipts"]] == sorted(codes)
    assert {code: (rows[code]["nominee"], rows[code]["status"], rows[code]["counted"]) for code in codes} == {
        codes[0]: (NOMINEE, "reviewed", True), codes[1]: (NOMINEE, "not_substantiated", True),
        codes[2]: (NOMINEE, "spam", False), codes[3]: (NOMINEE, "duplicate", False),
        codes[4]: (OTHER_NOMINEE, "received", True)}
    assert {row["received"] for row in document["receipts"]} == {"2026-10-15"}  # the day in Vietnam
    for private in (NAME, CONTACT, ADDRESS, TEXT, "Đã xác minh: không có nợ", "can.bo"):
        assert private not in text
    assert all(line.startswith("- {receipt: ") for line in text.splitlines() if "receipt:" in line)


def test_the_register_is_frozen_at_the_first_publication_and_written_the_same_every_time(
        store, records, clock, codes, database_url):
    publish_figures(store, load_batches(records)[CLOSED], records, "can.bo", clock.now, accept_unhandled=True)
    first = _register_file(records).read_bytes()
    change_status(store, [codes[0]], StatusChange("spam"), "can.bo", clock.now)
    store.add(NewComment(batch=CLOSED, nominee=NOMINEE, name=NAME, contact=CONTACT, text="Thư đến muộn.",
                         address=ADDRESS), clock.now)
    clock.advance(3600)

    assert main(["comments", "publish", "--batch", CLOSED, "--database", database_url,
                 "--records", str(records)]) == 0

    assert _register_file(records).read_bytes() == first
    with store.transaction() as handle:
        entries = [entry for entry in audit_entries(handle) if entry.action == "register-published"]
        assert len(entries) == 1 and entries[0].subject == CLOSED and entries[0].actor == "can.bo"
        assert json.loads(entries[0].new_value) == {"receipts": 5, "counted": 3}
        assert verify_audit_chain(handle) is None
        assert len(published_register(handle, CLOSED).rows) == 5


def test_the_file_is_read_back_by_the_build_and_agrees_with_the_published_figures(store, records, clock, codes):
    publish_figures(store, load_batches(records)[CLOSED], records, "can.bo", clock.now, accept_unhandled=True)
    batches = load_batches(records)
    counts, errors = load_comment_counts(records, records, batches)
    assert errors == []

    registers, errors = load_receipt_registers(records, records, batches, counts)

    assert errors == []
    assert registers[CLOSED].counted_per_nominee() == counts[CLOSED].nominees == {NOMINEE: 2, OTHER_NOMINEE: 1}
    assert registers[CLOSED].digest


def test_figures_frozen_before_the_register_existed_get_their_register_if_they_still_agree(
        store, records, clock, codes):
    with store.transaction() as handle:  # as an earlier release left it: figures, no register
        freeze_figures(handle, CLOSED, {NOMINEE: 2, OTHER_NOMINEE: 1}, clock.now, "can.bo")
    clock.advance(86400)

    done = publish_figures(store, load_batches(records)[CLOSED], records, "quan.tri", clock.now, accept_unhandled=True)

    assert not done.first_time and done.receipts == 5
    with store.transaction() as handle:
        frozen = published_register(handle, CLOSED)
    assert frozen.published_at == clock.now and frozen.published_by == "quan.tri"


def test_figures_that_no_longer_agree_with_the_comments_refuse_a_register(store, records, clock, codes, capsys,
                                                                        database_url):
    with store.transaction() as handle:
        freeze_figures(handle, CLOSED, {NOMINEE: 3, OTHER_NOMINEE: 1}, clock.now, "can.bo")

    with pytest.raises(RegisterDiffers, match=f"{NOMINEE}: 2 counted now, 3 published") as refused:
        publish_figures(store, load_batches(records)[CLOSED], records, "can.bo", clock.now, accept_unhandled=True)
    assert f"({NOMINEE}: hiện tính được 2, đã công bố 3)" in refused.value.vietnamese  # the console's words
    assert main(["comments", "publish", "--batch", CLOSED, "--database", database_url,
                 "--records", str(records), "--yes"]) == 1

    assert "cannot be published" in capsys.readouterr().err
    assert not _register_file(records).exists()
    with store.transaction() as handle:
        assert published_register(handle, CLOSED) is None
        assert not [entry for entry in audit_entries(handle) if entry.action == "register-published"]


def test_a_batch_without_comments_publishes_an_empty_register(store, records, clock):
    publish_figures(store, load_batches(records)[CLOSED], records, "can.bo", clock.now)

    assert yaml.safe_load(_register_file(records).read_text(encoding="utf-8"))["receipts"] == []
    with store.transaction() as handle:
        assert published_register(handle, CLOSED).rows == []


def test_every_status_of_the_service_has_public_words():
    assert tuple(STATUS_WORDS) == STATUSES


def test_the_register_accepts_every_code_the_service_hands_out():
    assert receipt_register.ALPHABET == receipts.ALPHABET
    assert all(receipt_register.RECEIPT_CODE.match(receipts.new_receipt()) for _ in range(200))


PUBLISHED_BEFORE = f"""batch: {CLOSED}
published_at: '2026-10-20T08:30:00+07:00'
receipts:
- {{receipt: 625U-7MPR, nominee: {NOMINEE}, received: '2026-10-08', status: verified, counted: true}}
- {{receipt: 6KYM-VXMJ, nominee: {OTHER_NOMINEE}, received: '2026-10-09', status: spam, counted: false}}
"""
COUNTS_BEFORE = f"""batch: {CLOSED}
counted_at: '2026-10-20T08:30:00+07:00'
published_at: '2026-10-20T08:30:00+07:00'
total: 7
nominees: {{{NOMINEE}: 5, {OTHER_NOMINEE}: 2}}
"""


MATCHING_COUNTS = f"""batch: {CLOSED}
counted_at: '2026-10-20T08:30:00+07:00'
published_at: '2026-10-20T08:30:00+07:00'
total: 1
nominees: {{{NOMINEE}: 1, {OTHER_NOMINEE}: 0}}
"""


def _published_before(records, which):
    """The files an earlier publication left (a register needs its counts, or the records are invalid)."""
    files = {records / "_comment-counts" / f"{CLOSED}.yml": COUNTS_BEFORE}
    if which == "register":
        files = {records / "_comment-counts" / f"{CLOSED}.yml": MATCHING_COUNTS,
                 records / "_comment-register" / f"{CLOSED}.yml": PUBLISHED_BEFORE}
    for path, text in files.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return files


@pytest.mark.parametrize("which, folder, said", [("register", "_comment-register", "2 mã biên nhận"),
                                                 ("counts", "_comment-counts", "tổng số 7 ý kiến")])
def test_a_published_file_that_says_something_else_is_never_overwritten(store, records, clock, codes, capsys,
                                                                       database_url, which, folder, said):
    files = _published_before(records, which)

    with pytest.raises(PublishedFileDiffers) as refused:
        publish_figures(store, load_batches(records)[CLOSED], records, "can.bo", clock.now, accept_unhandled=True)
    code = main(["comments", "--lang", "vi", "publish", "--batch", CLOSED, "--database", database_url,
                 "--records", str(records), "--yes"])

    assert f"tệp {folder}/{CLOSED}.yml đã có (công bố lúc 08:30 ngày 20/10/2026, {said})" in refused.value.vietnamese
    assert "không bị ghi đè" in refused.value.vietnamese and "already exists" in str(refused.value)
    assert code == 1 and f"{folder}/{CLOSED}.yml đã có" in capsys.readouterr().err
    assert {path: path.read_text(encoding="utf-8") for path in files} == files
    assert not _register_file(records).exists() or which == "register"
    with store.transaction() as handle:  # nothing frozen: the refusal came inside the transaction
        assert published_register(handle, CLOSED) is None and published_figures(handle, CLOSED) is None
        assert not [entry for entry in audit_entries(handle) if entry.action.endswith("published")]


def test_the_console_says_before_the_confirmation_that_a_published_file_differs(
        console, store, staff, records, codes):
    from staff_support import post_sign_in
    _published_before(records, "register")
    post_sign_in(console, staff.officer)

    preview = console.get(f"/staff/batches/{CLOSED}/publish")

    assert preview.status_code == 200 and "(công bố lúc 08:30 ngày 20/10/2026, 2 mã biên nhận)" in preview.text
    assert 'name="confirm"' not in preview.text  # nothing to confirm: publishing would be refused
