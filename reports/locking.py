"""A final report locks its year: no change to that year's targets, realizations,
budget lines or narrative, nor to the Renstra plan it was measured against, through
any path (views, Excel import, admin, management commands).

The check runs on every save and delete of those models (the one place every path
goes through); views and the importer also ask first, to explain it nicely.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete, pre_save

from agencies.access import locked_years, year_locked_message
from budget.models import BudgetAllocation, BudgetItem
from indicators.models import Goal, Indicator, Mission, Realization, RenstraPeriod, Target

from .models import Section

_bypass = contextvars.ContextVar("lock_bypass", default=False)


class ReportLocked(PermissionDenied):
    """A write touched a year whose report is final."""


def is_year_locked(agency_id: int, year: int) -> bool:
    return year in locked_years(agency_id)


def is_period_locked(period: RenstraPeriod) -> bool:
    return any(period.start_year <= y <= period.end_year for y in locked_years(period.agency_id))


locked_message = year_locked_message


@contextmanager
def unlocked():
    """For the reopen action and demo reloads only: writes inside are not checked."""
    token = _bypass.set(True)
    try:
        yield
    finally:
        _bypass.reset(token)


def _check(instance) -> None:
    if _bypass.get():
        return
    if isinstance(instance, Target | Realization):
        indicator = instance.indicator
        if is_year_locked(indicator.period.agency_id, instance.year):
            raise ReportLocked(locked_message(instance.year))
    elif isinstance(instance, BudgetItem):
        if is_year_locked(instance.agency_id, instance.year):
            raise ReportLocked(locked_message(instance.year))
    elif isinstance(instance, BudgetAllocation):
        if is_year_locked(instance.item.agency_id, instance.item.year):
            raise ReportLocked(locked_message(instance.item.year))
    elif isinstance(instance, Section):
        report = instance.report
        if is_year_locked(report.agency_id, report.year):
            raise ReportLocked(locked_message(report.year))
    else:
        period = instance if isinstance(instance, RenstraPeriod) else instance.period
        if period.pk and is_period_locked(period):
            raise ReportLocked(
                f"Renstra {period.start_year}-{period.end_year} dipakai laporan yang sudah final; "
                "rencana tidak dapat diubah sebelum laporan dibuka kembali."
            )


def _guard(sender, instance, **kwargs):
    _check(instance)


GUARDED = [RenstraPeriod, Mission, Goal, Indicator, Target, Realization, BudgetItem, BudgetAllocation, Section]


def connect() -> None:
    for model in GUARDED:
        pre_save.connect(_guard, sender=model, dispatch_uid=f"lock_save_{model.__name__}")
        pre_delete.connect(_guard, sender=model, dispatch_uid=f"lock_delete_{model.__name__}")
