"""Imported by the crash test's fork server: loads and warms up the worker."""

from tests.designer import crash_worker

crash_worker.warm_up(crash_worker.payload())
