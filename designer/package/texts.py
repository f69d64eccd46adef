"""Words of the production package in English and Simplified Chinese.

``text(key, language, **values)`` fills ``{name}`` fields with
``str.format``; a language without the key falls back to English.
"""

from __future__ import annotations

import re
from typing import Any

TEXTS: dict[str, dict[str, str]] = {
    # Size and engraving lines.
    "size_with_measure": {
        "en": "{label} ({measure} {value:.2f} mm)",
        "zh_CN": "{label}（{measure} {value:.2f} mm）",
    },
    "measure.inner_diameter": {"en": "inner diameter", "zh_CN": "内径"},
    "measure.foot_length": {"en": "foot length", "zh_CN": "脚长"},
    # Notes.
    "note.filled": {
        "en": "{option}: {value}, filled in with the default because the design "
        "was saved before this option was offered; the customer did not "
        "choose it.",
        "zh_CN": "{option}：{value}。设计保存时尚未提供此选项，"
        "因此按默认值填入，并非客户所选。",
    },
    "note.filled_changed": {
        "en": "{option}: {value}, not the catalog's present default of {default}, "
        "because the studio changed it to keep the design valid or the "
        "default has changed since; the design was saved before this option "
        "was offered, and the customer did not choose it.",
        "zh_CN": "{option}：{value}，并非目录当前的默认值 {default}："
        "工作室为使设计有效改动了此值，或此后默认值已变更。设计保存时尚未提供此选项，"
        "并非客户所选。",
    },
    "note.casting": {
        "en": "Casting patterns casting.stl and casting.3mf hold the metal parts "
        "scaled by {scale:.4f} ({shrinkage:g} % shrinkage allowance); model.stl "
        "is at finished size.",
        "zh_CN": "铸造模型 casting.stl 与 casting.3mf 为金属部件，按 {scale:.4f} 放大"
        "（收缩余量 {shrinkage:g} %）；model.stl 为成品尺寸。",
    },
    "note.sprue": {
        "en": "Metal to cast: {metal:.2f} g in the piece plus {sprue:g} % for "
        "sprue and button, {total:.2f} g.",
        "zh_CN": "铸造用金属：成品 {metal:.2f} g，另加 {sprue:g} % 水口与料头，共 "
        "{total:.2f} g。",
    },
    "note.engraving": {
        "en": '{label}: "{text}" in {fonts}, {height:g} mm letters, '
        "cut {depth:g} mm deep.",
        "zh_CN": "{label}：“{text}”，字体 {fonts}，字高 {height:g} mm，"
        "深 {depth:g} mm。",
    },
    "note.bail": {
        "en": "The bail's {hole:g} mm hole takes chains up to about {chain:g} mm; "
        "no chain is part of this order.",
        "zh_CN": "挂扣孔径 {hole:g} mm，可穿约 {chain:g} mm 以内的链子；"
        "本订单不含链子。",
    },
    "note.joined": {
        "en": "The {part} is joined to the {base}, and the two overlap where "
        "they meet. The volume, surface area and mass given for the {part} "
        "count only what lies outside the {base}, so the overlap counts once.",
        "zh_CN": "{part}与{base}相连，两者在连接处重叠。{part}的体积、表面积和"
        "重量只计{base}之外的部分，因此重叠部分只计一次。",
    },
    "note.stone": {
        "en": "Set the {material} ({carat:.2f} ct, {diameter:.2f} mm) after casting "
        "and polishing; it is not part of the casting pattern.",
        "zh_CN": "铸造与抛光后镶嵌{material}（{carat:.2f} ct，{diameter:.2f} mm）；"
        "宝石不在铸造模型中。",
    },
    "note.kerf": {
        "en": "Panels nested with a {kerf:g} mm saw kerf; total sheet yield "
        "{yield_percent:.1f} %.",
        "zh_CN": "板件排料按锯缝 {kerf:g} mm 计算；"
        "板材总利用率 {yield_percent:.1f} %。",
    },
    "note.band_cut": {
        "en": "Cut sizes are finished sizes less the edge band on each banded edge.",
        "zh_CN": "开料尺寸为成品尺寸减去各封边边缘的封边条厚度。",
    },
    "note.glued": {
        "en": "Make {parts} in {material}, glued up from boards where wider than "
        "one board, planed to {thickness:g} mm and cut to size from blanks "
        "{allowance:g} mm larger on every side.",
        "zh_CN": "{parts} 用{material}制作，宽于单块板材时拼板，刨至 {thickness:g} mm，"
        "毛坯每边多留 {allowance:g} mm 后裁切。",
    },
    "note.oversized": {
        "en": "{part} ({length:.0f} x {width:.0f} mm) does not fit a {sheet_length:g}"
        " x {sheet_width:g} mm sheet of {material}; order a larger sheet.",
        "zh_CN": "{part}（{length:.0f} x {width:.0f} mm）超出 {sheet_length:g} x "
        "{sheet_width:g} mm 的{material}板材；请订购更大板材。",
    },
    "note.split_back": {
        "en": "The back is {count} pieces of {material} ({parts}), because one "
        "piece would not fit a {sheet_length:g} x {sheet_width:g} mm sheet. Each "
        "seam lies on the centre line of a divider, and below the bottom a "
        "plinth rail at each seam ({rails}) carries it. Fix both edges of "
        "every seam to the divider, top, bottom and rail behind it.",
        "zh_CN": "整块背板超出 {sheet_length:g} x {sheet_width:g} mm 板材，"
        "因此背板由 {count} 块{material}拼成（{parts}）。每条拼缝位于隔板中线上；"
        "底板以下每条拼缝处有一根踢脚横撑（{rails}）承托。"
        "每条拼缝两侧的板边都要固定在其后的隔板、顶板、底板和横撑上。",
    },
    "note.non_stock": {
        "en": "{part}: {thickness:g} mm is not a stock thickness of {material}; "
        "order the board to thickness.",
        "zh_CN": "{part}：{thickness:g} mm 不是{material}的常备厚度；"
        "请按厚度订购板材。",
    },
    "note.drill_face": {
        "en": "Cut files show each panel from face A, the face its holes are drilled "
        "from.",
        "zh_CN": "开料图均从 A 面绘制，即钻孔所在的一面。",
    },
    "note.sole_outline": {
        "en": "sole-outline.dxf is the right sole seen from below at finished size; "
        "mirror it for the left sole.",
        "zh_CN": "sole-outline.dxf 为右脚鞋底俯视轮廓（成品尺寸）；左脚请镜像。",
    },
    "note.per_pair": {
        "en": "Quantities in the bill of materials are per pair, a left and a "
        "right shoe. Sizes and the mass each are those of one piece, measured "
        "on the right shoe; the parts table and the estimated weight are the "
        "right shoe's alone.",
        "zh_CN": "物料清单中的数量按一双计（左右脚各一只）。尺寸和单重为单件数值，"
        "按右脚测量；部件表和估计重量仅为右脚一只。",
    },
    "note.girth": {
        "en": "Ball girth is measured around the last's vertical section at the "
        "ball line; a tape over the ball joints reads a few mm more.",
        "zh_CN": "跖围按鞋楦在跖趾线处的竖直截面测量；"
        "斜绕跖趾关节的软尺读数会略大几毫米。",
    },
    "note.construction": {
        "en": "Construction: {construction}. Last for {size}, width fitting {fitting}.",
        "zh_CN": "工艺：{construction}。鞋楦尺码 {size}，楦型宽度 {fitting}。",
    },
    "note.last": {
        "en": "Last for {size}, width fitting {fitting}.",
        "zh_CN": "鞋楦尺码 {size}，楦型宽度 {fitting}。",
    },
    # BOM descriptions.
    "bom.metal_to_cast": {
        "en": "Metal to cast, sprue and button included",
        "zh_CN": "铸造用金属（含水口与料头）",
    },
    "bom.edge_band": {"en": "Edge banding: {band}", "zh_CN": "封边：{band}"},
    "bom.holes": {
        "en": "{count} x hole {diameter:g} mm, {depth}",
        "zh_CN": "{count} 个孔 {diameter:g} mm，{depth}",
    },
    "bom.hole_depth": {"en": "{depth:g} mm deep", "zh_CN": "深 {depth:g} mm"},
    "bom.edge_hole_depth": {
        "en": "{depth:g} mm deep into the edge",
        "zh_CN": "开在板边，深 {depth:g} mm",
    },
    "bom.through": {"en": "through", "zh_CN": "通孔"},
    "bom.kerfs": {
        "en": "{count} x saw kerf {width:g} mm wide, {depth:g} mm deep and "
        "{length:g} mm long, at {positions} mm along the length",
        "zh_CN": "{count} 道锯槽，宽 {width:g} mm，深 {depth:g} mm，长 {length:g} mm，"
        "沿长度方向位于 {positions} mm 处",
    },
    "bom.holes_at": {
        "en": "{count} x hole {diameter:g} mm, {depth}, at {positions} mm along "
        "the length",
        "zh_CN": "{count} 个孔 {diameter:g} mm，{depth}，"
        "沿长度方向位于 {positions} mm 处",
    },
    # Where the package shows the kerfs and edge holes that hardware fits
    # into, by designer.package.machining.
    "places.layers": {
        "en": "layer {layers} of the cut files",
        "zh_CN": "见开料图 {layers} 图层",
    },
    "places.bill": {
        "en": "positions on the part lines of this bill",
        "zh_CN": "位置见本清单各部件行",
    },
    "places.layers_and_bill": {
        "en": "layer {layers} of the cut files, and for parts without a cut "
        "file the positions on their lines of this bill",
        "zh_CN": "见开料图 {layers} 图层；无开料图的部件，位置见本清单该部件行",
    },
    # How a part is shaped beyond its box, by models3d.parts.Shaping.kind.
    "shaping.turned": {
        "en": "turned round, {diameter:g} mm in diameter, the foot's edge "
        "rounded to {foot_radius:g} mm radius",
        "zh_CN": "车圆，直径 {diameter:g} mm，脚底边缘倒圆角，半径 {foot_radius:g} mm",
    },
    "shaping.tapered": {
        "en": "square {top:g} mm from the top down to {straight:g} mm above "
        "the foot, then tapered on all four faces to {foot:g} mm square at "
        "the foot",
        "zh_CN": "自顶部至距脚底 {straight:g} mm 处为 {top:g} mm 见方，"
        "其下四面收分至脚底 {foot:g} mm 见方",
    },
    "shaping.coped_on_face": {
        "en": "both ends coped to the round legs' {radius:g} mm radius, "
        "centred on the apron's inner face; the blank's length is measured "
        "along its outer face, and its inner face is {inner:.1f} mm long",
        "zh_CN": "两端按圆腿半径 {radius:g} mm 做内凹弧形端头，圆心在望板内侧面上；"
        "长度栏为毛坯沿外侧面的长度，沿内侧面长 {inner:.1f} mm",
    },
    "shaping.coped": {
        "en": "both ends coped to the round legs' {radius:g} mm radius, the "
        "legs' centre lines {offset:g} mm outside the apron's inner face; the "
        "blank's length is measured along its outer face, and its inner face "
        "is {inner:.1f} mm long",
        "zh_CN": "两端按圆腿半径 {radius:g} mm 做内凹弧形端头，圆腿中心线在望板"
        "内侧面外 {offset:g} mm；长度栏为毛坯沿外侧面的长度，沿内侧面长 {inner:.1f} mm",
    },
    # What a handle's screws pass, by HardwareUse.fixing, for the {fixing}
    # field of its specification in hardware.csv.
    "fixing.front": {"en": "the front", "zh_CN": "面板"},
    "fixing.front_and_sub_front": {
        "en": "the front and the drawer box's sub-front",
        "zh_CN": "面板和抽屉内前板",
    },
    # What a tabletop fastener's second screw goes up into, by
    # HardwareUse.fixing: a solid top moves across its grain, a board top
    # does not.
    "fixing.solid_top": {
        "en": "the solid top, and the fastener turns as the top moves across its grain",
        "zh_CN": "实木桌面；实木桌面横纹伸缩时，连接片随之转动",
    },
    "fixing.board_top": {
        "en": "the board top, which does not move; the same fasteners hold it",
        "zh_CN": "板材桌面；板材桌面不会伸缩，同样的连接片将其固定",
    },
    "bom.hardware_size": {
        "en": "{item}, {size:g} mm",
        "zh_CN": "{item} {size:g} mm",
    },
    "bom.per_pair": {
        "en": "per pair, left and right shoe",
        "zh_CN": "按一双计（左右脚）",
    },
    "bom.cutting_area": {
        "en": "{material} to cut for the upper, cutting loss included",
        "zh_CN": "鞋面用{material}裁料面积（含裁切损耗）",
    },
    "bom.cutting_net": {
        "en": "{net} mm² in the pieces",
        "zh_CN": "裁片净面积 {net} mm²",
    },
    "bom.sole_volume": {
        "en": "Sole material: {material}",
        "zh_CN": "鞋底材料：{material}",
    },
    "bom.panel": {"en": "panel", "zh_CN": "板件"},
    "bom.edge_radius": {
        "en": "all edges rounded to {radius:g} mm radius",
        "zh_CN": "所有棱边倒圆角，半径 {radius:g} mm",
    },
    "bom.rule_hardware": {
        "en": "included because of rule {rule}",
        "zh_CN": "因规则 {rule} 随附",
    },
    "bom.thickness": {"en": "thickness", "zh_CN": "厚度"},
    "bom.lace_length": {"en": "lace length", "zh_CN": "鞋带长度"},
    "bom.joined": {
        "en": "joined to the {base}, measured outside it only",
        "zh_CN": "与{base}相连，只计{base}之外的部分",
    },
    "bom.carat": {"en": "{carat:.2f} ct", "zh_CN": "{carat:.2f} ct"},
    "bom.by_length": {
        "en": "length of one lace for straight bar lacing, two {ends:g} mm ends "
        "for the bow included",
        "zh_CN": "单根鞋带长度，按直排穿法计算，含两端各 {ends:g} mm 打结余量",
    },
    "bom.round": {
        "en": "round, {diameter:g} mm in diameter",
        "zh_CN": "圆形，直径 {diameter:g} mm",
    },
    "bom.list_joint": {"en": ", ", "zh_CN": "、"},
    # Part ids in a list: spaces in English, as in bom.csv's item column.
    "bom.id_joint": {"en": " ", "zh_CN": "、"},
    # A bill line's item ids before its description, on the sheet.
    "bom.item": {"en": "{item}: {description}", "zh_CN": "{item}：{description}"},
    "bom.banded_edges": {"en": "{part}: {edges}", "zh_CN": "{part}：{edges}"},
    # bom.csv's unit codes as the sheet prints them. Chinese bills of
    # materials count parts and hardware in 件, the measure word for separate
    # manufactured items. 个 is common for small hardware too, but one word
    # keeps the quantity column uniform. Codes not listed print as they are.
    "unit.pcs": {"en": "pcs", "zh_CN": "件"},
    "unit.mm2": {"en": "mm²"},
    "unit.mm3": {"en": "mm³"},
    "bom.notes_joint": {
        "en": "; ",
        "zh_CN": "；",
    },
    "list.joint": {
        "en": ", ",
        "zh_CN": "、",
    },
    "bom.coloured": {
        "en": "{material}, {colour}",
        "zh_CN": "{material}，{colour}",
    },
}


