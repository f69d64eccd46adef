import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.compiled import CompiledModel
from rules.compiler import compile_model
from rules.engine import Engine
from rules.errors import DesignValueError, RuleDefinitionError
from rules.groups import counterpart
from rules.model import Choice, Derived, Parameter, Rule, RuleModel
from rules.tables import Table, TableModel


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
    """Return the values each parameter takes in some valid design that keeps
    every fixed value except, for a fixed parameter, its own."""
    names = [p.name for p in engine.variables]
    texts = {n: engine.parameters[n].default for n in engine.text_names}
    seen = {n: set() for n in names}
    for combination in itertools.product(*engine.values):
        design = dict(zip(names, combination, strict=True), **texts)
        differ = {n for n, v in fixed_values.items() if design[n] != v}
        if len(differ) > 1 or not engine.evaluate(design).orderable:
            continue
        for n in names:
            if not differ - {n}:
                seen[n].add(design[n])
    return seen


def valid_designs(engine, fixed_values):
    """Return every valid design that keeps all the fixed values."""
    names = [p.name for p in engine.variables]
    texts = {n: engine.parameters[n].default for n in engine.text_names}
    designs = []
    for combination in itertools.product(*engine.values):
        design = dict(zip(names, combination, strict=True), **texts)
        if any(design[n] != v for n, v in fixed_values.items()):
            continue
        if engine.evaluate(design).orderable:
            designs.append(design)
    return designs


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
    # A chosen parameter offers the values that fit the other choices.
    assert domains.offered["c"] == ("x", "y")
    design = engine.coerce({"a": 1, "c": "x"})
    domains = engine.domains(design, fixed=["a", "c"])
    assert domains.withheld["c"] == ("y",)
    assert domains.offered["a"] == (1, 2, 3, 4)
    assert domains.offered["b"] == (2, 3, 4, 5)


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


@pytest.mark.parametrize("value", [1e308, -1e308, 1e20, 10**400])
def test_huge_number_is_rejected_by_its_rule(value):
    parameter = number("depth", 1.2, 3.0, 0.1, kind="decimal")
    with pytest.raises(DesignValueError) as caught:
        parameter.coerce(value)
    assert "expected a number from 1.2 to 3" in str(caught.value)
    # A value of hundreds of digits is named by its length, not printed.
    assert len(str(caught.value)) < 200


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


def width_and_engraving(rule_id: str, expression: str) -> Engine:
    """Return an engine of a width from 1 to 10, an engraving and one rule."""
    text = Parameter("engraving", "text", {"en": "e"}, "", max_length=20)
    return Engine(
        RuleModel((number("width", 1, 10), text), rules=(rule(rule_id, expression),))
    )


def test_text_rule_restricts_numbers():
    engine = width_and_engraving("fits", "len(engraving) <= width")
    design = engine.coerce({"engraving": "abcdefgh"})
    assert engine.domains(design).offered["width"] == (8, 9, 10)


def test_decomposed_accents_count_once():
    text = Parameter("engraving", "text", {"en": "e"}, "", max_length=20)
    # "É" typed as "E" and a combining acute accent is one letter.
    decomposed = "E\u0301" * 20
    value = text.coerce(decomposed)
    assert value == "\u00c9" * 20
    assert len(value) == 20


def test_long_text_quoted_as_excerpt():
    text = Parameter("engraving", "text", {"en": "e"}, "", max_length=40)
    with pytest.raises(DesignValueError) as caught:
        text.coerce("A" * 995 + "Bcdef")
    message = str(caught.value)
    assert "'AAAAAAAAAAAAAAAAAAAA'… (1000 characters)" in message
    assert "Bcdef" not in message
    assert len(message) < 200
    assert "at most 40 characters" in message


def test_short_text_quoted_whole():
    number_only = number("depth", 1, 3)
    with pytest.raises(DesignValueError) as caught:
        number_only.coerce("twenty characters!!")
    assert "'twenty characters!!' is not accepted" in str(caught.value)


