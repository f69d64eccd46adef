"""Check a file that the user chose to write, with plain-language errors.

:func:`check_output_file` runs before a command or a window writes, so a
path that cannot take the file is rejected before anything changes on
disk: a folder or a FIFO where the file should go, a missing folder, a
name too long, a read-only or full disk, no permission. The writers of
files that the user names call it, so the command line and the windows
reject the same paths with the same messages.

A write can still fail afterwards. An operating system error names the
call that failed, and for an atomic write that is the hidden temporary
file: ``[Errno 21] Is a directory: '.quote.pdf.s5m98k3u' -> 'quote.pdf'``.
:func:`output_path_error` checks the path the user chose instead, and
returns a translatable message that states what is wrong with it and what
to do.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from storage.messages import QT_TRANSLATE_NOOP, Message, TranslatableError, message


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

DEFAULT_PATH_MAX = 4096
"""Maximum length of a path in bytes, counting its final null byte, for a
system that gives none (Linux's ``PATH_MAX``)."""

# Messages about the path the user chose, each with the fix.
IS_FOLDER = QT_TRANSLATE_NOOP(
    "Files",
    "{path} is a folder, so no file can be saved under that name; "
    "choose a file name inside the folder",
)
BLOCKED_BY_FILE = QT_TRANSLATE_NOOP(
    "Files",
    "{path} cannot be written because {file}, a part of that path, "
    "is a file, not a folder; choose a location inside a folder",
)
MISSING_FOLDER = QT_TRANSLATE_NOOP(
    "Files",
    "{path} cannot be written because the folder {parent} does not "
    "exist; create the folder or choose an existing one",
)
NO_PERMISSION = QT_TRANSLATE_NOOP(
    "Files",
    "no permission to write {path}; choose a folder you can write "
    "to, or ask an administrator for access",
)
DISK_FULL = QT_TRANSLATE_NOOP(
    "Files",
    "{path} cannot be written because the disk is full; free some "
    "space or choose a folder on another disk",
)
DISK_READ_ONLY = QT_TRANSLATE_NOOP(
    "Files",
    "{path} cannot be written because its disk is read-only; choose "
    "a folder on another disk",
)


def check_output_file(
    path: os.PathLike[str] | str,
    *,
    name_extra: int = TEMPORARY_NAME_EXTRA,
    in_place: bool = False,
    create_folders: bool = False,
) -> Path:
    """Reject a path where a file cannot be written, before anything is written.

    Parameters
    ----------
    path
        The file the user chose. It may exist as a regular file or as a
        symbolic link to one. Anything else there is rejected: a folder, a
        FIFO, a device, a socket, or a symbolic link to one of them or to
        nothing.
    name_extra
        Characters that the writer adds to the last name of ``path`` for a
        file it writes beside it, such as a temporary name or SQLite's
        ``-journal``; 0 when it writes nothing beside ``path``.
    in_place
        True for a writer that opens an existing ``path`` and writes into
        it, so the file itself must be writable. Otherwise the writer
        renames a new file over it, and only the folder must be writable.
    create_folders
        True for a writer that creates missing folders on the way.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OutputPathError
        Naming ``path``, what is wrong with it and what to do.

    NOTE: the check reserves nothing, so something may still change the
    path before the write, and writers report a failed write with
    :func:`output_path_error`.
    """
    path = Path(path)
    try:
        _check_name_lengths(path, name_extra)
        blocking = _file_among_parents(path)
        if blocking is not None:
            raise OutputPathError(BLOCKED_BY_FILE, path=path, file=blocking)
        folder = _nearest_folder(path)
        if folder != path.parent and not create_folders:
            raise OutputPathError(MISSING_FOLDER, path=path, parent=path.parent)
        exists = check_replaceable(path)
        _check_disk(path, folder)
        new_files = not exists or not in_place or name_extra > 0
        _check_permission(
            path, folder, into_file=exists and in_place, into_folder=new_files
        )
    except OutputPathError:
        raise
    except OSError as error:
        raise output_path_error(path, error, name_extra=name_extra) from error
    return path


def check_output_name(text: str, example: str, *, folder: bool = False) -> None:
    """Reject an empty or blank name typed for an output, such as ``""``.

    ``example`` is a name that the message offers, such as
    ``"atelier.backup"``, and ``folder`` is true when the output is a
    folder to create. ``Path("")`` is the current folder, so callers check
    the text before they make a path of it.
    """
    if text.strip():
        return
    if folder:
        template = QT_TRANSLATE_NOOP(
            "Files",
            "no folder name given; type the name of the folder to create, such "
            "as {example}",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "Files",
            "no file name given; type the name of the file to write, such as {example}",
        )
    raise OutputPathError(template, path=Path(text), example=example)


def check_not_input(
    path: os.PathLike[str] | str, source: os.PathLike[str] | str
) -> None:
    """Reject an output ``path`` that is the input file ``source``.

    The two are the same file when they resolve to the same path, through
    other spellings or symbolic links, or when both exist and are one file
    (:func:`os.path.samefile`), such as two hard links.
    """
    path, source = Path(path), Path(source)
    if _same_file(path, source):
        raise OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "{path} is the same file as the input {source}, so writing it "
                "would overwrite that input; choose another output file",
            ),
            path=path,
            source=source,
        )


