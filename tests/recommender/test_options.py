"""Option-value suggestions from past configurations."""

import numpy as np
import pytest

from bench.option_values import load
from recommender.options import OptionSuggester

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
