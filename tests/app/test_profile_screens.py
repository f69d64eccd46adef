"""The staff screens for customer profiles and segments."""

import csv

import pytest

from app import i18n
from app.main_window import MainWindow
from app.profile_view import ProfileView
from app.segments_view import SegmentsView
from recommender.collection import Collector
from storage.profiles import set_consent, set_demographics
from storage.repositories import bulk_insert_products

WAIT_MS = 30_000
# Demo customers who decline marketing.
NO_MARKETING = {"demo-03", "demo-05", "demo-08", "demo-11"}


def _texts(widget) -> list[str]:
    return [widget.item(row).text() for row in range(widget.count())]


def _column(table, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


@pytest.fixture
def keep():
    """Hold views until teardown.

    qtbot.addWidget keeps only a weak reference, and a parentless dialog
    deleted as the test returns takes its finished jobs' queued deletions
    with it, which crashes Qt.
    """
    views = []
    yield views.append
    views.clear()


def _open_profile(
    qtbot, keep, database, customer_id, language="en", catalog=None
) -> ProfileView:
    view = ProfileView(database, customer_id, language, catalog=catalog)
    qtbot.addWidget(view)
    keep(view)
    # The profile arrives through a queued signal, so it cannot be shown
    # before the wait starts processing events.
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.show()
    return view


def _open_segments(qtbot, keep, database) -> SegmentsView:
    view = SegmentsView(database)
    qtbot.addWidget(view)
    keep(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.show()
    return view


def test_profile_shows_tags_and_history(qtbot, keep, database):
    Collector(database).review("demo", "ring-band", "Fits perfectly")

    view = _open_profile(qtbot, keep, database, "demo")

    assert "Demo Customer (demo)" == view.header.text()
    assert {"Jewelry lover", "Reviewer"} <= set(_texts(view.tags))
    assert view.notice.text() == ""
    assert "not assigned yet" in view.segment.text()
    assert "jewelry" in view.interests.text()
    assert view.history.rowCount() == view.profile.event_count
    assert view.history.item(0, 1).text() == "Review"
    assert view.history.item(0, 5).text() == "Fits perfectly"
    assert "Money spent" in _column(view.summary, 0)
    assert view.summary.horizontalHeaderItem(3).text() == "Among all customers"
    standings = [str(line.standing()) for line in view.profile.summary]
    assert _column(view.summary, 3) == standings
    assert not any("100%" in text for text in standings)


def test_profile_in_chinese(qtbot, keep, database):
    try:
        i18n.set_language("zh_CN")
        view = _open_profile(qtbot, keep, database, "demo", language="zh_CN")
    finally:
        i18n.set_language("en")
    # Switching back to English gives the English texts again.
    assert view.windowTitle() == "Customer profile"
    assert "Jewelry lover" in _texts(view.tags)
    assert "Money spent" in _column(view.summary, 0)

    i18n.set_language("zh_CN")
    try:
        assert "珠宝爱好者" in _texts(view.tags)
        assert "消费金额" in _column(view.summary, 0)
        assert view.windowTitle() == "客户档案"
        assert view.summary.horizontalHeaderItem(0).text() == "指标"
        assert view.summary.horizontalHeaderItem(3).text() == "在所有客户中"
        assert not any("customers" in text for text in _column(view.summary, 3))
        assert view.segment.text() == "客户分组：尚未分组"
        assert view.history_title.text().startswith("记录：共 ")
        assert view.close_button.text() == "关闭"
    finally:
        i18n.set_language("en")
    assert view.segment.text() == "Segment: not assigned yet"


def test_profile_names_products_and_country(qtbot, keep, database, catalog):
    i18n.set_language("zh_CN")
    try:
        view = _open_profile(qtbot, keep, database, "demo", "zh_CN", catalog)
        products = set(_column(view.history, 2))
        demographics = view.demographics.text()
        about = [demographics, view.segment.text(), view.interests.text()]
        consent = view.consent.text()
    finally:
        i18n.set_language("en")

    # The demo customer last looked at the bookshelf and bought a bangle.
    assert {"书架", "手镯"} <= products
    assert not {"Bookshelf", "Bangle"} & products
    assert "地区：英国" in demographics
    assert "United Kingdom" not in demographics
    for text in [*about, consent]:
        assert ":" not in text, text
        assert "：" in text, text
    # English keeps the catalog's English names and the stored country.
    assert {"Bookshelf", "Bangle"} <= set(_column(view.history, 2))
    assert "Region: United Kingdom" in view.demographics.text()


def test_profile_keeps_unknown_names(qtbot, keep, database, catalog):
    imported = {"id": "vase-01", "name": "Blue vase", "category": "home"}
    with database.session() as session:
        set_demographics(session, "demo", region="Atlantis")
        bulk_insert_products(session, [{**imported, "source": "import"}])
    Collector(database).review("demo", "vase-01", "Lovely")
    i18n.set_language("zh_CN")
    try:
        view = _open_profile(qtbot, keep, database, "demo", "zh_CN", catalog)
        demographics = view.demographics.text()
        products = _column(view.history, 2)
    finally:
        i18n.set_language("en")

    assert "地区：Atlantis" in demographics
    # An imported product keeps its stored name.
    assert products[0] == "Blue vase"


def test_profile_without_consent_shows_notice(qtbot, keep, database):
    with database.session() as session:
        set_consent(session, "demo-03", source="staff", profiling=False)

    view = _open_profile(qtbot, keep, database, "demo-03")

    assert "has not consented to profiling" in view.notice.text()
    assert view.tags.count() == 0
    assert view.history.rowCount() == 0
    assert view.summary.rowCount() == 0


def test_demo_profile_says_why_it_has_no_segment(qtbot, keep, database):
    from datetime import datetime

    from storage.repositories import bulk_insert_customers

    with database.session() as session:
        bulk_insert_customers(
            session,
            [
                {
                    "id": "c-1",
                    "display_name": "A customer of the store",
                    "consent_profiling": True,
                    "created_at": datetime(2025, 1, 1),
                }
            ],
        )

    view = _open_profile(qtbot, keep, database, "demo")

    assert "demo customers are left out" in view.segment.text()
    assert view.history.rowCount() == view.profile.event_count > 0


def test_profile_unknown_customer_reports(qtbot, keep, database):
    view = ProfileView(database, "nobody")
    qtbot.addWidget(view)
    keep(view)

    with qtbot.waitSignal(view.failed, timeout=WAIT_MS) as blocker:
        view.show()

    assert "'nobody' not found" in blocker.args[0]
    assert "could not be loaded" in view.notice.text()
    try:
        i18n.set_language("zh_CN")
        assert view.notice.text().startswith("无法加载档案：")
    finally:
        i18n.set_language("en")


def test_segments_refit_and_export(qtbot, keep, database, tmp_path):
    view = _open_segments(qtbot, keep, database)
    assert view.table.rowCount() == 0
    assert "No segments yet" in view.info.text()

    with qtbot.waitSignal(view.refitted, timeout=WAIT_MS):
        view.refit_button.click()

    assert view.table.rowCount() >= 2
    sizes = [int(text) for text in _column(view.table, 1)]
    assert sum(sizes) == 12
    assert "segment(s) over 12 customers" in view.info.text()

    exported: set[str] = set()
    for row in range(view.table.rowCount()):
        view.table.selectRow(row)
        assert view.members.count() == sizes[row]
        path = tmp_path / f"segment-{row}.csv"
        with qtbot.waitSignal(view.exported, timeout=WAIT_MS) as blocker:
            view.export_to(path)
        with path.open(encoding="utf-8", newline="") as stream:
            ids = [line["customer_id"] for line in csv.DictReader(stream)]
        assert blocker.args[0] == len(ids)
        assert int(view.table.item(row, 2).text()) == len(ids)
        exported.update(ids)

    assert exported.isdisjoint(NO_MARKETING)
    assert len(exported) == 12 - len(NO_MARKETING)


def test_segments_keep_labels_after_refit(qtbot, keep, database):
    view = _open_segments(qtbot, keep, database)
    with qtbot.waitSignal(view.refitted, timeout=WAIT_MS):
        view.refit()
    before = _column(view.table, 0)

    with qtbot.waitSignal(view.refitted, timeout=WAIT_MS):
        view.refit()

    assert _column(view.table, 0) == before


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_segment_columns_fit_headers(qtbot, keep, database, language):
    i18n.set_language(language)
    try:
        view = _open_segments(qtbot, keep, database)
        with qtbot.waitSignal(view.refitted, timeout=WAIT_MS):
            view.refit()
        header = view.table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(view.table.columnCount()):
            text = view.table.horizontalHeaderItem(column).text()
            assert header.sectionSize(column) >= metrics.horizontalAdvance(text)
            assert header.sectionSize(column) >= view.table.sizeHintForColumn(column)
        widths = [header.sectionSize(c) for c in range(view.table.columnCount())]
        assert max(widths) < view.table.viewport().width() / 2
    finally:
        i18n.set_language("en")


def test_segments_in_chinese(qtbot, keep, database):
    i18n.set_language("zh_CN")
    try:
        view = _open_segments(qtbot, keep, database)

        assert view.refit_button.text() == "重新分组"
        assert "尚未分组" in view.info.text()
    finally:
        i18n.set_language("en")


@pytest.fixture
def window(qtbot, catalog, database):
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    yield window
    window.close()


def test_window_opens_profile_and_segments(qtbot, window):
    assert window.profile_button.isEnabled()

    # Both open synchronously and load through queued signals.
    window.profile_button.click()
    profile = window.profile_view
    with qtbot.waitSignal(profile.loaded, timeout=WAIT_MS):
        pass
    window.segments_action.trigger()
    segments = window.segments_view
    with qtbot.waitSignal(segments.loaded, timeout=WAIT_MS):
        pass

    assert profile.customer_id == "demo"
    assert "Demo Customer" in profile.header.text()
    assert segments.isVisible()
    assert window.findChild(type(window.customer_box), "customer") is not None
