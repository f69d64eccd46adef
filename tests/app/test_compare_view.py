"""Two designs side by side, as sales staff show them to a customer."""

import json
import re
import shutil

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from app import i18n
from app.compare_view import DIFFERENT_BACKGROUND, DIFFERENT_ROLE, copy_session
from app.live_price import PriceState
from app.main_window import MainWindow
from designer.designs import design_of, read_design, write_design
from designer.kiosk_designs import save_kiosk_design
from designer.store import StoreSettings, save_store_settings
from resources import EXAMPLES_DIR
from tests.app.conftest import (
    WAIT_MS,
    old_cabinet_notice,
    price_text,
    quoted_total,
    settle_background_jobs,
    text_in_chinese,
    wait_for_newest_preview,
)
from tests.images import image_colours

# The price label's colours: grey until the price is of the design on screen.
GREY = "#707070"
BLACK = "#202020"


def platinum_ring(window):
    """Return the values of the ring on screen in platinum and 6 mm wide."""
    assert window.session.model.id == "ring-band"
    values = dict(window.session.values)
    assert values["metal"] != "platinum_950"
    assert values["width"] != 6.0
    values.update(metal="platinum_950", width=6.0)
    return values


def wait_for_previews(qtbot, compare):
    left, right = compare.column("left"), compare.column("right")
    qtbot.waitUntil(
        lambda: left.preview_is_current and right.preview_is_current,
        timeout=WAIT_MS,
    )


def wait_for_prices(qtbot, compare):
    """Wait until both columns show the full price of the design on screen."""

    def measured(column) -> bool:
        state = column.live_price.shown(column.session)[1]
        return column.preview_is_current and state is PriceState.MEASURED

    left, right = compare.column("left"), compare.column("right")
    qtbot.waitUntil(lambda: measured(left) and measured(right), timeout=WAIT_MS)


def compare_with_file(qtbot, window, path):
    """Open the compare window with the studio's design on the left and the
    design file ``path`` on the right, and wait for both previews."""
    compare = window.open_compare()
    qtbot.addWidget(compare)
    assert compare.column("right").open_file(path)
    wait_for_previews(qtbot, compare)
    # qtbot closes the window after the test, which deletes it.
    return compare


@pytest.fixture
def compare(qtbot, window, tmp_path):
    """The studio's ring on the left and a platinum 6 mm ring on the right."""
    path = tmp_path / "platinum.json"
    write_design(design_of(window.session.model, platinum_ring(window)), path)
    return compare_with_file(qtbot, window, path)


def test_both_previews_render(compare):
    images = [compare.column(side).preview.grab_image() for side in ("left", "right")]
    for image in images:
        assert not image.isNull()
        assert image_colours(image) > 50
    assert images[0] != images[1]


def test_differing_rows_are_marked(compare):
    for side in ("left", "right"):
        column = compare.column(side)
        assert sorted(column.differing_parameters()) == ["metal", "width"]
        table = column.table
        for row in range(table.rowCount()):
            name = table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            value_item = table.item(row, 1)
            marked = name in ("metal", "width")
            assert bool(value_item.data(DIFFERENT_ROLE)) is marked, name
            background = value_item.background().color()
            assert (background == QColor(DIFFERENT_BACKGROUND)) is marked, name
            assert value_item.font().bold() is marked, name


def test_values_and_prices_are_shown(qtbot, compare):
    wait_for_prices(qtbot, compare)
    right = compare.column("right")
    texts = [right.table.item(row, 1).text() for row in range(right.table.rowCount())]
    assert "Platinum 950" in texts
    assert "6 mm" in texts
    left = compare.column("left")
    left_price = left.price.text()
    assert left_price.startswith("Price: EUR\u00a0")
    assert right.price.text() != left_price
    # Both previews are built, so the prices include materials and tax.
    assert "materials" not in left_price
    amount = float(left_price.split()[-1].replace(",", ""))
    assert amount > float(left.session.price().total)


def test_column_price_follows_the_frame(qtbot, compare, database):
    wait_for_prices(qtbot, compare)
    right = compare.column("right")
    session = right.session
    before = quoted_total(session, database)
    assert price_text(before) in right.price.text()
    assert BLACK in right.price.styleSheet()
    events = []
    right.preview_updated.connect(
        lambda: events.append(("frame", right.price.styleSheet()))
    )
    right.price_measured.connect(
        lambda: events.append(("price", right.price.styleSheet()))
    )

    session.set_value("width", 6.5)
    with qtbot.waitSignal(right.price_measured, timeout=WAIT_MS):
        right.show_session(session)
        # The last full price stays on screen, grey, while the ring builds.
        assert GREY in right.price.styleSheet()
        assert price_text(before) in right.price.text()

    # The frame of the new parts shows while the price is still grey.
    assert [event for event, _ in events] == ["frame", "price"]
    assert GREY in events[0][1]
    assert BLACK in events[1][1]
    wider = quoted_total(session, database)
    assert wider != before
    assert price_text(wider) in right.price.text()
    assert BLACK in right.price.styleSheet()
    assert "materials" not in right.price.text()


