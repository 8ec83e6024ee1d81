from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from agencies.access import assert_year_writable, can_edit_year, get_agency_for
from core import concurrency, page_cache
from core.numbers import format_rupiah as rupiah
from indicators.navigation import agency_context, checked_year, confirm_delete, remember_year

from .forms import AllocationFormSet, BudgetItemForm, money_fields_not_negative
from .models import BudgetAllocation, BudgetItem, FundingSource, spending_split_for
from .tree import budget_tree


@page_cache.cached_per_session(on_hit=remember_year)
@login_required
@require_safe
def budget(request, slug, year):
    """Programs, kegiatan and sub-kegiatan as an indented tree with computed totals."""
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    remember_year(request, agency.slug, year)
    tree = budget_tree(agency, year)
    split = (
        [
            ("Jumlah Belanja Langsung", BudgetItem.SpendingType.DIRECT),
            ("Jumlah Belanja Tidak Langsung", BudgetItem.SpendingType.INDIRECT),
        ]
        if spending_split_for(agency.pk, year)
        else []
    )
    totals = [(label, tree.total(kind)) for label, kind in [*split, ("Jumlah seluruhnya", None)]]
    return render(
        request,
        "budget/tree.html",
        agency_context(
            request,
            agency,
            year,
            nodes=tree.nodes(),
            totals=totals,
            tab="budget",
            can_edit=can_edit_year(request.user, agency, year),
        ),
    )


@login_required
def item_form(request, slug, year, item_id=None):
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    assert_year_writable(agency, year)
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # what is stored is read under lock, compared and written at once
        item = _item_for(agency, year, item_id, request.GET.get("induk"))
        dropped, renewed = (
            concurrency.drop_vanished_rows(data, "dana", item.allocations.values_list("pk", flat=True))
            if (data is not None and item.pk)
            else ([], [])
        )
        form = BudgetItemForm(data, instance=item, agency=agency, year=year)
        if not item.pk and item.parent:  # a new kegiatan supports what its program supports, unless changed
            form.initial["supported_goals"] = list(item.parent.goals.all())
        allocations = AllocationFormSet(
            data,
            instance=item,
            prefix="dana",
            queryset=item.allocations.select_for_update() if item.pk else BudgetAllocation.objects.none(),
        )
        money_fields_not_negative(allocations)
        for f in allocations.forms:
            f.fields["source"].queryset = FundingSource.objects.for_region(agency.region)
        if concurrency.ready_to_save(
            request,
            form,
            allocations,
            stored=bool(item.pk),
            notes=dropped + renewed,
            renewed=bool(renewed),
            invalid_message="Ada isian yang salah; tidak ada yang disimpan.",
        ):
            item = form.save()
            allocations.instance = item
            allocations.save()
            _tell_saved(request, item)
            return redirect("budget", slug=agency.slug, year=year)
    return render(
        request,
        "budget/item_form.html",
        agency_context(request, agency, year, form=form, allocations=allocations, item=item, tab="budget"),
    )


def _item_for(agency, year, item_id, parent_id) -> BudgetItem:
    """The stored item, locked; or a new one under the parent the link names."""
    if item_id:
        return get_object_or_404(BudgetItem.objects.select_for_update(), pk=item_id, agency=agency, year=year)
    item = BudgetItem(agency=agency, year=year, level=BudgetItem.Level.PROGRAM)
    if parent_id and parent_id.isdigit():
        item.parent = BudgetItem.objects.filter(agency=agency, year=year, pk=parent_id).first()
        if item.parent:
            item.level = (
                BudgetItem.Level.KEGIATAN
                if item.parent.level == BudgetItem.Level.PROGRAM
                else BudgetItem.Level.SUB_KEGIATAN
            )
            item.spending_type = item.parent.spending_type
    return item


def _tell_saved(request, item: BudgetItem) -> None:
    messages.success(request, f"{item.get_level_display()} {item.code} disimpan.")
    for allocation in item.allocations.select_related("source"):
        if allocation.realisasi is not None and allocation.realisasi > allocation.pagu:
            messages.warning(
                request,
                f"Realisasi {allocation.source} ({rupiah(allocation.realisasi)}) melebihi pagunya "
                f"({rupiah(allocation.pagu)}). Periksa kembali; baris ini ditandai pada pemeriksaan "
                "konsistensi laporan.",
            )


@login_required
def item_delete(request, slug, year, item_id):
    agency = get_agency_for(request.user, slug, write=True)
    item = get_object_or_404(BudgetItem, pk=item_id, agency=agency, year=checked_year(year))
    assert_year_writable(agency, item.year)
    cancel = reverse("budget", args=[agency.slug, year])
    if request.method == "POST":
        item.delete()
        messages.success(request, f"{item.get_level_display()} {item.code} dihapus.")
        return redirect(cancel)
    descendants = BudgetItem.objects.filter(parent=item).count()
    grandchildren = BudgetItem.objects.filter(parent__parent=item).count()
    return confirm_delete(
        request,
        agency,
        f"{item.get_level_display()} {item.code} {item.name}",
        [
            f"{descendants + grandchildren} kegiatan/sub kegiatan di bawahnya",
            f"{item.allocations.count()} baris anggaran per sumber dana",
        ],
        cancel,
        year,
    )
