"""Each cascade check, triggered by data made for it; a complete cascade triggers none."""

from decimal import Decimal

import pytest

from budget.models import BudgetItem
from cascade.checks import cascade_checks
from cascade.models import (
    Agreement,
    AgreementTarget,
    GoalSupport,
    IndicatorQuarterPlan,
    RegionGoal,
    RegionPlan,
    UnitBudgetLink,
    UnitGoal,
    UnitIndicator,
    UnitQuarter,
)
from cascade.scoring import build_cascade
from indicators.models import Indicator
from organisation.models import OrgUnit

from ..factories import make_agency
from .factories import make_cascade

YEAR = 2021


@pytest.fixture
def complete(db):
    """Two sasaran strategis, each under one division with one section: nothing to find."""
    agency = make_agency("lengkap", indicators=8, budget_lines=20, year=YEAR)
    units = make_cascade(agency, YEAR, divisions=2, sections=1, indicators=1)
    return agency, units


def findings(agency, region_has_plan=False):
    return [(f.code, f.where) for f in cascade_checks(build_cascade(agency, YEAR), region_has_plan)]


def test_a_complete_cascade_has_no_findings(complete):
    agency, _ = complete
    assert findings(agency) == []


def test_no_cascade_no_findings(db):
    """An agency that keeps no cascade is not told on every page that it lacks one."""
    agency = make_agency("tanpa", indicators=8, budget_lines=20, year=YEAR)
    assert findings(agency) == []


def test_agency_sasaran_without_sasaran_program(complete):
    agency, units = complete
    UnitGoal.objects.filter(unit=units["divisions"][1]).delete()  # takes its section's sasaran along
    found = findings(agency)
    assert ("cascade_goal_without_children", "Sasaran S1 Sasaran 1") in found


def test_sasaran_program_without_sasaran_kegiatan_where_its_unit_has_sections(complete):
    agency, units = complete
    UnitGoal.objects.filter(unit=units["sections"][0]).delete()
    found = findings(agency)
    assert ("cascade_goal_without_children", "Sasaran Program SP1.1 Sasaran program 1.1") in found


def test_kegiatan_linked_to_no_sasaran(complete):
    agency, _ = complete
    kegiatan = BudgetItem.objects.filter(agency=agency, year=YEAR, level="kegiatan").order_by("code").first()
    UnitBudgetLink.objects.filter(item=kegiatan).delete()
    assert ("cascade_kegiatan_unlinked", f"Kegiatan {kegiatan.code} {kegiatan.name}") in findings(agency)


def test_kegiatan_serving_through_a_sub_kegiatan_is_linked(complete):
    agency, _ = complete
    kegiatan = BudgetItem.objects.filter(agency=agency, year=YEAR, level="kegiatan").order_by("code").first()
    link = UnitBudgetLink.objects.get(item=kegiatan)
    sub = BudgetItem.objects.create(
        agency=agency, year=YEAR, level="sub_kegiatan", parent=kegiatan, code=f"{kegiatan.code}.1", name="Sub"
    )
    UnitBudgetLink.objects.create(goal=link.goal, item=sub)
    link.delete()
    assert findings(agency) == []


def test_unit_without_agreement(complete):
    agency, units = complete
    Agreement.objects.filter(unit=units["sections"][1]).delete()
    unit = units["sections"][1]
    assert findings(agency) == [("cascade_unit_without_agreement", f"Unit {unit.code} {unit.name}")]


def test_a_unit_with_an_eselon_recorded_is_judged_by_it(complete):
    """A functional post under a division needs no PK, whatever its depth."""
    agency, units = complete
    OrgUnit.objects.create(agency=agency, year=YEAR, code="1.1.9", parent=units["divisions"][0], name="JF", level="JF")
    assert findings(agency) == []


def test_agreement_target_different_from_the_plan(complete):
    agency, units = complete
    indicator = units["indicators"][0]
    AgreementTarget.objects.filter(indicator=indicator).update(target=Decimal(45))
    message = [f for f in cascade_checks(build_cascade(agency, YEAR)) if f.code == "cascade_agreement_target_differs"]
    assert [f.message for f in message] == ["Target di Perjanjian Kinerja (45) berbeda dari target rencana (40)."]


def test_pk_perubahan_may_change_the_target(complete):
    """A revised PK promises a new target on purpose: not a finding; the original stays."""
    agency, units = complete
    indicator = units["indicators"][0]
    original = Agreement.objects.get(unit=indicator.goal.unit)
    revised = Agreement.objects.create(
        agency=agency, year=YEAR, unit=original.unit, revision=1, official_title="K", superior_title="K"
    )
    AgreementTarget.objects.create(agreement=revised, indicator=indicator, target=Decimal(30))
    UnitQuarter.objects.filter(indicator=indicator, quarter=4).update(target=Decimal(0))
    cascade = build_cascade(agency, YEAR)
    assert findings(agency) == []
    score = next(s for s in cascade.indicators if s.indicator.pk == indicator.pk)
    assert (score.target, score.target_source) == (Decimal(30), "PK Perubahan")
    assert AgreementTarget.objects.get(agreement=original, indicator=indicator).target == Decimal(40)


def test_quarterly_targets_that_do_not_add_up_for_a_summed_indicator(complete):
    agency, units = complete
    indicator = units["indicators"][0]
    UnitQuarter.objects.filter(indicator=indicator, quarter=4).update(target=Decimal(15))
    found = [f for f in cascade_checks(build_cascade(agency, YEAR)) if f.code == "cascade_quarters_differ"]
    assert [f.message for f in found] == ["Jumlah target keempat triwulan (45) tidak sama dengan target tahunan (40)."]
    # The same quarters under "last quarter" (a stock, a percentage) are not summed.
    UnitIndicator.objects.filter(pk=indicator.pk).update(rollup="last")
    assert findings(agency) == []


def test_agency_sasaran_naming_no_region_sasaran_once_the_region_has_an_rpjmd(complete):
    agency, _ = complete
    assert findings(agency, region_has_plan=True) == [
        ("cascade_goal_without_region_goal", "Sasaran S0 Sasaran 0"),
        ("cascade_goal_without_region_goal", "Sasaran S1 Sasaran 1"),
    ]
    plan = RegionPlan.objects.create(region=agency.region, start_year=2021, end_year=2026)
    region_goal = RegionGoal.objects.create(plan=plan, kind="sasaran", code="SD1", statement="Sasaran daerah")
    for goal in build_cascade(agency, YEAR).results.goals:
        if goal.goal.kind == "sasaran":
            GoalSupport.objects.create(goal=goal.goal, region_goal=region_goal)
    assert findings(agency, region_has_plan=True) == []


def test_quarterly_targets_of_a_summed_agency_indicator_that_do_not_add_up(complete):
    """The head's PK too: an IKU summed over the quarters whose Rencana Aksi targets do
    not make its yearly target."""
    agency, _ = complete
    indicator = Indicator.objects.filter(period__agency=agency).order_by("code").first()
    Indicator.objects.filter(pk=indicator.pk).update(quarter_rollup="sum")
    target = build_cascade(agency, YEAR).results.indicators[0].target
    for quarter in (1, 2, 3, 4):
        IndicatorQuarterPlan.objects.create(indicator=indicator, year=YEAR, quarter=quarter, target=target / 4)
    assert findings(agency) == []
    IndicatorQuarterPlan.objects.filter(indicator=indicator, quarter=4).update(target=Decimal(1))
    assert findings(agency) == [("cascade_quarters_differ", f"Indikator {indicator.code} {indicator.name}")]
