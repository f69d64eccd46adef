"""The rule expression language: a small, safe language parsed here, never eval.

Grammar, loosest binding first::

    expr     := "if" expr "then" expr ["else" expr] | or
    or       := and ("or" and)*
    and      := not ("and" not)*
    not      := "not" not | compare
    compare  := sum [("==" | "!=" | "<" | "<=" | ">" | ">=") sum
                     | ["not"] "in" "[" expr ("," expr)* "]"]
    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary)*
    unary    := "-" unary | atom
    atom     := NUMBER | STRING | "true" | "false" | NAME | NAME "(" args ")"
              | NAME "[" expr "]" | "(" expr ")"

``if A then B`` without ``else`` is an implication and is true when ``A`` is
false. Names refer to parameters, derived values, lookup tables (indexed with
``[ ]``) and the constant ``pi``; calls refer to a fixed set of functions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rules.errors import RuleSyntaxError, RuleTypeError

NUMBER = "number"
STRING = "string"
BOOL = "bool"

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|[-+*/<>()\[\],])
    """,
    re.VERBOSE,
)
_KEYWORDS = {"if", "then", "else", "and", "or", "not", "in", "true", "false"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens, raising :class:`RuleSyntaxError` at junk."""
    tokens = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise RuleSyntaxError(
                source, position, f"unexpected character {source[position]!r}"
            )
        kind = match.lastgroup or ""
        text = match.group()
        if kind == "name" and text in _KEYWORDS:
            kind = "keyword"
        if kind != "space":
            tokens.append(Token(kind, text, position))
        position = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


# Syntax tree -------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    position: int


@dataclass(frozen=True)
class Literal(Node):
    value: Any


@dataclass(frozen=True)
class Name(Node):
    name: str


@dataclass(frozen=True)
class Index(Node):
    table: str
    key: Node


@dataclass(frozen=True)
class Call(Node):
    function: str
    arguments: tuple[Node, ...]


@dataclass(frozen=True)
class Unary(Node):
    operator: str
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    operator: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Membership(Node):
    operand: Node
    options: tuple[Node, ...]
    negated: bool


@dataclass(frozen=True)
class Conditional(Node):
    condition: Node
    then: Node
    otherwise: Node | None


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, text: str) -> bool:
        if self.current.text == text and self.current.kind in ("op", "keyword"):
            self.index += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept(text):
            found = self.current.text or "the end"
            raise RuleSyntaxError(
                self.source,
                self.current.position,
                f"expected {text!r}, found {found!r}",
            )

    def parse(self) -> Node:
        node = self.expression()
        if self.current.kind != "end":
            raise RuleSyntaxError(
                self.source,
                self.current.position,
                f"unexpected {self.current.text!r} after a complete expression",
            )
        return node

    def expression(self) -> Node:
        start = self.current.position
        if self.accept("if"):
            condition = self.expression()
            self.expect("then")
            then = self.expression()
            otherwise = self.expression() if self.accept("else") else None
            return Conditional(start, condition, then, otherwise)
        return self.disjunction()

    def disjunction(self) -> Node:
        node = self.conjunction()
        while self.current.text == "or":
            position = self.advance().position
            node = Binary(position, "or", node, self.conjunction())
        return node

    def conjunction(self) -> Node:
        node = self.negation()
        while self.current.text == "and":
            position = self.advance().position
            node = Binary(position, "and", node, self.negation())
        return node

    def negation(self) -> Node:
        if self.current.text == "not" and self.current.kind == "keyword":
            position = self.advance().position
            return Unary(position, "not", self.negation())
        return self.comparison()

    def comparison(self) -> Node:
        node = self.sum()
        token = self.current
        if token.text in ("==", "!=", "<", "<=", ">", ">="):
            self.advance()
            return Binary(token.position, token.text, node, self.sum())
        negated = False
        if token.text == "not" and self.tokens[self.index + 1].text == "in":
            self.advance()
            negated = True
        if self.accept("in"):
            self.expect("[")
            options = [self.expression()]
            while self.accept(","):
                options.append(self.expression())
            self.expect("]")
            return Membership(token.position, node, tuple(options), negated)
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.current.text in ("+", "-"):
            token = self.advance()
            node = Binary(token.position, token.text, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.current.text in ("*", "/"):
            token = self.advance()
            node = Binary(token.position, token.text, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.current.text == "-":
            position = self.advance().position
            return Unary(position, "-", self.unary())
        return self.atom()

    def atom(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            value = float(token.text)
            return Literal(token.position, int(value) if value.is_integer() else value)
        if token.kind == "string":
            return Literal(token.position, _unquote(token.text))
        if token.text in ("true", "false") and token.kind == "keyword":
            return Literal(token.position, token.text == "true")
        if token.kind == "name":
            return self.name_tail(token)
        if token.text == "(":
            node = self.expression()
            self.expect(")")
            return node
        found = token.text or "the end"
        raise RuleSyntaxError(
            self.source, token.position, f"expected a value, found {found!r}"
        )

    def name_tail(self, token: Token) -> Node:
        if self.accept("("):
            arguments = []
            if not self.accept(")"):
                arguments.append(self.expression())
                while self.accept(","):
                    arguments.append(self.expression())
                self.expect(")")
            return Call(token.position, token.text, tuple(arguments))
        if self.accept("["):
            key = self.expression()
            self.expect("]")
            return Index(token.position, token.text, key)
        return Name(token.position, token.text)


def _unquote(text: str) -> str:
    body = text[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


def parse(source: str) -> Node:
    """Parse ``source`` into a syntax tree."""
    return _Parser(source).parse()


# Functions ---------------------------------------------------------------


@dataclass(frozen=True)
class Function:
    """A function callable from rules, with its signature for type checks.

    ``arguments`` lists the argument types; ``None`` means any number of
    arguments of type ``variadic``.
    """

    implementation: Callable[..., Any]
    arguments: tuple[str, ...] | None
    returns: str
    variadic: str = NUMBER


def _round(value: float, digits: float = 0) -> float:
    return round(value, int(digits))


BUILTIN_FUNCTIONS: dict[str, Function] = {
    "len": Function(len, (STRING,), NUMBER),
    "trim": Function(str.strip, (STRING,), STRING),
    "min": Function(min, None, NUMBER),
    "max": Function(max, None, NUMBER),
    "abs": Function(abs, (NUMBER,), NUMBER),
    "floor": Function(math.floor, (NUMBER,), NUMBER),
    "ceil": Function(math.ceil, (NUMBER,), NUMBER),
    "sqrt": Function(math.sqrt, (NUMBER,), NUMBER),
    "round": Function(_round, None, NUMBER),
}
CONSTANTS: dict[str, tuple[str, Any]] = {"pi": (NUMBER, math.pi)}


# Type checking -----------------------------------------------------------


@dataclass
class Scope:
    """Names visible to an expression, with their types.

    ``values`` maps parameter and derived names to their type; ``tables``
    maps lookup-table names to ``(key type, value type, keys)``.
    """

    values: dict[str, str]
    tables: dict[str, tuple[str, str, frozenset[Any]]] = field(default_factory=dict)
    functions: Mapping[str, Function] = field(default_factory=dict)

    def function(self, name: str) -> Function | None:
        return self.functions.get(name) or BUILTIN_FUNCTIONS.get(name)


def infer_type(node: Node, scope: Scope, source: str) -> str:
    """Return the type of ``node``, raising :class:`RuleTypeError` on misuse."""
    checker = _TypeChecker(scope, source)
    return checker.visit(node)


class _TypeChecker:
    def __init__(self, scope: Scope, source: str) -> None:
        self.scope = scope
        self.source = source

    def fail(self, node: Node, message: str) -> RuleTypeError:
        return RuleTypeError(self.source, node.position, message)

    def visit(self, node: Node) -> str:
        method = getattr(self, "visit_" + type(node).__name__)
        return method(node)

    def visit_Literal(self, node: Literal) -> str:
        if isinstance(node.value, bool):
            return BOOL
        if isinstance(node.value, str):
            return STRING
        return NUMBER

    def visit_Name(self, node: Name) -> str:
        if node.name in self.scope.values:
            return self.scope.values[node.name]
        if node.name in CONSTANTS:
            return CONSTANTS[node.name][0]
        if node.name in self.scope.tables:
            raise self.fail(
                node, f"{node.name!r} is a lookup table; index it as {node.name}[key]"
            )
        known = ", ".join(sorted(self.scope.values)) or "none"
        raise self.fail(node, f"unknown name {node.name!r}; known names: {known}")

    def visit_Index(self, node: Index) -> str:
        if node.table not in self.scope.tables:
            known = ", ".join(sorted(self.scope.tables)) or "none"
            raise self.fail(
                node, f"unknown lookup table {node.table!r}; known tables: {known}"
            )
        key_type, value_type, _ = self.scope.tables[node.table]
        found = self.visit(node.key)
        if found != key_type:
            raise self.fail(
                node, f"lookup table {node.table!r} is keyed by {key_type}, not {found}"
            )
        return value_type

    def visit_Call(self, node: Call) -> str:
        function = self.scope.function(node.function)
        if function is None:
            known = sorted(set(BUILTIN_FUNCTIONS) | set(self.scope.functions))
            raise self.fail(
                node,
                f"unknown function {node.function!r}; known: {', '.join(known)}",
            )
        found = [self.visit(argument) for argument in node.arguments]
        expected = function.arguments
        if expected is None:
            expected = (function.variadic,) * max(len(found), 1)
        if len(found) != len(expected):
            raise self.fail(
                node,
                f"{node.function}() takes {len(expected)} argument(s), "
                f"got {len(found)}",
            )
        for position, (want, got) in enumerate(zip(expected, found, strict=True), 1):
            if want != got:
                raise self.fail(
                    node,
                    f"argument {position} of {node.function}() must be a {want}, "
                    f"not a {got}",
                )
        return function.returns

    def visit_Unary(self, node: Unary) -> str:
        want = BOOL if node.operator == "not" else NUMBER
        got = self.visit(node.operand)
        if got != want:
            raise self.fail(node, f"{node.operator!r} needs a {want}, not a {got}")
        return want

    def visit_Binary(self, node: Binary) -> str:
        left = self.visit(node.left)
        right = self.visit(node.right)
        operator = node.operator
        if operator in ("and", "or"):
            self.require(node, operator, BOOL, left, right)
            return BOOL
        if operator in ("==", "!="):
            if left != right:
                raise self.fail(node, f"cannot compare a {left} with a {right}")
            return BOOL
        self.require(node, operator, NUMBER, left, right)
        return BOOL if operator in ("<", "<=", ">", ">=") else NUMBER

    def require(self, node: Node, operator: str, want: str, *found: str) -> None:
        for got in found:
            if got != want:
                raise self.fail(node, f"{operator!r} needs {want}s, not a {got}")

    def visit_Membership(self, node: Membership) -> str:
        operand = self.visit(node.operand)
        for option in node.options:
            got = self.visit(option)
            if got != operand:
                raise self.fail(option, f"cannot compare a {operand} with a {got}")
        return BOOL

    def visit_Conditional(self, node: Conditional) -> str:
        if self.visit(node.condition) != BOOL:
            raise self.fail(node, "the condition after 'if' must be true or false")
        then = self.visit(node.then)
        if node.otherwise is None:
            if then != BOOL:
                raise self.fail(
                    node, "'if ... then' without 'else' needs a true-or-false 'then'"
                )
            return BOOL
        otherwise = self.visit(node.otherwise)
        if then != otherwise:
            raise self.fail(
                node, f"'then' gives a {then} but 'else' gives a {otherwise}"
            )
        return then


# Names used --------------------------------------------------------------


def names_used(node: Node) -> set[str]:
    """Return the value names (not tables or functions) an expression reads."""
    if isinstance(node, Name):
        return {node.name} if node.name not in CONSTANTS else set()
    found: set[str] = set()
    for child in _children(node):
        found |= names_used(child)
    return found


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Index):
        return (node.key,)
    if isinstance(node, Call):
        return node.arguments
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Membership):
        return (node.operand, *node.options)
    if isinstance(node, Conditional):
        rest = () if node.otherwise is None else (node.otherwise,)
        return (node.condition, node.then, *rest)
    return ()


# Compilation to closures ----------------------------------------------------

Evaluator = Callable[[Mapping[str, Any]], Any]

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}

# Comparisons of computed lengths allow this much floating-point noise, in the
# unit of the compared values (millimetres for lengths).
TOLERANCE = 1e-9


def compile_node(
    node: Node,
    tables: Mapping[str, Mapping[Any, Any]],
    functions: Mapping[str, Function],
) -> Evaluator:
    """Turn a type-checked tree into a function of a name-to-value mapping."""
    compiler = _Compiler(tables, functions)
    return compiler.visit(node)


class _Compiler:
    def __init__(
        self,
        tables: Mapping[str, Mapping[Any, Any]],
        functions: Mapping[str, Function],
    ) -> None:
        self.tables = tables
        self.functions = functions

    def visit(self, node: Node) -> Evaluator:
        return getattr(self, "visit_" + type(node).__name__)(node)

    def visit_Literal(self, node: Literal) -> Evaluator:
        value = node.value
        return lambda context: value

    def visit_Name(self, node: Name) -> Evaluator:
        name = node.name
        if name in CONSTANTS:
            constant = CONSTANTS[name][1]
            return lambda context: constant
        return lambda context: context[name]

    def visit_Index(self, node: Index) -> Evaluator:
        table = self.tables[node.table]
        key = self.visit(node.key)
        return lambda context: table[key(context)]

    def visit_Call(self, node: Call) -> Evaluator:
        function = self.functions.get(node.function) or BUILTIN_FUNCTIONS[node.function]
        implementation = function.implementation
        arguments = [self.visit(argument) for argument in node.arguments]
        return lambda context: implementation(*(a(context) for a in arguments))

    def visit_Unary(self, node: Unary) -> Evaluator:
        operand = self.visit(node.operand)
        if node.operator == "not":
            return lambda context: not operand(context)
        return lambda context: -operand(context)

    def visit_Binary(self, node: Binary) -> Evaluator:
        left = self.visit(node.left)
        right = self.visit(node.right)
        operator = node.operator
        if operator == "and":
            return lambda context: left(context) and right(context)
        if operator == "or":
            return lambda context: left(context) or right(context)
        if operator == "/":
            return lambda context: _divide(left(context), right(context))
        if operator in ("<=", ">="):
            sign = 1 if operator == "<=" else -1
            return lambda context: sign * (left(context) - right(context)) <= TOLERANCE
        function = _BINARY[operator]
        return lambda context: function(left(context), right(context))

    def visit_Membership(self, node: Membership) -> Evaluator:
        operand = self.visit(node.operand)
        options = [self.visit(option) for option in node.options]
        if node.negated:
            return lambda context: operand(context) not in [o(context) for o in options]
        return lambda context: operand(context) in [o(context) for o in options]

    def visit_Conditional(self, node: Conditional) -> Evaluator:
        condition = self.visit(node.condition)
        then = self.visit(node.then)
        if node.otherwise is None:
            return lambda context: (not condition(context)) or then(context)
        otherwise = self.visit(node.otherwise)
        return lambda context: (
            then(context) if condition(context) else otherwise(context)
        )


def _divide(numerator: float, denominator: float) -> float:
    if denominator == 0:
        # A division by zero makes the rule false rather than crashing the
        # studio: infinity fails every "<=" comparison a catalog writes.
        return math.inf if numerator >= 0 else -math.inf
    return numerator / denominator
