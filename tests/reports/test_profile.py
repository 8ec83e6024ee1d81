"""The agency profile: read by everyone who sees the agency, changed only by users
allowed to edit the agency (administrators, or users given that permission)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from agencies.models import Agency, Membership
from reports.document import build_document
from reports.render import render_document

from ..conftest import make_user

PROFILE = {
    "name": "Dinas A",
    "address": "Jl. Pemuda 1",
    "phone": "",
    "email": "",
    "head_name": "Dr. Siti Aminah, M.Si.",
    "head_rank": "Pembina Utama Muda (IV/c)",
    "head_nip": "197001011990032001",
    "sign_place": "Kota Contoh",
}


@pytest.fixture
def operator(agency_a):
    return make_user("operator-a", agency_a, Membership.Role.OPERATOR)


def test_an_operator_reads_the_profile_but_cannot_change_it(client, agency_a, operator):
    client.force_login(operator)
    page = client.get(reverse("agency_profile", args=[agency_a.slug])).content.decode()
    assert 'data-testid="profile"' in page and "<form" not in page.split('data-testid="profile"')[1]
    assert client.post(reverse("agency_profile", args=[agency_a.slug]), PROFILE).status_code == 403
    assert Agency.objects.get(pk=agency_a.pk).head_name == ""


def test_a_user_given_the_permission_changes_it_and_the_report_uses_it(client, agency_a, operator):
    operator.user_permissions.add(Permission.objects.get(codename="change_agency"))
    client.force_login(operator)
    bad = client.post(reverse("agency_profile", args=[agency_a.slug]), {**PROFILE, "head_nip": "12345"})
    assert "NIP terdiri dari 18 angka." in bad.content.decode()
    assert client.post(reverse("agency_profile", args=[agency_a.slug]), PROFILE).status_code == 302
    agency = Agency.objects.get(pk=agency_a.pk)
    assert (agency.head_name, agency.head_nip, agency.sign_place) == (
        "Dr. Siti Aminah, M.Si.",
        "197001011990032001",
        "Kota Contoh",
    )
    html = render_document(build_document(agency, 2020))
    assert "Kota Contoh" in html and "Dr. Siti Aminah, M.Si." in html
