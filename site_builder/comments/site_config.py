"""The board and the site's address, read from the site's own ``mkdocs.yml``.

The comment service's pages name the board that receives a comment, link to the
privacy notice and the receipt look-up page on the site, and the retention purge
keeps personal data as long as the notice says: all from the one ``board``
option of the site_builder plugin, so the site and the service never disagree.

``mkdocs.yml`` holds tags only MkDocs understands (``!ENV``, ``!!python/name``);
they are read as plain values here, never executed: only ``site_url`` and
``plugins[].site_builder.board`` are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from site_builder.model.board import Board
from site_builder.model.i18n import file_problem
from site_builder.model.i18n import gettext as _

SITE_CONFIG = "mkdocs.yml"


class SiteConfigInvalid(ValueError):
    """The site configuration cannot be read, or its ``board`` is not valid."""


@dataclass(frozen=True)
class SiteIdentity:
    """Who runs the site, and where its pages are (``site_url`` ends with a slash, or is ``None``)."""

    board: Board | None
    site_url: str | None


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any tag as the plain value it wraps."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_TolerantLoader.add_multi_constructor("!", _plain)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def default_site_config(records: Path) -> Path | None:
    """``mkdocs.yml`` next to the records folder, when there is one."""
    candidate = records.resolve().parent / SITE_CONFIG
    return candidate if candidate.is_file() else None


def read_site_config(path: Path) -> SiteIdentity:
    """The board and ``site_url`` of the site configured in ``path``."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - safe subclass
    except OSError as exc:
        raise SiteConfigInvalid(_("{file}: cannot read the site configuration: {reason}; give the site's "
                                  "mkdocs.yml with --site-config PATH").format(file=path, reason=file_problem(exc))) from exc
    except yaml.YAMLError as exc:
        raise SiteConfigInvalid(_("{file}: cannot read the site configuration: {reason}").format(
            file=path, reason=exc)) from exc
    if not isinstance(document, dict):
        raise SiteConfigInvalid(_("{file}: not a MkDocs configuration (a mapping is expected); give the site's "
                                  "mkdocs.yml with --site-config PATH").format(file=path))
    return SiteIdentity(_board(path, _plugin_options(document)), _site_url(document))


def _plugin_options(document: dict) -> dict:
    for entry in document.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("site_builder"), dict):
            return entry["site_builder"]
    return {}


def _board(path: Path, options: dict) -> Board | None:
    if options.get("board") is None:
        return None
    try:
        return Board.model_validate(options["board"])
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, error['loc']))}: {error['msg']}" for error in exc.errors())
        raise SiteConfigInvalid(_("{file}: plugins.site_builder.board: {problems}; correct the board in the "
                                  "site's mkdocs.yml").format(
            file=path, problems=problems)) from exc


def _site_url(document: dict) -> str | None:
    url = document.get("site_url")
    if not isinstance(url, str) or not url.strip().startswith(("http://", "https://")):
        return None
    return url.strip().rstrip("/") + "/"
