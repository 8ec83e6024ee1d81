"""The cascade scored for one agency-year: every unit indicator's quarters and year,
every unit sasaran's mean, and the tree from the region's sasaran down to kegiatan.

All figures come from `indicators/capaian.py` (the engine every report figure uses);
`None` is "not known" and is never counted as zero. The whole tree is read with a fixed
number of queries, whatever its size (tests/cascade/test_query_counts.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from agencies.models import Agency
from budget.models import BudgetItem
from indicators import capaian as engine
from indicators.models import Indicator, IndicatorResult
from indicators.results import AgencyYearResults, GoalResult, agency_year_results
from organisation.models import OrgUnit

from .levels import HEAD, unit_level
from .models import (
    Agreement,
    GoalSupport,
    IndicatorQuarterPlan,
    RegionGoal,
    RegionIndicator,
    RegionIndicatorYear,
    UnitGoal,
    UnitIndicator,
)

QUARTERS = (1, 2, 3, 4)


@dataclass
class QuarterScore:
    quarter: int
    target: Decimal | None = None
    realization: Decimal | None = None
    actions: str = ""

    polarity: str = engine.POSITIVE
    negative_method: str = engine.NEGATIVE_GAP

    @property
    def capaian(self) -> Decimal | None:
        return engine.capaian(self.target, self.realization, self.polarity, self.negative_method)


@dataclass
class IndicatorScore:
    """A unit indicator in one year: the target in force, the four quarters, the year."""

    indicator: UnitIndicator
    target: Decimal | None
    target_source: str  # "PK Perubahan", "PK" or "Rencana": where the target in force comes from
    quarters: list[QuarterScore]
    negative_method: str = engine.NEGATIVE_GAP
    is_head = False

    @property
    def rollup(self) -> str:
        return self.indicator.rollup

    @property
    def realization(self) -> Decimal | None:
        return engine.roll_up_quarters((q.realization for q in self.quarters), self.indicator.rollup)

    @property
    def capaian(self) -> Decimal | None:
        return engine.capaian(self.target, self.realization, self.indicator.polarity, self.negative_method)

    @property
    def status(self) -> str | None:
        return engine.target_status(self.capaian)

    @property
    def quarter_target_total(self) -> Decimal | None:
        return engine.total(q.target for q in self.quarters)


@dataclass
class HeadIndicatorScore:
    """An agency indicator (the head's PK) in the monitoring: its quarters' targets from
    its Rencana Aksi, its quarters' realisations and its year from the agency's scoring."""

    result: IndicatorResult
    quarters: list[QuarterScore]
    is_head = True

    @property
    def indicator(self):
        return self.result.indicator

    @property
    def target(self) -> Decimal | None:
        return self.result.target

    @property
    def target_source(self) -> str:
        return self.result.target_source or ""

    @property
    def realization(self) -> Decimal | None:
        return self.result.realization

    @property
    def capaian(self) -> Decimal | None:
        return self.result.capaian

    @property
    def quarter_target_total(self) -> Decimal | None:
        return engine.total(q.target for q in self.quarters)

    @property
    def rollup(self) -> str:
        return self.result.indicator.quarter_rollup


@dataclass
class HeadGoalNode:
    """A sasaran strategis in the monitoring, with its indicators' quarters."""

    result: GoalResult
    indicators: list[HeadIndicatorScore]
    kind_label = "Sasaran Strategis"

    @property
    def goal(self):
        return self.result.goal

    @property
    def capaian(self) -> Decimal | None:
        return self.result.capaian


@dataclass
class UnitGoalNode:
    goal: UnitGoal
    indicators: list[IndicatorScore] = field(default_factory=list)
    children: list[UnitGoalNode] = field(default_factory=list)
    items: list[BudgetItem] = field(default_factory=list)
    mean_cap: Decimal | None = engine.DEFAULT_MEAN_CAP

    @property
    def capaian(self) -> Decimal | None:
        return engine.mean((s.capaian for s in self.indicators), cap=self.mean_cap)

    @property
    def level(self) -> str:
        return unit_level(self.goal.unit)

    @property
    def kind_label(self) -> str:
        return self.goal.kind_label


@dataclass
class AgencyGoalNode:
    result: GoalResult
    children: list[UnitGoalNode] = field(default_factory=list)


@dataclass
class RegionIndicatorScore:
    indicator: RegionIndicator
    target: Decimal | None
    realization: Decimal | None
    negative_method: str = engine.NEGATIVE_GAP

    @property
    def capaian(self) -> Decimal | None:
        return engine.capaian(self.target, self.realization, self.indicator.polarity, self.negative_method)


@dataclass
class RegionGoalNode:
    goal: RegionGoal
    indicators: list[RegionIndicatorScore] = field(default_factory=list)
    children: list[AgencyGoalNode] = field(default_factory=list)

    @property
    def capaian(self) -> Decimal | None:
        return engine.mean(s.capaian for s in self.indicators)


@dataclass
class Cascade:
    """The agency-year's tree and everything the checks need."""

    agency: Agency
    year: int
    results: AgencyYearResults
    region_goals: list[RegionGoalNode] = field(default_factory=list)
    unsupported: list[AgencyGoalNode] = field(default_factory=list)  # agency sasaran naming no region sasaran
    unit_goals: list[UnitGoalNode] = field(default_factory=list)  # every unit sasaran, flat
    units: list[OrgUnit] = field(default_factory=list)
    agreements: dict[int, Agreement] = field(default_factory=dict)  # unit id -> PK in force
    budget_items: list[BudgetItem] = field(default_factory=list)
    head_goals: list[HeadGoalNode] = field(default_factory=list)  # the head's PK: the agency's sasaran

    @property
    def agency_goals(self) -> list[AgencyGoalNode]:
        return [n for r in self.region_goals for n in r.children] + self.unsupported

    @property
    def exists(self) -> bool:
        """Whether the agency has begun its cascade for the year (the checks apply then)."""
        return bool(self.unit_goals)

    @property
    def indicators(self) -> list[IndicatorScore]:
        return [s for node in self.unit_goals for s in node.indicators]

    @property
    def head_indicators(self) -> list[HeadIndicatorScore]:
        return [s for node in self.head_goals for s in node.indicators]

    def goals_of_unit(self, unit: OrgUnit) -> list[UnitGoalNode]:
        return [n for n in self.unit_goals if n.goal.unit_id == unit.pk]

    @property
    def unit_rows(self) -> list[UnitRow]:
        """Every unit of the year with its PK in force, its sasaran and their mean capaian."""
        by_unit: dict[int, list[UnitGoalNode]] = {}
        for node in self.unit_goals:
            by_unit.setdefault(node.goal.unit_id, []).append(node)
        return [UnitRow(unit, self.agreements.get(unit.pk), by_unit.get(unit.pk, [])) for unit in self.units]


@dataclass
class UnitRow:
    unit: OrgUnit
    agreement: Agreement | None
    goals: list[UnitGoalNode]

    @property
    def is_head(self) -> bool:
        """The agency's head: their PK is the agency's own (the LKjIP's Lampiran 1)."""
        return unit_level(self.unit) == HEAD

    @property
    def indicator_count(self) -> int:
        return sum(len(g.indicators) for g in self.goals)

    @property
    def capaian(self) -> Decimal | None:
        """The mean of the unit's sasaran capaian (each already capped as the region caps)."""
        return engine.mean(g.capaian for g in self.goals)


def current_agreements(agency: Agency, year: int) -> dict[int, Agreement]:
    """The PK in force of each unit: its latest revision, with its targets."""
    agreements = (
        Agreement.objects.filter(agency=agency, year=year)
        .select_related("unit")
        .prefetch_related("targets")
        .order_by("unit_id", "revision")
    )
    return {a.unit_id: a for a in agreements}  # later revisions overwrite earlier ones


def score_indicator(indicator: UnitIndicator, agreement: Agreement | None, negative_method: str) -> IndicatorScore:
    target, source = indicator.target, "Rencana"
    if agreement is not None:
        promised = {t.indicator_id: t.target for t in agreement.targets.all()}
        if promised.get(indicator.pk) is not None:
            target, source = promised[indicator.pk], ("PK Perubahan" if agreement.revision else "PK")
    stored = {q.quarter: q for q in indicator.quarters.all()}
    quarters = [
        QuarterScore(
            quarter=n,
            target=getattr(stored.get(n), "target", None),
            realization=getattr(stored.get(n), "realization", None),
            actions=getattr(stored.get(n), "actions", ""),
            polarity=indicator.polarity,
            negative_method=negative_method,
        )
        for n in QUARTERS
    ]
    return IndicatorScore(indicator, target, source, quarters, negative_method)


def unit_goal_nodes(
    agency: Agency, year: int, agreements: dict[int, Agreement], context, unit: OrgUnit | None = None
) -> list[UnitGoalNode]:
    """Every unit sasaran of the agency-year (or of one `unit`), scored, with children
    and budget lines linked."""
    indicators = Prefetch("indicators", queryset=UnitIndicator.objects.prefetch_related("quarters"))
    goals = (
        UnitGoal.objects.filter(agency=agency, year=year, **({"unit": unit} if unit else {}))
        .select_related("unit")
        .prefetch_related(indicators, "budget_links__item")
        .order_by("unit__code", "order", "code")
    )
    nodes = {}
    for goal in goals:
        agreement = agreements.get(goal.unit_id)
        nodes[goal.pk] = UnitGoalNode(
            goal=goal,
            indicators=[score_indicator(i, agreement, context.negative_method) for i in goal.indicators.all()],
            items=sorted((link.item for link in goal.budget_links.all()), key=lambda i: (i.order, i.code)),
            mean_cap=context.mean_cap,
        )
    for node in nodes.values():
        if node.goal.parent_id in nodes:
            nodes[node.goal.parent_id].children.append(node)
    return list(nodes.values())


def build_cascade(agency: Agency, year: int, results: AgencyYearResults | None = None) -> Cascade:
    results = results or agency_year_results(agency, year)
    context = results.context
    agreements = current_agreements(agency, year)
    unit_goals = unit_goal_nodes(agency, year, agreements, context)
    cascade = Cascade(
        agency=agency,
        year=year,
        results=results,
        unit_goals=unit_goals,
        units=list(OrgUnit.objects.filter(agency=agency, year=year).order_by("code")),
        agreements=agreements,
        budget_items=list(BudgetItem.objects.filter(agency=agency, year=year).order_by("order", "code")),
    )
    under_agency_goal: dict[int, list[UnitGoalNode]] = {}
    for node in unit_goals:
        if node.goal.agency_goal_id:
            under_agency_goal.setdefault(node.goal.agency_goal_id, []).append(node)
    supports = {
        s.goal_id: s.region_goal
        for s in GoalSupport.objects.filter(goal__in=[g.goal for g in results.goals]).select_related("region_goal")
    }
    region_nodes: dict[int, RegionGoalNode] = {}
    for goal_result in results.goals:
        if goal_result.goal.kind != goal_result.goal.Kind.SASARAN:
            continue
        node = AgencyGoalNode(goal_result, under_agency_goal.get(goal_result.goal.pk, []))
        region_goal = supports.get(goal_result.goal.pk)
        if region_goal is None:
            cascade.unsupported.append(node)
            continue
        if region_goal.pk not in region_nodes:
            region_nodes[region_goal.pk] = RegionGoalNode(region_goal)
        region_nodes[region_goal.pk].children.append(node)
    score_region_goals(list(region_nodes.values()), year, context.negative_method)
    cascade.head_goals = head_goal_nodes(results)
    cascade.region_goals = sorted(region_nodes.values(), key=lambda n: (n.goal.order, n.goal.code))
    return cascade


def score_region_goals(nodes: list[RegionGoalNode], year: int, negative_method: str) -> None:
    values = Prefetch("years", queryset=RegionIndicatorYear.objects.filter(year=year), to_attr="this_year")
    indicators = RegionIndicator.objects.filter(goal__in=[n.goal for n in nodes]).prefetch_related(values)
    by_goal: dict[int, list[RegionIndicatorScore]] = {}
    for indicator in indicators:
        entry = indicator.this_year[0] if indicator.this_year else None
        by_goal.setdefault(indicator.goal_id, []).append(
            RegionIndicatorScore(
                indicator,
                target=entry.target if entry else None,
                realization=entry.realization if entry else None,
                negative_method=negative_method,
            )
        )
    for node in nodes:
        node.indicators = by_goal.get(node.goal.pk, [])


def head_goal_nodes(results: AgencyYearResults) -> list[HeadGoalNode]:
    """The agency's sasaran with their indicators' quarters (one query for the plans;
    the realisations come with the agency's scoring)."""
    year, context = results.year, results.context
    numeric = [r for g in results.sasaran for r in g.indicators if _numeric(r)]
    plans = {
        (p.indicator_id, p.quarter): p
        for p in IndicatorQuarterPlan.objects.filter(indicator__in=[r.indicator for r in numeric], year=year)
    }
    nodes = []
    for goal in results.sasaran:
        scores = []
        for result in goal.indicators:
            if not _numeric(result):  # a grade has no quarterly figures to plan
                continue
            realised = {r.quarter: r.value for r in result.indicator.realization_list if r.year == year and r.quarter}
            quarters = [
                QuarterScore(
                    quarter=n,
                    target=getattr(plans.get((result.indicator.pk, n)), "target", None),
                    realization=realised.get(n),
                    actions=getattr(plans.get((result.indicator.pk, n)), "actions", ""),
                    polarity=result.indicator.polarity,
                    negative_method=context.negative_method,
                )
                for n in QUARTERS
            ]
            scores.append(HeadIndicatorScore(result, quarters))
        if scores:
            nodes.append(HeadGoalNode(goal, scores))
    return nodes


def _numeric(result: IndicatorResult) -> bool:
    return result.indicator.value_kind != Indicator.ValueKind.GRADE
