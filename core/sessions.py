"""Django's cached_db sessions, whose cache read can be done together with other keys.

A cached page (core/page_cache.py) needs the session, the page and two tokens: one
`get_many` for all four instead of a session read followed by a page read.
"""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

_NOT_GIVEN = object()


class SessionStore(CachedDBStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._prefetched = _NOT_GIVEN

    def cache_key_if_any(self) -> str | None:
        """The cache key of an existing session (without creating a session key)."""
        return self.cache_key_prefix + self.session_key if self.session_key else None

    def use_prefetched(self, data) -> None:
        """Data read from the cache under `cache_key_if_any()`, or None if it was not there."""
        self._prefetched = data

    def load(self):
        data, self._prefetched = self._prefetched, _NOT_GIVEN
        if data is _NOT_GIVEN or data is None:  # not read, or not in the cache: the usual way
            return super().load()
        return data
