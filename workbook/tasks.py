"""Background work: checking and importing a large workbook (django-tasks; see
reports.tasks for the backends). Arguments are plain ids (JSON round trip)."""

from __future__ import annotations

from django_tasks import task

from . import runs
from .models import WorkbookImport


@task()
def check_import(import_id: int) -> None:
    attempt = WorkbookImport.objects.select_related("agency__region").get(pk=import_id)
    try:
        runs.check(attempt)
    except Exception as error:  # noqa: BLE001 - the user is told it failed, then it is re-raised
        runs.fail(import_id, error)
        raise


@task()
def apply_import(import_id: int) -> None:
    attempt = WorkbookImport.objects.select_related("agency__region").get(pk=import_id)
    try:
        runs.apply(attempt)
    except Exception as error:  # noqa: BLE001 - the user is told it failed, then it is re-raised
        runs.fail(import_id, error)
        raise
