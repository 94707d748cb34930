"""A small run of bench/build.py: it generates records, builds both sites and reports its figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from helpers import REPO

KEYS = {"records", "build_s", "baseline_s", "ratio", "peak_mb", "page_kb", "search_kb", "rebuild_s", "warm_s",
        "cards_ms", "cpu_s", "baseline_cpu_s"}


def test_bench_build_reports_sane_figures(tmp_path):
    records = tmp_path / "records"
    # The default configuration, share cards on, as the benchmark's headline always is.
    command = [sys.executable, str(REPO / "bench" / "build.py"), "--records", "200", "--data", str(records)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) == KEYS
    assert figures["records"] == 200
    assert 0 < figures["build_s"] < 300 and 0 < figures["baseline_s"] < 300 and 0 < figures["rebuild_s"] < 300
    assert 0 < figures["warm_s"] < 300 and 0 < figures["cards_ms"] < 50
    assert abs(figures["ratio"] - figures["build_s"] / figures["baseline_s"]) < 0.01
    assert 0 < figures["cpu_s"] < 600 and 0 < figures["baseline_cpu_s"] < 600
    assert 20 < figures["peak_mb"] < 2000
    assert 1 < figures["page_kb"] < 100
    assert 1 < figures["search_kb"] < 300
    assert "first query “nguyen van hung”" in done.stdout
    assert not (REPO / "exemplars" / "ca-nhan").joinpath("nguyen-van-hung-1.yml").exists()
    assert len(list((records / "nominations").glob("*.yml"))) == 2  # one nominee per 5 exemplars, 20 a batch
