"""Revising a draft or quoted order's design from the monitor, in the studio."""

from __future__ import annotations

import ctypes
import re
import sqlite3
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from app import i18n
from app.domain_text import error_text
from app.main_window import PRODUCT_ROLE
from app.monitor import ProductionMonitor
from app.order_revision import OrderRevision
from app.staff_gate import StaffGate
from designer import orders
from designer.order_design import freeze_design
from designer.order_revision import open_order_design, save_order_design
from designer.store import load_store_settings
from resources import EXAMPLES_DIR
from storage.staff import sign_in
from tests.app.conftest import WAIT_MS, frozen_example, wait_for_newest_preview
from tests.old_designs import cabinet_before_handles
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
def gate(window, database):
    """A staff gate on the window, with a sales member signed in."""
    add_staff_accounts(database)
    gate = StaffGate(window, database)
    gate.accept_session(sign_in(database, "ana", PASSWORD))
    return gate


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


def _open_with_wider_band(qtbot, window, monitor, order_id) -> None:
    """Open ``order_id``'s ring for revision and widen its band to 5 mm."""
    _open_for_revision(qtbot, window, monitor, order_id)
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 5.0))


def _answer_question(button: str | None) -> list[str]:
    """Click ``button`` of the next unsaved-changes question; return its texts.

    ``None`` presses Escape instead.
    """
    asked: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "unsaved_question":
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        if button is None:
            QTest.keyClick(box, Qt.Key.Key_Escape)
        else:
            box.findChild(QPushButton, button).click()

    QTimer.singleShot(0, click)
    return asked


def _record_questions(monkeypatch, answer: str) -> list[str]:
    """Answer every unsaved-changes question with ``answer``, without showing it.

    For tests where a question would be a bug, because a modal box left
    open would block the test.
    """
    asked: list[str] = []

    def record(_revision, box, _save) -> str:
        asked.append(box.text())
        box.deleteLater()
        return answer

    monkeypatch.setattr(OrderRevision, "_answer", record)
    return asked


class _XClientMessageEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _XClientMessageEvent), ("pad", ctypes.c_long * 24)]


