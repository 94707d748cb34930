"""The comment service's own pages pass the W3C Nu HTML checker with no error at all."""

from __future__ import annotations

import re

import pytest
from comments_support import OPEN, form
from nu_checker import nu_errors


# The checker is slow to start and the pages are the same on both databases: SQLite only.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_service_pages_have_no_error(client, console, tmp_path):
    code = re.search(r"[2-9A-Z]{4}-[2-9A-Z]{4}",
                     client.post("/api/comments", data=form(), follow_redirects=False).headers["location"]).group(0)
    responses = {
        "receipt": client.get(f"/bien-nhan/{code}"),
        "unknown receipt": client.get("/bien-nhan/ABCD-EFGH"),
        "refused comment, the form again": client.post("/api/comments", data=form(contact="không có")),
        "look-up form": client.get("/tra-cuu"),
        "look-up answer": client.get("/tra-cuu", params={"ma": code}),
        "look-up, unknown code": client.get("/tra-cuu", params={"ma": "ABCD-EFGH"}),
        "staff sign-in": console.get("/staff/sign-in"),
    }
    assert [name for name, response in responses.items() if "text/html" not in response.headers["content-type"]] == []
    pages = {}
    for number, (name, response) in enumerate(responses.items()):
        pages[name] = tmp_path / f"page-{number}.html"
        pages[name].write_text(response.text, encoding="utf-8")

    findings = nu_errors(pages)

    assert not findings, "\n".join(map(str, findings))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_letter_form_refused_and_asking_again_has_no_error(console, staff, tmp_path):
    from staff_support import POSTED, csrf_of, post_sign_in
    from test_staff_letters import LETTER

    post_sign_in(console, staff.officer)
    blank = console.get(f"/staff/batches/{OPEN}/letter")
    letter = {"csrf": csrf_of(blank.text), **LETTER, "dated": "15/11/2026"}
    refused = console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED, data={**letter, "contact": "x"})
    console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED, data=letter)
    asked = console.post(f"/staff/batches/{OPEN}/letter", headers=POSTED, data=letter)
    assert (refused.status_code, asked.status_code) == (400, 409)
    pages = {}
    for number, response in enumerate((blank, refused, asked)):
        pages[str(number)] = tmp_path / f"letter-{number}.html"
        pages[str(number)].write_text(response.text, encoding="utf-8")

    findings = nu_errors(pages)

    assert not findings, "\n".join(map(str, findings))
