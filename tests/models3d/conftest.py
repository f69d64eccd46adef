import pytest

from designer.catalog import load_catalog


@pytest.fixture(scope="session")
def jewelry_catalog():
    """The real catalog, loaded once."""
    return load_catalog()


@pytest.fixture
def solitaire_dims(jewelry_catalog):
    """Dimensions of the default solitaire, derived values included."""
    model = jewelry_catalog.get("ring-solitaire")
    values = model.engine.coerce({})
    return {**values, **model.engine.derive(values)}
