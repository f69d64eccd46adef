"""A kiosk customer types engravings on Qt Virtual Keyboard by taps alone.

Every test here taps the keys of the real Qt Virtual Keyboard, found in its
QML item tree, with mouse clicks at their place in the kiosk window. Qt
picks its input method when the QApplication is created, so this file runs
in a pytest process of its own (see ``pytest_collection_finish`` in
conftest.py).
"""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from app import i18n
from app.keyboard import touch_target_px
from app.virtual_keyboard import use_virtual_keyboard

# pytest-qt's Qt message capture runs Python in Qt's message handler. Qt
# Virtual Keyboard's QML components log while the QML thread loads their
# library, and that handler then waits for the GIL that the GUI thread,
# loading the same QML, holds: the test hangs. The kiosk itself installs
# no message handler.
pytestmark = [pytest.mark.virtual_keyboard, pytest.mark.no_qt_log]

WAIT_MS = 30_000


@pytest.fixture
def keyboard(kiosk):
    """The kiosk's Qt Virtual Keyboard; fails when the kiosk fell back."""
    assert kiosk.virtual_keyboard is not None, (
        "the kiosk fell back to its built-in keyboard; run this file in a "
        "pytest process of its own, so that Qt Virtual Keyboard is the input "
        "method"
    )
    return kiosk.virtual_keyboard


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def items(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from items(child)


def keys(keyboard) -> list[QQuickItem]:
    """Return the keys on screen: the QML items with a ``keyType`` property."""
    return [
        item
        for item in items(keyboard.rootObject())
        if item.property("keyType") is not None and item.isVisible()
    ]


def tap_item(keyboard, item: QQuickItem) -> None:
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    assert keyboard.rect().contains(centre.toPoint()), "item is outside the keyboard"
    QTest.mouseClick(
        keyboard,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        centre.toPoint(),
    )


def tap_key(keyboard, key: Qt.Key) -> None:
    """Tap the key that sends ``key``, such as ``Qt.Key.Key_Y``."""
    found = [item for item in keys(keyboard) if item.property("key") == key.value]
    assert found, f"no key {key.name} on the keyboard"
    tap_item(keyboard, found[0])


def tap_letters(keyboard, letters: str) -> None:
    for letter in letters:
        tap_key(keyboard, Qt.Key(ord(letter.upper())))


def candidate(keyboard, text: str) -> QQuickItem | None:
    """Return the Chinese candidate ``text`` once it is in place in the bar.

    The candidate bar is a ListView; a new candidate may be drawn before the
    list has moved it to its place, so it counts only when its centre lies
    inside the list.
    """
    for item in items(keyboard.rootObject()):
        if item.property("text") != text or not item.isVisible():
            continue
        bar = item.parentItem()
        while bar is not None and not is_list(bar):
            bar = bar.parentItem()
        if bar is None or bar.property("moving"):
            continue
        centre = item.mapToItem(bar, QPointF(item.width() / 2, item.height() / 2))
        if 0 <= centre.x() <= bar.width() and 0 <= centre.y() <= bar.height():
            return item
    return None


def tap_candidate(qtbot, keyboard, text: str) -> None:
    qtbot.waitUntil(lambda: candidate(keyboard, text) is not None)
    tap_item(keyboard, candidate(keyboard, text))


def tap(widget) -> None:
    assert widget.isVisible(), f"{widget.objectName()} is not on screen"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def find(kiosk, name, kind=QPushButton):
    widget = kiosk.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name}"
    return widget


def open_engraving(qtbot, kiosk, keyboard) -> QLineEdit:
    # Xvfb has no window manager to activate the kiosk, as a kiosk's does.
    kiosk.activateWindow()
    qtbot.waitUntil(kiosk.isActiveWindow)
    tap(find(kiosk, "kiosk_tile_ring-band"))
    edit = find(kiosk, "kiosk_edit_engraving", QLineEdit)
    tap(edit)
    qtbot.waitUntil(keyboard.isVisible)
    qtbot.waitUntil(edit.hasFocus)
    return edit


