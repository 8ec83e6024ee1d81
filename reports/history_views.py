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

# Creations by one user through one path within this many seconds are one load (the
# demo, an import): shown as one line, not hundreds of "(baru)" rows.
FOLD_SECONDS = 120
FOLD_AT_LEAST = 5


def _changes(records, limit: int = 300) -> list[dict]:
    """Historical records as rows of who / when / via / what / old -> new."""
    rows = []
    related_names = _RelatedNames()
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
                (
                    str(record.instance._meta.get_field(c.field).verbose_name),
                    related_names.show(record, c.field, c.old),
                    related_names.show(record, c.field, c.new),
                )
                for c in delta.changes
            ]
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "via": via_label(getattr(record, "via", "")),
                "created": record.history_type == "+",
                "object": f"{record.instance._meta.verbose_name}: {record.instance}",
                "changes": changes,
            }
        )
    return _fold_loads(rows)


def _fold_loads(rows: list[dict]) -> list[dict]:
    """Runs of creations by the same user and path close in time become one row."""
    folded, run = [], []

    def flush():
        if len(run) >= FOLD_AT_LEAST:
            first, last = run[-1], run[0]  # newest first
            folded.append(
                {
                    **last,
                    "object": f"Data awal: {len(run)} data dibuat",
                    "changes": [],
                    "folded": [r["object"] for r in reversed(run)],
                    "since": first["when"],
                }
            )
        else:
            folded.extend(run)
        run.clear()

    for row in rows:
        same_load = (
            run
            and row["created"]
            and (row["who"], row["via"]) == (run[-1]["who"], run[-1]["via"])
            and (run[-1]["when"] - row["when"]).total_seconds() <= FOLD_SECONDS
        )
        if not same_load:
            flush()
        if row["created"]:
            run.append(row)
        else:
            folded.append(row)
    flush()
    return folded


class _RelatedNames:
    """A changed foreign key shown by the name of what it points to, not its number."""

    def __init__(self):
        self.seen: dict[tuple, str] = {}

    def show(self, record, field_name: str, value) -> str:
        field = record.instance._meta.get_field(field_name)
        if not field.is_relation or value in (None, ""):
            return _show(value)
        key = (field.related_model, value)
        if key not in self.seen:
            target = field.related_model._default_manager.filter(pk=value).first()
            self.seen[key] = str(target) if target is not None else f"#{value} (dihapus)"
        return self.seen[key]


def _show(value) -> str:
    """A stored value as the rest of the app prints it (44.3900 -> 44,39)."""
    if value in (None, ""):
        return "-"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, Decimal):
        return format_number(value, places=None)
    return str(value)


def _filtered(rows: list[dict], field: str, user: str) -> list[dict]:
    if user:
        rows = [r for r in rows if (r["who"].get_username() if r["who"] else "-") == user]
    if field:
        rows = [{**r, "changes": [c for c in r["changes"] if c[0] == field]} for r in rows]
        rows = [r for r in rows if r["changes"]]
    return rows


def _filter_choices(rows: list[dict]) -> dict:
    return {
        "fields": sorted({c[0] for r in rows for c in r["changes"] if not c[0].startswith("(")}),
        "users": sorted({r["who"].get_username() for r in rows if r["who"]}),
    }


def _history_page(request, agency, year, rows, title, tab, page_title):
    field, user = request.GET.get("isian", ""), request.GET.get("oleh", "")
    return render(
        request,
        "reports/history.html",
        agency_context(
            request,
            agency,
            year,
            rows=_filtered(rows, field, user),
            total=len(rows),
            choices=_filter_choices(rows),
            field=field,
            user_filter=user,
            title=title,
            page_title=page_title,
            tab=tab,
        ),
    )


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
    return _history_page(
        request, agency, year, _changes(records), f"Riwayat perubahan {agency.name} {year}", "review", f"Riwayat {year}"
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
    return _history_page(
        request,
        agency,
        None,
        _changes(records),
        f"Riwayat indikator {indicator.code} {indicator.name}",
        "renstra",
        f"Riwayat indikator {indicator.code}",
    )
