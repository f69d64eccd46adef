import codecs
import html
import itertools
import json
import os
import re
import shutil
import stat
from pathlib import Path

import numpy as np
import pytest
import trimesh
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QTextOption
from PySide6.QtWidgets import QMessageBox, QToolBar

from app import i18n
from app.main_window import MESSAGES_MAX_PX, MainWindow
from app.parameter_panel import VALUE_ROLE, WITHHELD_ROLE
from designer.designs import read_design
from rendering.dimensions import AXES
from resources import EXAMPLES_DIR
from tests.app.conftest import (
    SAGGING_CABINET,
    old_cabinet_notice,
    open_design_file,
    point_on_part,
    text_in_chinese,
    wait_for_newest_preview,
)
from tests.app.wrapping import KEPT_TOGETHER, line_starts, split_pairs
from tests.images import image_colours

WAIT_MS = 30_000


@pytest.fixture
def window(qtbot, catalog, database):
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.show()
    if window.session.model.id != "ring-band":
        with qtbot.waitSignal(
            window.preview_updated,
            timeout=WAIT_MS,
            check_params_cb=window.is_newest_request,
        ):
            window.open_model("ring-band")
    yield window
    window.close()


def open_model_shown(qtbot, window, model_id):
    """Open ``model_id`` and wait until its newest preview is drawn."""
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.open_model(model_id)


def test_parameter_change_updates_preview(qtbot, window):
    assert window.session.model.id == "ring-band"
    before = (
        window.preview.scene.bounds()
        if hasattr(window.preview.scene, "bounds")
        else None
    )
    editor = window.panel.editor("width")
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        editor.slider.setValue(editor.slider.value() + 4)
    assert window.session.values["width"] == 6.0
    assert image_colours(window.preview.grab_image()) > 50
    assert image_colours(window.grab().toImage()) > 50
    if before is not None:
        assert window.preview.scene.bounds() != before


def test_withheld_value_is_greyed_with_reason(qtbot, window):
    window.set_value("profile", "flat")
    window.set_value("depth", 1.3)
    item = window.panel.editor("profile").item_for("court")
    assert item.isEnabled()
    assert item.data(WITHHELD_ROLE)
    assert "1.5\u00a0mm" in item.toolTip()


def test_confirmed_repair_updates_the_design(qtbot, window):
    window.set_value("profile", "flat")
    window.set_value("depth", 1.3)
    window.panel.offer_repair("profile", "court")
    dialog = window.panel.repair_dialog
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        dialog.button(QMessageBox.StandardButton.Yes).click()
    assert window.session.values["profile"] == "court"
    assert window.session.values["depth"] == 1.5
    assert "1.3\u00a0mm → 1.5\u00a0mm" in window.notice.text()


def test_moved_value_is_named_and_stays_in_view(qtbot, window):
    window.set_value("engraving", "Forever")
    window.set_value("depth", 1.3)
    moved = "Court (comfort fit) → Flat"
    assert moved in window.notice.text()
    assert "court" not in window.notice.text()
    window.set_value("metal", "silver_925")
    assert moved in window.notice.text()
    window.retranslate("zh_CN")
    assert "内外弧（舒适型） → 平面" in window.notice.text()
    window.retranslate("en")
    window.set_value("profile", "d_shape")
    assert window.notice.text() == ""


def test_typed_size_switch_follows_entry(qtbot, window):
    open_model_shown(qtbot, window, "shoe-oxford")
    window.set_value("size", "UK 12.5")
    assert window.session.values["size_system"] == "UK"
    assert window.notice.text() == "Size system set to UK to match UK 12.5."
    i18n.set_language("zh_CN")
    try:
        chinese = window.notice.text()
    finally:
        i18n.set_language("en")
    assert chinese == "已将尺码体系设为英码，以匹配 UK 12.5。"
    assert window.notice.text() == "Size system set to UK to match UK 12.5."
    # The note is about that entry, so the next change takes it away.
    window.set_value("size", "UK 11")
    assert window.notice.text() == ""


def type_into(qtbot, combo, text):
    """Type ``text`` into an editable box and press Return."""
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), text)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)


def test_size_box_takes_other_system(qtbot, window):
    open_model_shown(qtbot, window, "shoe-oxford")
    assert window.session.values["size_system"] == "EU"
    combo = window.panel.editor("size").combo
    type_into(qtbot, combo, "UK 9.5")
    assert window.session.values["size"] == "UK 9.5"
    assert window.session.values["size_system"] == "UK"
    assert window.notice.text() == "Size system set to UK to match UK 9.5."
    assert (
        combo.currentText()
        == window.panel.editor("size").items.item(combo.currentIndex()).text()
    )


