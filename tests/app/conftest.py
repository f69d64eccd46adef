import os

import pytest

from designer.catalog import load_catalog


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def database(tmp_path, catalog):
    # Imported here so that tests without a database run without storage.
    from designer.studio_data import open_studio_database

    database = open_studio_database(f"sqlite:///{tmp_path / 'studio.db'}", catalog)
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def xcb_platform(monkeypatch):
    """Qt's offscreen platform cannot host the VTK view; use the X server."""
    if os.environ.get("DISPLAY"):
        monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
