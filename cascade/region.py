"""The region's RPJMD as its pages read it: which plan covers a year, who may read it,
and each sasaran daerah with its indicators' capaian and the agency sasaran under it."""

from __future__ import annotations

from dataclasses import dataclass, field

from agencies.models import Region, RegionMembership
from indicators.results import GoalResult, agency_year_results

from .models import GoalSupport, RegionGoal, RegionPlan
from .scoring import RegionGoalNode, score_region_goals


def plan_of(region: Region, year: int) -> RegionPlan | None:
    return RegionPlan.objects.filter(region=region, start_year__lte=year, end_year__gte=year).first()


def region_sasaran(region: Region, start: int, end: int):
    """The sasaran daerah an agency plan of `start`-`end` may support: those of every
    RPJMD that overlaps it."""
    return (
        RegionGoal.objects.filter(
            plan__region=region, plan__start_year__lte=end, plan__end_year__gte=start, kind=RegionGoal.Kind.SASARAN
        )
        .select_related("plan")
        .order_by("plan__start_year", "order", "code")
    )


def may_read_region(user, region: Region) -> bool:
    """Bappeda of the region (and administrators): the page shows every agency's sasaran."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or RegionMembership.objects.filter(user=user, region=region).exists()


def planned_regions(user) -> list[tuple[Region, int]]:
    """The regions whose RPJMD page the user may read, each with the latest year it covers."""
    if not user.is_authenticated:
        return []
    regions = Region.objects.all() if user.is_superuser else Region.objects.filter(memberships__user=user)
    plans = RegionPlan.objects.filter(region__in=regions).order_by("region__name", "-end_year")
    latest: dict[int, tuple[Region, int]] = {}
    for plan in plans.select_related("region"):
        latest.setdefault(plan.region_id, (plan.region, plan.end_year))
    return list(latest.values())


def may_write_region(user, region: Region) -> bool:
    return may_read_region(user, region)


@dataclass
class Supporter:
    agency_name: str
    agency_slug: str
    result: GoalResult | None  # None: the agency's plan does not cover the year


@dataclass
class RegionPageGoal:
    node: RegionGoalNode
    supporters: list[Supporter] = field(default_factory=list)


def region_page(plan: RegionPlan, year: int) -> list[RegionPageGoal]:
    goals = list(plan.goals.filter(kind=RegionGoal.Kind.SASARAN).order_by("order", "code"))
    nodes = [RegionGoalNode(g) for g in goals]
    score_region_goals(nodes, year, plan.region.negative_method)
    supports = GoalSupport.objects.filter(region_goal__in=goals).select_related("goal__period__agency__region")
    by_region_goal: dict[int, list[GoalSupport]] = {}
    for support in supports:
        by_region_goal.setdefault(support.region_goal_id, []).append(support)
    results = {}
    page = []
    for node in nodes:
        entry = RegionPageGoal(node)
        for support in by_region_goal.get(node.goal.pk, []):
            agency = support.goal.period.agency
            if agency.pk not in results:
                results[agency.pk] = agency_year_results(agency, year)
            found = next((g for g in results[agency.pk].goals if g.goal.pk == support.goal_id), None)
            entry.supporters.append(Supporter(agency.name, agency.slug, found))
        entry.supporters.sort(key=lambda s: s.agency_name)
        page.append(entry)
    return page
