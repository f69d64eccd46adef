"""Store compiled models on disk so a model compiled once loads in milliseconds.

A compiled model is one uncompressed ``.npz`` file holding a JSON header
(format, key, variable names and values, table names and scopes, variable
order) and two int32 arrays (all table rows, all diagram layers). Its key is
a SHA-256 of the format name and the source: the bytes of an XCSP file, or
the digest of a catalog model's tabulated rules. A file whose format or key
does not match is ignored and recompiled.

The user cache lives in ``$ATELIER_CACHE_DIR`` when that is set, else in
``rules/`` under the platform's user cache folder. A source file may also
ship its compiled form beside it as ``NAME.compiled.npz`` (for example
``ring-band.compiled.npz`` next to ``ring-band.toml``). That file is used
when its key matches, and only ``main.py rules compile --beside`` writes it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import platformdirs

from rules.compiled import CompiledModel
from rules.mdd import Diagram
from rules.tables import Table, TableModel

logger = logging.getLogger(__name__)

FORMAT = "atelier-compiled/1"
SUFFIX = ".compiled.npz"


class CompiledFileError(ValueError):
    """A compiled-model file that is unreadable, of another format, or stale."""


def cache_key(*parts: bytes | str) -> str:
    """Return the key of a source: a SHA-256 of the format and ``parts``."""
    sha = hashlib.sha256(FORMAT.encode())
    for part in parts:
        sha.update(part.encode() if isinstance(part, str) else part)
    return sha.hexdigest()


def default_cache_directory() -> Path:
    """Return ``$ATELIER_CACHE_DIR`` or the user cache folder's ``rules/``."""
    override = os.environ.get("ATELIER_CACHE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir("atelier", appauthor=False)) / "rules"


def beside(source: Path | str) -> Path:
    """Return where a source file ships its compiled form."""
    source = Path(source)
    return source.with_name(source.stem + SUFFIX)


def write_compiled(path: Path | str, key: str, compiled: CompiledModel) -> None:
    """Write ``compiled`` to ``path`` atomically (a reader never sees half)."""
    path = Path(path)
    tables = compiled.tables
    diagram = compiled.diagram
    header = {
        "format": FORMAT,
        "key": key,
        "names": list(tables.names),
        "values": [list(values) for values in tables.values],
        "tables": [
            [t.name, list(t.scope), t.supports, int(t.rows.shape[0])]
            for t in tables.tables
        ],
        "order": list(diagram.order),
        "layers": [list(layer.shape) for layer in diagram.layers],
        "terminal": diagram.terminal,
    }
    rows = [t.rows.reshape(-1) for t in tables.tables]
    layers = [layer.reshape(-1) for layer in diagram.layers]
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            np.savez(
                stream,
                header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
                rows=_join(rows),
                layers=_join(layers),
            )
        # mkstemp creates the file readable by its owner only.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_compiled(path: Path | str, key: str | None = None) -> CompiledModel:
    """Read a compiled model, checking its format and, if given, its key.

    Raises
    ------
    CompiledFileError
        When the file cannot be read, is not a compiled model of this
        format, or was compiled from another source.
    """
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(data["header"].tobytes())
            rows = data["rows"]
            layer_data = data["layers"]
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise CompiledFileError(f"{path}: cannot be read: {error}") from None
    if header.get("format") != FORMAT:
        raise CompiledFileError(
            f"{path}: format {header.get('format')!r} is not {FORMAT!r}"
        )
    if key is not None and header.get("key") != key:
        raise CompiledFileError(f"{path}: compiled from another version of the source")
    try:
        return _build(header, rows, layer_data)
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise CompiledFileError(f"{path}: the contents are damaged: {error}") from None


def _build(header: dict, rows: np.ndarray, layer_data: np.ndarray) -> CompiledModel:
    tables = []
    offset = 0
    for name, scope, supports, count in header["tables"]:
        size = count * len(scope)
        part = rows[offset : offset + size].reshape(count, len(scope))
        tables.append(Table(name, tuple(scope), part, supports))
        offset += size
    layers = []
    offset = 0
    for nodes, width in header["layers"]:
        layers.append(layer_data[offset : offset + nodes * width].reshape(nodes, width))
        offset += nodes * width
    if offset != layer_data.size:
        raise ValueError("the layer sizes do not add up")
    model = TableModel(
        tuple(header["names"]),
        tuple(tuple(values) for values in header["values"]),
        tuple(tables),
    )
    diagram = Diagram(tuple(header["order"]), layers, bool(header["terminal"]))
    return CompiledModel(model, diagram)


def _join(parts: list[np.ndarray]) -> np.ndarray:
    if not parts:
        return np.zeros(0, dtype=np.int32)
    return np.concatenate(parts).astype(np.int32)


class CompiledCache:
    """A folder of compiled models, one file per key.

    Parameters
    ----------
    directory
        Where the files go; :func:`default_cache_directory` when omitted.
    """

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory else default_cache_directory()

    def path(self, key: str) -> Path:
        return self.directory / f"{key}{SUFFIX}"

    def load(self, key: str) -> CompiledModel | None:
        """Return the model stored under ``key``, or ``None``."""
        path = self.path(key)
        if not path.is_file():
            return None
        try:
            return read_compiled(path, key)
        except CompiledFileError as error:
            logger.warning("compiled model ignored: %s", error)
            return None

    def store(self, key: str, compiled: CompiledModel) -> None:
        """Write ``compiled`` under ``key``; a failure is logged, not raised."""
        try:
            write_compiled(self.path(key), key, compiled)
        except OSError as error:
            logger.warning(
                "cannot write the compiled model to %s: %s", self.directory, error
            )


def load_or_compile(
    key: str,
    build: Callable[[], CompiledModel],
    cache: CompiledCache | None,
    shipped: Path | None = None,
) -> CompiledModel:
    """Return the compiled model for ``key``: shipped, cached, or built.

    ``build`` runs only when neither the shipped file nor the cache has a
    model with this key; its result is then stored in the cache.
    """
    if shipped is not None and _is_file(shipped):
        try:
            compiled = read_compiled(shipped, key)
            logger.debug("compiled model loaded from %s", shipped)
            return compiled
        except CompiledFileError as error:
            logger.info("shipped compiled model not used: %s", error)
    if cache is not None:
        compiled = cache.load(key)
        if compiled is not None:
            logger.debug("compiled model loaded from the cache")
            return compiled
    compiled = build()
    if cache is not None:
        cache.store(key, compiled)
    return compiled


def _is_file(path: Path) -> bool:
    """Return whether ``path`` is a file, false for a path that cannot exist."""
    try:
        return path.is_file()
    except OSError:
        # Such as a name longer than the file system allows.
        return False