def _close_from_title_bar(window) -> None:
    """Ask X to close ``window``, as a window manager's close button does.

    Qt delivers the close event as spontaneous, unlike ``window.close()``.
    """
    if QApplication.platformName() != "xcb":
        pytest.skip("closing from the title bar needs an X server")
    xlib = ctypes.CDLL("libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    xlib.XSendEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(_XEvent),
    ]
    xlib.XFlush.argtypes = [ctypes.c_void_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = xlib.XOpenDisplay(None)
    assert display, "no X display"
    try:
        event = _XEvent()
        event.xclient.type = 33  # ClientMessage
        event.xclient.window = int(window.winId())
        event.xclient.message_type = xlib.XInternAtom(display, b"WM_PROTOCOLS", 0)
        event.xclient.format = 32
        event.xclient.data[0] = xlib.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
        xlib.XSendEvent(display, int(window.winId()), 0, 0, ctypes.byref(event))
        xlib.XFlush(display)
    finally:
        xlib.XCloseDisplay(display)


def _pick_product(window, product: str) -> None:
    """Select ``product`` in the catalog list, as a click on it does."""
    rows = range(window.catalog_list.count())
    items = [window.catalog_list.item(row).data(PRODUCT_ROLE) for row in rows]
    window.catalog_list.setCurrentRow(items.index(product))


def _shown_product(window) -> str:
    return window.catalog_list.currentItem().data(PRODUCT_ROLE)


def _save_elsewhere(database, catalog, order_id, width: float) -> None:
    """Save a revision of ``order_id`` with ``width`` as another till does."""
    other = open_order_design(database, catalog, order_id, staff=None)
    other.session.set_value("width", width)
    save_order_design(database, order_id, other.session, staff=None)


def _stored_width(database, order_id) -> float:
    with database.session(readonly=True) as session:
        return orders.frozen_design(session, order_id).values["width"]


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
    _open_with_wider_band(qtbot, window, monitor, order_id)
    with database.session() as session:
        orders.transition(session, order_id, "confirmed", "bo")

    revision = window.order_revision
    with qtbot.waitSignal(revision.failed, timeout=WAIT_MS) as failed:
        assert revision.save()

    assert "is confirmed now" in failed.args[0]
    assert "is confirmed now" in window.last_message
    assert "Save design" in window.last_message
    assert "Cancel or refund" not in window.last_message
    assert window.session.values["width"] == 5.0
    assert revision.order_id == order_id
    assert revision.banner.isVisible()
    assert "confirmed" in revision.banner.text()
    assert "quoted" not in revision.banner.text()
    assert not revision.save_button.isEnabled()
    assert not revision.save_action.isEnabled()
    assert "can no longer change" in revision.save_button.toolTip()
    assert not revision.save()
    assert _stored_width(database, order_id) == 4.0


def test_save_after_other_revision(qtbot, window, monitor, database, catalog, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    _save_elsewhere(database, catalog, order_id, width=4.5)

    revision = window.order_revision
    with qtbot.waitSignal(revision.failed, timeout=WAIT_MS):
        assert revision.save()

    assert "replaces the design on screen" in window.last_message
    assert "Save it again to store it as revision 3" in window.last_message
    assert "revision 2" in revision.banner.text()
    assert revision.save_button.isEnabled()
    assert revision.save_button.text() == f"Save as revision 3 of order {order_id}"
    assert window.session.values["width"] == 5.0
    assert _stored_width(database, order_id) == 4.5

    # Saving over the other revision keeps the edits and adds revision 3.
    with qtbot.waitSignal(revision.saved, timeout=WAIT_MS):
        assert revision.save()
    assert _stored_width(database, order_id) == 5.0
    with database.session(readonly=True) as session:
        assert orders.get_order(session, order_id).revision == 3
        widths = [
            orders.frozen_design(session, order_id, revision=number).values["width"]
            for number in (1, 2, 3)
        ]
    assert widths == [4.0, 4.5, 5.0]
    assert revision.conflict is None
    assert revision.save_button.text() == f"Save to order {order_id}"
    assert "Revising order" in revision.banner.text()


def test_locked_database_fails_fast(qtbot, window, monitor, database, placed, tmp_path):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision
    till = sqlite3.connect(tmp_path / "studio.db", timeout=0, isolation_level=None)
    till.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with qtbot.waitSignal(revision.failed, timeout=WAIT_MS):
            assert revision.save()
            assert revision.save_button.text() == f"Saving to order {order_id}…"
            assert not revision.save_button.isEnabled()
            assert "Saving" in window.statusBar().currentMessage()
        elapsed = time.monotonic() - started
    finally:
        till.execute("ROLLBACK")
        till.close()

    # The window's budget is 3 waits of 1.5 s; the default one took minutes.
    assert elapsed < 10
    assert "another till or kiosk is writing" in window.last_message
    assert "retries" not in window.last_message
    assert revision.save_button.isEnabled()
    assert revision.save_button.text() == f"Save to order {order_id}"
    assert window.session.values["width"] == 5.0
    with qtbot.waitSignal(revision.saved, timeout=WAIT_MS):
        assert revision.save()
    assert _stored_width(database, order_id) == 5.0


def test_catalog_pick_cancel_keeps_edits(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision

    asked = _answer_question("cancel_button")
    _pick_product(window, "table-dining")

    assert len(asked) == 1
    assert order_id in asked[0]
    assert window.session.model.id == "ring-band"
    assert window.session.values["width"] == 5.0
    assert _shown_product(window) == "ring-band"
    assert revision.order_id == order_id
    assert window.undo_action.isEnabled()


def test_catalog_pick_discard_opens(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)

    asked = _answer_question("discard_button")
    wait_for_newest_preview(
        qtbot,
        window,
        lambda: _pick_product(window, "table-dining"),
    )

    assert len(asked) == 1
    assert window.session.model.id == "table-dining"
    assert window.order_revision.order_id is None
    assert _stored_width(database, order_id) == 4.0


def test_catalog_pick_saves_then_opens(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision

    asked = _answer_question("save_button")
    with qtbot.waitSignal(revision.saved, timeout=WAIT_MS):
        _pick_product(window, "table-dining")
        # Until the save ends, the revision stays on screen.
        assert window.session.model.id == "ring-band"
        assert _shown_product(window) == "ring-band"
    qtbot.waitUntil(lambda: window.session.model.id == "table-dining", timeout=WAIT_MS)

    assert len(asked) == 1
    assert _stored_width(database, order_id) == 5.0
    assert revision.order_id is None


def test_unchanged_revision_asks_nothing(qtbot, window, monitor, placed):
    _open_with_wider_band(qtbot, window, monitor, placed["quoted"])
    # Back to the stored value: nothing is left to save.
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 4.0))

    wait_for_newest_preview(
        qtbot,
        window,
        lambda: _pick_product(window, "table-dining"),
    )

    assert window.session.model.id == "table-dining"


def test_revise_same_order_again_keeps_edits(
    qtbot, window, monitor, placed, monkeypatch
):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    asked = _record_questions(monkeypatch, "discard")

    monitor.select_order(order_id)
    qtbot.mouseClick(monitor.revise_button, Qt.MouseButton.LeftButton)

    assert asked == []
    assert window.session.values["width"] == 5.0
    assert window.order_revision.order_id == order_id


def test_revise_again_after_newer_revision_opens_it(
    qtbot, window, monitor, database, catalog, placed, monkeypatch
):
    order_id = placed["quoted"]
    _open_for_revision(qtbot, window, monitor, order_id)
    _save_elsewhere(database, catalog, order_id, width=4.5)
    asked = _record_questions(monkeypatch, "cancel")

    monitor.select_order(order_id)
    wait_for_newest_preview(
        qtbot,
        window,
        lambda: qtbot.mouseClick(monitor.revise_button, Qt.MouseButton.LeftButton),
    )

    assert asked == []
    assert window.session.values["width"] == 4.5
    assert window.order_revision.opened.revision == 2


def _conflict_then_confirmation(qtbot, window, monitor, database, catalog, order_id):
    """Save after a newer revision, then after confirmation; return both errors."""
    _open_with_wider_band(qtbot, window, monitor, order_id)
    _save_elsewhere(database, catalog, order_id, width=4.5)
    revision = window.order_revision
    with qtbot.waitSignal(revision.failed, timeout=WAIT_MS):
        assert revision.save()
    newer = revision.conflict
    with database.session() as session:
        orders.transition(session, order_id, "confirmed", "bo")
    with qtbot.waitSignal(revision.failed, timeout=WAIT_MS):
        assert revision.save()
    return newer, revision.conflict


def test_confirmed_after_conflict_button_names_no_revision(
    qtbot, window, monitor, database, catalog, placed
):
    order_id = placed["quoted"]
    _conflict_then_confirmation(qtbot, window, monitor, database, catalog, order_id)
    revision = window.order_revision

    assert not revision.save_button.isEnabled()
    assert revision.save_button.text() == f"Save to order {order_id}"
    assert "is confirmed now" in revision.save_button.toolTip()


def _lower_case_sentences(text: str) -> list[str]:
    sentences = re.split(r"(?<=[.。])\s*", text)
    return [sentence for sentence in sentences if sentence[:1].islower()]


def test_conflict_sentences_capitalised(
    qtbot, window, monitor, database, catalog, placed
):
    order_id = placed["quoted"]
    conflicts = _conflict_then_confirmation(
        qtbot, window, monitor, database, catalog, order_id
    )

    newer, confirmed = (error_text(conflict) for conflict in conflicts)
    assert newer.startswith(f"Order {order_id} changed since")
    assert confirmed.startswith(f"Order {order_id} is confirmed now")
    i18n.set_language("zh_CN")
    try:
        chinese = [error_text(conflict) for conflict in conflicts]
    finally:
        i18n.set_language("en")
    for text in (newer, confirmed, *chinese):
        assert _lower_case_sentences(text) == [], text
    assert all(text.startswith(f"订单 {order_id} ") for text in chinese)


def test_revise_other_order_asks(qtbot, window, monitor, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)

    asked = _answer_question("cancel_button")
    monitor.select_order(placed["draft"])
    qtbot.mouseClick(monitor.revise_button, Qt.MouseButton.LeftButton)

    assert len(asked) == 1
    assert window.order_revision.order_id == order_id
    assert window.session.values["width"] == 5.0


def test_revise_over_unsaved_design_asks(qtbot, window, placed):
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 5.0))

    asked = _answer_question("cancel_button")
    assert not window.revise_order(placed["draft"])
    assert len(asked) == 1
    assert window.session.model.id == "ring-band"
    assert window.session.values["width"] == 5.0

    asked = _answer_question("discard_button")
    wait_for_newest_preview(qtbot, window, lambda: window.revise_order(placed["draft"]))
    assert len(asked) == 1
    assert window.session.model.id == "table-dining"
    assert window.order_revision.order_id == placed["draft"]


