"""The "Customers like this one chose" box beside the ring on screen."""

import pytest
from PySide6.QtCore import Qt

from app.main_window import MainWindow
from tests.option_orders import MODEL_ID, place_segment_orders

WAIT_MS = 30_000


@pytest.fixture
def window(qtbot, catalog, database):
    """The main window on the wedding band, after the orders were placed."""
    place_segment_orders(database, catalog)
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.option_hints.hints_shown, timeout=WAIT_MS):
        window.show()
        window.open_model(MODEL_ID)
    yield window
    # A hint request still running would report to a closed window.
    if not window.option_hints.idle:
        qtbot.waitSignal(window.option_hints.hints_shown, timeout=WAIT_MS).wait()
    window.close()


def choose_customer(qtbot, window, customer_id):
    index = window.customer_box.findData(customer_id)
    assert index >= 0, customer_id
    window.customer_box.setCurrentIndex(index)
    with qtbot.waitSignal(window.option_hints.hints_shown, timeout=WAIT_MS):
        window.customer_box.activated.emit(index)


def hint_text(window, name):
    button = window.option_hints.buttons.get(name)
    return None if button is None else button.text()


def test_segment_favourite_metal_shown(qtbot, window):
    choose_customer(qtbot, window, "classic-1")

    assert hint_text(window, "metal") == "Metal: Platinum 950 — 100 %"
    assert "“Classic”" in window.option_hints.reason.text()
    assert window.option_hints.reason.text().endswith("(5 orders)")


def test_other_segment_sees_its_metal(qtbot, window):
    choose_customer(qtbot, window, "modern-1")

    assert hint_text(window, "metal").startswith("Metal: Sterling silver — ")


def test_no_consent_sees_popular(qtbot, window):
    choose_customer(qtbot, window, "nina")

    reason = window.option_hints.reason.text()
    assert reason.startswith("Popular with all customers")
    assert "Rose" not in hint_text(window, "metal")


def test_click_applies_and_undo_restores(qtbot, window):
    choose_customer(qtbot, window, "classic-1")
    before = window.session.values["metal"]
    button = window.option_hints.buttons["metal"]

    with qtbot.waitSignal(window.option_hints.hints_shown, timeout=WAIT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert window.session.values["metal"] == "platinum_950"
    assert "metal" in window.session.chosen
    assert "metal" not in window.option_hints.buttons
    with qtbot.waitSignal(window.option_hints.hints_shown, timeout=WAIT_MS):
        window.undo_action.trigger()
    assert window.session.values["metal"] == before
    assert "metal" not in window.session.chosen
    assert "metal" in window.option_hints.buttons


def test_withheld_value_never_shown(qtbot, window):
    choose_customer(qtbot, window, "modern-1")

    with qtbot.waitSignal(window.option_hints.hints_shown, timeout=WAIT_MS):
        window.set_value("depth", 1.2)

    assert "silver_925" in window.session.domains.withheld["metal"]
    assert hint_text(window, "metal").startswith("Metal: Titanium — ")


def test_buttons_have_accessible_names(qtbot, window):
    choose_customer(qtbot, window, "classic-1")

    for button in window.option_hints.buttons.values():
        assert button.accessibleName().startswith("Apply ")


def test_older_request_dropped(qtbot, window):
    box = window.option_hints
    shown = []
    box.hints_shown.connect(lambda: shown.append(hint_text(window, "metal")))

    box.refresh(window.session, "modern-1", "en")
    box.refresh(window.session, "classic-1", "en")
    qtbot.waitUntil(lambda: box.idle, timeout=WAIT_MS)

    assert shown == ["Metal: Platinum 950 — 100 %"]


def test_failure_shows_line_and_allows_changes(qtbot, window):
    with window.database.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE order_revisions")

    with qtbot.waitSignal(window.option_hints.hints_shown, timeout=WAIT_MS):
        window.set_value("metal", "titanium")

    status = window.option_hints.status.text()
    assert status == "Option suggestions are unavailable right now."
    assert window.option_hints.buttons == {}
    assert window.session.values["metal"] == "titanium"
    assert "Traceback" not in status
