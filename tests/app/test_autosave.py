"""Autosave after changes, encrypted, and the restore offer after a crash."""

import errno
import json
import logging
import os
from pathlib import Path
from unittest import mock

import pytest
from PySide6.QtWidgets import QMessageBox

from app import i18n
from app.autosave import (
    AUTOSAVE_NAME,
    LEGACY_AUTOSAVE_NAME,
    RUNNING_MARKER,
    UNREADABLE_AUTOSAVE_NAME,
    UNREADABLE_LEGACY_NAME,
    Autosaver,
    data_folder,
    read_autosave,
    write_autosave,
)
from app.gui import STARTUP_PROBE_ENV
from app.main_window import MainWindow
from storage.crypto import key_file_path, key_id_of, key_ring, read_key_ring
from tests.folders import renames_fail
from tests.staff import add_staff_accounts, run_cli_here, run_main

ENGRAVING = "永恒 Ingrid-Maj"
DESIGN = {"product": "ring-band", "values": {"engraving": ENGRAVING, "width": 5.0}}
# A plain autosave of an older version, in Latin-1, so not UTF-8.
NOT_UTF8 = b"Caf\xe9 {"


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


def test_crash_autosave_restored_after_rotation(qtbot, capsys, catalog, database):
    folder = data_folder()
    folder.mkdir(parents=True)
    write_autosave(folder / AUTOSAVE_NAME, json.dumps(DESIGN))
    (folder / RUNNING_MARKER).write_text("1234", encoding="utf-8")
    old_id = key_ring().current_id
    add_staff_accounts(database)

    url = database.engine.url.render_as_string(hide_password=False)
    code, out, err = run_cli_here(
        capsys, "--database", url, "rotate-key", "--staff", "root"
    )
    assert code == 0, err
    assert "re-encrypted the autosaved design" in out
    new_ring = read_key_ring(key_file_path())
    assert list(new_ring.keys) == [new_ring.current_id] != [old_id]

    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    autosaver = Autosaver(window, folder)
    offer = autosaver.offer
    assert autosaver.unreadable_notice is None
    assert offer is not None and offer.isVisible()
    offer.button(QMessageBox.StandardButton.Yes).click()
    assert window.session.values["engraving"] == ENGRAVING


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


def _autosave_under_other_key(folder: Path, monkeypatch) -> None:
    """Write an autosave under a key file that is not in use afterwards."""
    monkeypatch.setenv("ATELIER_KEY_FILE", str(folder / "other-key.bin"))
    write_autosave(folder / AUTOSAVE_NAME, json.dumps(DESIGN))
    monkeypatch.delenv("ATELIER_KEY_FILE")


def test_autosave_with_other_key_kept(qtbot, catalog, database, tmp_path, monkeypatch):
    _autosave_under_other_key(tmp_path, monkeypatch)
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
    assert "another key file was in use when the studio wrote it" in notice.text()
    assert "database" not in notice.text()
    assert kept.read_bytes() == stored
    autosaver.clean_exit()
    assert kept.read_bytes() == stored


def test_clean_start_offers_nothing(qtbot, catalog, database, tmp_path):
    write_autosave(tmp_path / AUTOSAVE_NAME, "{}")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    assert Autosaver(window, tmp_path).offer is None


def _start_after_crash(qtbot, catalog, database, folder) -> Autosaver:
    (folder / RUNNING_MARKER).write_text("1234", encoding="utf-8")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    return Autosaver(window, folder)


