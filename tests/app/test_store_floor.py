"""One customer's visit: a kiosk design, compared and ordered by sales staff."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton

from app.kiosk import KioskWindow
from app.main_window import MainWindow
from app.staff_gate import StaffGate
from designer import orders
from designer.designs import design_of
from designer.kiosk_designs import save_kiosk_design
from storage.order_schema import Order
from tests.app.conftest import WAIT_MS, point_on_part, text_in_chinese
from tests.staff import PASSWORD, USERNAMES, add_staff_accounts


def tap(widget) -> None:
    assert widget.isVisible(), f"{widget.objectName()} is not on screen"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def staffed(database):
    add_staff_accounts(database)
    return database


def test_kiosk_design_compared_and_ordered(qtbot, kiosk, catalog, staffed):
    # At the kiosk: a wider ring engraved 永恒, saved under a code.
    tap(kiosk.findChild(QPushButton, "kiosk_tile_ring-band"))
    tap(kiosk.findChild(QPushButton, "kiosk_plus_width"))
    kiosk.set_value("engraving", "永恒")
    with qtbot.waitSignal(kiosk.design_saved) as saved:
        tap(kiosk.findChild(QPushButton, "kiosk_save"))
    code = saved.args[0]
    assert kiosk.findChild(QLabel, "kiosk_code").text() == code

    # At the desk: sales staff sign in and open the design by its code.
    window = MainWindow(catalog, staffed, thumbnails=False)
    qtbot.addWidget(window)
    gate = StaffGate(window, staffed)
    window.show()
    gate.start()
    gate.dialog.username.setText(USERNAMES["sales"])
    gate.dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
        tap(gate.dialog.sign_in_button)
    window.set_customer("demo-02")
    assert window.open_kiosk_design(code.lower())
    assert window.session.values["engraving"] == "永恒"

    # The customer wants to see platinum, so staff show both rings side by side.
    platinum = dict(window.session.values, metal="platinum_950")
    other = save_kiosk_design(staffed, design_of(window.session.model, platinum))
    compare = window.open_compare()
    qtbot.addWidget(compare)
    left, right = compare.column("left"), compare.column("right")
    right.code_edit.setText(other)
    tap(right.code_button)
    qtbot.waitUntil(
        lambda: left.preview_is_current and right.preview_is_current,
        timeout=WAIT_MS,
    )
    assert left.session.values["metal"] != "platinum_950"
    assert right.session.values["metal"] == "platinum_950"

    # The customer takes the platinum ring, and staff order it.
    with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
        tap(right.use_button)
    dialog = window.open_order_dialog()
    qtbot.waitUntil(lambda: dialog.place_button.isEnabled(), timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.order_placed) as placed:
        tap(dialog.place_button)

    with staffed.session(readonly=True) as session:
        order = session.get(Order, placed.args[0])
        frozen = orders.frozen_design(session, order.id)
    assert order.customer_id == "demo-02"
    assert order.state == "confirmed"
    assert frozen.values["metal"] == "platinum_950"
    assert frozen.values["engraving"] == "永恒"
    assert frozen.values["width"] == 4.5


def kiosk_showing(qtbot, catalog, database, model_id: str) -> KioskWindow:
    """Open a kiosk on ``model_id`` and return it once its 3D view is drawn.

    The full price, measured after the frame, is shown by then too.
    """
    kiosk = KioskWindow(catalog, database, idle_timeout_ms=60_000)
    qtbot.addWidget(kiosk)
    kiosk.resize(1400, 950)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    signals = [kiosk.preview_updated, kiosk.price_measured]
    with qtbot.waitSignals(signals, timeout=WAIT_MS):
        tap(kiosk.findChild(QPushButton, f"kiosk_tile_{model_id}"))
    return kiosk


def test_kiosk_tap_on_part_names_its_material(qtbot, catalog, database):
    kiosk = kiosk_showing(qtbot, catalog, database, "ring-band")
    preview = kiosk.preview
    on_band = point_on_part(preview, "band")
    QTest.mouseClick(preview, Qt.MouseButton.LeftButton, pos=on_band)
    text = kiosk.notice.text()
    price = kiosk.price.text()
    catalog_total = kiosk.session.price().total
    kiosk.shutdown()
    assert text == "Metal: 18k yellow gold"
    # The measured price adds the gold and the tax to the catalog's lines.
    amount = float(price.split()[-1].replace(",", ""))
    assert amount > float(catalog_total)
    assert "materials" not in price


def test_kiosk_reports_a_failed_build(qtbot, catalog, database):
    kiosk = KioskWindow(catalog, database, idle_timeout_ms=60_000)
    qtbot.addWidget(kiosk)
    kiosk.show()
    with qtbot.waitSignal(kiosk.preview_updated, timeout=WAIT_MS):
        tap(kiosk.findChild(QPushButton, "kiosk_tile_ring-band"))
    dimensions = kiosk.session.dimensions()
    dimensions["depth"] = -1.0
    kiosk._request += 1
    with qtbot.waitSignal(kiosk.worker.failed, timeout=WAIT_MS):
        kiosk.worker.request(
            kiosk._request, (kiosk.session.model.generator, dimensions, True)
        )
        kiosk.building_note.build_started()
    waiting = kiosk.building_note.waiting
    text = kiosk.notice.text()
    # A language switch words the notice again.
    chinese = text_in_chinese(kiosk.notice)
    english = kiosk.notice.text()
    kiosk.shutdown()
    assert not waiting
    assert "The preview could not be built" in text
    assert "depth" in text
    assert chinese.startswith("无法生成预览：")
    assert "depth" in chinese
    assert english == text


def test_kiosk_tap_on_laces_shows_lace_colour(qtbot, catalog, database):
    kiosk = kiosk_showing(qtbot, catalog, database, "shoe-sneaker")
    preview = kiosk.preview
    # The laces are thin, so the scan takes every fourth pixel.
    on_laces = point_on_part(preview, "laces", step=4)
    QTest.mouseClick(preview, Qt.MouseButton.LeftButton, pos=on_laces)
    text = kiosk.notice.text()
    lace_editor = kiosk.editors["lace_colour"]
    viewport = kiosk.editor_scroll.viewport()
    corner = lace_editor.mapTo(viewport, QPoint(0, 0))
    in_view = viewport.rect().contains(corner)
    kiosk.shutdown()
    assert text == "Lace colour: White"
    assert in_view