def visible_texts(kiosk) -> str:
    texts = []
    for kind in (QLabel, QLineEdit):
        for widget in kiosk.findChildren(kind):
            texts.append(widget.text())
    return "\n".join(texts)


def test_ring_engraved_in_pinyin_then_wiped(qtbot, kiosk, keyboard, chinese):
    edit = open_engraving(qtbot, kiosk, keyboard)
    tap_letters(keyboard, "yong")
    assert keyboard.composition() == "yong"
    tap_candidate(qtbot, keyboard, "永")
    tap_letters(keyboard, "heng")
    tap_candidate(qtbot, keyboard, "恒")
    assert edit.text() == "永恒"
    assert keyboard.composition() == ""

    with qtbot.waitSignal(kiosk.design_saved) as saved:
        tap(find(kiosk, "kiosk_save"))
    code = saved.args[0]
    assert not keyboard.isVisible()
    assert kiosk.database is not None
    from designer.kiosk_designs import load_kiosk_design

    assert load_kiosk_design(kiosk.database, code).values["engraving"] == "永恒"
    assert find(kiosk, "kiosk_code", QLabel).text() == code

    with qtbot.waitSignal(kiosk.idle_warning_shown):
        kiosk.idle_timer.setInterval(10)
        kiosk.idle_timer.start()
    with qtbot.waitSignal(kiosk.session_reset, timeout=WAIT_MS):
        pass
    qtbot.waitUntil(lambda: not kiosk.editors)
    assert kiosk.session is None
    assert kiosk.stack.currentWidget() is kiosk.start_page
    texts = visible_texts(kiosk)
    assert "永恒" not in texts
    assert code not in texts


def test_idle_wipe_drops_pinyin_candidates(qtbot, kiosk, keyboard, chinese):
    edit = open_engraving(qtbot, kiosk, keyboard)
    tap_letters(keyboard, "yong")
    qtbot.waitUntil(lambda: candidate(keyboard, "永") is not None)
    assert keyboard.candidate_count() > 0

    with qtbot.waitSignal(kiosk.session_reset, timeout=WAIT_MS):
        kiosk.idle_timer.setInterval(10)
        kiosk.idle_timer.start()
    assert keyboard.composition() == ""
    assert keyboard.candidate_count() == 0
    assert candidate(keyboard, "永") is None
    assert not keyboard.isVisible()
    assert not edit.isVisible()
    assert "yong" not in visible_texts(kiosk)


def idle_reset(qtbot, kiosk) -> None:
    """Let the idle timer run out, then restore its interval."""
    interval = kiosk.idle_timer.interval()
    with qtbot.waitSignal(kiosk.session_reset, timeout=WAIT_MS):
        kiosk.idle_timer.setInterval(10)
        kiosk.idle_timer.start()
    kiosk.idle_timer.setInterval(interval)


def test_pinyin_engine_learns_no_words(
    qtbot, kiosk, keyboard, chinese, tmp_path_factory
):
    # Choosing 永 and then 横 for "yongheng" makes the pinyin engine learn
    # the phrase 永横 and offer it next to 永恒, unless its user dictionary
    # is off.
    edit = open_engraving(qtbot, kiosk, keyboard)
    tap_letters(keyboard, "yongheng")
    tap_candidate(qtbot, keyboard, "永")
    tap_candidate(qtbot, keyboard, "横")
    assert edit.text() == "永横"
    idle_reset(qtbot, kiosk)

    open_engraving(qtbot, kiosk, keyboard)
    tap_letters(keyboard, "yongheng")
    qtbot.waitUntil(lambda: candidate(keyboard, "永恒") is not None)
    assert candidate(keyboard, "永横") is None

    # The engine opens its dictionary in the config folder of the test that
    # first used pinyin. conftest.py gives every test a temporary one.
    dictionaries = list(tmp_path_factory.getbasetemp().rglob("usr_dict.dat"))
    assert dictionaries, "the pinyin engine opened no user dictionary"
    for dictionary in dictionaries:
        assert "永横".encode("utf-16-le") not in dictionary.read_bytes()


