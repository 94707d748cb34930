"""Debian's nginx, run unprivileged on loopback ports with the repository's own configuration.

The production file ``deploy/nginx/thiduakhenthuong.conf`` is used as it is, with only what a
test machine must change replaced: the listening ports, the two service ports, the site folder,
the certificate (self-signed, made here) and the timeouts (short, so a test waits seconds).
Every replaced text must be found exactly once, so an edit of the production file that a test
would silently stop covering fails here instead. The snippets are the repository's, linked in.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy" / "nginx"
SITE_FILE = DEPLOY / "thiduakhenthuong.conf"
INSTALL_HINT = ("nginx is not installed. Install Debian's package: apt-get update && apt-get install -y "
                "nginx (or run `make test`, whose .ci/tests installs it).")
# The short timeouts of the test variant, in seconds.
BODY_TIMEOUT = 2
HEADER_TIMEOUT = 2


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Ports:
    """Where the test nginx listens: plain HTTP redirect, HTTPS, and plain HTTP on the HTTPS server."""

    redirect: int
    https: int
    plain: int


def render_site(services: tuple[int, int], site: Path, certificate: Path, key: Path, ports: Ports) -> str:
    """The production site file with the test machine's ports, paths and short timeouts."""
    replacements = {
        "server 127.0.0.1:8001 ": f"server 127.0.0.1:{services[0]} ",
        "server 127.0.0.1:8002 ": f"server 127.0.0.1:{services[1]} ",
        "    listen 80;\n": f"    listen 127.0.0.1:{ports.redirect};\n",
        "    listen [::]:80;\n": "",
        "    listen 443 ssl http2;\n": f"    listen 127.0.0.1:{ports.https} ssl http2;\n"
                                       f"    listen 127.0.0.1:{ports.plain};\n",
        "    listen [::]:443 ssl http2;\n": "",
        "/etc/ssl/thiduakhenthuong/fullchain.pem": str(certificate),
        "/etc/ssl/thiduakhenthuong/privkey.pem": str(key),
        "root /srv/thiduakhenthuong/site;": f"root {site};",
        "client_body_timeout 10s;": f"client_body_timeout {BODY_TIMEOUT}s;",
        "client_header_timeout 10s;": f"client_header_timeout {HEADER_TIMEOUT}s;",
    }
    text = SITE_FILE.read_text(encoding="utf-8")
    for old, new in replacements.items():
        found = text.count(old)
        assert found == 1, f"{SITE_FILE.name}: expected {old!r} once, found it {found} times"
        text = text.replace(old, new)
    return text


_MAIN = """\
{user}
daemon off;
master_process on;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log info;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1, made with openssl."""
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True, timeout=60)
    return certificate, key


class Nginx:
    """One nginx master (not a daemon) with the rendered configuration in ``folder``."""

    def __init__(self, folder: Path, services: tuple[int, int], site: Path):
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError(INSTALL_HINT)
        self.binary = binary
        self.folder = folder
        self.ports = Ports(free_port(), free_port(), free_port())
        self.certificate, key = self_signed(folder)
        (folder / "snippets").mkdir()
        (folder / "snippets" / "thiduakhenthuong").symlink_to(DEPLOY / "snippets")
        (folder / "site.conf").write_text(render_site(services, site, self.certificate, key, self.ports))
        # Run as root (CI), the workers would become "nobody" and could not read the test's folders.
        user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(_MAIN.format(user=user, folder=folder))
        self._process: subprocess.Popen | None = None

    def start(self, timeout: float = 15) -> None:
        command = [self.binary, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"),
                   "-e", str(self.folder / "error.log")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx refused the configuration:\n{checked.stderr}")
        self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.error_log()}")
            if _listening(self.ports.plain):
                return
            time.sleep(0.05)
        raise RuntimeError(f"nginx did not listen within {timeout} s: {self.error_log()}")

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGQUIT)  # graceful: finish the requests in flight
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def error_log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False
