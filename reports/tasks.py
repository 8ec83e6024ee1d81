"""Background work: building a large report's PDF (django-tasks).

Immediate by default (runs inside the request); in production a real worker backend
(`django_tasks_db.DatabaseBackend` + `manage.py db_worker`) runs it in another process
while the browser shows the progress page. Arguments are plain ids (JSON round trip).

A large report accepted as final gets its archived PDF this way too: building 1 500
pages takes minutes, longer than any web request may run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from agencies.models import Agency
from budget.models import BudgetItem
from indicators.models import Indicator

from .document import build_document
from .models import PdfBuild, Report, ReportArchive, ReportEvent
from .pdf import render_pdf
from .render import render_document


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


def _advance(build: PdfBuild, progress: int, step: str, **fields) -> None:
    build.progress, build.step = progress, step
    for name, value in fields.items():
        setattr(build, name, value)
    build.save(update_fields=["progress", "step", *fields])


@task()
def build_pdf(build_id: int) -> None:
    build = PdfBuild.objects.select_related("agency__region").get(pk=build_id)
    try:
        _advance(build, 5, "Menghitung capaian dan anggaran", status=PdfBuild.Status.RUNNING)
        doc = build_document(build.agency, build.year)
        _advance(build, 25, "Menyusun dokumen")
        html = render_document(doc)
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
