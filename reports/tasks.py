"""Background work: building a report's PDF (django-tasks).

Every draft PDF is built by a task, once per data version of its agency, and kept (in
the database, for every process) until a newer version's PDF replaces it: a download of
an unchanged report reads the stored file, a download of a changed one starts a build,
or joins the one already running, and shows its progress.

In production a worker backend (`django_tasks_db.DatabaseBackend` + `manage.py
db_worker`) runs the task in another process, so no web request builds a PDF; the
immediate backend (tests) runs it at once, and the download is then served directly.
Arguments are plain ids (JSON round trip).

A report accepted as final gets its archived PDF this way too when it is large: building
1 500 pages takes minutes, longer than any web request may run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from agencies.models import Agency
from budget.models import BudgetItem
from indicators.models import Indicator

from . import cached
from .models import PdfBuild, Report, ReportArchive, ReportEvent
from .pdf import render_pdf

KEPT_BUILDS = 3  # per agency-year: the current PDF and the two before (pages still polling them)


def is_large(agency: Agency, year: int) -> bool:
    """Whether the report is big enough to build its PDF in the background."""
    indicators = Indicator.objects.filter(
        period__agency=agency, period__start_year__lte=year, period__end_year__gte=year
    ).count()
    lines = BudgetItem.objects.filter(agency=agency, year=year).count()
    return indicators + lines > settings.LARGE_REPORT_SIZE


def archive_if_final(build: PdfBuild, pdf: bytes) -> ReportArchive | None:
    """A build made while the report is final becomes its archived PDF, if it has none yet.

    Its data was locked for the whole build only if the report's latest step is the
    acceptance that came before the build started; a report reopened (or reopened and
    accepted again) meanwhile gets its archive from a later build.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(agency=build.agency, year=build.year).first()
        if report is None or report.status != Report.Status.FINAL:
            return None
        latest = report.events.order_by("-at", "-id").first()
        if latest is None or latest.action != ReportEvent.Action.ACCEPT or latest.at > build.created_at:
            return None
        if report.archives.filter(created_at__gte=latest.at).exists():
            return None
        return ReportArchive.store(report, pdf)


def current_build(agency: Agency, year: int, user=None) -> PdfBuild:
    """The PDF build of the agency-year's current data version: the finished one, the one
    under way, or a new one queued now. Without its PDF bytes (a page only needs the
    status); `PdfBuild.pdf` is read by the download."""
    with transaction.atomic():
        # One starter at a time per agency: two first downloads share one build.
        version = Agency.objects.select_for_update().values_list("data_version", flat=True).get(pk=agency.pk)
        builds = PdfBuild.objects.filter(agency=agency, year=year, data_version__gte=version).defer("pdf")
        build = builds.exclude(status=PdfBuild.Status.FAILED).order_by("-pk").first()
        if build is None:
            build = PdfBuild.objects.create(agency=agency, year=year, requested_by=user, data_version=version)
            transaction.on_commit(lambda: build_pdf.enqueue(build.pk))
    return PdfBuild.objects.defer("pdf").get(pk=build.pk)  # the immediate backend has finished it


def _prune(build: PdfBuild) -> None:
    older = PdfBuild.objects.filter(agency=build.agency, year=build.year).exclude(
        status__in=[PdfBuild.Status.QUEUED, PdfBuild.Status.RUNNING]
    )
    stale = older.order_by("-pk").values_list("pk", flat=True)[KEPT_BUILDS:]
    PdfBuild.objects.filter(pk__in=list(stale)).delete()


def _advance(build: PdfBuild, progress: int, step: str, **fields) -> None:
    build.progress, build.step = progress, step
    for name, value in fields.items():
        setattr(build, name, value)
    build.save(update_fields=["progress", "step", *fields])


@task()
def build_pdf(build_id: int) -> None:
    build = PdfBuild.objects.select_related("agency__region").get(pk=build_id)
    try:
        # The version read before anything is built: what the PDF shows is at least this new.
        version = build.agency.data_version
        _advance(build, 5, "Menghitung capaian dan anggaran", status=PdfBuild.Status.RUNNING, data_version=version)
        cached.document(build.agency, build.year)
        _advance(build, 25, "Menyusun dokumen")
        html = cached.output(build.agency, build.year, "print")
        if html is None:
            raise ValueError(f"Tahun {build.year} di luar periode Renstra: tidak ada laporan.")
        _advance(build, 35, "Membuat halaman PDF (tahap terlama)")
        pdf, pages = render_pdf(html)
        archive_if_final(build, pdf)
        _advance(
            build,
            100,
            "Selesai",
            status=PdfBuild.Status.DONE,
            pdf=pdf,
            pages=pages,
            finished_at=timezone.now(),
        )
        _prune(build)
    except Exception as error:  # noqa: BLE001 - any failure is reported to the user, then re-raised
        _advance(
            build,
            build.progress,
            "Gagal",
            status=PdfBuild.Status.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        raise
