from django.contrib import admin

from .models import Report, Section


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "status"]
    list_filter = ["status", "year", "agency__region"]
    search_fields = ["agency__name"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    inlines = [SectionInline]
