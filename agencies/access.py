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


def can_edit_year(user, agency: Agency, year: int) -> bool:
    """Whether edit controls for the agency's data of `year` should be shown: the user
    may write and the year is neither under review nor final."""
    return can_write(user, agency) and year not in locked_years(agency.pk)


def can_edit_years(user, agency: Agency, start: int, end: int) -> bool:
    """The same for a Renstra plan: frozen while any year it covers is locked."""
    return can_write(user, agency) and not any(start <= y <= end for y in locked_years(agency.pk))


def can_edit_profile(user, agency: Agency) -> bool:
    """Who may change the agency's identity (name, address, head): administrators, and
    users an administrator gave the "change agency" permission. Operators enter the
    agency's data, not who the agency is."""
    return user.is_superuser or (user.has_perm("agencies.change_agency") and can_write(user, agency))


def locked_years(agency_id: int) -> set[int]:
    return set(LockedYear.objects.filter(agency_id=agency_id).values_list("year", flat=True))


def lock_reasons(agency_id: int) -> dict[int, str]:
    return dict(LockedYear.objects.filter(agency_id=agency_id).values_list("year", "reason"))


def year_locked_message(year: int, reason: str = LockedYear.Reason.FINAL) -> str:
    """Why the year cannot change, and how to get it back."""
    if reason == LockedYear.Reason.UNDER_REVIEW:
        return (
            f"Laporan tahun {year} sedang direviu (Diajukan): datanya dibekukan selama reviu. Minta reviewer "
            "mengembalikan laporan bila ada yang harus diubah."
        )
    return (
        f"Laporan tahun {year} sudah final: datanya terkunci. Minta administrator membuka kembali laporan "
        "bila ada yang harus diubah."
    )


def plan_locked_message(start: int, end: int, reasons: dict[int, str]) -> str:
    years = ", ".join(map(str, sorted(reasons)))
    if all(r == LockedYear.Reason.UNDER_REVIEW for r in reasons.values()):
        return (
            f"Renstra {start}-{end} dipakai laporan tahun {years} yang sedang direviu; rencana dibekukan sampai "
            "laporan dikembalikan oleh reviewer."
        )
    return (
        f"Renstra {start}-{end} dipakai laporan final atau yang sedang direviu (tahun {years}); rencana tidak "
        "dapat diubah sebelum laporan dikembalikan atau dibuka kembali oleh administrator."
    )


def assert_year_writable(agency: Agency, year: int) -> None:
    """403 with a clear message when the year's report is final."""
    reasons = lock_reasons(agency.pk)
    if year in reasons:
        raise PermissionDenied(year_locked_message(year, reasons[year]))


def assert_years_writable(agency: Agency, start: int, end: int) -> None:
    """For the Renstra plan: locked while any report of its period is final."""
    reasons = {y: r for y, r in lock_reasons(agency.pk).items() if start <= y <= end}
    if reasons:
        raise PermissionDenied(plan_locked_message(start, end, reasons))
