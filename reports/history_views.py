"""Audit history pages: who changed what, when, through which path, old -> new."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from agencies.access import get_agency_for
from core import registry
from core.audit import via_label
from core.numbers import format_number
from indicators.models import Indicator, Realization, Target
from indicators.navigation import agency_context, checked_year


def _changes(records, limit: int = 300) -> list[dict]:
    """Historical records as rows of who / when / via / what / old -> new."""
    rows = []
    for record in records[:limit]:
        previous = record.prev_record
        if record.history_type == "+":
            changes = [("(baru)", "", str(record.instance))]
        elif record.history_type == "-":
            changes = [("(dihapus)", str(record.instance), "")]
        elif previous is None:
            changes = []
        else:
            delta = record.diff_against(previous)
            changes = [
                (record.instance._meta.get_field(c.field).verbose_name, _show(c.old), _show(c.new))
                for c in delta.changes
            ]
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "via": via_label(getattr(record, "via", "")),
                "object": f"{record.instance._meta.verbose_name}: {record.instance}",
                "changes": changes,
            }
        )
    return rows


def _show(value) -> str:
    """A stored value as the rest of the app prints it (44.3900 -> 44,39)."""
    if value in (None, ""):
        return "-"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, Decimal):
        return format_number(value, places=None)
    return str(value)


def _merge(*querysets) -> list:
    records = [r for qs in querysets for r in qs]
    records.sort(key=lambda r: r.history_date, reverse=True)
    return records


@login_required
@require_safe
def agency_history(request, slug, year):
    """Every change to the agency-year's data, newest first: the models are those their
    apps declare as agency-year data (core/registry.py) that keep a history."""
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    records = _merge(
        *(
            entry.model.history.filter(
                **{f"{entry.agency}_id": agency.pk, f"{entry.first_year}__lte": year, f"{entry.last_year}__gte": year}
            ).select_related("history_user")[:300]
            for entry in registry.agency_year_entries()
            if hasattr(entry.model, "history")
        )
    )
    return render(
        request,
        "reports/history.html",
        agency_context(
            request, agency, year, rows=_changes(records), title=f"Riwayat perubahan {agency.name} {year}", tab="review"
        ),
    )


@login_required
@require_safe
def indicator_history(request, slug, indicator_id):
    agency = get_agency_for(request.user, slug)
    indicator = get_object_or_404(Indicator, pk=indicator_id, period__agency=agency)
    records = _merge(
        Indicator.history.filter(id=indicator.pk).select_related("history_user"),
        Target.history.filter(indicator_id=indicator.pk).select_related("history_user"),
        Realization.history.filter(indicator_id=indicator.pk).select_related("history_user"),
    )
    return render(
        request,
        "reports/history.html",
        agency_context(
            request,
            agency,
            rows=_changes(records),
            title=f"Riwayat indikator {indicator.code} {indicator.name}",
            tab="renstra",
        ),
    )
