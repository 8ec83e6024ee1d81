"""The budget tree: a parent's money is always the sum of its children; amounts typed
on a parent are only compared with that sum, never used in its place."""

from decimal import Decimal as D

import pytest

from budget.models import BudgetAllocation, BudgetItem, FundingSource
from budget.money import Money
from budget.tree import budget_tree

YEAR = 2020


@pytest.fixture
def sources(db):
    return FundingSource.objects.get(code="APBD"), FundingSource.objects.get(code="DAK")


def line(agency, code, level="program", parent=None, spending_type="langsung", **kwargs):
    return BudgetItem.objects.create(
        agency=agency,
        year=YEAR,
        code=code,
        name=code,
        level=level,
        parent=parent,
        spending_type=spending_type,
        **kwargs,
    )


def money(item, source, pagu, realisasi="0", **quarters):
    BudgetAllocation.objects.create(item=item, source=source, pagu=D(pagu), realisasi=D(realisasi), **quarters)


def nodes_by_code(tree):
    return {node.item.code: node for node in tree.nodes()}


def test_a_leaf_sums_its_funding_sources(agency_a, sources):
    apbd, dak = sources
    program = line(agency_a, "01")
    money(program, apbd, "1000", "800")
    money(program, dak, "500", "500")
    node = nodes_by_code(budget_tree(agency_a, YEAR))["01"]
    assert (node.pagu, node.realisasi, node.sisa) == (D(1500), D(1300), D(200))
    assert node.serapan == D(1300) * 100 / D(1500)
    assert node.flags == []


def test_a_parent_is_the_sum_of_its_children_and_a_typed_parent_amount_is_only_compared(agency_a, sources):
    apbd, _ = sources
    program = line(agency_a, "01")
    money(program, apbd, "9999", "1")  # typed on the parent: disagrees with its kegiatan
    for code, pagu, realisasi in (("01.1", "600", "500"), ("01.2", "400", "100")):
        money(line(agency_a, code, level="kegiatan", parent=program), apbd, pagu, realisasi)
    node = nodes_by_code(budget_tree(agency_a, YEAR))["01"]
    assert (node.pagu, node.realisasi) == (D(1000), D(600))
    assert (node.stated_pagu, node.stated_realisasi) == (D(9999), D(1))
    assert {flag.code for flag in node.flags} == {"parent_pagu_differs", "parent_realisasi_differs"}
    assert [child.depth for child in node.children] == [1, 1]


def test_a_typed_parent_amount_that_agrees_raises_no_flag(agency_a, sources):
    apbd, _ = sources
    program = line(agency_a, "01")
    money(program, apbd, "1000", "600")
    money(line(agency_a, "01.1", level="kegiatan", parent=program), apbd, "1000", "600")
    assert nodes_by_code(budget_tree(agency_a, YEAR))["01"].flags == []


def test_three_levels_add_up_from_the_sub_kegiatan(agency_a, sources):
    apbd, _ = sources
    program = line(agency_a, "01")
    kegiatan = line(agency_a, "01.1", level="kegiatan", parent=program)
    for code in ("01.1.1", "01.1.2"):
        money(line(agency_a, code, level="sub_kegiatan", parent=kegiatan), apbd, "250", "200")
    nodes = nodes_by_code(budget_tree(agency_a, YEAR))
    assert nodes["01.1"].pagu == nodes["01"].pagu == D(500)
    assert nodes["01"].realisasi == D(400)
    assert [n.item.code for n in budget_tree(agency_a, YEAR).nodes()] == ["01", "01.1", "01.1.1", "01.1.2"]


def test_totals_over_the_programs_and_by_spending_type(agency_a, sources):
    apbd, _ = sources
    money(line(agency_a, "01"), apbd, "1000", "900")
    money(line(agency_a, "02", spending_type="tidak_langsung"), apbd, "3000", "1500")
    tree = budget_tree(agency_a, YEAR)
    assert tree.total() == Money(D(4000), D(2400))
    assert tree.total("langsung") == Money(D(1000), D(900))
    assert tree.total("tidak_langsung").serapan == D(50)


def test_no_lines_is_unknown_not_zero(agency_a):
    total = budget_tree(agency_a, YEAR).total()
    assert total == Money(None, None)
    assert total.sisa is None and total.serapan is None


def test_lines_that_cannot_be_right_are_flagged(agency_a, sources):
    apbd, _ = sources
    program = line(agency_a, "01")
    money(program, apbd, "100", "0")
    child = line(agency_a, "01.1", level="kegiatan", parent=program)
    money(child, apbd, "500", "700", realisasi_tw1=D(100), realisasi_tw2=D(100))
    nodes = nodes_by_code(budget_tree(agency_a, YEAR))
    assert {flag.code for flag in nodes["01.1"].flags} == {
        "child_exceeds_parent",
        "spending_above_pagu",
        "quarters_differ",
    }


def test_another_agency_or_year_is_not_in_the_tree(agency_a, agency_b, sources):
    apbd, _ = sources
    money(line(agency_b, "01"), apbd, "1000")
    money(BudgetItem.objects.create(agency=agency_a, year=YEAR + 1, code="01", name="x", level="program"), apbd, "7")
    assert budget_tree(agency_a, YEAR).nodes() == []
