"""A customer designs at the kiosk by taps alone; staff open it by its code."""

import json
import re
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from app import i18n
from app.i18n import format_money, format_number
from app.keyboard import OnScreenKeyboard, pinyin_candidates, touch_target_px
from app.kiosk import KioskWindow
from app.kiosk_editors import NORMAL_STYLE, WITHHELD_STYLE
from app.main_window import MainWindow
from designer.kiosk_designs import (
    CODE_ALPHABET,
    MAX_PIN_FAILURES,
    PIN_LOCKOUT,
    KioskCodeError,
    check_kiosk_pin,
    load_kiosk_design,
    normalise_code,
    set_kiosk_pin,
)
from tests.app.conftest import (
    SAGGING_CABINET,
    open_design_file,
    price_text,
    quoted_total,
    settle_background_jobs,
)
from tests.app.wrapping import KEPT_TOGETHER, split_pairs

WAIT_MS = 30_000
# The price label's colours: grey until the price is of the ring on screen.
GREY = "#707070"
BLACK = "#202020"


def tap(widget):
    assert widget.isVisible(), f"{widget.objectName()} is not on screen"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def find(kiosk, name, kind=QPushButton):
    widget = kiosk.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name}"
    return widget


def visible_texts(kiosk):
    texts = []
    for kind in (QLabel, QLineEdit):
        for widget in kiosk.findChildren(kind):
            texts.append(widget.text())
    return texts


def design_ring_with_engraving(qtbot, kiosk):
    tap(find(kiosk, "kiosk_tile_ring-band"))
    assert kiosk.session.model.id == "ring-band"
    tap(find(kiosk, "kiosk_plus_width"))
    tap(find(kiosk, "kiosk_type_engraving"))
    keyboard = kiosk.keyboard
    tap(keyboard.key("mode"))
    for letter in "YONGHENG":
        tap(keyboard.key(letter))
    assert keyboard.candidates[0].text() == "永恒"
    tap(keyboard.candidates[0])
    tap(keyboard.key("done"))


def test_kiosk_design_saved_and_opened_by_staff(qtbot, kiosk, catalog, database):
    design_ring_with_engraving(qtbot, kiosk)
    assert kiosk.session.values["engraving"] == "永恒"
    assert kiosk.session.values["width"] == 4.5
    assert "4.5 mm" in find(kiosk, "kiosk_value_width", QLabel).text()

    with qtbot.waitSignal(kiosk.design_saved) as saved:
        tap(find(kiosk, "kiosk_save"))
    code = saved.args[0]
    assert len(code) == 6
    assert set(code) <= set(CODE_ALPHABET)
    assert find(kiosk, "kiosk_code", QLabel).text() == code
    qr = find(kiosk, "kiosk_qr", QLabel).pixmap().toImage()
    assert qr.width() >= 21 * 8
    assert qr.pixelColor(4 * 8 + 1, 4 * 8 + 1).name() == "#000000"

    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    assert window.open_kiosk_design(code.lower())
    assert window.session.model.id == "ring-band"
    assert window.session.values["engraving"] == "永恒"


def test_keyboard_falls_back_without_input_method(kiosk, caplog):
    # This process keeps the desktop's input method, as the studio does, so
    # Qt Virtual Keyboard cannot type and the kiosk uses its own keyboard.
    assert kiosk.virtual_keyboard is None
    assert isinstance(kiosk.keyboard, OnScreenKeyboard)
    warnings = [r.getMessage() for r in caplog.get_records("setup")]
    assert any("qtvirtualkeyboard" in message for message in warnings), warnings


def test_undo_redo_buttons(qtbot, kiosk):
    tap(find(kiosk, "kiosk_tile_ring-band"))
    undo = find(kiosk, "kiosk_undo")
    assert not undo.isEnabled()
    tap(find(kiosk, "kiosk_plus_width"))
    assert kiosk.session.values["width"] == 4.5
    tap(undo)
    assert kiosk.session.values["width"] == 4.0
    tap(find(kiosk, "kiosk_redo"))
    assert kiosk.session.values["width"] == 4.5


