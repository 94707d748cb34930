"""schema.org JSON-LD for exemplars, comment periods and news, so search engines
and the provincial portal read the facts (who, which award, which decision)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from markupsafe import Markup

from site_builder.model.exemplar import Exemplar, Honour
from site_builder.model.nomination import NominationBatch
from site_builder.model.vntime import format_date


def as_script_json(data: dict[str, Any]) -> Markup:
    """JSON safe inside ``<script type="application/ld+json">``: no ``</script>`` can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=_default)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def _default(value: object) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def exemplar_data(exemplar: Exemplar, url: str, image: str | None, publisher: str) -> dict[str, Any]:
    subject: dict[str, Any] = {
        "@type": "Person" if exemplar.kind == "individual" else "Organization",
        "name": exemplar.name,
        "description": exemplar.summary,
        "award": [award_text(honour) for honour in exemplar.active_honours],
        "address": {"@type": "PostalAddress", "addressRegion": exemplar.place.province,
                    "addressLocality": exemplar.place.commune or exemplar.place.district or None,
                    "addressCountry": "VN"},
    }
    if exemplar.kind == "individual":
        subject["jobTitle"] = exemplar.position
        subject["worksFor"] = {"@type": "Organization", "name": exemplar.unit}
    if image:
        subject["image"] = image
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "name": exemplar.name,
        "datePublished": exemplar.published,
        "dateModified": exemplar.last_modified,
        "inLanguage": "vi",
        "publisher": {"@type": "GovernmentOrganization", "name": publisher},
        "mainEntity": _drop_empty(subject),
    }


def batch_data(batch: NominationBatch, url: str, publisher: str) -> dict[str, Any]:
    """A comment period as a public-consultation event with its nominees."""
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": batch.title,
        "url": url,
        "startDate": batch.opens_at,
        "endDate": batch.closes_at,
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": url},
        # schema.org gives an Event organisers, not a publisher: the proposing body and the board.
        "organizer": [{"@type": "GovernmentOrganization", "name": name}
                      for name in dict.fromkeys([batch.proposed_by, publisher])],
        "inLanguage": "vi",
        "about": [{"@type": "Person" if nominee.kind == "individual" else "Organization",
                   "name": nominee.name, "url": f"{url}#{nominee.id}"} for nominee in batch.nominees],
    }


def news_data(title: str, description: str | None, url: str, published: date, image: str | None,
              publisher: str) -> dict[str, Any]:
    return _drop_empty({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "description": description,
        "url": url,
        "datePublished": published,
        "inLanguage": "vi",
        "image": image,
        "publisher": {"@type": "GovernmentOrganization", "name": publisher},
    })


def award_text(honour: Honour) -> str:
    """An honour with its decision, so that two of the same award (two years' Bằng khen) stay two."""
    decision = honour.decision
    return f"{honour.label} (Quyết định số {decision.number} ngày {format_date(decision.date)}, {decision.issued_by})"


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _drop_empty(value)
        if value not in (None, "", [], {}):
            cleaned[key] = value
    return cleaned
