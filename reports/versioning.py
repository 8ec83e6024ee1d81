"""Keep `Agency.data_version` current: every change to an agency's plan, values,
budget, report, notes or lock bumps it."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save

from agencies.cache_tokens import forget_users
from agencies.models import Agency, LockedYear, bump_data_version
from budget.models import BudgetAllocation, BudgetItem
from indicators.models import (
    Goal,
    Indicator,
    Mission,
    PredicateBand,
    PredicateScale,
    Realization,
    RenstraPeriod,
    Target,
)

from .models import Notification, Report, ReportArchive, ReviewNote, Section


def agency_id_of(instance) -> int | None:
    if isinstance(instance, Target | Realization):
        return instance.indicator.period.agency_id
    if isinstance(instance, Goal | Indicator | Mission):
        return instance.period.agency_id
    if isinstance(instance, RenstraPeriod | BudgetItem | Report | LockedYear):
        return instance.agency_id
    if isinstance(instance, BudgetAllocation):
        return instance.item.agency_id
    if isinstance(instance, Section | ReviewNote | ReportArchive):
        return instance.report.agency_id
    return None


# Inside `bumped_once()`: the agencies changed so far, bumped together at its end.
_collecting: ContextVar[set[int] | None] = ContextVar("versioning_collecting", default=None)


def mark_changed(agency_ids) -> None:
    """Bump now, inside the writing transaction: the new version becomes visible exactly
    when the data does, and a rollback takes it back with the data."""
    collecting = _collecting.get()
    if collecting is not None:
        collecting.update(i for i in agency_ids if i)
    else:
        bump_data_version(agency_ids)


@contextmanager
def bumped_once():
    """For bulk writers inside one transaction (the Excel import): each changed agency
    is bumped once at the end, not after each of thousands of saves. The bump is still
    inside the transaction, so it commits or rolls back with the data."""
    collecting: set[int] = set()
    reset = _collecting.set(collecting)
    try:
        yield
    finally:
        _collecting.reset(reset)
    bump_data_version(collecting)  # only reached without an exception


def _changed(sender, instance, **kwargs):
    try:
        agency_id = agency_id_of(instance)
    except Exception:  # noqa: BLE001 - a parent deleted in the same cascade: bump everything of that kind later
        agency_id = None
    if agency_id:
        mark_changed([agency_id])


def _scale_changed(sender, instance, **kwargs):
    # A predicate scale colours every agency of its region (or all, for the default).
    mark_changed(Agency.objects.values_list("pk", flat=True))


def _notification_changed(sender, instance, **kwargs):
    forget_users([instance.user_id])  # the unread badge on every page of that user


def connect() -> None:
    for model in (
        RenstraPeriod,
        Mission,
        Goal,
        Indicator,
        Target,
        Realization,
        BudgetItem,
        BudgetAllocation,
        Report,
        Section,
        ReviewNote,
        ReportArchive,
        LockedYear,
    ):
        post_save.connect(_changed, sender=model, dispatch_uid=f"version_save_{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"version_delete_{model.__name__}")
    for model in (PredicateScale, PredicateBand):
        post_save.connect(_scale_changed, sender=model, dispatch_uid=f"version_save_{model.__name__}")
        post_delete.connect(_scale_changed, sender=model, dispatch_uid=f"version_delete_{model.__name__}")
    post_save.connect(_notification_changed, sender=Notification, dispatch_uid="forget_notification_save")
    post_delete.connect(_notification_changed, sender=Notification, dispatch_uid="forget_notification_delete")
