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


@pytest.fixture(scope="session")
def studio_db_template(tmp_path_factory, catalog):
    """A migrated, seeded database file that each test copies."""
    from designer.studio_data import open_studio_database

    path = tmp_path_factory.mktemp("template") / "studio.db"
    database = open_studio_database(f"sqlite:///{path}", catalog)
    # Closing the last connection checkpoints the write-ahead log into the file.
    database.dispose()
    return path


@pytest.fixture
def studio_db(tmp_path, catalog, studio_db_template):
    """A migrated SQLite studio database with the demo customers."""
    from designer.studio_data import open_studio_database

    path = tmp_path / "studio.db"
    shutil.copyfile(studio_db_template, path)
    database = open_studio_database(f"sqlite:///{path}", catalog)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def frozen_examples(catalog):
    """The example designs frozen with the default store settings, by product."""
    from designer.designs import read_design, resolve
    from designer.order_design import freeze_design
    from designer.session import DesignSession
    from designer.store import StoreSettings
    from resources import EXAMPLES_DIR

    frozen = {}
    for path in sorted(EXAMPLES_DIR.glob("*.json")):
        design = read_design(path)
        model, values = resolve(design, catalog, path)
        session = DesignSession(model, values, design.chosen)
        frozen[model.id] = freeze_design(session, StoreSettings())
    return frozen


@pytest.fixture(scope="session")
def example_session(catalog):
    """Return a factory of design sessions for the example designs by product."""
    from designer.designs import read_design, resolve
    from designer.session import DesignSession
    from resources import EXAMPLES_DIR

    def make(product: str, **values):
        path = EXAMPLES_DIR / f"{product}.json"
        design = read_design(path)
        model, resolved = resolve(design, catalog, path)
        return DesignSession(model, {**resolved, **values}, design.chosen)

    return make
