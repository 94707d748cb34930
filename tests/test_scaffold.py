"""``site-builder new``: commented templates, file names from Vietnamese names, never an overwrite."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import REPO, write, write_records

from site_builder.authoring.scaffold import NewRecord, make_id, render_template
from site_builder.cli import main
from site_builder.records.loader import check_records

# A real value for every placeholder of the templates.
FILL = {
    "<Chức vụ, ví dụ Chủ nhiệm Hợp tác xã>": "Chủ nhiệm Hợp tác xã",
    "<Đơn vị công tác, ví dụ Hợp tác xã Nông nghiệp Hải Đông>": "Hợp tác xã Nông nghiệp Hải Đông",
    "<Tỉnh/thành phố, ví dụ Ninh Bình (trước 01/07/2025 là Nam Định)>": "Nam Định",
    "<Lĩnh vực>": "Nông nghiệp",
    "<Một hoặc hai câu tóm tắt thành tích>": "Nữ chủ nhiệm hợp tác xã giúp hơn 600 hộ xã viên tăng thu nhập.",
    "<Câu chuyện — hoàn cảnh, việc làm, kết quả>": "Câu chuyện của chị Hoà.",
    "<Câu chuyện — hoàn cảnh, cách làm, kết quả>": "Câu chuyện của hợp tác xã.",
    "<national | ministry | province | local>": "national",
    "<Cơ quan phát động>": "Thủ tướng Chính phủ",
    "<Số văn bản, ví dụ 1620/QĐ-TTg>": "1620/QĐ-TTg",
    "<dd/mm/yyyy>": "02/11/2026",
    "<Một hoặc hai câu giới thiệu phong trào>": "Phong trào huy động toàn dân chung sức xây dựng nông thôn mới.",
    "<Nội dung, mục đích, đối tượng của phong trào>": "Mô tả phong trào.",
    "<Tiêu đề thông báo>": "Lấy ý kiến nhân dân về đề nghị tặng Huân chương Lao động",
    "<Hình thức khen thưởng>": "Huân chương Lao động",
    "<Cơ quan đề nghị>": "Ủy ban nhân dân tỉnh Ninh Bình",
    "<Cấp quyết định>": "Chủ tịch nước",
    "<Bộ phận hoặc cán bộ phụ trách, ví dụ Phòng Khen thưởng, Ban Thi đua – Khen thưởng tỉnh>":
        "Phòng Khen thưởng, Ban Thi đua – Khen thưởng tỉnh",
    "<Địa chỉ nhận thư góp ý>": "Số 1 đường Lê Hồng Phong, phường Hoa Lư, tỉnh Ninh Bình",
    "<Hộp thư chính thức của cơ quan>": "thiduakhenthuong@example.gov.vn",
    "<Số điện thoại cơ quan>": "0229 3871 000",
    "<ma-nguoi-duoc-de-nghi>": "nguyen-thi-hoa",
    "<individual | collective>": "individual",
    "<Họ và tên>": "Nguyễn Thị Hoà",
    "<Chức vụ>": "Chủ nhiệm Hợp tác xã",
    "<Đơn vị công tác>": "Hợp tác xã Nông nghiệp Hải Đông",
    "<Tỉnh/thành phố>": "Ninh Bình",
    "<Hình thức khen thưởng đề nghị>": "Huân chương Lao động hạng Ba",
    "<Tóm tắt thành tích>": "Có nhiều đóng góp cho hợp tác xã.",
}
_PLACEHOLDER = re.compile(r"<[^<>\n]+>")


def fill(text: str) -> str:
    """Replace every placeholder outside comments by its value in FILL (a KeyError names a new one)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            line = _PLACEHOLDER.sub(lambda match: FILL[match.group()], line)
        lines.append(line)
    return "".join(lines)


def placeholders(text: str) -> list[str]:
    return [match for line in text.splitlines() if not line.lstrip().startswith("#")
            for match in _PLACEHOLDER.findall(line)]


@pytest.mark.parametrize(("name", "expected"), [
    ("Nguyễn Thị Hoà", "nguyen-thi-hoa"),
    ("Nguyễn Thị Hòa", "nguyen-thi-hoa"),
    ("Đội Công chiêng thanh thiếu niên xã Đắk Long", "doi-cong-chieng-thanh-thieu-nien-xa-dak-long"),
    ("  Hợp tác xã Chè Shan tuyết (Hồ Thầu)  ", "hop-tac-xa-che-shan-tuyet-ho-thau"),
    ("Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau",
     "ca-nuoc-chung-tay-vi-nguoi-ngheo-khong-de-ai-bi-bo-lai-phia-sau"),
])
def test_ids_come_from_vietnamese_names(name, expected):
    assert make_id(name) == expected


