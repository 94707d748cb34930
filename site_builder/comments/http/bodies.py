"""Reading a request body safely: the size limit first, then JSON or form fields.

The limit is enforced on the raw bytes, before any parsing, so a huge or
endless body costs at most ``limit`` bytes of memory. Whatever the bytes
are, the outcome is a dict of fields or a :class:`ServiceError` (4xx): never
a crash. Form values that repeat become lists, which validation rejects.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from site_builder.comments.refusals import ServiceError

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_MAX_FIELDS = 50

Fields = dict[str, object]


def media_type(request: Request) -> str:
    """``application/json`` from ``application/json; charset=utf-8``."""
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
    except ClientDisconnect:
        raise ServiceError(400, "Kết nối bị ngắt trước khi gửi xong.") from None
    return b"".join(chunks)


def parse_fields(content_type: str, body: bytes) -> Fields:
    """The submitted fields of a JSON, URL-encoded or multipart body."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json")):
        return _parse_json(body)
    if kind == "application/x-www-form-urlencoded":
        return _parse_urlencoded(body)
    if kind == "multipart/form-data":
        return _parse_multipart(content_type, body)
    raise ServiceError(415, "Định dạng dữ liệu không được hỗ trợ: hãy gửi JSON (application/json) "
                            "hoặc biểu mẫu (application/x-www-form-urlencoded).")


def _too_large(limit: int) -> ServiceError:
    return ServiceError(413, f"Nội dung gửi lên quá lớn (tối đa {limit // 1024} KB). "
                             "Vui lòng rút gọn ý kiến và gửi lại.")


def _malformed(what: str) -> ServiceError:
    return ServiceError(400, f"Dữ liệu gửi lên không đọc được ({what}). Vui lòng gửi lại.")


def _parse_json(body: bytes) -> Fields:
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise _malformed("không phải văn bản UTF-8") from None
    except (ValueError, RecursionError):
        raise _malformed("JSON không hợp lệ") from None
    if not isinstance(data, dict):
        raise ServiceError(422, "Dữ liệu JSON phải là một đối tượng, ví dụ {\"name\": \"...\"}.")
    return data


def _parse_urlencoded(body: bytes) -> Fields:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8",
                          errors="strict", max_num_fields=_MAX_FIELDS)
    except UnicodeDecodeError:
        raise _malformed("không phải văn bản UTF-8") from None
    except ValueError:
        raise _malformed("quá nhiều trường") from None
    return _collect(pairs)


def _parse_multipart(content_type: str, body: bytes) -> Fields:
    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise _malformed("thiếu boundary của multipart")
    parts = _MultipartParts()
    try:
        parser = MultipartParser(boundary, parts.callbacks())
        parser.write(body)
        parser.finalize()
    except (FormParserError, ValueError):
        raise _malformed("multipart không hợp lệ") from None
    return _collect(parts.fields())


def _collect(pairs: list[tuple[str, str]]) -> Fields:
    """Fields by name; a name given more than once keeps all its values, as a list."""
    fields: Fields = {}
    for name, value in pairs:
        if name in fields:
            earlier = fields[name]
            fields[name] = [*earlier, value] if isinstance(earlier, list) else [earlier, value]
        else:
            fields[name] = value
    return fields


class _MultipartParts:
    """Collects the parts of a multipart body: their names and raw bytes, decoded strictly."""

    def __init__(self) -> None:
        self._parts: list[tuple[bytes, bytearray]] = []
        self._header_name = b""
        self._header_value = b""

    def callbacks(self) -> dict:
        return {
            "on_part_begin": lambda: self._parts.append((b"", bytearray())),
            "on_part_data": lambda data, start, end: self._parts[-1][1].extend(data[start:end]),
            "on_header_field": self._on_header_field,
            "on_header_value": self._on_header_value,
            "on_header_end": self._on_header_end,
        }

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _on_header_end(self) -> None:
        if self._header_name.strip().lower() == b"content-disposition":
            self._parts[-1] = (self._header_value, self._parts[-1][1])
        self._header_name = self._header_value = b""

    def fields(self) -> list[tuple[str, str]]:
        if len(self._parts) > _MAX_FIELDS:
            raise _malformed("quá nhiều trường")
        return [self._field(disposition, data) for disposition, data in self._parts]

    @staticmethod
    def _field(disposition: bytes, data: bytearray) -> tuple[str, str]:
        _, options = parse_options_header(disposition)
        if b"filename" in options:
            raise ServiceError(422, "Không nhận tệp đính kèm qua biểu mẫu này.")
        try:
            return options[b"name"].decode("utf-8"), data.decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            raise _malformed("multipart không hợp lệ") from None
