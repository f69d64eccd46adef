"""The designer's catalog editor on a copy of the real catalog."""

import codecs
import errno
import os
import shutil

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor

from app import i18n
from app.catalog_editor import PATH_ROLE, CatalogEditor
from app.main_window import PRODUCT_ROLE, MainWindow
from app.source_editor import LINE_COLOURS
from designer.catalog import load_catalog
from resources import CATALOG_DIR
from rules.cache import CompiledCache
from tests.folders import renames_fail

WAIT_MS = 30_000
ERROR_COLOUR = QColor(LINE_COLOURS["error"])


@pytest.fixture
def folder(tmp_path):
    """A writable copy of the catalog folder."""
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, folder)
    return folder


@pytest.fixture
def editor(qtbot, folder, tmp_path):
    """The editor on the ring, once its first check is shown."""
    editor = CatalogEditor(folder, CompiledCache(tmp_path / "cache"))
    # Unpublished drafts would keep the window open and ask to discard them.
    qtbot.addWidget(editor, before_close_func=lambda widget: widget.drafts.clear())
    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS):
        editor.show()
        editor.open_file("ring-band.toml")
    return editor


def line_of(text: str, fragment: str) -> int:
    """Return the 1-based line of the only line that contains ``fragment``."""
    lines = [n for n, line in enumerate(text.split("\n"), 1) if fragment in line]
    assert len(lines) == 1, fragment
    return lines[0]


def type_over(qtbot, editor, old: str, new: str) -> None:
    """Select ``old`` in the source and type ``new`` over it, as a user would."""
    cursor = editor.source.document().find(old)
    assert not cursor.isNull(), old
    editor.source.setTextCursor(cursor)
    editor.source.setFocus()
    qtbot.keyClicks(editor.source, new)
    wait_for_check(qtbot, editor)


def wait_for_check(qtbot, editor) -> None:
    """Wait until the problems shown are those of the text in the source."""
    if not editor.is_checked():
        with qtbot.waitSignal(
            editor.checked, timeout=WAIT_MS, check_params_cb=editor.is_checked
        ):
            pass


def problem_texts(editor) -> list[str]:
    items = [editor.problem_list.item(r) for r in range(editor.problem_list.count())]
    return [item.text() for item in items]


def click_problem(qtbot, editor, row: int) -> None:
    item = editor.problem_list.item(row)
    rect = editor.problem_list.visualItemRect(item)
    qtbot.mouseClick(
        editor.problem_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )


