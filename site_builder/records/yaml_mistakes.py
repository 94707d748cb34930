"""Plain words and a fix for the YAML mistakes staff make, instead of the parser's jargon.

PyYAML says "found character '\\t' that cannot start any token" for a tab and "mapping values
are not allowed here" for a colon inside a value. Each mistake is recognised from the
parser's problem and the line it points at, and told as what to type instead, at the line
where the fix goes (an unclosed quote at the quote, not at the end of the file). A mistake
not recognised keeps the parser's words with a general hint.
"""

from __future__ import annotations

import re

import yaml

from site_builder.model.i18n import gettext as _

from .errors import RecordError

# "position:Chủ tịch": a field name glued to its value.
_GLUED_COLON = re.compile(r"^\s*(?:-\s+)?([\w-]+):(\S.*)$")
# "position: Chủ tịch: UBND": a second ": " after the field's own.
_SECOND_COLON = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:#]*:\s+\S.*?:(?:\s|$)")


def syntax_error(exc: yaml.MarkedYAMLError, file: str, text: str) -> RecordError:
    """The parser's error as a :class:`RecordError` that says what to type."""
    lines = text.splitlines()
    problem, context = exc.problem or "", exc.context or ""
    for explain in (_tab, _unclosed_quote, _glued_colon, _colon_in_value, _text_after_quote, _indentation):
        found = explain(exc, problem, context, lines)
        if found is not None:
            (line, column), message = found
            return RecordError(file, line, column, "", message)
    line, column = _at(exc.problem_mark or exc.context_mark)
    detail = f"{problem} {context}".strip() or "the YAML cannot be read"
    return RecordError(file, line, column, "", _(
        "YAML syntax error: {detail} (check the indentation, and put text containing ':' or '#' "
        "in quotes)").format(detail=detail))


Found = tuple[tuple[int, int], str] | None


def _at(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _line(lines: list[str], mark: yaml.Mark | None) -> str:
    return lines[mark.line] if mark is not None and mark.line < len(lines) else ""


def _tab(exc, problem: str, context: str, lines: list[str]) -> Found:
    if "'\\t'" not in problem:
        return None
    return _at(exc.problem_mark), _(
        "this line has a tab character; type spaces instead (two spaces per level of indentation)")


def _unclosed_quote(exc, problem: str, context: str, lines: list[str]) -> Found:
    if "quoted scalar" not in context or exc.context_mark is None:
        return None
    quote = _line(lines, exc.context_mark)[exc.context_mark.column:][:1] or '"'
    return _at(exc.context_mark), _(
        "the quote {quote} opened here is never closed; end the value with the same quote {quote} "
        "on this line").format(quote=quote)


def _glued_colon(exc, problem: str, context: str, lines: list[str]) -> Found:
    if "could not find expected ':'" not in problem:
        return None
    line = _line(lines, exc.context_mark)
    glued = _GLUED_COLON.match(line)
    if glued is None:
        return _at(exc.context_mark), _(
            "this line has no \"field: value\" colon; write the field's name, a colon and a space, "
            "then the value (or put the line's text in quotes if it continues the value above)")
    return _at(exc.context_mark), _(
        "type a space after the colon: \"{name}: {value}\" (a field's name, a colon, a space, "
        "then the value)").format(name=glued.group(1), value=_shortened(glued.group(2)))


def _shortened(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def _colon_in_value(exc, problem: str, context: str, lines: list[str]) -> Found:
    if "mapping values are not allowed" not in problem:
        return None
    line = _line(lines, exc.problem_mark)
    if _SECOND_COLON.match(line[:exc.problem_mark.column + 1]):
        return _at(exc.problem_mark), _(
            "the value contains a colon followed by a space; put the whole value in double quotes: "
            "{fixed}").format(fixed=_quoted_line(line))
    return _at(exc.problem_mark), _(
        "this line is indented more than the line above allows; line it up (with spaces) with the "
        "other fields of its group, or put a value with a colon in double quotes")


def _quoted_line(line: str) -> str:
    """The line as it should be typed: its field, then its whole value in double quotes."""
    field, _colon, value = line.strip().removeprefix("- ").partition(":")
    value = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'{field.strip()}: "{value}"'


def _text_after_quote(exc, problem: str, context: str, lines: list[str]) -> Found:
    if "but found '<scalar>'" not in problem:
        return None
    return _at(exc.problem_mark), _(
        "text follows the closing quote; put the whole value inside the quotes, or leave the "
        "quotes out")


def _indentation(exc, problem: str, context: str, lines: list[str]) -> Found:
    if not problem.startswith("expected <block end>") and "did not find expected" not in problem:
        return None
    return _at(exc.problem_mark), _(
        "the indentation of this line does not match the lines above; start it in the same column "
        "as the other fields of its group (spaces only, two per level)")
