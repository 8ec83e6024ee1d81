"""The region's RPJMD as its Bappeda keeps it: the plan with vision and missions, its
tujuan and sasaran, their indicators and each year's target and realisation. Everyone
else gets 404: the pages show every agency's support."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from agencies.models import Region
from indicators.navigation import checked_year, deleted_with

from . import region as region_data
from .models import RegionGoal, RegionIndicator, RegionIndicatorYear, RegionPlan
from .region_forms import RegionGoalForm, RegionIndicatorForm, RegionPlanForm, RegionValuesForm


def _region_for(user, slug) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None or not region_data.may_write_region(user, region):
        raise Http404("Pemda tidak ditemukan")
    return region


def _back(plan: RegionPlan):
    return redirect("region_plan", region_slug=plan.region.slug, year=plan.start_year)


def _form_page(request, region, title, form, back_url):
    return render(
        request, "cascade/region_form.html", {"region": region, "title": title, "form": form, "back_url": back_url}
    )


@login_required
def region_plan_form(request, region_slug, plan_id=None):
    region = _region_for(request.user, region_slug)
    plan = get_object_or_404(RegionPlan, pk=plan_id, region=region) if plan_id else RegionPlan(region=region)
    form = RegionPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan = form.save()
        messages.success(request, f"{plan.name} {plan.start_year}-{plan.end_year} disimpan.")
        return _back(plan)
    title = f"Ubah {plan.name} {plan.start_year}-{plan.end_year}" if plan.pk else "RPJMD baru"
    return _form_page(request, region, title, form, "/")


@login_required
def region_goal_form(request, region_slug, plan_id=None, goal_id=None):
    region = _region_for(request.user, region_slug)
    if goal_id:
        goal = get_object_or_404(RegionGoal.objects.select_related("plan"), pk=goal_id, plan__region=region)
    else:
        goal = RegionGoal(plan=get_object_or_404(RegionPlan, pk=plan_id, region=region), kind="sasaran")
    form = RegionGoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{goal.get_kind_display()} {goal.code} disimpan.")
        return _back(goal.plan)
    title = f"Ubah {goal.code}" if goal.pk else "Tujuan/sasaran daerah baru"
    return _form_page(request, region, title, form, f"/daerah/{region.slug}/{goal.plan.start_year}/rpjmd/")


@login_required
def region_indicator_form(request, region_slug, goal_id=None, indicator_id=None):
    region = _region_for(request.user, region_slug)
    if indicator_id:
        indicator = get_object_or_404(
            RegionIndicator.objects.select_related("goal__plan"), pk=indicator_id, goal__plan__region=region
        )
    else:
        indicator = RegionIndicator(goal=get_object_or_404(RegionGoal, pk=goal_id, plan__region=region))
    form = RegionIndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Indikator {indicator.code} disimpan.")
        return _back(indicator.goal.plan)
    title = f"Ubah indikator {indicator.code}" if indicator.pk else "Indikator daerah baru"
    return _form_page(request, region, title, form, f"/daerah/{region.slug}/{indicator.goal.plan.start_year}/rpjmd/")


@login_required
def region_delete(request, region_slug, kind, object_id):
    """Delete a tujuan/sasaran or an indicator of the RPJMD, after confirmation."""
    region = _region_for(request.user, region_slug)
    if kind == "sasaran":
        doomed = get_object_or_404(RegionGoal.objects.select_related("plan"), pk=object_id, plan__region=region)
        plan = doomed.plan
    elif kind == "indikator":
        doomed = get_object_or_404(
            RegionIndicator.objects.select_related("goal__plan"), pk=object_id, goal__plan__region=region
        )
        plan = doomed.goal.plan
    else:
        raise Http404("Tidak ditemukan")
    if request.method == "POST":
        doomed.delete()
        messages.success(request, f"{doomed.code} dihapus.")
        return _back(plan)
    return render(
        request,
        "cascade/region_delete.html",
        {"region": region, "what": str(doomed), "consequences": deleted_with(doomed), "plan": plan},
    )


@login_required
def region_values(request, region_slug, year):
    """Every indicator's target and realisation in one year, on one form."""
    region = _region_for(request.user, region_slug)
    year = checked_year(year)
    plan = region_data.plan_of(region, year)
    if plan is None:
        raise Http404("Tidak ada RPJMD untuk tahun ini")
    indicators = RegionIndicator.objects.filter(goal__plan=plan).order_by("goal__order", "goal__code", "order", "code")
    stored = {v.indicator_id: v for v in RegionIndicatorYear.objects.filter(indicator__goal__plan=plan, year=year)}
    form = RegionValuesForm(request.POST or None, indicators=indicators, stored=stored)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for indicator in form.indicators:
                target = form.cleaned_data[f"target_{indicator.pk}"]
                realization = form.cleaned_data[f"realization_{indicator.pk}"]
                row = stored.get(indicator.pk) or RegionIndicatorYear(indicator=indicator, year=year)
                if row.pk is None and target is None and realization is None:
                    continue
                row.target, row.realization = target, realization
                row.save()
        messages.success(request, f"Target dan realisasi {year} disimpan.")
        return redirect("region_plan", region_slug=region.slug, year=year)
    return render(request, "cascade/region_values.html", {"region": region, "plan": plan, "year": year, "form": form})
