"""A membership scoped to a unit reaches that unit and the units under it, and nothing
else: not a sibling unit (also when guessing its ids), not the agency's own pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import Membership
from cascade.models import UnitGoal, UnitIndicator, UnitQuarter

from ..conftest import make_user
from ..factories import make_agency
from .factories import make_cascade

YEAR = 2021


@pytest.fixture
def world(db):
    agency = make_agency("bertingkat", indicators=8, budget_lines=20, year=YEAR)
    units = make_cascade(agency, YEAR, divisions=2, sections=1, indicators=1)
    own, other = units["divisions"]
    scoped = make_user("kabid-1")
    Membership.objects.create(user=scoped, agency=agency, role=Membership.Role.OPERATOR, unit_code=own.code)
    reader = make_user("staf-1")
    Membership.objects.create(user=reader, agency=agency, role=Membership.Role.REVIEWER, unit_code=own.code)
    return {"agency": agency, "units": units, "own": own, "other": other, "scoped": scoped, "reader": reader}


def unit_urls(agency, unit):
    goal = UnitGoal.objects.filter(unit=unit).first()
    indicator = UnitIndicator.objects.filter(goal=goal).first()
    agreement = unit.agreements.first()
    s = agency.slug
    return {
        "unit_page": reverse("unit_page", args=[s, YEAR, unit.pk]),
        "unit_agreement": reverse("unit_agreement", args=[s, YEAR, unit.pk]),
        "unit_agreement_pdf": reverse("unit_agreement_pdf", args=[s, YEAR, agreement.pk]),
        "unit_goal_new": reverse("unit_goal_new", args=[s, YEAR, unit.pk]),
        "unit_goal_edit": reverse("unit_goal_edit", args=[s, YEAR, goal.pk]),
        "unit_goal_delete": reverse("unit_goal_delete", args=[s, YEAR, goal.pk]),
        "unit_indicator_new": reverse("unit_indicator_new", args=[s, YEAR, goal.pk]),
        "unit_indicator_edit": reverse("unit_indicator_edit", args=[s, YEAR, indicator.pk]),
        "unit_indicator_delete": reverse("unit_indicator_delete", args=[s, YEAR, indicator.pk]),
        "action_plan": reverse("action_plan", args=[s, YEAR, indicator.pk]),
    }


def test_scoped_operator_reads_and_writes_own_unit_and_the_sections_under_it(client, world):
    client.force_login(world["scoped"])
    section = next(u for u in world["units"]["sections"] if u.parent_id == world["own"].pk)
    for unit in (world["own"], section):
        for name, url in unit_urls(world["agency"], unit).items():
            assert client.get(url).status_code == 200, (unit.code, name)
    indicator = UnitIndicator.objects.get(goal__unit=world["own"])
    response = client.post(
        reverse("action_plan", args=[world["agency"].slug, YEAR, indicator.pk]),
        {"q1_target": "10", "q1_realization": "12,5", "q1_actions": "Sosialisasi"},
    )
    assert response.status_code == 302
    assert UnitQuarter.objects.get(indicator=indicator, quarter=1).realization == Decimal("12.5")


def test_scoped_operator_cannot_reach_another_unit_by_guessing_ids(client, world):
    client.force_login(world["scoped"])
    before = sorted(UnitQuarter.objects.values_list("id", "target", "realization"))
    for name, url in unit_urls(world["agency"], world["other"]).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"q1_target": "99", "code": "X", "statement": "X"}).status_code in (404, 405), name
    assert sorted(UnitQuarter.objects.values_list("id", "target", "realization")) == before
    assert UnitGoal.objects.filter(unit=world["other"]).count() == 1


def test_scoped_user_does_not_see_the_agency_pages(client, world):
    client.force_login(world["scoped"])
    slug = world["agency"].slug
    for url in (
        reverse("workspace", args=[slug, YEAR]),
        reverse("cascade_tree", args=[slug, YEAR]),
        reverse("cascade_monitoring", args=[slug, YEAR]),
        reverse("report_html", args=[slug, YEAR]),
        reverse("grid", args=[slug, YEAR]),
    ):
        assert client.get(url).status_code == 404, url


def test_scoped_reader_reads_own_unit_but_writes_nothing(client, world):
    client.force_login(world["reader"])
    urls = unit_urls(world["agency"], world["own"])
    assert client.get(urls["unit_page"]).status_code == 200
    assert client.get(urls["unit_agreement_pdf"]).status_code == 200
    for name in ("unit_goal_new", "unit_goal_edit", "unit_goal_delete", "unit_indicator_edit", "unit_agreement"):
        assert client.post(urls[name], {"code": "X", "statement": "X"}).status_code == 403, name
    assert client.post(urls["action_plan"], {"q1_target": "1"}).status_code == 403


def test_home_page_leads_the_scoped_user_to_their_unit(client, world):
    client.force_login(world["scoped"])
    html = client.get(reverse("home")).content.decode()
    assert reverse("unit_page", args=[world["agency"].slug, YEAR, world["own"].pk]) in html