def test_fast_second_change_drops_first_price(qtbot, compare, database):
    wait_for_prices(qtbot, compare)
    right = compare.column("right")
    session = right.session
    session.set_value("width", 6.5)
    with qtbot.waitSignal(right.preview_updated, timeout=WAIT_MS):
        right.show_session(session)
    first = quoted_total(session, database)
    measured_texts = []
    right.price_measured.connect(lambda: measured_texts.append(right.price.text()))

    # The first ring's frame is on screen and its parts are being measured
    # when the second change comes.
    session.set_value("width", 5.0)
    with qtbot.waitSignal(right.price_measured, timeout=WAIT_MS):
        right.show_session(session)
        assert GREY in right.price.styleSheet()
        assert price_text(first) not in right.price.text()
    settle_background_jobs()

    second = quoted_total(session, database)
    assert second != first
    assert measured_texts == [right.price.text()]
    assert price_text(second) in right.price.text()
    assert price_text(first) not in right.price.text()
    assert BLACK in right.price.styleSheet()


def test_use_this_design_opens_it_in_studio(qtbot, window, compare):
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        qtbot.mouseClick(compare.column("right").use_button, Qt.MouseButton.LeftButton)
    assert window.session.values["metal"] == "platinum_950"
    assert window.session.values["width"] == 6.0
    assert window.panel.editor("width").spin.value() == 6.0
    assert window.session.model.id == "ring-band"


def test_linked_views_turn_together(qtbot, compare):
    left, right = compare.column("left").preview, compare.column("right").preview
    assert compare.link_box.isChecked()
    before = right.camera()
    drag(left, QPoint(120, 120), QPoint(220, 160))
    assert right.camera() != before
    assert np.allclose(right.camera(), left.camera())

    compare.link_box.setChecked(False)
    unlinked = right.camera()
    drag(left, QPoint(220, 160), QPoint(120, 200))
    assert right.camera() == unlinked
    assert not np.allclose(right.camera(), left.camera())


