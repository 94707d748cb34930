"""``site-builder comments …`` for the board's staff: counts, moderation, comments by other channels."""

from __future__ import annotations

import json

import pytest
import yaml
from comments_support import NOMINEE, OPEN, OTHER_NOMINEE, comment, distinct

from site_builder.cli import main
from site_builder.comments.store.receipts import normalise_receipt


@pytest.fixture
def run(database_url, store, records, capsys):
    """Run a ``comments`` sub-command on the test database (made, as the service makes it); return
    (exit code, stdout, stderr)."""

    def run_command(*arguments: str, with_records: bool = True) -> tuple[int, str, str]:
        extra = ["--database", database_url] + (["--records", str(records)] if with_records else [])
        code = main(["comments", *arguments, *extra])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_command


def test_add_registers_a_comment_from_another_channel_and_prints_its_receipt(run, store):
    code, out, _ = run("add", "--batch", OPEN, "--nominee", NOMINEE, "--name", "Phạm Văn Dũng",
                       "--contact", "dung@example.vn", "--text", "Góp ý gửi qua thư điện tử.",
                       "--address", "Xóm 3, xã Hải Hậu", "--channel", "email")

    assert code == 0
    receipt = out.strip().splitlines()[-1]
    assert normalise_receipt(receipt) == receipt
    [stored] = store.comments(OPEN)
    assert (stored.receipt, stored.channel, stored.name, stored.address) == (
        receipt, "email", "Phạm Văn Dũng", "Xóm 3, xã Hải Hậu")


def test_add_accepts_the_arrival_time_and_notes_a_late_one(run, store):
    code, out, _ = run("add", "--batch", OPEN, "--nominee", NOMINEE, "--name", "Phạm Văn Dũng",
                       "--contact", "0229 3871 000", "--text", "Góp ý gửi qua bưu điện.",
                       "--channel", "post", "--received-at", "01/12/2026 08:30")

    assert code == 0
    assert "outside the comment period" in out
    assert f"{store.comments(OPEN)[0].received_at:%d/%m/%Y %H:%M}" == "01/12/2026 08:30"


def test_add_takes_a_letter_signed_with_a_name_and_an_address_alone(run, store):
    code, out, _ = run("add", "--batch", OPEN, "--nominee", NOMINEE, "--name", "Phạm Văn Dũng",
                       "--address", "Xóm 3, xã Hải Hậu", "--text", "Góp ý gửi qua bưu điện.", "--channel", "post",
                       "--received-at", "10/11/2026 09:00")
    unsigned, _, err = run("add", "--batch", OPEN, "--nominee", NOMINEE, "--name", "Phạm Văn Dũng",
                           "--text", "Thư không ghi địa chỉ.", "--channel", "post")

    assert code == 0 and unsigned == 1 and "--address" in err
    [stored] = store.comments(OPEN)
    assert (stored.receipt, stored.contact, stored.address) == (out.split()[-1], "", "Xóm 3, xã Hải Hậu")


@pytest.mark.parametrize(("change", "message"), [
    (("--nominee", "khong-co"), "khong-co"),
    (("--batch", "khong-co"), "khong-co"),
    (("--contact", "không có"), "--contact"),
    (("--contact", "ban@example.vn"), "--contact"),  # a call needs the number that called
    (("--received-at", "hôm qua"), "--received-at"),
])
def test_add_refuses_what_the_form_would_refuse(run, store, change, message):
    arguments = {"--batch": OPEN, "--nominee": NOMINEE, "--name": "Phạm Văn Dũng",
                 "--contact": "0912345678", "--text": "Góp ý qua điện thoại.", "--channel": "phone"}
    arguments[change[0]] = change[1]

    code, _, err = run("add", *[part for pair in arguments.items() for part in pair])

    assert code == 1
    assert message in err
    assert store.comments(OPEN) == []