def test_very_long_names_are_cut_at_a_word():
    record_id = make_id("Trung tâm " + "Phục vụ hành chính công " * 6)
    assert len(record_id) <= 80 and not record_id.endswith("-")


@pytest.mark.parametrize(("arguments", "created"), [
    (["exemplar", "Nguyễn Thị Hoà"], "exemplars/ca-nhan/nguyen-thi-hoa.yml"),
    (["exemplar", "Hợp tác xã Chè Shan tuyết Hồ Thầu", "--kind", "collective"],
     "exemplars/tap-the/hop-tac-xa-che-shan-tuyet-ho-thau.yml"),
    (["campaign", "Chung sức xây dựng nông thôn mới"], "exemplars/campaigns/chung-suc-xay-dung-nong-thon-moi.yml"),
    (["batch", "Huân chương Lao động đợt 2 năm 2026"], "exemplars/nominations/huan-chuong-lao-dong-dot-2-nam-2026.yml"),
    (["exemplar", "Nguyễn Thị Hoà", "--id", "hoa-hai-dong"], "exemplars/ca-nhan/hoa-hai-dong.yml"),
    (["batch", "Đợt 1", "--folder", "ho-so"], "ho-so/nominations/dot-1.yml"),
])
def test_new_writes_the_template_where_the_loader_expects_it(tmp_path, monkeypatch, capsys, arguments, created):
    monkeypatch.chdir(tmp_path)
    assert main(["new", *arguments]) == 0
    assert (tmp_path / created).is_file()
    assert f"Created {created}: replace every value marked <…>" in capsys.readouterr().out


@pytest.mark.parametrize(("kind", "exemplar_kind", "schema"), [
    ("exemplar", "individual", "exemplar"), ("exemplar", "collective", "exemplar"),
    ("campaign", "individual", "campaign"), ("batch", "individual", "nomination-batch"),
])
def test_the_first_line_points_editors_to_the_schema(tmp_path, kind, exemplar_kind, schema):
    request = NewRecord(kind, "Tên", tmp_path / "exemplars", exemplar_kind, schema="https://tdkt.example.gov.vn/")
    first_line = render_template(request).splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=https://tdkt.example.gov.vn/schema/{schema}.json"


def test_the_schema_url_comes_from_mkdocs_yml(tmp_path, monkeypatch):
    write(tmp_path, "mkdocs.yml", "site_name: x\nsite_url: https://tdkt.example.gov.vn/\n"
          "plugins:\n  - site_builder:\n      build_time: !ENV [SITE_BUILDER_NOW, null]\n")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "campaign", "Văn hoá công sở"]) == 0
    text = (tmp_path / "exemplars/campaigns/van-hoa-cong-so.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=https://tdkt.example.gov.vn/schema/campaign.json\n")


def test_without_a_site_url_the_schema_is_a_path_to_the_schema_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "exemplar", "Nguyễn Thị Hoà"]) == 0
    text = (tmp_path / "exemplars/ca-nhan/nguyen-thi-hoa.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/exemplar.json\n")


def test_new_never_overwrites(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "exemplar", "Nguyễn Thị Hoà"]) == 0
    path = tmp_path / "exemplars/ca-nhan/nguyen-thi-hoa.yml"
    path.write_text("kind: individual\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "exemplar", "Nguyễn Thị Hòa"]) == 1
    assert path.read_text(encoding="utf-8") == "kind: individual\n"
    assert ("site-builder new: exemplars/ca-nhan/nguyen-thi-hoa.yml already exists; edit that file, "
            "or choose another name or --id") in capsys.readouterr().err


def test_new_refuses_an_id_used_elsewhere(tmp_path, monkeypatch, capsys):
    write_records(tmp_path)  # has exemplars/ca-nhan/nguyen-thi-hoa.yml
    monkeypatch.chdir(tmp_path)
    assert main(["new", "exemplar", "Nguyễn Thị Hoà", "--kind", "collective"]) == 1
    assert ('the id "nguyen-thi-hoa" is already used by exemplars/ca-nhan/nguyen-thi-hoa.yml'
            in capsys.readouterr().err)
    assert not (tmp_path / "exemplars/tap-the").exists()


@pytest.mark.parametrize(("arguments", "message"), [
    (["campaign", "Tên", "--kind", "collective"], "--kind is for exemplars only"),
    (["exemplar", "!!!"], 'cannot make a file name from "!!!"; give one with --id'),
    (["exemplar", "Hoà", "--id", "Hoà"], '"Hoà" is not a valid id'),
])
def test_new_explains_what_it_cannot_do(tmp_path, monkeypatch, capsys, arguments, message):
    monkeypatch.chdir(tmp_path)
    assert main(["new", *arguments]) == 1
    assert message in capsys.readouterr().err


TEMPLATES = [("exemplar", "individual", "Nguyễn Thị Hoà"), ("exemplar", "collective", "Hợp tác xã Hải Đông"),
             ("campaign", "individual", "Chung sức xây dựng nông thôn mới"),
             ("batch", "individual", "Lấy ý kiến về Huân chương Lao động")]


@pytest.mark.parametrize(("kind", "exemplar_kind", "name"), TEMPLATES)
def test_a_template_fails_only_on_its_placeholders(tmp_path, monkeypatch, kind, exemplar_kind, name):
    monkeypatch.chdir(tmp_path)
    path = _create(tmp_path, kind, exemplar_kind, name)
    text = path.read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(text), dict)  # valid YAML that editors can open
    _catalogue, report = check_records(Path("exemplars"))
    messages = [error.message for error in report.sorted()]
    assert len(messages) == len(placeholders(text)) > 0
    assert all(message.startswith("is still the template's placeholder") for message in messages)