def test_withheld_choice_explains_on_tap(qtbot, kiosk):
    tap(find(kiosk, "kiosk_tile_ring-band"))
    kiosk.set_value("profile", "flat")
    kiosk.set_value("depth", 1.3)
    profile = kiosk.session.model.parameter("profile")
    index = [c.value for c in profile.choices].index("court")
    tap(find(kiosk, f"kiosk_choice{index}_profile"))
    assert kiosk.session.values["profile"] == "flat"
    english = kiosk.notice.text()
    assert "1.5\u00a0mm" in english
    try:
        tap(kiosk.language_button)
        chinese = kiosk.notice.text()
    finally:
        i18n.set_language("en")
    # The reason is worded again in the new language.
    assert "1.5\u00a0mm" in chinese
    assert chinese != english


def test_conflicting_design_explains_tap(qtbot, kiosk, catalog, tmp_path):
    # The ring file's chosen court profile is 1.3 mm deep, below the 1.5 mm
    # it needs, so its domains leave the choices out. Silver needs 1.5 mm
    # too, so the kept depth withholds it.
    chosen = {"profile": "court", "depth": 1.3}
    session = open_design_file(catalog, tmp_path / "ring.json", "ring-band", chosen)
    assert session.domains.relaxed == "choices"
    kiosk.open_session(session)
    metal = kiosk.session.model.parameter("metal")
    values = [c.value for c in metal.choices]
    silver = find(kiosk, f"kiosk_choice{values.index('silver_925')}_metal")
    titanium = find(kiosk, f"kiosk_choice{values.index('titanium')}_metal")
    assert silver.styleSheet() == WITHHELD_STYLE
    assert titanium.styleSheet() == NORMAL_STYLE

    tap(silver)
    assert kiosk.session.values["metal"] == "gold_18k_yellow"
    assert kiosk.repair_overlay.isVisible()
    question = find(kiosk, "kiosk_repair_question", QLabel).text()
    assert question == (
        "To choose Metal Sterling silver, change Band depth 1.3\u00a0mm → 1.5\u00a0mm?"
    )
    tap(find(kiosk, "kiosk_repair_decline"))
    tap(titanium)
    assert kiosk.session.values["metal"] == "titanium"
    assert not kiosk.repair_overlay.isVisible()


def test_conflicting_design_steps_to_next_value(qtbot, kiosk, catalog, tmp_path):
    path = tmp_path / "cabinet.json"
    session = open_design_file(catalog, path, "cabinet", SAGGING_CABINET)
    assert session.domains.relaxed == "choices"
    assert max(session.fitting_values("width")) < 1150
    kiosk.open_session(session)
    before = dict(session.values)
    minus = find(kiosk, "kiosk_minus_width")

    tap(minus)

    # The step opens the question about 1150 mm instead of jumping to the
    # nearest width that fits.
    assert kiosk.session.values["width"] == 1200
    assert kiosk.repair_overlay.isVisible()
    question = find(kiosk, "kiosk_repair_question", QLabel).text()
    assert question.startswith("To choose Width 1150\u00a0mm, change ")
    assert "sag" in kiosk.notice.text()
    tap(find(kiosk, "kiosk_repair_decline"))
    assert kiosk.session.values == before
    assert find(kiosk, "kiosk_value_width", QLabel).text() == "1200 mm"

    tap(minus)
    tap(find(kiosk, "kiosk_repair_accept"))
    assert kiosk.session.values["width"] == 1150
    assert find(kiosk, "kiosk_value_width", QLabel).text() == "1150 mm"


def test_withheld_reason_survives_language_switch(qtbot, kiosk, catalog, tmp_path):
    path = tmp_path / "cabinet.json"
    session = open_design_file(catalog, path, "cabinet", SAGGING_CABINET)
    kiosk.open_session(session)
    design_errors = kiosk.notice.text()
    tap(find(kiosk, "kiosk_minus_width"))
    english = kiosk.notice.text()
    assert english.startswith("Not available: ")
    assert english != design_errors
    try:
        tap(kiosk.language_button)
        chinese = kiosk.notice.text()
    finally:
        i18n.set_language("en")

    # The reason for the tapped width is worded in Chinese, not replaced
    # by the design's own error.
    assert chinese != english
    assert chinese.startswith("不可选")
    assert kiosk.notice.text() == english


