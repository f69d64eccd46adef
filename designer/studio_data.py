"""Open the studio's database, migrated and holding the demo data."""

from __future__ import annotations

import logging

from designer.catalog import Catalog
from storage.db import Database, default_database_url, open_database
from storage.seed import DemoProduct, seed_demo

logger = logging.getLogger(__name__)


def open_studio_database(url: str | None, catalog: Catalog) -> Database:
    """Open ``url`` (or the default database), migrate it and seed demo data.

    Every start stores catalog models that the database lacks; the demo
    customers and their events are added on the first start only.
    """
    database = open_database(url or default_database_url())
    products = [
        DemoProduct(model.id, model.name("en"), model.category, model.tags)
        for model in catalog.models.values()
    ]
    result = seed_demo(database, products)
    if result.customers:
        logger.info(
            "seeded %d demo customers and %d events", result.customers, result.events
        )
    return database
