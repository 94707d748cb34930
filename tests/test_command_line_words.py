"""The command line's own words: argparse's usage, errors and help headings in Vietnamese by default,
in English with ``--lang en`` wherever it is typed, for every command.

argparse's messages come from the standard library's gettext; ``site_builder.model.argparse_words``
points it at our catalog while the command line is read, and puts it back afterwards.
"""

from __future__ import annotations

import argparse
import gettext
import os
import subprocess
import sys

import pytest
from helpers import REPO

from site_builder.cli import build_parser, main


def _site_builder(*arguments: str, language: str | None = None) -> subprocess.CompletedProcess:
    """``site-builder …`` in a process of its own, as an officer runs it (no ``SITE_BUILDER_LANG``)."""
    environment = {key: value for key, value in os.environ.items() if key != "SITE_BUILDER_LANG"}
    if language:
        environment["SITE_BUILDER_LANG"] = language
    return subprocess.run([sys.executable, "-m", "site_builder.cli", *arguments], cwd=REPO, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_a_mistyped_command_is_answered_in_vietnamese_with_the_commands_to_choose_from():
    done = _site_builder("valdate")
    assert done.returncode == 2
    assert done.stderr.startswith("cách dùng: site-builder [-h] [--lang {vi,en}]")
    assert done.stderr.endswith(
        "site-builder: lỗi: phần lệnh: không có lựa chọn 'valdate'; xin gõ một trong các lựa chọn: 'validate', 'new', "
        "'import', 'schema', 'comments'\nXem hướng dẫn đầy đủ: site-builder --help\n")
    english = _site_builder("valdate", "--lang", "en")
    assert english.stderr.startswith("usage: site-builder")
    assert english.stderr.endswith("site-builder: error: argument command: invalid choice: 'valdate' (choose from "
                                   "'validate', 'new', 'import', 'schema', 'comments')\n")


def test_a_missing_account_name_says_what_to_type():
    done = _site_builder("comments", "staff", "add")
    assert done.returncode == 2
    assert done.stderr.startswith("cách dùng: site-builder comments staff add [-h] --role {officer,admin}")
    assert done.stderr.endswith(
        "site-builder comments staff add: lỗi: còn thiếu name, --role: xin gõ thêm phần này, theo dòng “cách dùng” "
        "ở trên\nXem hướng dẫn đầy đủ: site-builder comments staff add --help\n")
    english = _site_builder("comments", "staff", "add", language="en")
    assert english.stderr.endswith("site-builder comments staff add: error: the following arguments are required: "
                                   "name, --role\n")


@pytest.mark.parametrize("arguments, vietnamese_text, english", [
    (["comments", "staff", "add", "lan", "--role", "offcer"],
     "phần --role: không có lựa chọn 'offcer'; xin gõ một trong các lựa chọn: 'officer', 'admin'",
     "argument --role: invalid choice: 'offcer' (choose from 'officer', 'admin')"),
    (["comments", "counts", "--batch"], "phần --batch: cần ghi một giá trị ngay sau tuỳ chọn này",
     "argument --batch: expected one argument"),
    (["validate", "exemplars", "--strict"],
     "không hiểu --strict: xin bỏ đi hoặc kiểm tra lại chính tả (xem dòng “cách dùng” ở trên)",
     "unrecognized arguments: --strict"),
    (["comments", "serve", "--port", "tám nghìn"],
     "phần --port: giá trị 'tám nghìn' không hợp lệ: cần một giá trị kiểu int (int: số nguyên, ví dụ 12; float: số, "
     "ví dụ 2.5)", "argument --port: invalid int value: 'tám nghìn'"),
    (["comments"], "còn thiếu lệnh: xin gõ thêm phần này", "the following arguments are required: command"),
], ids=["a choice", "a value", "an unknown option", "a number", "a command"])
def test_each_kind_of_mistake_is_answered_in_the_language_asked(capsys, vietnamese, arguments, vietnamese_text,
                                                                english):
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    shown = capsys.readouterr().err
    assert f"lỗi: {vietnamese_text}" in shown and shown.startswith("cách dùng: ")
    with pytest.raises(SystemExit):
        main([*arguments, "--lang", "en"])
    shown = capsys.readouterr().err
    assert f"error: {english}" in shown and shown.startswith("usage: ")


def test_the_help_is_headed_in_vietnamese(capsys, vietnamese):
    with pytest.raises(SystemExit) as stopped:
        main(["comments", "staff", "--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("cách dùng: site-builder comments staff [-h]")
    assert "\ncác phần gõ theo thứ tự:\n" in shown and "\ntuỳ chọn:\n" in shown
    assert "-h, --help            hiện hướng dẫn này rồi thoát" in shown
    with pytest.raises(SystemExit):
        main(["comments", "staff", "--help", "--lang=en"])
    shown = capsys.readouterr().out
    assert shown.startswith("usage: ") and "\noptions:\n" in shown and "show this help message and exit" in shown


def test_the_standard_librarys_gettext_is_left_as_it_was(capsys, vietnamese, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "fr")
    domain = gettext.textdomain()
    with pytest.raises(SystemExit):
        main(["valdate"])
    assert "lỗi:" in capsys.readouterr().err
    assert (gettext.textdomain(), os.environ["LANGUAGE"]) == (domain, "fr")
    assert gettext.gettext("usage: ") == "usage: "


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command a line can end with (``comments staff add``…), from the parser itself."""
    subcommands = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    if not subcommands:
        return [path]
    return [found for name, child in subcommands[0].choices.items() for found in _commands(child, (*path, name))]


COMMANDS = _commands(build_parser())


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_language_option_after_any_command_gives_english(capsys, vietnamese, command):
    with pytest.raises(SystemExit):
        main([*command, "--no-such-option"])
    assert "lỗi:" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*command, "--no-such-option", "--lang", "en"])
    shown = capsys.readouterr().err
    assert shown.startswith("usage: ") and "error:" in shown and "lỗi" not in shown
