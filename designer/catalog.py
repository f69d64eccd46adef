"""Load and validate the catalog: one TOML file per product model.

A broken file is reported with its path, the key at fault and the reason,
and the other files still load. Each model's rules are compiled through the
user's cache of compiled models, or from ``NAME.compiled.npz`` shipped
beside ``NAME.toml`` (see :mod:`rules.cache`). :class:`CatalogStore` reloads
changed files and keeps the last good version of a file that breaks.
"""

from __future__ import annotations

import hashlib
import logging
import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from designer.catalog_source import key_line, syntax_error_position
from designer.functions import RULE_FUNCTIONS, SIZE_MEASURES, choices_from
from designer.text_files import decode_utf8, undecodable_line
from models3d.generators import GENERATORS
from models3d.materials import load_materials
from resources import CATALOG_DIR
from rules.cache import CompiledCache, beside
from rules.engine import Engine
from rules.errors import DesignValueError, RuleDefinitionError
from rules.expressions import NUMBER, Evaluator
from rules.groups import grouped_value_error
from rules.model import KINDS, Choice, Derived, Parameter, Rule, RuleModel
from storage.messages import QT_TRANSLATE_NOOP, Message, TranslatableError, message
from storage.os_errors import os_error_reason

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "zh_CN")
FAMILIES = ("jewelry", "shoes", "furniture")
JEWELRY = "jewelry"
SHOES = "shoes"
# A shoe model is one shoe, the right one, but shoes are made and sold in
# pairs, so prices and bills of materials count each of its parts twice.
SHOES_PER_PAIR = 2
# Values a numeric parameter may have from its minimum to its maximum. The
# rule engine lists every one of them, so a tiny step would exhaust memory.
MAX_NUMBER_VALUES = 10_000


class CatalogError(TranslatableError, ValueError):
    """A catalog file that cannot be used, naming the file, key and reason.

    ``line`` is the 1-based line of the key in the file, or of the syntax
    error, when it is known; the message then starts ``PATH:LINE:``.
    ``reason`` is plain English text, shown as it is, or a marked
    :class:`~storage.messages.Message` that the GUI translates. The
    ``reason`` attribute is its English text.
    """

    def __init__(
        self,
        path: Path | str,
        key: str,
        reason: str | Message,
        line: int | None = None,
    ) -> None:
        where = str(path) if line is None else f"{path}:{line}"
        if key:
            where = f"{where}: {key}"
        if not isinstance(reason, Message):
            reason = Message(reason)
        super().__init__(
            QT_TRANSLATE_NOOP("Catalog", "{where}: {reason}"),
            where=where,
            reason=reason,
        )
        self.path = Path(path)
        self.key = key
        self.reason = str(reason)
        self.reason_message = reason
        self.line = line

    def at_line(self, line: int | None) -> CatalogError:
        """Return this error with its line set to ``line``."""
        return CatalogError(self.path, self.key, self.reason_message, line)


@dataclass(frozen=True)
class PriceLineRule:
    """A price line computed from the design, such as a surcharge per mm.

    ``material`` is the id of a material that the line prices in full, such
    as a stone priced per carat, or ``None``. An order's price then has no
    material line for it, so the material is not priced twice.
    ``parameters`` names the parameters the amount reads, directly or
    through derived values.
    """

    labels: Mapping[str, str]
    amount: Evaluator
    material: str | None = None
    parameters: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CatalogModel:
    """One product model: its texts, pricing, geometry generator and rules."""

    id: str
    family: str
    category: str
    generator: str
    rule_version: int
    base_price: Decimal
    lead_time_days: int
    tags: tuple[str, ...]
    names: Mapping[str, str]
    descriptions: Mapping[str, str]
    path: Path
    sha256: str
    rules: RuleModel
    engine: Engine
    option_prices: Mapping[tuple[str, Any], Decimal] = field(default_factory=dict)
    price_lines: tuple[PriceLineRule, ...] = ()
    size_measures: Mapping[str, Callable[[str], float]] = field(default_factory=dict)
    dead_values: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names["en"]

    def parameter(self, name: str) -> Parameter:
        return self.rules.parameter(name)


