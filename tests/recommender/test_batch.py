"""Batch rating prediction, checked pair by pair against Surprise's KNNWithMeans."""

import csv
import random
import subprocess
import sys
from pathlib import Path

import pytest
from surprise import Dataset, KNNWithMeans, Reader

from recommender.batch import BatchInputError, parse_rating_scale, predict_file
from recommender.cf import KNNParameters

ROOT = Path(__file__).resolve().parents[2]


def _write_ratings(path, seed, choices=(1, 2, 3, 4, 5), users=40, items=30):
    """Write random ratings in shuffled order, about a quarter of all pairs."""
    rng = random.Random(seed)
    rows = [
        (f"u{u}", f"i{i}", rng.choice(choices))
        for u in range(users)
        for i in range(items)
        if rng.random() < 0.25
    ]
    rng.shuffle(rows)
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(("user", "item", "rating"))
        writer.writerows(rows)
    return rows


def _write_pairs(path, users=43, items=33):
    """Write every pair, including users and items that have no rating."""
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(("user", "item"))
        writer.writerows((f"u{u}", f"i{i}") for u in range(users) for i in range(items))


def _read_output(path):
    with path.open(newline="") as stream:
        return list(csv.DictReader(stream))


def _surprise(ratings_path, rows, **options):
    low = min(r[2] for r in rows)
    high = max(r[2] for r in rows)
    reader = Reader(
        line_format="user item rating", sep=",", skip_lines=1, rating_scale=(low, high)
    )
    trainset = Dataset.load_from_file(str(ratings_path), reader).build_full_trainset()
    k = options.pop("k", 40)
    min_k = options.pop("min_k", 1)
    algorithm = KNNWithMeans(k=k, min_k=min_k, sim_options=options, verbose=False)
    return algorithm.fit(trainset), min_k


def _assert_matches_surprise(output_rows, algorithm, min_k):
    for row in output_rows:
        expected = algorithm.predict(row["user"], row["item"])
        details = expected.details
        fallback = details["was_impossible"] or details["actual_k"] < min_k
        assert float(row["prediction"]) == pytest.approx(expected.est, abs=1e-9), row
        assert row["impossible"] == ("true" if fallback else "false"), row


# (seed, rating values, k, min_k, min_support); ratings of only 1 and 5
# make many neighbours equally similar, so the tie rule decides.
CASES = [
    (1, (1, 2, 3, 4, 5), 40, 1, 1),
    (2, (1, 2, 3, 4, 5), 3, 2, 1),
    (3, (1, 5), 2, 1, 1),
    (4, (1, 5), 1, 1, 2),
    (5, (0.5, 1.5, 2.5, 3, 4.5), 5, 1, 3),
]


@pytest.mark.parametrize("kind", ["user", "item"])
@pytest.mark.parametrize("similarity", ["pearson", "cosine"])
@pytest.mark.parametrize(("seed", "choices", "k", "min_k", "min_support"), CASES)
def test_matches_surprise(
    tmp_path, kind, similarity, seed, choices, k, min_k, min_support
):
    ratings, pairs, out = (tmp_path / n for n in ("r.csv", "p.csv", "out.csv"))
    rows = _write_ratings(ratings, seed, choices)
    _write_pairs(pairs)
    parameters = KNNParameters(
        kind=kind, similarity=similarity, k=k, min_k=min_k, min_support=min_support
    )

    report = predict_file(ratings, pairs, out, parameters)

    algorithm, min_k = _surprise(
        ratings,
        rows,
        name=similarity,
        user_based=kind == "user",
        min_support=min_support,
        k=k,
        min_k=min_k,
    )
    output = _read_output(out)
    assert report.pairs == len(output) == 43 * 33
    assert report.skipped == []
    _assert_matches_surprise(output, algorithm, min_k)


def _run(*arguments):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, arguments)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_command_defaults_match_surprise(tmp_path):
    ratings, pairs, out = (tmp_path / n for n in ("r.csv", "p.csv", "out.csv"))
    rows = _write_ratings(ratings, seed=7)
    _write_pairs(pairs)

    result = _run("cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", out)

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    algorithm, min_k = _surprise(ratings, rows, name="pearson", user_based=True)
    output = _read_output(out)
    assert list(output[0]) == ["user", "item", "prediction", "impossible"]
    _assert_matches_surprise(output, algorithm, min_k)


