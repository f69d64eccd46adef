"""Plain-language errors for a file or folder that cannot be written.

An operating system error names the call that failed, and for an atomic
write that is the hidden temporary file: ``[Errno 21] Is a directory:
'.quote.pdf.s5m98k3u' -> 'quote.pdf'``. :func:`output_path_error` checks
the path the user chose instead, and returns a translatable message that
states what is wrong with it and what to do.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from storage.messages import QT_TRANSLATE_NOOP, TranslatableError


class OutputPathError(TranslatableError, OSError):
    """A chosen output path that cannot be written, with the reason and the fix.

    ``path`` is the path the user chose. The error is an ``OSError``, so
    callers that catch ``OSError`` still catch it.
    """

    def __init__(self, template: str, /, *, path: Path, **values: object) -> None:
        super().__init__(template, path=path, **values)
        self.path = path


TEMPORARY_NAME_EXTRA = 14
"""Characters that a write's temporary name adds to the chosen name.

Files and folders are written under ``.NAME.XXXXXXXX.tmp`` beside the
chosen name and then renamed, so that name must fit the file system's
limit too."""

NAME_EXCERPT = 40
"""Characters of a too long name that a message quotes before "…"."""

DEFAULT_NAME_MAX = 255
"""Maximum length of a file or folder name in bytes, for a file system that
gives none."""


def output_path_error(
    path: os.PathLike[str] | str,
    error: OSError,
    *,
    folder: bool = False,
    name_extra: int = TEMPORARY_NAME_EXTRA,
) -> OutputPathError:
    """Describe why ``path`` could not be written, from the file system's state.

    ``folder`` is true when ``path`` is meant to be a folder, such as a
    production package's, so an existing folder there is no problem.
    ``error`` supplies the reason when the path itself looks writable, such
    as a full disk; its file name, often a temporary one, is left out.
    ``name_extra`` is how many characters the writer's temporary name adds
    to the last name of ``path``: 0 for a writer that writes in place.
    """
    path = Path(path)
    if error.errno == errno.ENAMETOOLONG:
        return _name_too_long(path, name_extra)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "{path} cannot be written because the disk is full; free some "
                "space or choose a folder on another disk",
            ),
            path=path,
        )
    if error.errno == errno.EROFS:
        return OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "{path} cannot be written because its disk is read-only; choose "
                "a folder on another disk",
            ),
            path=path,
        )
    try:
        return _from_file_system(path, error, folder)
    except OSError:
        # The path cannot even be examined; report the write's own reason.
        return _other_reason(path, error)


def _from_file_system(path: Path, error: OSError, folder: bool) -> OutputPathError:
    if not folder and path.is_dir():
        return OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "{path} is a folder, so no file can be saved under that name; "
                "choose a file name inside the folder",
            ),
            path=path,
        )
    blocking = _file_among_parents(path)
    if blocking is not None:
        return OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "{path} cannot be written because {file}, a part of that path, "
                "is a file, not a folder; choose a location inside a folder",
            ),
            path=path,
            file=blocking,
        )
    if not path.parent.is_dir():
        return OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "{path} cannot be written because the folder {parent} does not "
                "exist; create the folder or choose an existing one",
            ),
            path=path,
            parent=path.parent,
        )
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "no permission to write {path}; choose a folder you can write "
                "to, or ask an administrator for access",
            ),
            path=path,
        )
    return _other_reason(path, error)


def _other_reason(path: Path, error: OSError) -> OutputPathError:
    return OutputPathError(
        QT_TRANSLATE_NOOP(
            "Files",
            "{path} cannot be written: {reason}; check the disk and the folder, "
            "then try again",
        ),
        path=path,
        reason=error.strerror or str(error),
    )


def _name_too_long(path: Path, name_extra: int) -> OutputPathError:
    """Name the first part of ``path`` that is too long and how much of it fits.

    Folders on the way are created under their own names, and the last
    name also carries the writer's temporary ``name_extra`` characters.
    The file system counts bytes. A Chinese character takes three, so the
    message counts how many of the name's own characters fit.
    """
    name_max = _name_max(path)
    last = len(path.parts) - 1
    for index, name in enumerate(path.parts):
        limit = name_max - (name_extra if index == last else 0)
        encoded = os.fsencode(name)
        if len(encoded) > limit:
            break
    else:
        # Every name fits, so the whole path is over the system's limit.
        return OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "the path {start} is {length} characters long, too long for this "
                "disk; choose a folder nearer the top of the disk or shorter names",
            ),
            path=path,
            start=repr(_excerpt(str(path))),
            length=len(str(path)),
        )
    fits = len(encoded[:limit].decode("utf-8", errors="ignore"))
    return OutputPathError(
        QT_TRANSLATE_NOOP(
            "Files",
            "the name {name} is {length} characters long, too long for this "
            "disk; shorten it to at most {limit} characters",
        ),
        path=path,
        name=repr(_excerpt(name)),
        length=len(name),
        limit=fits,
    )


def _excerpt(text: str) -> str:
    """Return ``text``, or its start and "…" when it is longer than a message quotes."""
    return text if len(text) <= NAME_EXCERPT else text[:NAME_EXCERPT] + "…"


def _name_max(path: Path) -> int:
    """Return the longest name in bytes that the file system under ``path`` takes."""
    for folder in path.parents:
        try:
            if folder.is_dir():
                return os.pathconf(folder, "PC_NAME_MAX")
        except (OSError, ValueError):
            continue
    return DEFAULT_NAME_MAX


def _file_among_parents(path: Path) -> Path | None:
    """Return the first of ``path``'s parent folders that exists as a file, if any."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
        if not parent.exists():
            return None
    return None
