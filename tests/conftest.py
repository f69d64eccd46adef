"""Keep every test away from the user's real data, cache and settings."""

import os
from pathlib import Path

import pytest

# The reference data sits beside the repository, read-only.
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

os.environ.setdefault("QT_API", "pyside6")

# Database fixtures and the --database option for PostgreSQL runs.
pytest_plugins = ["tests.databases"]


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory, monkeypatch):
    """Point data, cache and config folders at a temporary directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("ATELIER_DATA_DIR", str(home / "atelier"))
    return home


@pytest.fixture
def shared_data() -> Path:
    """The read-only reference data folder beside the repository."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"reference data not found at {SHARED_DATA}")
    return SHARED_DATA
