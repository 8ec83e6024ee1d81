from django.apps import AppConfig


class CascadeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cascade"
    verbose_name = "Kaskade kinerja"

    def ready(self):
        from core import registry

        from .models import (
            Agreement,
            AgreementTarget,
            GoalSupport,
            IndicatorQuarterPlan,
            RegionGoal,
            RegionIndicator,
            RegionIndicatorYear,
            RegionMission,
            RegionPlan,
            UnitBudgetLink,
            UnitGoal,
            UnitIndicator,
            UnitQuarter,
        )

        # A unit's plan, its PK and its quarterly work belong to one agency-year and are
        # frozen with that year's final report, like the rest of the year's data.
        registry.agency_year_data(UnitGoal, agency="agency", year="year", locked=True)
        registry.agency_year_data(UnitIndicator, agency="goal__agency", year="goal__year", locked=True)
        registry.agency_year_data(
            UnitQuarter, agency="indicator__goal__agency", year="indicator__goal__year", locked=True
        )
        registry.agency_year_data(UnitBudgetLink, agency="goal__agency", year="goal__year", locked=True)
        registry.agency_year_data(Agreement, agency="agency", year="year", locked=True)
        registry.agency_year_data(IndicatorQuarterPlan, agency="indicator__period__agency", year="year", locked=True)
        registry.agency_year_data(AgreementTarget, agency="agreement__agency", year="agreement__year", locked=True)
        # Which region sasaran an agency sasaran supports is part of the agency's plan.
        registry.agency_year_data(
            GoalSupport, agency="goal__period__agency", years=("goal__period__start_year", "goal__period__end_year")
        )
        # The region's RPJMD shapes every agency page that shows the tree.
        for model in (RegionPlan, RegionMission, RegionGoal, RegionIndicator, RegionIndicatorYear):
            registry.shared_data(model)