def test_trim_ignores_surrounding_spaces():
    engine = width_and_engraving(
        "marked", "if len(trim(engraving)) > 0 then width >= 5"
    )
    blank = engine.evaluate(engine.coerce({"engraving": "     ", "width": 1}))
    assert blank.orderable
    marked = engine.evaluate(engine.coerce({"engraving": "  A  ", "width": 1}))
    assert [violation.rule for violation in marked.errors] == ["marked"]


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
    if not valid_designs(engine, fixed_values):
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
    possible = valid_designs(engine, fixed_values)
    assert (completed is not None) == bool(possible)
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
    assert "choose a size for US." in evaluation.errors[0].message()


def ring_like():
    """Depth, profile and metal with two rules, and an engraving."""
    return Engine(
        RuleModel(
            (
                number("depth", 1.2, 2.0, 0.1, kind="decimal", default=1.7),
                choice("profile", ["flat", "court", "d_shape"], default="court"),
                choice("metal", ["gold", "silver"]),
                Parameter("engraving", "text", {"en": "e"}, "", max_length=20),
            ),
            rules=(
                rule("court-depth", 'if profile == "court" then depth >= 1.5'),
                rule("silver-depth", 'if metal == "silver" then depth >= 1.6'),
                rule("engraving-depth", "if len(engraving) > 0 then depth >= 1.3"),
                rule("engraving-length", "len(engraving) <= depth * 5"),
            ),
        )
    )


def test_explanation_names_the_fewest_choices_and_their_rules():
    engine = ring_like()
    design = engine.coerce({"depth": 1.4, "profile": "flat", "metal": "gold"})
    chosen = ["depth", "profile", "metal"]
    explanation = engine.explanation(design, "profile", "court", chosen)
    assert explanation.choices == {"depth": 1.4}
    assert [v.rule for v in explanation.rules] == ["court-depth"]
    assert engine.explanation(design, "profile", "d_shape", chosen) is None

    chosen_depth = engine.coerce({"depth": 1.5, "profile": "court", "metal": "gold"})
    explanation = engine.explanation(chosen_depth, "metal", "silver", chosen)
    assert explanation.choices == {"depth": 1.5}
    assert [v.rule for v in explanation.rules] == ["silver-depth"]


def test_text_conflict_names_text_rules():
    engine = ring_like()
    design = engine.coerce({"depth": 1.5, "engraving": "x" * 8})
    explanation = engine.explanation(design, "depth", 1.2, ["depth"])
    assert explanation.choices == {}
    assert {v.rule for v in explanation.rules} <= {
        "engraving-depth",
        "engraving-length",
    }
    assert explanation.rules


def test_repair_changes_fewest_choices():
    engine = ring_like()
    design = engine.coerce({"depth": 1.4, "profile": "flat", "metal": "gold"})
    repair = engine.repair(design, "metal", "silver", ["depth", "profile", "metal"])
    assert repair.changes == {"depth": (1.4, 1.6)}
    assert repair.adjusted == {}
    assert repair.values["profile"] == "flat"
    assert engine.evaluate(repair.values).orderable
    assert engine.repair(design, "metal", "silver", []).changes == {}


def test_count_is_exact_and_follows_text():
    engine = ring_like()
    design = engine.coerce({})
    expected = sum(
        1
        for depth in engine.values[engine.index["depth"]]
        for profile in ("flat", "court", "d_shape")
        for metal in ("gold", "silver")
        if (profile != "court" or depth >= 1.5 - 1e-9)
        and (metal != "silver" or depth >= 1.6 - 1e-9)
    )
    assert engine.count(design) == expected
    long_text = engine.coerce({"engraving": "x" * 9})
    # Nine letters need depth * 5 >= 9, so depth 1.8 or more.
    assert engine.count(long_text) == sum(
        1
        for depth in engine.values[engine.index["depth"]]
        if depth >= 1.8 - 1e-9
        for profile in ("flat", "court", "d_shape")
        for metal in ("gold", "silver")
    )
    assert engine.count(long_text, ["metal"]) == 3 * 3