def test_step_skips_unstocked_thickness(qtbot, kiosk):
    # Birch plywood is stocked 18, 21 and 24 mm thick, so on a valid design
    # a step from 18 mm passes over 19 mm without a question.
    tap(find(kiosk, "kiosk_tile_cabinet"))
    materials = kiosk.session.model.parameter("board_material").choices
    index = [choice.value for choice in materials].index("birch_plywood")
    tap(find(kiosk, f"kiosk_choice{index}_board_material"))
    assert "board_material" in kiosk.session.chosen
    assert kiosk.session.values["board_thickness"] == 18
    plus = find(kiosk, "kiosk_plus_board_thickness")

    tap(plus)

    assert kiosk.session.values["board_thickness"] == 21
    assert not kiosk.repair_overlay.isVisible()
    tap(plus)
    assert kiosk.session.values["board_thickness"] == 24
    # No thickness above 24 mm is stocked in plywood: the tap asks about
    # 25 mm instead of changing the design.
    tap(plus)
    assert kiosk.session.values["board_thickness"] == 24
    assert kiosk.repair_overlay.isVisible()


def test_withheld_yes_no_explains_tap(qtbot, kiosk, catalog, tmp_path):
    # A seat of 480 mm needs leg stretchers, so turning them off is withheld.
    chosen = {"seat_height": 480, "stretchers": True}
    session = open_design_file(catalog, tmp_path / "chair.json", "chair", chosen)
    assert session.orderable
    kiosk.open_session(session)
    toggle = find(kiosk, "kiosk_toggle_stretchers")
    assert toggle.isChecked()
    assert toggle.styleSheet() == WITHHELD_STYLE

    tap(toggle)

    assert kiosk.session.values["stretchers"] is True
    assert kiosk.session.orderable
    assert toggle.isChecked()
    assert kiosk.repair_overlay.isVisible()
    question = find(kiosk, "kiosk_repair_question", QLabel).text()
    assert question.startswith("To choose Leg stretchers no, change Seat height")
    tap(find(kiosk, "kiosk_repair_decline"))
    assert kiosk.session.values["stretchers"] is True


def boot_at_highest_shaft(kiosk):
    """Open the default boot, EU 42, and tap its shaft up to 140 mm, the
    highest that the size allows; return the shaft's plus button."""
    tap(find(kiosk, "kiosk_tile_shoe-boot"))
    plus = find(kiosk, "kiosk_plus_shaft_height")
    tap(plus)
    assert kiosk.session.values["shaft_height"] == 140
    assert not kiosk.repair_overlay.isVisible()
    return plus


def test_withheld_shaft_offers_size_change(qtbot, kiosk):
    tap(boot_at_highest_shaft(kiosk))
    overlay = kiosk.repair_overlay
    question = find(kiosk, "kiosk_repair_question", QLabel).text()
    reasons = find(kiosk, "kiosk_repair_reasons", QLabel).text()
    assert overlay.isVisible()
    assert question == ("To choose Shaft height 150\u00a0mm, change Shoe size 42 → 45?")
    assert reasons.endswith("so a 150\u00a0mm shaft is too high.")
    assert "this design has" not in reasons
    assert "so a 150\u00a0mm shaft is too high." in kiosk.notice.text()
    assert kiosk.session.values["shaft_height"] == 140

    accept = find(kiosk, "kiosk_repair_accept")
    assert accept.text() == "Yes, change it"
    assert accept.height() >= kiosk.side
    assert accept.width() >= 2 * kiosk.side
    tap(accept)
    assert not overlay.isVisible()
    assert kiosk.session.values["shaft_height"] == 150
    assert kiosk.session.values["size"] == "EU 45"
    assert kiosk.session.orderable
    assert find(kiosk, "kiosk_value_shaft_height", QLabel).text() == "150 mm"
    assert "Shoe size: 42 → 45" in kiosk.notice.text()
    tap(find(kiosk, "kiosk_undo"))
    assert kiosk.session.values["size"] == "EU 42"


def test_narrow_kiosk_keeps_units(qtbot, kiosk):
    kiosk.resize(640, 900)
    tap(boot_at_highest_shaft(kiosk))
    labels = [
        kiosk.notice,
        find(kiosk, "kiosk_repair_question", QLabel),
        find(kiosk, "kiosk_repair_reasons", QLabel),
    ]
    english = [label.text() for label in labels]
    try:
        tap(kiosk.language_button)
        chinese = [label.text() for label in labels]
    finally:
        i18n.set_language("en")

    assert "150\u00a0mm" in chinese[1]
    for label, texts in zip(labels, zip(english, chinese, strict=True), strict=True):
        for text in texts:
            assert KEPT_TOGETHER.search(text), text
            assert split_pairs(text, label.font()) == []