@dataclass
class Catalog:
    """The models that loaded, and an error for each file that did not."""

    models: dict[str, CatalogModel]
    errors: list[CatalogError]

    def get(self, model_id: str) -> CatalogModel:
        """Return a model by id, raising ``KeyError`` that lists known ids."""
        if model_id not in self.models:
            known = ", ".join(sorted(self.models)) or "none"
            raise KeyError(f"unknown product {model_id!r}; known products: {known}")
        return self.models[model_id]


def load_catalog(
    directory: Path = CATALOG_DIR, cache: CompiledCache | None = None
) -> Catalog:
    """Load every ``*.toml`` file in ``directory``.

    ``cache`` keeps compiled rules between runs; it is the user's cache
    folder when omitted.
    """
    catalog = CatalogStore(directory, cache).catalog
    logger.debug(
        "loaded %d catalog models, %d errors", len(catalog.models), len(catalog.errors)
    )
    return catalog


@dataclass(frozen=True)
class ReloadResult:
    """The outcome of reloading one catalog file.

    ``model`` is the version in use after the reload: the new one, or the
    previous one when ``error`` rejected the new file (``kept_previous``).
    Both are ``None`` for a file that never loaded, or that was removed.
    """

    path: Path
    model: CatalogModel | None
    error: CatalogError | None = None

    @property
    def kept_previous(self) -> bool:
        return self.error is not None and self.model is not None

    def message(self) -> str:
        """Return the line a designer reads about this reload."""
        if self.error is None:
            if self.model is None:
                return f"{self.path.name}: removed from the catalog"
            return f"{self.path.name}: {self.model.id} reloaded"
        if self.model is None:
            return f"{self.error}; the file is not in the catalog until it is fixed"
        return (
            f"{self.error}; the previous version of {self.model.id} stays in use "
            "until the file is fixed"
        )


class CatalogStore:
    """The catalog in use, reloaded file by file as designers edit it.

    A changed file that no longer loads keeps its last good model in the
    catalog, and the error is reported; other files are unaffected.

    Parameters
    ----------
    directory
        The folder of ``*.toml`` catalog files.
    cache
        Where compiled rules are kept; the user's cache folder when omitted.
    """

    def __init__(
        self, directory: Path = CATALOG_DIR, cache: CompiledCache | None = None
    ) -> None:
        self.directory = Path(directory)
        self.cache = cache or CompiledCache()
        self._models: dict[Path, CatalogModel] = {}
        self._errors: dict[Path, tuple[str, CatalogError]] = {}
        self.refresh()

    @property
    def catalog(self) -> Catalog:
        """Return the models in use and the errors of files not in use."""
        models = {model.id: model for _, model in sorted(self._models.items())}
        errors = [error for _, (_, error) in sorted(self._errors.items())]
        return Catalog(models, errors)

    def refresh(self) -> list[ReloadResult]:
        """Reload every new, changed or removed file; return what happened."""
        results = []
        paths = sorted(self.directory.glob("*.toml"))
        for path in paths:
            digest = _digest(path)
            known = self._models.get(path)
            failed = self._errors.get(path)
            if known is not None and known.sha256 == digest and failed is None:
                continue
            if failed is not None and failed[0] == digest:
                continue
            results.append(self.reload(path))
        for path in set(self._models) - set(paths):
            del self._models[path]
            results.append(ReloadResult(path, None))
        for path in set(self._errors) - set(paths):
            del self._errors[path]
        return results

    def reload(self, path: Path | str) -> ReloadResult:
        """Load one file again; keep its previous model if the new one fails."""
        path = Path(path)
        previous = self._models.get(path)
        try:
            model = load_model(path, self.cache)
            self._check_unique(path, model)
        except CatalogError as error:
            self._errors[path] = (_digest(path), error)
            if previous is None:
                logger.warning("catalog file skipped: %s", error)
            else:
                logger.warning(
                    "catalog file rejected, keeping the previous %s: %s",
                    previous.id,
                    error,
                )
            return ReloadResult(path, previous, error)
        self._errors.pop(path, None)
        self._models[path] = model
        logger.info("catalog file %s loaded as %s", path.name, model.id)
        return ReloadResult(path, model)

    def _check_unique(self, path: Path, model: CatalogModel) -> None:
        for other_path, other in self._models.items():
            if other_path != path and other.id == model.id:
                raise CatalogError(
                    path,
                    "id",
                    f"{model.id!r} is already used by {other_path}",
                    _line_in_file(path, "id"),
                )


