import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static

logger = logging.getLogger(__name__)


def favicon(request):
    """Browsers ask for /favicon.ico on pages without a <link rel="icon"> (the admin)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def alive(request):
    """Liveness, for the throughput bench's baseline: answers without touching anything."""
    return HttpResponse("ok", content_type="text/plain")


def health(request):
    """For load balancers: the database and the cache, each reported. Only a database
    that does not answer makes the app unhealthy (503): without the cache every page
    still renders, from the database."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    status = 200 if checks["database"] else 503
    body = {name: "ok" if ok else "gagal" for name, ok in checks.items()}
    body["status"] = "ok" if status == 200 else "gagal"
    return JsonResponse(body, status=status)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Basis data tidak menjawab: %s", error)
        return False
    return True


def _cache_ok() -> bool:
    probe = getattr(cache, "is_reachable", None)
    if probe is not None:
        return probe()
    cache.set("health-probe", "1", 10)
    return cache.get("health-probe") == "1"