def test_command_clips_to_rating_scale(tmp_path):
    ratings, pairs, out = (tmp_path / n for n in ("r.csv", "p.csv", "out.csv"))
    ratings.write_text("user,item,rating\nA,x,5\nA,y,1\nB,x,1\nB,y,5\nB,z,5\n")
    pairs.write_text("user,item\nA,z\nC,z\n")

    result = _run(
        "cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", out,
        "--similarity", "cosine", "--rating-scale", "2,4",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    output = _read_output(out)
    # A's mean 3 plus B's deviation 5 - 11/3 is 4.33, clipped to 4. C is
    # unknown and gets the global mean 3.4.
    assert [row["prediction"] for row in output] == ["4.0", "3.4"]
    assert [row["impossible"] for row in output] == ["false", "true"]


def test_command_missing_columns_exit_two(tmp_path):
    ratings, pairs, out = (tmp_path / n for n in ("r.csv", "p.csv", "out.csv"))
    ratings.write_text("customer,product,rating\nA,x,5\n")
    pairs.write_text("user,item\nA,x\n")

    result = _run("cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", out)

    assert result.returncode == 2
    assert "lacks the column(s) user, item" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_command_reports_malformed_rows(tmp_path):
    ratings, pairs, out = (tmp_path / n for n in ("r.csv", "p.csv", "out.csv"))
    ratings.write_text(
        "user,item,rating\nA,x,5\nA,y,five\nB,x,4\nB,y\n,z,3\nA,x,1\nB,z,nan\nB,y,2\n"
    )
    pairs.write_text("user,item\nA,y\nA\n")

    result = _run("cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", out)

    assert result.returncode == 0, result.stderr
    assert "r.csv, line 3: rating 'five' is not a finite number" in result.stderr
    assert "r.csv, line 5: expected 3 fields, found 2" in result.stderr
    assert "r.csv, line 6: empty user" in result.stderr
    assert "r.csv, line 7: user 'A' rated item 'x' already on line 2" in result.stderr
    assert "r.csv, line 8: rating 'nan' is not a finite number" in result.stderr
    assert "p.csv, line 3: expected 2 fields, found 1" in result.stderr
    assert [row["item"] for row in _read_output(out)] == ["y"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--rating-scale", "5,1"), "Invalid rating scale '5,1'"),
        (("--k", "0"), "Invalid k=0"),
        (("--min-k", "0"), "Invalid min_k=0"),
    ],
)
def test_command_invalid_options_exit_two(tmp_path, arguments, message):
    ratings, pairs, out = (tmp_path / n for n in ("r.csv", "p.csv", "out.csv"))
    ratings.write_text("user,item,rating\nA,x,5\n")
    pairs.write_text("user,item\nA,x\n")

    result = _run(
        "cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", out, *arguments
    )

    assert result.returncode == 2
    assert message in result.stderr


def test_missing_file_raises(tmp_path):
    pairs = tmp_path / "p.csv"
    pairs.write_text("user,item\n")

    with pytest.raises(BatchInputError, match="file not found"):
        predict_file(tmp_path / "none.csv", pairs, tmp_path / "o.csv", KNNParameters())


def test_no_usable_rating_raises(tmp_path):
    ratings, pairs = tmp_path / "r.csv", tmp_path / "p.csv"
    ratings.write_text("user,item,rating\nA,x,high\n")
    pairs.write_text("user,item\n")

    with pytest.raises(BatchInputError, match="has no usable rating"):
        predict_file(ratings, pairs, tmp_path / "o.csv", KNNParameters())


@pytest.mark.parametrize("text", ["1", "1,2,3", "a,5", "5,1", "1,inf"])
def test_rating_scale_rejects(text):
    with pytest.raises(BatchInputError, match="expected LOW,HIGH"):
        parse_rating_scale(text)
