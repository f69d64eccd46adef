"""While the 3D model builds: the note over the view and the price it measures."""

from PySide6.QtWidgets import QWidget

from app import i18n
from app.building_note import DELAY_MS, BuildingNote
from tests.app.conftest import WAIT_MS, text_in_chinese, wait_for_newest_preview


def test_note_appears_only_after_the_delay(qtbot):
    view = QWidget()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    note = BuildingNote(view)
    note.build_started()
    assert not note.isVisible()
    qtbot.waitUntil(note.isVisible, timeout=DELAY_MS * 5)
    assert note.text() == "Building the 3D model…"
    assert note.geometry().bottom() < view.height()
    note.build_ended()
    assert not note.isVisible()
    assert not note.waiting


def test_quick_build_shows_no_note(qtbot):
    view = QWidget()
    qtbot.addWidget(view)
    view.show()
    note = BuildingNote(view)
    note.build_started()
    note.build_ended()
    qtbot.wait(DELAY_MS * 2)
    assert not note.isVisible()


def test_note_follows_the_language(qtbot):
    view = QWidget()
    qtbot.addWidget(view)
    note = BuildingNote(view)
    i18n.set_language("zh_CN")
    try:
        chinese = note.text()
    finally:
        i18n.set_language("en")
    assert chinese != "Building the 3D model…"
    assert note.text() == "Building the 3D model…"


def test_window_waits_until_the_newest_build(qtbot, window):
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.set_value("width", 6.0)
        assert window.building_note.waiting
    assert not window.building_note.waiting


def _bad_ring(session):
    dimensions = session.dimensions()
    dimensions["depth"] = -1.0
    return session.model.generator, dimensions, True


def test_failed_build_ends_the_wait_with_a_reason(qtbot, window):
    window._request += 1
    with qtbot.waitSignal(window.worker.failed, timeout=WAIT_MS):
        window.worker.request(window._request, _bad_ring(window.session))
        window.building_note.build_started()
    assert not window.building_note.waiting
    assert "The preview could not be built" in window.notice.text()
    assert "depth" in window.notice.text()
    chinese = text_in_chinese(window.notice)
    assert chinese.startswith("无法生成预览：ring 生成器拒绝了目录允许的 depth 的值。")
    assert "depth" in chinese
    assert window.notice.text().startswith("The preview could not be built: ")


def _full_total(session, database):
    from designer.order_design import price_design
    from designer.store import load_store_settings
    from models3d.generators import build

    parts = build(session.model.generator, session.dimensions())
    with database.session(readonly=True) as db_session:
        settings = load_store_settings(db_session)
    return price_design(session, parts, settings).total


def test_price_includes_materials_and_tax(qtbot, window, database):
    total = _full_total(window.session, database)
    assert total > window.session.price().total
    # The parts are measured after the frame, so the full price follows it.
    qtbot.waitUntil(
        lambda: f"EUR\u00a0{total:.2f}" in window.price.text(), timeout=WAIT_MS
    )
    assert "Including materials and tax." in window.price.text()

    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.set_value("width", 6.0)
        assert "Updating…" in window.price.text()
        assert f"EUR\u00a0{total:.2f}" in window.price.text()
    wider = _full_total(window.session, database)
    assert wider > total
    assert f"EUR\u00a0{wider:.2f}" in window.price.text()
    assert "Including materials and tax." in window.price.text()


def test_price_of_a_drag_follows_its_release(qtbot, window, database):
    qtbot.waitUntil(
        lambda: "Including materials and tax." in window.price.text(), timeout=WAIT_MS
    )
    slider = window.panel.editor("width").slider
    slider.setSliderDown(True)
    wait_for_newest_preview(qtbot, window, lambda: slider.setValue(slider.value() + 2))
    # The parts of a held slider's step are shown but not yet priced.
    assert "Updating…" in window.price.text()

    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        slider.setSliderDown(False)
    total = _full_total(window.session, database)
    assert f"EUR\u00a0{total:.2f}" in window.price.text()
    assert "Including materials and tax." in window.price.text()


def test_price_is_measured_after_the_frame(qtbot, window):
    qtbot.waitUntil(
        lambda: "Including materials and tax." in window.price.text(), timeout=WAIT_MS
    )
    events = []
    window.preview_updated.connect(
        lambda request: (
            events.append("frame") if window.is_newest_request(request) else None
        )
    )
    window.price_measured.connect(lambda: events.append("price"))

    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.set_value("width", 6.0)

    # Measuring the parts does not share the cores with their frame.
    assert events == ["frame", "price"]


def test_window_prices_lace_by_length(qtbot, window, database):
    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.open_model("shoe-oxford")

    # The quote and the package weigh the lace by its length; so must the
    # window, although its parts come from the geometry process.
    total = _full_total(window.session, database)
    assert f"EUR\u00a0{total:.2f}" in window.price.text()


def test_failed_build_shows_catalog_price(qtbot, window):
    qtbot.waitUntil(
        lambda: "Including materials and tax." in window.price.text(), timeout=WAIT_MS
    )
    # No engraving font has 𠀀, so the ring cannot be built. The full price
    # on screen belongs to the ring before, so it must not stay there.
    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.set_value("engraving", "A𠀀")
    assert "could not be built" in window.notice.text()
    assert "Updating…" not in window.price.text()
    assert "Materials and tax are added" in window.price.text()
    catalog = window.session.price().total
    assert f"EUR\u00a0{catalog:.2f}" in window.price.text()


