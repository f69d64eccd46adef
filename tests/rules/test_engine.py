import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.engine import Engine
from rules.errors import DesignValueError, RuleDefinitionError
from rules.model import Choice, Derived, Parameter, Rule, RuleModel


def number(name, low, high, step=1, kind="integer", default=None):
    return Parameter(
        name,
        kind,
        {"en": name},
        low if default is None else default,
        minimum=low,
        maximum=high,
        step=step,
    )


def choice(name, values, default=None, group_by=None, groups=None):
    groups = groups or {}
    return Parameter(
        name,
        "choice",
        {"en": name},
        values[0] if default is None else default,
        choices=tuple(Choice(v, {"en": str(v)}, groups.get(v)) for v in values),
        group_by=group_by,
    )


def rule(rule_id, expression, severity="error"):
    return Rule(rule_id, severity, {"en": rule_id}, expression=expression)


def brute_force(engine, fixed_values):
    """Return the values each parameter takes in some valid design."""
    names = [p.name for p in engine.variables]
    texts = {n: engine.parameters[n].default for n in engine.text_names}
    seen = {n: set() for n in names}
    for combination in itertools.product(*engine.values):
        design = dict(zip(names, combination, strict=True), **texts)
        if any(design[n] != v for n, v in fixed_values.items()):
            continue
        if engine.evaluate(design).orderable:
            for n in names:
                seen[n].add(design[n])
    return seen


def test_domains_follow_fixed_choices():
    engine = Engine(
        RuleModel(
            (number("a", 1, 5), number("b", 1, 5), choice("c", ["x", "y"])),
            rules=(rule("lt", "a < b"), rule("big", 'if c == "y" then a + b >= 7')),
        )
    )
    design = engine.coerce({"c": "y"})
    domains = engine.domains(design, fixed=["c"])
    assert domains.offered["a"] == (2, 3, 4)
    assert domains.offered["b"] == (4, 5)
    assert domains.withheld["c"] == ("x",)


def test_warnings_do_not_withhold_values():
    engine = Engine(
        RuleModel((number("a", 1, 3),), rules=(rule("small", "a < 2", "warning"),))
    )
    design = engine.coerce({"a": 3})
    assert engine.domains(design).offered["a"] == (1, 2, 3)
    evaluation = engine.evaluate(design)
    assert evaluation.orderable
    assert [v.rule for v in evaluation.warnings] == ["small"]


def test_decimal_parameter_uses_its_step():
    parameter = number("depth", 1.2, 3.0, 0.1, kind="decimal")
    assert len(parameter.domain()) == 19
    assert parameter.domain()[3] == 1.5
    assert parameter.coerce(1.5000000001) == 1.5
    with pytest.raises(DesignValueError) as caught:
        parameter.coerce(1.55)
    assert "depth" in str(caught.value)
    assert "steps of 0.1" in str(caught.value)


def test_group_by_links_values_to_their_group():
    systems = choice("system", ["US", "JP"])
    sizes = choice(
        "size",
        ["US 7", "US 8", "JP 14"],
        group_by="system",
        groups={"US 7": "US", "US 8": "US", "JP 14": "JP"},
    )
    engine = Engine(RuleModel((systems, sizes)))
    design = engine.coerce({"system": "JP", "size": "JP 14"})
    domains = engine.domains(design, fixed=["system"])
    assert domains.offered["size"] == ("JP 14",)


def test_derived_values_and_message_fields():
    engine = Engine(
        RuleModel(
            (number("width", 1, 10), number("depth", 1, 10)),
            derived=(Derived("ratio", "width / depth", {"en": "ratio"}),),
            rules=(
                Rule(
                    "ratio",
                    "error",
                    {"en": "ratio is {ratio}, limit 3"},
                    expression="ratio <= 3",
                ),
            ),
        )
    )
    evaluation = engine.evaluate(engine.coerce({"width": 10, "depth": 3}))
    assert evaluation.derived["ratio"] == pytest.approx(10 / 3)
    assert evaluation.errors[0].message() == "ratio is 3.33, limit 3"


def test_text_rule_restricts_numbers():
    text = Parameter("engraving", "text", {"en": "e"}, "", max_length=20)
    engine = Engine(
        RuleModel(
            (number("width", 1, 10), text),
            rules=(rule("fits", "len(engraving) <= width"),),
        )
    )
    design = engine.coerce({"engraving": "abcdefgh"})
    assert engine.domains(design).offered["width"] == (8, 9, 10)


def test_impossible_text_relaxes_text_rules():
    text = Parameter("engraving", "text", {"en": "e"}, "", max_length=40)
    engine = Engine(
        RuleModel(
            (number("width", 1, 3), text),
            rules=(rule("fits", "len(engraving) <= width"),),
        )
    )
    domains = engine.domains(engine.coerce({"engraving": "far too long"}))
    assert domains.relaxed == "text"
    assert domains.offered["width"] == (1, 2, 3)