def test_declined_size_change_keeps_design(qtbot, kiosk):
    tap(boot_at_highest_shaft(kiosk))
    before = dict(kiosk.session.values)
    decline = find(kiosk, "kiosk_repair_decline")
    assert decline.text() == "No, keep my design"
    assert decline.height() >= kiosk.side
    tap(decline)
    assert not kiosk.repair_overlay.isVisible()
    assert kiosk.session.values == before
    assert "so a 150\u00a0mm shaft is too high." in kiosk.notice.text()


def test_size_question_follows_language(qtbot, kiosk):
    tap(boot_at_highest_shaft(kiosk))
    question = find(kiosk, "kiosk_repair_question", QLabel)
    english = question.text()
    try:
        tap(kiosk.language_button)
        assert question.text() == (
            "要选择靴筒高度 150\u00a0mm，需修改：鞋码 42 → 45。是否修改？"
        )
        assert (
            find(kiosk, "kiosk_repair_reasons", QLabel)
            .text()
            .endswith("因此 150\u00a0mm 的靴筒过高。")
        )
        assert find(kiosk, "kiosk_repair_accept").text() == "是，修改"
        assert find(kiosk, "kiosk_repair_decline").text() == "否，保留我的设计"
        assert find(kiosk, "kiosk_repair_title", QLabel).text() == "不可选"
    finally:
        i18n.set_language("en")
    assert question.text() == english


def test_value_without_design_has_one_button(qtbot, kiosk):
    # No ring can be engraved with "@", so no change makes any width valid.
    tap(find(kiosk, "kiosk_tile_ring-band"))
    kiosk.set_value("engraving", "a@b")
    before = dict(kiosk.session.values)
    kiosk.repair_overlay.offer(kiosk.session, "width", 2.0)
    reasons = find(kiosk, "kiosk_repair_reasons", QLabel).text()
    assert reasons == "No product can be made with this value."
    assert not find(kiosk, "kiosk_repair_accept").isVisible()
    decline = find(kiosk, "kiosk_repair_decline")
    assert decline.text() == "OK"
    tap(decline)
    assert not kiosk.repair_overlay.isVisible()
    assert kiosk.session.values == before


def test_reset_closes_size_question(qtbot, kiosk):
    tap(boot_at_highest_shaft(kiosk))
    kiosk.reset()
    assert not kiosk.repair_overlay.isVisible()
    assert kiosk.repair_overlay.proposal is None


def test_moved_sole_named_until_chosen(qtbot, kiosk):
    tap(find(kiosk, "kiosk_tile_shoe-boot"))
    kiosk.set_value("toe_spring", 6)
    assert "Leather → Rubber" in kiosk.notice.text()
    tap(find(kiosk, "kiosk_plus_heel_height"))
    assert "Leather → Rubber" in kiosk.notice.text()
    kiosk.set_value("sole", "rubber_sole")
    assert kiosk.notice.text() == ""


def test_typed_size_switch_follows_entry(qtbot, kiosk):
    from app import i18n

    tap(find(kiosk, "kiosk_tile_shoe-oxford"))
    kiosk.set_value("size", "UK 12.5")
    assert kiosk.session.values["size_system"] == "UK"
    assert kiosk.notice.text() == "Size system set to UK to match UK 12.5."
    try:
        tap(kiosk.language_button)
        chinese = kiosk.notice.text()
    finally:
        i18n.set_language("en")
    assert chinese == "已将尺码体系设为英码，以匹配 UK 12.5。"
    tap(find(kiosk, "kiosk_plus_size"))
    assert kiosk.session.values["size"] == "UK 13"
    assert kiosk.notice.text() == ""


def test_typed_size_keeps_knock_on_note(qtbot, kiosk):
    tap(find(kiosk, "kiosk_tile_shoe-boot"))
    kiosk.set_value("size", "UK 2.5")
    assert kiosk.notice.text() == (
        "Size system set to UK to match UK 2.5. Also changed to keep the "
        "design valid: Shaft height: 130\u00a0mm → 110\u00a0mm"
    )


