"""Account commands and the audit trail: audited changes, a chain that holds, a database that
refuses to rewrite history, and ``audit verify`` naming the entry edited behind its back."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import timedelta

import psycopg
import pytest
from staff_support import PASSWORD, post_sign_in, session_for

from site_builder.cli import main
from site_builder.comments.store.audit_log import append_audit, audit_entries, verify_audit_chain
from site_builder.comments.store.comment_handling import freeze_figures, published_figures
from site_builder.comments.store.digest_marks import last_digest, record_digest
from site_builder.comments.store.staff_accounts import find_account
from site_builder.comments.store.staff_sessions import live_session


@pytest.fixture
def run(database_url, capsys, monkeypatch):
    """Run ``site-builder comments …`` with ``stdin`` as standard input (not a terminal)."""

    def run_command(*arguments: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["comments", *arguments, "--database", database_url])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_command


def _sql(url: str, statement: str) -> None:
    """One statement with the plain driver, as someone with a database shell would."""
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            db.execute(statement)
            db.commit()
        return
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


def _entries(store):
    with store.transaction() as handle:
        return audit_entries(handle)


def test_staff_add_reads_the_password_from_standard_input_and_audits_it(run, store):
    code, out, _ = run("staff", "add", "Lan.Nguyen", "--role", "admin", stdin=PASSWORD + "\n")

    assert code == 0 and "lan.nguyen" in out
    with store.transaction() as handle:
        account = find_account(handle, "lan.nguyen")
    assert account.role == "admin" and account.password_hash.startswith("$argon2id$")
    [entry] = _entries(store)
    assert (entry.action, entry.subject, entry.actor.startswith("cli:")) == ("account-created", "lan.nguyen", True)
    assert PASSWORD not in str(entry)


def test_a_short_password_is_refused_and_nothing_is_created(run, store):
    code, _, err = run("staff", "add", "lan.nguyen", "--role", "officer", stdin="ngắn quá\n")

    assert code == 1 and "at least 12 characters" in err
    assert run("staff", "list")[1].startswith("no accounts yet")
    assert _entries(store) == []


def test_disable_ends_the_sessions_at_once(run, store, clock):
    run("staff", "add", "lan.nguyen", "--role", "officer", stdin=PASSWORD)
    token, _ = session_for(store, "lan.nguyen", clock.now)
    with store.transaction() as handle:
        assert live_session(handle, token, clock.now, timedelta(minutes=30)) is not None

    code, out, _ = run("staff", "disable", "lan.nguyen")

    assert code == 0 and "1 session(s) ended" in out
    with store.transaction() as handle:
        assert live_session(handle, token, clock.now, timedelta(minutes=30)) is None
    assert "DISABLED" in run("staff", "list")[1]
    assert [e.action for e in _entries(store)] == ["account-created", "account-disabled"]


def test_reset_password_changes_the_hash_and_is_audited(run, store):
    run("staff", "add", "lan.nguyen", "--role", "officer", stdin=PASSWORD)
    with store.transaction() as handle:
        before = find_account(handle, "lan.nguyen").password_hash

    assert run("staff", "reset-password", "lan.nguyen", stdin="một mật khẩu mới hoàn toàn")[0] == 0
    assert run("staff", "reset-password", "khong.co", stdin="một mật khẩu mới hoàn toàn")[0] == 1
    with store.transaction() as handle:
        assert find_account(handle, "lan.nguyen").password_hash != before
    assert _entries(store)[-1].action == "password-reset"


def test_the_chain_verifies_and_shows(run, store, clock):
    with store.transaction() as handle:
        for number in range(3):
            append_audit(handle, clock.now, "cli:test", "status", f"K7QX-M4T{number}", old="new",
                         new="spam", reason="quảng cáo", batch="dot-1" if number else "dot-2")

    code, out, _ = run("audit", "verify")
    assert code == 0 and "intact: 3 entries" in out
    shown = run("audit", "show", "--batch", "dot-1")[1].splitlines()
    assert len(shown) == 2 and all("[dot-1]" in line and "quảng cáo" in line for line in shown)


def test_the_database_refuses_to_update_or_delete_audit_entries(store, database_url, clock):
    with store.transaction() as handle:
        append_audit(handle, clock.now, "cli:test", "account-created", "lan.nguyen")

    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises((sqlite3.IntegrityError, psycopg.errors.InsufficientPrivilege),
                           match="append-only"):
            _sql(database_url, statement)
    if not database_url.startswith("sqlite:///"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _sql(database_url, "TRUNCATE audit_log")
    assert len(_entries(store)) == 1


@pytest.mark.parametrize("table", ["published_figures", "digests_sent", "digested_comments"])
def test_the_database_refuses_to_update_or_delete_frozen_rows(store, database_url, clock, table):
    with store.transaction() as handle:
        if table == "published_figures":
            freeze_figures(handle, "dot-1", {"htx-hai-dong": 3}, clock.now, "can.bo")
        else:
            record_digest(handle, clock.now, (4, 7), 2, "bantdkt@example.gov.vn", "cli:test")

    column = {"published_figures": "comments", "digests_sent": "new_comments", "digested_comments": "comment"}
    for statement in (f"UPDATE {table} SET {column[table]} = 0",
                      f"DELETE FROM {table}"):
        with pytest.raises((sqlite3.IntegrityError, psycopg.errors.InsufficientPrivilege),
                           match=f"{table} is frozen"):
            _sql(database_url, statement)
    if not database_url.startswith("sqlite:///"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _sql(database_url, f"TRUNCATE {table}")
    with store.transaction() as handle:
        if table == "published_figures":
            assert published_figures(handle, "dot-1").nominees == {"htx-hai-dong": 3}
        else:
            assert last_digest(handle).up_to_comment == 7
            assert handle.all("SELECT comment FROM digested_comments ORDER BY comment") == [(4,), (7,)]


def test_reset_totp_removes_the_second_factor_ends_the_sessions_and_asks_to_enrol_again(
        run, store, clock, staff, console):
    token, _ = session_for(store, staff.admin, clock.now)

    code, out, _ = run("staff", "reset-totp", staff.admin)

    assert code == 0 and "1 session(s) ended" in out
    with store.transaction() as handle:
        account = find_account(handle, staff.admin)
        assert (account.totp_enrolled, account.totp_secret, account.totp_last_step) == (False, None, None)
        assert live_session(handle, token, clock.now, timedelta(minutes=30)) is None
    entry = _entries(store)[-1]
    assert (entry.action, entry.subject, entry.actor.startswith("cli:")) == (
        "second-factor-reset", staff.admin, True)
    assert "no second factor" in run("staff", "list")[1].splitlines()[1]
    # An administrator must have a second factor: the next sign-in goes to enrolment, not the code.
    assert post_sign_in(console, staff.admin).headers["location"] == "/staff/second-factor/enrol"
    assert run("staff", "reset-totp", "khong.co")[0] == 1


def test_an_entry_edited_behind_the_codes_back_is_named_by_audit_verify(run, store, database_url, clock):
    with store.transaction() as handle:
        for subject in ("a.nguyen", "b.tran", "c.le"):
            append_audit(handle, clock.now, "cli:test", "account-created", subject)
    second = _entries(store)[1]
    if database_url.startswith("sqlite:///"):
        _sql(database_url, "DROP TRIGGER audit_log_no_update")
    else:
        _sql(database_url, "DROP TRIGGER audit_log_no_change ON audit_log")
    _sql(database_url, f"UPDATE audit_log SET actor = 'someone else' WHERE id = {second.id}")

    code, _, err = run("audit", "verify")

    assert code == 1
    assert f"entry {second.id} (" in err and "account-created" in err
    assert f"{second.at:%d/%m/%Y %H:%M:%S}" in err
    with store.transaction() as handle:
        assert verify_audit_chain(handle).id == second.id


def test_a_removed_entry_breaks_the_chain_at_the_next(store, database_url, clock):
    with store.transaction() as handle:
        for subject in ("a.nguyen", "b.tran", "c.le"):
            append_audit(handle, clock.now, "cli:test", "account-created", subject)
    first, second, third = _entries(store)
    if database_url.startswith("sqlite:///"):
        _sql(database_url, "DROP TRIGGER audit_log_no_delete")
    else:
        _sql(database_url, "DROP TRIGGER audit_log_no_change ON audit_log")
    _sql(database_url, f"DELETE FROM audit_log WHERE id = {second.id}")

    with store.transaction() as handle:
        assert verify_audit_chain(handle).id == third.id


def test_a_change_and_its_entry_roll_back_together(store, clock):
    with pytest.raises(RuntimeError), store.transaction() as handle:
        append_audit(handle, clock.now, "cli:test", "account-created", "lan.nguyen")
        raise RuntimeError("the change failed after its entry was written")

    assert _entries(store) == []


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "thiduakhenthuong.example.gov.vn"])
def test_an_insecure_cookie_is_refused_off_loopback(database_url, records, capsys, host):
    code = main(["comments", "serve", "--database", database_url, "--records", str(records),
                 "--host", host, "--staff-insecure-cookie"])

    assert code == 1
    assert "only when --host is a loopback address" in capsys.readouterr().err


def test_several_processes_appending_at_once_keep_one_chain(database_url, store, clock):
    """Each thread has a store of its own (its own connections), as separate service processes do."""
    from concurrent.futures import ThreadPoolExecutor

    from site_builder.comments.store.register import open_store

    def appender(number: int) -> None:
        with closing(open_store(database_url)) as own:
            for entry in range(10):
                with own.transaction() as handle:
                    append_audit(handle, clock.now, f"process-{number}", "status", f"entry-{entry}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(appender, range(4)))

    entries = _entries(store)
    with store.transaction() as handle:
        assert verify_audit_chain(handle) is None
    assert len(entries) == 40
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
