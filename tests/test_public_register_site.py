"""The published registers of receipts on the built site: the batch's register page and its counts,
open data with a JSON Schema, and the small files the look-up page's script reads."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

import jsonschema
import pytest
from helpers import BATCH, REPO, write, write_records, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.comments.http.answers import answer_for
from site_builder.comments.store.register import ReceiptStatus
from site_builder.model import urls
from site_builder.model.uncounted_reasons import DUPLICATE, SPAM
from site_builder.model.vntime import VIETNAM
from site_builder.records.loader import load_records
from site_builder.site.register_pages import lookup_files, register_pages

SAMPLE_BATCH = "huan-chuong-lao-dong-dot-1-2025"
SAMPLE_REGISTER = REPO / "exemplars" / "_comment-register" / f"{SAMPLE_BATCH}.yml"
# A row as the page shows it: code, status, counted, date, nominee (what a citizen looks for first).
ROW = re.compile(r'<tr id="ma-(?P<code>[2-9A-Z-]+)"><th scope="row" class="sb-code">(?P=code)</th>'
                 r"<td>(?P<status>[^<]*)</td><td>(?P<counted>Có|Không)"
                 r'(?: <span class="sb-register__reason">(?P<reason>[^<]*)</span>)?</td>'
                 r"<td>(?P<date>\d\d/\d\d/\d{4})</td>"
                 r"<td>(?P<nominee>[^<]*)</td></tr>")


def _read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _reasons(html: str) -> dict[str, str | None]:
    """Each row's reason for not being counted, by code."""
    return {found.group("code"): found.group("reason") for found in ROW.finditer(html)}


def _rows(html: str) -> list[tuple[str, ...]]:
    """(code, nominee, date, status, counted) of every row."""
    return [found.group("code", "nominee", "date", "status", "counted") for found in ROW.finditer(html)]


def test_the_sample_has_a_published_register_with_nothing_personal():
    text = SAMPLE_REGISTER.read_text(encoding="utf-8")
    assert "receipts:" in text and "counted: false" in text
    assert not re.search(r"name:|contact|address|text:|@|\b0\d{9}\b", text)


def test_the_counts_on_the_batch_page_equal_the_counted_rows_of_its_register(sample_site, sample_catalogue):
    batch = sample_catalogue.batches[SAMPLE_BATCH]
    page = _read(sample_site, f"{urls.batch(SAMPLE_BATCH)}index.html")
    rows = _rows(_read(sample_site, f"{urls.receipt_register(SAMPLE_BATCH)}index.html"))
    assert len(rows) == len(sample_catalogue.receipt_registers[SAMPLE_BATCH].receipts) > 0

    counted = {nominee.name: 0 for nominee in batch.nominees}
    for _code, name, _day, _status, yes in rows:
        counted[name] += yes == "Có"
    shown = {}
    for nominee in batch.nominees:
        section = page[page.index(f'id="{nominee.id}"'):]
        section = section[:section.index("</section>")]
        found = re.search(r'<p class="sb-comments-count">Đã nhận (\d+) ý kiến\.</p>', section)
        shown[nominee.name] = int(found.group(1)) if found else 0
    assert shown == counted
    total = int(re.search(r"<dt>Số ý kiến đã nhận</dt><dd>(\d+)</dd>", page).group(1))
    assert total == sum(counted.values())
    assert (f"Sổ ý kiến công khai: {len(rows)} mã biên nhận, trong đó {total} ý kiến được tính. "
            '<a href="so-y-kien/">') in page
    register_page = _read(sample_site, f"{urls.receipt_register(SAMPLE_BATCH)}index.html")
    assert (f'<tfoot><tr><th scope="row">Tổng cộng</th><td>{total}</td><td>{len(rows) - total}</td></tr></tfoot>'
            in register_page)  # the register's own total, to compare with the batch page's