def select_and_type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_broken_rule_is_shown_fixed_and_published(qtbot, editor, folder):
    path = folder / "ring-band.toml"
    published = path.read_text(encoding="utf-8")
    assert problem_texts(editor) == ["No problems found."]

    type_over(qtbot, editor, "depth >= 1.3", "dept >= 1.3")
    broken = editor.source.toPlainText()
    line = line_of(broken, "then dept >= 1.3")
    [problem] = problem_texts(editor)
    assert problem.startswith(f"Error, line {line}: rules[0].expression: ")
    assert "unknown name 'dept'" in problem
    assert editor.source.line_colour(line) == ERROR_COLOUR
    assert editor.source.line_colour(line + 1) is None
    assert editor.status.text() == "Errors: 1. Fix them before publishing."

    editor.source.go_to_line(1)
    click_problem(qtbot, editor, 0)
    assert editor.source.current_line() == line

    assert not editor.publish()
    assert path.read_text(encoding="utf-8") == published
    assert editor.source.toPlainText() == broken
    assert editor.drafts[path] == broken

    type_over(qtbot, editor, "dept >= 1.3", "depth >= 1.3")
    assert problem_texts(editor) == ["No problems found."]
    assert editor.source.line_colour(line) is None

    select_and_type(qtbot, editor.form.name_en, "Classic wedding band")
    wait_for_check(qtbot, editor)
    edited = editor.source.toPlainText()
    assert 'en = "Classic wedding band"' in edited
    assert editor.status.text() == "No errors: ready to publish."

    with qtbot.waitSignal(editor.published, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(editor.publish_button, Qt.MouseButton.LeftButton)
    assert signal.args[0].error is None
    assert path.read_text(encoding="utf-8") == edited
    assert path not in editor.drafts
    assert "# Cast engraving is cut at least 0.5 mm deep" in edited
    reloaded = load_catalog(folder)
    assert reloaded.errors == []
    assert reloaded.get("ring-band").names["en"] == "Classic wedding band"
    assert reloaded.get("ring-band").names["zh_CN"] == "婚戒指环"


def test_syntax_error_is_rejected_with_its_line(qtbot, editor, folder):
    path = folder / "ring-band.toml"
    published = path.read_text(encoding="utf-8")

    type_over(qtbot, editor, "lead_time_days = 21", "lead_time_days = ")
    broken = editor.source.toPlainText()
    line = line_of(broken, "lead_time_days =")
    [problem] = problem_texts(editor)
    assert problem.startswith(f"Error, line {line}: is not valid TOML: Invalid value")
    assert editor.source.line_colour(line) == ERROR_COLOUR

    qtbot.mouseClick(editor.publish_button, Qt.MouseButton.LeftButton)
    assert path.read_text(encoding="utf-8") == published
    assert editor.source.toPlainText() == broken
    text = "Not published: fix the errors listed, then publish again."
    assert editor.status.text() == text
    assert problem_texts(editor) == [problem]


def test_type_mismatch_typed_in_the_table(qtbot, editor, folder):
    path = folder / "ring-band.toml"
    published = path.read_text(encoding="utf-8")
    table = editor.form.parameter_table
    row = [table.item(r, 0).text() for r in range(table.rowCount())].index("width")

    table.setFocus()
    table.setCurrentCell(row, 4)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClicks(table.focusWidget(), "two")
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)
    # The table commits the typed text once its editor closes.
    qtbot.waitUntil(lambda: 'minimum = "two"' in editor.source.toPlainText())
    wait_for_check(qtbot, editor)

    text = editor.source.toPlainText()
    line = line_of(text, 'minimum = "two"')
    [problem] = problem_texts(editor)
    assert problem == (
        f"Error, line {line}: parameters[{row}].minimum: must be a number, not 'two'"
    )
    assert editor.source.line_colour(line) == ERROR_COLOUR
    assert not editor.publish()
    assert path.read_text(encoding="utf-8") == published
    assert table.item(row, 4).text() == "two"


def test_model_without_valid_product_is_rejected(qtbot, editor, folder):
    path = folder / "ring-band.toml"
    published = path.read_text(encoding="utf-8")
    rules_before = editor.form.rule_list.count()

    qtbot.mouseClick(editor.form.add_rule_button, Qt.MouseButton.LeftButton)
    wait_for_check(qtbot, editor)
    assert editor.form.rule_list.count() == rules_before + 1
    assert editor.form.rule_list.currentRow() == rules_before
    select_and_type(qtbot, editor.form.rule_expression, "width > 20")
    wait_for_check(qtbot, editor)

    text = editor.source.toPlainText()
    assert 'expression = "width > 20"' in text
    line = line_of(text, 'id = "engraving-depth"') - 1
    [problem] = problem_texts(editor)
    assert problem.startswith(f"Error, line {line}: rules: no combination of values")
    assert not editor.publish()
    assert path.read_text(encoding="utf-8") == published
    assert editor.source.toPlainText() == text


def test_unusable_value_is_a_warning(qtbot, editor):
    type_over(
        qtbot,
        editor,
        'if metal == "silver_925" then depth >= 1.5',
        'metal != "titanium"',
    )
    line = line_of(editor.source.toPlainText(), 'value = "titanium"')
    [problem] = problem_texts(editor)
    assert problem.startswith(f"Warning, line {line}: parameters[5].choices[5]: ")
    assert editor.source.line_colour(line) == QColor(LINE_COLOURS["warning"])
    assert editor.status.text() == "No errors: ready to publish."


