"""The digest e-mail, sent to a real SMTP server (aiosmtpd) on loopback: counts and links only,
at most hourly, only when something arrived, retried after a refusal, one e-mail from two runs."""

from __future__ import annotations

import asyncio
import email
import json
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from comments_support import (
    BOARD_EMAIL,
    BOARD_FULL_NAME,
    CLOSED,
    NOMINEE,
    OPEN,
    ORIGIN,
    OTHER_NOMINEE,
    write_site_config,
)

from site_builder.cli import main
from site_builder.comments.handling.digest_round import run_digest
from site_builder.comments.handling.letter_entry import enter_comment
from site_builder.comments.handling.status_changes import StatusChange, change_status
from site_builder.comments.settings import DigestSettings, SmtpSettings
from site_builder.comments.store.audit_log import audit_entries, verify_audit_chain
from site_builder.comments.store.comment_handling import insert_entry
from site_builder.comments.store.register import NewComment, open_store

# Personal data of the test comments: none of it may be in an e-mail.
PEOPLE = [
    ("Lê Thị Kín Đáo", "0987 654 321", "Xóm 5, xã Hải Hậu", "Tôi biết hợp tác xã còn nợ thuế nhiều năm"),
    ("Phạm Văn Bảo Mật", "baomat@example.com", "Số 12 ngõ Riêng", "Nhà trường làm tốt, tôi đồng ý đề nghị"),
    ("Trịnh Công Khai", "0912 000 111", None, "Chủ nhiệm hợp tác xã là người tận tâm với bà con"),
]
SPAMMER = ("Quảng Cáo", "0900 000 000", None, "Mua bán đất nền giá rẻ liên hệ ngay")
PASSWORD = "mat-khau-SMTP-rat-dai-2026"


@dataclass
class MailServer:
    """A real SMTP server on 127.0.0.1: keeps what it accepts, or refuses, or answers slowly."""

    port: int
    received: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    refuse: bool = False
    delay: float = 0.0

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        await asyncio.sleep(self.delay)
        if self.refuse:
            return "554 5.7.1 Thư bị từ chối (test)"
        self.received.append(email.message_from_bytes(envelope.content, policy=default_policy))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.logins.append((login, password))
        return AuthResult(success=password == PASSWORD, handled=False)  # aiosmtpd answers 535 itself


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[MailServer]:
    mail = MailServer(_free_port())
    controller = Controller(mail, hostname="127.0.0.1", port=mail.port, authenticator=mail.authenticate,
                            auth_require_tls=False)
    controller.start()
    yield mail
    controller.stop()


@pytest.fixture
def site(tmp_path, records):
    """The site's mkdocs.yml beside the records: the board's address and the console's origin."""
    return write_site_config(tmp_path)


@pytest.fixture
def digest(database_url, records, site, smtp_server, clock, capsys, monkeypatch):
    """``site-builder comments digest`` against the test server, at the test clock's time."""
    monkeypatch.setattr("site_builder.comments.staff.digest.now_in_vietnam", clock)

    def run(*extra: str) -> tuple[int, str, str]:
        code = main(["comments", "digest", "--database", database_url, "--records", str(records),
                     "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp_server.port),
                     "--smtp-security", "none", *extra])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _add(store, clock, batch, nominee, person, status="received") -> str:
    name, contact, address, text = person
    return store.add(NewComment(batch=batch, nominee=nominee, name=name, contact=contact, address=address,
                                text=text, status=status), clock.now).code


