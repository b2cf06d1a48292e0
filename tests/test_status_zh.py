"""The row statuses a file job's summary counts, in Chinese under --lang zh (with the status the file holds)."""

from __future__ import annotations

import re

import pandas as pd
from common import run_cli

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_a_locate_file_job_counts_each_status_in_chinese(tmp_path):
    src, out = tmp_path / "fixes.csv", tmp_path / "out.csv"
    src.write_text(
        "lon,lat,ts\n116.5,39.8,2024-01-01\nx,39.8,2024-01-01\n116.5,,2024-01-01\n116.5,39.8,nope\n", encoding="utf-8"
    )
    en = run_cli("locate", "--input", str(src), "--output", str(out), "--time-col", "ts")
    statuses = pd.read_csv(out, keep_default_na=False)["status"].tolist()
    bad = sorted({s for s in statuses if s != "ok"})
    assert len(bad) == 3
    zh = run_cli("locate", "--input", str(src), "--output", str(out), "--time-col", "ts", "--lang", "zh")
    assert en.returncode == zh.returncode == 0
    en_lines = [line for line in en.stderr.splitlines() if line.startswith("  1: ")]
    zh_lines = [line for line in zh.stderr.splitlines() if line.startswith("  1：")]
    assert sorted(line.removeprefix("  1: ") for line in en_lines) == bad  # English: the status as the file has it
    assert len(zh_lines) == 3
    for status in bad:
        line = next(line for line in zh_lines if line.endswith(f"（{status}）"))
        said = line.removeprefix("  1：").removesuffix(f"（{status}）")
        assert CJK.search(said) and not re.search(r"[A-Za-z]{3,}", said.replace("ISO", "")), line
