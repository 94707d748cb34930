"""Two service processes behind nginx keep one register, and one of them dying loses nothing."""

from __future__ import annotations

import http.client
import threading
import time
import uuid
from dataclasses import dataclass, field

from proxy_stack import SERVICE, Stack


def test_comments_through_nginx_land_in_one_register_from_both_processes(proxy: Stack):
    proxy.mark_logs()
    answers = [proxy.post_comment(token=uuid.uuid4().hex) for _ in range(8)]
    assert [answer.status for answer in answers] == [201] * 8
    first, second = proxy.served()
    # Round robin: each process took its share of the posts.
    assert len(first) == len(second) == 4
    assert all(line.endswith(" POST /api/comments 201") for line in first + second)
    receipts = {answer.json()["receipt"] for answer in answers}
    assert receipts <= set(proxy.stored())
    # Each process finds every receipt, whichever of them stored it: one register.
    for service in proxy.services:
        assert {code: service.get_json(f"/api/receipts/{code}")[0] for code in receipts} == \
            dict.fromkeys(receipts, 200)


# What a client sees of an answer cut short: not a refused connection, which would mean nginx is down.
CONNECTION_CUT = ("IncompleteRead", "RemoteDisconnected", "ConnectionResetError", "BrokenPipeError",
                  "JSONDecodeError")


@dataclass
class Citizens:
    """Clients posting through nginx until told to stop; a failed post is sent again with the same
    token, as the site's form does when the citizen presses the button again."""

    proxy: Stack
    receipts: dict[str, str] = field(default_factory=dict)  # token -> receipt
    failures: list[tuple[float, int, str]] = field(default_factory=list)  # (when, status, message)
    answered_at: list[float] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self) -> None:
        token = uuid.uuid4().hex
        while not self.stop.is_set():
            try:
                # A retry sends the same comment with the same token, as the site's form does.
                answer = self.proxy.post_comment(token=token, text=f"Tôi xác nhận thành tích (ý kiến {token}).")
                status, body = answer.status, answer.json()
            except (OSError, http.client.HTTPException, ValueError) as exc:
                status, body = 0, {"error": repr(exc)}
            with self.lock:
                if status == 201:
                    self.receipts[token] = body["receipt"]
                    self.answered_at.append(time.monotonic())
                    token = uuid.uuid4().hex
                else:
                    self.failures.append((time.monotonic(), status, body["error"]))


def test_a_kill_9_of_one_process_loses_no_receipted_comment_and_the_other_answers(doomed_proxy: Stack):
    proxy = doomed_proxy
    citizens = Citizens(proxy)
    threads = [threading.Thread(target=citizens.run) for _ in range(4)]
    proxy.mark_logs()
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.5)
        proxy.services[0].kill()
        killed_at = time.monotonic()
        time.sleep(2.5)
    finally:
        citizens.stop.set()
        for thread in threads:
            thread.join(timeout=30)
    first, second = proxy.served()
    assert first and second  # both processes took posts before the kill
    after_kill = [moment for moment in citizens.answered_at if moment > killed_at + 0.2]
    assert len(after_kill) > 20  # the other process kept answering, through the same nginx
    # Only the posts in flight on the killed process can fail (at most one per client): nginx does
    # not send a post that reached a process to the other one, it answers 502 in the service's
    # JSON shape, saying the comment may not be recorded. A process killed while its answer was
    # on the way has already stored the comment, and nginx can only cut the connection (status 0
    # here). Either way the client's retry (same token) is safe: it gets the one receipt.
    assert len(citizens.failures) <= len(threads), citizens.failures
    for moment, status, message in citizens.failures:
        assert abs(moment - killed_at) < 2, citizens.failures
        cut = status == 0 and message.startswith(CONNECTION_CUT)
        assert (status == 502 and "CHƯA được ghi nhận" in message) or cut, citizens.failures
    stored = proxy.stored()
    assert set(citizens.receipts.values()) <= set(stored), "a receipted comment is missing"
    assert {stored[receipt] for receipt in citizens.receipts.values()} == set(citizens.receipts)
    # nginx sends new posts to the living process only: the health check through it answers.
    assert all(proxy.request("GET", f"{SERVICE}/healthz").status == 200 for _ in range(4))
