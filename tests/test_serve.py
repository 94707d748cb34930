"""`mkdocs serve` rebuilds when a record changes (records live outside docs_dir)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import write_site


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, needle: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                last = response.read().decode("utf-8")
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


def test_serve_rebuilds_when_a_record_changes(tmp_path):
    config = write_site(tmp_path)
    port = _free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen(
        [str(mkdocs), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/dien-hinh/nguyen-thi-hoa/"
        _wait_for(url, "Nguyễn Thị Hoà", 60)
        record = tmp_path / "exemplars" / "ca-nhan" / "nguyen-thi-hoa.yml"
        record.write_text(record.read_text(encoding="utf-8").replace("Nguyễn Thị Hoà", "Nguyễn Thị Hoà Bình"),
                          encoding="utf-8")
        _wait_for(url, "Nguyễn Thị Hoà Bình", 60)
    finally:
        server.terminate()
        server.wait(timeout=10)
