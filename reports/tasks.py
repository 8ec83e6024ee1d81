"""Background work: building a large report's PDF (django-tasks).

Immediate by default (runs inside the request); in production a real worker backend
(`django_tasks_db.DatabaseBackend` + `manage.py db_worker`) runs it in another process
while the browser shows the progress page. Arguments are plain ids (JSON round trip).
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .document import build_document
from .models import PdfBuild
from .pdf import render_pdf
from .render import render_document


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
