"""A program, kegiatan or sub-kegiatan may support several sasaran: the form, the
workbook and the report all carry every link, written row by row (history, lock)."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from budget.models import BudgetAllocation, BudgetItem, BudgetItemGoal, FundingSource
from indicators.models import Goal, Indicator, Realization, RenstraPeriod, Target
from reports.document import build_document
from reports.render import render_document

YEAR = 2020


@pytest.fixture
def two_goals(agency_a):
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023, vision="Visi")
    goals = []
    for n in (1, 2):
        goal = Goal.objects.create(period=period, kind="sasaran", code=f"S{n}", statement=f"Sasaran {n}", order=n)
        indicator = Indicator.objects.create(period=period, goal=goal, code=f"I{n}", name=f"Indikator {n}", unit="%")
        Target.objects.create(indicator=indicator, year=YEAR, agreement=D(80))
        Realization.objects.create(indicator=indicator, year=YEAR, value=D(60))
        goals.append(goal)
    return goals


def program_form(code, goals, **extra):
    return {
        "level": "program",
        "code": code,
        "name": f"Program {code}",
        "spending_type": "langsung",
        "supported_goals": [g.pk for g in goals],
        "order": "1",
        "dana-TOTAL_FORMS": "0",
        "dana-INITIAL_FORMS": "0",
        **extra,
    }


def test_the_form_links_a_program_to_two_sasaran_and_unlinks_one(client, operator_a, agency_a, two_goals):
    client.force_login(operator_a)
    response = client.post(reverse("budget_item_create", args=[agency_a.slug, YEAR]), program_form("P1", two_goals))
    assert response.status_code == 302
    program = BudgetItem.objects.get(code="P1")
    assert program.supported_goal_codes == "S1, S2"
    edit = reverse("budget_item_edit", args=[agency_a.slug, YEAR, program.pk])
    boxes = re.findall(r'<input[^>]*name="supported_goals"[^>]*>', client.get(edit).content.decode())
    assert len(boxes) == 2 and all("checked" in box for box in boxes)
    client.post(edit, program_form("P1", two_goals[:1]))
    assert [g.code for g in program.goals.all()] == ["S1"]
    # Each link was written and removed as a row of its own: the history has both.
    kinds = sorted(BudgetItemGoal.history.filter(item_id=program.pk).values_list("history_type", flat=True))
    assert kinds == ["+", "+", "-"]


def test_a_sasaran_of_another_agency_cannot_be_chosen(client, operator_a, agency_a, agency_b, two_goals):
    other_period = RenstraPeriod.objects.create(agency=agency_b, start_year=2019, end_year=2023, vision="Visi")
    foreign = Goal.objects.create(period=other_period, kind="sasaran", code="X1", statement="Milik instansi lain")
    client.force_login(operator_a)
    response = client.post(reverse("budget_item_create", args=[agency_a.slug, YEAR]), program_form("P1", [foreign]))
    assert response.status_code == 200
    assert "supported_goals" in response.context["form"].errors
    assert not BudgetItem.objects.exists()


def test_a_new_kegiatan_offers_its_programs_sasaran(client, operator_a, agency_a, two_goals):
    program = BudgetItem.objects.create(agency=agency_a, year=YEAR, level="program", code="P1", name="Program")
    BudgetItemGoal.objects.create(item=program, goal=two_goals[1])
    client.force_login(operator_a)
    response = client.get(reverse("budget_item_create", args=[agency_a.slug, YEAR]) + f"?induk={program.pk}")
    assert response.context["form"].initial["supported_goals"] == [two_goals[1]]


def test_a_program_supporting_two_sasaran_is_reported_under_both(agency_a, two_goals):
    program = BudgetItem.objects.create(
        agency=agency_a,
        year=YEAR,
        level="program",
        code="P1",
        name="Program bersama",
        indicator_name="Keluaran bersama",
        indicator_unit="unit",
        indicator_target=D(10),
        indicator_realization=D(9),
    )
    BudgetAllocation.objects.create(
        item=program, source=FundingSource.objects.get(code="APBD"), pagu=D(1000), realisasi=D(900)
    )
    for goal in two_goals:
        BudgetItemGoal.objects.create(item=program, goal=goal)
    doc = build_document(agency_a, YEAR)
    assert [[n.item.code for n in a.supporting] for a in doc.analyses] == [["P1"], ["P1"]]
    assert [[r.node.item.code for r in a.program_rows] for a in doc.analyses] == [["P1"], ["P1"]]
    assert doc.other_program_rows == []
    assert [a.money.serapan for a in doc.analyses] == [D(90), D(90)]
    html = render_document(doc)
    assert "S1, S2" in html  # BAB II's program table names both sasaran
