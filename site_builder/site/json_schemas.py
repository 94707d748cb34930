"""JSON Schema of each record kind, generated from the models, for editors.

Editors that know JSON Schema (VS Code with the YAML extension, IntelliJ,
anything built on yaml-language-server) autocomplete fields and underline
mistakes in a record file whose first line is

    # yaml-language-server: $schema=https://<site>/schema/exemplar.json

The schemas are published with the site under ``schema/`` and can be written
to a folder with ``site-builder schema``. They are derived from the pydantic
models on every build, so they never drift from what validation accepts; the
validator stays the authority (it also checks provinces, dates and references).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from site_builder.model.campaign import Campaign
from site_builder.model.exemplar import Exemplar
from site_builder.model.legal_calendar import CalendarYear
from site_builder.model.nomination import NominationBatch
from site_builder.model.vntime import DMY_DATE, ISO_DATE

SCHEMA_DIR = "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# File name → record kind, with the title editors show.
RECORD_KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "exemplar": (Exemplar, "Điển hình tiên tiến (exemplars/**/<id>.yml)"),
    "campaign": (Campaign, "Phong trào thi đua (exemplars/campaigns/<id>.yml)"),
    "nomination-batch": (NominationBatch, "Đợt lấy ý kiến nhân dân (exemplars/nominations/<id>.yml)"),
    "calendar-year": (CalendarYear, "Lịch nghỉ của năm (exemplars/calendar/<year>.yml)"),
}


class _RecordSchemaGenerator(GenerateJsonSchema):
    """Dates are written as staff write them (``15/04/2026``), not only ISO 8601."""

    def date_schema(self, schema: core_schema.DateSchema) -> dict[str, Any]:
        return {"type": "string", "pattern": f"{DMY_DATE.pattern}|{ISO_DATE.pattern}", "examples": ["15/04/2026"]}


def record_schema(kind: str, site_url: str | None = None) -> dict[str, Any]:
    """The JSON Schema of one record kind (``exemplar``, ``campaign``, ``nomination-batch``)."""
    model, title = RECORD_KINDS[kind]
    generated = model.model_json_schema(schema_generator=_RecordSchemaGenerator)
    header: dict[str, Any] = {"$schema": DIALECT}
    if site_url:
        header["$id"] = schema_url(kind, site_url)
    return {**header, **generated, "title": title}


def schema_url(kind: str, site_url: str) -> str:
    """Where the site publishes the schema of ``kind``."""
    return f"{site_url.rstrip('/')}/{SCHEMA_DIR}/{kind}.json"


def schema_files(site_url: str | None = None) -> dict[str, str]:
    """``{"exemplar.json": "<JSON text>", …}``, in a stable order and format."""
    return {f"{kind}.json": _dump(record_schema(kind, site_url)) for kind in RECORD_KINDS}


def write_schemas(folder: Path, site_url: str | None = None) -> list[Path]:
    """Write every schema into ``folder``; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files(site_url).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
