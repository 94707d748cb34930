"""Messages for officers: Vietnamese by default, English with ``--lang en`` or ``SITE_BUILDER_LANG=en``.

Each class of problem is checked in both languages through the command officers run
(``site-builder validate``) and, for the report as a whole, through ``mkdocs build``. The
wording is the point here; the other tests pin English and check the logic.
"""

from __future__ import annotations

import re

import pytest
from helpers import BATCH, EXEMPLAR, write, write_records, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from test_import_nominees import collectives_then, official_form, run_import

from site_builder.cli import main

E = "exemplars/ca-nhan/nguyen-thi-hoa.yml"
PHOTO = "photos:\n  - file: photos/hoa.jpg\n    alt: Chị Hoà\n    credit: Ban Thi đua\n"
B = "exemplars/nominations/dot-1.yml"


def _validate(tmp_path, capsys, *arguments: str, **records: str) -> str:
    folder = write_records(tmp_path, **records)
    assert main([*arguments, "validate", str(folder)]) == 1
    return capsys.readouterr().err.replace(str(tmp_path) + "/", "")


def _exemplar(old: str, new: str) -> str:
    assert old in EXEMPLAR
    return EXEMPLAR.replace(old, new)


# (what, old text, new text, Vietnamese, English): each class of problem in an exemplar.
CASES = [
    ("missing field", "sector: Nông nghiệp\n", "",
     f"{E}:1:1: sector: còn thiếu; đây là trường bắt buộc",
     f"{E}:1:1: sector: is missing; this field is required"),
    ("unknown field", "sector: Nông nghiệp\n", "sector: Nông nghiệp\nsectr: Y tế\n",
     f'{E}:9:1: sectr: không phải tên trường hợp lệ (có phải là "sector"?); xin kiểm tra chính tả hoặc xoá dòng này',
     f'{E}:9:1: sectr: is not a known field (did you mean "sector"?); check the spelling or remove it'),
    ("wrong type", "sector: Nông nghiệp", "sector: [Nông nghiệp, Y tế]",
     f"{E}:8:9: sector: cần ghi văn bản, nhưng đang là một danh sách",
     f"{E}:8:9: sector: expected text, found a list"),
    ("value not allowed", "kind: individual", "kind: nhóm",
     f"{E}:1:7: kind: không dùng được \"nhóm\"; xin dùng 'individual' hoặc 'collective'",
     f"{E}:1:7: kind: \"nhóm\" is not allowed; use 'individual' or 'collective'"),
    ("bad date", "published: 15/06/2021", "published: 31/02/2021",
     f'{E}:23:12: published: "31/02/2021" không phải ngày có thật; xin kiểm tra lại ngày và tháng',
     f'{E}:23:12: published: "31/02/2021" is not a real date'),
    ("a US date", "published: 15/06/2021", "published: 12/25/2021",
     f'{E}:23:12: published: "12/25/2021" không phải ngày có thật: ở đây ngày viết trước tháng; nếu là '
     'ngày 25/12/2021, xin ghi 25/12/2021',
     f'{E}:23:12: published: "12/25/2021" is not a real date: the day comes first here; if you mean '
     '25/12/2021, write 25/12/2021'),
    ("a tab", "  province: Nam Định", "\tprovince: Nam Định",
     f"{E}:6:1: dòng này có ký tự tab; xin xoá tab và gõ dấu cách thay vào (mỗi cấp thụt đầu dòng hai dấu cách)",
     f"{E}:6:1: this line has a tab character; type spaces instead (two spaces per level of indentation)"),
    ("a colon in a value", "position: Chủ nhiệm Hợp tác xã", "position: Chủ nhiệm: Hợp tác xã",
     f'{E}:3:20: giá trị có dấu hai chấm và dấu cách; xin đặt cả giá trị trong ngoặc kép: '
     'position: "Chủ nhiệm: Hợp tác xã"',
     f'{E}:3:20: the value contains a colon followed by a space; put the whole value in double quotes: '
     'position: "Chủ nhiệm: Hợp tác xã"'),
    ("no space after a colon", "sector: Nông nghiệp", "sector:Nông nghiệp",
     f'{E}:8:1: xin gõ một dấu cách sau dấu hai chấm: "sector: Nông nghiệp"',
     f'{E}:8:1: type a space after the colon: "sector: Nông nghiệp"'),
    ("no space after a dash", "campaigns: [nong-thon-moi]", "campaigns:\n  -nong-thon-moi",
     (f'{E}:23:3: campaigns: cần một danh sách, nhưng đang là "-nong-thon-moi": xin gõ một dấu cách sau mỗi '
     "dấu gạch đầu dòng"),
     f'{E}:23:3: campaigns: expected a list, found "-nong-thon-moi": type a space after each dash'),
    ("a field written twice", "published: 15/06/2021", "published: 15/06/2021\nsector: Y tế",
     f"{E}:24:1: sector: trường này được ghi hai lần (lần đầu ở dòng 8); xin giữ một",
     f"{E}:24:1: sector: this field is written twice (first on line 8); keep one"),
    ("bad indentation", "  commune: xã Hải Đông", "   commune: xã Hải Đông",
     f"{E}:7:11: dòng này thụt vào sâu hơn mức dòng trên cho phép; xin dùng dấu cách cho dòng thẳng cột",
     f"{E}:7:11: this line is indented more than the line above allows; line it up (with spaces)"),
    ("bad indentation, less", "  commune: xã Hải Đông", " commune: xã Hải Đông",
     f"{E}:7:2: dòng này thụt đầu dòng không khớp với các dòng trên",
     f"{E}:7:2: the indentation of this line does not match the lines above"),
    ("an unclosed quote", "name: Nguyễn Thị Hoà", 'name: "Nguyễn Thị Hoà',
     f'{E}:2:7: dấu ngoặc " mở ở đây chưa được đóng; xin kết thúc giá trị bằng dấu " trên cùng dòng này',
     f'{E}:2:7: the quote " opened here is never closed; end the value with the same quote " on this line'),
    ("text after a closing quote", "name: Nguyễn Thị Hoà", 'name: "Nguyễn Thị" Hoà',
     f"{E}:2:20: còn chữ sau dấu ngoặc kép đóng", f"{E}:2:20: text follows the closing quote"),
    ("a cross-reference", "campaigns: [nong-thon-moi]", "campaigns: [nong-thon-mo]",
     f'{E}:22:13: campaigns[0]: không có phong trào nào mang mã "nong-thon-mo" (có phải là "nong-thon-moi"?)',
     f'{E}:22:13: campaigns[0]: no campaign has the id "nong-thon-mo" (did you mean "nong-thon-moi"?)'),
    ("a personal identifier", "  Chị vận động xã viên dồn điền, đổi thửa.",
     "  Chị vận động xã viên dồn điền, đổi thửa. Liên hệ 0912 345 678.",
     (f'{E}:15:52: story: có nội dung giống số điện thoại ("0912 345 678"); không được công khai thông tin '
     "định danh cá nhân"),
     (f'{E}:15:52: story: contains what looks like a phone number ("0912 345 678"); personal identifiers '
     "must not be published")),
    ("a missing file", "published: 15/06/2021", PHOTO + "published: 15/06/2021",
     f'{E}:24:11: photos[0].file: không có tệp "photos/hoa.jpg" trong thư mục hồ sơ',
     f'{E}:24:11: photos[0].file: the file "photos/hoa.jpg" is not in the records folder'),
]


