"""Write files so that a crash leaves either the old file or the whole new one.

Each file is written under a hidden temporary name in the same folder and
synced to disk. It is then renamed over the final name, which replaces the
file atomically on POSIX and Windows file systems. Last, the folder is
synced so that the rename itself survives a power cut. A process killed
part way leaves at most a hidden ``.NAME.*.tmp`` temporary file beside the
untouched original.

NOTE: nothing deletes temporary files that killed processes left behind;
they are hidden, never read, and safe to delete when no export is running.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from storage.filesystems import fsync_directory
from storage.output_paths import output_path_error

logger = logging.getLogger(__name__)


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` atomically and durably; return ``path``."""
    return write_files_atomic({path: data})[0]


def write_files_atomic(contents: Mapping[Path, bytes]) -> list[Path]:
    """Write several files, staging all of them before renaming any.

    Every file is complete on disk before the first rename, so a failure
    while writing leaves all the old files. A crash between the renames,
    a window of a few system calls, can leave some files new and some old,
    each one whole.

    Parameters
    ----------
    contents
        The bytes of each file, by path. Folders must exist.

    Returns
    -------
    list of Path
        The paths, in the order of ``contents``.
    """
    staged: dict[Path, Path] = {}
    try:
        for path, data in contents.items():
            staged[path] = _stage(path, data)
        for path, temporary in staged.items():
            os.replace(temporary, path)
    except BaseException:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        raise
    for folder in {path.parent for path in contents}:
        fsync_directory(folder)
    return list(contents)


def staging_folder(target: Path) -> Path:
    """Create an empty hidden folder beside ``target`` to build its new contents in.

    The folder is named ``.TARGET.*.tmp`` in ``target``'s parent, which is
    created if missing. Being on the same file system, anything built in it
    can be renamed onto ``target`` atomically.

    Raises
    ------
    storage.output_paths.OutputPathError
        If the folder cannot be created, naming ``target`` and what is wrong.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        name = tempfile.mkdtemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise output_path_error(target, error, folder=True) from error
    return Path(name)


def write_synced(path: Path, data: bytes) -> Path:
    """Create or truncate ``path``, write ``data`` and sync it to disk."""
    with path.open("wb") as stream:
        _write_and_sync(stream, data)
    return path


def _stage(path: Path, data: bytes) -> Path:
    handle, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            _write_and_sync(stream, data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _write_and_sync(stream, data: bytes) -> None:
    stream.write(data)
    stream.flush()
    os.fsync(stream.fileno())
