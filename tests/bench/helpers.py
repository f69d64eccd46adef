"""Run a benchmark module the way a developer runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def run_json(module: str, *arguments: str) -> dict:
    """Run ``python -m module --json ARGUMENTS`` from the project's root and
    return the one JSON object it prints; fail with its error output."""
    result = subprocess.run(
        [sys.executable, "-m", module, "--json", *arguments],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
