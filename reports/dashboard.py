"""The reviewers' dashboard: one row per agency the user may read, for one year; the
same rows on the page and in its Excel download."""

from __future__ import annotations

import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, Max, Q
from openpyxl import Workbook
from openpyxl.styles import Font

from agencies.models import Agency
from budget.tree import budget_tree
from indicators.models import Realization, Target
from indicators.results import agency_year_results

from .models import Report

SUMMARY_TIMEOUT = 24 * 3600

SORTS = {
    "instansi": lambda r: r["agency"].name,
    "status": lambda r: r["status"],
    "capaian": lambda r: (r["capaian"] is None, -(r["capaian"] or 0)),
    "serapan": lambda r: (r["serapan"] is None, -(r["serapan"] or 0)),
    "catatan": lambda r: -r["open_notes"],
}


def visible_agencies(user):
    return Agency.objects.visible_to(user).select_related("region")


def latest_year_with_data(agencies) -> int:
    """The newest year in which any of the agencies entered a realization, else a
    target, else last calendar year (a dashboard of an empty year helps nobody)."""
    for model in (Realization, Target):
        year = model.objects.filter(indicator__period__agency__in=agencies).aggregate(latest=Max("year"))["latest"]
        if year:
            return year
    return date.today().year - 1


def years_with_data(agencies, around: int) -> list[int]:
    """The years offered as tabs: every year with a target or realization, and `around`."""
    years = set(
        Realization.objects.filter(indicator__period__agency__in=agencies).values_list("year", flat=True).distinct()
    )
    years |= set(
        Target.objects.filter(indicator__period__agency__in=agencies).values_list("year", flat=True).distinct()
    )
    return sorted(years | {around}, reverse=True)


def dashboard_rows(user, year: int, status_filter: str = "", sort: str = "instansi") -> list[dict]:
    agencies = visible_agencies(user)
    reports = {
        r.agency_id: r
        for r in Report.objects.filter(agency__in=agencies, year=year).annotate(
            open_notes=Count("notes", filter=Q(notes__resolved_at__isnull=True))
        )
    }
    rows = []
    agencies = list(agencies)
    summaries = agency_summaries(agencies, year)
    for agency in agencies:
        report = reports.get(agency.pk)
        status = report.status if report else Report.Status.DRAFT
        if status_filter and status != status_filter:
            continue
        rows.append(
            {
                "agency": agency,
                "report": report,
                "status": status,
                "status_label": Report.Status(status).label,
                **summaries[agency.pk],
                "open_notes": report.open_notes if report else 0,
            }
        )
    rows.sort(key=SORTS.get(sort, SORTS["instansi"]))
    return rows


def agency_summaries(agencies: list[Agency], year: int) -> dict[int, dict]:
    """Each agency's capaian, predicate and budget absorption for the year, computed once
    per data version and shared through the cache (a region's dashboard reads 40 of them
    in one cache round trip)."""
    keys = {agency.pk: f"summary:{agency.pk}:{year}:{agency.data_version}" for agency in agencies}
    found = cache.get_many(list(keys.values()))
    summaries, missing = {}, {}
    for agency in agencies:
        summary = found.get(keys[agency.pk])
        if summary is None:
            results = agency_year_results(agency, year)
            summary = {
                "capaian": results.capaian,
                "predicate": results.predicate,
                "serapan": budget_tree(agency, year).total().serapan,
            }
            missing[keys[agency.pk]] = summary
        summaries[agency.pk] = summary
    if missing:
        cache.set_many(missing, SUMMARY_TIMEOUT)
    return summaries


HEADERS = ["Pemda", "Instansi", "Status", "Capaian (%)", "Predikat", "Serapan anggaran (%)", "Catatan terbuka"]


def dashboard_workbook(rows: list[dict], year: int) -> bytes:
    """The dashboard as an Excel sheet: percentages as numbers rounded to 2 places,
    empty (not 0) where a value cannot be computed."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"Reviu {year}"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [
                row["agency"].region.name,
                row["agency"].name,
                row["status_label"],
                _percent(row["capaian"]),
                row["predicate"].label if row["predicate"] else None,
                _percent(row["serapan"]),
                row["open_notes"],
            ]
        )
    for column in ("D", "F"):
        for cell in sheet[column][1:]:
            cell.number_format = "0.00"
    for column, width in zip("ABCDEFG", (24, 60, 14, 12, 16, 20, 16), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _percent(value: Decimal | None) -> Decimal | None:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if value is not None else None
