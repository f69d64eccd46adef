"""k-NN collaborative filtering: the maths, tie rules, implicit feedback, updates."""

import math

import numpy as np
import pytest

from recommender.cf import KNN, KNNParameters, RatingData, confidence

TEXTBOOK = [
    ("A", "i1", 5),
    ("A", "i2", 4),
    ("A", "i3", 3),
    ("B", "i1", 4),
    ("B", "i2", 5),
    ("B", "i3", 2),
    ("B", "i4", 4),
]


def _data(triples):
    users, items, values = zip(*triples, strict=True)
    return RatingData.from_triples(users, items, values)


def _model(triples, **parameters):
    return KNN(KNNParameters(**parameters)).fit(_data(triples))


def test_textbook_cosine_similarity():
    model = _model(TEXTBOOK, similarity="cosine")

    similarity = model.similarities(0)

    # Over the co-rated items 1 to 3: 46 / (sqrt(50) sqrt(45)).
    assert similarity[1] == pytest.approx(0.9698, abs=1e-4)
    assert similarity[1] == pytest.approx(46 / math.sqrt(50 * 45), abs=1e-15)
    assert similarity[0] == 1.0


def test_textbook_prediction():
    model = _model(TEXTBOOK, similarity="cosine")

    prediction = model.predict("A", "i4")

    # A's mean 4 plus B's deviation 4 - 3.75, B's mean over all four ratings.
    assert prediction.estimate == pytest.approx(4.25, abs=1e-12)
    assert prediction.impossible is False
    assert prediction.neighbours == 1


def test_shrinkage_scales_by_support():
    plain = _model(TEXTBOOK, similarity="cosine").similarities(0)[1]
    shrunk = _model(TEXTBOOK, similarity="cosine", shrinkage=2).similarities(0)[1]

    assert shrunk == pytest.approx(plain * 3 / 5, abs=1e-15)


def test_min_support_zeroes_similarity():
    model = _model(TEXTBOOK, similarity="cosine", min_support=4)

    assert model.similarities(0)[1] == 0.0
    assert model.predict("A", "i4") == (4.0, True, 0)


def test_unknown_ids_get_global_mean():
    model = _model(TEXTBOOK)
    mean = sum(value for *_, value in TEXTBOOK) / len(TEXTBOOK)

    for user, item in [("Z", "i1"), ("A", "i9"), ("Z", "i9")]:
        prediction = model.predict(user, item)
        assert prediction.estimate == pytest.approx(mean)
        assert prediction.impossible is True


def test_pearson_uses_co_rated_means():
    # On the co-rated i1..i3 both customers deviate the same way around
    # their co-rated means, so Pearson is 1 although B's mean over all of
    # its ratings differs.
    triples = [("A", "i1", 1), ("A", "i2", 2), ("A", "i3", 3)]
    triples += [("B", "i1", 2), ("B", "i2", 3), ("B", "i3", 4), ("B", "i4", 1)]

    similarity = _model(triples, similarity="pearson").similarities(0)

    assert similarity[1] == pytest.approx(1.0, abs=1e-15)


def _adjusted_cosine_reference(triples, first, second):
    """Item similarity of ``first`` and ``second``, computed with plain loops."""
    by_user: dict[str, dict[str, float]] = {}
    for user, item, value in triples:
        by_user.setdefault(user, {})[item] = value
    dot = first_squares = second_squares = 0.0
    for ratings in by_user.values():
        if first in ratings and second in ratings:
            mean = sum(ratings.values()) / len(ratings)
            a, b = ratings[first] - mean, ratings[second] - mean
            dot += a * b
            first_squares += a * a
            second_squares += b * b
    return dot / math.sqrt(first_squares * second_squares)


ADJUSTED = [
    ("u1", "x", 5),
    ("u1", "y", 3),
    ("u1", "z", 1),
    ("u2", "x", 4),
    ("u2", "y", 4),
    ("u3", "x", 2),
    ("u3", "y", 5),
    ("u3", "z", 4),
    ("u4", "y", 1),
    ("u4", "z", 2),
]


