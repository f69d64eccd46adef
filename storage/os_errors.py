"""Reasons of common operating system errors as translatable plain clauses.

An ``OSError``'s own text, such as ``[Errno 28] No space left on device``,
is English whatever the interface language, and its file name is often a
hidden temporary file. :func:`os_error_reason` words the common errors as
a clause that a message puts after a colon or in brackets, such as
"{path} cannot be written: {reason}", and the GUI translates it like any
domain message (``app/domain_text.py``). Logs keep the error's own text.
"""

from __future__ import annotations

import errno

from storage.messages import QT_TRANSLATE_NOOP, Message

_NO_ACCESS = QT_TRANSLATE_NOOP("Files", "access to the file or its folder is denied")

REASONS = {
    errno.ENOSPC: QT_TRANSLATE_NOOP("Files", "the disk is full"),
    errno.EDQUOT: QT_TRANSLATE_NOOP("Files", "the disk quota is used up"),
    errno.EACCES: _NO_ACCESS,
    errno.EPERM: _NO_ACCESS,
    errno.EROFS: QT_TRANSLATE_NOOP("Files", "the disk is read-only"),
    errno.ENOENT: QT_TRANSLATE_NOOP("Files", "the file or its folder does not exist"),
    errno.EIO: QT_TRANSLATE_NOOP("Files", "the disk could not read or write the data"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("Files", "the name is too long for the disk"),
    errno.EBUSY: QT_TRANSLATE_NOOP(
        "Files", "the file or its folder is in use by another program"
    ),
    errno.EISDIR: QT_TRANSLATE_NOOP("Files", "it is a folder, not a file"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP(
        "Files", "a part of its path is a file, not a folder"
    ),
}
"""Plain clauses for the errors that writing and renaming files often meet,
by ``errno`` number."""


def os_error_reason(error: OSError) -> Message:
    """Return why ``error`` happened as a clause to translate and show.

    An error that carries its own :class:`~storage.messages.Message`,
    such as an ``OutputPathError``, returns that message. Errors of
    :data:`REASONS` get its clause. Others keep the system's text,
    ``error.strerror``, or ``str(error)`` when it has none, which is shown
    untranslated.
    """
    message = getattr(error, "message", None)
    if isinstance(message, Message):
        return message
    template = REASONS.get(error.errno)
    if template is None:
        return Message(error.strerror or str(error))
    return Message(template)
