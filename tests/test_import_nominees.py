"""``site-builder import nominees``: the board's spreadsheets, in the shapes they come in."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from test_scaffold import fill

from site_builder.authoring.nominee_import import (
    match_title,
    replace_nominees,
    split_position_and_unit,
)
from site_builder.authoring.nominee_import.names import without_honorific
from site_builder.authoring.nominee_import.sources import Row
from site_builder.authoring.nominee_import.table_end import table_end
from site_builder.authoring.nominee_import.title_block import read_title_block
from site_builder.authoring.nominee_import.totals import read_total
from site_builder.cli import main
from site_builder.records.loader import check_records

SUMMARY_HTX = "Dẫn đầu phong trào cánh đồng mẫu lớn.\nNăm năm liền đạt danh hiệu Tập thể lao động xuất sắc."


def official_form(path: Path, total: str = "Tổng cộng: 02 tập thể, 02 cá nhân") -> Path:
    """The official form: title block, a two-row header with merged cells, column numbers,
    "TẬP THỂ" / "CÁ NHÂN" sections, line breaks in cells, a continuation row, a total, the date
    line and the signature block with the signers' names."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH"
    sheet.merge_cells("A1:C1")
    sheet["D1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    sheet.merge_cells("D1:F1")
    sheet["A3"] = "DANH SÁCH ĐỀ NGHỊ TẶNG HUÂN CHƯƠNG LAO ĐỘNG"
    sheet.merge_cells("A3:F3")
    sheet["A4"] = "(Kèm theo Tờ trình số 123/TTr-UBND ngày 05/10/2026 của UBND tỉnh)"
    sheet.merge_cells("A4:F4")
    for cell, title in {"A6": "STT", "B6": "Họ và tên", "C6": "Chức vụ, đơn vị công tác",
                        "D6": "Đề nghị khen thưởng", "F6": "Tóm tắt thành tích"}.items():
        sheet[cell] = title
    for merged in ("A6:A7", "B6:B7", "C6:C7", "D6:E6", "F6:F7"):
        sheet.merge_cells(merged)
    sheet["D7"], sheet["E7"] = "Hình thức", "Hạng"
    for index, column in enumerate("ABCDEF", start=1):
        sheet[f"{column}8"] = f"({index})"
    sheet["A9"], sheet["B9"] = "I", "TẬP THỂ"
    sheet.merge_cells("B9:F9")
    sheet.append([1, "Hợp tác xã Nông nghiệp Hải Đông", None, "Huân chương Lao động", "hạng Ba", SUMMARY_HTX])
    sheet.append([2, "Trường THCS Trường Yên", "Trực thuộc UBND xã Trường Yên", "Huân chương Lao động",
                  "hạng Ba", "Mười năm liền đạt chuẩn quốc gia."])
    sheet.append(["II", "CÁ NHÂN"])
    sheet.merge_cells("B12:F12")
    sheet.append([1, "Bà Nguyễn Thị Hoà", "Chủ nhiệm\nHợp tác xã Nông nghiệp Hải Đông", "Huân chương Lao động",
                  "hạng Ba", "Có nhiều đóng góp trong đổi mới mô hình hợp tác xã kiểu mới."])
    sheet.append([2, "Ông Phạm Văn Lực", "Giáo viên Trường THCS Trường Yên", "Huân chương Lao động",
                  "hạng Nhì", "Hai mươi năm gắn bó với học sinh vùng khó."])
    sheet.append([None, None, None, None, None, "(tiếp theo) năm 2025 đạt giải Nhất"])
    sheet["A17"] = total
    sheet.merge_cells("A17:F17")
    sheet["E18"] = "Ninh Bình, ngày 05 tháng 10 năm 2026"
    sheet["B19"], sheet["E19"] = "NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    sheet["B23"], sheet["E23"] = "Trần Văn Bình", "Lê Thị Mai"
    book.save(path)
    return path


# The official list as boards circulate it, as a grid (0-based rows and columns) and its merged ranges
# (top, left, bottom, right): title blocks, title, "Kèm theo", a two-row header, column numbers, sections,
# one column for name, position and unit, a summary continued on the next row, the total, the date line,
# the signature block and the signers' names.
COMBINED = "Tên tập thể, họ và tên, chức vụ, đơn vị công tác"
OFFICIAL_LIST: dict[int, list[object]] = {
    0: ["ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc"],
    2: ["DANH SÁCH ĐỀ NGHỊ TẶNG HUÂN CHƯƠNG LAO ĐỘNG"],
    3: ["(Kèm theo Tờ trình số 123/TTr-UBND ngày 05/10/2026 của UBND tỉnh Ninh Bình)"],
    5: ["STT", COMBINED, "Đề nghị khen thưởng", "", "Tóm tắt thành tích"],
    6: ["", "", "Hình thức", "Hạng", ""],
    7: ["(1)", "(2)", "(3)", "(4)", "(5)"],
    8: ["I", "TẬP THỂ"],
    9: [1, "Hợp tác xã Nông nghiệp Hải Đông", "Huân chương Lao động", "hạng Ba", SUMMARY_HTX],
    10: [2, "Trường THCS Trường Yên\nUBND xã Trường Yên", "Huân chương Lao động", "hạng Ba",
         "Mười năm liền đạt chuẩn quốc gia."],
    11: ["II", "CÁ NHÂN"],
    12: [1, "Bà Nguyễn Thị Hoà\nChủ nhiệm\nHợp tác xã Nông nghiệp Hải Đông", "Huân chương Lao động", "hạng Ba",
         "Đổi mới mô hình hợp tác xã kiểu mới."],
    13: [2, "Ông Phạm Văn Lực - Giáo viên Trường THCS Trường Yên", "Huân chương Lao động", "hạng Nhì",
         "Hai mươi năm gắn bó với học sinh vùng khó."],
    14: [3, "Đồng chí Lê Văn Tâm, Phó Chủ tịch UBND xã Ninh Hải, huyện Hoa Lư", "Huân chương Lao động", "hạng Ba",
         "Chỉ đạo xây dựng nông thôn mới kiểu mẫu."],
    15: [4, "Ông/Bà Đinh Thị Mai\nNông dân\nthôn Yên Trạch, xã Ninh Hải", "Huân chương Lao động", "hạng Ba",
         "Hiến 2.000 m² đất làm đường;"],
    16: ["", "", "", "", "vận động 40 hộ cùng hiến đất."],
    17: ["Tổng cộng: 02 tập thể, 04 cá nhân"],
    19: ["", "", "Ninh Bình, ngày 05 tháng 10 năm 2026"],
    20: ["", "NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"],
    24: ["", "Trần Văn Bình", "Lê Thị Mai"],
}
OFFICIAL_MERGES = [(0, 0, 0, 1), (0, 2, 0, 4), (2, 0, 2, 4), (3, 0, 3, 4), (5, 0, 6, 0), (5, 1, 6, 1), (5, 2, 5, 3),
                   (5, 4, 6, 4), (8, 1, 8, 4), (11, 1, 11, 4), (17, 0, 17, 4), (19, 2, 19, 4), (20, 2, 20, 4),
                   (24, 2, 24, 4)]
OFFICIAL_NOMINEES = [
    ("hop-tac-xa-nong-nghiep-hai-dong", "collective", "Hợp tác xã Nông nghiệp Hải Đông", None, None,
     "Huân chương Lao động hạng Ba", SUMMARY_HTX),
    ("truong-thcs-truong-yen", "collective", "Trường THCS Trường Yên", None, "UBND xã Trường Yên",
     "Huân chương Lao động hạng Ba", "Mười năm liền đạt chuẩn quốc gia."),
    ("nguyen-thi-hoa", "individual", "Nguyễn Thị Hoà", "Chủ nhiệm", "Hợp tác xã Nông nghiệp Hải Đông",
     "Huân chương Lao động hạng Ba", "Đổi mới mô hình hợp tác xã kiểu mới."),
    ("pham-van-luc", "individual", "Phạm Văn Lực", "Giáo viên", "Trường THCS Trường Yên",
     "Huân chương Lao động hạng Nhì", "Hai mươi năm gắn bó với học sinh vùng khó."),
    ("le-van-tam", "individual", "Lê Văn Tâm", "Phó Chủ tịch", "UBND xã Ninh Hải, huyện Hoa Lư",
     "Huân chương Lao động hạng Ba", "Chỉ đạo xây dựng nông thôn mới kiểu mẫu."),
    ("dinh-thi-mai", "individual", "Đinh Thị Mai", "Nông dân", "thôn Yên Trạch, xã Ninh Hải",
     "Huân chương Lao động hạng Ba", "Hiến 2.000 m² đất làm đường;\nvận động 40 hộ cùng hiến đất."),
]


def official_list_xlsx(path: Path, grid: dict[int, list[object]] = OFFICIAL_LIST) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row, cells in grid.items():
        for column, value in enumerate(cells):
            if value != "":
                sheet.cell(row + 1, column + 1, value)
    for top, left, bottom, right in OFFICIAL_MERGES:
        sheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=bottom + 1, end_column=right + 1)
    book.save(path)
    return path


