"""The evaluation as other pages show it: the workspace's panel with the year's
evaluation and the follow-up items still open."""

from django import template

from evaluation.models import Evaluation, FollowUp

register = template.Library()


@register.inclusion_tag("evaluation/_workspace_panel.html")
def evaluation_panel(agency, year):
    evaluation = Evaluation.objects.filter(agency=agency, year=year).first()
    open_items = list(
        FollowUp.objects.filter(recommendation__evaluation__agency=agency)
        .exclude(status=FollowUp.Status.DONE)
        .select_related("recommendation__evaluation")
        .order_by("recommendation__evaluation__year", "recommendation__order", "pk")
    )
    return {"agency": agency, "year": year, "evaluation": evaluation, "open_items": open_items}
