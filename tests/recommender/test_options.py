"""Option-value suggestions from past configurations."""

from collections import Counter

import numpy as np
import pytest

from bench.option_values import load, load_rules, run, valid_values
from recommender.options import OptionSuggester
from rules.cache import CompiledCache
from tests.conftest import SHARED_DATA

RENAULT = SHARED_DATA / "configuration" / "renault-medium"
# Distinct test configurations per fold in the tests below; the benchmark
# tests all of them.
TESTED = 12

VARIABLES = ["metal", "stone", "finish"]

# Three buyers of white gold chose a diamond with a matte finish; the
# many buyers of yellow gold chose a sapphire with a polished one.
PAST = np.array([[0, 1, 0]] * 3 + [[1, 2, 1]] * 6 + [[1, 1, 1]] * 1)


def _values(scores):
    return [score.value for score in scores]


def test_beta_zero_is_most_frequent():
    model = OptionSuggester(beta=0.0).fit(VARIABLES, PAST)

    scores = model.suggest({"metal": 0}, "stone", [1, 2])

    assert _values(scores) == [2, 1]
    assert [s.score for s in scores] == pytest.approx([0.6, 0.4])


def test_similar_choices_win():
    model = OptionSuggester(beta=4.0).fit(VARIABLES, PAST)

    scores = model.suggest({"metal": 0, "finish": 0}, "stone", [1, 2])

    assert _values(scores) == [1, 2]
    assert scores[0].score > 0.99


def test_only_valid_values_returned():
    model = OptionSuggester().fit(VARIABLES, PAST)

    scores = model.suggest({"metal": 1}, "stone", [1, 3])

    # 3 is valid but nobody chose it; 2 was chosen but is not valid now.
    assert _values(scores) == [1, 3]
    assert scores[1].score == 0.0


def test_no_past_configurations_scores_zero():
    empty = np.empty((0, len(VARIABLES)), dtype=np.int64)
    model = OptionSuggester().fit(VARIABLES, empty)

    scores = model.suggest({"metal": 1}, "stone", [1, 2])

    assert _values(scores) == [1, 2]
    assert [s.score for s in scores] == [0.0, 0.0]


def test_equal_scores_keep_valid_order():
    model = OptionSuggester().fit(VARIABLES, PAST)

    scores = model.suggest({}, "stone", [7, 5, 6])

    assert _values(scores) == [7, 5, 6]
    assert [s.score for s in scores] == [0.0, 0.0, 0.0]


def test_not_applicable_value_counts():
    past = np.array([[0, -1], [0, -1], [1, 3]])
    model = OptionSuggester().fit(["body", "roof"], past)

    assert _values(model.suggest({"body": 0}, "roof", [3, -1])) == [-1, 3]


def test_customer_similarity_weighs_owners():
    owners = ["ana"] * 3 + ["bo"] * 6 + ["cy"]
    model = OptionSuggester(beta=0.0).fit(VARIABLES, PAST, owners)

    scores = model.suggest({}, "stone", [1, 2], customer_similarity={"ana": 1.0})

    assert _values(scores) == [1, 2]
    assert scores[0].score == pytest.approx(1.0)


def test_customer_similarity_needs_owners():
    model = OptionSuggester().fit(VARIABLES, PAST)

    with pytest.raises(ValueError, match="pass owners to fit"):
        model.suggest({}, "stone", [1], customer_similarity={"ana": 1.0})


def test_rejects_wrong_shape():
    with pytest.raises(ValueError, match="expected one column per variable, 2"):
        OptionSuggester().fit(["a", "b"], PAST)


def test_rejects_negative_beta():
    with pytest.raises(ValueError, match="Invalid beta=-1"):
        OptionSuggester(beta=-1)


