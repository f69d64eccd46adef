"""The printable specification sheet, ``spec.pdf``, laid out with reportlab.

Page one carries the order id as text and as a QR code, the spec revision,
three views of the product and the customer's size and engraving. The
tables of ``spec.json`` follow. Every page's footer repeats the order id
and revision.

Fonts: Latin text uses Helvetica, one of the PDF base fonts, which viewers
have built in. Text outside cp1252, mostly Chinese, uses the first TrueType
font matching ``CJK_FONT_GLOBS`` in ``CJK_FONT_DIRS``, embedded as a subset.
reportlab 5.1 embeds only TrueType outlines, so it rejects the Noto Sans CJK
.ttc files of Debian's fonts-noto-cjk, which have CFF outlines. Without any
usable font the sheet falls back to the built-in STSong-Light CID font: its
text extracts as Unicode, but it is not embedded, so viewers substitute an
installed Chinese font. Engraving texts are shown in the fonts that cut
them (``models3d.glyphs``). The builder reports the font files it embedded,
so the package can carry their licences.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
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

from designer.catalog import SHOES
from designer.package.lengths import length_text, round_length
from designer.package.linebreak import SheetParagraph
from designer.package.sheet_texts import FAMILY_NAMES, HEADINGS, part_label
from designer.package.texts import TEXTS, sheet_units
from designer.package.texts import text as package_text
from designer.unit_spacing import keep_units
from models3d.glyphs import FONT_FILES
from models3d.materials import load_materials
from resources import ROOT as RESOURCES_DIR

logger = logging.getLogger(__name__)

VIEWS = ("front", "side", "iso")
"""Views shown on page one, in order, as the caller renders them."""

VIEW_MAX_WIDTH = 56 * mm
VIEW_MAX_HEIGHT = 44 * mm
QR_SIZE = 30 * mm
CONTENT_WIDTH = 174 * mm

CJK_FONT_GLOBS = (
    "NotoSansSC*.ttf",
    "NotoSansCJK*.tt[fc]",
    "DroidSansFallbackFull.ttf",
)
CJK_FONT_DIRS = (RESOURCES_DIR / "fonts", Path("/usr/share/fonts"))
CJK_FALLBACK_FONT = "STSong-Light"

LATIN_FONT = "Helvetica"
LATIN_BOLD_FONT = "Helvetica-Bold"
ENGRAVING_LATIN_FONT = "AtelierEngraving"


def build_spec_pdf(
    spec: Mapping[str, Any], images: Mapping[str, bytes]
) -> tuple[bytes, list[Path]]:
    """Lay out the specification sheet of a complete spec.

    Parameters
    ----------
    spec
        An ``atelier-spec/2`` spec.
    images
        PNG bytes by view name; views of ``VIEWS`` that are missing are
        left out.

    Returns
    -------
    pdf : bytes
        An A4 PDF document.
    fonts : list of pathlib.Path
        The TrueType font files embedded in it.
    """
    return _SpecSheet(spec).build(images)


@cache
def cjk_font() -> tuple[str, Path | None]:
    """Register a font for Chinese text; return its reportlab name and file.

    The file is ``None`` for the built-in, not embedded, CID font.
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
            return font.fontName, path
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FALLBACK_FONT))
    logger.debug("specification sheets use the CID font %s", CJK_FALLBACK_FONT)
    return CJK_FALLBACK_FONT, None


def cjk_font_name() -> str:
    """Register the font for Chinese text and return its reportlab name."""
    return cjk_font()[0]


@cache
def engraving_latin_font() -> Path:
    """Register the engraving's Latin font, the first of ``FONT_FILES``."""
    path = FONT_FILES[0]
    pdfmetrics.registerFont(TTFont(ENGRAVING_LATIN_FONT, str(path)))
    return path


@cache
def _engraving_latin_characters() -> frozenset[int]:
    """Return the code points that the engraving's Latin font draws."""
    engraving_latin_font()
    font = pdfmetrics.getFont(ENGRAVING_LATIN_FONT)
    return frozenset(font.face.charToGlyph)


