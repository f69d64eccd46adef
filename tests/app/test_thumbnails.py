"""Catalog thumbnails: rendering, the cache key, and the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import thumbnails
from designer.catalog import load_catalog
from resources import CATALOG_DIR
from tests.images import read_png

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SIZE = (96, 72)


@pytest.fixture
def one_model_catalog(tmp_path):
    """A catalog folder holding a copy of the table, which builds fastest."""
    folder = tmp_path / "catalog"
    folder.mkdir()
    shutil.copy(CATALOG_DIR / "table-dining.toml", folder)
    return folder


def test_renders_one_png_per_model(tmp_path, catalog):
    paths = thumbnails.render_thumbnails(catalog, tmp_path, SIZE)

    assert sorted(paths) == sorted(catalog.models)
    for model_id, path in paths.items():
        assert path.name.startswith(f"{model_id}-")
        image = read_png(path)
        assert image.shape == (72, 96, 3)
        assert image.std() > 8.0, model_id


def test_cached_thumbnail_is_not_rendered_again(tmp_path, catalog):
    first = thumbnails.render_thumbnails(catalog, tmp_path, SIZE, ["table-dining"])
    stamp = first["table-dining"].stat().st_mtime_ns

    again = thumbnails.render_thumbnails(catalog, tmp_path, SIZE, ["table-dining"])

    assert again == first
    assert again["table-dining"].stat().st_mtime_ns == stamp
    assert thumbnails.cached_thumbnails(catalog, tmp_path, SIZE) == first


def test_edited_catalog_file_gets_new_thumbnail(tmp_path, one_model_catalog):
    out = tmp_path / "out"
    before = load_catalog(one_model_catalog)
    old = thumbnails.render_thumbnails(before, out, SIZE)["table-dining"]
    path = one_model_catalog / "table-dining.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")

    after = load_catalog(one_model_catalog)
    assert thumbnails.cached_thumbnails(after, out, SIZE) == {}
    new = thumbnails.render_thumbnails(after, out, SIZE)["table-dining"]

    assert new != old
    assert not old.exists()
    assert list(out.glob("*.png")) == [new]


def test_key_depends_on_size(catalog):
    model = catalog.get("ring-band")

    assert thumbnails.thumbnail_key(model, (96, 72)) != thumbnails.thumbnail_key(
        model, (192, 144)
    )


def test_cache_dir_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path))

    assert thumbnails.cache_dir() == tmp_path / "thumbnails"


def test_cache_dir_defaults_to_user_cache(monkeypatch, private_folders):
    monkeypatch.delenv("ATELIER_CACHE_DIR", raising=False)

    folder = thumbnails.cache_dir()

    assert folder.is_relative_to(private_folders / "cache")


def test_unknown_model_raises(tmp_path, catalog):
    with pytest.raises(KeyError, match="'vase'"):
        thumbnails.render_thumbnails(catalog, tmp_path, SIZE, ["vase"])


def test_command_line_without_display(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "VTK_DEFAULT_OPENGL_WINDOW")
    }
    out = tmp_path / "thumbs"

    result = subprocess.run(
        [sys.executable, "-m", "app.thumbnails", "--out", str(out), "--size", "80x60"]
        + ["--model", "ring-band", "--model", "table-dining"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["ring-band", "table-dining"]
    for line in lines:
        assert read_png(Path(line.split("\t")[1])).shape == (60, 80, 3)


def test_command_line_rejects_bad_size(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "app.thumbnails", "--out", str(tmp_path)]
        + ["--size", "wide"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 2
    assert "size 'wide' is invalid" in result.stderr