def test_size_box_keeps_rejected_text(qtbot, window):
    open_model_shown(qtbot, window, "shoe-oxford")
    before = window.session.values["size"]
    combo = window.panel.editor("size").combo
    type_into(qtbot, combo, "UK 99")
    assert window.session.values["size"] == before
    assert "'UK 99'" in window.notice.text()
    assert combo.lineEdit().text() == "UK 99"


@pytest.mark.parametrize(
    ("model_id", "typed", "size"),
    [
        ("shoe-oxford", "uk 8½", "UK 8.5"),
        ("shoe-oxford", "us 10", "US 10"),
        ("ring-band", "N½", "UK N½"),
        ("ring-band", "US 7½", "US 7.5"),
    ],
)
def test_size_box_takes_other_spellings(qtbot, window, model_id, typed, size):
    if model_id != window.session.model.id:
        open_model_shown(qtbot, window, model_id)
    type_into(qtbot, window.panel.editor("size").combo, typed)
    assert window.session.values["size"] == size


def test_size_box_leaves_ambiguous_number(qtbot, window):
    # UK and US shoes both have a 12.5, so the box takes neither.
    open_model_shown(qtbot, window, "shoe-oxford")
    before = window.session.values["size"]
    type_into(qtbot, window.panel.editor("size").combo, "12 1/2")
    assert window.session.values["size"] == before
    assert "'UK 12.5'" in window.notice.text()
    assert "'US 12.5'" in window.notice.text()


def test_emptied_size_box_shows_size(qtbot, window):
    combo = window.panel.editor("size").combo
    shown = combo.currentText()
    combo.lineEdit().clear()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.lineEdit().text() == shown
    assert window.session.values["size"] == "US 7"


def test_rejected_size_stays_through_switch(qtbot, window):
    type_into(qtbot, window.panel.editor("size").combo, "US 99")
    # The switch builds the panel's boxes again.
    i18n.set_language("zh_CN")
    try:
        chinese = window.panel.editor("size").combo.lineEdit().text()
    finally:
        i18n.set_language("en")
    assert chinese == "US 99"
    assert window.panel.editor("size").combo.lineEdit().text() == "US 99"


def test_size_box_picks_listed_label(qtbot, window):
    open_model_shown(qtbot, window, "shoe-oxford")
    combo = window.panel.editor("size").combo
    label = combo.itemText(3)
    type_into(qtbot, combo, label.lower())
    assert window.session.values["size"] == combo.itemData(3, VALUE_ROLE)


def test_typed_size_keeps_knock_on_note(qtbot, window):
    open_model_shown(qtbot, window, "shoe-boot")
    window.set_value("size", "UK 2.5")
    assert window.notice.text() == (
        "Size system set to UK to match UK 2.5. Also changed to keep the "
        "design valid: Shaft height: 130\u00a0mm → 110\u00a0mm"
    )
    window.undo()
    assert window.session.values["size_system"] == "EU"
    assert window.notice.text() == ""


def test_language_switch_keeps_rejected_entry(qtbot, window):
    open_model_shown(qtbot, window, "shoe-oxford")
    window.set_value("size", "UK 12.5")
    window.set_value("size", "7")
    english = window.notice.text()
    assert "'7' is not accepted" in english
    i18n.set_language("zh_CN")
    try:
        chinese = window.notice.text()
    finally:
        i18n.set_language("en")
    # The rejection stays on screen in the new language, and the older
    # note about the size system does not come back over it.
    assert "7" in chinese
    assert "已将尺码体系" not in chinese
    assert chinese != english
    assert window.notice.text() == english


def test_chinese_knock_on_note_punctuation(qtbot, window):
    open_model_shown(qtbot, window, "shoe-boot")
    i18n.set_language("zh_CN")
    try:
        window.set_value("size", "UK 2.5")
        notice = window.notice.text()
    finally:
        i18n.set_language("en")
    assert "。 " not in notice
    assert ": " not in notice
    assert "UK 2.5。" in notice
    assert "130\u00a0mm → 110\u00a0mm" in notice


def test_undone_move_leaves_the_note(qtbot, window):
    window.set_value("engraving", "Forever")
    window.set_value("depth", 1.3)
    assert "Flat" in window.notice.text()
    window.undo()
    assert window.session.values["profile"] == "court"
    assert window.notice.text() == ""


def test_redone_move_shows_the_note(qtbot, window):
    window.set_value("engraving", "Forever")
    window.set_value("depth", 1.3)
    note = window.notice.text()
    assert "Court (comfort fit) → Flat" in note
    window.undo()
    window.redo()
    assert window.session.values["profile"] == "flat"
    assert window.notice.text() == note


