"""Scores of a whole agency-year: every indicator, every tujuan/sasaran, the agency.

Loads everything in a fixed number of queries and hands plain values to the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from agencies.models import Agency

from . import capaian as engine
from .models import Goal, Indicator, IndicatorResult, RenstraPeriod, ScoringContext


@dataclass
class GoalResult:
    """A tujuan or sasaran with its indicators' results and its mean capaian."""

    goal: Goal
    indicators: list[IndicatorResult] = field(default_factory=list)
    mean_cap: Decimal | None = engine.DEFAULT_MEAN_CAP

    @property
    def capaian(self) -> Decimal | None:
        """The mean of its indicators' capaian, each counted at most the region's cap."""
        return engine.mean((r.capaian for r in self.indicators), cap=self.mean_cap)


@dataclass
class AgencyYearResults:
    """The scores of one agency in one year."""

    agency: Agency
    year: int
    period: RenstraPeriod | None
    context: ScoringContext
    goals: list[GoalResult] = field(default_factory=list)

    @property
    def indicators(self) -> list[IndicatorResult]:
        return [r for g in self.goals for r in g.indicators]

    @property
    def sasaran(self) -> list[GoalResult]:
        """The goals whose mean makes the agency capaian: the sasaran, or the tujuan
        when the plan has no sasaran with indicators."""
        sasaran = [g for g in self.goals if g.goal.kind == Goal.Kind.SASARAN and g.indicators]
        return sasaran or [g for g in self.goals if g.indicators]

    @property
    def capaian(self) -> Decimal | None:
        return engine.mean(g.capaian for g in self.sasaran)

    @property
    def predicate(self) -> engine.Band | None:
        return engine.predicate(self.capaian, self.context.bands)


def indicator_prefetches() -> list:
    return [
        "targets",
        "realizations",
    ]


def agency_year_results(agency: Agency, year: int) -> AgencyYearResults:
    """Every indicator, goal and the agency scored for `year` under the region's rules."""
    context = ScoringContext.for_region(agency.region)
    period = RenstraPeriod.objects.filter(agency=agency).covering(year).first()
    results = AgencyYearResults(agency=agency, year=year, period=period, context=context)
    if period is None:
        return results
    indicators = Prefetch(
        "indicators",
        queryset=Indicator.objects.select_related("period").prefetch_related(*indicator_prefetches()),
    )
    goals = Goal.objects.filter(period=period).prefetch_related(indicators).order_by("order", "code")
    for goal in goals:
        results.goals.append(
            GoalResult(
                goal=goal,
                indicators=[ind.result_for(year, context) for ind in goal.indicators.all()],
                mean_cap=context.mean_cap,
            )
        )
    return results
