"""Profile tags: rules in a data file that name what a customer is like.

Each tag in ``resources/profile_tags.toml`` has an id, a label and a
description in each language, and a ``when`` expression in the rule
expression language of :mod:`rules.expressions`, parsed and type-checked
here and never run as Python. Loading rejects unknown names, unknown
functions, expressions that are not true-or-false and repeated ids, naming
the file, the tag and the reason.

Expressions see every feature of :mod:`recommender.features` as a number,
``age_band``, ``gender`` and ``region`` as text, and two functions over all
profiled customers: ``percentile("name", p)`` and ``mean("name")``.
"""

from __future__ import annotations

import dataclasses
import logging
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from recommender.features import BEHAVIOUR_COLUMNS, FAMILIES, PRICE_BANDS, FeatureMatrix
from resources import PROFILE_TAGS_FILE
from rules.errors import RuleDefinitionError
from rules.expressions import (
    BOOL,
    NUMBER,
    STRING,
    Call,
    Function,
    Literal,
    Node,
    Scope,
    compile_node,
    infer_type,
    names_used,
    parse,
)

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "zh_CN")
TEXT_NAMES = ("age_band", "gender", "region")

# Feature names that every feature matrix has, and prefixes of the one-hot
# and share columns that exist only when the data has that value.
FIXED_NAMES = frozenset(
    [*BEHAVIOUR_COLUMNS]
    + [f"family_share_{family}" for family in FAMILIES]
    + [f"price_share_{band}" for band in PRICE_BANDS]
)
DATA_PREFIXES = (
    "age_band_",
    "gender_",
    "region_",
    "category_share_",
    "material_share_",
)
_POPULATION_FUNCTIONS = ("percentile", "mean")


class ProfileTagError(ValueError):
    """A tag file or tag that cannot be used, naming the file, tag and reason."""

    def __init__(self, path: Path, tag: str, reason: str) -> None:
        where = f"{path}: tag {tag!r}" if tag else str(path)
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.tag = tag
        self.reason = reason


@dataclass(frozen=True)
class ProfileTag:
    """One tag rule.

    Attributes
    ----------
    labels, descriptions
        Text per language code (``en``, ``zh_CN``).
    when
        The expression source, as written in the file.
    """

    id: str
    labels: Mapping[str, str]
    descriptions: Mapping[str, str]
    when: str
    node: Node = dataclasses.field(repr=False, compare=False)

    def label(self, language: str = "en") -> str:
        """Return the label in ``language``, or in English when it has none."""
        return self.labels.get(language) or self.labels["en"]

    def description(self, language: str = "en") -> str:
        """Return the description in ``language``, or in English."""
        return self.descriptions.get(language) or self.descriptions["en"]


