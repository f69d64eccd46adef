"""The real Renault configuration models, checked against an independent solver.

Each model is compiled once per test session into a private cache folder.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.cache import CompiledCache
from rules.engine import Engine
from rules.search import TableSolver
from rules.tables import TableModel
from rules.xcsp import load_engine, read_xcsp
from tests.conftest import SHARED_DATA

MEDIUM = SHARED_DATA / "configuration" / "renault-medium" / "medium_domainsorted.xml"
SALES = SHARED_DATA / "configuration" / "renault-medium" / "config_medium_filtered.txt"
MEGANE = SHARED_DATA / "configuration" / "megane.xml"


@dataclass
class Compiled:
    path: Path
    cache: CompiledCache
    engine: Engine
    model: TableModel


def compiled_once(path, tmp_path_factory) -> Compiled:
    cache = CompiledCache(tmp_path_factory.mktemp("compiled"))
    return Compiled(path, cache, load_engine(path, cache), read_xcsp(path))


@pytest.fixture(scope="session")
def medium(tmp_path_factory):
    return compiled_once(MEDIUM, tmp_path_factory)


@pytest.fixture(scope="session")
def megane(tmp_path_factory):
    return compiled_once(MEGANE, tmp_path_factory)


def test_counts_every_valid_configuration(medium, megane):
    assert medium.engine.count() == 278_744
    assert megane.engine.count() == 2_835_456_006_272


@pytest.mark.parametrize("which", ["medium", "megane"])
def test_cached_form_loads_without_compiling(request, which, caplog):
    compiled = request.getfixturevalue(which)
    caplog.set_level(logging.DEBUG, logger="rules")
    again = load_engine(compiled.path, compiled.cache)
    assert "compiled model loaded from the cache" in caplog.text
    assert not [r for r in caplog.records if r.name == "rules.compiler"]
    assert again.count() == compiled.engine.count()
    design = again.coerce({})
    chosen = [again.variables[3].name, again.variables[40].name]
    assert again.domains(design, chosen) == compiled.engine.domains(design, chosen)


def test_every_sale_is_a_valid_configuration(medium):
    lines = SALES.read_text(encoding="utf-8").split("\n")
    header = lines[0].split()
    sales = {tuple(line.split()) for line in lines[1:] if line.strip()}
    assert len(sales) == 939
    engine = medium.engine
    for sale in sales:
        values = dict(zip(header, (int(v) for v in sale), strict=True))
        assert engine.count({**engine.coerce({}), **values}, header) > 0, sale


@st.composite
def sessions(draw, engine):
    """Draw a sequence of choices; each picks a value offered at that step."""
    design = engine.coerce({})
    chosen = []
    for _ in range(draw(st.integers(1, 12))):
        domains = engine.domains(design, chosen)
        open_names = [
            p.name
            for p in engine.variables
            if p.name not in chosen and len(domains.offered[p.name]) > 1
        ]
        if not open_names:
            break
        name = draw(st.sampled_from(open_names))
        design[name] = draw(st.sampled_from(domains.offered[name]))
        chosen.append(name)
    return design, chosen


def solver_masks(model, solver, picked):
    masks = solver.full_masks()
    for name, value in picked.items():
        index = model.index[name]
        masks[index][:] = False
        masks[index][model.values[index].index(value)] = True
    return masks


def completes(compiled, design, others, name, value):
    """Complete ``name = value`` through the diagram and check every table."""
    engine, model = compiled.engine, compiled.model
    completed = engine.complete({**design, name: value}, [*others, name])
    if completed is None:
        return False
    indices = [model.values[v].index(completed[n]) for v, n in enumerate(model.names)]
    assert model.violated(indices) == []
    assert all(completed[c] == design[c] for c in others)
    return True


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_medium_answers_agree_with_search(medium, data):
    """Offered values have a solution and withheld ones have none, as found
    by search over the tables without the diagram."""
    engine, model = medium.engine, medium.model
    design, chosen = data.draw(sessions(engine))
    domains = engine.domains(design, chosen)
    assert domains.relaxed is None
    solver = TableSolver(model.tables, model.sizes)
    for _ in range(3):
        name = data.draw(st.sampled_from([p.name for p in engine.variables]))
        others = [c for c in chosen if c != name]
        for value in engine.values[model.index[name]]:
            picked = {**{c: design[c] for c in others}, name: value}
            found = solver.solve(solver_masks(model, solver, picked))
            offered = value in domains.offered[name]
            assert (found is not None) == offered, (name, value)
            assert completes(medium, design, others, name, value) == offered


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_megane_offered_values_complete(megane, data):
    """Every offered value completes, through the diagram, to a
    configuration that satisfies every table; a withheld value does not."""
    engine = megane.engine
    design, chosen = data.draw(sessions(engine))
    domains = engine.domains(design, chosen)
    for _ in range(3):
        name = data.draw(st.sampled_from([p.name for p in engine.variables]))
        others = [c for c in chosen if c != name]
        for value in domains.offered[name]:
            assert completes(megane, design, others, name, value)
        for value in domains.withheld[name]:
            assert not completes(megane, design, others, name, value)


@pytest.mark.parametrize("which", ["medium", "megane"])
def test_explanations_really_exclude_the_value(request, which):
    compiled = request.getfixturevalue(which)
    engine, model = compiled.engine, compiled.model
    rng = np.random.default_rng(7)
    design = engine.coerce({})
    chosen = []
    for _ in range(10):
        domains = engine.domains(design, chosen)
        names = [
            n
            for n in domains.offered
            if n not in chosen and len(domains.offered[n]) > 1
        ]
        name = names[int(rng.integers(len(names)))]
        offered = domains.offered[name]
        design[name] = offered[int(rng.integers(len(offered)))]
        chosen.append(name)
    domains = engine.domains(design, chosen)
    withheld = [(n, v) for n, values in domains.withheld.items() for v in values]
    by_name = {t.name: t for t in model.tables}
    for position in rng.choice(len(withheld), size=4, replace=False):
        name, value = withheld[position]
        explanation = engine.explanation(design, name, value, chosen)
        assert explanation is not None
        assert set(explanation.choices) <= set(chosen) - {name}
        tables = [by_name[v.rule] for v in explanation.rules]
        solver = TableSolver(tables, model.sizes)
        picked = {**explanation.choices, name: value}
        assert solver.solve(solver_masks(model, solver, picked)) is None
        repair = engine.repair(design, name, value, chosen)
        if repair is not None:
            assert engine.evaluate(repair.values).orderable
            assert repair.changes
            assert set(repair.changes) <= set(chosen)