def _line_in_file(path: Path, location: str) -> int | None:
    try:
        return key_line(decode_utf8(path.read_bytes()), location)
    except (OSError, UnicodeDecodeError):
        return None


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def load_model(path: Path, cache: CompiledCache | None = None) -> CatalogModel:
    """Load one catalog file, raising :class:`CatalogError` on any problem.

    Compiled rules come from ``cache`` when it has them (or from the compiled
    form shipped beside the file) and are stored there otherwise.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = message(
            QT_TRANSLATE_NOOP("Catalog", "cannot be read: {reason}"),
            reason=os_error_reason(error),
        )
        raise CatalogError(path, "", reason) from None
    return load_model_bytes(raw, path, cache)


def load_model_bytes(
    raw: bytes, path: Path, cache: CompiledCache | None = None
) -> CatalogModel:
    """Load a catalog file's content, for example a copy kept with an order.

    ``path`` only names the content in messages and in ``CatalogModel.path``;
    the file need not exist. ``sha256`` is computed from ``raw``, which is
    UTF-8 text with or without a byte-order mark.
    """
    path = Path(path)
    try:
        text = decode_utf8(raw)
    except UnicodeDecodeError as error:
        reason = message(
            QT_TRANSLATE_NOOP(
                "Catalog",
                "is not UTF-8 text; save the file with the encoding UTF-8, such "
                "as with Save As in Notepad",
            )
        )
        raise CatalogError(path, "", reason, undecodable_line(error)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        position = syntax_error_position(error)
        line = None if position is None else position[0]
        reason = message(
            QT_TRANSLATE_NOOP("Catalog", "is not valid TOML: {error}"), error=str(error)
        )
        raise CatalogError(path, "", reason, line) from None
    if not data:
        reason = message(
            QT_TRANSLATE_NOOP(
                "Catalog",
                "is empty (it contains no TOML keys); start from a copy of "
                "another catalog file and give it its own id",
            )
        )
        raise CatalogError(path, "", reason)
    reader = _ModelReader(path, data, hashlib.sha256(raw).hexdigest(), cache)
    try:
        return reader.read()
    except CatalogError as error:
        raise error.at_line(key_line(text, error.key)) from None
    except (
        ValueError,
        TypeError,
        AttributeError,
        LookupError,
        ArithmeticError,
    ) as error:
        # The reader checks the shape of every value it reads; this is for a
        # combination that slips past those checks into the rule engine.
        logger.warning("catalog file %s failed an unchecked step", path, exc_info=True)
        raise CatalogError(
            path,
            "",
            f"cannot be loaded ({type(error).__name__}: {error}); check each "
            "value's type against 'Catalog files' in docs/USER_GUIDE.md",
        ) from error


class _ModelReader:
    def __init__(
        self,
        path: Path,
        data: dict[str, Any],
        sha256: str,
        cache: CompiledCache | None,
    ) -> None:
        self.path = path
        self.data = data
        self.sha256 = sha256
        self.cache = cache
        self.size_measures: dict[str, Callable[[str], float]] = {}

    def fail(self, key: str, reason: str) -> CatalogError:
        return CatalogError(self.path, key, reason)

    def table(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"must be a table, not {value!r}")
        return value

    def tables(self, table: Mapping[str, Any], key: str, where: str) -> list[dict]:
        """Return the array of tables at ``key``, empty when it is missing."""
        entries = table.get(key, [])
        if not isinstance(entries, list):
            raise self.fail(
                f"{where}{key}", f"must be an array of tables, not {entries!r}"
            )
        return [
            self.table(entry, f"{where}{key}[{position}]")
            for position, entry in enumerate(entries)
        ]

    def optional(self, table: Mapping[str, Any], key: str, kind: type, where: str):
        """Return the value at ``key`` checked like :meth:`require`, or None."""
        if key not in table:
            return None
        return self.require(table, key, kind, where)

    def whole_number(self, key: str, default: int) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(key, f"must be a whole number of 0 or more, not {value!r}")
        return value

    def finite(self, table: Mapping[str, Any], key: str, where: str) -> float:
        number = float(self.require(table, key, (int, float), where))
        if not math.isfinite(number):
            raise self.fail(where + key, f"must be a finite number, not {number!r}")
        return number

    def require(self, table: Mapping[str, Any], key: str, kind: type, where: str):
        if key not in table:
            raise self.fail(f"{where}{key}", "is missing")
        value = table[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            kind_name = getattr(kind, "__name__", "number")
            raise self.fail(f"{where}{key}", f"must be a {kind_name}, not {value!r}")
        return value

    def texts(self, table: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
        texts = self.require(table, key, dict, where)
        missing = [language for language in LANGUAGES if language not in texts]
        if missing:
            raise self.fail(f"{where}{key}", f"needs a text for {', '.join(missing)}")
        for language, text in texts.items():
            if not isinstance(text, str):
                raise self.fail(
                    f"{where}{key}.{language}", f"must be text, not {text!r}"
                )
        return dict(texts)

    def money(self, value: Any, key: str) -> Decimal:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(key, f"{value!r} is not an amount of money") from None
        if not amount.is_finite():
            raise self.fail(key, f"{value!r} is not an amount of money")
        return amount

    def read(self) -> CatalogModel:
        data = self.data
        model_id = self.require(data, "id", str, "")
        category = self.require(data, "category", str, "")
        tags = self.tags()
        family = self.require(data, "family", str, "")
        if family not in FAMILIES:
            raise self.fail("family", f"{family!r} is not one of {', '.join(FAMILIES)}")
        generator = self.require(data, "generator", str, "")
        if generator not in GENERATORS:
            known = ", ".join(sorted(GENERATORS))
            raise self.fail("generator", f"{generator!r} is unknown; known: {known}")

        parameters, prices = self.parameters()
        rule_model = RuleModel(
            parameters=tuple(parameters),
            derived=tuple(self.derived()),
            rules=tuple(self.rules()),
            lookups=self.lookups(),
        )
        try:
            engine = Engine(
                rule_model,
                RULE_FUNCTIONS,
                cache=self.cache,
                shipped=beside(self.path),
            )
        except RuleDefinitionError as error:
            raise self.fail(error.location, error.reason) from None
        dead_values = self.check_satisfiable(engine)
        return CatalogModel(
            id=model_id,
            family=family,
            category=category,
            generator=generator,
            rule_version=self.whole_number("rule_version", 1),
            base_price=self.money(
                self.require(data, "base_price", str, ""), "base_price"
            ),
            lead_time_days=self.whole_number("lead_time_days", 30),
            tags=tuple(tags),
            names=self.texts(data, "name", ""),
            descriptions=self.texts(data, "description", ""),
            path=self.path,
            sha256=self.sha256,
            rules=rule_model,
            engine=engine,
            option_prices=prices,
            price_lines=tuple(self.price_lines(engine)),
            size_measures=self.size_measures,
            dead_values=dead_values,
        )

    def tags(self) -> list[str]:
        tags = self.optional(self.data, "tags", list, "") or []
        for position, tag in enumerate(tags):
            if not isinstance(tag, str):
                raise self.fail(f"tags[{position}]", f"must be text, not {tag!r}")
        return tags

    def parameters(self) -> tuple[list[Parameter], dict[tuple[str, Any], Decimal]]:
        self.require(self.data, "parameters", list, "")
        entries = self.tables(self.data, "parameters", "")
        parameters = []
        prices: dict[tuple[str, Any], Decimal] = {}
        for position, entry in enumerate(entries):
            where = f"parameters[{position}]."
            name = self.require(entry, "name", str, where)
            kind = self.require(entry, "type", str, where)
            if kind not in KINDS:
                raise self.fail(
                    where + "type",
                    f"{kind!r} is unknown; use one of {', '.join(KINDS)}",
                )
            choices = self.choices(entry, where, name, prices)
            number = {}
            for key in ("minimum", "maximum", "step"):
                if key in entry:
                    number[key] = self.finite(entry, key, where)
            if kind in ("integer", "decimal"):
                self.check_range(number, kind, where)
            max_length = self.optional(entry, "max_length", int, where)
            if max_length is not None and max_length < 0:
                raise self.fail(where + "max_length", "must be 0 or more")
            if kind in ("choice", "colour") and not choices:
                raise self.fail(where + "choices", "a choice needs at least one value")
            parameter = Parameter(
                name=name,
                kind=kind,
                labels=self.texts(entry, "label", where),
                default=entry.get("default"),
                unit=self.optional(entry, "unit", str, where),
                choices=tuple(choices),
                max_length=max_length,
                group_by=self.optional(entry, "group_by", str, where),
                **number,
            )
            self.check_default(parameter, parameters, where)
            parameters.append(parameter)
        return parameters, prices

    def check_default(
        self, parameter: Parameter, earlier: list[Parameter], where: str
    ) -> None:
        """Reject a default that its parameter does not accept.

        A grouped default, such as a shoe size, is reported with the values
        of the default group (size system), which ``earlier`` defines.
        """
        try:
            parameter.coerce(parameter.default)
        except (ValueError, TypeError) as error:
            owners = {owner.name: owner for owner in earlier}
            owner = owners.get(parameter.group_by or "")
            if isinstance(error, DesignValueError) and owner is not None:
                error = grouped_value_error(
                    parameter, owner, parameter.default, owner.default
                )
            raise self.fail(where + "default", str(error)) from None

    def check_range(self, number: dict[str, float], kind: str, where: str) -> None:
        for key in ("minimum", "maximum", "step"):
            if key not in number:
                raise self.fail(where + key, f"is required for a {kind}")
        if number["step"] <= 0 or number["maximum"] < number["minimum"]:
            raise self.fail(
                where + "step",
                "needs minimum <= maximum and a step above zero",
            )
        count = (number["maximum"] - number["minimum"]) / number["step"] + 1
        if count > MAX_NUMBER_VALUES:
            raise self.fail(
                where + "step",
                f"gives {count:.3g} values from minimum to maximum, more than "
                f"{MAX_NUMBER_VALUES}: use a larger step or a narrower range",
            )

    def choices(self, entry, where, name, prices) -> list[Choice]:
        if "choices_from" in entry:
            table = self.require(entry, "choices_from", str, where)
            try:
                choices = choices_from(table)
            except KeyError as error:
                raise self.fail(where + "choices_from", str(error.args[0])) from None
            self.size_measures[name] = SIZE_MEASURES[table]
            return choices
        choices = []
        for number, item in enumerate(self.tables(entry, "choices", where)):
            key = f"{where}choices[{number}]."
            if "value" not in item:
                raise self.fail(key + "value", "is missing")
            value = item["value"]
            if not isinstance(value, str | int | float) or (
                isinstance(value, float) and not math.isfinite(value)
            ):
                raise self.fail(
                    key + "value",
                    f"must be text, a finite number or a boolean, not {value!r}",
                )
            if isinstance(value, str) and entry.get("type") == "colour":
                value = value.lower()
            choices.append(Choice(value, self.texts(item, "label", key)))
            if "price" in item:
                prices[(name, value)] = self.money(item["price"], key + "price")
        return choices

    def derived(self) -> list[Derived]:
        result = []
        for position, entry in enumerate(self.tables(self.data, "derived", "")):
            where = f"derived[{position}]."
            result.append(
                Derived(
                    name=self.require(entry, "name", str, where),
                    expression=self.require(entry, "expression", str, where),
                    labels=self.texts(entry, "label", where),
                    unit=self.optional(entry, "unit", str, where),
                )
            )
        return result

    def rules(self) -> list[Rule]:
        result = []
        for position, entry in enumerate(self.tables(self.data, "rules", "")):
            where = f"rules[{position}]."
            rows = self.optional(entry, "rows", list, where) or []
            for number, row in enumerate(rows):
                if not isinstance(row, list):
                    raise self.fail(
                        f"{where}rows[{number}]", f"must be an array, not {row!r}"
                    )
            names = self.optional(entry, "parameters", list, where) or []
            if not all(isinstance(name, str) for name in names):
                raise self.fail(
                    where + "parameters", "must be an array of parameter names"
                )
            result.append(
                Rule(
                    id=self.require(entry, "id", str, where),
                    severity=self.optional(entry, "severity", str, where) or "error",
                    messages=self.texts(entry, "message", where),
                    expression=self.optional(entry, "expression", str, where),
                    table_kind=self.optional(entry, "kind", str, where),
                    table_parameters=tuple(names),
                    rows=tuple(tuple(row) for row in rows),
                )
            )
        return result

    def lookups(self) -> dict[str, dict[str, Any]]:
        lookups = self.data.get("lookups", {})
        if not isinstance(lookups, dict):
            raise self.fail("lookups", "must be a table of tables")
        result = {}
        for name, table in lookups.items():
            for key, value in self.table(table, f"lookups.{name}").items():
                if not isinstance(value, str | int | float) or isinstance(value, bool):
                    raise self.fail(
                        f"lookups.{name}.{key}",
                        f"must be text or a number, not {value!r}",
                    )
            result[name] = dict(table)
        return result

    def price_lines(self, engine: Engine) -> list[PriceLineRule]:
        lines = []
        for position, entry in enumerate(self.tables(self.data, "price_lines", "")):
            where = f"price_lines[{position}]."
            source = self.require(entry, "amount", str, where)
            try:
                amount = engine.compile_expression(where + "amount", source, NUMBER)
            except RuleDefinitionError as error:
                raise self.fail(error.location, error.reason) from None
            material = self.optional(entry, "material", str, where)
            if material is not None and material not in load_materials():
                raise self.fail(
                    where + "material",
                    f"unknown material {material!r}; use an id of "
                    "resources/materials.csv",
                )
            labels = self.texts(entry, "label", where)
            parameters = engine.parameters_read(source)
            lines.append(PriceLineRule(labels, amount, material, parameters))
        return lines

    def check_satisfiable(self, engine: Engine) -> dict[str, tuple[Any, ...]]:
        """Reject a model whose rules leave no valid product at all, and
        return the values that no valid product can use."""
        defaults = engine.coerce({})
        if engine.complete(defaults) is None:
            raise self.fail(
                "rules",
                "no combination of values satisfies every error rule; "
                "relax a rule or widen a parameter's range",
            )
        dead = engine.dead_values()
        for name, values in dead.items():
            shown = ", ".join(str(v) for v in values[:8])
            more = f" and {len(values) - 8} more" if len(values) > 8 else ""
            logger.info(
                "%s: no valid product can use %s = %s%s; remove the values or "
                "relax the rules that exclude them",
                self.path.name,
                name,
                shown,
                more,
            )
        return dead