def _cjk_font_candidates() -> Iterator[Path]:
    for folder in CJK_FONT_DIRS:
        if not folder.is_dir():
            continue
        for pattern in CJK_FONT_GLOBS:
            yield from sorted(folder.rglob(pattern))


def is_latin(character: str) -> bool:
    """Return whether Helvetica can draw the character (cp1252, WinAnsi)."""
    try:
        character.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


LATIN, SYMBOL, CJK = "latin", "symbol", "cjk"
"""Kinds of text run by the font that draws them: Helvetica for cp1252, the
engraving's Latin font (DejaVu Sans) for other signs it has, such as the
engraving's heart, and the CJK font for the rest."""


def _kind(character: str) -> str:
    """Return the kind of run that draws ``character``."""
    if is_latin(character):
        return LATIN
    if ord(character) in _engraving_latin_characters():
        return SYMBOL
    return CJK


def font_runs(text: str) -> Iterator[tuple[str, str]]:
    """Split text into runs of one kind each: ``LATIN``, ``SYMBOL`` or
    ``CJK``, in order."""
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or _kind(text[end]) != _kind(text[start]):
            yield _kind(text[start]), text[start:end]
            start = end


def _with_unit(text: str, unit: str | None) -> str:
    """Append the unit unless the text already shows it."""
    if unit is None or unit in text:
        return text
    return f"{text} {unit}"


def _format_number(value: Any, digits: int = 2) -> str:
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def masses_to_total(masses: Sequence[float], total: float) -> tuple[list[str], str]:
    """Return the parts' masses and their total to 0.01 g, rows adding up.

    The total is rounded half up. Each row is rounded down, and the
    hundredths the rows then lack go one each to the rows that lost the
    most (the largest remainder method). So no row moves more than 0.01 g
    from its own value, and a reader who adds the rows finds the total.
    Masses that do not add up to ``total`` within 0.001 g per row are each
    rounded half up on their own.
    """
    step = Decimal("0.01")
    exact = [Decimal(repr(mass)) for mass in masses]
    shown_total = Decimal(repr(total)).quantize(step, rounding=ROUND_HALF_UP)
    rows = [mass.quantize(step, rounding=ROUND_FLOOR) for mass in exact]
    lacking = int((shown_total - sum(rows, Decimal(0))) / step)
    if abs(sum(exact, Decimal(0)) - Decimal(repr(total))) > Decimal("0.001") * max(
        len(exact), 1
    ) or not 0 <= lacking <= len(rows):
        rows = [mass.quantize(step, rounding=ROUND_HALF_UP) for mass in exact]
        return [str(row) for row in rows], str(shown_total)
    losses = sorted(
        range(len(rows)), key=lambda index: (exact[index] - rows[index], -index)
    )
    for index in losses[len(rows) - lacking :]:
        rows[index] += step
    return [str(row) for row in rows], str(shown_total)


def _size_text(*sizes: float | None) -> str:
    return " x ".join(length_text(size) for size in sizes if size is not None)