def test_violations_are_listed_in_words(qtbot, window):
    window.set_value("size", "US 3")
    window.set_value("width", 10.0)
    window.set_value("engraving", "x" * 40)
    texts = [window.violations.item(i).text() for i in range(window.violations.count())]
    assert any("at most" in text and "fits inside this band" in text for text in texts)
    assert not window.export_action.isEnabled()


def test_narrow_engraved_band_listed(qtbot, window):
    window.set_value("engraving", "Forever")
    window.set_value("width", 2.5)
    texts = [window.violations.item(i).text() for i in range(window.violations.count())]
    assert any(
        "0.9\u00a0mm high" in text and "3\u00a0mm wide" in text for text in texts
    )
    assert not window.export_action.isEnabled()


# A number and the unit after it, in the cabinet's shelf-sag message.
NUMBER_AND_UNIT = re.compile(r"\d+(?:\.\d+)?[ \u00a0](?:mm|kg|公斤)")


def assert_units_kept(window, language):
    """Check that each rule message in the window's panel keeps its numbers
    with their units, at every width the panel could wrap it to."""
    session = window.session
    items = [window.violations.item(i) for i in range(window.violations.count())]
    messages = [violation.message(language) for violation in session.violations]
    assert messages
    assert any(NUMBER_AND_UNIT.search(message) for message in messages)
    font = window.violations.font()
    for item, message in zip(items, messages, strict=True):
        text = item.text()
        # Only the spaces differ, and the session's message keeps plain ones.
        assert "\u00a0" not in message
        assert text.replace("\u00a0", " ").endswith(message)
        pairs = [match.span() for match in NUMBER_AND_UNIT.finditer(text)]
        modes = (
            QTextOption.WrapMode.WordWrap,
            QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere,
        )
        for width, mode in itertools.product(range(150, 700, 3), modes):
            for start in line_starts(text, font, width, mode):
                broken = [text[a:b] for a, b in pairs if a < start < b]
                assert not broken, f"{broken} wraps at {width} px: {text!r}"


def test_panel_keeps_units_with_numbers(qtbot, window, catalog, tmp_path):
    path = tmp_path / "cabinet.json"
    open_design_file(catalog, path, "cabinet", SAGGING_CABINET)
    wait_for_newest_preview(qtbot, window, lambda: window.open_design(path))
    assert [v.rule for v in window.session.violations] == ["shelf-sag"]
    # A side panel narrow enough to wrap the message over several lines.
    window.resize(1000, 860)
    window.centralWidget().setSizes([220, 520, 260])
    qtbot.waitUntil(lambda: window.violations.viewport().width() < 300)

    assert_units_kept(window, "en")
    try:
        i18n.set_language("zh_CN")
        assert "30\u00a0公斤" in window.violations.item(0).text()
        assert_units_kept(window, "zh_CN")
    finally:
        i18n.set_language("en")


def test_bad_value_is_reported_not_raised(qtbot, window):
    window.set_value("width", 99)
    assert "width" in window.notice.text()
    assert window.session.values["width"] == 4.0


def test_typed_customer_id_is_looked_up(qtbot, window, database):
    from designer.customers import register_customer

    match = register_customer(
        database,
        "Mei Lin",
        consent_profiling=True,
        consent_marketing=False,
        staff=None,
    )
    box = window.customer_box
    count = box.count()
    box.lineEdit().setText("nobody-7")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert "'nobody-7' not found" in window.notice.text()
    assert box.currentText() == "nobody-7"
    # No order can go to the customer shown before the mistyped id.
    assert window.customer_id is None
    assert box.count() == count
    box.lineEdit().setText(match.id)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.customer_id == match.id
    assert "not found" not in window.notice.text()


def test_unknown_id_typed_with_no_customer_is_named(qtbot, window):
    window.set_customer(None)
    box = window.customer_box
    box.lineEdit().setText("nobody-42")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert "'nobody-42' not found" in window.notice.text()
    assert box.currentText() == "nobody-42"
    assert window.customer_id is None
    chinese = text_in_chinese(window.notice)
    assert chinese.startswith("找不到客户 'nobody-42'。")
    assert "'nobody-42' not found" in window.notice.text()