def test_dead_values_are_those_no_design_can_use():
    engine = Engine(
        RuleModel(
            (number("a", 1, 5), number("b", 1, 5)),
            rules=(rule("lt", "a < b"), rule("small", "b <= 4")),
        )
    )
    assert engine.dead_values() == {"a": (4, 5), "b": (1, 5)}


def test_duplicate_rule_ids_are_rejected():
    with pytest.raises(RuleDefinitionError) as caught:
        Engine(RuleModel((number("a", 1, 3),), rules=(rule("r", "a > 1"),) * 2))
    assert caught.value.location == "rules[1].id"
    assert "'r' is already used by rules[0]" in str(caught.value)


@st.composite
def models_with_text(draw):
    model, fixed = draw(random_models())
    text = Parameter("t", "text", {"en": "t"}, "", max_length=10)
    extra = [
        rule("fits", f"len(t) <= p0 + p1 + {draw(st.integers(0, 2))}"),
        rule("marked", f"if len(t) > {draw(st.integers(0, 3))} then p1 >= 1"),
    ]
    model = RuleModel(model.parameters + (text,), rules=model.rules + tuple(extra))
    return model, fixed, draw(st.text(alphabet="ab", max_size=6))


@settings(max_examples=80, deadline=None)
@given(models_with_text())
def test_rules_over_text_stay_exact(case):
    model, fixed_values, text = case
    engine = Engine(model)
    design = {**engine.coerce({"t": text}), **fixed_values}
    domains = engine.domains(design, fixed=fixed_values)
    names = [p.name for p in engine.variables]
    valid = []
    for combination in itertools.product(*engine.values):
        candidate = dict(zip(names, combination, strict=True), t=text)
        if engine.evaluate(candidate).orderable:
            valid.append(candidate)
    keeps = [d for d in valid if all(d[n] == v for n, v in fixed_values.items())]
    assert engine.count(design, fixed_values) == len(keeps)
    if not keeps:
        assert domains.relaxed is not None
        return
    for name in names:
        others = {n: v for n, v in fixed_values.items() if n != name}
        expected = {d[name] for d in valid if all(d[n] == v for n, v in others.items())}
        assert set(domains.offered[name]) == expected, name


def labelled_sizes():
    """A size system and ring sizes grouped by it, labelled in both languages."""
    systems = Parameter(
        "size_system",
        "choice",
        {"en": "Size system", "zh_CN": "尺码体系"},
        "US",
        choices=(
            Choice("US", {"en": "US / Canada", "zh_CN": "美国 / 加拿大"}),
            Choice("JP", {"en": "Japan", "zh_CN": "日本"}),
        ),
    )
    sizes = Parameter(
        "size",
        "choice",
        {"en": "Ring size", "zh_CN": "戒指尺码"},
        "US 7",
        choices=(
            Choice("US 7", {"en": "7", "zh_CN": "7"}, "US"),
            Choice("US 8", {"en": "8", "zh_CN": "8"}, "US"),
            Choice("JP 14", {"en": "14", "zh_CN": "14"}, "JP"),
        ),
        group_by="size_system",
    )
    return Engine(RuleModel((systems, sizes)))


GROUP_MESSAGES = {
    "en": "Ring size 14 (Japan) is not in the size system US / Canada; choose "
    "a ring size for US / Canada, from 'US 7' to 'US 8'.",
    "zh_CN": "戒指尺码 14（日本）不属于尺码体系“美国 / 加拿大”，"
    "请选择“美国 / 加拿大”的戒指尺码（'US 7' 至 'US 8'）。",
}


def test_group_error_uses_labels():
    engine = labelled_sizes()
    error = engine.evaluate({"size_system": "US", "size": "JP 14"}).errors[0]
    assert error.message("en") == GROUP_MESSAGES["en"]
    assert error.message("zh_CN") == GROUP_MESSAGES["zh_CN"]


def test_group_explanation_uses_labels():
    engine = labelled_sizes()
    design = engine.coerce({"size_system": "US", "size": "US 7"})
    rules = engine.explain(design, "size", "JP 14", fixed=["size_system"])
    assert [v.rule for v in rules] == ["size-group"]
    assert rules[0].message("en") == GROUP_MESSAGES["en"]
    assert rules[0].message("zh_CN") == GROUP_MESSAGES["zh_CN"]


