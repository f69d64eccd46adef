"""Take screenshots of every screen of the studio in English and Chinese.

Run from the repository root after changing a screen::

    python -m bench.screens

Without a display it starts itself again under ``xvfb-run``. It works on a
new demo database in a temporary folder, opens each screen in turn, writes
``docs/screens/<screen>-<language>.png`` and rewrites ``docs/SCREENS.md``.
The model screenshots are taken by ``python -m bench.screenshots``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.display import ensure_display

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DOCS = PROJECT_ROOT / "docs"
LANGUAGES = {"en": "English", "zh_CN": "Simplified Chinese"}
PASSWORD = "correct horse 42"
# The monitor measures overdue orders against this date, and the demo
# orders below are placed shortly before it, so the screenshots stay the same.
MONITOR_TODAY = date(2026, 11, 20)
# Demo orders: example design, customer, time placed, whether it is confirmed.
DEMO_ORDERS = (
    ("ring-band", "demo", datetime(2026, 11, 2, 10, 30), True),
    ("bookshelf", "demo-02", datetime(2026, 11, 10, 15, 0), True),
    ("bangle", "demo-07", datetime(2026, 11, 18, 11, 45), False),
)
# An order id the factory file names that the studio never issued, so its
# record goes to quarantine.
UNKNOWN_ORDER = "A-009999"

# Screen id and its title in docs/SCREENS.md, in the order of a working day.
SCREENS = (
    ("first-run", "First start: creating the administrator"),
    ("sign-in", "Signing in"),
    ("staff-accounts", "Staff accounts and the kiosk PIN (administrator)"),
    ("studio", "The studio window (sales)"),
    ("customer-finder", "Finding or registering a customer"),
    ("customer-profile", "A customer's profile"),
    ("segments", "Customer segments"),
    ("order", "Placing an order"),
    ("monitor", "The production monitor"),
    ("monitor-quarantine", "The production monitor: factory records in quarantine"),
    ("compare", "Comparing two designs"),
    ("catalog-editor", "The catalog editor (designer)"),
    ("kiosk-start", "Kiosk: start screen"),
    ("kiosk-customise", "Kiosk: customising a ring"),
    ("kiosk-keyboard", "Kiosk: typing an engraving"),
)

logger = logging.getLogger(__name__)


def add_demo_orders(database, catalog, actor: str, folder: Path) -> str:
    """Place the demo orders, pay one and apply a factory file to it.

    The first order is confirmed, so its history shows the lead-time note,
    then paid in full and put into production by the factory file. The
    file's second record names an unknown order and goes to quarantine.
    Returns the id of the first order.
    """
    from designer import factory_status, orders
    from designer.designs import read_design, resolve
    from designer.order_design import freeze_design
    from designer.session import DesignSession
    from designer.store import load_store_settings
    from resources import EXAMPLES_DIR

    with database.session(readonly=True) as session:
        settings = load_store_settings(session)
    placed = []
    for product, customer_id, when, confirm in DEMO_ORDERS:
        design = read_design(EXAMPLES_DIR / f"{product}.json")
        model, values = resolve(design, catalog)
        frozen = freeze_design(DesignSession(model, values, design.chosen), settings)
        with database.session() as session:
            order = orders.place_order(
                session, customer_id, frozen, actor, confirm=confirm, now=when
            )
            placed.append((order.id, frozen.price.total, when))

    first, total, when = placed[0]
    paid_at = when + timedelta(days=1)
    with database.session() as session:
        orders.record_payment(
            session, first, "balance", total, "card", actor, received_at=paid_at
        )
        orders.transition(session, first, "paid", actor, occurred_at=paid_at)

    status_file = folder / "factory-status.json"
    updates = [
        {"order_id": first, "status": "in_production", "timestamp": "2026-11-04T09:00"},
        {
            "order_id": UNKNOWN_ORDER,
            "status": "shipped",
            "timestamp": "2026-11-05T16:30",
        },
    ]
    status_file.write_text(
        json.dumps({"format": factory_status.STATUS_FORMAT, "updates": updates}),
        encoding="utf-8",
    )
    factory_status.apply_status_path(
        database, status_file, now=datetime.combine(MONITOR_TODAY, datetime.min.time())
    )
    return first


def take_screens(out: Path, kiosk_only: bool = False) -> list[Path]:
    """Write every screen in both languages into ``out`` and return the files.

    ``kiosk_only`` skips the studio's screens.
    """
    folder = Path(tempfile.mkdtemp(prefix="atelier-screens-"))
    os.environ["ATELIER_CACHE_DIR"] = str(folder / "cache")
    os.environ["ATELIER_KEY_FILE"] = str(folder / "key.bin")
    # The kiosk's screens show Qt Virtual Keyboard, which must be the input
    # method before the QApplication exists. The studio's screens look the
    # same with it, because it draws nothing outside the kiosk.
    from app.virtual_keyboard import use_virtual_keyboard

    use_virtual_keyboard()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.compare_view import CompareWindow
    from app.customer_finder import CustomerFinder
    from app.kiosk import KioskWindow
    from app.main_window import MainWindow
    from app.monitor import ProductionMonitor
    from app.order_dialog import PlaceOrderDialog
    from app.profile_view import ProfileView
    from app.segments_view import SegmentsView
    from app.sign_in import FirstRunDialog, SignInDialog
    from app.staff_admin import StaffAdminPanel
    from designer.access import create_staff_account
    from designer.catalog import load_catalog
    from designer.studio_data import open_studio_database
    from recommender.segments import refit_segments
    from storage.staff import sign_in

    application = QApplication.instance() or QApplication(sys.argv[:1])
    catalog = load_catalog()
    database = open_studio_database(f"sqlite:///{folder / 'screens.db'}", catalog)

    def settle(ms: int = 1500) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)

    def shoot_kiosk(language: str) -> None:
        kiosk = KioskWindow(catalog, database)
        kiosk.resize(1280, 800)
        shoot(kiosk, "kiosk-start", language, 1000)
        kiosk.show()
        kiosk.open_model("ring-band")
        shoot(kiosk, "kiosk-customise", language, 4000)
        kiosk.show()
        kiosk.activateWindow()
        kiosk.editors["engraving"].type_button.click()
        shoot(kiosk, "kiosk-keyboard", language, 2000)
        kiosk.shutdown()

    def shoot(widget, name: str, language: str, ms: int = 1500) -> None:
        widget.show()
        settle(ms)
        path = out / f"{name}-{language}.png"
        widget.grab().save(str(path))
        written.append(path)
        widget.close()

    for language in LANGUAGES:
        i18n.set_language(language)
        if kiosk_only:
            shoot_kiosk(language)
            continue
        shoot(FirstRunDialog(database), "first-run", language, 300)
        if language == "en":
            create_staff_account(database, "ana", "administrator", PASSWORD)
            admin = sign_in(database, "ana", PASSWORD)
            create_staff_account(database, "sam", "sales", PASSWORD, staff=admin)
            create_staff_account(database, "dee", "designer", PASSWORD, staff=admin)
            first_order = add_demo_orders(database, catalog, "sam", folder)
            # The same fit as the segments screen's Refit and the command
            # line's "segments --refit", run here without a child process.
            # NOTE: the segments screenshot shows the fit's time, which
            # refit_segments() takes from the clock.
            refit_segments(database)
        sales = sign_in(database, "sam", PASSWORD)
        designer = sign_in(database, "dee", PASSWORD)
        shoot(SignInDialog(database, username="sam"), "sign-in", language, 300)
        shoot(StaffAdminPanel(database), "staff-accounts", language, 300)

        window = MainWindow(catalog, database, language=language, thumbnails=False)
        window.staff = sales
        window.apply_permissions(None)
        window.resize(1400, 860)
        shoot(window, "studio", language, 4000)
        window.show()
        settle(1000)
        shoot(CustomerFinder(database, sales), "customer-finder", language, 300)
        shoot(
            ProfileView(database, "demo", language, staff=sales, catalog=catalog),
            "customer-profile",
            language,
            1000,
        )
        shoot(SegmentsView(database, staff=sales), "segments", language, 500)
        shoot(
            PlaceOrderDialog(window.session, "demo", database, language, staff=sales),
            "order",
            language,
            2000,
        )
        monitor = ProductionMonitor(
            database, language, today=MONITOR_TODAY, staff=sales, catalog=catalog
        )
        monitor.select_order(first_order)
        shoot(monitor, "monitor", language, 500)
        monitor.tabs.setCurrentIndex(1)
        monitor.quarantine_table.selectRow(0)
        shoot(monitor, "monitor-quarantine", language, 500)
        compare = CompareWindow(window, left=window.session)
        compare.resize(1400, 900)
        shoot(compare, "compare", language, 4000)
        window.staff = designer
        window.apply_permissions(None)
        editor = window.open_catalog_editor()
        if editor is not None:
            editor.resize(1400, 900)
            shoot(editor, "catalog-editor", language, 2000)
        window.close()
        shoot_kiosk(language)
    i18n.set_language("en")
    database.dispose()
    application.processEvents()
    return written


def write_page(out: Path) -> None:
    """Rewrite docs/SCREENS.md to show the screenshots in ``out``."""
    lines = [
        "# Screens",
        "",
        "Every screen of the studio on a new demo database, in English and in",
        "Simplified Chinese, under Xvfb with software OpenGL. Take them again",
        "after changing a screen, from the repository root:",
        "",
        "    python -m bench.screens",
        "",
        "The catalog models, one by one, are in `docs/SCREENSHOTS.md`.",
    ]
    for name, title in SCREENS:
        lines += ["", f"## {title}", ""]
        for language, label in LANGUAGES.items():
            path = out / f"{name}-{language}.png"
            if path.exists():
                relative = path.relative_to(DOCS).as_posix()
                lines += [f"![{title}, {label}]({relative})", ""]
    (DOCS / "SCREENS.md").write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS / "screens")
    parser.add_argument(
        "--kiosk-only",
        action="store_true",
        help="take only the kiosk's screens and keep the others as they are",
    )
    arguments = parser.parse_args(argv)
    ensure_display("bench.screens")
    logging.basicConfig(level=logging.WARNING)
    written = take_screens(arguments.out, arguments.kiosk_only)
    # docs/SCREENS.md links the images by their path under docs/, so a
    # folder elsewhere only gets the images.
    if arguments.out.resolve().is_relative_to(DOCS):
        write_page(arguments.out)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
