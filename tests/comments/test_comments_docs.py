"""Everything staff can type or call is documented in docs/comment-service.md."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from site_builder.cli import build_parser

DOC = (Path(__file__).resolve().parents[2] / "docs" / "comment-service.md").read_text(encoding="utf-8")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    return dict(found[0].choices) if found else {}


def _comment_commands() -> dict[str, argparse.ArgumentParser]:
    """Every ``comments`` command, nested ones too (``staff add``, ``audit verify``)."""
    comments = _subcommands(build_parser())["comments"]
    commands = {}
    for name, parser in _subcommands(comments).items():
        commands[name] = parser
        commands.update({f"{name} {sub}": subparser for sub, subparser in _subcommands(parser).items()})
    return commands


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


def test_every_staff_route_is_documented(records, tmp_path):
    from site_builder.comments import Settings, create_app

    app = create_app(Settings(records=records, database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}"))
    for route in app.routes:
        if route.path.startswith("/staff/") and route.path != "/staff/console.css":
            assert route.path in DOC, f"{route.path} is not in docs/comment-service.md"
