"""kill -9 under load loses no comment that got a receipt (a real server process, real sockets)."""

from __future__ import annotations

import http.client
import json
import threading
import time
import uuid

from comments_server import ServerProcess
from comments_support import NOMINEE, OPEN, comment, write_batch

from site_builder.comments.store.register import open_store

SENDERS = 4


class Senders:
    """A few threads posting comments as fast as the server answers, until stopped.

    Connection errors (the server is dead) are retried; only 201 answers are
    remembered, with the token that was sent.
    """

    def __init__(self, port: int):
        self._port = port
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.receipted: dict[str, str] = {}
        self._threads = [threading.Thread(target=self._send, daemon=True) for _ in range(SENDERS)]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def count(self) -> int:
        with self._lock:
            return len(self.receipted)

    def wait_for(self, count: int, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while self.count() < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.count() >= count, f"only {self.count()} receipts in {timeout} s"

    def _send(self) -> None:
        connection = None
        while not self._stop.is_set():
            token = str(uuid.uuid4())
            body = json.dumps(comment(token=token, batch=OPEN, nominee=NOMINEE, text=f"Ý kiến gửi kèm mã {token}."))
            try:
                connection = connection or http.client.HTTPConnection("127.0.0.1", self._port, timeout=5)
                connection.request("POST", "/api/comments", body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                answer = response.read()
            except (OSError, http.client.HTTPException):
                if connection is not None:
                    connection.close()
                connection = None
                time.sleep(0.02)
                continue
            if response.status == 201:
                with self._lock:
                    self.receipted[token] = json.loads(answer)["receipt"]
        if connection is not None:
            connection.close()


def test_kill_9_under_load_loses_no_receipted_comment(tmp_path, database_url):
    records = tmp_path / "records"
    write_batch(records, OPEN, "01/01/2026", "31/12/2099")
    server = ServerProcess(records, database_url, tmp_path / "server.log")
    server.start()
    senders = Senders(server.port)
    try:
        senders.start()
        senders.wait_for(60)
        server.kill()
        before_kill = senders.count()
        server.start()
        senders.wait_for(before_kill + 60)
    finally:
        senders.stop()
        server.stop()

    store = open_store(database_url)
    try:
        stored = store.receipts()
        missing = set(senders.receipted.values()) - stored
        assert not missing, f"{len(missing)} receipted comments lost"
        for token, code in list(senders.receipted.items())[:: max(1, len(senders.receipted) // 20)]:
            assert store.find_token(token).code == code
    finally:
        store.close()
    assert before_kill >= 60
    assert len(senders.receipted) >= before_kill + 60


def test_receipts_survive_a_restart_and_answer_over_http(tmp_path, database_url):
    records = tmp_path / "records"
    write_batch(records, OPEN, "01/01/2026", "31/12/2099")
    server = ServerProcess(records, database_url, tmp_path / "server.log")
    server.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        connection.request("POST", "/api/comments", json.dumps(comment()),
                           {"Content-Type": "application/json"})
        code = json.loads(connection.getresponse().read())["receipt"]
        connection.close()
        server.kill()
        server.start()
        status, body = server.get_json(f"/api/receipts/{code}")
    finally:
        server.stop()

    assert status == 200
    assert body["status"] == "received"
