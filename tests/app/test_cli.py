import gzip
import json
import os
import stat
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import trimesh
from pypdf import PdfReader

from designer.catalog import load_catalog, load_model
from designer.pricing import format_money
from designer.store import StoreSettings
from resources import EXAMPLES_DIR
from storage.db import open_database
from storage.repositories import list_customers
from storage.schema import Customer
from tests.staff import PASSWORD_LINE, USERNAMES, add_staff_accounts_at
from tests.staff import run_cli_here as run_here
from tests.staff import run_main as run

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "spec-2.schema.json"


@pytest.fixture
def cli(capsys):
    """Run the command line in this process, with the result of a finished process.

    Only the tests of what a new process adds (the display, the language,
    a closed pipe, argparse's help) start ``main.py`` in one.
    """

    def call(*arguments, stdin: str = PASSWORD_LINE):
        code, out, err = run_here(capsys, *arguments, stdin=stdin)
        return subprocess.CompletedProcess(arguments, code, out, err)

    return call


def draft_price(path, store):
    """Price a design file the way a draft's spec sheet prices it."""
    from designer.designs import read_design, resolve
    from designer.order_design import price_design
    from designer.production import build_parts
    from designer.session import DesignSession

    design = read_design(path)
    model, values = resolve(design, load_catalog(), path)
    session = DesignSession(model, values, design.chosen)
    return price_design(session, build_parts(session), store)


def opened_price_lines(path, catalog, names):
    """Return the price lines that ``names`` bring to the design in ``path``."""
    from designer.designs import read_design, resolve
    from designer.pricing import lines_priced_by
    from designer.session import DesignSession

    design = read_design(path)
    model, values = resolve(design, catalog, path)
    session = DesignSession(model, values, design.chosen)
    return lines_priced_by(model, names, values, session.evaluation.derived)


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


