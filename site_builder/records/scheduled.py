"""Exemplars dated in the future wait for their day.

An officer who writes ``published: 25/12/2026`` on 6 December means the story
goes out on Christmas Day, not at once with that date printed on it. The site
is rebuilt every hour (README, *Deployment*), so such a record is left out of
every page, listing, feed, search entry and open-data row until the first build
on or after its day; validation says so at its line, and the build log too. It
is still validated with the others: a mistake in it fails today's build, not
the one on the day it was meant to appear.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from site_builder.model.catalogue import Catalogue
from site_builder.model.exemplar import Exemplar
from site_builder.model.i18n import gettext as _
from site_builder.model.vntime import format_date

from .crossref import locate_problem
from .errors import RecordError


def scheduled(catalogue: Catalogue, today: date) -> list[Exemplar]:
    """The exemplars whose publication date is after ``today``, soonest first."""
    waiting = [exemplar for exemplar in catalogue.exemplars.values() if exemplar.published > today]
    return sorted(waiting, key=lambda exemplar: (exemplar.published, exemplar.id))


def published_without(catalogue: Catalogue, waiting: list[Exemplar]) -> Catalogue:
    """The catalogue as the site shows it: without the exemplars still ``waiting`` for their day."""
    if not waiting:
        return catalogue
    held = {exemplar.id for exemplar in waiting}
    shown = {key: exemplar for key, exemplar in catalogue.exemplars.items() if key not in held}
    return dataclasses.replace(catalogue, exemplars=shown, _nominations=None)


def scheduled_notes(waiting: list[Exemplar], today: date) -> list[RecordError]:
    """A notice at the ``published`` line of each exemplar still ``waiting`` for its day."""
    return [locate_problem(exemplar, ("published",), _(
        "{day} is after today ({today}): the exemplar appears on the site from that day, at the first "
        "build on or after it; until then no page, listing, feed or search shows it").format(
            day=format_date(exemplar.published), today=format_date(today)), level="notice")
        for exemplar in waiting]
