"""Django's Redis cache backend, keeping its redis client objects, and surviving an
outage.

Django's backend builds a new `redis.Redis` for every cache operation, and each one
sets up ~150 response callbacks: on a cached page (three cache reads) that was more
time than the reads themselves. A client is thread-safe and only wraps the connection
pool, so one per pool is kept and reused.

The cache only ever holds copies: when Redis cannot be reached, every read is a miss
and every write is dropped (logged, at most once a minute per process), so pages
render from the database and sessions stay in the database. /sehat/ reports it.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
_last_logged = 0.0


def _outage(operation: str, error: Exception) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged > 60:
        _last_logged = now
        logger.warning("Cache tidak terjangkau (%s: %s); dibaca dari basis data.", operation, error)


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _missing_on_outage(name: str, fallback):
    """The backend method `name`, answering `fallback(args, kwargs)` when Redis fails."""
    method = getattr(RedisCache, name)

    def safe(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            _outage(name, error)
            return fallback(args, kwargs)

    safe.__name__ = name
    return safe


def _default(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    get = _missing_on_outage("get", _default)
    get_many = _missing_on_outage("get_many", lambda args, kwargs: {})
    has_key = _missing_on_outage("has_key", lambda args, kwargs: False)
    set = _missing_on_outage("set", lambda args, kwargs: None)
    add = _missing_on_outage("add", lambda args, kwargs: False)
    touch = _missing_on_outage("touch", lambda args, kwargs: False)
    set_many = _missing_on_outage("set_many", lambda args, kwargs: list(args[0]) if args else [])
    delete = _missing_on_outage("delete", lambda args, kwargs: False)
    delete_many = _missing_on_outage("delete_many", lambda args, kwargs: None)
    clear = _missing_on_outage("clear", lambda args, kwargs: False)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            _outage("incr", error)
            raise ValueError(f"Key '{key}' not found (cache unreachable)") from error

    def is_reachable(self) -> bool:
        """For the health check: a real round trip."""
        try:
            self._cache.get_client(write=True).ping()
        except RedisError:
            return False
        return True
