"""The cascade pages: the agency's tree and quarterly monitoring (for the agency's
readers), each unit's sasaran, indicators, Rencana Aksi and PK (also for the unit's
own scoped members), and the region's RPJMD page (for Bappeda)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from agencies.access import (
    assert_year_writable,
    assert_years_writable,
    can_edit_year,
    can_edit_years,
    get_agency_for,
    locked_years,
)
from agencies.models import Region
from core import page_cache
from indicators.models import Goal, Indicator, ScoringContext
from indicators.navigation import agency_context, checked_year, confirm_delete, deleted_with, remember_year
from indicators.results import agency_year_results

from . import region as region_data
from .access import can_write_unit, get_unit_for
from .agreements import new_agreement, revise
from .checks import cascade_checks
from .forms import ActionPlanForm, AgreementForm, GoalSupportForm, UnitGoalForm, UnitIndicatorForm
from .levels import GOAL_WORDS, LEVEL_WORDS, SECTION, unit_level
from .models import (
    Agreement,
    AgreementTarget,
    GoalSupport,
    IndicatorQuarterPlan,
    UnitBudgetLink,
    UnitGoal,
    UnitIndicator,
    UnitQuarter,
)
from .scoring import build_cascade, current_agreements, head_goal_nodes, unit_goal_nodes
from .tree import tree_figure


# The tree's figure is drawn by Graphviz: the page is kept per data version, like the
# agency's other pages (every cascade row bumps the version; the RPJMD bumps them all).
@page_cache.cached_per_session(on_hit=remember_year)
@login_required
@require_safe
def cascade_tree(request, slug, year):
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    remember_year(request, slug, year)
    cascade = build_cascade(agency, year)
    findings = cascade_checks(cascade, region_data.plan_of(agency.region, year) is not None)
    return render(
        request,
        "cascade/tree.html",
        agency_context(
            request,
            agency,
            year,
            cascade=cascade,
            findings=findings,
            figure=tree_figure(cascade),
            tab="cascade",
            editable=can_edit_year(request.user, agency, year),
        ),
    )


@page_cache.cached_per_session(on_hit=remember_year)
@login_required
@require_safe
def cascade_monitoring(request, slug, year):
    agency = get_agency_for(request.user, slug)
    year = checked_year(year)
    remember_year(request, slug, year)
    cascade = build_cascade(agency, year)
    return render(
        request,
        "cascade/monitoring.html",
        agency_context(
            request,
            agency,
            year,
            cascade=cascade,
            units=_units_with_goals(cascade),
            head=next((u for u in cascade.units if unit_level(u) == "II"), None),
            editable=can_edit_year(request.user, agency, year),
            tab="cascade",
        ),
    )


def _units_with_goals(cascade, only=None):
    rows = []
    for unit in cascade.units:
        if only is not None and unit.pk not in only:
            continue
        goals = cascade.goals_of_unit(unit)
        if goals:
            rows.append({"unit": unit, "goals": goals, "agreement": cascade.agreements.get(unit.pk)})
    return rows


def _unit_context(request, agency, unit, year, **extra):
    level = unit_level(unit)
    return {
        "agency": agency,
        "year": year,
        "unit": unit,
        "level_words": LEVEL_WORDS.get(level, "Jabatan fungsional"),
        "goal_words": GOAL_WORDS.get(level, "Sasaran"),
        "agency_reader": get_agency_or_none(request.user, agency.slug) is not None,
        "editable": can_write_unit(request.user, agency, unit) and year not in locked_years(agency.pk),
        **extra,
    }


def get_agency_or_none(user, slug):
    try:
        return get_agency_for(user, slug)
    except Http404:
        return None


@login_required
@require_safe
def unit_page(request, slug, year, unit_id):
    agency, unit = get_unit_for(request.user, slug, year, unit_id)
    agreements = current_agreements(agency, year)
    if unit_level(unit) == "II":  # the head works to the agency's own PK: its sasaran and IKU
        own = head_goal_nodes(agency_year_results(agency, year))
    else:
        own = unit_goal_nodes(agency, year, agreements, ScoringContext.for_region(agency.region), unit=unit)
    all_agreements = Agreement.objects.filter(unit=unit).order_by("revision")
    return render(
        request,
        "cascade/unit.html",
        _unit_context(
            request,
            agency,
            unit,
            year,
            goals=own,
            agreement=agreements.get(unit.pk),
            agreements=all_agreements,
            sub_units=unit.children.order_by("code"),
            can_have_goals=unit_level(unit) in ("III", SECTION),
        ),
    )


def _unit_url(agency, year, unit) -> str:
    return reverse("unit_page", args=[agency.slug, year, unit.pk])


def _save_goal_items(goal: UnitGoal, items) -> None:
    """Link exactly `items` to the sasaran, row by row (each link audited and versioned)."""
    wanted = {item.pk for item in items}
    for link in goal.budget_links.exclude(item_id__in=wanted):
        link.delete()
    have = set(goal.budget_links.values_list("item_id", flat=True))
    for item_id in sorted(wanted - have):
        UnitBudgetLink.objects.create(goal=goal, item_id=item_id)


@login_required
def unit_goal_form(request, slug, year, unit_id=None, goal_id=None):
    if goal_id is not None:
        goal = get_object_or_404(UnitGoal.objects.select_related("unit"), pk=goal_id, year=year)
        unit_id = goal.unit_id
    agency, unit = get_unit_for(request.user, slug, year, unit_id, write=True)
    if goal_id is None:
        if unit_level(unit) not in ("III", SECTION):
            raise Http404("Unit ini tidak memiliki sasaran program/kegiatan.")
        goal = UnitGoal(agency=agency, year=year, unit=unit)
    elif goal.agency_id != agency.pk:
        raise Http404("Sasaran tidak ditemukan")
    form = UnitGoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            _save_goal_items(saved, form.cleaned_data["items"])
        messages.success(request, f"Sasaran {saved.code} disimpan.")
        return redirect(_unit_url(agency, year, unit))
    words = GOAL_WORDS.get(unit_level(unit), "Sasaran")
    heading = f"Ubah {words.lower()} {goal.code}" if goal.pk else f"{words} baru"
    context = _unit_context(request, agency, unit, year, form=form, heading=heading)
    return render(request, "cascade/unit_form.html", context)


@login_required
def unit_goal_delete(request, slug, year, goal_id):
    goal = get_object_or_404(UnitGoal, pk=goal_id, year=year)
    agency, unit = get_unit_for(request.user, slug, year, goal.unit_id, write=True)
    if goal.agency_id != agency.pk:
        raise Http404("Sasaran tidak ditemukan")
    if request.method == "POST":
        goal.delete()
        messages.success(request, f"Sasaran {goal.code} dihapus.")
        return redirect(_unit_url(agency, year, unit))
    return confirm_delete(
        request, agency, f"{goal.kind_label} {goal.code}", deleted_with(goal), _unit_url(agency, year, unit), year
    )


def _indicator_of(request, slug, year, indicator_id, write=True):
    indicator = get_object_or_404(UnitIndicator.objects.select_related("goal__unit"), pk=indicator_id, goal__year=year)
    agency, unit = get_unit_for(request.user, slug, year, indicator.goal.unit_id, write=write)
    if indicator.goal.agency_id != agency.pk:
        raise Http404("Indikator tidak ditemukan")
    return agency, unit, indicator


@login_required
def unit_indicator_form(request, slug, year, goal_id=None, indicator_id=None):
    if indicator_id is not None:
        agency, unit, indicator = _indicator_of(request, slug, year, indicator_id)
    else:
        goal = get_object_or_404(UnitGoal, pk=goal_id, year=year)
        agency, unit = get_unit_for(request.user, slug, year, goal.unit_id, write=True)
        if goal.agency_id != agency.pk:
            raise Http404("Sasaran tidak ditemukan")
        indicator = UnitIndicator(goal=goal)
    form = UnitIndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Indikator {indicator.code} disimpan.")
        return redirect(_unit_url(agency, year, unit))
    heading = f"Ubah indikator {indicator.code}" if indicator.pk else "Indikator baru"
    context = _unit_context(request, agency, unit, year, form=form, heading=heading)
    return render(request, "cascade/unit_form.html", context)


@login_required
def unit_indicator_delete(request, slug, year, indicator_id):
    agency, unit, indicator = _indicator_of(request, slug, year, indicator_id)
    if request.method == "POST":
        indicator.delete()
        messages.success(request, f"Indikator {indicator.code} dihapus.")
        return redirect(_unit_url(agency, year, unit))
    return confirm_delete(
        request,
        agency,
        f"Indikator {indicator.code} {indicator.name}",
        deleted_with(indicator),
        _unit_url(agency, year, unit),
        year,
    )


@login_required
def action_plan(request, slug, year, indicator_id):
    """The indicator's Rencana Aksi: four quarters of target, actions and realisation."""
    write = request.method == "POST"
    agency, unit, indicator = _indicator_of(request, slug, year, indicator_id, write=write)
    form = ActionPlanForm(request.POST or None, quarters=indicator.quarters.all())
    if write and form.is_valid():
        with transaction.atomic():
            for n in range(1, 5):
                values = form.quarter_values(n)
                row = UnitQuarter.objects.select_for_update().filter(indicator=indicator, quarter=n).first()
                if row is None and not any(v not in (None, "") for v in values.values()):
                    continue
                row = row or UnitQuarter(indicator=indicator, quarter=n)
                for name, value in values.items():
                    setattr(row, name, value)
                row.save()
        messages.success(request, f"Rencana aksi {indicator.code} disimpan.")
        return redirect(_unit_url(agency, year, unit) + "#monitoring")
    return render(
        request, "cascade/action_plan.html", _unit_context(request, agency, unit, year, form=form, indicator=indicator)
    )