@pytest.mark.parametrize(("first", "second"), [("x", "y"), ("x", "z"), ("y", "z")])
def test_adjusted_cosine_centres_by_user_mean(first, second):
    model = _model(ADJUSTED, kind="item", similarity="adjusted-cosine")
    index = model.data.item_index

    similarity = model.similarities(index[first])[index[second]]

    expected = _adjusted_cosine_reference(ADJUSTED, first, second)
    assert similarity == pytest.approx(expected, abs=1e-12)


def test_equal_similarity_keeps_rating_order():
    # B and C agree with A on x1, x2 and disagree on y; with k = 1 the
    # neighbour whose rating of y came first is used.
    triples = [("A", "x1", 5), ("A", "x2", 3)]
    triples += [("C", "x1", 5), ("C", "x2", 3), ("C", "y", 2)]
    triples += [("B", "x1", 5), ("B", "x2", 3), ("B", "y", 5)]
    model = _model(triples, similarity="cosine", k=1)
    reordered = triples[:2] + triples[5:] + triples[2:5]
    model_reordered = _model(reordered, similarity="cosine", k=1)

    # C's mean is 10/3 and C rated y 2; B's mean is 13/3 and B rated y 5.
    assert model.predict("A", "y").estimate == pytest.approx(4 + 2 - 10 / 3)
    assert model_reordered.predict("A", "y").estimate == pytest.approx(4 + 5 - 13 / 3)


def test_min_k_falls_back_to_user_mean():
    model = _model(TEXTBOOK, similarity="cosine", min_k=2)

    assert model.predict("A", "i4") == (4.0, True, 1)


def test_predict_pairs_matches_predict():
    model = _model(ADJUSTED, kind="item", similarity="pearson")
    pairs = [(u, i) for u in ("u1", "u2", "u3", "u4", "u9") for i in "xyzw"]

    batch = model.predict_pairs([u for u, _ in pairs], [i for _, i in pairs])

    assert batch == [model.predict(u, i) for u, i in pairs]


@pytest.mark.parametrize("kind", ["user", "item"])
def test_explicit_scores_equal_predictions(kind):
    model = _model(ADJUSTED, kind=kind, similarity="cosine", k=2)

    scores, support = model.scores("u4")

    for column, item in enumerate(model.data.item_ids):
        prediction = model.predict("u4", item)
        assert support[column] == prediction.neighbours
        assert scores[column] == pytest.approx(prediction.estimate, abs=1e-12)


def test_repeated_rating_rejected():
    with pytest.raises(ValueError, match="user 'A' has two values for item 'i1'"):
        _data([("A", "i1", 5), ("B", "i1", 3), ("A", "i1", 4)])


@pytest.mark.parametrize(
    ("name", "value"), [("k", 0), ("min_k", 0), ("min_support", 0), ("shrinkage", -1)]
)
def test_rejects_invalid_parameters(name, value):
    with pytest.raises(ValueError, match=f"Invalid {name}={value}"):
        KNNParameters(**{name: value})


def test_rejects_unknown_similarity():
    with pytest.raises(ValueError, match="expected one of cosine, pearson"):
        KNNParameters(similarity="jaccard")


# Purchase counts of five customers; a and b share tastes, c and d others.
PURCHASES = [
    ("a", "mug", 3),
    ("a", "plate", 1),
    ("a", "bowl", 2),
    ("b", "mug", 1),
    ("b", "plate", 2),
    ("b", "jug", 1),
    ("c", "lamp", 2),
    ("c", "shade", 1),
    ("d", "lamp", 1),
    ("d", "shade", 1),
    ("d", "bulb", 4),
    ("e", "mug", 1),
]


def _implicit(kind, similarity="cosine", **parameters):
    users, items, counts = zip(*PURCHASES, strict=True)
    data = RatingData.from_triples(users, items, confidence(np.array(counts)))
    params = KNNParameters(
        kind=kind, similarity=similarity, feedback="implicit", **parameters
    )
    return KNN(params).fit(data)


def _ranked(model, user):
    """Return the scored items that ``user`` has not bought, best first."""
    scores, _support = model.scores(user)
    owned, _values = model.user_items(model.data.user_index[user])
    scores[owned] = -np.inf
    order = np.lexsort((np.arange(len(scores)), -scores))
    return [model.data.item_ids[i] for i in order if np.isfinite(scores[i])]


