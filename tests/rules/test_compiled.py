import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.compiled import CompiledModel, quickxplain
from rules.compiler import compile_model
from rules.search import TableSolver
from tests.rules.helpers import (
    assignments,
    extending,
    solutions,
    table_models,
    valid_values,
)


def compiled(model):
    return CompiledModel(model, compile_model(model))


@st.composite
def models_with_assignments(draw):
    model = draw(table_models())
    return model, draw(assignments(model))


@settings(max_examples=120, deadline=None)
@given(models_with_assignments())
def test_valid_values_match_brute_force(case):
    model, assignment = case
    valid, consistent = compiled(model).valid_values(assignment)
    assert consistent == bool(extending(solutions(model), assignment))
    for got, expected in zip(valid, valid_values(model, assignment), strict=True):
        assert np.array_equal(got, expected)


@settings(max_examples=60, deadline=None)
@given(models_with_assignments(), st.data())
def test_answers_follow_changed_and_undone_choices(case, data):
    """The flags kept between queries never leak into the next result."""
    model, assignment = case
    engine = compiled(model)
    steps = [assignment, {}, assignment]
    for _ in range(3):
        steps.append(data.draw(st.sampled_from([{}, assignment])) | {})
        if model.names:
            variable = data.draw(st.integers(0, len(model.names) - 1))
            value = data.draw(st.integers(0, model.sizes[variable] - 1))
            steps.append({**steps[-1], variable: value})
    for step in steps:
        valid, _ = engine.valid_values(step)
        for got, expected in zip(valid, valid_values(model, step), strict=True):
            assert np.array_equal(got, expected)


@settings(max_examples=80, deadline=None)
@given(models_with_assignments())
def test_count_matches_brute_force(case):
    model, assignment = case
    expected = len(extending(solutions(model), assignment))
    assert compiled(model).count(assignment) == expected


@settings(max_examples=80, deadline=None)
@given(models_with_assignments(), st.data())
def test_closest_solution_changes_the_fewest_values(case, data):
    model, assignment = case
    preferred = [data.draw(st.integers(0, s - 1)) for s in model.sizes]
    solution = compiled(model).closest(assignment, preferred)
    candidates = extending(solutions(model), assignment)
    if not candidates:
        assert solution is None
        return
    assert tuple(solution) in candidates

    def changes(s):
        return sum(a != b for a, b in zip(s, preferred, strict=True))

    assert changes(solution) == min(changes(s) for s in candidates)


@settings(max_examples=80, deadline=None)
@given(models_with_assignments(), st.data())
def test_repair_changes_the_fewest_choices(case, data):
    model, assignment = case
    variable = data.draw(st.integers(0, len(model.names) - 1))
    value = data.draw(st.integers(0, model.sizes[variable] - 1))
    preferred = [assignment.get(v, 0) for v in range(len(model.names))]
    others = {v: k for v, k in assignment.items() if v != variable}
    solution = compiled(model).repair(others, variable, value, preferred)
    candidates = extending(solutions(model), {variable: value})
    if not candidates:
        assert solution is None
        return
    assert tuple(solution) in candidates

    def changed_choices(s):
        return sum(s[v] != k for v, k in others.items())

    assert changed_choices(solution) == min(changed_choices(s) for s in candidates)


@settings(max_examples=80, deadline=None)
@given(models_with_assignments(), st.data())
def test_conflicts_are_real_and_minimal(case, data):
    model, assignment = case
    variable = data.draw(st.integers(0, len(model.names) - 1))
    value = data.draw(st.integers(0, model.sizes[variable] - 1))
    engine = compiled(model)
    conflict = engine.minimal_conflict(assignment, variable, value)
    found = solutions(model)
    others = {v: k for v, k in assignment.items() if v != variable}
    if conflict is None:
        assert extending(found, {**others, variable: value})
        return
    culprit = {v: assignment[v] for v in conflict}
    assert not extending(found, {**culprit, variable: value})
    for left_out in conflict:
        rest = {v: k for v, k in culprit.items() if v != left_out}
        assert extending(found, {**rest, variable: value})

    culprit[variable] = value
    tables = engine.conflicting_tables(culprit)
    assert tables
    assert not extending(solutions(model, tables), culprit)
    for left_out in tables:
        rest = [t for t in tables if t is not left_out]
        assert extending(solutions(model, rest), culprit)


@settings(max_examples=80, deadline=None)
@given(models_with_assignments())
def test_search_agrees_with_brute_force(case):
    model, assignment = case
    solver = TableSolver(model.tables, model.sizes)
    masks = solver.full_masks()
    for variable, value in assignment.items():
        masks[variable][:] = False
        masks[variable][value] = True
    solution = solver.solve(masks)
    candidates = extending(solutions(model), assignment)
    assert (solution is None) == (not candidates)
    if solution is not None:
        assert tuple(solution) in candidates


def test_quickxplain_returns_a_minimal_subset():
    def consistent(items):
        return not ({2, 5} <= set(items) or {7} <= set(items))

    assert sorted(quickxplain([], list(range(10)), consistent)) == [2, 5]
    assert quickxplain([], [], consistent) == []


@settings(max_examples=40, deadline=None)
@given(table_models(), st.lists(st.integers(0, 4), max_size=3))
def test_conjoined_tables_match_brute_force(model, split):
    """Compiling some tables and adding the rest later gives the same model."""
    cut = len(split) % (len(model.tables) + 1)
    first = model.tables[:cut]
    base_model = type(model)(model.names, model.values, first)
    base = CompiledModel(base_model, compile_model(base_model))
    joined = base.conjoin(model.tables[cut:])
    assert joined.count({}) == len(solutions(model))
    assert len(joined.tables.tables) == len(model.tables)
