"""The indicator models: what must always hold is enforced by the database, not only
by forms, and values come back exact on SQLite and PostgreSQL alike."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from indicators.models import Goal, Indicator, Realization, RenstraPeriod, Target

from ..conftest import refused


@pytest.fixture
def period(agency_a):
    return RenstraPeriod.objects.create(agency=agency_a, start_year=2018, end_year=2023)


@pytest.fixture
def indicator(period):
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran")
    return Indicator.objects.create(period=period, goal=goal, code="I1", name="Indikator")


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


def test_indicator_values_keep_four_decimals(agency_a):
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2018, end_year=2023)
    goal = Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran")
    indicator = Indicator.objects.create(period=period, goal=goal, code="I1", name="Indikator")
    Realization.objects.create(indicator=indicator, year=2019, value=D("0.0905"), numerator=D("1264373"))
    stored = Realization.objects.get()
    assert stored.value == D("0.0905")
    assert stored.numerator == D("1264373")