def official_list_xls(path: Path, grid: dict[int, list[object]] = OFFICIAL_LIST) -> Path:
    """Old Excel (97-2003), written with xlwt as Excel writes it: a merged range holds its value top left."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("DS")
    merged = {(top, left): (bottom, right) for top, left, bottom, right in OFFICIAL_MERGES}
    for row, cells in grid.items():
        for column, value in enumerate(cells):
            if (row, column) in merged:
                bottom, right = merged[row, column]
                sheet.write_merge(row, bottom, column, right, value)
            elif value != "":
                sheet.write(row, column, value)
    book.save(str(path))
    return path


def official_list_docx(path: Path, grid: dict[int, list[object]] = OFFICIAL_LIST) -> Path:
    """The same list as Word writes it: the title blocks and the signatures in borderless tables, the title
    and the date as paragraphs, the list as a table with merged cells, several paragraphs in a cell."""
    import docx

    document = docx.Document()
    _docx_table(document, [[grid[0][0], grid[0][2]]], [])
    for row in (2, 3):
        document.add_paragraph(str(grid[row][0]))
    _docx_table(document, [[str(value) for value in grid.get(row, [])] for row in range(5, 18)],
                [(top - 5, left, bottom - 5, right) for top, left, bottom, right in OFFICIAL_MERGES if 5 <= top < 18])
    document.add_paragraph(str(grid[19][2]))
    _docx_table(document, [[grid[20][1], grid[20][2]], ["", ""], [grid[24][1], grid[24][2]]], [])
    document.save(str(path))
    return path


def _docx_table(document, rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> None:
    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    for top, left, bottom, right in merges:
        table.cell(top, left).merge(table.cell(bottom, right))
    for row_index, row in enumerate(rows):
        for column, text in enumerate(row):
            if text:
                first, *more = str(text).split("\n")
                cell = table.cell(row_index, column)
                cell.paragraphs[0].text = first
                for line in more:
                    cell.add_paragraph(line)


def board_csv(path: Path) -> Path:
    """CSV UTF-8 from Excel (with BOM, ";" as in the Vietnamese locale): titles without diacritics,
    a kind column, separate position and unit, a province column, a summary over several lines."""
    rows = [
        "STT;Ho va ten;Chuc vu;Don vi cong tac;Tinh/thanh pho;Tap the/Ca nhan;Hinh thuc khen thuong de nghi;"
        "Tom tat thanh tich",
        '1;Sùng Mí Chư;Trưởng bản;Bản Lùng Tao, xã Sủng Là;Hà Giang;Cá nhân;Huân chương Lao động hạng Ba;'
        '"Vận động bà con trồng 30 ha chè Shan tuyết.\n- Năm 2024: xoá 12 hộ nghèo;\n- Năm 2025: làm 3 km đường."',
        "2;Đội Công chiêng thanh thiếu niên xã Đắk Long;;;Kon Tum;Tập thể;Bằng khen của Thủ tướng Chính phủ;"
        "Giữ gìn và truyền dạy cồng chiêng cho hơn 200 em.",
        ";;;;;;;ghi chú thêm của phòng",
        "3;Lò Thị Xuân;Y sĩ;Trạm Y tế xã Mường Phăng;Điện Bàn;CN;Huân chương Lao động hạng Ba;"
        "Mười năm trực trạm y tế vùng cao.",
    ]
    path.write_text("\ufeff" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    return path


def grouped_by_award(path: Path) -> Path:
    """Sections by award then kind, one column for name, position and unit, a column the import
    does not know ("Nội dung đề nghị", given with --mapping), on the second sheet."""
    book = openpyxl.Workbook()
    book.active.title = "Hướng dẫn"
    book.active["A1"] = "Điền danh sách ở trang sau."
    sheet = book.create_sheet("DS 2026")
    sheet.append(["BAN THI ĐUA - KHEN THƯỞNG TỈNH"])
    sheet.append([])
    sheet.append(["TT", "Họ và tên, chức vụ, đơn vị công tác", "Nội dung đề nghị", "Ghi chú"])
    sheet.append(["A", "HUÂN CHƯƠNG LAO ĐỘNG HẠNG NHÌ"])
    sheet.append(["1", "Tập thể"])
    sheet.append([1, "Công ty Cơ khí chính xác Đồng Văn", "Mười năm liền vượt kế hoạch sản xuất.", None])
    sheet.append(["2", "Cá nhân"])
    sheet.append([1, "Ông Trần Ngọc Điểm, Giám đốc Công ty Cơ khí chính xác Đồng Văn",
                  "Chỉ đạo đổi mới công nghệ, đưa doanh thu lên 120.000.000.000 đồng.", "Đảng viên"])
    sheet.append(["B", "Huân chương Lao động hạng Ba"])
    sheet.append(["", "Cá nhân"])
    sheet.append([1, "Ông Hồ Văn Linh\nĐội trưởng Đội Thuế liên xã", "Thu ngân sách vượt dự toán.", None])
    sheet.append([2, "Bà Phan Thị Hùng", None, None])
    book.save(path)
    return path


def plain_list(path: Path) -> Path:
    """The simplest list: one header row, no kinds anywhere."""
    path.write_text(
        "STT,Họ và tên,Chức vụ,Đơn vị,Hình thức khen thưởng,Tóm tắt thành tích\n"
        "1,Nguyễn Văn An,Công nhân,Nhà máy Sợi Nam Định,Bằng khen,Nhiều sáng kiến cải tiến kỹ thuật.\n"
        "2,Nguyễn Văn Bình,Công nhân,Nhà máy Sợi Nam Định,Bằng khen,Hoàn thành xuất sắc nhiệm vụ.\n",
        encoding="utf-8",
    )
    return path


def run_import(tmp_path, monkeypatch, capsys, source: Path, *options: str, batch: str = "dot-1"):
    monkeypatch.chdir(tmp_path)
    code = main(["import", "nominees", str(source), "--batch", batch, *options])
    output = capsys.readouterr()
    path = tmp_path / "exemplars" / "nominations" / f"{batch}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return code, output, data


def test_the_official_form(tmp_path, monkeypatch, capsys):
    source = official_form(tmp_path / "danh-sach.xlsx")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Ninh Bình")
    assert code == 0
    assert data["nominees"] == [
        {"id": "hop-tac-xa-nong-nghiep-hai-dong", "kind": "collective", "name": "Hợp tác xã Nông nghiệp Hải Đông",
         "place": {"province": "Ninh Bình"}, "award": "Huân chương Lao động hạng Ba", "summary": SUMMARY_HTX},
        {"id": "truong-thcs-truong-yen", "kind": "collective", "name": "Trường THCS Trường Yên",
         "unit": "Trực thuộc UBND xã Trường Yên", "place": {"province": "Ninh Bình"},
         "award": "Huân chương Lao động hạng Ba", "summary": "Mười năm liền đạt chuẩn quốc gia."},
        {"id": "nguyen-thi-hoa", "kind": "individual", "name": "Nguyễn Thị Hoà", "position": "Chủ nhiệm",
         "unit": "Hợp tác xã Nông nghiệp Hải Đông", "place": {"province": "Ninh Bình"},
         "award": "Huân chương Lao động hạng Ba",
         "summary": "Có nhiều đóng góp trong đổi mới mô hình hợp tác xã kiểu mới."},
        {"id": "pham-van-luc", "kind": "individual", "name": "Phạm Văn Lực", "position": "Giáo viên",
         "unit": "Trường THCS Trường Yên", "place": {"province": "Ninh Bình"},
         "award": "Huân chương Lao động hạng Nhì",
         "summary": "Hai mươi năm gắn bó với học sinh vùng khó.\n(tiếp theo) năm 2025 đạt giải Nhất"},
    ]
    assert output.err.splitlines()[:6] == [
        'danh-sach.xlsx:1: check: proposed_by taken from the title block: "Ủy ban nhân dân tỉnh Ninh Bình"',
        'danh-sach.xlsx:3: check: title taken from the title block: "DANH SÁCH ĐỀ NGHỊ TẶNG HUÂN CHƯƠNG LAO ĐỘNG"; '
        "it is in capitals as on the form: write it as the site should show it",
        'danh-sach.xlsx:4: check: legal_basis taken from the title block: "Tờ trình số 123/TTr-UBND ngày 05/10/2026 '
        'của UBND tỉnh"',
        'danh-sach.xlsx:14: check: "Giáo viên Trường THCS Trường Yên" was split by guess into the position '
        '"Giáo viên" and the unit "Trường THCS Trường Yên": check them',
        'danh-sach.xlsx:15: check: continues the summary of row 14 ("Phạm Văn Lực"): appended to it',
        "danh-sach.xlsx:18: the list of nominees ends here, at the date line: this row and the rows below it "
        "are not read (3 rows with text)",
    ]
    assert "could not be used" not in output.err
    assert "Read 4 nominees from danh-sach.xlsx; created exemplars/nominations/dot-1.yml." in output.out


def test_each_nominee_is_written_under_a_comment_naming_its_row(tmp_path, monkeypatch, capsys):
    source = official_form(tmp_path / "danh-sach.xlsx")
    run_import(tmp_path, monkeypatch, capsys, source, "--province", "Ninh Bình")
    text = (tmp_path / "exemplars/nominations/dot-1.yml").read_text(encoding="utf-8")
    assert "  # Dòng 10 trong danh-sach.xlsx\n  - id: hop-tac-xa-nong-nghiep-hai-dong\n" in text
    assert ('  # Dòng 13 trong danh-sach.xlsx; "Chủ nhiệm Hợp tác xã Nông nghiệp Hải Đông" tách thành chức vụ '
            "và đơn vị\n") in text
    assert ("    summary: |-\n      Dẫn đầu phong trào cánh đồng mẫu lớn.\n"
            "      Năm năm liền đạt danh hiệu Tập thể lao động xuất sắc.\n") in text


def test_a_csv_from_excel(tmp_path, monkeypatch, capsys):
    source = board_csv(tmp_path / "danh-sach.csv")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source)
    assert code == 0
    first, second, third = data["nominees"]
    assert first == {
        "id": "sung-mi-chu", "kind": "individual", "name": "Sùng Mí Chư", "position": "Trưởng bản",
        "unit": "Bản Lùng Tao, xã Sủng Là", "place": {"province": "Hà Giang"},
        "award": "Huân chương Lao động hạng Ba",
        "summary": "Vận động bà con trồng 30 ha chè Shan tuyết.\n- Năm 2024: xoá 12 hộ nghèo;\n- Năm 2025: làm 3 km đường.",
    }
    assert (second["kind"], second["name"], second["place"]) == (
        "collective", "Đội Công chiêng thanh thiếu niên xã Đắk Long", {"province": "Kon Tum"})
    assert "position" not in second and "unit" not in second
    assert (third["kind"], third["place"]["province"]) == ("individual", "Điện Bàn")
    # Row numbers count records as Excel shows them, not the lines of a multi-line cell.
    # The batch file is validated after the import: what is still wrong is shown with its line.
    # A row with text in the summary column only continues the summary above it.
    assert second["summary"] == "Giữ gìn và truyền dạy cồng chiêng cho hơn 200 em.\nghi chú thêm của phòng"
    assert output.err.splitlines() == [
        'danh-sach.csv:4: check: continues the summary of row 3 ("Đội Công chiêng thanh thiếu niên xã Đắk Long"): '
        "appended to it",
        'exemplars/nominations/dot-1.yml:95:17: nominees[2] (Lò Thị Xuân).place.province: "Điện Bàn" is not a province or '
        "centrally-run city of Vietnam; if it is a district or a commune, write it in district or commune, "
        "and the province it belongs to here",
    ]


def test_sections_by_award_and_a_mapping_file(tmp_path, monkeypatch, capsys):
    source = grouped_by_award(tmp_path / "tong-hop.xlsx")
    mapping = tmp_path / "cot.json"
    mapping.write_text(json.dumps({"Nội dung đề nghị": "summary", "D": None}, ensure_ascii=False), encoding="utf-8")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--sheet", "DS 2026",
                                    "--mapping", str(mapping), "--province", "Hà Nam")
    assert code == 0
    assert [(item["id"], item["kind"], item["name"], item.get("position"), item.get("unit"), item["award"])
            for item in data["nominees"]] == [
        ("cong-ty-co-khi-chinh-xac-dong-van", "collective", "Công ty Cơ khí chính xác Đồng Văn", None, None,
         "HUÂN CHƯƠNG LAO ĐỘNG HẠNG NHÌ"),
        ("tran-ngoc-diem", "individual", "Trần Ngọc Điểm", "Giám đốc", "Công ty Cơ khí chính xác Đồng Văn",
         "HUÂN CHƯƠNG LAO ĐỘNG HẠNG NHÌ"),
        ("ho-van-linh", "individual", "Hồ Văn Linh", "Đội trưởng", "Đội Thuế liên xã",
         "Huân chương Lao động hạng Ba"),
        ("phan-thi-hung", "individual", "Phan Thị Hùng", "<Chức vụ>", "<Đơn vị công tác>",
         "Huân chương Lao động hạng Ba"),
    ]
    assert data["nominees"][1]["summary"] == "Chỉ đạo đổi mới công nghệ, đưa doanh thu lên 120.000.000.000 đồng."
    assert data["nominees"][3]["summary"] == "<Tóm tắt thành tích>"
    assert output.err.splitlines() == [
        'tong-hop.xlsx:1: check: proposed_by taken from the title block: "BAN THI ĐUA - KHEN THƯỞNG TỈNH"; it is in '
        "capitals as on the form: write it as the site should show it",
        'tong-hop.xlsx:4: check: the award "HUÂN CHƯƠNG LAO ĐỘNG HẠNG NHÌ" is in capitals, as in the section row; '
        'write it as the site should show it, e.g. "Huân chương Lao động hạng Nhì"',
        'tong-hop.xlsx:8: check: "Giám đốc Công ty Cơ khí chính xác Đồng Văn" was split by guess into the position '
        '"Giám đốc" and the unit "Công ty Cơ khí chính xác Đồng Văn": check them',
        'tong-hop.xlsx:11: check: "Đội trưởng Đội Thuế liên xã" was split by guess into the position "Đội trưởng" '
        'and the unit "Đội Thuế liên xã": check them',
        "tong-hop.xlsx:12: check: no summary of achievements (placeholder left)",
        "tong-hop.xlsx:12: check: write the position and the unit of this individual (placeholders left)",
    ]


def test_an_inline_mapping_by_column_letter(tmp_path, monkeypatch, capsys):
    source = tmp_path / "ds.csv"
    source.write_text("Số,Người được đề nghị,Lý do\n1,Nguyễn Văn An,Cứu người trong lũ.\n", encoding="utf-8")
    code, _output, data = run_import(
        tmp_path, monkeypatch, capsys, source, "--mapping", '{"B": "name", "Lý do": "summary"}',
        "--kind", "collective", "--award", "Bằng khen của Chủ tịch UBND tỉnh", "--province", "Nghệ An")
    assert code == 0
    assert data["nominees"] == [{"id": "nguyen-van-an", "kind": "collective", "name": "Nguyễn Văn An",
                                 "place": {"province": "Nghệ An"}, "award": "Bằng khen của Chủ tịch UBND tỉnh",
                                 "summary": "Cứu người trong lũ."}]


def test_without_any_kind_the_rows_are_reported(tmp_path, monkeypatch, capsys):
    source = plain_list(tmp_path / "ds.csv")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Nam Định")
    assert code == 1 and data is None
    assert output.err.splitlines()[0] == (
        'ds.csv:2: skipped: cannot tell whether "Nguyễn Văn An" is a collective or an individual: add a section '
        'row "Tập thể" / "Cá nhân" above it, a column "Tập thể/Cá nhân", or use --kind')
    assert "no nominee found under the header (row 1)" in output.err
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Nam Định",
                                    "--kind", "individual")
    assert code == 0
    assert [item["id"] for item in data["nominees"]] == ["nguyen-van-an", "nguyen-van-binh"]


def test_a_long_name_mentioning_tap_the_is_a_nominee_not_a_section(tmp_path, monkeypatch, capsys):
    source = tmp_path / "ds.csv"
    source.write_text("STT,Tên tập thể,Tóm tắt thành tích\nI,Tập thể\n"
                      "1,Tập thể lớp 12A1 Trường THPT Chuyên Lê Hồng Phong,\n", encoding="utf-8")
    _code, _output, data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Nam Định",
                                      "--award", "Bằng khen")
    assert [(item["kind"], item["name"]) for item in data["nominees"]] == [
        ("collective", "Tập thể lớp 12A1 Trường THPT Chuyên Lê Hồng Phong")]


def test_same_names_get_numbered_ids(tmp_path, monkeypatch, capsys):
    source = tmp_path / "ds.csv"
    source.write_text("STT,Họ và tên,Tóm tắt thành tích\n1,Nguyễn Văn An,Thành tích một.\n"
                      "2,Nguyễn Văn An,Thành tích hai.\n", encoding="utf-8")
    _code, _output, data = run_import(tmp_path, monkeypatch, capsys, source, "--kind", "collective")
    assert [item["id"] for item in data["nominees"]] == ["nguyen-van-an", "nguyen-van-an-2"]


def test_the_imported_batch_is_valid_once_the_batch_values_are_filled(tmp_path, monkeypatch, capsys):
    source = official_form(tmp_path / "danh-sach.xlsx")
    run_import(tmp_path, monkeypatch, capsys, source, "--province", "Ninh Bình")
    path = tmp_path / "exemplars/nominations/dot-1.yml"
    _catalogue, report = check_records(Path("exemplars"))
    assert report and all("placeholder" in error.message for error in report.errors)
    assert not any(error.field_path.startswith("nominees") for error in report.errors)
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    _catalogue, report = check_records(Path("exemplars"))
    assert not report, report.render()
    assert main(["validate"]) == 0


def test_importing_into_a_batch_made_with_new_keeps_its_values(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "batch", "Lấy ý kiến về Huân chương Lao động", "--id", "dot-1"]) == 0
    path = tmp_path / "exemplars/nominations/dot-1.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("<Cấp quyết định>", "Chủ tịch nước"), encoding="utf-8")
    source = official_form(tmp_path / "danh-sach.xlsx")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Ninh Bình")
    assert code == 0 and "updated the nominees of exemplars/nominations/dot-1.yml" in output.out
    assert data["title"] == "Lấy ý kiến về Huân chương Lao động" and data["decided_by"] == "Chủ tịch nước"
    assert len(data["nominees"]) == 4
    # A second import would lose the nominees now in the file: it needs --replace.
    code, output, _data = run_import(tmp_path, monkeypatch, capsys, board_csv(tmp_path / "moi.csv"))
    assert code == 1 and "already has nominees; use --replace" in output.err
    code, _output, data = run_import(tmp_path, monkeypatch, capsys, tmp_path / "moi.csv", "--replace")
    assert code == 0 and [item["id"] for item in data["nominees"]] == ["sung-mi-chu", "doi-cong-chieng-thanh-thieu-nien-xa-dak-long", "lo-thi-xuan"]
    assert data["decided_by"] == "Chủ tịch nước"


def test_output_elsewhere(tmp_path, monkeypatch, capsys):
    source = board_csv(tmp_path / "danh-sach.csv")
    code, _output, _data = run_import(tmp_path, monkeypatch, capsys, source, "--output", "nhap/dot-1.yml")
    assert code == 0
    assert (tmp_path / "nhap/dot-1.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/nomination-batch.json\n")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("ds.xls", b"\xd0\xcf\x11\xe0", "cannot open it as an Excel 97-2003 workbook (.xls)"),
    ("ds.docx", b"not a zip", "cannot open it as a Word document (.docx)"),
    ("ds.doc", b"\xd0\xcf\x11\xe0", 'an old Word document (.doc) is not read; open it in Word and choose "Save As"'),
    ("ds.ods", b"", "cannot read .ods files; save the list as Excel (.xlsx), Word (.docx) or CSV UTF-8 (.csv)"),
    ("ds.csv", "STT,Hô và tên\n".encode("cp1252"), "the file is not UTF-8 text"),
    ("ds.csv", "Danh sách\nA,B,C\n1,2,3\n".encode(), "no header row found in the first 40 rows"),
    ("ds.xlsx", b"not a zip", "cannot open it as an Excel workbook"),
])
def test_unreadable_spreadsheets_are_explained(tmp_path, monkeypatch, capsys, name, content, message):
    (tmp_path / name).write_bytes(content)
    code, output, data = run_import(tmp_path, monkeypatch, capsys, tmp_path / name)
    assert code == 1 and data is None
    assert message in output.err


@pytest.mark.parametrize(("arguments", "message"), [
    (["--batch", "Đợt 1"], '"Đợt 1" is not a valid batch id'),
    (["--batch", "dot-1", "--mapping", '{"Họ tên": "ho_ten"}'], '"ho_ten" (for "Họ tên") is not a field'),
    (["--batch", "dot-1", "--mapping", "[1, 2]"], "--mapping must be a JSON object"),
    (["--batch", "dot-1", "--mapping", "{oops"], "--mapping is not valid JSON"),
    (["--batch", "dot-1", "--sheet", "Trang 9"], 'no sheet named "Trang 9"; the sheets are: Sheet'),
])
def test_wrong_options_are_explained(tmp_path, monkeypatch, capsys, arguments, message):
    source = official_form(tmp_path / "ds.xlsx")
    monkeypatch.chdir(tmp_path)
    assert main(["import", "nominees", str(source), *arguments]) == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("title", "field"), [
    ("Họ và tên", "name"), ("HỌ VÀ TÊN", "name"), ("Ho va ten", "name"), ("Họ và tên (2)", "name"),
    ("Hòa tên", None), ("Tên tập thể, cá nhân", "name"), ("Họ và tên, chức vụ, đơn vị công tác", "name_position_unit"),
    ("Chức vụ, đơn vị công tác", "position_unit"), ("Chức vụ", "position"), ("Đơn vị công tác", "unit"),
    ("Hình thức khen thưởng đề nghị", "award"), ("Tóm tắt thành tích", "summary"),
    ("Tóm tắt thành tích chủ yếu\n(3 năm gần nhất)", "summary"), ("Tập thể/Cá nhân", "kind"),
    ("Tỉnh, thành phố", "province"), ("STT", "stt"), ("Số TT", "stt"), ("Ghi chú", "ignore"), ("", None),
    ("Tên tập thể, họ và tên, chức vụ, đơn vị công tác", "name_position_unit"),
    ("TÊN TẬP THỂ/HỌ VÀ TÊN, CHỨC VỤ, ĐƠN VỊ CÔNG TÁC (2)", "name_position_unit"),
    ("Họ tên, chức danh, nơi công tác", "name_position_unit"),
    ("Tên tập thể, cá nhân, chức vụ, đơn vị công tác", "name_position_unit"),
    ("Họ và tên, chức vụ", "name_position_unit"),
])
def test_column_titles_match_without_diacritics_or_case(title, field):
    assert match_title(title) == field


@pytest.mark.parametrize(("text", "position", "unit"), [
    ("Chủ nhiệm Hợp tác xã Nông nghiệp Hải Đông", "Chủ nhiệm", "Hợp tác xã Nông nghiệp Hải Đông"),
    ("Chủ nhiệm\nHợp tác xã Nông nghiệp Hải Đông", "Chủ nhiệm", "Hợp tác xã Nông nghiệp Hải Đông"),
    ("Trưởng phòng Tổ chức cán bộ, Sở Y tế", "Trưởng phòng Tổ chức cán bộ", "Sở Y tế"),
    ("Phó Chủ tịch UBND xã Hải Đông", "Phó Chủ tịch", "UBND xã Hải Đông"),
    ("Tổ trưởng Tổ dân phố số 5", "Tổ trưởng", "Tổ dân phố số 5"),
    ("Nông dân xã Hải Đông", "Nông dân", "xã Hải Đông"),
    ("Nghệ nhân ưu tú", "Nghệ nhân ưu tú", ""),
    ("Chủ tịch - UBND xã Hải Đông", "Chủ tịch", "UBND xã Hải Đông"),
    ("Phó Giám đốc – Sở Y tế", "Phó Giám đốc", "Sở Y tế"),
    # A dash inside a unit's name, a comma adding the level above: not where the unit starts.
    ("Phó Giám đốc Sở Lao động - Thương binh và Xã hội", "Phó Giám đốc", "Sở Lao động - Thương binh và Xã hội"),
    ("Chủ tịch UBND xã Hải Đông, huyện Hải Hậu", "Chủ tịch", "UBND xã Hải Đông, huyện Hải Hậu"),
])
def test_position_and_unit_are_split(text, position, unit):
    assert split_position_and_unit(text) == (position, unit)


def test_only_the_nominees_section_is_replaced():
    text = ("# Đợt 1\ntitle: Tiêu đề\nnominees:\n  # cũ\n  - id: cu\n    name: Cũ\n"
            "# kết quả\ncomments_received: 3\n")
    assert replace_nominees(text, "nominees:\n  - id: moi\n") == (
        "# Đợt 1\ntitle: Tiêu đề\nnominees:\n  - id: moi\n# kết quả\ncomments_received: 3\n")
    assert replace_nominees("title: x\n", "nominees: []\n") == "title: x\nnominees: []\n"


# -- where the list ends ---------------------------------------------------------------------

def collectives_then(path: Path, *closing: str) -> Path:
    """A list of collectives only, then the rows that close it: in such a list, a signature row
    ("NGƯỜI LẬP BIỂU" in the name column, the signer's title in the award column) looks like a nominee."""
    rows = ["STT,Tên tập thể,Hình thức khen thưởng đề nghị,Tóm tắt thành tích",
            "1,Hợp tác xã Nông nghiệp Hải Đông,Bằng khen,Dẫn đầu phong trào.", *closing,
            ",NGƯỜI LẬP BIỂU,TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH,", ",Trần Văn Bình,Lê Thị Mai,"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("closing", [
    ",,\"Ninh Bình, ngày 05 tháng 10 năm 2026\",", ",,\"…, ngày … tháng … năm 2026\",",
    ",,ngày    tháng    năm 2026,", ",NGƯỜI LẬP BIỂU,,", ",,TM. ỦY BAN NHÂN DÂN,", ",,KT. GIÁM ĐỐC,",
    ",Nơi nhận:,,", ",,CHỦ TỊCH,", ",GIÁM ĐỐC,PHÓ GIÁM ĐỐC,", ",(Ký tên đóng dấu),,",
])
def test_nothing_from_the_date_line_or_the_signature_block_on_is_read(tmp_path, monkeypatch, capsys, closing):
    source = collectives_then(tmp_path / "ds.csv", closing)
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--kind", "collective",
                                    "--province", "Ninh Bình")
    assert code == 0
    assert [item["name"] for item in data["nominees"]] == ["Hợp tác xã Nông nghiệp Hải Đông"]
    assert "ds.csv:3: the list of nominees ends here" in output.err
    assert "NGƯỜI LẬP BIỂU" not in (tmp_path / "exemplars/nominations/dot-1.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("cells", "end"), [
    (["Ninh Bình, ngày 05 tháng 10 năm 2026"], "the date line"),
    (["Hà Nội, ngày ... tháng ... năm ..."], "the date line"),
    (["NGƯỜI LẬP BIỂU", "TM. UBND TỈNH"], "the signature block"),
    (["Người lập bảng"], "the signature block"),
    (["TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"], "the signature block"),
    (["TL. GIÁM ĐỐC"], "the signature block"),
    (["Nơi nhận:\n- Như trên;\n- Lưu: VT."], "the list of recipients"),
    (["(Ký, ghi rõ họ tên, đóng dấu)"], "the signature block"),
    (["PHÓ CHỦ TỊCH"], "the signature block"),
    (["Giám đốc", "Trưởng ban"], "the signature block"),
    # Not an end: a summary that mentions a date or a title, a nominee, a total.
    (["1", "Nguyễn Văn An", "Chủ tịch", "Ngày 05 tháng 10 năm 2025 cứu 3 người."], None),
    (["Chủ tịch UBND xã Hải Đông"], None),
    (["2", "Tổng công ty Điện lực"], None),
    (["Tổng cộng: 02 tập thể, 04 cá nhân"], None),
])
def test_the_rules_that_end_the_list(cells, end):
    assert table_end(Row(1, tuple(cells))) == end


