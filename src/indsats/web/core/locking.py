"""Optimistic locking: nothing is lost when two people edit the same record.

A record carries a `version` (or `laas`) number that its edit form sends back; the service locks
the row, compares, and refuses with `ConcurrentEdit` when someone saved it in between, so the
second user gets a clear message and keeps their input.
"""

from __future__ import annotations

from typing import Any


class ConcurrentEdit(Exception):
    """Someone else saved the record after this user opened it."""

    def __init__(self, current: Any):
        super().__init__("record changed since it was read")
        self.current = current


def locked_for_update(model: Any, pk: Any, expected_version: int, *, field: str = "version") -> Any:
    """Lock the row (SELECT … FOR UPDATE) and check nobody saved it since `expected_version`."""
    current = model.objects.select_for_update().get(pk=pk)
    if getattr(current, field) != expected_version:
        raise ConcurrentEdit(current)
    return current
