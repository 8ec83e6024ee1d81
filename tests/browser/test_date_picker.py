"""The narrative pages in a browser: the date picker is in Indonesian and fills
dd/mm/yyyy, offline (vendored flatpickr); the editor starts from the generated text
and its preview follows the typing."""

import re

import pytest
from playwright.sync_api import expect

from demo.loader import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_signing_date_picker_speaks_indonesian(live_server, page):
    load_demo()
    page.goto(f"{live_server.url}/masuk/")
    page.locator("#id_username").fill("operator-pati")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/instansi/pati/2020/narasi/")
    field = page.locator("#id_sign_date")
    field.fill("")
    field.click()
    calendar = page.locator(".flatpickr-calendar.open")
    expect(calendar).to_be_visible()
    expect(calendar.locator(".flatpickr-weekday").first).to_have_text("Sen")  # Senin opens the Indonesian week
    expect(calendar.locator(".flatpickr-monthDropdown-months")).to_contain_text("Desember")
    calendar.locator(".flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)", has_text="15").first.click()
    assert field.input_value().startswith("15/")

    # The editor of an unwritten section starts from the generated text; the preview follows.
    page.goto(f"{live_server.url}/instansi/pati/2020/narasi/kata_pengantar/")
    page.get_by_role("link", name="Mulai dari teks otomatis").click()
    body = page.locator("textarea[name=body]")
    expect(body).to_have_value(re.compile("^Puji syukur"))
    body.fill("Kata pengantar **baru**.")
    expect(page.locator("#narrative-preview strong")).to_have_text("baru")
