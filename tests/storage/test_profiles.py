"""Profile columns, text events, consent, demographics and stored segments."""

from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from storage import profiles
from storage import repositories as repo
from storage.db import alembic_config, create_database_engine, open_database
from storage.schema import Customer, CustomerSegment, Event, Segment

WHEN = datetime(2024, 6, 1, 10, 0)


@pytest.fixture
def shop(db):
    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {"id": "ana", "display_name": "Ana", "consent_profiling": True},
                {"id": "bo", "display_name": "Bo"},
            ],
        )
        repo.bulk_insert_products(
            session, [{"id": "ring", "name": "Band", "category": "ring"}]
        )
    return db


def _insert_event(db, **values):
    row = {
        "customer_id": "ana",
        "product_id": "ring",
        "kind": "view",
        "quantity": 1,
        "occurred_at": WHEN,
        **values,
    }
    with db.session() as session:
        session.execute(Event.__table__.insert(), [row])


@pytest.mark.parametrize(
    ("kind", "product", "text_value"),
    [
        ("search", None, "gold band"),
        ("search", "ring", "band"),
        ("review", "ring", "Lovely finish"),
        ("saved_design", "ring", "designs/ring-ana.json"),
    ],
)
def test_text_events_accepted(shop, kind, product, text_value):
    _insert_event(shop, kind=kind, product_id=product, text=text_value)

    with shop.session(readonly=True) as session:
        stored = session.scalars(select(Event)).one()
    assert stored.kind == kind
    assert stored.text == text_value


@pytest.mark.parametrize(
    ("kind", "product", "text_value"),
    [
        ("review", "ring", None),
        ("search", None, None),
        ("saved_design", "ring", None),
        ("view", None, None),
        ("review", None, "No product"),
        ("teleport", "ring", None),
    ],
)
def test_text_event_checks_reject(shop, kind, product, text_value):
    with pytest.raises(IntegrityError, match="(?i)check"):
        _insert_event(shop, kind=kind, product_id=product, text=text_value)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("gender", "robot"),
        ("age_band", "30s"),
        ("birth_year", 1850),
        ("birth_year", "1980"),
        ("region", "R" * 101),
        ("country", "C" * 101),
    ],
)
def test_demographic_checks_reject(shop, column, value):
    # The columns are encrypted, so their types check values instead of SQL.
    with pytest.raises(StatementError, match=f"Invalid value.*customers.{column}"):
        with shop.session() as session:
            session.execute(
                Customer.__table__.update()
                .where(Customer.id == "ana")
                .values({column: value})
            )


def test_record_event_stores_search_without_product(shop):
    with shop.session() as session:
        event = repo.record_event(
            session, "ana", None, "search", text="oak table", occurred_at=WHEN
        )
    assert event.product_id is None
    assert event.text == "oak table"


def test_record_event_rejects_review_without_text(shop):
    with pytest.raises(ValueError, match="Missing text for a review"):
        with shop.session() as session:
            repo.record_event(session, "ana", "ring", "review", text="  ")


def test_record_event_rejects_view_without_product(shop):
    with pytest.raises(ValueError, match="only a search may have no product"):
        with shop.session() as session:
            repo.record_event(session, "ana", None, "view")


def test_upgrade_keeps_existing_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_database_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.execute(
            text(
                "INSERT INTO customers (id, display_name, created_at, "
                "consent_profiling, consent_marketing) "
                "VALUES ('c1', 'Ana', '2024-01-01 00:00:00', 1, 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO products (id, name, category, tags, source) "
                "VALUES ('p1', 'Band', 'ring', '', 'catalog')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO events (customer_id, product_id, kind, quantity, "
                "value, occurred_at) VALUES ('c1', 'p1', 'rating', 1, 4, "
                "'2024-01-02 00:00:00')"
            )
        )
    engine.dispose()

    db = open_database(url)
    with db.session(readonly=True) as session:
        customer = session.get(Customer, "c1")
        event = session.scalars(select(Event)).one()
    indexes = {index["name"] for index in inspect(db.engine).get_indexes("events")}
    db.dispose()

    assert customer.consent_profiling is True
    assert customer.gender is None
    assert event.kind == "rating"
    assert event.text is None
    assert {"ix_events_customer_id", "ix_events_product_id"} <= indexes