def numbered_sizes(jp_sizes=("JP 13", "JP 14", "JP 15")):
    """Size systems US and JP, with US sizes listed first as in the catalog."""
    systems = choice("size_system", ["US", "JP"])
    us_sizes = ("US 6", "US 7", "US 8")
    groups = {value: value.split()[0] for value in us_sizes + jp_sizes}
    sizes = choice(
        "size", list(us_sizes + jp_sizes), group_by="size_system", groups=groups
    )
    return Engine(RuleModel((systems, sizes)))


def coerce_error(engine, values):
    with pytest.raises(DesignValueError) as caught:
        engine.coerce(values)
    return caught.value


def test_size_outside_system_offers_own_sizes():
    error = coerce_error(numbered_sizes(), {"size_system": "JP", "size": "JP 40"})
    message = str(error)
    assert message.startswith("size: 'JP 40' is not accepted because size_system")
    assert "Choose one from 'JP 13' to 'JP 15'." in message
    assert message.endswith("The nearest is 'JP 15'.")
    assert "US" not in message
    assert error.parameter == "size"
    assert error.value == "JP 40"


def test_size_between_two_names_both():
    error = coerce_error(numbered_sizes(), {"size_system": "JP", "size": "JP 13.5"})
    assert str(error).endswith("The nearest are 'JP 13', 'JP 14'.")


def test_bare_number_size_offers_nearest():
    error = coerce_error(numbered_sizes(), {"size_system": "US", "size": 7.2})
    assert "Choose one from 'US 6' to 'US 8'." in str(error)
    assert str(error).endswith("The nearest is 'US 7'.")


def test_other_system_size_comes_after():
    error = coerce_error(numbered_sizes(), {"size_system": "JP", "size": "US 1"})
    message = str(error)
    own = message.index("Choose one from 'JP 13' to 'JP 15'.")
    other = message.index(
        "In size_system 'US' the values run from 'US 6' to 'US 8'. "
        "The nearest is 'US 6'."
    )
    assert own < other


def test_lettered_sizes_give_range_only():
    engine = numbered_sizes(jp_sizes=("JP A", "JP B"))
    error = coerce_error(engine, {"size_system": "JP", "size": "JP 1"})
    assert str(error).endswith("Choose one from 'JP A' to 'JP B'.")


def test_size_error_in_default_system():
    error = coerce_error(numbered_sizes(), {"size": "US 11"})
    assert "Choose one from 'US 6' to 'US 8'." in str(error)
    assert str(error).endswith("The nearest is 'US 8'.")


@pytest.mark.parametrize("size", ["jp 14", " Jp  14 ", "14", 14, "JP 14.0"])
def test_size_spelled_otherwise_names_listed(size):
    error = coerce_error(numbered_sizes(), {"size_system": "JP", "size": size})
    assert error.value == size
    assert "Choose one from 'JP 13' to 'JP 15'." in str(error)
    assert str(error).endswith("Write it as 'JP 14'.")


@pytest.mark.parametrize("size", ["13½", "JP 13½", "jp 13 ½"])
def test_half_size_names_listed(size):
    engine = numbered_sizes(jp_sizes=("JP 13", "JP 13.5", "JP 14"))
    error = coerce_error(engine, {"size_system": "JP", "size": size})
    assert str(error).endswith("Write it as 'JP 13.5'.")


def test_half_between_sizes_offers_nearest():
    error = coerce_error(numbered_sizes(), {"size_system": "JP", "size": "jp 14½"})
    assert str(error).endswith("The nearest are 'JP 14', 'JP 15'.")


def test_quarter_size_offers_nearest():
    error = coerce_error(numbered_sizes(), {"size_system": "US", "size": "6¾"})
    assert str(error).endswith("The nearest is 'US 7'.")


def test_lettered_size_in_lower_case():
    engine = numbered_sizes(jp_sizes=("JP A", "JP A½", "JP B"))
    error = coerce_error(engine, {"size_system": "JP", "size": "jp a½"})
    assert "Choose one from 'JP A' to 'JP B'." in str(error)
    assert str(error).endswith("Write it as 'JP A½'.")