@login_required
def head_action_plan(request, slug, year, indicator_id):
    """The Rencana Aksi of an agency indicator (the head's PK): four quarters of target
    and actions. Its realisations are the grid's; they are shown, not edited, here."""
    write = request.method == "POST"
    agency = get_agency_for(request.user, slug, write=write)
    year = checked_year(year)
    indicator = get_object_or_404(
        Indicator.objects.select_related("period"),
        pk=indicator_id,
        period__agency=agency,
        period__start_year__lte=year,
        period__end_year__gte=year,
    )
    if write:
        assert_year_writable(agency, year)
    plans = list(IndicatorQuarterPlan.objects.filter(indicator=indicator, year=year))
    form = ActionPlanForm(request.POST or None, quarters=plans, with_realization=False)
    if write and form.is_valid():
        with transaction.atomic():
            for n in range(1, 5):
                values = form.quarter_values(n)
                row = IndicatorQuarterPlan.objects.select_for_update().filter(indicator=indicator, year=year, quarter=n)
                row = row.first()
                if row is None and values["target"] is None and not values["actions"]:
                    continue
                row = row or IndicatorQuarterPlan(indicator=indicator, year=year, quarter=n)
                row.target, row.actions = values["target"], values["actions"]
                row.save()
        messages.success(request, f"Rencana aksi {indicator.code} {year} disimpan.")
        return redirect("cascade_monitoring", slug=agency.slug, year=year)
    realised = {
        r.quarter: r.value for r in indicator.realizations.filter(year=year, quarter__isnull=False).order_by("quarter")
    }
    return render(
        request,
        "cascade/head_action_plan.html",
        agency_context(
            request,
            agency,
            year,
            form=form,
            indicator=indicator,
            rows=[(n, *fields, realised.get(n)) for n, fields in enumerate(form.rows(), 1)],
            editable=can_edit_year(request.user, agency, year),
            tab="cascade",
        ),
    )


