"""The privacy guard: no ID-card number, phone number, e-mail or birth date about people is published."""

from __future__ import annotations

import pytest
from helpers import BATCH, EXEMPLAR, REPO, write_records

from site_builder.records.loader import check_records
from site_builder.records.privacy import find_identifiers

PHONE, ID_CARD, EMAIL, BIRTH = "a phone number", "an ID-card number", "an e-mail address", "a full date of birth"


@pytest.mark.parametrize(("text", "what", "found"), [
    # Mobile numbers, as people write them.
    ("Điện thoại 0912 345 678.", PHONE, "0912 345 678"),
    ("ĐT: 0912.345.678", PHONE, "0912.345.678"),
    ("gọi 0912-345-678 nhé", PHONE, "0912-345-678"),
    ("liên hệ 0987654321", PHONE, "0987654321"),
    ("số 035 123 4567", PHONE, "035 123 4567"),
    ("số cũ 0168 123 4567", PHONE, "0168 123 4567"),
    # The +84 forms.
    ("(+84) 912 345 678", PHONE, "(+84) 912 345 678"),
    ("+84912345678", PHONE, "+84912345678"),
    ("+84 (0) 912 345 678", PHONE, "+84 (0) 912 345 678"),
    ("0084 912 345 678", PHONE, "0084 912 345 678"),
    ("+84 24 3825 1234", PHONE, "+84 24 3825 1234"),
    # Landlines: 02x area codes.
    ("máy bàn 0229 3871 000", PHONE, "0229 3871 000"),
    ("(0229) 3871 000", PHONE, "(0229) 3871 000"),
    ("024.3825.1234", PHONE, "024.3825.1234"),
    # ID cards: 12-digit citizen ID, 9-digit old ID, with or without spaces and dots.
    ("CCCD số 001085012345", ID_CARD, "001085012345"),
    ("CCCD 001 085 012 345", ID_CARD, "001 085 012 345"),
    ("căn cước 036.085.012.345 cấp năm 2021", ID_CARD, "036.085.012.345"),
    ("CMND 123456789", ID_CARD, "123456789"),
    ("CMND 163.456.789", ID_CARD, "163.456.789"),
    ("CMND 163 456 789", ID_CARD, "163 456 789"),
    # Personal e-mail addresses.
    ("email hoa.nguyen85@gmail.com", EMAIL, "hoa.nguyen85@gmail.com"),
    ("thư gửi về nguyenvana@yahoo.com.vn.", EMAIL, "nguyenvana@yahoo.com.vn"),
    # Full dates of birth.
    ("sinh ngày 12/03/1985", BIRTH, "sinh ngày 12/03/1985"),
    ("Sinh ngày 12-3-1985 tại Nam Định", BIRTH, "Sinh ngày 12-3-1985"),
    ("ngày sinh: 12.03.1985", BIRTH, "ngày sinh: 12.03.1985"),
    ("ông sinh 2/9/1945", BIRTH, "sinh 2/9/1945"),
    ("sinh ngày 12 tháng 3 năm 1985", BIRTH, "sinh ngày 12 tháng 3 năm 1985"),
    ("NS: 12/03/1985", BIRTH, "NS: 12/03/1985"),
])
def test_identifiers_are_found(text, what, found):
    assert [(kind, match) for kind, match, _offset in find_identifiers(text)] == [(what, found)]


@pytest.mark.parametrize("text", [
    "Quyết định số 1234/QĐ-UBND ngày 12/05/2021 của Chủ tịch UBND tỉnh",
    "Nghị định số 98/2023/NĐ-CP, Luật số 06/2022/QH15",
    "Quyết định 1620/QĐ-TTg ngày 20/09/2011",
    "Năm 2021, 2022, 2023 đều đạt danh hiệu",
    "giai đoạn 2016-2020 và 2021 - 2025",
    "giai đoạn 2011–2015, 2016–2020",
    "các năm 2019 2020 2021",
    "thưởng 500.000.000 đồng",
    "doanh thu 15.000.000.000 đồng, lợi nhuận 1.200.000.000 đ",
    "tiết kiệm 120 000 000 VNĐ mỗi năm",
    "trồng 123.456.789 cây xanh",
    "Sinh năm 1985 tại Nam Định",
    "sinh năm 1985, quê Hải Hậu",
    "hy sinh ngày 27/7/1968 tại Quảng Trị",
    "phát sinh ngày 12/03/2021",
    "600 hộ xã viên, 120 ha, 03 con trâu",
    "năm 2020 tăng 12,5%",
    "Đường dây nóng 1900 1234",
    "mã số thuế doanh nghiệp 0101234567",
    "xem https://baonamdinh.vn/tin/bai-viet-123456789.htm và https://example.vn/0912345678",
    "ngày 02/9/2025 nhận Bằng khen",
])
def test_ordinary_text_passes(text):
    assert find_identifiers(text) == []


