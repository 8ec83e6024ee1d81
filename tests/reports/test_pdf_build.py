"""Large reports: the PDF is built by a background task while a progress page shows it."""

import pytest
from django.urls import reverse

from reports.demo import DEMO_PASSWORD, load_demo
from reports.models import PdfBuild

from ..factories import make_agency


@pytest.fixture
def demo(db):
    load_demo()


def test_reviewer_builds_a_pdf_in_the_background_and_follows_its_progress(
    client, demo, django_capture_on_commit_callbacks
):
    client.login(username="reviewer", password=DEMO_PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pdf_build_start", args=["lumajang", 2019]))
    build = PdfBuild.objects.get()
    assert response.url == reverse("pdf_build", args=["lumajang", 2019, build.pk])
    page = client.get(response.url).content.decode()
    assert "PDF LKjIP 2019" in page and "progress-bar" in page
    status = client.get(reverse("pdf_build_status", args=["lumajang", 2019, build.pk])).json()
    assert status["status"] == "done" and status["progress"] == 100 and status["pages"] > 10
    pdf = client.get(reverse("pdf_build_download", args=["lumajang", 2019, build.pk]))
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"


def test_other_agencies_builds_are_not_reachable(client, demo):
    client.login(username="operator-pati", password=DEMO_PASSWORD)
    assert client.post(reverse("pdf_build_start", args=["lumajang", 2019])).status_code == 404
    build = PdfBuild.objects.create(
        agency_id=PdfBuild._meta.get_field("agency").related_model.objects.get(slug="lumajang").pk,
        year=2019,
        status="done",
        pdf=b"%PDF",
    )
    assert client.get(reverse("pdf_build_download", args=["pati", 2019, build.pk])).status_code == 404


def test_workspace_offers_the_background_build_for_large_reports(client, db, settings):
    from agencies.models import Membership

    from ..conftest import make_user

    settings.LARGE_REPORT_SIZE = 20
    big = make_agency("besar", indicators=12, budget_lines=30)
    small = make_agency("kecil", indicators=2, budget_lines=5)
    user = make_user("op", big, Membership.Role.OPERATOR)
    Membership.objects.create(user=user, agency=small, role=Membership.Role.OPERATOR)
    client.force_login(user)
    assert "Buat PDF (laporan besar)" in client.get(reverse("workspace", args=["besar", 2021])).content.decode()
    assert "Buat PDF (laporan besar)" not in client.get(reverse("workspace", args=["kecil", 2021])).content.decode()


def test_health_check_answers_without_login(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"
