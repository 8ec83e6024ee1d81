"""The Renstra period form (vision and missions) is saved field by field and row by
row, like the budget line: two people editing it never undo each other."""

import pytest
from django.test import Client
from django.urls import reverse

from indicators.models import Mission, RenstraPeriod

from ..conftest import browser_form


@pytest.fixture
def period(agency_a):
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023, vision="Visi lama")
    Mission.objects.create(period=period, order=1, text="Misi satu")
    Mission.objects.create(period=period, order=2, text="Misi dua")
    return period


def page(client, period) -> dict:
    return browser_form(client.get(url(period)), "renstra-form")


def url(period):
    return reverse("renstra_edit", args=[period.agency.slug, period.pk])


def test_vision_and_missions_changed_by_two_people_are_both_kept(period, operator_a):
    a, b = Client(), Client()
    a.force_login(operator_a)
    b.force_login(operator_a)
    page_a, page_b = page(a, period), page(b, period)
    page_a["vision"] = "Visi baru"
    assert a.post(url(period), page_a).status_code == 302
    mission_row = next(k for k, v in page_b.items() if k.endswith("-text") and v == "Misi dua")
    page_b[mission_row] = "Misi dua, diperbaiki"
    assert b.post(url(period), page_b).status_code == 302
    period.refresh_from_db()
    assert period.vision == "Visi baru"
    assert list(period.missions.order_by("order").values_list("text", flat=True)) == [
        "Misi satu",
        "Misi dua, diperbaiki",
    ]
    # Both change the vision: B sees A's text, keeps his own, and overwrites it knowingly.
    page_a, page_b = page(a, period), page(b, period)
    page_a["vision"], page_b["vision"] = "Visi A", "Visi B"
    assert a.post(url(period), page_a).status_code == 302
    clash = b.post(url(period), page_b)
    assert "menjadi «Visi A»" in clash.content.decode()
    period.refresh_from_db()
    assert period.vision == "Visi A"
    assert b.post(url(period), browser_form(clash, "renstra-form")).status_code == 302
    period.refresh_from_db()
    assert period.vision == "Visi B"
