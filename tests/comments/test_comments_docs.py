"""Everything staff can type or call is documented in docs/comment-service.md."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from site_builder.cli import _parser

DOC = (Path(__file__).resolve().parents[2] / "docs" / "comment-service.md").read_text(encoding="utf-8")


def _comment_commands() -> dict[str, argparse.ArgumentParser]:
    root = _parser()
    group = next(action for action in root._actions if isinstance(action, argparse._SubParsersAction))
    comments = group.choices["comments"]
    sub = next(action for action in comments._actions if isinstance(action, argparse._SubParsersAction))
    return dict(sub.choices)


def _options() -> list[tuple[str, str]]:
    return [(name, option) for name, parser in _comment_commands().items()
            for action in parser._actions for option in action.option_strings
            if option.startswith("--") and option != "--help"]


@pytest.mark.parametrize(("command", "option"), _options())
def test_every_cli_option_is_documented(command, option):
    assert option in DOC, f"{command} {option} is not in docs/comment-service.md"


@pytest.mark.parametrize("command", sorted(_comment_commands()))
def test_every_command_is_documented(command):
    assert f"comments {command}" in DOC or f"**{command}**" in DOC


@pytest.mark.parametrize("path", ["GET /api/batches", "POST /api/comments",
                                  "GET /api/batches/{batch}/counts", "GET /api/receipts/{code}",
                                  "GET /healthz"])
def test_every_endpoint_is_documented(path):
    assert f"`{path}`" in DOC
