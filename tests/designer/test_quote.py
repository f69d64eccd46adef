"""The quote PDF, read back with pypdf."""

from __future__ import annotations

import re
from decimal import Decimal

from pypdf import PdfReader

from designer import orders
from designer.quote import quote_document, write_quote_pdf


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


def test_quote_in_chinese(studio_db, frozen_examples, tmp_path):
    ring = frozen_examples["ring-band"]
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", ring, "ana", confirm=False)
        document = quote_document(session, order.id, language="zh_CN")
    text = _text(write_quote_pdf(document, tmp_path / "quote.pdf"))
    assert "报价单" in text
    assert "婚戒指环" in text
    assert "增值税 20 %" in text
    assert "永恒" in text