def test_implicit_cosine_over_whole_rows():
    model = _implicit("user")
    a, b = confidence(np.array([3, 1, 2])), confidence(np.array([1, 2, 1]))

    similarity = model.similarities(0)[1]

    # Shared mug and plate; the norms run over every product of each row.
    dot = a[0] * b[0] + a[1] * b[1]
    assert similarity == pytest.approx(dot / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.mark.parametrize("similarity", ["cosine", "pearson", "adjusted-cosine"])
def test_implicit_user_votes(similarity):
    model = _implicit("user", similarity)

    ranked = _ranked(model, "e")

    # e bought only a mug, like a and b; their other products come first.
    assert set(ranked[:3]) == {"plate", "bowl", "jug"}
    assert "lamp" not in ranked


def test_implicit_item_neighbourhoods():
    model = _implicit("item")

    ranked = _ranked(model, "c")

    assert ranked == ["bulb"]


def test_implicit_rejects_predict():
    with pytest.raises(ValueError, match="predict needs feedback='explicit'"):
        _implicit("user").predict("a", "mug")


def test_update_user_changes_only_their_row():
    model = _implicit("user")
    before = model.similarities(model.data.user_index["c"]).copy()

    model.update_user("e", ["lamp", "shade", "bulb"], confidence(np.array([3, 3, 3])))

    ranked = _ranked(model, "e")
    refit = _implicit("user")
    refit.update_user("e", ["lamp", "shade", "bulb"], confidence(np.array([3, 3, 3])))
    after = model.similarities(model.data.user_index["c"])
    e = model.data.user_index["e"]
    assert ranked[0] in {"plate", "bowl", "jug"}
    assert before[e] == 0.0
    assert after[e] > 0.0
    assert np.allclose(np.delete(after, e), np.delete(before, e))


def test_update_user_matches_full_fit():
    model = _model(TEXTBOOK, similarity="pearson")
    model.update_user("C", ["i1", "i2", "i4"], [2, 5, 3])
    model.update_user("A", ["i3"], [1])

    expected = _model(
        [t for t in TEXTBOOK if t[:2] != ("A", "i3")]
        + [("C", "i1", 2), ("C", "i2", 5), ("C", "i4", 3), ("A", "i3", 1)],
        similarity="pearson",
    )
    for user in "ABC":
        for item in ("i1", "i2", "i3", "i4"):
            assert model.predict(user, item) == pytest.approx(
                expected.predict(user, item)
            )


def _dense_confidences(model):
    return model.data.values.toarray()


@pytest.mark.parametrize("kind", ["user", "item"])
def test_implicit_pearson_over_whole_rows(kind):
    model = _implicit(kind, "pearson")
    dense = _dense_confidences(model)
    rows = dense if kind == "user" else dense.T

    similarity = model.similarities(0)

    expected = np.corrcoef(rows)[0]
    shared = (rows[0] > 0) & (rows > 0)
    expected = np.where(shared.any(axis=1), expected, 0.0)
    expected[0] = 1.0
    assert similarity == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("kind", ["user", "item"])
def test_implicit_adjusted_cosine_over_whole_rows(kind):
    model = _implicit(kind, "adjusted-cosine")
    dense = _dense_confidences(model)
    rows = dense if kind == "user" else dense.T
    centred = rows - rows.mean(axis=0)

    similarity = model.similarities(0)

    norms = np.linalg.norm(centred, axis=1)
    expected = centred @ centred[0] / (norms * norms[0])
    shared = (rows[0] > 0) & (rows > 0)
    expected = np.where(shared.any(axis=1), expected, 0.0)
    expected[0] = 1.0
    assert similarity == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("similarity", ["cosine", "pearson", "adjusted-cosine"])
def test_item_neighbourhoods_match_similarities(similarity):
    model = _implicit("item", similarity, k=2)

    for item in range(len(model.data.item_ids)):
        row = model.similarities(item).copy()
        row[item] = 0.0
        positive = np.flatnonzero(row > 0)
        best = positive[np.lexsort((positive, -row[positive]))][:2]
        kept = model._neighbours[item]
        assert sorted(kept.indices.tolist()) == sorted(best.tolist())
        assert kept.toarray().ravel()[best] == pytest.approx(row[best])
