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
import logging
import os
import sys
import tempfile
from pathlib import Path

from bench.display import ensure_display

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DOCS = PROJECT_ROOT / "docs"
LANGUAGES = {"en": "English", "zh_CN": "Simplified Chinese"}
PASSWORD = "correct horse 42"

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
    ("compare", "Comparing two designs"),
    ("catalog-editor", "The catalog editor (designer)"),
    ("kiosk-start", "Kiosk: start screen"),
    ("kiosk-customise", "Kiosk: customising a ring"),
    ("kiosk-keyboard", "Kiosk: typing an engraving"),
)

logger = logging.getLogger(__name__)


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
            ProfileView(database, "demo", language, staff=sales),
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
        shoot(
            ProductionMonitor(database, language, staff=sales), "monitor", language, 500
        )
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
    write_page(arguments.out)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