def _body(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def _digest_entries(store):
    with store.transaction() as handle:
        return [entry for entry in audit_entries(handle) if entry.action == "digest-sent"]


def test_the_first_digest_counts_every_comment_links_to_the_console_and_holds_nothing_personal(
        digest, store, clock, smtp_server):
    codes = [_add(store, clock, OPEN, NOMINEE, PEOPLE[0]), _add(store, clock, OPEN, NOMINEE, PEOPLE[2]),
             _add(store, clock, OPEN, OTHER_NOMINEE, PEOPLE[1]),
             _add(store, clock, OPEN, NOMINEE, SPAMMER, status="spam")]
    change_status(store, [codes[1]], StatusChange("reviewed"), "can.bo", clock.now)

    code, out, _ = digest()

    assert code == 0 and "digest sent to bantdkt@example.gov.vn: 3 new comment(s)" in out
    [message] = smtp_server.received
    assert smtp_server.envelopes == [(BOARD_EMAIL, [BOARD_EMAIL])]
    assert message["Subject"] == f"[{BOARD_FULL_NAME}] 3 ý kiến nhân dân mới (10:00 ngày 20/11/2026)"
    assert message["Auto-Submitted"] == "auto-generated"
    body = _body(message)
    assert "Đến 10:00 ngày 20/11/2026 đã nhận 3 ý kiến nhân dân (thông báo đầu tiên)." in body
    assert "   - Hợp tác xã Nông nghiệp Hải Đông: mới 2, tổng số 2, chờ xử lý 1\n" in body
    assert "   - Trường Tiểu học Kim Đồng: mới 1, tổng số 1, chờ xử lý 1\n" in body
    assert f"{ORIGIN}/staff/batches/{OPEN}/nominees/{NOMINEE}\n" in body
    assert "   Cả đợt: mới 3, tổng số 3, chờ xử lý 2\n" in body
    assert f"{ORIGIN}/staff/batches/{OPEN}\n" in body and f"{ORIGIN}/staff/\n" in body
    assert "ở tất cả các đợt: 2." in body
    raw = message.as_string() + body
    for person in [*PEOPLE, SPAMMER]:
        for detail in filter(None, person):
            assert detail not in raw
    assert not any(receipt in raw for receipt in codes)
    [entry] = _digest_entries(store)
    assert entry.actor.startswith("cli:") and '"new_comments": 3' in entry.new_value
    assert not any(detail in str(entry) for person in PEOPLE for detail in filter(None, person))
    with store.transaction() as handle:
        assert verify_audit_chain(handle) is None


def test_nothing_new_sends_nothing(digest, store, clock, smtp_server):
    assert digest()[:2] == (0, "no digest: no new comments since the last one\n")
    _add(store, clock, OPEN, NOMINEE, SPAMMER, status="spam")  # the honeypot's catch wakes nobody up

    assert digest()[0] == 0
    assert smtp_server.received == [] and _digest_entries(store) == []


def test_within_the_hour_nothing_then_only_the_new_comments(digest, store, clock, smtp_server):
    _add(store, clock, OPEN, NOMINEE, PEOPLE[0])
    assert digest()[0] == 0
    clock.advance(30 * 60)
    _add(store, clock, CLOSED, OTHER_NOMINEE, PEOPLE[1])

    code, out, _ = digest()
    assert code == 0 and "less than an hour old (next not before 20/11/2026 11:00)" in out
    assert len(smtp_server.received) == 1
    clock.advance(31 * 60)

    assert digest()[0] == 0
    later = smtp_server.received[1]
    body = _body(later)
    assert "] 1 ý kiến nhân dân mới (11:01 ngày 20/11/2026)" in later["Subject"]
    assert "Từ 10:00 ngày 20/11/2026 đến 11:01 ngày 20/11/2026 đã nhận thêm 1 ý kiến nhân dân." in body
    assert f"/staff/batches/{CLOSED}/nominees/{OTHER_NOMINEE}" in body
    assert f"/staff/batches/{OPEN}" not in body  # no new comment there
    assert "ở tất cả các đợt: 2." in body
    assert digest()[0] == 0 and len(smtp_server.received) == 2  # and nothing new since


def test_a_letter_typed_in_counts_as_arrived_when_it_was_entered(digest, store, clock, smtp_server, records):
    from site_builder.comments.batches import load_batches

    _add(store, clock, OPEN, NOMINEE, PEOPLE[0])
    digest()
    clock.advance(2 * 3600)
    name, contact, address, text = PEOPLE[2]
    letter = NewComment(batch=OPEN, nominee=OTHER_NOMINEE, name=name, contact=contact, text=text,
                        channel="post")
    enter_comment(store, load_batches(records)[OPEN], letter, clock.now - timedelta(days=3), "can.bo",
                  clock.now)

    assert digest()[0] == 0
    assert "Trường Tiểu học Kim Đồng: mới 1, tổng số 1" in _body(smtp_server.received[1])


def test_a_refused_digest_leaves_the_marker_and_is_sent_by_the_next_run(digest, store, clock, smtp_server):
    _add(store, clock, OPEN, NOMINEE, PEOPLE[0])
    smtp_server.refuse = True

    code, out, err = digest()

    assert code == 1 and out == ""
    assert "the digest was NOT sent" in err and "answered 554" in err and "next run" in err
    assert smtp_server.received == [] and _digest_entries(store) == []
    clock.advance(60)
    smtp_server.refuse = False
    assert digest()[0] == 0
    assert "(thông báo đầu tiên)" in _body(smtp_server.received[0])
    assert len(_digest_entries(store)) == 1


def test_an_unreachable_server_is_an_error_and_changes_nothing(database_url, records, site, store, clock,
                                                              capsys):
    _add(store, clock, OPEN, NOMINEE, PEOPLE[0])

    code = main(["comments", "digest", "--database", database_url, "--records", str(records),
                 "--smtp-host", "127.0.0.1", "--smtp-port", str(_free_port()), "--smtp-security", "none"])

    assert code == 1 and "cannot talk to 127.0.0.1" in capsys.readouterr().err
    assert _digest_entries(store) == []


def test_two_runs_at_once_send_one_email(database_url, records, store, clock, smtp_server):
    """Each run has a store of its own (its own connections), as two processes would."""
    _add(store, clock, OPEN, NOMINEE, PEOPLE[0])
    smtp_server.delay = 1.0  # both runs are deciding while the first is still sending
    settings = DigestSettings(smtp=SmtpSettings("127.0.0.1", smtp_server.port, "none"), sender=BOARD_EMAIL,
                              recipients=(BOARD_EMAIL,), console_url=f"{ORIGIN}/staff/")
    start = threading.Barrier(2)

    def one_run(number: int) -> str:
        with closing(open_store(database_url)) as own:
            start.wait()
            return run_digest(own, {}, settings, f"cli:run-{number}", clock.now).verdict

    with ThreadPoolExecutor(2) as pool:
        verdicts = sorted(pool.map(one_run, range(2)))

    assert len(smtp_server.received) == 1
    assert verdicts in (["busy", "sent"], ["sent", "too-soon"])
    assert len(_digest_entries(store)) == 1


def test_a_comment_committed_after_a_digest_read_past_its_id_is_new_in_the_next(database_url, store, clock,
                                                                                smtp_server):
    """A letter typed in holds its transaction open (its id already drawn) while a web comment with a
    higher id commits and a digest runs; then it commits. Every comment is "new" in exactly one digest.

    On PostgreSQL the digest does not wait for the letter: it reads past it, and a marker "up to id N"
    would lose it for ever. On SQLite the letter holds the write lock, so the web comment and the digest
    wait for it (either may then go first): the sum is the same."""
    settings = DigestSettings(smtp=SmtpSettings("127.0.0.1", smtp_server.port, "none"), sender=BOARD_EMAIL,
                              recipients=(BOARD_EMAIL,), console_url=f"{ORIGIN}/staff/")
    holding, release = threading.Event(), threading.Event()
    name, contact, address, text = PEOPLE[2]
    letter = NewComment(batch=OPEN, nominee=NOMINEE, name=name, contact=contact, text=text, channel="post")

    def slow_letter() -> None:
        with closing(open_store(database_url)) as own, own.transaction() as handle:
            insert_entry(handle, letter, "7777-7777", clock.now, clock.now, "can.bo", False)
            holding.set()
            release.wait(30)

    def one_digest() -> int:
        with closing(open_store(database_url)) as own:
            outcome = run_digest(own, {}, settings, "cli:test", clock.now)
        return outcome.new_comments

    with ThreadPoolExecutor(3) as pool:
        held = pool.submit(slow_letter)
        assert holding.wait(30)
        web = pool.submit(_add, store, clock, OPEN, OTHER_NOMINEE, PEOPLE[1])
        threading.Event().wait(1.0)  # PostgreSQL: the web comment has committed; SQLite: it waits
        first = pool.submit(one_digest)
        threading.Event().wait(1.0)  # PostgreSQL: the digest has read; SQLite: it waits
        release.set()
        held.result(), web.result()
        new = [first.result()]
    clock.advance(2 * 3600)
    new.append(one_digest())

    assert sum(new) == 2, new
    assert sum(json.loads(entry.new_value)["new_comments"] for entry in _digest_entries(store)) == 2


def test_the_password_comes_from_a_file_or_the_environment_never_an_argument(
        digest, store, clock, smtp_server, tmp_path, monkeypatch):
    _add(store, clock, OPEN, NOMINEE, PEOPLE[0])
    secret = tmp_path / "smtp-password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")

    code, out, err = digest("--smtp-user", "thongbao", "--smtp-password-file", str(secret))

    assert (code, err) == (0, "") and smtp_server.logins == [("thongbao", PASSWORD)]
    assert PASSWORD not in out + err
    clock.advance(3600)
    _add(store, clock, OPEN, NOMINEE, PEOPLE[1])
    monkeypatch.setenv("SITE_BUILDER_SMTP_PASSWORD", "sai-mat-khau")
    code, _, err = digest("--smtp-user", "thongbao")
    assert code == 1 and "answered 535" in err and "sai-mat-khau" not in err
    assert smtp_server.logins[-1] == ("thongbao", "sai-mat-khau") and len(smtp_server.received) == 1
    code, out, err = digest("--smtp-user", "thongbao", "--smtp-password", PASSWORD)
    assert code == 1 and "never given as an argument" in err and PASSWORD not in out + err