# -- the sheet's own total -------------------------------------------------------------------

@pytest.mark.parametrize(("cells", "total", "by_kind", "section_only"), [
    (["Tổng cộng: 02 tập thể, 04 cá nhân"], 6, {"collective": 2, "individual": 4}, False),
    (["TỔNG CỘNG", "", "06"], 6, {}, False),
    (["Tổng số: 06 (02 tập thể, 04 cá nhân)"], 6, {"collective": 2, "individual": 4}, False),
    (["Cộng: 02"], 2, {}, True),
    (["Cộng mục I: 2 tập thể"], 2, {"collective": 2}, True),
    (["Tổng: 5 cá nhân"], 5, {"individual": 5}, False),
    (["Tổng cộng"], None, {}, False),
])
def test_total_rows_are_read(cells, total, by_kind, section_only):
    row = read_total(Row(9, tuple(cells)))
    assert (row.total, row.by_kind, row.section_only) == (total, by_kind, section_only)


@pytest.mark.parametrize("cells", [["Tổng công ty Điện lực miền Bắc"], ["Cộng đồng dân cư thôn Đông"],
                                   ["1", "Tổng cục Thuế"]])
def test_names_that_start_like_a_total_are_not_totals(cells):
    assert read_total(Row(9, tuple(cells))) is None


