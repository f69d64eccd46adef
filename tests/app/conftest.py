import os

import pytest
from PySide6.QtCore import QPoint, QThreadPool
from PySide6.QtWidgets import QApplication

from app.kiosk import KioskWindow
from app.main_window import MainWindow
from app.virtual_keyboard import use_virtual_keyboard
from designer.catalog import load_catalog
from tests.leaks import check_no_leaks

WAIT_MS = 30_000
# Cabinet options whose kept values conflict: an MDF shelf 1200 mm wide
# behind doors sags more than the shelf-sag rule allows, and only much
# narrower widths fit the other options.
SAGGING_CABINET = {
    "front_type": "doors",
    "board_material": "mdf",
    "board_thickness": 19,
    "width": 1200,
}
VIRTUAL_KEYBOARD_MARK = "virtual_keyboard"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"{VIRTUAL_KEYBOARD_MARK}: types on Qt Virtual Keyboard, so the test "
        "needs a pytest process of its own",
    )


def pytest_collection_finish(session):
    """Select Qt Virtual Keyboard for its own tests, before the QApplication exists.

    Qt picks the input method once, when the QApplication is created, so the
    keyboard's tests and the others cannot share a process. The input method
    is selected only when every collected test carries the mark. A mixed
    run leaves the other tests on the desktop's input method, and the
    keyboard's tests then fail with the reason.
    """
    items = session.items
    if items and all(item.get_closest_marker(VIRTUAL_KEYBOARD_MARK) for item in items):
        use_virtual_keyboard()


def point_on_part(preview, part: str, step: int = 8) -> QPoint:
    """Return a point of ``preview`` where ``part`` is drawn, scanning rows."""
    points = (
        QPoint(x, y)
        for y in range(0, preview.height(), step)
        for x in range(0, preview.width(), step)
    )
    found = next((p for p in points if preview.part_at(p.toPointF()) == part), None)
    assert found is not None, f"{part} is not drawn in the preview"
    return found


def frozen_example(catalog, product: str):
    """Return the example design of ``product``, frozen with the default store."""
    from designer.designs import read_design, resolve
    from designer.order_design import freeze_design
    from designer.session import DesignSession
    from designer.store import StoreSettings
    from resources import EXAMPLES_DIR

    design = read_design(EXAMPLES_DIR / f"{product}.json")
    model, values = resolve(design, catalog)
    return freeze_design(DesignSession(model, values, design.chosen), StoreSettings())


def quoted_total(session, database):
    """Return the total that a quote of ``session``'s design would show.

    The quote freezes the design with the store's settings and builds its
    parts in this process, not in the windows' geometry process.
    """
    from designer.order_design import freeze_design
    from designer.store import load_store_settings

    with database.session(readonly=True) as db_session:
        settings = load_store_settings(db_session)
    return freeze_design(session, settings).price.total


def price_text(total) -> str:
    """Return ``total`` in euros as the windows' price labels show it, joined
    to its currency code by a no-break space."""
    from app.i18n import format_number

    return f"EUR\u00a0{format_number(total, 2)}"


def old_cabinet_notice(session) -> tuple[str, str]:
    """Return the English and the Chinese notice for the cabinet example,
    saved before handles were offered, opened as ``session``.

    The notice label joins the amount to its currency code by a no-break
    space, so a narrow label never wraps between them.
    """
    from app.i18n import format_money

    lines = {line.label("en"): line for line in session.price().lines}
    amount = format_money(lines["Handles or push latches"].amount, "EUR")
    english = (
        "This design was saved before 'Handles' was offered; set to steel bar "
        f"pulls. The price now includes Handles or push latches EUR\u00a0{amount}."
    )
    chinese = (
        "此设计保存时尚未提供“拉手”选项；已设为钢制条形拉手。"
        f"价格现已包含拉手或按压开启器 EUR\u00a0{amount}。"
    )
    return english, chinese


def open_design_file(catalog, path, product: str, chosen: dict):
    """Write a design file of ``product`` whose ``chosen`` values are its
    only values, all chosen, to ``path``; return it opened as a session."""
    import json

    from designer.designs import read_design
    from designer.session import session_from_design

    design = {
        "format": "atelier-design/1",
        "product": product,
        "values": chosen,
        "chosen": list(chosen),
    }
    path.write_text(json.dumps(design), encoding="utf-8")
    return session_from_design(read_design(path), catalog, path)


def text_in_chinese(label) -> str:
    """Return ``label``'s text with the interface switched to Chinese, then
    switch it back to English."""
    from app import i18n

    i18n.set_language("zh_CN")
    try:
        return label.text()
    finally:
        i18n.set_language("en")


def settle_background_jobs() -> None:
    """Wait for the thread pool's jobs, then deliver their queued results."""
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)
    QApplication.processEvents()


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def database(tmp_path, catalog):
    # Imported here so that tests without a database run without storage.
    from designer.studio_data import open_studio_database

    database = open_studio_database(f"sqlite:///{tmp_path / 'studio.db'}", catalog)
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def xcb_platform(monkeypatch):
    """Qt's offscreen platform cannot host the VTK view; use the X server."""
    if os.environ.get("DISPLAY"):
        monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")


def wait_for_newest_preview(qtbot, window, action) -> None:
    """Call ``action()`` and wait until the window's preview shows its result."""
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        action()


@pytest.fixture
def window(qtbot, catalog, database):
    """The main window on the ring, shown once its first preview rendered."""
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.show()
    yield window
    window.close()


@pytest.fixture
def kiosk(qtbot, catalog, database):
    """The kiosk without its 3D view, on its start screen.

    The idle warning shows after a minute and counts down for 50 ms.
    """
    kiosk = KioskWindow(
        catalog, database, idle_timeout_ms=60_000, warning_ms=50, show_preview=False
    )
    qtbot.addWidget(kiosk)
    kiosk.resize(1400, 950)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    yield kiosk
    kiosk.shutdown()


@pytest.fixture(autouse=True)
def no_leaks():
    """Fail a test that leaves a window or a render window open."""
    yield
    check_no_leaks()
