"""Compile a finite-domain model into one reduced decision diagram.

Each table becomes a small diagram of its own. Their product is built
top-down under a few heuristic variable orders and reduced. The smallest
result is kept, and sifting then improves its order. The diagram holds
exactly the solutions of the model, so every later query is exact.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

import numpy as np

from rules.mdd import (
    Diagram,
    Operand,
    complement_layers,
    conjoin,
    empty_layers,
    reduce_layers,
    sift,
    table_layers,
)
from rules.ordering import candidate_orders
from rules.tables import Table, TableModel

logger = logging.getLogger(__name__)

# The first order tried may build layers this wide before reduction. A model
# that needs more under every heuristic order is rejected as too large.
FIRST_WIDTH_LIMIT = 2_000_000
# Later orders stop once a layer is this many times wider, before reduction,
# than the widest layer of the best order so far. Such an order rarely ends
# up smaller, and finishing it costs time and memory.
WIDTH_FACTOR = 2
SIFT_ROUNDS = 4
# A query on a diagram with at most this many edges takes microseconds
# whatever its order, so compilation keeps the first order that gives one.
SMALL_DIAGRAM = 1_000


class CompileError(ValueError):
    """A model whose diagram grows past the width limit under every order."""


def table_operand(table: Table, layer_of: Sequence[int], sizes: Sequence[int]):
    """Return ``table`` as an :class:`Operand` of a product in a given order.

    ``layer_of[v]`` is the layer of variable ``v``; ``sizes`` are the domain
    sizes by variable.
    """
    positions = [layer_of[v] for v in table.scope]
    columns = np.argsort(positions)
    ordered = tuple(int(positions[c]) for c in columns)
    domain = [sizes[table.scope[c]] for c in columns]
    layers = table_layers(table.rows[:, columns], domain)
    if not table.supports:
        layers = complement_layers(layers)
    return Operand(ordered, layers)


def product_of(
    model: TableModel,
    tables: Sequence[Table],
    order: Sequence[int],
    masks: Sequence[np.ndarray] | None = None,
    width_limit: int | None = None,
) -> Diagram | None:
    """Return the reduced diagram of ``tables`` in ``order``.

    ``masks`` optionally restricts each layer's values. Returns ``None`` when
    a layer grows past ``width_limit`` before reduction.
    """
    built = _build(model, tables, order, masks, width_limit)
    return None if built is None else built[0]


def _build(model, tables, order, masks=None, width_limit=None):
    """Return the reduced diagram and the widest layer before reduction."""
    layer_of = np.empty(len(order), dtype=np.int64)
    layer_of[list(order)] = np.arange(len(order))
    sizes = model.sizes
    layer_sizes = [sizes[v] for v in order]
    operands = []
    for table in tables:
        if not table.scope:
            if not table.allows(()):
                return Diagram(tuple(order), empty_layers(layer_sizes), False), 0
            continue
        operands.append(table_operand(table, layer_of, sizes))
    layers = conjoin(operands, layer_sizes, masks, width_limit)
    if layers is None:
        return None
    widest = max((layer.shape[0] for layer in layers), default=0)
    if not order:
        return Diagram((), [], True), widest
    return Diagram(tuple(order), reduce_layers(layers)), widest


def compile_model(model: TableModel, time_limit: float = 90.0) -> Diagram:
    """Compile every table of ``model`` into one reduced diagram.

    Parameters
    ----------
    model
        Variables and tables.
    time_limit
        Seconds after which order improvement stops; the diagram is exact
        whatever the time spent, only its size depends on it.

    Raises
    ------
    CompileError
        When no heuristic order keeps the construction under the width limit.
    """
    started = time.monotonic()
    scopes = [table.scope for table in model.tables]
    best: Diagram | None = None
    limit = FIRST_WIDTH_LIMIT
    for name, order in candidate_orders(len(model.names), scopes).items():
        built = _build(model, model.tables, order, width_limit=limit)
        if built is None:
            logger.debug("order %s passed the width limit %d", name, limit)
            continue
        diagram, widest = built
        logger.debug(
            "order %s: %d nodes, %d edges", name, diagram.node_count, diagram.edge_count
        )
        if best is None or diagram.edge_count < best.edge_count:
            best = diagram
            limit = max(10_000, WIDTH_FACTOR * widest)
        if diagram.empty or best.edge_count <= SMALL_DIAGRAM:
            return best
    if best is None:
        # TODO: fall back to conjoining the tables bottom-up, two at a time,
        # for models whose every order is this wide before reduction.
        raise CompileError(
            f"the model's {len(model.tables)} tables over {len(model.names)} "
            f"variables need more than {FIRST_WIDTH_LIMIT:,} nodes in one layer "
            "under every order tried; split large tables or remove variables"
        )
    for _ in range(SIFT_ROUNDS):
        remaining = time_limit - (time.monotonic() - started)
        if remaining <= 0:
            break
        before = best.edge_count
        best = sift(best, time_limit=remaining)
        logger.debug("sifted: %d edges, was %d", best.edge_count, before)
        if best.edge_count > 0.98 * before:
            break
    logger.info(
        "compiled %d variables and %d tables into %d nodes and %d edges in %.1f s",
        len(model.names),
        len(model.tables),
        best.node_count,
        best.edge_count,
        time.monotonic() - started,
    )
    return best
