"""What a receipt says to the person holding it: the state in words, the batch and nominee by name.

A citizen is told only how far their comment has come, in the words of
:func:`site_builder.model.receipt_states.citizen_state` — the same words the
site's published register answers with when the service does not know a code
or cannot be reached. Once the batch's register is published, its row is the
final word, as on the site: whether the comment counts and, if not, why
(:func:`~site_builder.model.receipt_states.published_state`,
:func:`~site_builder.model.uncounted_reasons.uncounted_reason`). Nothing about
the commenter is ever part of an answer.
"""

from __future__ import annotations

from site_builder.comments.store.comment_handling import PublishedReceipt
from site_builder.comments.store.register import ReceiptStatus
from site_builder.model.nomination import NominationBatch
from site_builder.model.receipt_states import published_state
from site_builder.model.uncounted_reasons import uncounted_reason
from site_builder.model.vntime import format_date, format_moment

from .html import Answer


def answer_for(found: ReceiptStatus, batches: dict[str, NominationBatch],
               published: PublishedReceipt | None = None) -> Answer:
    """The answer for one comment of the register, named with the batches the service knows;
    ``published`` is its row in the batch's published register, once there is one."""
    batch = batches.get(found.batch)
    nominee = batch.nominee(found.nominee) if batch else None
    considered = nominee is not None and nominee.outcome is not None
    status, counted = (published.status, published.counted) if published else (found.status, True)
    state = published_state(status, counted, considered)
    reason = (uncounted_reason(status, counted, published.received, batch.opens_at, batch.closes_at)
              if published and batch else None)
    return Answer(
        code=found.code, state=state.key, state_text=state.text, state_help=state.help,
        batch_title=batch.title if batch else found.batch,
        nominee_name=nominee.name if nominee else found.nominee,
        received_on=format_date(found.received_at), received_moment=format_moment(found.received_at),
        counted=counted if published else None, reason=reason.text if reason else "",
    )
