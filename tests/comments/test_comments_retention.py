"""Commenters' personal data is erased a set time after the batch's outcome is published (issue 17)."""

from __future__ import annotations

import logging
from datetime import date, datetime

import pytest
from comments_support import CLOSED, NOMINEE, OPEN, write_batch

from site_builder.cli import main
from site_builder.comments.staff.retention import add_months
from site_builder.comments.store.register import NewComment
from site_builder.model.vntime import VIETNAM

DECIDED = "decided"


def _with_outcomes(records, batch_id: str, *decision_dates: str | None) -> None:
    """``batch_id`` closed, each nominee with an outcome (awarded with a decision on its date)."""
    path = write_batch(records, batch_id, "01/10/2020", "31/10/2020")
    text = path.read_text(encoding="utf-8")
    parts = text.split("    summary: ")
    for index, day in enumerate(decision_dates):
        outcome = ("\n    outcome:\n      result: not_awarded" if day is None else
                   f"\n    outcome:\n      result: awarded\n      decision:\n        number: 12/QĐ-CTN\n"
                   f"        date: {day}\n        issued_by: Chủ tịch nước")
        head, rest = parts[index + 1].split("\n", 1)
        parts[index + 1] = head + outcome + "\n" + rest
    path.write_text("    summary: ".join(parts), encoding="utf-8")


def _comment(store, batch: str, name: str = "Nguyễn Văn Thành") -> None:
    store.add(NewComment(batch, NOMINEE, name, "0912345678", "Nội dung góp ý giữ lại.",
                         address="Xóm 3"), datetime(2020, 10, 20, 9, 0, tzinfo=VIETNAM))


@pytest.fixture
def register(store, records):
    _with_outcomes(records, DECIDED, "15/01/2021", "20/01/2021")
    for _ in range(2):
        _comment(store, DECIDED)
    _comment(store, CLOSED)  # no outcome yet
    _comment(store, OPEN)
    return store


def _purge(database_url, records, *extra):
    return main(["comments", "purge", "--database", database_url, "--records", str(records), *extra])


def test_dry_run_prints_what_would_be_erased_and_erases_nothing(register, database_url, records, capsys):
    assert _purge(database_url, records, "--dry-run") == 0

    out = capsys.readouterr().out
    assert "decided: would erase the personal data of 2 comments" in out
    assert "20/01/2021" in out and "20/01/2022" in out
    assert f"{CLOSED}: 1 comments with personal data kept — outcome not published" in out
    assert all(comment.name for comment in register.comments(DECIDED))


def test_purge_erases_name_contact_address_and_keeps_text_and_status(register, database_url, records,
                                                                     capsys, caplog):
    with caplog.at_level(logging.WARNING):
        assert _purge(database_url, records) == 0

    erased = register.comments(DECIDED)
    assert [(c.name, c.contact, c.address) for c in erased] == [("", "", None)] * 2
    assert all(c.text == "Nội dung góp ý giữ lại." and c.status == "received" and c.receipt for c in erased)
    assert register.comments(CLOSED)[0].name == "Nguyễn Văn Thành"
    assert register.comments(OPEN)[0].contact == "0912345678"
    assert "decided: erased the personal data of 2 comments" in capsys.readouterr().out
    assert any("personal data erased: batch decided, 2 comments" in line for line in caplog.messages)
    assert _purge(database_url, records) == 0
    assert "decided" not in capsys.readouterr().out  # nothing left to erase


def test_a_batch_is_kept_until_the_retention_ends(register, database_url, records, capsys):
    assert _purge(database_url, records, "--keep-months", "1200") == 0

    assert "decided: 2 comments with personal data kept — outcome published 20/01/2021" in capsys.readouterr().out
    assert register.comments(DECIDED)[0].name


def test_an_outcome_without_any_decision_date_is_not_due(store, database_url, records, capsys):
    _with_outcomes(records, "undated", None, None)
    _comment(store, "undated")

    assert _purge(database_url, records) == 0

    assert "undated: 1 comments with personal data kept" in capsys.readouterr().out


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2021, 1, 20), 12, date(2022, 1, 20)),
    (date(2021, 1, 31), 1, date(2021, 2, 28)),
    (date(2023, 11, 30), 3, date(2024, 2, 29)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected
