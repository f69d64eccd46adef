import gzip
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest
import trimesh
from pypdf import PdfReader

from designer.catalog import load_catalog
from resources import EXAMPLES_DIR
from storage.db import open_database
from storage.repositories import list_customers
from storage.schema import Customer

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "designer" / "schemas" / "spec-1.schema.json"


def run(*arguments, env=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, arguments)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def write_design(tmp_path, data, name="design.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_help_lists_subcommands():
    result = run("--help")
    assert result.returncode == 0
    for command in (
        "validate",
        "export",
        "import-transactions",
        "recommend",
        "backup",
        "restore",
    ):
        assert command in result.stdout


@pytest.mark.parametrize("path", sorted(EXAMPLES_DIR.glob("*.json")))
def test_validate_example_exits_zero(path):
    result = run("validate", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "can be ordered" in result.stdout


def test_validate_error_rule_exits_one(tmp_path):
    design = {"product": "ring-band", "values": {"depth": 1.2, "engraving": "Love"}}
    result = run("validate", write_design(tmp_path, design))
    assert result.returncode == 1
    assert "engraving-depth" in result.stdout


def test_validate_warning_only_exits_zero(tmp_path):
    design = {"product": "table-dining", "values": {"height": 780}}
    result = run("validate", write_design(tmp_path, design))
    assert result.returncode == 0
    assert "warning: dining-height" in result.stdout


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"product": "ring-band", "values": {', "not valid JSON"),
        ('{"product": "sofa", "values": {}}', "product: unknown product 'sofa'"),
        ('{"product": "ring-band", "values": {"width": 55}}', "values.width"),
    ],
)
def test_validate_bad_input_exits_two(tmp_path, content, fragment):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("validate", path)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_export_without_display(tmp_path):
    out = tmp_path / "new" / "package"
    env = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    result = run("export", EXAMPLES_DIR / "table-dining.json", "--out", out, env=env)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "model.stl",
        "spec.json",
        "spec.pdf",
    ]

    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    jsonschema.validate(spec, json.loads(SCHEMA.read_text(encoding="utf-8")))
    values = {p["name"]: p for p in spec["parameters"]}
    assert values["width"]["unit"] == "mm"
    assert spec["estimated_weight_g"] > 1000
    assert spec["price"]["total"] == "1530.00"

    mesh = trimesh.load(out / "model.stl")
    assert mesh.is_watertight
    assert mesh.extents == pytest.approx([1800, 900, 750], abs=0.01)
    assert (out / "model.stl").read_bytes()[:5] != b"solid"

    text = "".join(page.extract_text() for page in PdfReader(out / "spec.pdf").pages)
    assert "Dining table" in text
    assert "1800 mm" in text


def test_export_ring_matches_size(tmp_path):
    out = tmp_path / "ring"
    result = run("export", EXAMPLES_DIR / "ring-band.json", "--out", out)
    assert result.returncode == 0, result.stderr
    mesh = trimesh.load(out / "model.stl")
    assert mesh.is_watertight
    outer = (0.458 + 0.032 * 7) * 25.4 + 2 * 1.7
    assert mesh.extents == pytest.approx([outer, outer, 4.0], abs=0.01)


def test_export_in_chinese(tmp_path):
    out = tmp_path / "zh"
    result = run(
        "--language", "zh_CN", "export", EXAMPLES_DIR / "ring-band.json", "--out", out
    )
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(out / "spec.pdf").pages)
    assert "婚戒指环" in text


ROWS = [
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
    "1,85123A,LAMP,5,2011-01-01T10:00:00,3.5,100,United Kingdom",
    "1,71053,CUP,1,2011-01-01T10:00:00,1.0,100,United Kingdom",
    "1,71053,CUP,1,2011-01-01T10:00:00,1.0,100,United Kingdom",
    "1,84406B,VASE,3,2011-01-01T10:00:00,7.0,100,United Kingdom",
    "1,22752,BOWL,1,2011-01-01T10:00:00,2.0,100,United Kingdom",
    "2,85123A,LAMP,4,2011-01-02T10:00:00,3.5,200,France",
    "2,71053,CUP,1,2011-01-02T10:00:00,1.0,200,France",
    "2,84406B,VASE,2,2011-01-02T10:00:00,7.0,200,France",
    "2,22752,BOWL,3,2011-01-02T10:00:00,2.0,200,France",
    "C3,85123A,LAMP,-1,2011-01-03T10:00:00,3.5,200,France",
    "4,84406B,VASE,1,2011-01-04T10:00:00,7.0,,France",
    "5,85123A,LAMP,6,2011-01-05T10:00:00,3.5,300,Spain",
    "5,71053,CUP,1,2011-01-05T10:00:00,1.0,300,Spain",
]


def test_import_then_recommend(tmp_path):
    data = tmp_path / "retail.csv.gz"
    data.write_bytes(gzip.compress("\n".join(ROWS).encode()))
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    result = run("--database", url, "import-transactions", data)
    assert result.returncode == 0, result.stderr
    assert "cancel" in result.stdout.lower()
    assert "duplicate" in result.stdout.lower()

    result = run("--database", url, "recommend", "--customer", "300")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    # Two products from similar customers, then the popular catalog models.
    assert len(lines) == 2 + len(load_catalog().models)
    first, second = (line.split("\t") for line in lines[:2])
    assert {first[0].split()[-1], second[0].split()[-1]} == {"84406B", "22752"}
    assert "similar tastes" in first[3]
    assert all("85123A" not in line and "71053" not in line for line in lines)


def test_recommend_demo_customer_on_fresh_database(tmp_path):
    result = run(
        "--database",
        f"sqlite:///{tmp_path / 'fresh.db'}",
        "recommend",
        "--customer",
        "demo",
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) >= 1


def test_import_missing_file_exits_two(tmp_path):
    result = run(
        "--database",
        f"sqlite:///{tmp_path / 'x.db'}",
        "import-transactions",
        tmp_path / "missing.csv",
    )
    assert result.returncode == 2
    assert "not found" in result.stderr


def test_backup_and_restore_round_trip(tmp_path):
    database = f"sqlite:///{tmp_path / 'atelier.db'}"
    backup = tmp_path / "atelier.backup"
    studio = open_database(database)
    with studio.session() as session:
        session.add(Customer(id="c1", display_name="Ana", created_at=datetime.now()))

    backed_up = run("--database", database, "backup", backup)
    with studio.session() as session:
        session.add(Customer(id="c2", display_name="Bo", created_at=datetime.now()))
    refused = run("--database", database, "restore", backup)
    restored = run("--database", database, "restore", backup, "--force")
    with studio.session(readonly=True) as session:
        customers = [customer.id for customer in list_customers(session)]
    studio.dispose()

    assert backed_up.returncode == 0, backed_up.stderr
    assert f"backup written to {backup}" in backed_up.stdout
    assert refused.returncode == 2
    assert "already contains data" in refused.stderr
    assert "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert restored.returncode == 0, restored.stderr
    assert "restored" in restored.stdout
    # A connection that stayed open reads the restored data.
    assert customers == ["c1"]
