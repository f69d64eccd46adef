import json

import numpy as np
import pytest
import trimesh
from PySide6.QtWidgets import QMessageBox

from app.main_window import MainWindow
from app.parameter_panel import WITHHELD_ROLE

WAIT_MS = 30_000


def image_colours(image) -> int:
    """Count the distinct colours in a QImage, a cheap test for blankness."""
    image = image.convertToFormat(image.Format.Format_RGB32)
    data = np.frombuffer(
        image.constBits(), dtype=np.uint32, count=image.width() * image.height()
    )
    return len(np.unique(data))


@pytest.fixture
def window(qtbot, catalog, database):
    window = MainWindow(catalog, database)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
        window.show()
    if window.session.model.id != "ring-band":
        with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
            window.open_model("ring-band")
    yield window
    window.close()


def test_parameter_change_updates_preview(qtbot, window):
    assert window.session.model.id == "ring-band"
    before = (
        window.preview.scene.bounds()
        if hasattr(window.preview.scene, "bounds")
        else None
    )
    editor = window.panel.editor("width")
    with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
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
    assert "1.5 mm" in item.toolTip()


def test_confirmed_repair_updates_the_design(qtbot, window):
    window.set_value("profile", "flat")
    window.set_value("depth", 1.3)
    window.panel.offer_repair("profile", "court")
    dialog = window.panel.repair_dialog
    with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
        dialog.button(QMessageBox.StandardButton.Yes).click()
    assert window.session.values["profile"] == "court"
    assert window.session.values["depth"] == 1.5
    assert "1.3 → 1.5" in window.notice.text()


def test_violations_are_listed_in_words(qtbot, window):
    window.set_value("size", "US 3")
    window.set_value("width", 10.0)
    window.set_value("engraving", "x" * 40)
    texts = [window.violations.item(i).text() for i in range(window.violations.count())]
    assert any("only" in text and "fit inside this band" in text for text in texts)
    assert not window.export_action.isEnabled()


def test_bad_value_is_reported_not_raised(qtbot, window):
    window.set_value("width", 99)
    assert "width" in window.notice.text()
    assert window.session.values["width"] == 4.0


def test_suggestions_for_demo_customer(qtbot, window):
    with qtbot.waitSignal(window.suggestions_updated, timeout=WAIT_MS):
        window.refresh_suggestions()
    count = window.suggestion_list.count()
    assert 1 <= count <= 5
    for row in range(count):
        assert " — " in window.suggestion_list.item(row).text()


def test_switching_model_resets_panel(qtbot, window):
    with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
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


def test_save_and_open_design(qtbot, window, tmp_path):
    window.set_value("metal", "platinum_950")
    path = tmp_path / "ring.json"
    window.save_design(path)
    window.set_value("metal", "silver_925")
    assert window.open_design(path)
    assert window.session.values["metal"] == "platinum_950"


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
