"""Static variable orders for compiling a model, from its constraint graph.

The size of a decision diagram depends mostly on its variable order: an
order that keeps the variables of each constraint close together keeps few
partial assignments distinct between them. These heuristics read only the
constraint scopes; :mod:`rules.compiler` compiles under several of them and
keeps the smallest result.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np


def primal_graph(count: int, scopes: Sequence[Sequence[int]]) -> list[set[int]]:
    """Return each variable's neighbours: the variables it shares a scope with."""
    neighbours: list[set[int]] = [set() for _ in range(count)]
    for scope in scopes:
        for variable in scope:
            neighbours[variable].update(other for other in scope if other != variable)
    return neighbours


def maximum_cardinality(count: int, scopes: Sequence[Sequence[int]], start: int):
    """Return a maximum cardinality search order.

    Starting from ``start``, each next variable is the one with the most
    neighbours already placed; ties go to the lowest index.
    """
    neighbours = primal_graph(count, scopes)
    weight = [0] * count
    placed = [False] * count
    heap = [(0, variable) for variable in range(count)]
    weight[start] = 1
    heapq.heappush(heap, (-1, start))
    order = []
    while heap:
        negative, variable = heapq.heappop(heap)
        if placed[variable] or -negative != weight[variable]:
            continue
        placed[variable] = True
        order.append(variable)
        for other in neighbours[variable]:
            if not placed[other]:
                weight[other] += 1
                heapq.heappush(heap, (-weight[other], other))
    return order


def elimination(count: int, scopes: Sequence[Sequence[int]], criterion: str):
    """Return the reverse of a greedy elimination order.

    ``criterion`` is ``"min-fill"`` (eliminate the variable whose neighbours
    need the fewest new edges to form a clique) or ``"min-degree"``. The
    last variable eliminated comes first.
    """
    neighbours = [set(n) for n in primal_graph(count, scopes)]
    remaining = set(range(count))
    eliminated = []
    while remaining:
        variable = min(
            remaining, key=lambda v: _elimination_cost(neighbours, v, criterion)
        )
        around = neighbours[variable]
        for other in around:
            neighbours[other] |= around - {other}
            neighbours[other].discard(variable)
        remaining.discard(variable)
        eliminated.append(variable)
    return eliminated[::-1]


def _elimination_cost(neighbours: list[set[int]], variable: int, criterion: str):
    around = neighbours[variable]
    if criterion == "min-degree":
        return (len(around), variable)
    missing = sum(len(around - neighbours[other]) - 1 for other in around) // 2
    return (missing, len(around), variable)


def force(
    count: int,
    scopes: Sequence[Sequence[int]],
    initial: Sequence[int],
    iterations: int = 40,
) -> list[int]:
    """Return a FORCE order.

    Each step moves every variable to the mean centre of gravity of its
    scopes and sorts; the order with the smallest total scope span wins.
    """
    position = np.empty(count)
    position[list(initial)] = np.arange(count)
    best = list(initial)
    best_span = _span(position, scopes)
    for _ in range(iterations):
        total = np.zeros(count)
        weight = np.zeros(count)
        for scope in scopes:
            centre = position[list(scope)].mean()
            total[list(scope)] += centre
            weight[list(scope)] += 1
        target = np.where(weight > 0, total / np.maximum(weight, 1), position)
        order = list(np.lexsort((position, target)))
        position = np.empty(count)
        position[order] = np.arange(count)
        span = _span(position, scopes)
        if span >= best_span:
            break
        best, best_span = [int(v) for v in order], span
    return best


def _span(position: np.ndarray, scopes: Sequence[Sequence[int]]) -> float:
    return float(
        sum(position[list(s)].max() - position[list(s)].min() for s in scopes if s)
    )


def candidate_orders(
    count: int, scopes: Sequence[Sequence[int]]
) -> dict[str, list[int]]:
    """Return a few promising orders by name, every variable once in each.

    Variables outside every scope go last in all of them.
    """
    scopes = [tuple(scope) for scope in scopes if len(scope) > 1]
    constrained = sorted({v for scope in scopes for v in scope})
    free_set = set(range(count)) - set(constrained)
    free = sorted(free_set)
    if not constrained:
        return {"given": list(range(count))}
    degree = [0] * count
    for scope in scopes:
        for variable in scope:
            degree[variable] += len(scope) - 1
    busiest = max(constrained, key=lambda v: (degree[v], -v))
    quietest = min(constrained, key=lambda v: (degree[v], v))

    orders = {
        "mcs-busiest": maximum_cardinality(count, scopes, busiest),
        "mcs-quietest": maximum_cardinality(count, scopes, quietest),
        "min-fill": elimination(count, scopes, "min-fill"),
        "min-degree": elimination(count, scopes, "min-degree"),
    }
    orders["force"] = force(count, scopes, orders["mcs-busiest"])
    result = {}
    for name, order in orders.items():
        result[name] = [v for v in order if v not in free_set] + free
    return result