def test_a_total_that_does_not_match_is_refused(tmp_path, monkeypatch, capsys):
    source = official_form(tmp_path / "danh-sach.xlsx", total="Tổng cộng: 02 tập thể, 03 cá nhân")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Ninh Bình")
    assert code == 1 and data is None
    assert output.err.splitlines()[-1] == (
        "site-builder import: danh-sach.xlsx:17: the sheet's total row counts 5 nominees (2 collectives, "
        "3 individuals), but the import read 4 nominees (2 collectives, 2 individuals) (rows 10–14); nothing was "
        "written. Check the rows listed above, correct the sheet or its total, and import again")


def test_a_total_in_numbers_only_is_checked(tmp_path, monkeypatch, capsys):
    source = official_form(tmp_path / "danh-sach.xlsx", total="Tổng cộng: 03")
    code, output, _data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Ninh Bình")
    assert code == 1 and "counts 3 nominees, but the import read 4 nominees" in output.err


def test_section_totals_are_checked_against_their_section(tmp_path, monkeypatch, capsys):
    rows = ["STT,Họ và tên,Chức vụ,Đơn vị,Tóm tắt thành tích", "I,Tập thể", "1,Trường THCS Yên Phong,,,Tốt.",
            "2,Trạm Y tế xã Hải Đông,,,Tốt.", "Cộng: 02,,,,", "II,Cá nhân", "1,Nguyễn Văn An,Y sĩ,Trạm Y tế,Tốt.",
            "Cộng: 02,,,,", "Tổng cộng: 02 tập thể 01 cá nhân,,,,"]
    source = tmp_path / "ds.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, output, _data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Hà Nam",
                                     "--award", "Bằng khen")
    assert code == 1
    assert "ds.csv:8: the sheet's total row counts 2 nominees, but the import read 1 nominee (rows 7–7)" in output.err
    source.write_text("\n".join(rows).replace("Cộng: 02,,,,\nTổng", "Cộng: 01,,,,\nTổng") + "\n", encoding="utf-8")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Hà Nam",
                                    "--award", "Bằng khen")
    assert code == 0, output.err
    assert len(data["nominees"]) == 3


