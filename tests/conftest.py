import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from agencies.models import Agency, Membership, Region


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region(db):
    return Region.objects.create(name="Kabupaten Contoh", slug="kabupaten-contoh")


@pytest.fixture
def agency_a(region):
    return Agency.objects.create(region=region, name="Dinas A", slug="dinas-a")


@pytest.fixture
def agency_b(region):
    return Agency.objects.create(region=region, name="Dinas B", slug="dinas-b")


def make_user(username, agency=None, role=None, **extra):
    user = get_user_model().objects.create_user(username=username, password="secret-pass", **extra)
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def operator_a(agency_a):
    return make_user("operator-a", agency_a, Membership.Role.OPERATOR)


@pytest.fixture
def operator_b(agency_b):
    return make_user("operator-b", agency_b, Membership.Role.OPERATOR)


@pytest.fixture
def reviewer(agency_a, agency_b):
    user = make_user("reviewer-ab")
    for agency in (agency_a, agency_b):
        Membership.objects.create(user=user, agency=agency, role=Membership.Role.REVIEWER)
    return user


@pytest.fixture
def admin(db):
    return make_user("admin-user", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def domain_defaults(request):
    """The rows data migrations create (funding sources, default predicate scales).

    A transactional test (the browser test) flushes the database afterwards, data
    migrations included; tests that follow it still find the defaults.
    """
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif marker or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    from django.apps import apps as registry

    from budget.defaults import create_sources
    from indicators.defaults import create_scales

    create_sources(registry, None)
    create_scales(registry, None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back tests reuse ids and versions."""
    from django.core.cache import cache

    cache.clear()


def refused(create):
    """`create()` breaks a database constraint (and leaves the transaction usable)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def form_login(client, username: str, password: str) -> bool:
    """Log in through the login page, as a browser does (django-axes needs the request
    that Client.login does not pass)."""
    from django.urls import reverse

    return client.post(reverse("login"), {"username": username, "password": password}).status_code == 302
