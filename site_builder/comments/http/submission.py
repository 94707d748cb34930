"""Checking what a citizen sent, field by field, with messages in Vietnamese.

Every field is checked and every problem reported at once, next to its field,
so a person on a phone fixes the form in one go. Text is normalised once,
here (Unicode NFC, trimmed, Windows line ends), so the register, the export
and the database all see the same clean strings; characters a database or a
spreadsheet cannot hold (NUL, other control characters, lone surrogates from
JSON escapes) are refused rather than crashing a later step.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from site_builder.comments.refusals import invalid
from site_builder.comments.settings import Limits
from site_builder.model.vntime import VIETNAM

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE_PUNCTUATION = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"^\+?\d{8,15}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_\-.:]{16,100}$")
BAD_CONTACT = "Số điện thoại hoặc email chưa đúng (ví dụ: 0912 345 678 hoặc ten@example.com)."
_CONSENT_WORDS = {"on", "true", "1", "yes", "có", "dong-y", "đồng ý"}

REQUIRED_MESSAGES = {
    "batch": "Thiếu mã đợt lấy ý kiến.",
    "nominee": "Thiếu mã tập thể hoặc cá nhân được góp ý.",
    "name": "Vui lòng ghi họ và tên (ý kiến nặc danh không được xem xét).",
    "contact": "Vui lòng ghi số điện thoại hoặc email để Ban có thể liên hệ khi cần.",
    "text": "Vui lòng nhập nội dung góp ý.",
    "address": "Vui lòng ghi địa chỉ: đợt lấy ý kiến này chỉ xem xét ý kiến có ghi rõ địa chỉ người góp ý.",
}


@dataclass(frozen=True)
class Submission:
    """A comment as sent, once every field is valid."""

    batch: str
    nominee: str
    name: str
    contact: str
    text: str
    address: str | None
    token: str | None
    rendered_at: datetime | None
    honeypot_filled: bool


@dataclass(frozen=True)
class Target:
    """Which comment period and nominee a submission is about, and its idempotency token."""

    batch: str
    nominee: str
    token: str | None


def check_target(data: dict[str, object]) -> Target:
    """The batch, nominee and token, checked first: nothing else matters if they are wrong."""
    problems: dict[str, str] = {}
    batch = _required(data, "batch", 200, problems, single_line=True)
    nominee = _required(data, "nominee", 200, problems, single_line=True)
    token = _token(data.get("token"), problems)
    if problems:
        raise invalid(problems)
    assert batch is not None and nominee is not None
    return Target(batch, nominee, token)


def check_submission(data: dict[str, object], target: Target, limits: Limits,
                     honeypot_field: str, require_address: bool = False,
                     require_contact: bool = True) -> Submission:
    """Every other field; raises one 422 listing all problems.

    ``require_address``: the batch asks for the commenter's address (``require_address``
    of the batch record), so a comment without one is refused like one without a name.
    ``require_contact=False`` (a posted letter entered by an officer, signed with a name and
    an address) lets the phone or e-mail be absent; when given it must still be one. The
    contact is then ``""``, as it is after retention erased it.
    """
    problems: dict[str, str] = {}
    name = _required(data, "name", limits.name, problems, single_line=True)
    contact = _contact(data, limits, problems) if require_contact else _optional_contact(data, limits, problems)
    text = _required(data, "text", limits.text, problems, single_line=False)
    if text is not None and len(text) < limits.min_text:
        problems["text"] = f"Nội dung góp ý quá ngắn (ít nhất {limits.min_text} ký tự)."
    address = (_required(data, "address", limits.address, problems, single_line=True) if require_address
               else _optional(data, "address", limits.address, problems))
    _consent(data.get("consent"), problems)
    rendered_at = _rendered_at(data.get("rendered_at"), problems)
    if name is not None and not any(char.isalpha() for char in name):
        problems["name"] = "Họ và tên cần có chữ cái."
    if problems:
        raise invalid(problems)
    assert name is not None and text is not None
    return Submission(target.batch, target.nominee, name, contact or "", text, address, target.token,
                      rendered_at, _is_filled(data.get(honeypot_field)))


def clean_text(value: str, *, single_line: bool) -> str:
    """NFC, trimmed, ``\\n`` line ends; raises ValueError on characters we cannot store."""
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    allowed = "\t" if single_line else "\t\n"
    for char in text:
        category = unicodedata.category(char)
        if (category == "Cc" and char not in allowed) or category == "Cs":
            raise ValueError("control character")
    return " ".join(text.split()) if single_line else text


def _required(data: dict[str, object], field: str, limit: int, problems: dict[str, str], *,
              single_line: bool) -> str | None:
    value = _text(data.get(field), field, limit, problems, single_line=single_line)
    if value is None and field not in problems:
        problems[field] = REQUIRED_MESSAGES[field]
    return value


def _optional(data: dict[str, object], field: str, limit: int, problems: dict[str, str]) -> str | None:
    return _text(data.get(field), field, limit, problems, single_line=True)


def _text(value: object, field: str, limit: int, problems: dict[str, str], *,
          single_line: bool) -> str | None:
    """A trimmed string, or ``None`` when absent or blank; problems are recorded, not raised."""
    if value is None:
        return None
    if not isinstance(value, str):
        problems[field] = "Giá trị không hợp lệ: cần một đoạn văn bản (chỉ gửi một giá trị)."
        return None
    try:
        text = clean_text(value, single_line=single_line)
    except ValueError:
        problems[field] = "Có ký tự không hợp lệ (ký tự điều khiển). Vui lòng nhập lại."
        return None
    if len(text) > limit:
        problems[field] = f"Quá dài: tối đa {limit} ký tự (bạn đã nhập {len(text)})."
        return None
    return text or None


def _contact(data: dict[str, object], limits: Limits, problems: dict[str, str]) -> str | None:
    contact = _required(data, "contact", limits.contact, problems, single_line=True)
    if contact is not None and not is_phone_or_email(contact):
        problems["contact"] = BAD_CONTACT
    return contact


def _optional_contact(data: dict[str, object], limits: Limits, problems: dict[str, str]) -> str | None:
    contact = _text(data.get("contact"), "contact", limits.contact, problems, single_line=True)
    if contact is not None and not is_phone_or_email(contact):
        problems["contact"] = BAD_CONTACT
    return contact


def is_phone(contact: str) -> bool:
    """A phone number: 8 to 15 digits, with spaces, dots, dashes, brackets and a leading + allowed."""
    return bool(_PHONE.match(_PHONE_PUNCTUATION.sub("", contact)))


def is_phone_or_email(contact: str) -> bool:
    """A phone number (8 to 15 digits, spaces, dots, dashes, a leading +) or an e-mail address."""
    return bool(_EMAIL.match(contact)) or is_phone(contact)


def _consent(value: object, problems: dict[str, str]) -> None:
    agreed = value is True or (isinstance(value, str) and value.strip().lower() in _CONSENT_WORDS)
    if not agreed:
        problems["consent"] = ("Vui lòng đánh dấu đồng ý để Ban được dùng thông tin của bạn "
                               "cho việc lấy ý kiến này.")


def _token(value: object, problems: dict[str, str]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _TOKEN.match(value):
        problems["token"] = ("Mã gửi (token) không hợp lệ: 16 đến 100 ký tự gồm chữ, số, "
                             "dấu gạch; nên dùng một UUID mới cho mỗi ý kiến.")
        return None
    return value


def _rendered_at(value: object, problems: dict[str, str]) -> datetime | None:
    """When the form was shown: Unix time (seconds or milliseconds) or ISO 8601 with offset."""
    if value is None or value == "":
        return None
    try:
        return parse_rendered_at(value)
    except (TypeError, ValueError, OverflowError, OSError):
        problems["rendered_at"] = "Thời điểm mở biểu mẫu không hợp lệ. Vui lòng tải lại trang."
        return None


def parse_rendered_at(value: object) -> datetime:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(value)
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            moment = datetime.fromisoformat(value.strip())
            if moment.tzinfo is None:
                raise ValueError("no offset") from None
            return moment
    seconds = value / 1000 if value > 100_000_000_000 else value
    return datetime.fromtimestamp(seconds, VIETNAM)


def _is_filled(value: object) -> bool:
    """A bot fills every field; a person never sees the honeypot."""
    if value is None:
        return False
    return not isinstance(value, str) or bool(value.strip())


