"""The agency's organisation in one year, as BAB I prints it: read by everyone who sees
the agency, edited part by part (tugas/fungsi, units, staff, assets) by its operators
while the year is open. Every part saves field by field (core.concurrency)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from agencies.access import assert_year_writable, can_edit_year, get_agency_for
from core import concurrency
from core.concurrency import saved_without_clash
from indicators.navigation import agency_context, checked_year, remember_year

from .chart import org_chart
from .forms import AssetFormSet, DutyForm, OrgUnitFormSet, PrintedTotalsForm, StaffCountFormSet
from .models import Asset, Duty, OrgUnit, StaffCount, StaffTotal
from .profile import agency_profile


@login_required
@require_safe
def organisation(request, slug, year):
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    remember_year(request, slug, year)
    profile = agency_profile(agency.pk, year)
    return render(
        request,
        "organisation/overview.html",
        agency_context(
            request,
            agency,
            year,
            profile=profile,
            chart=org_chart(profile.units),
            can_edit=can_edit_year(request.user, agency, year),
            tab="organisation",
        ),
    )


@login_required
def duty_form(request, slug, year):
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    assert_year_writable(agency, year)
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # read under lock, compared and written at once
        duty = Duty.objects.select_for_update().filter(agency=agency, year=year).first() or Duty(
            agency=agency, year=year
        )
        form = DutyForm(data, instance=duty)
        if saved_without_clash(request, form):
            messages.success(request, f"Tugas dan fungsi {year} disimpan.")
            return redirect("organisation", slug=agency.slug, year=year)
    return render(
        request,
        "organisation/duty_form.html",
        agency_context(request, agency, year, form=form, tab="organisation"),
    )


@dataclass(frozen=True)
class Part:
    model: type
    formset: type
    prefix: str
    title: str
    template: str


PARTS = {
    "unit": Part(OrgUnit, OrgUnitFormSet, "unit", "Susunan organisasi", "organisation/units_form.html"),
    "pegawai": Part(StaffCount, StaffCountFormSet, "pegawai", "Jumlah pegawai", "organisation/staff_form.html"),
    "aset": Part(Asset, AssetFormSet, "aset", "Sarana dan prasarana", "organisation/assets_form.html"),
}


@login_required
def part_form(request, slug, year, part):
    """One list of rows (units, staff counts or assets) of the agency-year as a formset."""
    spec = PARTS.get(part)
    if spec is None:
        raise Http404("Bagian tidak dikenal")
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    assert_year_writable(agency, year)
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # read under lock, compared and written at once
        rows = spec.model.objects.filter(agency=agency, year=year)
        existing = list(rows.select_for_update().values_list("pk", flat=True))
        dropped, renewed = concurrency.drop_vanished_rows(data, spec.prefix, existing) if data else ([], [])
        kwargs = {"form_kwargs": {"units": rows}} if spec.model is OrgUnit else {}
        formset = spec.formset(data, queryset=rows, prefix=spec.prefix, **kwargs)
        totals = _totals_form(data, agency, year) if spec.model is StaffCount else None
        forms = [formset, totals] if totals else [formset]
        if concurrency.ready_to_save(request, *forms, stored=True, notes=dropped + renewed, renewed=bool(renewed)):
            _save_rows(formset, agency, year)
            if totals:
                _save_totals(totals, agency, year)
            messages.success(request, f"{spec.title} {year} disimpan.")
            return redirect("organisation", slug=agency.slug, year=year)
    return render(
        request,
        spec.template,
        agency_context(request, agency, year, formset=formset, totals=totals, part=spec, tab="organisation"),
    )


def _save_rows(formset, agency, year) -> None:
    for row in formset.save(commit=False):
        row.agency, row.year = agency, year
        row.save()
    for row in formset.deleted_objects:
        if row.pk and type(row).objects.filter(pk=row.pk).exists():  # a parent's deletion may have taken it
            row.delete()


def _totals_form(data, agency, year) -> PrintedTotalsForm:
    stored = dict(StaffTotal.objects.filter(agency=agency, year=year).values_list("category", "printed_total"))
    return PrintedTotalsForm(data, initial=stored, prefix="tercetak")


def _save_totals(form: PrintedTotalsForm, agency, year) -> None:
    for category, value in form.cleaned_data.items():
        if value is None:
            StaffTotal.objects.filter(agency=agency, year=year, category=category).delete()
        else:
            StaffTotal.objects.update_or_create(
                agency=agency, year=year, category=category, defaults={"printed_total": value}
            )
