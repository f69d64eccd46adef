"""Catalog thumbnails, rendered offscreen and cached by catalog file hash.

Run ``python -m app.thumbnails --out DIR`` to render a PNG of every catalog
model's default design into ``DIR``; without ``--out`` the images go to the
user's cache folder, where the studio window looks for its catalog icons.
Rendering needs no display: without one, VTK renders through EGL.

A thumbnail's file name holds a key made from the catalog file's SHA-256, the
finishes and materials tables, the image size and :data:`THUMBNAIL_VERSION`.
Editing any of them gives a new name, so a stale image is never shown.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from designer.catalog import Catalog, CatalogModel, load_catalog
from designer.session import DesignSession
from models3d.generators import build
from resources import FINISHES_FILE, MATERIALS_FILE

logger = logging.getLogger(__name__)

CACHE_DIR_ENV = "ATELIER_CACHE_DIR"
THUMBNAIL_SIZE = (192, 144)
# Change this when the renderer changes how every thumbnail looks.
THUMBNAIL_VERSION = "1"


def cache_dir() -> Path:
    """Return the thumbnail folder: ``$ATELIER_CACHE_DIR/thumbnails`` or the user's.

    Without ``ATELIER_CACHE_DIR`` it is ``platformdirs.user_cache_dir("Atelier")``
    followed by ``thumbnails`` (``~/.cache/Atelier/thumbnails`` on Linux).
    """
    root = os.environ.get(CACHE_DIR_ENV) or platformdirs.user_cache_dir("Atelier")
    return Path(root) / "thumbnails"


def thumbnail_key(model: CatalogModel, size: tuple[int, int] = THUMBNAIL_SIZE) -> str:
    """Return the 16-hex-digit key of a model's thumbnail at this size."""
    digest = hashlib.sha256()
    digest.update(model.sha256.encode())
    for table in (FINISHES_FILE, MATERIALS_FILE):
        digest.update(table.read_bytes())
    digest.update(f"{size[0]}x{size[1]}:{THUMBNAIL_VERSION}".encode())
    return digest.hexdigest()[:16]


def thumbnail_path(
    model: CatalogModel, folder: Path, size: tuple[int, int] = THUMBNAIL_SIZE
) -> Path:
    """Return where a model's thumbnail is stored in ``folder``."""
    return Path(folder) / f"{model.id}-{thumbnail_key(model, size)}.png"


def cached_thumbnails(
    catalog: Catalog,
    folder: Path | None = None,
    size: tuple[int, int] = THUMBNAIL_SIZE,
) -> dict[str, Path]:
    """Return the thumbnails that are already rendered, keyed by model id."""
    folder = cache_dir() if folder is None else Path(folder)
    found = {}
    for model in catalog.models.values():
        path = thumbnail_path(model, folder, size)
        if path.is_file():
            found[model.id] = path
    return found


def render_thumbnails(
    catalog: Catalog,
    folder: Path | None = None,
    size: tuple[int, int] = THUMBNAIL_SIZE,
    model_ids: Iterable[str] | None = None,
    force: bool = False,
) -> dict[str, Path]:
    """Render the missing thumbnails of catalog models into ``folder``.

    Parameters
    ----------
    catalog
        The loaded catalog.
    folder
        Output folder, created if needed; the cache folder by default.
    size
        ``(width, height)`` in pixels.
    model_ids
        Models to render; every catalog model by default.
    force
        Render again even when a current thumbnail exists.

    Returns
    -------
    dict
        Path of each requested model's thumbnail, keyed by model id. A model
        whose geometry fails to build is logged and left out.

    Raises
    ------
    KeyError
        If a model id is not in the catalog.
    """
    folder = cache_dir() if folder is None else Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ids = list(catalog.models) if model_ids is None else list(model_ids)
    models = [catalog.get(model_id) for model_id in ids]

    paths: dict[str, Path] = {}
    todo = []
    for model in models:
        path = thumbnail_path(model, folder, size)
        if path.is_file() and not force:
            paths[model.id] = path
        else:
            todo.append((model, path))
    if not todo:
        return paths

    # Imported here: the studio window reads cached thumbnails at start-up
    # and renders missing ones in a child process, so it never needs VTK
    # for this.
    from rendering.offscreen import OffscreenRenderer, encode_png

    with OffscreenRenderer(size) as renderer:
        for model, path in todo:
            try:
                parts = build(model.generator, DesignSession(model).dimensions())
            except ValueError:
                logger.warning("thumbnail of %s skipped", model.id, exc_info=True)
                continue
            _write_atomically(path, encode_png(renderer.render(parts)))
            _remove_stale(folder, model.id, keep=path)
            paths[model.id] = path
            logger.debug("rendered thumbnail %s", path)
    return paths


def _write_atomically(path: Path, data: bytes) -> None:
    # The window may read the folder while this runs, so it must never see
    # half a file.
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)


def _remove_stale(folder: Path, model_id: str, keep: Path) -> None:
    for old in folder.glob(f"{model_id}-*.png"):
        stem_key = old.stem[len(model_id) + 1 :]
        if old != keep and len(stem_key) == 16:
            old.unlink(missing_ok=True)


def _parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(value) for value in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"size {text!r} is invalid; write WIDTHxHEIGHT in pixels, e.g. 192x144"
        ) from None
    if width <= 0 or height <= 0:
        raise argparse.ArgumentTypeError(
            f"size {text!r} is invalid; width and height must be positive"
        )
    return width, height


def main(argv: list[str] | None = None) -> int:
    """Render thumbnails from the command line; print one path per line."""
    parser = argparse.ArgumentParser(
        prog="python -m app.thumbnails",
        description="Render a PNG thumbnail of every catalog model.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: the user's cache folder, or "
        f"${CACHE_DIR_ENV}/thumbnails)",
    )
    parser.add_argument(
        "--size",
        type=_parse_size,
        default=THUMBNAIL_SIZE,
        help="image size in pixels as WIDTHxHEIGHT (default: %(default)s)",
    )
    parser.add_argument(
        "--model",
        action="append",
        dest="models",
        help="model id to render; repeat for several (default: all)",
    )
    parser.add_argument(
        "--force", action="store_true", help="render even current thumbnails"
    )
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    catalog = load_catalog()
    try:
        paths = render_thumbnails(
            catalog, arguments.out, arguments.size, arguments.models, arguments.force
        )
    except KeyError as error:
        parser.error(str(error.args[0]))
    for model_id in sorted(paths):
        print(f"{model_id}\t{paths[model_id]}")
    requested = arguments.models or list(catalog.models)
    return 0 if all(model_id in paths for model_id in requested) else 1


if __name__ == "__main__":
    sys.exit(main())