def test_language_switch_keeps_rejected_entry(qtbot, kiosk):
    from app import i18n

    tap(find(kiosk, "kiosk_tile_shoe-oxford"))
    kiosk.set_value("size", "UK 12.5")
    kiosk.set_value("size", "7")
    english = kiosk.notice.text()
    assert "'7' is not accepted" in english
    try:
        tap(kiosk.language_button)
        chinese = kiosk.notice.text()
    finally:
        i18n.set_language("en")
    assert "7" in chinese
    assert "已将尺码体系" not in chinese
    assert chinese != english


def test_idle_timeout_wipes_the_kiosk(qtbot, kiosk):
    design_ring_with_engraving(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.design_saved) as saved:
        tap(find(kiosk, "kiosk_save"))
    code = saved.args[0]
    with qtbot.waitSignal(kiosk.idle_warning_shown):
        kiosk.idle_timer.setInterval(10)
        kiosk.idle_timer.start()
    assert kiosk.idle_overlay.isVisible()
    assert "0.05" not in kiosk.idle_text.text()
    with qtbot.waitSignal(kiosk.session_reset, timeout=WAIT_MS):
        pass
    qtbot.waitUntil(lambda: not kiosk.editors)
    assert kiosk.session is None
    assert kiosk.stack.currentWidget() is kiosk.start_page
    texts = "\n".join(visible_texts(kiosk))
    for remnant in ("永恒", code, "4.5", "YONGHENG", "yongheng"):
        assert remnant not in texts
    assert kiosk.qr_label.pixmap().isNull()
    assert kiosk.keyboard.composition == ""


def test_continue_keeps_the_design(qtbot, kiosk):
    tap(find(kiosk, "kiosk_tile_ring-band"))
    kiosk.warning_ms = 60_000
    kiosk.show_idle_warning()
    tap(find(kiosk, "kiosk_continue"))
    assert not kiosk.idle_overlay.isVisible()
    assert kiosk.session is not None


def test_close_refused_without_pin(qtbot, kiosk, database):
    kiosk.close()
    assert kiosk.isVisible()
    tap(find(kiosk, "kiosk_staff"))
    assert "set-kiosk-pin" in find(kiosk, "kiosk_pin_text", QLabel).text()
    tap(find(kiosk, "kiosk_pin_ok"))
    assert kiosk.isVisible()


def test_staff_pin_unlocks(qtbot, kiosk, database):
    set_kiosk_pin(database, "2468")
    assert not check_kiosk_pin(database, "1357")
    tap(find(kiosk, "kiosk_staff"))
    for key in "1357":
        tap(find(kiosk, f"kiosk_pin_{key}"))
    tap(find(kiosk, "kiosk_pin_ok"))
    assert kiosk.isVisible()
    for key in "2468":
        tap(find(kiosk, f"kiosk_pin_{key}"))
    tap(find(kiosk, "kiosk_pin_ok"))
    assert not kiosk.isVisible()


def test_wrong_pins_lock_the_pad(qtbot, kiosk, database):
    set_kiosk_pin(database, "2468")
    tap(find(kiosk, "kiosk_staff"))
    for _ in range(MAX_PIN_FAILURES):
        for key in "1357":
            tap(find(kiosk, f"kiosk_pin_{key}"))
        tap(find(kiosk, "kiosk_pin_ok"))
    assert "Too many wrong PINs" in find(kiosk, "kiosk_pin_text", QLabel).text()

    # Even the right PIN is refused until the lock runs out.
    for key in "2468":
        tap(find(kiosk, f"kiosk_pin_{key}"))
    tap(find(kiosk, "kiosk_pin_ok"))
    assert kiosk.isVisible()
    later = datetime.now() + PIN_LOCKOUT + timedelta(seconds=1)
    assert check_kiosk_pin(database, "2468", now=later)


def test_touch_targets_are_9_mm(qtbot, kiosk):
    tap(find(kiosk, "kiosk_tile_ring-band"))
    minimum = touch_target_px(kiosk)
    assert minimum >= 34
    for button in kiosk.findChildren(QPushButton):
        if button.isVisible():
            assert button.width() >= minimum, button.objectName()
            assert button.height() >= minimum, button.objectName()


