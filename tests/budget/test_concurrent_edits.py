"""Two people edit the same budget line: each field and each funding-source row is
saved on its own, so one never undoes the other (the grid's rule, for ordinary forms)."""

from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from budget.models import BudgetAllocation, BudgetItem, FundingSource

from ..conftest import browser_form

YEAR = 2020


@pytest.fixture
def line(agency_a):
    item = BudgetItem.objects.create(
        agency=agency_a, year=YEAR, level=BudgetItem.Level.PROGRAM, code="1.01", name="Program Lama"
    )
    sources = FundingSource.objects.for_region(agency_a.region)[:2]
    for source, pagu in zip(sources, (1000, 500), strict=True):
        BudgetAllocation.objects.create(item=item, source=source, pagu=D(pagu), realisasi=D(100))
    return item


def page(client, item) -> dict:
    return browser_form(client.get(url(item)), "budget-item-form")


def two_operators(operator_a):
    a, b = Client(), Client()
    a.force_login(operator_a)
    b.force_login(operator_a)
    return a, b


def url(item):
    return reverse("budget_item_edit", args=[item.agency.slug, YEAR, item.pk])


def row_of(data, allocation) -> str:
    """The formset prefix of the row showing `allocation`."""
    return next(
        k.removesuffix("-id")
        for k, v in data.items()
        if k.startswith("dana-") and k.endswith("-id") and v == str(allocation.pk)
    )


def test_fields_the_user_did_not_touch_keep_what_someone_else_saved(line, operator_a):
    """Before field-by-field saving, B's save put the old name and the old pagu back."""
    a, b = two_operators(operator_a)
    first, second = line.allocations.order_by("pk")
    page_a, page_b = page(a, line), page(b, line)
    page_a["name"] = "Program Baru"
    page_a[f"{row_of(page_a, first)}-pagu"] = "2.000"
    assert a.post(url(line), page_a).status_code == 302
    page_b[f"{row_of(page_b, second)}-realisasi"] = "250"
    assert b.post(url(line), page_b).status_code == 302
    line.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert line.name == "Program Baru"
    assert first.pagu == D(2000)
    assert second.realisasi == D(250)


def test_a_field_both_changed_is_a_clash_showing_the_stored_value_then_overwritten_knowingly(line, operator_a):
    a, b = two_operators(operator_a)
    first, second = line.allocations.order_by("pk")
    page_a, page_b = page(a, line), page(b, line)
    page_a[f"{row_of(page_a, first)}-pagu"] = "2.000"
    page_a[f"{row_of(page_a, second)}-pagu"] = "700"
    assert a.post(url(line), page_a).status_code == 302
    page_b[f"{row_of(page_b, first)}-pagu"] = "3.000"
    clash = b.post(url(line), page_b)
    assert clash.status_code == 200
    html = clash.content.decode()
    assert "pengguna lain mengubah isian ini menjadi «2.000»" in html
    first.refresh_from_db()
    assert first.pagu == D(2000)  # nothing saved
    again = browser_form(clash, "budget-item-form")
    assert again[f"{row_of(again, first)}-pagu"] == "3.000"  # what B typed is kept
    assert again[f"{row_of(again, second)}-pagu"] == "700"  # the row B did not touch shows A's value
    assert b.post(url(line), again).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.pagu, second.pagu) == (D(3000), D(700))


def test_both_typing_the_same_value_is_no_clash(line, operator_a):
    a, b = two_operators(operator_a)
    page_a, page_b = page(a, line), page(b, line)
    page_a["name"] = page_b["name"] = "Program Sama"
    assert a.post(url(line), page_a).status_code == 302
    assert b.post(url(line), page_b).status_code == 302


def test_a_row_someone_else_deleted_is_dropped_or_offered_again(line, operator_a):
    a, b = two_operators(operator_a)
    first, second = line.allocations.order_by("pk")
    page_b = page(b, line)
    first.delete()
    # B did not touch the deleted row: it is dropped and B's other change is saved.
    page_b[f"{row_of(page_b, second)}-pagu"] = "800"
    assert b.post(url(line), page_b).status_code == 302
    second.refresh_from_db()
    assert second.pagu == D(800)
    assert line.allocations.count() == 1
    # B changed a row that was deleted meanwhile: it comes back as a new row to confirm.
    page_b = page(b, line)
    page_b[f"{row_of(page_b, second)}-realisasi"] = "300"
    second.delete()
    offered = b.post(url(line), page_b)
    assert offered.status_code == 200
    assert "isian Anda ditampilkan sebagai baris baru" in offered.content.decode()
    assert not line.allocations.exists()
    assert b.post(url(line), browser_form(offered, "budget-item-form")).status_code == 302
    assert line.allocations.get().realisasi == D(300)
