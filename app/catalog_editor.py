"""The designer's catalog editor: a form and the TOML source of one model.

The form and the source show the same file. Editing the form rewrites the
changed value in the source, which keeps the file's comments and layout.
Editing the source refreshes the form whenever the text parses. About 300 ms
after the last keystroke, the draft is loaded on a worker thread the way the
catalog loads it, and each problem is listed with its line and highlighted
there. "Try" opens the draft in a preview without saving it. "Publish" writes
it into the catalog folder only when it loads.

Drafts are kept per file until they are published or reverted, so moving to
another model or a rejected publish loses no edit. A file that cannot be read,
or is not UTF-8 text, stays selected with the reason, and no file is open for
editing, so no edit or publish can reach another file by mistake.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.catalog_form import CatalogForm, make_button
from app.catalog_try import TryWindow
from app.domain_text import error_text, message_text
from app.reworded_notice import RewordedNotice
from app.source_editor import TEXT_COLOURS, SourceEditor
from app.workers import LatestOnlyWorker
from designer.catalog import Catalog, CatalogStore, ReloadResult
from designer.catalog_drafts import (
    DraftCheck,
    DraftRejectedError,
    SourceProblem,
    check_draft,
    publish_draft,
)
from designer.catalog_source import append_table, remove_table, set_value
from designer.text_files import decode_utf8, undecodable_line
from resources import CATALOG_DIR
from rules.cache import CompiledCache
from storage.os_errors import os_error_reason

logger = logging.getLogger(__name__)

CHECK_DELAY_MS = 300
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_ROLE = Qt.ItemDataRole.UserRole + 2


class CatalogEditor(QMainWindow):
    """Edits, checks, tries and publishes the catalog files of one folder.

    Parameters
    ----------
    folder
        The catalog folder; tests pass a copy.
    cache
        Where published rules are compiled to; the user's cache when omitted.
    language
        The language of model names in the list.

    Signals
    -------
    checked(DraftCheck)
        The problems of the text in the source editor are shown.
    published(ReloadResult)
        A file was written and reloaded.
    """

    checked = Signal(object)
    published = Signal(object)

    def __init__(
        self,
        folder: Path = CATALOG_DIR,
        cache: CompiledCache | None = None,
        language: str = "en",
        parent: QWidget | None = None,
        multi_samples: int = 0,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("catalog_editor")
        self.folder = Path(folder)
        self.store = CatalogStore(self.folder, cache)
        self.language = language
        self.multi_samples = multi_samples
        self.path: Path | None = None
        # The selected file that cannot be opened, a function that returns
        # the reason in the interface language, and the line at fault.
        self._unreadable: tuple[Path, Callable[[], str], int | None] | None = None
        self.drafts: dict[Path, str] = {}
        self.last_check: DraftCheck | None = None
        # The source text that ``last_check`` describes.
        self.checked_text: str | None = None
        self._requested_text: str | None = None
        self.try_window: TryWindow | None = None
        self.discard_question: QMessageBox | None = None
        self._published: dict[Path, str] = {}
        self._form_stale = False
        self._filling = False
        self._writing = False
        self._request = 0
        self._checker: LatestOnlyWorker | None = None
        self.resize(1500, 900)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)

        self._build_list()
        self.form = CatalogForm(self._parsed, self)
        self.form.value_edited.connect(self.edit_value)
        self.form.table_appended.connect(self._append_table)
        self.form.table_removed.connect(self._remove_table)
        source = self._build_source()
        splitter = QSplitter(self)
        splitter.addWidget(self.model_list)
        splitter.addWidget(self.form)
        splitter.addWidget(source)
        splitter.setSizes([230, 640, 630])
        splitter.setStretchFactor(2, 1)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_buttons())
        self.form.message.connect(self.status.setText)
        self.setCentralWidget(body)

        self.retranslate()
        self._fill_list()
        if self.model_list.count():
            self.model_list.setCurrentRow(0)

    # Layout -----------------------------------------------------------------------

    def _build_list(self) -> None:
        self.model_list = QListWidget(self)
        self.model_list.setObjectName("editor_models")
        self.model_list.currentItemChanged.connect(self._model_chosen)

    def _build_source(self) -> QSplitter:
        self.source = SourceEditor(self)
        self.source.setObjectName("source")
        self.source.textChanged.connect(self._source_changed)
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("problems")
        self.problem_list.setWordWrap(True)
        self.problem_list.itemClicked.connect(self.go_to_problem)
        self.problem_list.itemActivated.connect(self.go_to_problem)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.source)
        splitter.addWidget(self.problem_list)
        splitter.setSizes([680, 180])
        return splitter

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("editor_status")
        self.status.setWordWrap(True)
        # Why the last publish failed, worded again on a language switch.
        self.publish_failure = RewordedNotice(self.status)
        row.addWidget(self.status, 1)
        self.revert_button = make_button(self, "revert", self.revert)
        self.try_button = make_button(self, "try", self.try_model)
        self.publish_button = make_button(self, "publish", self.publish)
        for button in (self.revert_button, self.try_button, self.publish_button):
            row.addWidget(button)
        return row

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Catalog editor"))
        self.model_list.setAccessibleName(self.tr("Catalog models"))
        self.source.setAccessibleName(self.tr("TOML source"))
        self.problem_list.setAccessibleName(self.tr("Problems"))
        self.status.setAccessibleName(self.tr("Status"))
        self.revert_button.setText(self.tr("Re&vert"))
        self.revert_button.setToolTip(
            self.tr("Go back to the published file; Undo in the source brings it back")
        )
        self.try_button.setText(self.tr("&Try"))
        self.try_button.setToolTip(
            self.tr("Open this model in a preview without saving")
        )
        self.publish_button.setText(self.tr("P&ublish"))
        self.publish_button.setToolTip(
            self.tr("Write the file into the catalog once it has no errors")
        )
        for button in (
            self.revert_button,
            self.try_button,
            self.publish_button,
        ):
            button.setAccessibleName(button.text().replace("&", ""))
        failed = self.publish_failure.is_shown
        if self._unreadable is not None:
            self._show_unreadable()
        elif self.last_check is not None:
            self._show_check(self.last_check)
        if failed:
            self.publish_failure.show_again()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fill_list()
        super().changeEvent(event)

    # Files ------------------------------------------------------------------------

    def _fill_list(self) -> None:
        models = {model.path: model for model in self.store.catalog.models.values()}
        current = self.path
        if self._unreadable is not None:
            current = self._unreadable[0]
        self.model_list.blockSignals(True)
        self.model_list.clear()
        for path in sorted(self.folder.glob("*.toml")):
            model = models.get(path)
            name = path.name if model is None else model.name(self.language)
            if path in self.drafts:
                name += " *"
            item = QListWidgetItem(name, self.model_list)
            item.setData(PATH_ROLE, path)
            tooltip = path.name
            if path in self.drafts:
                tooltip += "\n" + self.tr("Unpublished changes")
            item.setToolTip(tooltip)
            if path == current:
                self.model_list.setCurrentItem(item)
        self.model_list.blockSignals(False)

    def open_file(self, name: str) -> None:
        """Show the catalog file called ``name`` (such as ``ring-band.toml``)."""
        for row in range(self.model_list.count()):
            if self.model_list.item(row).data(PATH_ROLE).name == name:
                self.model_list.setCurrentRow(row)
                return
        raise KeyError(f"{name} is not in {self.folder}")

    def _model_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        path = item.data(PATH_ROLE)
        try:
            self._published[path] = decode_utf8(path.read_bytes())
        except OSError as error:
            logger.warning("catalog file %s cannot be read: %s", path, error)
            reason = message_text(os_error_reason(error))
            self._close_unreadable(
                path,
                lambda: self.tr("{file} cannot be read: {reason}").format(
                    file=path.name, reason=reason
                ),
            )
            return
        except UnicodeDecodeError as error:
            logger.warning("catalog file %s is not UTF-8 text: %s", path, error)
            line = undecodable_line(error)
            self._close_unreadable(
                path,
                lambda: self.tr(
                    "{file} is not UTF-8 text (line {line}). Save it with the "
                    "encoding UTF-8 in a text editor, such as with Save As in "
                    "Notepad, and choose it again."
                ).format(file=path.name, line=line),
                line,
            )
            return
        text = self.drafts.get(path, self._published[path])
        self.path = path
        self._unreadable = None
        self._set_editable(True)
        self._filling = True
        self.source.setPlainText(text)
        self._filling = False
        self._form_stale = True
        self.check_now()

    def _close_unreadable(
        self, path: Path, message: Callable[[], str], line: int | None = None
    ) -> None:
        """Leave no file open, because ``path`` is selected but cannot be read.

        The previous file's draft stays in ``drafts``. ``message()`` words
        the reason in the interface language.
        """
        self._timer.stop()
        # A check of the previous file that is still running is dropped.
        self._request += 1
        self.path = None
        self._unreadable = (path, message, line)
        self._filling = True
        self.source.setPlainText("")
        self._filling = False
        self.form.fill({})
        self._set_editable(False)
        self._show_unreadable()
        check = DraftCheck(None, (SourceProblem(line, "", message()),))
        self.last_check = check
        self.checked_text = ""
        # Queued, so that a caller that connects after the first file is
        # chosen in the constructor still receives it.
        request = self._request
        QTimer.singleShot(0, self, lambda: self._emit_checked(request, check))

    def _emit_checked(self, request_id: int, check: DraftCheck) -> None:
        if request_id == self._request:
            self.checked.emit(check)

    def _show_unreadable(self) -> None:
        message = self._unreadable[1]
        # The message names the line already.
        problem = SourceProblem(None, "", message())
        self.problem_list.clear()
        self.problem_list.addItem(self._problem_item(problem))
        self.source.mark_lines({})
        self.status.setText(message())

    def _set_editable(self, editable: bool) -> None:
        self.source.setReadOnly(not editable)
        self.form.setEnabled(editable)
        for button in (self.revert_button, self.try_button, self.publish_button):
            button.setEnabled(editable)

    # Form to source ----------------------------------------------------------------

    def edit_value(self, key: tuple, value: Any, refill: bool = False) -> None:
        """Set one value of the file from the form and rewrite the source.

        ``refill`` refreshes the form from the new source, for a change that
        changes which fields apply, such as a parameter's type.
        """
        try:
            text = set_value(self.source.toPlainText(), key, value)
        except KeyError as error:
            self.status.setText(
                self.tr(
                    "The form cannot change {key}: {reason}. Edit the source."
                ).format(key=_dotted(key), reason=error.args[0])
            )
            return
        self._write_source(text, refill)

    def _append_table(self, array: str, fields: dict) -> None:
        text = append_table(self.source.toPlainText(), array, fields)
        self._write_source(text, refill=True)
        self.check_now()

    def _remove_table(self, array: str, index: int) -> None:
        try:
            text = remove_table(self.source.toPlainText(), array, index)
        except KeyError:
            self.status.setText(
                self.tr(
                    "The form needs valid TOML: fix the lines listed in the source."
                )
            )
            return
        self._write_source(text, refill=True)
        self.check_now()

    def _write_source(self, text: str, refill: bool = False) -> None:
        self._form_stale = refill
        self._writing = True
        self.source.replace_text(text)
        self._writing = False

    # Source to form ---------------------------------------------------------------

    def _source_changed(self) -> None:
        if self._filling or self.path is None:
            return
        if not self._writing:
            self._form_stale = True
        text = self.source.toPlainText()
        if text == self._published.get(self.path):
            self.drafts.pop(self.path, None)
        else:
            self.drafts[self.path] = text
        self._mark_draft()
        self.status.setText(self.tr("Checking…"))
        self._timer.start()

    def _mark_draft(self) -> None:
        item = self.model_list.currentItem()
        if item is None:
            return
        name = item.text().removesuffix(" *")
        item.setText(name + " *" if self.path in self.drafts else name)

    def _parsed(self) -> dict | None:
        try:
            return tomllib.loads(self.source.toPlainText())
        except tomllib.TOMLDecodeError:
            return None

    def check_now(self) -> None:
        """Refresh the form if the source changed, and check the draft."""
        self._timer.stop()
        if self.path is None:
            return
        text = self.source.toPlainText()
        if self._form_stale:
            data = self._parsed()
            if data is not None:
                self.form.fill(data)
                self._form_stale = False
        others = self._other_ids()
        self._request += 1
        self._requested_text = text
        if self._checker is None:
            self._checker = LatestOnlyWorker(_check_payload, self)
            self._checker.finished.connect(self._check_done)
            self._checker.failed.connect(self._check_failed)
        self._checker.request(self._request, (text, self.path, others))

    def _other_ids(self) -> dict[str, Path]:
        return {model.id: model.path for model in self.store.catalog.models.values()}

    def _check_done(self, request_id: int, check: DraftCheck) -> None:
        if request_id != self._request:
            return
        self.last_check = check
        self.checked_text = self._requested_text
        self._show_check(check)
        self.checked.emit(check)

    def _check_failed(self, request_id: int, error: Exception) -> None:
        if request_id != self._request:
            return
        problem = SourceProblem(None, "", error_text(error))
        self._show_check(DraftCheck(None, (problem,)))

    def _show_check(self, check: DraftCheck) -> None:
        self.problem_list.clear()
        severities: dict[int, str] = {}
        for problem in check.problems:
            if problem.line is not None and severities.get(problem.line) != "error":
                severities[problem.line] = problem.severity
            self.problem_list.addItem(self._problem_item(problem))
        self.source.mark_lines(severities)
        if not check.problems:
            self.problem_list.addItem(self.tr("No problems found."))
        errors = len(check.errors)
        if errors:
            text = self.tr("Errors: {count}. Fix them before publishing.").format(
                count=errors
            )
        elif self.path in self.drafts:
            text = self.tr("No errors: ready to publish.")
        else:
            text = self.tr("No errors. The published file is unchanged.")
        self.status.setText(text)

    def _problem_item(self, problem: SourceProblem) -> QListWidgetItem:
        prefix = self.tr("Error") if problem.severity == "error" else self.tr("Warning")
        if problem.line is None:
            text = f"{prefix}: {problem.summary()}"
        else:
            text = self.tr("{severity}, line {line}: {message}").format(
                severity=prefix, line=problem.line, message=problem.summary()
            )
        item = QListWidgetItem(text)
        item.setData(LINE_ROLE, problem.line)
        item.setToolTip(problem.reason)
        item.setForeground(QBrush(QColor(TEXT_COLOURS[problem.severity])))
        return item

    def is_checked(self, _check: DraftCheck | None = None) -> bool:
        """Tell whether the problems shown are those of the source's text."""
        return self.checked_text == self.source.toPlainText()

    def go_to_problem(self, item: QListWidgetItem) -> None:
        """Move the source's cursor to the line of a listed problem."""
        line = item.data(LINE_ROLE)
        if line is not None:
            self.source.go_to_line(line)

    # Try and publish ----------------------------------------------------------------

    def current_check(self) -> DraftCheck:
        """Check the source's text now, on this thread, and show the result."""
        others = self._other_ids()
        self._timer.stop()
        self._request += 1
        text = self.source.toPlainText()
        check = check_draft(text, self.path, None, others)
        self.last_check = check
        self.checked_text = text
        self._show_check(check)
        return check

    def try_model(self) -> TryWindow | None:
        """Open the draft in a preview with its parameter panel, without saving."""
        if self.path is None:
            return None
        check = self.current_check()
        if check.model is None:
            self.status.setText(self.tr("Cannot try: fix the errors listed first."))
            return None
        if self.try_window is not None:
            self.try_window.close()
        window = TryWindow(check.model, self.language, self, self.multi_samples)
        window.show()
        self.try_window = window
        return window

    def publish(self) -> bool:
        """Write the draft into the catalog folder if it has no errors.

        A rejected draft stays in the editor with its problems listed.
        """
        if self.path is None:
            return False
        text = self.source.toPlainText()
        self._timer.stop()
        self._request += 1
        try:
            result = publish_draft(text, self.path, self.store)
        except DraftRejectedError as error:
            self.last_check = DraftCheck(None, error.problems)
            self.checked_text = text
            self._show_check(self.last_check)
            self.publish_failure.show(
                lambda: self.tr(
                    "Not published: fix the errors listed, then publish again."
                )
            )
            return False
        except OSError as error:
            logger.warning("catalog file %s not written: %s", self.path, error)
            name, reason = self.path.name, os_error_reason(error)
            self.publish_failure.show(
                lambda: self.tr(
                    "Not published: {file} could not be written ({reason}). Your "
                    "edits are kept; publish again once that is put right."
                ).format(file=name, reason=message_text(reason))
            )
            return False
        self._published[self.path] = text
        self.drafts.pop(self.path, None)
        self._fill_list()
        message = self.tr("Published {file}.").format(file=self.path.name)
        self.statusBar().showMessage(message, 10_000)
        self.check_now()
        self.published.emit(result)
        return True

    def revert(self) -> None:
        """Replace the draft with the published file; Undo brings the draft back."""
        if self.path is None:
            return
        self._write_source(self._published[self.path], refill=True)
        self.check_now()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.drafts:
            # The question is not modal, so the window stays open until the
            # designer discards the drafts or goes back to them.
            event.ignore()
            self._ask_to_discard()
            return
        self._timer.stop()
        if self._checker is not None:
            self._checker.close()
            self._checker = None
        if self.try_window is not None:
            self.try_window.close()
        super().closeEvent(event)

    def _ask_to_discard(self) -> QMessageBox:
        names = ", ".join(sorted(path.name for path in self.drafts))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unpublished changes"),
            self.tr("Discard the unpublished changes to {files}?").format(files=names),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("discard_question")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._discard_answered(result, names))
        box.open()
        self.discard_question = box
        return box

    def _discard_answered(self, result: int, names: str) -> None:
        self.discard_question = None
        if result != QMessageBox.StandardButton.Discard:
            return
        logger.info("unpublished catalog changes discarded: %s", names)
        self.drafts.clear()
        self.close()


