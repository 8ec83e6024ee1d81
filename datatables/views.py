"""An agency's data tables of one year: added, edited and deleted by its operators while
the year is open, and listed (on the narrative page) for everyone who reads the agency.
Edits save field by field (core.concurrency)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from agencies.access import assert_year_writable, get_agency_for
from core.concurrency import saved_without_clash
from indicators.models import goals_of_year
from indicators.navigation import agency_context, checked_year, confirm_delete

from .forms import DataTableForm
from .models import DataTable


def _list_url(agency, year) -> str:
    return reverse("narrative", args=[agency.slug, year]) + "#tabel-data"


def _next_code(agency, year) -> str:
    codes = DataTable.objects.filter(agency=agency, year=year).values_list("code", flat=True)
    taken = {code.casefold() for code in codes}
    number = 1
    while f"t{number}" in taken:
        number += 1
    return f"T{number}"


@login_required
def data_table_form(request, slug, year, table_id=None):
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    assert_year_writable(agency, year)
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # read under lock, compared and written at once
        if table_id is None:
            table = DataTable(agency=agency, year=year, code=_next_code(agency, year))
        else:
            table = get_object_or_404(DataTable.objects.select_for_update(), pk=table_id, agency=agency, year=year)
        form = DataTableForm(data, instance=table, goals=goals_of_year(agency, year))
        previewing = data is not None and "pratinjau" in data
        if not previewing and saved_without_clash(request, form):
            messages.success(request, f"Tabel «{form.instance.title}» disimpan.")
            return redirect(_list_url(agency, year))
    preview = None
    if previewing and form.is_valid():
        columns, rows = form.cleaned_data["body"]
        labels = {name: form.cleaned_data[name] for name in ("title", "unit", "source")}
        preview = DataTable(columns=columns, rows=rows, **labels)
    return render(
        request,
        "datatables/form.html",
        agency_context(request, agency, year, form=form, table=table, preview=preview, tab="narrative"),
    )


@login_required
def data_table_delete(request, slug, year, table_id):
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    assert_year_writable(agency, year)
    doomed = get_object_or_404(DataTable, pk=table_id, agency=agency, year=year)
    if request.method == "POST":
        doomed.delete()
        messages.success(request, f"Tabel «{doomed.title}» dihapus.")
        return redirect(_list_url(agency, year))
    return confirm_delete(
        request,
        agency,
        f"Tabel «{doomed.title}»",
        [f"isinya ({doomed.size_label}) tidak lagi dicetak dan nomor tabel sesudahnya bergeser"],
        _list_url(agency, year),
        year,
    )
