from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = "Indikator"

    def ready(self):
        from core import registry

        from .models import (
            Goal,
            Indicator,
            IndicatorAnalysis,
            Mission,
            PredicateBand,
            PredicateScale,
            Realization,
            RenstraPeriod,
            Target,
        )

        # The Renstra plan spans its period: a final report of any of its years freezes it.
        registry.agency_year_data(RenstraPeriod, agency="agency", years=("start_year", "end_year"), locked=True)
        for model in (Mission, Goal, Indicator):
            registry.agency_year_data(
                model, agency="period__agency", years=("period__start_year", "period__end_year"), locked=True
            )
        for model in (Target, Realization, IndicatorAnalysis):
            registry.agency_year_data(model, agency="indicator__period__agency", year="year", locked=True)
        registry.shared_data(PredicateScale)
        registry.shared_data(PredicateBand)
