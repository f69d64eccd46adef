"""Offline evaluation: metrics, the time split and the command's JSON."""

import csv
import gzip
import json
import math
import random
import subprocess
import sys
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from recommender.evaluation import TEST_START, ndcg, ranking_metrics, split_period
from recommender.online_retail import Transaction

ROOT = Path(__file__).resolve().parents[2]


def test_ndcg_single_hit_at_second_rank():
    assert ndcg([5, 1, 2], {1}) == pytest.approx(1 / math.log2(3))


def test_ndcg_ideal_order_is_one():
    assert ndcg([3, 4, 9], {3, 4}) == pytest.approx(1.0)


def test_ndcg_counts_only_top_ten():
    ranked = list(range(20))

    assert ndcg(ranked, {15}) == 0.0


def test_ranking_metrics_values():
    lists = [np.array([1, 2, 3]), np.array([1, 4, 5])]
    relevant = [{2, 9}, {7}]

    metrics = ranking_metrics(lists, relevant, catalogue_size=10)

    assert metrics["precision@10"] == pytest.approx((1 / 10 + 0) / 2)
    assert metrics["recall@10"] == pytest.approx((1 / 2 + 0) / 2)
    expected_ndcg = (1 / math.log2(3)) / (1 + 1 / math.log2(3)) / 2
    assert metrics["ndcg@10"] == pytest.approx(expected_ndcg, abs=1e-4)
    # Products 1 to 5 were suggested, out of 10.
    assert metrics["coverage"] == pytest.approx(0.5)


def _row(customer, product, day):
    return Transaction(
        invoice_no=f"{customer}-{day}",
        stock_code=product,
        description=product.upper(),
        quantity=1,
        invoice_date=datetime(2011, 1, 1) + timedelta(days=day),
        unit_price=Decimal("1.00"),
        customer_id=customer,
        country="United Kingdom",
    )


def test_split_keeps_customers_in_both_periods():
    rows = [
        _row("a", "mug", 10),
        _row("a", "mug", 20),
        _row("a", "mug", 300),
        _row("a", "jug", 300),
        _row("b", "mug", 10),
        _row("b", "mug", 300),
        _row("c", "plate", 300),
        _row("d", "bowl", 10),
    ]

    period = split_period(rows, TEST_START)

    # b only bought again what it had bought, and c and d were in one
    # period only.
    assert period.relevant == {"a": {"jug"}}
    assert period.present_in_both == 2
    assert list(zip(period.customers, period.products, strict=True)) == [
        ("a", "mug"),
        ("b", "mug"),
        ("d", "bowl"),
    ]
    assert period.confidences[0] == pytest.approx(1 + math.log(3))


HEADER = (
    "InvoiceNo",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country",
)


def _write_sales(path, seed=3):
    """Write a year of sales where two groups of customers each like a range.

    Group 0 buys products p00 to p19 and group 1 buys p20 to p39, spread
    over 2011, so both the validation and the test period have purchases.
    """
    rng = random.Random(seed)
    rows = []
    for customer in range(60):
        group = customer % 2
        for visit in range(12):
            day = datetime(2011, 1, 3) + timedelta(days=30 * visit + rng.randint(0, 20))
            for _ in range(3):
                product = 20 * group + rng.randint(0, 19)
                name = f"{'RED' if group else 'BLUE'} ITEM {product}"
                rows.append(
                    (
                        f"{customer}{visit}",
                        f"p{product:02d}",
                        name,
                        1,
                        day.isoformat(),
                        f"{1 + product / 10:.2f}",
                        str(10000 + customer),
                        "United Kingdom",
                    )
                )
    with gzip.open(path, "wt", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(rows)


def test_command_prints_one_json_object(tmp_path):
    data = tmp_path / "sales.csv.gz"
    _write_sales(data)

    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "evaluate-recommender"]
        + ["--data", str(data), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    methods = output["methods"]
    assert set(methods) == {"popularity", "user_knn", "item_knn", "content", "hybrid"}
    for metrics in methods.values():
        assert set(metrics) == {"precision@10", "recall@10", "ndcg@10", "coverage"}
        assert all(0 <= value <= 1 for value in metrics.values())
    # Every customer buys in both periods; a few bought nothing new later.
    assert output["customers_in_both_periods"] == 60
    assert 50 <= output["customers"] <= 60
    # Tastes split the catalogue in two, which popularity cannot see.
    assert methods["hybrid"]["ndcg@10"] > methods["popularity"]["ndcg@10"]
    assert methods["user_knn"]["ndcg@10"] > methods["popularity"]["ndcg@10"]


def test_command_missing_file_exits_two(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "evaluate-recommender"]
        + ["--data", str(tmp_path / "none.csv"), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )

    assert result.returncode == 2
    assert "file not found" in result.stderr
    assert result.stdout == ""
