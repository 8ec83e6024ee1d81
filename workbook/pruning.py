"""Stored upload attempts (their errors and annotated copies) do not pile up: each
agency keeps its last WORKBOOK_IMPORTS_KEEP attempts and anything newer than
WORKBOOK_IMPORTS_DAYS days."""

from datetime import timedelta

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .models import WorkbookImport


def prune_imports(agency_ids=None) -> int:
    """Delete the attempts no rule keeps; returns how many were deleted."""
    keep = settings.WORKBOOK_IMPORTS_KEEP
    cutoff = timezone.now() - timedelta(days=settings.WORKBOOK_IMPORTS_DAYS)
    attempts = WorkbookImport.objects.all()
    if agency_ids is not None:
        attempts = attempts.filter(agency_id__in=agency_ids)
    # The created_at of each agency's keep-th newest attempt: older ones are beyond the count.
    newest_kept = (
        WorkbookImport.objects.filter(agency_id=OuterRef("agency_id"))
        .order_by("-created_at", "-id")
        .values("created_at")[keep - 1 : keep]
    )
    stale = attempts.filter(created_at__lt=cutoff).annotate(limit=Subquery(newest_kept))
    doomed = [a.pk for a in stale if a.limit is not None and a.created_at < a.limit]
    WorkbookImport.objects.filter(pk__in=doomed).delete()
    return len(doomed)
