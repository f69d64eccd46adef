"""The parameter panel on its own: withheld values, explanations, repairs."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import i18n
from app.main_window import MainWindow
from app.parameter_panel import WITHHELD_COLOUR, WITHHELD_ROLE, ParameterPanel
from designer.session import DesignSession
from resources import EXAMPLES_DIR
from tests.app.conftest import open_design_file
from tests.app.wrapping import KEPT_TOGETHER, split_pairs


@pytest.fixture
def panel(qtbot, catalog):
    """A panel on a ring whose profile is flat and depth 1.3 mm, both chosen.

    Its signals drive the session the way the main window does.
    """
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("profile", "flat")
    session.set_value("depth", 1.3)
    return wired_panel(qtbot, session)


def wired_panel(qtbot, session):
    """Return a shown panel on ``session`` whose changes and accepted
    repairs drive the session the way the main window does."""
    panel = ParameterPanel("en")
    qtbot.addWidget(panel)
    panel.set_session(session)

    def set_value(name, value):
        session.set_value(name, value)
        panel.refresh()

    def apply_repair(proposal):
        session.apply_repair(proposal)
        panel.refresh()

    panel.value_changed.connect(set_value)
    panel.repair_accepted.connect(apply_repair)
    panel.show()
    return panel


def choose(panel, name, value):
    """Pick a value in a list the way a click does: through ``activated``."""
    editor = panel.editor(name)
    row = next(
        r
        for r in range(editor.items.rowCount())
        if editor.items.item(r).data(Qt.ItemDataRole.UserRole + 1) == value
    )
    editor.combo.setCurrentIndex(row)
    editor.combo.activated.emit(row)


def test_withheld_choice_is_greyed_with_its_reason(panel):
    combo = panel.findChild(type(panel.editor("profile").combo), "combo_profile")
    assert combo is panel.editor("profile").combo
    item = panel.editor("profile").item_for("court")
    assert item.isEnabled()
    assert item.data(WITHHELD_ROLE)
    assert item.foreground().color().name() == WITHHELD_COLOUR
    assert "1.5\u00a0mm" in item.toolTip()
    assert not panel.editor("profile").item_for("d_shape").data(WITHHELD_ROLE)


def test_choosing_a_withheld_value_offers_the_repair(qtbot, panel):
    session = panel.session
    choose(panel, "profile", "court")
    dialog = panel.repair_dialog
    assert dialog.objectName() == "repair_dialog"
    assert dialog.isVisible()
    assert dialog.text() == (
        "To choose Profile Court (comfort fit), change Band depth "
        "1.3\u00a0mm → 1.5\u00a0mm?"
    )
    assert "below 1.5\u00a0mm deep" in dialog.informativeText()
    # Nothing changes before the user confirms.
    assert session.values["profile"] == "flat"
    assert panel.editor("profile").combo.currentText() == "Flat"

    with qtbot.waitSignal(panel.repair_accepted):
        qtbot.mouseClick(
            dialog.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton
        )
    assert session.values["profile"] == "court"
    assert session.values["depth"] == 1.5
    assert panel.editor("profile").combo.currentText() == "Court (comfort fit)"
    assert panel.editor("depth").spin.value() == pytest.approx(1.5)
    assert session.orderable
    assert session.undo()
    assert session.values["depth"] == 1.3


def test_declined_repair_keeps_the_design(qtbot, panel):
    session = panel.session
    before = dict(session.values)
    choose(panel, "profile", "court")
    dialog = panel.repair_dialog
    with qtbot.assertNotEmitted(panel.repair_accepted):
        qtbot.mouseClick(
            dialog.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton
        )
    assert session.values == before
    assert panel.editor("profile").combo.currentText() == "Flat"
    assert panel.repair_dialog is None


def test_typing_a_withheld_number_offers_the_repair(qtbot, panel):
    session = panel.session
    session.set_value("depth", 1.6)
    panel.refresh()
    choose(panel, "metal", "silver_925")
    assert session.values["metal"] == "silver_925"
    spin = panel.findChild(type(panel.editor("depth").spin), "spin_depth")
    spin.selectAll()
    qtbot.keyClicks(spin, "1.3")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    dialog = panel.repair_dialog
    assert dialog.text() == (
        "To choose Band depth 1.3\u00a0mm, change Metal Sterling silver → 18k "
        "yellow gold?"
    )
    assert "at least 1.5\u00a0mm deep" in dialog.informativeText()
    with qtbot.waitSignal(panel.repair_accepted):
        dialog.button(QMessageBox.StandardButton.Yes).click()
    assert session.values["depth"] == 1.3
    assert session.values["metal"] == "gold_18k_yellow"
    assert session.orderable


def test_value_no_design_has_offers_nearest(qtbot, catalog):
    # No engraved solitaire has a 2 mm band, so the dialog offers the
    # nearest width that fits both the prong head and the letters.
    session = DesignSession(catalog.get("ring-solitaire"))
    session.set_value("engraving", "Anna")
    panel = ParameterPanel("en")
    qtbot.addWidget(panel)
    panel.set_session(session)
    panel.repair_accepted.connect(session.apply_repair)
    panel.show()

    panel.offer_repair("width", 2.0)
    dialog = panel.repair_dialog
    assert dialog.text() == "Choose Band width 3\u00a0mm?"
    assert "at least 2.5\u00a0mm wide" in dialog.informativeText()
    assert "at least 3\u00a0mm wide" in dialog.informativeText()
    with qtbot.waitSignal(panel.repair_accepted):
        dialog.button(QMessageBox.StandardButton.Yes).click()
    assert session.values["width"] == 3.0
    assert session.orderable


@pytest.fixture
def boot_panel(qtbot, catalog):
    """A panel on the default boot, EU 42, whose shafts above 140 mm are
    withheld by the foot's length."""
    return wired_panel(qtbot, DesignSession(catalog.get("shoe-boot")))


