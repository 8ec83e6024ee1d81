from django.apps import AppConfig
from django_tasks_db.apps import TasksAppConfig


class CoreConfig(AppConfig):
    """Plumbing below every domain app: exact fields, Indonesian numbers, the audit
    trail's shared part, caches and their invalidation, the agency-year data registry."""

    default = True  # this module also holds TasksDatabaseConfig
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Sistem"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from . import invalidation
        from .audit import fill_via

        pre_create_historical_record.connect(fill_via, dispatch_uid="audit_fill_via")
        invalidation.connect()


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db under an Indonesian title in the admin."""

    verbose_name = "Tugas latar belakang"