@pytest.mark.parametrize(("kind", "exemplar_kind", "name"), TEMPLATES)
def test_a_filled_template_is_a_valid_record(tmp_path, monkeypatch, kind, exemplar_kind, name):
    monkeypatch.chdir(tmp_path)
    path = _create(tmp_path, kind, exemplar_kind, name)
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    _catalogue, report = check_records(Path("exemplars"))
    assert not report, report.render()


def test_every_field_of_the_template_is_explained_in_vietnamese(tmp_path):
    text = render_template(NewRecord("exemplar", "Nguyễn Thị Hoà", tmp_path, today=date(2026, 11, 25)))
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.match(r"[a-z_]+:", line):  # a top-level field: the line above explains it
            assert lines[index - 1].startswith("# "), line
    assert "name: Nguyễn Thị Hoà" in lines and "published: 25/11/2026" in lines


def _create(tmp_path: Path, kind: str, exemplar_kind: str, name: str) -> Path:
    arguments = ["new", kind, name] + (["--kind", exemplar_kind] if kind == "exemplar" else [])
    assert main(arguments) == 0
    return next((tmp_path / "exemplars").rglob("*.yml"))


# A commented field (``# photos:``) and the lines under it indented deeper (``#   - file: …``).
_EXAMPLE = re.compile(r"^(\s*)# ([a-z_]+:.*)$")
_CONTINUED = re.compile(r"^(\s*)#(  +\S.*)$")
# Examples that stand instead of a field (the template says to remove the other).
ALTERNATIVES = {"closes": "closes_after_working_days", "council_meets": "report_within_working_days"}


def uncomment(text: str) -> str:
    """Every commented example of a template, uncommented as the template tells the officer to."""
    lines, example, dropped = [], None, []
    for line in text.splitlines():
        if match := _EXAMPLE.match(line):
            example = match.group(1)
            dropped.append(ALTERNATIVES.get(match.group(2).split(":")[0]))
            lines.append(match.group(1) + match.group(2))
        elif example is not None and (match := _CONTINUED.match(line)) and match.group(1) == example:
            lines.append(example + match.group(2)[1:])
        else:
            example = None
            lines.append(line)
    return "\n".join(line for line in lines if line.split(":")[0].strip() not in dropped) + "\n"


@pytest.mark.parametrize(("kind", "exemplar_kind", "name"), TEMPLATES)
def test_every_commented_example_of_a_template_validates_once_uncommented(tmp_path, monkeypatch, kind,
                                                                          exemplar_kind, name):
    """As the templates say: remove the # of an example to use it. Before, the photo block was a YAML error."""
    monkeypatch.chdir(tmp_path)
    path = _create(tmp_path, kind, exemplar_kind, name)
    text = uncomment(fill(path.read_text(encoding="utf-8")))
    assert text.count("\n#") < path.read_text(encoding="utf-8").count("\n#")  # examples were found
    path.write_text(fill(text), encoding="utf-8")
    for campaign in (REPO / "exemplars/campaigns").glob("*.yml"):  # the campaigns and files examples name
        write(tmp_path / "exemplars", f"campaigns/{campaign.name}", campaign.read_text(encoding="utf-8"))
    for document in re.findall(r"file: (\S+)", text):
        target = tmp_path / "exemplars" / document
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPO / "exemplars/photos/doi-che.jpg").read_bytes())
    _catalogue, report = check_records(Path("exemplars"))
    assert not report, report.render() + "\n\n" + text
