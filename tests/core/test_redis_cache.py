"""The page cache on the production cache backend (Redis, one client per pool).

CI starts Redis (.ci/run); elsewhere these tests are skipped when no Redis listens.
"""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.urls import reverse

from agencies.models import Agency, bump_data_version

from .test_page_cache import URL, demo, is_hit, logged_in, warm  # noqa: F401 - fixture

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_listening() -> bool:
    address = urlparse(REDIS_URL)
    try:
        socket.create_connection((address.hostname, address.port or 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not redis_listening(), reason=f"no Redis at {REDIS_URL}")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "core.redis_cache.ReusedClientRedisCache", "LOCATION": REDIS_URL}}
    cache.clear()
    yield cache
    cache.clear()


def test_the_backend_keeps_one_client_and_reads_many_keys(redis_cache):
    redis_cache.set_many({"a": 1, "b": {"x": b"bytes"}})
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": {"x": b"bytes"}}
    assert redis_cache.add("a", 2) is False
    redis_cache.delete_many(["a", "b"])
    assert redis_cache.get("a") is None
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client() is client


def test_cached_page_on_redis_is_served_and_invalidated(redis_cache, demo):  # noqa: F811
    client = logged_in("operator-pati")
    assert "91,10 %" in warm(client)
    bump_data_version([Agency.objects.get(slug="pati").pk])
    assert not is_hit(client.get(URL))
    assert is_hit(client.get(URL))
    client.post(reverse("logout"))
    assert client.get(URL).status_code == 302
