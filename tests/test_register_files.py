"""Reading a published register of receipts: every problem with file, line and field, and the rows it
counts checked against the published figures."""

from __future__ import annotations

import pytest
from helpers import write, write_site

from site_builder.records.loader import check_records

COUNTS = """\
batch: dot-1
counted_at: 2026-11-17T08:00:00+07:00
total: 2
nominees:
  nguyen-thi-hoa: 2
published_at: 2026-11-17T08:00:00+07:00
"""

REGISTER = """\
batch: dot-1
published_at: 2026-11-17T08:00:00+07:00
receipts:
- {receipt: 3MNP-QRST, nominee: nguyen-thi-hoa, received: 2026-11-03, status: verified, counted: true}
- {receipt: K7QX-M4TN, nominee: nguyen-thi-hoa, received: 2026-11-05, status: reviewed, counted: true}
- {receipt: W2XY-Z345, nominee: nguyen-thi-hoa, received: 2026-11-06, status: spam, counted: false}
"""


def _report(tmp_path, register=REGISTER, counts=COUNTS, name="dot-1"):
    write_site(tmp_path)
    if counts is not None:
        write(tmp_path, "exemplars/_comment-counts/dot-1.yml", counts)
    write(tmp_path, f"exemplars/_comment-register/{name}.yml", register)
    catalogue, report = check_records(tmp_path / "exemplars", base=tmp_path)
    return catalogue, report.render()


def test_a_register_that_agrees_with_the_published_figures_is_loaded(tmp_path):
    catalogue, rendered = _report(tmp_path)

    assert catalogue is not None, rendered
    register = catalogue.receipt_registers["dot-1"]
    assert [row.receipt for row in register.sorted_rows()] == ["3MNP-QRST", "K7QX-M4TN", "W2XY-Z345"]
    assert register.counted_per_nominee() == {"nguyen-thi-hoa": 2}


@pytest.mark.parametrize("register, counts, expected", [
    (REGISTER.replace("status: spam, counted: false", "status: received, counted: true"), COUNTS,
     'exemplars/_comment-register/dot-1.yml:4:1: receipts: nominee "nguyen-thi-hoa": the register counts 3 '
     "comment(s) but the published figures (_comment-counts/dot-1.yml) say 2"),
    (REGISTER, None,
     "exemplars/_comment-register/dot-1.yml:1:8: batch: the batch has no published figures "
     "(_comment-counts/dot-1.yml): publish the register and the figures together"),
    (REGISTER, COUNTS.replace("published_at: 2026-11-17T08:00:00+07:00\n", ""),
     "exemplars/_comment-register/dot-1.yml:1:8: batch: the batch has no published figures"),
    (REGISTER.replace("W2XY-Z345, nominee: nguyen-thi-hoa", "W2XY-Z345, nominee: nguyen-thi-ha"), COUNTS,
     'exemplars/_comment-register/dot-1.yml:6:33: receipts[2].nominee: "nguyen-thi-ha" is not a nominee of '
     'batch "dot-1"'),
    (REGISTER.replace("K7QX-M4TN", "k7qx m4tn"), COUNTS,
     "exemplars/_comment-register/dot-1.yml:5:13: receipts[1].receipt: \"k7qx m4tn\" is not a receipt code"),
    (REGISTER.replace("W2XY-Z345", "K7QX-M4TN"), COUNTS,
     "exemplars/_comment-register/dot-1.yml:6:13: receipts[2].receipt: the receipt K7QX-M4TN is listed twice"),
    (REGISTER.replace("status: spam, counted: false", "status: spam, counted: true"), COUNTS,
     "exemplars/_comment-register/dot-1.yml:6:94: receipts[2].counted: a comment marked spam is never counted"),
    (REGISTER.replace("status: verified", "status: approved"), COUNTS,
     "exemplars/_comment-register/dot-1.yml:4:79: receipts[0].status: \"approved\" is not allowed"),
    (REGISTER + "name: Nguyễn Văn Thành\n", COUNTS, "exemplars/_comment-register/dot-1.yml:7:1: name"),
])
def test_each_problem_is_reported_at_its_file_line_and_field(tmp_path, register, counts, expected):
    catalogue, rendered = _report(tmp_path, register, counts)

    assert catalogue is None
    assert expected in rendered


