"""What must always hold is enforced by the database, not only by forms."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budget.models import BudgetAllocation, BudgetItem, FundingSource
from indicators.models import Goal, Indicator, Realization, RenstraPeriod, Target


@pytest.fixture
def period(agency_a):
    return RenstraPeriod.objects.create(agency=agency_a, start_year=2018, end_year=2023)


@pytest.fixture
def indicator(period):
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran")
    return Indicator.objects.create(period=period, goal=goal, code="I1", name="Indikator")


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_goal_codes_are_unique_per_renstra(period):
    Goal.objects.create(period=period, kind="tujuan", code="T1", statement="a")
    refused(lambda: Goal.objects.create(period=period, kind="tujuan", code="T1", statement="b"))


def test_tujuan_cannot_have_a_parent(period):
    parent = Goal.objects.create(period=period, kind="tujuan", code="T1", statement="a")
    refused(lambda: Goal.objects.create(period=period, kind="tujuan", code="T2", statement="b", parent=parent))


def test_indicator_codes_are_unique_per_renstra(indicator):
    refused(lambda: Indicator.objects.create(period=indicator.period, goal=indicator.goal, code="I1", name="x"))


def test_one_target_per_indicator_and_year(indicator):
    Target.objects.create(indicator=indicator, year=2020, agreement=D(5))
    refused(lambda: Target.objects.create(indicator=indicator, year=2020, agreement=D(6)))


def test_one_yearly_realization_and_one_per_quarter(indicator):
    Realization.objects.create(indicator=indicator, year=2020, value=D(1))
    Realization.objects.create(indicator=indicator, year=2020, quarter=1, value=D(1))
    refused(lambda: Realization.objects.create(indicator=indicator, year=2020, value=D(2)))
    refused(lambda: Realization.objects.create(indicator=indicator, year=2020, quarter=1, value=D(2)))


@pytest.mark.parametrize("quarter", [0, 5])
def test_quarter_is_between_1_and_4(indicator, quarter):
    refused(lambda: Realization.objects.create(indicator=indicator, year=2020, quarter=quarter, value=D(1)))


def test_renstra_ends_after_it_starts(agency_a):
    refused(lambda: RenstraPeriod.objects.create(agency=agency_a, start_year=2020, end_year=2020))


def test_money_is_not_negative(agency_a):
    item = BudgetItem.objects.create(agency=agency_a, year=2020, level="program", code="01", name="P")
    source = FundingSource.objects.get(code="APBD")
    refused(lambda: BudgetAllocation.objects.create(item=item, source=source, pagu=D(-1)))
    refused(lambda: BudgetAllocation.objects.create(item=item, source=source, pagu=D(1), realisasi=D(-1)))
    refused(lambda: BudgetAllocation.objects.create(item=item, source=source, pagu=D(1), realisasi_tw2=D(-1)))


def test_budget_codes_are_unique_per_agency_and_year(agency_a, agency_b):
    BudgetItem.objects.create(agency=agency_a, year=2020, level="program", code="01", name="P")
    BudgetItem.objects.create(agency=agency_a, year=2021, level="program", code="01", name="P")
    BudgetItem.objects.create(agency=agency_b, year=2020, level="program", code="01", name="P")
    refused(lambda: BudgetItem.objects.create(agency=agency_a, year=2020, level="program", code="01", name="Q"))


def test_one_allocation_per_item_and_source(agency_a):
    item = BudgetItem.objects.create(agency=agency_a, year=2020, level="program", code="01", name="P")
    source = FundingSource.objects.get(code="APBD")
    BudgetAllocation.objects.create(item=item, source=source, pagu=D(1))
    refused(lambda: BudgetAllocation.objects.create(item=item, source=source, pagu=D(2)))


def test_cycle_of_goal_parents_is_refused_by_validation(period):
    a = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="a")
    b = Goal.objects.create(period=period, kind="sasaran", code="S2", statement="b", parent=a)
    a.parent = b
    with pytest.raises(ValidationError, match="lingkaran"):
        a.full_clean()


def test_too_large_value_gets_a_clear_message(indicator):
    realization = Realization(indicator=indicator, year=2020, value=D(10) ** 20)
    with pytest.raises(ValidationError, match="terlalu besar"):
        realization.full_clean()