def test_the_register_page_lists_every_code_in_order_with_dates_and_public_words(sample_site, sample_catalogue):
    html = _read(sample_site, f"{urls.receipt_register(SAMPLE_BATCH)}index.html")
    rows = _rows(html)
    register = sample_catalogue.receipt_registers[SAMPLE_BATCH]

    assert [row[0] for row in rows] == sorted(row.receipt for row in register.receipts)
    by_code = {row.receipt: row for row in register.receipts}
    for code, _name, day, status, yes in rows:
        assert day == by_code[code].received.strftime("%d/%m/%Y")
        assert status == by_code[code].status_text and (yes == "Có") == by_code[code].counted
    assert {"Thư rác", "Trùng lặp", "Không có cơ sở"} <= {row[3] for row in rows}
    assert "Sổ được chốt lúc 08:30 ngày 24/03/2025" in html
    assert '<caption id="sb-register-rows">' in html and '<th scope="col">Mã biên nhận</th>' in html


LATE = "Nhận ngày 21/03/2025, sau khi đã hết thời hạn lấy ý kiến (hết ngày 17/03/2025)."


def test_a_row_not_counted_says_why_on_the_page_in_open_data_and_in_the_look_up(sample_site, sample_catalogue):
    """The sample's QZ7K-4MNT, received on 21/03 after the close and still "received", reads as late."""
    register = sample_catalogue.receipt_registers[SAMPLE_BATCH]
    expected = {row.receipt: {"spam": SPAM.text, "duplicate": DUPLICATE.text}.get(row.status, LATE)
                for row in register.receipts if not row.counted}
    assert expected["QZ7K-4MNT"] == LATE and len(set(expected.values())) == 3

    reasons = _reasons(_read(sample_site, f"{urls.receipt_register(SAMPLE_BATCH)}index.html"))
    assert {code: reason for code, reason in reasons.items() if reason} == expected
    assert len(reasons) == len(register.receipts)  # every row read, the counted ones without a reason
    data = {row["receipt"]: row for row in json.loads(_read(sample_site, "data/receipts.json"))}
    assert data["QZ7K-4MNT"]["not_counted_reason"] == "after_close"
    assert {code: row["not_counted_reason_text"] for code, row in data.items() if not row["counted"]} == expected
    assert all(row["not_counted_reason"] is None for row in data.values() if row["counted"])
    csv_rows = {row["receipt"]: row for row in csv.DictReader(io.StringIO(
        (sample_site / "data/receipts.csv").read_bytes().decode("utf-8-sig")))}
    assert (csv_rows["QZ7K-4MNT"]["not_counted_reason"], csv_rows["6KYM-VXMJ"]["not_counted_reason"]) == (
        "after_close", "")
    entry = json.loads(_read(sample_site, f"{urls.REGISTER_LOOKUP}QZ.json"))["QZ7K-4MNT"]
    assert (entry["state_text"], entry["not_counted_reason"]) == ("Không được tính", LATE)
    assert json.loads(_read(sample_site, f"{urls.REGISTER_LOOKUP}6K.json"))["6KYM-VXMJ"]["not_counted_reason"] is None


@pytest.mark.parametrize("page_rows, pages", [(300, 1), (2, None)])
def test_a_long_register_is_split_by_the_first_character_of_the_code(sample_catalogue, page_rows, pages):
    specs = list(register_pages(sample_catalogue, lookup=False, page_rows=page_rows))
    register = sample_catalogue.receipt_registers[SAMPLE_BATCH]
    firsts = sorted({row.receipt[0] for row in register.receipts})

    if pages == 1:
        assert [spec.url for spec in specs] == [urls.receipt_register(SAMPLE_BATCH)]
        assert len(specs[0].context["rows"]) == len(register.receipts)
        return
    main, *by_letter = specs
    assert main.context["rows"] == [] and [letter for letter, _url, _n in main.context["letters"]] == firsts
    assert [spec.url for spec in by_letter] == [urls.receipt_register(SAMPLE_BATCH, first) for first in firsts]
    assert by_letter[0].url.endswith(f"so-y-kien/{firsts[0].lower()}/")
    listed = [row.code for spec in by_letter for row in spec.context["rows"]]
    assert listed == sorted(row.receipt for row in register.receipts)
    assert all({row.code[0] for row in spec.context["rows"]} == {spec.context["first"]} for spec in by_letter)


def test_the_register_is_open_data_valid_against_its_schema(sample_site, sample_catalogue):
    data = json.loads(_read(sample_site, "data/receipts.json"))
    schema = json.loads(_read(sample_site, "data/receipts.schema.json"))
    register = sample_catalogue.receipt_registers[SAMPLE_BATCH]

    jsonschema.validate(data, schema)
    assert [row["receipt"] for row in data] == sorted(row.receipt for row in register.receipts)
    assert {(row["status"], row["counted"]) for row in data} == {(r.status, r.counted) for r in register.receipts}
    assert data[0]["url"].endswith(f"so-y-kien/#ma-{data[0]['receipt']}")
    raw = (sample_site / "data/receipts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["receipt"] for row in rows] == [row["receipt"] for row in data]
    assert [row["counted"] for row in rows] == [str(row["counted"]).lower() for row in data]  # true/false, as JSON
    assert list(rows[0]) == list(schema["$defs"][schema["items"]["$ref"].split("/")[-1]]["properties"])
    page = _read(sample_site, "du-lieu-mo/index.html")
    assert "data/receipts.json" in page and "data/receipts.csv" in page and "Sổ ý kiến công khai" in page
    for private in ("@", "contact", "name"):
        assert private not in json.dumps(data)


def test_the_look_up_files_hold_each_code_under_its_first_two_characters(sample_site, sample_catalogue):
    register = sample_catalogue.receipt_registers[SAMPLE_BATCH]
    for row in register.receipts:
        entries = json.loads(_read(sample_site, f"{urls.REGISTER_LOOKUP}{row.receipt[:2]}.json"))
        assert set(entries) == {r.receipt for r in register.receipts if r.receipt[:2] == row.receipt[:2]}
        entry = entries[row.receipt]
        assert (entry["register_status"], entry["counted"]) == (row.status_text, row.counted)
        # Every nominee's outcome is published: each counted comment was considered; the others say so.
        assert entry["state_text"] == ("Đã được Hội đồng xem xét" if row.counted else "Không được tính")
        assert entry["register_url"] == urls.receipt_register(SAMPLE_BATCH)


STATUS_CASES = [("received", False), ("reviewed", False), ("spam", False), ("verified", True), ("duplicate", True)]


@pytest.mark.parametrize("status, decided", STATUS_CASES)
def test_the_register_answers_in_the_words_of_the_comment_service(tmp_path, status, decided):
    """For one receipt, the static answer and the service's answer_for say the same."""
    outcome = ("    outcome:\n      result: awarded\n      decision:\n        number: 12/QĐ-CTN\n"
               "        date: 01/12/2026\n        issued_by: Chủ tịch nước\n") if decided else ""
    records = write_records(tmp_path, batch=BATCH + outcome)
    counted = status not in ("spam", "duplicate")
    write(records, "_comment-counts/dot-1.yml", f"batch: dot-1\ncounted_at: 2026-11-18T08:00:00+07:00\n"
          f"total: {int(counted)}\nnominees:\n  nguyen-thi-hoa: {int(counted)}\n"
          "published_at: 2026-11-18T08:00:00+07:00\n")
    write(records, "_comment-register/dot-1.yml", "batch: dot-1\npublished_at: 2026-11-18T08:00:00+07:00\n"
          f"receipts:\n- {{receipt: K7QX-M4TN, nominee: nguyen-thi-hoa, received: 2026-11-05, status: {status}, "
          f"counted: {str(counted).lower()}}}\n")
    catalogue = load_records(records, base=tmp_path)

    [(path, text)] = list(lookup_files(catalogue))
    static = json.loads(text)["K7QX-M4TN"]
    service = answer_for(ReceiptStatus("K7QX-M4TN", "dot-1", "nguyen-thi-hoa", status,
                                       datetime(2026, 11, 5, 9, 0, tzinfo=VIETNAM)), catalogue.batches)

    assert path == "tra-cuu-y-kien/ma/K7.json"
    assert {key: static[key] for key in ("batch_title", "nominee_name", "received_on")} == {
        "batch_title": service.batch_title, "nominee_name": service.nominee_name,
        "received_on": service.received_on}
    assert static["register_published_on"] == "18/11/2026"
    if counted:
        assert (static["state"], static["state_text"], static["state_help"]) == (
            service.state, service.state_text, service.state_help)
    else:  # the register says in public that it is not counted: never "considered by the council"
        assert (static["state"], static["state_text"]) == ("not_counted", "Không được tính")


def test_the_look_up_page_reads_the_published_registers_only_when_there_are_some(tmp_path):
    def lookup_page(with_register: bool) -> str:
        folder = tmp_path / str(with_register)
        config = write_site(folder, now="2026-11-20T09:00", batch=BATCH)
        if with_register:
            write(folder, "exemplars/_comment-counts/dot-1.yml", "batch: dot-1\ncounted_at: 2026-11-18T08:00:00+07:00"
                  "\ntotal: 0\nnominees: {}\npublished_at: 2026-11-18T08:00:00+07:00\n")
            write(folder, "exemplars/_comment-register/dot-1.yml", "batch: dot-1\npublished_at: "
                  "2026-11-18T08:00:00+07:00\nreceipts: []\n")
        config.write_text(config.read_text(encoding="utf-8").replace(
            "      page_size: 2\n", "      page_size: 2\n      comments_url: https://example.gov.vn/y-kien\n"),
            encoding="utf-8")
        build(load_config(config_file=str(config), site_dir=str(folder / "site")))
        return _read(folder / "site", f"{urls.LOOKUP}index.html")

    with_one, without = lookup_page(True), lookup_page(False)
    register_page = _read(tmp_path / "True" / "site", f"{urls.receipt_register('dot-1')}index.html")
    assert '<a href="../../../tra-cuu-y-kien/">Tra cứu ý kiến đã gửi</a>' in register_page  # the sample has none

    assert 'data-register-lookup="ma/"' in with_one and 'href="../lay-y-kien/dot-1/so-y-kien/"' in with_one
    assert "data-register-lookup" not in without and "Sổ ý kiến công khai" not in without


def test_after_the_comment_service_is_closed_the_look_up_page_answers_from_the_registers(tmp_path):
    """No comments_url any more, a register published: the page stays, asks no service, comes back to itself."""
    config = write_site(tmp_path, now="2026-11-20T09:00", batch=BATCH)
    write(tmp_path, "exemplars/_comment-counts/dot-1.yml", "batch: dot-1\ncounted_at: 2026-11-18T08:00:00+07:00"
          "\ntotal: 0\nnominees: {}\npublished_at: 2026-11-18T08:00:00+07:00\n")
    write(tmp_path, "exemplars/_comment-register/dot-1.yml", "batch: dot-1\npublished_at: "
          "2026-11-18T08:00:00+07:00\nreceipts: []\n")
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))

    page = _read(tmp_path / "site", f"{urls.LOOKUP}index.html")
    form = re.search(r"<form[^>]*data-lookup-form[^>]*>", page).group(0)
    assert 'action="./"' in form and "data-lookup-api" not in form and 'data-register-lookup="ma/"' in form
    assert 'href="../lay-y-kien/dot-1/so-y-kien/"' in page
    register_page = _read(tmp_path / "site", f"{urls.receipt_register('dot-1')}index.html")
    assert "Tra cứu ý kiến đã gửi" in register_page