def test_drag_stops_at_last_fitting_value(boot_panel):
    session = boot_panel.session
    highest = max(session.domains.offered["shaft_height"])
    assert 160 in session.domains.withheld["shaft_height"]
    slider = boot_panel.editor("shaft_height").slider
    slider.setSliderDown(True)
    slider.setValue(slider.maximum())
    slider.setSliderDown(False)
    assert session.values["shaft_height"] == highest
    assert session.values["size"] == "EU 42"
    assert session.orderable
    assert boot_panel.repair_dialog is None


def at_highest_shaft(boot_panel):
    """Set the boot's highest fitting shaft and focus its slider; return the
    session, that height and the slider."""
    session = boot_panel.session
    highest = max(session.domains.offered["shaft_height"])
    session.set_value("shaft_height", highest)
    boot_panel.refresh()
    slider = boot_panel.editor("shaft_height").slider
    slider.setFocus()
    return session, highest, slider


def test_slider_key_into_withheld_asks(qtbot, boot_panel):
    session, highest, slider = at_highest_shaft(boot_panel)
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    dialog = boot_panel.repair_dialog
    assert dialog is not None
    assert "change Shoe size" in dialog.text()
    assert session.values["shaft_height"] == highest
    assert slider.value() == boot_panel.editor("shaft_height").values.index(highest)
    dialog.button(QMessageBox.StandardButton.No).click()
    assert session.values["size"] == "EU 42"


def test_repeated_withheld_steps_leave_one_dialog(qtbot, boot_panel):
    session, highest, slider = at_highest_shaft(boot_panel)
    for _ in range(3):
        slider.setValue(slider.maximum())
    qtbot.wait(10)
    dialogs = [
        widget
        for widget in boot_panel.findChildren(QMessageBox, "repair_dialog")
        if widget.isVisible()
    ]
    assert dialogs == [boot_panel.repair_dialog]
    boot_panel.repair_dialog.button(QMessageBox.StandardButton.No).click()
    assert session.values["shaft_height"] == highest


@pytest.fixture
def relaxed_boot_panel(qtbot, catalog):
    """A panel on a boot opened with a leather sole on a cemented
    construction, which the rules forbid, so its domains leave the choices
    out. Its 130 mm shaft is chosen too, and its EU 42 size is kept as every
    size is."""
    chosen = {"sole": "leather_sole", "construction": "cemented", "shaft_height": 130}
    session = DesignSession(catalog.get("shoe-boot"), chosen, chosen)
    assert session.domains.relaxed == "choices"
    assert 160 in session.domains.offered["shaft_height"]
    return wired_panel(qtbot, session)


