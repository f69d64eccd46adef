"""Measure option-value suggestions on real van configurations, by fold.

Run ``python -m bench.option_values [--data DIR]``. It prints one JSON
object. For each sale of each of the 10 folds and each of its 44 variables,
the variable is hidden, the other 43 stay set, and two methods suggest one
value from the sales of the other nine folds:

* ``similar_customers``: :class:`recommender.options.OptionSuggester`, whose
  ``beta`` is chosen per fold on one of the nine training folds held out;
* ``most_frequent``: the valid value chosen most often in training.

Both pick among the valid values of the hidden variable given the other 43.

NOTE: valid values come from the sales, not from the constraint model:
a value is valid when some sale of any fold agrees with this sale on the
other 43 variables and has that value. Every such value is truly valid,
but the constraint model may allow more, so fewer pairs leave a choice
than with the model's exact valid domains.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from recommender.options import OptionSuggester

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "configuration"
DEFAULT_DATA = DATA_DIR / "renault-medium"
BETAS = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)
FOLDS = 10

VALID_VALUES_NOTE = (
    "Valid values are approximated from the sales: a value is valid when some "
    "sale agrees with this sale on the other 43 variables and has that value. "
    "This is a subset of the constraint model's valid values."
)


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the evaluation and print its JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="folder with config_medium_filtered.txt and index_csv_medium.txt "
        "(default: %(default)s)",
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


def run(folder: Path) -> dict[str, object]:
    """Evaluate both methods on every fold and return the figures."""
    started = time.perf_counter()
    variables, sales, folds = load(folder)
    everything = np.unique(sales, axis=0)

    totals = {"similar_customers": 0, "most_frequent": 0}
    with_choice = {"similar_customers": 0, "most_frequent": 0}
    pairs = pairs_with_choice = 0
    chosen_betas = []
    for fold in range(FOLDS):
        held_out = (fold + 1) % FOLDS
        inner = (folds != fold) & (folds != held_out)
        beta = _best_beta(variables, sales[inner], sales[folds == held_out], everything)
        chosen_betas.append(beta)

        training = sales[folds != fold]
        similar = OptionSuggester(beta).fit(variables, training)
        frequent = OptionSuggester(0.0).fit(variables, training)
        tested, counts = np.unique(sales[folds == fold], axis=0, return_counts=True)
        for configuration, count in zip(tested, counts, strict=True):
            for column, valid in _valid_values(configuration, everything):
                right = _right(
                    similar, frequent, variables, configuration, column, valid
                )
                pairs += count
                totals["similar_customers"] += count * right[0]
                totals["most_frequent"] += count * right[1]
                if len(valid) > 1:
                    pairs_with_choice += count
                    with_choice["similar_customers"] += count * right[0]
                    with_choice["most_frequent"] += count * right[1]

    return {
        "sales": len(sales),
        "variables": len(variables),
        "folds": FOLDS,
        "pairs": int(pairs),
        "pairs_with_choice": int(pairs_with_choice),
        "top1_accuracy": {k: round(v / pairs, 4) for k, v in totals.items()},
        "top1_accuracy_with_choice": {
            k: round(v / max(pairs_with_choice, 1), 4) for k, v in with_choice.items()
        },
        "beta_per_fold": chosen_betas,
        "valid_values": VALID_VALUES_NOTE,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _best_beta(
    variables: list[str],
    training: np.ndarray,
    validation: np.ndarray,
    everything: np.ndarray,
) -> float:
    """Return the beta with the most right first suggestions on ``validation``.

    Only pairs with two or more valid values count, because the others are
    right for every beta. Ties keep the smaller beta.
    """
    models = [OptionSuggester(beta).fit(variables, training) for beta in BETAS]
    right = np.zeros(len(BETAS))
    tested, counts = np.unique(validation, axis=0, return_counts=True)
    for configuration, count in zip(tested, counts, strict=True):
        for column, valid in _valid_values(configuration, everything):
            if len(valid) < 2:
                continue
            choices = _choices(variables, configuration, column)
            for index, model in enumerate(models):
                best = model.suggest(choices, variables[column], valid)[0].value
                right[index] += count * (best == configuration[column])
    return BETAS[int(np.argmax(right))]


def _valid_values(configuration: np.ndarray, everything: np.ndarray):
    """Yield (column, valid values ascending) for each variable of a sale."""
    differs = everything != configuration
    differing = differs.sum(axis=1)
    for column in range(len(configuration)):
        consistent = (differing == 0) | ((differing == 1) & differs[:, column])
        yield column, sorted(set(everything[consistent, column].tolist()))


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
