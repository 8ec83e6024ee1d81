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
from core import concurrency, page_cache
from core.concurrency import saved_without_clash
from indicators.navigation import agency_context, checked_year, remember_year

from .chart import org_chart
from .forms import AssetFormSet, DutyForm, OrgUnitFormSet, PrintedTotalsForm, StaffCountFormSet
from .models import Asset, Duty, OrgUnit, StaffCount, StaffTotal
from .profile import agency_profile


@page_cache.cached_per_session(on_hit=remember_year)
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
    """One list of rows edited as a table: its model, formset, and the columns shown
    (field, header, minimum width in rem)."""

    model: type
    formset: type
    prefix: str
    title: str
    columns: tuple[tuple[str, str, int], ...]
    intro: str = ""


PARTS = {
    "unit": Part(
        OrgUnit,
        OrgUnitFormSet,
        "unit",
        "Susunan organisasi",
        (
            ("code", "Kode", 5),
            ("parent", "Unit atasan", 12),
            ("name", "Nama unit/jabatan", 16),
            ("level", "Eselon", 8),
            ("head_name", "Nama pejabat", 12),
            ("head_rank", "Pangkat/Golongan", 10),
            ("head_nip", "NIP", 11),
        ),
        "Satu baris per unit atau jabatan. Unit atasan dipilih dari unit yang sudah tersimpan: simpan dulu unit "
        "atasannya, lalu tambahkan bawahannya. Menghapus sebuah unit menghapus juga unit di bawahnya. Nama pejabat "
        "yang tidak diketahui dikosongkan, jangan diisi tanda.",
    ),
    "pegawai": Part(
        StaffCount,
        StaffCountFormSet,
        "pegawai",
        "Jumlah pegawai",
        (
            ("category", "Menurut", 11),
            ("label", "Kelompok", 12),
            ("count", "Jumlah pegawai", 7),
            ("order", "Urutan", 5),
        ),
        'Satu baris per kelompok (mis. Pangkat/Golongan "III/a": 5 orang). Laporan menghitung jumlah dan persentase '
        "setiap rincian; jumlah yang tercetak pada dokumen instansi boleh dicatat di bawah untuk diperiksa.",
    ),
    "aset": Part(
        Asset,
        AssetFormSet,
        "aset",
        "Sarana dan prasarana",
        (
            ("name", "Nama/jenis barang", 16),
            ("count", "Jumlah", 6),
            ("condition", "Kondisi", 8),
            ("note", "Keterangan", 10),
            ("order", "Urutan", 5),
        ),
    ),
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
    rows = [(form, [(form[name], label, width) for name, label, width in spec.columns]) for form in formset]
    return render(
        request,
        "organisation/part_form.html",
        agency_context(request, agency, year, formset=formset, rows=rows, totals=totals, part=spec, tab="organisation"),
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
