"""What a receipt says to the person holding it: the state in words, the batch and nominee by name.

The register's moderation states are the board's working words; a citizen is
told only how far their comment has come. A spam mark is the board's business,
so it reads like any comment under review. Once the council's outcome for the
nominee is published, every comment on it has been considered. Nothing about
the commenter is ever part of an answer.

The look-up answers from the running service's register. After a batch's
public register of receipts is published on the site, the site's look-up page
can answer from it alone; :func:`answer_for` is the one place that words a
state, so that register should reuse it.
"""

from __future__ import annotations

from site_builder.comments.store.register import ReceiptStatus
from site_builder.model.nomination import NominationBatch
from site_builder.model.vntime import format_date, format_moment

from .html import Answer

# key, words, what it means for the citizen
RECEIVED = ("received", "Đã tiếp nhận", "Ý kiến đã vào sổ tiếp nhận của Ban và đang chờ cán bộ xem xét.")
UNDER_REVIEW = ("under_review", "Đang xem xét",
                "Cán bộ của Ban đã đọc ý kiến; Ban sẽ báo cáo Hội đồng Thi đua – Khen thưởng trước khi "
                "Hội đồng họp.")
CONSIDERED = ("considered", "Đã được Hội đồng xem xét",
              "Hội đồng Thi đua – Khen thưởng đã xem xét đề nghị khen thưởng có ý kiến này; kết quả được "
              "công bố trên trang của đợt lấy ý kiến.")


def answer_for(found: ReceiptStatus, batches: dict[str, NominationBatch]) -> Answer:
    """The answer for one comment of the register, named with the batches the service knows."""
    batch = batches.get(found.batch)
    nominee = batch.nominee(found.nominee) if batch else None
    considered = nominee is not None and nominee.outcome is not None
    state = CONSIDERED if considered else RECEIVED if found.status == "received" else UNDER_REVIEW
    return Answer(
        code=found.code, state=state[0], state_text=state[1], state_help=state[2],
        batch_title=batch.title if batch else found.batch,
        nominee_name=nominee.name if nominee else found.nominee,
        received_on=format_date(found.received_at), received_moment=format_moment(found.received_at),
    )
