import os

import pytest

from designer.catalog import load_catalog
from designer.studio_data import open_studio_database
from tests.leaks import check_no_leaks


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def database(tmp_path, catalog):
    database = open_studio_database(f"sqlite:///{tmp_path / 'studio.db'}", catalog)
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def xcb_platform(monkeypatch):
    """Qt's offscreen platform cannot host the VTK view; use the X server."""
    if os.environ.get("DISPLAY"):
        monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")


@pytest.fixture(autouse=True)
def no_leaks():
    """Fail a test that leaves a window or a render window open."""
    yield
    check_no_leaks()
