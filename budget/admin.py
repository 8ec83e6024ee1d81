from django.contrib import admin

from .models import BudgetAllocation, BudgetItem, BudgetItemGoal, BudgetYear, FundingSource


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]


class AllocationInline(admin.TabularInline):
    model = BudgetAllocation
    extra = 0
    fields = ["source", "pagu", "realisasi", "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4"]


class GoalLinkInline(admin.TabularInline):
    # Saved row by row, so the lock, the data version and the history see each link.
    model = BudgetItemGoal
    extra = 0
    autocomplete_fields = ["goal"]


class ChildInline(admin.TabularInline):
    model = BudgetItem
    fk_name = "parent"
    extra = 0
    fields = ["code", "level", "name", "order"]
    show_change_link = True


@admin.register(BudgetItem)
class BudgetItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "agency", "year", "spending_type"]
    list_filter = ["year", "level", "spending_type", "agency"]
    search_fields = ["code", "name", "agency__name"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency", "parent"]
    inlines = [GoalLinkInline, AllocationInline, ChildInline]


@admin.register(BudgetAllocation)
class BudgetAllocationAdmin(admin.ModelAdmin):
    list_display = ["item", "source", "pagu", "realisasi"]
    list_filter = ["source", "item__year"]
    search_fields = ["item__code", "item__name"]
    list_select_related = ["item", "source"]
    autocomplete_fields = ["item"]


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "nomenclature"]
    list_filter = ["year", "nomenclature"]
    search_fields = ["agency__name"]