def test_source_edit_refreshes_the_form(qtbot, editor):
    type_over(qtbot, editor, 'id = "court-depth"', 'id = "court-minimum"')
    titles = [
        editor.form.rule_list.item(r).text()
        for r in range(editor.form.rule_list.count())
    ]
    assert "court-minimum (error)" in titles
    type_over(qtbot, editor, 'en = "Wedding band"', 'en = "Band"')
    assert editor.form.name_en.text() == "Band"


def test_drafts_survive_moving_between_models(qtbot, editor, folder):
    type_over(qtbot, editor, 'base_price = "450.00"', 'base_price = "455.00"')
    draft = editor.source.toPlainText()
    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS):
        editor.open_file("bangle.toml")
    assert "base_price" in editor.source.toPlainText()
    assert editor.source.toPlainText() != draft
    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS):
        editor.open_file("ring-band.toml")
    assert editor.source.toPlainText() == draft
    assert editor.model_list.currentItem().text() == "Wedding band *"

    qtbot.mouseClick(editor.revert_button, Qt.MouseButton.LeftButton)
    wait_for_check(qtbot, editor)
    published = (folder / "ring-band.toml").read_text(encoding="utf-8")
    assert editor.store.catalog.errors == []
    assert editor.model_list.currentItem().text() == "Wedding band"
    assert editor.source.toPlainText() == published
    assert editor.drafts == {}
    assert editor.model_list.currentItem().text() == "Wedding band"


def test_closing_with_drafts_asks_first(qtbot, editor, folder):
    type_over(qtbot, editor, 'base_price = "450.00"', 'base_price = "455.00"')
    editor.close()
    assert editor.isVisible()
    question = editor.discard_question
    assert "ring-band.toml" in question.text()
    question.button(question.StandardButton.Cancel).click()
    assert editor.isVisible()
    assert folder / "ring-band.toml" in editor.drafts

    editor.close()
    question = editor.discard_question
    question.button(question.StandardButton.Discard).click()
    assert not editor.isVisible()
    assert editor.drafts == {}


def test_try_previews_the_unsaved_model(qtbot, editor, folder):
    path = folder / "ring-band.toml"
    published = path.read_text(encoding="utf-8")
    table = editor.form.parameter_table
    row = [table.item(r, 0).text() for r in range(table.rowCount())].index("width")
    table.item(row, 2).setText("6.0")
    wait_for_check(qtbot, editor)

    qtbot.mouseClick(editor.try_button, Qt.MouseButton.LeftButton)
    window = editor.try_window
    assert window is not None
    with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
        pass
    assert window.session.values["width"] == 6.0
    image = window.preview.grab_image().convertToFormat(
        window.preview.grab_image().Format.Format_RGB32
    )
    pixels = np.frombuffer(
        image.constBits(), dtype=np.uint32, count=image.width() * image.height()
    )
    assert len(np.unique(pixels)) > 50
    assert path.read_text(encoding="utf-8") == published


def test_try_is_refused_while_broken(qtbot, editor):
    type_over(qtbot, editor, "depth >= 1.3", "dept >= 1.3")
    assert editor.try_model() is None
    assert editor.status.text() == "Cannot try: fix the errors listed first."


def test_editor_texts_are_translated(qtbot, editor):
    try:
        i18n.set_language("zh_CN")
        assert editor.windowTitle() == "目录编辑器"
        assert editor.publish_button.text() == "发布(&U)"
    finally:
        i18n.set_language("en")
    assert editor.windowTitle() == "Catalog editor"


