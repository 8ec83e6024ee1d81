from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from agencies.access import (
    assert_year_writable,
    assert_years_writable,
    can_edit_years,
    get_agency_for,
    locked_years,
)
from agencies.access import can_write as can_edit
from core import concurrency, page_cache
from core.concurrency import saved_without_clash
from core.numbers import format_number, format_percent

from . import capaian as engine
from .actions import unsaved_grid_row
from .forms import (
    GoalForm,
    GridRowForm,
    IndicatorAnalysisForm,
    IndicatorForm,
    MissionFormSet,
    RenstraPeriodForm,
    TargetRowForm,
)
from .grid import (
    CELL_LABELS,
    GRID_CELLS,
    TARGET_CELLS,
    GridConflict,
    TargetConflict,
    cell_texts,
    changed_cells,
    loaded_field,
    read_loaded,
    save_grid,
    save_target_cells,
    target_texts,
)
from .models import Goal, Indicator, IndicatorAnalysis, Realization, RenstraPeriod, ScoringContext, Target
from .navigation import agency_context, checked_year, confirm_delete, deleted_with, remember_year
from .values import target_text

STATUS_LABELS = engine.STATUS_LABELS


def period_of(agency, period_id, lock=False) -> RenstraPeriod:
    periods = RenstraPeriod.objects.select_for_update() if lock else RenstraPeriod.objects
    return get_object_or_404(periods, pk=period_id, agency=agency)


# --- Renstra ------------------------------------------------------------------------


@login_required
@require_safe
def renstra_list(request, slug):
    agency = get_agency_for(request.user, slug)
    periods = RenstraPeriod.objects.filter(agency=agency).prefetch_related("missions")
    return render(
        request,
        "indicators/renstra_list.html",
        agency_context(request, agency, periods=periods, tab="renstra", can_edit=can_edit(request.user, agency)),
    )


@login_required
def renstra_form(request, slug, period_id=None):
    agency = get_agency_for(request.user, slug, write=True)
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # read under lock, compared and written at once
        if period_id:
            period = period_of(agency, period_id, lock=True)
            assert_years_writable(agency, period.start_year, period.end_year)
        else:
            period = RenstraPeriod(agency=agency)
        dropped, renewed = (
            concurrency.drop_vanished_rows(data, "misi", period.missions.values_list("pk", flat=True))
            if data is not None and period.pk
            else ([], [])
        )
        form = RenstraPeriodForm(data, instance=period, agency=agency)
        missions = MissionFormSet(data, instance=period, prefix="misi")
        if concurrency.ready_to_save(
            request, form, missions, stored=bool(period.pk), notes=dropped + renewed, renewed=bool(renewed)
        ):
            period = form.save()
            missions.instance = period
            missions.save()
            messages.success(request, "Periode Renstra disimpan.")
            return redirect("plan", slug=agency.slug, period_id=period.pk)
    return render(
        request,
        "indicators/renstra_form.html",
        agency_context(request, agency, form=form, missions=missions, period=period, tab="renstra"),
    )


@login_required
def renstra_delete(request, slug, period_id):
    agency = get_agency_for(request.user, slug, write=True)
    period = period_of(agency, period_id)
    assert_years_writable(agency, period.start_year, period.end_year)
    if request.method == "POST":
        period.delete()
        messages.success(request, f"Periode Renstra {period.start_year}-{period.end_year} dihapus.")
        return redirect("renstra_list", slug=agency.slug)
    consequences = deleted_with(period)
    return confirm_delete(
        request,
        agency,
        f"Periode Renstra {period.start_year}-{period.end_year}",
        consequences,
        reverse("plan", args=[agency.slug, period.pk]),
    )


@login_required
@require_safe
def plan(request, slug, period_id):
    """The Renstra tree: tujuan, sasaran and their indicators."""
    agency = get_agency_for(request.user, slug)
    period = period_of(agency, period_id)
    goals = list(
        Goal.objects.filter(period=period)
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("order", "code")))
        .order_by("order", "code")
    )
    return render(
        request,
        "indicators/plan.html",
        agency_context(
            request,
            agency,
            period=period,
            goals=ordered_tree(goals),
            tab="renstra",
            can_edit=can_edit_years(request.user, agency, period.start_year, period.end_year),
            missions=period.missions.all(),
        ),
    )


