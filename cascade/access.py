"""Who may read and change a unit's part of the cascade.

The agency's members reach every unit (operators write, reviewers read). A membership
scoped to a unit ("1.2") reaches that unit and the units under it, nothing else: not
other units, and not the agency's own pages (`Agency.objects.visible_to` leaves scoped
memberships out). Outsiders get 404, as everywhere; readers who may not write get 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from agencies.access import assert_year_writable, can_write
from agencies.models import Agency, Membership, covers_unit
from indicators.navigation import checked_year
from organisation.models import OrgUnit


def _scoped_memberships(user, slug: str):
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, agency__slug=slug).exclude(unit_code="").select_related("agency__region")
    )


def get_unit_for(user, slug: str, year: int, unit_id: int, write: bool = False) -> tuple[Agency, OrgUnit]:
    """The agency and its unit `unit_id` of `year`, if `user` may read it (and change
    it, with `write`; a locked year refuses changes with its reason)."""
    year = checked_year(year)
    agency = Agency.objects.visible_to(user).select_related("region").filter(slug=slug).first()
    scoped = [] if agency else _scoped_memberships(user, slug)
    if agency is None and not scoped:
        raise Http404("Instansi tidak ditemukan")
    agency = agency or scoped[0].agency
    unit = OrgUnit.objects.filter(pk=unit_id, agency=agency, year=year).first()
    reach = [m for m in scoped if unit is not None and covers_unit(m.unit_code, unit.code)]
    if unit is None or (scoped and not reach):
        raise Http404("Unit tidak ditemukan")
    if write:
        allowed = any(m.role == Membership.Role.OPERATOR for m in reach) if scoped else can_write(user, agency)
        if not allowed:
            raise PermissionDenied("Anda hanya dapat membaca data unit ini.")
        assert_year_writable(agency, year)
    return agency, unit


def can_write_unit(user, agency: Agency, unit: OrgUnit) -> bool:
    """Whether to show edit controls for the unit (the year lock is asked separately)."""
    if can_write(user, agency):
        return True
    return any(
        m.role == Membership.Role.OPERATOR and covers_unit(m.unit_code, unit.code)
        for m in _scoped_memberships(user, agency.slug)
    )


def units_of_user(user) -> list[OrgUnit]:
    """The units a user's unit-scoped memberships name, each in its latest recorded year
    (for the home page)."""
    if not user.is_authenticated:
        return []
    units = []
    for membership in Membership.objects.filter(user=user).exclude(unit_code="").order_by("agency__name", "unit_code"):
        unit = (
            OrgUnit.objects.filter(agency_id=membership.agency_id, code=membership.unit_code)
            .select_related("agency")
            .order_by("-year")
            .first()
        )
        if unit is not None:
            units.append(unit)
    return units