# -- names -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "name"), [
    ("Ông Nguyễn Văn An", "Nguyễn Văn An"), ("Bà Nguyễn Thị Hoà", "Nguyễn Thị Hoà"),
    ("Ông/Bà Lò Văn Páo", "Lò Văn Páo"), ("Đồng chí Hà Thị Lan", "Hà Thị Lan"), ("Đ/c Hà Thị Lan", "Hà Thị Lan"),
    ("đ/c: Hà Thị Lan", "Hà Thị Lan"), ("Anh Vũ Văn Hùng", "Vũ Văn Hùng"), ("Chị Vũ Thị Mơ", "Vũ Thị Mơ"),
    ("ÔNG NGUYỄN VĂN AN", "NGUYỄN VĂN AN"),
    # Only a separate leading word before a name of two words or more.
    ("Bàng Thị Hạnh", "Bàng Thị Hạnh"), ("Ông Ích Khiêm", "Ích Khiêm"), ("Anh Tú", "Anh Tú"),
    ("Chịu Văn A", "Chịu Văn A"), ("Nguyễn Văn Ông", "Nguyễn Văn Ông"),
])
def test_honorifics_are_dropped(written, name):
    assert without_honorific(written) == name


def test_a_combined_column_is_split_into_name_position_and_unit(tmp_path, monkeypatch, capsys):
    source = tmp_path / "ds.csv"
    source.write_text(
        'STT,"Tên tập thể, họ và tên, chức vụ, đơn vị công tác",Hình thức khen thưởng,Tóm tắt thành tích\n'
        "I,TẬP THỂ,,\n"
        '1,"Ban Thi đua - Khen thưởng tỉnh Ninh Bình\nSở Nội vụ",Bằng khen,Tốt.\n'
        "II,CÁ NHÂN,,\n"
        '1,"Ông Nguyễn Văn An - Chủ tịch UBND xã Hải Đông, huyện Hải Hậu",Bằng khen,Tốt.\n'
        '2,"Bà Trần Thị Bích, Phó Giám đốc Sở Lao động - Thương binh và Xã hội",Bằng khen,Tốt.\n'
        '3,"Đ/c Lê Văn Tâm\nKế toán\nTrường THCS Yên Phong",Bằng khen,Tốt.\n'
        '4,"Đồng chí Vũ Thị Mơ – Nông dân xã Hải Đông",Bằng khen,Tốt.\n'
        "5,Ông Đinh Văn Hải Trưởng phòng Nội vụ huyện,Bằng khen,Tốt.\n",
        encoding="utf-8")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--province", "Nam Định")
    assert code == 0, output.err
    assert [(item["name"], item.get("position"), item.get("unit")) for item in data["nominees"]] == [
        ("Ban Thi đua - Khen thưởng tỉnh Ninh Bình", None, "Sở Nội vụ"),
        ("Nguyễn Văn An", "Chủ tịch", "UBND xã Hải Đông, huyện Hải Hậu"),
        ("Trần Thị Bích", "Phó Giám đốc", "Sở Lao động - Thương binh và Xã hội"),
        ("Lê Văn Tâm", "Kế toán", "Trường THCS Yên Phong"),
        ("Vũ Thị Mơ", "Nông dân", "xã Hải Đông"),
        ("Đinh Văn Hải Trưởng phòng Nội vụ huyện", "<Chức vụ>", "<Đơn vị công tác>"),
    ]
    # What the import is unsure of is flagged with its row.
    assert ('ds.csv:9: check: "Đinh Văn Hải Trưởng phòng Nội vụ huyện" is long for a person\'s name: check that '
            "it holds no position or unit") in output.err
    assert ('ds.csv:8: check: "Nông dân xã Hải Đông" was split by guess into the position "Nông dân" and the '
            'unit "xã Hải Đông": check them') in output.err
    assert "ds.csv:7: check" not in output.err


