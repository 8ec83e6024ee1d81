"""Stored upload attempts are pruned: each agency keeps its last 20 and anything newer
than 90 days."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from workbook.models import WorkbookImport


def attempts(agency, count, days_ago):
    made = []
    for n in range(count):
        attempt = WorkbookImport.objects.create(agency=agency, year=2020, filename=f"{days_ago}-{n}.xlsx")
        when = timezone.now() - timedelta(days=days_ago, minutes=n)
        WorkbookImport.objects.filter(pk=attempt.pk).update(created_at=when)
        made.append(attempt.pk)
    return made


def test_each_agency_keeps_its_last_20_and_the_last_90_days(agency_a, agency_b, capsys):
    old_a = attempts(agency_a, 25, days_ago=120)  # newest first within the batch
    recent_a = attempts(agency_a, 3, days_ago=10)
    old_b = attempts(agency_b, 5, days_ago=400)
    call_command("prune_imports")
    kept_a = set(WorkbookImport.objects.filter(agency=agency_a).values_list("pk", flat=True))
    assert kept_a == set(recent_a) | set(old_a[:17])
    assert set(WorkbookImport.objects.filter(agency=agency_b).values_list("pk", flat=True)) == set(old_b)
    assert "8 unggahan lama dihapus" in capsys.readouterr().out


def test_recent_attempts_are_kept_whatever_their_number(agency_a):
    recent = attempts(agency_a, 30, days_ago=1)
    call_command("prune_imports")
    assert WorkbookImport.objects.filter(agency=agency_a).count() == len(recent)
