"""Accounts: login throttling, password change for every user, password reset by
e-mail, and an administrator forcing a reset."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from ..conftest import make_user


@pytest.fixture
def operator(db):
    return make_user("operator-x", email="operator@example.go.id")


def login(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, follow=False
    )


def test_thirty_wrong_passwords_lock_the_user_out_with_a_clear_message(client, operator):
    """Before, 30 wrong passwords and then the right one logged in."""
    for _ in range(30):
        login(client, "operator-x", "salah-terus")
    response = login(client, "operator-x", "secret-pass")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in page and "15 menit" in page
    assert "_auth_user_id" not in client.session
    # Another address does not help: the user name itself is locked.
    assert login(client, "operator-x", "secret-pass", address="10.0.0.2").status_code == 429


def test_one_address_guessing_many_users_is_stopped_too(client, db):
    for n in range(12):
        make_user(f"korban-{n}")
        login(client, f"korban-{n}", "tebakan", address="10.9.9.9")
    make_user("sah")
    assert login(client, "sah", "secret-pass", address="10.9.9.9").status_code == 429
    assert login(client, "sah", "secret-pass", address="10.1.1.1").status_code == 302


def test_a_few_mistakes_then_the_right_password_logs_in_and_resets_the_count(client, operator):
    for _ in range(9):
        login(client, "operator-x", "salah")
    assert login(client, "operator-x", "secret-pass").status_code == 302


def test_every_user_can_change_their_password(client, operator):
    client.force_login(operator)
    page = client.get(reverse("home")).content.decode()
    assert reverse("password_change") in page
    response = client.post(
        reverse("password_change"),
        {"old_password": "secret-pass", "new_password1": "Kinerja-2026-baru", "new_password2": "Kinerja-2026-baru"},
    )
    assert response.status_code == 302
    operator.refresh_from_db()
    assert operator.check_password("Kinerja-2026-baru")
    wrong = client.post(
        reverse("password_change"), {"old_password": "keliru", "new_password1": "a", "new_password2": "b"}
    )
    assert "Kata sandi lama Anda salah" in wrong.content.decode() or "old_password" in wrong.context["form"].errors


def test_a_password_reset_by_email_sets_a_new_password(client, operator):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
    client.post(reverse("password_reset"), {"email": "operator@example.go.id"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Atur ulang kata sandi LKjIP" and "operator-x" in message.body
    link = re.search(r"https?://[^/]+(/akun/atur-ulang/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form_page.content.decode()
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Reset-2026-aman", "new_password2": "Reset-2026-aman"}
    )
    operator.refresh_from_db()
    assert operator.check_password("Reset-2026-aman")
    # An unknown address gets the same answer and no mail (nobody learns who has an account).
    client.post(reverse("password_reset"), {"email": "tidak-ada@example.go.id"})
    assert len(mail.outbox) == 1


def test_an_admin_can_force_a_password_reset(client, operator):
    admin = User.objects.create_superuser("admin-x", "admin@example.go.id", "admin-pass-1")
    client.force_login(admin)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "force_password_reset", "_selected_action": [operator.pk]},
        follow=True,
    )
    assert "1 tautan dikirim" in response.content.decode()
    operator.refresh_from_db()
    assert not operator.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["operator@example.go.id"]


def test_a_wrong_password_is_refused_in_plain_indonesian(client, operator):
    page = login(client, "operator-x", "salah").content.decode()
    assert "Nama pengguna atau kata sandi salah." in page
    assert "nama pengguna nama pengguna" not in page.lower()


def test_the_favicon_exists_where_browsers_look_for_it(client, db):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("/favicon.svg")
    assert finders.find("favicon.svg")  # served by WhiteNoise (not by the test client)