class _SpecSheet:
    """The A4 specification sheet of one spec."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.language = spec["language"]
        self.headings = HEADINGS[self.language]
        self.styles = paragraph_styles()
        self.fonts: set[Path] = set()
        self.material_names = {
            material_id: item.labels.get(self.language) or item.labels["en"]
            for material_id, item in load_materials().items()
        }
        # Items of a list in a sentence or a table cell, such as a line's
        # tolerance and notes, are joined with "；" in Chinese.
        self.list_joint = package_text("bom.notes_joint", self.language)

    def labelled(self, label: str, value: Any) -> str:
        """Return a label and its value, with a full-width colon in Chinese."""
        return self.headings["labelled"].format(label=label, value=value)

    def id_list(self, ids: Iterable[str]) -> str:
        """Join part ids or names as a list: with spaces in English, as
        bom.csv's item column does, and with "、" in Chinese."""
        return package_text("bom.id_joint", self.language).join(ids)

    def unit(self, code: str) -> str:
        """Return how the sheet prints a bom.csv unit code."""
        key = f"unit.{code}"
        return package_text(key, self.language) if key in TEXTS else code

    def material_name(self, material_id: str) -> str:
        """Return the material's label in the sheet's language, or its id."""
        return self.material_names.get(material_id, material_id)

    def _family_name(self) -> str:
        family = self.spec["product"]["family"]
        return FAMILY_NAMES[self.spec["language"]].get(family, family)

    def build(self, images: Mapping[str, bytes]) -> tuple[bytes, list[Path]]:
        story: list[Flowable] = []
        story += self._title_section()
        story += self._view_section(images)
        story += self._size_and_engraving_section()
        story += self._value_section(
            self.headings["parameters"],
            [
                # The display carries its unit, from the number or the
                # choice label ("19 mm", "19 毫米").
                [item["label"], item["display"], item["name"]]
                for item in self.spec["parameters"]
            ],
        )
        story += self._derived_section()
        story += self._dimension_section()
        story += self._parts_section()
        story += self._casting_section()
        story += self._bom_section()
        story += self._panel_section()
        story += self._last_section()
        story += self._notes_section()
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
            title=f"{product['name']} ({product['id']}) {self.spec['order']['id']}",
            author="Atelier",
            subject=f"spec revision {self.spec['spec_revision']}",
        )
        # reportlab's pure-Python ASCII85 encoder takes about 0.2 s per view
        # image; binary streams are valid PDF and need no encoding.
        use_a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            document.build(story, onFirstPage=self._footer, onLaterPages=self._footer)
        finally:
            rl_config.useA85 = use_a85
        return buffer.getvalue(), sorted(self.fonts)

    # Building blocks ---------------------------------------------------------

    def paragraph(self, text: Any, style: str) -> Paragraph:
        """Return a paragraph that draws Latin runs in Helvetica.

        Other runs (Chinese, and anything outside cp1252) use the CJK font,
        so symbols such as "³" keep their Helvetica glyphs in Chinese sheets.
        A number and its unit stay on one line.
        """
        text = keep_units(sheet_units(str(text), self.language))
        markup = "".join(
            escape(run) if kind == LATIN else self._font_markup(kind, run)
            for kind, run in font_runs(text)
        )
        has_cjk = not all(is_latin(character) for character in text)
        return SheetParagraph(markup, self.styles[style, has_cjk])

    def engraving_paragraph(self, text: str) -> Paragraph:
        """Return the engraving text drawn in the fonts that cut it."""
        markup = "".join(
            self._font_markup(CJK if kind == CJK else SYMBOL, run)
            for kind, run in font_runs(text)
        )
        return SheetParagraph(markup, self.styles["engraving", True])

    def _font_markup(self, kind: str, run: str) -> str:
        """Return ``run`` in the font of its kind, ``SYMBOL`` or ``CJK``,
        and note the font file to embed."""
        if kind == SYMBOL:
            self.fonts.add(engraving_latin_font())
            name = ENGRAVING_LATIN_FONT
        else:
            name, path = cjk_font()
            if path is not None:
                self.fonts.add(path)
        return f'<font name="{name}">{escape(run)}</font>'

    def table(
        self,
        header: list[str],
        rows: list[list[Any]],
        widths: list[float],
        numeric_columns: tuple[int, ...] = (),
        bold_last_row: bool = False,
        style: str = "cell",
    ) -> Table:
        cells = [[self.paragraph(text, "header") for text in header]]
        for index, row in enumerate(rows):
            last = index == len(rows) - 1
            row_style = "header" if bold_last_row and last else style
            cells.append([self.paragraph(text, row_style) for text in row])
        table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
        commands = [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if bold_last_row:
            commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
        table.setStyle(TableStyle(commands))
        for column in numeric_columns:
            for row in cells:
                row[column].style = _aligned(row[column].style, TA_RIGHT)
        return table

    def section(self, title: str, *flowables: Flowable) -> list[Flowable]:
        """Return a heading followed by ``flowables``."""
        return [self.paragraph(title, "heading"), *flowables]

    def _footer(self, canvas: Any, document: SimpleDocTemplate) -> None:
        spec = self.spec
        parts = [
            f"{self.headings['order']} {spec['order']['id']}",
            f"{self.headings['revision']} {spec['spec_revision']}",
            spec["product"]["id"],
            spec["generated_at"],
            f"{self.headings['page']} {document.page}",
        ]
        footer = self.paragraph(" | ".join(parts), "meta")
        footer.wrapOn(canvas, document.width, 10 * mm)
        footer.drawOn(canvas, document.leftMargin, 10 * mm)

    # Sections ----------------------------------------------------------------

    def _title_section(self) -> list[Flowable]:
        spec, headings = self.spec, self.headings
        product = spec["product"]
        order = spec["order"]["id"]
        heading = [
            self.paragraph(
                headings["named"].format(name=product["name"], id=product["id"]),
                "title",
            ),
            self.paragraph(
                f"{self.labelled(headings['order'], order)}    "
                f"{self.labelled(headings['revision'], spec['spec_revision'])}",
                "order",
            ),
            self.paragraph(
                " | ".join(
                    [
                        self.labelled(headings["family"], self._family_name()),
                        self.labelled(
                            headings["rule_version"], product["rule_version"]
                        ),
                        self.labelled(headings["generated_at"], spec["generated_at"]),
                    ]
                ),
                "meta",
            ),
            self.paragraph(
                self.labelled(headings["catalog"], product["catalog_sha256"]), "meta"
            ),
        ]
        code = [_qr_drawing(order), self.paragraph(order, "caption")]
        table = Table(
            [[heading, code]],
            colWidths=[CONTENT_WIDTH - QR_SIZE - 4 * mm, QR_SIZE + 4 * mm],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [table, Spacer(1, 2 * mm)]

    def _view_section(self, images: Mapping[str, bytes]) -> list[Flowable]:
        shown = [view for view in VIEWS if images.get(view) is not None]
        if not shown:
            return []
        pictures = [_picture(images[view]) for view in shown]
        captions = [
            self.paragraph(self.headings[f"view_{view}"], "caption") for view in shown
        ]
        width = CONTENT_WIDTH / len(VIEWS)
        table = Table(
            [pictures, captions], colWidths=[width] * len(shown), hAlign="LEFT"
        )
        table.setStyle(
            TableStyle(
                [
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                    ("BOX", (0, 0), (-1, 0), 0.25, colors.lightgrey),
                    ("INNERGRID", (0, 0), (-1, 0), 0.25, colors.lightgrey),
                ]
            )
        )
        return [table, Spacer(1, 2 * mm)]

    def _size_and_engraving_section(self) -> list[Flowable]:
        flowables: list[Flowable] = []
        size = self.spec["size"]
        if size is not None:
            label = next(
                item["label"]
                for item in self.spec["parameters"]
                if item["name"] == size["parameter"]
            )
            flowables.append(
                self.paragraph(self.labelled(label, size["display"]), "emphasis")
            )
        for engraving in self.spec["engravings"]:
            details = self.headings["engraving_details"].format(
                fonts=", ".join(engraving["fonts"]),
                height=engraving["letter_height_mm"],
                depth=engraving["depth_mm"],
            )
            flowables += [
                self.paragraph(
                    self.labelled(engraving["label"], "").rstrip(), "emphasis"
                ),
                self.engraving_paragraph(engraving["text"]),
                self.paragraph(details, "body"),
            ]
        return flowables

    def _value_section(self, title: str, rows: list[list[Any]]) -> list[Flowable]:
        """Lay out a heading and a table of label, value with unit, and key."""
        headings = self.headings
        table = self.table(
            [headings["parameter"], headings["value"], headings["key"]],
            rows,
            widths=[70 * mm, 60 * mm, 44 * mm],
        )
        return self.section(title, table)

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

    def _dimension_section(self) -> list[Flowable]:
        dimensions = self.spec["dimensions"]
        if not dimensions:
            return []
        headings = self.headings
        rows = [
            [
                item["label"],
                f"{item['value_mm']:.2f} mm",
                f"±{item['tolerance_mm']:g} mm",
                self.id_list(self.part_name(part) for part in item["parts"])
                or headings["assembled"],
            ]
            for item in dimensions
        ]
        table = self.table(
            [
                headings["dimension"],
                headings["value"],
                headings["tolerance"],
                headings["part"],
            ],
            rows,
            widths=[64 * mm, 36 * mm, 30 * mm, 44 * mm],
            numeric_columns=(1, 2),
        )
        return self.section(headings["dimensions"], table)

    def part_name(self, name: str) -> str:
        """Return how the sheet names a part: in Chinese sheets the Chinese
        name first, then the name that the files and the BOM use."""
        return part_label(name, self.spec["language"])

    def _parts_section(self) -> list[Flowable]:
        headings = self.headings
        masses, total = masses_to_total(
            [item["mass_g"] for item in self.spec["parts"]],
            self.spec["estimated_weight_g"],
        )
        rows = [
            [
                self.part_name(item["name"]),
                item["material_label"],
                item["colour"],
                _size_text(*item["extents_mm"]),
                f"{item['volume_mm3']:.1f}",
                mass,
            ]
            for item, mass in zip(self.spec["parts"], masses, strict=True)
        ]
        table = self.table(
            [
                headings["part"],
                headings["material"],
                headings["colour"],
                headings["size"],
                headings["volume"],
                headings["mass"],
            ],
            rows,
            widths=[36 * mm, 32 * mm, 20 * mm, 38 * mm, 26 * mm, 22 * mm],
            numeric_columns=(4, 5),
        )
        # A shoe's parts are one shoe's, while its bill counts the pair.
        one_shoe = self.spec["product"]["family"] == SHOES
        weight_heading = headings["weight_per_shoe" if one_shoe else "weight"]
        weight = self.labelled(weight_heading, f"{total} g")
        return self.section(
            headings["parts_per_shoe" if one_shoe else "parts"],
            table,
            Spacer(1, 2 * mm),
            self.paragraph(weight, "body"),
        )

    def _casting_section(self) -> list[Flowable]:
        casting = self.spec["casting"]
        if casting is None:
            return []
        headings = self.headings
        rows = [
            [headings["metal_weight"], f"{casting['metal_weight_g']:.2f} g"],
            [
                headings["casting_weight"].format(
                    sprue=100 * casting["sprue_allowance"]
                ),
                f"{casting['casting_weight_g']:.2f} g",
            ],
            [headings["shrinkage"], f"{casting['shrinkage_percent']:g} %"],
            [headings["scale"], f"{casting['scale_factor']:.4f}"],
        ]
        table = self.table(
            [headings["casting"], headings["value"]],
            rows,
            widths=[130 * mm, 44 * mm],
            numeric_columns=(1,),
        )
        return [KeepTogether(self.section(headings["casting"], table))]

    def _bom_section(self) -> list[Flowable]:
        headings = self.headings
        rows = []
        for line in self.spec["bom"]:
            quantity = _format_number(line["quantity"], 0 if line["unit"] != "g" else 2)
            details = self.list_joint.join(
                text for text in (line["tolerance"], line["notes"]) if text
            )
            rows.append(
                [
                    line["line"],
                    package_text(
                        "bom.item",
                        self.language,
                        item=self.id_list(line["item"].split()),
                        description=line["description"],
                    ),
                    f"{quantity} {self.unit(line['unit'])}",
                    self.material_name(line["material"]),
                    _size_text(line["length_mm"], line["width_mm"], line["height_mm"]),
                    "" if line["unit_mass_g"] is None else f"{line['unit_mass_g']:.2f}",
                    details,
                ]
            )
        table = self.table(
            [
                "#",
                headings["item"],
                headings["quantity"],
                headings["material"],
                headings["size"],
                headings["unit_mass"],
                headings["tolerance_notes"],
            ],
            rows,
            widths=[7 * mm, 44 * mm, 20 * mm, 24 * mm, 27 * mm, 14 * mm, 38 * mm],
            numeric_columns=(2, 5),
            style="small",
        )
        # A shoe's bill counts a left and a right shoe (designer.package.bom).
        per_pair = self.spec["product"]["family"] == SHOES
        return self.section(headings["bom_per_pair" if per_pair else "bom"], table)

    def _panel_section(self) -> list[Flowable]:
        panels = self.spec["panels"]
        if not panels:
            return []
        headings = self.headings
        rows = [
            [
                self.part_name(panel["part"]),
                panel["material_label"],
                _size_text(
                    panel["cut_length_mm"], panel["cut_width_mm"], panel["thickness_mm"]
                ),
                panel["thickness_tolerance"],
                self.id_list(
                    edge for edge, banded in panel["edge_banding"].items() if banded
                )
                or "-",
                "-" if panel["sheet"] is None else str(panel["sheet"]),
            ]
            for panel in panels
        ]
        table = self.table(
            [
                headings["part"],
                headings["material"],
                headings["cut_size"],
                headings["thickness_tolerance"],
                headings["edge_banding"],
                headings["sheet"],
            ],
            rows,
            widths=[36 * mm, 26 * mm, 40 * mm, 26 * mm, 28 * mm, 18 * mm],
            style="small",
        )
        flowables = self.section(headings["panels"], table)
        nesting = self.spec["nesting"]
        if nesting is not None and nesting["sheets"]:
            sheet_rows = [
                [
                    sheet["number"],
                    f"{self.material_name(sheet['material'])} "
                    f"{sheet['thickness_mm']:g} mm",
                    f"{sheet['length_mm']:g} x {sheet['width_mm']:g}",
                    self.id_list(sheet["panels"]),
                    f"{100 * sheet['yield']:.1f} %",
                ]
                for sheet in nesting["sheets"]
            ]
            flowables += [
                Spacer(1, 2 * mm),
                self.table(
                    [
                        headings["sheet"],
                        headings["material"],
                        headings["sheet_size"],
                        headings["panels"],
                        headings["yield"],
                    ],
                    sheet_rows,
                    widths=[16 * mm, 40 * mm, 34 * mm, 60 * mm, 24 * mm],
                    numeric_columns=(4,),
                    style="small",
                ),
            ]
        return flowables

    def _last_section(self) -> list[Flowable]:
        last = self.spec["last"]
        if last is None:
            return []
        headings = self.headings

        def cell(value: float | None) -> str:
            return "-" if value is None else f"{round_length(value):.1f}"

        rows = [
            [
                f"{row['size']} *" if row["ordered"] else row["size"],
                cell(row["foot_length_mm"]),
                cell(row["last_length_mm"]),
                cell(row["ball_width_mm"]),
                cell(row["ball_girth_mm"]),
                cell(row["heel_height_mm"]),
            ]
            for row in last["rows"]
        ]
        table = self.table(
            [
                headings["size_column"],
                headings["foot_length"],
                headings["last_length"],
                headings["ball_width"],
                headings["ball_girth"],
                headings["heel_height"],
            ],
            rows,
            widths=[24 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm],
            numeric_columns=(1, 2, 3, 4, 5),
            style="small",
        )
        return self.section(
            headings["last"], table, self.paragraph(headings["ordered_mark"], "meta")
        )

    def _notes_section(self) -> list[Flowable]:
        notes = self.spec["notes"]
        if not notes:
            return []
        return self.section(
            self.headings["notes"],
            *(self.paragraph(f"- {note}", "body") for note in notes),
        )

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
        return [KeepTogether(self.section(headings["price"], table))]

    def _violation_section(self) -> list[Flowable]:
        headings = self.headings
        flowables = [self.paragraph(headings["violations"], "heading")]
        if not self.spec["violations"]:
            flowables.append(self.paragraph(headings["no_violations"], "body"))
            return flowables
        for violation in self.spec["violations"]:
            severity = headings[violation["severity"]]
            text = headings["violation"].format(
                severity=severity, message=violation["message"], rule=violation["rule"]
            )
            flowables.append(self.paragraph(text, "body"))
        return flowables


def _qr_drawing(payload: str) -> Drawing:
    """Return a QR code of ``payload``, ``QR_SIZE`` square, quiet zone included."""
    widget = QrCodeWidget(payload, barLevel="M")
    low_x, low_y, high_x, high_y = widget.getBounds()
    drawing = Drawing(
        QR_SIZE,
        QR_SIZE,
        transform=[QR_SIZE / (high_x - low_x), 0, 0, QR_SIZE / (high_y - low_y), 0, 0],
    )
    drawing.add(widget)
    return drawing


def _picture(png: bytes) -> Image:
    width, height = ImageReader(io.BytesIO(png)).getSize()
    scale = min(VIEW_MAX_WIDTH / width, VIEW_MAX_HEIGHT / height)
    return Image(io.BytesIO(png), width=width * scale, height=height * scale)


def paragraph_styles() -> dict[tuple[str, bool], ParagraphStyle]:
    """Return the sheet's styles keyed by name and whether the text has CJK.

    Chinese has no spaces between words, so styles for text with CJK
    characters wrap between characters. The sheet's ``SheetParagraph``
    keeps those lines from breaking where Chinese typography forbids it.
    """
    base = {
        "title": ParagraphStyle(
            "title", fontName=LATIN_BOLD_FONT, fontSize=18, leading=23, spaceAfter=4
        ),
        "order": ParagraphStyle(
            "order", fontName=LATIN_BOLD_FONT, fontSize=12, leading=16, spaceAfter=3
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=LATIN_BOLD_FONT,
            fontSize=12,
            leading=16,
            spaceBefore=9,
            spaceAfter=4,
        ),
        "emphasis": ParagraphStyle(
            "emphasis", fontName=LATIN_BOLD_FONT, fontSize=10.5, leading=14
        ),
        "engraving": ParagraphStyle(
            "engraving", fontName=LATIN_FONT, fontSize=16, leading=21, leftIndent=6 * mm
        ),
        "body": ParagraphStyle("body", fontName=LATIN_FONT, fontSize=9.5, leading=12.5),
        "cell": ParagraphStyle("cell", fontName=LATIN_FONT, fontSize=9, leading=11.5),
        "small": ParagraphStyle(
            "small", fontName=LATIN_FONT, fontSize=7.5, leading=9.5
        ),
        "header": ParagraphStyle(
            "header", fontName=LATIN_BOLD_FONT, fontSize=8.5, leading=11
        ),
        "caption": ParagraphStyle(
            "caption",
            fontName=LATIN_FONT,
            fontSize=8.5,
            leading=11,
            alignment=TA_CENTER,
        ),
        "meta": ParagraphStyle(
            "meta", fontName=LATIN_FONT, fontSize=8.5, leading=11, textColor=colors.grey
        ),
    }
    styles = {}
    for name, style in base.items():
        styles[name, False] = style
        styles[name, True] = ParagraphStyle(f"{name}-cjk", parent=style, wordWrap="CJK")
    return styles


def _aligned(style: ParagraphStyle, alignment: int) -> ParagraphStyle:
    return ParagraphStyle(
        f"{style.name}-{alignment}", parent=style, alignment=alignment
    )
