"""A cascade of any size under an agency made by tests/factories.make_agency: a head,
`divisions` eselon III units each with `sections` eselon IV units, one sasaran per unit
(eselon III under the agency's sasaran in turn), `indicators` indicators per sasaran
with four quarters, a PK per unit, and the agency's kegiatan linked to the sections.
Plain bulk_create: a measurement fixture, not user edits."""

from __future__ import annotations

from decimal import Decimal

from budget.models import BudgetItem
from cascade.models import Agreement, AgreementTarget, UnitBudgetLink, UnitGoal, UnitIndicator, UnitQuarter
from indicators.models import Goal
from organisation.models import OrgUnit


def make_cascade(agency, year: int, divisions: int, sections: int, indicators: int) -> dict:
    head = OrgUnit.objects.create(agency=agency, year=year, code="1", name="Kepala Dinas", head_name="Kepala")
    division_units = OrgUnit.objects.bulk_create(
        OrgUnit(agency=agency, year=year, code=f"1.{d + 1}", parent=head, name=f"Bidang {d + 1}")
        for d in range(divisions)
    )
    section_units = OrgUnit.objects.bulk_create(
        OrgUnit(agency=agency, year=year, code=f"{div.code}.{s + 1}", parent=div, name=f"Seksi {div.code}.{s + 1}")
        for div in division_units
        for s in range(sections)
    )
    sasaran = list(Goal.objects.filter(period__agency=agency, kind="sasaran").order_by("order"))
    division_goals = UnitGoal.objects.bulk_create(
        UnitGoal(
            agency=agency,
            year=year,
            unit=unit,
            agency_goal=sasaran[n % len(sasaran)],
            code=f"SP{unit.code}",
            statement=f"Sasaran program {unit.code}",
        )
        for n, unit in enumerate(division_units)
    )
    by_unit = {g.unit_id: g for g in division_goals}
    section_goals = UnitGoal.objects.bulk_create(
        UnitGoal(
            agency=agency,
            year=year,
            unit=unit,
            parent=by_unit[unit.parent_id],
            code=f"SK{unit.code}",
            statement=f"Sasaran kegiatan {unit.code}",
        )
        for unit in section_units
    )
    goals = division_goals + section_goals
    created = UnitIndicator.objects.bulk_create(
        UnitIndicator(
            goal=goal,
            code=f"{goal.code}.{i + 1}",
            name=f"Indikator {goal.code}.{i + 1}",
            rollup="sum",
            target=Decimal(40),
        )
        for goal in goals
        for i in range(indicators)
    )
    UnitQuarter.objects.bulk_create(
        UnitQuarter(indicator=ind, quarter=q, target=Decimal(10), realization=Decimal(9 + q % 2), actions=f"Aksi {q}")
        for ind in created
        for q in range(1, 5)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(
            agency=agency,
            year=year,
            unit=goal.unit,
            official_title=f"Kepala {goal.unit.name}",
            superior_title="Kepala Dinas",
        )
        for goal in goals
    )
    by_unit_agreement = {a.unit_id: a for a in agreements}
    AgreementTarget.objects.bulk_create(
        AgreementTarget(agreement=by_unit_agreement[ind.goal.unit_id], indicator=ind, target=ind.target)
        for ind in created
    )
    kegiatan = list(BudgetItem.objects.filter(agency=agency, year=year, level="kegiatan").order_by("order", "code"))
    UnitBudgetLink.objects.bulk_create(
        UnitBudgetLink(goal=section_goals[n % len(section_goals)], item=item) for n, item in enumerate(kegiatan)
    )
    return {"head": head, "divisions": division_units, "sections": section_units, "indicators": created}
