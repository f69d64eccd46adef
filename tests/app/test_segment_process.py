"""The segment fitting child process, driven through its standard input and output."""

import json
import subprocess
import sys
from pathlib import Path

from app.export_protocol import EXIT_CANCELLED, EXIT_FAILED
from storage.profiles import list_segments

ROOT = Path(__file__).resolve().parents[2]


def start_process():
    return subprocess.Popen(
        [sys.executable, "-m", "app.segment_process"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_closed_input_stores_nothing(database):
    process = start_process()
    url = database.engine.url.render_as_string(hide_password=False)
    process.stdin.write(json.dumps({"database": url}) + "\n")
    process.stdin.flush()

    messages = []
    for line in process.stdout:
        messages.append(json.loads(line))
        if messages[-1].get("ready"):
            break
    process.stdin.close()

    assert process.wait(timeout=60) == EXIT_CANCELLED
    assert messages[0] == {"step": "load", "percent": 0}
    assert messages[-1] == {"ready": True}
    with database.session(readonly=True) as session:
        assert list_segments(session) == []


def test_invalid_job_line_is_reported():
    process = start_process()

    output, _ = process.communicate("postgresql://ana:secret@host/db\n", timeout=60)

    assert process.returncode == EXIT_FAILED
    error = json.loads(output)["error"]
    assert error.startswith("invalid segment job")
    assert "secret" not in error


def test_missing_database_folder_is_reported(tmp_path):
    process = start_process()
    url = f"sqlite:///{tmp_path / 'missing' / 'studio.db'}"

    output, _ = process.communicate(json.dumps({"database": url}) + "\n", timeout=60)

    assert process.returncode == EXIT_FAILED
    assert "missing" in json.loads(output.splitlines()[-1])["error"]
