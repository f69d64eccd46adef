"""A worker's crash fails its test and the run goes on to the end."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
RUN_LIMIT_S = 120

CRASHING_FILE = """
import os
import signal

from record import ran


def test_crash():
    ran("crash")
    os.kill(os.getpid(), signal.SIGSEGV)


def test_after_crash():
    ran("after_crash")
"""

RECORD = """
import os
from pathlib import Path


def ran(name):
    with open(Path(os.environ["RUNS_FILE"]), "a") as runs:
        runs.write(name + "\\n")
"""


def passing_file(names: list[str]) -> str:
    tests = "".join(f'\n\ndef test_{name}():\n    ran("{name}")\n' for name in names)
    return "from record import ran\n" + tests


# Files of one and of several tests, before and after the crashing one: a
# new worker's first file holding a single test used to stall it.
SUITES = {
    "one worker": (
        1,
        {
            "test_a.py": passing_file(["a1", "a2", "a3"]),
            "test_b.py": CRASHING_FILE,
            "test_c.py": passing_file(["c1"]),
            "test_d.py": passing_file(["d1", "d2"]),
        },
    ),
    "two workers": (
        2,
        {
            "test_a.py": passing_file(["a1", "a2", "a3", "a4"]),
            "test_b.py": passing_file(["b1"]),
            "test_c.py": CRASHING_FILE,
            "test_d.py": passing_file(["d1"]),
            "test_e.py": passing_file(["e1", "e2"]),
            "test_f.py": passing_file(["f1"]),
        },
    ),
}


@pytest.mark.parametrize("suite", SUITES)
def test_worker_crash_fails_one_test(tmp_path, suite):
    workers, files = SUITES[suite]
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "record.py").write_text(RECORD)
    for name, text in files.items():
        (folder / name).write_text(text)
    runs_file = tmp_path / "runs.txt"
    env = dict(os.environ, PYTHONPATH=f"{PROJECT}{os.pathsep}{folder}")
    env["RUNS_FILE"] = str(runs_file)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "tests.worker_crashes",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xvfb",
        "--rootdir",
        str(folder),
        "-n",
        str(workers),
        "--dist",
        "loadfile",
        str(folder),
    ]
    try:
        result = subprocess.run(
            command,
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=RUN_LIMIT_S,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"the run stalled after the crash:\n{error.stdout}")

    expected = sorted(
        line.split('ran("')[1].split('"')[0]
        for text in files.values()
        for line in text.splitlines()
        if 'ran("' in line
    )
    assert sorted(runs_file.read_text().split()) == expected, result.stdout
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1, result.stdout
    assert "::test_crash " in failed[0]
    assert f"1 failed, {len(expected) - 1} passed" in result.stdout
