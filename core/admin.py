from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from .models import BackgroundTaskResult

# The same admin django-tasks-db ships, shown under an Indonesian name ("Task Results" is
# not translated); it registered first, as it comes before this app in INSTALLED_APPS.
_shipped_admin = type(admin.site._registry[DBTaskResult])
admin.site.unregister(DBTaskResult)
admin.site.register(BackgroundTaskResult, _shipped_admin)
