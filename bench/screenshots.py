"""Take screenshots of every catalog model in the studio window.

Run from the repository root after adding or changing models::

    python -m bench.screenshots

Without a display it starts itself again under ``xvfb-run``. For each model
it writes ``docs/screenshots/<model>-window.png`` (the whole main window,
dimension rulers shown) and ``<model>-preview.png`` (the 3D view alone, at
full resolution), removes screenshots of models no longer in the catalog
and rewrites ``docs/SCREENSHOTS.md``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from bench.display import ensure_display

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DOCS = PROJECT_ROOT / "docs"
WAIT_MS = 60_000

logger = logging.getLogger(__name__)


def take_screenshots(out: Path) -> list[tuple[str, str, Path, Path]]:
    """Write both screenshots of every model; return (id, name, window, preview)."""
    import os

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.live_price import PriceState
    from app.main_window import MainWindow, _catalog_order
    from designer.catalog import load_catalog

    application = QApplication.instance() or QApplication(sys.argv[:1])
    catalog = load_catalog()
    cache = tempfile.TemporaryDirectory(prefix="atelier-screenshots-")
    os.environ["ATELIER_CACHE_DIR"] = cache.name
    window = MainWindow(catalog)

    def wait_for(signal, timeout_ms: int = WAIT_MS) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    taken = []
    out.mkdir(parents=True, exist_ok=True)
    try:
        window.show()
        wait_for(window.preview_updated)
        wait_for(window.thumbnails_ready, 300_000)
        for model in sorted(catalog.models.values(), key=_catalog_order):
            if window.session.model.id != model.id:
                window.open_model(model.id)
                wait_for(window.preview_updated)
            window.dimensions_action.setChecked(False)
            preview_path = out / f"{model.id}-preview.png"
            window.preview.grab_image().save(str(preview_path))

            window.dimensions_action.setChecked(True)
            wait_for(window.preview.rendered)
            if window.live_price.shown(window.session)[1] is not PriceState.MEASURED:
                wait_for(window.price_measured)
            # The side panel makes room for a longer price text in a posted
            # layout request, which a grab at once would miss.
            application.processEvents()
            window_path = out / f"{model.id}-window.png"
            window.grab().save(str(window_path))
            window.dimensions_action.setChecked(False)
            taken.append((model.id, model.name("en"), window_path, preview_path))
            logger.info("screenshots of %s written", model.id)
    finally:
        window.close()
        application.processEvents()
        cache.cleanup()

    kept = {path for entry in taken for path in entry[2:]}
    for old in out.glob("*.png"):
        if old not in kept:
            old.unlink()
    return taken


def write_index(taken: list[tuple[str, str, Path, Path]], index: Path) -> None:
    """Write the Markdown page that lists every screenshot."""
    lines = [
        "# Screenshots",
        "",
        "The studio window under Xvfb with software OpenGL (Mesa llvmpipe), one",
        "model at a time with its default design, dimension rulers shown, and",
        "the 3D view alone at full resolution. Regenerate them after adding or",
        "changing models, from the repository root:",
        "",
        "    python -m bench.screenshots",
        "",
        "| model | window | 3D view |",
        "|---|---|---|",
    ]
    for model_id, name, window_path, preview_path in taken:
        window_link = window_path.relative_to(index.parent).as_posix()
        preview_link = preview_path.relative_to(index.parent).as_posix()
        lines.append(
            f"| {name} (`{model_id}`) | [window]({window_link}) "
            f"| [3D view]({preview_link}) |"
        )
    lines += [""]
    for _model_id, name, window_path, preview_path in taken:
        lines += [
            f"## {name}",
            "",
            f"![{name} in the studio window]"
            f"({window_path.relative_to(index.parent).as_posix()})",
            "",
            f"![{name}, 3D view]({preview_path.relative_to(index.parent).as_posix()})",
            "",
        ]
    index.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DOCS / "screenshots",
        help="folder for the PNG files (default: docs/screenshots)",
    )
    parser.add_argument(
        "--index",
        type=Path,
        default=DOCS / "SCREENSHOTS.md",
        help="Markdown index to write (default: docs/SCREENSHOTS.md)",
    )
    arguments = parser.parse_args()
    ensure_display("bench.screenshots")
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    taken = take_screenshots(arguments.out.resolve())
    write_index(taken, arguments.index.resolve())
    for model_id, _name, window_path, preview_path in taken:
        print(f"{model_id}\t{window_path}\t{preview_path}")


if __name__ == "__main__":
    main()
