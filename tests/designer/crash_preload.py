"""Imported by the crash test's fork server: loads and warms up the worker."""

from tests.designer import crash_worker
from tests.designer.test_export import ring_spec

_ring = crash_worker.ring_solid()
crash_worker.warm_up((ring_spec(), _ring.vertices, _ring.faces))