def test_tapped_part_shows_its_material_option(qtbot, window):
    preview = window.preview
    on_band = point_on_part(preview, "band")
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=on_band)
    assert window.notice.text() == "Metal: 18k yellow gold"
    i18n.set_language("zh_CN")
    try:
        chinese = window.notice.text()
    finally:
        i18n.set_language("en")
    assert chinese == "金属：18K 黄金"
    assert window.notice.text() == "Metal: 18k yellow gold"
    # A part without an option of its own clears the note of the last one.
    window.preview.part_picked.emit("lace", "waxed_cotton")
    assert window.notice.text() == ""
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=on_band)
    metal = window.panel.editor("metal")
    viewport = window.panel_scroll.viewport()
    corner = metal.mapTo(viewport, QPoint(0, 0))
    assert viewport.rect().contains(corner)


def test_tapped_pendant_bail_shows_metal(qtbot, window):
    open_model_shown(qtbot, window, "pendant-disc")
    preview = window.preview
    # The bail is a part of its own in the body's metal, so tapping it
    # brings up the same option as tapping the body.
    for part in ("bail", "pendant"):
        window.notice.clear()
        qtbot.mouseClick(
            preview, Qt.MouseButton.LeftButton, pos=point_on_part(preview, part)
        )
        assert window.notice.text() == "Metal: 18k yellow gold", part


def test_suggestions_for_demo_customer(qtbot, window):
    with qtbot.waitSignal(window.suggestions_updated, timeout=WAIT_MS):
        window.refresh_suggestions()
    count = window.suggestion_list.count()
    assert 1 <= count <= 5
    for row in range(count):
        assert " — " in window.suggestion_list.item(row).text()


def test_switching_model_resets_panel(qtbot, window):
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.open_model("table-dining")
    assert window.session.model.id == "table-dining"
    assert window.panel.editor("leg_style") is not None


def test_export_from_window(qtbot, window, tmp_path):
    out = tmp_path / "package"
    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        window.export_to(out)
    assert blocker.args[0] is not None
    mesh = trimesh.load(out / "model.stl")
    assert mesh.is_watertight
    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    assert spec["product"]["id"] == "ring-band"
    reader = PdfReader(out / "spec.pdf")
    # The front, side and three-quarter views, as the command line renders them.
    sizes = [image.image.size for image in reader.pages[0].images]
    assert sizes == [(600, 450)] * 3
    assert "Order: DRAFT" in reader.pages[0].extract_text()


def test_save_and_open_design(qtbot, window, tmp_path):
    window.set_value("metal", "platinum_950")
    path = tmp_path / "ring.json"
    window.save_design(path)
    window.set_value("metal", "silver_925")
    assert window.open_design(path)
    assert window.session.values["metal"] == "platinum_950"


def test_save_design_name_too_long(qtbot, window, tmp_path):
    path = tmp_path / ("d" * 300 + ".json")

    assert not window.save_design(path)

    assert "is 305 characters long" in window.last_message
    assert "File name too long" not in window.last_message


def test_save_design_checks_path_as_cli_does(qtbot, window, tmp_path):
    window.set_value("metal", "platinum_950")
    pipe = tmp_path / "ring.json"
    os.mkfifo(pipe)
    missing = tmp_path / "absent" / "ring.json"

    assert not window.save_design(pipe)
    assert window.last_message == (
        f"{pipe} is a FIFO (named pipe), and only a regular file can be "
        "replaced; choose another file name"
    )
    assert not window.save_design(missing)
    assert window.last_message == (
        f"{missing} cannot be written because the folder {missing.parent} does "
        "not exist; create the folder or choose an existing one"
    )

    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert not missing.parent.exists()
    assert window.session.values["metal"] == "platinum_950"
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert [box.text() for box in boxes][-1] == window.last_message


def test_save_design_message_in_chinese(qtbot, window, tmp_path):
    from app import i18n

    pipe = tmp_path / "ring.json"
    os.mkfifo(pipe)
    i18n.set_language("zh_CN")
    try:
        saved = window.save_design(pipe)
    finally:
        i18n.set_language("en")

    assert not saved
    assert window.last_message == (
        f"{pipe} 是FIFO（命名管道），只有普通文件才能被替换；请选择另一个文件名"
    )


def test_undo_redo_from_window(qtbot, window):
    window.set_value("metal", "titanium")
    window.undo()
    assert window.session.values["metal"] == "gold_18k_yellow"
    window.redo()
    assert window.session.values["metal"] == "titanium"


def test_broken_design_file_keeps_current_design(qtbot, window, tmp_path):
    window.set_value("metal", "titanium")
    path = tmp_path / "broken.json"
    path.write_text(
        '{"product": "ring-band", "values": {"width": 77}}', encoding="utf-8"
    )
    assert not window.open_design(path)
    assert "values.width" in window.last_message
    assert window.session.values["metal"] == "titanium"