def _problems(tmp_path, monkeypatch, **records):
    folder = write_records(tmp_path, **records)
    monkeypatch.chdir(tmp_path)
    _catalogue, report = check_records(folder.relative_to(tmp_path))
    return [str(error) for error in report.sorted()]


def test_the_error_names_the_field_the_reason_and_the_line(tmp_path, monkeypatch):
    exemplar = EXEMPLAR.replace("  Chị vận động xã viên dồn điền, đổi thửa.",
                                "  Chị vận động xã viên dồn điền, đổi thửa (liên hệ 0912 345 678).")
    assert _problems(tmp_path, monkeypatch, exemplar=exemplar) == [
        'exemplars/ca-nhan/nguyen-thi-hoa.yml:15:52: story: contains what looks like a phone number '
        '("0912 345 678"); personal identifiers must not be published',
    ]


def test_every_public_field_of_an_exemplar_is_guarded(tmp_path, monkeypatch):
    exemplar = (EXEMPLAR.replace("name: Nguyễn Thị Hoà", 'name: "Nguyễn Thị Hoà, sinh ngày 12/03/1985"')
                .replace("unit: Hợp tác xã Nông nghiệp Hải Đông", "unit: HTX Hải Đông (hoa.htx@gmail.com)")
                .replace("published: 15/06/2021", "published: 15/06/2021\nphotos:\n  - file: photos/a.jpg\n"
                         "    alt: Chị Hoà trên đồng\n    caption: Chị Hoà, CCCD 036085012345\n"
                         "    credit: Ảnh của Ban"))
    problems = _problems(tmp_path, monkeypatch, exemplar=exemplar)
    assert any(":2:" in line and "name: contains what looks like a full date of birth" in line for line in problems)
    assert any("unit: contains what looks like an e-mail address" in line for line in problems)
    assert any("photos[0].caption: contains what looks like an ID-card number" in line for line in problems)


def test_nominees_are_guarded_but_the_board_contact_is_not(tmp_path, monkeypatch):
    batch = (BATCH.replace("  email: thiduakhenthuong@example.gov.vn",
                           "  email: thiduakhenthuong@example.gov.vn\n  phone: 0229 3871 000")
             .replace("summary: Có nhiều đóng góp cho hợp tác xã.",
                      "summary: Có nhiều đóng góp cho hợp tác xã; điện thoại 0912 345 678."))
    assert _problems(tmp_path, monkeypatch, batch=batch) == [
        "exemplars/nominations/dot-1.yml:21:59: nominees[0] (Nguyễn Thị Hoà).summary: contains what looks like a phone number "
        '("0912 345 678"); personal identifiers must not be published',
    ]


def test_collective_exemplars_are_guarded_too(tmp_path, monkeypatch):
    """A collective's story names its members; their numbers are just as personal."""
    exemplar = (EXEMPLAR.replace("kind: individual", "kind: collective")
                .replace("  Chị vận động xã viên dồn điền, đổi thửa.", "  Tổ trưởng: anh Nam, 0987 654 321."))
    problems = _problems(tmp_path, monkeypatch, exemplar=exemplar)
    assert len(problems) == 1 and 'story: contains what looks like a phone number ("0987 654 321")' in problems[0]


def test_privacy_problems_are_listed_with_the_other_problems(tmp_path, monkeypatch):
    exemplar = (EXEMPLAR.replace("date: 12/05/2021", "date: 31/02/2021")
                .replace("sector: Nông nghiệp", "sector: Nông nghiệp, ĐT 0912345678"))
    problems = _problems(tmp_path, monkeypatch, exemplar=exemplar)
    assert [line.split(": ", 2)[1] for line in problems] == ["sector", "honours[0].decision.date"]


def test_the_sample_records_pass_the_guard():
    _catalogue, report = check_records(REPO / "exemplars", base=REPO)
    assert not report, report.render()