def _check_payload(payload: tuple[str, Path, dict[str, Path]]) -> DraftCheck:
    text, path, others = payload
    return check_draft(text, path, None, others)


def _dotted(key: tuple) -> str:
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def catalog_folder(catalog: Catalog) -> Path:
    """Return the folder the catalog's models were loaded from."""
    for model in catalog.models.values():
        return model.path.parent
    return CATALOG_DIR


def show_published(window, result: ReloadResult) -> None:
    """Put a published model into a main window's catalog and list.

    The design on screen, if it is of that model, moves to the new version
    and keeps the values that the new version still accepts.
    """
    from app.main_window import PRODUCT_ROLE
    from designer.session import DesignSession

    model = result.model
    if model is None:
        return
    path = model.path.resolve()
    catalog = window.catalog
    replaced = [i for i, m in catalog.models.items() if m.path.resolve() == path]
    for model_id in replaced:
        del catalog.models[model_id]
    catalog.models[model.id] = model

    ids = {*replaced, model.id}
    item = None
    for row in range(window.catalog_list.count()):
        if window.catalog_list.item(row).data(PRODUCT_ROLE) in ids:
            item = window.catalog_list.item(row)
    if item is None:
        item = QListWidgetItem(window.catalog_list)
    item.setData(PRODUCT_ROLE, model.id)
    item.setText(model.name(window.language))
    item.setToolTip(model.descriptions.get(window.language, ""))

    session = window.session
    if session is not None and session.model.path.resolve() == path:
        try:
            new_session = DesignSession(model, session.values, session.chosen)
        except (KeyError, ValueError):
            new_session = DesignSession(model)
        window.open_session(new_session)
    logger.info("catalog model %s updated in the studio window", model.id)
