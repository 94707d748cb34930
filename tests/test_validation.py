"""Every class of bad input gives a message with the exact file, line, column and field."""

from __future__ import annotations

import pickle
import textwrap

import pytest
from helpers import BATCH, EXEMPLAR, write, write_records

from site_builder.model.exemplar import Exemplar
from site_builder.model.fields import PackedText, Place
from site_builder.records.errors import RecordsInvalid
from site_builder.records.loader import check_records, load_records


def _errors(tmp_path, **records) -> list[str]:
    folder = write_records(tmp_path, **records)
    catalogue, report = check_records(folder, base=tmp_path)
    assert catalogue is None
    return [str(error) for error in report.sorted()]


def test_valid_records_load(tmp_path):
    catalogue = load_records(write_records(tmp_path), base=tmp_path)
    assert list(catalogue.exemplars) == ["nguyen-thi-hoa"]
    exemplar = catalogue.exemplars["nguyen-thi-hoa"]
    assert exemplar.source == "exemplars/ca-nhan/nguyen-thi-hoa.yml"
    assert exemplar.honours[0].decision.date.isoformat() == "2021-05-12"
    assert exemplar.place.province_info.current == "Ninh Bình"



def test_a_story_is_kept_packed_and_given_back_whole(tmp_path):
    """Stories are most of a catalogue's memory: kept compressed, as text again when a page needs it."""
    story = "Câu chuyện của chị Hoà.\n\n## Dồn điền, đổi thửa\n\n" + "Chị vận động xã viên dồn điền, đổi thửa. " * 200
    text = EXEMPLAR.split("story: |")[0] + "story: |\n" + textwrap.indent(story, "  ") + "\n" + \
        "honours:" + EXEMPLAR.split("honours:")[1]
    catalogue = load_records(write_records(tmp_path, exemplar=text), base=tmp_path)
    exemplar = catalogue.exemplars["nguyen-thi-hoa"]
    assert isinstance(exemplar.story, PackedText)
    assert str(exemplar.story) == story.strip()
    assert len(exemplar.story.packed) < len(story.encode("utf-8")) / 5
    again = pickle.loads(pickle.dumps(exemplar))  # as the record cache and the second process keep it
    assert again == exemplar and str(again.story) == story.strip()
    assert exemplar.model_dump()["story"] == story.strip()
    assert Exemplar.model_json_schema()["properties"]["story"] == {
        "description": "The story, in Markdown.", "minLength": 1, "title": "Story", "type": "string"}



def test_parts_that_give_the_same_fields_share_one_set_of_them(tmp_path):
    catalogue = load_records(write_records(tmp_path), base=tmp_path)
    exemplar = catalogue.exemplars["nguyen-thi-hoa"]
    another = Place.model_validate({"province": "Hà Nội", "commune": "phường Hoàn Kiếm"})
    assert "story" in exemplar.model_fields_set and "updated" not in exemplar.model_fields_set
    assert exemplar.place.model_fields_set is another.model_fields_set  # province and commune, both
    assert "grade" not in exemplar.model_dump(exclude_unset=True)["honours"][0]


E = "exemplars/ca-nhan/nguyen-thi-hoa.yml"
B = "exemplars/nominations/dot-1.yml"


