"""Large reports: the PDF is built by a background task while a progress page shows it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from demo.loader import load_demo
from reports.models import PdfBuild

from ..factories import make_agency


@pytest.fixture
def demo(db):
    load_demo()


def test_reviewer_builds_a_pdf_in_the_background_and_follows_its_progress(
    client, demo, django_capture_on_commit_callbacks
):
    client.force_login(get_user_model().objects.get(username="reviewer"))
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
    client.force_login(get_user_model().objects.get(username="operator-pati"))
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
    assert response.status_code == 200 and response.json() == {"database": "ok", "cache": "ok", "status": "ok"}
    assert client.get(reverse("alive")).content == b"ok"


def submitted_large_report(settings):
    from django.contrib.auth import get_user_model

    from agencies.models import Agency
    from reports import review as workflow
    from reports.models import Report

    settings.LARGE_REPORT_SIZE = 5  # Pati 2020 counts as large
    report = Report.objects.get_or_create(agency=Agency.objects.get(slug="pati"), year=2020)[0]
    workflow.submit_report(report, get_user_model().objects.get(username="operator-pati"))
    return report


def test_accepting_a_large_report_archives_its_pdf_in_the_background(
    client, demo, settings, django_capture_on_commit_callbacks
):
    import hashlib

    from reports.models import Report, ReportArchive

    report = submitted_large_report(settings)
    client.force_login(get_user_model().objects.get(username="reviewer"))
    with django_capture_on_commit_callbacks(execute=False) as worker_jobs:
        response = client.post(reverse("transition", args=["pati", 2020, "terima"]))
    # The request only locked the year and queued the build: no PDF was made in it.
    build = PdfBuild.objects.get()
    assert response.url == reverse("pdf_build", args=["pati", 2020, build.pk])
    report.refresh_from_db()
    assert report.status == Report.Status.FINAL
    assert not ReportArchive.objects.exists()
    assert "Buat PDF (laporan besar)" in client.get(reverse("workspace", args=["pati", 2020])).content.decode()

    for job in worker_jobs:  # what the worker process does
        job()
    archive = ReportArchive.objects.get()
    build.refresh_from_db()
    assert build.status == PdfBuild.Status.DONE
    assert bytes(archive.pdf) == bytes(build.pdf) and bytes(archive.pdf).startswith(b"%PDF")
    assert archive.sha256 == hashlib.sha256(bytes(archive.pdf)).hexdigest()
    download = client.get(reverse("report_pdf", args=["pati", 2020]))
    assert download.content == bytes(archive.pdf) and download["X-Content-SHA256"] == archive.sha256
    assert archive.sha256 in client.get(reverse("workspace", args=["pati", 2020])).content.decode()


def test_a_build_overtaken_by_a_reopen_is_not_archived(client, demo, settings, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    from reports import review as workflow
    from reports.models import ReportArchive

    report = submitted_large_report(settings)
    with django_capture_on_commit_callbacks(execute=False) as worker_jobs:
        workflow.accept_report(report, get_user_model().objects.get(username="reviewer"))
    workflow.reopen_report(report, get_user_model().objects.get(username="admin"), "Salah ketik pada BAB III")
    for job in worker_jobs:
        job()
    assert PdfBuild.objects.get().status == PdfBuild.Status.DONE  # a plain PDF for whoever asked
    assert not ReportArchive.objects.exists()  # but not the final archive of a report no longer final
