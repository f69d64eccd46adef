"""K-means segments: choice of k, degenerate data, stable labels, campaigns."""

import csv
from datetime import datetime

import numpy as np
import pytest

from recommender.features import FeatureMatrix
from recommender.segments import (
    ALIKE_REASON,
    FIT,
    LOAD,
    TOO_FEW_REASON,
    SegmentFitCancelled,
    description_from_label,
    export_campaign,
    fit_segments,
    refit_segments,
    segment_label,
)
from storage import repositories as repo
from storage.db import open_database
from storage.profiles import (
    SEGMENT_FIT_KEY,
    StoredSegment,
    list_segments,
    set_consent,
)
from storage.seed import DemoProduct, seed_demo

AS_OF = datetime(2024, 6, 1)


def _matrix(values, columns, groups, ids=None) -> FeatureMatrix:
    values = np.asarray(values, dtype=float)
    ids = ids or [f"c{row:03d}" for row in range(len(values))]
    unknown = {"age_band": "unknown", "gender": "unknown", "region": "unknown"}
    return FeatureMatrix(
        customer_ids=list(ids),
        columns=list(columns),
        values=values,
        groups=dict(zip(columns, groups, strict=True)),
        categories={cid: dict(unknown) for cid in ids},
        reference_time=AS_OF,
    )


def _blobs(seed=7, per_blob=20) -> FeatureMatrix:
    """Three groups: big spenders, frequent small buyers, jewelry browsers."""
    rng = np.random.default_rng(seed)
    centres = [(2000.0, 2.0, 0.1), (50.0, 15.0, 0.2), (20.0, 1.0, 0.95)]
    rows = []
    for monetary, frequency, jewelry in centres:
        for _ in range(per_blob):
            rows.append(
                [
                    monetary * rng.uniform(0.8, 1.2),
                    frequency * rng.uniform(0.8, 1.2),
                    min(1.0, jewelry + rng.uniform(-0.05, 0.05)),
                ]
            )
    return _matrix(
        rows,
        ["monetary", "frequency", "family_share_jewelry"],
        ["behaviour", "behaviour", "interest"],
    )


def _partition(fit) -> set[frozenset[str]]:
    return {frozenset(segment.customer_ids) for segment in fit.segments}


def _labels(fit) -> dict[str, str]:
    return {cid: s.label for s in fit.segments for cid in s.customer_ids}


def _stored(fit) -> list[StoredSegment]:
    return [
        StoredSegment(number, s.label, len(s.customer_ids), s.centroid, True, AS_OF)
        for number, s in enumerate(fit.segments, 1)
    ]


def test_silhouette_picks_three_blobs():
    fit = _blobs()

    result = fit_segments(fit, random_state=0)

    assert result.k == 3
    assert set(result.silhouettes) == set(range(2, 9))
    assert result.silhouette == max(result.silhouettes.values())
    assert sorted(len(s.customer_ids) for s in result.segments) == [20, 20, 20]
    assert result.fallback is None


def test_labels_describe_centroids():
    labels = {s.label for s in fit_segments(_blobs()).segments}

    assert any("big spenders" in label.lower() for label in labels)
    assert any("frequent buyers" in label.lower() for label in labels)
    assert any("jewelry" in label.lower() for label in labels)
    assert len(labels) == 3


def test_shuffled_input_same_segments():
    features = _blobs()
    first = fit_segments(features)
    order = np.random.default_rng(3).permutation(len(features.customer_ids))

    second = fit_segments(features.take(order))

    assert _partition(second) == _partition(first)
    assert _labels(second) == _labels(first)


def test_refit_keeps_labels_when_clusters_renumber():
    features = _blobs()
    first = fit_segments(features, random_state=0)
    shuffled = features.take(np.random.default_rng(11).permutation(60))

    # Other data and another seed: k-means numbers the clusters differently,
    # so only matching the stored centroids can keep the labels.
    second = fit_segments(
        _blobs(seed=8).take(np.arange(60)),
        previous=_stored(first),
        random_state=5,
    )
    third = fit_segments(shuffled, previous=_stored(first), random_state=9)

    stored_ids = {segment.label: segment.id for segment in _stored(first)}
    assert {s.label for s in second.segments} == set(stored_ids)
    assert all(s.id == stored_ids[s.label] for s in second.segments)
    assert _labels(third) == _labels(first)


def test_refit_matched_by_centroid_not_order():
    first = fit_segments(_blobs())
    stored = list(reversed(_stored(first)))

    second = fit_segments(_blobs(seed=9), previous=stored)

    by_label = {s.label: s.id for s in stored}
    for segment in second.segments:
        assert segment.id == by_label[segment.label]
    # Members of a stored segment keep its label after the refit.
    spenders = next(s for s in first.segments if "pender" in s.label)
    assert all(
        _labels(second).get(cid) in (None, spenders.label)
        for cid in spenders.customer_ids
    )