def test_main_window_shows_the_published_model(qtbot, folder):
    window = MainWindow(load_catalog(folder), thumbnails=False)
    qtbot.addWidget(window)
    window.show()
    action = window.findChild(QAction, "catalog_editor_action")
    assert action in window.file_menu.actions()
    action.trigger()
    editor = window.catalog_editor
    assert editor.isVisible()
    assert editor.folder == folder
    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS):
        editor.open_file("ring-band.toml")

    select_and_type(qtbot, editor.form.name_en, "Classic wedding band")
    wait_for_check(qtbot, editor)
    with qtbot.waitSignal(editor.published, timeout=WAIT_MS):
        qtbot.mouseClick(editor.publish_button, Qt.MouseButton.LeftButton)

    assert window.catalog.get("ring-band").names["en"] == "Classic wedding band"
    items = [window.catalog_list.item(r) for r in range(window.catalog_list.count())]
    names = {item.data(PRODUCT_ROLE): item.text() for item in items}
    assert names["ring-band"] == "Classic wedding band"
    assert window.session.model.names["en"] == "Classic wedding band"
    window.close()
    assert not editor.isVisible()


def test_editor_action_needs_its_permission(qtbot, folder):
    window = MainWindow(load_catalog(folder), thumbnails=False)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "catalog_editor_action")
    window.apply_permissions({"customise", "orders"})
    assert not action.isVisible()
    window.apply_permissions({"customise", "catalog_editor"})
    assert action.isVisible()


def editor_on(qtbot, folder, tmp_path) -> CatalogEditor:
    """Open the editor on ``folder`` as it is now, showing its first file."""
    editor = CatalogEditor(folder, CompiledCache(tmp_path / "cache"))
    qtbot.addWidget(editor, before_close_func=lambda widget: widget.drafts.clear())
    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS):
        editor.show()
    return editor


def test_notepad_file_opens_unchanged(qtbot, folder, tmp_path):
    path = folder / "ring-band.toml"
    published = path.read_text(encoding="utf-8")
    path.write_bytes(codecs.BOM_UTF8 + published.encode("utf-8"))
    editor = editor_on(qtbot, folder, tmp_path)

    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS):
        editor.open_file("ring-band.toml")

    assert editor.store.catalog.errors == []
    assert editor.model_list.currentItem().text() == "Wedding band"
    assert editor.source.toPlainText() == published
    assert editor.drafts == {}
    assert problem_texts(editor) == ["No problems found."]
    assert editor.status.text() == "No errors. The published file is unchanged."


def test_legacy_encoding_says_save_as_utf8(qtbot, folder, tmp_path):
    path = folder / "chair.toml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    line = next(n for n, row in enumerate(text.splitlines(), 1) if not row.isascii())
    editor = editor_on(qtbot, folder, tmp_path)

    editor.open_file("chair.toml")
    english = editor.status.text()
    editor.open_file("ring-band.toml")
    i18n.set_language("zh_CN")
    try:
        editor.open_file("chair.toml")
        chinese = editor.status.text()
    finally:
        i18n.set_language("en")

    assert english == (
        f"chair.toml is not UTF-8 text (line {line}). Save it with the encoding "
        "UTF-8 in a text editor, such as with Save As in Notepad, and choose it "
        "again."
    )
    assert chinese == (
        f"chair.toml 不是 UTF-8 文本（第 {line} 行）。请在文本编辑器中以 UTF-8 "
        "编码保存该文件（例如在记事本中使用“另存为”），然后重新选择它。"
    )
    assert path.read_bytes() == text.encode("gb18030")


def test_failed_publish_worded_plainly(qtbot, editor, folder):
    path = folder / "ring-band.toml"
    published = path.read_text(encoding="utf-8")
    type_over(qtbot, editor, 'en = "Wedding band"', 'en = "Band"')

    with renames_fail(folder):
        assert not editor.publish()
        english = editor.status.text()
        i18n.set_language("zh_CN")
        try:
            assert not editor.publish()
            chinese = editor.status.text()
        finally:
            i18n.set_language("en")

    assert path.read_text(encoding="utf-8") == published
    assert 'en = "Band"' in editor.drafts[path]
    assert english.startswith(
        "Not published: ring-band.toml could not be written (access to the "
        "file or its folder is denied)."
    )
    assert "publish again once that is put right" in english
    assert chinese.startswith(
        "未发布：无法写入 ring-band.toml（无权访问该文件或其所在文件夹）。"
    )
    for system_text in (os.strerror(errno.EPERM), os.strerror(errno.EACCES)):
        assert system_text not in english
        assert system_text not in chinese


