"""One origin: the site and the service behind nginx, with the headers a <meta> cannot set,
TLS, and the citizen's own address passed to the service."""

from __future__ import annotations

import gzip
import http.client
import socket
import ssl
import warnings

import pytest
from conftest import HASHED_CSS, PLAIN_JS
from proxy_stack import RATE_LIMIT, SERVICE, Stack, new_address

from site_builder.site.csp import content_security_policy

# The site's comments_url when the service lives on the site's origin.
COMMENTS_URL = "https://thiduakhenthuong.example.gov.vn/y-kien"
SECURITY = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff"}


def assert_security_headers(headers: http.client.HTTPMessage, referrer: str) -> None:
    """Each header once (nginx's and the service's copies do not add up)."""
    for name, value in {**SECURITY, "Referrer-Policy": referrer}.items():
        assert headers.get_all(name) == [value], name
    policies = headers.get_all("Content-Security-Policy")
    assert any(policy.endswith("; frame-ancestors 'none'") or policy == "frame-ancestors 'none'"
               for policy in policies), policies


@pytest.mark.parametrize("path", ["/", "/dien-hinh/htx-hai-dong/", f"/{HASHED_CSS}", f"/{PLAIN_JS}",
                                  "/khong-co-trang-nay/"])
def test_the_site_carries_the_pages_policy_with_frame_ancestors_as_a_header(proxy: Stack, path: str):
    answer = proxy.request("GET", path)
    assert answer.status == (404 if "khong-co" in path else 200)
    assert answer.headers.get_all("Content-Security-Policy") == [
        content_security_policy(COMMENTS_URL, header=True)]
    assert_security_headers(answer.headers, "strict-origin-when-cross-origin")


@pytest.mark.parametrize(("path", "cache"), [
    ("/", "no-cache"),
    ("/dien-hinh/htx-hai-dong/", "no-cache"),
    (f"/{HASHED_CSS}", "public, max-age=31536000, immutable"),
    (f"/{PLAIN_JS}", "public, max-age=3600"),
])
def test_pages_are_revalidated_and_hashed_assets_kept_a_year(proxy: Stack, path: str, cache: str):
    assert proxy.request("GET", path).headers.get_all("Cache-Control") == [cache]


@pytest.mark.parametrize("path", ["/", f"/{HASHED_CSS}", f"/{PLAIN_JS}"])
def test_text_is_compressed(proxy: Stack, path: str):
    plain = proxy.request("GET", path)
    packed = proxy.request("GET", path, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.body) == plain.body and len(packed.body) < len(plain.body) / 3


def test_the_staff_console_is_answered_by_the_service_and_cannot_be_framed(proxy: Stack):
    """Its own pages and policy, nginx's headers once each; the referrer stays within the origin,
    or browsers would send "Origin: null" on the console's own forms and it would refuse them."""
    answer = proxy.request("GET", "/staff/")
    assert answer.status in (200, 303) and answer.headers["Cache-Control"] == "no-store"
    assert_security_headers(answer.headers, "same-origin")
    assert len(answer.headers.get_all("Content-Security-Policy")) == 2


@pytest.mark.parametrize("path", [f"{SERVICE}/healthz", f"{SERVICE}/api/batches", f"{SERVICE}/khong-co"])
def test_the_service_is_reached_on_the_sites_origin_and_cannot_be_framed(proxy: Stack, path: str):
    answer = proxy.request("GET", path)
    # Answered by the service itself: its JSON and its Cache-Control, not nginx's pages.
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.status == (200 if path.startswith(f"{SERVICE}/") and "khong-co" not in path else 404)
    assert answer.headers.get_all("Content-Security-Policy") == ["frame-ancestors 'none'"]
    assert_security_headers(answer.headers, "no-referrer")


def test_the_services_own_page_keeps_its_policy_beside_nginxs(proxy: Stack):
    form = "batch=khong-co&nominee=x&name=A&contact=0912345678&text=hello&consent=on"
    answer = proxy.request("POST", f"{SERVICE}/api/comments", form.encode(),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 404 and answer.headers["Content-Type"].startswith("text/html")
    policies = answer.headers.get_all("Content-Security-Policy")
    assert len(policies) == 2 and "frame-ancestors 'none'" in policies
    assert any(policy.startswith("default-src 'none'") for policy in policies)
    assert_security_headers(answer.headers, "no-referrer")


def test_hsts_is_sent_over_https_only(proxy: Stack):
    secure = proxy.request("GET", "/", tls=True)
    service = proxy.request("GET", f"{SERVICE}/healthz", tls=True)
    assert secure.status == service.status == 200
    assert secure.headers["Strict-Transport-Security"] == service.headers["Strict-Transport-Security"] \
        == "max-age=300"
    assert "Strict-Transport-Security" not in proxy.request("GET", "/").headers


def test_plain_http_is_redirected_to_https(proxy: Stack):
    connection = http.client.HTTPConnection("127.0.0.1", proxy.nginx.ports.redirect, timeout=5)
    try:
        connection.request("GET", "/lay-y-kien/?a=1", headers={"Host": "thiduakhenthuong.example.gov.vn"})
        answer = connection.getresponse()
    finally:
        connection.close()
    assert answer.status == 301
    assert answer.headers["Location"] == "https://thiduakhenthuong.example.gov.vn/lay-y-kien/?a=1"


def test_tls_below_1_2_is_refused(proxy: Stack):
    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    old.check_hostname, old.verify_mode = False, ssl.CERT_NONE
    old.set_ciphers("DEFAULT:@SECLEVEL=0")  # let this client offer TLS 1.1 at all
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # TLS 1.1 is deprecated: that is the point
        old.minimum_version = old.maximum_version = ssl.TLSVersion.TLSv1_1
    modern = ssl.create_default_context(cafile=str(proxy.nginx.certificate))
    with socket.create_connection(("127.0.0.1", proxy.nginx.ports.https), timeout=5) as raw:
        with modern.wrap_socket(raw, server_hostname="127.0.0.1") as secure:
            assert secure.version() in {"TLSv1.2", "TLSv1.3"}
    with socket.create_connection(("127.0.0.1", proxy.nginx.ports.https), timeout=5) as raw:
        with pytest.raises(ssl.SSLError, match="(?i)protocol|version"):
            old.wrap_socket(raw)


def test_the_service_sees_the_citizens_address_not_the_proxys_nor_a_forged_one(proxy: Stack):
    citizen = new_address()
    proxy.mark_logs()
    for _ in range(2):  # one request to each service process
        answer = proxy.request("GET", f"{SERVICE}/healthz", source=citizen,
                               headers={"X-Forwarded-For": "203.0.113.7", "X-Real-IP": "203.0.113.7"})
        assert answer.status == 200
    lines = [line for served in proxy.served() for line in served]
    assert lines == [f"{citizen} GET /healthz 200"] * 2


def test_the_rate_limit_counts_each_citizens_address_across_both_processes(proxy: Stack):
    """Every request reaches the service from nginx's 127.0.0.1; the limit still tells citizens
    apart, by the address nginx forwards, a forged X-Forwarded-For does not reset it, and the two
    processes behind nginx share one count (it is kept in the register)."""
    citizen = new_address()
    statuses = [proxy.post_comment(source=citizen).status for _ in range(2 * RATE_LIMIT + 2)]
    assert statuses == [201] * RATE_LIMIT + [429] * (RATE_LIMIT + 2), statuses
    forged = proxy.post_comment(source=citizen, headers={"X-Forwarded-For": new_address()})
    assert forged.status == 429
    assert proxy.post_comment().status == 201  # another citizen, through the same nginx
