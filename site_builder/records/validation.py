"""Turn pydantic's validation errors into messages staff can act on.

Pydantic does the checking; this module only says what went wrong in plain
words and where (file, line, column, field path). It also reports the
template placeholders left in a file and, through :mod:`site_builder.records.privacy`,
personal identifiers in the text about people.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from site_builder.model.fields import FieldProblem
from site_builder.model.i18n import gettext as _
from site_builder.model.text import did_you_mean

from .errors import FieldPath, RecordError, format_field_path
from .placeholders import find_placeholders, placeholder_message
from .privacy import locate_in_scalar, personal_data_findings, personal_scopes
from .yamlsource import YamlDocument


def validate_document(model: type[BaseModel], doc: YamlDocument) -> tuple[Any, list[RecordError]]:
    """Validate one parsed file against its record kind, then guard the privacy of the people in it."""
    placeholders = list(find_placeholders(doc.root))
    try:
        record, errors = model.model_validate(doc.data), []
    except ValidationError as exc:
        record = None
        found = exc.errors(include_url=False)
        errors = [_to_record_error(model, doc, error) for error in found
                  if not _caused_by_placeholder(error, placeholders)]
        errors += _later_rule_errors(model, doc, found, [path for path, _node in placeholders])
    errors = _placeholder_errors(doc, placeholders) + errors + _privacy_errors(model, doc)
    return (None, errors) if errors else (record, [])


# Rounds of validation without the unknown fields found: enough for the rules between fields.
LATER_ROUNDS = 3


def _later_rule_errors(model: type[BaseModel], doc: YamlDocument, found: list[dict],
                       placeholders: list[FieldPath]) -> list[RecordError]:
    """The problems pydantic holds back behind the first ones, so every problem comes in one run.

    The rules between fields (a position required for an individual, a closing date after the
    opening) run only once every field is valid. The file is validated again without its
    unknown fields, and what that finds at other fields is reported too. Only unknown fields
    are left out: no rule reads them, whereas leaving out a wrong value would make a rule
    that reads it complain of something that is not there.
    """
    pruned: set[FieldPath] = set(placeholders)
    reported = {_error_path(error) for error in found}
    data, later = doc.data, []
    for _round in range(LATER_ROUNDS):
        removable = {tuple(error["loc"]) for error in found if error["type"] == "extra_forbidden"} - pruned
        if not removable:
            break
        pruned |= removable
        data = _without(data, removable)
        try:
            model.model_validate(data)
            break
        except ValidationError as exc:
            found = exc.errors(include_url=False)
        for error in found:
            path = _error_path(error)
            if path not in reported and not any(path[:len(gone)] == gone for gone in pruned):
                reported.add(path)
                later.append(_to_record_error(model, doc, error))
    return later


def _error_path(error: dict) -> FieldPath:
    problem = error.get("ctx", {}).get("error")
    path = tuple(error["loc"])
    return path + problem.path if isinstance(problem, FieldProblem) else path


def _without(data: Any, paths: set[FieldPath]) -> Any:
    """A copy of ``data`` without the fields at ``paths`` (list items stay, so indexes hold)."""
    if not isinstance(data, (dict, list)):
        return data
    here = {path[0] for path in paths if len(path) == 1}
    if isinstance(data, dict):
        return {key: _without(value, _below(paths, key)) for key, value in data.items() if key not in here}
    return [_without(item, _below(paths, index)) for index, item in enumerate(data)]


def _below(paths: set[FieldPath], part: str | int) -> set[FieldPath]:
    return {path[1:] for path in paths if len(path) > 1 and path[0] == part}


def _placeholder_errors(doc: YamlDocument, placeholders: list[tuple[FieldPath, Any]]) -> list[RecordError]:
    return [RecordError(doc.file, *locate_in_scalar(node, 0, doc.root), format_field_path(path, doc.data),
                        placeholder_message(node.value)) for path, node in placeholders]


def _caused_by_placeholder(error: dict, placeholders: list[tuple[FieldPath, Any]]) -> bool:
    """A placeholder is reported once, as such, not again as a wrong value."""
    path = tuple(error["loc"])
    return any(path[:len(where)] == where for where, _node in placeholders)


def _privacy_errors(model: type[BaseModel], doc: YamlDocument) -> list[RecordError]:
    """Personal identifiers in the text about people (see :mod:`site_builder.records.privacy`)."""
    findings = personal_data_findings(personal_scopes(model), doc.root)
    return [RecordError(doc.file, *locate_in_scalar(finding.node, finding.offset, doc.root),
                        format_field_path(finding.path, doc.data), finding.message) for finding in findings]


def _to_record_error(model: type[BaseModel], doc: YamlDocument, error: dict) -> RecordError:
    path: FieldPath = tuple(error["loc"])
    problem = error.get("ctx", {}).get("error")
    if isinstance(problem, FieldProblem):
        path = path + problem.path
    if error["type"] == "extra_forbidden":
        line, column = doc.locate_key(path)
    else:
        line, column = doc.locate(path)
    return RecordError(doc.file, line, column, format_field_path(path, doc.data), _explain(model, path, error))


def _explain(model: type[BaseModel], path: FieldPath, error: dict) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx", {})
    if kind == "missing":
        return _("is missing; this field is required")
    if kind == "extra_forbidden":
        known = _known_fields(model, path[:-1])
        return _("is not a known field{suggestion}; check the spelling or remove it").format(
            suggestion=did_you_mean(str(path[-1]), known))
    if value is None and kind.endswith("_type"):
        return _("is empty; write a value or remove the line")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    explain = _EXPLANATIONS.get(kind)
    return explain(value, ctx) if explain else _("{problem} (the value is {value})").format(
        problem=error["msg"], value=_describe(value))


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return _("a group of fields")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, bool):
        return _("yes/no ({value})").format(value=value)
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=value)
    return f'"{value}"'


def _expected_group(value: Any, ctx: dict) -> str:
    return _("expected a group of fields (indented `field: value` lines), found {found}").format(
        found=_describe(value))


def _expected_number(value: Any, ctx: dict) -> str:
    return _("expected a whole number, found {found}").format(found=_describe(value))


def _expected_yes_no(value: Any, ctx: dict) -> str:
    return _("expected yes or no (true/false), found {found}").format(found=_describe(value))


def _expected_list(value: Any, ctx: dict) -> str:
    if isinstance(value, str) and value.lstrip().startswith("-"):
        return _('expected a list, found {found}: type a space after each dash, one item per line '
                 '("- item")').format(found=_describe(value))
    return _('expected a list (one item per line, each starting with "- "), found {found}').format(
        found=_describe(value))


def _too_short(value: Any, ctx: dict) -> str:
    if ctx.get("min_length") == 1:
        return _("must not be empty")
    return _("is too short: at least {least} characters are needed").format(least=ctx["min_length"])


_EXPLANATIONS = {
    "string_type": lambda v, c: _("expected text, found {found} (put text in quotes if needed)").format(
        found=_describe(v)),
    "string_too_short": _too_short,
    "string_too_long": lambda v, c: _("is too long: {length} characters, at most {most}").format(
        length=len(v), most=c["max_length"]),
    "int_type": _expected_number,
    "int_parsing": _expected_number,
    "int_from_float": _expected_number,
    "greater_than_equal": lambda v, c: _("must be at least {least}").format(least=c["ge"]),
    "less_than_equal": lambda v, c: _("must be at most {most}").format(most=c["le"]),
    "bool_type": _expected_yes_no,
    "bool_parsing": _expected_yes_no,
    "list_type": _expected_list,
    "too_short": lambda v, c: _("needs at least {least} item(s)").format(least=c["min_length"]),
    "too_long": lambda v, c: _("has too many items: at most {most}").format(most=c["max_length"]),
    "model_type": _expected_group,
    "model_attributes_type": _expected_group,
    "dict_type": _expected_group,
    "literal_error": lambda v, c: _("{found} is not allowed; use {expected}").format(
        found=_describe(v), expected=_or_words(c["expected"])),
    "tuple_type": lambda v, c: _("expected a date, found {found}").format(found=_describe(v)),
}


def _or_words(expected: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" with the "or" in the current language."""
    return expected.replace(" or ", _(" or "))


def _known_fields(model: type[BaseModel], path: FieldPath) -> list[str]:
    """Field names allowed at ``path`` inside ``model``, for "did you mean"."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _inner_model(annotation: Any) -> Any:
    """The model inside ``X | None``, ``list[X]`` or ``Annotated[X, ...]``."""
    if _is_model(annotation):
        return annotation
    for argument in typing.get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None
