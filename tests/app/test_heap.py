"""The studio freezes its startup objects once its first frame is shown."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import QObject, Signal

from app import heap
from app.main_window import MainWindow

from .conftest import WAIT_MS


class Frames(QObject):
    frame_shown = Signal()


class Node:
    """A container the collector tracks, which can refer to itself."""


def tracked(item: object) -> bool:
    """Return whether a collector's pass walks ``item``, that is, it is not frozen."""
    return any(other is item for other in gc.get_objects())


@pytest.fixture
def unfrozen(monkeypatch):
    """Unfreeze the process's objects before the test and again after it."""
    gc.unfreeze()
    monkeypatch.setattr(heap, "_frozen", False)
    yield
    gc.unfreeze()


def test_first_frame_freezes_live_objects(qapp, unfrozen):
    frames = Frames()
    heap.freeze_after_first_frame(frames.frame_shown)
    alive = Node()
    garbage = Node()
    garbage.itself = garbage
    garbage_ref = weakref.ref(garbage)
    del garbage
    gc.disable()
    try:
        assert tracked(alive)
        frames.frame_shown.emit()
    finally:
        gc.enable()

    assert gc.get_freeze_count() > 0
    assert not tracked(alive)
    # The cycle that was already garbage is freed, not frozen for good.
    assert garbage_ref() is None


def test_full_passes_resume_after_freeze(qapp, unfrozen):
    # The test process, like the studio, tracks far more objects at the
    # freeze than the garbage made below, so without a pass after the
    # freeze no automatic full pass would come.
    frames = Frames()
    heap.freeze_after_first_frame(frames.frame_shown)
    frames.frame_shown.emit()
    before = gc.get_stats()[2]["collections"]

    for _ in range(5_000):
        garbage = [Node() for _ in range(20)]
        garbage.append(garbage)
        del garbage

    assert gc.get_stats()[2]["collections"] > before


def test_later_frames_freeze_nothing(qapp, unfrozen):
    frames = Frames()
    heap.freeze_after_first_frame(frames.frame_shown)
    frames.frame_shown.emit()
    frozen = gc.get_freeze_count()

    later = Node()
    frames.frame_shown.emit()
    heap.freeze_after_first_frame(Frames().frame_shown)
    assert tracked(later)
    assert gc.get_freeze_count() == frozen


def test_main_window_freezes_after_preview(qtbot, catalog, database, unfrozen):
    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    assert gc.get_freeze_count() == 0
    with qtbot.waitSignal(window.preview_updated, timeout=WAIT_MS):
        window.show()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=WAIT_MS)
    assert not tracked(window.session)
    window.close()