def test_title_bar_close_asks_first(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision

    asked = _answer_question(None)
    _close_from_title_bar(window)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT_MS)

    assert f"not saved to order {order_id}" in asked[0]
    assert "before closing?" in asked[0]
    assert window.isVisible()
    assert window.session.values["width"] == 5.0
    assert revision.order_id == order_id
    assert revision.unsaved
    assert _stored_width(database, order_id) == 4.0


def test_quit_cancel_keeps_window(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision

    asked = _answer_question("cancel_button")
    assert not window.quit()

    assert len(asked) == 1
    assert window.isVisible()
    assert window.session.values["width"] == 5.0
    assert revision.order_id == order_id
    assert revision.banner.isVisible()
    assert window.undo_action.isEnabled()
    assert _stored_width(database, order_id) == 4.0


def test_quit_discard_closes(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)

    asked = _answer_question("discard_button")
    window.quit_action.trigger()

    assert len(asked) == 1
    assert not window.isVisible()
    assert _stored_width(database, order_id) == 4.0


def test_quit_saves_then_closes(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision

    asked = _answer_question("save_button")
    with qtbot.waitSignal(revision.saved, timeout=WAIT_MS):
        assert not window.quit()
        # Until the save ends, the window stays open.
        assert window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)

    assert len(asked) == 1
    assert _stored_width(database, order_id) == 5.0
    with database.session(readonly=True) as session:
        assert orders.get_order(session, order_id).revision == 2


def test_quit_save_failure_keeps_window(qtbot, window, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    with database.session() as session:
        orders.transition(session, order_id, "confirmed", "bo")
    revision = window.order_revision

    asked = _answer_question("save_button")
    with qtbot.waitSignal(revision.failed, timeout=WAIT_MS):
        assert not window.quit()
    qtbot.wait(100)

    assert len(asked) == 1
    assert window.isVisible()
    assert "is confirmed now" in window.last_message
    assert "What was to follow the save did not happen" in window.last_message
    assert window.session.values["width"] == 5.0
    assert revision.order_id == order_id
    assert _stored_width(database, order_id) == 4.0


def test_close_from_code_asks_nothing(qtbot, window, monitor, placed, monkeypatch):
    # The fixtures' teardown closes the window this way.
    _open_with_wider_band(qtbot, window, monitor, placed["quoted"])
    asked = _record_questions(monkeypatch, "cancel")

    window.close()

    assert asked == []
    assert not window.isVisible()


def test_quit_unsaved_design_offers_a_file(qtbot, window):
    # A clean exit deletes the autosave, so a design that is not a revision
    # is offered to be saved as a file first.
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 5.0))
    assert window.has_unsaved_design()

    asked = _answer_question("cancel_button")
    assert not window.quit()
    assert asked == [
        "The design on screen has changes that are not saved. Save it as a "
        "file before closing?"
    ]
    assert window.isVisible()
    assert window.session.values["width"] == 5.0

    asked = _answer_question("discard_button")
    assert window.quit()
    assert len(asked) == 1
    assert not window.isVisible()


