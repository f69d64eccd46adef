"""Profile tags: loading rules from a data file and applying them."""

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from designer.profile_tags import (
    ProfileTagError,
    evaluate_tags,
    load_profile_tags,
    tag_counts,
)
from recommender.features import BEHAVIOUR_COLUMNS, FeatureMatrix


def _features(rows: dict[str, dict[str, float]], regions=None) -> FeatureMatrix:
    ids = sorted(rows)
    columns = [*BEHAVIOUR_COLUMNS, "family_share_jewelry", "region_france"]
    values = np.array([[rows[cid].get(c, 0.0) for c in columns] for cid in ids])
    groups = {c: "behaviour" for c in BEHAVIOUR_COLUMNS}
    groups.update({"family_share_jewelry": "interest", "region_france": "demographic"})
    regions = regions or {}
    return FeatureMatrix(
        customer_ids=ids,
        columns=columns,
        values=values,
        groups=groups,
        categories={
            cid: {
                "age_band": "unknown",
                "gender": "unknown",
                "region": regions.get(cid, "unknown"),
            }
            for cid in ids
        },
        reference_time=datetime(2024, 6, 1),
    )


def _tag_file(tmp_path: Path, when: str, extra: str = "") -> Path:
    path = tmp_path / "tags.toml"
    path.write_text(
        f"""
[[tags]]
id = "probe"
label = {{ en = "Probe", zh_CN = "探针" }}
description = {{ en = "A test tag.", zh_CN = "测试标签。" }}
when = '{when}'
{extra}
""",
        encoding="utf-8",
    )
    return path


def test_shipped_tags_load():
    tags = load_profile_tags()

    ids = [tag.id for tag in tags]
    assert {"big-spender", "jewelry-lover", "new-customer"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert all(tag.label("zh_CN") != tag.label("en") for tag in tags)


def test_shipped_tags_apply():
    tags = load_profile_tags()
    spenders = {f"s{n}": {"monetary": 10.0 * n, "tenure_days": 400} for n in range(10)}
    features = _features(
        {
            **spenders,
            "whale": {"monetary": 5000, "frequency": 9, "tenure_days": 400},
            "new": {"tenure_days": 3, "views": 6},
            "ring": {"family_share_jewelry": 0.5, "tenure_days": 400},
        }
    )

    applied = {
        cid: {tag.id for tag in found}
        for cid, found in evaluate_tags(tags, features).items()
    }

    # The 90th percentile of the 13 spending values is 88.
    assert "big-spender" in applied["whale"]
    assert "big-spender" in applied["s9"]
    assert "big-spender" not in applied["s8"]
    assert applied["new"] == {"new-customer", "window-shopper"}
    assert applied["ring"] == {"jewelry-lover"}
    assert tag_counts(tags, features)["big-spender"] == 2


def test_percentile_over_population(tmp_path):
    tags = load_profile_tags(_tag_file(tmp_path, 'views >= percentile("views", 50)'))
    features = _features({f"c{n}": {"views": n} for n in range(5)})

    applied = evaluate_tags(tags, features)

    assert [cid for cid, found in applied.items() if found] == ["c2", "c3", "c4"]


def test_text_and_missing_names(tmp_path):
    when = 'region == "Lyon" or region_japan > 0 or category_share_ring > 0'
    tags = load_profile_tags(_tag_file(tmp_path, when))
    features = _features({"a": {}, "b": {}}, regions={"a": "Lyon"})

    applied = evaluate_tags(tags, features)

    assert [tag.id for tag in applied["a"]] == ["probe"]
    assert applied["b"] == []


def test_evaluate_selected_customer(tmp_path):
    tags = load_profile_tags(_tag_file(tmp_path, 'views >= mean("views")'))
    features = _features({"a": {"views": 1}, "b": {"views": 9}})

    applied = evaluate_tags(tags, features, customer_ids=["b"])

    assert list(applied) == ["b"]
    assert [tag.id for tag in applied["b"]] == ["probe"]
    with pytest.raises(KeyError, match="'zed' has no features"):
        evaluate_tags(tags, features, customer_ids=["zed"])


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("spend > 5", "unknown name 'spend'"),
        ("monetary + 1", "must be true or false, but it gives a number"),
        ("monetary >", "expected a value"),
        ('percentile("shoe_size", 90) > 1', "unknown feature 'shoe_size'"),
        ("percentile(monetary, 90) > 1", "needs a quoted feature name"),
        ("median(monetary) > 1", "unknown function 'median'"),
        ("gender > 1", "cannot compare|needs numbers"),
        ("__import__ == 1", "unknown name '__import__'"),
    ],
)
def test_invalid_rule_named(tmp_path, when, message):
    path = _tag_file(tmp_path, when)

    with pytest.raises(ProfileTagError, match=message) as caught:
        load_profile_tags(path)

    assert caught.value.tag == "probe"
    assert str(path) in str(caught.value)


def test_missing_translation_named(tmp_path):
    path = tmp_path / "tags.toml"
    path.write_text(
        """
[[tags]]
id = "half"
label = { en = "Half" }
description = { en = "x", zh_CN = "x" }
when = "views > 1"
""",
        encoding="utf-8",
    )

    with pytest.raises(ProfileTagError, match="label has no text for zh_CN"):
        load_profile_tags(path)


def test_repeated_id_rejected(tmp_path):
    path = _tag_file(tmp_path, "views > 1")
    path.write_text(path.read_text(encoding="utf-8") * 2, encoding="utf-8")

    with pytest.raises(ProfileTagError, match="used by an earlier tag"):
        load_profile_tags(path)
