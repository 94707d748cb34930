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
        errors = [_to_record_error(model, doc, error) for error in exc.errors(include_url=False)
                  if not _caused_by_placeholder(error, placeholders)]
    errors = _placeholder_errors(doc, placeholders) + errors + _privacy_errors(model, doc)
    return (None, errors) if errors else (record, [])


def _placeholder_errors(doc: YamlDocument, placeholders: list[tuple[FieldPath, Any]]) -> list[RecordError]:
    return [RecordError(doc.file, *locate_in_scalar(node, 0, doc.root), format_field_path(path),
                        placeholder_message(node.value)) for path, node in placeholders]


def _caused_by_placeholder(error: dict, placeholders: list[tuple[FieldPath, Any]]) -> bool:
    """A placeholder is reported once, as such, not again as a wrong value."""
    path = tuple(error["loc"])
    return any(path[:len(where)] == where for where, _node in placeholders)


def _privacy_errors(model: type[BaseModel], doc: YamlDocument) -> list[RecordError]:
    """Personal identifiers in the text about people (see :mod:`site_builder.records.privacy`)."""
    findings = personal_data_findings(personal_scopes(model), doc.root)
    return [RecordError(doc.file, *locate_in_scalar(finding.node, finding.offset, doc.root),
                        format_field_path(finding.path), finding.message) for finding in findings]


def _to_record_error(model: type[BaseModel], doc: YamlDocument, error: dict) -> RecordError:
    path: FieldPath = tuple(error["loc"])
    problem = error.get("ctx", {}).get("error")
    if isinstance(problem, FieldProblem):
        path = path + problem.path
    if error["type"] == "extra_forbidden":
        line, column = doc.locate_key(path)
    else:
        line, column = doc.locate(path)
    return RecordError(doc.file, line, column, format_field_path(path), _explain(model, path, error))


def _explain(model: type[BaseModel], path: FieldPath, error: dict) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx", {})
    if kind == "missing":
        return "is missing; this field is required"
    if kind == "extra_forbidden":
        known = _known_fields(model, path[:-1])
        return f"is not a known field{did_you_mean(str(path[-1]), known)}; check the spelling or remove it"
    if value is None and kind.endswith("_type"):
        return "is empty; write a value or remove the line"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    explain = _EXPLANATIONS.get(kind)
    return explain(value, ctx) if explain else error["msg"]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"yes/no ({value})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f'"{value}"'


_EXPLANATIONS = {
    "string_type": lambda v, c: f"expected text, found {_describe(v)} (put text in quotes if needed)",
    "string_too_short": lambda v, c: "must not be empty" if c.get("min_length") == 1
    else f"is too short: at least {c['min_length']} characters are needed",
    "string_too_long": lambda v, c: f"is too long: {len(v)} characters, at most {c['max_length']}",
    "int_type": lambda v, c: f"expected a whole number, found {_describe(v)}",
    "int_parsing": lambda v, c: f"expected a whole number, found {_describe(v)}",
    "int_from_float": lambda v, c: f"expected a whole number, found {_describe(v)}",
    "greater_than_equal": lambda v, c: f"must be at least {c['ge']}",
    "less_than_equal": lambda v, c: f"must be at most {c['le']}",
    "bool_type": lambda v, c: f"expected yes or no (true/false), found {_describe(v)}",
    "bool_parsing": lambda v, c: f"expected yes or no (true/false), found {_describe(v)}",
    "list_type": lambda v, c: f'expected a list (one item per line, each starting with "- "), found {_describe(v)}',
    "too_short": lambda v, c: f"needs at least {c['min_length']} item(s)",
    "model_type": lambda v, c: f"expected a group of fields (indented `field: value` lines), found {_describe(v)}",
    "model_attributes_type": lambda v, c: "expected a group of fields (indented `field: value` lines), "
    f"found {_describe(v)}",
    "dict_type": lambda v, c: f"expected a group of fields (indented `field: value` lines), found {_describe(v)}",
    "literal_error": lambda v, c: f"{_describe(v)} is not allowed; use {c['expected']}",
    "tuple_type": lambda v, c: f"expected a date, found {_describe(v)}",
}


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
