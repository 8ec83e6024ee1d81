"""The demo cascade (fixtures/*-cascade.json): the region's RPJMD, which region sasaran
each agency sasaran supports, the units' sasaran and indicators with their quarters,
the programs and kegiatan each serves, and a PK for every unit that has sasaran.

Loaded after the agency it belongs to (whose units, sasaran and budget it names by code).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from agencies.models import Agency
from budget.models import BudgetItem
from cascade.agreements import new_agreement
from cascade.models import (
    AgreementTarget,
    GoalSupport,
    IndicatorQuarterPlan,
    RegionGoal,
    RegionIndicator,
    RegionIndicatorYear,
    RegionMission,
    RegionPlan,
    UnitBudgetLink,
    UnitGoal,
    UnitIndicator,
    UnitQuarter,
)
from indicators.models import Goal, Indicator
from organisation.models import OrgUnit


def _decimal(value):
    return None if value is None else Decimal(value)


def load_cascade(data: dict) -> None:
    agency = Agency.objects.select_related("region").get(slug=data["agency"])
    year = data["year"]
    region_goals = _load_region_plan(agency, data["region_plan"])
    goals = {g.code: g for g in Goal.objects.filter(period__agency=agency)}
    for goal_code, region_code in data["supports"].items():
        GoalSupport.objects.update_or_create(goal=goals[goal_code], defaults={"region_goal": region_goals[region_code]})
    units = {u.code: u for u in OrgUnit.objects.filter(agency=agency, year=year)}
    items = {i.code: i for i in BudgetItem.objects.filter(agency=agency, year=year)}
    made: dict[str, UnitGoal] = {}
    for order, entry in enumerate(data["unit_goals"], start=1):
        goal = UnitGoal.objects.create(
            agency=agency,
            year=year,
            unit=units[entry["unit"]],
            agency_goal=goals[entry["agency_goal"]] if entry.get("agency_goal") else None,
            parent=made[entry["parent"]] if entry.get("parent") else None,
            code=entry["code"],
            statement=entry["statement"],
            order=order,
        )
        made[goal.code] = goal
        for n, spec in enumerate(entry["indicators"], start=1):
            indicator = UnitIndicator.objects.create(
                goal=goal,
                code=spec["code"],
                name=spec["name"],
                unit=spec["unit"],
                rollup=spec["rollup"],
                target=_decimal(spec["target"]),
                order=n,
            )
            for quarter in spec["quarters"]:
                UnitQuarter.objects.create(
                    indicator=indicator,
                    quarter=quarter["quarter"],
                    target=_decimal(quarter["target"]),
                    realization=_decimal(quarter["realization"]),
                    actions=quarter["actions"],
                )
        for code in entry["items"]:
            UnitBudgetLink.objects.create(goal=goal, item=items[code])
    iku = {i.code: i for i in Indicator.objects.filter(period__agency=agency)}
    for entry in data.get("iku_plans", []):
        for quarter, (target, actions) in enumerate(entry["quarters"], start=1):
            IndicatorQuarterPlan.objects.create(
                indicator=iku[entry["indicator"]], year=year, quarter=quarter, target=_decimal(target), actions=actions
            )
    for entry in data["agreements"]:
        agreement = new_agreement(agency, units[entry["unit"]], year)
        agreement.signed_on = date.fromisoformat(entry["signed_on"])
        agreement.save()
        for indicator in UnitIndicator.objects.filter(goal__unit=agreement.unit):
            AgreementTarget.objects.create(agreement=agreement, indicator=indicator, target=indicator.target)


def _load_region_plan(agency: Agency, spec: dict) -> dict[str, RegionGoal]:
    RegionPlan.objects.filter(region=agency.region, start_year=spec["start_year"]).delete()
    plan = RegionPlan.objects.create(
        region=agency.region,
        name=spec["name"],
        start_year=spec["start_year"],
        end_year=spec["end_year"],
        vision=spec["vision"],
    )
    for order, text in enumerate(spec["missions"], start=1):
        RegionMission.objects.create(plan=plan, order=order, text=text)
    made: dict[str, RegionGoal] = {}
    for order, entry in enumerate(spec["goals"], start=1):
        goal = RegionGoal.objects.create(
            plan=plan,
            parent=made.get(entry.get("parent")),
            kind=entry["kind"],
            code=entry["code"],
            statement=entry["statement"],
            order=order,
        )
        made[goal.code] = goal
        for n, ind in enumerate(entry.get("indicators", []), start=1):
            indicator = RegionIndicator.objects.create(
                goal=goal, code=ind["code"], name=ind["name"], unit=ind["unit"], order=n
            )
            for year, values in ind["values"].items():
                RegionIndicatorYear.objects.create(
                    indicator=indicator,
                    year=int(year),
                    target=_decimal(values["target"]),
                    realization=_decimal(values["realization"]),
                )
    return made
