"""What a reviewer looks for first in a cascade: a sasaran with nothing under it, a
kegiatan that serves no sasaran, a unit without a PK, a PK target that is not the
plan's, quarterly targets that do not add up to the year's.

The checks apply once the agency has begun its cascade for the year (any unit sasaran):
an agency that keeps no cascade is not told it lacks one on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from budget.models import BudgetItem
from core.numbers import format_number
from indicators import capaian as engine

from .levels import DIVISION, SECTION, unit_level
from .scoring import Cascade


@dataclass(frozen=True)
class CascadeFinding:
    code: str
    message: str
    where: str


def cascade_checks(cascade: Cascade, region_has_plan: bool = False) -> list[CascadeFinding]:
    if not cascade.exists:
        return []
    return [
        *_goals_without_children(cascade),
        *_regionless_goals(cascade, region_has_plan),
        *_unlinked_kegiatan(cascade),
        *_units_without_agreement(cascade),
        *_agreement_targets_differ(cascade),
        *_quarters_not_adding_up(cascade),
    ]


def _goals_without_children(cascade: Cascade):
    for node in cascade.agency_goals:
        if node.result.indicators and not node.children:
            yield CascadeFinding(
                "cascade_goal_without_children",
                "Sasaran strategis ini belum dijabarkan ke sasaran program eselon III.",
                f"Sasaran {node.result.goal.code} {node.result.goal.statement}",
            )
    units_with_sections = {u.parent_id for u in cascade.units if unit_level(u) == SECTION}
    for node in cascade.unit_goals:
        goal = node.goal
        if unit_level(goal.unit) == DIVISION and goal.unit_id in units_with_sections and not node.children:
            yield CascadeFinding(
                "cascade_goal_without_children",
                "Sasaran program ini belum dijabarkan ke sasaran kegiatan eselon IV di bawah unitnya.",
                f"{goal.kind_label} {goal.code} {goal.statement}",
            )


def _regionless_goals(cascade: Cascade, region_has_plan: bool):
    if not region_has_plan:
        return
    for node in cascade.unsupported:
        if node.result.indicators:
            yield CascadeFinding(
                "cascade_goal_without_region_goal",
                "Sasaran strategis ini tidak menyebut sasaran RPJMD yang didukungnya.",
                f"Sasaran {node.result.goal.code} {node.result.goal.statement}",
            )


def _unlinked_kegiatan(cascade: Cascade):
    linked = {item.pk for node in cascade.unit_goals for item in node.items}
    children: dict[int, list[BudgetItem]] = {}
    for item in cascade.budget_items:
        children.setdefault(item.parent_id, []).append(item)
    for item in cascade.budget_items:
        if item.level != BudgetItem.Level.KEGIATAN or item.pk in linked:
            continue
        # A kegiatan serves a sasaran through any of its sub-kegiatan as well.
        if any(sub.pk in linked for sub in children.get(item.pk, [])):
            continue
        yield CascadeFinding(
            "cascade_kegiatan_unlinked",
            "Kegiatan ini tidak terhubung ke sasaran unit mana pun.",
            f"Kegiatan {item.code} {item.name}",
        )


def _units_without_agreement(cascade: Cascade):
    for unit in cascade.units:
        if unit_level(unit) in (DIVISION, SECTION) and unit.pk not in cascade.agreements:
            yield CascadeFinding(
                "cascade_unit_without_agreement",
                f"Unit eselon {unit_level(unit)} ini belum memiliki Perjanjian Kinerja tahun {cascade.year}.",
                f"Unit {unit.code} {unit.name}",
            )


def _agreement_targets_differ(cascade: Cascade):
    for node in cascade.unit_goals:
        agreement = cascade.agreements.get(node.goal.unit_id)
        if agreement is None:
            continue
        promised = {t.indicator_id: t.target for t in agreement.targets.all()}
        for score in node.indicators:
            indicator = score.indicator
            if indicator.pk not in promised:
                continue
            if agreement.revision == 0 and promised[indicator.pk] != indicator.target:
                promise, plan = (
                    format_number(promised[indicator.pk], places=None),
                    format_number(indicator.target, places=None),
                )
                yield CascadeFinding(
                    "cascade_agreement_target_differs",
                    f"Target di {agreement.title} ({promise}) berbeda dari target rencana ({plan}).",
                    f"Indikator {indicator.code} {indicator.name}",
                )


def _quarters_not_adding_up(cascade: Cascade):
    for score in [*cascade.head_indicators, *cascade.indicators]:
        if score.rollup != engine.ROLLUP_SUM:
            continue
        total = score.quarter_target_total
        if total is None or score.target is None or total == score.target:
            continue
        yield CascadeFinding(
            "cascade_quarters_differ",
            f"Jumlah target keempat triwulan ({format_number(total, places=None)}) tidak sama dengan target tahunan "
            f"({format_number(score.target, places=None)}).",
            f"Indikator {score.indicator.code} {score.indicator.name}",
        )
