"""Every text a person types has a length limit that the database enforces and the
form shows (a 2 200-character indicator name used to swamp the grid)."""

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from indicators.models import Goal, Indicator, RenstraPeriod

OWN_APPS = {"agencies", "indicators", "budget", "reports"}


def limited_text_fields():
    for model in apps.get_models():
        if model._meta.app_label in OWN_APPS and not model.__name__.startswith("Historical"):
            for field in model._meta.get_fields():
                if isinstance(field, models.TextField) and field.max_length:
                    yield model, field


def test_every_limited_text_field_has_a_database_check():
    fields = list(limited_text_fields())
    assert len(fields) >= 10
    for model, field in fields:
        names = {c.name for c in model._meta.constraints}
        assert any(n.endswith(f"_{field.name}_at_most_{field.max_length}") for n in names), (model, field.name)


@pytest.fixture
def goal(agency_a):
    period = RenstraPeriod.objects.create(agency=agency_a, start_year=2019, end_year=2023)
    return Goal.objects.create(period=period, kind="sasaran", code="S1", statement="Sasaran")


def test_the_database_refuses_a_name_over_the_limit(goal):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(period=goal.period, goal=goal, code="I1", name="x" * 2200)


def test_the_form_shows_the_limit_and_refuses_in_indonesian(client, operator_a, goal):
    client.force_login(operator_a)
    url = reverse("indicator_create", args=[goal.period.agency.slug, goal.period.pk])
    assert 'maxlength="500"' in client.get(url).content.decode()
    response = client.post(url, {"code": "I1", "goal": goal.pk, "name": "x" * 2200, "unit": "%"})
    assert "paling banyak 500 karakter" in response.content.decode()
    assert not Indicator.objects.exists()
