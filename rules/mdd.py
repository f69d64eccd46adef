"""Layered multi-valued decision diagrams (MDDs) and how they are built.

A diagram tests one variable per layer, in a fixed order, and every edge goes
from layer ``i`` to layer ``i + 1`` (a quasi-reduced MDD: no edge skips a
layer, which keeps every pass a plain loop over layers). Layer ``i`` is an
int32 array of shape ``(nodes, domain size)``: entry ``[u, v]`` is the node
of layer ``i + 1`` that node ``u`` reaches with value index ``v``, or -1 when
that value leads to no solution. Below the last layer is the single true
terminal, node 0. Node 0 of layer 0 is the root; a diagram with no solution
has no node at all in layer 0.

Construction is vectorised with numpy, one layer at a time:

- :func:`table_layers` turns a table into the reduced diagram of its rows;
- :func:`conjoin` builds the product of several diagrams top-down, where a
  node is the tuple of the nodes reached in each operand, so two partial
  assignments share a node whenever every constraint leaves them the same
  completions;
- :func:`reduce_layers` removes nodes without a path to the terminal and
  merges nodes with equal children, bottom-up, giving the canonical diagram
  for the order;
- :func:`sift` improves the order by moving one variable at a time through
  all layers with :func:`swap_adjacent` and keeping its best position.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

logger = logging.getLogger(__name__)

Layers = list[np.ndarray]

# Odd 64-bit multipliers for hashing rows of node ids; equal hashes are always
# checked against the rows themselves, so a collision costs time, not
# correctness.
_MULTIPLIERS = np.random.default_rng(20240611).integers(
    1, 2**62, size=4096, dtype=np.int64
) | np.int64(1)

# Rows compared per step when checking hash classes, to bound memory.
_CHUNK = 1 << 20


@dataclass(eq=False)
class Diagram:
    """A reduced, layered MDD over variables taken in ``order``.

    ``order[i]`` is the variable index tested by layer ``i``. A diagram over
    no variable is the constant ``terminal`` (true or false).
    """

    order: tuple[int, ...]
    layers: Layers
    terminal: bool = True

    @property
    def sizes(self) -> tuple[int, ...]:
        """Domain size of each layer's variable."""
        return tuple(layer.shape[1] for layer in self.layers)

    @property
    def empty(self) -> bool:
        """Whether no assignment satisfies the diagram."""
        if not self.layers:
            return not self.terminal
        return self.layers[0].shape[0] == 0

    @property
    def node_count(self) -> int:
        return sum(layer.shape[0] for layer in self.layers)

    @property
    def edge_count(self) -> int:
        return int(sum(np.count_nonzero(layer >= 0) for layer in self.layers))


@dataclass(frozen=True)
class Operand:
    """A diagram taking part in :func:`conjoin`.

    ``positions`` are the increasing layers of the product that the operand's
    own layers test; the operand ignores every other layer.
    """

    positions: tuple[int, ...]
    layers: Layers = field(repr=False)


def empty_layers(sizes: Sequence[int]) -> Layers:
    """Return the layers of a diagram with no solution."""
    return [np.zeros((0, size), dtype=np.int32) for size in sizes]


