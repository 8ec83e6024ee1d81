"""The unit pages' forms do what an operator expects: a sasaran kegiatan under the
division's sasaran program with the kegiatan that serve it, an indicator typed the
Indonesian way, a PK and a PK Perubahan that keeps the original, and a final year that
refuses every change."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import LockedYear, Membership
from budget.models import BudgetItem
from cascade.models import Agreement, AgreementTarget, IndicatorQuarterPlan, UnitGoal, UnitIndicator
from indicators.models import Indicator

from ..conftest import make_user
from ..factories import make_agency
from .factories import make_cascade

YEAR = 2021


@pytest.fixture
def world(client, db):
    agency = make_agency("dinas-form", indicators=8, budget_lines=20, year=YEAR)
    units = make_cascade(agency, YEAR, divisions=1, sections=2, indicators=1)
    client.force_login(make_user("operator-form", agency, Membership.Role.OPERATOR))
    return agency, units


def test_operator_builds_a_sasaran_kegiatan_with_indicator_and_kegiatan(client, world):
    agency, units = world
    section = units["sections"][1]
    program = UnitGoal.objects.get(unit=units["divisions"][0])
    kegiatan = list(BudgetItem.objects.filter(agency=agency, year=YEAR, level="kegiatan").order_by("code")[:2])
    url = reverse("unit_goal_new", args=[agency.slug, YEAR, section.pk])
    response = client.post(
        url,
        {
            "parent": program.pk,
            "code": "SK-B",
            "statement": "Sasaran baru",
            "order": 3,
            "items": [k.pk for k in kegiatan],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    goal = UnitGoal.objects.get(code="SK-B")
    assert goal.parent == program and sorted(goal.budget_items.values_list("code", flat=True)) == sorted(
        k.code for k in kegiatan
    )
    response = client.post(
        reverse("unit_indicator_new", args=[agency.slug, YEAR, goal.pk]),
        {
            "code": "I-B",
            "name": "Jumlah",
            "unit": "orang",
            "polarity": "positive",
            "rollup": "sum",
            "target": "1.234,5",
            "order": 1,
        },
    )
    assert response.status_code == 302
    assert UnitIndicator.objects.get(code="I-B").target == Decimal("1234.5")
    response = client.post(
        reverse("unit_indicator_new", args=[agency.slug, YEAR, goal.pk]),
        {"code": "I-C", "name": "Salah", "polarity": "positive", "rollup": "sum", "target": "seribu", "order": 2},
    )
    assert response.status_code == 200 and "Masukkan angka" in response.content.decode()
    assert not UnitIndicator.objects.filter(code="I-C").exists()


def test_a_sasaran_kegiatan_must_sit_under_the_sasaran_program_of_the_unit_above(client, world):
    agency, units = world
    other_section_goal = UnitGoal.objects.get(unit=units["sections"][0])
    response = client.post(
        reverse("unit_goal_new", args=[agency.slug, YEAR, units["sections"][1].pk]),
        {"parent": other_section_goal.pk, "code": "SK-X", "statement": "X", "order": 1},
    )
    assert response.status_code == 200 and "Masukkan pilihan yang valid" in response.content.decode()


def test_pk_perubahan_keeps_the_pk_as_signed(client, world):
    agency, units = world
    division = units["divisions"][0]
    indicator = UnitIndicator.objects.get(goal__unit=division)
    url = reverse("unit_agreement", args=[agency.slug, YEAR, division.pk])
    assert client.post(url, {"perubahan": "1"}).status_code == 302
    original, revised = Agreement.objects.filter(unit=division).order_by("revision")
    assert (original.revision, revised.revision) == (0, 1)
    form = {
        "official_title": "Kepala Bidang 1",
        "superior_title": "Kepala Dinas",
        "reason": "Refocusing anggaran",
        f"target_{indicator.pk}": "35",
    }
    assert client.post(url, form).status_code == 302
    assert AgreementTarget.objects.get(agreement=original, indicator=indicator).target == Decimal(40)
    assert AgreementTarget.objects.get(agreement=revised, indicator=indicator).target == Decimal(35)
    assert Agreement.objects.get(pk=revised.pk).reason == "Refocusing anggaran"
    page = client.get(reverse("unit_page", args=[agency.slug, YEAR, division.pk])).content.decode()
    assert "Perjanjian Kinerja Perubahan ke-1" in page and "PK Perubahan" in page


def test_a_final_year_refuses_every_cascade_change_with_its_reason(client, world):
    agency, units = world
    LockedYear.objects.create(agency=agency, year=YEAR)
    division = units["divisions"][0]
    indicator = UnitIndicator.objects.get(goal__unit=division)
    response = client.post(reverse("action_plan", args=[agency.slug, YEAR, indicator.pk]), {"q1_target": "1"})
    assert response.status_code == 403 and "sudah final" in response.content.decode()
    response = client.post(reverse("unit_agreement", args=[agency.slug, YEAR, division.pk]), {"perubahan": "1"})
    assert response.status_code == 403
    assert Agreement.objects.filter(unit=division).count() == 1
    page = client.get(reverse("unit_page", args=[agency.slug, YEAR, division.pk])).content.decode()
    assert "rencana aksi</a>" not in page  # no edit links in a final year


def test_operator_plans_the_quarters_of_an_agency_indicator_and_the_monitoring_scores_them(client, world):
    """The head's PK: quarterly targets and actions here, realisations from the grid
    (make_agency records 41-44 for the four quarters)."""
    agency, _ = world
    indicator = Indicator.objects.filter(period__agency=agency).order_by("code").first()
    url = reverse("head_action_plan", args=[agency.slug, YEAR, indicator.pk])
    assert "41,00" in client.get(url).content.decode()  # the grid's realisation, shown
    response = client.post(url, {"q1_target": "40", "q1_actions": "Sosialisasi", "q2_target": "50"})
    assert response.status_code == 302
    assert list(IndicatorQuarterPlan.objects.filter(indicator=indicator).values_list("quarter", "target")) == [
        (1, Decimal(40)),
        (2, Decimal(50)),
    ]
    monitoring = client.get(reverse("cascade_monitoring", args=[agency.slug, YEAR])).content.decode()
    row = re.search(rf"<tr>\s*<td>{indicator.code} .*?</tr>", monitoring, re.S).group(0)
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))
    assert "40,00 41,00 102,50 % 50,00 42,00 84,00 % - 43,00 - - 44,00 -" in cells, cells
