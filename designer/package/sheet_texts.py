"""Headings of ``spec.pdf`` in English and Simplified Chinese."""

from __future__ import annotations

HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "order": "Order",
        "revision": "Revision",
        "product": "Product",
        "family": "Family",
        "rule_version": "Rule version",
        "catalog": "Catalog SHA-256",
        "generated_at": "Generated",
        "view_front": "Front",
        "view_side": "Side",
        "view_iso": "Three-quarter view",
        "engraving_details": "Fonts: {fonts}; letter height {height:g} mm; "
        "depth {depth:g} mm",
        "parameters": "Parameters",
        "parameter": "Parameter",
        "value": "Value",
        "key": "Key",
        "derived": "Derived values",
        "dimensions": "Dimensions and tolerances",
        "dimension": "Dimension",
        "tolerance": "Tolerance",
        "assembled": "assembled product",
        "parts": "Parts",
        "part": "Part",
        "material": "Material",
        "colour": "Colour",
        "size": "Size (mm)",
        "volume": "Volume (mm³)",
        "mass": "Mass (g)",
        "weight": "Estimated weight",
        "parts_per_shoe": "Parts of one shoe",
        "weight_per_shoe": "Estimated weight of one shoe",
        "casting": "Casting",
        "metal_weight": "Metal in the finished piece",
        "casting_weight": "Metal to cast, with {sprue:g} % for sprue and button",
        "shrinkage": "Shrinkage allowance of the patterns",
        "scale": "Pattern scale factor",
        "bom": "Bill of materials",
        "bom_per_pair": "Bill of materials, quantities per pair",
        "item": "Item",
        "quantity": "Quantity",
        "unit_mass": "g each",
        "tolerance_notes": "Tolerance and notes",
        "panels": "Panels",
        "cut_size": "Cut size (mm)",
        "thickness_tolerance": "Thickness tolerance",
        "edge_banding": "Edge banding",
        "sheet": "Sheet",
        "sheet_size": "Sheet (mm)",
        "yield": "Yield",
        "last": "Last measurements (mm)",
        "size_column": "Size",
        "foot_length": "Foot length",
        "last_length": "Last length",
        "ball_width": "Ball width",
        "ball_girth": "Ball girth",
        "heel_height": "Heel height",
        "ordered_mark": "* the ordered size",
        "notes": "Notes",
        "price": "Price",
        "amount": "Amount",
        "total": "Total",
        "violations": "Rule violations",
        "no_violations": "No rule is violated.",
        "error": "Error",
        "warning": "Warning",
        "page": "Page",
        "labelled": "{label}: {value}",
        "named": "{name} ({id})",
        "violation": "{severity}: {message} ({rule})",
    },
    "zh_CN": {
        "order": "订单",
        "revision": "版本",
        "product": "产品",
        "family": "品类",
        "rule_version": "规则版本",
        "catalog": "目录 SHA-256",
        "generated_at": "生成时间",
        "view_front": "正视图",
        "view_side": "侧视图",
        "view_iso": "轴测图",
        "engraving_details": "字体：{fonts}；字高 {height:g} mm；深 {depth:g} mm",
        "parameters": "参数",
        "parameter": "参数",
        "value": "数值",
        "key": "代码",
        "derived": "推导值",
        "dimensions": "尺寸与公差",
        "dimension": "尺寸",
        "tolerance": "公差",
        "assembled": "整件",
        "parts": "部件",
        "part": "部件",
        "material": "材料",
        "colour": "颜色",
        "size": "尺寸（mm）",
        "volume": "体积（mm³）",
        "mass": "质量（g）",
        "weight": "预估重量",
        "parts_per_shoe": "部件（单只鞋）",
        "weight_per_shoe": "单只鞋预估重量",
        "casting": "铸造",
        "metal_weight": "成品金属重量",
        "casting_weight": "铸造用金属（含 {sprue:g} % 水口与料头）",
        "shrinkage": "模型收缩余量",
        "scale": "模型放大系数",
        "bom": "物料清单",
        "bom_per_pair": "物料清单（数量按一双计）",
        "item": "项目",
        "quantity": "数量",
        "unit_mass": "单重 g",
        "tolerance_notes": "公差与备注",
        "panels": "板件",
        "cut_size": "开料尺寸（mm）",
        "thickness_tolerance": "厚度公差",
        "edge_banding": "封边",
        "sheet": "板材",
        "sheet_size": "板材尺寸（mm）",
        "yield": "利用率",
        "last": "鞋楦尺寸（mm）",
        "size_column": "尺码",
        "foot_length": "脚长",
        "last_length": "楦长",
        "ball_width": "跖宽",
        "ball_girth": "跖围",
        "heel_height": "跟高",
        "ordered_mark": "* 订购尺码",
        "notes": "备注",
        "price": "价格",
        "amount": "金额",
        "total": "合计",
        "violations": "违反的规则",
        "no_violations": "没有违反任何规则。",
        "error": "错误",
        "warning": "警告",
        "page": "页",
        "labelled": "{label}：{value}",
        "named": "{name}（{id}）",
        "violation": "{severity}：{message}（{rule}）",
    },
}

