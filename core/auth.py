"""The logged-in user of each request, read from the shared cache instead of the database.

Every page of a logged-in user loads that user; with a cached page the lookup was most
of what was left of the request. The cached copy is tied to the user's cache token,
which every save or delete of the user forgets (password change, deactivation, rights),
so Django's session check against the password hash always sees the current user.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from .cache_tokens import current_tokens, still_current, user_token_key


def cached_user_key(user_id) -> str:
    return f"auth-user:{user_id}"


class CachedUserBackend(ModelBackend):
    """ModelBackend (same login and permissions) with a cached per-request user lookup."""

    def get_user(self, user_id):
        if not settings.PAGE_CACHE:
            return super().get_user(user_id)
        token_key, key = user_token_key(user_id), cached_user_key(user_id)
        found = cache.get_many([key, token_key])
        entry = found.get(key)
        if entry and still_current(entry["tokens"], found):
            return entry["user"]
        tokens = current_tokens([token_key])  # before reading the database: see cache_tokens
        user = super().get_user(user_id)  # None when missing or inactive
        if user is not None:
            cache.set(key, {"tokens": tokens, "user": user}, timeout=3600)
        return user
