"""Encryption at rest of personal data: the key file and an encrypted column type.

Values are sealed with AES-256-GCM, which authenticates as well as hides
them, so a changed ciphertext fails to decrypt instead of reading as
garbage. A stored value reads ``v2:KEY_ID:BASE64`` where ``BASE64`` contains
the 12-byte nonce followed by the ciphertext and its tag. The plaintext is
padded to a multiple of :data:`PAD_BLOCK` bytes (a 0x80 byte, then zero
bytes, as in ISO/IEC 7816-4) before sealing, so the stored length does not
tell ``"male"`` from ``"female"``. Values written before padding existed
read ``v1:KEY_ID:BASE64`` and still decrypt. The column's name
(``table.column``) is the associated data, so a ciphertext copied into
another column does not decrypt.

The key file lives outside the database: ``key.bin`` in the user's config
folder (``platformdirs.user_config_dir("Atelier")``), or the path in
``$ATELIER_KEY_FILE``. It starts with the magic bytes ``ATK1`` followed by
one or more entries of a 4-byte big-endian key id and a 32-byte key. The
first entry is the current key, used for every new value; the others are
kept only while :func:`storage.privacy.rotate_key` re-encrypts. The file is
created with mode 0600 in a folder created with mode 0700, and always
replaced in one ``os.replace``, so a crash leaves either the old or the new
file. A key file that group or other users may access is rejected.
"""

from __future__ import annotations

import base64
import enum
import logging
import os
import secrets
import stat
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import String, Text, text
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from storage.db import APP_NAME, DATA_DIR_ENV

logger = logging.getLogger(__name__)

KEY_FILE_ENV = "ATELIER_KEY_FILE"
KEY_FILENAME = "key.bin"
# A key file is written under its name with this suffix, then renamed.
TEMPORARY_SUFFIX = ".tmp"
MAGIC = b"ATK1"
KEY_BYTES = 32
NONCE_BYTES = 12
# Prefix of values sealed without padding, which older versions wrote.
PREFIX = "v1"
# Prefix of values whose plaintext is padded to a multiple of PAD_BLOCK.
PADDED_PREFIX = "v2"
PAD_BLOCK = 16
_ENTRY = struct.Struct(">I32s")


class KeyFileError(RuntimeError):
    """A key file that is missing, unreadable or malformed."""


class DecryptionError(ValueError):
    """A stored value that no key in the key file can decrypt."""


