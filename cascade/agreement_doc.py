"""What a unit's Perjanjian Kinerja prints: the two parties, the unit's sasaran with
their indicators and the targets this PK promises, and (eselon III) the programs and
kegiatan that serve them with their pagu."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from budget.tree import budget_tree
from indicators import capaian as engine

from .levels import DIVISION, unit_level
from .models import Agreement, UnitGoal, UnitIndicator


@dataclass
class TargetRow:
    goal: UnitGoal
    indicator: UnitIndicator
    target: Decimal | None
    first_of_goal: bool


@dataclass
class BudgetRow:
    code: str
    name: str
    level: str
    pagu: Decimal | None
    counted: bool  # False when a line above it is listed too (its pagu is inside that one)


@dataclass
class AgreementDocument:
    agreement: Agreement
    rows: list[TargetRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    with_budget: bool = False

    @property
    def total_pagu(self) -> Decimal | None:
        return engine.total(r.pagu for r in self.budget if r.counted)

    @property
    def goal_count(self) -> int:
        return len({r.goal.pk for r in self.rows})


def agreement_document(agreement: Agreement) -> AgreementDocument:
    unit = agreement.unit
    doc = AgreementDocument(agreement, with_budget=unit_level(unit) == DIVISION)
    promised = {t.indicator_id: t.target for t in agreement.targets.all()}
    goals = (
        UnitGoal.objects.filter(unit=unit)
        .prefetch_related("indicators", "budget_links__item")
        .order_by("order", "code")
    )
    linked = []
    for goal in goals:
        for n, indicator in enumerate(goal.indicators.all()):
            doc.rows.append(TargetRow(goal, indicator, promised.get(indicator.pk), n == 0))
        linked.extend(link.item for link in goal.budget_links.all())
    if doc.with_budget and linked:
        nodes = {node.item.pk: node for node in budget_tree(agreement.agency, agreement.year).nodes()}
        ids = {item.pk for item in linked}
        seen = set()
        for item in sorted(linked, key=lambda i: (i.order, i.code)):
            if item.pk in seen:
                continue
            seen.add(item.pk)
            node = nodes.get(item.pk)
            doc.budget.append(
                BudgetRow(
                    item.code,
                    item.name,
                    item.get_level_display(),
                    node.pagu if node else None,
                    counted=not _has_listed_ancestor(node, nodes, ids),
                )
            )
    return doc


def _has_listed_ancestor(node, nodes, ids) -> bool:
    parent_id = node.item.parent_id if node else None
    while parent_id is not None:
        if parent_id in ids:
            return True
        parent = nodes.get(parent_id)
        parent_id = parent.item.parent_id if parent else None
    return False
