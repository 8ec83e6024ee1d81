"""The consistency checks of an agency-year: what users typed that cannot be right."""

from __future__ import annotations

from dataclasses import dataclass

from budget.tree import BudgetTree
from cascade.checks import cascade_checks
from cascade.region import plan_of
from cascade.scoring import Cascade
from indicators.results import AgencyYearResults


@dataclass(frozen=True)
class Check:
    code: str
    message: str
    where: str


def consistency_checks(results: AgencyYearResults, tree: BudgetTree) -> list[Check]:
    checks = []
    if results.period is None:
        checks.append(Check("no_renstra", f"Tidak ada periode Renstra yang mencakup tahun {results.year}.", "Renstra"))
    for result in results.indicators:
        where = f"Indikator {result.indicator.code} {result.indicator.name}"
        checks.extend(Check(flag.code, flag.message, where) for flag in result.flags)
    for node in tree.nodes():
        where = f"{node.item.get_level_display()} {node.item.code} {node.item.name}"
        checks.extend(Check(flag.code, flag.message, where) for flag in node.flags)
    return checks


def cascade_report_checks(cascade: Cascade) -> list[Check]:
    """What the cascade checks find, in the same form as the other checks."""
    has_plan = plan_of(cascade.agency.region, cascade.year) is not None
    return [Check(f.code, f.message, f.where) for f in cascade_checks(cascade, has_plan)]