def test_complete_keeps_fixed_and_current_values():
    engine = Engine(
        RuleModel(
            (number("a", 1, 5), number("b", 1, 5), number("c", 1, 5)),
            rules=(rule("lt", "a < b"),),
        )
    )
    design = engine.coerce({"a": 4, "b": 2, "c": 5})
    completed = engine.complete(design, fixed=["a"])
    assert completed["a"] == 4
    assert completed["b"] == 5
    assert completed["c"] == 5


def test_explain_names_the_blocking_rule():
    engine = Engine(
        RuleModel(
            (number("a", 1, 5), choice("m", ["gold", "silver"])),
            rules=(rule("soft", 'if m == "silver" then a >= 3'),),
        )
    )
    design = engine.coerce({"a": 1})
    assert [v.rule for v in engine.explain(design, "m", "silver")] == ["soft"]


@pytest.mark.parametrize(
    ("model", "fragment"),
    [
        (
            RuleModel((number("a", 1, 3),), rules=(rule("r", "b > 1"),)),
            "unknown name 'b'",
        ),
        (
            RuleModel(
                (number("a", 1, 3),),
                derived=(
                    Derived("x", "y + 1", {"en": "x"}),
                    Derived("y", "x + a", {"en": "y"}),
                ),
            ),
            "cycle: x -> y -> x",
        ),
        (
            RuleModel((number("a", 1, 3), number("a", 1, 3))),
            "defined twice",
        ),
        (
            RuleModel((number("a", 1, 3),), rules=(rule("r", "a + 1"),)),
            "gives a number, but a bool is needed",
        ),
        (
            RuleModel(
                (choice("m", ["oak", "pine"]),),
                rules=(rule("r", "stiff[m] > 1"),),
                lookups={"stiff": {"oak": 12}},
            ),
            "no entry for m = pine",
        ),
        (
            RuleModel(
                (choice("m", ["oak"]),),
                rules=(
                    Rule(
                        "t",
                        "error",
                        {"en": "t"},
                        table_kind="forbidden",
                        table_parameters=("m",),
                        rows=(("elm",),),
                    ),
                ),
            ),
            "'elm' is not accepted",
        ),
    ],
)
def test_definition_errors(model, fragment):
    with pytest.raises(RuleDefinitionError) as caught:
        Engine(model)
    assert fragment in str(caught.value)


OPERATORS = ["<", "<=", "!=", "=="]


@st.composite
def random_models(draw):
    count = draw(st.integers(2, 4))
    parameters = tuple(
        number(f"p{i}", 0, draw(st.integers(1, 3))) for i in range(count)
    )
    rules = []
    for index in range(draw(st.integers(1, 5))):
        a, b = draw(
            st.lists(st.integers(0, count - 1), min_size=2, max_size=2, unique=True)
        )
        operator = draw(st.sampled_from(OPERATORS))
        offset = draw(st.integers(-1, 1))
        rules.append(rule(f"r{index}", f"p{a} + {offset} {operator} p{b}"))
    if draw(st.booleans()):
        a, b, c = (draw(st.integers(0, count - 1)) for _ in range(3))
        rules.append(rule("sum", f"p{a} + p{b} + p{c} <= {draw(st.integers(1, 6))}"))
    fixed = draw(
        st.dictionaries(st.integers(0, count - 1), st.integers(0, 1), max_size=2)
    )
    return RuleModel(parameters, rules=tuple(rules)), {
        f"p{k}": v for k, v in fixed.items()
    }


@settings(max_examples=150, deadline=None)
@given(random_models())
def test_domains_match_brute_force(case):
    model, fixed_values = case
    engine = Engine(model)
    design = {**engine.coerce({}), **fixed_values}
    domains = engine.domains(design, fixed=fixed_values)
    expected = brute_force(engine, fixed_values)
    if not any(expected.values()):
        assert domains.relaxed is not None or not any(domains.offered.values())
        return
    assert domains.relaxed is None
    for name, values in expected.items():
        assert set(domains.offered[name]) == values, name


@settings(max_examples=60, deadline=None)
@given(random_models())
def test_completion_is_valid_and_keeps_fixed(case):
    model, fixed_values = case
    engine = Engine(model)
    design = {**engine.coerce({}), **fixed_values}
    completed = engine.complete(design, fixed=fixed_values)
    possible = any(brute_force(engine, fixed_values).values())
    assert (completed is not None) == possible
    if completed is not None:
        assert engine.evaluate(completed).orderable
        for name, value in fixed_values.items():
            assert completed[name] == value


def test_value_outside_its_group_is_an_error():
    systems = choice("system", ["US", "JP"])
    sizes = choice(
        "size",
        ["US 7", "JP 14"],
        group_by="system",
        groups={"US 7": "US", "JP 14": "JP"},
    )
    engine = Engine(RuleModel((systems, sizes)))
    evaluation = engine.evaluate({"system": "US", "size": "JP 14"})
    assert not evaluation.orderable
    assert evaluation.errors[0].rule == "size-group"
    assert "choose a US value" in evaluation.errors[0].message()