def check_replaceable(path: os.PathLike[str] | str) -> bool:
    """Return whether a regular file exists at ``path``, and reject anything else.

    A missing ``path`` returns false. A regular file, or a symbolic link
    to one, returns true. A folder, FIFO, device or socket, a symbolic link
    to one of them, or a symbolic link to nothing raises
    :class:`OutputPathError`.
    """
    path = Path(path)
    try:
        mode = _file_mode(path)
    except OutputPathError:
        raise
    except OSError as error:
        raise output_path_error(path, error) from error
    if mode is None:
        return False
    if stat.S_ISREG(mode):
        return True
    if stat.S_ISDIR(mode):
        raise OutputPathError(IS_FOLDER, path=path)
    raise OutputPathError(
        QT_TRANSLATE_NOOP(
            "Files",
            "{path} is {kind}, and only a regular file can be replaced; choose "
            "another file name",
        ),
        path=path,
        kind=_file_kind(path, mode),
    )


def _file_mode(path: Path) -> int | None:
    """Return the mode of the file at ``path``, following a symbolic link.

    A missing ``path`` returns ``None``, and a symbolic link to nothing
    returns 0, a mode of no file type.
    """
    try:
        path.lstat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        blocking = _file_among_parents(path)
        if blocking is None:
            raise
        raise OutputPathError(BLOCKED_BY_FILE, path=path, file=blocking) from None
    try:
        return path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return 0


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
        return OutputPathError(DISK_FULL, path=path)
    if error.errno == errno.EROFS:
        return OutputPathError(DISK_READ_ONLY, path=path)
    try:
        return _from_file_system(path, error, folder)
    except OSError:
        # The path cannot even be examined; report the write's own reason.
        return _other_reason(path, error)


def _from_file_system(path: Path, error: OSError, folder: bool) -> OutputPathError:
    if not folder and path.is_dir():
        return OutputPathError(IS_FOLDER, path=path)
    blocking = _file_among_parents(path)
    if blocking is not None:
        return OutputPathError(BLOCKED_BY_FILE, path=path, file=blocking)
    if not path.parent.is_dir():
        return OutputPathError(MISSING_FOLDER, path=path, parent=path.parent)
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return OutputPathError(NO_PERMISSION, path=path)
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


def _check_name_lengths(path: Path, name_extra: int) -> None:
    """Raise the too-long error when a name or the whole path is over the limit."""
    name_max = _name_max(path)
    last = len(path.parts) - 1
    for index, name in enumerate(path.parts):
        limit = name_max - (name_extra if index == last else 0)
        if len(os.fsencode(name)) > limit:
            raise _name_too_long(path, name_extra)
    whole = len(os.fsencode(os.path.abspath(path))) + name_extra
    if whole >= _path_max(path):
        raise _name_too_long(path, name_extra)


def _path_max(path: Path) -> int:
    """Return the longest path in bytes, with its final null, that the system takes."""
    try:
        return os.pathconf(_nearest_folder(path), "PC_PATH_MAX")
    except (OSError, ValueError, AttributeError):
        return DEFAULT_PATH_MAX


def _nearest_folder(path: Path) -> Path:
    """Return the folder nearest to ``path`` among its parents that exists."""
    for parent in path.parents:
        if parent.is_dir():
            return parent
    return Path(path.anchor or ".")


def _file_kind(path: Path, mode: int) -> Message:
    """Describe what ``path`` is, for a message, such as "a FIFO (named pipe)"."""
    if not mode:
        return message(QT_TRANSLATE_NOOP("Files", "a symbolic link to a missing file"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = message(QT_TRANSLATE_NOOP("Files", "a device"))
    elif stat.S_ISSOCK(mode):
        kind = message(QT_TRANSLATE_NOOP("Files", "a socket"))
    elif stat.S_ISFIFO(mode):
        kind = message(QT_TRANSLATE_NOOP("Files", "a FIFO (named pipe)"))
    else:
        kind = message(QT_TRANSLATE_NOOP("Files", "a special file"))
    if path.is_symlink():
        return message(
            QT_TRANSLATE_NOOP("Files", "a symbolic link to {kind}"), kind=kind
        )
    return kind


def _check_disk(path: Path, folder: Path) -> None:
    """Raise when the disk of ``folder`` is read-only or has no free space left."""
    if not hasattr(os, "statvfs"):
        return  # Windows reports both only when the write fails.
    disk = os.statvfs(folder)
    if disk.f_flag & os.ST_RDONLY:
        raise OutputPathError(DISK_READ_ONLY, path=path)
    # A file system without a size, such as /proc, reports no blocks at all.
    # NOTE: f_bavail leaves out the blocks reserved for root, so a process
    # run as root is rejected even while those reserved blocks are free.
    if disk.f_blocks and not disk.f_bavail:
        raise OutputPathError(DISK_FULL, path=path)


def _check_permission(
    path: Path, folder: Path, *, into_file: bool, into_folder: bool
) -> None:
    """Raise when this process may not write into ``path`` or add files to ``folder``.

    ``into_file`` is true for a writer that writes into the existing file,
    and ``into_folder`` for one that creates a file in ``folder``.
    """
    if into_file and not os.access(path, os.W_OK):
        raise OutputPathError(NO_PERMISSION, path=path)
    if into_folder and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(NO_PERMISSION, path=path)


def _same_file(path: Path, source: Path) -> bool:
    try:
        return os.path.samefile(path, source)
    except OSError:
        # One of them is missing, so only their resolved paths can agree.
        return path.resolve() == source.resolve()
