"""Who may see and change which agency: the one place every view asks."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Agency


def get_agency_for(user, slug: str, write: bool = False) -> Agency:
    """The agency `slug` if `user` may read it (and change it, with `write`).

    Outsiders get 404, so they cannot even learn that the agency exists; readers who
    may not write (reviewers) get 403.
    """
    try:
        agency = Agency.objects.visible_to(user).select_related("region").get(slug=slug)
    except Agency.DoesNotExist:
        raise Http404("Instansi tidak ditemukan") from None
    if write and not Agency.objects.editable_by(user).filter(pk=agency.pk).exists():
        raise PermissionDenied("Anda hanya dapat membaca data instansi ini.")
    return agency


def can_write(user, agency: Agency) -> bool:
    """Whether `user` may change `agency`'s data (to show or hide edit controls)."""
    return Agency.objects.editable_by(user).filter(pk=agency.pk).exists()
