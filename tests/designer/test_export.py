"""The spec schema, its validator and how a package reaches the disk."""

from __future__ import annotations

import copy
import json
import re
import zipfile
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from designer import export
from designer.package.assemble import PackageOptions, build_package
from designer.package.progress import ExportProgress
from designer.production import build_parts
from storage.output_paths import OutputPathError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ring_spec(example_session):
    session = example_session("ring-band")
    files = build_package(
        session, build_parts(session), session.price(), PackageOptions()
    )
    return json.loads(files["spec.json"])


def test_schema_is_draft_2020_12():
    schema = export.load_spec_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"]["const"] == "atelier-spec/2"


def test_published_schema_matches_validator():
    published = ROOT / "docs" / "spec-2.schema.json"
    assert published.read_bytes() == export.SCHEMA_PATH.read_bytes()


def test_real_spec_is_valid(ring_spec):
    export.validate_spec(ring_spec)


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("product", "rule_version"), "three", "rule_version"),
        (("product", "catalog_sha256"), "not-a-hash", "catalog_sha256"),
        (("order", "id"), "A 1", "order.id"),
        (("spec_revision",), "XYZ", "spec_revision"),
        (("language",), "fr", "language"),
        (("price", "total"), "750.5", "total"),
        (("bom", 0, "unit"), "kg", "bom[0].unit"),
        (("size", "value_mm"), -1, "size.value_mm"),
        (("files", 0, "name"), "../spec.json", "files[0].name"),
    ],
)
def test_invalid_spec_names_field(ring_spec, path, value, field):
    spec = copy.deepcopy(ring_spec)
    target = spec
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value

    with pytest.raises(ValueError, match=re.escape(field)):
        export.validate_spec(spec)


def test_missing_field_is_reported(ring_spec):
    spec = copy.deepcopy(ring_spec)
    del spec["parts"][0]["mass_g"]

    with pytest.raises(ValueError) as raised:
        export.validate_spec(spec)

    assert "$.parts[0]" in str(raised.value)
    assert "'mass_g' is a required property" in str(raised.value)


def test_price_total_must_match_lines(ring_spec):
    spec = copy.deepcopy(ring_spec)
    lines_total = spec["price"]["total"]
    spec["price"]["total"] = "1.00"

    with pytest.raises(ValueError, match=rf"\$\.price\.total.*{lines_total}"):
        export.validate_spec(spec)


FILES = {"spec.json": b'{"files": []}', "bom.csv": b"a,b\n", "model.stl": b"\0" * 84}


def test_write_package_writes_files_and_zip(tmp_path):
    out_dir = tmp_path / "orders" / "A-1001"

    written = export.write_package(FILES, out_dir)

    assert written == [out_dir / name for name in FILES] + [
        tmp_path / "orders" / "A-1001.zip"
    ]
    for name, data in FILES.items():
        assert (out_dir / name).read_bytes() == data
    with zipfile.ZipFile(written[-1]) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == sorted(f"A-1001/{name}" for name in FILES)
        for name, data in FILES.items():
            assert archive.read(f"A-1001/{name}") == data


def test_zip_is_reproducible(tmp_path):
    first = export.write_package(FILES, tmp_path / "one" / "package")[-1]
    second = export.write_package(FILES, tmp_path / "two" / "package")[-1]
    assert first.read_bytes() == second.read_bytes()


def test_rewrite_removes_only_files_of_earlier_package(tmp_path):
    out_dir = tmp_path / "package"
    earlier = {
        "spec.json": json.dumps(
            {"files": [{"name": "spec.json"}, {"name": "sheet-2.dxf"}]}
        ).encode(),
        "sheet-2.dxf": b"0\nEOF\n",
    }
    export.write_package(earlier, out_dir)
    (out_dir / "notes.txt").write_text("kept", encoding="utf-8")

    export.write_package(FILES, out_dir)

    assert not (out_dir / "sheet-2.dxf").exists()
    assert (out_dir / "notes.txt").read_text(encoding="utf-8") == "kept"


def test_failed_write_leaves_no_temporary_file(tmp_path):
    out_dir = tmp_path / "package"
    out_dir.mkdir()
    (out_dir / "bom.csv").mkdir()  # a folder cannot be replaced by a file

    with pytest.raises(OSError):
        export.write_package(FILES, out_dir)

    assert [path.name for path in out_dir.iterdir() if path.name.endswith(".tmp")] == []


@pytest.mark.parametrize("name", ["../x.csv", "sub/x.csv", ".hidden"])
def test_file_names_stay_in_folder(tmp_path, name):
    with pytest.raises(ValueError, match="plain file name"):
        export.write_package({name: b""}, tmp_path / "package")
    assert not (tmp_path / "package").exists()


def test_non_png_image_is_rejected():
    with pytest.raises(ValueError, match="not a PNG"):
        export.read_png(b"GIF89a")


def test_png_path_is_read(tmp_path):
    path = tmp_path / "view.png"
    path.write_bytes(export.PNG_SIGNATURE + b"rest")
    assert export.read_png(path) == export.PNG_SIGNATURE + b"rest"


def test_failed_staging_leaves_nothing_beside_folder(tmp_path):
    out_dir = tmp_path / "package"

    out_dir.write_text("x", encoding="utf-8")

    with pytest.raises(OutputPathError, match="is a file, not a folder"):
        export.write_package(FILES, out_dir)

    assert sorted(path.name for path in tmp_path.iterdir()) == ["package"]


def test_failed_zip_takes_new_folder_back(tmp_path):
    out_dir = tmp_path / "package"
    staged = export.stage_package(FILES, out_dir)
    # Something takes the zip's name after the check, before the commit.
    (tmp_path / "package.zip").mkdir()

    with pytest.raises(IsADirectoryError):
        staged.commit()
    staged.discard()

    assert sorted(path.name for path in tmp_path.iterdir()) == ["package.zip"]
    assert list((tmp_path / "package.zip").iterdir()) == []


def test_new_package_folder_appears_whole(tmp_path):
    out_dir = tmp_path / "package"
    staged = export.stage_package(FILES, out_dir)

    assert not out_dir.exists()
    assert not (tmp_path / "package.zip").exists()
    assert sorted(path.name for path in staged.staging.iterdir()) == [
        "package",
        "package.zip",
    ]

    written = staged.commit()

    assert written[-1] == tmp_path / "package.zip"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "package",
        "package.zip",
    ]


def test_discarded_package_leaves_nothing(tmp_path):
    staged = export.stage_package(FILES, tmp_path / "package")

    staged.discard()

    assert list(tmp_path.iterdir()) == []


def test_progress_rejects_steps_out_of_order():
    progress = ExportProgress()
    progress.step("pdf")

    with pytest.raises(ValueError, match="comes after 'pdf'"):
        progress.step("spec")
    with pytest.raises(ValueError, match="unknown export step 'render'"):
        progress.step("render")
