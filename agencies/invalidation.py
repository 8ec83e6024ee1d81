"""Forget cached pages and users when users, memberships, agencies or regions change.

(Changes to an agency's plan, values, budget and report are handled by
`bump_data_version`, called from the reports app's signals and bulk writers.)
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save

from .cache_tokens import forget, forget_agencies, forget_users, user_token_key
from .models import Agency, Membership, Region, bump_data_version


def _user_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) == {"last_login"}:
        # Every login does this; no page shows it, so only the cached user goes.
        forget([user_token_key(instance.pk)])
    else:
        forget_users([instance.pk])


def _membership_changed(sender, instance, **kwargs):
    forget_users([instance.user_id])


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
    user_model = get_user_model()
    post_save.connect(_user_changed, sender=user_model, dispatch_uid="forget_user_save")
    post_delete.connect(_user_changed, sender=user_model, dispatch_uid="forget_user_delete")
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="forget_membership_save")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="forget_membership_delete")
    pre_save.connect(_agency_renaming, sender=Agency, dispatch_uid="forget_agency_renaming")
    post_save.connect(_agency_changed, sender=Agency, dispatch_uid="forget_agency_save")
    post_delete.connect(_agency_deleted, sender=Agency, dispatch_uid="forget_agency_delete")
    post_save.connect(_region_changed, sender=Region, dispatch_uid="forget_region_save")
