from html.parser import HTMLParser

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


class _FormParser(HTMLParser):
    """Collects what a browser submits from the first form with `method="post"` (or
    the one with the given id): inputs, checked boxes, selected options, textareas."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.done = form_id, False, False
        self.fields: dict[str, list[str]] = {}
        self.select = self.textarea = None
        self.multiple = False
        self.option_value = None
        self.first_options: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done:
            wanted = a.get("id") == self.form_id if self.form_id else (a.get("method") or "").lower() == "post"
            self.inside = self.inside or wanted
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.setdefault(name, []).append(a.get("value", "on" if a.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self.select, self.multiple = name, "multiple" in a
            self.fields.setdefault(name, [])
        elif tag == "option" and self.select:
            value = a.get("value", "")
            self.first_options.setdefault(self.select, value)
            if "selected" in a:
                self.fields[self.select].append(value)
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            if not self.fields[self.select] and not self.multiple:
                self.fields[self.select] = [self.first_options.get(self.select, "")]
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea][0] += data.removeprefix("\n") if not self.fields[self.textarea][0] else data


def browser_form(response, form_id=None) -> dict:
    """The page's form as a browser would submit it unchanged (without the CSRF token):
    name -> value, or a list of values for a name given more than once."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    fields = {name: values for name, values in parser.fields.items() if name != "csrfmiddlewaretoken"}
    return {name: values[0] if len(values) == 1 else values for name, values in fields.items() if values}


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path_factory):
    """Evidence files of each test go to a directory of their own, never the project's."""
    settings.EVIDENCE_ROOT = tmp_path_factory.mktemp("evidence")
    return settings.EVIDENCE_ROOT
