"""Every record field and plugin option is documented in the README."""

from __future__ import annotations

import re

import pytest
from helpers import REPO

from site_builder.engine.plugin import SiteBuilderConfig
from site_builder.model.board import Board
from site_builder.model.campaign import Campaign, LaunchDocument
from site_builder.model.exemplar import Exemplar, Honour, Photo, Revocation, Source
from site_builder.model.fields import Attachment, Contact, Decision, Place
from site_builder.model.legal_calendar import CalendarYear
from site_builder.model.nomination import NominationBatch, Nominee, Outcome

README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"#### `{title}`\n(.*?)(?=\n#|\Z)", README, re.S)
    assert match, f"README has no section for {title}"
    return match.group(1)


@pytest.mark.parametrize("model", [
    Exemplar, Honour, Decision, Revocation, Photo, Source, Place, Campaign, LaunchDocument,
    NominationBatch, Nominee, Outcome, Contact, Attachment, CalendarYear, Board,
], ids=lambda model: model.__name__)
def test_every_field_is_documented(model):
    section = _section(model.__name__)
    documented = re.findall(r"^\| `(\w+)` \| (yes|no) \|", section, re.M)
    expected = [(field.alias or name, "yes" if field.is_required() else "no")
                for name, field in model.model_fields.items()]
    assert documented == expected


def test_every_plugin_option_is_documented():
    options_table = README.split("## Plugin options")[1].split("\n#### ")[0]  # the Board's fields follow
    options = re.findall(r"^\| `(\w+)` \|", options_table, re.M)
    assert options == [name for name, _ in SiteBuilderConfig._schema]


def test_readme_starts_with_the_two_commands():
    first_block = README.split("```")[1]
    assert "make serve" in first_block and "make test" in first_block
