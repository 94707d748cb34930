"""What a receipt says to the person holding it: the state in words, the batch and nominee by name.

A citizen is told only how far their comment has come, in the words of
:func:`site_builder.model.receipt_states.citizen_state` — the same words the
site's published register answers with when the service does not know a code
or cannot be reached. Nothing about the commenter is ever part of an answer.
"""

from __future__ import annotations

from site_builder.comments.store.register import ReceiptStatus
from site_builder.model.nomination import NominationBatch
from site_builder.model.receipt_states import citizen_state
from site_builder.model.vntime import format_date, format_moment

from .html import Answer


def answer_for(found: ReceiptStatus, batches: dict[str, NominationBatch]) -> Answer:
    """The answer for one comment of the register, named with the batches the service knows."""
    batch = batches.get(found.batch)
    nominee = batch.nominee(found.nominee) if batch else None
    considered = nominee is not None and nominee.outcome is not None
    state = citizen_state(found.status, considered)
    return Answer(
        code=found.code, state=state.key, state_text=state.text, state_help=state.help,
        batch_title=batch.title if batch else found.batch,
        nominee_name=nominee.name if nominee else found.nominee,
        received_on=format_date(found.received_at), received_moment=format_moment(found.received_at),
    )
