"""Who may see and change which agency: the one place every view asks."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Agency, LockedYear


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


def locked_years(agency_id: int) -> set[int]:
    return set(LockedYear.objects.filter(agency_id=agency_id).values_list("year", flat=True))


def year_locked_message(year: int) -> str:
    return (
        f"Laporan tahun {year} sudah final: datanya terkunci. Minta administrator membuka kembali laporan "
        "bila ada yang harus diubah."
    )


def assert_year_writable(agency: Agency, year: int) -> None:
    """403 with a clear message when the year's report is final."""
    if year in locked_years(agency.pk):
        raise PermissionDenied(year_locked_message(year))


def assert_years_writable(agency: Agency, start: int, end: int) -> None:
    """For the Renstra plan: locked while any report of its period is final."""
    locked = sorted(y for y in locked_years(agency.pk) if start <= y <= end)
    if locked:
        raise PermissionDenied(
            f"Renstra {start}-{end} dipakai laporan final tahun {', '.join(map(str, locked))}; rencana tidak "
            "dapat diubah sebelum laporan dibuka kembali oleh administrator."
        )