def test_other_system_in_lower_case():
    error = coerce_error(numbered_sizes(), {"size_system": "JP", "size": "us 7"})
    message = str(error)
    assert "Choose one from 'JP 13' to 'JP 15'. In size_system 'US'" in message
    assert message.endswith(
        "In size_system 'US' the values run from 'US 6' to 'US 8'. Write it as 'US 7'."
    )


@pytest.mark.parametrize(
    "size",
    [
        "JP inf",
        "JP nan",
        float("inf"),
        10**400,
        "²",
        "JP 1e1",
        "1_4",
        "jp 0xe",
        "1" * 99,
    ],
)
def test_size_without_finite_number(size):
    error = coerce_error(numbered_sizes(), {"size_system": "JP", "size": size})
    assert str(error).endswith("Choose one from 'JP 13' to 'JP 15'.")


def sized_engine(systems, measures, measured=True):
    """Return an engine of a size system and a size, each size with its
    measure in mm from ``measures``, or with none unless ``measured``."""
    sizes = Parameter(
        "size",
        "choice",
        {"en": "size"},
        next(iter(measures)),
        choices=tuple(
            Choice(value, {"en": value}, value.split()[0], mm if measured else None)
            for value, mm in measures.items()
        ),
        group_by="size_system",
    )
    return Engine(RuleModel((choice("size_system", systems), sizes)))


def measured_sizes():
    """US and JP ring sizes with their inner diameters in mm."""
    diameters = {"US 6": 16.5, "US 7": 17.3, "US 8": 18.1}
    diameters |= {"JP 13": 17.0, "JP 14": 17.3, "JP 15": 17.7, "JP 16": 18.0}
    return sized_engine(["US", "JP"], diameters)


@pytest.mark.parametrize("size", ["14", 14, "１４", " 14.0 "])
def test_bare_number_of_other_group_names_chart_size(size):
    error = coerce_error(measured_sizes(), {"size_system": "US", "size": size})
    assert str(error).endswith(
        f"Choose one from 'US 6' to 'US 8'. {size!r} looks like a size in "
        "size_system 'JP': the chart lists 'US 7' for 'JP 14'."
    )


def test_unmeasured_other_size_named_alone():
    error = coerce_error(numbered_sizes(), {"size_system": "US", "size": "14"})
    assert str(error).endswith(
        "Choose one from 'US 6' to 'US 8'. '14' looks like a size in another "
        "size_system: 'JP 14'."
    )
    assert "nearest" not in str(error)


def shared_number_sizes(measured=True):
    """Shoe sizes in EU, UK and US, where UK and US both list 7 and 8.

    The foot lengths in mm put UK 7 at EU 41 and US 7 at EU 40.
    """
    feet = {"EU 39": 245.0, "EU 40": 252.0, "EU 41": 258.0}
    feet |= {"UK 7": 257.0, "UK 8": 265.0, "US 7": 250.0, "US 8": 258.0}
    return sized_engine(["EU", "UK", "US"], feet, measured)


@pytest.mark.parametrize("size", ["7", 7, "７", "7.0", "7,0"])
def test_number_of_two_groups_names_both(size):
    error = coerce_error(shared_number_sizes(), {"size_system": "EU", "size": size})
    assert str(error).endswith(
        f"Choose one from 'EU 39' to 'EU 41'. {size!r} looks like a size in more "
        "than one other size_system: the chart lists 'EU 41' for 'UK 7', "
        "'EU 40' for 'US 7'."
    )
    assert "nearest" not in str(error)


def test_unmeasured_two_groups_named_alone():
    engine = shared_number_sizes(measured=False)
    error = coerce_error(engine, {"size_system": "EU", "size": "8"})
    assert str(error).endswith(
        "Choose one from 'EU 39' to 'EU 41'. '8' looks like a size in another "
        "size_system: 'UK 8', 'US 8'."
    )


