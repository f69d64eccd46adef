"""The start-up probe that bench.startup times the studio's start with."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.gui import STARTUP_PROBE_ENV

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("arguments", [[], ["--kiosk"]], ids=["studio", "kiosk"])
def test_probe_writes_time_and_exits(tmp_path, arguments):
    probe = tmp_path / "probe.txt"
    environment = dict(os.environ, **{STARTUP_PROBE_ENV: str(probe)})
    started = time.time()
    result = subprocess.run(
        [sys.executable, "main.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    finished = time.time()
    assert result.returncode == 0, result.stderr
    assert probe.is_file()
    probe_time = float(probe.read_text(encoding="utf-8"))
    assert started < probe_time < finished
