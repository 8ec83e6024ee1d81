"""Each main page makes the same number of SQL queries whatever the agency's size."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Membership

from ..conftest import make_user
from ..factories import make_agency

YEAR = 2021

PAGES = {
    "home": lambda slug: reverse("home"),
    "workspace": lambda slug: reverse("workspace", args=[slug, YEAR]),
    "grid": lambda slug: reverse("grid", args=[slug, YEAR]),
    "budget": lambda slug: reverse("budget", args=[slug, YEAR]),
    "report_html": lambda slug: reverse("report_html", args=[slug, YEAR]),
    "report_json": lambda slug: reverse("report_json", args=[slug, YEAR]),
    "dashboard": lambda slug: reverse("dashboard", args=[YEAR]),
    "workbook_export": lambda slug: reverse("workbook_export", args=[slug, YEAR]),
}


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page", list(PAGES))
def test_page_query_count_does_not_grow_with_data(client, db, page):
    counts = []
    for slug, indicators, lines in (("kecil", 4, 10), ("besar", 40, 120)):
        agency = make_agency(slug, indicators=indicators, budget_lines=lines, year=YEAR)
        user = make_user(f"op-{slug}", agency, Membership.Role.OPERATOR)
        client.force_login(user)
        client.get(PAGES[page](slug))  # warm per-process caches (ContentTypes)
        cache.clear()  # count a full computation, not a cached page or data part
        counts.append(queries(client, PAGES[page](slug)))
    assert counts[0] == counts[1], f"{page}: {counts[0]} queries for 4 indicators, {counts[1]} for 40"
