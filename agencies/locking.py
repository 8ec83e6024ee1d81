"""A final report locks its year, and a report under review ("Diajukan") freezes it:
no change to that year's data, nor to the Renstra plan it was measured against,
through any path (views, Excel import, admin, management commands).

The check runs on every save and delete of the models their apps declare `locked` in
the agency-year registry (core/registry.py), the one place every path goes through;
views and the importer also ask first, to explain it nicely.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete, pre_save

from core import registry

from .access import lock_reasons, plan_locked_message, year_locked_message

_bypass = contextvars.ContextVar("lock_bypass", default=False)


class ReportLocked(PermissionDenied):
    """A write touched a year whose report is final or under review."""


@contextmanager
def unlocked():
    """For the reopen action and demo reloads only: writes inside are not checked."""
    token = _bypass.set(True)
    try:
        yield
    finally:
        _bypass.reset(token)


def is_unlocked() -> bool:
    """Whether writes run inside `unlocked()` (other apps' own locks honour it too)."""
    return _bypass.get()


def check(row) -> None:
    """Raise ReportLocked when `row` belongs to a year whose report is final or under review."""
    entry = registry.agency_year_entry(type(row))
    if entry is None or not entry.locked or _bypass.get():
        return
    first, last = entry.years_of(row)
    reasons = {y: r for y, r in lock_reasons(entry.agency_id_of(row)).items() if first <= y <= last}
    if not reasons:
        return
    if entry.is_yearly:
        raise ReportLocked(year_locked_message(first, reasons[first]))
    raise ReportLocked(plan_locked_message(first, last, reasons))


def _guard(sender, instance, **kwargs):
    check(instance)


def connect() -> None:
    # Any sender: the registry says which models are locked, whichever app declares them.
    pre_save.connect(_guard, dispatch_uid="year_lock_save")
    pre_delete.connect(_guard, dispatch_uid="year_lock_delete")
