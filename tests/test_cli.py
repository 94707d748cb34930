from __future__ import annotations

from helpers import EXEMPLAR, write_records

from site_builder.cli import main


def test_validate_passes(tmp_path, capsys, monkeypatch):
    write_records(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert "All records are valid: 1 exemplars, 1 campaigns, 1 nomination batches." in capsys.readouterr().out


def test_validate_fails_with_every_problem(tmp_path, capsys, monkeypatch):
    write_records(tmp_path, exemplar=EXEMPLAR.replace("date: 12/05/2021", "date: 31/02/2021"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "exemplars"]) == 1
    err = capsys.readouterr().err
    assert 'exemplars/ca-nhan/nguyen-thi-hoa.yml:20:13: honours[0].decision.date: "31/02/2021" is not a real date' in err
    assert "1 problem found" in err


def test_validate_missing_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "khong-co"]) == 1
    assert "khong-co:1:1: the records folder does not exist" in capsys.readouterr().err
