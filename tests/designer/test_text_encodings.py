"""Design, catalog and factory files as text editors save them.

Windows Notepad saves UTF-8 with a byte-order mark, and older editors save
in a legacy code page such as Windows-1252 or GBK.
"""

import codecs
import json

import pytest

from designer import factory_status
from designer.catalog import CatalogError, load_catalog, load_model
from designer.designs import MAX_DESIGN_BYTES, DesignFileError, read_design, resolve
from resources import EXAMPLES_DIR


def ring_with_engraving(engraving: str) -> str:
    """Return the ring example's JSON text with ``engraving``, one value a line."""
    data = json.loads((EXAMPLES_DIR / "ring-band.json").read_text(encoding="utf-8"))
    data["values"]["engraving"] = engraving
    return json.dumps(data, indent=2, ensure_ascii=False)


def line_of(text: str, fragment: str) -> int:
    """Return the 1-based line of ``text`` that contains ``fragment``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def first_non_ascii_line(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if not line.isascii())


def test_design_with_byte_order_mark_opens(tmp_path, catalog):
    text = ring_with_engraving("Für Anna")
    plain = tmp_path / "plain.json"
    plain.write_bytes(text.encode("utf-8"))
    notepad = tmp_path / "notepad.json"
    notepad.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))

    design = read_design(notepad)

    assert design == read_design(plain)
    model, values = resolve(design, catalog, notepad)
    assert values["engraving"] == "Für Anna"


def test_latin_design_names_file_and_line(tmp_path):
    text = ring_with_engraving("Café")
    path = tmp_path / "ring.json"
    path.write_bytes(text.encode("cp1252"))

    with pytest.raises(DesignFileError) as caught:
        read_design(path)

    line = line_of(text, "Café")
    assert str(caught.value) == (
        f"{path}: is not UTF-8 text (line {line}); save the file with the "
        "encoding UTF-8, such as with Save As in Notepad"
    )
    assert "codec" not in str(caught.value)


def test_utf16_design_is_not_utf8(tmp_path):
    # Notepad's "Unicode" encoding.
    path = tmp_path / "ring.json"
    path.write_bytes(ring_with_engraving("Anna").encode("utf-16"))

    with pytest.raises(DesignFileError, match=r": is not UTF-8 text \(line 1\)"):
        read_design(path)


def test_catalog_file_with_byte_order_mark_loads(catalog_copy, catalog):
    path = catalog_copy / "ring-band.toml"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())

    loaded = load_catalog(catalog_copy)

    assert loaded.errors == []
    model = loaded.get("ring-band")
    assert model.path == path
    assert model.rules.parameters == catalog.get("ring-band").rules.parameters
    assert model.name("zh_CN") == catalog.get("ring-band").name("zh_CN")


def test_gb18030_catalog_names_its_line(catalog_copy):
    path = catalog_copy / "ring-band.toml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))

    loaded = load_catalog(catalog_copy)

    [error] = loaded.errors
    line = first_non_ascii_line(text)
    assert error.path == path
    assert error.line == line
    assert str(error) == (
        f"{path}:{line}: is not UTF-8 text; save the file with the encoding "
        "UTF-8, such as with Save As in Notepad"
    )
    assert "ring-band" not in loaded.models
    with pytest.raises(CatalogError, match="is not UTF-8 text"):
        load_model(path)


def test_latin_status_file_says_save_as_utf8(studio_db, tmp_path):
    path = tmp_path / "status.csv"
    path.write_bytes("order_id,state,note\nA-000001,shipped,reçu\n".encode("cp1252"))

    with pytest.raises(factory_status.StatusFileError) as caught:
        factory_status.apply_status_path(studio_db, path)

    assert str(caught.value) == (
        f"{path}: is not UTF-8 text; save the file with the encoding UTF-8 and "
        "apply it again"
    )


@pytest.mark.parametrize(
    "raw", [b"", b"  \n\t\r\n", codecs.BOM_UTF8 + b"\n"], ids=["empty", "blank", "bom"]
)
def test_empty_design_is_called_empty(tmp_path, raw):
    path = tmp_path / "ring.json"
    path.write_bytes(raw)

    with pytest.raises(DesignFileError) as caught:
        read_design(path)

    assert str(caught.value) == (
        f"{path}: is empty; open a design file that Atelier saved, or save the "
        "design again"
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_design_without_mark_is_not_utf8(tmp_path, encoding):
    path = tmp_path / "ring.json"
    path.write_bytes(ring_with_engraving("Anna").encode(encoding))

    with pytest.raises(DesignFileError) as caught:
        read_design(path)

    assert str(caught.value) == (
        f"{path}: is not UTF-8 text (line 1); save the file with the "
        "encoding UTF-8, such as with Save As in Notepad"
    )


def test_nul_byte_names_its_line(tmp_path):
    text = ring_with_engraving("Anna")
    path = tmp_path / "ring.json"
    path.write_bytes(text.replace("Anna", "An\0na").encode("utf-8"))

    with pytest.raises(DesignFileError) as caught:
        read_design(path)

    assert f"(line {line_of(text, 'Anna')})" in str(caught.value)


def test_design_with_two_byte_order_marks_opens(tmp_path):
    text = ring_with_engraving("Für Anna")
    plain = tmp_path / "plain.json"
    plain.write_bytes(text.encode("utf-8"))
    twice = tmp_path / "twice.json"
    twice.write_bytes(codecs.BOM_UTF8 * 2 + text.encode("utf-8"))

    assert read_design(twice) == read_design(plain)


def padded_design(size: int) -> bytes:
    """Return the ring example as UTF-8 JSON padded with spaces to ``size`` bytes."""
    raw = ring_with_engraving("Anna").encode("utf-8")
    return raw + b" " * (size - len(raw))


def test_design_at_size_limit_opens(tmp_path):
    path = tmp_path / "ring.json"
    path.write_bytes(padded_design(MAX_DESIGN_BYTES))

    assert read_design(path).product == "ring-band"


def test_design_over_size_limit_rejected(tmp_path):
    path = tmp_path / "ring.json"
    path.write_bytes(padded_design(3 * MAX_DESIGN_BYTES))

    with pytest.raises(DesignFileError) as caught:
        read_design(path)

    assert str(caught.value) == (
        f"{path}: has {3 * MAX_DESIGN_BYTES} bytes, more than the "
        f"{MAX_DESIGN_BYTES} bytes that a design file may have, so it is not a "
        "design file; open a design file that Atelier saved, which has a few "
        "kilobytes"
    )