@dataclass(frozen=True)
class KeyRing:
    """Keys by id, and the id of the current key that encrypts new values."""

    keys: dict[int, bytes]
    current_id: int

    def encrypt(self, plaintext: str, context: str) -> str:
        """Seal padded ``plaintext`` under the current key, bound to ``context``."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current_id]).encrypt(
            nonce, _pad(plaintext.encode("utf-8")), context.encode("utf-8")
        )
        payload = base64.b64encode(nonce + sealed).decode("ascii")
        return f"{PADDED_PREFIX}:{self.current_id}:{payload}"

    def decrypt(self, stored: str, context: str) -> str:
        """Open a value written by :meth:`encrypt` for the same ``context``.

        Raises
        ------
        DecryptionError
            If the value is not in the ``v2:KEY_ID:BASE64`` (or ``v1``) form,
            its key is not in this ring, or it was changed or written for
            another column.
        """
        key_id = key_id_of(stored)
        if key_id is None:
            raise DecryptionError(
                f"Value of {context} is not encrypted: expected the form "
                f"{PADDED_PREFIX}:KEY_ID:BASE64; run the database migrations"
            )
        key = self.keys.get(key_id)
        if key is None:
            raise DecryptionError(
                f"Value of {context} uses key {key_id}, which is not in the key "
                f"file: restore the key file that belongs to this database"
            )
        raw = base64.b64decode(stored.split(":", 2)[2])
        try:
            plain = AESGCM(key).decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8")
            )
        except InvalidTag:
            raise DecryptionError(
                f"Value of {context} failed authentication under key {key_id}: "
                "it was changed or copied from another column"
            ) from None
        if stored.startswith(PADDED_PREFIX + ":"):
            plain = _unpad(plain, context)
        return plain.decode("utf-8")

    def with_new_key(self) -> KeyRing:
        """Return this ring plus a new random key that becomes current."""
        new_id = _new_key_id(exclude=self.keys)
        keys = {new_id: secrets.token_bytes(KEY_BYTES), **self.keys}
        return KeyRing(keys, new_id)

    def only_current(self) -> KeyRing:
        """Return a ring with the current key alone."""
        return KeyRing({self.current_id: self.keys[self.current_id]}, self.current_id)


def _pad(data: bytes) -> bytes:
    return data + b"\x80" + b"\x00" * (-(len(data) + 1) % PAD_BLOCK)


def _unpad(data: bytes, context: str) -> bytes:
    # Zero bytes of the plaintext itself sit before the 0x80 marker.
    body = data.rstrip(b"\x00")
    if not body.endswith(b"\x80"):
        raise DecryptionError(f"Value of {context} has invalid padding")
    return body[:-1]


def _new_key_id(exclude=()) -> int:
    # Random ids, so that a key file created to replace a lost one cannot
    # reuse the lost key's id and make its values fail as if tampered with.
    while True:
        key_id = secrets.randbits(31) + 1
        if key_id not in exclude:
            return key_id


def check_key_file(session: Session) -> None:
    """Check the key file's permissions and that it opens the stored values.

    One value of each of :data:`ENCRYPTED_SAMPLE_QUERIES` is checked: a
    customer name, a kiosk design and a quarantined factory record. Run it
    before any write, so that a missing key file is reported instead of
    being replaced by a new key that cannot open the stored values. A key
    file left in the data folder by an older version is moved to the config
    folder first.

    Raises
    ------
    KeyFileError
        If group or other users may access the key file, or the database
        contains encrypted values but the key file is missing or lacks their
        key.
    """
    path = key_file_path()
    adopt_legacy_key_file(path)
    if path.exists():
        check_key_file_permissions(path)
    for query in ENCRYPTED_SAMPLE_QUERIES:
        check_key_of(session.scalar(text(query)), "the database")


def _encrypted_sample_query(table: str, column: str, condition: str = "") -> str:
    # One value of the column in stored form, if any value is encrypted.
    encrypted = f"({column} LIKE '{PREFIX}:%' OR {column} LIKE '{PADDED_PREFIX}:%')"
    where = f"{condition} AND {encrypted}" if condition else encrypted
    return f"SELECT {column} FROM {table} WHERE {where} LIMIT 1"


# Context of kiosk designs, which the settings table stores encrypted under
# keys that start with KIOSK_DESIGN_PREFIX.
KIOSK_DESIGN_PREFIX = "kiosk_design:"
KIOSK_DESIGN_CONTEXT = "settings.kiosk_design"
KIOSK_DESIGN_CONDITION = f"key LIKE '{KIOSK_DESIGN_PREFIX}%'"

ENCRYPTED_NAME_QUERY = _encrypted_sample_query("customers", "display_name")
# Queries for one encrypted value of each place that stores them, so that a
# wrong key file is found at start even when no customer is registered yet.
ENCRYPTED_SAMPLE_QUERIES = (
    ENCRYPTED_NAME_QUERY,
    _encrypted_sample_query("settings", "value", KIOSK_DESIGN_CONDITION),
    _encrypted_sample_query("status_quarantine", "record"),
)


def check_key_of(stored: str | None, where: str) -> None:
    """Check that the key file opens ``stored``, a value read from ``where``.

    Raises
    ------
    KeyFileError
        If ``stored`` is encrypted and the key file is missing or lacks its
        key.
    """
    if stored is None:
        return
    path = key_file_path()
    key_id = key_id_of(stored)
    if not path.exists():
        raise KeyFileError(
            f"Key file {path} not found, but {where} contains values "
            f"encrypted under key {key_id}: restore key.bin from its backup, or "
            f"set {KEY_FILE_ENV} to its location"
        )
    if key_id not in key_ring().keys:
        retired = retired_key_path(path, key_id)
        kept = f"; rotate-key kept that key in {retired}" if retired.exists() else ""
        raise KeyFileError(
            f"Key file {path} lacks key {key_id}, which encrypted values in "
            f"{where}: restore the key file that belongs to it, or pass it "
            f"with --key-file{kept}"
        )


def retired_key_path(path: Path, key_id: int) -> Path:
    """Return where ``rotate-key`` keeps the key file of a retired ``key_id``."""
    return path.with_name(f"{path.name}.retired-{key_id}")


def key_id_of(stored: str) -> int | None:
    """Return the key id of an encrypted value, or ``None`` for plain text."""
    parts = stored.split(":", 2)
    if len(parts) != 3 or parts[0] not in (PREFIX, PADDED_PREFIX):
        return None
    if not parts[1].isdigit():
        return None
    return int(parts[1])


def key_file_path() -> Path:
    """Return ``$ATELIER_KEY_FILE``, or ``key.bin`` in the user's config folder."""
    override = os.environ.get(KEY_FILE_ENV)
    if override:
        return Path(override).expanduser().resolve()
    folder = platformdirs.user_config_dir(APP_NAME)
    return Path(folder).expanduser().resolve() / KEY_FILENAME