@pytest.mark.parametrize("what, old, new, vietnamese_text, english", CASES, ids=[case[0] for case in CASES])
def test_each_class_of_problem_in_vietnamese_by_default_and_english_on_request(
        tmp_path, capsys, vietnamese, what, old, new, vietnamese_text, english):
    exemplar = _exemplar(old, new)
    shown = _validate(tmp_path, capsys, exemplar=exemplar)
    assert vietnamese_text in shown
    assert shown.endswith("Có 1 lỗi; chưa đăng gì cả. Xin sửa các dòng nêu trên rồi chạy lại.\n")
    shown = _validate(tmp_path, capsys, "--lang", "en", exemplar=exemplar)
    assert english in shown
    assert shown.endswith("1 problem found; nothing was published. Fix the lines above and run again.\n")


def test_the_environment_variable_chooses_english_too(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_LANG", "en")
    assert "sector: is missing" in _validate(tmp_path, capsys, exemplar=_exemplar("sector: Nông nghiệp\n", ""))
    monkeypatch.setenv("SITE_BUILDER_LANG", "vi")
    assert "sector: còn thiếu" in _validate(tmp_path, capsys, exemplar=_exemplar("sector: Nông nghiệp\n", ""))


def test_the_language_option_may_follow_the_command(tmp_path, capsys, vietnamese):
    folder = write_records(tmp_path, exemplar=_exemplar("sector: Nông nghiệp\n", ""))
    for words in (["validate", str(folder), "--lang", "en"], ["validate", "--lang=en", str(folder)]):
        assert main(words) == 1
        assert "sector: is missing" in capsys.readouterr().err


def test_a_nominee_is_named_beside_its_index(tmp_path, capsys, vietnamese):
    batch = BATCH.replace("    position: Chủ nhiệm Hợp tác xã\n", "")
    assert f"{B}:12:5: nominees[0] (Nguyễn Thị Hoà).position: bắt buộc đối với cá nhân" in _validate(
        tmp_path, capsys, batch=batch)


def test_every_problem_of_a_file_comes_in_one_run(tmp_path, capsys, vietnamese):
    """An unknown field no longer hides a missing photo nor a position required for an individual."""
    exemplar = _exemplar("position: Chủ nhiệm Hợp tác xã\n", "").replace(
        "sector: Nông nghiệp\n", "sector: Nông nghiệp\nsectr: Y tế\n").replace(
        "published: 15/06/2021", PHOTO + "published: 15/06/2021")
    shown = _validate(tmp_path, capsys, exemplar=exemplar)
    assert f"{E}:1:1: position: bắt buộc đối với cá nhân" in shown
    assert f"{E}:8:1: sectr: không phải tên trường hợp lệ" in shown
    assert f'{E}:24:11: photos[0].file: không có tệp "photos/hoa.jpg"' in shown
    assert shown.endswith("Có 3 lỗi; chưa đăng gì cả. Xin sửa các dòng nêu trên rồi chạy lại.\n")


def test_every_problem_of_every_file_comes_in_one_run(tmp_path, capsys, vietnamese):
    exemplar = _exemplar("sector: Nông nghiệp\n", "sector: Nông nghiệp\nsectr: Y tế\n").replace(
        "published: 15/06/2021", PHOTO + "published: 15/06/2021")
    batch = BATCH.replace("    position: Chủ nhiệm Hợp tác xã\n", "").replace(
        "    exemplar: nguyen-thi-hoa\n", "    exemplar: nguyen-thi-hoa\n    attachment:\n"
        "      file: van-ban/bao-cao.pdf\n      title: Báo cáo thành tích\n    ghi_chu: x\n")
    folder = write_records(tmp_path, exemplar=exemplar, batch=batch)
    write(folder, "campaigns/khac.yml", "name: Phong trào\n\tscope: national\n")
    assert main(["validate", str(folder)]) == 1
    shown = capsys.readouterr().err.replace(str(tmp_path) + "/", "")
    assert f"{E}:9:1: sectr: không phải tên trường hợp lệ" in shown
    assert f'{E}:25:11: photos[0].file: không có tệp "photos/hoa.jpg"' in shown
    assert f"{B}: nominees[0] (Nguyễn Thị Hoà).ghi_chu: không phải tên trường hợp lệ" in _without_lines(shown)
    assert f"{B}: nominees[0] (Nguyễn Thị Hoà).position: bắt buộc đối với cá nhân" in _without_lines(shown)
    assert (f'{B}: nominees[0] (Nguyễn Thị Hoà).attachment.file: không có tệp "van-ban/bao-cao.pdf"'
            in _without_lines(shown))
    assert "exemplars/campaigns/khac.yml:2:1: dòng này có ký tự tab" in shown
    # The campaign file stops at its tab: the report says its other problems show after that fix.
    assert shown.endswith("1 tệp chỉ đọc được đến dòng lỗi cú pháp: các lỗi khác trong tệp sẽ hiện ra sau khi sửa "
                          "dòng đó.\nCó 6 lỗi; chưa đăng gì cả. Xin sửa các dòng nêu trên rồi chạy lại.\n")


def _without_lines(shown: str) -> str:
    """The report with each line's ``:line:column`` left out, for problems whose place is checked elsewhere."""
    return re.sub(r"\.yml:\d+:\d+:", ".yml:", shown)


def test_a_warning_is_labelled_in_the_officers_language(tmp_path, capsys, vietnamese):
    batch = BATCH.replace("opens: 02/11/2026", "opens: 02/01/2027").replace("closes: 16/11/2026", "closes: 26/02/2027")
    folder = write_records(tmp_path, batch=batch)
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"{B}:8:9: cảnh báo: closes: thời hạn lấy ý kiến có những ngày lễ" in out.replace(str(tmp_path) + "/", "")
    assert "Mọi tệp hồ sơ đều hợp lệ: 1 điển hình, 1 phong trào, 1 đợt lấy ý kiến." in out


@pytest.mark.parametrize("language, expected", [
    (None, ["Các tệp hồ sơ còn lỗi:", "sector: còn thiếu; đây là trường bắt buộc",
            "Có 1 lỗi; chưa đăng gì cả. Xin sửa các dòng nêu trên rồi chạy lại."]),
    ("en", ["The records have problems:", "sector: is missing; this field is required",
            "1 problem found; nothing was published. Fix the lines above and run again."]),
])
def test_mkdocs_build_reports_in_the_language_of_the_environment(tmp_path, monkeypatch, caplog, language, expected):
    if language is None:
        monkeypatch.delenv("SITE_BUILDER_LANG")
    else:
        monkeypatch.setenv("SITE_BUILDER_LANG", language)
    monkeypatch.setenv("SITE_BUILDER_CACHE_DIR", str(tmp_path / "cache"))
    config = load_config(config_file=str(write_site(tmp_path, exemplar=_exemplar("sector: Nông nghiệp\n", ""))),
                         site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort):
        build(config)
    assert all(text in caplog.text for text in expected), caplog.text


def test_an_import_whose_total_does_not_match_is_refused_in_vietnamese(tmp_path, monkeypatch, capsys, vietnamese):
    source = official_form(tmp_path / "danh-sach.xlsx", total="Tổng cộng: 02 tập thể, 03 cá nhân")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Ninh Bình")
    assert code == 1 and data is None
    assert output.err.splitlines()[-1] == (
        "site-builder import: danh-sach.xlsx:17: dòng tổng cộng của bảng ghi 5 người/tập thể được đề nghị "
        "(2 tập thể, 3 cá nhân), nhưng đã đọc được 4 người/tập thể được đề nghị (2 tập thể, 2 cá nhân) "
        "(các dòng 10–14); chưa ghi gì. Xin kiểm tra các dòng nêu trên, sửa bảng hoặc dòng tổng cộng, rồi nhập lại")
    code, output, _data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Ninh Bình")
    assert "danh-sach.xlsx:17: dòng tổng cộng" in output.err
    assert main(["--lang", "en", "import", "nominees", str(source), "--batch", "dot-1", "--province", "Ninh Bình"]) == 1
    assert ("danh-sach.xlsx:17: the sheet's total row counts 5 nominees (2 collectives, 3 individuals), but the "
            "import read 4 nominees") in capsys.readouterr().err


def test_the_import_names_where_the_list_ends_in_vietnamese(tmp_path, monkeypatch, capsys, vietnamese):
    source = collectives_then(tmp_path / "ds.csv", "NGƯỜI LẬP BIỂU")
    code, output, _data = run_import(tmp_path, monkeypatch, capsys, source, "--kind", "collective",
                                    "--province", "Ninh Bình")
    assert code == 0
    assert ("ds.csv:3: danh sách người được đề nghị kết thúc ở đây, tại phần chữ ký: dòng này và các dòng dưới "
            "không được đọc") in output.err
    assert "Đã đọc 1 người/tập thể được đề nghị từ ds.csv; đã tạo exemplars/nominations/dot-1.yml." in output.out


def test_a_pdf_is_refused_in_vietnamese_with_what_to_do(tmp_path, monkeypatch, capsys, vietnamese):
    source = tmp_path / "danh-sach.pdf"
    source.write_bytes(b"%PDF-1.4\n")
    code, output, _data = run_import(tmp_path, monkeypatch, capsys, source)
    assert code == 1
    assert "danh-sach.pdf: không đọc tệp PDF" in output.err and "xin đề nghị nơi gửi cho tệp gốc" in output.err.lower()



@pytest.mark.parametrize("name, shown", [
    ("Nguyễn Văn A", "nominees[0] (Nguyễn Văn A).position"),
    ("Nguyễn\u202e Văn\n  A", "nominees[0] (Nguyễn Văn A).position"),  # a pasted override, a line break
    ("Hợp tác xã " + "Nông nghiệp " * 6, "nominees[0] (Hợp tác xã Nông nghiệp Nông nghiệp…).position"),
    ("\u200b", "nominees[0].position"),
    (None, "nominees[0].position"),
])
def test_the_name_beside_an_index_is_plain_and_short(name, shown):
    from site_builder.records.errors import format_field_path

    assert format_field_path(("nominees", 0, "position"), {"nominees": [{"name": name}]}) == shown
