"""What an operator can set when running the comment service, with safe defaults.

Everything the service reads from the outside world (the records, the database,
the clock, the site's origin) comes through :class:`Settings`, so tests build
an app with a fixed clock and a temporary database instead of patching.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit

from site_builder.model.board import Board
from site_builder.model.i18n import file_problem
from site_builder.model.i18n import gettext as _
from site_builder.model.i18n import mark as N_
from site_builder.model.vntime import now_in_vietnam

DEFAULT_DATABASE = "sqlite:///comments.sqlite3"
# The one setting the service and every staff command read the register's address from.
DATABASE_VARIABLE = "SITE_BUILDER_COMMENTS_DATABASE"


@dataclass(frozen=True)
class DatabaseSetting:
    """Where the register is, and where that came from (for a message that says where it looked)."""

    url: str
    given_by: str  # "--database", the environment variable, or "the default"

    @property
    def sqlite_file(self) -> Path | None:
        """The SQLite file the URL names (``None`` for PostgreSQL)."""
        return Path(self.url.removeprefix("sqlite:///")) if self.url.startswith("sqlite:///") else None


def database_setting(given: str | None, environ: Mapping[str, str] = os.environ) -> DatabaseSetting:
    """``--database`` if given, else ``SITE_BUILDER_COMMENTS_DATABASE``, else the default file."""
    if given:
        return DatabaseSetting(given, "--database")
    if environ.get(DATABASE_VARIABLE):
        return DatabaseSetting(environ[DATABASE_VARIABLE], DATABASE_VARIABLE)
    return DatabaseSetting(DEFAULT_DATABASE, N_("the default"))


@dataclass(frozen=True)
class Limits:
    """Maximum lengths, in characters after trimming, of what a citizen may send.

    Generous for a real comment (a page of text), small enough that a flood of
    junk cannot fill the disk or the council's spreadsheet.
    """

    name: int = 120
    contact: int = 120
    address: int = 300
    text: int = 5000
    token: int = 100
    return_to: int = 2000
    min_text: int = 5


@dataclass(frozen=True)
class SpamRules:
    """Spam control without a third-party CAPTCHA (it hurts accessibility).

    ``rate_limit`` comments per ``rate_window`` seconds from one IP address (an
    IPv6 /64); ``invalid_limit`` refused posts per ``rate_window``;
    ``lookup_limit`` receipt look-ups per ``lookup_window``. 0 turns a limit
    off (the benchmark). Mobile carriers put many citizens behind one address,
    so the defaults are loose. The counts are kept in the register, hashed with
    ``secret`` (made and stored there when ``None``): see
    :mod:`site_builder.comments.http.limits`. ``min_seconds`` is the least
    time between showing the form (``rendered_at``) and submitting it.
    """

    honeypot_field: str = "website"
    min_seconds: float = 3.0
    rate_limit: int = 20
    rate_window: float = 600.0
    invalid_limit: int = 60
    lookup_limit: int = 60
    lookup_window: float = 60.0
    secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class StaffRules:
    """How the staff console signs people in (OWASP ASVS levels 2: sessions, throttling).

    ``insecure_cookie`` drops the cookie's ``Secure`` flag so the console works
    over plain HTTP; ``site-builder comments serve`` allows it on a loopback
    address only, for development. ``origin`` is where the console is opened
    when that is not the site's origin (the service's own port in a local
    preview, with no proxy to put both on one origin); its forms are accepted
    from there only.
    """

    require_totp: bool = False  # for officers; administrators always need a second factor
    insecure_cookie: bool = False
    origin: str | None = None  # default: the site's origin (Settings.origin)
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)
    second_step: timedelta = timedelta(minutes=5)  # to type the code after the password
    max_failures: int = 5
    failure_window: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class Settings:
    """Configuration of one comment service process."""

    records: Path = Path("exemplars")
    recheck_batches: float = 5.0  # seconds between looks for changed nomination files
    database_url: str = DEFAULT_DATABASE
    origin: str | None = None
    max_body_bytes: int = 32 * 1024
    limits: Limits = field(default_factory=Limits)
    spam: SpamRules = field(default_factory=SpamRules)
    staff: StaffRules = field(default_factory=StaffRules)
    clock: Callable[[], datetime] = now_in_vietnam
    # The same comment sent again within this many seconds gets its first receipt; 0: never.
    duplicate_window: float = 24 * 3600
    # Who runs the site and where its pages are (also the council's report's title block) (from mkdocs.yml: site_config.py); the
    # service's pages name the board and link to the privacy notice and the look-up page.
    board: Board | None = None
    site_url: str | None = None


# The digest e-mail (``site-builder comments digest``): how it reaches the board's mailbox.
MailSecurity = Literal["starttls", "tls", "none"]
MAIL_SECURITIES: tuple[str, ...] = ("starttls", "tls", "none")
_DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
# The SMTP password, when no file is given: never a command-line argument (ps shows those to all).
SMTP_PASSWORD_VARIABLE = "SITE_BUILDER_SMTP_PASSWORD"


@dataclass(frozen=True)
class SmtpSettings:
    """The mail server: STARTTLS (587), implicit TLS (465), or none (25, a loopback relay only).

    Certificates are checked against the system's CA store. ``none`` sends in the
    clear, so it is refused unless ``host`` is a loopback address: a local relay
    (Postfix on the same machine) that forwards over TLS itself.
    """

    host: str = "localhost"
    port: int | None = None
    security: MailSecurity = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0

    def __post_init__(self) -> None:
        if self.security not in MAIL_SECURITIES:
            raise ValueError(_("SMTP security must be one of {choices}, not {security}").format(
                choices=", ".join(MAIL_SECURITIES), security=self.security))
        if self.security == "none" and not is_loopback(self.host):
            raise ValueError(_("SMTP without TLS (--smtp-security none) is allowed only to a relay on a loopback "
                               "address (localhost, 127.0.0.1, ::1), not {host}: use --smtp-security starttls or "
                               "tls").format(host=self.host))

    @property
    def effective_port(self) -> int:
        return self.port or _DEFAULT_PORTS[self.security]


@dataclass(frozen=True)
class DigestSettings:
    """What the digest run needs besides the register: where to send it and where the console is.

    ``console_url`` ends with a slash (``https://<host>/staff/``); the e-mail's
    links are made from it. At most one digest per ``interval``; a run that
    claimed the digest and died holds it for ``lease`` at most.
    """

    smtp: SmtpSettings
    sender: str
    recipients: tuple[str, ...]
    console_url: str
    board: Board | None = None
    interval: timedelta = timedelta(hours=1)
    lease: timedelta = timedelta(minutes=10)


def is_loopback(host: str) -> bool:
    """``localhost``, or an IPv4/IPv6 loopback address."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def smtp_password(file: Path | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The SMTP password from ``file`` (its first line), else ``SITE_BUILDER_SMTP_PASSWORD``, else none."""
    if file is None:
        return environ.get(SMTP_PASSWORD_VARIABLE) or None
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ValueError(_("--smtp-password-file: cannot read {file}: {reason}").format(
            file=file, reason=file_problem(exc))) from None
    if not lines or not lines[0]:
        raise ValueError(_("--smtp-password-file: {file} is empty; write the password on its first line").format(
            file=file))
    return lines[0]


def console_url_setting(given: str | None, site_url: str | None) -> str:
    """``--console-url``, else ``/staff/`` on the origin of the site's ``site_url`` (one origin)."""
    if given:
        url = given.strip()
    elif site_url:
        url = urljoin(site_url, "/staff/")
    else:
        raise ValueError(_("the console's address is unknown: give --console-url https://<host>/staff/ "
                           "(or a site_url in the site's mkdocs.yml)"))
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(_("--console-url: {url} is not an http(s) address").format(url=url))
    return url.rstrip("/") + "/"
