"""Shared steps of the evaluation tests."""

from datetime import date

from django.urls import reverse

from evaluation import workflow
from evaluation.models import Answer, Criterion, Recommendation

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def criteria(evaluation):
    return list(
        Criterion.objects.filter(subcomponent__component__criteria_set=evaluation.criteria_set).order_by(
            "subcomponent__component__order", "subcomponent__order", "order"
        )
    )


def answer_everything(evaluation, yt="Y", ae="B"):
    for criterion in criteria(evaluation):
        value = yt if criterion.scale == "YT" else ae
        Answer.objects.update_or_create(
            evaluation=evaluation, criterion=criterion, defaults={"self_answer": value, "evaluator_answer": value}
        )


def finished_evaluation(agency, year, admin, recommendations=1):
    """An evaluation taken through every step to final, with one recommendation per component."""
    evaluation = workflow.start(agency, year)
    answer_everything(evaluation)
    evaluation = workflow.take_step(evaluation, "ajukan", admin)
    for component in list(evaluation.criteria_set.components.all())[:recommendations]:
        Recommendation.objects.create(
            evaluation=evaluation,
            component=component,
            text=f"Perbaiki {component.name}",
            responsible_unit="Sekretariat",
        )
    evaluation.team_lead_name = "Ketua Tim"
    evaluation.sign_date = date(year + 1, 6, 1)
    evaluation.save()
    evaluation = workflow.take_step(evaluation, "nilai", admin)
    return workflow.take_step(evaluation, "final", admin)


def url(name, agency, year, *args):
    return reverse(name, args=[agency.slug, year, *args])
