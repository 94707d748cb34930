"""nginx, not the service, absorbs slow and oversized bodies: the service never sees them."""

from __future__ import annotations

import socket
import time

from nginx_process import BODY_TIMEOUT, HEADER_TIMEOUT
from proxy_stack import SERVICE, Stack, new_address

HEAD = (f"POST {SERVICE}/api/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nAccept: application/json\r\n").encode()
MB = 1024 * 1024


def connect(proxy: Stack, send_buffer: int | None = None) -> socket.socket:
    client = socket.socket()
    if send_buffer:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, send_buffer)
    client.bind((new_address(), 0))
    client.connect(("127.0.0.1", proxy.nginx.ports.plain))
    return client


def assert_only_nginx_saw(proxy: Stack, client: str, reason: str | None) -> None:
    """nginx's error log names the upstream of any request it had begun to pass on; for
    ``client`` it must name none (and give ``reason``, where nginx logs one: it logs no line for
    a body that times out while it alone reads it). The services logged no request either."""
    lines = [line for line in proxy.nginx.error_log().splitlines() if f"client: {client}," in line]
    assert reason is None or any(reason in line for line in lines), lines
    assert not any("upstream:" in line for line in lines), lines
    assert proxy.served() == ([], [])


def seconds_until_closed(client: socket.socket, limit: float) -> tuple[float, bytes]:
    """How long nginx kept the stalled connection open, and what it answered before closing it."""
    began = time.monotonic()
    client.settimeout(limit)
    answer = b""
    try:
        while chunk := client.recv(65536):
            answer += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return time.monotonic() - began, answer


def test_a_stalled_body_is_cut_by_nginx_within_its_body_timeout_and_stores_nothing(proxy: Stack):
    """(That nginx passes no body on before it has read it whole is shown by the chunked test
    below: nginx logs no line for this timeout, with or without an upstream.)"""
    before = proxy.stored()
    proxy.mark_logs()
    with connect(proxy) as client:
        client.sendall(HEAD + b"Content-Length: 1000\r\n\r\n" + b'{"batch": ')  # 10 of 1,000 bytes
        waited, answer = seconds_until_closed(client, BODY_TIMEOUT + 10)
        address = client.getsockname()[0]
    assert BODY_TIMEOUT - 0.5 < waited < BODY_TIMEOUT + 3, f"closed after {waited:.1f} s: {answer[:100]!r}"
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408")
    assert_only_nginx_saw(proxy, address, None)
    assert proxy.stored() == before


def test_a_stalled_request_head_is_cut_by_nginx(proxy: Stack):
    proxy.mark_logs()
    with connect(proxy) as client:
        client.sendall(HEAD)  # the headers never end
        waited, _ = seconds_until_closed(client, HEADER_TIMEOUT + 10)
        address = client.getsockname()[0]
    assert HEADER_TIMEOUT - 0.5 < waited < HEADER_TIMEOUT + 3
    assert_only_nginx_saw(proxy, address, "client timed out (110: Connection timed out) while reading "
                                          "client request headers")


def test_an_oversized_chunked_body_gets_413_and_is_not_read_to_the_end(proxy: Stack):
    """A client that ignores the 413 and sends on (paced at about 16 MB/s) is cut off within
    nginx's lingering time (2 s) long before its 50 MB are sent; the 413 arrives after the first
    32 KB, plus what the kernel's buffers hold."""
    before = proxy.stored()
    proxy.mark_logs()
    chunk = b"1000\r\n" + b"x" * 0x1000 + b"\r\n"  # 4 KB chunks: the limit is passed on the 9th
    sent, sent_at_answer, answer = 0, None, b""
    began = time.monotonic()
    with connect(proxy, send_buffer=64 * 1024) as client:
        address = client.getsockname()[0]
        client.sendall(HEAD + b"Transfer-Encoding: chunked\r\n\r\n")
        client.setblocking(False)
        while sent < 50 * MB and time.monotonic() - began < 20:
            try:
                sent += client.send(chunk)
            except BlockingIOError:
                pass
            except (BrokenPipeError, ConnectionResetError):
                break
            try:
                received = client.recv(65536)
            except BlockingIOError:
                received = None
            except ConnectionResetError:
                break
            if received and sent_at_answer is None:
                sent_at_answer = sent
            answer += received or b""
            time.sleep(0.00025)
    elapsed = time.monotonic() - began
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b'"error": "N' in answer  # the service's JSON shape, so the form's script can show it
    assert sent_at_answer is not None and sent_at_answer < 1 * MB, sent_at_answer
    assert sent < 50 * MB and elapsed < 8, f"{sent / MB:.1f} MB accepted in {elapsed:.1f} s"
    assert_only_nginx_saw(proxy, address, "client intended to send too large chunked body")
    assert proxy.stored() == before


def test_a_body_over_32_kb_announced_in_content_length_is_refused_at_once(proxy: Stack):
    answer = proxy.request("POST", f"{SERVICE}/api/comments", b"x" * (32 * 1024 + 1),
                           {"Content-Type": "application/json"})
    assert answer.status == 413
    assert "32 KB" in answer.json()["error"]


def test_a_body_of_32_kb_passes_nginx_and_the_service_judges_it(proxy: Stack):
    """nginx's limit is the service's (--max-body-bytes 32768): the largest body the service takes
    passes nginx, so the limit does not cut comments the service would accept."""
    proxy.mark_logs()
    answer = proxy.request("POST", f"{SERVICE}/api/comments", b" " * (32 * 1024),
                           {"Content-Type": "application/json", "Accept": "application/json"})
    assert answer.status == 400  # blank is not JSON: the service read it and said so
    assert sum(len(lines) for lines in proxy.served()) == 1
