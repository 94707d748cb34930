"""The council's report (Word and Excel, opened again and their numbers checked; contacts only
when asked) and publishing the figures (refused before the close; frozen and written after)."""

from __future__ import annotations

import ast
import io
import re
import stat
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from comments_support import CLOSED, NOMINEE, OPEN, OTHER_NOMINEE, write_site_config
from staff_support import POSTED, csrf_of, post_sign_in

import site_builder.comments
from site_builder.cli import main
from site_builder.comments.console.letter_views import CHANNELS as LETTER_CHANNELS
from site_builder.comments.batches import load_batches
from site_builder.comments.handling.letter_entry import enter_comment
from site_builder.comments.handling.report_sheets import LINE_HEADERS
from site_builder.comments.handling.status_changes import StatusChange, change_status
from site_builder.comments.store.audit_log import audit_entries, verify_audit_chain
from site_builder.comments.store.comment_handling import published_figures, published_register
from site_builder.comments.store.register import CHANNEL_WORDS, NewComment
from site_builder.records.count_files import load_comment_counts

CONTACT = "0977 111 222"
NAME = "Đỗ Thị Minh Bạch"


@pytest.fixture
def register(store, clock):
    """On the closed batch: 3 comments on one nominee (reviewed, not substantiated, spam), 1 on the other."""
    def add(nominee, text):
        return store.add(NewComment(batch=CLOSED, nominee=nominee, name=NAME, contact=CONTACT, text=text,
                                    address="Xóm 5, xã Hải Hậu"), clock.now).code
    codes = [add(NOMINEE, "Hợp tác xã làm ăn đúng như báo cáo."), add(NOMINEE, "Tôi nghe nói có nợ đọng."),
             add(NOMINEE, "Mua bán đất giá rẻ liên hệ ngay"), add(OTHER_NOMINEE, "Trường dạy tốt, đồng ý.")]
    change_status(store, [codes[0]], StatusChange("reviewed"), "can.bo", clock.now)
    change_status(store, [codes[1]], StatusChange("not_substantiated", "Đã xác minh: không có nợ"),
                  "can.bo", clock.now)
    change_status(store, [codes[2]], StatusChange("spam"), "can.bo", clock.now)
    return codes


def _cli(database_url, records, *arguments):
    return main(["comments", *arguments, "--database", database_url, "--records", str(records)])


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    tables = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + tables)


@pytest.mark.parametrize("for_council", [False, True])
def test_the_word_report_counts_by_status_and_names_commenters_only_for_the_council(
        database_url, records, register, tmp_path, for_council):
    output = tmp_path / "bao-cao.docx"
    assert _cli(database_url, records, "report", "--batch", CLOSED, "--output", str(output),
                *(["--for-council"] if for_council else [])) == 0

    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    document = docx.Document(str(output))
    counts = {row.cells[0].text: row.cells[1].text for row in document.tables[1].rows[1:]}
    assert (counts["Đã xem xét"], counts["Không có cơ sở"], counts["Thư rác"], counts["Mới nhận"]) == (
        "1", "1", "1", "0")
    text = _docx_text(output.read_bytes())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nghị định số 98/2023/NĐ-CP" in text
    assert "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" in text  # no board configured: the batch's proposer
    assert register[0] in text and register[1] in text and register[2] not in text  # spam is not considered
    assert "Đã xác minh: không có nợ" in text
    assert (CONTACT in text, NAME in text) == (for_council, for_council)


