"""Why a published register does not count a comment: derived from its status, its day and the period."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from site_builder.model.uncounted_reasons import DUPLICATE, OFF_TOPIC, OTHER, SPAM, uncounted_reason
from site_builder.model.vntime import VIETNAM

OPENS = datetime(2025, 3, 3, 0, 0, tzinfo=VIETNAM)
END_OF_DAY = datetime(2025, 3, 17, 23, 59, 59, tzinfo=VIETNAM)
AT_FIVE = datetime(2025, 3, 17, 17, 0, tzinfo=VIETNAM)

CASES = [
    # status, counted, day received, close, expected key, words expected in the text
    ("verified", True, date(2025, 3, 10), END_OF_DAY, None, None),
    ("off_topic", True, date(2025, 3, 10), END_OF_DAY, None, None),
    ("spam", False, date(2025, 3, 21), END_OF_DAY, "spam", SPAM.text),  # never counted, whatever the day
    ("duplicate", False, date(2025, 3, 10), END_OF_DAY, "duplicate", DUPLICATE.text),
    ("received", False, date(2025, 3, 21), END_OF_DAY, "after_close",
     "Nhận ngày 21/03/2025, sau khi đã hết thời hạn lấy ý kiến (hết ngày 17/03/2025)."),
    ("received", False, date(2025, 3, 17), AT_FIVE, "after_close", "(hết hạn lúc 17:00 ngày 17/03/2025)"),
    ("off_topic", False, date(2025, 3, 18), END_OF_DAY, "after_close", "sau khi đã hết thời hạn"),
    ("reviewed", False, date(2025, 2, 28), END_OF_DAY, "before_open",
     "Nhận ngày 28/02/2025, trước khi bắt đầu lấy ý kiến (ngày 03/03/2025)."),
    ("off_topic", False, date(2025, 3, 10), END_OF_DAY, "off_topic", OFF_TOPIC.text),
    ("received", False, date(2025, 3, 17), END_OF_DAY, "other", OTHER.text),  # in time: the rule says more
]


@pytest.mark.parametrize("status, counted, received, closes_at, key, words", CASES)
def test_the_reason_a_row_is_not_counted(status, counted, received, closes_at, key, words):
    reason = uncounted_reason(status, counted, received, OPENS, closes_at)

    if key is None:
        assert reason is None
        return
    assert reason.key == key and words in reason.text
