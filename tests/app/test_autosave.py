"""Autosave after changes, and the restore offer after a crash."""

import json

from PySide6.QtWidgets import QMessageBox

from app.autosave import AUTOSAVE_NAME, RUNNING_MARKER, Autosaver
from app.main_window import MainWindow


def test_change_is_autosaved(qtbot, catalog, database, tmp_path):
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    autosaver = Autosaver(window, tmp_path, delay_ms=10)
    assert (tmp_path / RUNNING_MARKER).exists()
    window.open_model("ring-band")
    with qtbot.waitSignal(autosaver.saved):
        window.set_value("width", 6.0)
    saved = json.loads((tmp_path / AUTOSAVE_NAME).read_text(encoding="utf-8"))
    assert saved["values"]["width"] == 6.0
    autosaver.clean_exit()
    assert not (tmp_path / RUNNING_MARKER).exists()
    assert not (tmp_path / AUTOSAVE_NAME).exists()


def test_crash_offers_restore(qtbot, catalog, database, tmp_path):
    design = {"product": "ring-band", "values": {"engraving": "永恒", "width": 5.0}}
    (tmp_path / AUTOSAVE_NAME).write_text(json.dumps(design), encoding="utf-8")
    (tmp_path / RUNNING_MARKER).write_text("1234", encoding="utf-8")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    autosaver = Autosaver(window, tmp_path)
    offer = autosaver.offer
    assert offer is not None and offer.isVisible()
    offer.button(QMessageBox.StandardButton.Yes).click()
    assert window.session.model.id == "ring-band"
    assert window.session.values["engraving"] == "永恒"
    assert window.session.values["width"] == 5.0


def test_clean_start_offers_nothing(qtbot, catalog, database, tmp_path):
    (tmp_path / AUTOSAVE_NAME).write_text("{}", encoding="utf-8")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    assert Autosaver(window, tmp_path).offer is None