def test_publish_failure_survives_language_switch(qtbot, editor, folder):
    type_over(qtbot, editor, 'en = "Wedding band"', 'en = "Band"')
    with renames_fail(folder):
        assert not editor.publish()
    english = editor.status.text()
    try:
        i18n.set_language("zh_CN")
        chinese = editor.status.text()
    finally:
        i18n.set_language("en")

    # The switch words the failure again instead of a check's "ready".
    assert chinese.startswith("未发布：无法写入 ring-band.toml")
    assert editor.status.text() == english


def test_unreadable_file_leaves_no_file_open(qtbot, editor, folder):
    ring = folder / "ring-band.toml"
    published = ring.read_text(encoding="utf-8")
    chair = folder / "chair.toml"
    chair.write_bytes(chair.read_text(encoding="utf-8").encode("gb18030"))

    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS) as signal:
        editor.open_file("chair.toml")
    editor.source.setFocus()
    qtbot.keyClicks(editor.source, "# typed")

    assert signal.args[0].model is None
    assert editor.path is None
    assert editor.model_list.currentItem().data(PATH_ROLE) == chair
    assert editor.source.toPlainText() == ""
    assert editor.source.isReadOnly()
    assert editor.drafts == {}
    assert not editor.publish_button.isEnabled()
    assert editor.publish() is False
    assert ring.read_text(encoding="utf-8") == published
    assert editor.status.text().startswith("chair.toml is not UTF-8 text")
    assert problem_texts(editor)[0].startswith("Error: chair.toml is not UTF-8")


def test_unreadable_file_keeps_draft_of_previous(qtbot, editor, folder):
    chair = folder / "chair.toml"
    chair.write_bytes(chair.read_text(encoding="utf-8").encode("gb18030"))
    type_over(qtbot, editor, 'en = "Wedding band"', 'en = "Band"')

    editor.open_file("chair.toml")
    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS):
        editor.open_file("ring-band.toml")

    assert editor.path == folder / "ring-band.toml"
    assert 'en = "Band"' in editor.source.toPlainText()
    assert not editor.source.isReadOnly()
    assert editor.publish_button.isEnabled()


def test_encoding_warning_follows_language(qtbot, editor, folder):
    chair = folder / "chair.toml"
    chair.write_bytes(chair.read_text(encoding="utf-8").encode("gb18030"))
    editor.open_file("chair.toml")

    i18n.set_language("zh_CN")
    try:
        chinese = editor.status.text()
        selected = editor.model_list.currentItem().data(PATH_ROLE)
    finally:
        i18n.set_language("en")

    assert chinese.startswith("chair.toml 不是 UTF-8 文本")
    assert selected == chair
    assert editor.status.text().startswith("chair.toml is not UTF-8 text")


def test_first_file_unreadable(qtbot, folder, tmp_path):
    first = sorted(folder.glob("*.toml"))[0]
    first.write_bytes(first.read_text(encoding="utf-8").encode("utf-16"))

    editor = editor_on(qtbot, folder, tmp_path)

    assert editor.path is None
    assert editor.last_check.model is None
    assert editor.status.text().startswith(f"{first.name} is not UTF-8 text")
    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS):
        editor.open_file("ring-band.toml")
    assert editor.path == folder / "ring-band.toml"


def test_empty_file_is_called_empty(qtbot, editor, folder):
    (folder / "zz-empty.toml").write_bytes(b"  \n")
    editor._fill_list()

    with qtbot.waitSignal(editor.checked, timeout=WAIT_MS):
        editor.open_file("zz-empty.toml")

    assert problem_texts(editor) == [
        "Error: is empty (it contains no TOML keys); start from a copy of "
        "another catalog file and give it its own id"
    ]
    assert "id: is missing" not in problem_texts(editor)[0]