def test_a_server_without_starttls_says_which_setting_to_use(database_url, records, site, store, clock,
                                                             smtp_server, capsys):
    _add(store, clock, OPEN, NOMINEE, PEOPLE[0])

    code = main(["comments", "digest", "--database", database_url, "--records", str(records),
                 "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp_server.port)])  # starttls, by default

    err = capsys.readouterr().err
    assert code == 1 and "does not offer STARTTLS: use --smtp-security tls" in err and ".." not in err
    assert _digest_entries(store) == [] and smtp_server.received == []


def test_without_a_register_the_digest_does_not_offer_to_create_one(records, site, tmp_path, capsys):
    missing = tmp_path / "none.sqlite3"
    code = main(["comments", "digest", "--database", f"sqlite:///{missing}", "--records", str(records),
                 "--smtp-security", "none"])

    err = capsys.readouterr().err
    assert code == 1 and "there is no register of comments" in err and "--create" not in err
    assert not missing.exists()


@pytest.mark.parametrize("host", ["mail.example.gov.vn", "192.168.1.20"])
def test_plain_smtp_is_refused_off_loopback(database_url, records, site, host, capsys):
    code = main(["comments", "digest", "--database", database_url, "--records", str(records),
                 "--smtp-host", host, "--smtp-security", "none"])

    assert code == 1 and "allowed only to a relay on a loopback address" in capsys.readouterr().err


def test_without_the_board_or_an_address_the_digest_says_what_to_give(database_url, records, store, capsys):
    code = main(["comments", "digest", "--database", database_url, "--records", str(records),
                 "--smtp-security", "none"])

    assert code == 1 and "give --mail-to and --mail-from" in capsys.readouterr().err


def test_the_digest_speaks_vietnamese_by_default(digest, store, clock, smtp_server, monkeypatch):
    monkeypatch.delenv("SITE_BUILDER_LANG")
    assert digest()[:2] == (0, "không gửi thư tổng hợp: không có ý kiến mới từ lần gửi trước\n")
    _add(store, clock, OPEN, NOMINEE, PEOPLE[0])
    code, out, _err = digest()
    assert code == 0 and out.startswith("đã gửi thư tổng hợp tới ") and out.endswith(": 1 ý kiến mới\n")
