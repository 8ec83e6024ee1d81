from django.apps import AppConfig


class WorkbookConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workbook"
    verbose_name = "Berkas Excel"

    def ready(self):
        from core import registry

        from .models import WorkbookImport

        # A record of an upload, not report data: nothing to lock, no cached page shows it.
        registry.agency_year_data(WorkbookImport, agency="agency", year="year", versioned=False)
