"""The workspace's cached data part is never served after the data changed."""

from decimal import Decimal as D

from django.contrib.auth import get_user_model
from django.urls import reverse

from agencies.models import Agency
from demo.loader import load_demo
from indicators.models import Realization


def test_cached_workspace_follows_every_change(client, db, django_assert_max_num_queries):
    load_demo()
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    url = reverse("workspace", args=["pati", 2020])
    assert "82,20 %" in client.get(url).content.decode()
    version = Agency.objects.get(slug="pati").data_version
    with django_assert_max_num_queries(8):  # a cache hit: session, user, agency, membership, years
        assert "82,20 %" in client.get(url).content.decode()
    realization = Realization.objects.get(
        indicator__code="S2.1", indicator__period__agency__slug="pati", year=2020, quarter=None
    )
    realization.value = D(50)
    realization.save()
    assert Agency.objects.get(slug="pati").data_version > version
    assert "92,59 %" in client.get(url).content.decode()


def test_an_import_invalidates_the_cache_too(client, db):
    from workbook import spec
    from workbook.export import export_workbook
    from workbook.importer import import_workbook

    from ..workbook.test_workbook import edited

    load_demo()
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    url = reverse("workspace", args=["pati", 2020])
    assert "82,20 %" in client.get(url).content.decode()
    pati = Agency.objects.select_related("region").get(slug="pati")
    data = export_workbook(pati, 2020)
    row = next(
        n
        for n, line in enumerate(
            __import__("openpyxl")
            .load_workbook(__import__("io").BytesIO(data))[spec.REALISASI]
            .iter_rows(values_only=True),
            1,
        )
        if line[0] == "S2.1" and line[1] == 2020
    )
    assert import_workbook(edited(data, {(spec.REALISASI, f"D{row}"): 50}), 2020, agency=pati).ok
    assert "92,59 %" in client.get(url).content.decode()
