"""Re-run a whole transaction after a lock timeout or a conflict.

These errors mean that a transaction did nothing and may succeed if it runs
again from the start:

- SQLite's "database is locked" (``SQLITE_BUSY``) and "database table is
  locked" (``SQLITE_LOCKED``), raised when another connection kept the write
  lock for longer than the busy timeout;
- PostgreSQL's ``serialization_failure`` (SQLSTATE 40001), which
  serializable transactions raise when a concurrent transaction changed what
  they read, ``deadlock_detected`` (40P01), and ``lock_not_available``
  (55P03), raised when a lock wait passes ``lock_timeout``.

Only the whole transaction can be retried, because the database has already
rolled back the part that ran. A lost connection is not retried: the commit
may have happened, and running the work again could apply it twice.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Re-runs after the first attempt. With the default backoff they span about
# 10 s of waiting on top of SQLite's 30 s busy timeout per attempt.
DEFAULT_RETRIES = 8
# Wait before the first re-run, in seconds. Each later wait doubles, up to
# MAX_BACKOFF_S, and is multiplied by a random factor from 0.5 to 1.5 so that
# clients that collided do not collide again in step.
DEFAULT_BACKOFF_S = 0.02
MAX_BACKOFF_S = 2.0

RETRYABLE_SQLSTATES = {
    "40001": "serialization failure",
    "40P01": "deadlock detected",
    "55P03": "lock not available",
}
SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked")


class TransactionRetryError(RuntimeError):
    """A transaction that kept failing with a retryable error.

    Attributes
    ----------
    attempts
        How many times the transaction ran.
    """

    def __init__(self, description: str, attempts: int, error: BaseException):
        self.attempts = attempts
        super().__init__(
            f"{description} failed {attempts} times because other connections "
            f"kept the data locked ({_short(error)}). Close other programs that "
            "write to this database, or pass a larger retries value"
        )


def is_retryable(error: BaseException) -> bool:
    """Return whether running the failed transaction again may succeed.

    Parameters
    ----------
    error
        An exception raised inside or at the commit of a transaction.

    Returns
    -------
    bool
        True for SQLite's busy and locked errors and for PostgreSQL's
        serialization failures, deadlocks and lock timeouts; False for
        everything else, including lost connections.
    """
    if not isinstance(error, DBAPIError) or error.connection_invalidated:
        return False
    original = error.orig
    # psycopg 3 names the code "sqlstate", psycopg2 "pgcode".
    sqlstate = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if sqlstate in RETRYABLE_SQLSTATES:
        return True
    if isinstance(error, OperationalError):
        message = str(original).lower()
        return any(text in message for text in SQLITE_BUSY_MESSAGES)
    return False


def retry_transaction(
    attempt: Callable[[], T],
    *,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF_S,
    description: str = "transaction",
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``attempt`` and re-run it while it fails with a retryable error.

    Parameters
    ----------
    attempt
        Runs one whole transaction, from its start to its commit, and returns
        its result. It must have no effect outside the database that a
        second run would repeat, such as sending a message.
    retries
        Re-runs allowed after the first attempt; 0 runs it once.
    backoff
        Wait before the first re-run, in seconds. Each later wait doubles up
        to ``MAX_BACKOFF_S`` and is scaled by a random factor of 0.5 to 1.5.
    description
        What the transaction does, for log messages and the final error.
    sleep
        Function that waits a number of seconds.

    Returns
    -------
    T
        What the first successful run of ``attempt`` returned.

    Raises
    ------
    TransactionRetryError
        If every run failed with a retryable error; the last error is its
        ``__cause__``.
    ValueError
        If ``retries`` or ``backoff`` is negative.
    """
    if retries < 0:
        raise ValueError(f"retries={retries} is negative: pass 0 or more re-runs")
    if backoff < 0:
        raise ValueError(f"backoff={backoff} is negative: pass 0 or more seconds")

    for attempt_number in range(1, retries + 2):
        try:
            return attempt()
        except DBAPIError as error:
            if not is_retryable(error):
                raise
            if attempt_number > retries:
                raise TransactionRetryError(
                    description, attempt_number, error
                ) from error
            delay = min(MAX_BACKOFF_S, backoff * 2 ** (attempt_number - 1))
            delay *= random.uniform(0.5, 1.5)
            logger.info(
                "Retrying %s in %.3f s after attempt %s of %s failed: %s",
                description,
                delay,
                attempt_number,
                retries + 1,
                _short(error),
            )
            sleep(delay)
    raise AssertionError("unreachable: the loop returns or raises")


def _short(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    text = str(original).strip()
    return text.splitlines()[0] if text else repr(original)
