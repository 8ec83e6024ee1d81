from django.contrib import admin

from .models import (
    Goal,
    Indicator,
    IndicatorAnalysis,
    Mission,
    PredicateBand,
    PredicateScale,
    Realization,
    RenstraPeriod,
    Target,
)


class MissionInline(admin.TabularInline):
    model = Mission
    extra = 1


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0
    fields = ["code", "kind", "parent", "statement", "order"]
    show_change_link = True


@admin.register(RenstraPeriod)
class RenstraPeriodAdmin(admin.ModelAdmin):
    list_display = ["agency", "start_year", "end_year"]
    list_filter = ["agency__region", "start_year"]
    search_fields = ["agency__name", "vision"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    inlines = [MissionInline, GoalInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["code", "name", "unit", "polarity", "calculation", "order"]
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["code", "statement", "kind", "parent", "period"]
    list_filter = ["kind", "period__agency"]
    search_fields = ["code", "statement", "period__agency__name"]
    list_select_related = ["period__agency", "parent"]
    autocomplete_fields = ["period", "parent"]
    inlines = [IndicatorInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = [
        "year",
        "renstra",
        "agreement",
        "agreement_revised",
        "agreement_upper",
        "renstra_grade",
        "agreement_grade",
    ]


class RealizationInline(admin.TabularInline):
    model = Realization
    extra = 0
    fields = ["year", "quarter", "value", "grade", "numerator", "denominator", "note"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "polarity", "calculation", "cumulative", "goal"]
    list_filter = ["polarity", "calculation", "value_kind", "cumulative", "period__agency"]
    search_fields = ["code", "name", "goal__statement", "period__agency__name"]
    list_select_related = ["goal", "period__agency"]
    autocomplete_fields = ["period", "goal"]
    inlines = [TargetInline, RealizationInline]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "renstra", "agreement", "agreement_revised"]
    list_filter = ["year", "indicator__period__agency"]
    search_fields = ["indicator__code", "indicator__name"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]


@admin.register(Realization)
class RealizationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "quarter", "value", "numerator", "denominator"]
    list_filter = ["year", "quarter", "indicator__period__agency"]
    search_fields = ["indicator__code", "indicator__name"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]


@admin.register(IndicatorAnalysis)
class IndicatorAnalysisAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "standard", "standard_level", "standard_source"]
    list_filter = ["year", "standard_level", "indicator__period__agency"]
    search_fields = ["indicator__code", "indicator__name"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]


class PredicateBandInline(admin.TabularInline):
    model = PredicateBand
    extra = 1


@admin.register(PredicateScale)
class PredicateScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "is_default"]
    list_filter = ["is_default"]
    search_fields = ["name"]
    inlines = [PredicateBandInline]