@pytest.mark.parametrize("for_council", [False, True])
def test_the_excel_report_has_a_summary_and_a_sheet_per_nominee(database_url, records, register, tmp_path,
                                                              for_council):
    output = tmp_path / "bao-cao.xlsx"
    assert _cli(database_url, records, "report", "--batch", CLOSED, "--output", str(output),
                *(["--for-council"] if for_council else [])) == 0

    workbook = openpyxl.load_workbook(output)
    assert len(workbook.sheetnames) == 3 and workbook.sheetnames[0] == "Tổng hợp"
    summary = _summary(workbook)
    assert summary["Hợp tác xã Nông nghiệp Hải Đông"]["Tổng"] == 3
    assert summary["Trường Tiểu học Kim Đồng"]["Tổng"] == 1 and summary["Tổng cộng"]["Tổng"] == 4
    cells = [str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert any(CONTACT in cell for cell in cells) == for_council
    assert any(register[1] == cell for cell in cells)


def _summary(workbook) -> dict[str, dict[str, object]]:
    """The summary sheet's rows by nominee, each a mapping of the header row's words to the values."""
    rows = list(workbook["Tổng hợp"].iter_rows(min_row=6, values_only=True))
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def test_the_excel_summary_counts_as_the_published_figures_do_and_names_the_channels(
        database_url, records, register, store, clock, tmp_path):
    """A call dated after the close is in the total but not in the counted figure, as the public
    rule (``COUNTED``) says; its own sheet says "Không" and "Điện thoại", never the code ``phone``."""
    batch = load_batches(records)[CLOSED]
    late, _ = enter_comment(store, batch, NewComment(batch=CLOSED, nominee=NOMINEE, name=NAME, contact=CONTACT,
                                                     text="Gọi điện góp ý sau hạn.", channel="phone"),
                            clock.now, "can.bo", clock.now)
    repeated = store.add(NewComment(batch=CLOSED, nominee=NOMINEE, name=NAME, contact="0977 333 444",
                                    text="Tôi nghe nói có nợ đọng, nói lại lần nữa."), clock.now).code
    change_status(store, [repeated], StatusChange("duplicate", "Nhắc lại ý kiến trước.",
                                                  duplicate_of=register[1]), "can.bo", clock.now)
    output = tmp_path / "bao-cao.xlsx"
    assert _cli(database_url, records, "report", "--batch", CLOSED, "--output", str(output)) == 0

    workbook = openpyxl.load_workbook(output)
    row = _summary(workbook)["Hợp tác xã Nông nghiệp Hải Đông"]
    assert (row["Tổng"], row["Được tính"]) == (5, store.counts(CLOSED)[NOMINEE]) == (5, 2)
    assert (row["Không tính: ngoài thời hạn"], row["Không tính: thư rác"], row["Không tính: trùng lặp"]) == (1, 1, 1)
    assert _summary(workbook)["Tổng cộng"]["Được tính"] == sum(store.counts(CLOSED).values()) == 3
    sheet = workbook[workbook.sheetnames[1]]
    lines = {line[0]: dict(zip(LINE_HEADERS, line, strict=False)) for line in sheet.iter_rows(min_row=4, values_only=True)}
    assert (lines[late]["Kênh"], lines[late]["Trong thời hạn"]) == ("Điện thoại", "Không")
    assert {line["Kênh"] for line in lines.values()} == {"Điện thoại", "Trang web"}


def test_a_reason_that_ends_in_a_full_stop_gets_no_second_one_in_the_word_report(
        database_url, records, register, store, clock, tmp_path):
    change_status(store, [register[0]], StatusChange("referred", "Chuyển Thanh tra tỉnh xem xét."), "can.bo",
                  clock.now)
    output = tmp_path / "bao-cao.docx"
    assert _cli(database_url, records, "report", "--batch", CLOSED, "--output", str(output)) == 0

    text = _docx_text(output.read_bytes())
    assert "Lý do: Chuyển Thanh tra tỉnh xem xét." in text and ".." not in text
    assert "Lý do: Đã xác minh: không có nợ." in text  # a reason without one gets it
    assert ", trang web, " in text  # the channel in words, as in the console and the workbook


@pytest.mark.parametrize("where", ["next to the records", "--site-config"])
def test_the_report_command_names_the_board_of_the_site_config(database_url, records, register, tmp_path, where):
    if where == "next to the records":
        write_site_config(records.parent)
        given = []
    else:
        folder = tmp_path / "elsewhere"
        folder.mkdir()
        given = ["--site-config", str(write_site_config(folder))]
    output = tmp_path / "bao-cao.docx"

    assert _cli(database_url, records, "report", "--batch", CLOSED, "--output", str(output), *given) == 0

    text = _docx_text(output.read_bytes())
    assert "SỞ NỘI VỤ TỈNH THỬ NGHIỆM" in text and "BAN THI ĐUA – KHEN THƯỞNG" in text
    assert "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" not in text  # the batch's proposer only stands in for no board


def test_the_report_from_the_console_is_a_download_and_is_audited(console, store, staff, register):
    assert post_sign_in(console, staff.officer).headers["location"] == "/staff/"
    csrf = csrf_of(console.get(f"/staff/batches/{CLOSED}").text)

    answer = console.post(f"/staff/batches/{CLOSED}/report", headers=POSTED,
                          data={"csrf": csrf, "format": "docx"})

    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    assert answer.headers["cache-control"] == "no-store"
    text = _docx_text(answer.content)
    assert register[0] in text and CONTACT not in text
    with store.transaction() as handle:
        last = audit_entries(handle)[-1]
    assert (last.actor, last.action, last.subject) == (staff.officer, "report-made", CLOSED)


def test_publishing_before_the_close_is_refused(database_url, records, console, store, staff, capsys,
                                               clock, monkeypatch):
    monkeypatch.setattr("site_builder.comments.staff.actions.now_in_vietnam", clock)
    assert _cli(database_url, records, "publish", "--batch", OPEN) == 1
    assert "only after the close" in capsys.readouterr().err
    post_sign_in(console, staff.officer)
    csrf = csrf_of(console.get(f"/staff/batches/{OPEN}").text)

    answer = console.post(f"/staff/batches/{OPEN}/publish", headers=POSTED, data={"csrf": csrf, "confirm": "yes"})
    preview = console.get(f"/staff/batches/{OPEN}/publish")

    assert answer.status_code == 409 and "Chưa thể công bố" in answer.text
    assert "Chưa thể công bố" in preview.text and 'name="confirm"' not in preview.text
    assert not (records / "_comment-counts").exists()


def test_publishing_freezes_the_figures_and_writes_the_file_the_build_reads(
        database_url, records, console, store, clock, staff, register, client):
    post_sign_in(console, staff.officer)
    csrf = csrf_of(console.get(f"/staff/batches/{CLOSED}").text)

    answer = console.post(f"/staff/batches/{CLOSED}/publish", headers=POSTED,
                          data={"csrf": csrf, "confirm": "yes", "accept_unhandled": "on"})
    change_status(store, [register[0]], StatusChange("spam"), "can.bo", clock.now)  # after: changes nothing
    again = _cli(database_url, records, "publish", "--batch", CLOSED)

    assert answer.status_code == 200 and "Việc còn lại" in answer.text and "commit" in answer.text
    assert f"_comment-register/{CLOSED}.yml" in answer.text
    assert "sổ ý kiến công khai gồm 4 mã biên nhận" in answer.text
    published = yaml.safe_load((records / "_comment-register" / f"{CLOSED}.yml").read_text(encoding="utf-8"))
    assert [row["receipt"] for row in published["receipts"]] == sorted(register)
    assert again == 0
    path = records / "_comment-counts" / f"{CLOSED}.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert document["nominees"] == {NOMINEE: 2, OTHER_NOMINEE: 1} and document["total"] == 3
    assert "không tính thư rác" in document["rule"] and document["published_at"]
    found, errors = load_comment_counts(records, records, load_batches(records))
    assert errors == [] and found[CLOSED].total == 3
    assert client.get(f"/api/batches/{CLOSED}/counts").json()["nominees"][NOMINEE] == 2
    with store.transaction() as handle:
        published = [e for e in audit_entries(handle) if e.action == "figures-published"]
        repeated = [e for e in audit_entries(handle) if e.action == "figures-publish-repeated"]
        assert len(published) == 1 and published[0].actor == staff.officer
        assert len(repeated) == 1 and repeated[0].actor.startswith("cli:") and repeated[0].batch == CLOSED
        assert "already published" in repeated[0].reason and staff.officer in repeated[0].old_value
        assert verify_audit_chain(handle) is None


def _frozen(store):
    with store.transaction() as handle:
        return published_figures(handle, CLOSED), published_register(handle, CLOSED)


def test_publishing_from_the_console_shows_what_it_freezes_and_needs_a_confirmation(
        console, store, staff, register, records):
    post_sign_in(console, staff.officer)
    batch_page = console.get(f"/staff/batches/{CLOSED}").text
    csrf = csrf_of(batch_page)

    unconfirmed = console.post(f"/staff/batches/{CLOSED}/publish", headers=POSTED, data={"csrf": csrf})
    preview = console.get(f"/staff/batches/{CLOSED}/publish")

    assert f'href="/staff/batches/{CLOSED}/publish"' in batch_page
    assert f'action="/staff/batches/{CLOSED}/publish"' not in batch_page  # no one-click publishing
    assert unconfirmed.status_code == 303 and unconfirmed.headers["location"] == f"/staff/batches/{CLOSED}/publish"
    assert _frozen(store) == (None, None) and not (records / "_comment-register").exists()
    assert preview.status_code == 200 and "không thể hoàn tác" in preview.text
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td></tr>', preview.text)
    assert rows == [("Hợp tác xã Nông nghiệp Hải Đông", "2", "1"), ("Trường Tiểu học Kim Đồng", "1", "0"),
                    ("Tổng cộng cả đợt", "3", "1")]
    assert "Còn 1 ý kiến “Mới nhận” chưa xử lý" in preview.text and "“Đã tiếp nhận”" in preview.text
    assert 'name="confirm" value="yes"' in preview.text and csrf_of(preview.text) == csrf
    assert 'name="accept_unhandled"' in preview.text and " required " in preview.text


def test_unhandled_comments_are_frozen_only_when_the_officer_says_so(console, store, staff, register):
    post_sign_in(console, staff.officer)
    csrf = csrf_of(console.get(f"/staff/batches/{CLOSED}/publish").text)

    refused = console.post(f"/staff/batches/{CLOSED}/publish", headers=POSTED,
                           data={"csrf": csrf, "confirm": "yes"})
    assert refused.status_code == 409 and "Còn 1 ý kiến “Mới nhận” chưa xử lý" in refused.text
    assert _frozen(store) == (None, None)

    done = console.post(f"/staff/batches/{CLOSED}/publish", headers=POSTED,
                        data={"csrf": csrf, "confirm": "yes", "accept_unhandled": "on"})
    assert done.status_code == 200 and "Đã công bố 3 ý kiến" in done.text
    assert _frozen(store)[0].nominees == {NOMINEE: 2, OTHER_NOMINEE: 1}


def test_handled_comments_publish_after_the_confirmation_alone(console, store, staff, register, clock):
    change_status(store, [register[3]], StatusChange("verified"), "can.bo", clock.now)
    post_sign_in(console, staff.officer)
    preview = console.get(f"/staff/batches/{CLOSED}/publish").text

    done = console.post(f"/staff/batches/{CLOSED}/publish", headers=POSTED,
                        data={"csrf": csrf_of(preview), "confirm": "yes"})

    assert "chưa xử lý" not in preview and 'name="accept_unhandled"' not in preview
    assert done.status_code == 200 and _frozen(store)[1] is not None


def test_the_publish_command_refuses_while_comments_are_unhandled_unless_told_yes(
        database_url, records, store, register, capsys, clock, monkeypatch):
    monkeypatch.setattr("site_builder.comments.staff.actions.now_in_vietnam", clock)

    assert _cli(database_url, records, "publish", "--batch", CLOSED) == 1
    said = capsys.readouterr().err
    assert "1 comment(s)" in said and "still received" in said and "--yes" in said
    assert _frozen(store) == (None, None) and not (records / "_comment-counts").exists()

    assert _cli(database_url, records, "publish", "--batch", CLOSED, "--yes") == 0
    assert _frozen(store)[0].nominees == {NOMINEE: 2, OTHER_NOMINEE: 1}


def test_the_channel_words_are_written_once():
    """The console, the export and both reports name a channel with :data:`CHANNEL_WORDS`: no other
    module of the service keeps its own table of them (there were four, each in other words)."""
    tables = []
    for path in sorted((Path(site_builder.comments.__file__).parent).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            keys = {key.value for key in getattr(node, "keys", []) if isinstance(key, ast.Constant)}
            if isinstance(node, ast.Dict) and {"phone", "post"} <= keys:
                tables.append(path.name)
    assert tables == ["register.py"]
    assert CHANNEL_WORDS["post"] in LETTER_CHANNELS.values() and set(LETTER_CHANNELS) == {"post", "phone", "email"}
