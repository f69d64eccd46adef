import math

import pytest

from rules.errors import RuleSyntaxError, RuleTypeError
from rules.expressions import (
    BOOL,
    NUMBER,
    STRING,
    Scope,
    compile_node,
    infer_type,
    names_used,
    parse,
)

SCOPE = Scope(
    values={"width": NUMBER, "depth": NUMBER, "metal": STRING, "text": STRING},
    tables={"density": (STRING, NUMBER, frozenset({"gold", "silver"}))},
)
TABLES = {"density": {"gold": 15.6, "silver": 10.4}}
CONTEXT = {"width": 4.0, "depth": 1.5, "metal": "gold", "text": "ab"}


def evaluate(source, context=CONTEXT):
    node = parse(source)
    infer_type(node, SCOPE, source)
    return compile_node(node, TABLES, {})(context)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("-width + 10", 6.0),
        ("width / depth <= 3", True),
        ("width / depth > 3", False),
        ("density[metal] * 2", 31.2),
        ('metal == "gold" and depth >= 1.5', True),
        ('not metal == "gold" or width < 1', False),
        ('metal in ["silver", "gold"]', True),
        ('metal not in ["silver", "gold"]', False),
        ("len(text) <= 2", True),
        ("max(width, depth, 9)", 9),
        ("floor(pi)", 3),
        ("round(2.345, 2)", 2.35),
        ("if width > 3 then 1 else 2", 1),
    ],
)
def test_expression_values(source, expected):
    assert evaluate(source) == pytest.approx(expected)


def test_implication_without_else():
    assert evaluate('if metal == "silver" then depth >= 9') is True
    assert evaluate('if metal == "gold" then depth >= 9') is False


def test_comparison_tolerates_float_noise():
    assert evaluate("0.1 + 0.2 <= 0.3") is True


def test_division_by_zero_fails_comparison():
    assert evaluate("width / (depth - 1.5) <= 3") is False


def test_names_used_skips_constants():
    assert names_used(parse("pi * width + density[metal]")) == {"width", "metal"}


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("width +", "expected a value"),
        ("width >= 2 2", "unexpected '2'"),
        ("width $ 2", "unexpected character '$'"),
        ("if width > 2 depth", "expected 'then'"),
    ],
)
def test_syntax_errors_point_at_column(source, fragment):
    with pytest.raises(RuleSyntaxError) as caught:
        parse(source)
    assert fragment in str(caught.value)
    assert "column" in str(caught.value)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("colour == 2", "unknown name 'colour'"),
        ('width == "wide"', "cannot compare a number with a string"),
        ("width and depth", "needs bools"),
        ("len(width)", "argument 1 of len() must be a string"),
        ("density[width]", "keyed by string, not number"),
        ("weight[metal]", "unknown lookup table 'weight'"),
        ("cube(width)", "unknown function 'cube'"),
        ("if width then 1 else 2", "condition after 'if'"),
        ("if width > 1 then 1", "without 'else'"),
    ],
)
def test_type_errors_name_the_problem(source, fragment):
    with pytest.raises(RuleTypeError) as caught:
        infer_type(parse(source), SCOPE, source)
    assert fragment in str(caught.value)


def test_result_types():
    assert infer_type(parse("width * 2"), SCOPE, "") == NUMBER
    assert infer_type(parse("width > 2"), SCOPE, "") == BOOL
    assert infer_type(parse("metal"), SCOPE, "") == STRING


def test_no_python_evaluation():
    with pytest.raises(RuleSyntaxError):
        parse("__import__('os').system('true')")
    assert not math.isnan(evaluate("pi"))
