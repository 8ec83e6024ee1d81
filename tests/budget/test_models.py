"""The budget models: constraints enforced by the database, and money stored exactly
(a scaled BIGINT) on SQLite and PostgreSQL alike."""

from decimal import Decimal as D

import pytest
from django.db.models import Sum

from budget.models import BudgetAllocation, BudgetItem, FundingSource

from ..conftest import refused


@pytest.fixture
def item(agency_a):
    return BudgetItem.objects.create(agency=agency_a, year=2020, level="program", code="01", name="Program")


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


def test_largest_money_amount_round_trips_exactly(item):
    source = FundingSource.objects.get(code="APBD")
    BudgetAllocation.objects.create(item=item, source=source, pagu=D("999999999999999.99"), realisasi=D("0.01"))
    stored = BudgetAllocation.objects.get(item=item)
    assert stored.pagu == D("999999999999999.99")
    assert stored.realisasi == D("0.01")
    assert isinstance(stored.pagu, D)


def test_sum_of_ten_thousand_budget_lines_is_exact(agency_a):
    source = FundingSource.objects.get(code="APBD")
    items = BudgetItem.objects.bulk_create(
        BudgetItem(agency=agency_a, year=2020, level="kegiatan", code=f"K{n}", name=f"Kegiatan {n}")
        for n in range(10_000)
    )
    # 0,10 + 0,20 is the classic float trap; 999.999.999,99 stresses the magnitude.
    amounts = [D("0.10"), D("0.20"), D("999999999.99"), D("12345.67")]
    BudgetAllocation.objects.bulk_create(
        BudgetAllocation(item=item, source=source, pagu=amounts[n % 4], realisasi=D("0.01"))
        for n, item in enumerate(items)
    )
    totals = BudgetAllocation.objects.aggregate(pagu=Sum("pagu"), realisasi=Sum("realisasi"))
    expected = sum((amounts[n % 4] for n in range(10_000)), D(0))
    assert totals["pagu"] == expected == D("2500030864900.00")
    assert totals["realisasi"] == D("100.00")
    assert isinstance(totals["pagu"], D)


def test_value_with_too_many_decimals_is_refused_not_rounded(item):
    source = FundingSource.objects.get(code="APBD")
    with pytest.raises(ValueError):
        BudgetAllocation.objects.create(item=item, source=source, pagu=D("1.005"))