def test_own_group_number_gets_nearest():
    engine = shared_number_sizes()
    error = coerce_error(engine, {"size_system": "EU", "size": "eu 7"})
    assert str(error).endswith("The nearest is 'EU 39'.")
    assert "looks like" not in str(error)


def test_number_inside_own_range_gets_nearest():
    error = coerce_error(measured_sizes(), {"size_system": "JP", "size": "13.5"})
    assert str(error).endswith("The nearest are 'JP 13', 'JP 14'.")


def test_number_with_own_group_gets_no_chart_size():
    error = coerce_error(measured_sizes(), {"size_system": "US", "size": "us 14"})
    assert str(error).endswith("The nearest is 'US 8'.")


def test_counterpart_is_nearest_in_measure():
    engine = measured_sizes()
    size = engine.parameters["size"]
    assert counterpart(size, size.choice("JP 16"), "US").value == "US 8"
    assert counterpart(size, size.choice("US 7"), "JP").value == "JP 14"
    assert counterpart(size, size.choice("US 7"), "EU") is None
    unmeasured = numbered_sizes().parameters["size"]
    assert counterpart(unmeasured, unmeasured.choice("JP 14"), "US") is None


def test_invalid_system_reported_first():
    error = coerce_error(numbered_sizes(), {"size_system": "EU", "size": "EU 1"})
    assert error.parameter == "size_system"


def test_size_error_uses_labels():
    engine = labelled_sizes()
    error = coerce_error(engine, {"size_system": "JP", "size": "JP 99"})
    parameter = error.message.values["parameter"]
    owner = error.message.values["owner"]
    group = error.message.values["group"]
    assert parameter.label("zh_CN") == "戒指尺码"
    assert owner.label("en") == "size system"
    assert group.label("en") == "Japan"
    assert group.label("zh_CN") == "日本"
    assert str(error).endswith(
        "Choose one from 'JP 14' to 'JP 14'. The nearest is 'JP 14'."
    )


def test_table_error_names_its_variables():
    table = Table("C7", (0, 1), np.array([[0, 1]]), True)
    model = TableModel(("a", "b"), ((0, 1), (0, 1)), (table,))
    engine = Engine.from_compiled(CompiledModel(model, compile_model(model)))
    error = engine.evaluate({"a": 1, "b": 1}).errors[0]
    assert error.rule == "C7"
    assert error.message("en") == "This combination of a and b is not allowed."
    assert error.message("zh_CN") == "不允许a、b的这一组合。"
    assert "C7" not in error.message("en")


def boards():
    """A board material, with an acronym among its labels, and a rule that
    names it at a sentence's start and in its middle."""
    material = Parameter(
        "material",
        "choice",
        {"en": "Material", "zh_CN": "材料"},
        "oak",
        choices=(
            Choice("oak", {"en": "Solid oak", "zh_CN": "实木橡木"}),
            Choice("mdf", {"en": "Lacquered MDF", "zh_CN": "烤漆中密度板"}),
            Choice("hdf", {"en": "HDF", "zh_CN": "高密度板"}),
        ),
    )
    messages = {
        "en": "{material} is too soft. A 19 mm board of {material} bends.",
        "zh_CN": "{material}太软。19 毫米的{material}板会弯曲。",
    }
    rule = Rule(
        "soft", "error", messages, expression='material == "oak" or thickness >= 20'
    )
    thickness = number("thickness", 18, 20)
    return Engine(RuleModel((material, thickness), rules=(rule,)))


@pytest.mark.parametrize(
    ("value", "english"),
    [
        ("mdf", "Lacquered MDF is too soft. A 19 mm board of lacquered MDF bends."),
        ("hdf", "HDF is too soft. A 19 mm board of HDF bends."),
    ],
)
def test_label_mid_sentence_in_lower_case(value, english):
    engine = boards()
    error = engine.evaluate({"material": value, "thickness": 19}).errors[0]
    assert error.message("en") == english


def test_chinese_label_keeps_its_text():
    engine = boards()
    error = engine.evaluate({"material": "mdf", "thickness": 19}).errors[0]
    assert error.message("zh_CN") == "烤漆中密度板太软。19 毫米的烤漆中密度板板会弯曲。"