def test_latin_letters_typed(qtbot, kiosk, keyboard):
    edit = open_engraving(qtbot, kiosk, keyboard)
    tap_key(keyboard, Qt.Key.Key_Shift)
    tap_letters(keyboard, "ana")
    tap_key(keyboard, Qt.Key.Key_Space)
    tap_letters(keyboard, "lee")
    assert edit.text() == "Ana lee"
    tap_key(keyboard, Qt.Key.Key_Return)
    assert not keyboard.isVisible()
    assert kiosk.session.values["engraving"] == "Ana lee"


def test_hide_key_keeps_the_text(qtbot, kiosk, keyboard):
    edit = open_engraving(qtbot, kiosk, keyboard)
    tap_letters(keyboard, "ok")
    hide = [item for item in keys(keyboard) if "HideKeyboardKey" in type_name(item)]
    assert hide, "no hide-keyboard key"
    tap_item(keyboard, hide[0])
    qtbot.waitUntil(lambda: not keyboard.isVisible())
    assert kiosk.session.values["engraving"] == "ok"
    tap(edit)
    qtbot.waitUntil(keyboard.isVisible)


def test_keys_are_9_mm(qtbot, kiosk, keyboard, chinese):
    open_engraving(qtbot, kiosk, keyboard)
    minimum = touch_target_px(kiosk)
    on_screen = keys(keyboard)
    assert len(on_screen) >= 30
    for key in on_screen:
        name = f"{type_name(key)} {key.property('text')!r}"
        assert key.width() >= minimum, name
        assert key.height() >= minimum, name


def test_keyboard_stays_in_the_kiosk_window(qtbot, kiosk, keyboard):
    open_engraving(qtbot, kiosk, keyboard)
    assert keyboard.window() is kiosk
    qtbot.waitUntil(lambda: kiosk.rect().contains(keyboard.geometry()))
    assert keyboard.width() == keyboard.maximumWidth()


def rect_in(kiosk, widget) -> QRect:
    return QRect(widget.mapTo(kiosk, QPoint(0, 0)), widget.size())


def in_view(kiosk, keyboard, widget) -> bool:
    """Tell whether ``widget`` is shown whole in the kiosk, clear of the keyboard."""
    if not widget.isVisible():
        return False
    rect = rect_in(kiosk, widget)
    return kiosk.rect().contains(rect) and not rect.intersects(keyboard.geometry())


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_typing_layout_at_1280_by_800(qtbot, kiosk, keyboard, language):
    i18n.set_language(language)
    try:
        kiosk.resize(1280, 800)
        qtbot.waitUntil(lambda: kiosk.size().height() == 800)
        edit = open_engraving(qtbot, kiosk, keyboard)
        price = find(kiosk, "kiosk_price", QLabel)
        label = find(kiosk, "kiosk_label_engraving", QLabel)
        qtbot.waitUntil(lambda: in_view(kiosk, keyboard, edit))
        assert in_view(kiosk, keyboard, label)
        assert in_view(kiosk, keyboard, price)
        assert price.text()
        assert not find(kiosk, "kiosk_label_metal", QLabel).isVisible()
        assert in_view(kiosk, keyboard, find(kiosk, "kiosk_save"))

        tap_key(keyboard, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not keyboard.isVisible())
        assert find(kiosk, "kiosk_label_metal", QLabel).isVisible()
        assert price.isVisible()
    finally:
        i18n.set_language("en")


def test_input_method_rejected_after_start():
    with pytest.raises(RuntimeError, match="before the QApplication"):
        use_virtual_keyboard({})


def type_name(item: QQuickItem) -> str:
    return item.metaObject().className()


def is_list(item: QQuickItem) -> bool:
    """Tell whether ``item`` is the candidate bar or the list of layouts."""
    name = type_name(item)
    return "ListView" in name or "PopupList" in name