# -- the title block, the dry run --------------------------------------------------------------

def test_the_title_block_gives_the_batch_values_and_the_province(tmp_path, monkeypatch, capsys):
    source = official_form(tmp_path / "danh-sach.xlsx")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source)
    assert code == 0
    assert data["proposed_by"] == "Ủy ban nhân dân tỉnh Ninh Bình"
    assert data["title"] == "DANH SÁCH ĐỀ NGHỊ TẶNG HUÂN CHƯƠNG LAO ĐỘNG"
    assert data["legal_basis"] == ["Luật Thi đua, khen thưởng số 06/2022/QH15", "Nghị định số 98/2023/NĐ-CP, Điều 46",
                                   "Tờ trình số 123/TTr-UBND ngày 05/10/2026 của UBND tỉnh"]
    assert {item["place"]["province"] for item in data["nominees"]} == {"Ninh Bình"}
    assert ('danh-sach.xlsx:1: check: the province "Ninh Bình" (from the title block) is given to the nominees '
            "whose row names none") in output.err


def test_the_title_block_never_replaces_what_an_officer_wrote(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "batch", "Lấy ý kiến về Huân chương Lao động", "--id", "dot-1"]) == 0
    path = tmp_path / "exemplars/nominations/dot-1.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("<Cơ quan đề nghị>", "Sở Nội vụ tỉnh Ninh Bình"),
                    encoding="utf-8")
    code, _output, data = run_import(tmp_path, monkeypatch, capsys, official_form(tmp_path / "ds.xlsx"))
    assert code == 0
    assert (data["title"], data["proposed_by"]) == ("Lấy ý kiến về Huân chương Lao động", "Sở Nội vụ tỉnh Ninh Bình")
    assert data["legal_basis"][-1] == "Tờ trình số 123/TTr-UBND ngày 05/10/2026 của UBND tỉnh"
    code, _output, data = run_import(tmp_path, monkeypatch, capsys, official_form(tmp_path / "ds.xlsx"), "--replace")
    assert len(data["legal_basis"]) == 3  # not added twice


