"""Publishing: GitHub annotations, the workflows, the pre-commit hook and the officers' guide."""

from __future__ import annotations

import re
import shlex
import subprocess
import tomllib

import pytest
import yaml
from helpers import BATCH, EXEMPLAR, REPO, write_records

from site_builder.authoring.commands import render_github
from site_builder.cli import main
from site_builder.records.errors import ErrorReport, RecordError

WORKFLOWS = REPO / ".github" / "workflows"
README = (REPO / "README.md").read_text(encoding="utf-8")
# The phone-number example of the README's "Sửa lỗi kiểm tra".
WITH_PHONE = EXEMPLAR.replace("  Chị vận động xã viên dồn điền, đổi thửa.",
                              "  Chị vận động xã viên dồn điền, đổi thửa (liên hệ 0912 345 678).")


def workflow(name: str) -> dict:
    # PyYAML reads the key "on" as True (YAML 1.1).
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def commands(name: str) -> list[str]:
    return [step["run"] for job in workflow(name)["jobs"].values() for step in job["steps"] if "run" in step]


def validate_command(name: str) -> list[str]:
    found = [command for command in commands(name) if command.startswith("site-builder validate")]
    assert len(found) == 1
    return shlex.split(found[0])


def test_github_format_prints_annotations_and_the_plain_report(tmp_path, monkeypatch, capsys):
    write_records(tmp_path, exemplar=WITH_PHONE.replace("date: 12/05/2021", "date: 31/02/2021"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "github"]) == 1
    output = capsys.readouterr()
    assert output.out.splitlines() == [
        "::error file=exemplars/ca-nhan/nguyen-thi-hoa.yml,line=15,col=52,title=story::story: contains what looks "
        'like a phone number ("0912 345 678"); personal identifiers must not be published',
        "::error file=exemplars/ca-nhan/nguyen-thi-hoa.yml,line=20,col=13,title=honours[0].decision.date::"
        'honours[0].decision.date: "31/02/2021" is not a real date',
    ]
    assert "2 problems found; nothing was published." in output.err


def test_github_format_when_all_is_well(tmp_path, monkeypatch, capsys):
    write_records(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith("All records are valid")


def test_annotations_escape_what_github_would_misread():
    report = ErrorReport([RecordError("exemplars/a,b.yml", 3, 1, "", "50% done\nsecond line"),
                          RecordError("exemplars/c:d.yml", 1, 1, "name", "x")])
    assert render_github(report).splitlines() == [
        "::error file=exemplars/a%2Cb.yml,line=3,col=1,title=record::50%25 done%0Asecond line",
        "::error file=exemplars/c%3Ad.yml,line=1,col=1,title=name::name: x",
    ]


@pytest.mark.parametrize("name", ["validate.yml", "publish.yml"])
def test_the_workflows_run_the_command_the_tests_run(tmp_path, monkeypatch, capsys, name):
    arguments = validate_command(name)
    assert arguments == ["site-builder", "validate", "--format", "github"]
    write_records(tmp_path, exemplar=WITH_PHONE)
    monkeypatch.chdir(tmp_path)
    assert main(arguments[1:]) == 1
    assert capsys.readouterr().out.startswith("::error file=exemplars/ca-nhan/nguyen-thi-hoa.yml,line=15,col=52,")
    assert "mkdocs build --strict" in commands(name)


def test_pull_requests_are_validated():
    assert "pull_request" in workflow("validate.yml")[True]


def test_pull_requests_restore_the_publishing_cache_without_saving_it():
    def cache_steps(name: str, action: str) -> list[dict]:
        steps = [step for job in workflow(name)["jobs"].values() for step in job["steps"]]
        return [step for step in steps if step.get("uses", "").startswith(action + "@")]

    (published,) = cache_steps("publish.yml", "actions/cache")
    (restored,) = cache_steps("validate.yml", "actions/cache/restore")
    assert restored["with"] == published["with"]  # same path, key and fallback keys
    assert not cache_steps("validate.yml", "actions/cache") and not cache_steps("validate.yml", "actions/cache/save")
    steps = [step.get("run", "") for job in workflow("validate.yml")["jobs"].values() for step in job["steps"]]
    uses = [step.get("uses", "") for job in workflow("validate.yml")["jobs"].values() for step in job["steps"]]
    assert uses.index(restored["uses"]) < steps.index("mkdocs build --strict")


def test_main_is_published_every_hour_to_github_pages():
    flow = workflow("publish.yml")
    triggers = flow[True]
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    minute, hour, *rest = triggers["schedule"][0]["cron"].split()
    assert minute.isdigit() and hour == "*" and rest == ["*", "*", "*"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step.get("uses", "") for job in flow["jobs"].values() for step in job["steps"]]
    assert any(use.startswith("actions/upload-pages-artifact@") for use in uses)
    assert any(use.startswith("actions/deploy-pages@") for use in uses)


def test_the_pre_commit_hook_runs_the_validator():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repository,) = config["repos"]
    (hook,) = repository["hooks"]
    assert repository["repo"] == "local"
    assert hook["entry"] == "site-builder validate" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "exemplars/ca-nhan/nguyen-thi-hoa.yml")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}.*?\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no section {title}"
    return match.group(1)