def test_relaxed_drag_stops_at_fitting(relaxed_boot_panel):
    session = relaxed_boot_panel.session
    slider = relaxed_boot_panel.editor("shaft_height").slider
    slider.setSliderDown(True)
    slider.setValue(slider.maximum())
    slider.setSliderDown(False)
    assert session.values["shaft_height"] == 140
    assert session.values["size"] == "EU 42"
    assert relaxed_boot_panel.repair_dialog is None
    assert [v.rule for v in session.evaluation.errors] == ["sole-construction"]


def test_relaxed_slider_key_asks(qtbot, relaxed_boot_panel):
    session = relaxed_boot_panel.session
    session.set_value("shaft_height", 140)
    relaxed_boot_panel.refresh()
    slider = relaxed_boot_panel.editor("shaft_height").slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    dialog = relaxed_boot_panel.repair_dialog
    assert dialog is not None
    assert "Shaft height 150\u00a0mm" in dialog.text()
    assert "Shoe size" in dialog.text()
    assert session.values["shaft_height"] == 140
    dialog.button(QMessageBox.StandardButton.No).click()
    assert session.values["shaft_height"] == 140


def test_relaxed_typed_shaft_asks(qtbot, relaxed_boot_panel):
    session = relaxed_boot_panel.session
    spin = relaxed_boot_panel.editor("shaft_height").spin
    spin.selectAll()
    qtbot.keyClicks(spin, "160")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    dialog = relaxed_boot_panel.repair_dialog
    assert dialog is not None
    assert session.values["shaft_height"] == 130
    dialog.button(QMessageBox.StandardButton.No).click()
    assert session.values["shaft_height"] == 130


def type_size(qtbot, panel, text):
    combo = panel.editor("size").combo
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), text)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)


def check_typed_size_asks(qtbot, panel, typed):
    """Type ``typed``, a size too small for the boot's 130 mm shaft, check
    that the question names the shaft, and decline it."""
    session = panel.session
    type_size(qtbot, panel, typed)
    dialog = panel.repair_dialog
    assert dialog is not None
    assert "Shaft height 130\u00a0mm" in dialog.text()
    dialog.button(QMessageBox.StandardButton.No).click()
    assert session.values["size"] == "EU 42"
    assert session.values["size_system"] == "EU"


def check_typed_fitting_size_is_set(qtbot, panel):
    session = panel.session
    type_size(qtbot, panel, "uk 9")
    assert panel.repair_dialog is None
    assert session.values["size"] == "UK 9"
    assert session.values["size_system"] == "UK"


@pytest.mark.parametrize("typed", ["eu 35", "EU35", "UK 2.5"])
def test_typed_withheld_size_asks(qtbot, boot_panel, typed):
    # With a 130 mm shaft chosen, EU 35 and UK 2.5 are too small a foot.
    boot_panel.session.set_value("shaft_height", 130)
    boot_panel.refresh()
    check_typed_size_asks(qtbot, boot_panel, typed)


def test_typed_fitting_size_sets_it(qtbot, boot_panel):
    check_typed_fitting_size_is_set(qtbot, boot_panel)


@pytest.fixture
def conflicting_ring_panel(qtbot, catalog, tmp_path):
    """A panel on a ring file whose chosen court profile is 1.3 mm deep,
    below the 1.5 mm a court band needs, so its domains leave the choices
    out."""
    chosen = {"profile": "court", "depth": 1.3}
    session = open_design_file(catalog, tmp_path / "ring.json", "ring-band", chosen)
    assert session.domains.relaxed == "choices"
    assert "silver_925" in session.domains.offered["metal"]
    return wired_panel(qtbot, session)


def test_conflicting_design_greys_withheld_choice(conflicting_ring_panel):
    # Silver needs a 1.5 mm band too, so the kept 1.3 mm depth withholds it.
    metal = conflicting_ring_panel.editor("metal")
    silver = metal.item_for("silver_925")
    assert silver.data(WITHHELD_ROLE)
    assert silver.foreground().color().name() == WITHHELD_COLOUR
    assert "1.5\u00a0mm" in silver.toolTip()
    assert not metal.item_for("titanium").data(WITHHELD_ROLE)
    # The size system converts the size, so every system stays offered.
    systems = conflicting_ring_panel.editor("size_system")
    assert not any(systems.items.item(r).data(WITHHELD_ROLE) for r in range(4))


