"""Similarity of one row of a sparse matrix with every row, and its maths.

Rows are the objects compared (customers for user-based k-NN, products for
item-based k-NN) and columns are the other side. Two kinds of data need two
definitions:

**Explicit ratings** are compared over the columns both rows rated, as in
Surprise 1.1 (``surprise/similarities.pyx``). With ``I`` the ``n`` shared
columns:

* cosine: ``sum r_x r_z / sqrt(sum r_x^2 * sum r_z^2)``;
* Pearson: ``(n sum r_x r_z - sum r_x sum r_z) /
  sqrt((n sum r_x^2 - (sum r_x)^2) (n sum r_z^2 - (sum r_z)^2))``, which is
  the correlation around the means over ``I`` only, and 0 when a side is
  constant on ``I``;
* adjusted cosine (Sarwar et al., 2001): the cosine of ``r - mean of the
  column``, where each column's mean runs over all of its ratings.

**Implicit feedback** (confidences, absent = 0) is compared over whole rows,
because a missing purchase is information too:

* cosine: ``c_x . c_z / (|c_x| |c_z|)``;
* Pearson: the correlation over all ``N`` columns, from the sums ``S`` and
  sums of squares ``Q`` of each row:
  ``(N c_x . c_z - S_x S_z) / sqrt((N Q_x - S_x^2) (N Q_z - S_z^2))``;
* adjusted cosine: the cosine of ``c - m`` with ``m`` the column means over
  all rows, expanded as ``c_x . c_z - c_x . m - c_z . m + |m|^2`` so that
  nothing dense is built.

In both cases a similarity is 0 when the rows share fewer than
``min_support`` columns, and is multiplied by ``n / (n + shrinkage)`` to
damp similarities that rest on few shared columns (Koren, 2010). A row's
similarity with itself is 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

SimilarityName = Literal["cosine", "pearson", "adjusted-cosine"]
SIMILARITIES: tuple[SimilarityName, ...] = ("cosine", "pearson", "adjusted-cosine")


@dataclass(frozen=True)
class SharedSums:
    """Sums over the columns that row ``x`` shares with every row ``z``.

    Every array has shape (rows,). ``own`` sums run over ``x``'s values and
    ``other`` sums over ``z``'s values, both on the shared columns only.
    """

    count: np.ndarray
    products: np.ndarray
    own: np.ndarray
    other: np.ndarray
    own_squares: np.ndarray
    other_squares: np.ndarray


def shared_sums(
    rows: sp.csr_matrix,
    columns: sp.csr_matrix,
    x: int,
    values: np.ndarray | None = None,
    column_values: np.ndarray | None = None,
) -> SharedSums:
    """Sum the values of row ``x`` and every other row over shared columns.

    Parameters
    ----------
    rows
        CSR matrix, shape (rows, columns). Explicit zeros count as entries.
    columns
        The same matrix transposed, as CSR of shape (columns, rows).
    x
        The row compared with all rows.
    values, column_values
        Replacement values aligned with ``rows.data`` and ``columns.data``,
        for example ratings minus their column mean. Default: the stored
        values.

    Returns
    -------
    SharedSums
        The six sums, each of shape (rows,).
    """
    row_values = rows.data if values is None else values
    other_values = columns.data if column_values is None else column_values
    start, stop = rows.indptr[x], rows.indptr[x + 1]
    shared = rows.indices[start:stop]
    own = row_values[start:stop]

    positions, owner = gather_rows(columns.indptr, shared)
    others = columns.indices[positions]
    theirs = other_values[positions]
    mine = own[owner]
    size = rows.shape[0]

    def total(weights: np.ndarray | None) -> np.ndarray:
        return np.bincount(others, weights=weights, minlength=size).astype(float)

    return SharedSums(
        count=total(None),
        products=total(mine * theirs),
        own=total(mine),
        other=total(theirs),
        own_squares=total(mine * mine),
        other_squares=total(theirs * theirs),
    )


def gather_rows(
    indptr: np.ndarray, selected: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the entry positions of rows ``selected`` of a CSR matrix.

    Returns
    -------
    tuple[numpy.ndarray, numpy.ndarray]
        The positions in ``indices``/``data``, row by row in the order of
        ``selected``, and for each position the index into ``selected`` of
        its row.
    """
    starts = indptr[selected]
    lengths = indptr[selected + 1] - starts
    total = int(lengths.sum())
    owner = np.repeat(np.arange(len(selected)), lengths)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return np.arange(total, dtype=np.int64) + offsets, owner