def test_codes_are_checked(database):
    with pytest.raises(KioskCodeError, match="6 characters"):
        normalise_code("ABC")
    with pytest.raises(KioskCodeError, match="no kiosk design"):
        load_kiosk_design(database, "ACDEFG")
    with pytest.raises(ValueError, match="at least 4 digits"):
        set_kiosk_pin(database, "12")


def test_pinyin_candidates():
    assert pinyin_candidates("yong")[:2] == ["永恒", "永远"]
    assert pinyin_candidates("ai")[0] == "爱"
    assert pinyin_candidates("") == []


def test_open_design_command(database, tmp_path):
    from app.cli import main
    from designer.designs import Design
    from designer.kiosk_designs import save_kiosk_design

    code = save_kiosk_design(database, Design("ring-band", {"engraving": "永恒"}))
    url = database.url
    assert main(["--database", url, "open-design", code]) == 0
    assert main(["--database", url, "open-design", "XXXXXX"]) == 2


def test_open_design_prints_json(database, capsys):
    from app.cli import main
    from designer.designs import Design
    from designer.kiosk_designs import save_kiosk_design

    code = save_kiosk_design(database, Design("ring-band", {"engraving": "永恒"}))
    main(["--database", database.url, "open-design", code])
    printed = json.loads(capsys.readouterr().out)
    assert printed["values"]["engraving"] == "永恒"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_labels_fit_at_1280_pixels(qtbot, kiosk, language):
    from app import i18n

    try:
        i18n.set_language(language)
        kiosk.resize(1280, 800)
        tap(find(kiosk, "kiosk_tile_ring-band"))
        qtbot.waitUntil(lambda: kiosk.width() == 1280)
        assert kiosk.minimumSizeHint().width() <= 1280
        for name, label in kiosk.editor_labels.items():
            assert not label.wordWrap(), name
            assert label.width() >= label.sizeHint().width(), name
        for button in kiosk.findChildren(QPushButton):
            if button.isVisible():
                assert button.width() >= button.sizeHint().width(), button.text()
    finally:
        i18n.set_language("en")


def in_view(kiosk, widget) -> bool:
    """Tell whether ``widget`` is shown whole inside the kiosk window."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(kiosk, widget.rect().topLeft())
    return kiosk.rect().contains(widget.rect().translated(top_left))


def test_fallback_keyboard_leaves_field_and_price(qtbot, kiosk):
    kiosk.resize(1280, 800)
    qtbot.waitUntil(lambda: kiosk.height() == 800)
    tap(find(kiosk, "kiosk_tile_ring-band"))
    tap(find(kiosk, "kiosk_type_engraving"))
    edit = find(kiosk, "kiosk_edit_engraving", QLineEdit)
    price = find(kiosk, "kiosk_price", QLabel)
    qtbot.waitUntil(lambda: in_view(kiosk, edit))
    assert in_view(kiosk, kiosk.keyboard)
    assert in_view(kiosk, price)
    assert not find(kiosk, "kiosk_label_metal", QLabel).isVisible()

    tap(kiosk.keyboard.key("done"))
    assert not kiosk.keyboard.isVisible()
    assert find(kiosk, "kiosk_label_metal", QLabel).isVisible()
    assert in_view(kiosk, price)


def open_ring_kiosk(qtbot, catalog, database):
    """Return the kiosk with its 3D view on the ring, once the ring is priced."""
    kiosk = KioskWindow(catalog, database, idle_timeout_ms=60_000)
    qtbot.addWidget(kiosk)
    kiosk.resize(1400, 950)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    with qtbot.waitSignal(kiosk.price_measured, timeout=WAIT_MS):
        tap(find(kiosk, "kiosk_tile_ring-band"))
    return kiosk


@pytest.fixture
def ring_kiosk(qtbot, catalog, database):
    """The kiosk with its 3D view on the ring, the ring's full price shown."""
    kiosk = open_ring_kiosk(qtbot, catalog, database)
    yield kiosk
    kiosk.shutdown()


