"""Check and publish a designer's unsaved edit of a catalog file.

A draft is the full TOML text of one catalog file. Checking it loads it the
way the catalog does, so every problem the catalog would report is found, and
places each problem on its line. Publishing writes a draft that passed into
the catalog folder atomically and reloads it in the :class:`CatalogStore`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from designer.atomic import write_bytes_atomic
from designer.catalog import (
    CatalogError,
    CatalogModel,
    CatalogStore,
    ReloadResult,
    load_model_bytes,
)
from designer.catalog_source import SourceMap, parse_location
from rules.cache import CompiledCache

logger = logging.getLogger(__name__)

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class SourceProblem:
    """One problem of a draft: its line, key path and reason.

    ``severity`` is ``"error"`` for a problem that stops the file from
    loading, and ``"warning"`` for one that only informs, such as a value
    that no valid product can use. ``line`` is 1-based, or ``None`` when
    the problem has no place in the text.
    """

    line: int | None
    key: str
    reason: str
    severity: str = ERROR

    def summary(self) -> str:
        """Return the key and the first line of the reason, for a list row.

        Expression errors add the expression and a caret on further lines,
        which only read well in a fixed-width font.
        """
        first = self.reason.split("\n", 1)[0].removesuffix(" in:")
        return f"{self.key}: {first}" if self.key else first


@dataclass(frozen=True)
class DraftCheck:
    """The outcome of checking a draft: the model it loads as, and problems."""

    model: CatalogModel | None
    problems: tuple[SourceProblem, ...]

    @property
    def errors(self) -> tuple[SourceProblem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def publishable(self) -> bool:
        return self.model is not None and not self.errors


class DraftRejectedError(ValueError):
    """A draft that cannot be published; ``problems`` lists why, by line."""

    def __init__(self, path: Path, problems: tuple[SourceProblem, ...]) -> None:
        reasons = "; ".join(_described(problem) for problem in problems)
        super().__init__(f"{path.name} was not published: {reasons}")
        self.path = path
        self.problems = problems


def check_draft(
    text: str,
    path: Path,
    cache: CompiledCache | None = None,
    other_ids: Mapping[str, Path] | None = None,
) -> DraftCheck:
    """Load ``text`` as the catalog file ``path`` and list its problems.

    Parameters
    ----------
    text
        The draft's TOML source.
    path
        The catalog file the draft replaces; it names the draft in messages
        and need not exist.
    cache
        Where compiled rules are looked up and stored. ``None`` compiles in
        memory, so that checking drafts while a designer types leaves no
        files behind.
    other_ids
        The path of each model id already in the catalog, so that a draft
        that takes another file's id is rejected.
    """
    try:
        model = load_model_bytes(text.encode("utf-8"), path, cache)
    except CatalogError as error:
        return DraftCheck(None, (SourceProblem(error.line, error.key, error.reason),))
    source = SourceMap(text)
    problems = []
    owner = (other_ids or {}).get(model.id)
    if owner is not None and Path(owner).resolve() != Path(path).resolve():
        reason = f"{model.id!r} is already used by {owner}; give this model its own id"
        problems.append(SourceProblem(source.line(("id",)), "id", reason))
    problems.extend(_dead_value_warnings(model, source))
    return DraftCheck(model, tuple(problems))


def _dead_value_warnings(model: CatalogModel, source: SourceMap) -> list[SourceProblem]:
    positions = {p.name: i for i, p in enumerate(model.rules.parameters)}
    warnings = []
    for name, values in model.dead_values.items():
        parameter = model.parameter(name)
        index = positions[name]
        choices = [choice.value for choice in parameter.choices]
        for value in values:
            key = f"parameters[{index}]"
            if value in choices and source.count(("parameters", index, "choices")):
                key += f".choices[{choices.index(value)}]"
            reason = (
                f"no valid product can use {name} = {value}; remove the value or "
                "relax the rules that exclude it"
            )
            line = source.line(parse_location(key))
            warnings.append(SourceProblem(line, key, reason, WARNING))
    return warnings


def publish_draft(text: str, path: Path, store: CatalogStore) -> ReloadResult:
    """Write a draft over the catalog file ``path`` and reload it in ``store``.

    The rules are compiled into the store's cache first, so the catalog
    loads the published file without compiling again.

    Raises
    ------
    DraftRejectedError
        If the draft has errors; nothing is written.
    OSError
        If the file cannot be written; the old file stays whole.
    """
    path = Path(path)
    others = {model.id: model.path for model in store.catalog.models.values()}
    check = check_draft(text, path, store.cache, others)
    if not check.publishable:
        raise DraftRejectedError(path, check.errors)
    write_bytes_atomic(path, text.encode("utf-8"))
    result = store.reload(path)
    logger.info("catalog file %s published as %s", path.name, check.model.id)
    return result


def _described(problem: SourceProblem) -> str:
    where = "" if problem.line is None else f"line {problem.line}: "
    return where + problem.summary()
