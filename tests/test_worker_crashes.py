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


# Two crashes a second apart while a test file takes two seconds to import:
# the second crash comes while the first one's new worker is collecting.
CRASH_WHILE_COLLECTING = {
    "test_a.py": CRASHING_FILE + passing_file(["a2", "a3"]).split("\n", 1)[1],
    "test_b.py": CRASHING_FILE.replace(
        "os.kill", "__import__('time').sleep(1)\n    os.kill"
    ).replace("after_crash", "b_after_crash")
    + passing_file(["b2", "b3"]).split("\n", 1)[1],
    "test_c.py": "__import__('time').sleep(2)\n" + passing_file(["c1", "c2", "c3"]),
}


def run_suite(tmp_path, workers: int, files: dict[str, str], *options: str):
    """Run pytest on ``files`` with the crash-safe scheduler.

    Return the finished process and the names of the tests that ran, sorted.
    """
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "record.py").write_text(RECORD)
    for name, text in files.items():
        (folder / name).write_text(text)
    runs_file = tmp_path / "runs.txt"
    runs_file.touch()
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
        *options,
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
    return result, sorted(runs_file.read_text().split())


def recorded_names(files: dict[str, str]) -> list[str]:
    """Return the names that the tests in ``files`` record, sorted."""
    return sorted(
        line.split('ran("')[1].split('"')[0]
        for text in files.values()
        for line in text.splitlines()
        if 'ran("' in line
    )


def failed_lines(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("FAILED")]


@pytest.mark.parametrize("suite", SUITES)
def test_worker_crash_fails_one_test(tmp_path, suite):
    workers, files = SUITES[suite]
    result, ran = run_suite(tmp_path, workers, files)

    expected = recorded_names(files)
    assert ran == expected, result.stdout
    failed = failed_lines(result)
    assert len(failed) == 1, result.stdout
    assert "::test_crash " in failed[0]
    assert f"1 failed, {len(expected) - 1} passed" in result.stdout
    assert result.returncode == pytest.ExitCode.TESTS_FAILED


def test_crash_while_new_worker_collects(tmp_path):
    result, ran = run_suite(tmp_path, 2, CRASH_WHILE_COLLECTING)

    expected = recorded_names(CRASH_WHILE_COLLECTING)
    assert ran == expected, result.stdout
    assert len(failed_lines(result)) == 2, result.stdout
    assert f"2 failed, {len(expected) - 2} passed" in result.stdout
    assert result.returncode == pytest.ExitCode.TESTS_FAILED


def test_unrun_tests_make_run_interrupted(tmp_path):
    files = SUITES["one worker"][1]
    result, ran = run_suite(tmp_path, 1, files, "--max-worker-restart", "0")

    assert len(ran) < len(recorded_names(files))
    assert "tests did not run; the run counts as interrupted" in result.stdout
    assert result.returncode == pytest.ExitCode.INTERRUPTED


# The new worker that replaces the crashed one collects another parameter,
# after the other worker has run out of files and stopped. The new worker
# used to wait for work indefinitely.
OTHER_COLLECTION = {
    "test_a.py": CRASHING_FILE.replace(
        "os.kill", "__import__('time').sleep(2)\n    os.kill"
    ),
    "test_b.py": """
import os

import pytest

from record import ran

FIRST = os.environ["PYTEST_XDIST_WORKER"] in ("gw0", "gw1")


@pytest.mark.parametrize("value", ["one"] if FIRST else ["two"])
def test_value(value):
    ran("b")
""",
    "test_c.py": passing_file(["c1", "c2"]),
}


def test_other_collection_ends_run(tmp_path):
    result, ran = run_suite(tmp_path, 2, OTHER_COLLECTION)

    # pytest-xdist ends such a run with an internal error: neither passed
    # nor failed, so the failed tests are not run again in its place.
    assert "after_crash" not in ran
    assert result.returncode == pytest.ExitCode.INTERNAL_ERROR, result.stdout
