from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "organisation"
    verbose_name = "Organisasi"

    def ready(self):
        from core import registry

        from .models import Asset, Duty, OrgUnit, StaffCount, StaffTotal

        # The profile printed in a year's BAB I: frozen with that year's final report.
        for model in (Duty, OrgUnit, StaffCount, StaffTotal, Asset):
            registry.agency_year_data(model, agency="agency", year="year", locked=True)
