"""Cache tokens: one random value per agency and per user, replaced whenever their data
changes, so anything cached for them can be checked for freshness in one cache read.

Whatever is cached is stored with the tokens that were current *before* it was
computed. A write forgets the tokens at once and again after its transaction commits,
so a computation that overlapped the write holds a token that no longer exists and is
never served (reading the database first and the token after would not be safe).

The tokens live in the shared cache (Redis in production): with a per-process cache
and several processes, one process could not forget another's tokens, which is why
`settings.PAGE_CACHE` is off there.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 7 * 24 * 3600


def agency_token_key(slug: str) -> str:
    # By slug, the one thing a request knows about its agency before any query.
    return f"token:agency:{slug}"


def user_token_key(user_id: int) -> str:
    return f"token:user:{user_id}"


# Changes to any user account (rights, memberships, password, notifications) replace
# this one token. Whole pages check it rather than their user's own token because a
# page hit must be a single cache read, made before the session says who the user is.
# Such changes are rare next to page views, so dropping every page for them is cheap.
ACCOUNTS_TOKEN_KEY = "token:accounts"


def current_tokens(keys: list[str]) -> dict[str, str]:
    """The tokens now in force for `keys`, creating the missing ones."""
    tokens = cache.get_many(keys)
    for key in keys:
        if key not in tokens:
            cache.add(key, uuid.uuid4().hex, TIMEOUT)  # add: a concurrent request's token wins
            tokens[key] = cache.get(key)
    return tokens


def still_current(stored: dict[str, str], found: dict[str, str]) -> bool:
    """Whether tokens `stored` with a cached value are all still the ones `found` now."""
    return all(key in found and found[key] == token for key, token in stored.items())


def forget(keys: Iterable[str]) -> None:
    """Invalidate everything cached under these tokens, now and once more after commit."""
    keys = list(keys)
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_agencies(slugs: Iterable[str]) -> None:
    forget(agency_token_key(slug) for slug in slugs)


def forget_users(user_ids: Iterable[int]) -> None:
    forget([ACCOUNTS_TOKEN_KEY, *(user_token_key(pk) for pk in user_ids if pk)])