def load_profile_tags(path: Path = PROFILE_TAGS_FILE) -> list[ProfileTag]:
    """Read and check every tag of a tag file, in file order.

    Raises
    ------
    ProfileTagError
        If the file is not valid TOML or a tag is incomplete or invalid.
    FileNotFoundError
        If ``path`` does not exist.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProfileTagError(path, "", f"not valid TOML: {error}") from None
    entries = data.get("tags")
    if not isinstance(entries, list) or not entries:
        raise ProfileTagError(path, "", "expected a [[tags]] table per tag")

    tags: list[ProfileTag] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, 1):
        tag = _read_tag(path, position, entry)
        if tag.id in seen:
            raise ProfileTagError(path, tag.id, "the id is used by an earlier tag")
        seen.add(tag.id)
        tags.append(tag)
    logger.debug("Loaded %s profile tags from %s", len(tags), path)
    return tags


def evaluate_tags(
    tags: list[ProfileTag],
    features: FeatureMatrix,
    *,
    customer_ids: list[str] | None = None,
) -> dict[str, list[ProfileTag]]:
    """Return the tags that apply to each profiled customer.

    Parameters
    ----------
    tags
        Tags from :func:`load_profile_tags`.
    features
        Features of every profiled customer; percentiles and means run over
        all of its rows.
    customer_ids
        Customers to tag, all rows of ``features`` by default.

    Raises
    ------
    KeyError
        If a customer of ``customer_ids`` has no row in ``features``.

    Returns
    -------
    dict[str, list[ProfileTag]]
        Customer id to the tags that apply, in the tags' order.
    """
    functions = _population_functions(features)
    scope = _scope(tags)
    compiled = []
    for tag in tags:
        # Checked again here because the scope differs from load time only
        # in the functions' implementations, never in their types.
        infer_type(tag.node, scope, tag.when)
        compiled.append((tag, compile_node(tag.node, {}, functions)))

    missing = {name: 0.0 for name in scope.values if name not in TEXT_NAMES}
    rows = {customer_id: row for row, customer_id in enumerate(features.customer_ids)}
    selected = features.customer_ids if customer_ids is None else customer_ids
    result: dict[str, list[ProfileTag]] = {}
    for customer_id in selected:
        if customer_id not in rows:
            raise KeyError(
                f"Customer {customer_id!r} has no features: only customers who "
                "consented to profiling can be tagged"
            )
        row = rows[customer_id]
        context: dict[str, Any] = dict(missing)
        context.update(
            zip(features.columns, features.values[row].tolist(), strict=True)
        )
        context.update(features.categories[customer_id])
        result[customer_id] = [tag for tag, holds in compiled if holds(context)]
    return result


def tag_counts(tags: list[ProfileTag], features: FeatureMatrix) -> dict[str, int]:
    """Return how many profiled customers carry each tag, by tag id."""
    counts = dict.fromkeys((tag.id for tag in tags), 0)
    for applied in evaluate_tags(tags, features).values():
        for tag in applied:
            counts[tag.id] += 1
    return counts


# Loading ---------------------------------------------------------------------


def _read_tag(path: Path, position: int, entry: Any) -> ProfileTag:
    if not isinstance(entry, dict):
        raise ProfileTagError(path, f"#{position}", "expected a table")
    tag_id = entry.get("id")
    if not isinstance(tag_id, str) or not tag_id.strip():
        raise ProfileTagError(path, f"#{position}", "missing id")
    labels = _texts(path, tag_id, entry, "label")
    descriptions = _texts(path, tag_id, entry, "description")
    when = entry.get("when")
    if not isinstance(when, str) or not when.strip():
        raise ProfileTagError(path, tag_id, "missing 'when' expression")

    try:
        node = parse(when)
        _check_names(node)
        _check_calls(node)
        found = infer_type(node, _scope_for(names_used(node)), when)
    except RuleDefinitionError as error:
        raise ProfileTagError(path, tag_id, str(error)) from None
    if found != BOOL:
        raise ProfileTagError(
            path, tag_id, f"'when' must be true or false, but it gives a {found}"
        )
    return ProfileTag(tag_id, labels, descriptions, when, node)


def _texts(path: Path, tag_id: str, entry: dict, key: str) -> dict[str, str]:
    texts = entry.get(key)
    if not isinstance(texts, dict):
        raise ProfileTagError(
            path, tag_id, f"missing {key} = {{ en = ..., zh_CN = ... }}"
        )
    missing = [language for language in LANGUAGES if not texts.get(language)]
    if missing:
        raise ProfileTagError(
            path, tag_id, f"{key} has no text for {', '.join(missing)}"
        )
    return {language: str(texts[language]) for language in LANGUAGES}


def _known(name: str) -> bool:
    return name in FIXED_NAMES or name in TEXT_NAMES or name.startswith(DATA_PREFIXES)


def _check_names(node: Node) -> None:
    for name in names_used(node):
        if not _known(name):
            prefixes = ", ".join(f"{prefix}*" for prefix in DATA_PREFIXES)
            raise RuleDefinitionError(
                "when",
                f"unknown name {name!r}; known names: "
                f"{', '.join(sorted(FIXED_NAMES | set(TEXT_NAMES)))}, {prefixes}",
            )


def _check_calls(node: Node) -> None:
    for call in _walk(node):
        if not isinstance(call, Call) or call.function not in _POPULATION_FUNCTIONS:
            continue
        first = call.arguments[0] if call.arguments else None
        if not (isinstance(first, Literal) and isinstance(first.value, str)):
            raise RuleDefinitionError(
                "when",
                f"{call.function}() needs a quoted feature name first, "
                f'as in {call.function}("monetary"...)',
            )
        if not _known(first.value) or first.value in TEXT_NAMES:
            raise RuleDefinitionError(
                "when",
                f"{call.function}() names unknown feature {first.value!r}",
            )


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for item in dataclasses.fields(node):
        value = getattr(node, item.name)
        children = value if isinstance(value, tuple) else (value,)
        for child in children:
            if isinstance(child, Node):
                yield from _walk(child)


def _signatures() -> dict[str, Function]:
    # Types only; evaluate_tags binds the implementations to the data.
    return {
        "percentile": Function(_unbound, (STRING, NUMBER), NUMBER),
        "mean": Function(_unbound, (STRING,), NUMBER),
    }


def _unbound(*_arguments: Any) -> float:
    raise RuntimeError("population functions are bound in evaluate_tags")


def _scope_for(names: set[str]) -> Scope:
    values = {name: STRING if name in TEXT_NAMES else NUMBER for name in names}
    for name in TEXT_NAMES:
        values.setdefault(name, STRING)
    return Scope(values=values, functions=_signatures())


def _scope(tags: list[ProfileTag]) -> Scope:
    names: set[str] = set()
    for tag in tags:
        names |= names_used(tag.node)
    return _scope_for(names)


def _population_functions(features: FeatureMatrix) -> dict[str, Function]:
    cached: dict[tuple[str, float], float] = {}

    def column(name: str) -> np.ndarray:
        if name in features.columns and len(features.customer_ids):
            return features.column(name)
        return np.zeros(1)

    def percentile(name: str, percent: float) -> float:
        key = (name, percent)
        if key not in cached:
            cached[key] = float(np.percentile(column(name), min(max(percent, 0), 100)))
        return cached[key]

    def mean(name: str) -> float:
        key = (name, -1.0)
        if key not in cached:
            cached[key] = float(np.mean(column(name)))
        return cached[key]

    return {
        "percentile": Function(percentile, (STRING, NUMBER), NUMBER),
        "mean": Function(mean, (STRING,), NUMBER),
    }
