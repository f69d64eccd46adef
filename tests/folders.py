"""Folders whose files cannot be renamed, for tests of failed writes."""

from __future__ import annotations

import errno
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path
from unittest import mock


@contextmanager
def renames_fail(folder: Path):
    """Make renaming a file in ``folder`` fail with an OSError, while writing
    to an existing file still works. Root ignores permission bits, so the
    folder is made immutable for root and read-only for other users. Where
    root may not set the immutable flag (a container without that
    capability, or a file system without the flag), the rename itself
    raises the error the file system would."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    flagged = subprocess.run(
        ["chattr", "+i", str(folder)], capture_output=True, check=False
    )
    if flagged.returncode != 0:
        refused = PermissionError(errno.EPERM, "Operation not permitted")
        with mock.patch("os.replace", side_effect=refused):
            yield
        return
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
