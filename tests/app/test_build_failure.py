"""Why a preview could not be built, in English and Chinese, from the child."""

import os
import signal

import pytest

from app import i18n
from app.build_failure import build_failure_text
from app.geometry import GeometryProcess, GeometryProcessStopped
from designer.session import DesignSession
from models3d.errors import BACK, BORE, EngravingError, MissingGlyphError


@pytest.fixture(scope="module")
def process():
    geometry = GeometryProcess()
    yield geometry
    geometry.close()


def failure_of(process, model, **values) -> Exception:
    """Build ``model`` with ``values`` in the child process; return its error."""
    dimensions = DesignSession(model).dimensions()
    dimensions.update(values)
    with pytest.raises(ValueError) as raised:
        process.build(model.generator, dimensions)
    return raised.value


def in_chinese(error) -> str:
    i18n.set_language("zh_CN")
    try:
        return build_failure_text(error)
    finally:
        i18n.set_language("en")


def test_missing_glyph_worded(qapp, process, catalog):
    error = failure_of(process, catalog.get("ring-band"), engraving="A𠀀")

    assert isinstance(error.reason, MissingGlyphError)
    assert error.reason.character == "𠀀"
    assert build_failure_text(error) == (
        "The preview could not be built: no font can engrave the character 𠀀 "
        "(U+20000); remove it from the engraving."
    )
    assert in_chinese(error) == (
        "无法生成预览：没有字体能刻出字符 𠀀（U+20000）；请从刻字中删除该字符。"
    )


def test_long_bore_engraving_worded(qapp, process, catalog):
    error = failure_of(process, catalog.get("ring-band"), engraving="W" * 40)

    reason = error.reason
    assert isinstance(reason, EngravingError)
    assert reason.kind == BORE
    assert reason.length > reason.share * reason.room
    length, around = f"{reason.length:.1f}", f"{reason.room:.1f}"
    assert build_failure_text(error) == (
        f"The preview could not be built: the engraving '{'W' * 40}' is {length} "
        "mm long at a letter height of 2 mm, but at most 90% of the "
        f"{around} mm around the inside of the band can be engraved. Shorten "
        "the text, or choose a narrower band, whose letters are smaller."
    )
    assert in_chinese(error) == (
        f"无法生成预览：字高 2 mm 时，刻字 '{'W' * 40}' 长 {length} mm，"
        f"但戒圈内侧周长 {around} mm 中最多只能刻 90%。"
        "请缩短文字，或选择更窄的戒圈，其字高更小。"
    )


def test_pendant_back_engraving_worded(qapp, process, catalog):
    error = failure_of(process, catalog.get("pendant-disc"), engraving="W" * 30)

    reason = error.reason
    assert isinstance(reason, EngravingError)
    assert reason.kind == BACK
    chinese = in_chinese(error)
    assert chinese.startswith(f"无法生成预览：刻字 '{'W' * 30}' 长 ")
    assert chinese.endswith("请缩短文字或选择更大的吊坠。")
    assert "choose a larger pendant" in build_failure_text(error)


def test_dimension_error_framed(qapp, process, catalog):
    error = failure_of(process, catalog.get("ring-band"), depth=-1.0)

    english = build_failure_text(error)
    chinese = in_chinese(error)

    assert english.startswith(
        "The preview could not be built: the ring generator rejected the value "
        "of depth, which the catalog allowed."
    )
    assert english.endswith(error.message)
    assert chinese.startswith("无法生成预览：ring 生成器拒绝了目录允许的 depth 的值。")
    assert chinese.endswith(error.message)


def test_other_reason_framed(qapp, process):
    with pytest.raises(ValueError) as raised:
        process.build("vase", {})

    english = build_failure_text(raised.value)
    chinese = in_chinese(raised.value)

    assert english.startswith("The preview could not be built: unknown generator")
    assert english.endswith(". Undo the last change or choose another value.")
    assert chinese.startswith("无法生成预览：unknown generator 'vase'")
    assert chinese.endswith(
        "（几何生成器的原因只有英文）。请撤销上一次更改，或换一个值。"
    )


def test_stopped_process_worded(qapp, process, catalog):
    # Runs last: it kills the child, and the next build starts a new one.
    model = catalog.get("ring-band")
    os.kill(process.process_ids[0], signal.SIGKILL)

    with pytest.raises(GeometryProcessStopped) as raised:
        process.build(model.generator, DesignSession(model).dimensions())

    assert in_chinese(raised.value) == (
        "无法生成预览：生成预览的进程意外停止。请再次更改该值以重试。"
    )
    assert build_failure_text(raised.value) == (
        "The preview could not be built: the process that builds the preview "
        "stopped unexpectedly. Change the value again to retry."
    )
