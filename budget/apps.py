from django.apps import AppConfig


class BudgetConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "budget"
    verbose_name = "Anggaran"

    def ready(self):
        from core import registry

        from .models import BudgetAllocation, BudgetItem, BudgetItemGoal, BudgetYear

        registry.agency_year_data(BudgetItem, agency="agency", year="year", locked=True)
        registry.agency_year_data(BudgetAllocation, agency="item__agency", year="item__year", locked=True)
        registry.agency_year_data(BudgetItemGoal, agency="item__agency", year="item__year", locked=True)
        registry.agency_year_data(BudgetYear, agency="agency", year="year", locked=True)