@pytest.mark.parametrize(
    ("start", "prog"),
    [
        (["main.py"], "main.py"),
        (["-m", "app"], "python -m app"),
    ],
)
def test_usage_names_program_as_started(start, prog):
    help_text = subprocess.run(
        [sys.executable, *start, "validate", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    missing = subprocess.run(
        [sys.executable, *start, "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )

    assert help_text.returncode == 0, help_text.stderr
    assert help_text.stdout.startswith(f"usage: {prog} validate [-h] DESIGN.json")
    assert missing.returncode == 2
    assert f"{prog} validate: error: the following arguments are required" in (
        missing.stderr
    )


@pytest.mark.parametrize("path", sorted(EXAMPLES_DIR.glob("*.json")))
def test_validate_example_exits_zero(cli, path):
    result = cli("validate", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "can be ordered" in result.stdout


def test_validate_names_filled_options(cli, tmp_path, catalog):
    path = tmp_path / "cabinet.json"
    path.write_bytes((EXAMPLES_DIR / "cabinet.json").read_bytes())

    result = cli("validate", path)

    [handles] = opened_price_lines(path, catalog, ["handle"])
    assert handles.label("en") == "Handles or push latches"
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        *filled_cabinet_lines(catalog),
        "cabinet: can be ordered",
    ]


def test_validate_lists_each_filled_option(cli, tmp_path, catalog):
    design = {"product": "ring-band", "values": {"width": 4.0}}
    model = catalog.get("ring-band")

    result = cli("validate", write_design(tmp_path, design))

    lines = result.stdout.splitlines()
    filled = [line.split(": ")[1] for line in lines if line.startswith("filled: ")]
    names = [parameter.name for parameter in model.rules.parameters]
    names.remove("width")
    priced = opened_price_lines(write_design(tmp_path, design), catalog, names)
    assert filled == names + ["price"] * len(priced)
    assert 'set to "" ("engraving": "")' in result.stdout
    assert result.stdout.endswith("ring-band: can be ordered\n")


def test_validate_error_rule_exits_one(cli, tmp_path):
    design = {"product": "ring-band", "values": {"depth": 1.2, "engraving": "Love"}}
    result = cli("validate", write_design(tmp_path, design))
    assert result.returncode == 1
    assert "engraving-depth" in result.stdout


def test_validate_warning_only_exits_zero(cli, tmp_path):
    design = {"product": "table-dining", "values": {"height": 780}}
    result = cli("validate", write_design(tmp_path, design))
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
def test_validate_bad_input_exits_two(cli, tmp_path, content, fragment):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = cli("validate", path)
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
        "bom.csv",
        "cutlist.csv",
        "model.glb",
        "model.stl",
        "panel-apron_end_1.dxf",
        "panel-apron_end_2.dxf",
        "panel-apron_long_1.dxf",
        "panel-apron_long_2.dxf",
        "panel-top.dxf",
        "spec.json",
        "spec.pdf",
    ]
    assert (out.parent / "package.zip").is_file()

    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    jsonschema.validate(spec, json.loads(SCHEMA.read_text(encoding="utf-8")))
    values = {p["name"]: p for p in spec["parameters"]}
    assert values["width"]["unit"] == "mm"
    assert spec["estimated_weight_g"] > 1000
    # A draft is priced as its quote: catalog lines, materials and the tax.
    expected = draft_price(EXAMPLES_DIR / "table-dining.json", StoreSettings())
    assert spec["price"]["total"] == str(expected.total)
    assert spec["price"]["lines"][-1]["label"] == "VAT 20 %"

    mesh = trimesh.load(out / "model.stl")
    assert mesh.is_watertight
    assert mesh.extents == pytest.approx([1800, 900, 750], abs=0.01)
    assert (out / "model.stl").read_bytes()[:5] != b"solid"

    text = "".join(page.extract_text() for page in PdfReader(out / "spec.pdf").pages)
    assert "Dining table" in text
    assert "1800 mm" in text
    assert "Order: DRAFT" in text
    assert spec["order"] == {"id": "DRAFT", "draft": True}

    page = PdfReader(out / "spec.pdf").pages[0]
    assert sorted(image.image.size for image in page.images) == [(600, 450)] * 3


def test_export_prices_draft_at_store_tax(cli, tmp_path, catalog):
    from designer.store import save_store_settings
    from designer.studio_data import open_studio_database

    url = f"sqlite:///{tmp_path / 'shop.db'}"
    database = open_studio_database(url, catalog)
    store = StoreSettings(
        tax_rate=Decimal("0.07"), tax_names={"en": "GST", "zh_CN": "商品及服务税"}
    )
    with database.session() as session:
        save_store_settings(session, store)
    database.dispose()
    out = tmp_path / "package"

    result = cli(
        "--database", url, "export", EXAMPLES_DIR / "cabinet.json", "--out", out
    )

    assert result.returncode == 0, result.stderr
    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    expected = draft_price(EXAMPLES_DIR / "cabinet.json", store)
    assert spec["price"]["lines"][-1] == {
        "label": "GST 7 %",
        "amount": str(expected.tax),
    }
    assert spec["price"]["total"] == str(expected.total)


def filled_cabinet_lines(catalog):
    """Return the ``filled:`` lines for the cabinet example, saved before
    handles were offered."""
    [handles] = opened_price_lines(EXAMPLES_DIR / "cabinet.json", catalog, ["handle"])
    return [
        "filled: handle: this design was saved before 'Handles' was offered; "
        'set to steel bar pulls ("handle": "bar")',
        "filled: price: the price now includes Handles or push latches "
        f"EUR {format_money(handles.amount, 'EUR')}",
    ]


def test_export_names_filled_options(cli, tmp_path, catalog):
    path = tmp_path / "cabinet.json"
    path.write_bytes((EXAMPLES_DIR / "cabinet.json").read_bytes())
    out = tmp_path / "package"

    result = cli("export", path, "--out", out)

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == filled_cabinet_lines(catalog)
    # Stdout keeps only the written files, one a line.
    written = result.stdout.splitlines()
    assert written[0] == str(out / "spec.json")
    assert all(Path(line).is_file() for line in written)
    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    note = (
        "Handles: Steel bar pulls, filled in with the default because the "
        "design was saved before this option was offered; the customer did "
        "not choose it."
    )
    assert spec["notes"][0] == note
    assert sum("filled in with the default" in n for n in spec["notes"]) == 1
    text = "".join(page.extract_text() for page in PdfReader(out / "spec.pdf").pages)
    assert "filled in with the default" in " ".join(text.split())


def test_export_of_whole_design_has_no_filled_note(cli, tmp_path):
    out = tmp_path / "package"
    result = cli("export", EXAMPLES_DIR / "table-dining.json", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "filled:" not in result.stderr
    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    assert not any("filled in with the default" in n for n in spec["notes"])


def test_export_ring_matches_size(cli, tmp_path):
    out = tmp_path / "ring"
    result = cli(
        "export",
        EXAMPLES_DIR / "ring-band.json",
        "--out",
        out,
        "--order",
        "A-1001",
        "--shrinkage",
        "1.5",
    )
    assert result.returncode == 0, result.stderr
    mesh = trimesh.load(out / "model.stl")
    assert mesh.is_watertight
    outer = (0.458 + 0.032 * 7) * 25.4 + 2 * 1.7
    assert mesh.extents == pytest.approx([outer, outer, 4.0], abs=0.01)
    pattern = trimesh.load(out / "casting.stl")
    assert pattern.extents == pytest.approx(
        [outer * 1.015, outer * 1.015, 4.06], abs=0.01
    )
    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    assert spec["order"]["id"] == "A-1001"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--order", "A 1", "invalid order id 'A 1'"),
        ("--shrinkage", "20", "outside 0 to 10"),
    ],
)
def test_export_bad_option_exits_two(cli, tmp_path, option, value, message):
    result = cli(
        "export", EXAMPLES_DIR / "bangle.json", "--out", tmp_path / "p", option, value
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "p").exists()


def test_export_refuses_engraving_of_wide_letters(cli, tmp_path):
    design = json.loads((EXAMPLES_DIR / "ring-band.json").read_text(encoding="utf-8"))
    # Wide capitals are measured by their glyphs, so the rules refuse the
    # text before the generator would fail to cut it.
    design["values"]["engraving"] = "W" * 29
    path = write_design(tmp_path, design)

    result = cli("export", path, "--out", tmp_path / "p")

    assert result.returncode == 1
    assert "engraving-length" in result.stderr
    assert "Shorten the text" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "p").exists()


def test_export_refuses_design_that_cannot_be_ordered(cli, tmp_path):
    design = json.loads((EXAMPLES_DIR / "ring-band.json").read_text(encoding="utf-8"))
    design["values"].update(profile="court", depth=1.3)
    path = write_design(tmp_path, design)

    result = cli("export", path, "--out", tmp_path / "p")

    assert result.returncode == 1
    assert "error: " in result.stderr
    assert "no package was written" in result.stderr
    assert not (tmp_path / "p").exists()
    assert not (tmp_path / "p.zip").exists()


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


def test_import_then_recommend(cli, tmp_path):
    data = tmp_path / "retail.csv.gz"
    data.write_bytes(gzip.compress("\n".join(ROWS).encode()))
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    add_staff_accounts_at(url)
    result = cli(
        "--database",
        url,
        "import-transactions",
        data,
        "--staff",
        USERNAMES["sales"],
        stdin=PASSWORD_LINE,
    )
    assert result.returncode == 0, result.stderr
    assert "cancel" in result.stdout.lower()
    assert "duplicate" in result.stdout.lower()

    result = cli("--database", url, "recommend", "--customer", "300")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    # Two products from similar customers, then the popular catalog models.
    assert len(lines) == min(10, 2 + len(load_catalog().models))
    first, second = (line.split("\t") for line in lines[:2])
    assert {first[0].split()[-1], second[0].split()[-1]} == {"84406B", "22752"}
    assert first[3] in (
        "Bought by 1 customer with similar tastes",
        "Similar to LAMP you bought",
        "Similar to CUP you bought",
    )
    assert all("85123A" not in line and "71053" not in line for line in lines)


def test_recommend_demo_customer_on_fresh_database(cli, tmp_path):
    result = cli(
        "--database",
        f"sqlite:///{tmp_path / 'fresh.db'}",
        "recommend",
        "--customer",
        "demo",
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) >= 1


def test_recommend_unknown_customer_warns(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = cli("--database", url, "recommend", "--customer", "nobody-42")
    assert result.returncode == 0, result.stderr
    assert "'nobody-42' is not in this database" in result.stderr
    assert "popular" in result.stderr
    assert result.stdout.strip()


def test_closed_output_pipe_ends_quietly(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    command = [sys.executable, str(ROOT / "main.py"), "--database", url]
    process = subprocess.Popen(
        [*command, "recommend", "--customer", "demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    # The reader leaves before the first line, as `head -0` would.
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=300) == 141
    assert "Traceback" not in error
    assert "BrokenPipeError" not in error


def test_import_missing_file_exits_two(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    add_staff_accounts_at(url)
    result = cli(
        "--database",
        url,
        "import-transactions",
        tmp_path / "missing.csv",
        "--staff",
        USERNAMES["sales"],
        stdin=PASSWORD_LINE,
    )
    assert result.returncode == 2
    assert "not found" in result.stderr


EVENT_ROWS = [
    "customer,product,kind,quantity,value,timestamp,text",
    "demo,ring-band,review,,,2024-03-01T10:00:00,Fits perfectly",
    "demo,,search,,,2024-03-01T10:01:00,oak table",
    "demo,ring-band,rating,,9,2024-03-01T10:02:00,",
    "nobody,ring-band,view,,,2024-03-01T10:03:00,",
]


@pytest.fixture
def shop_url(tmp_path):
    """URL of a SQLite database with one staff account per role."""
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    add_staff_accounts_at(url)
    return url


def test_import_events_then_profile(tmp_path, capsys, shop_url):
    events = tmp_path / "events.csv"
    events.write_text("\n".join(EVENT_ROWS) + "\n", encoding="utf-8")
    url = shop_url
    staff = ("--staff", USERNAMES["sales"])

    code, out, err = run_here(
        capsys, "--database", url, "import-events", events, *staff
    )

    assert code == 0, err
    assert "imported: 2" in out
    assert "line 4: rating value '9' must be a number from 1 to 5" in out
    assert "line 5: customer 'nobody' not found" in out

    code, out, err = run_here(
        capsys,
        "--database",
        url,
        "profile",
        "--customer",
        "demo",
        "--history",
        "2",
        *staff,
    )

    assert code == 0, err
    assert "Reviewer" in out
    assert "search    oak table" in out
    assert "review  Wedding band  Fits perfectly" in out


def _export_segment(capsys, url, segment, out_file, *, refit=True):
    """Run ``segments --export`` as a sales member; return code, stdout, stderr."""
    refit_option = ("--refit",) if refit else ()
    return run_here(
        capsys,
        "--database",
        url,
        "segments",
        *refit_option,
        "--export",
        segment,
        "--out",
        out_file,
        "--staff",
        USERNAMES["sales"],
    )


def test_segments_refit_and_export(tmp_path, capsys, shop_url):
    out_file = tmp_path / "campaign.csv"

    code, out, err = _export_segment(capsys, shop_url, 1, out_file)

    assert code == 0, err
    assert out.startswith("fitted ")
    rows = out_file.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "customer_id,display_name,country,region,segment_id,segment"
    exported = {row.split(",")[0] for row in rows[1:]}
    assert exported
    # These demo customers decline marketing.
    assert exported.isdisjoint({"demo-03", "demo-05", "demo-08", "demo-11"})
    assert f"wrote {len(exported)} customers" in out


def test_segments_export_unknown_segment(tmp_path, capsys, shop_url):
    out_file = tmp_path / "campaign.csv"

    code, _out, err = _export_segment(capsys, shop_url, 99, out_file, refit=False)

    assert code == 2
    assert "Segment 99 not found" in err
    assert not out_file.exists()


def test_segments_export_missing_folder(tmp_path, capsys, shop_url):
    out_file = tmp_path / "absent" / "campaign.csv"

    code, _out, err = _export_segment(capsys, shop_url, 1, out_file)

    assert code == 2
    assert f"the folder {tmp_path / 'absent'} does not exist" in err
    assert "create the folder or choose an existing one" in err
    assert "Errno" not in err


def test_export_under_file_named_plainly(cli, tmp_path):
    blocking = tmp_path / "notes.txt"
    blocking.write_text("x", encoding="utf-8")
    out = blocking / "package"

    result = cli("export", EXAMPLES_DIR / "ring-band.json", "--out", out)

    assert result.returncode == 2
    assert f"{out} cannot be written because {blocking}" in result.stderr
    assert "is a file, not a folder" in result.stderr
    assert "Errno" not in result.stderr


def test_import_folder_named_plainly(cli, tmp_path, shop_url):
    result = cli(
        "--database",
        shop_url,
        "import-transactions",
        tmp_path,
        "--staff",
        USERNAMES["sales"],
    )

    assert result.returncode == 2
    assert f"{tmp_path} is a folder, not a file" in result.stderr
    assert "file not found" not in result.stderr


@pytest.mark.parametrize("count", ["99999999999999999999", "1001", "0", "ten"])
def test_recommend_count_out_of_range(capsys, count):
    from app.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["recommend", "--customer", "demo", "--count", count])

    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert err.startswith("usage: ")
    assert "argument --count: " in err
    if count != "ten":
        assert f"{count} is out of range: give a number from 1 to 1000" in err


def test_recommend_count_at_maximum(cli, shop_url):
    result = cli(
        "--database", shop_url, "recommend", "--customer", "demo", "--count", 1000
    )

    assert result.returncode == 0, result.stderr


def test_profile_unknown_customer_exits_two(capsys, shop_url):
    code, _out, err = run_here(
        capsys,
        "--database",
        shop_url,
        "profile",
        "--customer",
        "x",
        "--staff",
        USERNAMES["sales"],
    )

    assert code == 2
    assert "Customer 'x' not found" in err


def test_rules_count_prints_the_number_of_configurations(cli, tmp_path):
    model = tmp_path / "model.xml"
    model.write_text(SMALL_XCSP, encoding="utf-8")
    result = cli("rules", "count", model)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "solutions: 3\n"
    catalog_file = Path(ROOT / "resources" / "catalog" / "shoe-oxford.toml")
    result = cli("rules", "count", catalog_file)
    assert result.returncode == 0, result.stderr
    # Counting itself is checked against brute force in the rule tests.
    expected = load_model(catalog_file).engine.count()
    assert result.stdout == f"solutions: {expected}\n"


# b is one more than a, and c may be anything unless b is 2.
SMALL_XCSP = """<instance>
<domains><domain name="D" nbValues="3">0..2</domain></domains>
<variables>
<variable name="a" domain="D"/><variable name="b" domain="D"/>
<variable name="c" domain="D"/>
</variables>
<relations>
<relation name="next" arity="2" semantics="supports">0 1|1 2</relation>
<relation name="not2" arity="2" semantics="conflicts">2 0|2 1|2 2</relation>
<relation name="zero" arity="1" semantics="supports">0</relation>
</relations>
<constraints>
<constraint name="C0" arity="2" scope="a b" reference="next"/>
<constraint name="C1" arity="2" scope="b c" reference="not2"/>
<constraint name="C2" arity="1" scope="a" reference="zero"/>
</constraints>
</instance>
"""


def test_rules_compile_writes_a_shipped_form(cli, tmp_path, monkeypatch):
    source = ROOT / "resources" / "catalog" / "table-dining.toml"
    copy = tmp_path / "table-dining.toml"
    copy.write_bytes(source.read_bytes())
    result = cli("rules", "compile", copy, "--beside")
    assert result.returncode == 0, result.stderr
    shipped = tmp_path / "table-dining.compiled.npz"
    assert f"written: {shipped}" in result.stdout
    cache = tmp_path / "cache"
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(cache))
    result = cli("rules", "count", copy)
    assert result.stdout == f"solutions: {load_model(source).engine.count()}\n"
    # The shipped form was used, so nothing was compiled into the cache.
    assert not cache.exists()


def test_rules_compile_beside_name_too_long(cli, tmp_path):
    source = ROOT / "resources" / "catalog" / "table-dining.toml"
    # The name fits, but with ".compiled.npz" in place of ".toml" it does not.
    copy = tmp_path / ("t" * 245 + ".toml")
    copy.write_bytes(source.read_bytes())

    result = cli("rules", "compile", copy, "--beside")

    assert result.returncode == 2
    assert "is 258 characters long, too long for this disk" in result.stderr
    assert "so shorten FILE's name" in result.stderr
    assert "Errno" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("model.txt", "", "expected an XCSP file (.xml) or a catalog file (.toml)"),
        ("model.xml", "<instance>", "is not well-formed XML"),
        ("model.toml", 'id = "x"', ": is missing"),
    ],
)
def test_rules_bad_file_exits_two(cli, tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("rules", "count", path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert fragment in result.stderr


def test_backup_and_restore_round_trip(cli, tmp_path):
    database = f"sqlite:///{tmp_path / 'atelier.db'}"
    backup = tmp_path / "atelier.backup"
    studio = open_database(database)
    with studio.session() as session:
        session.add(Customer(id="c1", display_name="Ana", created_at=datetime.now()))

    backed_up = cli("--database", database, "backup", backup)
    with studio.session() as session:
        session.add(Customer(id="c2", display_name="Bo", created_at=datetime.now()))
    refused = cli("--database", database, "restore", backup)
    restored = cli("--database", database, "restore", backup, "--force")
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


def test_backup_refuses_pipe_with_force(cli, tmp_path):
    database = f"sqlite:///{tmp_path / 'atelier.db'}"
    open_database(database).dispose()
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    result = cli("--database", database, "backup", pipe, "--force")

    assert result.returncode == 2
    assert f"{pipe} is a FIFO (named pipe)" in result.stderr
    assert "only a regular file can be replaced" in result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


@pytest.mark.parametrize(
    # A backup's temporary name is 14 characters longer than its own, so
    # 250 characters fit for cf-predict's direct write but not for a backup.
    ("command", "length", "limit"),
    [("backup", 250, 241), ("backup", 300, 241), ("cf-predict", 300, 255)],
)
def test_output_name_too_long(cli, tmp_path, command, length, limit):
    database = f"sqlite:///{tmp_path / 'atelier.db'}"
    open_database(database).dispose()
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("user,item,rating\nu1,i1,4\nu2,i1,3\n", encoding="utf-8")
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("user,item\nu2,i1\n", encoding="utf-8")
    out = tmp_path / ("o" * length)
    predict = ("cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", out)
    arguments = {
        "backup": ("--database", database, "backup", out),
        "cf-predict": predict,
    }

    result = cli(*arguments[command])

    assert result.returncode == 2
    assert f"is {length} characters long, too long for this disk" in result.stderr
    assert f"shorten it to at most {limit} characters" in result.stderr
    assert "Errno" not in result.stderr


def test_cf_predict_counts_in_words(cli, tmp_path):
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("user,item,rating\nu1,i1,4\n", encoding="utf-8")
    pairs = tmp_path / "pairs.csv"
    # An unknown customer gets the fallback.
    pairs.write_text("user,item\nu2,i1\n", encoding="utf-8")
    out = tmp_path / "out.csv"

    result = cli("cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", out)

    assert result.returncode == 0, result.stderr
    assert "1 prediction from 1 rating (1 fallback," in result.stderr


def test_restore_prints_migrated_revision(cli, tmp_path):
    from alembic import command
    from alembic.script import ScriptDirectory

    from storage.backup import backup_database
    from storage.db import alembic_config

    old = f"sqlite:///{tmp_path / 'old.db'}"
    studio = open_database(old)
    with studio.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0007_staff_disable")
    studio.dispose()
    backup = backup_database(old, tmp_path / "old.backup")
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    target = f"sqlite:///{tmp_path / 'new.db'}"

    restored = cli("--database", target, "restore", backup)

    assert restored.returncode == 0, restored.stderr
    assert "schema revision 0007_staff_disable" in restored.stdout
    assert f"migrated to {head}" in restored.stdout


def test_user_guide_lists_every_subcommand():
    import argparse

    from app.cli import build_parser

    guide = (ROOT / "docs" / "USER_GUIDE.md").read_text(encoding="utf-8")
    table_rows = [line for line in guide.splitlines() if line.startswith("| `")]
    parser = build_parser()
    commands = next(
        action
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    for name in commands.choices:
        documented = [row for row in table_rows if row.startswith(f"| `{name}")]
        assert documented, f"{name} is missing from the user guide's command table"


def test_language_help_names_what_it_sets():
    result = run("--help")

    help_text = " ".join(result.stdout.split())
    assert result.returncode == 0
    assert "language of the documents (spec sheet, quote PDF)" in help_text
    assert "other output is in English" in help_text


@pytest.mark.parametrize(
    ("arguments", "example"),
    [
        (["backup", ""], "atelier.backup"),
        (["backup", "   "], "atelier.backup"),
        (["--key-file", "", "audit"], "key.bin"),
        (["cf-predict", "--ratings", "r", "--pairs", "p", "--out", ""], "predictions"),
        (["segments", "--export", "1", "--out", " "], "campaign.csv"),
        (["quote", "--order", "A-000001", "--out", ""], "quote.pdf"),
        (["export-customer", "demo", "--out", ""], "customer.json"),
    ],
)
def test_blank_output_name_has_own_message(capsys, arguments, example):
    from app.cli import main

    with pytest.raises(SystemExit) as caught:
        main(arguments)

    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert ": no file name given; type the name of the file to write" in err
    assert f"such as {example}" in err
    assert "is a folder" not in err


def _backup_of_new_database(cli, tmp_path) -> Path:
    source = f"sqlite:///{tmp_path / 'atelier.db'}"
    open_database(source).dispose()
    backup = tmp_path / "atelier.backup"
    assert cli("--database", source, "backup", backup).returncode == 0
    return backup


def test_restore_checks_database_before_sign_in(cli, tmp_path):
    backup = _backup_of_new_database(cli, tmp_path)
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    staff = ("--staff", USERNAMES["administrator"])

    # Signing in would open the FIFO as a database and wait on it for ever.
    result = cli(
        "--database", f"sqlite:///{pipe}", "restore", backup, "--force", *staff
    )

    assert result.returncode == 2
    assert f"error: {pipe} is a FIFO (named pipe)" in result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_restore_checks_key_file_first(cli, tmp_path):
    backup = _backup_of_new_database(cli, tmp_path)
    blocking = tmp_path / "notes.txt"
    blocking.write_text("x", encoding="utf-8")
    target = tmp_path / "restored.db"
    key_file = blocking / "key.bin"

    result = cli(
        "--key-file", key_file, "--database", f"sqlite:///{target}", "restore", backup
    )

    assert result.returncode == 2
    assert (
        f"error: {key_file} cannot be written because {blocking}, a part of that "
        "path, is a file, not a folder" in result.stderr
    )
    assert not target.exists()


def test_cf_predict_rejects_its_input(cli, tmp_path, monkeypatch):
    ratings = tmp_path / "ratings.csv"
    content = "user,item,rating\nu1,i1,4\nu2,i1,3\n"
    ratings.write_text(content, encoding="utf-8")
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("user,item\nu2,i1\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(ratings)
    monkeypatch.chdir(tmp_path)
    cases = [
        (ratings, ratings),
        ("ratings.csv", ratings),
        (tmp_path / "sub" / ".." / "ratings.csv", ratings),
        (link, ratings),
        (pairs, pairs),
    ]

    for out, source in cases:
        result = cli("cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", out)
        assert result.returncode == 2
        assert (
            f"error: {out} is the same file as the input {source}, so writing it "
            "would overwrite that input; choose another output file" in result.stderr
        )
    assert ratings.read_text(encoding="utf-8") == content
    assert pairs.read_text(encoding="utf-8") == "user,item\nu2,i1\n"
    assert link.is_symlink()


def test_cf_predict_rejects_fifo(cli, tmp_path):
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("user,item,rating\nu1,i1,4\n", encoding="utf-8")
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("user,item\nu1,i1\n", encoding="utf-8")
    pipe = tmp_path / "out.csv"
    os.mkfifo(pipe)

    result = cli("cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", pipe)

    assert result.returncode == 2
    assert f"error: {pipe} is a FIFO (named pipe)" in result.stderr


def test_segments_checks_file_before_refit(tmp_path, capsys, shop_url):
    pipe = tmp_path / "campaign.csv"
    os.mkfifo(pipe)

    code, out, err = _export_segment(capsys, shop_url, 1, pipe)

    assert code == 2
    assert f"{pipe} is a FIFO (named pipe)" in err
    assert "fitted" not in out


@pytest.mark.parametrize(
    "command", [["export", "design.json"], ["export-order", "A-1"]]
)
def test_blank_package_folder_name(capsys, command):
    from app.cli import main

    with pytest.raises(SystemExit) as caught:
        main([*command, "--out", " "])

    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert "argument --out: no folder name given; type the name of the folder" in err
    assert "-package" in err


def _subcommands(parser):
    """Yield the argument lists that name every subcommand and nested action."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield [name]
                for nested in _subcommands(subparser):
                    yield [name, *nested]


def test_every_subcommand_help_exits_zero(capsys):
    from app.cli import build_parser, main

    commands = list(_subcommands(build_parser()))
    assert ["store-settings"] in commands
    assert ["rules", "compile"] in commands

    for command in commands:
        with pytest.raises(SystemExit) as caught:
            main([*command, "--help"])
        out = capsys.readouterr().out
        assert caught.value.code == 0, command
        assert out.startswith("usage: main.py"), command
    assert "0.20 is 20 %" in _help_of(capsys, "store-settings")


def _help_of(capsys, command: str) -> str:
    from app.cli import main

    with pytest.raises(SystemExit):
        main([command, "--help"])
    return capsys.readouterr().out


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A SQLite database with staff accounts and its key file, both as paths."""
    database = tmp_path / "store" / "atelier.db"
    database.parent.mkdir()
    key = tmp_path / "private" / "key.bin"
    monkeypatch.setenv("ATELIER_KEY_FILE", str(key))
    url = f"sqlite:///{database}"
    add_staff_accounts_at(url)
    return url, database, key


def test_writers_refuse_store_files(cli, tmp_path, store):
    url, database, key = store
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("user,item,rating\nu1,i1,4\n", encoding="utf-8")
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("user,item\nu1,i1\n", encoding="utf-8")
    link = tmp_path / "link.db"
    link.symlink_to(database)
    hard = tmp_path / "hard.bin"
    os.link(key, hard)
    admin = ("--staff", USERNAMES["administrator"])
    sales = ("--staff", USERNAMES["sales"])
    commands = [
        ("export-customer", "demo", "--out", key, *admin),
        ("export-customer", "demo", "--out", database, *admin),
        ("segments", "--export", "1", "--out", key, *sales),
        ("segments", "--export", "1", "--out", link, *sales),
        ("cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", database),
        ("cf-predict", "--ratings", ratings, "--pairs", pairs, "--out", hard),
        ("backup", key, "--force"),
        ("backup", database, "--force"),
        ("backup", key.with_name("key.bin.retired-4")),
        ("quote", "--order", "A-000001", "--out", database, *sales),
    ]
    database_before = database.read_bytes()
    key_before = key.read_bytes()

    for command in commands:
        result = cli("--database", url, *command)
        assert result.returncode == 2, command
        assert "writing over it would lose the store's data" in result.stderr
        assert "Traceback" not in result.stderr

    assert database.read_bytes() == database_before
    assert key.read_bytes() == key_before
    assert not key.with_name("key.bin.retired-4").exists()


def test_store_files_of_default_database(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_DATA_DIR", str(tmp_path / "data"))
    database = tmp_path / "data" / "atelier.db"
    database.parent.mkdir()
    open_database(f"sqlite:///{database}").dispose()
    before = database.read_bytes()

    result = cli("backup", database, "--force")

    assert result.returncode == 2
    assert f"error: {database} is the database in use" in result.stderr
    assert database.read_bytes() == before


def test_output_trailing_slash_rejected(capsys, tmp_path, monkeypatch):
    from app.cli import main

    monkeypatch.chdir(tmp_path)
    for arguments in (["backup", "new.db/"], ["quote", "--out", "q.pdf/"]):
        with pytest.raises(SystemExit) as caught:
            main(arguments)
        err = capsys.readouterr().err
        assert caught.value.code == 2
        assert "ends with a slash, which names a folder" in err
    assert list(tmp_path.iterdir()) == []


def test_output_tilde_expanded(cli, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    database = f"sqlite:///{tmp_path / 'atelier.db'}"
    open_database(database).dispose()

    result = cli("--database", database, "backup", "~/copy.db")

    assert result.returncode == 0, result.stderr
    assert (home / "copy.db").is_file()
    assert not (tmp_path / "~").exists()


def test_restore_names_folder_fifo_and_blank(cli, capsys, tmp_path):
    from app.cli import main

    database = f"sqlite:///{tmp_path / 'atelier.db'}"
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    folder = cli("--database", database, "restore", tmp_path)
    fifo = cli("--database", database, "restore", pipe)
    with pytest.raises(SystemExit) as caught:
        main(["--database", database, "restore", " "])
    blank = capsys.readouterr().err

    assert folder.returncode == 2
    assert f"{tmp_path} is a folder, not a backup file" in folder.stderr
    assert fifo.returncode == 2
    assert f"{pipe} is a FIFO (named pipe), not a backup file" in fifo.stderr
    assert caught.value.code == 2
    assert "no backup file given" in blank
    assert "not found" not in folder.stderr + fifo.stderr + blank


def test_restore_refuses_live_database(cli, tmp_path):
    database = tmp_path / "atelier.db"
    url = f"sqlite:///{database}"
    add_staff_accounts_at(url)
    before = database.read_bytes()

    result = cli("--database", url, "restore", database, "--force", "--staff", "root")

    assert result.returncode == 2
    assert f"{database} is the database {database} itself" in result.stderr
    assert database.read_bytes() == before


@pytest.mark.parametrize(
    ("make", "kind", "example"),
    [
        (os.mkdir, "a folder", Path("key", "key.bin")),
        (os.mkfifo, "a FIFO (named pipe)", Path("key.bin")),
    ],
    ids=["folder", "fifo"],
)
def test_key_file_of_wrong_type(cli, tmp_path, make, kind, example):
    key = tmp_path / "key"
    make(key)
    database = f"sqlite:///{tmp_path / 'atelier.db'}"

    result = cli("--key-file", key, "--database", database, "audit")

    assert result.returncode == 2
    assert f"error: Key file {key} is {kind}, not a key file" in result.stderr
    assert f"such as {tmp_path / example}" in result.stderr
    assert "chmod" not in result.stderr


def test_export_zip_taken_by_folder(cli, tmp_path):
    (tmp_path / "zdir.zip").mkdir()
    out = tmp_path / "zdir"

    result = cli("export", EXAMPLES_DIR / "ring-band.json", "--out", out)

    assert result.returncode == 2
    assert f"zip file goes to {out}.zip, which is a folder" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["zdir.zip"]


def test_export_to_current_folder_named(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    result = cli("export", EXAMPLES_DIR / "ring-band.json", "--out", ".")

    assert result.returncode == 2
    assert "error: . has no name of its own for the package folder" in result.stderr
    assert "File exists" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_zip_is_not_database(cli, tmp_path):
    database = tmp_path / "package.zip"
    url = f"sqlite:///{database}"
    open_database(url).dispose()
    before = database.read_bytes()
    out = tmp_path / "package"

    result = cli(
        "--database", url, "export", EXAMPLES_DIR / "ring-band.json", "--out", out
    )

    assert result.returncode == 2
    assert f"error: {database} is the database in use" in result.stderr
    assert database.read_bytes() == before
    assert not out.exists()


def test_module_entry_validates_example():
    example = EXAMPLES_DIR / "ring-band.json"
    command = [sys.executable, "-m", "app", "validate", str(example)]
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip()


def test_validate_deeply_nested_file(cli, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = cli("validate", path)
    assert result.returncode == 2
    assert "more deeply than Python can read" in result.stderr
    assert "Traceback" not in result.stderr
