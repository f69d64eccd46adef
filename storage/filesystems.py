"""File system checks: keep SQLite off network shares, and sync folders.

SQLite relies on POSIX advisory locks, and in WAL mode on a shared-memory
index file, to let several processes write one database file. Network file
systems implement these partly or not at all, so two kiosks writing one
file on a share can corrupt it (https://www.sqlite.org/useovernet.html).
Several kiosks should share a PostgreSQL server instead.

The type comes from Linux's ``/proc/mounts``. Where that file does not exist
(Windows, macOS) the type is unknown and nothing is rejected.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

logger = logging.getLogger(__name__)

PROC_MOUNTS = Path("/proc/mounts")

# File system types, as /proc/mounts names them, whose locking SQLite cannot
# rely on. FUSE file systems appear as "fuse.NAME".
NETWORK_FILESYSTEM_TYPES = frozenset(
    {
        "9p",
        "afs",
        "ceph",
        "cifs",
        "coda",
        "davfs",
        "fuse.davfs2",
        "fuse.gcsfuse",
        "fuse.glusterfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.sshfs",
        "glusterfs",
        "lustre",
        "ncpfs",
        "nfs",
        "nfs4",
        "smb",
        "smb3",
        "smbfs",
        "sshfs",
    }
)

_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """Return ``(mount point, file system type)`` pairs from ``/proc/mounts`` text.

    The kernel writes a space in a mount point as ``\\040``, a tab as
    ``\\011``, a newline as ``\\012`` and a backslash as ``\\134``; these are
    decoded. Lines with fewer than three fields are ignored.
    """
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = _OCTAL_ESCAPE.sub(lambda match: chr(int(match[1], 8)), fields[1])
        mounts.append((mount_point, fields[2]))
    return mounts


def filesystem_type(path: Path | str, mounts_text: str | None = None) -> str | None:
    """Return the type of the file system that holds ``path``.

    Parameters
    ----------
    path
        A file or folder. Symbolic links are resolved first, so a link on a
        local disk that points to a share reports the share.
    mounts_text
        The contents of ``/proc/mounts``; read from the system when None.

    Returns
    -------
    str or None
        The type of the mount whose mount point is the longest prefix of the
        resolved path, the last one mounted when several share that point,
        for example ``"ext4"`` or ``"nfs4"``. None when ``/proc/mounts``
        cannot be read or lists no mount that contains ``path``.
    """
    if mounts_text is None:
        try:
            mounts_text = PROC_MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            logger.debug(
                "File system type unknown, %s unreadable: %s", PROC_MOUNTS, error
            )
            return None

    resolved = os.path.realpath(path)
    best_type = None
    best_length = -1
    for mount_point, kind in parse_mounts(mounts_text):
        if not _contains(mount_point, resolved):
            continue
        if len(mount_point) >= best_length:
            best_type = kind
            best_length = len(mount_point)
    return best_type


def is_network_filesystem(kind: str | None) -> bool:
    """Return whether the file system type ``kind`` is a network file system."""
    return kind is not None and kind.lower() in NETWORK_FILESYSTEM_TYPES


def _contains(mount_point: str, path: str) -> bool:
    if mount_point == "/":
        return path.startswith("/")
    return path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def fsync_directory(folder: Path | str) -> None:
    """Sync ``folder`` so that renames in it survive a power cut (POSIX only)."""
    # Windows cannot open a folder with os.open, so there the rename's
    # durability is left to the file system.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
