"""Line breaks of the specification sheet, on plain strings."""

from __future__ import annotations

import pytest

from designer.package.linebreak import (
    break_points,
    may_break_before,
    may_split_word,
    needs_hyphen,
)
from designer.unit_spacing import keep_units


@pytest.mark.parametrize(
    ("text", "index", "allowed"),
    [
        # Closing marks stay with the character before them.
        ("深 10 mm，长", 7, False),
        ("厚度 25；板件", 5, False),
        ("字体：DejaVu", 2, False),
        ("螺母）；", 2, False),
        ("见方。", 2, False),
        ("孔、板", 1, False),
        # Opening brackets stay with the character after them.
        ("导孔（直径", 3, False),
        ("（8 字形）", 1, False),
        # A sign before a number stays with it.
        ("公差 ±0.5", 4, False),
        # An opening bracket stays with the text after it across a space.
        ("（ 8 字形）", 2, False),
        # Latin words and numbers are not split.
        ("apron_long_1", 6, False),
        ("1460.0", 3, False),
        # Breaks between Chinese characters, and after a space.
        ("红橡木", 1, True),
        ("长度 1800", 3, True),
        ("mm处", 2, True),
        ("，长", 1, True),
    ],
)
def test_may_break_before(text, index, allowed):
    assert may_break_before(text, index) is allowed


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("深 10 mm，长 90 mm", "深 10\u00a0mm，长 90\u00a0mm"),
        ("5096516 mm2", "5096516\u00a0mm2"),
        ("31097.45 g each", "31097.45\u00a0g each"),
        ("增值税 20 %", "增值税 20\u00a0%"),
        # A number keeps its tolerance.
        ("thickness 25 ±0.3 mm", "thickness 25\u00a0±0.3\u00a0mm"),
        ("厚度 25 ±0.3 mm", "厚度 25\u00a0±0.3\u00a0mm"),
        # A count keeps its measure word.
        ("9 个孔", "9\u00a0个孔"),
        ("2 道锯槽", "2\u00a0道锯槽"),
        # A number keeps a Chinese unit word.
        ("2 克拉的钻石", "2\u00a0克拉的钻石"),
        ("每米承重 30 公斤时", "每米承重 30\u00a0公斤时"),
        # The numbers of a size stay together.
        ("5 x 20 mm", "5\u00a0x\u00a020\u00a0mm"),
        ("M8 x 100 mm", "M8\u00a0x\u00a0100\u00a0mm"),
        # An amount keeps its currency code, before or after it.
        ("拉手或按压开启器 EUR 36.00", "拉手或按压开启器 EUR\u00a036.00"),
        ("未付的 1,234.50 EUR，", "未付的 1,234.50\u00a0EUR，"),
        ("Price: CHF -5.00 back", "Price: CHF\u00a0-5.00 back"),
        ("JPY 4200 or 26 USD", "JPY\u00a04200 or 26\u00a0USD"),
        # Other capitals and longer words are not currency codes.
        ("DHL 123", "DHL 123"),
        ("3 EUROS", "3 EUROS"),
        ("XEUR 5", "XEUR 5"),
        # Words after a number, and "x" before a word, are left alone.
        ("4 mmol", "4 mmol"),
        ("2 boxes", "2 boxes"),
        ("2 x M8", "2 x M8"),
    ],
)
def test_keep_units(text, kept):
    assert keep_units(text) == kept


def test_no_break_space_holds_unit():
    text = keep_units("深 10 mm")

    assert not may_break_before(text, 4)
    assert not may_break_before(text, 5)


def test_break_points_push_mark_down():
    # Ten units per character, seven characters per line: "，" would start
    # the second line, so "10 mm" goes down with it.
    text = keep_units("深 10 mm，长 90 mm")

    starts = break_points(text, [10.0] * len(text), [70.0])

    assert starts == [0, 2, 10]
    assert text[2:10] == "10\u00a0mm，长 "


def test_break_points_keep_count_with_measure_word():
    # Ten units per character, four per line: "9" goes down with "个".
    text = keep_units("钻 9 个孔")

    starts = break_points(text, [10.0] * len(text), [40.0])

    assert starts == [0, 2]


def test_break_points_keep_size_together():
    text = keep_units("螺钉 M8 x 100 mm")

    starts = break_points(text, [10.0] * len(text), [120.0])

    assert starts == [0, 3]


def test_break_points_split_overlong_word():
    starts = break_points("apron_long_1", [10.0] * 12, [50.0])

    assert starts == [0, 5, 10]


def test_break_points_split_id_after_underscore():
    # Ten units per character, eight per line, and no allowed break inside
    # the bracketed id.
    text = "（drawer_1_side_right）"

    starts = break_points(text, [10.0] * len(text), [80.0])

    assert [
        text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)
    ] == [
        "（drawer_",
        "1_side_",
        "right）",
    ]