def test_language_switch_ends_a_held_slider(qtbot, window):
    qtbot.waitUntil(
        lambda: "Including materials and tax." in window.price.text(), timeout=WAIT_MS
    )
    window.panel.editor("width").slider.setSliderDown(True)
    # The switch rebuilds the panel's sliders, so the held one never
    # reports its release; the next change must still be priced.
    window.retranslate("en")
    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.set_value("width", 6.0)
    assert "Including materials and tax." in window.price.text()


def _save_store(database, **fields):
    """Change the store's settings, as staff do at another till."""
    from designer.store import StoreSettings, save_store_settings

    with database.session() as session:
        save_store_settings(session, StoreSettings(**fields))


def _wait_for_full_price(qtbot, window):
    qtbot.waitUntil(
        lambda: "Including materials and tax." in window.price.text(), timeout=WAIT_MS
    )


def test_full_price_follows_currency_change(qtbot, window, database):
    _wait_for_full_price(qtbot, window)
    assert "Price: EUR\u00a0" in window.price.text()

    # The materials are priced in euros, so a store now selling in dollars
    # cannot price the ring's metal.
    _save_store(database, currency="USD")
    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.set_value("width", 6.0)
    total = i18n.format_number(window.session.price().total, 2)
    assert f"Price: USD\u00a0{total}" in window.price.text()
    assert "EUR" not in window.price.text()
    assert "Materials and tax are added" in window.price.text()
    notice = window.notice.text()
    assert "'gold_18k_yellow' is priced in EUR but the store sells in USD" in notice


def test_new_design_opens_in_new_currency(qtbot, window, database):
    _wait_for_full_price(qtbot, window)
    _save_store(database, currency="GBP")
    window.open_model("table-dining")
    assert window.session.model.id == "table-dining"
    total = i18n.format_number(window.session.price().total, 2)
    assert f"Price: GBP\u00a0{total}" in window.price.text()
    assert "EUR" not in window.price.text()


def test_bad_tax_rate_keeps_store_currency(qtbot, catalog, database):
    from app.main_window import MainWindow
    from storage.repositories import set_setting

    _save_store(database, currency="USD")
    with database.session() as session:
        set_setting(session, "store.tax_rate", "20%")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.show()
    total = i18n.format_number(window.session.price().total, 2)
    assert f"Price: USD\u00a0{total}" in window.price.text()
    assert "EUR" not in window.price.text()
    assert "store.tax_rate='20%'" in window.notice.text()
    window.close()


def test_price_failure_follows_language(qtbot, window, database):
    _wait_for_full_price(qtbot, window)
    _save_store(database, currency="USD")
    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.set_value("width", 6.0)
    english = window.notice.text()
    assert english.startswith("material 'gold_18k_yellow' is priced in EUR")

    i18n.set_language("zh_CN")
    try:
        # Worded again at once, before the rebuild prices the ring again.
        chinese = window.notice.text()
    finally:
        i18n.set_language("en")
    assert chinese.startswith("材料 'gold_18k_yellow' 以 EUR 计价")
    assert "USD" in chinese
    assert window.notice.text() == english


def test_switch_keeps_newer_notice_over_failure(qtbot, window, database):
    _wait_for_full_price(qtbot, window)
    _save_store(database, currency="USD")
    with qtbot.waitSignal(window.pricer.failed, timeout=WAIT_MS):
        window.set_value("width", 6.0)
    window.set_value("size", "13.3")
    rejected = window.notice.text()
    assert "'13.3' is not accepted" in rejected

    # The switch prices the same design again, and it fails again.
    try:
        with qtbot.waitSignal(window.pricer.failed, timeout=WAIT_MS):
            i18n.set_language("zh_CN")
        chinese = window.notice.text()
    finally:
        i18n.set_language("en")
    assert "13.3" in chinese
    assert "EUR" not in chinese
    assert window.notice.text() == rejected


def test_failure_shows_again_for_reopened_design(qtbot, window, database):
    from designer.session import DesignSession

    _wait_for_full_price(qtbot, window)
    _save_store(database, currency="USD")
    with qtbot.waitSignal(window.pricer.failed, timeout=WAIT_MS):
        window.set_value("width", 6.0)
    failure = window.notice.text()
    assert "sells in USD" in failure

    # Opening the same design again, as from a saved file, clears the
    # notice. Its pricing fails again, and the failure shows again.
    same = DesignSession(window.session.model, dict(window.session.values))
    with qtbot.waitSignal(window.pricer.failed, timeout=WAIT_MS):
        window.open_session(same)
    assert window.notice.text() == failure

    # So does a change undone before its price came back.
    with qtbot.waitSignal(window.pricer.failed, timeout=WAIT_MS):
        window.set_value("width", 7.0)
        window.undo()
    qtbot.waitUntil(lambda: window.notice.text() == failure, timeout=WAIT_MS)


def test_failure_notice_goes_once_priced(qtbot, window, database):
    _wait_for_full_price(qtbot, window)
    _save_store(database, currency="USD")
    with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
        window.set_value("width", 6.0)
    assert "sells in USD" in window.notice.text()

    # A language switch prices the ring again. A value change would not
    # do here, because it clears the notice by itself.
    _save_store(database, currency="EUR")
    try:
        with qtbot.waitSignal(window.price_measured, timeout=WAIT_MS):
            i18n.set_language("zh_CN")
        notice = window.notice.text()
        price = window.price.text()
    finally:
        i18n.set_language("en")
    total = _full_total(window.session, database)
    assert f"EUR\u00a0{total:.2f}" in price
    assert "含材料费和税。" in price
    assert notice == ""
