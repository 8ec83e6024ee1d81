"""A final evaluation keeps its criteria set: changing the criteria afterwards (a new
version, as an admin does) leaves its score and its LHE byte for byte as they were."""

from decimal import Decimal as D

import pytest
from django.db import transaction

from evaluation.criteria import copy_criteria_set, current_criteria_set, make_current
from evaluation.lhe import render_lhe_pdf
from evaluation.locking import EvaluationLocked
from evaluation.models import Component, CriteriaSet, Criterion, Evaluation
from evaluation.worksheet import score

from .helpers import finished_evaluation, url


def test_changing_the_criteria_after_final_changes_neither_score_nor_lhe(client, agency_a, admin):
    final = finished_evaluation(agency_a, 2024, admin)
    archived = bytes(final.archive.pdf)
    assert render_lhe_pdf(final) == archived  # the LHE is a function of the stored rows
    before = (final.final_total, final.final_predicate, score(final).total)
    assert before == (D(80), "BB", D(80))

    # The regulation changes: a new version with other weights and a reworded criterion.
    used = final.criteria_set
    new = copy_criteria_set(used)
    Component.objects.filter(criteria_set=new, code="1").update(weight=D(40))
    Component.objects.filter(criteria_set=new, code="4").update(weight=D(15))
    Criterion.objects.filter(subcomponent__component__criteria_set=new, code="1.1.1").update(text="Diubah")
    make_current(new)
    assert current_criteria_set() == new and new.version == used.version + 1

    # The set in use cannot be edited in place, on any path.
    component = Component.objects.get(criteria_set=used, code="1")
    component.weight = D(50)
    with pytest.raises(EvaluationLocked), transaction.atomic():
        component.save()
    with pytest.raises(EvaluationLocked), transaction.atomic():
        used.predicates.get(label="AA").delete()
    criterion = Criterion.objects.filter(subcomponent__component__criteria_set=used).last()
    criterion.text = "Diubah di tempat"
    with pytest.raises(EvaluationLocked), transaction.atomic():
        criterion.save()

    final = Evaluation.objects.get(pk=final.pk)
    assert final.criteria_set_id == used.pk
    assert (final.final_total, final.final_predicate, score(final).total) == before
    assert render_lhe_pdf(final) == archived
    client.force_login(admin)
    response = client.get(url("lhe_pdf", agency_a, 2024))
    assert response.content == archived
    # A new evaluation takes the new set.
    other = finished_evaluation(agency_a, 2025, admin)
    assert other.criteria_set == new
    assert CriteriaSet.objects.filter(name=used.name).count() == 2
