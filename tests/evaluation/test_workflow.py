"""The evaluation's steps, who may take them, and what final freezes."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from evaluation import workflow
from evaluation.locking import EvaluationLocked
from evaluation.models import Answer, ComponentFinding, Evaluation, FollowUp
from evaluation.worksheet import score
from tests.conftest import make_user

from .helpers import answer_everything, criteria, finished_evaluation, url


@pytest.fixture
def evaluation(agency_a):
    return workflow.start(agency_a, 2024)


def test_operator_fills_the_self_assessment_and_the_evaluator_their_side(
    client, evaluation, agency_a, operator_a, reviewer
):
    first, second = criteria(evaluation)[:2]
    client.force_login(operator_a)
    response = client.post(
        url("evaluation", agency_a, 2024),
        {
            f"self_answer-{first.pk}": "Y",
            f"orig-self_answer-{first.pk}": "",
            f"self_explanation-{first.pk}": "Renstra ditetapkan Perbup 12/2021.",
            f"orig-self_explanation-{first.pk}": "",
            # The evaluator's side is not the operator's: ignored, not saved.
            f"evaluator_answer-{second.pk}": "Y",
            f"orig-evaluator_answer-{second.pk}": "",
        },
    )
    assert response.status_code == 302
    saved = Answer.objects.get(evaluation=evaluation, criterion=first)
    assert (saved.self_answer, saved.self_explanation) == ("Y", "Renstra ditetapkan Perbup 12/2021.")
    assert not Answer.objects.filter(criterion=second).exists()
    # The evaluator cannot write while the agency is still drafting.
    client.force_login(reviewer)
    assert client.post(url("evaluation", agency_a, 2024), {}).status_code == 403
    client.force_login(operator_a)
    client.post(url("evaluation_step", agency_a, 2024, "ajukan"))
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.SUBMITTED
    # Now the operator's side is closed and the evaluator's open.
    assert client.post(url("evaluation", agency_a, 2024), {}).status_code == 403
    client.force_login(reviewer)
    client.post(
        url("evaluation", agency_a, 2024),
        {
            f"evaluator_answer-{first.pk}": "T",
            f"orig-evaluator_answer-{first.pk}": "",
            f"self_answer-{first.pk}": "T",  # not the evaluator's to change
            f"orig-self_answer-{first.pk}": "Y",
        },
    )
    saved.refresh_from_db()
    assert (saved.self_answer, saved.evaluator_answer) == ("Y", "T")


def test_two_evaluators_saving_the_same_worksheet_keep_each_others_answers(client, evaluation, agency_a, admin):
    first, second = criteria(evaluation)[:2]
    evaluation.status = Evaluation.Status.SUBMITTED
    evaluation.save()
    client.force_login(admin)
    page = {  # what both saw: nothing answered
        f"evaluator_answer-{first.pk}": "",
        f"orig-evaluator_answer-{first.pk}": "",
        f"evaluator_answer-{second.pk}": "",
        f"orig-evaluator_answer-{second.pk}": "",
    }
    client.post(url("evaluation", agency_a, 2024), {**page, f"evaluator_answer-{first.pk}": "Y"})
    client.post(url("evaluation", agency_a, 2024), {**page, f"evaluator_answer-{second.pk}": "T"})
    answers = dict(Answer.objects.filter(evaluation=evaluation).values_list("criterion__code", "evaluator_answer"))
    assert answers == {first.code: "Y", second.code: "T"}


def test_an_answer_outside_the_scale_is_not_saved(client, evaluation, agency_a, operator_a):
    first = criteria(evaluation)[0]  # a Y/T criterion
    client.force_login(operator_a)
    client.post(url("evaluation", agency_a, 2024), {f"self_answer-{first.pk}": "A", f"orig-self_answer-{first.pk}": ""})
    assert not Answer.objects.filter(evaluation=evaluation).exists()


def test_steps_are_refused_out_of_order_and_for_the_wrong_role(evaluation, operator_a, reviewer):
    with pytest.raises(workflow.StepRefused):
        workflow.take_step(evaluation, "nilai", reviewer)  # not submitted yet
    with pytest.raises(workflow.StepRefused):
        workflow.take_step(evaluation, "ajukan", reviewer)  # the agency submits
    workflow.take_step(evaluation, "ajukan", operator_a)
    with pytest.raises(workflow.StepRefused):
        workflow.take_step(evaluation, "nilai", operator_a)  # the evaluator evaluates


def test_final_needs_the_lhe_identity_and_then_freezes_everything(evaluation, agency_a, reviewer, operator_a, client):
    answer_everything(evaluation)
    workflow.take_step(evaluation, "ajukan", operator_a)
    workflow.take_step(evaluation, "nilai", reviewer)
    with pytest.raises(workflow.StepRefused, match="nama ketua tim evaluasi, tanggal LHE"):
        workflow.take_step(evaluation, "final", reviewer)
    evaluation.refresh_from_db()
    evaluation.team_lead_name = "Ketua"
    evaluation.sign_date = "2025-06-01"
    evaluation.save()
    final = workflow.take_step(evaluation, "final", reviewer)
    # Y = 1 on every pemenuhan (20 of each component), B = 0,75 on the rest (80 x 0,75 = 60).
    assert (final.final_total, final.final_predicate) == (D(80), "BB")
    assert final.archive.sha256 and bytes(final.archive.pdf).startswith(b"%PDF")
    answer = Answer.objects.filter(evaluation=final).first()
    answer.evaluator_answer = "T"
    with pytest.raises(EvaluationLocked), transaction.atomic():
        answer.save()
    with pytest.raises(EvaluationLocked), transaction.atomic():
        answer.delete()
    with pytest.raises(EvaluationLocked), transaction.atomic():
        ComponentFinding.objects.create(
            evaluation=final, component=final.criteria_set.components.first(), text="terlambat"
        )
    final.summary = "diubah"
    with pytest.raises(PermissionDenied), transaction.atomic():
        final.save()
    client.force_login(reviewer)
    assert client.post(url("lhe_edit", agency_a, 2024), {"part": "findings"}).status_code == 403


def test_final_turns_each_recommendation_into_an_open_follow_up(agency_a, admin):
    final = finished_evaluation(agency_a, 2024, admin, recommendations=2)
    items = FollowUp.objects.filter(recommendation__evaluation=final)
    assert [i.status for i in items] == [FollowUp.Status.OPEN, FollowUp.Status.OPEN]


def test_follow_up_is_answered_by_the_agency_and_judged_by_the_evaluator(
    client, agency_a, admin, operator_a, reviewer, operator_b
):
    final = finished_evaluation(agency_a, 2024, admin)
    item = FollowUp.objects.get(recommendation__evaluation=final)
    address = url("follow_up", agency_a, 2024, item.pk)
    client.force_login(operator_b)
    assert client.get(address).status_code == 404  # another agency's operator
    client.force_login(reviewer)
    assert client.post(address, {"part": "response", "r-response": "x"}).status_code == 403
    client.force_login(operator_a)
    response = client.post(address, {"part": "response", "r-response": ""})
    assert "Tuliskan tindak lanjut" in response.content.decode()
    client.post(address, {"part": "response", "r-response": "Sudah disusun jadwal evaluasi internal."})
    item.refresh_from_db()
    assert item.status == FollowUp.Status.RESPONDED
    assert client.post(address, {"part": "review", "v-status": "done"}).status_code == 403
    client.force_login(reviewer)
    client.post(address, {"part": "review", "v-status": "done", "v-review_note": "Cukup."})
    item.refresh_from_db()
    assert item.status == FollowUp.Status.DONE
    # A done item is closed to the agency.
    client.force_login(operator_a)
    assert client.post(address, {"part": "response", "r-response": "lagi"}).status_code == 403


def test_open_follow_ups_show_on_the_workspace_and_next_years_worksheet(client, agency_a, admin, operator_a):
    final = finished_evaluation(agency_a, 2023, admin)
    text = final.recommendations.get().text
    client.force_login(operator_a)
    assert text in client.get(url("workspace", agency_a, 2024)).content.decode()
    workflow.start(agency_a, 2024)
    page = client.get(url("evaluation", agency_a, 2024)).content.decode()
    assert 'id="open-follow-ups"' in page and text in page
    FollowUp.objects.filter(recommendation__evaluation=final).update(status=FollowUp.Status.DONE)
    assert 'id="open-follow-ups"' not in client.get(url("evaluation", agency_a, 2024)).content.decode()


def test_the_worksheet_score_uses_the_evaluators_answers(evaluation):
    answer_everything(evaluation, yt="Y", ae="A")
    Answer.objects.filter(evaluation=evaluation).update(evaluator_answer="")
    assert score(evaluation, "self").total == D(100)
    result = score(evaluation)
    assert result.total == D(0) and len(result.unanswered) == len(criteria(evaluation))


def test_a_unit_scoped_member_and_an_outsider_see_nothing(client, evaluation, agency_a, agency_b):
    from agencies.models import Membership

    scoped = make_user("unit-op")
    Membership.objects.create(user=scoped, agency=agency_a, role=Membership.Role.OPERATOR, unit_code="1.2")
    client.force_login(scoped)
    assert client.get(url("evaluation", agency_a, 2024)).status_code == 404
    outsider = make_user("outsider", agency_b, Membership.Role.OPERATOR)
    client.force_login(outsider)
    assert client.get(url("evaluation", agency_a, 2024)).status_code == 404
    assert client.get(url("lhe_pdf", agency_a, 2024)).status_code == 404