def test_view_toolbar_moves_camera(qtbot, window):
    toolbar = window.findChild(QToolBar, "view_toolbar")
    assert toolbar is not None

    with qtbot.waitSignal(window.preview.rendered, timeout=WAIT_MS):
        window.findChild(QAction, "view_top").trigger()

    direction = window.preview.plotter.camera.direction
    np.testing.assert_allclose(direction, (0.0, 0.0, -1.0), atol=1e-9)
    assert window.preview.scene.view == "top"
    assert window.view_actions["top"].isChecked()
    assert not window.view_actions["iso"].isChecked()


def test_every_preset_view_has_a_button(qtbot, window):
    for name in ("front", "side", "top", "iso"):
        action = window.findChild(QAction, f"view_{name}")
        assert action is not None, name
        action.trigger()
        assert window.preview.scene.view == name


def test_dimensions_toggle_labels_ring(qtbot, window):
    action = window.findChild(QAction, "dimensions_action")

    with qtbot.waitSignal(window.preview.rendered, timeout=WAIT_MS):
        action.trigger()

    labels = window.preview.scene.rulers.labels
    assert window.preview.scene.rulers.visible
    assert labels["height"] == "Band width 4.0 mm"
    assert labels["width"].startswith("Outer diameter ")

    action.trigger()
    assert not window.preview.scene.rulers.visible


def test_dimension_labels_follow_slider(qtbot, window):
    window.findChild(QAction, "dimensions_action").trigger()
    editor = window.panel.editor("width")

    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        editor.slider.setValue(editor.slider.value() + 4)

    assert window.preview.scene.rulers.labels["height"] == "Band width 6.0 mm"


@pytest.mark.parametrize(
    ("model_id", "width_caption", "depth_caption"),
    [
        ("shoe-oxford", "Length", "Width"),
        ("ring-solitaire", "Outer diameter", "Along the finger"),
        ("table-dining", "Width", "Depth"),
    ],
)
def test_ruler_captions_name_the_products_sizes(
    qtbot, window, model_id, width_caption, depth_caption
):
    window.findChild(QAction, "dimensions_action").trigger()
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.open_model(model_id)

    labels = window.preview.scene.rulers.labels
    assert labels["width"].startswith(f"{width_caption} ")
    assert labels["depth"].startswith(f"{depth_caption} ")


def test_cabinet_depth_ruler_names_handles(qtbot, window):
    window.findChild(QAction, "dimensions_action").trigger()
    open_model_shown(qtbot, window, "cabinet")
    values = window.session.values
    assert values["handle"] == "bar"

    labels = window.preview.scene.rulers.labels
    depth = labels["depth"]
    # The depth is the cabinet's own, and the bar pulls add their reach.
    assert depth.startswith(f"Depth {values['depth']:.0f} mm (")
    assert depth.endswith(" with handles)")
    overall = float(depth.split("(")[1].split()[0])
    assert overall > values["depth"]
    assert labels["width"] == f"Width {values['width']:.0f} mm"
    assert labels["height"] == f"Height {values['height']:.0f} mm"

    i18n.set_language("zh_CN")
    try:
        chinese = window.preview.scene.rulers.labels["depth"]
    finally:
        i18n.set_language("en")
    assert chinese == f"深度 {values['depth']:.0f} mm（含拉手 {overall:.0f}）"


@pytest.mark.parametrize(
    ("model_id", "english", "chinese"),
    [
        (
            "table-dining",
            ("Width 1800 mm", "Depth 900 mm", "Height 750 mm"),
            ("长度 1800 mm", "宽度 900 mm", "高度 750 mm"),
        ),
        (
            "bookshelf",
            ("Width 900 mm", "Depth 300 mm", "Height 1800 mm"),
            ("宽度 900 mm", "深度 300 mm", "高度 1800 mm"),
        ),
    ],
)
def test_rulers_use_catalog_labels(qtbot, window, model_id, english, chinese):
    # The panel labels the table's width 长度 and its depth 宽度, so the
    # rulers must not call the depth 宽.
    window.findChild(QAction, "dimensions_action").trigger()
    open_model_shown(qtbot, window, model_id)
    rulers = window.preview.scene.rulers
    assert tuple(rulers.labels[axis] for axis in AXES) == english

    i18n.set_language("zh_CN")
    try:
        labels = tuple(rulers.labels[axis] for axis in AXES)
    finally:
        i18n.set_language("en")
    assert labels == chinese
    model = window.session.model
    for axis, label in zip(AXES, labels, strict=True):
        assert label.startswith(model.parameter(axis).labels["zh_CN"] + " ")