def test_quit_clean_design_asks_nothing(qtbot, window, monkeypatch):
    assert not window.has_unsaved_design()
    asked = _record_questions(monkeypatch, "cancel")

    assert window.quit()

    assert asked == []
    assert not window.isVisible()


def test_second_quit_during_save_asks_nothing(
    qtbot, window, monitor, placed, database, monkeypatch
):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision
    asked = _answer_question("save_button")
    with qtbot.waitSignal(revision.saved, timeout=WAIT_MS):
        assert not window.quit()
        # The first quit waits for its save; a second one must not ask
        # again, or Cancel there would contradict it.
        again = _record_questions(monkeypatch, "cancel")
        assert not window.quit()
        assert again == []
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)

    assert len(asked) == 1
    assert _stored_width(database, order_id) == 5.0


def test_sign_out_cancel_keeps_revision(qtbot, window, gate, monitor, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)

    asked = _answer_question("cancel_button")
    gate.sign_out()

    assert len(asked) == 1
    assert f"not saved to order {order_id}" in asked[0]
    assert "before signing out" in asked[0]
    assert window.staff is not None
    assert gate.dialog is None
    assert window.session.values["width"] == 5.0
    assert window.order_revision.order_id == order_id


def test_sign_out_discard_ends_revision(qtbot, window, gate, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)

    asked = _answer_question("discard_button")
    gate.sign_out()

    assert len(asked) == 1
    assert window.staff is None
    assert window.order_revision.order_id is None
    assert _stored_width(database, order_id) == 4.0


