"""Top-n selection with a fixed order among equal scores."""

from __future__ import annotations

import numpy as np


def top_indices(scores: np.ndarray, n: int) -> np.ndarray:
    """Return the indexes of the ``n`` highest finite scores, best first.

    Equal scores are ordered by index, so equal data always gives the same
    ranking. Entries of ``-inf`` or NaN are never returned.
    """
    finite = np.flatnonzero(np.isfinite(scores))
    if n <= 0 or finite.size == 0:
        return np.array([], dtype=np.int64)
    values = scores[finite]
    if n < finite.size:
        threshold = np.partition(values, values.size - n)[values.size - n]
        keep = values >= threshold
        finite, values = finite[keep], values[keep]
    order = np.lexsort((finite, -values))
    return finite[order][:n]
