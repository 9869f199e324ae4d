"""A guard against a PySide6 6.12.0 reference-counting bug on CPython 3.11.

There, every ``Signal.emit()`` made from Python drops one reference to ``True`` (PySide6 6.11.3
does not). CPython 3.12+ makes ``True`` immortal, but on 3.11 the count reaches zero after a few
hundred emits and the interpreter aborts ("bool_dealloc: deallocating True or False"). The
guard measures whether this Qt binding has the bug and, only then, gives ``True`` and ``False``
enough references that they can never run out. The better fix is pinning a PySide6 without the
bug; this keeps the app alive until then.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_EXTRA_REFERENCES = 1 << 40
_checked = False


class _Probe(QObject):
    fired = Signal()


def emit_leaks_true() -> bool:
    """Does ``Signal.emit()`` lose a reference to True in this process?"""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def protect_bools() -> bool:
    """Apply the guard once if this binding needs it; return whether it was needed."""
    global _checked
    if _checked or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    _checked = True
    if not emit_leaks_true():
        return False
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += _EXTRA_REFERENCES
    return True
