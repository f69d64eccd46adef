"""The studio's crash dialog and start-up messages in the interface language."""

from __future__ import annotations

import errno
import os
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import i18n
from app.gui import crash_text, install_error_dialog, skipped_text
from designer.catalog import CatalogError, load_model


@pytest.fixture
def chinese(qapp):
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


@pytest.fixture
def excepthook():
    """Restore ``sys.excepthook`` after the test installs the error dialog."""
    saved = sys.excepthook
    yield
    sys.excepthook = saved


def catalog_error(path) -> CatalogError:
    with pytest.raises(CatalogError) as caught:
        load_model(path)
    return caught.value


def test_crash_text_in_chinese(chinese, tmp_path):
    path = tmp_path / "design.json"
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    assert crash_text(error) == (
        f"出现问题：{path}：磁盘已满\n\n您的设计没有改变；请重试上一步。"
    )


def test_crash_text_in_english(qapp, tmp_path):
    path = tmp_path / "design.json"
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    assert crash_text(error) == (
        f"Something went wrong: {path}: the disk is full\n\nYour design is "
        "unchanged; try the last step again."
    )


def test_crash_dialog_in_chinese(chinese, excepthook, tmp_path):
    path = tmp_path / "design.json"
    error = OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
    dialog_texts = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_and_close)
            return
        dialog_texts.append(box.text())
        box.close()

    install_error_dialog()
    QTimer.singleShot(0, read_and_close)
    sys.excepthook(OSError, error, None)

    assert dialog_texts == [
        f"出现问题：{path}：磁盘为只读\n\n您的设计没有改变；请重试上一步。"
    ]


def test_missing_catalog_file_in_chinese(chinese, tmp_path):
    path = tmp_path / "ring.toml"
    error = catalog_error(path)

    assert skipped_text(error) == (
        f"已跳过目录文件：{path}：无法读取：文件或其所在文件夹不存在"
    )
    assert str(error) == (
        f"{path}: cannot be read: the file or its folder does not exist"
    )


def test_catalog_file_errors_in_chinese(chinese, tmp_path):
    latin = tmp_path / "latin.toml"
    latin.write_bytes('id = "bague-été"\n'.encode("latin-1"))
    empty = tmp_path / "empty.toml"
    empty.write_text("# nothing yet\n", encoding="utf-8")

    assert skipped_text(catalog_error(latin)) == (
        f"已跳过目录文件：{latin}:1：不是 UTF-8 文本；请以 UTF-8 编码保存该文件"
        "（例如在记事本中使用“另存为”）"
    )
    assert skipped_text(catalog_error(empty)) == (
        f"已跳过目录文件：{empty}：为空（不含任何 TOML 键）；请复制另一个目录文件"
        "作为起点，并为其指定自己的 id"
    )


def test_catalog_file_error_in_english(qapp, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('id = "ring\n', encoding="utf-8")
    error = catalog_error(path)

    assert skipped_text(error) == f"Catalog file skipped: {error}"
    assert str(error).startswith(f"{path}:1: is not valid TOML: ")
