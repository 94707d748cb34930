"""Fuzzing the record loader: whatever a file holds, staff get problems with file and line, never a crash.

Hypothesis writes YAML documents of random shape (nested groups and lists,
scalars of every YAML type, HTML payloads), valid records with one field
replaced by random data, random bytes, deep nesting and huge strings. The runs
are derandomised (the same examples on every run, in CI too) and small enough
to keep the suite fast.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from helpers import BATCH, CAMPAIGN, EXEMPLAR, write_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.model.campaign import Campaign
from site_builder.model.exemplar import Exemplar
from site_builder.model.nomination import NominationBatch
from site_builder.records.errors import RecordError
from site_builder.records.loader import check_records, load_record
from site_builder.records.yamlsource import MAX_DEPTH, parse_yaml

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example,
                                       HealthCheck.data_too_large])
MODELS = [(Exemplar, EXEMPLAR), (Campaign, CAMPAIGN), (NominationBatch, BATCH)]

PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "javascript:alert(1)",
            "</p><p", "\u202egnp.exe", "a\u200bb", "{{ 7*7 }}", "${x}", "&a", "*a", "!!python/object"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.sampled_from(PAYLOADS), st.sampled_from(["31/02/2021", "2021-13-01", "15/06/2021"]),
)
keys = st.one_of(st.sampled_from(["name", "kind", "story", "honours", "place", "province", "decision",
                                  "date", "nominees", "id", "summary", "photos", "file"]), st.text(max_size=12))
documents = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=6)), max_leaves=30)


def _check(errors: list[RecordError], shown_as: str, text: str) -> None:
    """Every problem names the file and a real position in it."""
    lines = text.count("\n") + 2
    for error in errors:
        assert isinstance(error, RecordError)
        assert error.file == shown_as
        assert 1 <= error.line <= lines and error.column >= 1, str(error)
        assert error.message


def _load_text(text: str, model, suffix: str = ".yml") -> tuple[object, list[RecordError]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ban-ghi{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return load_record(path, model, "exemplars/ban-ghi.yml")


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@FUZZ
@given(data=documents, model=st.sampled_from([model for model, _ in MODELS]))
def test_random_documents_give_problems_with_lines(data, model):
    text = _dump(data)
    record, errors = _load_text(text, model)
    assert (record is None) == bool(errors)
    _check(errors, "exemplars/ban-ghi.yml", text)


@FUZZ
@given(choice=st.sampled_from(MODELS), field_index=st.integers(0, 30), value=documents)
def test_a_valid_record_with_one_field_replaced(choice, field_index, value):
    model, text = choice
    data = yaml.safe_load(text)
    field = sorted(data)[field_index % len(data)]
    data[field] = value
    text = _dump(data)
    record, errors = _load_text(text, model)
    assert (record is None) == bool(errors)
    _check(errors, "exemplars/ban-ghi.yml", text)


@FUZZ
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_random_text_never_crashes_the_parser(text):
    doc, errors = parse_yaml(text, "a.yml")
    assert doc is not None or errors
    _check(errors, "a.yml", text)


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#?,\n  \tab1%@`")), max_size=200))
def test_yaml_punctuation_soup(text):
    for model, _ in MODELS:
        _record, errors = _load_text(text, model)
        _check(errors, "exemplars/ban-ghi.yml", text)


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ban-ghi.yml"
        path.write_bytes(data)
        record, errors = load_record(path, Exemplar, "exemplars/ban-ghi.yml")
    assert record is None and errors
    assert all(error.file == "exemplars/ban-ghi.yml" and error.line >= 1 for error in errors)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 200_000])
@pytest.mark.parametrize("shape", ["flow-list", "flow-map", "block"])
def test_deep_nesting_is_refused_with_a_line(depth, shape):
    # libyaml's composer recursed in C on these and crashed the process (segfault).
    if shape == "flow-list":
        text = "name: " + "[" * depth + "]" * depth + "\n"
    elif shape == "flow-map":
        text = "name: " + "{a: " * depth + "1" + "}" * depth + "\n"
    else:
        text = "".join("  " * level + "a:\n" for level in range(min(depth, 5_000))) + "  " * 5_000 + "b: 1\n"
    doc, errors = parse_yaml(text, "a.yml")
    assert doc is None
    [error] = errors
    assert "nested more than" in error.message and error.line >= 1


@pytest.mark.parametrize("text, line", [
    ("a: &a [*a]\n", 1),                                     # a list that contains itself
    ("name: x\nb: &b {c: *b}\n", 2),
    ("a: &a [1, 2, 3]\n" + "".join(f"k{i}: &k{i} [*k{i - 1 if i else 'a'}, *a]\n" for i in range(30)), 2),
])
def test_aliases_of_collections_are_refused_before_they_expand(text, line):
    doc, errors = parse_yaml(text, "a.yml")
    assert doc is None
    assert errors[0].line == line and "write them out" in errors[0].message


def test_aliases_of_single_values_still_work():
    doc, errors = parse_yaml("a: &x Nam Định\nb: *x\n", "a.yml")
    assert errors == [] and doc.data == {"a": "Nam Định", "b": "Nam Định"}


@pytest.mark.parametrize("text, line, words", [
    ("name: a\nstory: b\x07c\n", 2, "U+0007"),
    ("name: a\nstory: \x00\n", 2, "U+0000"),
    ("name: 1" + "0" * 5000 + "\n", 1, "cannot be read"),
    ("name: a\npublished: !!timestamp 2021-02-31\n", 2, "cannot be read"),
])
def test_values_python_refuses_are_problems_with_lines(text, line, words):
    doc, errors = parse_yaml(text, "a.yml")
    assert doc is None
    assert errors[0].line == line and words in errors[0].message


@pytest.mark.parametrize("size", [100_000, 2_000_000])
def test_huge_strings_are_read_or_refused_quickly(size):
    text = EXEMPLAR.replace("Câu chuyện của chị Hoà.", "Câu" + "chuyện" * (size // 6))
    record, errors = _load_text(text, Exemplar)
    _check(errors, "exemplars/ban-ghi.yml", text)


@FUZZ
@given(files=st.lists(st.tuples(st.sampled_from(["ca-nhan/a.yml", "campaigns/b.yml", "nominations/c.yml",
                                                 "x/Tên Sai.yml", "d.yaml"]), documents), max_size=4))
def test_check_records_reports_every_file_by_name(files):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        records = write_records(root)
        for name, data in files:
            path = records / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_dump(data), encoding="utf-8")
        catalogue, report = check_records(records, base=root)
    assert (catalogue is None) == bool(report)
    for error in report.errors:
        assert error.file.startswith("exemplars/") and error.line >= 1