@login_required
def unit_agreement(request, slug, year, unit_id):
    """The unit's PK in force: its parties and targets. «Buat PK Perubahan» starts a
    new revision from it; the earlier one is kept as signed."""
    write = request.method == "POST"
    agency, unit = get_unit_for(request.user, slug, year, unit_id, write=write)
    current = Agreement.objects.filter(unit=unit).order_by("-revision").first()
    indicators = UnitIndicator.objects.filter(goal__unit=unit).order_by("goal__order", "goal__code", "order", "code")
    if write and "perubahan" in request.POST and current is not None:
        with transaction.atomic():
            revised = revise(current)
        messages.info(request, f"PK Perubahan ke-{revised.revision} dibuat dari PK sebelumnya; ubah targetnya di sini.")
        return redirect("unit_agreement", slug=agency.slug, year=year, unit_id=unit.pk)
    agreement = current or new_agreement(agency, unit, year)
    form = AgreementForm(request.POST or None, instance=agreement, indicators=indicators)
    if write and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            for indicator_id, target in form.promised_targets().items():
                row = AgreementTarget.objects.filter(agreement=saved, indicator_id=indicator_id).first()
                row = row or AgreementTarget(agreement=saved, indicator_id=indicator_id)
                row.target = target
                row.save()
        messages.success(request, f"{saved.title} {unit.name} disimpan.")
        return redirect(_unit_url(agency, year, unit))
    return render(
        request,
        "cascade/agreement_form.html",
        _unit_context(request, agency, unit, year, form=form, agreement=agreement),
    )