def test_downgrade_drops_profile_schema(db, database_url):
    with db.session() as session:
        repo.bulk_insert_customers(session, [{"id": "c1", "display_name": "Ana"}])
        repo.bulk_insert_products(
            session, [{"id": "p1", "name": "Band", "category": "ring"}]
        )
        repo.record_event(session, "c1", "p1", "view", occurred_at=WHEN)
        repo.record_event(session, "c1", None, "search", text="band", occurred_at=WHEN)
    db.dispose()

    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    tables = set(inspect(engine).get_table_names())
    columns = {column["name"] for column in inspect(engine).get_columns("events")}
    with engine.connect() as connection:
        kinds = connection.scalars(text("SELECT kind FROM events")).all()
    engine.dispose()

    assert "segments" not in tables
    assert "customer_segments" not in tables
    assert "text" not in columns
    # The search cannot exist in the old schema; the view stays.
    assert kinds == ["view"]


def test_set_consent_records_time_and_source(shop):
    with shop.session() as session:
        profiles.set_consent(session, "bo", source="kiosk", marketing=True, at=WHEN)

    with shop.session(readonly=True) as session:
        customer = repo.get_customer(session, "bo")
    assert customer.consent_marketing is True
    assert customer.consent_marketing_at == WHEN
    assert customer.consent_profiling is False
    assert customer.consent_profiling_at is None
    assert customer.consent_source == "kiosk"


def test_withdrawn_profiling_leaves_segment(shop):
    with shop.session() as session:
        profiles.replace_segments(
            session,
            [profiles.SegmentAssignment(None, "Everyone", {"views": 1.0}, ["ana"])],
            fitted_at=WHEN,
            fit_summary={"k": 1},
        )
        profiles.set_consent(session, "ana", source="staff", profiling=False)

    with shop.session(readonly=True) as session:
        assert profiles.customer_segment(session, "ana") is None
        assert repo.get_customer(session, "ana").consent_profiling is False


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"source": " ", "profiling": True}, "Missing consent source"),
        ({"source": "kiosk"}, "No consent choice"),
    ],
)
def test_set_consent_rejects_bad_input(shop, arguments, message):
    with pytest.raises(ValueError, match=message):
        with shop.session() as session:
            profiles.set_consent(session, "ana", **arguments)


def test_set_consent_unknown_customer(shop):
    with pytest.raises(profiles.UnknownCustomerError, match="'zed' not found"):
        with shop.session() as session:
            profiles.set_consent(session, "zed", source="kiosk", profiling=True)


def test_set_demographics_partial_update(shop):
    with shop.session() as session:
        profiles.set_demographics(
            session, "ana", birth_year=1990, gender="female", region=" Lyon "
        )
        profiles.set_demographics(session, "ana", age_band="25_34", region=None)

    with shop.session(readonly=True) as session:
        customer = repo.get_customer(session, "ana")
    assert customer.birth_year == 1990
    assert customer.gender == "female"
    assert customer.age_band == "25_34"
    assert customer.region is None


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"gender": "robot"}, "Invalid gender 'robot': expected one of female"),
        ({"age_band": "30s"}, "Invalid age band '30s'"),
        ({"birth_year": 1800}, "Invalid birth year 1800"),
    ],
)
def test_set_demographics_rejects(shop, arguments, message):
    with pytest.raises(ValueError, match=message):
        with shop.session() as session:
            profiles.set_demographics(session, "ana", **arguments)


def test_marketing_consenting_ids(shop):
    with shop.session() as session:
        profiles.set_consent(session, "bo", source="kiosk", marketing=True)
        found = profiles.marketing_consenting_ids(session, ["ana", "bo", "zed"])
    assert found == {"bo"}


def _consent_revision(db) -> int:
    with db.session(readonly=True) as session:
        return repo.read_revisions(session).consent


def _set_profiling(session, customer_id, consent):
    profiles.set_consent(session, customer_id, source="staff", profiling=consent)