def explicit_similarity(
    name: SimilarityName, sums: SharedSums, min_support: int, shrinkage: float
) -> np.ndarray:
    """Turn shared sums into similarities over co-rated columns.

    For ``"adjusted-cosine"`` the sums must come from ratings minus their
    column mean; the formula is then the cosine's.
    """
    n = sums.count
    if name == "pearson":
        numerator = n * sums.products - sums.own * sums.other
        # One square root of the product, as Surprise computes it, keeps
        # results equal to the last bit on integer ratings.
        denominator = np.sqrt(
            (n * sums.own_squares - sums.own**2)
            * (n * sums.other_squares - sums.other**2)
        )
    else:
        numerator = sums.products
        denominator = np.sqrt(sums.own_squares * sums.other_squares)
    return _finish(numerator, denominator, n, min_support, shrinkage)


def implicit_similarity(
    name: SimilarityName,
    products: np.ndarray,
    count: np.ndarray,
    statistics: RowStatistics,
    own: np.ndarray | int,
    other: np.ndarray | slice,
    min_support: int,
    shrinkage: float,
) -> np.ndarray:
    """Turn dot products of whole rows into similarities.

    Parameters
    ----------
    products
        ``c_x . c_z`` for each compared pair.
    count
        Number of shared columns of each pair.
    statistics
        Whole-row statistics of every row.
    own, other
        Rows of the two sides of each pair, as indexes into ``statistics``
        that broadcast to ``products``.
    """
    s = statistics
    if name == "cosine":
        numerator = products
        denominator = np.sqrt(s.squares[own] * s.squares[other])
    elif name == "pearson":
        width = s.width
        sums_own, sums_other = s.sums[own], s.sums[other]
        numerator = width * products - sums_own * sums_other
        denominator = np.sqrt(
            (width * s.squares[own] - sums_own**2)
            * (width * s.squares[other] - sums_other**2)
        )
    else:
        numerator = products - s.mean_dots[own] - s.mean_dots[other] + s.mean_norm
        denominator = np.sqrt(s.centred_squares[own] * s.centred_squares[other])
    return _finish(numerator, denominator, count, min_support, shrinkage)


@dataclass(frozen=True)
class RowStatistics:
    """Whole-row statistics of implicit data, indexed like the rows.

    Attributes
    ----------
    width
        Number of columns ``N``.
    sums, squares
        ``S = sum c`` and ``Q = sum c^2`` of each row.
    mean_dots
        ``c . m`` with ``m`` the column means over all rows.
    mean_norm
        ``|m|^2``, the same for every row.
    centred_squares
        ``|c - m|^2`` of each row.
    """

    width: int
    sums: np.ndarray
    squares: np.ndarray
    mean_dots: np.ndarray
    mean_norm: float
    centred_squares: np.ndarray

    @classmethod
    def of(cls, rows: sp.csr_matrix) -> RowStatistics:
        """Compute the statistics of every row of ``rows`` (rows, columns)."""
        height, width = rows.shape
        means = np.asarray(rows.sum(axis=0)).ravel() / max(height, 1)
        sums = np.asarray(rows.sum(axis=1)).ravel()
        squares = np.asarray(rows.multiply(rows).sum(axis=1)).ravel()
        mean_dots = rows @ means
        mean_norm = float(means @ means)
        centred = np.maximum(squares - 2 * mean_dots + mean_norm, 0.0)
        return cls(width, sums, squares, mean_dots, mean_norm, centred)


def _finish(
    numerator: np.ndarray,
    denominator: np.ndarray,
    count: np.ndarray,
    min_support: int,
    shrinkage: float,
) -> np.ndarray:
    similarity = np.zeros(np.shape(numerator))
    valid = (count >= min_support) & (denominator > 0)
    similarity[valid] = numerator[valid] / denominator[valid]
    if shrinkage > 0:
        similarity *= count / (count + shrinkage)
    return similarity
