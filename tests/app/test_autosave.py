"""Autosave after changes, encrypted, and the restore offer after a crash."""

import json

from PySide6.QtWidgets import QMessageBox

from app.autosave import (
    AUTOSAVE_NAME,
    LEGACY_AUTOSAVE_NAME,
    RUNNING_MARKER,
    UNREADABLE_AUTOSAVE_NAME,
    Autosaver,
    read_autosave,
    write_autosave,
)
from app.main_window import MainWindow
from storage.crypto import key_file_path, key_id_of, key_ring

ENGRAVING = "永恒 Ingrid-Maj"
DESIGN = {"product": "ring-band", "values": {"engraving": ENGRAVING, "width": 5.0}}


def _assert_no_plain_text(data: bytes) -> None:
    for encoding in ("utf-8", "utf-16-le"):
        assert ENGRAVING.encode(encoding) not in data, encoding
        assert "Ingrid".encode(encoding) not in data, encoding


def test_change_is_autosaved_encrypted(qtbot, catalog, database, tmp_path):
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    autosaver = Autosaver(window, tmp_path, delay_ms=10)
    assert (tmp_path / RUNNING_MARKER).exists()
    window.open_model("ring-band")
    window.set_value("engraving", ENGRAVING)
    with qtbot.waitSignal(autosaver.saved):
        window.set_value("width", 6.0)

    stored = (tmp_path / AUTOSAVE_NAME).read_bytes()
    saved = json.loads(read_autosave(tmp_path / AUTOSAVE_NAME))
    assert key_id_of(stored.decode("ascii")) == key_ring().current_id
    _assert_no_plain_text(stored)
    assert saved["values"]["width"] == 6.0
    assert saved["values"]["engraving"] == ENGRAVING
    autosaver.clean_exit()
    assert not (tmp_path / RUNNING_MARKER).exists()
    assert not (tmp_path / AUTOSAVE_NAME).exists()


def test_crash_offers_restore(qtbot, catalog, database, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    write_autosave(folder / AUTOSAVE_NAME, json.dumps(DESIGN))
    (folder / RUNNING_MARKER).write_text("1234", encoding="utf-8")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    autosaver = Autosaver(window, folder)
    offer = autosaver.offer
    assert offer is not None and offer.isVisible()
    offer.button(QMessageBox.StandardButton.Yes).click()
    assert window.session.model.id == "ring-band"
    assert window.session.values["engraving"] == ENGRAVING
    assert window.session.values["width"] == 5.0
    # Restoring writes no plain copy of the design beside the autosave.
    assert sorted(path.name for path in folder.iterdir()) == [
        AUTOSAVE_NAME,
        RUNNING_MARKER,
    ]


def test_plain_autosave_offered_once(qtbot, catalog, database, tmp_path):
    legacy = tmp_path / LEGACY_AUTOSAVE_NAME
    legacy.write_text(json.dumps(DESIGN, ensure_ascii=False), encoding="utf-8")
    (tmp_path / RUNNING_MARKER).write_text("1234", encoding="utf-8")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)

    offer = Autosaver(window, tmp_path).offer

    assert offer is not None and offer.isVisible()
    assert not legacy.exists()
    stored = (tmp_path / AUTOSAVE_NAME).read_bytes()
    _assert_no_plain_text(stored)
    assert json.loads(read_autosave(tmp_path / AUTOSAVE_NAME)) == DESIGN
    offer.button(QMessageBox.StandardButton.Yes).click()
    assert window.session.values["engraving"] == ENGRAVING


def test_autosave_with_other_key_kept(qtbot, catalog, database, tmp_path, monkeypatch):
    # The autosave was written under a key file that is not in use now.
    monkeypatch.setenv("ATELIER_KEY_FILE", str(tmp_path / "other-key.bin"))
    write_autosave(tmp_path / AUTOSAVE_NAME, json.dumps(DESIGN))
    monkeypatch.delenv("ATELIER_KEY_FILE")
    stored = (tmp_path / AUTOSAVE_NAME).read_bytes()
    (tmp_path / RUNNING_MARKER).write_text("1234", encoding="utf-8")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)

    autosaver = Autosaver(window, tmp_path)

    notice = autosaver.unreadable_notice
    kept = tmp_path / UNREADABLE_AUTOSAVE_NAME
    assert autosaver.offer is None
    assert notice is not None and notice.isVisible()
    assert str(key_file_path()) in notice.text()
    assert str(kept) in notice.text()
    assert AUTOSAVE_NAME in notice.text()
    assert kept.read_bytes() == stored
    autosaver.clean_exit()
    assert kept.read_bytes() == stored


def test_clean_start_offers_nothing(qtbot, catalog, database, tmp_path):
    write_autosave(tmp_path / AUTOSAVE_NAME, "{}")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    assert Autosaver(window, tmp_path).offer is None