def drag(widget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        QTest.mouseMove(widget, start + (end - start) * (step / 5))
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_kiosk_code_opens_into_column(qtbot, window, database):
    values = platinum_ring(window)
    code = save_kiosk_design(database, design_of(window.session.model, values))
    compare = window.open_compare()
    qtbot.addWidget(compare)
    right = compare.column("right")
    right.code_edit.setText(code.lower())
    qtbot.mouseClick(right.code_button, Qt.MouseButton.LeftButton)
    assert right.session.values["metal"] == "platinum_950"
    assert right.code_edit.text() == ""
    wait_for_previews(qtbot, compare)


def test_bad_code_is_reported_in_column(qtbot, window):
    compare = window.open_compare()
    qtbot.addWidget(compare)
    right = compare.column("right")
    assert not right.open_kiosk_code("AAAAAA")
    assert "AAAAAA" in right.message.text()
    assert right.session is None
    assert not right.use_button.isEnabled()
    assert compare.column("left").differing_parameters() == []


@pytest.fixture
def bookshelves(qtbot, window):
    """The studio's bookshelf in both columns, its previews on screen."""
    wait_for_newest_preview(qtbot, window, lambda: window.open_model("bookshelf"))
    compare = window.open_compare()
    qtbot.addWidget(compare)
    assert compare.column("right").use_current_design()
    wait_for_previews(qtbot, compare)
    return compare


def widen_left_bookshelf(qtbot, compare, width: int) -> list:
    """Widen the left bookshelf and wait for its glide to end.

    Returns the left and the right camera at each step of the glide.
    """
    left = compare.column("left")
    right = compare.column("right")
    steps = []
    left.preview.camera_moved.connect(
        lambda: steps.append((left.preview.camera(), right.preview.camera()))
    )
    session = left.session
    session.set_value("width", width)
    with qtbot.waitSignal(left.preview.framed, timeout=WAIT_MS):
        left.show_session(session)
    return steps


def test_linked_view_follows_glide(qtbot, bookshelves):
    left = bookshelves.column("left").preview
    right = bookshelves.column("right").preview
    assert np.allclose(left.camera(), right.camera())
    before = right.camera()
    direction = np.array(right.plotter.camera.direction)
    echoes = []
    right.camera_moved.connect(lambda: echoes.append(right.camera()))

    steps = widen_left_bookshelf(qtbot, bookshelves, 2400)

    # The glide moves in several steps, and the right camera keeps pace.
    assert len(steps) >= 3
    for left_camera, right_camera in steps:
        assert np.allclose(left_camera, right_camera)
    assert not np.allclose(right.camera(), before)
    assert np.allclose(right.camera(), left.camera())
    np.testing.assert_allclose(right.plotter.camera.direction, direction, atol=1e-9)
    assert not right.is_framing
    # The right view follows without sending the move back.
    assert echoes == []
    assert np.all(np.abs(left.scene.screen_extent()) <= 1.0)


def test_unlinked_view_ignores_glide(qtbot, bookshelves):
    bookshelves.link_box.setChecked(False)
    right = bookshelves.column("right").preview
    before = right.camera()

    steps = widen_left_bookshelf(qtbot, bookshelves, 2400)

    assert len(steps) >= 3
    assert right.camera() == before
    assert not np.allclose(bookshelves.column("left").preview.camera(), before)


def test_build_failure_follows_language(qtbot, window):
    compare = window.open_compare()
    qtbot.addWidget(compare)
    right = compare.column("right")
    session = copy_session(window.session)
    # No engraving font has 𠀀, so the ring cannot be built.
    session.set_value("engraving", "A𠀀")
    with qtbot.waitSignal(right.price_measured, timeout=WAIT_MS):
        right.show_session(session)
    english = right.message.text()
    assert english == (
        "The preview could not be built: no font can engrave the character 𠀀 "
        "(U+20000); remove it from the engraving."
    )

    i18n.set_language("zh_CN")
    try:
        chinese = right.message.text()
    finally:
        i18n.set_language("en")
    assert chinese == (
        "无法生成预览：没有字体能刻出字符 𠀀（U+20000）；请从刻字中删除该字符。"
    )
    assert right.message.text() == english


def studio_selling_in(qtbot, catalog, database, currency: str) -> MainWindow:
    """Open the studio at a store selling in ``currency``, its price shown."""
    with database.session() as session:
        save_store_settings(session, StoreSettings(currency=currency))
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.show()
    return window


def test_prices_in_store_currency(qtbot, catalog, database):
    # The materials are priced in euros, so a store that sells in dollars
    # gets the catalog price in dollars and a message that names the metal.
    window = studio_selling_in(qtbot, catalog, database, "USD")
    assert "Price: USD\u00a0" in window.price.text()
    assert "EUR" not in window.price.text()

    compare = window.open_compare()
    qtbot.addWidget(compare)
    left = compare.column("left")
    qtbot.waitUntil(lambda: "gold_18k_yellow" in left.message.text(), timeout=WAIT_MS)
    total = i18n.format_number(left.session.price().total, 2)
    assert left.price.text() == f"Price: USD\u00a0{total} + materials and tax"
    assert "priced in EUR but the store sells in USD" in left.message.text()

    i18n.set_language("zh_CN")
    try:
        message = left.message.text()
        price = left.price.text()
    finally:
        i18n.set_language("en")
    assert message.startswith("材料 'gold_18k_yellow' 以 EUR 计价")
    assert f"USD\u00a0{total}" in price


def test_jpy_prices_without_decimals(qtbot, catalog, database):
    window = studio_selling_in(qtbot, catalog, database, "JPY")
    total = window.session.price().total
    assert total == total.to_integral_value()
    assert f"Price: JPY\u00a0{i18n.format_money(total, 'JPY')}" in window.price.text()
    assert not re.search(r"JPY\s\d+\.\d", window.price.text())

    compare = window.open_compare()
    qtbot.addWidget(compare)
    left = compare.column("left")
    qtbot.waitUntil(lambda: "gold_18k_yellow" in left.message.text(), timeout=WAIT_MS)
    amount = i18n.format_money(left.session.price().total, "JPY")
    assert left.price.text() == f"Price: JPY\u00a0{amount} + materials and tax"
    assert "." not in amount


def test_column_reads_new_store_currency(qtbot, compare, database):
    wait_for_prices(qtbot, compare)
    left = compare.column("left")
    assert "Price: EUR\u00a0" in left.price.text()

    # The materials are priced in euros, so a store now selling in pounds
    # cannot price the ring's metal.
    with database.session() as session:
        save_store_settings(session, StoreSettings(currency="GBP"))
    with qtbot.waitSignal(left.price_measured, timeout=WAIT_MS):
        assert left.use_current_design()
    total = i18n.format_number(left.session.price().total, 2)
    assert left.price.text() == f"Price: GBP\u00a0{total} + materials and tax"
    assert "priced in EUR but the store sells in GBP" in left.message.text()


@pytest.fixture
def old_cabinet(qtbot, window, tmp_path):
    """The compare window with the cabinet example, saved before handles
    were offered, opened from its file in the right column."""
    path = tmp_path / "cabinet.json"
    shutil.copyfile(EXAMPLES_DIR / "cabinet.json", path)
    return compare_with_file(qtbot, window, path)


def test_old_design_file_names_filled_option(old_cabinet):
    right = old_cabinet.column("right")
    left = old_cabinet.column("left")
    english, chinese = old_cabinet_notice(right.session)

    assert right.filled == ("handle",)
    assert right.session.values["handle"] == "bar"
    assert right.filled_label.isVisible()
    assert right.filled_label.text() == english
    assert text_in_chinese(right.filled_label) == chinese
    # Back in English after the switch.
    assert right.filled_label.text() == english
    assert right.message.text() == ""
    assert left.filled == ()
    assert not left.filled_label.isVisible()


def test_complete_design_clears_filled_notice(qtbot, old_cabinet, tmp_path):
    right = old_cabinet.column("right")
    data = json.loads((EXAMPLES_DIR / "cabinet.json").read_text(encoding="utf-8"))
    data["values"]["handle"] = "knob"
    path = tmp_path / "complete.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    assert right.open_file(path)

    assert right.filled == ()
    assert right.filled_label.text() == ""
    assert not right.filled_label.isVisible()
    wait_for_previews(qtbot, old_cabinet)


def test_used_old_design_keeps_notice(qtbot, window, old_cabinet):
    right = old_cabinet.column("right")
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        qtbot.mouseClick(right.use_button, Qt.MouseButton.LeftButton)

    assert window.session.model.id == "cabinet"
    assert window.notice.text() == right.filled_label.text()


def test_old_kiosk_design_names_filled_option(qtbot, window, database):
    code = save_kiosk_design(database, read_design(EXAMPLES_DIR / "cabinet.json"))
    compare = window.open_compare()
    qtbot.addWidget(compare)
    right = compare.column("right")

    assert right.open_kiosk_code(code)

    assert right.filled == ("handle",)
    assert right.filled_label.text() == old_cabinet_notice(right.session)[0]
    wait_for_previews(qtbot, compare)


def compare_on_studio_cabinet(qtbot, window):
    """Open the cabinet example, saved before handles were offered, in the
    studio, then the compare window, and wait for the left preview."""
    wait_for_newest_preview(
        qtbot, window, lambda: window.open_design(EXAMPLES_DIR / "cabinet.json")
    )
    compare = window.open_compare()
    qtbot.addWidget(compare)
    left = compare.column("left")
    qtbot.waitUntil(lambda: left.preview_is_current, timeout=WAIT_MS)
    return compare


def test_current_old_design_names_filled_option(qtbot, window):
    compare = compare_on_studio_cabinet(qtbot, window)
    left = compare.column("left")
    english, chinese = old_cabinet_notice(left.session)

    assert window.notice.text() == english
    assert left.filled == ("handle",)
    assert left.filled_label.isVisible()
    assert left.filled_label.text() == english
    assert text_in_chinese(left.filled_label) == chinese


def test_current_design_button_keeps_notice(qtbot, window):
    compare = compare_on_studio_cabinet(qtbot, window)
    right = compare.column("right")

    assert right.use_current_design()

    assert right.filled == ("handle",)
    assert right.filled_label.text() == old_cabinet_notice(right.session)[0]
    qtbot.waitUntil(lambda: right.preview_is_current, timeout=WAIT_MS)


def test_next_design_has_no_filled_notice(qtbot, window):
    wait_for_newest_preview(
        qtbot, window, lambda: window.open_design(EXAMPLES_DIR / "cabinet.json")
    )
    wait_for_newest_preview(qtbot, window, lambda: window.open_model("ring-band"))

    compare = window.open_compare()
    qtbot.addWidget(compare)

    left = compare.column("left")
    assert left.filled == ()
    assert not left.filled_label.isVisible()
    qtbot.waitUntil(lambda: left.preview_is_current, timeout=WAIT_MS)
