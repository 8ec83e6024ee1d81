"""Criteria sets are edited here by administrators. A set an evaluation already uses is
read-only (its scores must not move): "Buat versi baru" copies it for editing, and
"Berlakukan" makes a set the one new evaluations use."""

from django.contrib import admin, messages

from .criteria import copy_criteria_set, make_current
from .models import (
    AnswerOption,
    Component,
    CriteriaSet,
    Criterion,
    Evaluation,
    PredicateBand,
    ReportingDeadline,
    SubComponent,
)


def _in_use(criteria_set) -> bool:
    return criteria_set is not None and criteria_set.pk and criteria_set.evaluations.exists()


class FrozenWhenUsed:
    """Read-only once the set the object belongs to is used by an evaluation."""

    def criteria_set_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and _in_use(self.criteria_set_of(obj)))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and _in_use(self.criteria_set_of(obj)))


class FrozenInline(admin.TabularInline):
    extra = 0

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _in_use(self.parent_set(obj))

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _in_use(self.parent_set(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _in_use(self.parent_set(obj))

    def parent_set(self, obj):
        return obj


class ComponentInline(FrozenInline):
    model = Component
    show_change_link = True


class OptionInline(FrozenInline):
    model = AnswerOption


class BandInline(FrozenInline):
    model = PredicateBand


@admin.register(CriteriaSet)
class CriteriaSetAdmin(FrozenWhenUsed, admin.ModelAdmin):
    list_display = ["name", "version", "regulation", "is_current", "created_at"]
    search_fields = ["name", "regulation"]
    readonly_fields = ["is_current"]
    inlines = [ComponentInline, OptionInline, BandInline]
    actions = ["new_version", "put_in_force"]

    def criteria_set_of(self, obj):
        return obj

    @admin.action(description="Buat versi baru (salinan yang dapat diubah)")
    def new_version(self, request, queryset):
        for criteria_set in queryset:
            copy = copy_criteria_set(criteria_set)
            self.message_user(request, f"Dibuat {copy}; berlakukan setelah selesai diubah.", messages.SUCCESS)

    @admin.action(description="Berlakukan untuk evaluasi baru")
    def put_in_force(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Pilih tepat satu set kriteria.", messages.ERROR)
            return
        make_current(queryset.get())
        self.message_user(request, "Set kriteria diberlakukan untuk evaluasi yang dimulai sejak sekarang.")


class SubComponentInline(FrozenInline):
    model = SubComponent
    show_change_link = True

    def parent_set(self, obj):
        return obj.criteria_set if obj else None


@admin.register(Component)
class ComponentAdmin(FrozenWhenUsed, admin.ModelAdmin):
    list_display = ["code", "name", "weight", "criteria_set"]
    list_filter = ["criteria_set"]
    search_fields = ["name"]
    inlines = [SubComponentInline]

    def criteria_set_of(self, obj):
        return obj.criteria_set


class CriterionInline(FrozenInline):
    model = Criterion

    def parent_set(self, obj):
        return obj.component.criteria_set if obj else None


@admin.register(SubComponent)
class SubComponentAdmin(FrozenWhenUsed, admin.ModelAdmin):
    list_display = ["code", "name", "share", "component"]
    list_filter = ["component__criteria_set"]
    search_fields = ["name"]
    inlines = [CriterionInline]

    def criteria_set_of(self, obj):
        return obj.component.criteria_set


@admin.register(Criterion)
class CriterionAdmin(FrozenWhenUsed, admin.ModelAdmin):
    list_display = ["code", "text", "scale", "auto_check"]
    list_filter = ["subcomponent__component__criteria_set"]
    search_fields = ["text", "code"]

    def criteria_set_of(self, obj):
        return obj.subcomponent.component.criteria_set


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    """To look up; evaluations are filled and finalized in the app (its steps keep the
    archive, the follow-up items and the lock consistent)."""

    list_display = ["agency", "year", "status", "final_total", "final_predicate", "criteria_set"]
    list_filter = ["status", "year"]
    search_fields = ["agency__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "due"]
    list_filter = ["region"]
