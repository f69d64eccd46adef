"""Production packages for the factory: spec.json, spec.pdf and model.stl.

A package is one folder per ordered product. ``spec.json`` is the
machine-readable design, validated against
``designer/schemas/spec-1.schema.json``. ``spec.pdf`` is the same design as a
printable sheet with a preview image, and ``model.stl`` is the solid in
millimetres.

This module never renders: the caller passes the preview image as PNG, made
for example by ``rendering.offscreen.render_png``.
"""

from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import trimesh
from jsonschema import Draft202012Validator
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from designer.atomic import write_files_atomic
from resources import ROOT as RESOURCES_DIR

logger = logging.getLogger(__name__)

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "spec-1.schema.json"
SPEC_FILE = "spec.json"
MESH_FILE = "model.stl"
SHEET_FILE = "spec.pdf"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Maximum preview image size on the sheet. The image keeps its aspect ratio.
PREVIEW_MAX_WIDTH = 110 * mm
PREVIEW_MAX_HEIGHT = 72 * mm

# Fonts for text outside cp1252, mostly Chinese, tried in this order. Latin
# text always uses Helvetica. reportlab 5.1 embeds only TrueType outlines, so
# it rejects the Noto Sans CJK .ttc files of Debian's fonts-noto-cjk, which
# have CFF outlines. Debian's fonts-droid-fallback is TrueType. Without any of
# them the sheet uses the built-in STSong-Light CID font: its text extracts as
# Unicode, but the font is not embedded, so viewers substitute an installed
# Chinese font.
CJK_FONT_GLOBS = (
    "NotoSansSC*.ttf",
    "NotoSansCJK*.tt[fc]",
    "DroidSansFallbackFull.ttf",
)
CJK_FONT_DIRS = (RESOURCES_DIR / "fonts", Path("/usr/share/fonts"))
CJK_FALLBACK_FONT = "STSong-Light"

LATIN_FONT = "Helvetica"
LATIN_BOLD_FONT = "Helvetica-Bold"

HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "product": "Product",
        "family": "Family",
        "rule_version": "Rule version",
        "catalog": "Catalog SHA-256",
        "generated_at": "Generated",
        "parameters": "Parameters",
        "parameter": "Parameter",
        "value": "Value",
        "key": "Key",
        "derived": "Derived values",
        "parts": "Parts",
        "part": "Part",
        "material": "Material",
        "volume": "Volume (mm³)",
        "mass": "Mass (g)",
        "weight": "Estimated weight",
        "price": "Price",
        "amount": "Amount",
        "total": "Total",
        "violations": "Rule violations",
        "no_violations": "No rule is violated.",
        "error": "Error",
        "warning": "Warning",
        "files": "Mesh file",
        "page": "Page",
    },
    "zh_CN": {
        "product": "产品",
        "family": "品类",
        "rule_version": "规则版本",
        "catalog": "目录 SHA-256",
        "generated_at": "生成时间",
        "parameters": "参数",
        "parameter": "参数",
        "value": "数值",
        "key": "代码",
        "derived": "推导值",
        "parts": "部件",
        "part": "部件",
        "material": "材料",
        "volume": "体积 (mm³)",
        "mass": "质量 (g)",
        "weight": "预估重量",
        "price": "价格",
        "amount": "金额",
        "total": "合计",
        "violations": "违反的规则",
        "no_violations": "没有违反任何规则。",
        "error": "错误",
        "warning": "警告",
        "files": "模型文件",
        "page": "页",
    },
}


