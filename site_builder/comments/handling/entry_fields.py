"""What a comment typed in by an officer must carry, by the way it came: letter, call or e-mail.

The web form's field rules (:func:`site_builder.comments.http.submission.check_submission`) with
one difference per channel, since anonymous comments are not considered but a signed one may be
reached in more than one way:

- a **letter** (``post``) is signed with a name and says how to reach its writer: a postal
  address, or a phone or e-mail written in it. Boards accept letters with a name and an address
  alone, so the phone or e-mail is optional; a letter with neither is unsigned.
- a **call** (``phone``) needs the number it came from, a real phone number: the board checks a
  comment by calling back, and every call has a number (the board's phone shows it; when it is
  withheld the officer asks for one). "không rõ" is refused: a caller the board cannot reach
  again is anonymous.
- an **e-mail** needs its sender's address (or a phone number given in it), as the web form.

Used by the console's letter form and by ``site-builder comments add``, so both store the same.
"""

from __future__ import annotations

from collections.abc import Mapping

from site_builder.comments.http.submission import (
    BAD_CONTACT,
    REQUIRED_MESSAGES,
    Target,
    check_submission,
    is_phone,
)
from site_builder.comments.refusals import ServiceError, invalid
from site_builder.comments.settings import Limits
from site_builder.comments.store.register import NewComment
from site_builder.model.nomination import NominationBatch

ENTRY_CHANNELS = ("post", "phone", "email")
NO_NOMINEE = "Hãy chọn tập thể, cá nhân mà ý kiến nói đến."
NO_CHANNEL = "Hãy chọn ý kiến đến qua thư, điện thoại hay email."
LETTER_UNSIGNED = ("Thư cần ghi cách liên hệ người gửi: hãy ghi địa chỉ trên thư hoặc phong bì "
                   "(hoặc số điện thoại, email nếu thư có ghi).")
CALL_NUMBER = "Hãy ghi số điện thoại đã gọi đến (số hiện trên máy; nếu bị ẩn, hãy hỏi người gọi)."
NOT_A_PHONE = "Số điện thoại chưa đúng (ví dụ: 0912 345 678): cuộc gọi cần số đã gọi đến."


def check_entry(data: Mapping[str, str | None], batch: NominationBatch, limits: Limits) -> NewComment:
    """The comment of ``data`` (nominee, channel, name, contact, address, text), or one
    :class:`ServiceError` naming every problem next to its field."""
    problems: dict[str, str] = {}
    nominee, channel = data.get("nominee") or "", data.get("channel") or ""
    if batch.nominee(nominee) is None:
        problems["nominee"] = NO_NOMINEE
    if channel not in ENTRY_CHANNELS:
        problems["channel"] = NO_CHANNEL
    letter = channel == "post"
    fields = {"name": data.get("name"), "contact": data.get("contact"), "text": data.get("text"),
              "address": data.get("address"), "consent": True}
    try:
        checked = check_submission(fields, Target(batch.id, nominee, None), limits, honeypot_field="",
                                   require_contact=not letter)
    except ServiceError as error:
        problems.update(error.fields)
        checked = None
    problems.update(_channel_rule(channel, _given(data, "contact"), _given(data, "address"), problems))
    if problems or checked is None:
        raise invalid(problems)
    return NewComment(batch=batch.id, nominee=nominee, name=checked.name, contact=checked.contact,
                      text=checked.text, address=checked.address, channel=channel)  # type: ignore[arg-type]


def _given(data: Mapping[str, str | None], field: str) -> str:
    """What was typed in ``field``, trimmed (read from the form: another field's problem must not
    hide that this one was filled in)."""
    return (data.get(field) or "").strip()


def _channel_rule(channel: str, contact: str, address: str, problems: dict[str, str]) -> dict[str, str]:
    """The channel's own words where the web form's would mislead."""
    if channel == "post" and not contact and not address:
        return {"address": LETTER_UNSIGNED}
    if channel == "phone" and problems.get("contact") == REQUIRED_MESSAGES["contact"]:
        return {"contact": CALL_NUMBER}
    if channel == "phone" and problems.get("contact") == BAD_CONTACT:
        return {"contact": NOT_A_PHONE}
    if channel == "phone" and "contact" not in problems and contact and not is_phone(contact):
        return {"contact": NOT_A_PHONE}
    return {}
