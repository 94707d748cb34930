"""Load test of the comment service: sustained comments/s, latency, and no loss after kill -9.

Starts a real ``site-builder comments serve`` process (SQLite, rate limit off)
on a free loopback port, drives it with concurrent keep-alive clients for
``--seconds`` (default 60), kills it with SIGKILL at ``--kill-at`` seconds,
restarts it at once, and at the end checks every receipt a client got against
the database. Traffic goes to 127.0.0.1 only; the run is bounded in time.

``--through-nginx --processes 2 --database postgresql://…`` measures the deployment of
``deploy/nginx/``: Debian's nginx with the repository's configuration (as ``tests/proxy/`` runs
it) in front of two processes sharing one PostgreSQL database (a schema of its own, dropped at
the end); the kill -9 hits the first process, which is restarted at once while nginx sends the
posts to the other. A post that fails (502 from nginx, a dropped connection) is sent again with
the same token, as the site's form does.

Prints a summary, then one line of JSON:
``{"accepted_per_s": …, "p50_ms": …, "p99_ms": …, "lost_after_kill": …}``.

    .venv/bin/python bench/comments_load.py --seconds 60
    .venv/bin/python bench/comments_load.py --seconds 60 --through-nginx --processes 2 \
        --database "$COMMENTS_TEST_POSTGRES_URL"
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
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
SERVICE = "/y-kien"  # where deploy/nginx/ puts the service

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

    def __init__(self, folder: Path, port: int, database_url: str, name: str = "server"):
        self.port = port
        self._command = [*_site_builder(), "comments", "serve", "--host", "127.0.0.1", "--port", str(port),
                         "--database", database_url, "--records", str(folder / "records"),
                         "--rate-limit", "0", "--invalid-limit", "0", "--lookup-limit", "0",
                         "--min-seconds", "0"]
        self._log = folder / f"{name}.log"
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


@dataclass(frozen=True)
class Target:
    """Where the clients post: the service itself, or nginx in front of it."""

    port: int
    path: str = "/api/comments"


async def client(target: Target, until: float, tally: Tally) -> None:
    """One keep-alive connection posting comments back to back; reconnects after a kill. A post
    that got no answer, or nginx's 502/503/504, is sent again with the same token."""
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    token = uuid.uuid4().hex
    while time.perf_counter() < until:
        try:
            connection = connection or await asyncio.open_connection("127.0.0.1", target.port)
            began = time.perf_counter()
            status, body, keep = await _post(*connection, target, _payload(token))
        except (OSError, asyncio.IncompleteReadError, ValueError):
            tally.failures += 1
            connection = await _close(connection)
            await asyncio.sleep(0.01)
            continue
        if not keep:  # nginx ends a keep-alive connection after 1,000 requests
            connection = await _close(connection)
        if status == 201:
            tally.latencies.append(time.perf_counter() - began)
            tally.receipts[token] = json.loads(body)["receipt"]
        elif status in {502, 503, 504}:
            tally.failures += 1
            continue
        else:
            tally.refused += 1
        token = uuid.uuid4().hex
    await _close(connection)


def _payload(token: str) -> bytes:
    return json.dumps({"batch": BATCH, "nominee": NOMINEE, "name": "Nguyễn Văn Thành",
                       "contact": "0912 345 678", "text": f"{TEXT} ({token})", "consent": True,
                       "token": token},
                      ensure_ascii=False).encode()


async def _post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: Target,
                body: bytes) -> tuple[int, bytes, bool]:
    """Status, body, and whether the connection stays open."""
    writer.write(b"POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
                 b"Content-Length: %d\r\n\r\n%s" % (target.path.encode(), target.port, len(body), body))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = dict(line.lower().split(":", 1) for line in lines[1:] if ":" in line)
    body = await reader.readexactly(int(headers["content-length"]))
    return status, body, headers.get("connection", "").strip() != "close"


async def _close(connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None) -> None:
    if connection is not None:
        connection[1].close()
        with contextlib.suppress(OSError):
            await connection[1].wait_closed()


