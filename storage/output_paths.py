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
import glob
import os
import stat
from pathlib import Path

from storage.messages import QT_TRANSLATE_NOOP, Message, TranslatableError, message
from storage.os_errors import os_error_reason


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

# Characters that end a name which names a folder, such as "backups/".
_SEPARATORS = tuple({os.sep, os.altsep or os.sep})

DEFAULT_NAME_MAX = 255
"""Maximum length of a file or folder name in bytes, for a file system that
gives none."""

DEFAULT_PATH_MAX = 4096
"""Maximum length of a path in bytes, counting its final null byte, for a
system that gives none (Linux's ``PATH_MAX``)."""

# SQLite writes these files beside a database, named after it.
SQLITE_SIDE_SUFFIXES = ("-journal", "-wal", "-shm")

# rotate-key keeps a retired key as NAME.retired-ID beside the key file
# (storage.crypto.retired_key_path).
RETIRED_KEY_INFIX = ".retired-"

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
STORE_FILE = QT_TRANSLATE_NOOP(
    "Files",
    "{path} is {what}, and writing over it would lose the store's data; "
    "choose another file",
)
DATABASE = QT_TRANSLATE_NOOP("Files", "the database in use")
DATABASE_SIDE_FILE = QT_TRANSLATE_NOOP(
    "Files", "a file that SQLite keeps beside the database in use"
)
KEY_FILE = QT_TRANSLATE_NOOP(
    "Files", "the key file in use, which decrypts customers' personal data"
)
RETIRED_KEY = QT_TRANSLATE_NOOP(
    "Files", "a retired key file, which older backups need to be read"
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
    the text before they make a path of it. A file's name that ends with a
    slash is rejected too, because ``Path("new.db/")`` drops the slash and
    would name the file ``new.db``.
    """
    if text.strip():
        if not folder and text.endswith(_SEPARATORS):
            raise OutputPathError(
                QT_TRANSLATE_NOOP(
                    "Files",
                    "{path} ends with a slash, which names a folder; type the "
                    "name of the file to write without the slash, such as {example}",
                ),
                path=text,
                example=example,
            )
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
    if same_file(path, source):
        raise OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "{path} is the same file as the input {source}, so writing it "
                "would overwrite that input; choose another output file",
            ),
            path=path,
            source=source,
        )


def check_not_store_file(
    path: os.PathLike[str] | str, database_url: object | None = None
) -> None:
    """Reject an output ``path`` that is one of the store's own files.

    These are the SQLite file of ``database_url`` with its ``-journal``,
    ``-wal`` and ``-shm`` side files, the key file
    (:func:`storage.crypto.key_file_path`) and the copies of retired keys
    that ``rotate-key`` keeps beside it as ``NAME.retired-ID``. Writing
    over any of them destroys the store's data or the key that opens it.
    Files are compared as in :func:`check_not_input`, so another spelling,
    a symbolic link or a hard link to a store file is rejected too.

    ``database_url`` is the URL of the database in use, a string or a
    SQLAlchemy URL; ``None`` stands for the default database,
    :func:`storage.db.default_database_path`. A PostgreSQL database has no
    file here, so only the key files are compared.
    """
    path = Path(path)
    for store_file, what in _store_files(database_url):
        if same_file(path, store_file):
            raise OutputPathError(STORE_FILE, path=path, what=what)
    key = _key_file()
    if _is_retired_key_name(path, key):
        raise OutputPathError(STORE_FILE, path=path, what=message(RETIRED_KEY))


def _store_files(database_url: object | None) -> list[tuple[Path, Message]]:
    """List the store's files that exist or may appear, each with its description.

    Retired keys are listed as they exist, and :func:`_is_retired_key_name`
    covers those that ``rotate-key`` has yet to write.
    """
    files = []
    database = _sqlite_file(database_url)
    if database is not None:
        files.append((database, message(DATABASE)))
        # SQLite keeps its side files beside the file a link points to, so
        # both places count when the database is named through a link.
        for place in dict.fromkeys((database, Path(os.path.realpath(database)))):
            for suffix in SQLITE_SIDE_SUFFIXES:
                side = place.with_name(place.name + suffix)
                files.append((side, message(DATABASE_SIDE_FILE)))
    key = _key_file()
    files.append((key, message(KEY_FILE)))
    for retired in key.parent.glob(glob.escape(key.name) + RETIRED_KEY_INFIX + "*"):
        files.append((retired, message(RETIRED_KEY)))
    return files


def _sqlite_file(database_url: object | None) -> Path | None:
    """Return the SQLite file of ``database_url``, or ``None`` when it has none."""
    from sqlalchemy.exc import ArgumentError

    from storage.db import database_url as parse_url
    from storage.db import default_database_path

    if database_url is None:
        return default_database_path()
    try:
        parsed = parse_url(database_url)
    except ArgumentError:
        return None  # Opening the database reports the invalid URL.
    if parsed.get_backend_name() != "sqlite":
        return None
    if parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def _key_file() -> Path:
    # Imported here, because storage.crypto imports this module's callers.
    from storage.crypto import key_file_path

    return key_file_path()


def _is_retired_key_name(path: Path, key: Path) -> bool:
    """Return whether ``path`` is named as a retired copy of ``key`` beside it."""
    if not path.name.startswith(key.name + RETIRED_KEY_INFIX):
        return False
    try:
        return path.parent.resolve() == key.parent.resolve()
    except OSError:
        return False


def check_package_folder(path: os.PathLike[str] | str) -> Path:
    """Reject a production package's folder, or its zip, that cannot be written.

    A package goes into the folder ``path``, which may exist, and into the
    file ``NAME.zip`` beside it, which may exist as a regular file. The
    name must be a folder's own name, so ``.`` and ``..`` are rejected: the
    zip would have no name of its own.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OutputPathError
        Naming the folder or the zip, what is there and what to do.
    """
    path = Path(path)
    if path.name in ("", ".."):
        raise OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "{path} has no name of its own for the package folder and its "
                "zip file; give the package folder a name, such as {example}",
            ),
            path=path,
            example=Path(path, "package"),
        )
    mode = _checked_mode(path, folder=True)
    if mode is not None and not stat.S_ISDIR(mode):
        raise OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "{path} is {kind}, not a folder, so the package cannot be written "
                "there; choose another folder name",
            ),
            path=path,
            kind=_file_kind(path, mode),
        )
    archive = path.with_name(f"{path.name}.zip")
    archive_mode = _checked_mode(archive)
    if archive_mode is not None and not stat.S_ISREG(archive_mode):
        raise OutputPathError(
            QT_TRANSLATE_NOOP(
                "Files",
                "the package's zip file goes to {path}, which is {kind}; choose "
                "another package folder name, or move {path} away",
            ),
            path=archive,
            kind=describe_existing(archive),
        )
    return path


def check_replaceable(path: os.PathLike[str] | str) -> bool:
    """Return whether a regular file exists at ``path``, and reject anything else.

    A missing ``path`` returns false. A regular file, or a symbolic link
    to one, returns true. A folder, FIFO, device or socket, a symbolic link
    to one of them, or a symbolic link to nothing raises
    :class:`OutputPathError`.
    """
    path = Path(path)
    mode = _checked_mode(path)
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


def describe_existing(path: os.PathLike[str] | str) -> Message | None:
    """Describe what exists at ``path``, such as "a folder", for a message.

    Returns ``None`` when nothing exists there, including a path under a
    folder that is missing or is a file.
    """
    path = Path(path)
    try:
        mode = _file_mode(path)
    except OSError:
        return None
    if mode is None:
        return None
    if stat.S_ISDIR(mode):
        return message(QT_TRANSLATE_NOOP("Files", "a folder"))
    return _file_kind(path, mode)


def _checked_mode(path: Path, *, folder: bool = False) -> int | None:
    """Return :func:`_file_mode` of ``path``, with an error that names ``path``."""
    try:
        return _file_mode(path)
    except OutputPathError:
        raise
    except OSError as error:
        raise output_path_error(path, error, folder=folder) from error


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
        reason=os_error_reason(error),
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
    if stat.S_ISREG(mode):
        kind = message(QT_TRANSLATE_NOOP("Files", "a file"))
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
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


def same_file(path: os.PathLike[str] | str, source: os.PathLike[str] | str) -> bool:
    """Return whether ``path`` and ``source`` are one file, as
    :func:`check_not_input` compares them."""
    path, source = Path(path), Path(source)
    try:
        return os.path.samefile(path, source)
    except OSError:
        # One of them is missing, so only their resolved paths can agree.
        return path.resolve() == source.resolve()