def test_real_sales_suggest_valid_values(shared_data):
    variables, sales, folds = load(shared_data / "configuration" / "renault-medium")
    model = OptionSuggester().fit(variables, sales[folds != 0])
    tested = np.unique(sales[folds == 0], axis=0)[:10]

    for configuration in tested:
        for column, name in enumerate(variables):
            choices = dict(zip(variables, configuration.tolist(), strict=True))
            del choices[name]
            valid = sorted(set(sales[:, column].tolist()))

            scores = model.suggest(choices, name, valid)

            assert sorted(_values(scores)) == valid
            assert sum(s.score for s in scores) == pytest.approx(1.0)
    assert len(variables) == 44
    assert len(sales) == 8252


@pytest.fixture(scope="module")
def renault(tmp_path_factory):
    """The van sales, their folds and the compiled constraint model."""
    variables, sales, folds = load(RENAULT)
    engine = load_rules(RENAULT, CompiledCache(tmp_path_factory.mktemp("compiled")))
    return variables, sales, folds, engine


def _tested(sales, folds, fold):
    return np.unique(sales[folds == fold], axis=0)[:TESTED]


def _seen_with_others(sales, configuration, column):
    """Return the values at ``column`` of the sales that equal
    ``configuration`` in every other column."""
    others = np.delete(np.arange(sales.shape[1]), column)
    agree = (sales[:, others] == configuration[others]).all(axis=1)
    return set(sales[agree, column].tolist())


def test_engine_values_contain_sold_values(renault):
    variables, sales, folds, engine = renault

    for configuration in _tested(sales, folds, 0):
        valid = valid_values(engine, variables, configuration)
        for column, values in enumerate(valid):
            assert configuration[column] in values
            # A value sold with the same other 43 values is valid.
            assert _seen_with_others(sales, configuration, column) <= set(values)


def test_engine_leaves_more_choice_than_sales(renault):
    variables, sales, folds, engine = renault
    from_engine = from_sales = 0

    for configuration in _tested(sales, folds, 0):
        valid = valid_values(engine, variables, configuration)
        for column, values in enumerate(valid):
            from_engine += len(values) > 1
            from_sales += len(_seen_with_others(sales, configuration, column)) > 1

    assert from_engine > from_sales


def test_suggestions_come_from_engine_values(renault):
    variables, sales, folds, engine = renault
    training = sales[folds != 1]
    similar = OptionSuggester().fit(variables, training)
    frequent = OptionSuggester(beta=0.0).fit(variables, training)

    for configuration in _tested(sales, folds, 1):
        valid = valid_values(engine, variables, configuration)
        for column, name in enumerate(variables):
            choices = dict(zip(variables, configuration.tolist(), strict=True))
            del choices[name]
            counts = Counter(training[:, column].tolist())
            # The most frequent valid value in training; ties go to the
            # smallest value, the first of the ascending valid values.
            expected = max(valid[column], key=lambda v: (counts[v], -v))

            ranked = similar.suggest(choices, name, valid[column])
            baseline = frequent.suggest(choices, name, valid[column])

            assert sorted(_values(ranked)) == valid[column]
            assert baseline[0].value == expected


def test_fold_evaluation_counts_forced_pairs_right(renault):
    variables, sales, folds, engine = renault

    figures = run(RENAULT, engine, test_folds=[2], max_tested=TESTED)

    tested = _tested(sales, folds, 2)
    sold = sum(int((sales[folds == 2] == t).all(axis=1).sum()) for t in tested)
    assert figures["sales"] == sold
    assert figures["pairs"] == sold * len(variables)
    assert 0 < figures["pairs_with_choice"] < figures["pairs"]
    forced = figures["pairs"] - figures["pairs_with_choice"]
    for method, share in figures["top1_accuracy"].items():
        right = share * figures["pairs"]
        with_choice = figures["top1_accuracy_with_choice"][method]
        # A pair with one valid value is always right.
        assert right == pytest.approx(
            forced + with_choice * figures["pairs_with_choice"], abs=1
        )
    assert figures["folds"] == 1
