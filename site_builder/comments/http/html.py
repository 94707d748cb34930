"""The service's own HTML pages: receipt, look-up, the form shown again, errors.

A citizen without JavaScript lands on these, so they wear the site's look (a
small stylesheet served by the service, ``static/service.css``: the site's
system fonts and colours) and name the board that receives the comment, with
its address, phone and e-mail and a link to the privacy notice on the site.

Jinja templates in ``templates/`` with autoescaping: every value a citizen sent
is escaped. Accessible: ``lang="vi"``, one ``h1``, the receipt code on one line
and spelled out for screen readers, no script, nothing from another host.
Links are relative to the page (``root``), so the pages work behind a proxy
that serves the service under a path prefix (``/y-kien/``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from site_builder.model import urls
from site_builder.model.board import Board

HERE = Path(__file__).parent
STYLESHEET = HERE / "static" / "service.css"

FIELD_LABELS = {
    "batch": "Đợt lấy ý kiến",
    "nominee": "Tập thể, cá nhân được góp ý",
    "name": "Họ và tên",
    "contact": "Điện thoại hoặc email",
    "address": "Địa chỉ",
    "text": "Nội dung góp ý",
    "consent": "Đồng ý sử dụng thông tin",
    "token": "Mã gửi",
    "rendered_at": "Thời điểm mở biểu mẫu",
}
# The fields a citizen sees on the form shown again; the others are only named in the summary.
FORM_FIELDS = ("name", "contact", "address", "text", "consent")


@dataclass(frozen=True)
class Frame:
    """What every page shows around its content: the board, and links to the site."""

    board: Board | None = None
    site_url: str | None = None
    root: str = ""
    return_to: str | None = None

    def at(self, root: str, return_to: str | None = None) -> Frame:
        """The same frame for a page ``root`` away from the service's root (``"../"``)."""
        return Frame(self.board, self.site_url, root, return_to)

    def context(self) -> dict[str, object]:
        site = self.site_url
        return {"board": self.board, "site_url": site, "root": self.root, "return_to": self.return_to,
                "privacy_url": f"{site}{urls.DATA_PROTECTION}" if site else None,
                "lookup_url": f"{site}{urls.LOOKUP}" if site else None,
                "code_spoken": spoken}


@dataclass(frozen=True)
class Answer:
    """What a receipt look-up says, in words; nothing about the person."""

    code: str
    state: str
    state_text: str
    state_help: str
    batch_title: str
    nominee_name: str
    received_on: str
    received_moment: str = ""
    counted: bool | None = None  # known once the batch's register is published
    reason: str = ""  # why the published register does not count it


@dataclass(frozen=True)
class FormAgain:
    """A refused form post, to be shown again filled in: values and problems by field."""

    batch: object
    nominee: object
    message: str
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    require_address: bool = False
    requirement_text: str = ""


_environment = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
)


def spoken(code: str) -> str:
    """``K 7 Q X, M 4 T N``: a screen reader reads the symbols one by one."""
    return ", ".join(" ".join(group) for group in code.split("-"))


def render_receipt(frame: Frame, answer: Answer) -> str:
    """The receipt page at its own address (``/bien-nhan/CODE``), safe to reload."""
    return _render("receipt.html", frame, found=answer, batch_title=answer.batch_title,
                   nominee_name=answer.nominee_name, received_on=answer.received_on)


def render_lookup(frame: Frame, typed: str, answer: Answer | None, problem: str | None) -> str:
    """The look-up page: the code box, and the answer or the problem when a code was given."""
    return _render("lookup.html", frame, typed=typed, answer=answer, problem=problem)


def render_form_again(frame: Frame, form: FormAgain) -> str:
    """The form as the citizen filled it, the problems next to their fields and in a summary."""
    summary = [(name if name in FORM_FIELDS else None, FIELD_LABELS.get(name, name), text)
               for name, text in form.errors.items()]
    return _render("form.html", frame, batch=form.batch, nominee=form.nominee, message=form.message,
                   values=form.values, errors=form.errors, summary=summary,
                   require_address=form.require_address, requirement_text=form.requirement_text)


def render_error(frame: Frame, message: str, fields: dict[str, str],
                 heading: str = "Chưa gửi được ý kiến") -> str:
    """A page explaining why a request was refused, field by field, and whom to call."""
    problems = [(FIELD_LABELS.get(name, name), text) for name, text in fields.items()]
    return _render("error.html", frame, heading=heading, message=message, problems=problems)


def _render(template: str, frame: Frame, **values: object) -> str:
    return _environment.get_template(template).render(**frame.context(), **values)
