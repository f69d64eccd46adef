"""Online backups taken while other processes write, and restoring them."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from storage import repositories as repo
from storage.backup import BackupError, backup_database, restore_database
from storage.db import open_database
from storage.output_paths import OutputPathError
from storage.schema import Customer, Event, Product
from tests.storage.workers import write_events_until

BACKUP_WRITERS = 2


def add_shop(db) -> None:
    with db.session() as session:
        session.add(Customer(id="c1", display_name="Ana", created_at=datetime.now()))
        session.add(Product(id="p1", name="Band", category="ring"))
        session.flush()
        repo.record_event(session, "c1", "p1", "purchase", reference="INV-1")


def customer_ids(url: str) -> list[str]:
    database = open_database(url)
    with database.session(readonly=True) as session:
        ids = [customer.id for customer in repo.list_customers(session)]
    database.dispose()
    return ids


@pytest.fixture
def other_url(new_database_url) -> str:
    """A second, empty database of the same backend, to restore into."""
    return new_database_url("restored.db")


def test_backup_while_writing_is_consistent(db, database_url, other_url, tmp_path):
    add_shop(db)
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    writers = [
        context.Process(target=write_events_until, args=(database_url, number, stop))
        for number in range(BACKUP_WRITERS)
    ]
    for process in writers:
        process.start()
    # Wait until the writers are busy before taking the backup.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with db.session(readonly=True) as session:
            if repo.count_rows(session, Event) > 50:
                break
        time.sleep(0.05)
    backup = tmp_path / "atelier.backup"

    backup_database(database_url, backup)
    stop.set()
    for process in writers:
        process.join(60)

    restore_database(other_url, backup)
    copy = open_database(other_url)
    with copy.session(readonly=True) as session:
        events = repo.count_rows(session, Event)
        revision = repo.events_revision(session)
    copy.dispose()
    with db.session(readonly=True) as session:
        events_after = repo.count_rows(session, Event)
    assert [process.exitcode for process in writers] == [0] * BACKUP_WRITERS
    # Each event and its revision bump commit together, so a consistent
    # snapshot has exactly one bump per event (the shop's event included).
    assert events > 50
    assert revision == events
    assert events_after > events


def test_restore_brings_back_data(db, database_url: str, tmp_path: Path):
    add_shop(db)
    backup = backup_database(database_url, tmp_path / "atelier.backup")
    with db.session() as session:
        session.add(Customer(id="c2", display_name="Bo", created_at=datetime.now()))
    db.dispose()

    revision = restore_database(database_url, backup, overwrite=True)

    assert revision
    assert customer_ids(database_url) == ["c1"]


def test_restore_needs_force(db, database_url: str, tmp_path: Path):
    add_shop(db)
    backup = backup_database(database_url, tmp_path / "atelier.backup")
    with db.session() as session:
        session.add(Customer(id="c2", display_name="Bo", created_at=datetime.now()))

    with pytest.raises(BackupError, match="already contains data.*--force"):
        restore_database(database_url, backup)

    assert customer_ids(database_url) == ["c1", "c2"]


def test_backup_keeps_existing_file(db, database_url: str, tmp_path: Path):
    backup = tmp_path / "atelier.backup"
    backup.write_bytes(b"older backup")

    with pytest.raises(BackupError, match="already exists.*--force"):
        backup_database(database_url, backup)

    assert backup.read_bytes() == b"older backup"


def test_backup_replaces_only_regular_files(db, database_url, tmp_path: Path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "link-to-pipe"
    link.symlink_to(pipe)
    broken = tmp_path / "broken-link"
    broken.symlink_to(tmp_path / "missing")
    cases = [
        (pipe, "a FIFO (named pipe), and only a regular file can be replaced"),
        (folder, "a folder, so no file can be saved under that name"),
        (link, "a symbolic link to a FIFO (named pipe), and only a regular"),
        (broken, "a symbolic link to a missing file, and only a regular"),
    ]

    for target, kind in cases:
        with pytest.raises(OutputPathError) as raised:
            backup_database(database_url, target, overwrite=True)
        assert str(raised.value).startswith(f"{target} is {kind}")

    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert folder.is_dir()
    assert list(folder.iterdir()) == []
    assert link.readlink() == pipe
    assert broken.is_symlink()
    assert [path.name for path in tmp_path.glob(".*")] == []


def test_backup_keeps_device_node(db, database_url, tmp_path: Path):
    # A node like /dev/full, made in the test's folder so that a failure
    # replaces nothing outside it. Making a device node needs root, which
    # the test machine and CI have; elsewhere the node is a FIFO instead.
    device = tmp_path / "full"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        kind = "a device"
    except PermissionError:
        os.mkfifo(device)
        kind = "a FIFO (named pipe)"

    with pytest.raises(OutputPathError) as raised:
        backup_database(database_url, device, overwrite=True)

    assert str(raised.value).startswith(f"{device} is {kind}")
    mode = device.lstat().st_mode
    assert stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def test_backup_replaces_regular_file_with_force(db, database_url, tmp_path: Path):
    add_shop(db)
    backup = tmp_path / "atelier.backup"
    backup.write_bytes(b"older backup")

    backup_database(database_url, backup, overwrite=True)

    assert backup.read_bytes() != b"older backup"
    assert [path.name for path in tmp_path.glob(".*")] == []


@pytest.mark.parametrize("length", [250, 300])
def test_backup_name_too_long(db, database_url, tmp_path: Path, length: int):
    target = tmp_path / ("b" * length)

    with pytest.raises(OutputPathError) as raised:
        backup_database(database_url, target)

    message = str(raised.value)
    assert f"is {length} characters long, too long for this disk" in message
    assert "shorten it to at most" in message
    assert "Errno" not in message
    assert [path.name for path in tmp_path.glob(".*")] == []


def test_restore_into_new_file(sqlite_db, db_path: Path, tmp_path: Path):
    add_shop(sqlite_db)
    backup = backup_database(f"sqlite:///{db_path}", tmp_path / "atelier.backup")
    target = tmp_path / "new" / "atelier.db"
    target.parent.mkdir()

    restore_database(f"sqlite:///{target}", backup)

    assert customer_ids(f"sqlite:///{target}") == ["c1"]


def test_sqlite_backup_is_one_file(sqlite_db, db_path: Path, tmp_path: Path):
    add_shop(sqlite_db)

    backup = backup_database(f"sqlite:///{db_path}", tmp_path / "atelier.backup")

    with sqlite3.connect(backup) as connection:
        journal_mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert journal_mode == "delete"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "atelier.backup",
        "atelier.db",
        "atelier.db-shm",
        "atelier.db-wal",
    ]


def test_restore_rejects_damaged_backup(db, database_url: str, tmp_path: Path):
    add_shop(db)
    backup = backup_database(database_url, tmp_path / "atelier.backup")
    data = backup.read_bytes()
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(data[: len(data) // 2] + b"\0" * 512)
    other = tmp_path / "other.backup"
    other.write_bytes(b"not a backup at all")

    for path in (damaged, other):
        with pytest.raises(BackupError, match=str(path.name)):
            restore_database(database_url, path, overwrite=True)

    assert customer_ids(database_url) == ["c1"]


@pytest.mark.parametrize(
    ("data", "opening"),
    [
        (b"", "it is empty"),
        (b"name,email\nana", "it starts with the text 'name,ema'"),
        (b"PK\x03\x04\x14\x00\x00\x00rest", "it is a zip archive; extract"),
        (b"\x1f\x8b\x08\x08rest of a gzip file", "it is gzip-compressed"),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07", "it starts with the bytes 00 01 02"),
    ],
)
def test_restore_says_how_other_file_starts(
    sqlite_db, db_path: Path, tmp_path: Path, data: bytes, opening: str
):
    other = tmp_path / "other.backup"
    other.write_bytes(data)
    with pytest.raises(BackupError) as raised:
        restore_database(f"sqlite:///{db_path}", other, overwrite=True)
    message = str(raised.value)
    assert "not a SQLite database" in message
    assert opening in message
    assert "b'" not in message


def test_restore_names_foreign_sqlite_file(sqlite_db, db_path, tmp_path):
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.commit()
    with pytest.raises(BackupError) as raised:
        restore_database(f"sqlite:///{db_path}", other, overwrite=True)
    assert "is a SQLite database but not one of Atelier's" in str(raised.value)


def test_restore_rejects_newer_backup(sqlite_db, db_path: Path, tmp_path: Path):
    backup = backup_database(f"sqlite:///{db_path}", tmp_path / "atelier.backup")
    with sqlite3.connect(backup) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()

    with pytest.raises(BackupError, match="'9999'.*newer version"):
        restore_database(f"sqlite:///{tmp_path / 'fresh.db'}", backup)

    assert not (tmp_path / "fresh.db").exists()


def test_backup_without_client_tools(db, database_url, tmp_path, monkeypatch):
    add_shop(db)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    backup = tmp_path / "atelier.backup"

    if db.engine.dialect.name == "postgresql":
        with pytest.raises(BackupError, match="pg_dump not found.*postgresql-client"):
            backup_database(database_url, backup)
        assert not backup.exists()
    else:
        # SQLite backups run inside the process and need no outside tool.
        backup_database(database_url, backup)
        assert backup.is_file()


def test_restore_refuses_backup_older_than_key(
    sqlite_db, db_path: Path, tmp_path: Path
):
    from storage.privacy import rotate_key

    add_shop(sqlite_db)
    url = f"sqlite:///{db_path}"
    backup = backup_database(url, tmp_path / "before-rotation.backup")
    rotate_key(sqlite_db)
    with sqlite_db.session() as session:
        session.add(Customer(id="c2", display_name="Bo", created_at=datetime.now()))
    sqlite_db.dispose()

    with pytest.raises(BackupError, match="lacks key .*left as it was"):
        restore_database(url, backup, overwrite=True)

    # The live database is untouched and the current key still opens it.
    assert customer_ids(url) == ["c1", "c2"]


def test_restore_checks_database_path_first(sqlite_db, db_path, tmp_path: Path):
    add_shop(sqlite_db)
    backup = backup_database(f"sqlite:///{db_path}", tmp_path / "atelier.backup")
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.db"
    folder.mkdir()
    cases = [
        (pipe, f"{pipe} is a FIFO (named pipe)"),
        (folder, f"{folder} is a folder"),
        (tmp_path / "absent" / "atelier.db", f"the folder {tmp_path / 'absent'}"),
        (tmp_path / ("d" * 250), "shorten it to at most 247 characters"),
    ]

    for target, expected in cases:
        with pytest.raises(OutputPathError) as raised:
            restore_database(f"sqlite:///{target}", backup, overwrite=True)
        assert expected in str(raised.value)

    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert list(folder.iterdir()) == []
    assert not (tmp_path / "absent").exists()


def test_restore_checks_new_key_file_first(
    sqlite_db, db_path, tmp_path: Path, monkeypatch
):
    backup = backup_database(f"sqlite:///{db_path}", tmp_path / "atelier.backup")
    blocking = tmp_path / "notes.txt"
    blocking.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ATELIER_KEY_FILE", str(blocking / "key.bin"))
    target = tmp_path / "restored.db"

    with pytest.raises(OutputPathError) as raised:
        restore_database(f"sqlite:///{target}", backup)

    assert f"because {blocking}, a part of that path, is a file" in str(raised.value)
    assert not target.exists()


def test_restore_refuses_live_database(sqlite_db, db_path, tmp_path: Path):
    add_shop(sqlite_db)
    url = f"sqlite:///{db_path}"
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    before = db_path.read_bytes()

    for source in (db_path, link):
        with pytest.raises(BackupError) as raised:
            restore_database(url, source, overwrite=True)
        assert f"Backup file {source} is the database {db_path} itself" in str(
            raised.value
        )

    assert db_path.read_bytes() == before


def test_restore_names_what_source_is(sqlite_db, db_path, tmp_path: Path):
    url = f"sqlite:///{db_path}"
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    cases = [
        (tmp_path, f"Backup file {tmp_path} is a folder, not a backup file"),
        (pipe, f"Backup file {pipe} is a FIFO (named pipe), not a backup file"),
        (tmp_path / "missing", f"Backup file {tmp_path / 'missing'} not found"),
    ]

    for source, expected in cases:
        with pytest.raises(BackupError) as raised:
            restore_database(url, source, overwrite=True)
        assert str(raised.value).startswith(expected)


def test_backup_refuses_store_files(sqlite_db, db_path, tmp_path, monkeypatch):
    add_shop(sqlite_db)
    url = f"sqlite:///{db_path}"
    key = tmp_path / "private" / "key.bin"
    monkeypatch.setenv("ATELIER_KEY_FILE", str(key))
    key.parent.mkdir(mode=0o700)
    key.write_bytes(b"ATK1")
    database_before = db_path.read_bytes()

    for target in (db_path, key, db_path.with_name(db_path.name + "-wal")):
        with pytest.raises(OutputPathError) as raised:
            backup_database(url, target, overwrite=True)
        assert "writing over it would lose the store's data" in str(raised.value)

    assert db_path.read_bytes() == database_before
    assert key.read_bytes() == b"ATK1"
