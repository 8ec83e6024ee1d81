"""The signing date is written the Indonesian way, dd/mm/yyyy, and refused in plain
Indonesian when it is not a date (the browser's own field showed mm/dd/yyyy)."""

import datetime

from django.urls import reverse

from reports.models import Report


def test_the_signing_date_reads_and_shows_dd_mm_yyyy(client, operator_a, agency_a):
    client.force_login(operator_a)
    url = reverse("narrative", args=[agency_a.slug, 2020])
    page = client.get(url).content.decode()
    assert 'placeholder="hh/bb/tttt"' in page and "data-datepicker" in page and 'type="date"' not in page
    assert client.post(url, {"sign_place": "Pati", "sign_date": "31/12/2020"}).status_code == 302
    assert Report.objects.get(agency=agency_a, year=2020).sign_date == datetime.date(2020, 12, 31)
    assert 'value="31/12/2020"' in client.get(url).content.decode()
    refused = client.post(url, {"sign_place": "Pati", "sign_date": "12/31/2020"}).content.decode()
    assert "Tulis tanggal sebagai hh/bb/tttt, misalnya 31/12/2020." in refused
    assert Report.objects.get(agency=agency_a, year=2020).sign_date == datetime.date(2020, 12, 31)
