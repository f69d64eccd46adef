"""The customer's quote as a PDF: the order's design, price lines, tax and total.

The quote is built from the order's frozen design only, so it reprints the
same after the catalog changes. Chinese text uses the CJK font and the
paragraph styles of the spec sheet in :mod:`designer.export`.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from designer.orders import current_revision, frozen_design, get_order
from designer.package.linebreak import SheetParagraph
from designer.package.sheet import (
    CJK,
    ENGRAVING_LATIN_FONT,
    LATIN,
    SYMBOL,
    cjk_font_name,
    engraving_latin_font,
    font_runs,
    is_latin,
    paragraph_styles,
)
from designer.pricing import Price, format_money
from designer.store import load_store_settings
from storage.audit import record_audit
from storage.db import Database
from storage.output_paths import (
    check_not_store_file,
    check_output_file,
    output_path_error,
)
from storage.repositories import get_customer
from storage.schema import AuditAction

TEXTS = {
    "en": {
        "title": "Quote",
        "order": "Order",
        "revision": "Design revision",
        "issued": "Issued",
        "valid_until": "Valid until",
        "customer": "Customer",
        "product": "Product",
        "colon": ": ",
        "parameter": "Option",
        "value": "Value",
        "price": "Price",
        "amount": "Amount",
        "total": "Total",
        "terms": "Prices in {currency}, tax included in the total. This quote is "
        "valid until {valid_until}; the promised date is set when the order "
        "is confirmed.",
    },
    "zh_CN": {
        "title": "报价单",
        "order": "订单",
        "revision": "设计版本",
        "issued": "日期",
        "valid_until": "有效期至",
        "customer": "客户",
        "product": "产品",
        "colon": "：",
        "parameter": "选项",
        "value": "数值",
        "price": "价格",
        "amount": "金额",
        "total": "合计",
        "terms": "价格以 {currency} 计，合计已含税。本报价有效期至 {valid_until}；"
        "确认订单时确定交货日期。",
    },
}


@dataclass(frozen=True)
class QuoteDocument:
    """Everything a quote shows, read from one order revision."""

    store_name: str
    order_id: str
    revision: int
    design_hash: str
    customer_id: str
    customer_name: str
    issued: date
    valid_until: date
    product_name: str
    parameters: list[tuple[str, str]]
    price: Price
    language: str


def quote_document(
    session: Session, order_id: str, language: str = "en"
) -> QuoteDocument:
    """Collect the quote of the order's current revision.

    The validity date is the order's quote validity, or, for a draft, the
    store's validity period counted from the revision's date.
    """
    order = get_order(session, order_id)
    revision = current_revision(session, order.id)
    frozen = frozen_design(session, order.id)
    customer = get_customer(session, order.customer_id)
    issued = revision.created_at.date()
    valid_until = order.quote_valid_until
    if valid_until is None:
        days = load_store_settings(session).quote_validity_days
        valid_until = issued + timedelta(days)
    return QuoteDocument(
        store_name=load_store_settings(session).name,
        order_id=order.id,
        revision=revision.revision,
        design_hash=revision.design_hash,
        customer_id=order.customer_id,
        customer_name=customer.display_name if customer else "",
        issued=issued,
        valid_until=valid_until,
        product_name=frozen.name(language),
        parameters=frozen.parameter_rows(language),
        price=frozen.price,
        language=language,
    )


def build_quote_pdf(document: QuoteDocument) -> bytes:
    """Lay out the quote on A4 and return the PDF bytes."""
    return _QuoteSheet(document).build()


def check_quote_file(path: Path | str) -> Path:
    """Reject a path that :func:`write_quote_pdf` cannot write; return it.

    Raises
    ------
    storage.output_paths.OutputPathError
        Naming ``path`` and what is wrong with it.
    """
    return check_output_file(path)


def write_quote_pdf(document: QuoteDocument, path: Path | str) -> Path:
    """Write the quote PDF to ``path`` through a temporary file renamed into place.

    Raises
    ------
    storage.output_paths.OutputPathError
        If the file cannot be written, naming ``path`` and what is wrong.
    """
    path = check_quote_file(path)
    data = build_quote_pdf(document)
    try:
        # The same temporary name as every atomic write, which
        # storage.output_paths allows for in a name's longest length.
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise output_path_error(path, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise output_path_error(path, error) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def save_quote_pdf(
    db: Database, document: QuoteDocument, path: Path | str, actor: str
) -> Path:
    """Write the quote PDF to ``path`` and record the export in the audit log.

    A quote names its customer, so every quote written out gets an
    ``exported`` audit entry with ``actor``, the signed-in staff member. The
    entry is written after the file, so a failed write records nothing.

    Raises
    ------
    storage.output_paths.OutputPathError
        If the file cannot be written, or is one of the store's own files
        such as the database of ``db``, naming ``path`` and what is wrong.
    """
    check_not_store_file(path, db.engine.url)
    written = write_quote_pdf(document, path)
    with db.session() as session:
        record_audit(
            session,
            AuditAction.EXPORTED,
            document.customer_id,
            actor=actor,
            detail=f"quote of order {document.order_id}",
        )
    return written


class _QuoteSheet:
    def __init__(self, document: QuoteDocument) -> None:
        self.document = document
        self.texts = TEXTS.get(document.language, TEXTS["en"])
        self.styles = paragraph_styles()

    def build(self) -> bytes:
        document, texts = self.document, self.texts
        currency = document.price.currency
        story = [
            self.paragraph(document.store_name, "meta"),
            self.paragraph(f"{texts['title']} {document.order_id}", "title"),
            self._meta_table(),
            Spacer(1, 5 * mm),
            self.paragraph(
                f"{texts['product']}{texts['colon']}{document.product_name}", "heading"
            ),
            self._table(
                [texts["parameter"], texts["value"]],
                [list(row) for row in document.parameters],
                [80 * mm, 94 * mm],
            ),
            self.paragraph(texts["price"], "heading"),
            self._price_table(),
            Spacer(1, 6 * mm),
            self.paragraph(
                texts["terms"].format(
                    currency=currency, valid_until=document.valid_until.isoformat()
                ),
                "meta",
            ),
        ]
        buffer = io.BytesIO()
        template = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            title=f"{texts['title']} {document.order_id}",
            author=document.store_name,
        )
        template.build(story)
        return buffer.getvalue()

    def paragraph(self, text: str, style: str) -> SheetParagraph:
        """Return a paragraph whose runs outside cp1252 use the engraving's
        Latin font for signs it has, such as a heart, and the CJK font for
        the rest."""
        text = str(text)
        runs = list(font_runs(text))
        if any(kind == SYMBOL for kind, _ in runs):
            engraving_latin_font()
        fonts = {SYMBOL: ENGRAVING_LATIN_FONT, CJK: cjk_font_name()}
        markup = [
            escape(run)
            if kind == LATIN
            else f'<font name="{fonts[kind]}">{escape(run)}</font>'
            for kind, run in runs
        ]
        has_cjk = not all(is_latin(character) for character in text)
        return SheetParagraph("".join(markup), self.styles[style, has_cjk])

    def _meta_table(self) -> Table:
        document, texts = self.document, self.texts
        customer = document.customer_name or document.customer_id
        rows = [
            [texts["order"], document.order_id],
            [
                texts["revision"],
                f"{document.revision} ({document.design_hash[:12]})",
            ],
            [texts["issued"], document.issued.isoformat()],
            [texts["valid_until"], document.valid_until.isoformat()],
            [texts["customer"], f"{customer} ({document.customer_id})"],
        ]
        cells = [
            [self.paragraph(label, "header"), self.paragraph(value, "cell")]
            for label, value in rows
        ]
        table = Table(cells, colWidths=[40 * mm, 134 * mm], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return table

    def _price_table(self) -> Table:
        price, texts = self.document.price, self.texts
        language = self.document.language
        currency = price.currency
        rows = [
            [line.label(language), f"{format_money(line.amount, currency)} {currency}"]
            for line in price.lines
        ]
        total = format_money(price.total, currency)
        rows.append([texts["total"], f"{total} {currency}"])
        table = self._table(
            [texts["price"], texts["amount"]], rows, [130 * mm, 44 * mm], total=True
        )
        return table

    def _table(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        total: bool = False,
    ) -> Table:
        cells = [[self.paragraph(text, "header") for text in header]]
        for index, row in enumerate(rows):
            last = total and index == len(rows) - 1
            cells.append(
                [self.paragraph(text, "header" if last else "cell") for text in row]
            )
        if total:
            for row in cells:
                row[-1].style = ParagraphStyle(
                    f"{row[-1].style.name}-right",
                    parent=row[-1].style,
                    alignment=TA_RIGHT,
                )
        commands = [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if total:
            commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
        table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        return table