def test_conflicting_design_list_pick_asks(qtbot, conflicting_ring_panel):
    session = conflicting_ring_panel.session
    choose(conflicting_ring_panel, "metal", "silver_925")
    dialog = conflicting_ring_panel.repair_dialog
    assert dialog is not None
    assert dialog.text() == (
        "To choose Metal Sterling silver, change Band depth 1.3\u00a0mm → 1.5\u00a0mm?"
    )
    assert session.values["metal"] == "gold_18k_yellow"
    with qtbot.waitSignal(conflicting_ring_panel.repair_accepted):
        dialog.button(QMessageBox.StandardButton.Yes).click()
    assert session.values["metal"] == "silver_925"
    assert session.values["depth"] == 1.5
    assert session.orderable


def test_conflicting_design_fitting_pick_is_set(conflicting_ring_panel):
    session = conflicting_ring_panel.session
    choose(conflicting_ring_panel, "metal", "titanium")
    assert conflicting_ring_panel.repair_dialog is None
    assert session.values["metal"] == "titanium"
    assert [v.rule for v in session.evaluation.errors] == ["court-depth"]


@pytest.fixture
def conflicting_boot_panel(qtbot, catalog, tmp_path):
    """A panel on a boot file with a leather sole on a cemented
    construction, which the rules forbid, and a 130 mm shaft, all chosen."""
    chosen = {"sole": "leather_sole", "construction": "cemented", "shaft_height": 130}
    session = open_design_file(catalog, tmp_path / "boot.json", "shoe-boot", chosen)
    assert session.domains.relaxed == "choices"
    assert "EU 35" in session.domains.offered["size"]
    return wired_panel(qtbot, session)


@pytest.mark.parametrize("typed", ["eu 35", "UK 2.5"])
def test_conflicting_design_typed_size_asks(qtbot, conflicting_boot_panel, typed):
    # The kept 130 mm shaft is too high for an EU 35 or UK 2.5 foot.
    size = conflicting_boot_panel.editor("size")
    assert size.item_for("EU 35").data(WITHHELD_ROLE)
    check_typed_size_asks(qtbot, conflicting_boot_panel, typed)


def test_conflicting_design_typed_fitting_size(qtbot, conflicting_boot_panel):
    check_typed_fitting_size_is_set(qtbot, conflicting_boot_panel)


def test_offered_value_is_set_without_a_dialog(panel):
    choose(panel, "profile", "d_shape")
    assert panel.session.values["profile"] == "d_shape"
    assert panel.repair_dialog is None


def test_panel_follows_language_switch(panel):
    depth = panel.editor("depth")
    court = panel.editor("profile").item_for("court")
    assert depth.available.text().startswith("Available: ")
    assert court.toolTip().startswith("Not available: ")
    try:
        i18n.set_language("zh_CN")
        court = panel.editor("profile").item_for("court")
        assert depth.available.text().startswith("可选：")
        assert court.toolTip().startswith("不可选：")
        assert panel._form.labelForField(depth).text() == "戒圈厚度"
        assert depth.spin.accessibleName() == "戒圈厚度"
        choose(panel, "profile", "court")
        dialog = panel.repair_dialog
        assert dialog.windowTitle() == "不可选"
        assert dialog.text().startswith("要选择")
        dialog.button(QMessageBox.StandardButton.No).click()
    finally:
        i18n.set_language("en")
    court = panel.editor("profile").item_for("court")
    assert depth.available.text().startswith("Available: ")
    assert court.toolTip().startswith("Not available: ")
    assert panel._form.labelForField(depth).text() == "Band depth"


