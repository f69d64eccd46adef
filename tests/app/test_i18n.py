"""Switching the interface language at run time through Qt translation files."""

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton

from app import i18n
from app.kiosk import KioskWindow
from app.main_window import MainWindow

WAIT_MS = 30_000


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


@pytest.fixture
def window(qtbot, catalog, database):
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    window.show()
    window.open_model("ring-band")
    return window


def parameter_label(window, name):
    editor = window.panel.editor(name)
    return window.panel._form.labelForField(editor).text()


def test_language_menu_switches_texts(qtbot, window):
    assert window.file_menu.title() == "&File"
    assert parameter_label(window, "size_system") == "Size system"
    action = window.language_menu.findChild(type(window.open_action), "language_zh_CN")
    action.trigger()
    assert window.file_menu.title() == "文件(&F)"
    assert window.edit_menu.title() == "编辑(&E)"
    assert window.language_menu.title() == "语言(&L)"
    assert parameter_label(window, "size_system") == "尺码体系"
    assert "<b>价格" in window.price.text()
    i18n.set_language("en")
    assert window.file_menu.title() == "&File"
    assert parameter_label(window, "size_system") == "Size system"


def test_unknown_language_rejected():
    with pytest.raises(ValueError, match="not supported"):
        i18n.set_language("fr")


def test_kiosk_language_button(qtbot, catalog, database):
    kiosk = KioskWindow(catalog, database, show_preview=False)
    qtbot.addWidget(kiosk)
    kiosk.show()
    tile = kiosk.findChild(QPushButton, "kiosk_tile_ring-band")
    QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
    button = kiosk.findChild(QPushButton, "kiosk_language")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert kiosk.findChild(QPushButton, "kiosk_save").text() == "保存设计"
    assert kiosk.title.text() == "婚戒指环"
    label = kiosk.findChild(QLabel, "kiosk_label_size_system")
    assert label.text() == "尺码体系"
    kiosk.shutdown()


def test_german_locale_numbers(qtbot, catalog, database):
    # The default locale is set back afterwards, so that later tests in this
    # process format numbers as before (the C locale groups no digits).
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        kiosk = KioskWindow(catalog, database, show_preview=False)
        qtbot.addWidget(kiosk)
        kiosk.show()
        kiosk.open_model("ring-band")
        kiosk.set_value("width", 4.5)
        width = kiosk.findChild(QLabel, "kiosk_value_width").text()
        assert width == "4,5 mm"
        amount = kiosk.price.text().split("EUR\u00a0")[1].split()[0]
        assert amount[-3] == ","
        assert kiosk.session.design().to_json()["values"]["width"] == 4.5
        kiosk.shutdown()
    finally:
        QLocale.setDefault(previous)


def test_suggestions_follow_language(qtbot, window):
    with qtbot.waitSignal(window.suggestions_updated, timeout=WAIT_MS):
        window.refresh_suggestions()
    english = [window.suggestion_list.item(row).text() for row in range(5)]
    assert any(" — " in text for text in english)

    action = window.language_menu.findChild(type(window.open_action), "language_zh_CN")
    action.trigger()

    chinese = [window.suggestion_list.item(row).text() for row in range(5)]
    assert chinese != english
    reasons = [text.split(" — ")[1] for text in chinese]
    assert not any(reason.isascii() for reason in reasons)