def check_key_file_path(path: Path | None = None) -> Path:
    """Check that a key file can be read or created at ``path``; return it.

    ``path`` defaults to :func:`key_file_path`. An existing key file must
    be a regular file, so that reading it cannot wait on a FIFO or a
    device. A missing one is checked as a new file, whose folders are
    created as :func:`write_key_ring` creates them.

    Raises
    ------
    KeyFileError
        If something other than a regular file exists at the path.
    storage.output_paths.OutputPathError
        Naming the path and what is wrong with it.
    """
    # Imported here, because storage.output_paths imports the schema, which
    # imports this module.
    from storage.output_paths import check_output_file, check_replaceable

    path = key_file_path() if path is None else path
    check_key_file_type(path)
    if not check_replaceable(path):
        check_output_file(path, name_extra=len(TEMPORARY_SUFFIX), create_folders=True)
    return path


def legacy_key_file_path() -> Path:
    """Return ``key.bin`` in the data folder, where older versions kept the key."""
    folder = os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir(APP_NAME)
    return Path(folder).expanduser().resolve() / KEY_FILENAME


def adopt_legacy_key_file(path: Path) -> None:
    """Move the key file that an older version kept beside the database to ``path``.

    Nothing happens when ``$ATELIER_KEY_FILE`` is set, because the user then
    chose the place. When both files exist and hold the same keys, the old
    one is removed; when they differ, both stay and a warning is logged.
    """
    legacy = legacy_key_file_path()
    if os.environ.get(KEY_FILE_ENV) or legacy == path or not legacy.is_file():
        return
    with _lock:
        data = legacy.read_bytes()
        if not path.exists():
            _write_private_file(path, data)
            logger.info("Moved key file %s to %s", legacy, path)
        elif path.read_bytes() != data:
            logger.warning(
                "Key files %s and %s differ; %s is used. Keep the other one until "
                "every database opens without it",
                legacy,
                path,
                path,
            )
            return
        legacy.unlink()


def check_key_file_type(path: Path) -> None:
    """Reject a key file path where something other than a regular file exists.

    A folder or a FIFO would otherwise fail later with advice about its
    mode, or block the read of a FIFO. A missing path passes.

    Raises
    ------
    KeyFileError
        Naming ``path``, what it is and a key file path to give instead.
    """
    # Imported here, because storage.output_paths imports the schema, which
    # imports this module.
    from storage.output_paths import describe_existing

    if path.is_file():
        return
    kind = describe_existing(path)
    if kind is None:
        return
    folder = path if path.is_dir() else path.parent
    raise KeyFileError(
        f"Key file {path} is {kind}, not a key file: give the path of the key "
        f"file with --key-file or {KEY_FILE_ENV}, such as {folder / KEY_FILENAME}"
    )


def check_key_file_permissions(path: Path) -> None:
    """Reject a key file that group or other users may read or change.

    On systems without POSIX permissions (Windows) nothing is checked.

    Raises
    ------
    KeyFileError
        If the path is not a regular file (see :func:`check_key_file_type`),
        or the file's mode grants any access to group or others.
    """
    check_key_file_type(path)
    if os.name != "posix":
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise KeyFileError(
            f"Key file {path} has mode {mode:04o}, so other users may read or "
            "replace it: a key file must be accessible to its owner only (mode "
            f"0600). Run: chmod 600 '{path}'"
        )


def read_key_ring(path: Path) -> KeyRing:
    """Read the key ring stored at ``path``.

    Raises
    ------
    KeyFileError
        If the file is not a key file of this format, or group or other
        users may access it.
    """
    check_key_file_permissions(path)
    data = path.read_bytes()
    body = data[len(MAGIC) :]
    if not data.startswith(MAGIC) or not body or len(body) % _ENTRY.size:
        raise KeyFileError(
            f"Key file {path} is invalid: expected the {len(MAGIC)}-byte header "
            f"{MAGIC.decode('ascii')} followed by entries "
            f"of {_ENTRY.size} bytes; restore it from the backup"
        )
    entries = [_ENTRY.unpack_from(body, i) for i in range(0, len(body), _ENTRY.size)]
    return KeyRing(dict(entries), entries[0][0])


def write_key_ring(path: Path, ring: KeyRing) -> None:
    """Replace the key file at ``path`` with ``ring`` in one atomic step."""
    ordered = [ring.current_id] + [i for i in ring.keys if i != ring.current_id]
    data = MAGIC + b"".join(_ENTRY.pack(i, ring.keys[i]) for i in ordered)
    _write_private_file(path, data)
    _rings[path] = (path.stat().st_mtime_ns, ring)
    logger.info("Key file %s written with key ids %s", path, ordered)