def test_sign_out_saves_then_signs_out(qtbot, window, gate, monitor, database, placed):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision

    asked = _answer_question("save_button")
    with qtbot.waitSignal(revision.saved, timeout=WAIT_MS):
        gate.sign_out()
        # Until the save ends, the session stays.
        assert window.staff is not None
    qtbot.waitUntil(lambda: window.staff is None, timeout=WAIT_MS)

    assert len(asked) == 1
    assert _stored_width(database, order_id) == 5.0
    assert revision.order_id is None


def test_sign_out_waits_for_running_save(
    qtbot, window, gate, monitor, database, placed, monkeypatch
):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision
    asked = _record_questions(monkeypatch, "discard")

    with qtbot.waitSignal(revision.saved, timeout=WAIT_MS):
        assert revision.save()
        # Discarding could not stop the save, so nothing is asked.
        gate.sign_out()
        assert window.staff is not None
    qtbot.waitUntil(lambda: window.staff is None, timeout=WAIT_MS)

    assert asked == []
    assert _stored_width(database, order_id) == 5.0


def test_quit_replaces_sign_out_waiting_for_save(
    qtbot, window, gate, monitor, placed, monkeypatch
):
    _open_with_wider_band(qtbot, window, monitor, placed["quoted"])
    asked = _answer_question("save_button")
    with qtbot.waitSignal(window.order_revision.saved, timeout=WAIT_MS):
        gate.sign_out()
        assert len(asked) == 1
        again = _record_questions(monkeypatch, "cancel")
        assert not window.quit()
        # A later sign-out does not undo the quit.
        gate.sign_out()
        assert again == []
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)


def test_expiry_during_sign_out_save_keeps_window(
    qtbot, window, gate, monitor, database, placed
):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    revision = window.order_revision

    asked = _answer_question("save_button")
    gate.sign_out()
    assert len(asked) == 1
    # The session ends before the save reports, which can only happen
    # through the event loop, after this.
    gate.session_expired()
    expired_dialog = gate.dialog
    assert expired_dialog is not None
    qtbot.waitUntil(lambda: not revision.saving, timeout=WAIT_MS)

    # Whether the save ran before the session ended or was refused after
    # it, the window stays behind the sign-in with the design on screen.
    assert window.isVisible()
    assert gate.dialog is expired_dialog
    assert expired_dialog.isVisible()
    assert window.session.values["width"] == 5.0


def test_edits_after_conflict_count_as_unsaved(
    qtbot, window, gate, monitor, database, catalog, placed, monkeypatch
):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    _save_elsewhere(database, catalog, order_id, width=4.5)
    revision = window.order_revision
    with qtbot.waitSignal(revision.failed, timeout=WAIT_MS):
        assert revision.save()
    # Back to the values first opened, which the order no longer holds.
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 4.0))

    asked = _record_questions(monkeypatch, "cancel")
    gate.sign_out()

    assert len(asked) == 1
    assert window.staff is not None


def test_confirmed_order_offers_a_file_at_sign_out(
    qtbot, window, gate, monitor, database, placed, monkeypatch
):
    order_id = placed["quoted"]
    _open_with_wider_band(qtbot, window, monitor, order_id)
    with database.session() as session:
        orders.transition(session, order_id, "confirmed", "ana")
    revision = window.order_revision
    with qtbot.waitSignal(revision.failed, timeout=WAIT_MS):
        assert revision.save()

    asked = _record_questions(monkeypatch, "cancel")
    gate.sign_out()

    assert len(asked) == 1
    assert f"Order {order_id} is confirmed now" in asked[0]
    assert "Save the design as a file first?" in asked[0]
    assert window.staff is not None


def test_role_without_orders_cannot_save(
    qtbot, window, gate, monitor, database, placed
):
    _open_with_wider_band(qtbot, window, monitor, placed["quoted"])
    revision = window.order_revision
    gate.session_expired()
    gate.accept_session(sign_in(database, "dee", PASSWORD))

    assert not revision.save_button.isEnabled()
    assert "Your role does not include orders" in revision.save_button.toolTip()


def test_sign_out_on_locked_database_locks_window(
    qtbot, window, gate, database, tmp_path
):
    till = sqlite3.connect(tmp_path / "studio.db", timeout=0, isolation_level=None)
    till.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        gate.sign_out()
        elapsed = time.monotonic() - started
    finally:
        till.execute("ROLLBACK")
        till.close()

    assert elapsed < 10
    assert window.staff is None
    assert gate.dialog is not None and gate.dialog.isVisible()


