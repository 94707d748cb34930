"""The whole deployment on loopback: nginx in front of two service processes on one PostgreSQL.

Clients come from addresses of their own (``127.x.y.z``: Linux routes all of 127.0.0.0/8 to
the loopback), so the service's per-address rate limit tells the citizens apart, and a test can
see which address the service believed it served.
"""

from __future__ import annotations

import http.client
import itertools
import json
import re
import ssl
import threading
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from comments_server import ServerProcess
from comments_support import comment
from nginx_process import Nginx

# Comments per address per window in the test services: small, so a test reaches it quickly.
RATE_LIMIT = 3
SERVICE = "/y-kien"
_addresses = itertools.count(1)
_addresses_lock = threading.Lock()


def new_address() -> str:
    """A loopback address no other client of the session used."""
    with _addresses_lock:
        number = next(_addresses)
    return f"127.1.{number // 250}.{number % 250 + 1}"


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class Stack:
    """nginx, the two services (``services[0]`` and ``[1]``), their register and logs."""

    nginx: Nginx
    services: tuple[ServerProcess, ServerProcess]
    logs: tuple[Path, Path]
    database_url: str
    site: Path
    _marks: list[int] = field(default_factory=lambda: [0, 0])

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                source: str | None = None, tls: bool = False) -> Answer:
        """One request on a connection of its own from ``source`` (a fresh address by default)."""
        address = (source or new_address(), 0)
        if tls:
            context = ssl.create_default_context(cafile=str(self.nginx.certificate))
            connection = http.client.HTTPSConnection("127.0.0.1", self.nginx.ports.https, timeout=15,
                                                     source_address=address, context=context)
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.nginx.ports.plain, timeout=15,
                                                    source_address=address)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def post_comment(self, source: str | None = None, headers: dict | None = None, **fields: object) -> Answer:
        # Each its own words, unless a test says otherwise: the same words again would be a resend.
        fields.setdefault("text", f"Tôi xác nhận thành tích của hợp tác xã (ý kiến {uuid.uuid4().hex[:8]}).")
        body = json.dumps(comment(**fields), ensure_ascii=False).encode()
        return self.request("POST", f"{SERVICE}/api/comments", body,
                            {"Content-Type": "application/json", "Accept": "application/json",
                             **(headers or {})}, source)

    def stored(self) -> dict[str, str | None]:
        """Every receipt in the register, with its token."""
        with psycopg.connect(self.database_url) as connection:
            return dict(connection.execute("SELECT receipt, token FROM comments").fetchall())

    def mark_logs(self) -> None:
        """From now on, :meth:`served` sees only the requests that follow."""
        self._marks = [path.stat().st_size for path in self.logs]

    def served(self) -> tuple[list[str], list[str]]:
        """The access-log lines of each service since :meth:`mark_logs`: ``ADDRESS METHOD PATH STATUS``."""
        return tuple(_access_lines(path, mark) for path, mark in zip(self.logs, self._marks, strict=True))


_ACCESS = re.compile(r'INFO:\s+(\S+):\d+ - "(\S+) (\S+) HTTP/[\d.]+" (\d+)')


def _access_lines(path: Path, offset: int) -> list[str]:
    with path.open("rb") as log:
        log.seek(offset)
        text = log.read().decode(errors="replace")
    return [" ".join(match.groups()) for match in _ACCESS.finditer(text)]


def start_stack(stack: ExitStack, folder: Path, records: Path, database_url: str, site: Path) -> Stack:
    """Start both services and nginx; everything is stopped when ``stack`` closes."""
    logs = (folder / "service-1.log", folder / "service-2.log")
    services = tuple(ServerProcess(records, database_url, log, "--access-log", "--rate-limit",
                                   str(RATE_LIMIT), "--rate-window", "600") for log in logs)
    for service in services:
        stack.callback(service.stop)
        service.start()
    (folder / "nginx").mkdir()
    nginx = Nginx(folder / "nginx", (services[0].port, services[1].port), site)
    stack.callback(nginx.stop)
    nginx.start()
    return Stack(nginx, services, logs, database_url, site)
