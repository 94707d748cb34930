"""One built page of each type passes the W3C Nu HTML checker, but for Material's own markup listed below."""

from __future__ import annotations

from helpers import REPO
from nu_checker import VNU_VERSION, Finding, nu_errors

# One page of each type of the sample site (built with the comment service's address, so the open
# period has its form and the site its look-up page).
PAGES = {
    "home": "index.html",
    "exemplar": "dien-hinh/a-quyet/index.html",
    "exemplar listing": "dien-hinh/index.html",
    "facet page": "dien-hinh/tinh/nam-dinh/index.html",
    "campaign": "phong-trao/chung-suc-xay-dung-nong-thon-moi/index.html",
    "campaign list": "phong-trao/index.html",
    "news list": "tin-tuc/index.html",
    # Its description holds a double quote, which once broke <meta name="description">.
    "news post": "tin-tuc/2026/03/tong-ket-phong-trao-ca-nuoc-chung-suc-xay-dung-nong-thon-moi-giai-doan-2021-2025/"
                 "index.html",
    "comment period, open": "lay-y-kien/huan-chuong-lao-dong-dot-2-2026/index.html",
    "comment period, closed": "lay-y-kien/huan-chuong-lao-dong-dot-1-2025/index.html",
    "periods list": "lay-y-kien/index.html",
    "search": "tim-kiem/index.html",
    "look-up": "tra-cuu-y-kien/index.html",
    "privacy notice": "chinh-sach-bao-ve-du-lieu-ca-nhan/index.html",
    "open data": "du-lieu-mo/index.html",
    "not found": "404.html",
    "about": "gioi-thieu/index.html",
}

# Errors in Material for MkDocs' own markup (its base.html and partials), left as they are: each
# is (the checker's message, a piece of the markup it is about).
MATERIAL = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off", so that
    # Firefox does not restore them checked (a menu left open) when the reader comes back to a page.
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # partials/toc.html: the table of contents' title is a label for the "__toc" checkbox, which
    # Material writes into the navigation sidebar; on pages that hide the navigation (records,
    # news posts) the checkbox is not there. The label is hidden on wide screens and harmless.
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     'for="__toc"'),
]


def _ours(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings
            if not any(finding.message.startswith(message) and markup in finding.extract
                       for message, markup in MATERIAL)]


def test_one_page_of_each_type_has_no_error_from_our_templates(form_site):
    missing = [path for path in PAGES.values() if not (form_site / path).is_file()]
    assert not missing, f"the sample site has no {missing}"

    findings = nu_errors({name: form_site / path for name, path in PAGES.items()})

    assert not _ours(findings), "\n".join(map(str, _ours(findings)))
    # The allowances are still needed: each matches an error somewhere.
    for message, markup in MATERIAL:
        assert any(f.message.startswith(message) and markup in f.extract for f in findings), message


def test_the_ci_script_installs_the_pinned_checker():
    assert f"VNU_VERSION={VNU_VERSION}\n" in (REPO / ".ci/tests").read_text(encoding="utf-8")
