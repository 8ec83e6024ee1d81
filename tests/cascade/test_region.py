"""The region's RPJMD: kept by its Bappeda only; the page scores each region indicator
and lists, under each sasaran daerah, the agency sasaran that support it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import Membership, Region, RegionMembership
from cascade.models import GoalSupport, RegionGoal, RegionIndicator, RegionIndicatorYear, RegionPlan
from indicators.models import Goal

from ..conftest import make_user
from ..factories import make_agency

YEAR = 2021


@pytest.fixture
def world(db):
    agency = make_agency("dinas-x", indicators=8, budget_lines=10, year=YEAR)
    region = agency.region
    plan = RegionPlan.objects.create(region=region, name="RPJMD", start_year=2021, end_year=2026, vision="Maju")
    goal = RegionGoal.objects.create(plan=plan, kind="sasaran", code="SD1", statement="Ekonomi tumbuh")
    indicator = RegionIndicator.objects.create(goal=goal, code="ID1", name="Pertumbuhan ekonomi", unit="%")
    GoalSupport.objects.create(goal=Goal.objects.get(period__agency=agency, code="S0"), region_goal=goal)
    planner = make_user("bappeda")
    RegionMembership.objects.create(user=planner, region=region)
    other_region = Region.objects.create(name="Kota Lain", slug="kota-lain")
    stranger = make_user("bappeda-lain")
    RegionMembership.objects.create(user=stranger, region=other_region)
    operator = make_user("operator-x", agency, Membership.Role.OPERATOR)
    return {
        "region": region,
        "plan": plan,
        "goal": goal,
        "indicator": indicator,
        "planner": planner,
        "stranger": stranger,
        "operator": operator,
    }


def region_urls(w):
    slug = w["region"].slug
    return {
        "region_plan": reverse("region_plan", args=[slug, YEAR]),
        "region_values": reverse("region_values", args=[slug, YEAR]),
        "region_plan_new": reverse("region_plan_new", args=[slug]),
        "region_plan_edit": reverse("region_plan_edit", args=[slug, w["plan"].pk]),
        "region_goal_new": reverse("region_goal_new", args=[slug, w["plan"].pk]),
        "region_goal_edit": reverse("region_goal_edit", args=[slug, w["goal"].pk]),
        "region_indicator_new": reverse("region_indicator_new", args=[slug, w["goal"].pk]),
        "region_indicator_edit": reverse("region_indicator_edit", args=[slug, w["indicator"].pk]),
        "region_delete": reverse("region_delete", args=[slug, "indikator", w["indicator"].pk]),
    }


def rows():
    return [
        sorted(model.objects.values_list())
        for model in (RegionPlan, RegionGoal, RegionIndicator, RegionIndicatorYear, GoalSupport)
    ]


def test_only_the_regions_bappeda_opens_its_pages(client, world):
    urls = region_urls(world)
    client.force_login(world["planner"])
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name
    for user in ("stranger", "operator"):
        client.force_login(world[user])
        before = rows()
        for name, url in urls.items():
            assert client.get(url).status_code == 404, (user, name)
            assert client.post(url, {"code": "X", "name": "X", "target_1": "1"}).status_code in (404, 405), (user, name)
        assert rows() == before
    client.logout()
    assert client.get(urls["region_plan"]).status_code == 302


def test_planner_enters_a_year_and_the_page_scores_it_and_lists_supporters(client, world):
    client.force_login(world["planner"])
    pk = world["indicator"].pk
    response = client.post(
        reverse("region_values", args=[world["region"].slug, YEAR]), {f"target_{pk}": "5", f"realization_{pk}": "4,6"}
    )
    assert response.status_code == 302
    stored = RegionIndicatorYear.objects.get(indicator=world["indicator"], year=YEAR)
    assert (stored.target, stored.realization) == (Decimal(5), Decimal("4.6"))
    html = client.get(reverse("region_plan", args=[world["region"].slug, YEAR])).content.decode()
    assert "92,00 %" in html  # 4,6 / 5 x 100
    assert "Dinas Sintetis dinas-x" in html and "S0 Sasaran 0" in html
    assert "Didukung oleh (1)" in html


def test_bad_numbers_and_overlapping_periods_are_refused_in_indonesian(client, world):
    client.force_login(world["planner"])
    pk = world["indicator"].pk
    response = client.post(reverse("region_values", args=[world["region"].slug, YEAR]), {f"target_{pk}": "lima"})
    assert response.status_code == 200
    assert "Masukkan angka" in response.content.decode()
    assert not RegionIndicatorYear.objects.exists()
    response = client.post(
        reverse("region_plan_new", args=[world["region"].slug]),
        {"name": "RPJMD", "start_year": "2024", "end_year": "2028"},
    )
    assert "beririsan dengan RPJMD lain" in response.content.decode()
    assert RegionPlan.objects.count() == 1


def test_agency_operator_picks_the_region_sasaran_their_sasaran_supports(client, world):
    client.force_login(world["operator"])
    goal = Goal.objects.get(period__agency__slug="dinas-x", code="S1")
    url = reverse("goal_support", args=["dinas-x", goal.pk])
    assert "SD1 Ekonomi tumbuh" in client.get(url).content.decode()
    assert client.post(url, {"region_goal": world["goal"].pk}).status_code == 302
    assert GoalSupport.objects.get(goal=goal).region_goal == world["goal"]