def ordered_tree(goals: list[Goal]) -> list[tuple[Goal, int]]:
    """Goals in tree order with their depth: each tujuan followed by its sasaran."""
    children: dict[int | None, list[Goal]] = {}
    for goal in goals:
        children.setdefault(goal.parent_id, []).append(goal)
    ordered, seen = [], set()

    def visit(goal, depth):
        if goal.pk in seen:
            return
        seen.add(goal.pk)
        ordered.append((goal, depth))
        for child in children.get(goal.pk, []):
            visit(child, depth + 1)

    for goal in children.get(None, []):
        visit(goal, 0)
    for goal in goals:  # anything left (should not happen) is still shown
        visit(goal, 0)
    return ordered


@login_required
def goal_form(request, slug, period_id=None, goal_id=None):
    agency = get_agency_for(request.user, slug, write=True)
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # read under lock, compared and written at once
        if goal_id:
            goal = get_object_or_404(Goal.objects.select_for_update(), pk=goal_id, period__agency=agency)
            period = goal.period
        else:
            period = period_of(agency, period_id)
            goal = Goal(period=period, kind=request.GET.get("jenis") or Goal.Kind.SASARAN)
            if request.GET.get("induk"):
                goal.parent = Goal.objects.filter(period=period, pk=request.GET["induk"]).first()
        assert_years_writable(agency, period.start_year, period.end_year)
        form = GoalForm(data, instance=goal, period=period)
        if saved_without_clash(request, form):
            messages.success(request, f"{form.instance.get_kind_display()} {form.instance.code} disimpan.")
            return redirect("plan", slug=agency.slug, period_id=period.pk)
    return render(
        request,
        "indicators/goal_form.html",
        agency_context(request, agency, form=form, period=period, goal=goal, tab="renstra"),
    )


@login_required
def goal_delete(request, slug, goal_id):
    agency = get_agency_for(request.user, slug, write=True)
    goal = get_object_or_404(Goal, pk=goal_id, period__agency=agency)
    assert_years_writable(agency, goal.period.start_year, goal.period.end_year)
    cancel = reverse("plan", args=[agency.slug, goal.period_id])
    if request.method == "POST":
        goal.delete()
        messages.success(request, f"{goal.get_kind_display()} {goal.code} dihapus.")
        return redirect(cancel)
    consequences = deleted_with(goal)
    return confirm_delete(
        request, agency, f"{goal.get_kind_display()} {goal.code} {goal.statement}", consequences, cancel
    )


@login_required
def indicator_form(request, slug, period_id=None, indicator_id=None):
    agency = get_agency_for(request.user, slug, write=True)
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # read under lock, compared and written at once
        if indicator_id:
            indicator = get_object_or_404(Indicator.objects.select_for_update(), pk=indicator_id, period__agency=agency)
            period = indicator.period
        else:
            period = period_of(agency, period_id)
            indicator = Indicator(period=period)
            if request.GET.get("sasaran"):
                indicator.goal = Goal.objects.filter(period=period, pk=request.GET["sasaran"]).first()
        assert_years_writable(agency, period.start_year, period.end_year)
        form = IndicatorForm(data, instance=indicator, period=period)
        if saved_without_clash(request, form):
            messages.success(request, f"Indikator {form.instance.code} disimpan.")
            return redirect("plan", slug=agency.slug, period_id=period.pk)
    return render(
        request,
        "indicators/indicator_form.html",
        agency_context(request, agency, form=form, period=period, indicator=indicator, tab="renstra"),
    )


@login_required
def indicator_analysis(request, slug, year, indicator_id):
    """BAB III's analysis of one indicator in one year: standard, causes, obstacles,
    solutions."""
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    assert_year_writable(agency, year)
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # read under lock, compared and written at once
        indicator = get_object_or_404(
            Indicator.objects.select_related("period", "goal"), pk=indicator_id, period__agency=agency
        )
        if not indicator.period.start_year <= year <= indicator.period.end_year:
            raise Http404("Indikator di luar periode Renstra tahun ini")
        analysis = IndicatorAnalysis.objects.select_for_update().filter(
            indicator=indicator, year=year
        ).first() or IndicatorAnalysis(indicator=indicator, year=year)
        form = IndicatorAnalysisForm(data, instance=analysis, indicator=indicator, year=year)
        if saved_without_clash(request, form):
            messages.success(request, f"Analisis indikator {indicator.code} {year} disimpan.")
            return redirect("narrative", slug=agency.slug, year=year)
    result = indicator.result_for(year, ScoringContext.for_region(agency.region))
    return render(
        request,
        "indicators/analysis_form.html",
        agency_context(request, agency, year, form=form, indicator=indicator, result=result, tab="narrative"),
    )


@login_required
def indicator_delete(request, slug, indicator_id):
    agency = get_agency_for(request.user, slug, write=True)
    indicator = get_object_or_404(Indicator, pk=indicator_id, period__agency=agency)
    assert_years_writable(agency, indicator.period.start_year, indicator.period.end_year)
    cancel = reverse("plan", args=[agency.slug, indicator.period_id])
    if request.method == "POST":
        indicator.delete()
        messages.success(request, f"Indikator {indicator.code} dihapus.")
        return redirect(cancel)
    consequences = deleted_with(indicator)
    return confirm_delete(request, agency, f"Indikator {indicator.code} {indicator.name}", consequences, cancel)


@login_required
def indicator_targets(request, slug, indicator_id):
    """The Renstra, PK and revised PK targets of one indicator, a row per year."""
    agency = get_agency_for(request.user, slug, write=request.method == "POST")
    indicator = get_object_or_404(
        Indicator.objects.select_related("period", "goal"), pk=indicator_id, period__agency=agency
    )
    editable = can_edit_years(request.user, agency, indicator.period.start_year, indicator.period.end_year)
    years = indicator.period.years
    initial = []
    for year in years:
        texts = target_texts(indicator, year)
        initial.append({"year": year, **texts, "loaded": loaded_field(texts)})
    data = request.POST if request.method == "POST" else None
    if data is not None:
        assert_years_writable(agency, indicator.period.start_year, indicator.period.end_year)
    forms = [
        TargetRowForm(data, initial=row, prefix=f"y{row['year']}", indicator=indicator, years=years) for row in initial
    ]
    if data is not None and all(f.is_valid() for f in forms):
        rows = [
            (
                f.cleaned_data["year"],
                f.cleaned_data,
                {c: data[f"{f.prefix}-{c}"] for c in TARGET_CELLS if f"{f.prefix}-{c}" in data},
                read_loaded(data.get(f"{f.prefix}-loaded"), TARGET_CELLS),
            )
            for f in forms
        ]
        try:
            written = save_target_cells(indicator, rows)
        except TargetConflict as conflict:
            # Keep what was typed; the page now carries what is stored, so saving again
            # overwrites those cells knowingly.
            fresh = Indicator.objects.prefetch_related("targets").get(pk=indicator.pk)
            changed = data.copy()
            for f in forms:
                changed[f"{f.prefix}-loaded"] = loaded_field(target_texts(fresh, f.cleaned_data["year"]))
            forms = [
                TargetRowForm(changed, initial=row, prefix=f"y{row['year']}", indicator=indicator, years=years)
                for row in initial
            ]
            clashes = "; ".join(
                f"{year} {TARGET_CELLS[cell]}: tersimpan {stored or '(kosong)'}, Anda "
                f"{data.get(f'y{year}-{cell}') or '(kosong)'}"
                for year, cell, stored in conflict.clashes
            )
            messages.error(
                request,
                f"Sel berikut juga diubah pengguna lain sejak halaman ini dibuka; tidak ada yang disimpan: {clashes}. "
                "Simpan lagi untuk menimpa sel itu saja.",
            )
        else:
            messages.success(request, f"Target indikator {indicator.code} disimpan ({written} sel berubah).")
            return redirect("indicator_targets", slug=agency.slug, indicator_id=indicator.pk)
    elif data is not None:
        messages.error(request, "Ada isian yang salah; tidak ada yang disimpan. Periksa sel yang ditandai.")
    return render(
        request,
        "indicators/indicator_targets.html",
        agency_context(request, agency, indicator=indicator, forms=forms, can_edit=editable, tab="renstra"),
    )


# --- Targets and realizations grid --------------------------------------------------


def grid_indicators(agency, year) -> tuple[RenstraPeriod | None, dict[int, Indicator]]:
    period = RenstraPeriod.objects.filter(agency=agency).covering(year).first()
    if period is None:
        return None, {}
    # Only the rows this year's scores read: its targets and the end target; its
    # realizations and the year before (growth), all years only for cumulative ones.
    targets = Target.objects.filter(year__in=[year, period.end_year])
    realizations = Realization.objects.filter(Q(year__in=[year, year - 1]) | Q(indicator__cumulative=True))
    indicators = (
        Indicator.objects.filter(period=period)
        .select_related("period", "goal")
        .prefetch_related(Prefetch("targets", queryset=targets), Prefetch("realizations", queryset=realizations))
        .order_by("goal__order", "goal__code", "order", "code")
    )
    return period, {i.pk: i for i in indicators}


@page_cache.cached_per_session(on_hit=remember_year)  # GET only
@login_required
def grid(request, slug, year):
    """Every indicator of the agency for one year on one page; one save, one transaction."""
    agency = get_agency_for(request.user, slug, write=request.method == "POST")
    year = checked_year(year)
    remember_year(request, agency.slug, year)
    period, indicators = grid_indicators(agency, year)
    data = request.POST if request.method == "POST" else None
    if data is not None:
        assert_year_writable(agency, year)
    # Forms only to validate a POST: building 200 of them (deep copies of every field)
    # to show the page would cost more than everything else together.
    forms = (
        [
            GridRowForm(
                data,
                prefix=f"i{indicator.pk}",
                indicators=indicators,
                changed=set(
                    changed_cells(
                        _typed_cells(data, f"i{indicator.pk}"),
                        read_loaded(data.get(f"i{indicator.pk}-loaded")),
                        cell_texts(indicator, year),
                    )
                ),
            )
            for indicator in indicators.values()
        ]
        if data is not None
        else None
    )
    conflicts = {}
    if forms is not None:
        typed = [_typed_cells(data, form.prefix) for form in forms]
        loaded = [read_loaded(data.get(f"{form.prefix}-loaded")) for form in forms]
        if all(form.is_valid() for form in forms):
            try:
                written = save_grid(
                    year, [(f.indicator, f.cleaned_data, t, lo) for f, t, lo in zip(forms, typed, loaded, strict=True)]
                )
            except GridConflict as conflict:
                conflicts = {pk: clashing for pk, (_fresh, clashing) in conflict.conflicts.items()}
                period, indicators = grid_indicators(agency, year)  # what is stored now, for the rows shown
                messages.error(
                    request,
                    f"{len(conflicts)} baris berisi sel yang juga diubah pengguna lain sejak halaman ini dibuka; tidak "
                    "ada yang disimpan. Sel lain sudah diperbarui. Bandingkan nilai tersimpan dengan nilai Anda, lalu "
                    "simpan lagi untuk menimpa sel itu saja.",
                )
            else:
                messages.success(request, f"Target dan realisasi tahun {year} disimpan ({written} sel berubah).")
                return redirect("grid", slug=agency.slug, year=year)
        else:
            messages.error(request, "Ada isian yang salah; tidak ada yang disimpan. Periksa sel yang ditandai merah.")
    context = ScoringContext.for_region(agency.region)
    editable = can_edit(request.user, agency) and year not in locked_years(agency.pk)
    rows = []
    for n, indicator in enumerate(indicators.values()):
        form = forms[n] if forms is not None else None
        stored = cell_texts(indicator, year)
        if form is None:
            values, loaded_texts, errors, unshown = dict(stored), stored, {}, []
        elif conflicts:
            # Cells the user changed keep what was typed; every other cell shows what is
            # stored now. The page's "loaded" becomes what is stored: saving again
            # overwrites only the cells the user changed, knowingly.
            mine = typed[n]
            changed = set(changed_cells(mine, loaded[n], stored))
            values = {name: mine[name] if name in changed else stored[name] for name in stored}
            loaded_texts, errors, unshown = stored, {}, []
        else:
            values = {name: typed[n].get(name, stored[name]) for name in stored}
            loaded_texts = loaded[n] if loaded[n] is not None else stored
            errors, unshown = form.errors, form.unshown_errors()
        values["indicator_id"] = indicator.pk
        result = indicator.result_for(year, context)
        computed = None
        if (
            indicator.calculation == Indicator.Calculation.RATIO
            and values.get("numerator")
            and values.get("denominator")
            and not values.get("realization")
            and result.realization is not None
        ):
            computed = format_number(result.realization, places=2)
        rows.append(
            {
                "form": form,
                "prefix": f"i{indicator.pk}",
                "values": values,
                "loaded": loaded_field(loaded_texts),
                "id_errors": errors.get("indicator_id", []),
                "unshown_errors": unshown,
                "indicator": indicator,
                "result": result,
                "cells": grid_cells(
                    f"i{indicator.pk}",
                    values,
                    errors,
                    indicator,
                    readonly=not editable,
                    computed=computed,
                    result=result,
                ),
                "status_label": STATUS_LABELS.get(result.status, ""),
                "conflict": conflict_text(conflicts.get(indicator.pk), values),
            }
        )
    return render(
        request,
        "indicators/grid.html",
        agency_context(
            request,
            agency,
            year,
            period=period,
            rows=rows,
            tab="grid",
            can_edit=editable,
            locked=year in locked_years(agency.pk),
            status_labels=STATUS_LABELS,
        ),
    )


