"""The confirmation before a deletion names everything that goes with it, whichever app
holds it (a sasaran's data tables and budget links included)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from demo.loader import load_demo
from indicators.models import Goal


def test_deleting_a_sasaran_lists_every_row_it_takes_along(client, db):
    load_demo()
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    goal = Goal.objects.get(period__agency__slug="pati", code="T1")
    page = client.get(reverse("goal_delete", args=["pati", goal.pk])).content.decode()
    assert f"{goal.children.count()} tujuan/sasaran" in page  # the sasaran under it
    assert "4 indikator" in page and "16 realisasi" in page
    assert "1 tabel data" in page  # the analysis table placed under it (datatables app)
    assert Goal.objects.filter(pk=goal.pk).exists()  # asking deleted nothing
