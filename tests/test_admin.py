"""Every model's admin pages open for an admin, with the demo data loaded."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.models import BackgroundTaskResult
from demo.loader import load_demo
from evaluation.models import Evaluation
from workbook.models import WorkbookImport

OUR_APPS = {"core", "agencies", "indicators", "budget", "reports", "workbook", "evaluation"}
MODELS = [m for m in admin.site._registry if m._meta.app_label in OUR_APPS]


@pytest.fixture
def admin_client_with_demo(client, db):
    load_demo()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_open(admin_client_with_demo, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client_with_demo.get(changelist).status_code == 200
    assert admin_client_with_demo.get(changelist, {"q": "koperasi"}).status_code == 200
    add = admin_client_with_demo.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code
    assert add == (403 if model in (WorkbookImport, BackgroundTaskResult, Evaluation) else 200)
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert admin_client_with_demo.get(change).status_code == 200


def test_operator_cannot_open_the_admin(client, db):
    load_demo()
    client.force_login(get_user_model().objects.get(username="operator-pati"))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_admin_sections_are_named_in_indonesian(admin_client_with_demo):
    page = admin_client_with_demo.get(reverse("admin:index")).content.decode()
    for title in [
        "Instansi",
        "Indikator",
        "Anggaran",
        "Laporan",
        "Berkas Excel",
        "Sistem",
        "Hasil tugas latar belakang",
    ]:
        assert f">{title}<" in page, title
    for english in ["Tasks Database Backend", "Task Results", "Budget", "Indicators", "Reports", "Workbook"]:
        assert f">{english}<" not in page, english