def test_add_needs_the_records(database_url, tmp_path, capsys):
    code = main(["comments", "add", "--batch", OPEN, "--nominee", NOMINEE, "--name", "A B",
                 "--contact", "0912345678", "--text", "Góp ý.....", "--channel", "phone",
                 "--records", str(tmp_path / "missing"), "--database", database_url])

    assert code == 1 and "does not exist" in capsys.readouterr().err


def test_moderate_sets_the_state_and_counts_leave_spam_out(client, run, store):
    first = client.post("/api/comments", json=distinct()).json()["receipt"]
    second = client.post("/api/comments", json=distinct()).json()["receipt"]

    assert run("moderate", first.lower(), "reviewed", with_records=False)[0] == 0
    assert run("moderate", second, "spam", with_records=False)[0] == 0

    states = {stored.receipt: stored.status for stored in store.comments(OPEN)}
    assert states == {first: "reviewed", second: "spam"}
    assert client.get(f"/api/batches/{OPEN}/counts").json()["total"] == 1


def test_moderate_unknown_receipt_fails(run):
    code, _, err = run("moderate", "ABCD-EFGH", "reviewed", with_records=False)

    assert code == 1 and "ABCD-EFGH" in err
    assert run("moderate", "nonsense", "reviewed", with_records=False)[0] == 1


def test_counts_prints_a_table_and_json(client, run):
    client.post("/api/comments", json=distinct())
    client.post("/api/comments", json=distinct())

    code, table, _ = run("counts", "--batch", OPEN)
    _, as_json, _ = run("counts", "--batch", OPEN, "--json")

    assert code == 0
    assert NOMINEE in table and OTHER_NOMINEE in table
    document = json.loads(as_json)
    assert document["nominees"] == {NOMINEE: 2, OTHER_NOMINEE: 0}
    assert document["total"] == 2


def test_counts_output_writes_a_file_for_the_site(client, run, records):
    client.post("/api/comments", json=comment())
    output = records / "_comment-counts" / f"{OPEN}.yml"

    assert run("counts", "--batch", OPEN, "--output", str(output))[0] == 0

    document = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert document["batch"] == OPEN
    assert document["total"] == 1
    assert document["nominees"] == {NOMINEE: 1, OTHER_NOMINEE: 0}
    assert document["counted_at"].endswith("+07:00")
    assert output.read_text(encoding="utf-8").startswith("# Số ý kiến")


def test_counts_file_does_not_disturb_the_records(client, run, records):
    """The loader skips ``_comment-counts/``, so the site still validates with it committed."""
    from site_builder.records.loader import check_records

    run("counts", "--batch", OPEN, "--output", str(records / "_comment-counts" / f"{OPEN}.yml"))

    _, report = check_records(records)
    assert not report


def test_counts_output_as_json(client, run, tmp_path):
    output = tmp_path / "counts.json"

    run("counts", "--batch", OPEN, "--output", str(output))

    assert json.loads(output.read_text(encoding="utf-8"))["batch"] == OPEN


def test_bad_database_url_is_a_clear_error(records, capsys):
    code = main(["comments", "counts", "--batch", OPEN, "--database", "mysql://x", "--records",
                 str(records)])

    assert code == 1
    assert "sqlite:///" in capsys.readouterr().err


