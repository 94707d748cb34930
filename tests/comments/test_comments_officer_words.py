"""What an officer reads when a ``site-builder comments …`` command refuses: Vietnamese by default,
English with ``--lang en`` (typed after the command, as people do), and each message says what to do.

Every case is a mistake an officer makes at the keyboard (an unknown account, a weak password, a
mistyped receipt, a batch published too early, a file in a folder that does not exist, a register
address that is wrong …), run through the command itself.
"""

from __future__ import annotations

import io

import pytest
from comments_support import write_batch

from site_builder.cli import main

PASSWORD = "một câu mật khẩu đủ dài"
STILL_OPEN = "con-mo"


@pytest.fixture
def run(database_url, store, records, capsys, monkeypatch):
    """``site-builder comments …`` on the test register and records, ``stdin`` as standard input;
    (exit code, standard error)."""

    def run_command(*arguments: str, stdin: str = "", register: bool = True) -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        where = ["--database", database_url] if register else []
        code = main(["comments", *arguments, *where])
        return code, capsys.readouterr().err

    write_batch(records, STILL_OPEN, "01/01/2026", "31/12/2099 17:00")
    return run_command


def _both(run, *arguments: str, stdin: str = "", register: bool = True) -> tuple[str, str]:
    """The refusal in the default language, then with ``--lang en`` after the command; both exit 1."""
    code, vietnamese = run(*arguments, stdin=stdin, register=register)
    assert code == 1, vietnamese
    code, english = run(*arguments, "--lang", "en", stdin=stdin, register=register)
    assert code == 1, english
    return vietnamese, english


def test_a_short_password_is_refused_in_vietnamese(run, vietnamese):
    shown = _both(run, "staff", "add", "lan.nguyen", "--role", "officer", stdin="ngắn quá\n")
    assert shown == (
        "lỗi: mật khẩu phải dài ít nhất 12 ký tự (nên dùng một câu dễ nhớ); chưa thay đổi gì\n",
        "error: the password must be at least 12 characters long (a sentence that is easy to remember will do); "
        "nothing was changed\n")


def test_an_unknown_account_names_the_command_that_lists_them(run, vietnamese):
    vietnamese_text, english = _both(run, "staff", "disable", "Alice")
    assert vietnamese_text == ("lỗi: không có tài khoản “Alice”: xin kiểm tra lại tên (lệnh site-builder comments "
                               "staff list liệt kê mọi tài khoản)\n")
    assert english.startswith('error: no account "Alice": check the name')
    assert _both(run, "staff", "reset-totp", "alice")[0].startswith("lỗi: không có tài khoản “alice”")


def test_an_account_name_or_a_second_account_of_that_name_is_refused_in_vietnamese(run, vietnamese):
    vietnamese_text, english = _both(run, "staff", "add", "B", "--role", "officer", stdin=PASSWORD + "\n")
    assert vietnamese_text.startswith("lỗi: Tên tài khoản dài 3–64 ký tự, chỉ gồm chữ thường không dấu (a–z)")
    assert english.startswith("error: an account name is 3 to 64 characters")
    assert run("staff", "add", "lan.nguyen", "--role", "officer", stdin=PASSWORD + "\n")[0] == 0
    assert _both(run, "staff", "add", "lan.nguyen", "--role", "admin", stdin=PASSWORD + "\n") == (
        "lỗi: Đã có tài khoản “lan.nguyen”. Hãy chọn tên khác.\n",
        'error: an account "lan.nguyen" exists already: choose another name\n')


@pytest.mark.parametrize("arguments, vietnamese_text, english", [
    (["moderate", "xx", "verified"],
     "lỗi: “xx” không phải là mã biên nhận: mã biên nhận gồm 8 ký tự, ví dụ K7QX-M4TN; xin kiểm tra và gõ lại\n",
     'error: "xx" is not a receipt code: a receipt code has 8 characters, e.g. K7QX-M4TN\n'),
    (["moderate", "K7QX-M4TN", "verified"],
     "lỗi: Không có ý kiến nào mang mã biên nhận K7QX-M4TN. Hãy kiểm tra lại mã.\n",
     "error: no comment has the receipt K7QX-M4TN: check the code\n"),
    (["moderate", "K7QX-M4TN", "off_topic"],
     'lỗi: trạng thái “off_topic” cần ghi lý do: xin thêm --reason "…" vào lệnh\n',
     'error: the status "off_topic" needs a reason: give it with --reason "…"\n'),
], ids=["not a receipt", "no such receipt", "no reason"])
def test_a_status_change_is_refused_in_vietnamese(run, vietnamese, arguments, vietnamese_text, english):
    assert _both(run, *arguments) == (vietnamese_text, english)


