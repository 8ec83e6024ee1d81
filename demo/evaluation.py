"""The demo evaluations (fixtures/evaluation/demo-evaluations.json): Denpasar's 2018 and
2019 evaluations final, with their LHE and the follow-up of 2018's recommendations,
and Pati 2020 in self-assessment. Illustrative: the fixture says so, and the LHE's
team lead is named as an example."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency
from evaluation import workflow
from evaluation.models import Answer, ComponentFinding, Criterion, FollowUp, Recommendation

FIXTURE = "evaluation/demo-evaluations.json"


def load_evaluations(data: dict) -> None:
    admin = get_user_model().objects.get(username="admin")
    for spec in data["evaluations"]:
        agency = Agency.objects.get(slug=spec["agency"])
        evaluation = workflow.start(agency, spec["year"])
        criteria = list(Criterion.objects.filter(subcomponent__component__criteria_set=evaluation.criteria_set))
        for code, (answer, explanation) in spec.get("self_answers", {}).items():
            criterion = next(c for c in criteria if c.code == code)
            Answer.objects.create(
                evaluation=evaluation, criterion=criterion, self_answer=answer, self_explanation=explanation
            )
        if not spec["final"]:
            continue
        _answer_all(evaluation, criteria, spec["answers"])
        evaluation = workflow.take_step(evaluation, "ajukan", admin)
        components = {c.code: c for c in evaluation.criteria_set.components.all()}
        for code, text in spec["findings"].items():
            ComponentFinding.objects.create(evaluation=evaluation, component=components[code], text=text)
        for order, rec in enumerate(spec["recommendations"], 1):
            Recommendation.objects.create(
                evaluation=evaluation,
                component=components[rec["component"]],
                text=rec["text"],
                responsible_unit=rec["unit"],
                due_date=date.fromisoformat(rec["due"]),
                order=order,
            )
        lead = spec["team_lead"]
        evaluation.team_lead_name, evaluation.team_lead_title = lead["name"], lead["title"]
        evaluation.sign_place, evaluation.sign_date = lead["place"], date.fromisoformat(lead["date"])
        evaluation.lhe_number, evaluation.summary = lead["number"], spec["summary"]
        evaluation.save()
        evaluation = workflow.take_step(evaluation, "nilai", admin)
        evaluation = workflow.take_step(evaluation, "final", admin)
        for rec in spec["recommendations"]:
            _follow_up(evaluation, rec)


def _answer_all(evaluation, criteria, answers: dict) -> None:
    """Both sides answered alike (the evaluation is still a draft: nothing locks it)."""
    unanswered = set(answers.get("unanswered", []))
    rows = []
    for criterion in criteria:
        if criterion.code in unanswered:
            continue
        default = answers["default_yt"] if criterion.scale == "YT" else answers["default_ae"]
        value = answers["override"].get(criterion.code, default)
        rows.append(Answer(evaluation=evaluation, criterion=criterion, self_answer=value, evaluator_answer=value))
    Answer.objects.bulk_create(rows)


def _follow_up(evaluation, spec: dict) -> None:
    wanted = spec.get("follow_up")
    if not wanted:
        return
    item = FollowUp.objects.get(recommendation__evaluation=evaluation, recommendation__text=spec["text"])
    item.status = wanted["status"]
    item.response = wanted.get("response", "")
    item.review_note = wanted.get("review", "")
    if item.response:
        item.responded_at = timezone.now()
    if wanted["status"] in (FollowUp.Status.DONE, FollowUp.Status.INSUFFICIENT):
        item.reviewed_at = timezone.now()
    item.save()