@cache
def load_spec_schema() -> dict[str, Any]:
    """Read the JSON Schema (draft 2020-12) of ``spec.json``."""
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def validate_spec(spec: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` unless the spec is a valid ``atelier-spec/1``.

    Besides the schema, the price total must equal the sum of the price
    lines.

    Raises
    ------
    ValueError
        Listing every invalid field as a JSON path with its reason.
    """
    validator = Draft202012Validator(load_spec_schema())
    errors = sorted(validator.iter_errors(spec), key=lambda error: error.json_path)
    problems = [f"{error.json_path}: {error.message}" for error in errors]
    if not problems:
        problems = _price_problems(spec["price"])
    if problems:
        listing = "\n".join(f"  - {problem}" for problem in problems)
        raise ValueError(
            f"invalid production spec, {len(problems)} problem(s) against "
            f"{SCHEMA_PATH.name}:\n{listing}\n"
            "Fix these fields in the spec before exporting."
        )


def write_production_package(
    spec: Mapping[str, Any],
    solid: trimesh.Trimesh,
    preview_png: bytes | os.PathLike[str] | None,
    out_dir: os.PathLike[str] | str,
) -> list[Path]:
    """Write the production package of one product.

    Every file is built in memory first, then all are written to temporary
    files in ``out_dir``, synced, and renamed into place (see
    :mod:`designer.atomic`). A failure or a crash therefore leaves no
    half-written file. A crash during the three renames can leave a mix of
    whole files from an earlier export and this one.

    Parameters
    ----------
    spec
        The design in the ``atelier-spec/1`` shape; see
        ``designer/schemas/spec-1.schema.json``.
    solid
        Watertight triangle mesh of the whole product, in millimetres unless
        ``solid.units`` names another unit, in which case it is converted.
    preview_png
        Preview image as PNG bytes or the path of a PNG file, or ``None`` for
        a sheet without a picture.
    out_dir
        Folder of the package; it is created with its parents if missing.
        Existing package files in it are replaced.

    Returns
    -------
    list of pathlib.Path
        Paths of ``spec.json``, ``model.stl`` and ``spec.pdf``, in that
        order.

    Raises
    ------
    ValueError
        If the spec is invalid, the solid is empty or not watertight, or the
        preview is not a PNG image.
    """
    validate_spec(spec)
    png = _read_png(preview_png)
    contents = {
        SPEC_FILE: _spec_json(spec),
        MESH_FILE: _stl_bytes(solid),
        SHEET_FILE: build_spec_pdf(spec, png),
    }

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = write_files_atomic(
        {folder / name: data for name, data in contents.items()}
    )
    logger.info("wrote production package of %s to %s", spec["product"]["id"], folder)
    return written


def _price_problems(price: Mapping[str, Any]) -> list[str]:
    total = sum((Decimal(line["amount"]) for line in price["lines"]), Decimal("0"))
    if total != Decimal(price["total"]):
        return [
            f"$.price.total: {price['total']!r} is not the sum of the price "
            f"lines, {total:.2f}"
        ]
    return []


def _read_png(preview: bytes | os.PathLike[str] | None) -> bytes | None:
    if preview is None:
        return None
    data = bytes(preview) if isinstance(preview, bytes | bytearray) else None
    if data is None:
        data = Path(preview).read_bytes()
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError(
            f"preview image ({len(data)} bytes starting {data[:8]!r}) is not a "
            "PNG file; pass PNG bytes such as rendering.offscreen.render_png "
            "returns, or None"
        )
    return data


def _spec_json(spec: Mapping[str, Any]) -> bytes:
    text = json.dumps(spec, indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8")


def _stl_bytes(solid: trimesh.Trimesh) -> bytes:
    if not isinstance(solid, trimesh.Trimesh) or len(solid.faces) == 0:
        raise ValueError(
            f"solid {solid!r} has no triangles; pass the product's "
            "trimesh.Trimesh in millimetres"
        )
    if not solid.is_watertight:
        raise ValueError(
            f"solid with {len(solid.faces)} faces is not watertight, so the "
            "factory cannot slice it; repair the mesh or union the parts first"
        )
    if solid.units not in (None, "mm", "millimeters"):
        solid = solid.copy()
        solid.convert_units("mm")
    return solid.export(file_type="stl")


def build_spec_pdf(spec: Mapping[str, Any], preview_png: bytes | None) -> bytes:
    """Lay out the printable specification sheet of a valid spec.

    Parameters
    ----------
    spec
        A spec that passed :func:`validate_spec`.
    preview_png
        PNG bytes of the preview image, or ``None``.

    Returns
    -------
    bytes
        An A4 PDF document.
    """
    return _SpecSheet(spec).build(preview_png)


@cache
def cjk_font_name() -> str:
    """Register a font for Chinese text and return its reportlab name.

    The first TrueType font matching ``CJK_FONT_GLOBS`` in ``CJK_FONT_DIRS``
    that has Chinese glyphs is embedded. Without one, reportlab's built-in
    ``STSong-Light`` CID font is used.
    """
    for path in _cjk_font_candidates():
        try:
            font = TTFont("AtelierCJK", str(path), subfontIndex=0)
        except (TTFError, OSError) as error:
            logger.debug("font %s is unusable for the sheet: %s", path, error)
            continue
        if ord("中") in font.face.charToGlyph:
            pdfmetrics.registerFont(font)
            logger.debug("specification sheets embed the CJK font %s", path)
            return font.fontName
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FALLBACK_FONT))
    logger.debug("specification sheets use the CID font %s", CJK_FALLBACK_FONT)
    return CJK_FALLBACK_FONT


def _cjk_font_candidates() -> Iterator[Path]:
    for folder in CJK_FONT_DIRS:
        if not folder.is_dir():
            continue
        for pattern in CJK_FONT_GLOBS:
            yield from sorted(folder.rglob(pattern))


def _is_latin(character: str) -> bool:
    """Return whether Helvetica can draw the character (cp1252, WinAnsi)."""
    try:
        character.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _with_unit(text: str, unit: str | None) -> str:
    """Append the unit unless the text already shows it."""
    if unit is None or unit in text:
        return text
    return f"{text} {unit}"


def _format_number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


class _SpecSheet:
    """The A4 specification sheet of one spec, built with reportlab."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.headings = HEADINGS[spec["language"]]
        self.styles = _paragraph_styles()

    def build(self, preview_png: bytes | None) -> bytes:
        story: list[Flowable] = []
        story += self._title_section()
        if preview_png is not None:
            story += [_preview_image(preview_png), Spacer(1, 3 * mm)]
        story += self._parameter_section()
        story += self._derived_section()
        story += self._parts_section()
        story += self._price_section()
        story += self._violation_section()

        product = self.spec["product"]
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            title=f"{product['name']} ({product['id']})",
            author="Atelier",
        )
        document.build(story, onFirstPage=self._footer, onLaterPages=self._footer)
        return buffer.getvalue()

    def paragraph(self, text: Any, style: str) -> Paragraph:
        """Return a paragraph that draws Latin runs in Helvetica.

        Other runs (Chinese, and anything outside cp1252) use the CJK font,
        so symbols such as "³" keep their Helvetica glyphs in Chinese sheets.
        """
        text = str(text)
        runs: list[str] = []
        start = 0
        for end in range(1, len(text) + 1):
            if end == len(text) or _is_latin(text[end]) != _is_latin(text[start]):
                runs.append(self._markup(text[start:end]))
                start = end
        has_cjk = not all(_is_latin(character) for character in text)
        return Paragraph("".join(runs), self.styles[style, has_cjk])

    def table(
        self,
        header: list[str],
        rows: list[list[Any]],
        widths: list[float],
        numeric_columns: tuple[int, ...] = (),
        bold_last_row: bool = False,
    ) -> Table:
        cells = [[self.paragraph(text, "header") for text in header]]
        for index, row in enumerate(rows):
            last = index == len(rows) - 1
            style = "header" if bold_last_row and last else "cell"
            cells.append([self.paragraph(text, style) for text in row])
        table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
        commands = [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if bold_last_row:
            commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
        table.setStyle(TableStyle(commands))
        for column in numeric_columns:
            for row in cells:
                row[column].style = _right_aligned(row[column].style)
        return table

    def _markup(self, run: str) -> str:
        if not run or _is_latin(run[0]):
            return escape(run)
        return f'<font name="{cjk_font_name()}">{escape(run)}</font>'

    def _footer(self, canvas: Any, document: SimpleDocTemplate) -> None:
        product_id = self.spec["product"]["id"]
        generated_at = self.spec["generated_at"]
        page = f"{self.headings['page']} {document.page}"
        footer = self.paragraph(f"{product_id} | {generated_at} | {page}", "meta")
        footer.wrapOn(canvas, document.width, 10 * mm)
        footer.drawOn(canvas, document.leftMargin, 10 * mm)

    def _title_section(self) -> list[Flowable]:
        spec, headings = self.spec, self.headings
        product = spec["product"]
        catalog_sha256 = product["catalog_sha256"]
        meta = [
            f"{headings['product']}: {product['id']}",
            f"{headings['family']}: {product['family']}",
            f"{headings['rule_version']}: {product['rule_version']}",
            f"{headings['generated_at']}: {spec['generated_at']}",
        ]
        return [
            self.paragraph(f"{product['name']} ({product['id']})", "title"),
            self.paragraph(" | ".join(meta), "meta"),
            self.paragraph(f"{headings['catalog']}: {catalog_sha256}", "meta"),
            self.paragraph(f"{headings['files']}: {spec['files']['mesh']}", "meta"),
            Spacer(1, 3 * mm),
        ]

    def _parameter_section(self) -> list[Flowable]:
        rows = [
            [item["label"], _with_unit(item["display"], item["unit"]), item["name"]]
            for item in self.spec["parameters"]
        ]
        return self._value_section(self.headings["parameters"], rows)

    def _derived_section(self) -> list[Flowable]:
        if not self.spec["derived"]:
            return []
        rows = [
            [
                item["label"],
                _with_unit(_format_number(item["value"]), item["unit"]),
                item["name"],
            ]
            for item in self.spec["derived"]
        ]
        return self._value_section(self.headings["derived"], rows)

    def _value_section(self, title: str, rows: list[list[Any]]) -> list[Flowable]:
        """Lay out a heading and a table of label, value with unit, and key."""
        headings = self.headings
        table = self.table(
            [headings["parameter"], headings["value"], headings["key"]],
            rows,
            widths=[70 * mm, 60 * mm, 44 * mm],
        )
        return [self.paragraph(title, "heading"), table]

    def _parts_section(self) -> list[Flowable]:
        headings = self.headings
        rows = [
            [
                item["name"],
                item["material_label"],
                f"{item['volume_mm3']:.1f}",
                f"{item['mass_g']:.2f}",
            ]
            for item in self.spec["parts"]
        ]
        table = self.table(
            [
                headings["part"],
                headings["material"],
                headings["volume"],
                headings["mass"],
            ],
            rows,
            widths=[44 * mm, 66 * mm, 32 * mm, 32 * mm],
            numeric_columns=(2, 3),
        )
        weight = f"{headings['weight']}: {self.spec['estimated_weight_g']:.2f} g"
        return [
            self.paragraph(headings["parts"], "heading"),
            table,
            Spacer(1, 2 * mm),
            self.paragraph(weight, "body"),
        ]

    def _price_section(self) -> list[Flowable]:
        headings = self.headings
        price = self.spec["price"]
        currency = price["currency"]
        rows = [
            [line["label"], f"{line['amount']} {currency}"] for line in price["lines"]
        ]
        rows.append([headings["total"], f"{price['total']} {currency}"])
        table = self.table(
            [headings["price"], headings["amount"]],
            rows,
            widths=[130 * mm, 44 * mm],
            numeric_columns=(1,),
            bold_last_row=True,
        )
        return [KeepTogether([self.paragraph(headings["price"], "heading"), table])]

    def _violation_section(self) -> list[Flowable]:
        headings = self.headings
        flowables = [self.paragraph(headings["violations"], "heading")]
        if not self.spec["violations"]:
            flowables.append(self.paragraph(headings["no_violations"], "body"))
            return flowables
        for violation in self.spec["violations"]:
            severity = headings[violation["severity"]]
            text = f"{severity}: {violation['message']} ({violation['rule']})"
            flowables.append(self.paragraph(text, "body"))
        return flowables


def _paragraph_styles() -> dict[tuple[str, bool], ParagraphStyle]:
    """Return the sheet's styles keyed by name and whether the text has CJK.

    Chinese has no spaces between words, so CJK wrapping may break a line
    between any two characters.
    """
    base = {
        "title": ParagraphStyle(
            "title", fontName=LATIN_BOLD_FONT, fontSize=18, leading=23, spaceAfter=6
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=LATIN_BOLD_FONT,
            fontSize=12,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "body": ParagraphStyle("body", fontName=LATIN_FONT, fontSize=9.5, leading=12.5),
        "cell": ParagraphStyle("cell", fontName=LATIN_FONT, fontSize=9, leading=11.5),
        "header": ParagraphStyle(
            "header", fontName=LATIN_BOLD_FONT, fontSize=9, leading=11.5
        ),
        "meta": ParagraphStyle(
            "meta",
            fontName=LATIN_FONT,
            fontSize=8.5,
            leading=11,
            textColor=colors.grey,
        ),
    }
    styles = {}
    for name, style in base.items():
        styles[name, False] = style
        styles[name, True] = ParagraphStyle(f"{name}-cjk", parent=style, wordWrap="CJK")
    return styles


def _right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-right", parent=style, alignment=TA_RIGHT)


def _preview_image(png: bytes) -> Image:
    width, height = ImageReader(io.BytesIO(png)).getSize()
    scale = min(PREVIEW_MAX_WIDTH / width, PREVIEW_MAX_HEIGHT / height)
    image = Image(io.BytesIO(png), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image
