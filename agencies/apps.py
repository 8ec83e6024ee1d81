from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agencies"
    verbose_name = "Instansi"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from . import invalidation
        from .audit import fill_via

        pre_create_historical_record.connect(fill_via, dispatch_uid="audit_fill_via")
        invalidation.connect()
