"""The agency's profile: who heads it and where its reports are signed. Everyone who
sees the agency reads it; only users allowed to edit the agency profile change it
(the same permission the workbook's Instansi sheet asks for)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render

from agencies.access import can_edit_profile, get_agency_for
from agencies.models import Agency
from core.concurrency import saved_without_clash
from core.nip import normalised_nip
from indicators.navigation import agency_context


class AgencyProfileForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "address", "phone", "email", "head_name", "head_rank", "head_nip", "sign_place"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def clean_head_nip(self):
        return normalised_nip(self.cleaned_data["head_nip"])


@login_required
def agency_profile(request, slug):
    agency = get_agency_for(request.user, slug)
    may_edit = can_edit_profile(request.user, agency)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied(
            "Profil instansi hanya dapat diubah oleh administrator atau pengguna yang diberi izin mengubah instansi."
        )
    data = request.POST.copy() if request.method == "POST" else None
    with transaction.atomic():  # read under lock, compared and written at once
        stored = type(agency).objects.select_for_update().get(pk=agency.pk) if data is not None else agency
        form = AgencyProfileForm(data, instance=stored)
        if saved_without_clash(request, form):
            messages.success(request, "Profil instansi disimpan.")
            return redirect("agency_profile", slug=agency.slug)
    return render(
        request,
        "reports/agency_profile.html",
        agency_context(request, agency, form=form, may_edit=may_edit, tab="profile"),
    )
