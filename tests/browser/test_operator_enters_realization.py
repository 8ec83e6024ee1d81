"""A person in a real browser: operator-pati enters a realization and sees the result."""

import re

import pytest
from playwright.sync_api import expect

from demo.loader import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_operator_enters_realization_and_sees_new_capaian_and_predicate(live_server, page):
    load_demo()
    page.goto(f"{live_server.url}/masuk/")
    page.locator("#id_username").fill("operator-pati")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("[data-agency=pati]")).to_contain_text("91,10 %")

    page.get_by_role("link", name=re.compile("Dinas Koperasi")).click()
    page.get_by_role("link", name="Target & Realisasi").click()
    # The grid's script listens once the page has loaded; a person cannot type sooner.
    page.wait_for_load_state("load")
    cell = page.get_by_label("Realisasi S2.1")
    expect(cell).to_have_value("44,39")

    # 50 / 54 = 92,59 %: the capaian and predicate change while typing, from the server.
    cell.fill("50")
    row = page.locator("tr", has=cell)
    expect(row.locator("[data-out=capaian]")).to_have_text("92,59 %")
    expect(row.locator("[data-out=predicate]")).to_contain_text("Sangat Tinggi")

    page.get_by_role("button", name="Simpan semua").click()
    expect(page.get_by_role("alert")).to_contain_text("disimpan")

    page.get_by_role("link", name="Ringkasan 2020").click()
    indicator = page.locator("tr[data-indicator='S2.1']")
    expect(indicator.get_by_test_id("capaian")).to_have_text("92,59 %")
    expect(indicator).to_contain_text("Sangat Tinggi")
    # Agency capaian: mean of 102,00 % (counted 100 %: the default cap) and 92,59 %.
    expect(page.get_by_test_id("agency-capaian")).to_have_text("96,30 %")
    page.screenshot(path=str(screenshot_dir() / "workspace-after-save.png"), full_page=True)


def screenshot_dir():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "out"
    path.mkdir(exist_ok=True)
    return path