@pytest.mark.parametrize("old, new, expected", [
    # Missing field: reported at the start of the record.
    ("sector: Nông nghiệp\n", "", f"{E}:1:1: sector: is missing; this field is required"),
    # Wrong type.
    ("campaigns: [nong-thon-moi]\n", "campaigns: nong-thon-moi\n",
     f'{E}:22:12: campaigns: expected a list (one item per line, each starting with "- "), '
     'found "nong-thon-moi"'),
    # Impossible date, in a nested list item.
    ("date: 12/05/2021", "date: 31/02/2021",
     f'{E}:20:13: honours[0].decision.date: "31/02/2021" is not a real date'),
    # Unknown field with a suggestion.
    ("name: Nguyễn Thị Hoà", "naem: Nguyễn Thị Hoà",
     [f"{E}:1:1: name: is missing; this field is required",
      f'{E}:2:1: naem: is not a known field (did you mean "name"?); check the spelling or remove it']),
    # Unknown nested field.
    ("    decision:\n", "    decison:\n",
     [f"{E}:17:5: honours[0].decision: is missing; this field is required",
      f'{E}:18:5: honours[0].decison: is not a known field (did you mean "decision"?); '
      "check the spelling or remove it"]),
    # Empty value.
    ("sector: Nông nghiệp", "sector:", f"{E}:8:8: sector: is empty; write a value or remove the line"),
    # Value not allowed.
    ("kind: individual", "kind: person", f"{E}:1:7: kind: \"person\" is not allowed; use 'individual' or 'collective'"),
    # Unknown province, with a suggestion.
    ("province: Nam Định", "province: Nam Dinhh",
     f'{E}:6:13: place.province: "Nam Dinhh" is not a province or centrally-run city of Vietnam '
     '(did you mean "Nam Định"?)'),
    # A rule between fields, reported at the field.
    ("position: Chủ nhiệm Hợp tác xã\n", "", f"{E}:1:1: position: is required for an individual"),
    # Too short summary.
    ("summary: Nữ chủ nhiệm hợp tác xã giúp hơn 600 hộ xã viên tăng thu nhập.", "summary: Ngắn.",
     f"{E}:9:10: summary: is too short: at least 20 characters are needed"),
    # A summary longer than the press kit allows.
    ("summary: Nữ chủ nhiệm hợp tác xã giúp hơn 600 hộ xã viên tăng thu nhập.", "summary: " + "rất " * 61,
     f"{E}:9:10: summary: is too long: 61 words, at most 60; keep it to one or two sentences"),
    # An unsafe link.
    ("published: 15/06/2021", "sources:\n  - title: a\n    url: javascript:alert(1)\npublished: 15/06/2021",
     f'{E}:25:10: sources[0].url: "javascript:alert(1)" is not a web address starting with https:// or http://'),
])
def test_exemplar_errors(tmp_path, old, new, expected):
    assert old in EXEMPLAR
    expected = expected if isinstance(expected, list) else [expected]
    assert _errors(tmp_path, exemplar=EXEMPLAR.replace(old, new)) == expected


@pytest.mark.parametrize("old, new, expected", [
    ("closes: 16/11/2026", "closes: 01/11/2026", f"{B}:8:9: closes: is not after the opening (opens)"),
    ("closes: 16/11/2026", "closes: 16/11/2026\ncloses_after_working_days: 10",
     f"{B}:8:9: closes: give either closes or closes_after_working_days (exactly one)"),
    ("closes: 16/11/2026", "closes_after_working_days: 0",
     f"{B}:8:28: closes_after_working_days: must be at least 1"),
    ("opens: 02/11/2026", "opens: 02/11/2026 24:00",
     f'{B}:7:8: opens: "02/11/2026 24:00" is not a real time of day'),
])
def test_batch_errors(tmp_path, old, new, expected):
    assert old in BATCH
    assert _errors(tmp_path, batch=BATCH.replace(old, new)) == [expected]


def test_duplicate_nominee_ids(tmp_path):
    second = BATCH[BATCH.index("  - id: nguyen-thi-hoa"):]
    errors = _errors(tmp_path, batch=BATCH + second)
    assert errors == [f'{B}:22:9: nominees[1] (Nguyễn Thị Hoà).id: "nguyen-thi-hoa" is already the id of nominees[0] (Nguyễn Thị Hoà); each nominee needs its own']


def test_yaml_syntax_error(tmp_path):
    errors = _errors(tmp_path, exemplar=EXEMPLAR.replace("sector: Nông nghiệp", "sector: [Nông nghiệp"))
    assert len(errors) == 1
    assert errors[0].startswith(f"{E}:9:")
    assert "YAML syntax error" in errors[0]


def test_unknown_campaign_is_reported_with_its_line(tmp_path):
    errors = _errors(tmp_path, exemplar=EXEMPLAR.replace("[nong-thon-moi]", "[nong-thon-mo]"))
    assert errors == [f'{E}:22:13: campaigns[0]: no campaign has the id "nong-thon-mo" (did you mean "nong-thon-moi"?)']


