"""Keep every test away from the user's real data, cache and settings."""

import os
import shutil
from pathlib import Path

import pytest

# The reference data sits beside the repository, read-only.
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

os.environ.setdefault("QT_API", "pyside6")

# Database fixtures and the --database option for PostgreSQL runs, and a
# file scheduler for pytest-xdist that survives a crashed worker.
pytest_plugins = ["tests.databases", "tests.worker_crashes"]


# The key file's place under a home folder: platformdirs' config folder on
# Linux, which follows XDG_CONFIG_HOME.
KEY_FILE = Path("config", "Atelier", "key.bin")


def _point_folders_at(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("ATELIER_DATA_DIR", str(home / "atelier"))
    monkeypatch.delenv("ATELIER_CACHE_DIR", raising=False)
    monkeypatch.delenv("ATELIER_KEY_FILE", raising=False)


@pytest.fixture(scope="session", autouse=True)
def private_session_folders(tmp_path_factory):
    """Do the same for session-scoped fixtures, which start before any test."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        home = tmp_path_factory.mktemp("session-home")
        _point_folders_at(home, monkeypatch)
        yield home


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory, monkeypatch, private_session_folders):
    """Point data, cache and config folders at a temporary directory.

    Databases made by session- or module-scoped fixtures hold values
    encrypted under the session folder's key, so each test starts with a
    copy of that key file.
    """
    home = tmp_path_factory.mktemp("home")
    _point_folders_at(home, monkeypatch)
    session_key = private_session_folders / KEY_FILE
    if session_key.exists():
        (home / KEY_FILE).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copy2(session_key, home / KEY_FILE)
    return home


@pytest.fixture
def shared_data() -> Path:
    """The read-only reference data folder beside the repository."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"reference data not found at {SHARED_DATA}")
    return SHARED_DATA