def test_publishing_before_the_close_says_when_it_can_be_done(run, records, vietnamese):
    vietnamese_text, english = _both(run, "publish", "--batch", STILL_OPEN, "--records", str(records))
    assert vietnamese_text == (f"lỗi: Chưa thể công bố: đợt lấy ý kiến {STILL_OPEN} kết thúc lúc 17:00 ngày "
                               "31/12/2099; chỉ công bố được số liệu sau thời điểm đó. Xin chạy lại lệnh khi đã "
                               "hết hạn\n")
    assert english == (f"error: the comment period of {STILL_OPEN} ends at 17:00 on 31/12/2099: its figures can "
                       "be published only after the close; run the command again then\n")


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_file_in_a_missing_folder_is_refused_in_words_not_a_traceback(run, records, tmp_path, vietnamese,
                                                                          command):
    output = tmp_path / "khong-co" / f"y-kien.{'csv' if command == 'export' else 'docx'}"
    vietnamese_text, english = _both(run, command, "--batch", STILL_OPEN, "--records", str(records),
                                     "--output", str(output))
    assert vietnamese_text == (f"lỗi: {output}: không tồn tại (xin kiểm tra đường dẫn và các thư mục trong đó đã "
                               "có chưa); chưa ghi gì vào đó\n")
    assert english == (f"error: {output}: it does not exist (check the path, and that each folder in it exists); "
                       "nothing was written there\n")


def test_a_register_address_of_another_kind_is_refused_in_vietnamese(run, vietnamese):
    shown = _both(run, "migrate", "--database", "mysql://may-chu/so", register=False)
    assert shown == (
        "lỗi: “mysql://may-chu/so” không phải là địa chỉ sổ ý kiến: xin dùng sqlite:///đường/dẫn/comments.sqlite3 "
        "hoặc postgresql://người_dùng@máy_chủ:cổng/tên_cơ_sở_dữ_liệu\n",
        'error: "mysql://may-chu/so" is not a database URL: use sqlite:///path/to/comments.sqlite3 or '
        "postgresql://user@host:port/database\n")


def test_a_database_server_that_does_not_answer_is_named_with_what_to_check(run, vietnamese):
    address = "postgresql://can-bo@127.0.0.1:1/so_y_kien"
    vietnamese_text, english = _both(run, "staff", "list", "--database", address, register=False)
    assert vietnamese_text.startswith(f"lỗi: không mở được sổ ý kiến tại {address} (theo --database): ")
    assert vietnamese_text.endswith("Xin kiểm tra lại địa chỉ đó và máy chủ cơ sở dữ liệu có đang chạy không; "
                                    "chưa đọc hay ghi gì\n")
    assert english.startswith(f"error: cannot open the register of comments at {address} (from --database): ")


def test_a_missing_site_configuration_or_password_file_is_named_in_vietnamese(run, records, tmp_path, vietnamese):
    missing = tmp_path / "khong-co.yml"
    vietnamese_text, english = _both(run, "purge", "--records", str(records), "--site-config", str(missing))
    assert vietnamese_text == (f"lỗi: {missing}: không đọc được cấu hình trang: không tồn tại (xin kiểm tra đường "
                               "dẫn và các thư mục trong đó đã có chưa); xin chỉ tệp mkdocs.yml của trang bằng "
                               "--site-config ĐƯỜNG_DẪN\n")
    assert english.startswith(f"error: {missing}: cannot read the site configuration: it does not exist")
    vietnamese_text, english = _both(run, "digest", "--records", str(records), "--mail-to", "ban@example.gov.vn",
                                     "--mail-from", "ban@example.gov.vn", "--smtp-password-file", str(missing))
    assert vietnamese_text.startswith(f"lỗi: --smtp-password-file: không đọc được tệp {missing}: không tồn tại")
    assert english.startswith(f"error: --smtp-password-file: cannot read {missing}: it does not exist")