def test_the_publishing_guide_comes_before_the_plugin_options():
    assert README.index("## Publishing") < README.index("## Deployment") < README.index("## Plugin options")
    guide = _section("Publishing")
    for heading in ("Thêm một gương điển hình", "Mở một đợt lấy ý kiến nhân dân", "Công bố kết quả",
                    "Sửa lỗi kiểm tra"):
        assert f"### {heading}\n" in guide


def test_the_guides_error_example_is_what_the_validator_prints(tmp_path, monkeypatch, capsys, vietnamese):
    """In Vietnamese, as officers see it: every problem of every file, a nominee named beside its index."""
    write_records(tmp_path, exemplar=WITH_PHONE, batch=BATCH.replace("    position: Chủ nhiệm Hợp tác xã\n", ""))
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    printed = capsys.readouterr().err
    example = re.search(r"```text\n(.*?)```", _section("Publishing"), re.S).group(1)
    assert example == printed


def test_the_guides_commands_exist(tmp_path, monkeypatch):
    """Every ``site-builder`` command the guide shows parses (``--help`` of its sub-command)."""
    guide = _section("Publishing") + _section("Deployment")
    shown = set(re.findall(r"`(site-builder [a-z]+(?: nominees)?)", guide))
    assert {"site-builder new", "site-builder import nominees", "site-builder validate", "site-builder schema"} <= shown
    for command in shown:
        with pytest.raises(SystemExit) as exit_info:
            main([*command.split()[1:], "--help"])
        assert exit_info.value.code == 0


def test_the_cron_line_runs_the_same_steps_as_the_workflow():
    cron = next(line for line in _section("Deployment").splitlines() if line.startswith("3 * * * *"))
    assert ".venv/bin/site-builder validate &&" in cron and ".venv/bin/mkdocs build --strict" in cron


def _git(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *arguments], cwd=REPO, capture_output=True, text=True, check=False)


@pytest.mark.skipif(_git("rev-parse", "--git-dir").returncode != 0, reason="not a git checkout")
def test_git_ignores_registers_exports_and_imported_lists_but_no_committed_file():
    """Personal data one `git add .` away from a public repository: the register, exports, lists."""
    private = ["comments.sqlite3", "comments.sqlite3-wal", "comments.sqlite3-shm", ".cache/comments.sqlite3",
               "y-kien.csv", "y-kien.xlsx", "danh-sach.xlsx", "danh-sach.xls", "danh-sach.docx",
               "exemplars/nominations/danh-sach.xlsx"]
    kept = ["exemplars/van-ban/thong-bao.docx", "exemplars/van-ban/danh-sach.xlsx", "tests/fixtures/list.csv",
            "exemplars/van-ban/thong-bao.pdf"]
    ignored = _git("check-ignore", "--no-index", *private, *kept).stdout.split()
    assert ignored == private
    assert _git("ls-files", "--cached", "--ignored", "--exclude-standard").stdout == ""


def _windows_commands() -> list[list[str]]:
    """Every ``.venv\\Scripts\\…`` command the guide quotes (in a code block or inline), as words."""
    guide = _section("Publishing")
    lines = re.findall(r"^(\.venv\\Scripts\\.+)$", guide, re.M) + re.findall(r"`(\.venv\\Scripts\\[^`]+)`", guide)
    return [shlex.split(line.replace("\\", "/")) for line in lines]


def test_the_windows_set_up_uses_no_make_and_creates_the_environment_with_py():
    block = re.search(r"### Cài đặt trên Windows.*?```bat\n(.*?)```", _section("Publishing"), re.S).group(1)
    assert block.splitlines() == ["py -m venv .venv", r".venv\Scripts\pip install -e .",
                                  r".venv\Scripts\site-builder validate", r".venv\Scripts\mkdocs serve"]
    assert "make" not in block


def test_every_windows_command_of_the_guide_exists():
    """The scripts are what pyproject.toml installs; each sub-command and option parses."""
    from mkdocs.__main__ import cli as mkdocs_cli

    from site_builder.cli import build_parser

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    commands = _windows_commands()
    assert len(commands) >= 5
    for program, *arguments in commands:
        script = program.removeprefix(".venv/Scripts/")
        if script == "site-builder":
            assert script in project["scripts"]
            build_parser().parse_args(arguments)  # exits (fails the test) on an unknown command or option
        elif script == "mkdocs":
            assert any(dependency.startswith("mkdocs") for dependency in project["dependencies"])
            assert arguments[0] in mkdocs_cli.commands
        elif script == "pip":
            assert arguments == ["install", "-e", "."]
        else:
            assert script == "Activate.ps1", program  # made by `py -m venv`


def test_the_web_guide_names_the_check_the_workflow_runs():
    guide = _section("Publishing")
    workflow = yaml.safe_load((WORKFLOWS / "validate.yml").read_text(encoding="utf-8"))
    assert f"**{workflow['name']}**" in guide  # the check's name, as the pull request shows it
    steps = [step.get("run", "") for step in workflow["jobs"]["validate"]["steps"]]
    assert "site-builder validate --format github" in steps  # the annotations on the lines
    for words in ("Create a new branch for this commit and start a pull request", "Files changed",
                  "Upload files", "Merge pull request"):
        assert words in guide
