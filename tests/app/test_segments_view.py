"""Refitting customer segments from the segments screen: progress, Cancel, texts."""

from __future__ import annotations

import json
import os
import signal
from datetime import datetime

import pytest
from sqlalchemy import select

from app import i18n
from app.process_job import COMMITTING
from app.segment_labels import segment_text
from app.segments_view import SegmentsView
from recommender.segments import segment_label
from storage.profiles import (
    SEGMENT_FIT_KEY,
    SegmentAssignment,
    list_segments,
    replace_segments,
    segment_member_ids,
)
from storage.repositories import get_setting
from storage.schema import Customer

WAIT_MS = 60_000


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


@pytest.fixture
def view(qtbot, database):
    """The segments screen over the demo customers, shown once it has loaded.

    The test holds the view until teardown: qtbot.addWidget keeps only a
    weak reference, and a parentless dialog deleted as the test returns
    takes its finished jobs' queued deletions with it, which crashes Qt.
    """
    view = SegmentsView(database)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.show()
    yield view
    view.close()


def stored_segments(database) -> tuple[list, dict, str | None]:
    """Return the stored segments, their members and the fit summary."""
    with database.session(readonly=True) as session:
        segments = list_segments(session)
        members = {s.id: segment_member_ids(session, s.id) for s in segments}
        summary = get_setting(session, SEGMENT_FIT_KEY)
    return segments, members, summary


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def refit(qtbot, view) -> None:
    with qtbot.waitSignal(view.refitted, timeout=WAIT_MS):
        assert view.refit() is not None


def test_refit_shows_progress_and_stores(qtbot, view, database):
    reports = []
    bar_values = []
    with qtbot.waitSignal(view.refitted, timeout=WAIT_MS):
        view.refit_button.click()
        job = view.refit_job
        assert view.refit_progress.isVisible()
        assert view.cancel_button.isVisible()
        assert not view.refit_button.isEnabled()
        assert view.info.text() == "Starting the segment fitting…"
        job.progress.connect(lambda step, percent: reports.append((step, percent)))
        job.progress.connect(
            lambda *_report: bar_values.append(view.refit_progress.value())
        )

    steps = [step for step, _percent in reports]
    assert steps[0] == "load"
    assert set(steps[1:-1]) == {"fit"}
    assert steps[-1] == COMMITTING
    percents = [percent for _step, percent in reports]
    assert percents == sorted(percents)
    assert bar_values == percents
    assert not view.refit_progress.isVisible()
    assert not view.cancel_button.isVisible()
    assert view.refit_button.isEnabled()
    assert view.refit_job is None
    segments, members, summary = stored_segments(database)
    assert len(segments) >= 2
    assert sum(len(ids) for ids in members.values()) == 12
    assert json.loads(summary)["customers"] == 12
    assert view.table.rowCount() == len(segments)
    assert "segment(s) over 12 customers" in view.info.text()


def test_refit_lists_members_of_selection(qtbot, view):
    refit(qtbot, view)
    assert view.selected_segment() == view.rows[0]["id"]

    refit(qtbot, view)

    assert view.selected_segment() == view.rows[0]["id"]
    assert view.members.count() == len(view.rows[0]["members"])


@pytest.mark.parametrize("cancel_at", ["start", "load", "fit"])
def test_cancel_keeps_stored_segments(qtbot, view, database, cancel_at):
    refit(qtbot, view)
    before = stored_segments(database)
    labels = [view.table.item(row, 0).text() for row in range(view.table.rowCount())]

    stopped = []

    def cancel_on(step, _percent):
        if step == cancel_at:
            stopped.append(job.process_id)
            view.cancel_button.click()

    with qtbot.waitSignal(view.refit_cancelled, timeout=WAIT_MS):
        job = view.refit(k_values=[2, 3, 4])
        if cancel_at == "start":
            cancel_on("start", 0)
        else:
            job.progress.connect(cancel_on)

    assert stored_segments(database) == before
    assert view.refit_job is None
    assert not [pid for pid in stopped if pid and process_alive(pid)]
    assert "Refit cancelled; the stored segments are unchanged." in view.info.text()
    assert "segment(s) over 12 customers" in view.info.text()
    rows = [view.table.item(row, 0).text() for row in range(view.table.rowCount())]
    assert rows == labels
    assert view.refit_button.isEnabled()
    assert not view.cancel_button.isVisible()


def test_cancel_before_any_fit_stores_nothing(qtbot, view, database):
    with qtbot.waitSignal(view.refit_cancelled, timeout=WAIT_MS):
        job = view.refit()
        with qtbot.waitSignal(job.progress, timeout=WAIT_MS):
            pass
        assert view.cancel_refit()

    segments, _members, summary = stored_segments(database)
    assert segments == []
    assert summary is None
    assert "No segments yet" in view.info.text()


def test_screen_answers_during_refit(qtbot, view, database):
    refit(qtbot, view)
    events = []
    view.refitted.connect(lambda: events.append("refitted"))
    with qtbot.waitSignal(view.refitted, timeout=WAIT_MS):
        job = view.refit()
        with qtbot.waitSignal(
            job.progress,
            timeout=WAIT_MS,
            check_params_cb=lambda step, _percent: step == "load",
        ):
            pass
        view.table.selectRow(1)
        events.append("selected")
        assert view.members.count() == len(view.rows[1]["members"])
        assert view.refit() is None

    assert events == ["selected", "refitted"]


