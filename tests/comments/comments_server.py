"""A real ``site-builder comments serve`` process on a free loopback port, for end-to-end tests."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_command() -> list[str]:
    """The installed console script next to this Python, as staff would run it."""
    script = Path(sys.executable).with_name("site-builder")
    return [str(script)] if script.exists() else [sys.executable, "-m", "site_builder.cli"]


class ServerProcess:
    """Start, kill -9 and restart the service; its output goes to ``log``."""

    def __init__(self, records: Path, database_url: str, log: Path, *extra: str):
        self.port = free_port()
        self._arguments = [*serve_command(), "comments", "serve", "--host", "127.0.0.1",
                           "--port", str(self.port), "--database", database_url,
                           "--records", str(records), "--rate-limit", "0", "--invalid-limit", "0", "--lookup-limit", "0",
                           "--min-seconds", "0", *extra]
        self._log = log
        self._process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> None:
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(self._arguments, stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the server exited: {self._log.read_text(errors='replace')}")
            if self._healthy():
                return
            time.sleep(0.05)
        raise RuntimeError(f"the server did not answer in {timeout} s")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as in a power cut of the process."""
        assert self._process is not None
        self._process.send_signal(signal.SIGKILL)
        self._process.wait()

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def get_json(self, path: str) -> tuple[int, object]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, json.loads(response.read())
        finally:
            connection.close()

    def _healthy(self) -> bool:
        try:
            return self.get_json("/healthz")[0] == 200
        except (OSError, http.client.HTTPException, ValueError):
            return False
