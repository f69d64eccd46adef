"""Measure option-value suggestions on real van configurations, by fold.

Run ``python -m bench.option_values [--data DIR]``. It prints one JSON
object. For each sale of each of the 10 folds and each of its 44 variables,
the variable is hidden, the other 43 stay set, and two methods suggest one
value from the sales of the other nine folds:

* ``similar_customers``: :class:`recommender.options.OptionSuggester`, whose
  ``beta`` is chosen per fold on one of the nine training folds held out;
* ``most_frequent``: the valid value chosen most often in training.

Both pick among the valid values of the hidden variable, which the rule
engine computes from the constraint model (``medium_domainsorted.xml``, 148
variables): with the other 43 values as fixed choices and the 104 variables
that sales never set left free, a value is valid when some configuration
that satisfies every constraint has it.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from recommender.options import OptionSuggester
from rules.cache import CompiledCache
from rules.engine import Engine
from rules.xcsp import load_engine

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "configuration"
DEFAULT_DATA = DATA_DIR / "renault-medium"
MODEL_FILE = "medium_domainsorted.xml"
BETAS = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)
FOLDS = 10
# The two methods, in the order of the pair that _right returns.
METHODS = ("similar_customers", "most_frequent")

# Valid values of each variable of one sale, given its other values.
ValidValues = list[list[int]]


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the evaluation and print its JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help=f"folder with config_medium_filtered.txt, index_csv_medium.txt and "
        f"{MODEL_FILE} (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    print(json.dumps(run(args.data), indent=2))


def load(folder: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return the variable names, the sales (sales, variables) and their folds."""
    lines = (folder / "config_medium_filtered.txt").read_text().split("\n")
    variables = lines[0].split()
    sales = np.array([line.split() for line in lines[1:] if line.strip()], np.int64)
    folds = np.loadtxt(folder / "index_csv_medium.txt", dtype=np.int64)
    if len(folds) != len(sales):
        raise ValueError(
            f"{folder}: {len(sales)} sales but {len(folds)} fold numbers; the "
            "files must have one line per sale"
        )
    return variables, sales, folds


def load_rules(folder: Path, cache: CompiledCache | None = None) -> Engine:
    """Return the rule engine of the folder's constraint model.

    The compiled model is kept in ``cache`` (the user's cache folder when
    omitted), so only the first run compiles it.
    """
    return load_engine(folder / MODEL_FILE, cache)


def valid_values(
    engine: Engine, variables: list[str], configuration: np.ndarray
) -> ValidValues:
    """Return the valid values, ascending, of each variable of a sale.

    Every variable of ``variables`` is a fixed choice, so the engine returns
    for each one the values that fit all the other choices.

    Raises
    ------
    ValueError
        If the sale's values conflict with the constraint model.
    """
    values = dict(zip(variables, configuration.tolist(), strict=True))
    domains = engine.domains({**engine.coerce({}), **values}, variables)
    if domains.relaxed is not None:
        raise ValueError(
            f"Invalid sale {configuration.tolist()}: its values conflict with "
            "the constraint model, so it has no valid values to suggest from"
        )
    return [sorted(domains.offered[name]) for name in variables]


def valid_values_of_sales(
    engine: Engine, variables: list[str], sales: np.ndarray
) -> dict[tuple[int, ...], ValidValues]:
    """Return :func:`valid_values` of each distinct sale, keyed by its values."""
    return {
        tuple(sale.tolist()): valid_values(engine, variables, sale)
        for sale in np.unique(sales, axis=0)
    }


