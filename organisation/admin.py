from django.contrib import admin

from .models import Asset, Duty, OrgUnit, StaffCount, StaffTotal


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "legal_basis"]
    list_filter = ["year", "agency"]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "head_name", "agency", "year"]
    list_filter = ["year", "level", "agency"]
    search_fields = ["name", "head_name", "code"]
    raw_id_fields = ["parent"]


@admin.register(StaffCount)
class StaffCountAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "category", "label", "count", "order"]
    list_filter = ["year", "category", "agency"]


@admin.register(StaffTotal)
class StaffTotalAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "category", "printed_total"]
    list_filter = ["year", "category", "agency"]


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "name", "count", "condition", "note"]
    list_filter = ["year", "agency"]
    search_fields = ["name"]
