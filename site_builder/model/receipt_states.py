"""How far a comment has come, in the words a citizen holding its receipt reads.

The register's statuses are the board's working words; a citizen is told one of
three states. A spam mark is the board's business, so it reads like any comment
under review. Once the council's outcome for the nominee is published, every
comment on it has been considered. The comment service's look-up
(:mod:`site_builder.comments.http.answers`) and the site's published register
(:mod:`site_builder.site.register_pages`) both word a receipt through
:func:`citizen_state`, so the two answers never differ — but for one case: once
a batch's register is published, whether each comment counts is public, and a
comment it leaves out (spam, a duplicate, off-topic, received after the close)
reads as such (:func:`published_state`) rather than as considered by the council.
"""

from __future__ import annotations

from typing import NamedTuple


class CitizenState(NamedTuple):
    key: str
    text: str
    help: str


RECEIVED = CitizenState("received", "Đã tiếp nhận",
                        "Ý kiến đã vào sổ tiếp nhận của Ban và đang chờ cán bộ xem xét.")
UNDER_REVIEW = CitizenState("under_review", "Đang xem xét",
                            "Cán bộ của Ban đã đọc ý kiến; Ban sẽ báo cáo Hội đồng Thi đua – Khen thưởng trước "
                            "khi Hội đồng họp.")
CONSIDERED = CitizenState("considered", "Đã được Hội đồng xem xét",
                          "Hội đồng Thi đua – Khen thưởng đã xem xét đề nghị khen thưởng có ý kiến này; kết quả "
                          "được công bố trên trang của đợt lấy ý kiến.")


def citizen_state(status: str, considered: bool) -> CitizenState:
    """The state of a comment with ``status``; ``considered`` once its nominee's outcome is published."""
    if considered:
        return CONSIDERED
    return RECEIVED if status == "received" else UNDER_REVIEW


NOT_COUNTED = CitizenState("not_counted", "Không được tính",
                           "Ý kiến có trong sổ ý kiến công khai của đợt nhưng không được tính vào số ý kiến đã "
                           "công bố (lý do ghi ở trên). Nếu bạn cho rằng có nhầm lẫn, xin gọi điện cho Ban và đọc "
                           "mã biên nhận.")


def published_state(status: str, counted: bool, considered: bool) -> CitizenState:
    """The state of a comment as the batch's published register lists it."""
    return citizen_state(status, considered) if counted else NOT_COUNTED
