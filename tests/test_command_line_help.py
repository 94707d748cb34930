"""The help of our own commands and options (``site-builder … --help``) in Vietnamese by default,
in English with ``--lang en``: the texts are said from the catalog when the parser is built.

argparse's own words around them (usage, headings) are ``tests/test_command_line_words.py``'s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from helpers import REPO

from site_builder.cli import build_parser
from site_builder.model.i18n import language

# Help texts that read the same in both languages, with the reason. Keep it short: anything an
# officer reads as a sentence belongs in the catalog.
SAME_IN_BOTH = {
    # None today: even "default: localhost" becomes "mặc định: localhost".
}


def _help(*arguments: str) -> str:
    """``site-builder … --help`` as an officer runs it (no ``SITE_BUILDER_LANG``), with argparse's
    line wrapping undone so that a text can be looked for whole."""
    environment = {key: value for key, value in os.environ.items() if key != "SITE_BUILDER_LANG"}
    done = subprocess.run([sys.executable, "-m", "site_builder.cli", *arguments, "--help"], cwd=REPO,
                          env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


@pytest.mark.parametrize("command, vietnamese_texts, english_texts", [
    ([], ["Lệnh site-builder dành cho cán bộ: kiểm tra hồ sơ trước khi đăng lên trang.",
          "validate kiểm tra mọi tệp hồ sơ và báo tất cả các lỗi",
          "comments dịch vụ góp ý và sổ ý kiến",
          "--lang {vi,en} ngôn ngữ của thông báo: vi (mặc định) hoặc en; cũng có thể đặt SITE_BUILDER_LANG=en"],
     ["The site-builder command for staff: check the records before publishing.",
      "validate check every record file and report all problems",
      "--lang {vi,en} language of the messages: vi (the default) or en; also SITE_BUILDER_LANG=en"]),
    (["comments", "staff", "add"],
     ["Tạo tài khoản; mật khẩu được đọc từ đầu vào chuẩn, hoặc hỏi hai lần khi gõ trên màn hình lệnh.",
      "name từ 3 đến 64 ký tự: a-z, 0-9, '.', '_', '-'",
      "officer (cán bộ): xử lý và xuất ý kiến; admin (quản trị): thêm quản lý tài khoản và nhật ký",
      "nếu không có thì sqlite:///comments.sqlite3)"],
     ["Create an account; the password is read from standard input, or asked twice on a terminal.",
      "officer: comments and exports; admin: also accounts and the audit log",
      "else sqlite:///comments.sqlite3)"]),
    (["validate"],
     ["Kiểm tra mọi tệp hồ sơ và báo tất cả các lỗi.", "folder thư mục hồ sơ (mặc định: exemplars)",
      "github: in thêm mỗi lỗi dưới dạng ghi chú của GitHub Actions"],
     ["Check every record file and report all problems.", "folder the records folder (default: exemplars)",
      "github: also print each problem as a GitHub Actions annotation"]),
], ids=["site-builder", "comments staff add", "validate"])
def test_the_help_of_a_command_is_vietnamese_and_english_with_the_language_option(command, vietnamese_texts,
                                                                                    english_texts):
    shown = _help(*command)
    assert shown.startswith("cách dùng: ")
    for text in vietnamese_texts:
        assert text in shown
    english = _help(*command, "--lang", "en")
    assert english.startswith("usage: ")
    for text in english_texts:
        assert text in english
    assert english == _help("--lang", "en", *command)  # the option works before the command too


def _texts(parser: argparse.ArgumentParser, path: str = "site-builder") -> Iterator[tuple[str, str | None]]:
    """Each help text of ``parser`` and its commands, walked in a fixed order: (where, text)."""
    yield f"{path}: description", parser.description
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action.help == argparse.SUPPRESS:
            continue  # -h is argparse's own words; a suppressed option is never shown
        if isinstance(action, argparse._SubParsersAction):
            for listed in action._choices_actions:
                yield f"{path} {listed.dest}: help", listed.help
            for name, command in action.choices.items():
                yield from _texts(command, f"{path} {name}")
        else:
            yield f"{path} {'/'.join(action.option_strings) or action.dest}", action.help


def test_no_help_text_of_any_command_is_left_in_english():
    with language("vi"):
        vietnamese = list(_texts(build_parser()))
    with language("en"):
        english = list(_texts(build_parser()))
    assert [where for where, _text in vietnamese] == [where for where, _text in english]
    pairs = [(where, vi, en) for (where, vi), (_where, en) in zip(vietnamese, english, strict=True) if en]
    assert len(pairs) > 100  # the walk reaches every command's options
    untranslated = [where for where, vi, en in pairs if vi == en and en not in SAME_IN_BOTH]
    assert untranslated == []


def test_every_commands_help_can_be_shown_in_vietnamese():
    """argparse fills ``%(default)s`` in help texts with ``%``: a stray ``%`` in a translation would
    break that command's ``--help``, so each one is rendered."""
    with language("vi"):
        parsers = [build_parser()]
        for parser in parsers:
            shown = " ".join(parser.format_help().split())
            assert " ".join(parser.description.split()) in shown
            parsers.extend(command for action in parser._actions
                           if isinstance(action, argparse._SubParsersAction) for command in action.choices.values())
    assert len(parsers) > 20
