"""Under the Content-Security-Policy (no inline script) the page behaviour still works
in a real browser, and the browser reports no violation."""

import re

import pytest
from playwright.sync_api import expect

from demo.loader import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_year_switch_and_confirmations_work_without_inline_script(live_server, page):
    load_demo()
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(f"{live_server.url}/masuk/")
    page.locator("#id_username").fill("operator-pati")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/instansi/pati/2020/")
    page.locator("#year-switch").select_option("2019")  # submits its form: no button
    expect(page).to_have_url(re.compile(r"/instansi/pati/2019/"))
    page.goto(f"{live_server.url}/instansi/pati/2020/reviu/")
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Ajukan untuk direviu").click()
    assert dialogs == ["Ajukan laporan 2020 untuk direviu?"]
    expect(page.get_by_test_id("status")).to_contain_text("Draf")  # dismissed: not submitted
    assert violations == []