def test_solitaire_height_ruler_is_total(qtbot, window):
    window.findChild(QAction, "dimensions_action").trigger()
    open_model_shown(qtbot, window, "ring-solitaire")
    total = window.session.evaluation.derived["total_height"]
    label = window.preview.scene.rulers.labels["height"]
    assert label == f"Total height {total:.1f} mm"


def test_cabinet_without_handles_shows_depth(qtbot, window):
    window.findChild(QAction, "dimensions_action").trigger()
    open_model_shown(qtbot, window, "cabinet")

    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.set_value("handle", "push")

    depth = window.session.values["depth"]
    assert window.preview.scene.rulers.labels["depth"] == f"Depth {depth:.0f} mm"


def test_shoe_length_ruler_is_its_longest_size(qtbot, window):
    window.findChild(QAction, "dimensions_action").trigger()
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.open_model("shoe-oxford")

    sizes = {
        axis: float(label.split()[-2])
        for axis, label in window.preview.scene.rulers.labels.items()
    }
    assert window.preview.scene.rulers.labels["width"].startswith("Length ")
    assert sizes["width"] > 2 * max(sizes["depth"], sizes["height"])


def test_slider_drag_renders_reduced_then_full(qtbot, window):
    slider = window.panel.editor("width").slider

    slider.setSliderDown(True)
    wait_for_newest_preview(qtbot, window, lambda: slider.setValue(slider.value() + 2))
    assert window.preview.is_interacting
    assert window.preview.frame_is_reduced

    with qtbot.waitSignal(window.preview.refined, timeout=WAIT_MS):
        slider.setSliderDown(False)
    assert not window.preview.is_interacting
    assert not window.preview.frame_is_reduced
    assert window.session.values["width"] == 5.0


def test_switching_model_ends_drag(qtbot, window):
    window.panel.editor("width").slider.setSliderDown(True)
    assert window.preview.is_interacting

    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.open_model("table-dining")

    assert not window.preview.is_interacting


def test_catalog_icons_from_thumbnails(qtbot, catalog, database, monkeypatch, tmp_path):
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path / "cache"))
    window = MainWindow(catalog, database, thumbnails=True)
    qtbot.addWidget(window)

    with qtbot.waitSignal(window.thumbnails_ready, timeout=180_000):
        window.show()

    icons = [window.catalog_list.item(row).icon() for row in range(len(catalog.models))]
    assert all(not icon.isNull() for icon in icons)
    written = sorted((tmp_path / "cache" / "thumbnails").glob("*.png"))
    assert len(written) == len(catalog.models)
    window.close()


def test_rule_messages_refresh_on_release(qtbot, window):
    refills: list[int] = []
    window.violations.model().rowsInserted.connect(lambda *_: refills.append(1))
    slider = window.panel.editor("width").slider

    slider.setSliderDown(True)
    for step in (1, 2, 3):
        with qtbot.waitSignal(
            window.preview_updated,
            timeout=WAIT_MS,
            check_params_cb=window.is_newest_request,
        ):
            slider.setValue(slider.value() + 1)
        assert refills == [], step
    slider.setSliderDown(False)

    assert refills
    assert window.session.values["width"] == 5.5


def test_widened_bookshelf_stays_in_view(qtbot, window):
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.open_model("bookshelf")
    preview = window.preview
    direction = np.array(preview.plotter.camera.direction)
    assert np.all(np.abs(preview.scene.screen_extent()) <= 1.0)

    with qtbot.waitSignal(preview.framed, timeout=WAIT_MS):
        window.set_value("width", 2400)

    assert window.session.values["width"] == 2400
    x0, x1 = preview.scene.bounds()[:2]
    assert x1 - x0 == pytest.approx(2400.0, abs=0.01)
    assert np.all(np.abs(preview.scene.screen_extent()) <= 1.0)
    np.testing.assert_allclose(preview.plotter.camera.direction, direction, atol=1e-9)


def test_save_design_blank_name_rejected(qtbot, window, tmp_path):
    blank = tmp_path / "   "

    assert not window.save_design(blank)

    assert window.last_message.startswith("no file name given; type the name")
    assert "such as ring-band.json" in window.last_message
    assert not blank.exists()


def test_save_design_refuses_database(qtbot, window, database):
    path = Path(database.engine.url.database)
    before = path.read_bytes()

    assert not window.save_design(path)

    assert window.last_message.startswith(f"{path} is the database in use")
    assert path.read_bytes() == before


