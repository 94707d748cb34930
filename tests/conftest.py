from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Make tests/helpers.py importable as ``helpers``.
sys.path.insert(0, str(Path(__file__).parent))

from helpers import REPO  # noqa: E402

SAMPLE_NOW = "2026-11-25T12:00"


@pytest.fixture(scope="session")
def sample_catalogue():
    from site_builder.records.loader import load_records

    return load_records(REPO / "exemplars", base=REPO)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The repository's own site, built once per test session as if at SAMPLE_NOW."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("sample") / "site"
    patch = pytest.MonkeyPatch()
    patch.setenv("SITE_BUILDER_NOW", SAMPLE_NOW)
    try:
        config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        build(config)
    finally:
        patch.undo()
    return site_dir