def test_price_follows_the_frame(qtbot, ring_kiosk, database):
    kiosk = ring_kiosk
    before = quoted_total(kiosk.session, database)
    assert price_text(before) in kiosk.price.text()
    assert BLACK in kiosk.price.styleSheet()
    events = []
    kiosk.preview_updated.connect(
        lambda: events.append(("frame", kiosk.price.styleSheet()))
    )
    kiosk.price_measured.connect(
        lambda: events.append(("price", kiosk.price.styleSheet()))
    )

    with qtbot.waitSignal(kiosk.price_measured, timeout=WAIT_MS):
        tap(find(kiosk, "kiosk_plus_width"))
        # The last full price stays on screen, grey, while the ring builds.
        assert GREY in kiosk.price.styleSheet()
        assert price_text(before) in kiosk.price.text()

    # The frame of the new parts shows while the price is still grey.
    assert [event for event, _ in events] == ["frame", "price"]
    assert GREY in events[0][1]
    assert BLACK in events[1][1]
    wider = quoted_total(kiosk.session, database)
    assert wider != before
    assert price_text(wider) in kiosk.price.text()
    assert BLACK in kiosk.price.styleSheet()
    assert "materials" not in kiosk.price.text()


def test_fast_second_change_drops_first_price(qtbot, ring_kiosk, database):
    kiosk = ring_kiosk
    plus = find(kiosk, "kiosk_plus_width")
    with qtbot.waitSignal(kiosk.preview_updated, timeout=WAIT_MS):
        tap(plus)
    first = quoted_total(kiosk.session, database)
    measured_texts = []
    kiosk.price_measured.connect(lambda: measured_texts.append(kiosk.price.text()))

    # The first ring's frame is on screen and its parts are being measured
    # when the second change comes.
    with qtbot.waitSignal(kiosk.price_measured, timeout=WAIT_MS):
        tap(plus)
        assert GREY in kiosk.price.styleSheet()
        assert price_text(first) not in kiosk.price.text()
    settle_background_jobs()

    second = quoted_total(kiosk.session, database)
    assert second != first
    assert measured_texts == [kiosk.price.text()]
    assert price_text(second) in kiosk.price.text()
    assert price_text(first) not in kiosk.price.text()
    assert BLACK in kiosk.price.styleSheet()


def test_failed_build_shows_catalog_price(qtbot, ring_kiosk):
    kiosk = ring_kiosk
    # No engraving font has 𠀀, so the ring cannot be built, and the last
    # full price belongs to the ring before.
    with qtbot.waitSignal(kiosk.price_measured, timeout=WAIT_MS):
        kiosk.set_value("engraving", "A𠀀")
    assert "could not be built" in kiosk.notice.text()
    assert price_text(kiosk.session.price().total) in kiosk.price.text()
    assert "materials and tax" in kiosk.price.text()
    assert GREY in kiosk.price.styleSheet()


def test_price_failure_sends_customer_to_staff(qtbot, catalog, database):
    from designer.store import StoreSettings, save_store_settings

    # The materials are priced in euros, so a store that sells in dollars
    # cannot price the ring's metal.
    with database.session() as session:
        save_store_settings(session, StoreSettings(currency="USD"))
    kiosk = KioskWindow(catalog, database, idle_timeout_ms=60_000)
    qtbot.addWidget(kiosk)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    try:
        with qtbot.waitSignal(kiosk.price_measured, timeout=WAIT_MS):
            tap(find(kiosk, "kiosk_tile_ring-band"))
        assert "Ask a member of staff" in kiosk.notice.text()
        # The file and the currency setting are staff matters.
        assert "material_prices.csv" not in kiosk.notice.text()
        assert "materials and tax" in kiosk.price.text()
        assert "USD" in kiosk.price.text()
        assert "EUR" not in kiosk.price.text()
    finally:
        kiosk.shutdown()


def test_catalog_price_in_store_currency(qtbot, catalog, database):
    from designer.store import StoreSettings, save_store_settings

    with database.session() as session:
        save_store_settings(session, StoreSettings(currency="GBP"))
    kiosk = KioskWindow(catalog, database, idle_timeout_ms=60_000, show_preview=False)
    qtbot.addWidget(kiosk)
    kiosk.show()
    try:
        tap(find(kiosk, "kiosk_tile_ring-band"))
        total = format_number(kiosk.session.price().total, 2)
        assert f"Price: GBP\u00a0{total}" in kiosk.price.text()
        assert "EUR" not in kiosk.price.text()
    finally:
        kiosk.shutdown()