def row_classes(
    matrix: np.ndarray, multipliers: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Group equal rows of an integer matrix.

    Returns
    -------
    first
        Index of one row of each class, shape ``(classes,)``.
    classes
        Class of every row, shape ``(rows,)``, numbered as in ``first``.
    """
    rows, columns = matrix.shape
    if rows == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if columns == 0:
        return np.zeros(1, dtype=np.int64), np.zeros(rows, dtype=np.int64)
    weights = _MULTIPLIERS[:columns] if multipliers is None else multipliers
    hashes = matrix.astype(np.int64) @ weights
    _, first, classes = np.unique(hashes, return_index=True, return_inverse=True)
    if np.array_equal(matrix[first[classes]], matrix):
        return first, classes.reshape(-1)
    logger.debug("row hash collision among %d rows; grouping exactly", rows)
    _, first, classes = np.unique(
        matrix, axis=0, return_index=True, return_inverse=True
    )
    return first, classes.reshape(-1)


def table_layers(rows: np.ndarray, sizes: Sequence[int]) -> Layers:
    """Return the reduced diagram whose solutions are the rows of a table.

    Parameters
    ----------
    rows
        Value indices, shape ``(n, len(sizes))``, columns in layer order.
    sizes
        Domain size of each column.
    """
    width = len(sizes)
    rows = np.asarray(rows, dtype=np.int64).reshape(-1, width)
    if rows.shape[0] == 0:
        return empty_layers(sizes)
    rows = np.unique(rows, axis=0)

    # prefixes[j] numbers the distinct prefixes of length j of each row.
    prefixes = [np.zeros(rows.shape[0], dtype=np.int64)]
    for j in range(width - 1):
        _, inverse = np.unique(
            prefixes[-1] * sizes[j] + rows[:, j], return_inverse=True
        )
        prefixes.append(inverse.reshape(-1))

    layers: Layers = [np.zeros((0, 0), dtype=np.int32)] * width
    child = np.zeros(rows.shape[0], dtype=np.int64)
    for j in reversed(range(width)):
        children = np.full((int(prefixes[j].max()) + 1, sizes[j]), -1, dtype=np.int64)
        children[prefixes[j], rows[:, j]] = child
        first, classes = row_classes(children)
        layers[j] = children[first].astype(np.int32)
        child = classes[prefixes[j]]
    return layers


def complement_layers(layers: Layers) -> Layers:
    """Return the diagram of every assignment that ``layers`` rejects."""
    count = len(layers)
    extended = []
    for j, layer in enumerate(layers):
        size = layer.shape[1]
        if j == count - 1:
            flipped = np.where(layer >= 0, -1, 0)
            anything = np.zeros((1, size), dtype=np.int64)
        else:
            # A new last node of the next layer accepts every completion.
            anything_below = layers[j + 1].shape[0]
            flipped = np.where(layer >= 0, layer, anything_below)
            anything = np.full((1, size), anything_below, dtype=np.int64)
        extended.append(np.vstack([flipped, anything]).astype(np.int32))
    # Without a root, the old diagram was empty; the new root accepts all.
    root = 0 if layers[0].shape[0] else extended[0].shape[0] - 1
    return reduce_layers(extended, root)


def reduce_layers(layers: Layers, root: int = 0) -> Layers:
    """Return the canonical diagram: no dead or unreachable node, no duplicates.

    Node ``root`` of layer 0 becomes node 0.
    """
    sizes = [layer.shape[1] for layer in layers]
    if not layers or layers[0].shape[0] == 0:
        return empty_layers(sizes)
    remap = np.zeros(1, dtype=np.int64)
    reduced: Layers = [np.zeros((0, 0), dtype=np.int32)] * len(layers)
    for i in reversed(range(len(layers))):
        layer = layers[i].astype(np.int64)
        if remap.size:
            mapped = np.where(layer >= 0, remap[np.maximum(layer, 0)], -1)
        else:
            mapped = np.full(layer.shape, -1, dtype=np.int64)
        alive = np.flatnonzero((mapped >= 0).any(axis=1))
        first, classes = row_classes(mapped[alive])
        remap = np.full(layer.shape[0], -1, dtype=np.int64)
        remap[alive] = classes
        reduced[i] = mapped[alive][first]
    new_root = int(remap[root])
    if new_root < 0:
        return empty_layers(sizes)
    return _keep_reachable(reduced, new_root)


def _keep_reachable(layers: Layers, root: int) -> Layers:
    reachable = np.zeros(layers[0].shape[0], dtype=bool)
    reachable[root] = True
    kept = []
    for i, layer in enumerate(layers):
        kept.append(np.flatnonzero(reachable))
        below = layers[i + 1].shape[0] if i + 1 < len(layers) else 1
        reachable = np.zeros(below, dtype=bool)
        targets = layer[kept[-1]]
        reachable[targets[targets >= 0]] = True
    # The root comes first in layer 0 because it is the only node kept there.
    result = []
    for i, layer in enumerate(layers):
        if i + 1 < len(layers):
            renumber = np.full(layers[i + 1].shape[0], -1, dtype=np.int64)
            renumber[kept[i + 1]] = np.arange(kept[i + 1].size)
        else:
            renumber = np.zeros(1, dtype=np.int64)
        rows = layer[kept[i]]
        result.append(
            np.where(rows >= 0, renumber[np.maximum(rows, 0)], -1).astype(np.int32)
        )
    return result


def conjoin(
    operands: Sequence[Operand],
    sizes: Sequence[int],
    masks: Sequence[np.ndarray] | None = None,
    width_limit: int | None = None,
) -> Layers | None:
    """Build the product of diagrams top-down, without reducing it.

    Parameters
    ----------
    operands
        Diagrams over subsets of the layers; each must have a root.
    sizes
        Domain size of every layer of the product.
    masks
        Optional boolean array per layer: values outside it are left out.
    width_limit
        Give up, returning ``None``, once a layer has more nodes than this.

    Returns
    -------
    Layers or None
        Layers to pass to :func:`reduce_layers`; ``None`` past the limit.
    """
    count = len(sizes)
    touching: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    for number, operand in enumerate(operands):
        if operand.layers[0].shape[0] == 0:
            return empty_layers(sizes)
        for level, position in enumerate(operand.positions):
            touching[position].append((number, level))

    active: list[int] = []
    states = np.zeros((1, 0), dtype=np.int32)
    layers: Layers = []
    for i in range(count):
        if states.shape[0] == 0:
            return layers + empty_layers(sizes[i:])
        values = np.arange(sizes[i]) if masks is None else np.flatnonzero(masks[i])
        starting = [number for number, level in touching[i] if level == 0]
        if starting:
            active = active + starting
            start = np.zeros((states.shape[0], len(starting)), dtype=np.int32)
            states = np.hstack([states, start])
        column = {number: k for k, number in enumerate(active)}
        moves = [(column[n], operands[n].layers[level]) for n, level in touching[i]]
        ending = {
            n for n, level in touching[i] if level == len(operands[n].positions) - 1
        }
        kept = [k for k, number in enumerate(active) if number not in ending]
        children, states = _expand(states, moves, kept, values, sizes[i])
        active = [number for number in active if number not in ending]
        layers.append(children)
        if width_limit is not None and states.shape[0] > width_limit:
            return None
    return layers


def _expand(
    states: np.ndarray,
    moves: list[tuple[int, np.ndarray]],
    kept: list[int],
    values: np.ndarray,
    size: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Expand one layer of :func:`conjoin`: children and the next states."""
    count = states.shape[0]
    children = np.full((count, size), -1, dtype=np.int32)
    if not moves:
        children[:, values] = np.arange(count, dtype=np.int32)[:, None]
        return children, states[:, kept]

    moved = {k for k, _ in moves}
    static = [k for k in kept if k not in moved]
    moved_kept = [k for k in kept if k in moved]
    weights = _MULTIPLIERS[: len(kept)]
    static_weights = np.array([weights[kept.index(k)] for k in static], np.int64)
    moved_weights = np.array([weights[kept.index(k)] for k in moved_kept], np.int64)
    static_hash = states[:, static].astype(np.int64) @ static_weights

    sources, chosen, targets, hashes = [], [], [], []
    for value in values:
        ok = np.ones(count, dtype=bool)
        reached = {}
        for k, layer in moves:
            child = layer[states[:, k], value]
            ok &= child >= 0
            reached[k] = child
        rows = np.flatnonzero(ok)
        target = np.empty((rows.size, len(moved_kept)), dtype=np.int32)
        for column, k in enumerate(moved_kept):
            target[:, column] = reached[k][rows]
        sources.append(rows)
        chosen.append(np.full(rows.size, value, dtype=np.int64))
        targets.append(target)
        hashes.append(static_hash[rows] + target.astype(np.int64) @ moved_weights)
    source = np.concatenate(sources)
    value_of = np.concatenate(chosen)
    target = np.concatenate(targets)
    if source.size == 0:
        return children, np.zeros((0, len(kept)), dtype=np.int32)

    _, first, classes = np.unique(
        np.concatenate(hashes), return_index=True, return_inverse=True
    )
    classes = classes.reshape(-1)
    if not _classes_hold(states, static, source, target, first, classes):
        logger.debug("state hash collision; grouping exactly")
        full = np.hstack([states[source][:, static], target])
        _, first, classes = np.unique(
            full, axis=0, return_index=True, return_inverse=True
        )
        classes = classes.reshape(-1)
    children[source, value_of] = classes
    new_states = np.zeros((first.size, len(kept)), dtype=np.int32)
    new_states[:, [kept.index(k) for k in static]] = states[source[first]][:, static]
    new_states[:, [kept.index(k) for k in moved_kept]] = target[first]
    return children, new_states


def _classes_hold(states, static, source, target, first, classes) -> bool:
    """Check that rows grouped by hash really are equal, a chunk at a time."""
    representative_static = states[source[first]][:, static]
    representative_target = target[first]
    for start in range(0, source.size, _CHUNK):
        part = slice(start, start + _CHUNK)
        group = classes[part]
        if not np.array_equal(target[part], representative_target[group]):
            return False
        if not np.array_equal(
            states[source[part]][:, static], representative_static[group]
        ):
            return False
    return True


def swap_adjacent(layers: Layers, i: int) -> tuple[np.ndarray, np.ndarray]:
    """Return new layers ``i`` and ``i + 1`` with their variables exchanged.

    Nodes of layer ``i`` keep their number and meaning; layer ``i + 1`` is
    rebuilt, so the result stays reduced when the input is.
    """
    upper = layers[i].astype(np.int64)
    lower = layers[i + 1].astype(np.int64)
    count, first_size = upper.shape
    second_size = lower.shape[1]
    # through[u, a, b]: node two layers down reached by values a then b.
    through = np.where(upper[:, :, None] >= 0, lower[np.maximum(upper, 0)], -1)
    # One candidate middle node per (u, b): its children over a.
    candidates = through.transpose(0, 2, 1).reshape(count * second_size, first_size)
    alive = np.flatnonzero((candidates >= 0).any(axis=1))
    new_upper = np.full(count * second_size, -1, dtype=np.int64)
    first, classes = row_classes(candidates[alive])
    new_upper[alive] = classes
    new_lower = candidates[alive][first]
    return (
        new_upper.reshape(count, second_size).astype(np.int32),
        new_lower.astype(np.int32),
    )


def sift(
    diagram: Diagram,
    max_growth: float = 1.2,
    time_limit: float | None = None,
) -> Diagram:
    """Improve the variable order of ``diagram`` by sifting.

    Each variable in turn, the widest layers first, moves through every
    position and stays where the diagram has the fewest edges. A sweep in
    one direction stops early once the diagram grows past ``max_growth``
    times its size at the start of that variable's move.
    """
    layers = list(diagram.layers)
    order = list(diagram.order)
    count = len(layers)
    if count < 2:
        return diagram
    sizes = [int(np.count_nonzero(layer >= 0)) for layer in layers]
    started = time.monotonic()

    def exchange(i: int) -> None:
        layers[i], layers[i + 1] = swap_adjacent(layers, i)
        order[i], order[i + 1] = order[i + 1], order[i]
        for k in (i, i + 1):
            sizes[k] = int(np.count_nonzero(layers[k] >= 0))

    def snapshot() -> tuple[Layers, list[int], list[int]]:
        # Swaps build new arrays and never change old ones, so copying the
        # lists of references is enough to return to this order later.
        return list(layers), list(order), list(sizes)

    def restore(state: tuple[Layers, list[int], list[int]]) -> None:
        layers[:], order[:], sizes[:] = state

    by_width = sorted(order, key=lambda v: -sizes[order.index(v)])
    for variable in by_width:
        if time_limit is not None and time.monotonic() - started > time_limit:
            logger.debug("sifting stopped at its time limit")
            break
        start = order.index(variable)
        start_size = sum(sizes)
        initial = snapshot()
        best_size, best = start_size, initial
        ends = [0, count - 1] if start < count // 2 else [count - 1, 0]
        for end in ends:
            restore(initial)
            position = start
            while position != end:
                if end > position:
                    exchange(position)
                    position += 1
                else:
                    exchange(position - 1)
                    position -= 1
                total = sum(sizes)
                if total < best_size:
                    best_size, best = total, snapshot()
                if total > max_growth * start_size:
                    break
        restore(best)
    return Diagram(tuple(order), layers, diagram.terminal)