def test_bad_design_values_listed_and_reworded(qtbot, window, tmp_path):
    window.set_value("metal", "titanium")
    path = tmp_path / "ring.json"
    data = {"product": "ring-band", "values": {"width": 77, "metal": "tin"}}
    path.write_text(json.dumps(data), encoding="utf-8")
    written = path.read_bytes()

    assert not window.open_design(path)

    english = window.last_message
    assert english.startswith(f"{path}: 2 values are invalid")
    assert "values.width: Band width: 77 is not accepted" in english
    assert "values.metal: Metal: 'tin' is not accepted" in english
    assert english.endswith("the file was not changed.")
    box = next(box for box in window.findChildren(QMessageBox) if box.isVisible())
    assert box.text() == english
    i18n.set_language("zh_CN")
    try:
        chinese = box.text()
        title = box.windowTitle()
    finally:
        i18n.set_language("en")
    assert "有 2 个值无效" in chinese
    assert "戒圈宽度：不接受 77" in chinese
    assert "金属：不接受 'tin'" in chinese
    assert chinese.endswith("文件未被更改。")
    assert title != "Cannot open design"
    assert box.text() == english
    assert window.session.values["metal"] == "titanium"
    assert path.read_bytes() == written


def test_notepad_design_opens(qtbot, window, tmp_path):
    path = tmp_path / "cabinet.json"
    example = (EXAMPLES_DIR / "cabinet.json").read_bytes()
    path.write_bytes(codecs.BOM_UTF8 + example)

    wait_for_newest_preview(qtbot, window, lambda: window.open_design(path))

    assert window.session.model.id == "cabinet"
    assert window.session.values["width"] == 1000


def test_latin_design_message_follows_language(qtbot, window, tmp_path):
    path = tmp_path / "ring.json"
    data = {"product": "ring-band", "values": {"engraving": "Café"}}
    path.write_bytes(json.dumps(data, ensure_ascii=False).encode("cp1252"))

    assert not window.open_design(path)

    english = window.last_message
    assert english.startswith(
        f"{path}: is not UTF-8 text (line 1); save the file with the encoding "
        "UTF-8, such as with Save As in Notepad"
    )
    box = next(box for box in window.findChildren(QMessageBox) if box.isVisible())
    i18n.set_language("zh_CN")
    try:
        chinese = box.text()
    finally:
        i18n.set_language("en")
    assert chinese.startswith(
        f"{path}：不是 UTF-8 文本（第 1 行）；请以 UTF-8 编码保存该文件"
        "（例如在记事本中使用“另存为”）"
    )
    assert window.session.model.id == "ring-band"


def test_kiosk_code_error_follows_language(qtbot, window):
    assert not window.open_kiosk_design("ACDEFG")
    english = window.last_message

    i18n.set_language("zh_CN")
    try:
        chinese = window.last_message
    finally:
        i18n.set_language("en")

    assert english == (
        "no kiosk design has the code ACDEFG; check the code on the receipt"
    )
    assert chinese == "没有设计码为 ACDEFG 的自助终端设计；请核对小票上的设计码"
    assert window.last_message == english


def test_old_design_names_filled_option(qtbot, window, tmp_path):
    path = tmp_path / "cabinet.json"
    shutil.copyfile(EXAMPLES_DIR / "cabinet.json", path)
    written = path.read_bytes()

    wait_for_newest_preview(qtbot, window, lambda: window.open_design(path))

    english, chinese = old_cabinet_notice(window.session)
    assert window.notice.text() == english
    assert text_in_chinese(window.notice) == chinese
    assert window.session.values["handle"] == "bar"
    assert path.read_bytes() == written


def test_notice_keeps_amount_with_currency(qtbot, window, tmp_path):
    path = tmp_path / "cabinet.json"
    shutil.copyfile(EXAMPLES_DIR / "cabinet.json", path)
    wait_for_newest_preview(qtbot, window, lambda: window.open_design(path))
    # A side panel narrow enough to wrap the notice over several lines.
    window.resize(1000, 860)
    window.centralWidget().setSizes([220, 520, 260])
    qtbot.waitUntil(lambda: window.notice.width() < 300)

    english = window.notice.text()
    try:
        i18n.set_language("zh_CN")
        chinese = window.notice.text()
    finally:
        i18n.set_language("en")
    font = window.notice.font()
    for text in (english, chinese):
        assert "EUR\u00a0" in text
        assert KEPT_TOGETHER.search(text)
        assert split_pairs(text, font) == []


def test_price_lists_lines_with_amounts(qtbot, window, tmp_path):
    path = tmp_path / "cabinet.json"
    shutil.copyfile(EXAMPLES_DIR / "cabinet.json", path)
    wait_for_newest_preview(qtbot, window, lambda: window.open_design(path))
    price, _state = window.live_price.shown(window.session)

    price_label = window.price.text()
    total = i18n.format_money(price.total, "EUR")
    assert f"EUR\u00a0{total}" in price_label
    assert price.lines
    for line in price.lines:
        amount = i18n.format_money(line.amount, "EUR")
        # Each line of the price is a row: its label, then its amount
        # right-aligned in a cell of its own.
        label = re.escape(html.escape(line.label("en")))
        row = f"<td>{label}</td><td [^>]*>(&nbsp;)*{re.escape(amount)}</td>"
        assert re.search(row, price_label.replace("\u00a0", " ")), line