def test_studio_starts_with_non_utf8_autosave(tmp_path):
    folder = Path(os.environ["ATELIER_DATA_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LEGACY_AUTOSAVE_NAME).write_bytes(NOT_UTF8)
    (folder / RUNNING_MARKER).write_text("1234", encoding="utf-8")
    probe = tmp_path / "probe.txt"
    environment = dict(os.environ, **{STARTUP_PROBE_ENV: str(probe)})

    result = run_main("--verbose", env=environment)

    assert result.returncode == 0, result.stderr
    assert probe.is_file()
    assert "UnicodeDecodeError" not in result.stderr
    assert str(folder / LEGACY_AUTOSAVE_NAME) in result.stderr
    assert not (folder / LEGACY_AUTOSAVE_NAME).exists()
    assert (folder / UNREADABLE_LEGACY_NAME).read_bytes() == NOT_UTF8


def test_non_utf8_plain_autosave_set_aside(qtbot, catalog, database, tmp_path):
    (tmp_path / LEGACY_AUTOSAVE_NAME).write_bytes(NOT_UTF8)

    autosaver = _start_after_crash(qtbot, catalog, database, tmp_path)

    kept = tmp_path / UNREADABLE_LEGACY_NAME
    notice = autosaver.unreadable_notice
    assert autosaver.offer is None
    assert notice is not None and notice.isVisible()
    assert str(tmp_path / LEGACY_AUTOSAVE_NAME) in notice.text()
    assert "it is not UTF-8 text" in notice.text()
    assert "codec" not in notice.text()
    assert str(kept) in notice.text()
    assert kept.read_bytes() == NOT_UTF8
    assert not (tmp_path / LEGACY_AUTOSAVE_NAME).exists()
    assert not (tmp_path / AUTOSAVE_NAME).exists()


def test_non_json_plain_autosave_not_offered(qtbot, catalog, database, tmp_path):
    (tmp_path / LEGACY_AUTOSAVE_NAME).write_text("not a design {", encoding="utf-8")

    autosaver = _start_after_crash(qtbot, catalog, database, tmp_path)

    kept = tmp_path / UNREADABLE_LEGACY_NAME
    assert autosaver.offer is None
    assert autosaver.unreadable_notice is not None
    assert str(kept) in autosaver.unreadable_notice.text()
    assert "it is not JSON (line 1, column 1)" in autosaver.unreadable_notice.text()
    assert kept.read_text(encoding="utf-8") == "not a design {"
    assert not (tmp_path / AUTOSAVE_NAME).exists()


@pytest.mark.parametrize("encrypted", [False, True])
def test_deeply_nested_autosave_set_aside(
    qtbot, catalog, database, tmp_path, encrypted
):
    nested = "[" * 50_000 + "]" * 50_000
    if encrypted:
        write_autosave(tmp_path / AUTOSAVE_NAME, nested)
        kept = tmp_path / UNREADABLE_AUTOSAVE_NAME
    else:
        (tmp_path / LEGACY_AUTOSAVE_NAME).write_text(nested, encoding="utf-8")
        kept = tmp_path / UNREADABLE_LEGACY_NAME

    autosaver = _start_after_crash(qtbot, catalog, database, tmp_path)

    assert autosaver.offer is None
    assert autosaver.unreadable_notice is not None
    assert "nest more deeply" in autosaver.unreadable_notice.text()
    assert kept.exists()


def test_damaged_autosave_gets_file_advice(qtbot, catalog, database, tmp_path):
    (tmp_path / AUTOSAVE_NAME).write_bytes(b"abc")

    autosaver = _start_after_crash(qtbot, catalog, database, tmp_path)

    kept = tmp_path / UNREADABLE_AUTOSAVE_NAME
    text = autosaver.unreadable_notice.text()
    assert autosaver.offer is None
    assert "migrations" not in text
    assert "encrypted form" in text
    assert str(tmp_path / AUTOSAVE_NAME) in text
    assert f"Delete {kept}" in text
    assert kept.read_bytes() == b"abc"


def test_older_plain_autosave_removed(qtbot, catalog, database, tmp_path):
    write_autosave(tmp_path / AUTOSAVE_NAME, json.dumps(DESIGN))
    legacy = tmp_path / LEGACY_AUTOSAVE_NAME
    older = {"product": "ring-band", "values": {"engraving": "Old", "width": 4.0}}
    legacy.write_text(json.dumps(older), encoding="utf-8")
    stamp = (tmp_path / AUTOSAVE_NAME).stat().st_mtime_ns - 10**9
    os.utime(legacy, ns=(stamp, stamp))

    autosaver = _start_after_crash(qtbot, catalog, database, tmp_path)

    assert not legacy.exists()
    assert json.loads(read_autosave(tmp_path / AUTOSAVE_NAME)) == DESIGN
    autosaver.offer.button(QMessageBox.StandardButton.Yes).click()
    assert window_engraving(autosaver) == ENGRAVING


def test_newer_plain_autosave_encrypted(qtbot, catalog, database, tmp_path):
    older = {"product": "ring-band", "values": {"engraving": "Old", "width": 4.0}}
    write_autosave(tmp_path / AUTOSAVE_NAME, json.dumps(older))
    legacy = tmp_path / LEGACY_AUTOSAVE_NAME
    legacy.write_text(json.dumps(DESIGN, ensure_ascii=False), encoding="utf-8")
    stamp = (tmp_path / AUTOSAVE_NAME).stat().st_mtime_ns + 10**9
    os.utime(legacy, ns=(stamp, stamp))

    autosaver = _start_after_crash(qtbot, catalog, database, tmp_path)

    assert not legacy.exists()
    _assert_no_plain_text((tmp_path / AUTOSAVE_NAME).read_bytes())
    assert json.loads(read_autosave(tmp_path / AUTOSAVE_NAME)) == DESIGN
    autosaver.offer.button(QMessageBox.StandardButton.Yes).click()
    assert window_engraving(autosaver) == ENGRAVING


def test_plain_autosave_encrypted_without_crash(qtbot, catalog, database, tmp_path):
    legacy = tmp_path / LEGACY_AUTOSAVE_NAME
    legacy.write_text(json.dumps(DESIGN, ensure_ascii=False), encoding="utf-8")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)

    autosaver = Autosaver(window, tmp_path)

    assert autosaver.offer is None
    assert not legacy.exists()
    _assert_no_plain_text((tmp_path / AUTOSAVE_NAME).read_bytes())


def window_engraving(autosaver: Autosaver) -> str:
    return autosaver.window.session.values["engraving"]


UNRESTORABLE = {"product": "ring-band", "values": {"width": 77, "metal": "tin"}}


def _unrestorable_design_offered(qtbot, catalog, database, folder) -> Autosaver:
    """Start a window after a crash whose autosave has a design that the
    catalog no longer accepts; return its autosaver, with the offer open."""
    write_autosave(folder / AUTOSAVE_NAME, json.dumps(UNRESTORABLE))
    (folder / RUNNING_MARKER).write_text("1234", encoding="utf-8")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    autosaver = Autosaver(window, folder, delay_ms=10)
    window.open_model("ring-band")
    return autosaver


def test_unrestorable_autosave_kept(qtbot, catalog, database, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    autosaver = _unrestorable_design_offered(qtbot, catalog, database, folder)
    window = autosaver.window

    autosaver.offer.button(QMessageBox.StandardButton.Yes).click()

    kept = folder / UNREADABLE_AUTOSAVE_NAME
    assert "Metal: 'tin' is not accepted" in autosaver.unreadable_notice.text()
    assert str(kept) in autosaver.unreadable_notice.text()
    with qtbot.waitSignal(autosaver.saved):
        window.set_value("width", 6.0)
    assert json.loads(read_autosave(kept)) == UNRESTORABLE
    assert json.loads(read_autosave(folder / AUTOSAVE_NAME))["values"]["width"] == 6.0


def _unrestorable_notice(qtbot, catalog, database, folder) -> QMessageBox:
    """Restore a design that the catalog no longer accepts after a crash;
    return the warning shown."""
    autosaver = _unrestorable_design_offered(qtbot, catalog, database, folder)
    autosaver.offer.button(QMessageBox.StandardButton.Yes).click()
    return autosaver.unreadable_notice


def open_message_boxes(window) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_unrestorable_autosave_names_new_file(qtbot, catalog, database, tmp_path):
    notice = _unrestorable_notice(qtbot, catalog, database, tmp_path)

    text = notice.text()
    kept = tmp_path / UNREADABLE_AUTOSAVE_NAME
    assert open_message_boxes(notice.parent()) == [notice]
    assert notice.windowTitle() == "Autosave not restored"
    assert f"renamed {tmp_path / AUTOSAVE_NAME} to {kept}" in text
    assert "Band width: 77 is not accepted" in text
    assert "not changed" not in text
    # The encrypted file cannot be corrected by hand.
    assert "correct each one" not in text
    assert "other message" not in text
    assert kept.exists()
    assert not (tmp_path / AUTOSAVE_NAME).exists()


def test_unrestorable_notice_follows_language(qtbot, catalog, database, tmp_path):
    notice = _unrestorable_notice(qtbot, catalog, database, tmp_path)
    english = notice.text()
    kept = tmp_path / UNREADABLE_AUTOSAVE_NAME
    try:
        i18n.set_language("zh_CN")
        chinese = notice.text()
        assert notice.windowTitle() == "未恢复自动保存"
    finally:
        i18n.set_language("en")
    assert f"已将 {tmp_path / AUTOSAVE_NAME} 重命名为 {kept}" in chinese
    assert "戒圈宽度" in chinese
    assert notice.text() == english


def test_restore_offer_follows_language(qtbot, catalog, database, tmp_path):
    autosaver = _unrestorable_design_offered(qtbot, catalog, database, tmp_path)
    offer = autosaver.offer
    try:
        i18n.set_language("zh_CN")
        assert offer.windowTitle() != "Restore design"
        assert "工作室" in offer.text()
    finally:
        i18n.set_language("en")
    assert offer.windowTitle() == "Restore design"
    offer.button(QMessageBox.StandardButton.No).click()


def test_damaged_notice_follows_language(qtbot, catalog, database, tmp_path):
    (tmp_path / LEGACY_AUTOSAVE_NAME).write_text("not a design {", encoding="utf-8")
    autosaver = _start_after_crash(qtbot, catalog, database, tmp_path)
    notice = autosaver.unreadable_notice
    try:
        i18n.set_language("zh_CN")
        chinese = notice.text()
    finally:
        i18n.set_language("en")
    assert "无法读取自动保存文件" in chinese
    assert "it is not JSON" not in chinese
    assert str(tmp_path / UNREADABLE_LEGACY_NAME) in chinese
    assert "it is not JSON (line 1, column 1)" in notice.text()


def test_second_unrestorable_keeps_first(qtbot, catalog, database, tmp_path):
    earlier = {"product": "ring-band", "values": {"width": 99, "metal": "lead"}}
    write_autosave(tmp_path / UNREADABLE_AUTOSAVE_NAME, json.dumps(earlier))

    notice = _unrestorable_notice(qtbot, catalog, database, tmp_path)

    second = tmp_path / "autosave-unreadable-2.enc"
    assert json.loads(read_autosave(tmp_path / UNREADABLE_AUTOSAVE_NAME)) == earlier
    assert json.loads(read_autosave(second)) == UNRESTORABLE
    assert f"renamed {tmp_path / AUTOSAVE_NAME} to {second}" in notice.text()


def test_kept_name_taken_by_folder(qtbot, catalog, database, tmp_path):
    (tmp_path / UNREADABLE_AUTOSAVE_NAME).mkdir()
    (tmp_path / "autosave-unreadable-2.enc").write_text("", encoding="utf-8")

    notice = _unrestorable_notice(qtbot, catalog, database, tmp_path)

    third = tmp_path / "autosave-unreadable-3.enc"
    assert json.loads(read_autosave(third)) == UNRESTORABLE
    assert str(third) in notice.text()


def _restored_where_renames_fail(qtbot, catalog, database, folder) -> Autosaver:
    """Restore a design that the catalog no longer accepts after a crash,
    while ``folder`` rejects renames; return the autosaver."""
    autosaver = _unrestorable_design_offered(qtbot, catalog, database, folder)
    with renames_fail(folder):
        autosaver.offer.button(QMessageBox.StandardButton.Yes).click()
    return autosaver


def test_failed_rename_holds_autosave(qtbot, catalog, database, tmp_path):
    autosaver = _restored_where_renames_fail(qtbot, catalog, database, tmp_path)
    window = autosaver.window

    window.set_value("width", 6.0)
    autosaver.save_now()

    notice = autosaver.unreadable_notice
    text = notice.text()
    assert open_message_boxes(window) == [notice]
    assert "Metal: 'tin' is not accepted" in text
    assert f"could not rename {tmp_path / AUTOSAVE_NAME}" in text
    assert f"The file stays at {tmp_path / AUTOSAVE_NAME}" in text
    assert "does not autosave over it" in text
    assert json.loads(read_autosave(tmp_path / AUTOSAVE_NAME)) == UNRESTORABLE
    autosaver.clean_exit()
    assert json.loads(read_autosave(tmp_path / AUTOSAVE_NAME)) == UNRESTORABLE
    assert (tmp_path / RUNNING_MARKER).exists()


def test_autosave_resumes_once_moved(qtbot, catalog, database, tmp_path):
    autosaver = _restored_where_renames_fail(qtbot, catalog, database, tmp_path)
    (tmp_path / AUTOSAVE_NAME).rename(tmp_path / "moved.enc")

    autosaver.window.set_value("width", 6.0)
    autosaver.save_now()

    saved = json.loads(read_autosave(tmp_path / AUTOSAVE_NAME))
    assert saved["values"]["width"] == 6.0
    autosaver.clean_exit()
    assert not (tmp_path / RUNNING_MARKER).exists()


@pytest.mark.parametrize("damaged", [True, False])
def test_failed_rename_at_start(
    qtbot, catalog, database, tmp_path, monkeypatch, damaged
):
    if damaged:
        (tmp_path / AUTOSAVE_NAME).write_bytes(b"abc")
    else:
        _autosave_under_other_key(tmp_path, monkeypatch)
    stored = (tmp_path / AUTOSAVE_NAME).read_bytes()
    (tmp_path / RUNNING_MARKER).write_text("1234", encoding="utf-8")
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)

    with renames_fail(tmp_path):
        autosaver = Autosaver(window, tmp_path)

    text = autosaver.unreadable_notice.text()
    reason = "encrypted form" if damaged else str(key_file_path())
    assert reason in text
    assert f"could not rename {tmp_path / AUTOSAVE_NAME}" in text
    window.open_model("ring-band")
    autosaver.save_now()
    autosaver.clean_exit()
    assert (tmp_path / AUTOSAVE_NAME).read_bytes() == stored
    assert (tmp_path / RUNNING_MARKER).exists()


def test_failed_rename_notice_in_chinese(qtbot, catalog, database, tmp_path):
    autosaver = _restored_where_renames_fail(qtbot, catalog, database, tmp_path)
    try:
        i18n.set_language("zh_CN")
        chinese = autosaver.unreadable_notice.text()
    finally:
        i18n.set_language("en")
    assert "无法将" in chinese
    assert "could not rename" not in chinese
    assert str(tmp_path / AUTOSAVE_NAME) in chinese
    # The immutable folder, or the stand-in error, refuses with EPERM, whose
    # system text stays out of the Chinese warning.
    assert "无权访问该文件或其所在文件夹" in chinese
    assert os.strerror(errno.EPERM) not in chinese


# Errors that renaming an autosave aside may meet, with the reason that the
# warning gives in English and in Chinese.
RENAME_ERRORS = [
    (errno.ENOSPC, "the disk is full", "磁盘已满"),
    (errno.EDQUOT, "the disk quota is used up", "磁盘配额已用完"),
    (errno.EACCES, "access to the file or its folder is denied", "无权访问"),
    (errno.EPERM, "access to the file or its folder is denied", "无权访问"),
    (errno.EROFS, "the disk is read-only", "磁盘为只读"),
    (errno.ENOENT, "the file or its folder does not exist", "文件或其所在文件夹不存在"),
    (errno.EIO, "the disk could not read or write the data", "磁盘无法读写数据"),
    (errno.ENAMETOOLONG, "the name is too long for the disk", "名称过长"),
    (
        errno.EBUSY,
        "the file or its folder is in use by another program",
        "正被其他程序占用",
    ),
]


def _notice_after_rename_error(qtbot, catalog, database, folder, number):
    """Restore an unrestorable design while renaming it aside raises the
    ``OSError`` of ``number``; return the warning's English and Chinese text."""
    autosaver = _unrestorable_design_offered(qtbot, catalog, database, folder)
    # The arguments after the file name are Windows' error code and the
    # second file name, as os.replace gives them.
    refused = OSError(
        number,
        os.strerror(number),
        str(folder / AUTOSAVE_NAME),
        None,
        str(folder / UNREADABLE_AUTOSAVE_NAME),
    )
    with mock.patch("os.replace", side_effect=refused):
        autosaver.offer.button(QMessageBox.StandardButton.Yes).click()
    notice = autosaver.unreadable_notice
    try:
        i18n.set_language("zh_CN")
        chinese = notice.text()
    finally:
        i18n.set_language("en")
    return notice.text(), chinese


@pytest.mark.parametrize(("number", "english", "chinese"), RENAME_ERRORS)
def test_rename_error_worded_plainly(
    qtbot, catalog, database, tmp_path, caplog, number, english, chinese
):
    kept = tmp_path / UNREADABLE_AUTOSAVE_NAME
    with caplog.at_level(logging.ERROR, logger="app.autosave"):
        english_text, chinese_text = _notice_after_rename_error(
            qtbot, catalog, database, tmp_path, number
        )

    assert f"to {kept}: {english}. The file stays" in english_text
    assert chinese in chinese_text
    assert english not in chinese_text
    for text in (english_text, chinese_text):
        assert os.strerror(number) not in text
        assert "Errno" not in text
    # Support staff still find the system's own text in the log.
    assert os.strerror(number) in caplog.text


def test_unknown_rename_error_keeps_system_text(qtbot, catalog, database, tmp_path):
    # A rename across file systems has no plain wording of its own.
    english_text, chinese_text = _notice_after_rename_error(
        qtbot, catalog, database, tmp_path, errno.EXDEV
    )

    assert f": {os.strerror(errno.EXDEV)}. The file stays" in english_text
    assert os.strerror(errno.EXDEV) in chinese_text
    assert "无法将" in chinese_text