def run(
    folder: Path,
    engine: Engine | None = None,
    *,
    test_folds: Iterable[int] = range(FOLDS),
    max_tested: int | None = None,
) -> dict[str, object]:
    """Evaluate both methods and return the figures.

    Parameters
    ----------
    folder
        The data folder, as for ``--data``.
    engine
        The rule engine of the folder's model; loaded with
        :func:`load_rules` when omitted.
    test_folds
        The folds whose sales are tested, each against the other nine.
    max_tested
        Test at most this many distinct configurations per fold, the first
        in ascending order of their values; all when ``None``.
    """
    started = time.perf_counter()
    variables, sales, folds = load(folder)
    if engine is None:
        engine = load_rules(folder)
    rules_loaded = time.perf_counter()
    valid = valid_values_of_sales(engine, variables, sales)
    valid_found = time.perf_counter()

    tally = _Tally()
    chosen_betas = []
    for fold in test_folds:
        held_out = (fold + 1) % FOLDS
        inner = (folds != fold) & (folds != held_out)
        beta = _best_beta(variables, sales[inner], sales[folds == held_out], valid)
        chosen_betas.append(beta)

        training = sales[folds != fold]
        similar = OptionSuggester(beta).fit(variables, training)
        frequent = OptionSuggester(0.0).fit(variables, training)
        tested, counts = np.unique(sales[folds == fold], axis=0, return_counts=True)
        for configuration, count in zip(
            tested[:max_tested], counts[:max_tested], strict=True
        ):
            tally.sales += int(count)
            for column, values in enumerate(valid[tuple(configuration.tolist())]):
                right = _right(
                    similar, frequent, variables, configuration, column, values
                )
                tally.add(int(count), right, len(values) > 1)

    return {
        **tally.figures(),
        "variables": len(variables),
        "folds": len(chosen_betas),
        "beta_per_fold": chosen_betas,
        "valid_values": f"rule engine on {MODEL_FILE}",
        "rules_load_seconds": round(rules_loaded - started, 1),
        "valid_values_seconds": round(valid_found - rules_loaded, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }


@dataclass
class _Tally:
    """Right first suggestions per method, over all pairs and over pairs
    with two or more valid values; every count is weighted by sales."""

    sales: int = 0
    pairs: int = 0
    pairs_with_choice: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METHODS, 0))
    right_with_choice: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(METHODS, 0)
    )

    def add(self, count: int, right: tuple[int, int], choice: bool) -> None:
        self.pairs += count
        self.pairs_with_choice += count * choice
        for method, hit in zip(METHODS, right, strict=True):
            self.right[method] += count * hit
            self.right_with_choice[method] += count * hit * choice

    def figures(self) -> dict[str, object]:
        def shares(right: dict[str, int], pairs: int) -> dict[str, float]:
            return {k: round(v / max(pairs, 1), 4) for k, v in right.items()}

        return {
            "sales": self.sales,
            "pairs": self.pairs,
            "pairs_with_choice": self.pairs_with_choice,
            "top1_accuracy": shares(self.right, self.pairs),
            "top1_accuracy_with_choice": shares(
                self.right_with_choice, self.pairs_with_choice
            ),
        }


def _best_beta(
    variables: list[str],
    training: np.ndarray,
    validation: np.ndarray,
    valid: dict[tuple[int, ...], ValidValues],
) -> float:
    """Return the beta with the most right first suggestions on ``validation``.

    Only pairs with two or more valid values count, because the others are
    right for every beta. Ties keep the smaller beta.
    """
    models = [OptionSuggester(beta).fit(variables, training) for beta in BETAS]
    right = np.zeros(len(BETAS))
    tested, counts = np.unique(validation, axis=0, return_counts=True)
    for configuration, count in zip(tested, counts, strict=True):
        for column, values in enumerate(valid[tuple(configuration.tolist())]):
            if len(values) < 2:
                continue
            choices = _choices(variables, configuration, column)
            for index, model in enumerate(models):
                best = model.suggest(choices, variables[column], values)[0].value
                right[index] += count * (best == configuration[column])
    return BETAS[int(np.argmax(right))]


def _choices(variables: list[str], configuration: np.ndarray, hidden: int):
    return {
        name: int(value)
        for index, (name, value) in enumerate(
            zip(variables, configuration, strict=True)
        )
        if index != hidden
    }


def _right(similar, frequent, variables, configuration, column, valid):
    choices = _choices(variables, configuration, column)
    name, truth = variables[column], configuration[column]
    first = similar.suggest(choices, name, valid)[0].value
    baseline = frequent.suggest(choices, name, valid)[0].value
    return int(first == truth), int(baseline == truth)


if __name__ == "__main__":
    main()
