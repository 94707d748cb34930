"""``site-builder new``: start a record from a commented template.

The templates (``scaffolds/*.yml``) explain every field in Vietnamese and mark
each value the officer must supply with a ``<…>`` placeholder, which
validation reports until it is replaced. The file name, and so the page
address, is derived from the Vietnamese name: ``Nguyễn Thị Hoà`` →
``nguyen-thi-hoa.yml``. An existing record is never overwritten.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from site_builder.model.exemplar import Exemplar
from site_builder.model.fields import SLUG
from site_builder.model.i18n import gettext as _
from site_builder.model.text import slugify
from site_builder.model.vntime import now_in_vietnam
from site_builder.records.loader import KIND_FOLDERS, record_files, record_kind
from site_builder.site.json_schemas import SCHEMA_DIR, schema_url

EXEMPLAR_FOLDERS = {"individual": "ca-nhan", "collective": "tap-the"}
# The kinds of ``site-builder new``: the folder under the records folder, the schema's name.
NEW_KINDS = {"exemplar": ("", "exemplar"), "campaign": ("campaigns", "campaign"),
             "batch": ("nominations", "nomination-batch")}
MAX_ID_LENGTH = 80


class ScaffoldError(Exception):
    """The record cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class NewRecord:
    """What ``site-builder new`` is asked to create."""

    kind: str                     # exemplar, campaign or batch
    name: str                     # the Vietnamese name or title
    folder: Path                  # the records folder
    exemplar_kind: str = "individual"
    record_id: str | None = None  # instead of the id derived from the name
    schema: str | None = None     # site URL, or None for a path to ``schema/`` beside the records folder
    today: date | None = None
    output: Path | None = None    # instead of the usual place in the records folder

    @property
    def id(self) -> str:
        return self.record_id or make_id(self.name)

    @property
    def path(self) -> Path:
        if self.output is not None:
            return self.output
        subfolder, _schema = NEW_KINDS[self.kind]
        if self.kind == "exemplar":
            subfolder = EXEMPLAR_FOLDERS[self.exemplar_kind]
        return self.folder / subfolder / f"{self.id}.yml"


def make_id(name: str) -> str:
    """A record id from a Vietnamese name, cut at a word boundary when very long."""
    slug = slugify(name)
    while len(slug) > MAX_ID_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug


def create_record(request: NewRecord) -> Path:
    """Write the template for ``request``; refuse to overwrite or to reuse an id."""
    _check_id(request)
    _check_not_taken(request)
    path = request.path
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(render_template(request))
    return path


def render_template(request: NewRecord) -> str:
    """The template text with the name, id, date and schema reference filled in."""
    template = "exemplar-" + request.exemplar_kind if request.kind == "exemplar" else request.kind
    text = resources.files(__package__).joinpath("scaffolds", f"{template}.yml").read_text(encoding="utf-8")
    today = request.today or now_in_vietnam().date()
    values = {"name": yaml_scalar(request.name), "id": request.id, "today": f"{today:%d/%m/%Y}",
              "schema": schema_reference(request)}
    for key, value in values.items():
        text = text.replace("{{ " + key + " }}", value)
    return text


def schema_reference(request: NewRecord) -> str:
    """The site's schema URL, or else the path from the new file to ``schema/<kind>.json``."""
    _subfolder, schema_name = NEW_KINDS[request.kind]
    if request.schema:
        return schema_url(schema_name, request.schema)
    local = request.folder.parent / SCHEMA_DIR / f"{schema_name}.json"
    return Path(os.path.relpath(local, request.path.parent)).as_posix()


def yaml_scalar(value: str) -> str:
    """``value`` as a one-line YAML scalar, quoted only when YAML needs it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def site_url_of(config_file: Path) -> str | None:
    """``site_url`` from ``mkdocs.yml``, read without running MkDocs (its custom tags are ignored)."""
    if not config_file.is_file():
        return None
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except yaml.YAMLError:
        return None
    url = config.get("site_url") if isinstance(config, dict) else None
    return url if isinstance(url, str) and url else None


class _LenientLoader(yaml.SafeLoader):
    """SafeLoader that reads ``!ENV`` and ``!!python/name:`` values as nothing."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _check_id(request: NewRecord) -> None:
    if not request.id:
        raise ScaffoldError(_('cannot make a file name from "{name}"; give one with --id, e.g. --id '
                              'nguyen-thi-hoa').format(name=request.name))
    if not SLUG.match(request.id):
        raise ScaffoldError(_('"{value}" is not a valid id: use lower-case letters without accents, digits and '
                              'hyphens, e.g. nguyen-thi-hoa').format(value=request.id))


def _check_not_taken(request: NewRecord) -> None:
    path = request.path
    if path.exists():
        raise ScaffoldError(_("{file} already exists; edit that file, or choose another name or --id").format(
            file=path.as_posix()))
    if not request.folder.is_dir():
        return
    model = KIND_FOLDERS.get(NEW_KINDS[request.kind][0], Exemplar)
    for existing in record_files(request.folder):
        if existing.stem == request.id and record_kind(request.folder, existing) is model:
            raise ScaffoldError(_('the id "{id}" is already used by {other}; choose another name or --id').format(
                id=request.id, other=existing.as_posix()))
