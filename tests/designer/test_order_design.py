"""Frozen order designs: they outlive changes to the catalog files."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pypdf import PdfReader

from designer import orders
from designer.catalog import load_catalog
from designer.order_design import FrozenDesign, NotOrderableError, freeze_design
from designer.production import export_package
from designer.quote import quote_document, write_quote_pdf
from designer.session import DesignSession
from designer.store import StoreSettings


def test_round_trip_keeps_hash(frozen_examples):
    for frozen in frozen_examples.values():
        copy = FrozenDesign.from_json(json.loads(frozen.canonical_json()))
        assert copy.design_hash == frozen.design_hash
        assert copy.price == frozen.price


def test_hash_changes_with_values(catalog, frozen_examples):
    ring = frozen_examples["ring-band"]
    values = dict(ring.values, metal="platinum_950")
    other = freeze_design(
        DesignSession(catalog.get("ring-band"), values, ring.chosen), StoreSettings()
    )
    assert other.design_hash != ring.design_hash


def test_broken_design_cannot_be_frozen(catalog):
    model = catalog.get("ring-band")
    session = DesignSession(model, {"depth": 1.2, "engraving": "Love"})
    with pytest.raises(NotOrderableError, match="engraving-depth"):
        freeze_design(session, StoreSettings())


def test_frozen_session_rejects_changes(frozen_examples):
    session = frozen_examples["ring-band"].session()
    with pytest.raises(TypeError, match="frozen"):
        session.set_value("width", 5.0)


def test_order_survives_catalog_change(studio_db, catalog_copy, tmp_path):
    catalog = load_catalog(catalog_copy)
    model = catalog.get("ring-band")
    frozen = freeze_design(DesignSession(model, {"width": 5.0}), StoreSettings())
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", frozen, "ana")
    ring_file = catalog_copy / "ring-band.toml"

    # Raise the base price and the rule version, then delete the file.
    text = ring_file.read_text(encoding="utf-8")
    text = text.replace('base_price = "450.00"', 'base_price = "999.00"')
    ring_file.write_text(
        text.replace(
            f"rule_version = {model.rule_version}",
            f"rule_version = {model.rule_version + 1}",
        )
    )
    assert load_catalog(catalog_copy).get("ring-band").base_price == Decimal("999")
    ring_file.unlink()
    assert "ring-band" not in load_catalog(catalog_copy).models

    with studio_db.session(readonly=True) as session:
        stored = orders.frozen_design(session, order.id)
        document = quote_document(session, order.id)
    written = export_package(stored.session(), tmp_path / "package", None)
    names = [path.name for path in written]
    assert names[0] == "spec.json"
    assert {"model.stl", "spec.pdf", "bom.csv"} <= set(names)
    assert names[-1] == "package.zip"
    spec = json.loads((tmp_path / "package" / "spec.json").read_text("utf-8"))
    assert spec["product"]["catalog_sha256"] == model.sha256
    assert spec["product"]["rule_version"] == model.rule_version
    assert spec["price"]["total"] == str(frozen.price.total)
    assert spec["price"]["lines"][0]["amount"] == "450.00"
    assert {p["name"]: p["value"] for p in spec["parameters"]}["width"] == 5.0

    quote = write_quote_pdf(document, tmp_path / "quote.pdf")
    text = "".join(page.extract_text() for page in PdfReader(quote).pages)
    assert "450.00 EUR" in text
    assert f"{frozen.price.total} EUR" in text


def test_changed_file_after_loading_is_rejected(catalog_copy):
    model = load_catalog(catalog_copy).get("table-dining")
    path = catalog_copy / "table-dining.toml"
    path.write_text(path.read_text("utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(ValueError, match="changed since table-dining was loaded"):
        freeze_design(DesignSession(model), StoreSettings())


def test_damaged_source_is_detected(frozen_examples):
    data = json.loads(frozen_examples["table-dining"].canonical_json())
    data["catalog"]["source"] += "\n# tampered\n"
    with pytest.raises(ValueError, match="damaged"):
        FrozenDesign.from_json(data).model()
