"""Every control has a name for screen readers and is reached with Tab.

The checks walk the real windows: the studio window, the kiosk and the
windows that the studio's menus open.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollBar,
    QToolBar,
    QToolButton,
    QWidget,
)

from app import i18n
from app.main_window import MainWindow
from app.staff_gate import StaffGate
from designer.order_design import freeze_design
from designer.orders import place_order
from designer.store import load_store_settings
from storage.staff import sign_in
from tests.app.conftest import WAIT_MS
from tests.staff import PASSWORD, add_staff_accounts

CONTROL_TYPES = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractSpinBox,
    QAbstractSlider,
    QAbstractItemView,
)


def is_control(widget: QWidget) -> bool:
    if not isinstance(widget, CONTROL_TYPES) or isinstance(widget, QScrollBar):
        return False
    # Tool buttons count only in tool bars. Others are parts of other
    # widgets, such as the scroll arrows of a tab bar.
    if isinstance(widget, QToolButton):
        return isinstance(widget.parent(), QToolBar)
    return True


def controls(window: QWidget) -> list[QWidget]:
    """Return the window's visible controls, leaving out parts of controls.

    The line edit inside an editable combo box or a spin box, and the corner
    button of a table, are parts of the control that owns them.
    """
    found = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisible():
            continue
        if is_control(widget) and owning_control(widget) is widget:
            found.append(widget)
    return found


def owning_control(widget: QWidget) -> QWidget | None:
    """Return the outermost control that contains ``widget``, or ``widget``."""
    owner = widget if is_control(widget) else None
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if is_control(parent):
            owner = parent
        parent = parent.parentWidget()
    return owner


def accessible_name(widget: QWidget) -> str:
    """Return the name that screen readers announce for ``widget``.

    Qt announces a control's accessible name, else a button's text, else
    the text of a label whose buddy the control is. On Linux Qt 6 announces
    a combo box's current value as its name, which names nothing, so only
    these three sources count here.
    """
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text().replace("&", "").strip()
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text().replace("&", "").strip():
            return label.text().replace("&", "").strip()
    return ""


def title(window: QWidget) -> str:
    return window.objectName() or type(window).__name__


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or '(no name)'}"


def tab_walk(window: QWidget, first: QWidget) -> list[QWidget]:
    """Press Tab from ``first`` until focus comes back and return the controls."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    start = window.focusWidget()
    assert start is not None, f"{describe(first)} does not take focus"
    visited = [owning_control(start)]
    for _ in range(400):
        QTest.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        focused = window.focusWidget()
        if focused is start:
            return visited
        visited.append(owning_control(focused))
    last = [describe(w) if w is not None else "None" for w in visited[-6:]]
    pytest.fail(
        f"Tab never came back to {describe(first)} in {title(window)}; "
        f"the last controls it reached: {last}"
    )


def check_window(window: QWidget) -> None:
    found = controls(window)
    assert found, f"no controls found in {title(window)}"
    unnamed = [describe(w) for w in found if not accessible_name(w)]
    assert unnamed == [], f"controls without a name in {title(window)}: {unnamed}"
    no_tab = [
        describe(w) for w in found if not w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert no_tab == [], f"controls that Tab skips in {title(window)}: {no_tab}"

    reachable = [w for w in found if w.isEnabled()]
    visited = tab_walk(window, reachable[0])
    missed = [describe(w) for w in reachable if w not in visited]
    assert missed == [], f"controls Tab never reaches in {title(window)}: {missed}"


def test_studio_window(window):
    check_window(window)


def test_compare_window(qtbot, window):
    compare = window.open_compare()
    qtbot.addWidget(compare)
    qtbot.waitExposed(compare)
    check_window(compare)


def test_order_dialog(qtbot, window):
    dialog = window.open_order_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.frozen is not None, timeout=WAIT_MS)
    check_window(dialog)


def test_profile_view(qtbot, window):
    view = window.open_profile()
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.profile is not None, timeout=WAIT_MS)
    check_window(view)


def test_segments_view(qtbot, window):
    view = window.open_segments()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refitted, timeout=WAIT_MS):
        view.refit()
    check_window(view)


def test_window_while_revising_order(qtbot, window, database):
    with database.session() as session:
        frozen = freeze_design(window.session, load_store_settings(session))
        order = place_order(session, "demo", frozen, "ana", confirm=False)
        order_id = order.id
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        assert window.revise_order(order_id)
    assert window.order_revision.save_button.isVisible()
    check_window(window)


def test_production_monitor(qtbot, window):
    monitor = window.open_monitor()
    qtbot.addWidget(monitor)
    qtbot.waitExposed(monitor)
    for index in range(monitor.tabs.count()):
        monitor.tabs.setCurrentIndex(index)
        check_window(monitor)


def test_staff_admin_screen(qtbot, catalog, database):
    add_staff_accounts(database)
    studio = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(studio)
    gate = StaffGate(studio, database)
    studio.show()
    gate.accept_session(sign_in(database, "root", PASSWORD))
    gate.admin_panel.select_account("ana")
    try:
        assert gate.admin_dock.isVisible()
        check_window(studio)
    finally:
        studio.close()


def test_kiosk_start_screen(kiosk):
    check_window(kiosk)


def test_kiosk_design_screen(kiosk):
    kiosk.open_model("ring-band")
    check_window(kiosk)
    kiosk.editors["engraving"].type_button.click()
    assert kiosk.keyboard.isVisible()
    check_window(kiosk)


def test_kiosk_pin_pad(kiosk):
    kiosk.show_pin_pad()
    check_window(kiosk)


def test_names_follow_the_language(qtbot, window):
    try:
        i18n.set_language("zh_CN")
        width = window.panel.editor("width")
        assert width.spin.accessibleName() == "戒圈宽度"
        assert width.slider.accessibleName() == "戒圈宽度"
        monitor = window.open_monitor()
        qtbot.addWidget(monitor)
        assert monitor.search.accessibleName() == "搜索订单"
        assert monitor.orders_table.accessibleName() == "订单"
    finally:
        i18n.set_language("en")
