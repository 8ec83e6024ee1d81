"""With the cache server unreachable the app keeps working from the database, and the
health check says so. Before, every logged-in request and every login failed with 500
while /sehat/ answered "ok"."""

from decimal import Decimal as D

import pytest
from django.db import DatabaseError
from django.urls import reverse

from demo.loader import DEMO_PASSWORD, load_demo
from indicators.models import Indicator, Realization

from ..reports.test_review import form_inputs

UNREACHABLE = {
    "default": {
        "BACKEND": "core.redis_cache.ReusedClientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def cache_down(db, settings):
    load_demo()
    settings.CACHES = UNREACHABLE
    assert settings.PAGE_CACHE  # the cached sessions, users and pages are what is at stake


def test_login_workspace_and_grid_save_work_without_the_cache(client, cache_down):
    response = client.post(reverse("login"), {"username": "operator-pati", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("workspace", args=["pati", 2020]))
    assert page.status_code == 200 and "Pati" in page.content.decode()
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    data = form_inputs(client.get(reverse("grid", args=["pati", 2020])))
    data[f"i{indicator.pk}-realization"] = "48,5"
    assert client.post(reverse("grid", args=["pati", 2020]), data).status_code == 302
    assert Realization.objects.get(indicator=indicator, year=2020, quarter=None).value == D("48.5")
    # The next page shows the saved value (no stale copy can be served: there is none).
    assert "48,5" in client.get(reverse("grid", args=["pati", 2020])).content.decode()


def test_the_health_check_reports_the_cache_and_the_database_separately(client, cache_down, monkeypatch):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "gagal", "status": "ok"}

    def no_database(*args, **kwargs):
        raise DatabaseError("connection refused")

    with monkeypatch.context() as patched:  # undone before the test database is flushed
        patched.setattr("core.views.connection.cursor", no_database)
        response = client.get(reverse("health"))
    assert response.status_code == 503 and response.json()["database"] == "gagal"
