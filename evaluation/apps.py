from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluation"
    verbose_name = "Evaluasi SAKIP"

    def ready(self):
        from core import registry

        from . import locking
        from .models import Answer, ComponentFinding, Evaluation, EvaluationArchive, Evidence, FollowUp, Recommendation

        # Evaluations are not frozen by the LKjIP's year lock (they happen after it is
        # final); they have their own lock (evaluation/locking.py). What the workspace
        # shows (the evaluation's status, open follow-up items) bumps the data version.
        registry.agency_year_data(Evaluation, agency="agency", year="year")
        registry.agency_year_data(Recommendation, agency="evaluation__agency", year="evaluation__year")
        registry.agency_year_data(
            FollowUp, agency="recommendation__evaluation__agency", year="recommendation__evaluation__year"
        )
        for model in (Answer, ComponentFinding, Evidence, EvaluationArchive):
            registry.agency_year_data(model, agency="evaluation__agency", year="evaluation__year", versioned=False)
        locking.connect()
