import shutil

import pytest

from designer.catalog import load_catalog
from resources import CATALOG_DIR


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def catalog_copy(tmp_path):
    """A writable copy of the real catalog folder."""
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, folder)
    return folder
