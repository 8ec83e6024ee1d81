"""Forget cached users and pages when an account changes: the user itself (password,
rights, deactivation) or a row declared as account data (memberships, notifications).

Changes to an agency's data are handled by its data version (agencies/versioning.py).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from . import registry
from .cache_tokens import forget, forget_users, user_token_key


def _user_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) == {"last_login"}:
        # Every login does this; no page shows it, so only the cached user goes.
        forget([user_token_key(instance.pk)])
    else:
        forget_users([instance.pk])


def _account_data_changed(sender, instance, **kwargs):
    user_id = registry.account_user_id(instance)
    if user_id:
        forget_users([user_id])


def connect() -> None:
    user_model = get_user_model()
    post_save.connect(_user_changed, sender=user_model, dispatch_uid="forget_user_save")
    post_delete.connect(_user_changed, sender=user_model, dispatch_uid="forget_user_delete")
    # Any sender: the registry says which models count, whichever app declares them later.
    post_save.connect(_account_data_changed, dispatch_uid="forget_account_data_save")
    post_delete.connect(_account_data_changed, dispatch_uid="forget_account_data_delete")