def test_break_points_carry_char_before_mark():
    # "（1234567）" is one unit wider than the line and has no place to
    # split, so "7" goes down with "）", and "6" with it, because the last
    # digit does not start a line alone after a hyphen.
    text = "（1234567）"

    starts = break_points(text, [10.0] * len(text), [80.0], [10.0] * len(text))

    assert _lines(text, starts) == ["（12345-", "67）"]


def test_break_points_each_line_width():
    text = "红橡木实木红橡木实木"

    starts = break_points(text, [10.0] * len(text), [30.0, 50.0])

    assert starts == [0, 3, 8]


def _lines(text: str, starts: list[int]) -> list[str]:
    """Return the lines of ``text`` that start at ``starts``, each with the
    hyphen that ``needs_hyphen`` adds at its end."""
    ends = [*starts[1:], len(text)]
    return [
        text[start:end] + ("-" if needs_hyphen(text, end) else "")
        for start, end in zip(starts, ends, strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "index", "allowed"),
    [
        ("drawer_1", 7, True),
        ("oak-veneer", 4, True),
        ("oak/walnut", 4, True),
        ("www.example", 4, True),
        # A lower-case letter before a capital, as in camelCase.
        ("BelovedWife", 7, True),
        # Not inside a run of letters, nor at a decimal point.
        ("Beloved", 3, False),
        ("BELOVED", 3, False),
        ("1460.05", 5, False),
        # After a no-break space, such as one that joins a size's numbers.
        ("900.0\u00a0x\u00a030.0", 8, True),
        ("900.0\u00a0x\u00a030.0", 6, False),
        # Not before a closing mark.
        ("oak-）", 4, False),
    ],
)
def test_may_split_word(text, index, allowed):
    assert may_split_word(text, index) is allowed


@pytest.mark.parametrize(
    ("text", "index", "hyphen"),
    [
        ("Beloved", 3, True),
        ("1234567", 3, True),
        ("BelovedWife", 7, False),
        ("drawer_1", 7, False),
        ("oak veneer", 4, False),
        ("红橡木", 1, False),
        ("mm处", 2, False),
        ("Beloved", 7, False),
    ],
)
def test_needs_hyphen(text, index, hyphen):
    assert needs_hyphen(text, index) is hyphen


def test_break_points_split_size_between_numbers():
    # Ten units per character, seventeen per line: the joined size is
    # wider than a line, so it breaks between its numbers, never at a
    # decimal point.
    text = keep_units("1800.0 x 900.0 x 30.0")

    starts = break_points(text, [10.0] * len(text), [170.0], [10.0] * len(text))

    assert _lines(text, starts) == ["1800.0\u00a0x\u00a0900.0\u00a0x\u00a0", "30.0"]


def test_break_points_split_digits_not_at_point():
    # Ten units per character, four per line, and no place to split: the
    # split never falls right after a decimal point.
    text = "123.4567"

    starts = break_points(text, [10.0] * len(text), [40.0], [10.0] * len(text))

    assert all(text[start - 1] != "." for start in starts[1:])


@pytest.mark.parametrize("text", ["e\u0301" * 30, "\u2764\ufe0f" * 20])
def test_break_points_keep_marks_with_letters(text):
    # Ten units per character, five per line: a combining accent or a
    # variation selector never starts a line apart from its character.
    starts = break_points(text, [10.0] * len(text), [50.0], [10.0] * len(text))

    assert len(starts) > 1
    assert all(text[start] in "e\u2764" for start in starts)


def test_break_points_split_camel_case():
    # Ten units per character, twelve per line.
    text = "AnniversaryForeverWife"

    starts = break_points(text, [10.0] * len(text), [120.0], [10.0] * len(text))

    assert _lines(text, starts) == ["Anniversary", "ForeverWife"]


def test_break_points_hyphenate_word():
    # Ten units per character and per hyphen, five per line: each line
    # takes four letters and its hyphen.
    text = "wwwwwwwwwww"

    starts = break_points(text, [10.0] * len(text), [50.0], [10.0] * len(text))

    assert _lines(text, starts) == ["wwww-", "wwww-", "www"]


def test_break_points_leave_no_lone_letter():
    # "wwww-" would leave the last "w" alone on the next line.
    text = "wwwww"

    starts = break_points(text, [10.0] * len(text), [40.0], [10.0] * len(text))

    assert _lines(text, starts) == ["www-", "ww"]


def test_break_points_hyphenate_after_chinese():
    # The word goes down whole after "长度", then splits.
    text = "长度wwwwwwww"

    starts = break_points(text, [10.0] * len(text), [50.0], [10.0] * len(text))

    assert _lines(text, starts) == ["长度", "wwww-", "wwww"]
