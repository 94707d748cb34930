"""JSON Schemas for editors: generated from the models, published with the site, true to the records."""

from __future__ import annotations

import json

import pytest
from helpers import BATCH, CAMPAIGN, EXEMPLAR, REPO
from jsonschema import Draft202012Validator

from site_builder.cli import main
from site_builder.model.campaign import Campaign
from site_builder.model.exemplar import Exemplar
from site_builder.model.legal_calendar import CalendarYear
from site_builder.model.nomination import NominationBatch
from site_builder.records.loader import record_files, record_kind
from site_builder.records.yamlsource import parse_yaml
from site_builder.site.json_schemas import record_schema, schema_files

KIND_OF_MODEL = {Exemplar: "exemplar", Campaign: "campaign", NominationBatch: "nomination-batch",
                 CalendarYear: "calendar-year"}
SAMPLES = record_files(REPO / "exemplars")


def validator(kind: str) -> Draft202012Validator:
    schema = record_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def data_of(text: str):
    """The data as the validator sees it (dates left as the text staff wrote)."""
    doc, errors = parse_yaml(text, "x.yml")
    assert not errors
    return doc.data


def messages(kind: str, text: str) -> list[str]:
    return sorted(error.message for error in validator(kind).iter_errors(data_of(text)))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.relative_to(REPO).as_posix())
def test_the_schemas_accept_every_sample_record(path):
    kind = KIND_OF_MODEL[record_kind(REPO / "exemplars", path)]
    assert messages(kind, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("kind", "text"), [("exemplar", EXEMPLAR), ("campaign", CAMPAIGN),
                                            ("nomination-batch", BATCH)], ids=["exemplar", "campaign", "batch"])
def test_the_schemas_accept_the_test_records(kind, text):
    assert messages(kind, text) == []


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("exemplar", EXEMPLAR.replace("name:", "naem:"),
     ["'name' is a required property", "Additional properties are not allowed ('naem' was unexpected)"]),
    ("exemplar", EXEMPLAR.replace("kind: individual", "kind: person"),
     ["'person' is not one of ['individual', 'collective', 'cá nhân', 'tập thể']"]),
    ("exemplar", EXEMPLAR.replace("published: 15/06/2021", "published: 15.06.2021"),
     ["'15.06.2021' does not match '^(\\\\d{1,2})/(\\\\d{1,2})/(\\\\d{4})$|^(\\\\d{4})-(\\\\d{1,2})-(\\\\d{1,2})$'"]),
    ("campaign", CAMPAIGN.replace("scope: national", "scope: [national]"),
     ["['national'] is not of type 'string'",
      "['national'] is not one of ['national', 'ministry', 'province', 'local']"]),
    ("nomination-batch", BATCH.replace("closes: 16/11/2026", "closes_after_working_days: many"),
     ["'many' is not valid under any of the given schemas"]),
], ids=["unknown-field", "wrong-choice", "wrong-date", "list-for-choice", "text-for-number"])
def test_the_schemas_reject_wrong_records(kind, text, expected):
    assert messages(kind, text) == sorted(expected)


@pytest.mark.parametrize(("kind", "model"), [("exemplar", Exemplar), ("campaign", Campaign),
                                             ("nomination-batch", NominationBatch)])
def test_the_schemas_are_generated_from_the_models(kind, model):
    schema = record_schema(kind, "https://tdkt.example.gov.vn/")
    assert list(schema["properties"]) == list(model.model_fields)
    assert schema["required"] == [name for name, field in model.model_fields.items() if field.is_required()]
    assert schema["additionalProperties"] is False
    assert schema["$id"] == f"https://tdkt.example.gov.vn/schema/{kind}.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_site_builder_schema_writes_the_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Wrote schema/exemplar.json", "Wrote schema/campaign.json", "Wrote schema/nomination-batch.json",
        "Wrote schema/calendar-year.json"]
    for name, text in schema_files().items():
        assert (tmp_path / "schema" / name).read_text(encoding="utf-8") == text
    assert main(["schema", "--output", "out", "--site-url", "https://tdkt.example.gov.vn"]) == 0
    assert json.loads((tmp_path / "out/campaign.json").read_text(encoding="utf-8"))["$id"] == (
        "https://tdkt.example.gov.vn/schema/campaign.json")


@pytest.mark.parametrize("kind", ["exemplar", "campaign", "nomination-batch"])
def test_the_site_publishes_the_schemas(sample_site, kind):
    published = (sample_site / "schema" / f"{kind}.json").read_text(encoding="utf-8")
    assert published == schema_files("https://thiduakhenthuong.example.gov.vn/")[f"{kind}.json"]
    assert json.loads(published)["$id"] == f"https://thiduakhenthuong.example.gov.vn/schema/{kind}.json"