def test_sign_out_asks_nothing_without_changes(
    qtbot, window, gate, monitor, placed, monkeypatch
):
    _open_for_revision(qtbot, window, monitor, placed["quoted"])
    asked = _record_questions(monkeypatch, "cancel")

    gate.sign_out()

    assert asked == []
    assert window.staff is None


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
        wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 5.0))
        with qtbot.waitSignal(revision.saved, timeout=WAIT_MS):
            assert revision.save()
        monitor.select_order(order_id)
        items = [monitor.history.item(i) for i in range(monitor.history.count())]
        notes = [item.text() for item in items if "在工作室中修改了设计" in item.text()]
        assert len(notes) == 1
        assert all(item.toolTip() == item.text() for item in items)
    finally:
        i18n.set_language("en")
    assert revision.save_button.text() == f"Save to order {order_id}"


def test_old_order_names_filled_option(qtbot, window, database, catalog):
    older = cabinet_before_handles(frozen_example(catalog, "cabinet"))
    with database.session() as session:
        order_id = orders.place_order(session, "demo", older, "ana", confirm=False).id
    monitor = window.open_monitor()

    _open_for_revision(qtbot, window, monitor, order_id)

    assert window.session.model.id == "cabinet"
    assert window.session.values["handle"] == "bar"
    assert window.notice.text().startswith(
        "This order was placed before 'Handles' was offered; set to steel bar pulls."
    )
    assert "The price now includes Handles or push latches EUR" in window.notice.text()
    try:
        i18n.set_language("zh_CN")
        assert window.notice.text().startswith(
            "此订单下单时尚未提供“拉手”选项；已设为钢制条形拉手。"
        )
        assert "价格现已包含拉手或按压开启器 EUR" in window.notice.text()
    finally:
        i18n.set_language("en")


def _save_revision(qtbot, window) -> int:
    """Save the design on screen to the order being revised, and return the
    revision stored."""
    revision = window.order_revision
    with qtbot.waitSignal(revision.saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(revision.save_button, Qt.MouseButton.LeftButton)
    return saved.args[0].revision


def _stored_design(database, order_id):
    with database.session(readonly=True) as session:
        return orders.frozen_design(session, order_id)


def test_revision_keeps_filled_options(qtbot, window, database):
    # The cabinet example's file has no handle, so the window fills it in,
    # and a quote placed from the window names it.
    path = EXAMPLES_DIR / "cabinet.json"
    wait_for_newest_preview(qtbot, window, lambda: window.open_design(path))
    assert window.filled_options() == ("handle",)
    dialog = window.open_order_dialog()
    dialog.confirm_box.setChecked(False)
    qtbot.waitUntil(lambda: dialog.place_button.isEnabled(), timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.order_placed) as placed:
        qtbot.mouseClick(dialog.place_button, Qt.MouseButton.LeftButton)
    order_id = placed.args[0]
    dialog.close()
    assert _stored_design(database, order_id).filled == ("handle",)

    _open_for_revision(qtbot, window, window.open_monitor(), order_id)
    assert window.order_revision.order_id == order_id
    assert window.filled_options() == ("handle",)
    # The order's price already includes the handle it was placed with.
    assert window.notice.text() == (
        "This order was placed without choosing 'Handles'; it is set to steel "
        "bar pulls, as in the order's price."
    )
    try:
        i18n.set_language("zh_CN")
        assert window.notice.text() == (
            "此订单下单时未选择“拉手”选项；已设为钢制条形拉手，订单价格即按此计算。"
        )
    finally:
        i18n.set_language("en")
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 900))
    assert _save_revision(qtbot, window) == 2

    stored = _stored_design(database, order_id)
    assert stored.values["width"] == 900
    assert stored.values["handle"] == "bar"
    assert stored.filled == ("handle",)
    # A later save of the same revision keeps them too, until the handle is
    # chosen.
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 850))
    assert _save_revision(qtbot, window) == 3
    assert _stored_design(database, order_id).filled == ("handle",)
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("handle", "knob"))
    assert _save_revision(qtbot, window) == 4
    assert _stored_design(database, order_id).filled == ()


def test_old_order_revision_keeps_new_options(qtbot, window, database, catalog):
    older = cabinet_before_handles(frozen_example(catalog, "cabinet"))
    with database.session() as session:
        order_id = orders.place_order(session, "demo", older, "ana", confirm=False).id
    _open_for_revision(qtbot, window, window.open_monitor(), order_id)
    wait_for_newest_preview(qtbot, window, lambda: window.set_value("width", 900))

    assert _save_revision(qtbot, window) == 2

    stored = _stored_design(database, order_id)
    assert stored.values["handle"] == "bar"
    assert stored.filled == ("handle",)
