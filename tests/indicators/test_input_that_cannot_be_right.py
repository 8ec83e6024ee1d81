"""Input that cannot be right is stopped where it is typed: negative values where the
indicator cannot be negative, a typed realisasi on a ratio indicator whose numerator
and denominator give it, and a budget realisasi above its pagu (a warning)."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from budget.models import BudgetAllocation, BudgetItem, FundingSource
from demo.loader import load_demo
from indicators.models import Indicator, Realization

from ..reports.test_review import form_inputs

YEAR = 2020


@pytest.fixture
def operator(client, db):
    load_demo()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="operator-pati"))
    return client


def grid_post(client, changes: dict, slug="pati", year=YEAR):
    data = form_inputs(client.get(reverse("grid", args=[slug, year])))
    data.update(changes)
    return client.post(reverse("grid", args=[slug, year]), data)


def test_a_negative_realisasi_is_refused_unless_the_indicator_allows_it(operator):
    indicator = Indicator.objects.get(period__agency__slug="pati", code="S2.1")
    response = grid_post(operator, {f"i{indicator.pk}-realization": "-5"})
    assert response.status_code == 200
    assert "Nilai negatif tidak mungkin untuk indikator ini" in response.content.decode()
    assert Realization.objects.get(indicator=indicator, year=YEAR, quarter=None).value == D("44.39")
    Indicator.objects.filter(pk=indicator.pk).update(allow_negative=True)
    assert grid_post(operator, {f"i{indicator.pk}-realization": "-5"}).status_code == 302
    assert Realization.objects.get(indicator=indicator, year=YEAR, quarter=None).value == D(-5)


def test_a_value_stored_before_the_rule_does_not_block_saving_another_cell(operator):
    first, second = Indicator.objects.filter(period__agency__slug="pati", value_kind="number").order_by("code")[:2]
    Realization.objects.filter(indicator=first, year=YEAR, quarter=None).update(value=D(-1))  # imported long ago
    assert grid_post(operator, {f"i{second.pk}-realization": "12"}).status_code == 302
    assert Realization.objects.get(indicator=second, year=YEAR, quarter=None).value == D(12)


def test_a_typed_realisasi_on_a_ratio_indicator_must_match_its_parts(client, db):
    load_demo()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="operator-lumajang"))
    indicator = Indicator.objects.get(period__agency__slug="lumajang", code="S1.2")  # 132 / 150 = 88 %
    prefix = f"i{indicator.pk}"
    refused = grid_post(client, {f"{prefix}-realization": "95"}, slug="lumajang", year=2019)
    assert "Realisasi indikator rasio dihitung dari pembilang dan penyebut (88,00)" in refused.content.decode()
    # Emptied, the realisasi is computed: the cell is shown read-only with the value.
    Realization.objects.filter(indicator=indicator, year=2019, quarter=None).update(value=None)
    page = client.get(reverse("grid", args=["lumajang", 2019])).content.decode()
    assert f'id="id_{prefix}-realization" value="88,00" readonly' in page
    assert f'name="{prefix}-realization"' not in page
    assert grid_post(client, {f"{prefix}-numerator": "135"}, slug="lumajang", year=2019).status_code == 302
    row = Realization.objects.get(indicator=indicator, year=2019, quarter=None)
    assert (row.value, row.numerator) == (None, D(135))


def test_a_budget_realisasi_above_its_pagu_is_saved_with_a_warning(operator):
    item = BudgetItem.objects.filter(agency__slug="pati", year=YEAR, children=None).first()
    allocation = item.allocations.first() or BudgetAllocation.objects.create(
        item=item, source=FundingSource.objects.get(code="APBD"), pagu=D(100)
    )
    url = reverse("budget_item_edit", args=["pati", YEAR, item.pk])
    form = form_inputs_of(operator.get(url))
    form["dana-0-realisasi"] = str(allocation.pagu + 1)
    response = operator.post(url, form, follow=True)
    page = response.content.decode()
    assert "melebihi pagunya" in page
    allocation.refresh_from_db()
    assert allocation.realisasi == allocation.pagu + 1


def form_inputs_of(response) -> dict:
    """Every field of the page's form as the browser would send it."""
    import re
    from html import unescape

    html = response.content.decode()
    fields = {}
    for tag in re.findall(r"<(?:input|select|textarea)[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields.setdefault(name.group(1), unescape(value.group(1)) if value else "")
    for name, selected in re.findall(
        r'<select[^>]*name="([^"]+)"[^>]*>.*?<option value="([^"]*)"[^>]*selected', html, re.S
    ):
        fields[name] = selected
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields[name] = unescape(body.strip())
    return fields