def _write_private_file(path: Path, data: bytes) -> None:
    # Mode 0600 from the start, so the key is never readable by others, not
    # even between the write and a chmod.
    _make_private_folder(path.parent)
    temporary = path.with_name(path.name + TEMPORARY_SUFFIX)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, data)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def _make_private_folder(folder: Path) -> None:
    if not folder.exists():
        # Parents get the usual mode; only the key's own folder is private.
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)
        return
    if os.name == "posix" and stat.S_IMODE(folder.stat().st_mode) & 0o022:
        logger.warning(
            "Key file folder %s is writable by other users, who could replace "
            "the key file: run chmod 700 on it",
            folder,
        )


def key_ring() -> KeyRing:
    """Return the key ring of :func:`key_file_path`, creating the file if absent.

    The ring is read again whenever the file's modification time changes, so
    a rotation by another process is picked up on the next value.
    """
    path = key_file_path()
    with _lock:
        try:
            modified = path.stat().st_mtime_ns
        except FileNotFoundError:
            adopt_legacy_key_file(path)
            if not path.exists():
                return _create_key_file(path)
            modified = path.stat().st_mtime_ns
        cached = _rings.get(path)
        if cached is not None and cached[0] == modified:
            return cached[1]
        ring = read_key_ring(path)
        _rings[path] = (modified, ring)
        return ring


def _create_key_file(path: Path) -> KeyRing:
    # open_database rejects a database with encrypted names but no key file
    # (check_key_file), so this only runs for a new key.
    check_key_file_path(path)
    key_id = _new_key_id()
    ring = KeyRing({key_id: secrets.token_bytes(KEY_BYTES)}, key_id)
    write_key_ring(path, ring)
    logger.info("Created key file %s", path)
    return ring


class EncryptedText(TypeDecorator):
    """Text that is encrypted on write and decrypted on read.

    Parameters
    ----------
    context
        ``table.column`` of the column, bound into each ciphertext.
    length
        Maximum number of characters of the plain value, checked on write,
        because the database cannot check the length of a ciphertext.
    sqlite_length
        Declared length of a column that SQLite created as ``VARCHAR`` before
        it was encrypted. SQLite ignores declared lengths, and changing the
        type would rebuild a table that others refer to. Such columns keep
        their old declaration in SQLite, and other databases use ``TEXT``.
    """

    impl = Text
    cache_ok = True

    def __init__(
        self,
        context: str,
        *,
        length: int | None = None,
        sqlite_length: int | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.length = length
        self.sqlite_length = sqlite_length

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite" and self.sqlite_length is not None:
            return dialect.type_descriptor(String(self.sqlite_length))
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return key_ring().encrypt(self.to_text(value), self.context)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return self.from_text(key_ring().decrypt(value, self.context))

    def to_text(self, value) -> str:
        """Return the text to encrypt for ``value``, checking its length.

        Raises
        ------
        ValueError
            If the text is longer than ``length`` characters.
        """
        text_value = str(value)
        if self.length is not None and len(text_value) > self.length:
            raise ValueError(
                f"Invalid value for {self.context}: {len(text_value)} characters "
                f"long, at most {self.length} are allowed"
            )
        return text_value

    def from_text(self, text_value: str):
        """Return the Python value of decrypted text."""
        return text_value


class EncryptedChoice(EncryptedText):
    """An encrypted string that must be one value of an enumeration.

    The database cannot check a ciphertext, so the values are checked on
    write instead of by a ``CHECK`` constraint.
    """

    cache_ok = True

    def __init__(self, context: str, choices: type[enum.StrEnum]) -> None:
        super().__init__(context)
        self.choices = choices

    def to_text(self, value) -> str:
        accepted = [member.value for member in self.choices]
        if str(value) not in accepted:
            raise ValueError(
                f"Invalid value {value!r} for {self.context}: expected one of "
                f"{', '.join(accepted)}"
            )
        return str(value)


class EncryptedInteger(EncryptedText):
    """An encrypted whole number within ``minimum`` to ``maximum``, inclusive."""

    cache_ok = True

    def __init__(self, context: str, minimum: int, maximum: int) -> None:
        super().__init__(context)
        self.minimum = minimum
        self.maximum = maximum

    def to_text(self, value) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(
                f"Invalid value {value!r} for {self.context}: expected a whole number"
            )
        if not self.minimum <= value <= self.maximum:
            raise ValueError(
                f"Invalid value {value} for {self.context}: expected "
                f"{self.minimum} to {self.maximum}"
            )
        return str(value)

    def from_text(self, text_value: str) -> int:
        return int(text_value)


# Key rings read in this process, by key file path.
_rings: dict[Path, tuple[int, KeyRing]] = {}
_lock = threading.RLock()
