"""Passes over the paths of a compiled diagram: valid values, counts, repairs.

Every query takes ``allowed``, a boolean array over all (layer, value) slots
of the diagram (``slot = value_offsets[layer] + value index``), which is how
choices restrict the variables. Nodes and edges of all layers are numbered in
one sequence so that a pass is one short numpy step per layer.

For an assignment, ``forward[u]`` is true when some path from the root to
node ``u`` uses only allowed values, and ``backward[u]`` when some path from
``u`` to the terminal does. Value ``v`` of layer ``i`` is still possible
exactly when an edge ``u --v--> w`` of that layer has ``forward[u]`` and
``backward[w]``. The edge's own layer is left out of both flags, so for a
chosen variable the result lists the values that fit all *other* choices.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from rules.mdd import Diagram

# Larger than any path cost a repair can have.
_UNREACHABLE = np.iinfo(np.int64).max // 4


class Paths:
    """Edge arrays of a diagram, and the passes that compute query results.

    The last forward and backward flags are kept, so a query that differs
    from the previous one in a single choice recomputes only the layers that
    choice can affect. Queries from several threads are serialised.
    """

    def __init__(self, diagram: Diagram) -> None:
        layers = diagram.layers
        count = len(layers)
        self.count = count
        self.sizes = diagram.sizes
        node_counts = [layer.shape[0] for layer in layers] + [1]
        self.node_offsets = np.concatenate([[0], np.cumsum(node_counts)])
        self.value_offsets = np.concatenate([[0], np.cumsum(self.sizes)]).astype(
            np.int64
        )
        self.terminal = int(self.node_offsets[count])
        self.empty = diagram.empty

        sources, targets, slots, edge_counts, starts = [], [], [], [], []
        for i, layer in enumerate(layers):
            node, value = np.nonzero(layer >= 0)
            sources.append(node + self.node_offsets[i])
            targets.append(layer[node, value] + self.node_offsets[i + 1])
            slots.append(value + self.value_offsets[i])
            edge_counts.append(node.size)
            first = np.ones(node.size, dtype=bool)
            first[1:] = node[1:] != node[:-1]
            starts.append(np.flatnonzero(first))
        self.edge_offsets = np.concatenate([[0], np.cumsum(edge_counts)]).astype(
            np.int64
        )
        self.source = _concatenate(sources)
        self.target = _concatenate(targets)
        self.slot = _concatenate(slots)
        # starts[i]: offsets of each node's first edge within layer i's edges;
        # every node of a reduced diagram has at least one edge.
        self.starts = starts
        # Per layer: its node slice and views of its edges' arrays, made once
        # because every pass visits every layer.
        self._layers = [
            (
                slice(self.node_offsets[i], self.node_offsets[i + 1]),
                self.source[self._edges(i)],
                self.target[self._edges(i)],
                self.slot[self._edges(i)],
                starts[i],
            )
            for i in range(count)
        ]
        self._lock = threading.Lock()
        self._allowed: np.ndarray | None = None
        self._forward = np.zeros(self.terminal + 1, dtype=bool)
        self._backward = np.zeros(self.terminal + 1, dtype=bool)

    @property
    def slot_count(self) -> int:
        return int(self.value_offsets[-1])

    def everything(self) -> np.ndarray:
        """Return an ``allowed`` array that restricts nothing."""
        return np.ones(self.slot_count, dtype=bool)

    def _restricted(self, allowed: np.ndarray) -> np.ndarray:
        if self.count == 0:
            return np.zeros(0, dtype=bool)
        return ~np.logical_and.reduceat(allowed, self.value_offsets[:-1])

    def _edges(self, i: int) -> slice:
        return slice(self.edge_offsets[i], self.edge_offsets[i + 1])

    def _nodes(self, i: int) -> slice:
        return slice(self.node_offsets[i], self.node_offsets[i + 1])

    def _pass_backward(
        self, allowed: np.ndarray, restricted: np.ndarray, flags: np.ndarray, top: int
    ) -> None:
        """Recompute ``flags`` for layers ``top`` down to 0."""
        flags[self.terminal] = True
        for i in range(top, -1, -1):
            nodes, _, targets, slots, starts = self._layers[i]
            ok = flags[targets]
            if restricted[i]:
                ok &= allowed[slots]
            if ok.size:
                flags[nodes] = np.logical_or.reduceat(ok, starts)

    def _pass_forward(
        self, allowed: np.ndarray, restricted: np.ndarray, flags: np.ndarray, low: int
    ) -> None:
        """Recompute ``flags`` for layers ``low + 1`` to the terminal."""
        flags[self.node_offsets[low + 1] :] = False
        flags[0] = True
        for i in range(low, self.count):
            _, sources, targets, slots, _ = self._layers[i]
            live = flags[sources]
            if restricted[i]:
                live &= allowed[slots]
            flags[targets[live]] = True

    def valid(self, allowed: np.ndarray) -> tuple[np.ndarray, bool]:
        """Return the possible slots and whether ``allowed`` itself has a path.

        A slot is possible when a path through it uses allowed values in
        every other layer.
        """
        if self.empty:
            return np.zeros(self.slot_count, dtype=bool), False
        with self._lock:
            self._update(allowed)
            ok = self._forward[self.source] & self._backward[self.target]
            possible = np.zeros(self.slot_count, dtype=bool)
            possible[self.slot[ok]] = True
            return possible, bool(self._backward[0])

    def _update(self, allowed: np.ndarray) -> None:
        restricted = self._restricted(allowed)
        if self._allowed is None:
            low, high = 0, self.count - 1
        else:
            changed = np.flatnonzero(self._allowed != allowed)
            if changed.size == 0:
                return
            layer_of = np.searchsorted(self.value_offsets, changed, side="right") - 1
            low, high = int(layer_of[0]), int(layer_of[-1])
        self._pass_forward(allowed, restricted, self._forward, low)
        self._pass_backward(allowed, restricted, self._backward, high)
        self._allowed = allowed.copy()

    def consistent(self, allowed: np.ndarray) -> bool:
        """Return whether some path uses only allowed values."""
        if self.empty:
            return False
        flags = np.zeros(self.terminal + 1, dtype=bool)
        restricted = self._restricted(allowed)
        flags[self.terminal] = True
        for i in range(self.count - 1, -1, -1):
            edges = self._edges(i)
            ok = flags[self.target[edges]]
            if restricted[i]:
                ok &= allowed[self.slot[edges]]
            if not ok.any():
                return False
            flags[self._nodes(i)] = np.logical_or.reduceat(ok, self.starts[i])
        return bool(flags[0]) if self.count else True

    def count_paths(self, allowed: np.ndarray) -> int:
        """Return the exact number of paths that use only allowed values."""
        if self.empty:
            return 0
        counts = np.zeros(self.terminal + 1, dtype=object)
        counts[self.terminal] = 1
        restricted = self._restricted(allowed)
        for i in range(self.count - 1, -1, -1):
            edges = self._edges(i)
            weights = counts[self.target[edges]]
            if restricted[i]:
                weights = np.where(allowed[self.slot[edges]], weights, 0)
            if weights.size:
                counts[self._nodes(i)] = np.add.reduceat(weights, self.starts[i])
        return int(counts[0])

    def cheapest(self, allowed: np.ndarray, costs: np.ndarray) -> list[int] | None:
        """Return the value index per layer of a cheapest allowed path.

        ``costs`` gives a non-negative integer cost per slot; a path costs the
        sum over its edges. Ties go to the lowest value index, layer by layer
        from the top. Returns ``None`` when no path uses only allowed values.
        """
        if self.empty:
            return None
        best = np.full(self.terminal + 1, _UNREACHABLE, dtype=np.int64)
        best[self.terminal] = 0
        edge_cost = np.full(self.source.size, _UNREACHABLE, dtype=np.int64)
        for i in range(self.count - 1, -1, -1):
            edges = self._edges(i)
            cost = costs[self.slot[edges]] + best[self.target[edges]]
            cost[~allowed[self.slot[edges]]] = _UNREACHABLE
            np.minimum(cost, _UNREACHABLE, out=cost)
            edge_cost[edges] = cost
            if cost.size:
                best[self._nodes(i)] = np.minimum.reduceat(cost, self.starts[i])
        if self.count and best[0] >= _UNREACHABLE:
            return None
        path = []
        node = 0
        for i in range(self.count):
            edges = self._edges(i)
            local = node - self.node_offsets[i]
            low = edges.start + self.starts[i][local]
            high = (
                edges.start + self.starts[i][local + 1]
                if local + 1 < self.starts[i].size
                else edges.stop
            )
            pick = low + int(np.argmin(edge_cost[low:high]))
            path.append(int(self.slot[pick] - self.value_offsets[i]))
            node = int(self.target[pick])
        return path


def _concatenate(parts: Sequence[np.ndarray]) -> np.ndarray:
    if not parts:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(parts).astype(np.int64)