# Steps that change customers the way other code or another kiosk might,
# each with the change it makes to the consent revision.
CONSENT_STEPS = [
    (
        "marketing only",
        lambda s: profiles.set_consent(s, "bo", source="kiosk", marketing=True),
        0,
    ),
    ("profiling given", lambda s: _set_profiling(s, "bo", True), 1),
    ("same choice again", lambda s: _set_profiling(s, "bo", True), 0),
    (
        "Core update",
        lambda s: s.execute(text("UPDATE customers SET consent_profiling = false")),
        2,
    ),
    (
        "consenting customer added",
        lambda s: s.add(Customer(id="cy", display_name="Cy", consent_profiling=True)),
        1,
    ),
    (
        "refusing customer added",
        lambda s: s.add(Customer(id="di", display_name="Di")),
        0,
    ),
    ("consenting customer deleted", lambda s: s.delete(s.get(Customer, "cy")), 1),
]


def test_consent_revision_follows_every_writer(shop):
    # Ana was inserted consenting, Bo refusing.
    assert _consent_revision(shop) == 1

    for step, change, expected in CONSENT_STEPS:
        before = _consent_revision(shop)
        with shop.session() as session:
            change(session)
        assert _consent_revision(shop) - before == expected, step


def test_read_revisions_empty_database(db):
    with db.session(readonly=True) as session:
        revisions = repo.read_revisions(session)

    assert revisions == repo.Revisions(events=0, consent=0, last_event_id=0)


def test_read_revisions_counts_events(shop):
    with shop.session() as session:
        first = repo.record_event(session, "ana", "ring", "view", occurred_at=WHEN)
        second = repo.record_event(session, "bo", "ring", "view", occurred_at=WHEN)

    with shop.session(readonly=True) as session:
        revisions = repo.read_revisions(session)

    assert revisions.events == 2
    assert revisions.last_event_id == max(first.id, second.id)
    assert revisions.consent == 1


def test_downgrade_drops_consent_triggers(shop, database_url):
    shop.dispose()
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0004_privacy")
        connection.execute(text("UPDATE customers SET consent_profiling = true"))
        stored = connection.scalar(
            text("SELECT value FROM settings WHERE key = 'consent.revision'")
        )
    engine.dispose()

    assert stored is None


def test_replace_segments_keeps_ids_and_retires(shop):
    first = [
        profiles.SegmentAssignment(None, "Browsers", {"views": 5.0}, ["ana"]),
        profiles.SegmentAssignment(None, "Buyers", {"views": 1.0}, ["bo"]),
    ]
    with shop.session() as session:
        ids = profiles.replace_segments(
            session, first, fitted_at=WHEN, fit_summary={"k": 2}
        )
    assert ids == [1, 2]

    second = [profiles.SegmentAssignment(2, "Buyers", {"views": 2.0}, ["ana", "bo"])]
    with shop.session() as session:
        ids = profiles.replace_segments(
            session, second, fitted_at=WHEN, fit_summary={"k": 1}
        )
        active = profiles.list_segments(session)
        every = profiles.list_segments(session, active_only=False)
        members = profiles.segment_member_ids(session, 2)
        summary = repo.get_setting(session, profiles.SEGMENT_FIT_KEY)

    assert ids == [2]
    assert [(s.id, s.label, s.size) for s in active] == [(2, "Buyers", 2)]
    assert active[0].centroid == {"views": 2.0}
    assert [(s.id, s.active) for s in every] == [(1, False), (2, True)]
    assert members == ["ana", "bo"]
    assert summary == '{"k": 1}'


def test_new_segment_id_never_reused(shop):
    with shop.session() as session:
        profiles.replace_segments(
            session,
            [profiles.SegmentAssignment(None, "A", {}, ["ana"])],
            fitted_at=WHEN,
            fit_summary={},
        )
        ids = profiles.replace_segments(
            session,
            [profiles.SegmentAssignment(None, "B", {}, ["ana"])],
            fitted_at=WHEN,
            fit_summary={},
        )
        count = repo.count_rows(session, Segment)
        links = repo.count_rows(session, CustomerSegment)
    assert ids == [2]
    assert count == 2
    assert links == 1