async def drive(target: Target, server: Server, seconds: float, kill_at: float,
                clients: int) -> tuple[Tally, dict]:
    """Run the clients for ``seconds``; kill -9 and restart ``server`` at ``kill_at``."""
    tally = Tally()
    began = time.perf_counter()
    tasks = [asyncio.create_task(client(target, began + seconds, tally)) for _ in range(clients)]
    events: dict[str, float] = {}
    if 0 < kill_at < seconds:
        await asyncio.sleep(kill_at)
        server.kill()
        events["receipts_before_kill"] = len(tally.receipts)
        events["restart_s"] = await asyncio.to_thread(server.start)
    await asyncio.gather(*tasks)
    events["elapsed_s"] = time.perf_counter() - began
    return tally, events


def stored_receipts(database_url: str) -> set[str]:
    if database_url.startswith("sqlite:///"):
        path = database_url.removeprefix("sqlite:///")
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return {row[0] for row in db.execute("SELECT receipt FROM comments")}
    import psycopg

    with psycopg.connect(database_url) as db:
        return {row[0] for row in db.execute("SELECT receipt FROM comments")}


@contextmanager
def _database(folder: Path, server_url: str | None) -> Iterator[str]:
    """An SQLite file in ``folder``, or a fresh schema on the PostgreSQL server, dropped afterwards."""
    if not server_url:
        yield f"sqlite:///{folder / 'comments.sqlite3'}"
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in server_url else "?"
    try:
        yield f"{server_url}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def _start_nginx(stack: ExitStack, folder: Path, servers: list[Server]) -> Target:
    """The repository's nginx configuration in front of ``servers``, as tests/proxy/ runs it."""
    sys.path.insert(0, str(REPO / "tests" / "proxy"))
    from nginx_process import Nginx

    (folder / "nginx").mkdir()
    (folder / "site").mkdir()
    nginx = Nginx(folder / "nginx", (servers[0].port, servers[1].port), folder / "site")
    stack.callback(nginx.stop)
    nginx.start()
    return Target(nginx.ports.plain, f"{SERVICE}/api/comments")


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
    parser.add_argument("--database", metavar="URL",
                        help="a PostgreSQL server (postgresql://…) to use instead of SQLite; the bench "
                             "works in a schema of its own and drops it at the end")
    parser.add_argument("--through-nginx", action="store_true",
                        help="post through Debian's nginx with deploy/nginx/'s configuration")
    parser.add_argument("--processes", type=int, default=1, choices=[1, 2],
                        help="service processes: 1, or 2 behind nginx on PostgreSQL (default: 1)")
    arguments = parser.parse_args(argv)
    if (arguments.processes == 2) != arguments.through_nginx or (arguments.processes == 2 and not
                                                                   arguments.database):
        parser.error("--through-nginx goes with --processes 2 and --database postgresql://…")
    kill_at = arguments.seconds / 2 if arguments.kill_at is None else arguments.kill_at
    with tempfile.TemporaryDirectory(prefix="comments-load-") as name, ExitStack() as stack:
        folder = Path(name)
        (folder / "records" / "nominations").mkdir(parents=True)
        (folder / "records" / "nominations" / f"{BATCH}.yml").write_text(RECORD, encoding="utf-8")
        database_url = stack.enter_context(_database(folder, arguments.database))
        servers = [Server(folder, _free_port(), database_url, f"server-{n + 1}")
                   for n in range(arguments.processes)]
        for server in servers:
            stack.callback(server.stop)
            server.start()
        target = _start_nginx(stack, folder, servers) if arguments.through_nginx else Target(servers[0].port)
        tally, events = asyncio.run(drive(target, servers[0], arguments.seconds, kill_at, arguments.clients))
        lost = len(set(tally.receipts.values()) - stored_receipts(database_url))
    result = _report(tally, events, lost, arguments.clients)
    print(json.dumps(result))
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
