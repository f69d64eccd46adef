"""Migrations that fail half way, meet old duplicates, or run from two kiosks.

Each test copies ``storage/migrations`` into its own folder and adds
test-only revisions on top of the real head, so the shipped scripts stay
untouched.
"""

from __future__ import annotations

import multiprocessing
import shutil
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from storage import repositories as repo
from storage.db import MIGRATIONS_DIR, alembic_config, create_database_engine
from storage.migrate import MigrationError, upgrade_to_head
from storage.schema import Customer, Event, Product
from tests.storage.workers import migrate_in_process

SCRIPTS = ScriptDirectory.from_config(alembic_config())
HEAD = SCRIPTS.get_current_head()
SHIPPED = [revision.revision for revision in SCRIPTS.walk_revisions()]

REVISION_TEMPLATE = '''\
"""{doc}"""

import time

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down_revision}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    raise NotImplementedError
'''

# The documented pattern for a constraint that old rows may break: merge the
# duplicates first, keeping every row that refers to them, then add the
# constraint inside batch_alter_table, which rebuilds the table on SQLite.
DEDUPLICATE_THEN_CONSTRAIN = """\
connection = op.get_bind()
survivors = sa.text(
    "SELECT p.id, (SELECT MIN(q.id) FROM products q WHERE q.name = p.name) "
    "FROM products p"
)
for product_id, survivor in connection.execute(survivors).all():
    if product_id == survivor:
        continue
    connection.execute(
        sa.text("UPDATE events SET product_id = :survivor WHERE product_id = :old"),
        {"survivor": survivor, "old": product_id},
    )
    connection.execute(
        sa.text("DELETE FROM products WHERE id = :old"), {"old": product_id}
    )
with op.batch_alter_table("products") as batch:
    batch.create_unique_constraint("uq_products_name", ["name"])
"""


@pytest.fixture
def scripts(tmp_path: Path) -> Path:
    """A copy of the migration scripts that tests can add revisions to."""
    folder = tmp_path / "migrations"
    shutil.copytree(
        MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__")
    )
    return folder


def add_revision(scripts: Path, revision: str, down_revision: str, body: str) -> None:
    source = REVISION_TEMPLATE.format(
        doc=f"Test-only revision {revision}.",
        revision=revision,
        down_revision=down_revision,
        body=textwrap.indent(body, "    "),
    )
    (scripts / "versions" / f"{revision}_test.py").write_text(source)


def stored_revision(engine) -> str:
    with engine.connect() as connection:
        return connection.scalar(text("SELECT version_num FROM alembic_version"))


def add_shop(db) -> None:
    with db.session() as session:
        session.add(Customer(id="c1", display_name="Ana", created_at=datetime.now()))
        session.add_all(
            [
                Product(id="p1", name="Band", category="ring"),
                Product(id="p2", name="Band", category="ring"),
                Product(id="p3", name="Oxford", category="shoe"),
            ]
        )
        session.flush()
        for product_id in ("p1", "p2", "p2", "p3"):
            repo.record_event(session, "c1", product_id, "view")


def test_failed_migration_keeps_old_schema(db, scripts: Path):
    add_shop(db)
    body = """\
with op.batch_alter_table("customers") as batch:
    batch.add_column(sa.Column("nickname", sa.String(50)))
op.execute("UPDATE customers SET nickname = 'x'")
op.execute("INSERT INTO no_such_table VALUES (1)")
"""
    add_revision(scripts, "9001", HEAD, body)

    with pytest.raises(DBAPIError, match="no_such_table"):
        upgrade_to_head(db.engine, script_location=scripts)

    tables = inspect(db.engine).get_table_names()
    columns = [column["name"] for column in inspect(db.engine).get_columns("customers")]
    assert [name for name in tables if name.startswith("_alembic_tmp")] == []
    assert "nickname" not in columns
    assert stored_revision(db.engine) == HEAD
    with db.session() as session:
        repo.record_event(session, "c1", "p3", "purchase")
    with db.session(readonly=True) as session:
        assert repo.count_rows(session, Customer) == 1
        assert repo.count_rows(session, Event) == 5


def test_constraint_after_deduplication(db, scripts: Path):
    add_shop(db)
    add_revision(scripts, "9001", HEAD, DEDUPLICATE_THEN_CONSTRAIN)

    applied = upgrade_to_head(db.engine, script_location=scripts)

    assert applied == ["9001"]
    with db.session(readonly=True) as session:
        products = session.scalars(select(Product.id).order_by(Product.id)).all()
        viewed = [event.product_id for event in repo.events_for_customer(session, "c1")]
    assert products == ["p1", "p3"]
    assert sorted(viewed) == ["p1", "p1", "p1", "p3"]
    with pytest.raises(IntegrityError):
        with db.session() as session:
            session.add(Product(id="p4", name="Band", category="ring"))
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        assert dangling == []


def test_dangling_reference_rolls_back(sqlite_db, scripts: Path):
    add_shop(sqlite_db)
    add_revision(scripts, "9001", HEAD, 'op.execute("DELETE FROM products")')

    with pytest.raises(MigrationError, match="missing rows.*'events'"):
        upgrade_to_head(sqlite_db.engine, script_location=scripts)

    assert stored_revision(sqlite_db.engine) == HEAD
    with sqlite_db.session(readonly=True) as session:
        assert repo.count_rows(session, Product) == 3


def test_newer_revision_rejected(db):
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))

    with pytest.raises(MigrationError, match="'9999' is unknown.*update Atelier"):
        upgrade_to_head(db.engine)


def test_upgrade_applies_each_revision_once(db, scripts: Path):
    add_revision(
        scripts, "9001", HEAD, 'op.create_table("first", sa.Column("id", sa.Integer))'
    )
    add_revision(
        scripts,
        "9002",
        "9001",
        'op.create_table("second", sa.Column("id", sa.Integer))',
    )

    first = upgrade_to_head(db.engine, script_location=scripts)
    second = upgrade_to_head(db.engine, script_location=scripts)

    assert first == ["9001", "9002"]
    assert second == []
    assert stored_revision(db.engine) == "9002"


def test_kiosks_migrate_at_once(database_url: str, scripts: Path):
    # The slow revision keeps the first kiosk inside its transaction while
    # the second one arrives; without the lock both would run it.
    body = """\
op.create_table("migration_runs", sa.Column("id", sa.Integer, primary_key=True))
op.execute("INSERT INTO migration_runs (id) VALUES (1)")
time.sleep(1.0)
"""
    add_revision(scripts, "9001", HEAD, body)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    results = context.Queue()
    kiosks = [
        context.Process(
            target=migrate_in_process, args=(database_url, str(scripts), start, results)
        )
        for _ in range(2)
    ]

    for process in kiosks:
        process.start()
    for process in kiosks:
        process.join(120)
    applied = sorted(results.get(timeout=5) + results.get(timeout=5))
    engine = create_database_engine(database_url)
    with engine.connect() as connection:
        runs = connection.scalar(text("SELECT COUNT(*) FROM migration_runs"))
    revision = stored_revision(engine)
    engine.dispose()

    assert [process.exitcode for process in kiosks] == [0, 0]
    assert applied == sorted([*SHIPPED, "9001"])
    assert runs == 1
    assert revision == "9001"
