"""Synthetic agencies of any size, for query-count tests and the bench scripts.

Plain bulk_create (no audit rows): these are measurement fixtures, not user edits.
"""

from __future__ import annotations

from decimal import Decimal

from agencies.models import Agency, Region
from budget.models import BudgetAllocation, BudgetItem, BudgetItemGoal, FundingSource
from indicators.models import Goal, Indicator, Realization, RenstraPeriod, Target
from reports.models import Report

START = 2019
YEARS = 5


def make_agency(slug: str, indicators: int, budget_lines: int, year: int = 2021) -> Agency:
    """An agency with a five-year Renstra, `indicators` IKU with targets for every year
    and realizations (yearly and per quarter) up to `year`, and `budget_lines`
    program/kegiatan lines with money from two funding sources."""
    region, _ = Region.objects.get_or_create(slug="kabupaten-sintetis", defaults={"name": "Kabupaten Sintetis"})
    agency = Agency.objects.create(region=region, slug=slug, name=f"Dinas Sintetis {slug}")
    period = RenstraPeriod.objects.create(agency=agency, start_year=START, end_year=START + YEARS - 1, vision="Visi")
    goal_count = max(1, indicators // 4)
    tujuan = Goal.objects.create(period=period, kind="tujuan", code="T1", statement="Tujuan", order=0)
    goals = Goal.objects.bulk_create(
        Goal(period=period, kind="sasaran", code=f"S{n}", statement=f"Sasaran {n}", order=n + 1, parent=tujuan)
        for n in range(goal_count)
    )
    calculations = ["direct", "ratio", "direct", "growth"]
    created = Indicator.objects.bulk_create(
        Indicator(
            period=period,
            goal=goals[n % goal_count],
            code=f"I{n}",
            name=f"Indikator {n}",
            unit="%",
            calculation=calculations[n % 4],
            numerator_label="P",
            denominator_label="Q",
            order=n,
        )
        for n in range(indicators)
    )
    Target.objects.bulk_create(
        Target(indicator=ind, year=y, renstra=Decimal(50 + n % 10), agreement=Decimal(52 + n % 7))
        for n, ind in enumerate(created)
        for y in range(START, START + YEARS)
    )
    realizations = []
    for n, ind in enumerate(created):
        for y in range(START, year + 1):
            realizations.append(
                Realization(
                    indicator=ind,
                    year=y,
                    value=Decimal(45 + (n + y) % 12),
                    numerator=Decimal(400 + n),
                    denominator=Decimal(800),
                )
            )
            realizations += [Realization(indicator=ind, year=y, quarter=q, value=Decimal(40 + q)) for q in range(1, 5)]
    Realization.objects.bulk_create(realizations)
    programs = max(1, budget_lines // 10)
    parents = BudgetItem.objects.bulk_create(
        BudgetItem(
            agency=agency,
            year=year,
            level="program",
            code=f"P{p}",
            name=f"Program {p}",
            order=p,
        )
        for p in range(programs)
    )
    children = BudgetItem.objects.bulk_create(
        BudgetItem(
            agency=agency,
            year=year,
            level="kegiatan",
            code=f"P{k % programs}.{k}",
            name=f"Kegiatan {k}",
            parent=parents[k % programs],
            indicator_name="Output",
            indicator_unit="unit",
            indicator_target=Decimal(10),
            indicator_realization=Decimal(9),
            order=programs + k,
        )
        for k in range(budget_lines - programs)
    )
    BudgetItemGoal.objects.bulk_create(
        BudgetItemGoal(item=item, goal=goals[n % goal_count]) for n, item in enumerate([*parents, *children])
    )
    sources = list(FundingSource.objects.filter(code__in=["APBD", "DAK"])) or [
        FundingSource.objects.create(code="APBD", name="APBD")
    ]
    BudgetAllocation.objects.bulk_create(
        BudgetAllocation(
            item=item,
            source=source,
            pagu=Decimal("1250000.00"),
            realisasi=Decimal("1000000.50"),
            realisasi_tw1=Decimal(250000),
            realisasi_tw2=Decimal(250000),
            realisasi_tw3=Decimal(250000),
            realisasi_tw4=Decimal("250000.50"),
        )
        for item in children
        for source in sources
    )
    Report.objects.create(agency=agency, year=year)
    return agency
