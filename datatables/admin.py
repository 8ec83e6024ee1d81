from django.contrib import admin

from .models import DataTable


@admin.register(DataTable)
class DataTableAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "section", "agency", "year"]
    list_filter = ["year", "section", "agency"]
    search_fields = ["code", "title", "source"]
    raw_id_fields = ["goal"]
