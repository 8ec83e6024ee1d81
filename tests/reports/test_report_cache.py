"""The report is built once per data version and shared: an unchanged report is never
rebuilt (HTML, JSON or PDF), and a value changed in the grid is in the very next HTML,
JSON and PDF download. The suite runs on SQLite and on PostgreSQL (.ci/run)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from demo.loader import load_demo
from indicators.models import Indicator
from reports import cached, tasks
from reports.models import PdfBuild

from ..conftest import browser_form
from .test_report import pdf_pages


@pytest.fixture
def demo(db):
    load_demo()


@pytest.fixture
def counted(monkeypatch):
    """How many times the document is built and a PDF rendered."""
    calls = {"document": 0, "pdf": 0}
    build, render = cached.build_document, tasks.render_pdf

    def counting_build(*args):
        calls["document"] += 1
        return build(*args)

    def counting_render(*args):
        calls["pdf"] += 1
        return render(*args)

    monkeypatch.setattr(cached, "build_document", counting_build)
    monkeypatch.setattr(tasks, "render_pdf", counting_render)
    return calls


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def download(client, capture):
    """The PDF download as a person makes it: a stale PDF answers with its build's
    progress page (the test's task backend builds it when the request commits), then
    the download is the stored file."""
    url = reverse("report_pdf", args=["pati", 2020])
    with capture(execute=True):
        response = client.get(url)
    if response.status_code == 302:
        assert "/laporan/pdf/" in response.url
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_an_unchanged_report_is_built_once_for_everyone(demo, counted, django_capture_on_commit_callbacks):
    reviewer, operator = client_for("reviewer"), client_for("operator-pati")
    for client in (reviewer, operator, reviewer):
        assert client.get(reverse("report_html", args=["pati", 2020])).status_code == 200
        assert client.get(reverse("report_json", args=["pati", 2020])).status_code == 200
    assert counted["document"] == 1
    first = download(operator, django_capture_on_commit_callbacks)
    second = download(reviewer, django_capture_on_commit_callbacks)
    assert first["Content-Type"] == second["Content-Type"] == "application/pdf"
    assert first.content == second.content  # the stored file, read again
    assert counted == {"document": 1, "pdf": 1}
    assert PdfBuild.objects.filter(agency__slug="pati", status="done").count() == 1


def test_a_value_changed_in_the_grid_is_in_the_next_html_json_and_pdf(
    demo, counted, django_capture_on_commit_callbacks
):
    operator = client_for("operator-pati")
    indicator = Indicator.objects.get(period__agency__slug="pati", name="Persentase koperasi aktif")
    html = operator.get(reverse("report_html", args=["pati", 2020])).content.decode()
    assert "77,77" not in html
    download(operator, django_capture_on_commit_callbacks)

    grid = reverse("grid", args=["pati", 2020])
    form = browser_form(operator.get(grid), "grid-form")
    form[f"i{indicator.pk}-realization"] = "77,77"
    assert operator.post(grid, form).status_code == 302

    html = operator.get(reverse("report_html", args=["pati", 2020])).content.decode()
    assert "77,77" in html
    data = operator.get(reverse("report_json", args=["pati", 2020])).json()
    assert next(i for i in data["indicators"] if i["code"] == indicator.code)["realization"] == "77.77"
    pdf = download(operator, django_capture_on_commit_callbacks)
    assert pdf["Content-Type"] == "application/pdf"
    assert any("77,77" in page for page in pdf_pages(pdf.content))
    assert counted == {"document": 2, "pdf": 2}


def test_a_stale_pdf_is_built_in_the_background_while_its_progress_shows(demo, counted):
    operator = client_for("operator-pati")
    # Without running the queued task (as with a worker process): the download waits for it.
    response = operator.get(reverse("report_pdf", args=["pati", 2020]))
    build = PdfBuild.objects.get(agency__slug="pati")
    assert response.status_code == 302
    assert response.url == reverse("pdf_build", args=["pati", 2020, build.pk])
    assert counted["pdf"] == 0 and build.status == "queued"
    # A second download joins the same build instead of queueing another.
    assert client_for("reviewer").get(reverse("report_pdf", args=["pati", 2020])).url == response.url
    assert PdfBuild.objects.filter(agency__slug="pati").count() == 1
