from django.apps import AppConfig


class DatatablesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "datatables"
    verbose_name = "Tabel data"

    def ready(self):
        from core import registry

        from .models import DataTable

        # Printed in the year's report: frozen with that year's final report.
        registry.agency_year_data(DataTable, agency="agency", year="year", locked=True)
