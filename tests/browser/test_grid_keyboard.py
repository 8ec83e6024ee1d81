"""The grid moves like a spreadsheet and warns before unsaved work is lost."""

import pytest
from playwright.sync_api import expect

from demo.loader import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_enter_and_arrows_move_between_cells_and_leaving_unsaved_asks_first(live_server, page):
    load_demo()
    page.goto(f"{live_server.url}/masuk/")
    page.locator("#id_username").fill("operator-pati")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/instansi/pati/2020/capaian/")
    first, second = page.get_by_label("Realisasi T1.1"), page.get_by_label("Realisasi T1.2")
    first.click()
    page.keyboard.press("Enter")  # down, and the half-filled grid is not submitted
    expect(second).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(first).to_be_focused()
    target, revised = page.get_by_label("Target PK T1.1"), page.get_by_label("Target PK Perubahan T1.1")
    target.click()
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")  # at the end of its text: the next cell of the row
    expect(revised).to_be_focused()
    page.keyboard.press("ArrowLeft")  # an empty cell is at its start: back
    expect(target).to_be_focused()

    page.get_by_label("Realisasi T1.2").fill("9")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Anggaran").click()
    assert dialogs == ["beforeunload"]
    expect(page).to_have_url(f"{live_server.url}/instansi/pati/2020/capaian/")
