"""Consistent online backups of the database, and restoring them.

SQLite: :func:`backup_database` copies the file with SQLite's online backup
API in one step, which reads one snapshot while other kiosks keep writing
(WAL mode lets readers and a writer run together). The copy is written to
a temporary file, switched to a single-file journal mode, checked with
``PRAGMA integrity_check``, synced and renamed into place.
:func:`restore_database` checks the backup the same way. It then copies
the backup into the live file with the same API, under the write lock.
Kiosks that have the file open therefore read the restored data, where a
file replaced under them would leave them on the old one.

PostgreSQL: ``pg_dump --format=custom`` writes the backup, which is itself
one snapshot. Restoring reads the whole archive with ``pg_restore`` first,
then drops and recreates the ``public`` schema and loads the archive with
``psql`` in one transaction, so a failed restore leaves the database as it
was. Both tools must be on ``PATH``, of the server's major version or newer.

After a restore the database is migrated to the newest revision, so an
older backup works with this version of Atelier.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import URL

from storage.crypto import (
    ENCRYPTED_SAMPLE_QUERIES,
    KeyFileError,
    check_key_file_path,
    check_key_of,
)
from storage.db import (
    BUSY_TIMEOUT_MS,
    create_database_engine,
    database_url,
    open_database,
)
from storage.filesystems import fsync_directory
from storage.messages import QT_TRANSLATE_NOOP, TranslatableError
from storage.migrate import alembic_config
from storage.output_paths import (
    OutputPathError,
    check_not_store_file,
    check_output_file,
    check_replaceable,
    describe_existing,
    output_path_error,
    same_file,
)

logger = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
# pg_dump's custom format starts with these bytes.
PG_DUMP_HEADER = b"PGDMP"
# SQLite writes a rollback journal beside the database, named after it.
SQLITE_JOURNAL_SUFFIX = "-journal"

# Seconds that pg_dump, pg_restore or psql may run before the backup or
# restore fails. Generous, because a store's database may be large.
TOOL_TIMEOUT_S = 3600


class BackupError(ValueError):
    """A backup or restore that cannot run, or a backup file that is unusable."""


class BackupSourceError(TranslatableError, BackupError):
    """A backup file to restore that is missing, not a file, or the database."""


def backup_database(url: str, target: Path | str, *, overwrite: bool = False) -> Path:
    """Write a consistent copy of the database at ``url`` to ``target``.

    Parameters
    ----------
    url
        The database URL, SQLite or PostgreSQL.
    target
        The backup file to create. Its folder must exist.
    overwrite
        Replace ``target`` if it exists as a regular file.

    Returns
    -------
    Path
        ``target``.

    Raises
    ------
    BackupError
        If ``target`` exists and ``overwrite`` is false. Also if the
        database is missing, the copy fails its integrity check, or
        ``pg_dump`` is missing or fails.
    storage.output_paths.OutputPathError
        If ``target`` cannot be written, naming ``target`` and what is
        wrong: it exists as anything but a regular file (a folder, device,
        socket, FIFO or a symbolic link to one), its folder is missing, its
        name is too long for the file system, or it is one of the store's
        own files (:func:`storage.output_paths.check_not_store_file`).
    """
    target = Path(target)
    check_output_file(target)
    check_not_store_file(target, url)
    _check_target(target, overwrite)

    parsed = database_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        _backup_sqlite(_sqlite_path(parsed), target, overwrite)
    elif backend == "postgresql":
        _backup_postgresql(parsed, target, overwrite)
    else:
        raise BackupError(_unsupported(parsed))
    logger.info("Backed up %s to %s", parsed.render_as_string(), target)
    return target


def restore_database(url: str, source: Path | str, *, overwrite: bool = False) -> str:
    """Replace the database at ``url`` with the backup in ``source``.

    Parameters
    ----------
    url
        The database URL, SQLite or PostgreSQL. A missing SQLite file is
        created.
    source
        A file that :func:`backup_database` wrote for the same backend.
    overwrite
        Replace a database that already contains tables. Without it such a
        database is left as it is.

    Returns
    -------
    str
        The revision that the backup was at. The database is migrated from
        there to the newest revision.

    Raises
    ------
    BackupError
        If ``source`` is missing, not a regular file, the SQLite database
        itself, damaged, from a newer version of Atelier or for the other
        backend, if the database contains data and
        ``overwrite`` is false, or if a PostgreSQL tool is missing or fails.
    storage.output_paths.OutputPathError
        If the SQLite file or a new key file cannot be written there (see
        :func:`check_restore_targets`).
    """
    source = Path(source)
    _check_source(source)
    check_restore_targets(url)
    parsed = database_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = _sqlite_path(parsed)
        if same_file(source, database):
            raise BackupSourceError(
                QT_TRANSLATE_NOOP(
                    "Files",
                    "Backup file {source} is the database {database} itself, "
                    "which a restore would replace; choose a file that "
                    "'main.py backup' wrote",
                ),
                source=source,
                database=database,
            )
        revision = _restore_sqlite(database, source, overwrite)
    elif backend == "postgresql":
        revision = _restore_postgresql(parsed, source, overwrite)
    else:
        raise BackupError(_unsupported(parsed))

    open_database(url).dispose()
    logger.info(
        "Restored %s from %s at revision %s",
        parsed.render_as_string(),
        source,
        revision,
    )
    return revision


def _check_source(source: Path) -> None:
    """Raise unless ``source`` is an existing regular file, naming what it is."""
    if source.is_file():
        return
    kind = describe_existing(source)
    if kind is None:
        raise BackupSourceError(
            QT_TRANSLATE_NOOP(
                "Files", "Backup file {source} not found; check the path"
            ),
            source=source,
        )
    raise BackupSourceError(
        QT_TRANSLATE_NOOP(
            "Files",
            "Backup file {source} is {kind}, not a backup file; give the path "
            "of a file that 'main.py backup' wrote",
        ),
        source=source,
        kind=kind,
    )


def check_restore_targets(url: str) -> None:
    """Check the files that a restore into ``url`` writes, before it changes any.

    These are the SQLite file with its journal beside it, written in place,
    and the key file, which is created with its folders when missing.

    Raises
    ------
    storage.output_paths.OutputPathError
        Naming the file and what is wrong with its path.
    """
    parsed = database_url(url)
    if parsed.get_backend_name() == "sqlite":
        check_output_file(
            _sqlite_path(parsed),
            name_extra=len(SQLITE_JOURNAL_SUFFIX),
            in_place=True,
        )
    check_key_file_path()


ARCHIVE_STARTS = {
    b"\x1f\x8b": "it is gzip-compressed; decompress it first",
    b"PK\x03\x04": "it is a zip archive; extract the backup from it first",
    b"BZh": "it is bzip2-compressed; decompress it first",
    b"\xfd7zXZ\x00": "it is xz-compressed; decompress it first",
}
"""Opening bytes of compressed files, with what to do when one is given as a
backup."""


def _opening(header: bytes) -> str:
    """Describe how a file that is not a backup starts, for its error message."""
    if not header:
        return "it is empty"
    for start, description in ARCHIVE_STARTS.items():
        if header.startswith(start):
            return description
    start = header[:8]
    if start.isascii() and start.decode("ascii").isprintable():
        return f"it starts with the text {start.decode('ascii')!r}"
    return f"it starts with the bytes {start.hex(' ')}"


def check_sqlite_backup(source: Path) -> str:
    """Check that ``source`` is an intact Atelier SQLite database.

    Returns
    -------
    str
        Its Alembic revision.

    Raises
    ------
    BackupError
        If it is not a SQLite file, fails ``PRAGMA integrity_check``, has no
        Alembic revision, or has one that this version does not know.
    """
    with source.open("rb") as stream:
        header = stream.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise BackupError(
            f"Backup file {source} is not a SQLite database ({_opening(header)}): "
            "choose a file that 'main.py backup' wrote"
        )
    uri = f"{source.resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(
                    f"Backup file {source} is damaged, PRAGMA integrity_check "
                    f"reports: {'; '.join(problems[:5])}. Use another backup"
                )
            tables = {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            }
            if "alembic_version" not in tables:
                raise BackupError(
                    f"Backup file {source} is a SQLite database but not one of "
                    "Atelier's (it has no schema revision table): choose a file "
                    "that 'main.py backup' wrote"
                )
            revision = connection.execute(
                "SELECT version_num FROM alembic_version"
            ).fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"Backup file {source} cannot be read as an Atelier database "
            f"({error}): use another backup"
        ) from error
    if revision is None:
        raise BackupError(f"Backup file {source} has no schema revision: use another")
    return _known_revision(source, revision[0])


def _backup_sqlite(database: Path, target: Path, overwrite: bool) -> None:
    if not database.is_file():
        raise BackupError(f"Database {database} not found: check --database")
    with _staged(target, overwrite) as temporary:
        timeout = BUSY_TIMEOUT_MS / 1000
        with (
            closing(sqlite3.connect(database, timeout=timeout)) as live,
            closing(sqlite3.connect(temporary)) as copy,
        ):
            # One step (pages=-1) copies a single snapshot of the database.
            live.backup(copy, pages=-1)
            # A single file without a -wal beside it is easier to move.
            copy.execute("PRAGMA journal_mode=DELETE")
        check_sqlite_backup(temporary)


def _restore_sqlite(database: Path, source: Path, overwrite: bool) -> str:
    revision = check_sqlite_backup(source)
    if _sqlite_has_tables(database) and not overwrite:
        raise BackupError(
            f"Database {database} already contains data, and restoring would "
            "replace all of it: pass --force to replace it"
        )
    uri = f"{source.resolve().as_uri()}?mode=ro"
    _check_backup_key(uri, source)
    timeout = BUSY_TIMEOUT_MS / 1000
    with (
        closing(sqlite3.connect(uri, uri=True)) as backup,
        closing(sqlite3.connect(database, timeout=timeout)) as live,
    ):
        backup.backup(live, pages=-1)
    return revision


def _check_backup_key(uri: str, source: Path) -> None:
    """Reject a backup whose encrypted values the key file cannot open.

    A backup taken before ``rotate-key`` needs the key file of its day.
    Restored with the current one, it would replace readable data with data
    that nothing opens.
    """
    with closing(sqlite3.connect(uri, uri=True)) as backup:
        for query in ENCRYPTED_SAMPLE_QUERIES:
            try:
                row = backup.execute(query).fetchone()
            except sqlite3.OperationalError:
                row = None  # A backup from before this table existed.
            try:
                check_key_of(row[0] if row else None, f"backup {source}")
            except KeyFileError as error:
                message = f"{error}; the database was left as it was"
                raise BackupError(message) from None


def _sqlite_has_tables(database: Path) -> bool:
    if not database.exists():
        return False
    uri = f"{database.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        query = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
        return connection.execute(query).fetchone()[0] > 0


def _backup_postgresql(url: URL, target: Path, overwrite: bool) -> None:
    with _staged(target, overwrite) as temporary:
        _run_tool(
            url,
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"],
            ["--file", str(temporary)],
        )


@contextmanager
def _staged(target: Path, overwrite: bool) -> Iterator[Path]:
    """Yield a temporary path beside ``target``, renamed to it on success.

    The file is synced before the rename and the folder after it, so a
    crash or power cut leaves either the old ``target`` or the whole new
    one. On failure the temporary file is deleted.
    """
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise output_path_error(target, error) from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        # Check again, because a backup can take minutes and something else
        # may have been created under the name in the meantime.
        _check_target(target, overwrite)
        os.replace(temporary, target)
        fsync_directory(target.parent)
    except OutputPathError:
        temporary.unlink(missing_ok=True)
        raise
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise output_path_error(target, error) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _check_target(target: Path, overwrite: bool) -> None:
    """Raise unless a backup may be written to ``target``.

    A missing ``target`` may be written, and an existing regular file only
    with ``overwrite``. Anything else that exists is never replaced (see
    :func:`storage.output_paths.check_replaceable`). A symbolic link to a
    regular file is replaced by the backup itself, and the file it points
    to is left as it is.
    """
    if check_replaceable(target) and not overwrite:
        raise BackupError(
            f"Backup file {target} already exists: choose another name, or pass "
            "--force to replace it"
        )


def _restore_postgresql(url: URL, source: Path, overwrite: bool) -> str:
    with source.open("rb") as stream:
        if stream.read(len(PG_DUMP_HEADER)) != PG_DUMP_HEADER:
            raise BackupError(
                f"Backup file {source} is not a pg_dump archive: choose a file "
                "that 'main.py backup' wrote from a PostgreSQL database"
            )
    _tool("pg_restore")
    try:
        archived = _archived_revision(source)
        # Reading the whole archive finds a truncated or damaged file before
        # anything in the database changes.
        _run_tool(None, ["pg_restore", "--file", os.devnull, str(source)], [])
    except BackupError as error:
        raise BackupError(
            f"Backup file {source} is damaged or incomplete ({error}): use "
            "another backup"
        ) from error
    revision = _known_revision(source, archived)

    if _postgresql_has_tables(url) and not overwrite:
        raise BackupError(
            f"Database {url.render_as_string()} already contains data, and "
            "restoring would replace all of it: pass --force to replace it"
        )
    restore = _tool("pg_restore")
    load = [
        _tool("psql"),
        "--no-psqlrc",
        "--quiet",
        "--single-transaction",
        "--set=ON_ERROR_STOP=1",
        "--command=DROP SCHEMA public CASCADE",
        "--command=CREATE SCHEMA public",
        "--file=-",
    ]
    with subprocess.Popen(
        [restore, "--no-owner", "--no-privileges", "--file=-", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as reader:
        loaded = subprocess.run(
            [*load, "--dbname", _conninfo(url)],
            stdin=reader.stdout,
            capture_output=True,
            text=True,
            env=_tool_environment(url),
            timeout=TOOL_TIMEOUT_S,
        )
        reader.stdout.close()
        read_errors = reader.stderr.read().decode(errors="replace")
    if reader.returncode != 0 or loaded.returncode != 0:
        raise BackupError(
            f"Restoring {source} into {url.render_as_string()} failed and was "
            f"rolled back: {(read_errors + loaded.stderr).strip()[:2000]}"
        )
    return revision


def _archived_revision(source: Path) -> str:
    listing = _run_tool(
        None,
        ["pg_restore", "--data-only", "--table=alembic_version", "--file=-"],
        [str(source)],
    )
    lines = listing.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line:
            if number + 1 < len(lines) and lines[number + 1] != "\\.":
                return lines[number + 1].strip()
    raise BackupError(f"Backup file {source} has no schema revision: use another")


def _postgresql_has_tables(url: URL) -> bool:
    engine = create_database_engine(url)
    try:
        with engine.connect() as connection:
            query = text(
                "SELECT COUNT(*) FROM information_schema.tables "
                "WHERE table_schema = 'public'"
            )
            return connection.scalar(query) > 0
    finally:
        engine.dispose()


def _run_tool(url: URL | None, command: list[str], arguments: list[str]) -> str:
    program = _tool(command[0])
    full = [program, *command[1:], *arguments]
    if url is not None:
        full += ["--dbname", _conninfo(url)]
    try:
        finished = subprocess.run(
            full,
            capture_output=True,
            text=True,
            env=_tool_environment(url),
            timeout=TOOL_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as error:
        raise BackupError(
            f"{command[0]} timed out after {TOOL_TIMEOUT_S} s: check the server"
        ) from error
    if finished.returncode != 0:
        raise BackupError(
            f"{command[0]} failed with exit code {finished.returncode}: "
            f"{finished.stderr.strip()[:2000]}"
        )
    return finished.stdout


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} not found on PATH, and PostgreSQL backups need it: install "
            "the PostgreSQL client tools of the server's version or newer "
            "(Debian: apt-get install postgresql-client)"
        )
    return path


def _conninfo(url: URL) -> str:
    # libpq reads a URI without SQLAlchemy's driver name, and the password
    # travels in PGPASSWORD so that it never shows in the process list.
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False)


def _tool_environment(url: URL | None) -> dict[str, str]:
    environment = dict(os.environ)
    if url is not None and url.password:
        environment["PGPASSWORD"] = str(url.password)
    return environment


def _known_revision(source: Path, revision: str) -> str:
    script = ScriptDirectory.from_config(alembic_config())
    known = {item.revision for item in script.walk_revisions()}
    if revision not in known:
        raise BackupError(
            f"Backup file {source} is at schema revision {revision!r}, which this "
            f"version of Atelier does not know: restore it with a newer version"
        )
    return revision


def _sqlite_path(url: URL) -> Path:
    if url.database in (None, "", ":memory:"):
        raise BackupError(
            f"Database {url.render_as_string()} is in memory and has no file to "
            "back up or restore: pass a file URL such as sqlite:///atelier.db"
        )
    return Path(url.database).expanduser()


def _unsupported(url: URL) -> str:
    return (
        f"Backups of {url.get_backend_name()} databases are not supported "
        f"({url.render_as_string()}): use SQLite or PostgreSQL"
    )


def _fsync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())
