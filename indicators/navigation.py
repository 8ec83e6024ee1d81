"""The year a user is working on, remembered per agency across pages, and what every
agency page shares (its context, the confirmation before a deletion)."""

from datetime import date

from django.db import router
from django.db.models.deletion import Collector
from django.http import Http404
from django.shortcuts import render

from agencies.models import Agency

from .models import Realization, RenstraPeriod, Target

FIRST_YEAR, LAST_YEAR = 2000, 2100


def checked_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("Tahun di luar jangkauan")
    return year


def remember_year(request, slug: str, year: int) -> None:
    key = f"year:{slug}"
    if request.session.get(key) != year:  # writing an unchanged value would save the session each request
        request.session[key] = year


def latest_data_year(agency: Agency) -> int | None:
    """The newest year with a realization entered, else the newest year with a target."""
    realization = Realization.objects.filter(indicator__period__agency=agency).order_by("-year").first()
    if realization:
        return realization.year
    target = Target.objects.filter(indicator__period__agency=agency).order_by("-year").first()
    return target.year if target else None


def working_year(request, agency: Agency) -> int:
    """The year last opened for this agency, else the newest year with data, else last
    year if a Renstra covers it, else the newest Renstra year, else last calendar year."""
    remembered = request.session.get(f"year:{agency.slug}")
    if isinstance(remembered, int):
        return remembered
    latest = latest_data_year(agency)
    if latest:
        return latest
    last_year = date.today().year - 1
    periods = list(RenstraPeriod.objects.filter(agency=agency).order_by("-start_year"))
    if not periods or any(p.start_year <= last_year <= p.end_year for p in periods):
        return last_year
    return min(periods[0].end_year, max(periods[0].start_year, last_year))


def agency_years(agency: Agency) -> list[int]:
    """Every year of the agency's Renstra periods, newest first (for the year switcher)."""
    years = set()
    for period in RenstraPeriod.objects.filter(agency=agency):
        years.update(period.years)
    return sorted(years, reverse=True)


def agency_context(request, agency: Agency, year: int | None = None, **extra) -> dict:
    """What every agency page shows: the agency, the working year, the year switcher."""
    return {"agency": agency, "year": year or working_year(request, agency), "years": agency_years(agency), **extra}


def deleted_with(doomed) -> list[str]:
    """What deleting `doomed` takes with it, counted by kind ("4 indikator", "1 tabel
    data"): every row the database would delete in cascade, whichever app holds it."""
    collector = Collector(using=router.db_for_write(type(doomed)))
    collector.collect([doomed])
    counts: dict = {}
    for model, rows in collector.data.items():
        counts[model] = counts.get(model, 0) + len(rows) - (1 if model is type(doomed) else 0)
    for rows in collector.fast_deletes:
        counts[rows.model] = counts.get(rows.model, 0) + rows.count()
    return [f"{n} {model._meta.verbose_name_plural}" for model, n in counts.items() if n]


def confirm_delete(request, agency: Agency, what: str, consequences: list[str], cancel_url: str, year=None):
    """The page asking before anything is deleted: what goes, and what goes with it."""
    return render(
        request,
        "confirm_delete.html",
        agency_context(request, agency, year, what=what, consequences=consequences, cancel_url=cancel_url),
    )