def text(key: str, language: str, **values: Any) -> str:
    """Return the text ``key`` in ``language`` with ``values`` filled in.

    Raises
    ------
    KeyError
        When ``key`` is not in ``TEXTS``.
    """
    entry = TEXTS[key]
    return (entry.get(language) or entry["en"]).format(**values)


# A Chinese sheet and bill of materials write every length in mm, in tables
# and in sentences alike, as Chinese factory drawings do, and as the
# catalog's texts do. The hardware tables word lengths in 毫米, so the sheet
# and the bill rewrite them. A space separates mm from a Chinese
# character that follows, as it does from the number before it. 毫米 after
# a word, as in 几毫米 (a few millimetres), is a word and stays.
_MILLIMETRES_BEFORE_HAN = re.compile(r"(?<=\d)\s*毫米(?=[\u3400-\u9fff\uf900-\ufaff])")
_MILLIMETRES = re.compile(r"(?<=\d)\s*毫米")


def sheet_units(text: str, language: str) -> str:
    """Return ``text`` with lengths in mm for a sheet or bill in ``language``.

    Only Chinese text changes: ``"按 18 毫米厚计"`` becomes
    ``"按 18 mm 厚计"``.
    """
    if language != "zh_CN":
        return text
    text = _MILLIMETRES_BEFORE_HAN.sub(" mm ", text)
    return _MILLIMETRES.sub(" mm", text)