def test_crashed_refit_is_reported(qtbot, view, database):
    refit(qtbot, view)
    before = stored_segments(database)

    def kill_on_load(step, _percent):
        if step == "load":
            os.kill(job.process_id, signal.SIGKILL)

    with qtbot.waitSignal(view.failed, timeout=WAIT_MS) as failed:
        job = view.refit()
        job.progress.connect(kill_on_load)

    assert "stopped unexpectedly" in failed.args[0]
    assert "stored segments are unchanged" in failed.args[0]
    assert "Traceback" not in view.info.text()
    assert view.info.text().startswith("Failed: ")
    assert stored_segments(database) == before
    assert view.refit_button.isEnabled()


def test_closing_screen_cancels_refit(qtbot, view, database):
    with qtbot.waitSignal(view.refit_cancelled, timeout=WAIT_MS):
        job = view.refit()
        with qtbot.waitSignal(job.progress, timeout=WAIT_MS):
            pass
        view.close()

    assert stored_segments(database)[0] == []


def test_language_switch_changes_texts(qtbot, view):
    refit(qtbot, view)
    view.table.selectRow(0)
    english = {
        "title": view.windowTitle(),
        "refit": view.refit_button.text(),
        "export": view.export_button.text(),
        "header": view.table.horizontalHeaderItem(1).text(),
        "info": view.info.text(),
        "member": view.members.item(0).text(),
    }
    assert english["title"] == "Customer segments"
    assert english["header"] == "Customers"
    assert "segment(s) over 12 customers" in english["info"]

    i18n.set_language("zh_CN")

    assert view.windowTitle() == "客户分组"
    assert view.refit_button.text() == "重新分组"
    assert view.export_button.text() == "导出营销名单 CSV…"
    assert view.cancel_button.text() == "取消"
    assert view.table.horizontalHeaderItem(1).text() == "客户数"
    assert "位同意画像分析的客户分为" in view.info.text()
    member = view.members.item(0).text()
    assert member.endswith("（同意营销）") or member.endswith("（不接受营销）")

    i18n.set_language("en")

    assert view.windowTitle() == english["title"]
    assert view.refit_button.text() == english["refit"]
    assert view.export_button.text() == english["export"]
    assert view.table.horizontalHeaderItem(1).text() == english["header"]
    assert view.info.text() == english["info"]
    assert view.members.item(0).text() == english["member"]


def test_progress_text_follows_language(qtbot, view):
    with qtbot.waitSignal(view.refitted, timeout=WAIT_MS):
        view.refit()
        i18n.set_language("zh_CN")
        assert view.info.text() == "正在启动分组…"
        assert view.cancel_button.text() == "取消"


def store_segments(database) -> None:
    """Store three segments of demo customers, as a fit or an older version would."""
    with database.session() as session:
        customers = [row.id for row in session.scalars(select(Customer))][:3]
        described = {"words": [["monetary", True], ["frequency", False]]}
        assignments = [
            SegmentAssignment(
                None, segment_label(described), {}, [customers[0]], described
            ),
            # Stored before descriptions were kept: the label reads back.
            SegmentAssignment(
                None, "Aged 25–34, from north east (2)", {}, [customers[1]]
            ),
            # A label that does not read back stays as stored.
            SegmentAssignment(None, "Ring", {}, [customers[2]]),
        ]
        summary = {
            "fitted_at": "2025-06-01T00:00:00",
            "customers": 3,
            "k": 3,
            "silhouette": None,
            "silhouettes": {},
            "fallback": None,
        }
        replace_segments(
            session, assignments, fitted_at=datetime(2025, 6, 1), fit_summary=summary
        )


def test_segment_labels_follow_language(qtbot, database):
    store_segments(database)
    view = SegmentsView(database)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.show()
    english = [view.table.item(row, 0).text() for row in range(3)]
    assert english == [
        "Big spenders, rare buyers",
        "Aged 25–34, from north east (2)",
        "Ring",
    ]

    i18n.set_language("zh_CN")
    chinese = [view.table.item(row, 0).text() for row in range(3)]
    i18n.set_language("en")

    assert chinese == ["高消费、少购买", "25–34 岁、来自 north east（2）", "Ring"]
    assert [view.table.item(row, 0).text() for row in range(3)] == english
    view.close()


@pytest.mark.usefixtures("qapp")
def test_segment_label_names_country():
    country = {"words": [["region_united_kingdom", True]]}
    unknown = {"words": [["region_north_east", True]]}

    assert segment_text("", country) == "From United Kingdom"
    assert segment_text("", unknown) == "From north east"
    i18n.set_language("zh_CN")
    assert segment_text("", country) == "来自 英国"
    assert segment_text("", unknown) == "来自 north east"


@pytest.mark.usefixtures("qapp")
def test_segment_label_names_category_and_material():
    description = {
        "words": [
            ["category_share_ring", True],
            ["material_share_gold_18k_yellow", True],
            ["material_share_leather", True],
        ]
    }
    imported = {"words": [["category_share_home_decor", True]]}

    assert segment_text("", description) == "Rings, 18k yellow gold, leather"
    i18n.set_language("zh_CN")
    try:
        assert segment_text("", description) == "戒指、18K 黄金、皮革"
        assert segment_text("", imported) == "home decor"
    finally:
        i18n.set_language("en")
