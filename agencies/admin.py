from django.contrib import admin

from .models import Agency, Membership, Region, RegionMembership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


class RegionMembershipInline(admin.TabularInline):
    model = RegionMembership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "head_title", "head_name", "negative_method"]
    list_filter = ["kind", "negative_method"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RegionMembershipInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "region", "head_name"]
    list_filter = ["region"]
    search_fields = ["name", "slug", "head_name", "head_nip"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "unit_code"]
    list_filter = ["role", "agency"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "agency"]
