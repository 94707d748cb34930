"""The small HTML pages answering a plain form post (no JavaScript needed).

Jinja templates with autoescaping: every value a citizen sent is escaped. The
templates live in this module, so they ship with the code whatever the
package-data settings say; they are short on purpose.
Accessible: ``lang="vi"``, one ``h1``, the receipt code spaced for screen
readers, readable on a small phone, no script, nothing from another host.
"""

from __future__ import annotations

from datetime import datetime

from jinja2 import DictLoader, Environment, select_autoescape

from site_builder.model.vntime import format_moment

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

_BASE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{% block title %}{% endblock %}</title>
<style>
body { font: 1.125rem/1.6 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 36rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { font-size: 1.5rem; line-height: 1.3; }
.code { font: 700 2rem/1.2 ui-monospace, monospace; letter-spacing: .15em; padding: .5rem .75rem;
        border: 2px solid #1a1a1a; display: inline-block; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
                   white-space: nowrap; }
.problems { border-left: 4px solid #b00020; padding-left: 1rem; }
a { color: #0b57d0; }
a:focus { outline: 3px solid #0b57d0; outline-offset: 2px; }
</style>
</head>
<body>
<main>
{% block main %}{% endblock %}
{% if return_to %}<p><a href="{{ return_to }}">{% block back %}Quay lại trang trước{% endblock %}</a></p>{% endif %}
</main>
</body>
</html>
"""

_RECEIPT = """{% extends "base.html" %}
{% block title %}Đã nhận ý kiến – mã biên nhận {{ code }}{% endblock %}
{% block main %}
<h1>Đã nhận ý kiến của bạn</h1>
<p>Ý kiến về <strong>{{ nominee }}</strong> trong đợt “{{ batch }}” đã được lưu lúc {{ received }}.</p>
<p>Mã biên nhận của bạn:</p>
<p class="code"><span aria-hidden="true">{{ code }}</span><span class="visually-hidden">{{ code_spoken }}</span></p>
<p>Vui lòng ghi lại mã này. Khi cần, bạn có thể đọc mã qua điện thoại cho Ban Thi đua – Khen thưởng
để kiểm tra ý kiến đã được nhận.</p>
{% endblock %}
{% block back %}Quay lại trang góp ý{% endblock %}
"""

_ERROR = """{% extends "base.html" %}
{% block title %}Chưa gửi được ý kiến{% endblock %}
{% block main %}
<h1>Chưa gửi được ý kiến</h1>
<p>{{ message }}</p>
{% if problems %}
<ul class="problems">
{% for label, text in problems %}<li><strong>{{ label }}:</strong> {{ text }}</li>
{% endfor %}</ul>
{% endif %}
{% if not return_to %}<p>Dùng nút “Quay lại” của trình duyệt để sửa và gửi lại.</p>{% endif %}
{% endblock %}
{% block back %}Quay lại trang góp ý để sửa và gửi lại{% endblock %}
"""

_environment = Environment(
    loader=DictLoader({"base.html": _BASE, "receipt.html": _RECEIPT, "error.html": _ERROR}),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
)


def render_receipt(code: str, received_at: datetime, batch: str, nominee: str,
                   return_to: str | None) -> str:
    """The page a citizen sees after a plain form post, with the receipt code."""
    return _environment.get_template("receipt.html").render(
        code=code, code_spoken=", ".join(" ".join(group) for group in code.split("-")), received=format_moment(received_at),
        batch=batch, nominee=nominee, return_to=return_to,
    )


def render_error(message: str, fields: dict[str, str], return_to: str | None) -> str:
    """The page explaining why a form post was refused, field by field."""
    problems = [(FIELD_LABELS.get(field, field), text) for field, text in fields.items()]
    return _environment.get_template("error.html").render(
        message=message, problems=problems, return_to=return_to,
    )
