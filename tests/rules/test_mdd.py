import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import mdd
from rules.compiler import compile_model, product_of
from rules.mdd import (
    Diagram,
    complement_layers,
    row_classes,
    sift,
    swap_adjacent,
    table_layers,
)
from rules.paths import Paths
from rules.tables import Table, TableModel
from tests.rules.helpers import solutions, table_models


def paths_of(layers):
    """Return every root-to-terminal path of layered diagram as tuples."""
    if not layers or layers[0].shape[0] == 0:
        return set()
    found = set()
    stack = [(0, 0, ())]
    while stack:
        depth, node, prefix = stack.pop()
        if depth == len(layers):
            found.add(prefix)
            continue
        for value, child in enumerate(layers[depth][node]):
            if child >= 0:
                stack.append((depth + 1, int(child), prefix + (value,)))
    return found


def in_layer_order(found, order):
    return {tuple(s[v] for v in order) for s in found}


@st.composite
def tables(draw):
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    every = list(itertools.product(*(range(s) for s in sizes)))
    rows = draw(st.lists(st.sampled_from(every), max_size=20))
    return sizes, rows


@settings(max_examples=80, deadline=None)
@given(tables())
def test_table_diagram_holds_exactly_the_rows(case):
    sizes, rows = case
    layers = table_layers(np.array(rows).reshape(-1, len(sizes)), sizes)
    assert paths_of(layers) == set(map(tuple, rows))
    every = set(itertools.product(*(range(s) for s in sizes)))
    assert paths_of(complement_layers(layers)) == every - set(map(tuple, rows))


@settings(max_examples=80, deadline=None)
@given(table_models())
def test_product_holds_exactly_the_solutions(model):
    order = list(range(len(model.names)))[::-1]
    diagram = product_of(model, model.tables, order)
    expected = in_layer_order(solutions(model), order)
    assert paths_of(diagram.layers) == expected
    assert diagram.empty == (not expected)


@settings(max_examples=60, deadline=None)
@given(table_models())
def test_reduced_diagram_is_canonical(model):
    order = list(range(len(model.names)))
    first = product_of(model, model.tables, order)
    second = product_of(model, model.tables[::-1], order)
    assert len(first.layers) == len(second.layers)
    for a, b in zip(first.layers, second.layers, strict=True):
        # Equal functions give the same canonical diagram, node for node.
        assert np.array_equal(a, b)
    for layer in first.layers:
        assert len({tuple(row) for row in layer}) == layer.shape[0]
        assert (layer >= 0).any(axis=1).all()


@settings(max_examples=60, deadline=None)
@given(table_models(), st.data())
def test_swap_and_sift_keep_the_solutions(model, data):
    order = list(range(len(model.names)))
    diagram = product_of(model, model.tables, order)
    if len(order) > 1 and not diagram.empty:
        i = data.draw(st.integers(0, len(order) - 2))
        layers = list(diagram.layers)
        layers[i], layers[i + 1] = swap_adjacent(layers, i)
        order[i], order[i + 1] = order[i + 1], order[i]
        assert paths_of(layers) == in_layer_order(solutions(model), order)
    sifted = sift(diagram)
    assert sifted.edge_count <= diagram.edge_count
    assert paths_of(sifted.layers) == in_layer_order(solutions(model), sifted.order)


@settings(max_examples=40, deadline=None)
@given(table_models())
def test_compiled_diagram_counts_the_solutions(model):
    diagram = compile_model(model)
    paths = Paths(diagram)
    assert paths.count_paths(paths.everything()) == len(solutions(model))


def test_row_classes_survive_hash_collisions():
    matrix = np.array([[1, 2], [2, 1], [1, 2], [0, 0]])
    colliding = np.zeros(2, dtype=np.int64)
    first, classes = row_classes(matrix, colliding)
    assert classes[0] == classes[2]
    assert len({classes[0], classes[1], classes[3]}) == 3
    assert (matrix[first[classes]] == matrix).all()


def test_product_survives_hash_collisions(monkeypatch):
    """With every state hashing alike, states are still grouped exactly."""
    model = _chain_model()
    expected = in_layer_order(solutions(model), range(4))
    monkeypatch.setattr(mdd, "_MULTIPLIERS", np.zeros(4096, dtype=np.int64))
    diagram = product_of(model, model.tables, list(range(4)))
    assert paths_of(diagram.layers) == expected


def _chain_model():
    """Four variables over 0..3 with a < b < c < d."""
    less = np.array([(a, b) for a in range(4) for b in range(4) if a < b])
    tables = tuple(Table(f"lt{i}", (i, i + 1), less) for i in range(3))
    names = ("a", "b", "c", "d")
    return TableModel(names, tuple((0, 1, 2, 3) for _ in names), tables)


def test_empty_model_gives_an_empty_diagram():
    never = Table("never", (0,), np.zeros((0, 1)))
    model = TableModel(("a",), ((1, 2),), (never,))
    diagram = compile_model(model)
    assert diagram.empty
    assert Paths(diagram).count_paths(Paths(diagram).everything()) == 0
    assert isinstance(diagram, Diagram)
