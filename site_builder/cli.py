"""The ``site-builder`` command for staff: check the records before publishing."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_builder.authoring.commands import add_publishing_commands, render_github
from site_builder.build.session import BuildSession
from site_builder.comments.staff.arguments import add_comments_commands
from site_builder.model.argparse_words import argparse_speaks
from site_builder.model.i18n import LANGUAGE_VARIABLE, LANGUAGES, language
from site_builder.model.i18n import gettext as _
from site_builder.model.vntime import fixed_or_now
from site_builder.records.loader import check_records
from site_builder.records.scheduled import scheduled, scheduled_notes


def main(argv: list[str] | None = None) -> int:
    words = _language_first(sys.argv[1:] if argv is None else argv)
    # The parser is built and read in the language asked for: argparse's own words (usage, its
    # errors, the help's headings) and the commands' names in its messages follow it.
    with language(_asked_language(words)), argparse_speaks():
        arguments = build_parser().parse_args(words)
    with language(arguments.lang):
        return arguments.run(arguments)


def _asked_language(words: list[str]) -> str | None:
    """The language of a valid ``--lang`` among ``words`` (the last one, as argparse reads them)."""
    asked = None
    for index, word in enumerate(words):
        value = word.removeprefix("--lang=") if word.startswith("--lang=") else (
            words[index + 1] if word == "--lang" and index + 1 < len(words) else None)
        if value in LANGUAGES:
            asked = value
    return asked


def _language_first(argv: list[str]) -> list[str]:
    """``--lang en`` wherever it is typed (``site-builder validate --lang en``): moved in front of the
    command, where the parser reads it, so that every command takes it."""
    rest, moved = [], []
    words = iter(argv)
    for word in words:
        if word.startswith("--lang="):
            moved.append(word)
        elif word == "--lang":
            moved.extend([word, next(words, "")])
        else:
            rest.append(word)
    return [word for word in moved if word] + rest


def build_parser() -> argparse.ArgumentParser:
    """The parser of the ``site-builder`` command line, with every command (the tests walk them)."""
    # Help texts are said when the parser is built, so build it in the language asked for (main does).
    parser = argparse.ArgumentParser(
        prog="site-builder", description=_("The site-builder command for staff: check the records before publishing."))
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help=_("language of the messages: vi (the default) or en; also {variable}=en").format(
                            variable=LANGUAGE_VARIABLE))
    commands = parser.add_subparsers(dest=_("command"), required=True)  # the word argparse's messages show
    validate = commands.add_parser("validate", help=_("check every record file and report all problems"))
    validate.add_argument("folder", nargs="?", default="exemplars", type=Path,
                          help=_("the records folder (default: exemplars)"))
    validate.add_argument("--format", choices=["text", "github"], default="text",
                          help=_("github: also print each problem as a GitHub Actions annotation"))
    validate.set_defaults(run=_validate)
    add_publishing_commands(commands)
    add_comments_commands(commands)
    _describe_commands(parser)
    return parser


def _describe_commands(parser: argparse.ArgumentParser) -> None:
    """Give each command without a description its one-line help as one, so that
    ``site-builder validate --help`` says what the command does, not only its options."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for listed in action._choices_actions:
                command = action.choices[listed.dest]
                if command.description is None and listed.help:
                    command.description = listed.help[0].upper() + listed.help[1:] + "."
                _describe_commands(command)


def _validate(arguments: argparse.Namespace) -> int:
    catalogue, report = check_records(arguments.folder, map_chunks=BuildSession.two_cores)
    if catalogue is not None:
        today = fixed_or_now(os.environ.get("SITE_BUILDER_NOW")).date()
        report.extend(scheduled_notes(scheduled(catalogue, today), today))
    if arguments.format == "github" and (report or report.notes):
        print(render_github(report))
    if report:
        print(report.render(), file=sys.stderr)
        return 1
    assert catalogue is not None
    if report.notes:
        print(report.render_notes())
    print(_("All records are valid: {exemplars} exemplars, {campaigns} campaigns, {batches} nomination "
            "batches.").format(exemplars=len(catalogue.exemplars), campaigns=len(catalogue.campaigns),
                               batches=len(catalogue.batches)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
