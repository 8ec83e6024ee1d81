"""Whole-page cache of the workspace: served without queries, never stale, never to the
wrong person (core/page_cache.py, core/cache_tokens.py, core/auth.py)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency, Membership, Region, bump_data_version
from demo.loader import DEMO_PASSWORD, load_demo
from indicators.models import Realization
from reports.models import Notification, Report

from ..conftest import form_login

URL = reverse("workspace", kwargs={"slug": "pati", "year": 2020})


@pytest.fixture
def demo(db):
    load_demo()


def logged_in(username: str) -> Client:
    client = Client()
    assert form_login(client, username, DEMO_PASSWORD)
    return client


def warm(client: Client, url: str = URL) -> str:
    """Open the page until it comes from the cache (the first visit has no CSRF cookie
    yet, the second renders and stores); returns the cached page."""
    client.get(url)
    rendered = client.get(url)
    cached = client.get(url)
    assert cached.status_code == 200
    assert cached.get("X-Page-Cache") == "hit"
    assert cached.content == rendered.content
    return cached.content.decode()


def is_hit(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


def test_a_cached_page_costs_no_query(demo, django_assert_num_queries):
    client = logged_in("operator-pati")
    page = warm(client)
    assert "91,10 %" in page
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert is_hit(response)


def test_a_new_value_shows_at_once(demo):
    client = logged_in("operator-pati")
    assert "92,59 %" not in warm(client)
    realization = Realization.objects.get(
        indicator__code="S2.1", indicator__period__agency__slug="pati", year=2020, quarter=None
    )
    realization.value = Decimal(50)
    realization.save()
    response = client.get(URL)
    assert not is_hit(response)
    assert "92,59 %" in response.content.decode()


def test_a_bulk_write_shows_at_once(demo):
    # Importer and demo loader write with bulk queries and bump the version themselves.
    client = logged_in("operator-pati")
    warm(client)
    bump_data_version([Agency.objects.get(slug="pati").pk])
    assert not is_hit(client.get(URL))


def test_a_write_during_rendering_is_not_hidden(demo, monkeypatch):
    """The tokens are read before the page is computed: a write that commits while it
    is being computed makes that page stale at once, even though it was stored after."""
    import reports.views

    client = logged_in("operator-pati")
    client.get(reverse("home"))  # the CSRF cookie, without computing the workspace yet
    computing = reports.views.workspace_data

    def write_meanwhile(agency, year, can_edit):
        part = computing(agency, year, can_edit)
        bump_data_version([agency.pk])
        return part

    monkeypatch.setattr(reports.views, "workspace_data", write_meanwhile)
    assert not is_hit(client.get(URL))  # computed, the write happens, stored
    monkeypatch.setattr(reports.views, "workspace_data", computing)
    assert not is_hit(client.get(URL))


def test_a_new_notification_shows_in_the_badge(demo):
    client = logged_in("operator-pati")
    assert 'data-testid="unread"' not in warm(client)
    user = get_user_model().objects.get(username="operator-pati")
    Notification.objects.create(
        user=user,
        report=Report.objects.create(agency=Agency.objects.get(slug="pati"), year=2021),
        message="Laporan dikembalikan",
    )
    response = client.get(URL)
    assert not is_hit(response)
    assert 'data-testid="unread"' in response.content.decode()


def test_losing_the_membership_closes_the_page(demo):
    client = logged_in("operator-pati")
    warm(client)
    Membership.objects.filter(user__username="operator-pati").get().delete()
    assert client.get(URL).status_code == 404


def test_a_password_change_elsewhere_logs_this_session_out(demo):
    client = logged_in("operator-pati")
    warm(client)
    user = get_user_model().objects.get(username="operator-pati")
    user.set_password("another-password")
    user.save()
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_deactivated_user_is_logged_out(demo):
    client = logged_in("operator-pati")
    warm(client)
    get_user_model().objects.filter(username="operator-pati").update(is_active=False)  # no signal...
    get_user_model().objects.get(username="operator-pati").save()  # ...as the admin saves it
    assert client.get(URL).status_code == 302


def test_logging_out_ends_the_cached_page(demo):
    client = logged_in("operator-pati")
    warm(client)
    client.post(reverse("logout"))
    assert client.get(URL).status_code == 302


def test_another_user_never_gets_someone_elses_page(demo):
    warm(logged_in("operator-pati"))
    assert logged_in("operator-lumajang").get(URL).status_code == 404
    response = logged_in("reviewer").get(URL)
    assert response.status_code == 200
    assert not is_hit(response)  # rendered for the reviewer, not the operator's copy


def test_a_waiting_message_is_shown_not_swallowed(demo):
    client = logged_in("operator-pati")
    warm(client)
    # Saving the signature leaves "… disimpan" for the next page opened: this one.
    narrative = reverse("narrative", kwargs={"slug": "pati", "year": 2020})
    client.post(narrative, {"sign_place": "Pati", "sign_date": "2021-02-01"})
    response = client.get(URL)
    assert not is_hit(response)
    assert "disimpan" in response.content.decode()
    assert "disimpan" not in client.get(URL).content.decode()  # shown once


def test_the_remembered_year_follows_a_cached_page(demo):
    client = logged_in("operator-pati")
    warm(client)
    client.get(reverse("workspace", kwargs={"slug": "pati", "year": 2019}))
    assert client.session["year:pati"] == 2019
    assert is_hit(client.get(URL))
    assert client.session["year:pati"] == 2020


def test_the_logged_in_user_is_not_read_from_the_database_each_request(demo):
    client = logged_in("operator-pati")
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    assert not [q for q in captured.captured_queries if 'FROM "auth_user"' in q["sql"]]
    assert not [q for q in captured.captured_queries if 'FROM "django_session"' in q["sql"]]


def test_region_method_change_invalidates_its_agencies(demo):
    agency = Agency.objects.get(slug="pati")
    region = Region.objects.get(pk=agency.region_id)
    region.negative_method = Region.NegativeMethod.INVERSE
    region.save()
    agency_after = Agency.objects.get(pk=agency.pk)
    assert agency_after.data_version > agency.data_version


def test_saving_a_stale_agency_does_not_undo_a_version_bump(demo):
    stale = Agency.objects.get(slug="pati")
    bump_data_version([stale.pk])
    bumped = Agency.objects.get(pk=stale.pk).data_version
    stale.phone = "0295-123"
    stale.save()
    assert Agency.objects.get(pk=stale.pk).data_version > bumped


def test_forms_on_a_cached_page_still_pass_the_csrf_check(demo):
    import re

    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    page = warm(client)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302  # accepted: a refused token answers 403
    assert client.get(URL).status_code == 302  # and really logged out


def test_a_new_csrf_secret_gets_a_page_with_tokens_for_it(demo):
    import re

    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    warm(client)
    client.cookies["csrftoken"] = "B" * 32  # the browser's CSRF cookie was renewed
    response = client.get(URL)
    assert not is_hit(response)  # the copy holds tokens for the old secret
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302