def test_the_file_is_named_after_its_batch(tmp_path):
    _catalogue, rendered = _report(tmp_path, name="dot-2")

    assert "exemplars/_comment-register/dot-2.yml:1:8: batch: the file must be named dot-1.yml" in rendered


def test_a_figure_written_in_the_batch_record_must_equal_the_counted_rows_too(tmp_path):
    """The page shows the record's own figure first, so the register is checked against it."""
    from helpers import BATCH

    write(tmp_path, "exemplars/nominations/dot-1.yml", BATCH + "    comments_received: 5\n")
    write(tmp_path, "exemplars/_comment-counts/dot-1.yml", COUNTS)
    write(tmp_path, "exemplars/_comment-register/dot-1.yml", REGISTER)
    write_site(tmp_path, batch=BATCH + "    comments_received: 5\n")

    _catalogue, report = check_records(tmp_path / "exemplars", base=tmp_path)

    assert ('exemplars/_comment-register/dot-1.yml:4:1: receipts: nominee "nguyen-thi-hoa": the register counts '
            "2 comment(s) but comments_received of this nominee, written by hand at "
            "exemplars/nominations/dot-1.yml:22, says 5: write 2 there") in report.render()
    assert "comments publish" not in report.render()  # publishing again would write the same files


def test_a_batch_total_written_by_hand_that_differs_from_the_register_is_reported_at_its_line(tmp_path):
    batch = BATCH_WITH_TOTAL = _batch_with_total(9)
    write_site(tmp_path, batch=BATCH_WITH_TOTAL)
    write(tmp_path, "exemplars/_comment-counts/dot-1.yml", COUNTS)
    write(tmp_path, "exemplars/_comment-register/dot-1.yml", REGISTER)

    catalogue, report = check_records(tmp_path / "exemplars", base=tmp_path)

    assert catalogue is None and batch.splitlines()[8] == "comments_received: 9"
    assert ("exemplars/_comment-register/dot-1.yml:4:1: receipts: the register counts 2 comment(s) in all but "
            "comments_received of the batch, written by hand at exemplars/nominations/dot-1.yml:9, says 9: write 2 "
            "there") in report.render()


def _batch_with_total(total: int) -> str:
    from helpers import BATCH

    return BATCH.replace("closes: 16/11/2026\n", f"closes: 16/11/2026\ncomments_received: {total}\n")


def test_a_batch_total_written_by_hand_that_agrees_is_accepted(tmp_path):
    write_site(tmp_path, batch=_batch_with_total(2))
    write(tmp_path, "exemplars/_comment-counts/dot-1.yml", COUNTS)
    write(tmp_path, "exemplars/_comment-register/dot-1.yml", REGISTER)

    catalogue, report = check_records(tmp_path / "exemplars", base=tmp_path)

    assert catalogue is not None, report.render()


def test_a_register_unchanged_since_the_last_build_comes_from_the_record_cache_and_is_checked_again(tmp_path):
    from site_builder.build import recordcache
    from site_builder.build.recordcache import RecordCache
    from site_builder.model.receipt_register import ReceiptRegister
    from site_builder.records.file_identity import record_key, text_digest

    _report(tmp_path)
    file = tmp_path / "records.pickle"
    first = RecordCache(file, "code")
    catalogue, _ = check_records(tmp_path / "exemplars", base=tmp_path, cache=first)
    first.save()
    recordcache._IN_MEMORY.clear()  # the next build is another process
    kept = RecordCache(file, "code")
    key = record_key(ReceiptRegister, "dot-1", text_digest(REGISTER))

    assert kept.get(key) == catalogue.receipt_registers["dot-1"]
    again, _ = check_records(tmp_path / "exemplars", base=tmp_path, cache=kept)
    assert again.receipt_registers["dot-1"] == catalogue.receipt_registers["dot-1"]
    write(tmp_path, "exemplars/_comment-counts/dot-1.yml", COUNTS.replace(": 2\n", ": 1\n"))  # the figures change
    recordcache._IN_MEMORY.clear()
    changed, report = check_records(tmp_path / "exemplars", base=tmp_path, cache=RecordCache(file, "code"))
    assert changed is None and "the register counts 2 comment(s)" in report.render()
