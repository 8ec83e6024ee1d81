from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agencies"
    verbose_name = "Instansi"

    def ready(self):
        from core import registry

        from . import locking, versioning
        from .models import LockedYear, Membership, RegionMembership

        registry.agency_year_data(LockedYear, agency="agency", year="year")
        registry.account_data(Membership, user="user")
        registry.account_data(RegionMembership, user="user")
        locking.connect()
        versioning.connect()
