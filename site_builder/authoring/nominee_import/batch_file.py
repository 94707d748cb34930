"""The batch file ``nominations/<batch>.yml`` the nominees are written into.

A new file comes from the batch template (its batch-level values are
placeholders to fill); in an existing batch only the ``nominees:`` section is
replaced, the rest of the file being kept as it is, and nominees already there
are replaced only with ``--replace``. Each nominee is written under a comment
naming its row in the spreadsheet.
"""

from __future__ import annotations

import re

import yaml

from site_builder.authoring.scaffold import NewRecord, render_template, yaml_scalar
from site_builder.model.i18n import gettext as _
from site_builder.records.placeholders import is_placeholder, placeholder

from .options import ImportOptions
from .outcome import Nominee, SpreadsheetError


def render_nominees(nominees: list[Nominee], source: str) -> str:
    """The ``nominees:`` section, each nominee under a comment naming its row."""
    lines = ["nominees:"]
    for nominee in nominees:
        note = f"; {nominee.note}" if nominee.note else ""
        lines.append(f"  # Dòng {nominee.row} trong {source}{note}")
        lines.extend(_render_mapping(nominee.values, indent=4, first_prefix="  - "))
    return "\n".join(lines) + "\n"


def _render_mapping(values: dict[str, object], indent: int, first_prefix: str | None = None) -> list[str]:
    lines = []
    for position, (key, value) in enumerate(values.items()):
        prefix = first_prefix if position == 0 and first_prefix is not None else " " * indent
        if isinstance(value, dict):
            lines.append(f"{prefix}{key}:")
            lines.extend(_render_mapping(value, indent + 2))
        elif "\n" in str(value):
            lines.append(f"{prefix}{key}: |-")
            lines.extend((" " * (indent + 2) + line).rstrip() for line in str(value).split("\n"))
        else:
            lines.append(f"{prefix}{key}: {yaml_scalar(str(value))}")
    return lines


def write_batch(options: ImportOptions, nominees_text: str, values: dict[str, str] | None = None) -> str:
    """Write the nominees (and the batch ``values`` read from the sheet) into the batch file;
    return "created" or "updated"."""
    path = options.path
    if not path.exists():
        _create_batch(options, nominees_text, values or {})
        return "created"
    text = path.read_text(encoding="utf-8")
    if not options.replace and _has_real_nominees(text):
        raise SpreadsheetError(_("{file} already has nominees; use --replace to replace them with the "
                                 "spreadsheet's (the rest of the file is kept), or --output to write another "
                                 "file").format(file=path.as_posix()))
    path.write_text(fill_batch_values(replace_nominees(text, nominees_text), values or {}), encoding="utf-8")
    return "updated"


def _create_batch(options: ImportOptions, nominees_text: str, values: dict[str, str]) -> None:
    """A new batch file from the template; the batch values the sheet does not give left as placeholders."""
    path = options.path
    request = NewRecord("batch", placeholder("Tiêu đề thông báo"), options.folder, record_id=options.batch,
                        schema=options.schema, output=path)
    template = render_template(request)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(fill_batch_values(replace_nominees(template, nominees_text), values))


def fill_batch_values(text: str, values: dict[str, str]) -> str:
    """``title`` and ``proposed_by`` where the file still has a placeholder; a ``legal_basis`` line added
    if the list does not have it. What an officer wrote is never replaced."""
    for name in ("title", "proposed_by"):
        if name in values:
            text = _fill_placeholder(text, name, values[name])
    if values.get("legal_basis") and values["legal_basis"] not in text:
        text = _add_list_item(text, "legal_basis", values["legal_basis"])
    return text


def _fill_placeholder(text: str, name: str, value: str) -> str:
    match = re.search(rf"^{name}:[ \t]*(.*)$", text, re.MULTILINE)
    if not match or not is_placeholder(_scalar(match.group(1))):
        return text
    return text[:match.start()] + f"{name}: {yaml_scalar(value)}" + text[match.end():]


def _scalar(text: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _add_list_item(text: str, name: str, value: str) -> str:
    """``value`` as the last item of the top-level list ``name`` (written one item a line)."""
    lines = text.splitlines(keepends=True)
    start = next((index for index, line in enumerate(lines) if re.match(rf"{name}:\s*$", line)), None)
    if start is None:
        return text
    end = start + 1
    while end < len(lines) and re.match(r"\s+- ", lines[end]):
        end += 1
    indent = re.match(r"\s*", lines[end - 1]).group() if end > start + 1 else "  "
    return "".join([*lines[:end], f"{indent}- {yaml_scalar(value)}\n", *lines[end:]])


def replace_nominees(text: str, nominees_text: str) -> str:
    """``text`` with its top-level ``nominees:`` section (up to the next top-level field) replaced."""
    lines = text.splitlines(keepends=True)
    start = next((index for index, line in enumerate(lines) if re.match(r"nominees\s*:", line)), None)
    if start is None:
        return text.rstrip("\n") + "\n" + nominees_text
    end = _section_end(lines, start)
    return "".join(lines[:start]) + nominees_text + "".join(lines[end:])


def _section_end(lines: list[str], start: int) -> int:
    """The line after the section starting at ``start``: the next top-level field or its comments."""
    end = start + 1
    while end < len(lines) and not re.match(r"[^\s#-]", lines[end]):
        end += 1
    if end < len(lines):  # comments at the margin just above the next field belong to it
        while end > start + 1 and re.match(r"#|\s*$", lines[end - 1]):
            end -= 1
    return end


def _has_real_nominees(text: str) -> bool:
    """Nominees other than the template's placeholder one."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return True
    nominees = data.get("nominees") if isinstance(data, dict) else None
    if not isinstance(nominees, list):
        return False
    return any(not (isinstance(item, dict) and is_placeholder(item.get("id"))) for item in nominees)
