"""Load test of the comment service: sustained comments/s, latency, and no loss after kill -9.

Starts a real ``site-builder comments serve`` process (SQLite, rate limit off)
on a free loopback port, drives it with concurrent keep-alive clients for
``--seconds`` (default 60), kills it with SIGKILL at ``--kill-at`` seconds,
restarts it at once, and at the end checks every receipt a client got against
the database. Traffic goes to 127.0.0.1 only; the run is bounded in time.

Prints a summary, then one line of JSON:
``{"accepted_per_s": …, "p50_ms": …, "p99_ms": …, "lost_after_kill": …}``.

    .venv/bin/python bench/comments_load.py --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

BATCH = "bench-dot-lay-y-kien"
NOMINEE = "htx-hai-dong"
RECORD = """\
title: Lấy ý kiến nhân dân (đo tải)
award: Huân chương Lao động
proposed_by: Ủy ban nhân dân tỉnh Ninh Bình
decided_by: Chủ tịch nước
legal_basis: [Nghị định số 98/2023/NĐ-CP]
opens: 01/01/2020
closes: 31/12/2099
contact: {email: thiduakhenthuong@example.gov.vn}
nominees:
  - id: htx-hai-dong
    kind: collective
    name: Hợp tác xã Nông nghiệp Hải Đông
    place: {province: Ninh Bình}
    award: Huân chương Lao động hạng Ba
    summary: Dẫn đầu phong trào xây dựng cánh đồng mẫu lớn.
"""
TEXT = ("Tôi là xã viên, xác nhận hợp tác xã đã giúp bà con tiêu thụ lúa với giá ổn định "
        "trong nhiều năm liền; đề nghị Hội đồng xem xét.")


@dataclass
class Tally:
    """What the clients saw: latencies of accepted comments, receipts by token, failures."""

    latencies: list[float] = field(default_factory=list)
    receipts: dict[str, str] = field(default_factory=dict)
    failures: int = 0
    refused: int = 0


class Server:
    """The service as a child process; ``kill`` is SIGKILL, nothing gets to clean up."""

    def __init__(self, folder: Path, port: int):
        self.port = port
        self.database = folder / "comments.sqlite3"
        self._command = [*_site_builder(), "comments", "serve", "--host", "127.0.0.1", "--port", str(port),
                         "--database", f"sqlite:///{self.database}", "--records", str(folder / "records"),
                         "--rate-limit", "0", "--invalid-limit", "0", "--lookup-limit", "0",
                         "--min-seconds", "0"]
        self._log = folder / "server.log"
        self._process: subprocess.Popen | None = None

    def start(self) -> float:
        """Start and wait until ``/healthz`` answers; returns the seconds it took."""
        began = time.perf_counter()
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(self._command, stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL)
        while not self._healthy():
            if self._process.poll() is not None or time.perf_counter() - began > 30:
                raise SystemExit(f"the server did not start; see {self._log}")
            time.sleep(0.02)
        return time.perf_counter() - began

    def kill(self) -> None:
        assert self._process is not None
        self._process.send_signal(signal.SIGKILL)
        self._process.wait()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=15)

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1) as answer:
                return answer.status == 200
        except OSError:
            return False


async def client(port: int, until: float, tally: Tally) -> None:
    """One keep-alive connection posting comments back to back; reconnects after a kill."""
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while time.perf_counter() < until:
        token = uuid.uuid4().hex
        try:
            connection = connection or await asyncio.open_connection("127.0.0.1", port)
            began = time.perf_counter()
            status, body = await _post(*connection, port, _payload(token))
        except (OSError, asyncio.IncompleteReadError, ValueError):
            tally.failures += 1
            connection = await _close(connection)
            await asyncio.sleep(0.01)
            continue
        if status == 201:
            tally.latencies.append(time.perf_counter() - began)
            tally.receipts[token] = json.loads(body)["receipt"]
        else:
            tally.refused += 1
    await _close(connection)


def _payload(token: str) -> bytes:
    return json.dumps({"batch": BATCH, "nominee": NOMINEE, "name": "Nguyễn Văn Thành",
                       "contact": "0912 345 678", "text": TEXT, "consent": True, "token": token},
                      ensure_ascii=False).encode()


async def _post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, port: int,
                body: bytes) -> tuple[int, bytes]:
    writer.write(b"POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                 b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (port, len(body), body))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
    return status, await reader.readexactly(length)


async def _close(connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None) -> None:
    if connection is not None:
        connection[1].close()
        with contextlib.suppress(OSError):
            await connection[1].wait_closed()


async def drive(server: Server, seconds: float, kill_at: float, clients: int) -> tuple[Tally, dict]:
    """Run the clients for ``seconds``; kill -9 and restart the server at ``kill_at``."""
    tally = Tally()
    began = time.perf_counter()
    tasks = [asyncio.create_task(client(server.port, began + seconds, tally)) for _ in range(clients)]
    events: dict[str, float] = {}
    if 0 < kill_at < seconds:
        await asyncio.sleep(kill_at)
        server.kill()
        events["receipts_before_kill"] = len(tally.receipts)
        events["restart_s"] = await asyncio.to_thread(server.start)
    await asyncio.gather(*tasks)
    events["elapsed_s"] = time.perf_counter() - began
    return tally, events


def stored_receipts(database: Path) -> set[str]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return {row[0] for row in db.execute("SELECT receipt FROM comments")}


def _site_builder() -> list[str]:
    script = Path(sys.executable).with_name("site-builder")
    return [str(script)] if script.exists() else [sys.executable, "-m", "site_builder.cli"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _report(tally: Tally, events: dict, lost: int, clients: int) -> dict:
    accepted = len(tally.latencies)
    result = {
        "accepted_per_s": round(accepted / events["elapsed_s"], 1),
        "p50_ms": round(statistics.median(tally.latencies) * 1000, 2) if accepted else None,
        "p99_ms": round(_percentile(tally.latencies, 0.99) * 1000, 2) if accepted else None,
        "lost_after_kill": lost,
    }
    print(f"clients: {clients}, duration: {events['elapsed_s']:.1f} s, accepted: {accepted}, "
          f"refused: {tally.refused}, connection failures (during the kill): {tally.failures}")
    if "restart_s" in events:
        print(f"killed -9 after {events['receipts_before_kill']:.0f} receipts; "
              f"back up in {events['restart_s']:.2f} s")
    print(f"accepted comments/s: {result['accepted_per_s']}  p50: {result['p50_ms']} ms  "
          f"p99: {result['p99_ms']} ms  receipted but missing after restart: {lost}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="duration of the load (default: 60)")
    parser.add_argument("--kill-at", type=float, help="seconds into the run to kill -9 (default: half; 0: never)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent connections (default: 16)")
    arguments = parser.parse_args(argv)
    kill_at = arguments.seconds / 2 if arguments.kill_at is None else arguments.kill_at
    with tempfile.TemporaryDirectory(prefix="comments-load-") as name:
        folder = Path(name)
        (folder / "records" / "nominations").mkdir(parents=True)
        (folder / "records" / "nominations" / f"{BATCH}.yml").write_text(RECORD, encoding="utf-8")
        server = Server(folder, _free_port())
        server.start()
        try:
            tally, events = asyncio.run(drive(server, arguments.seconds, kill_at, arguments.clients))
        finally:
            server.stop()
        lost = len(set(tally.receipts.values()) - stored_receipts(server.database))
    result = _report(tally, events, lost, arguments.clients)
    print(json.dumps(result))
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
