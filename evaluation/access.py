"""Who does what in a SAKIP evaluation: the agency's operators fill the self-assessment
and answer follow-up items; its evaluators (the reviewers assigned to the agency, i.e.
the Inspektorat) fill the evaluation. Administrators may do both. Everyone else does
not learn the agency exists (404, from `get_agency_for`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from agencies.access import can_write, get_agency_for
from agencies.models import Agency, Membership


def get_agency(user, slug: str) -> Agency:
    return get_agency_for(user, slug)


def is_evaluator(user, agency: Agency) -> bool:
    return (
        user.is_superuser
        or Membership.objects.filter(user=user, agency=agency, role=Membership.Role.REVIEWER, unit_code="").exists()
    )


def is_agency_operator(user, agency: Agency) -> bool:
    return can_write(user, agency)


def require_evaluator(user, agency: Agency) -> None:
    if not is_evaluator(user, agency):
        raise PermissionDenied("Hanya evaluator (Inspektorat) instansi ini yang dapat mengisi penilaian evaluator.")


def require_operator(user, agency: Agency) -> None:
    if not is_agency_operator(user, agency):
        raise PermissionDenied("Hanya operator instansi ini yang dapat mengisi penilaian mandiri dan tindak lanjut.")


def evaluator_agencies(user):
    """The agencies a user evaluates (every agency for an administrator)."""
    if user.is_superuser:
        return Agency.objects.select_related("region")
    return Agency.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.REVIEWER, memberships__unit_code=""
    ).select_related("region")
