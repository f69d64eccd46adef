"""Small table models and brute-force results to check the compiled ones."""

import itertools

import numpy as np
from hypothesis import strategies as st

from rules.tables import Table, TableModel


@st.composite
def table_models(draw, max_variables=5, max_size=3, max_tables=5):
    """Draw a small model: a few variables and random tables over them."""
    count = draw(st.integers(1, max_variables))
    sizes = [draw(st.integers(1, max_size)) for _ in range(count)]
    tables = []
    for number in range(draw(st.integers(0, max_tables))):
        arity = draw(st.integers(1, min(3, count)))
        scope = draw(st.permutations(range(count)))[:arity]
        every = list(itertools.product(*(range(sizes[v]) for v in scope)))
        rows = draw(st.lists(st.sampled_from(every), max_size=len(every) + 1))
        supports = draw(st.booleans())
        tables.append(Table(f"t{number}", tuple(scope), np.array(rows), supports))
    names = tuple(f"x{i}" for i in range(count))
    values = tuple(tuple(range(size)) for size in sizes)
    return TableModel(names, values, tuple(tables))


@st.composite
def assignments(draw, model):
    """Draw an assignment of some variables of ``model``."""
    chosen = draw(st.sets(st.integers(0, len(model.names) - 1)))
    return {v: draw(st.integers(0, model.sizes[v] - 1)) for v in chosen}


def solutions(model, tables=None):
    """Return every solution of ``model`` (or of ``tables`` only) as tuples."""
    tables = model.tables if tables is None else tables
    found = []
    for combination in itertools.product(*(range(s) for s in model.sizes)):
        if all(t.allows([combination[v] for v in t.scope]) for t in tables):
            found.append(combination)
    return found


def extending(found, assignment):
    """Return the solutions that agree with ``assignment``."""
    return [s for s in found if all(s[v] == k for v, k in assignment.items())]


def valid_values(model, assignment):
    """Return, per variable, the values of solutions that agree with every
    assigned value except the variable's own."""
    found = solutions(model)
    result = []
    for variable, size in enumerate(model.sizes):
        others = {v: k for v, k in assignment.items() if v != variable}
        seen = {s[variable] for s in extending(found, others)}
        result.append(np.array([k in seen for k in range(size)]))
    return result