def _typed_cells(data, prefix: str) -> dict[str, str]:
    """The cell texts the request carries for one row (a cell it lacks is not changed)."""
    return {name: data[f"{prefix}-{name}"] for name in CELL_LABELS if f"{prefix}-{name}" in data}


def grid_cells(
    prefix: str, values: dict, errors: dict, indicator, readonly: bool, computed: str | None = None, result=None
) -> str:
    """The row's input cells as HTML, built here: a 200-row grid has 1 800 of them, too
    many to render through template includes and widget templates in time."""
    numbers = not indicator.is_grade
    enabled = {
        "tw1": numbers,
        "tw2": numbers,
        "tw3": numbers,
        "tw4": numbers,
        "numerator": indicator.has_parts,
        "denominator": indicator.has_parts,
    }
    labels = {name: field.label for name, field in GridRowForm.base_fields.items()}
    cells = []
    for name in GRID_CELLS:
        if name == "tw1":  # after the two PK targets: the one capaian is computed against
            cells.append(in_force_cell(result))
        if not enabled.get(name, True):
            cells.append('<td class="text-center text-body-secondary">–</td>')
            continue
        value = values.get(name)
        if readonly:  # a reader sees text, not inputs that look editable
            shown = computed if name == "realization" and computed is not None else value
            cells.append(f'<td class="num">{escape("" if shown is None else str(shown))}</td>')
            continue
        field_errors = errors.get(name, [])
        if name == "realization" and computed is not None and not field_errors:
            # A ratio with both parts: the realisasi is computed, shown, and not sent.
            cells.append(
                f'<td><input type="text" id="id_{prefix}-{name}" value="{escape(computed)}" readonly '
                f'aria-label="{escape(str(labels[name]))} {escape(indicator.code)} (dihitung)" '
                'title="Dihitung dari pembilang dan penyebut" '
                'class="form-control form-control-sm text-end bg-body-secondary" style="min-width:4rem"></td>'
            )
            continue
        feedback = "".join(f'<div class="invalid-feedback">{escape(str(e))}</div>' for e in field_errors)
        # stdlib escape: Django's lazy-aware escaping is 4x slower over 1 800 cells.
        cells.append(
            f'<td><input type="text" name="{prefix}-{name}" id="id_{prefix}-{name}" '
            f'value="{escape("" if value is None else str(value))}" '
            f'aria-label="{escape(str(labels[name]))} {escape(indicator.code)}" '
            f'class="form-control form-control-sm text-end{" is-invalid" if field_errors else ""}" autocomplete="off" '
            f'inputmode="decimal" style="min-width:4rem">{feedback}</td>'
        )
    return mark_safe("".join(cells))  # noqa: S308 - every user value above is escaped


def in_force_cell(result) -> str:
    if result is None:
        return "<td></td>"
    text = target_text(result.target, result.target_upper, result.target_grade)
    source = escape(result.target_source or "")
    return (
        f'<td class="num"><span data-out="target">{escape(text or "–")}</span>'
        f'<div class="small text-body-secondary" data-out="target_source">{source}</div></td>'
    )


def conflict_text(clashing: dict[str, str] | None, values: dict) -> str:
    """'realisasi: tersimpan 55, Anda 109' for each cell both users changed."""
    if not clashing:
        return ""
    return "; ".join(
        f"{CELL_LABELS[name]}: tersimpan {stored or '(kosong)'}, Anda {values.get(name) or '(kosong)'}"
        for name, stored in clashing.items()
    )


@login_required
@require_POST
def grid_preview(request, slug, year):
    """The capaian of one grid row as typed, computed by the engine, nothing saved."""
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    _, indicators = grid_indicators(agency, year)
    prefix = request.POST.get("prefix", "")
    form = GridRowForm(request.POST, prefix=prefix, indicators=indicators)
    if not form.is_valid():
        errors = {name: " ".join(str(e) for e in errs) for name, errs in form.errors.items()}
        return JsonResponse({"ok": False, "errors": errors})
    targets, realizations = unsaved_grid_row(form.indicator, year, form.cleaned_data)
    result = form.indicator.result_for(year, ScoringContext.for_region(agency.region), targets, realizations)
    return JsonResponse(
        {
            "ok": True,
            "realization": result.realization_grade or format_number(result.realization),
            "capaian": format_percent(result.capaian),
            "predicate": result.predicate or "-",
            "colour": result.predicate_colour,
            "target": target_text(result.target, result.target_upper, result.target_grade),
            "target_source": result.target_source or "",
            "status": result.status or "",
            "status_label": STATUS_LABELS.get(result.status, "-"),
            "flags": [flag.message for flag in result.flags],
        }
    )
