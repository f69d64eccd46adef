"""The Qt binding keeps Python's reference counts across signal delivery.

PySide6 6.12.0 dropped a reference to ``True`` each time a signal reached a
Python slot. After some thousands of signals the interpreter freed ``True``,
so the studio crashed or misread arguments. The studio delivers that many
signals in a working day, so the installed binding must not do this.
"""

import sys

from PySide6.QtCore import QObject, Signal

DELIVERIES = 2000


class _Emitter(QObject):
    bare = Signal()
    number = Signal(int)


def test_signal_delivery_keeps_true_alive(qapp):
    emitter = _Emitter()
    received = []
    emitter.bare.connect(lambda: received.append(None))
    emitter.number.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)

    for value in range(DELIVERIES):
        emitter.bare.emit()
        emitter.number.emit(value)

    assert len(received) == 2 * DELIVERIES
    # Each delivery may leave at most a stray reference, never a missing one.
    assert sys.getrefcount(True) >= before[0]
    assert sys.getrefcount(False) >= before[1]
