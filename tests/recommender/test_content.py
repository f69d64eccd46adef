"""Content similarity of products: TF-IDF text, category and price band."""

import numpy as np
import pytest

from recommender.content import ContentModel, ProductInfo

CATALOGUE = [
    ProductInfo(
        "band", "Gold wedding band", "A plain gold band", ("ring",), "ring", 400
    ),
    ProductInfo("signet", "Gold signet ring", "Engraved gold", ("ring",), "ring", 450),
    ProductInfo("oak", "Oak dining table", "Solid oak top", ("table",), "table", 900),
    ProductInfo(
        "desk", "Oak writing desk", "Oak with drawers", ("table",), "table", 700
    ),
    ProductInfo("boot", "Chelsea boot", "Suede upper", ("shoe",), "shoe", 200),
]


def test_similar_products_share_words():
    model = ContentModel().fit(CATALOGUE)

    similar = model.similar_products("band", n=2)

    # Only the signet ring shares words, category or price band with it.
    assert [product for product, _ in similar] == ["signet"]
    assert 0 < similar[0][1] < 1


def test_similar_products_excludes_itself():
    model = ContentModel().fit(CATALOGUE)

    similar = model.similar_products("oak", n=10)

    assert "oak" not in [product for product, _ in similar]
    assert similar[0][0] == "desk"


def test_attributes_separate_equal_texts():
    products = [
        ProductInfo("a", "Classic piece", category="ring", price=100),
        ProductInfo("b", "Classic piece", category="ring", price=100),
        ProductInfo("c", "Classic piece", category="shoe", price=100),
        ProductInfo("d", "Classic piece", category="ring", price=5000),
    ]
    model = ContentModel(attribute_weight=0.5).fit(products)

    scores = dict(model.similar_products("a", n=3))

    # Each of c and d differs from a in one of the two attributes.
    assert scores["b"] == pytest.approx(1.0)
    assert scores["c"] == pytest.approx(0.75)
    assert scores["d"] == pytest.approx(0.75)


def test_text_only_without_attribute_weight():
    model = ContentModel(attribute_weight=0.0).fit(CATALOGUE)

    assert model.similar_products("boot") == []


def test_profile_ranks_by_purchases():
    model = ContentModel().fit(CATALOGUE)
    rows = [model.product_index["band"], model.product_index["oak"]]

    scores = model.scores_for_rows(rows, [3.0, 1.0])

    assert scores[model.product_index["signet"]] > scores[model.product_index["desk"]]
    assert np.linalg.norm(model.profile(rows, [3.0, 1.0])) == pytest.approx(1.0)


def test_closest_bought_product():
    model = ContentModel().fit(CATALOGUE)
    index = model.product_index

    closest = model.closest(index["desk"], [index["band"], index["oak"]])

    assert closest == index["oak"]


def test_empty_texts_still_fit():
    products = [ProductInfo("x", ""), ProductInfo("y", "the", price=3.0)]

    model = ContentModel().fit(products)

    assert model.matrix.shape[0] == 2
    assert model.similar_products("x") == []


def test_rejects_attribute_weight_above_one():
    with pytest.raises(ValueError, match="Invalid attribute_weight=1.5"):
        ContentModel(attribute_weight=1.5)
