import pytest
from django.conf import settings
from django.urls import reverse

from demo.loader import DEMO_PASSWORD, load_demo

from ..conftest import form_login


@pytest.fixture
def demo(db):
    load_demo()


def agencies_on_home(client, username):
    assert form_login(client, username, DEMO_PASSWORD)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response, [row["agency"].slug for row in response.context["rows"]]


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_operator_sees_only_their_agency(client, demo):
    response, slugs = agencies_on_home(client, "operator-pati")
    assert slugs == ["pati"]
    html = response.content.decode()
    assert "Kabupaten Pati" in html
    assert "Lumajang" not in html and "Denpasar" not in html
    # Pati 2020: mean of sasaran 102,00 % (counted 100 %, the default cap) and 82,20 %.
    assert "91,10 %" in html


def test_reviewer_sees_all_three(client, demo):
    _, slugs = agencies_on_home(client, "reviewer")
    assert sorted(slugs) == ["denpasar", "lumajang", "pati"]


def test_admin_sees_every_agency(client, demo):
    _, slugs = agencies_on_home(client, "admin")
    assert len(slugs) == 3


def test_user_without_membership_sees_none_and_is_told_why(client, demo, django_user_model):
    django_user_model.objects.create_user("stranger", password="x-secret-1")
    form_login(client, "stranger", "x-secret-1")
    response = client.get(reverse("home"))
    assert response.context["rows"] == []
    assert "belum terhubung" in response.content.decode()


def test_home_queries_do_not_depend_on_data_size_per_agency(client, demo, django_assert_max_num_queries):
    form_login(client, "reviewer", DEMO_PASSWORD)
    with django_assert_max_num_queries(40):
        client.get(reverse("home"))


def test_indonesian_whatever_the_browser_or_a_language_cookie_asks(client, demo):
    form_login(client, "operator-pati", DEMO_PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert "91,10 %" in page
    assert 'name="language"' not in page  # no switch that would promise another language


def test_login_and_logout(client, demo):
    response = client.post(reverse("login"), {"username": "operator-pati", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_shows_an_error(client, demo):
    response = client.post(reverse("login"), {"username": "operator-pati", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
