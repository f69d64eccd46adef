"""Read constraint networks in the XCSP 2.1 format into a :class:`TableModel`.

Supported: ``<domains>`` whose values are integers and ranges (``0..8``,
``1 3 5..7``), ``<variables>``, ``<relations>`` with ``supports`` or
``conflicts`` semantics and tuples separated by ``|``, and ``<constraints>``
that reference a relation by name with a ``scope`` of variable names.
Predicates, global constraints and soft relations are rejected with an
error that names them.

A tuple value outside its variable's domain can never occur, so such a
tuple is dropped. A scope that repeats a variable keeps the tuples whose
values for it agree.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import numpy as np

from rules.cache import CompiledCache, beside, cache_key, load_or_compile
from rules.compiled import CompiledModel
from rules.compiler import compile_model
from rules.engine import Engine
from rules.errors import RuleDefinitionError
from rules.tables import Table, TableModel

logger = logging.getLogger(__name__)

SEMANTICS = ("supports", "conflicts")


class XcspError(RuleDefinitionError):
    """An XCSP file that cannot be read; ``location`` names the element."""


def read_xcsp(path: Path | str, data: bytes | None = None) -> TableModel:
    """Read an XCSP 2.1 file, or its contents ``data`` when given.

    Variables become integer-valued variables in file order; each
    constraint becomes a :class:`Table` named after the constraint.

    Raises
    ------
    XcspError
        When the file cannot be read or parsed, or uses anything outside
        the supported subset; the message names the file and element.
    """
    path = Path(path)
    try:
        if data is None:
            data = path.read_bytes()
        root = ElementTree.fromstring(data)
    except OSError as error:
        raise XcspError(str(path), f"cannot be read: {error.strerror}") from None
    except ElementTree.ParseError as error:
        raise XcspError(str(path), f"is not well-formed XML: {error}") from None
    return _Reader(path, root).read()


def load_engine(path: Path | str, cache: CompiledCache | None = None) -> Engine:
    """Return an engine for an XCSP file, compiling it only when needed.

    The compiled form is looked up by the SHA-256 of the file's bytes,
    beside the file (``NAME.compiled.npz``) and then in ``cache`` (the
    user's cache folder when omitted). A model found there loads without
    parsing the file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise XcspError(str(path), f"cannot be read: {error.strerror}") from None

    def build() -> CompiledModel:
        model = read_xcsp(path, data)
        return CompiledModel(model, compile_model(model))

    key = cache_key(data)
    compiled = load_or_compile(key, build, cache or CompiledCache(), beside(path))
    return Engine.from_compiled(compiled, key)


class _Reader:
    def __init__(self, path: Path, root: ElementTree.Element) -> None:
        self.path = path
        self.root = root

    def fail(self, element: str, reason: str) -> XcspError:
        return XcspError(f"{self.path.name}: {element}", reason)

    def read(self) -> TableModel:
        if self.root.tag != "instance":
            raise self.fail(self.root.tag, "the root element must be <instance>")
        for unsupported in ("predicates", "functions", "globals"):
            if self.root.find(unsupported) is not None:
                raise self.fail(
                    f"<{unsupported}>",
                    "only constraints given by relations (tables) are supported; "
                    "express the constraint as a <relation> of tuples",
                )
        domains = self.domains()
        names, values = self.variables(domains)
        relations = self.relations()
        tables = self.constraints(names, values, relations)
        logger.debug(
            "%s: %d variables, %d tables", self.path.name, len(names), len(tables)
        )
        return TableModel(tuple(names), tuple(values), tuple(tables))

    def domains(self) -> dict[str, tuple[int, ...]]:
        domains = {}
        for element in self.root.iter("domain"):
            name = self.attribute(element, "name", "<domain>")
            where = f"domain {name}"
            values: list[int] = []
            for part in (element.text or "").split():
                values.extend(self.domain_part(where, part))
            unique = tuple(dict.fromkeys(values))
            if not unique:
                raise self.fail(where, "has no values")
            declared = element.get("nbValues")
            if declared is not None and declared.strip() != str(len(unique)):
                logger.warning(
                    "%s: %s declares %s values but lists %d",
                    self.path.name,
                    where,
                    declared,
                    len(unique),
                )
            domains[name] = unique
        return domains

    def domain_part(self, where: str, part: str) -> range | list[int]:
        try:
            if ".." in part:
                low, high = part.split("..")
                if int(high) < int(low):
                    raise ValueError
                return range(int(low), int(high) + 1)
            return [int(part)]
        except ValueError:
            raise self.fail(
                where,
                f"{part!r} is neither an integer nor a range such as 0..8",
            ) from None

    def attribute(self, element: ElementTree.Element, key: str, where: str) -> str:
        value = element.get(key)
        if value is None or not value.strip():
            raise self.fail(where, f"the attribute {key!r} is missing")
        return value.strip()

    def variables(self, domains):
        names: list[str] = []
        values: list[tuple[int, ...]] = []
        for element in self.root.iter("variable"):
            name = self.attribute(element, "name", "<variable>")
            domain = self.attribute(element, "domain", f"variable {name}")
            if name in names:
                raise self.fail(f"variable {name}", "is declared twice")
            if domain not in domains:
                raise self.fail(
                    f"variable {name}",
                    f"names domain {domain!r}, which is not declared",
                )
            names.append(name)
            values.append(domains[domain])
        if not names:
            raise self.fail("<variables>", "the file declares no variable")
        return names, values

    def relations(self) -> dict[str, tuple[bool, np.ndarray]]:
        relations = {}
        for element in self.root.iter("relation"):
            name = self.attribute(element, "name", "<relation>")
            where = f"relation {name}"
            semantics = self.attribute(element, "semantics", where)
            if semantics not in SEMANTICS:
                raise self.fail(
                    where,
                    f"semantics {semantics!r} is not supported; use supports or "
                    "conflicts",
                )
            arity = self.integer(element, "arity", where)
            rows = self.tuples(where, element.text or "", arity)
            declared = element.get("nbTuples")
            if declared is not None and declared.strip() != str(rows.shape[0]):
                logger.warning(
                    "%s: %s declares %s tuples but lists %d",
                    self.path.name,
                    where,
                    declared,
                    rows.shape[0],
                )
            relations[name] = (semantics == "supports", rows)
        return relations

    def integer(self, element: ElementTree.Element, key: str, where: str) -> int:
        text = self.attribute(element, key, where)
        try:
            value = int(text)
        except ValueError:
            raise self.fail(where, f"{key} {text!r} is not a whole number") from None
        if value < 1:
            raise self.fail(where, f"{key} must be at least 1, not {value}")
        return value

    def tuples(self, where: str, text: str, arity: int) -> np.ndarray:
        pieces = [piece.split() for piece in text.split("|")]
        pieces = [piece for piece in pieces if piece]
        for number, piece in enumerate(pieces):
            if len(piece) != arity:
                raise self.fail(
                    where,
                    f"tuple {number + 1} ({' '.join(piece)}) has {len(piece)} "
                    f"values, but the arity is {arity}",
                )
        try:
            return np.array(pieces, dtype=np.int64).reshape(len(pieces), arity)
        except (ValueError, OverflowError):
            raise self.fail(where, "tuples must hold whole numbers only") from None

    def constraints(self, names, values, relations) -> list[Table]:
        index = {name: i for i, name in enumerate(names)}
        lookups = [_ValueIndex(domain) for domain in values]
        tables = []
        for element in self.root.iter("constraint"):
            name = self.attribute(element, "name", "<constraint>")
            where = f"constraint {name}"
            reference = self.attribute(element, "reference", where)
            if reference not in relations:
                raise self.fail(
                    where,
                    f"references {reference!r}, which is not a declared relation; "
                    "only table constraints are supported",
                )
            scope_names = self.attribute(element, "scope", where).split()
            unknown = [n for n in scope_names if n not in index]
            if unknown:
                raise self.fail(
                    where, f"the scope names {unknown[0]!r}, which is not a variable"
                )
            supports, rows = relations[reference]
            if rows.shape[1] != len(scope_names):
                raise self.fail(
                    where,
                    f"the scope has {len(scope_names)} variables but relation "
                    f"{reference} has arity {rows.shape[1]}",
                )
            scope = [index[n] for n in scope_names]
            tables.append(self.table(name, scope, supports, rows, lookups))
        return tables

    def table(self, name, scope, supports, rows, lookups) -> Table:
        indices = np.empty(rows.shape, dtype=np.int64)
        keep = np.ones(rows.shape[0], dtype=bool)
        for column, variable in enumerate(scope):
            indices[:, column] = lookups[variable].indices(rows[:, column])
            keep &= indices[:, column] >= 0
        dropped = int((~keep).sum())
        if dropped:
            logger.debug("constraint %s: %d tuples use values outside", name, dropped)
        indices = indices[keep]
        unique_scope: list[int] = []
        columns = []
        for column, variable in enumerate(scope):
            if variable in unique_scope:
                first = columns[unique_scope.index(variable)]
                indices = indices[indices[:, first] == indices[:, column]]
                continue
            unique_scope.append(variable)
            columns.append(column)
        return Table(name, tuple(unique_scope), indices[:, columns], supports)


class _ValueIndex:
    """Map integer values to their position in a domain, vectorised."""

    def __init__(self, domain: tuple[int, ...]) -> None:
        values = np.array(domain, dtype=np.int64)
        self.positions = np.argsort(values, kind="stable")
        self.sorted = values[self.positions]

    def indices(self, values: np.ndarray) -> np.ndarray:
        """Return each value's position in the domain, or -1 outside it."""
        found = np.searchsorted(self.sorted, values)
        found = np.minimum(found, self.sorted.size - 1)
        inside = self.sorted[found] == values
        return np.where(inside, self.positions[found], -1)