def test_nominee_linked_to_unknown_exemplar(tmp_path):
    errors = _errors(tmp_path, batch=BATCH.replace("exemplar: nguyen-thi-hoa", "exemplar: nguyen-thi-ho"))
    assert errors == [f'{B}:21:15: nominees[0] (Nguyễn Thị Hoà).exemplar: no exemplar has the id "nguyen-thi-ho" '
                      '(did you mean "nguyen-thi-hoa"?)']


def test_missing_photo_file(tmp_path):
    photo = "photos:\n  - file: photos/none.jpg\n    alt: Ảnh\n    credit: \"Ảnh: Báo\"\npublished: 15/06/2021"
    errors = _errors(tmp_path, exemplar=EXEMPLAR.replace("published: 15/06/2021", photo))
    assert errors == [f'{E}:24:11: photos[0].file: the file "photos/none.jpg" is not in the records folder']


def test_duplicate_ids_across_folders(tmp_path):
    folder = write_records(tmp_path)
    write(folder, "khac/nguyen-thi-hoa.yml", EXEMPLAR)
    _catalogue, report = check_records(folder, base=tmp_path)
    assert [str(e) for e in report.sorted()] == [
        'exemplars/khac/nguyen-thi-hoa.yml:1:1: the id "nguyen-thi-hoa" is already used by '
        f"{E}; rename one of the files"
    ]


def test_bad_file_name(tmp_path):
    folder = write_records(tmp_path)
    write(folder, "ca-nhan/Trần Văn A.yml", EXEMPLAR)
    _catalogue, report = check_records(folder, base=tmp_path)
    assert 'the file name "Trần Văn A" cannot be an id' in report.render()


def test_all_problems_of_all_files_in_one_run(tmp_path):
    folder = write_records(
        tmp_path,
        exemplar=EXEMPLAR.replace("date: 12/05/2021", "date: 31/02/2021").replace("sector: Nông nghiệp\n", ""),
        batch=BATCH.replace("closes: 16/11/2026", "closes: 01/11/2026"),
    )
    write(folder, "tap-the/hong.yml", "kind: collective\nname: [\n")
    _catalogue, report = check_records(folder, base=tmp_path)
    files = [error.file for error in report.sorted()]
    assert files == [E, E, B, "exemplars/tap-the/hong.yml"]
    assert len(report) == 4
    assert report.render().endswith("4 problems found; nothing was published. Fix the lines above and run again.")


def test_load_records_raises_with_the_report(tmp_path):
    folder = write_records(tmp_path, exemplar=EXEMPLAR.replace("kind: individual", "kind: x"))
    with pytest.raises(RecordsInvalid) as info:
        load_records(folder, base=tmp_path)
    assert f"{E}:1:7: kind:" in str(info.value)


def test_not_utf8(tmp_path):
    folder = write_records(tmp_path)
    (folder / "ca-nhan" / "cu.yml").write_bytes(b"name: Nguy\xea\xf1 V\xe3n")  # a legacy 8-bit encoding
    _catalogue, report = check_records(folder, base=tmp_path)
    assert ("exemplars/ca-nhan/cu.yml:1:1: the file is not UTF-8 text (byte 11 is not UTF-8; it was probably saved "
            "as ANSI or Windows-1258): open it in Notepad, choose File › Save As, set Encoding to UTF-8 and save"
            in report.render())


def test_a_file_saved_as_notepads_unicode_is_named_so(tmp_path, vietnamese):
    folder = write_records(tmp_path)
    (folder / "ca-nhan" / "cu.yml").write_bytes("name: Nguyễn Văn Cư\n".encode("utf-16"))  # with its BOM
    _catalogue, report = check_records(folder, base=tmp_path)
    assert ('exemplars/ca-nhan/cu.yml:1:1: tệp không phải văn bản UTF-8 (tệp đang được lưu dạng UTF-16, Notepad '
            'gọi là "Unicode"): xin mở tệp bằng Notepad, chọn File › Save As, đặt Encoding là UTF-8 rồi lưu lại'
            in report.render())
