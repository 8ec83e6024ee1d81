"""A chapter text written by two people at once: the second writer is shown the
first one's text and replaces it only by saving again."""

from django.test import Client
from django.urls import reverse

from reports.models import Report, Section

from ..conftest import browser_form


def test_a_narrative_written_by_two_people_is_never_silently_replaced(agency_a, operator_a):
    """One chapter text, two writers: the second is shown the first one's text and
    replaces it only by saving again."""
    url = reverse("narrative_edit", args=[agency_a.slug, 2020, "latar_belakang"])
    Section.objects.create(report=Report.objects.create(agency=agency_a, year=2020), key="latar_belakang", body="Awal")
    a, b = Client(), Client()
    a.force_login(operator_a)
    b.force_login(operator_a)
    page_a = browser_form(a.get(url), "narrative-form")
    page_b = browser_form(b.get(url), "narrative-form")
    page_a["body"], page_b["body"] = "Teks A", "Teks B"
    assert a.post(url, page_a).status_code == 302
    clash = b.post(url, page_b)
    assert "menjadi «Teks A»" in clash.content.decode()
    assert Section.objects.get(key="latar_belakang").body == "Teks A"
    assert b.post(url, browser_form(clash, "narrative-form")).status_code == 302
    assert Section.objects.get(key="latar_belakang").body == "Teks B"
