"""Revision 0002_orders: it adds the order tables and removes them again."""

from alembic import command
from sqlalchemy import inspect

from storage.db import alembic_config

ORDER_TABLES = {
    "orders",
    "order_revisions",
    "order_transitions",
    "order_payments",
    "order_date_changes",
    "factory_updates",
    "status_quarantine",
}


def test_orders_revision_follows_initial(db):
    tables = set(inspect(db.engine).get_table_names())
    assert ORDER_TABLES <= tables

    with db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    assert not ORDER_TABLES & set(inspect(db.engine).get_table_names())

    with db.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002_orders")
    assert ORDER_TABLES <= set(inspect(db.engine).get_table_names())
