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


def test_the_editor_starts_from_the_generated_text_and_previews_as_printed(operator_a, agency_a, reviewer):
    """Before, the editor opened empty where the report printed generated text."""
    from indicators.models import RenstraPeriod

    RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023, vision="Visi")
    client = Client()
    client.force_login(operator_a)
    url = reverse("narrative_edit", args=[agency_a.slug, 2020, "kata_pengantar"])
    empty = client.get(url).content.decode()
    assert "Mulai dari teks otomatis" in empty
    started = browser_form(client.get(url, {"mulai": "otomatis"}), "narrative-form")
    assert started["body"].startswith("Puji syukur kami panjatkan")
    assert not Section.objects.exists()  # nothing is stored until the operator saves
    preview = reverse("narrative_preview", args=[agency_a.slug, 2020])
    answer = client.post(preview, {"body": "**Tebal** <script>alert(1)</script> ![x](http://contoh.id/a.png)"}).json()
    assert "<strong>Tebal</strong>" in answer["html"]
    assert "<script" not in answer["html"] and "contoh.id" not in answer["html"]
    reader = Client()
    reader.force_login(reviewer)
    assert reader.post(preview, {"body": "x"}).status_code == 403


def test_a_section_can_carry_sub_headings_and_tables_but_never_html_or_urls():
    from reports.narrative import render_narrative

    html = render_narrative(
        "# Keadaan pegawai\n\n"
        "| Golongan | Jumlah |\n|---|---:|\n| IV | 5 |\n| III | 12 |\n\n"
        '<table onclick="x"><tr><td>mentah</td></tr></table> [tautan](http://contoh.id) ![foto](http://contoh.id/a.png)'
    )
    assert "<h4>Keadaan pegawai</h4>" in html  # below the chapter's own headings
    assert '<table class="data narrative-table">' in html and "<th>Golongan</th>" in html and "<td>12</td>" in html
    assert "onclick" not in html and "contoh.id" not in html and "<a" not in html and "<img" not in html
    assert "tautan" in html  # the link's words stay
