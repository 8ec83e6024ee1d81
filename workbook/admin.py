from django.contrib import admin

from .models import WorkbookImport


@admin.register(WorkbookImport)
class WorkbookImportAdmin(admin.ModelAdmin):
    """Uploads are records of what happened: readable, never edited by hand."""

    list_display = ["created_at", "agency", "year", "filename", "user", "succeeded"]
    list_filter = ["succeeded", "year"]
    search_fields = ["filename", "agency__name"]
    exclude = ["annotated"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