def message_rows_height(window) -> int:
    view = window.violations
    return sum(
        view.visualItemRect(view.item(row)).height() for row in range(view.count())
    )


def test_message_list_fits_its_messages(qtbot, window):
    assert window.violations.count() == 1
    ready = window.violations.height()
    assert ready < MESSAGES_MAX_PX / 2

    # Two errors that wrap over several lines each.
    window.set_value("size", "US 3")
    window.set_value("width", 10.0)
    window.set_value("engraving", "x" * 40)
    assert window.violations.count() == 2
    assert window.violations.height() > ready
    assert message_rows_height(window) <= window.violations.viewport().height()

    # A narrower panel wraps them over more lines, and the list grows.
    wide = window.violations.height()
    sizes = window.centralWidget().sizes()
    window.centralWidget().setSizes([sizes[0], sum(sizes[1:]) - 280, 280])
    qtbot.waitUntil(lambda: window.violations.height() > wide)
    assert window.violations.height() <= MESSAGES_MAX_PX
    qtbot.waitUntil(
        lambda: message_rows_height(window) <= window.violations.viewport().height()
    )
    frame = 2 * window.violations.frameWidth()
    assert window.violations.viewport().height() >= window.violations.height() - frame


def test_wrapped_warning_shows_whole(qtbot, window):
    wait_for_newest_preview(qtbot, window, lambda: window.open_model("bookshelf"))
    view = window.violations
    assert view.count() == 1
    assert view.visualItemRect(view.item(0)).height() > view.sizeHintForRow(0)
    assert message_rows_height(window) <= view.viewport().height()

    # On a narrower panel the warning takes a third line, which shows too.
    two_lines = message_rows_height(window)
    sizes = window.centralWidget().sizes()
    window.centralWidget().setSizes([sizes[0], sum(sizes[1:]) - 260, 260])
    qtbot.waitUntil(lambda: message_rows_height(window) > two_lines)
    qtbot.waitUntil(lambda: view.height() > message_rows_height(window))
    frame = 2 * view.frameWidth()
    assert view.viewport().height() >= view.height() - frame


def test_notice_keeps_number_with_unit(qtbot, window):
    window.resize(1000, 860)
    window.centralWidget().setSizes([220, 520, 260])
    texts = []
    for language in ("en", "zh_CN"):
        i18n.set_language(language)
        try:
            window.set_value("width", 2.3)
            texts.append(window.notice.text())
        finally:
            i18n.set_language("en")
    english, chinese = texts

    assert english.endswith("from 2 to 10\u00a0mm in steps of 0.5")
    assert "至 10\u00a0mm 之间" in chinese
    for text in texts:
        assert split_pairs(text, window.notice.font()) == []


def test_complete_design_opens_without_note(qtbot, window, tmp_path):
    path = tmp_path / "cabinet.json"
    data = json.loads((EXAMPLES_DIR / "cabinet.json").read_text(encoding="utf-8"))
    data["values"]["handle"] = "knob"
    path.write_text(json.dumps(data), encoding="utf-8")

    wait_for_newest_preview(qtbot, window, lambda: window.open_design(path))

    assert window.session.values["handle"] == "knob"
    assert window.notice.text() == ""


def test_old_kiosk_design_names_filled_option(qtbot, window, database):
    from designer.kiosk_designs import save_kiosk_design

    design = read_design(EXAMPLES_DIR / "cabinet.json")
    code = save_kiosk_design(database, design)

    assert window.open_kiosk_design(code)

    assert window.session.model.id == "cabinet"
    assert window.notice.text().startswith(
        "This design was saved before 'Handles' was offered; set to steel bar pulls."
    )


def test_empty_design_message_follows_language(qtbot, window, tmp_path):
    path = tmp_path / "ring.json"
    path.write_bytes(b"\n")

    assert not window.open_design(path)

    box = next(box for box in window.findChildren(QMessageBox) if box.isVisible())
    chinese = text_in_chinese(box)
    assert window.last_message.startswith(f"{path}: is empty; open a design file")
    assert chinese.startswith(f"{path}：是空文件；请打开 Atelier 保存的设计文件")
    assert "Expecting value" not in box.text()
    assert window.session.model.id == "ring-band"
