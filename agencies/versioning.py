"""Keep `Agency.data_version` current: every change to an agency's data bumps it, and
the bump forgets every cached page and part computed from the older data.

Which models count is declared by their apps in the agency-year registry
(core/registry.py, `versioned`), plus the data every agency's results depend on
(`shared_data`: predicate scales) and the agency and region themselves.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save, pre_save

from core import registry
from core.cache_tokens import forget_agencies

from .models import Agency, Region, bump_data_version

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


def _data_changed(sender, instance, **kwargs):
    if registry.is_shared_data(sender):
        # A predicate scale colours every agency of its region (or all, for the default).
        mark_changed(Agency.objects.values_list("pk", flat=True))
        return
    entry = registry.agency_year_entry(sender)
    if entry is None or not entry.versioned:
        return
    try:
        agency_id = entry.agency_id_of(instance)
    except Exception:  # noqa: BLE001 - a parent deleted in the same cascade, which bumps the agency itself
        agency_id = None
    if agency_id:
        mark_changed([agency_id])


def _agency_renaming(sender, instance, raw=False, **kwargs):
    # Pages cached under the old slug must go too.
    if instance.pk and not raw:
        forget_agencies(Agency.objects.filter(pk=instance.pk).values_list("slug", flat=True))


def _agency_changed(sender, instance, **kwargs):
    # Name, slug or head appear on its pages and in the report; the bump also forgets
    # the cached pages under its (new) slug.
    bump_data_version([instance.pk])


def _agency_deleted(sender, instance, **kwargs):
    forget_agencies([instance.slug])


def _region_changed(sender, instance, raw=False, **kwargs):
    # The region's negative-polarity method changes every capaian of its agencies.
    if not raw:
        bump_data_version(instance.agencies.values_list("pk", flat=True))


def connect() -> None:
    # Any sender: the registry says which models count, whichever app declares them.
    post_save.connect(_data_changed, dispatch_uid="version_data_save")
    post_delete.connect(_data_changed, dispatch_uid="version_data_delete")
    pre_save.connect(_agency_renaming, sender=Agency, dispatch_uid="forget_agency_renaming")
    post_save.connect(_agency_changed, sender=Agency, dispatch_uid="forget_agency_save")
    post_delete.connect(_agency_deleted, sender=Agency, dispatch_uid="forget_agency_delete")
    post_save.connect(_region_changed, sender=Region, dispatch_uid="forget_region_save")