# Product families as the sheet names them; the catalog's ``family`` ids.
FAMILY_NAMES: dict[str, dict[str, str]] = {
    "en": {"jewelry": "jewelry", "shoes": "shoes", "furniture": "furniture"},
    "zh_CN": {"jewelry": "首饰", "shoes": "鞋履", "furniture": "家具"},
}

PART_NAMES_ZH: dict[str, str] = {
    "band": "戒圈",
    "head": "镶头",
    "stone": "主石",
    "pendant": "吊坠",
    "bail": "挂扣",
    "bangle": "手镯",
    "sole": "鞋底",
    "cupsole": "杯底",
    "midsole": "中底",
    "upper": "鞋面",
    "toe_cap": "鞋头包片",
    "facings": "鞋眼片",
    "tongue": "鞋舌",
    "laces": "鞋带",
    "gusset_medial": "内侧松紧布",
    "gusset_lateral": "外侧松紧布",
    "top": "面板",
    "bottom": "底板",
    "side_left": "左侧板",
    "side_right": "右侧板",
    "plinth": "踢脚板",
    "plinth_rail": "踢脚横档",
    "back": "背板",
    "divider": "中隔板",
    "shelf": "层板",
    "door": "门板",
    "drawer_front": "抽屉面板",
    "drawer": "抽屉",
    "sub_front": "内前板",
    "handle": "拉手",
    "leg": "腿",
    "seat": "座板",
    "backrest": "靠背板",
    "back_rail": "靠背横档",
    "leg_front_left": "左前腿",
    "leg_front_right": "右前腿",
    "leg_rear_left": "左后腿",
    "leg_rear_right": "右后腿",
    "rail_front": "前横档",
    "rail_back": "后横档",
    "rail_left": "左横档",
    "rail_right": "右横档",
    "stretcher_left": "左拉档",
    "stretcher_right": "右拉档",
    "apron_long": "长望板",
    "apron_end": "端望板",
}
"""Chinese names of the catalog's parts by their name without numbers.

A numbered part, such as ``shelf_1_2``, is named by its base name and its
numbers (层板 1-2). A part of a numbered part, such as ``drawer_1_bottom``
or ``drawer_front_1_handle``, is named by both names around the numbers
(抽屉 1 底板, 抽屉面板 1 拉手). Parts not listed, such as an imported mesh,
keep their name."""


def part_label(name: str, language: str) -> str:
    """Return how a sheet names a part: in Chinese the Chinese name first,
    then the name that the files and the BOM use, in full-width brackets."""
    if language != "zh_CN":
        return name
    label = part_name_zh(name)
    return name if label == name else f"{label}（{name}）"


def part_name_zh(name: str) -> str:
    """Return a part's Chinese name, or ``name`` when none is listed."""
    words = name.split("_")
    first = next(
        (index for index, word in enumerate(words) if index and word.isdigit()),
        len(words),
    )
    end = first
    while end < len(words) and words[end].isdigit():
        end += 1
    owner = PART_NAMES_ZH.get("_".join(words[:first]))
    numbers = "-".join(words[first:end])
    if owner is None:
        return name
    if end == len(words):
        return f"{owner} {numbers}" if numbers else owner
    part = PART_NAMES_ZH.get("_".join(words[end:]))
    return name if part is None else f"{owner} {numbers} {part}"
