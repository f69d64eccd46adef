"""The quote PDF, read back with pypdf."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from designer import orders
from designer.quote import quote_document, write_quote_pdf
from storage.output_paths import OutputPathError
from tests.designer.pdf_words import joined, page_words, pieces_of


def _text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_quote_lists_lines_tax_total(studio_db, frozen_examples, tmp_path):
    table = frozen_examples["table-dining"]
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", table, "ana", confirm=False)
        document = quote_document(session, order.id)
    text = _text(write_quote_pdf(document, tmp_path / "quote.pdf"))

    assert f"Quote {order.id}" in text
    assert "Dining table" in text
    assert "VAT 20 %" in text
    assert f"Valid until\n{document.valid_until.isoformat()}" in text
    amounts = [Decimal(a) for a in re.findall(r"(-?\d+\.\d\d) EUR", text)]
    *lines, total = amounts
    assert len(lines) == len(table.price.lines)
    assert sum(lines) == total == table.price.total


def test_quote_draws_engraved_heart(studio_db, example_session, tmp_path):
    from designer.order_design import freeze_design
    from designer.store import StoreSettings

    ring = freeze_design(
        example_session("ring-band", engraving="Forever ♥ 2024"), StoreSettings()
    )
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", ring, "ana", confirm=False)
        document = quote_document(session, order.id)
    text = _text(write_quote_pdf(document, tmp_path / "quote.pdf"))

    assert "Forever ♥ 2024" in text


def test_quote_in_chinese(studio_db, frozen_examples, tmp_path):
    ring = frozen_examples["ring-band"]
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", ring, "ana", confirm=False)
        document = quote_document(session, order.id, language="zh_CN")
    text = _text(write_quote_pdf(document, tmp_path / "quote.pdf"))
    assert "报价单" in text
    assert "产品：婚戒指环" in text
    assert "增值税 20 %" in text
    assert "永恒" in text


def test_chinese_quote_line_starts(studio_db, frozen_examples, tmp_path):
    ring = frozen_examples["ring-band"]
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", ring, "ana", confirm=False)
        document = quote_document(session, order.id, language="zh_CN")
    # One of the lengths from 30 to 49 puts "，" right at the end of the
    # customer cell's first line.
    for length in range(30, 50):
        name = "红" * length + "，上海红橡木定制家具设计有限公司"
        customer = dataclasses.replace(document, customer_name=name)
        path = write_quote_pdf(customer, tmp_path / f"quote-{length}.pdf")
        lines = [line.strip() for line in _text(path).splitlines()]

        assert [line for line in lines if line[:1] in "，。、；：）"] == []
        assert name in "".join(lines)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_quote_splits_long_words(studio_db, example_session, tmp_path, language):
    from designer.order_design import freeze_design
    from designer.store import StoreSettings

    engraving = "w" * 40
    # The long form of a real family name, with no place to break.
    name = (
        "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft"
        "schaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzen"
    )
    ring = freeze_design(
        example_session("ring-band", engraving=engraving, width=3.0),
        StoreSettings(),
    )
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", ring, "ana", confirm=False)
        document = quote_document(session, order.id, language=language)
    document = dataclasses.replace(document, customer_name=name)
    path = write_quote_pdf(document, tmp_path / "quote.pdf")
    words = page_words(path)

    for text in (engraving, name):
        pieces = pieces_of(words, text)

        assert joined(pieces) == text
        assert len(pieces) >= 2
        assert [piece.text.endswith("-") for piece in pieces] == [
            *[True] * (len(pieces) - 1),
            False,
        ]
        # Both are in the last column of their table.
        assert max(piece.x_max for piece in pieces) <= A4[0] - 18 * mm
    # pypdf reads every character back, once the line breaks are undone.
    assert name in _text(path).replace("-\n", "")


@pytest.fixture
def ring_quote(studio_db, frozen_examples):
    with studio_db.session() as session:
        ring = frozen_examples["ring-band"]
        order = orders.place_order(session, "demo", ring, "ana", confirm=False)
        return quote_document(session, order.id)


def _write_error(document, path) -> str:
    """Write the quote to ``path``, which must fail; return the message."""
    with pytest.raises(OutputPathError) as caught:
        write_quote_pdf(document, path)
    return str(caught.value)


def test_quote_to_folder_named_plainly(ring_quote, tmp_path):
    folder = tmp_path / "quotes"
    folder.mkdir()

    text = _write_error(ring_quote, folder)

    assert text.startswith(f"{folder} is a folder")
    assert "choose a file name inside the folder" in text
    assert "Errno" not in text
    # Neither the message nor the folder keeps the temporary file.
    assert ".quotes." not in text
    assert list(folder.iterdir()) == []
    assert [path.name for path in tmp_path.glob(".quotes.*")] == []


def test_quote_under_file_named_plainly(ring_quote, tmp_path):
    blocking = tmp_path / "notes.txt"
    blocking.write_text("x", encoding="utf-8")
    path = blocking / "quote.pdf"

    text = _write_error(ring_quote, path)

    assert text.startswith(f"{path} cannot be written because {blocking}")
    assert "is a file, not a folder" in text
    assert "Errno" not in text
