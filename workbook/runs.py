"""The two steps of an upload, the same whether they run inside the request (a small
file) or in a background task (a large one): check it (a dry run that records what it
would change, or its errors), then, once the user confirms, import it.

Each step leaves its outcome on the WorkbookImport row; the views and the progress
page only read it.
"""

from __future__ import annotations

from django.conf import settings

from agencies.models import Agency

from . import spec
from .annotate import annotate
from .importer import MAX_ERRORS, ImportResult, import_workbook
from .models import WorkbookImport

# Marking up a copy loads the whole workbook into memory: only for files of a size
# people fix by hand. Larger ones get the error list.
ANNOTATE_MAX_BYTES = 2 * 1024 * 1024
ANNOTATE_MAX_ROWS = 10_000


def is_large(data: bytes) -> bool:
    """Whether checking or importing the file runs in the background."""
    return len(data) > settings.LARGE_IMPORT_BYTES


def check(attempt: WorkbookImport) -> None:
    """The dry run: the preview of what the file changes, or the reasons it is refused."""
    _advance(attempt, WorkbookImport.State.CHECKING, "Membaca dan memeriksa berkas")
    data = bytes(attempt.pending)
    result = _run(attempt, data, dry_run=True)
    attempt.errors = [_issue_dict(i) for i in result.errors]
    attempt.error_count = result.error_count
    attempt.notes = [_issue_dict(i) for i in result.notes[:MAX_ERRORS]]
    if result.ok:
        attempt.state, attempt.step = WorkbookImport.State.PREVIEW, ""
        attempt.data_version = attempt.agency.data_version
        attempt.changes = changes_json(result)
    else:
        attempt.state, attempt.step = WorkbookImport.State.REFUSED, ""
        attempt.annotated = annotate(data, result.errors) if annotatable(data, result) else None
        attempt.pending = None  # a refused file is not kept
    attempt.save()


def apply(attempt: WorkbookImport) -> None:
    """Import a previewed file. When the agency's data changed since the preview, the
    preview is made again instead (state back to PREVIEW, `step` says why)."""
    _advance(attempt, WorkbookImport.State.IMPORTING, "Menyimpan data")
    data = bytes(attempt.pending)
    agency = Agency.objects.get(pk=attempt.agency_id)
    if agency.data_version != attempt.data_version:
        result = _run(attempt, data, dry_run=True)
        attempt.data_version = agency.data_version
        if result.ok:
            attempt.state, attempt.changes = WorkbookImport.State.PREVIEW, changes_json(result)
            attempt.step = "Data instansi berubah sejak pratinjau dibuat; periksa pratinjau baru ini."
        else:
            attempt.state, attempt.pending, attempt.changes = WorkbookImport.State.REFUSED, None, {}
            attempt.errors, attempt.error_count = [_issue_dict(i) for i in result.errors], result.error_count
            attempt.step = "Data instansi berubah sejak pratinjau dibuat; berkas ini tidak lagi dapat diimpor."
        attempt.save()
        return
    result = _run(attempt, data, dry_run=False)
    if result.ok:
        attempt.state, attempt.succeeded, attempt.pending = WorkbookImport.State.IMPORTED, True, None
        attempt.changes, attempt.step = changes_json(result), ""
    else:  # refused although the preview passed: a lock or a rule that changed meanwhile
        attempt.state, attempt.pending = WorkbookImport.State.REFUSED, None
        attempt.errors, attempt.error_count = [_issue_dict(i) for i in result.errors], result.error_count
        attempt.step = "Impor ditolak."
    attempt.save()


def fail(attempt_id: int, error: Exception) -> None:
    """A step that crashed: the user sees it failed instead of a page waiting forever."""
    WorkbookImport.objects.filter(pk=attempt_id).update(
        state=WorkbookImport.State.FAILED, step=f"Gagal: {error}"[:200], pending=None
    )


def _advance(attempt: WorkbookImport, state: str, step: str) -> None:
    attempt.state, attempt.step = state, step
    attempt.save(update_fields=["state", "step"])


def _run(attempt: WorkbookImport, data: bytes, dry_run: bool) -> ImportResult:
    return import_workbook(
        data,
        attempt.year,
        agency=attempt.agency,
        replace=attempt.replace,
        may_change_identity=attempt.identity_allowed,
        dry_run=dry_run,
    )


def changes_json(result: ImportResult) -> dict:
    rows = {
        spec.SASARAN: result.counts.get("sasaran"),
        spec.INDIKATOR: result.counts.get("indikator"),
        spec.TARGET: result.counts.get("target"),
        spec.REALISASI: result.counts.get("realisasi"),
        spec.ANALISIS: result.counts.get("analisis"),
        spec.ANGGARAN: result.counts.get("anggaran"),
        spec.TUGAS: result.counts.get("tugas"),
        spec.ORGANISASI: result.counts.get("organisasi"),
        spec.PEGAWAI: result.counts.get("pegawai"),
        spec.ASET: result.counts.get("aset"),
        spec.TABEL_DATA: result.counts.get("tabel"),
    }
    return result.changes.as_json({k: v for k, v in rows.items() if v is not None})


def annotatable(data: bytes, result: ImportResult) -> bool:
    return len(data) <= ANNOTATE_MAX_BYTES and result.rows_read <= ANNOTATE_MAX_ROWS


def _issue_dict(issue) -> dict:
    return {"sheet": issue.sheet, "row": issue.row, "column": issue.column, "message": issue.message}