@pytest.mark.parametrize(
    ("currency", "amount"), [("JPY", r"[\d,]+"), ("USD", r"[\d,]+\.\d{2}")]
)
def test_catalog_price_in_minor_unit(qtbot, kiosk, database, currency, amount):
    save_store(database, currency=currency)
    tap(find(kiosk, "kiosk_tile_ring-band"))
    total = format_money(kiosk.session.price().total, currency)
    text = kiosk.price.text()
    assert f"Price: {currency}\u00a0{total} " in text
    assert re.search(rf"Price: {currency}\u00a0{amount} ", text)


def save_store(database, **fields):
    """Change the store's settings, as staff do at another till."""
    from designer.store import StoreSettings, save_store_settings

    with database.session() as session:
        save_store_settings(session, StoreSettings(**fields))


def test_product_opens_in_new_currency(qtbot, kiosk, database):
    tap(find(kiosk, "kiosk_tile_ring-band"))
    assert "Price: EUR\u00a0" in kiosk.price.text()

    save_store(database, currency="GBP")
    tap(find(kiosk, "kiosk_back"))
    tap(find(kiosk, "kiosk_tile_ring-band"))
    total = format_number(kiosk.session.price().total, 2)
    assert f"Price: GBP\u00a0{total}" in kiosk.price.text()
    assert "EUR" not in kiosk.price.text()


def test_full_price_uses_new_tax_rate(qtbot, ring_kiosk, database):
    from decimal import Decimal

    kiosk = ring_kiosk
    before = quoted_total(kiosk.session, database)
    assert price_text(before) in kiosk.price.text()

    save_store(database, tax_rate=Decimal("0.10"))
    with qtbot.waitSignal(kiosk.price_measured, timeout=WAIT_MS):
        tap(find(kiosk, "kiosk_plus_width"))
    after = quoted_total(kiosk.session, database)
    assert price_text(after) in kiosk.price.text()
    assert BLACK in kiosk.price.styleSheet()


def test_store_currency_beside_invalid_tax_rate(qtbot, kiosk, database):
    from storage.repositories import set_setting

    save_store(database, currency="USD")
    with database.session() as session:
        set_setting(session, "store.tax_rate", "20%")
    tap(find(kiosk, "kiosk_tile_ring-band"))
    total = format_number(kiosk.session.price().total, 2)
    assert f"Price: USD\u00a0{total}" in kiosk.price.text()
    assert "EUR" not in kiosk.price.text()


@pytest.fixture
def dollar_kiosk(qtbot, catalog, database):
    """The kiosk on the ring in a store that sells in dollars.

    The materials are priced in euros, so the ring's full price fails and
    the kiosk sends the customer to staff.
    """
    save_store(database, currency="USD")
    kiosk = open_ring_kiosk(qtbot, catalog, database)
    yield kiosk
    kiosk.shutdown()


def test_staff_notice_follows_language(qtbot, dollar_kiosk):
    from app import i18n

    kiosk = dollar_kiosk
    english = kiosk.notice.text()
    assert english.startswith("The full price with materials and tax cannot")

    try:
        tap(kiosk.language_button)
        # Worded again at once, before the rebuild prices the ring again.
        chinese = kiosk.notice.text()
        price = kiosk.price.text()
    finally:
        i18n.set_language("en")
    assert chinese == "此处无法显示含材料和税费的完整价格。请店员为此设计报价。"
    assert price.startswith("价格：USD\u00a0")
    assert kiosk.notice.text() == english


def test_staff_notice_goes_once_priced(qtbot, dollar_kiosk, database):
    from app import i18n

    kiosk = dollar_kiosk
    assert "Ask a member of staff" in kiosk.notice.text()

    # A language switch prices the ring again. A value change would not
    # do here, because it clears the notice by itself.
    save_store(database, currency="EUR")
    try:
        with qtbot.waitSignal(kiosk.price_measured, timeout=WAIT_MS):
            tap(kiosk.language_button)
        notice = kiosk.notice.text()
        price = kiosk.price.text()
        style = kiosk.price.styleSheet()
    finally:
        i18n.set_language("en")
    total = format_number(quoted_total(kiosk.session, database), 2)
    assert f"EUR\u00a0{total}" in price
    assert BLACK in style
    assert notice == ""