def test_new_cluster_gets_new_label():
    first = fit_segments(_blobs(), k_values=[2])
    assert first.k == 2

    second = fit_segments(_blobs(), previous=_stored(first), k_values=[3])

    kept = [s for s in second.segments if s.id is not None]
    new = [s for s in second.segments if s.id is None]
    assert len(kept) == 2
    assert len(new) == 1
    assert new[0].label not in {s.label for s in first.segments}


@pytest.mark.parametrize("count", [0, 1, 2])
def test_tiny_data_single_segment(count):
    features = _matrix(
        [[100.0 * (row + 1), row] for row in range(count)] or np.zeros((0, 2)),
        ["monetary", "frequency"],
        ["behaviour", "behaviour"],
    )

    fit = fit_segments(features)

    assert fit.k == 1
    assert fit.fallback == TOO_FEW_REASON
    assert fit.silhouette is None
    assert sum(len(s.customer_ids) for s in fit.segments) == count
    if count:
        assert TOO_FEW_REASON in fit.segments[0].label


def test_constant_data_single_segment():
    features = _matrix(
        [[5.0, 1.0, 0.0]] * 6,
        ["monetary", "frequency", "gender_female"],
        ["behaviour", "behaviour", "demographic"],
    )

    fit = fit_segments(features)

    assert fit.k == 1
    assert fit.fallback == ALIKE_REASON
    assert fit.segments[0].label == f"All customers ({ALIKE_REASON})"
    assert len(fit.segments[0].customer_ids) == 6


def test_two_distinct_rows_two_segments():
    features = _matrix(
        [[1.0, 0.0]] * 4 + [[0.0, 1.0]] * 3,
        ["gender_female", "gender_male"],
        ["demographic", "demographic"],
    )

    fit = fit_segments(features)

    assert fit.k == 2
    assert sorted(len(s.customer_ids) for s in fit.segments) == [3, 4]
    assert {s.label for s in fit.segments} == {"Female", "Male"}


def test_categorical_rare_value_not_isolated():
    # One customer from a rare region must not outweigh a large spending
    # difference: one-hot columns stay in [0, 1].
    rows = [[10.0, 0.0]] * 10 + [[5000.0, 0.0]] * 9 + [[5000.0, 1.0]]
    features = _matrix(
        rows, ["monetary", "region_iceland"], ["behaviour", "demographic"]
    )

    fit = fit_segments(features, k_values=[2])

    assert sorted(len(s.customer_ids) for s in fit.segments) == [10, 10]


def test_invalid_k_values():
    with pytest.raises(ValueError, match="at least one number of segments of 2"):
        fit_segments(_blobs(), k_values=[1])


@pytest.fixture
def shop(db):
    """Six customers in two clear groups; two of them decline marketing."""
    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {
                    "id": f"c{number}",
                    "display_name": f"Customer {number}",
                    "consent_profiling": True,
                    "consent_marketing": number not in (2, 5),
                }
                for number in range(6)
            ]
            + [{"id": "x", "display_name": "No consent"}],
        )
        repo.bulk_insert_products(
            session,
            [
                {"id": "ring", "name": "Band", "category": "ring"},
                {"id": "table", "name": "Table", "category": "table"},
            ],
        )
        events = []
        for number in range(6):
            product = "ring" if number < 3 else "table"
            for hour in range(3):
                events.append(
                    {
                        "customer_id": f"c{number}",
                        "product_id": product,
                        "kind": "view",
                        "occurred_at": datetime(2024, 5, 1, hour),
                    }
                )
        repo.bulk_insert_events(session, events)
    return db


def test_refit_stores_and_keeps_ids(shop):
    first = refit_segments(shop)
    second = refit_segments(shop)

    assert first.k == 2
    assert [(s.id, s.label) for s in second.segments] == [
        (s.id, s.label) for s in first.segments
    ]
    with shop.session(readonly=True) as session:
        stored = list_segments(session)
    assert sorted(s.size for s in stored) == [3, 3]
    assert all(s.id is not None for s in first.segments)


def test_fit_reports_each_k():
    reports = []

    fit_segments(_blobs(), progress=lambda done, total: reports.append((done, total)))

    assert reports == [(done, 7) for done in range(1, 8)]


def test_refit_reports_its_steps(shop):
    reports = []

    refit_segments(
        shop,
        k_values=range(2, 5),
        progress=lambda step, percent: reports.append((step, percent)),
    )

    # Six customers with two distinct feature rows leave k = 2 to try.
    assert [step for step, _percent in reports] == [LOAD, FIT, FIT]
    percents = [percent for _step, percent in reports]
    assert percents == sorted(percents)
    assert percents[0] == 0
    assert percents[-1] == 95


