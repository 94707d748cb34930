"""ProperDocs, the maintained fork of MkDocs 1.6.1, is the engine to fall back on: `properdocs
build` reads our mkdocs.yml, loads Material (blog included) and our plugin unchanged, and writes
the sample site byte for byte as `mkdocs build` does, but for the generator tag, where each
engine names itself."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from helpers import REPO, sample_environment

# Installed beside MkDocs by the test extra (pyproject.toml).
PROPERDOCS = Path(sys.executable).parent / "properdocs"


def generator_tags() -> tuple[bytes, bytes]:
    """Material's tag, `mkdocs-{{ mkdocs_version }}, mkdocs-material-…`, as each engine fills it:
    ProperDocs gives `mkdocs_version` as "ProperDocs 1.6.7"."""
    material = metadata.version("mkdocs-material")
    tag = '<meta name="generator" content="mkdocs-{}, mkdocs-material-' + material + '">'
    return (tag.format(metadata.version("mkdocs")).encode(),
            tag.format(f"ProperDocs {metadata.version('properdocs')}").encode())


def properdocs_build(site: Path, cache: Path) -> None:
    """`properdocs build` of the sample site, as the MkDocs build in conftest.py is made."""
    env = {**os.environ, **sample_environment(cache)}
    command = [str(PROPERDOCS), "build", "--strict", "--quiet", "--site-dir", str(site)]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_properdocs_builds_the_sample_site_as_mkdocs_does(sample_site, tmp_path):
    site = tmp_path / "site"
    properdocs_build(site, tmp_path / "cache")  # a cache of its own: ProperDocs renders every page

    assert files(site) == files(sample_site)
    mkdocs_tag, properdocs_tag = generator_tags()
    named, different = [], []
    for relative in files(sample_site):
        theirs = (site / relative).read_bytes()
        if properdocs_tag in theirs:
            named.append(relative)
        if theirs.replace(properdocs_tag, mkdocs_tag) != (sample_site / relative).read_bytes():
            different.append(relative)
    assert different == []
    # Not vacuous: the tag was there to replace, in every page (and only there).
    pages = [relative for relative in files(sample_site) if relative.endswith(".html")]
    assert len(pages) > 100
    assert named == pages


def test_a_page_cached_by_mkdocs_is_not_published_by_properdocs(sample_site, tmp_path):
    """Each engine names itself in every page, so the page cache keys pages by engine too."""
    site = tmp_path / "site"
    properdocs_build(site, sample_site.parent / "cache")  # the cache the MkDocs build filled

    mkdocs_tag, properdocs_tag = generator_tags()
    pages = [site / relative for relative in files(site) if relative.endswith(".html")]
    assert [page for page in pages if mkdocs_tag in page.read_bytes()] == []
    assert all(properdocs_tag in page.read_bytes() for page in pages)