@pytest.mark.parametrize(("lines", "proposed_by", "province"), [
    (["ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH"], "Ủy ban nhân dân tỉnh Ninh Bình", "Ninh Bình"),
    (["UBND TỈNH ĐIỆN BIÊN", "SỞ NỘI VỤ", "______"], "SỞ NỘI VỤ tỉnh Điện Biên", "Điện Biên"),
    (["UBND HUYỆN TUẦN GIÁO\nPHÒNG NỘI VỤ"], "PHÒNG NỘI VỤ huyện Tuần Giáo", None),
    (["UỶ BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"], "Ủy ban nhân dân thành phố Cần Thơ", "Cần Thơ"),
])
def test_the_proposing_body_and_the_province_from_the_title_block(lines, proposed_by, province):
    rows = [Row(number, (line, "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) for number, line in enumerate(lines, 1)]
    block = read_title_block(rows, header_row=9)
    assert (block.values["proposed_by"], block.province) == (proposed_by, province)


def test_a_dry_run_prints_the_table_and_writes_nothing(tmp_path, monkeypatch, capsys):
    source = official_form(tmp_path / "danh-sach.xlsx")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source, "--dry-run")
    assert code == 0 and data is None
    assert not (tmp_path / "exemplars").exists()
    lines = output.out.splitlines()
    assert lines[0] == "title: DANH SÁCH ĐỀ NGHỊ TẶNG HUÂN CHƯƠNG LAO ĐỘNG"
    assert [cell.strip() for cell in lines[3].split(" | ")] == ["row", "id", "kind", "name", "position", "unit",
                                                                 "award", "summary", "notes"]
    table = [[cell.strip() for cell in line.split(" | ")] for line in lines[5:9]]
    assert [row[:7] for row in table] == [
        ["10", "hop-tac-xa-nong-nghiep-hai-dong", "collective", "Hợp tác xã Nông nghiệp Hải Đông", "", "",
         "Huân chương Lao động hạng Ba"],
        ["11", "truong-thcs-truong-yen", "collective", "Trường THCS Trường Yên", "", "Trực thuộc UBND xã Trường Yên",
         "Huân chương Lao động hạng Ba"],
        ["13", "nguyen-thi-hoa", "individual", "Nguyễn Thị Hoà", "Chủ nhiệm", "Hợp tác xã Nông nghiệp Hải Đông",
         "Huân chương Lao động hạng Ba"],
        ["14", "pham-van-luc", "individual", "Phạm Văn Lực", "Giáo viên", "Trường THCS Trường Yên",
         "Huân chương Lao động hạng Nhì"],
    ]
    assert table[0][7] == "Dẫn đầu phong trào cánh đồng …"
    assert table[3][8].startswith('"Giáo viên Trường THCS Trường Yên" was split by guess')
    assert lines[-1] == "Read 4 nominees from danh-sach.xlsx; nothing was written (--dry-run)."



# -- the official list in each format ---------------------------------------------------------

WRITERS = {"xlsx": official_list_xlsx, "xls": official_list_xls, "docx": official_list_docx}


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_the_official_list_imports_exactly_its_nominees(tmp_path, monkeypatch, capsys, suffix):
    source = WRITERS[suffix](tmp_path / f"danh-sach.{suffix}")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source)
    assert code == 0, output.err
    assert [(item["id"], item["kind"], item["name"], item.get("position"), item.get("unit"), item["award"],
             item["summary"]) for item in data["nominees"]] == OFFICIAL_NOMINEES
    assert {item["place"]["province"] for item in data["nominees"]} == {"Ninh Bình"}
    assert (data["proposed_by"], data["title"], data["legal_basis"][-1]) == (
        "Ủy ban nhân dân tỉnh Ninh Bình", "DANH SÁCH ĐỀ NGHỊ TẶNG HUÂN CHƯƠNG LAO ĐỘNG",
        "Tờ trình số 123/TTr-UBND ngày 05/10/2026 của UBND tỉnh Ninh Bình")
    assert "continues the summary of row" in output.err
    assert "the list of nominees ends here, at the date line" in output.err
    assert "skipped" not in output.err and "could not be used" not in output.err
    assert "Read 6 nominees" in output.out


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_the_official_list_with_a_wrong_total_is_refused(tmp_path, monkeypatch, capsys, suffix):
    grid = {**OFFICIAL_LIST, 17: ["Tổng cộng: 02 tập thể, 05 cá nhân"]}
    source = WRITERS[suffix](tmp_path / f"danh-sach.{suffix}", grid)
    code, output, data = run_import(tmp_path, monkeypatch, capsys, source)
    assert code == 1 and data is None
    assert ("the sheet's total row counts 7 nominees (2 collectives, 5 individuals), but the import read "
            "6 nominees (2 collectives, 4 individuals)") in output.err


def test_a_pdf_is_refused_with_the_way_to_the_original(tmp_path, monkeypatch, capsys):
    (tmp_path / "danh-sach.pdf").write_bytes(b"%PDF-1.7\n")
    code, output, data = run_import(tmp_path, monkeypatch, capsys, Path("danh-sach.pdf"))
    assert code == 1 and data is None
    assert output.err == (
        "site-builder import: danh-sach.pdf: a PDF is not read, because it does not keep the table's rows and cells "
        "(and a scan has no text at all). Ask the sender for the file the PDF was printed from, the Word (.docx) "
        "or Excel (.xlsx, .xls) list, and import that\n")
