"""The agency-year data registry: every model that holds an agency's data for a year is
declared by its app, and the year lock and the data version follow the declarations."""

import pytest
from django.apps import apps
from django.db import models, transaction
from django.test.utils import isolate_apps
from simple_history.models import HistoricalChanges

from agencies.locking import ReportLocked
from agencies.models import Agency, LockedYear
from budget.models import BudgetItem, BudgetYear
from core import registry
from reports.models import Notification, ReportArchive, ReportEvent

from ..conftest import make_user
from ..reports.test_url_access import YEAR, build_agency

OUR_APPS = {"core", "agencies", "indicators", "budget", "reports", "workbook", "demo"}


def undeclared_agency_year_models(candidates) -> list[str]:
    """Models that look like agency-year data but are not declared: a foreign key to a
    declared model, or to the agency together with a year of their own."""
    declared = {entry.model for entry in registry.agency_year_entries()}
    found = []
    for model in candidates:
        if model in declared or issubclass(model, HistoricalChanges):
            continue
        targets = {f.related_model for f in model._meta.get_fields() if f.many_to_one or f.one_to_one}
        names = {f.name for f in model._meta.get_fields()}
        if targets & declared or (Agency in targets and names & {"year", "tahun"}):
            found.append(model._meta.label)
    return found


def test_every_model_that_points_at_agency_year_data_is_declared():
    ours = [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]
    undeclared = undeclared_agency_year_models(ours)
    assert undeclared == [], (
        f"{undeclared}: declare them in their app's AppConfig.ready() with core.registry.agency_year_data(...), "
        "so the year lock, the data version and the URL-access test know them"
    )


@isolate_apps("budget")
def test_a_new_model_under_a_budget_line_is_caught_until_declared():
    class BudgetEvidence(models.Model):  # noqa: DJ008
        item = models.ForeignKey(BudgetItem, on_delete=models.CASCADE)

        class Meta:
            app_label = "budget"

    class AgencyYearNote(models.Model):  # noqa: DJ008
        agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
        year = models.PositiveSmallIntegerField()

        class Meta:
            app_label = "budget"

    class RegionSetting(models.Model):  # noqa: DJ008 - not agency-year data: no agency, no year
        name = models.CharField(max_length=10)

        class Meta:
            app_label = "budget"

    assert undeclared_agency_year_models([BudgetEvidence, AgencyYearNote, RegionSetting]) == [
        "budget.BudgetEvidence",
        "budget.AgencyYearNote",
    ]


@pytest.fixture
def world(agency_a, agency_b, operator_a):
    """A row of every declared model for both agencies."""
    for agency in (agency_a, agency_b):
        build_agency(agency)
        report = agency.reports.get()
        ReportEvent.objects.create(report=report, action="submit")
        Notification.objects.create(user=operator_a, report=report, message="Diajukan")
        ReportArchive.store(report, b"%PDF-1.7")
        LockedYear.objects.create(agency=agency, year=2030)  # outside the Renstra: locks nothing here
        BudgetYear.objects.create(agency=agency, year=YEAR, nomenclature=BudgetYear.Nomenclature.SPLIT)
    return agency_a


def test_each_declaration_leads_from_a_row_to_its_agency_and_year(world):
    for entry in registry.agency_year_entries():
        rows = list(entry.rows_of(world.pk))
        assert rows, entry.model  # the ORM path finds the agency's rows ...
        for row in rows:
            assert entry.agency_id_of(row) == world.pk, entry.model  # ... and the row leads back
            first, last = entry.years_of(row)
            assert first <= last, entry.model
            assert first <= YEAR <= last or row.__class__ is LockedYear, entry.model


def _touch(row):
    if isinstance(row, ReportArchive):
        row.sha256 = "0" * 64
    row.save()


def test_a_final_year_freezes_exactly_the_rows_declared_locked(world):
    LockedYear.objects.create(agency=world, year=YEAR)
    for entry in registry.agency_year_entries():
        row = entry.rows_of(world.pk).filter(**{entry.first_year: YEAR} if entry.is_yearly else {}).first()
        if row is None:
            continue
        if entry.locked:
            with pytest.raises(ReportLocked), transaction.atomic():
                _touch(row)
            with pytest.raises(ReportLocked), transaction.atomic():  # delete: savepoint-less atomic
                row.delete()
        else:
            _touch(row)  # not frozen: the workflow still records steps on a final year


def test_a_change_bumps_the_data_version_exactly_for_rows_declared_versioned(world, agency_b):
    for entry in registry.agency_year_entries():
        row = entry.rows_of(world.pk).first()
        before = Agency.objects.get(pk=world.pk).data_version
        other_before = Agency.objects.get(pk=agency_b.pk).data_version
        _touch(row)
        after = Agency.objects.get(pk=world.pk).data_version
        assert (after > before) == entry.versioned, entry.model
        assert Agency.objects.get(pk=agency_b.pk).data_version == other_before, entry.model


def test_notifications_are_account_data_of_their_user(world, operator_a):
    notification = Notification.objects.filter(user=operator_a).first()
    assert registry.account_user_id(notification) == operator_a.pk
    assert registry.account_user_id(make_user("x")) is None  # the user model itself is handled apart


def test_a_declaration_names_one_year_or_a_span():
    with pytest.raises(ValueError):
        registry.agency_year_data(BudgetItem, agency="agency")
    with pytest.raises(ValueError):
        registry.agency_year_data(BudgetItem, agency="agency", year="year", years=("year", "year"))
    assert registry.agency_year_entry(BudgetItem).locked  # the failed calls changed nothing