@login_required
def goal_support(request, slug, goal_id):
    """Which RPJMD sasaran an agency sasaran supports (chosen by the agency's operator)."""
    agency = get_agency_for(request.user, slug, write=request.method == "POST")
    goal = get_object_or_404(Goal.objects.select_related("period"), pk=goal_id, period__agency=agency)
    period = goal.period
    if request.method == "POST":
        assert_years_writable(agency, period.start_year, period.end_year)
    choices = region_data.region_sasaran(agency.region, period.start_year, period.end_year)
    support = GoalSupport.objects.filter(goal=goal).first()
    form = GoalSupportForm(
        request.POST or None,
        region_goals=choices,
        initial={"region_goal": support.region_goal_id if support else None},
    )
    year = max(period.start_year, min(period.end_year, checked_year(int(request.GET.get("tahun", period.start_year)))))
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["region_goal"]
        with transaction.atomic():
            if chosen is None and support is not None:
                support.delete()
            elif chosen is not None:
                support = support or GoalSupport(goal=goal)
                support.region_goal = chosen
                support.save()
        messages.success(request, f"Dukungan sasaran {goal.code} disimpan.")
        return redirect("cascade_tree", slug=agency.slug, year=year)
    return render(
        request,
        "cascade/support_form.html",
        agency_context(
            request,
            agency,
            year,
            form=form,
            goal=goal,
            tab="cascade",
            editable=can_edit_years(request.user, agency, period.start_year, period.end_year),
        ),
    )


@login_required
@require_safe
def region_plan(request, region_slug, year):
    """The RPJMD page: every region indicator with its capaian, and under each sasaran
    the agencies and sasaran that support it."""
    region = get_object_or_404(Region, slug=region_slug)
    year = checked_year(year)
    if not region_data.may_read_region(request.user, region):
        raise Http404("Pemda tidak ditemukan")
    plan = region_data.plan_of(region, year)
    return render(
        request,
        "cascade/region.html",
        {
            "region": region,
            "year": year,
            "plan": plan,
            "goals": region_data.region_page(plan, year) if plan else [],
            "missions": list(plan.missions.all()) if plan else [],
            "tujuan": list(plan.goals.filter(kind="tujuan")) if plan else [],
            "may_write": region_data.may_write_region(request.user, region),
        },
    )
