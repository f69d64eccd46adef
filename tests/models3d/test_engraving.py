"""Engravable characters."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models3d.engraving import (
    ENGRAVING_ALLOWED_DESCRIPTION,
    character_list,
    disallowed_characters,
    is_engravable,
    missing_glyphs,
)
from models3d.glyphs import MissingGlyphError, glyph_outline

ALLOWED_SAMPLES = [
    "",
    "Anna & Ben",
    "J'adore",
    "Zoë - 2024.",
    "Ça, c'est ♥",
    "Ærøskøbing Straße",
    "Łódź",
    "永远爱你",
    "爱 & 2024",
    "0123456789",
    "e\u0301te\u0301",
]

REJECTED_SAMPLES = [
    ("A!", "!"),
    ("50%", "%"),
    ("you@me", "@"),
    ("line\nbreak", "\n"),
    ("tab\there", "\t"),
    ("Ｆull", "Ｆ"),
    ("٣ three", "٣"),
    ("Ωmega", "Ω"),
    ("Привет", "П"),
    ("こんにちは", "こ"),
    ("사랑", "사"),
    ("😀 smile", "😀"),
    ("“quote”", "“"),
    ("it’s", "’"),
    ("ℌello", "ℌ"),
    ("a\u3000b", "\u3000"),
]


@pytest.mark.parametrize("text", ALLOWED_SAMPLES)
def test_allowed_text(text):
    assert is_engravable(text)
    assert disallowed_characters(text) == []


@pytest.mark.parametrize(("text", "bad"), REJECTED_SAMPLES)
def test_rejected_text_names_character(text, bad):
    assert not is_engravable(text)
    assert bad in disallowed_characters(text)


def test_disallowed_listed_once_in_order():
    assert disallowed_characters("a!b?c!") == ["!", "?"]


def test_each_punctuation_mark_allowed_and_described():
    for mark in ".,&'-♥":
        assert is_engravable(f"A{mark}B")
        assert mark in ENGRAVING_ALLOWED_DESCRIPTION


def test_cjk_block_edges():
    assert is_engravable("\u4e00")
    assert is_engravable("\u9fa5")
    assert not is_engravable("\u4dff")
    assert not is_engravable("\ua000")


@pytest.mark.parametrize("text", ["𠀀", "𪚥", "爱\u9fff", "永𠀀𪚥恒"])
def test_rare_chinese_lacks_glyph(text):
    # Chinese characters are allowed, but the engraving font lacks these.
    assert not is_engravable(text)
    assert disallowed_characters(text) == []
    assert missing_glyphs(text)
    for character in missing_glyphs(text):
        with pytest.raises(MissingGlyphError):
            glyph_outline(character)


def test_character_list_names_code_points():
    assert character_list(["𠀀", "\n"]) == "'𠀀' (U+20000), '\\n' (U+000A)"


allowed_alphabet = st.sampled_from(
    list("abcxyzABCXYZéèêëçñøåæßœÉÜŁ0123456789 .,&'-♥") + ["爱", "永", "远", "心"]
)


@settings(max_examples=100, derandomize=True)
@given(st.lists(allowed_alphabet, max_size=40).map("".join))
def test_any_allowed_text_engravable(text):
    assert is_engravable(text)


@settings(max_examples=100, derandomize=True)
@given(
    st.lists(allowed_alphabet, max_size=20).map("".join),
    st.sampled_from(list('!?@#$%*()[]{}<>/\\|~^_=+;:"\t\n') + ["€", "£", "©"]),
    st.lists(allowed_alphabet, max_size=20).map("".join),
)
def test_one_bad_character_rejects(prefix, bad, suffix):
    text = prefix + bad + suffix
    assert not is_engravable(text)
    assert disallowed_characters(text) == [bad]