def test_open_repair_dialog_follows_language(qtbot, panel):
    choose(panel, "profile", "court")
    dialog = panel.repair_dialog
    english = (dialog.windowTitle(), dialog.text(), dialog.informativeText())
    try:
        i18n.set_language("zh_CN")
        assert panel.repair_dialog is dialog
        assert dialog.windowTitle() == "不可选"
        assert dialog.text() == (
            "要选择截面 内外弧（舒适型），需修改：戒圈厚度 1.3\u00a0mm → "
            "1.5\u00a0mm。是否修改？"
        )
        assert "1.5\u00a0mm" in dialog.informativeText()
        assert "below 1.5\u00a0mm deep" not in dialog.informativeText()
        assert dialog.button(QMessageBox.StandardButton.Yes).text() == "是"
        assert dialog.button(QMessageBox.StandardButton.No).text() == "否"
    finally:
        i18n.set_language("en")
    assert (dialog.windowTitle(), dialog.text(), dialog.informativeText()) == english
    with qtbot.waitSignal(panel.repair_accepted):
        dialog.button(QMessageBox.StandardButton.Yes).click()
    assert panel.session.values["profile"] == "court"


def test_size_outside_its_system_stays_shown(qtbot, catalog):
    session = DesignSession(catalog.get("ring-band"), {"size": "JP 14"})
    panel = ParameterPanel("en")
    qtbot.addWidget(panel)
    panel.set_session(session)
    editor = panel.editor("size")
    assert session.values["size_system"] == "US"
    assert editor.combo.currentText() == "14 (Japan)"
    assert editor.item_for("JP 14").foreground().color().name() == WITHHELD_COLOUR
    assert editor.item_for("JP 13") is None


def test_size_outside_its_system_in_chinese(qtbot, catalog):
    session = DesignSession(catalog.get("ring-band"), {"size": "JP 14"})
    i18n.set_language("zh_CN")
    try:
        panel = ParameterPanel("zh_CN")
        qtbot.addWidget(panel)
        panel.set_session(session)
        assert panel.editor("size").combo.currentText() == "14（日本）"
    finally:
        i18n.set_language("en")


def studio_with_repair_offered(qtbot, catalog, database):
    """Return a studio window on a ring whose 'Not available' dialog offers
    Profile Court, which needs a deeper band."""
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    window.open_model("ring-band")
    window.set_value("profile", "flat")
    window.set_value("depth", 1.3)
    choose(window.panel, "profile", "court")
    assert window.panel.repair_dialog.isVisible()
    return window


@pytest.mark.parametrize("change", ["product", "design file"])
def test_new_design_closes_repair_dialog(qtbot, catalog, database, change):
    window = studio_with_repair_offered(qtbot, catalog, database)
    dialog = window.panel.repair_dialog

    with qtbot.assertNotEmitted(window.panel.repair_accepted):
        if change == "product":
            window.open_model("table-dining")
        else:
            window.open_design(EXAMPLES_DIR / "ring-band.json")

    assert not dialog.isVisible()
    assert window.panel.repair_dialog is None
    expected = "table-dining" if change == "product" else "ring-band"
    assert window.session.model.id == expected


def test_stale_repair_explained_to_staff(qtbot, catalog, database):
    window = studio_with_repair_offered(qtbot, catalog, database)
    dialog = window.panel.repair_dialog
    window.set_value("width", 5.0)

    dialog.button(QMessageBox.StandardButton.Yes).click()
    english = window.notice.text()
    try:
        i18n.set_language("zh_CN")
        chinese = window.notice.text()
    finally:
        i18n.set_language("en")

    assert window.session.values["profile"] == "flat"
    assert english == (
        "Nothing was changed, because the design changed after Profile = Court "
        "(comfort fit) was offered. Choose the value again to see what it needs "
        "now."
    )
    assert "profile" not in chinese
    assert "请重新选择该值" in chinese


def test_repair_texts_keep_units(qtbot, panel):
    court = panel.editor("profile").item_for("court")
    texts = [court.toolTip()]
    choose(panel, "profile", "court")
    dialog = panel.repair_dialog
    texts += [dialog.text(), dialog.informativeText()]
    try:
        i18n.set_language("zh_CN")
        court = panel.editor("profile").item_for("court")
        texts += [court.toolTip(), dialog.text(), dialog.informativeText()]
    finally:
        i18n.set_language("en")
    dialog.button(QMessageBox.StandardButton.No).click()

    assert "要选择" in texts[4]
    font = dialog.font()
    for text in texts:
        assert KEPT_TOGETHER.search(text), text
        assert split_pairs(text, font) == []
