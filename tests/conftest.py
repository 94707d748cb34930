from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Make tests/helpers.py importable as ``helpers``.
sys.path.insert(0, str(Path(__file__).parent))

from helpers import REPO, UNUSED_COMMENTS_URL, sample_environment  # noqa: E402


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Most tests are about logic, and pin the developers' English messages (``SITE_BUILDER_LANG=en``,
    inherited by the commands they run); the Vietnamese default officers see is tested where the
    wording is the point (``tests/test_officer_messages.py``, through the ``vietnamese`` fixture)."""
    monkeypatch.setenv("SITE_BUILDER_LANG", "en")


@pytest.fixture
def vietnamese(monkeypatch):
    """The default language, as an officer runs the commands: no ``SITE_BUILDER_LANG`` at all."""
    monkeypatch.delenv("SITE_BUILDER_LANG", raising=False)


@pytest.fixture(scope="session")
def sample_catalogue():
    from site_builder.records.loader import load_records

    return load_records(REPO / "exemplars", base=REPO)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The repository's own site, built once per test session by MkDocs as if at SAMPLE_NOW
    (:func:`helpers.sample_environment`), with its cache in ``cache`` beside the site folder:
    never the developer's, which a previous build may have filled."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("sample")
    site_dir = folder / "site"
    patch = pytest.MonkeyPatch()
    for name, value in sample_environment(folder / "cache").items():
        patch.setenv(name, value)
    try:
        config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        build(config)
    finally:
        patch.undo()
    return site_dir


@pytest.fixture(scope="session")
def form_site(tmp_path_factory):
    """The repository's site, as ``sample_site``, with ``comments_url`` set: open periods show the
    comment form and the site has its receipt look-up page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("sample-with-form")
    site_dir = folder / "site"
    patch = pytest.MonkeyPatch()
    for name, value in {**sample_environment(folder / "cache"), "SITE_BUILDER_COMMENTS_URL": UNUSED_COMMENTS_URL}.items():
        patch.setenv(name, value)
    try:
        build(load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
    finally:
        patch.undo()
    return site_dir
