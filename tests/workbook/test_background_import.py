"""A large workbook is checked and imported by a background task while the browser
follows its progress; the outcome (preview, errors, changes) is the same as inline."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators.models import Indicator, Realization
from workbook import runs, spec
from workbook.export import export_workbook
from workbook.models import WorkbookImport

from .test_workbook import agency, demo, edited, upload, yearly_realisasi_row  # noqa: F401 - demo is a fixture


@pytest.fixture
def operator(client, demo, settings):  # noqa: F811 - the fixture imported above
    settings.LARGE_IMPORT_BYTES = 1000  # every real workbook is "large" here
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    return client


def status(client, attempt) -> dict:
    return client.get(reverse("workbook_status", args=["pati", 2020, attempt.pk])).json()


def test_a_large_upload_is_checked_then_imported_in_the_background(operator, django_capture_on_commit_callbacks):
    data = export_workbook(agency("pati"), 2020)
    row = yearly_realisasi_row(data, "S2.1", 2020)
    with django_capture_on_commit_callbacks() as queued:
        response = upload(operator, edited(data, {(spec.REALISASI, f"D{row}"): "47,5"}))
    attempt = WorkbookImport.objects.get()
    assert response["Location"] == reverse("workbook_progress", args=["pati", 2020, attempt.pk])
    page = operator.get(response["Location"]).content.decode()
    assert "Sedang diperiksa" in page and "latar belakang" in page
    assert status(operator, attempt) == {
        "state": "checking",
        "label": "Sedang diperiksa",
        "step": "",
        "running": True,
        "next": "",
    }
    for callback in queued:  # the worker picks the task up
        callback()
    preview = reverse("workbook_preview", args=["pati", 2020, attempt.pk])
    assert status(operator, attempt)["next"] == preview
    assert "44,39 → <strong>47,5</strong>" in operator.get(preview).content.decode()
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    with django_capture_on_commit_callbacks() as queued:
        confirmed = operator.post(preview)
    assert confirmed["Location"] == reverse("workbook_progress", args=["pati", 2020, attempt.pk])
    assert status(operator, attempt)["label"] == "Sedang diimpor"
    assert Realization.objects.get(indicator=indicator, year=2020, quarter=None).value == D("44.39")  # not yet
    for callback in queued:
        callback()
    outcome = status(operator, attempt)["next"]
    assert outcome == reverse("workbook", args=["pati", 2020]) + f"?unggahan={attempt.pk}"
    assert "diimpor: Realisasi: 1 diubah" in operator.get(outcome).content.decode()
    assert Realization.objects.get(indicator=indicator, year=2020, quarter=None).value == D("47.5")
    attempt.refresh_from_db()
    assert attempt.pending is None and attempt.succeeded


def test_a_large_refused_upload_shows_its_errors_after_the_check(operator, django_capture_on_commit_callbacks):
    data = edited(export_workbook(agency("pati"), 2020), {(spec.REALISASI, "D2"): "x"})
    with django_capture_on_commit_callbacks(execute=True):
        upload(operator, data)
    attempt = WorkbookImport.objects.get()
    assert (attempt.state, attempt.pending) == ("refused", None)
    page = operator.get(status(operator, attempt)["next"]).content.decode()
    assert "1 galat pada pati.xlsx" in page and "&#x27;x&#x27; bukan angka" in page


def test_a_crashed_check_says_it_failed_instead_of_waiting_forever(
    operator, monkeypatch, django_capture_on_commit_callbacks
):
    def crash(attempt):
        raise MemoryError("memori habis")

    monkeypatch.setattr(runs, "check", crash)
    with django_capture_on_commit_callbacks(execute=True):
        upload(operator, export_workbook(agency("pati"), 2020))
    attempt = WorkbookImport.objects.get()
    assert status(operator, attempt)["state"] == "failed"
    page = operator.get(status(operator, attempt)["next"]).content.decode()
    assert "Pemrosesan pati.xlsx gagal" in page and "memori habis" in page