def test_default_database_is_a_file_in_the_current_folder_made_only_on_request(monkeypatch, tmp_path, records,
                                                                             capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITE_BUILDER_COMMENTS_DATABASE", raising=False)

    assert main(["comments", "counts", "--batch", OPEN, "--records", str(records), "--create"]) == 0
    assert (tmp_path / "comments.sqlite3").exists()
    assert main(["comments", "counts", "--batch", OPEN, "--records", str(records)]) == 0


@pytest.mark.parametrize("command", [
    ["export", "--batch", OPEN, "--output", "y-kien.csv"], ["counts", "--batch", OPEN],
    ["moderate", "K7QX-M4TN", "spam"], ["migrate"], ["purge", "--dry-run"],
])
def test_without_a_register_the_commands_refuse_to_make_one(monkeypatch, tmp_path, records, capsys, command):
    """Before: `comments export` made an empty register in the current folder and reported 0 comments."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITE_BUILDER_COMMENTS_DATABASE", raising=False)
    extra = [] if command[0] in ("moderate", "migrate") else ["--records", str(records)]

    assert main(["comments", *command, *extra]) == 1
    error = capsys.readouterr().err
    assert f"there is no register of comments at {tmp_path.resolve() / 'comments.sqlite3'}" in error
    assert "from the default" in error
    assert "--database" in error and "SITE_BUILDER_COMMENTS_DATABASE" in error and "--create" in error
    assert sorted(path.name for path in tmp_path.iterdir()) == ["records"]  # no register, no export


def test_the_environment_names_the_register_for_every_command(monkeypatch, tmp_path, records, database_url, store,
                                                              capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITE_BUILDER_COMMENTS_DATABASE", database_url)
    assert main(["comments", "add", "--batch", OPEN, "--nominee", NOMINEE, "--name", "Phạm Văn Dũng",
                 "--contact", "dung@example.vn", "--text", "Góp ý gửi qua thư.", "--channel", "post",
                 "--received-at", "10/11/2026 09:00",  # within the period: the counts leave out the others
                 "--records", str(records)]) == 0
    capsys.readouterr()

    assert main(["comments", "counts", "--batch", OPEN, "--records", str(records), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1

    monkeypatch.setenv("SITE_BUILDER_COMMENTS_DATABASE", f"sqlite:///{tmp_path / 'sai.sqlite3'}")
    assert main(["comments", "counts", "--batch", OPEN, "--records", str(records)]) == 1
    assert "from SITE_BUILDER_COMMENTS_DATABASE" in capsys.readouterr().err


def test_invalid_records_are_reported_by_serve(tmp_path, capsys):
    broken = tmp_path / "records" / "nominations"
    broken.mkdir(parents=True)
    (broken / "hong.yml").write_text("title: [", encoding="utf-8")

    code = main(["comments", "serve", "--records", str(tmp_path / "records"),
                 "--database", f"sqlite:///{tmp_path / 'x.sqlite3'}"])

    assert code == 1
    assert "hong.yml" in capsys.readouterr().err


def test_the_refusal_to_make_a_register_is_in_vietnamese_by_default(monkeypatch, tmp_path, records, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITE_BUILDER_COMMENTS_DATABASE", raising=False)
    monkeypatch.delenv("SITE_BUILDER_LANG")
    arguments = ["comments", "export", "--batch", OPEN, "--output", "y-kien.csv", "--records", str(records)]
    assert main(arguments) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"lỗi: không có sổ ý kiến tại {tmp_path.resolve() / 'comments.sqlite3'}")
    assert "theo mặc định); chưa đọc hay ghi gì." in error and "chỉ thêm --create khi muốn bắt đầu một sổ mới" in error
    assert main(["--lang", "en", *arguments]) == 1
    assert capsys.readouterr().err.startswith("error: there is no register of comments at")


def test_add_refuses_the_same_letter_twice_unless_told_again(run, store):
    letter = ("add", "--batch", OPEN, "--nominee", NOMINEE, "--name", "Phạm Văn Dũng", "--address",
              "Xóm 3, xã Hải Hậu", "--text", "Góp ý gửi qua bưu điện.", "--channel", "post",
              "--received-at", "10/11/2026 09:00")
    code, out, _ = run(*letter)
    refused, _, err = run(*letter)
    forced, again, _ = run(*letter, "--again")

    assert (code, refused, forced) == (0, 1, 0)
    first = out.split()[-1]
    assert first in err and "--again" in err
    assert [comment.receipt for comment in store.comments(OPEN)] == [first, again.split()[-1]]