def test_declined_store_keeps_segments(shop):
    first = refit_segments(shop)
    with shop.session(readonly=True) as session:
        before = list_segments(session)
        summary = repo.get_setting(session, SEGMENT_FIT_KEY)

    with pytest.raises(SegmentFitCancelled):
        refit_segments(shop, k_values=[2, 3], confirm_store=lambda: False)

    with shop.session(readonly=True) as session:
        assert list_segments(session) == before
        assert repo.get_setting(session, SEGMENT_FIT_KEY) == summary
    assert [s.id for s in first.segments] == [s.id for s in before]


def test_campaign_export_only_marketing_consent(shop, tmp_path):
    fit = refit_segments(shop)
    rings = next(s for s in fit.segments if "c0" in s.customer_ids)
    path = tmp_path / "campaign.csv"

    written = export_campaign(shop, rings.id, path)

    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert written == 2
    assert [row["customer_id"] for row in rows] == ["c0", "c1"]
    assert "c2" in rings.customer_ids
    assert rows[0]["segment"] == rings.label


def test_campaign_export_after_withdrawn_consent(shop, tmp_path):
    fit = refit_segments(shop)
    rings = next(s for s in fit.segments if "c0" in s.customer_ids)
    with shop.session() as session:
        set_consent(session, "c1", source="staff", marketing=False)
        set_consent(session, "c0", source="staff", profiling=False)
    path = tmp_path / "campaign.csv"

    written = export_campaign(shop, rings.id, path)

    assert written == 0
    assert path.read_text(encoding="utf-8").splitlines() == [
        "customer_id,display_name,country,region,segment_id,segment"
    ]


def test_campaign_export_unknown_segment(shop, tmp_path):
    refit_segments(shop)

    with pytest.raises(LookupError, match="Segment 42 not found"):
        export_campaign(shop, 42, tmp_path / "campaign.csv")
    assert not (tmp_path / "campaign.csv").exists()


def test_labels_read_back_from_descriptions():
    segments = fit_segments(_blobs()).segments

    for segment in segments:
        assert segment.description is not None
        assert segment_label(segment.description) == segment.label
        assert description_from_label(segment.label) == segment.description


def test_single_segment_has_description():
    features = _matrix(
        [[100.0, 1.0], [200.0, 2.0]],
        ["monetary", "frequency"],
        ["behaviour", "behaviour"],
    )

    (segment,) = fit_segments(features).segments
    assert segment.description == {"all": "too_few"}
    assert segment.label == f"All customers ({TOO_FEW_REASON})"


def test_old_segment_gains_description():
    first = fit_segments(_blobs(), random_state=0)
    # Stored by a version that kept no description.
    old = _stored(first)
    assert all(segment.description is None for segment in old)

    second = fit_segments(_blobs(), previous=old, random_state=0)

    for segment in second.segments:
        assert segment.description == description_from_label(segment.label)
        assert segment.description is not None


@pytest.mark.parametrize(
    ("label", "description"),
    [
        ("Typical customers (3)", {"words": [], "number": 3}),
        ("Lapsed, new", {"words": [["recency_days", True], ["tenure_days", False]]}),
        (
            "Aged under 25, high price",
            {"words": [["age_band_under_25", True], ["price_share_high", True]]},
        ),
        (f"All customers ({ALIKE_REASON})", {"all": "alike"}),
    ],
)
def test_description_from_label(label, description):
    assert description_from_label(label) == description


@pytest.mark.parametrize("label", ["Ring", "VIP customers", "Big spenders, gold"])
def test_ambiguous_label_has_no_description(label):
    assert description_from_label(label) is None


def test_refit_stores_descriptions(shop):
    fit = refit_segments(shop)

    with shop.session(readonly=True) as session:
        stored = {segment.id: segment.description for segment in list_segments(session)}
    assert stored == {segment.id: segment.description for segment in fit.segments}
    assert all(description is not None for description in stored.values())


def test_campaign_skips_demo_fitted_earlier(
    tmp_path,
):
    db = open_database(f"sqlite:///{tmp_path / 'shop.db'}")
    seed_demo(
        db,
        [
            DemoProduct("ring", "Band", "ring", ("ring",)),
            DemoProduct("table", "Table", "table", ("table",)),
        ],
    )
    fit = refit_segments(db)
    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {
                    "id": "c-1",
                    "display_name": "A customer of the store",
                    "consent_marketing": True,
                    "created_at": datetime(2025, 1, 1),
                }
            ],
        )
    path = tmp_path / "campaign.csv"

    # The segments were fitted on the demo customers alone.
    written = sum(export_campaign(db, s.id, path) for s in fit.segments)
    db.dispose()

    assert written == 0
