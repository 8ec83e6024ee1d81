from django_tasks_db.models import DBTaskResult


class BackgroundTaskResult(DBTaskResult):
    """django-tasks-db's task results (background PDF builds), named in Indonesian in the admin."""

    class Meta:
        proxy = True
        verbose_name = "hasil tugas latar belakang"
        verbose_name_plural = "hasil tugas latar belakang"
