"""Revising a draft or quoted order's design from the monitor, in the studio."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import i18n
from app.monitor import ProductionMonitor
from designer import orders
from designer.order_design import freeze_design
from designer.store import load_store_settings
from storage.staff import sign_in
from tests.app.conftest import WAIT_MS, frozen_example, wait_for_newest_preview
from tests.staff import PASSWORD, add_staff_accounts


@pytest.fixture
def placed(database, catalog):
    """A quoted ring, a confirmed ring and a draft table, by state."""
    ring = frozen_example(catalog, "ring-band")
    table = frozen_example(catalog, "table-dining")
    with database.session() as session:
        quoted = orders.place_order(session, "demo", ring, "ana", confirm=False)
        confirmed = orders.place_order(session, "demo", ring, "ana")
        draft = orders.create_order(session, "demo", table, "ana")
        return {"quoted": quoted.id, "confirmed": confirmed.id, "draft": draft.id}


@pytest.fixture
def monitor(window, placed):
    del placed
    return window.open_monitor()


def _row_total(monitor, order_id) -> str:
    row = monitor.order_ids().index(order_id)
    return monitor.orders_table.item(row, 5).text()


def _open_for_revision(qtbot, window, monitor, order_id) -> None:
    monitor.select_order(order_id)
    wait_for_newest_preview(
        qtbot,
        window,
        lambda: qtbot.mouseClick(monitor.revise_button, Qt.MouseButton.LeftButton),
    )


def test_revise_button_follows_state(monitor, placed):
    expected = {"quoted": True, "draft": True, "confirmed": False}
    for name, enabled in expected.items():
        monitor.select_order(placed[name])
        assert monitor.revise_button.isEnabled() is enabled, name


def test_revise_button_needs_orders_role(qtbot, database, placed):
    add_staff_accounts(database)
    expected = {"dee": False, "ana": True}
    for username, enabled in expected.items():
        staff = sign_in(database, username, PASSWORD)
        monitor = ProductionMonitor(database, staff=staff)
        qtbot.addWidget(monitor)
        monitor.select_order(placed["quoted"])
        assert monitor.revise_button.isEnabled() is enabled, username
        if not enabled:
            assert not monitor.revise_selected()
            assert "designer" in monitor.message.text()
        monitor.close()


def test_revise_and_save_updates_row(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    before = _row_total(monitor, order_id)
    _open_for_revision(qtbot, window, monitor, order_id)

    revision = window.order_revision
    assert revision.order_id == order_id
    assert window.session.model.id == "ring-band"
    assert window.session.values["width"] == 4.0
    assert revision.banner.isVisible()
    assert order_id in revision.banner.text()
    assert revision.save_button.text() == f"Save to order {order_id}"
    assert revision.save_button.isEnabled()

    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 5.0))
    with database.session(readonly=True) as session:
        settings = load_store_settings(session)
    expected = freeze_design(window.session, settings).price
    with qtbot.waitSignal(revision.saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(revision.save_button, Qt.MouseButton.LeftButton)

    result = saved.args[0]
    assert result.changed
    assert result.revision == 2
    assert result.total == expected.total
    assert _row_total(monitor, order_id) == f"{expected.total} {expected.currency}"
    assert _row_total(monitor, order_id) != before
    monitor.select_order(order_id)
    history = [monitor.history.item(i).text() for i in range(monitor.history.count())]
    assert any(f"revision 2, total {expected.total}" in text for text in history)
    assert f"Saved to order {order_id}" in window.statusBar().currentMessage()


def test_save_after_confirmation_keeps_design(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    _open_for_revision(qtbot, window, monitor, order_id)
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 5.0))
    with database.session() as session:
        orders.transition(session, order_id, "confirmed", "bo")

    revision = window.order_revision
    with qtbot.waitSignal(revision.failed, timeout=WAIT_MS) as failed:
        assert revision.save()

    assert "is confirmed, so its design is frozen" in failed.args[0]
    assert "is confirmed, so its design is frozen" in window.last_message
    assert "nothing is lost" in window.last_message
    assert window.session.values["width"] == 5.0
    assert revision.order_id == order_id
    assert revision.banner.isVisible()
    with database.session(readonly=True) as session:
        stored = orders.frozen_design(session, order_id)
    assert stored.values["width"] == 4.0


def test_broken_design_cannot_be_saved(qtbot, window, monitor, placed):
    _open_for_revision(qtbot, window, monitor, placed["quoted"])
    revision = window.order_revision
    window.set_value("depth", 1.2)
    window.set_value("engraving", "Love")

    assert not window.session.orderable
    assert not revision.save_button.isEnabled()
    assert not revision.save_action.isEnabled()
    assert revision.save_button.toolTip() == "Fix the errors listed before saving"
    rules = [
        window.violations.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(window.violations.count())
    ]
    assert "engraving-depth" in rules


def test_other_design_ends_revision(qtbot, window, monitor, placed):
    _open_for_revision(qtbot, window, monitor, placed["draft"])
    revision = window.order_revision
    assert window.session.model.id == "table-dining"
    assert revision.banner.isVisible()

    wait_for_newest_preview(qtbot, window, lambda: window.open_model("ring-band"))

    assert revision.order_id is None
    assert not revision.banner.isVisible()
    assert not revision.save_button.isVisible()
    assert not revision.save()


def test_confirmed_order_cannot_open(window, placed):
    assert not window.revise_order(placed["confirmed"])
    assert window.order_revision.order_id is None
    assert "is confirmed, so its design is frozen" in window.last_message


def test_revision_texts_follow_language(qtbot, window, monitor, placed):
    order_id = placed["quoted"]
    _open_for_revision(qtbot, window, monitor, order_id)
    revision = window.order_revision
    try:
        i18n.set_language("zh_CN")
        assert monitor.revise_button.text() == "修改设计…"
        assert revision.save_button.text() == f"保存到订单 {order_id}"
        assert revision.save_action.text() == f"保存到订单 {order_id}"
        assert f"正在修改订单 {order_id}（已报价，第 1 版）" in revision.banner.text()
    finally:
        i18n.set_language("en")
    assert revision.save_button.text() == f"Save to order {order_id}"
