"""Fuzzing the comment service: malformed requests never get a 500 and never leave a partial row.

Hypothesis sends requests a browser, a bot or a broken proxy might send:
valid comments with fields removed or replaced by any JSON value, form posts
with repeated, missing or strange fields, broken multipart bodies, random
bytes under any content type, odd methods and paths. After each request the
register must hold exactly what the answer says: one more complete comment
after a 201 (none for a replayed token), nothing new otherwise.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from comments_support import (
    CLOSED,
    NOMINEE,
    OPEN,
    OTHER_NOMINEE,
    UPCOMING,
    Clock,
    comment,
    fresh_database,
    write_records,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from site_builder.comments import Settings, SpamRules, create_app, open_store

FUZZ = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FIELDS = ["batch", "nominee", "name", "contact", "text", "consent", "address", "token", "rendered_at",
          "website", "return_to"]
BATCHES = [OPEN, UPCOMING, CLOSED]
# Strings that tend to break parsers and validators.
NASTY = ["", " ", "\x00", "\u0085", "\ud7ff", "\u202e", "\u200b", "<script>alert(1)</script>", "' OR 1=1 --",
         "%00", "a" * 6000, "0912 345 678", "a@b.vn", "true", "on", "1", "null", "[]", "{}", "1e309",
         "-1", "1700000000000", "2026-11-20T10:00:00+07:00", OPEN, NOMINEE, OTHER_NOMINEE, "../../etc/passwd"]

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
              st.sampled_from(NASTY)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=12)
form_text = st.one_of(st.text(alphabet=st.characters(codec="utf-8"), max_size=40), st.sampled_from(NASTY))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    """One register for all the examples of a module, on each database (see ``conftest.py``)."""
    with fresh_database(request.param, tmp_path_factory.mktemp("fuzz-database")) as url:
        yield url


@pytest.fixture(scope="module")
def service(tmp_path_factory, database_url):
    folder = tmp_path_factory.mktemp("fuzz-comments")
    records = write_records(folder / "records")
    store = open_store(database_url)
    app_settings = Settings(records=records, database_url="unused", origin="https://example.gov.vn",
                            clock=Clock(), spam=SpamRules(min_seconds=0, rate_limit=0, invalid_limit=0, lookup_limit=0))
    with TestClient(create_app(app_settings, store=store)) as client:
        yield client, store
    store.close()


def _register(store) -> dict[str, object]:
    return {row.receipt: row for batch in BATCHES for row in store.comments(batch)}


def _send(service, method: str, path: str, headers: dict[str, str], body: bytes | None):
    """Send one request and check the answer and the register against each other."""
    client, store = service
    before = _register(store)
    response = client.request(method, path, headers=headers, content=body)
    after = _register(store)
    assert response.status_code < 500, (response.status_code, response.text)
    is_json = response.headers.get("content-type", "").startswith("application/json") and response.content
    if is_json and response.status_code >= 400:
        body_json = response.json()
        assert isinstance(body_json.get("error"), str) and isinstance(body_json.get("fields"), dict)
    if response.status_code == 201 and is_json:
        receipt = response.json()["receipt"]
        added = set(after) - set(before)
        assert added in ({receipt}, set()) and receipt in after
        assert added or receipt in before  # nothing new only for a replayed token
    elif response.status_code != 201:
        assert after.keys() == before.keys(), "a refused request stored something"
    for row in after.values():  # every stored comment is whole
        assert row.batch in BATCHES and row.nominee in (NOMINEE, OTHER_NOMINEE)
        assert row.name.strip() and row.contact.strip() and len(row.text.strip()) >= 5
        assert row.receipt and row.received_at is not None
    return response


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(FIELDS + ["extra"]), st.one_of(st.none(), json_values),
                               max_size=4),
       accept=st.sampled_from(["application/json", "text/html", "*/*", ""]))
def test_json_comments_with_fields_replaced(service, changes, accept):
    data = comment(token=None)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    headers = {"content-type": "application/json", "accept": accept}
    _send(service, "POST", "/api/comments", headers, json.dumps(data).encode())


@FUZZ
@given(pairs=st.lists(st.tuples(st.sampled_from(FIELDS + ["x"]), form_text), max_size=14),
       base=st.booleans(), accept=st.sampled_from(["application/json", "text/html", ""]))
def test_form_posts_with_strange_fields(service, pairs, base, accept):
    fields = list({key: str(value) for key, value in comment(consent="on").items()}.items()) if base else []
    body = urlencode(fields + pairs).encode()
    headers = {"content-type": "application/x-www-form-urlencoded", "accept": accept}
    _send(service, "POST", "/api/comments", headers, body)


@FUZZ
@given(boundary=st.sampled_from(["b", "x" * 70, "", "=?", "ab cd"]),
       parts=st.lists(st.tuples(st.sampled_from(FIELDS + ['x"; filename="a.txt', ""]), form_text), max_size=8),
       tail=st.sampled_from([b"", b"--", b"--\r\n", b"garbage", b"\r\n--b--\r\n"]),
       declared=st.sampled_from(["b", "other", None]))
def test_multipart_bodies_whole_and_broken(service, boundary, parts, tail, declared):
    chunks = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
              for name, value in parts]
    body = "".join(chunks).encode("utf-8", "surrogatepass") + f"--{boundary}".encode() + tail
    content_type = "multipart/form-data" + (f"; boundary={declared}" if declared else "")
    _send(service, "POST", "/api/comments", {"content-type": content_type}, body)


@FUZZ
@given(body=st.binary(max_size=400),
       content_type=st.sampled_from(["application/json", "application/x-www-form-urlencoded",
                                     "multipart/form-data; boundary=b", "text/plain", "application/xml",
                                     "application/ld+json", "", "application/json; charset=latin-1",
                                     "multipart/form-data; boundary=\"unterminated"]))
def test_random_bytes_under_any_content_type(service, body, content_type):
    _send(service, "POST", "/api/comments", {"content-type": content_type}, body)


@FUZZ
@given(method=st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]),
       path=st.one_of(st.sampled_from(["/", "/healthz", "/api/batches", f"/api/batches/{OPEN}/counts",
                                       "/api/batches/%00/counts", "/api/receipts/k7qx m4tn",
                                       "/api/receipts/" + "A" * 500, "/api/comments", "/api/comments/",
                                       "/api//comments", "/api/batches/../comments"]),
                      st.text(max_size=30).map(lambda text: "/api/" + quote(text, safe="/"))),
       origin=st.sampled_from([None, "https://example.gov.vn", "https://evil.example", "null"]))
def test_any_method_on_any_path(service, method, path, origin):
    headers = {"origin": origin, "access-control-request-method": "POST"} if origin else {}
    _send(service, method, path, headers, None)


def test_the_valid_comment_of_the_fuzzers_is_accepted(service):
    # A check on the fuzzers themselves: their base comment does reach the register.
    response = _send(service, "POST", "/api/comments", {"content-type": "application/json"},
                     json.dumps(comment()).encode())
    assert response.status_code == 201
