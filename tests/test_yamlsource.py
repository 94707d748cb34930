from __future__ import annotations

from site_builder.records.yamlsource import parse_yaml


def test_dates_stay_text_so_impossible_dates_can_be_reported():
    doc, errors = parse_yaml("date: 2021-02-31\n", "x.yml")
    assert errors == []
    assert doc.data == {"date": "2021-02-31"}


def test_syntax_error_names_file_and_line():
    doc, errors = parse_yaml("name: a\nplace:\n  province: [Nam Định\nsector: b\n", "exemplars/a.yml")
    assert doc is None
    assert len(errors) == 1
    assert str(errors[0]).startswith("exemplars/a.yml:4:")
    assert "YAML syntax error" in errors[0].message


def test_tab_indentation_is_a_syntax_error_with_line():
    _doc, errors = parse_yaml("name: a\nplace:\n\tprovince: b\n", "a.yml")
    assert [(e.file, e.line) for e in errors] == [("a.yml", 3)]


def test_duplicate_key_is_reported_at_the_second_one():
    _doc, errors = parse_yaml("name: a\nsector: b\nname: c\n", "a.yml")
    assert [str(e) for e in errors] == [
        "a.yml:3:1: name: this field is written twice (first on line 1); keep one"
    ]


def test_empty_file_is_reported():
    doc, errors = parse_yaml("# only a comment\n", "a.yml")
    assert doc is None
    assert str(errors[0]) == "a.yml:1:1: the file is empty"


def test_locate_nested_list_item():
    doc, _ = parse_yaml("honours:\n  - award: a\n    decision:\n      date: x\n", "a.yml")
    assert doc.locate(("honours", 0, "decision", "date")) == (4, 13)
    assert doc.locate(("honours", 5)) == (2, 3)  # falls back to the nearest parent
