"""The tree page and the monitoring table make the same number of queries for a cascade
of 10 indicators and one of 1 000."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Membership

from ..conftest import make_user
from ..factories import make_agency
from .factories import make_cascade

YEAR = 2021

PAGES = {
    "cascade_tree": lambda agency, units: reverse("cascade_tree", args=[agency.slug, YEAR]),
    "cascade_monitoring": lambda agency, units: reverse("cascade_monitoring", args=[agency.slug, YEAR]),
    "unit_page": lambda agency, units: reverse("unit_page", args=[agency.slug, YEAR, units["divisions"][0].pk]),
}


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_is_the_same_for_10_and_1000_indicators(client, db, page, settings):
    settings.PAGE_CACHE = False
    counts = []
    # 1 division x 1 section x 5 indicators = 10; 10 divisions x 9 sections x 10 = 1 000.
    for slug, divisions, sections, per_goal in (("kecil", 1, 1, 5), ("besar", 10, 9, 10)):
        agency = make_agency(slug, indicators=8, budget_lines=30, year=YEAR)
        units = make_cascade(agency, YEAR, divisions, sections, per_goal)
        assert len(units["indicators"]) == {"kecil": 10, "besar": 1000}[slug]
        client.force_login(make_user(f"op-{slug}", agency, Membership.Role.OPERATOR))
        url = PAGES[page](agency, units)
        client.get(url)  # warm the per-process caches (scoring context, template loader)
        cache.clear()
        count, html = queries(client, url)
        counts.append(count)
        if page == "cascade_monitoring":
            assert html.count('data-testid="monitoring"') == 1 + divisions * (sections + 1)  # the head first
    assert counts[0] == counts[1], counts
