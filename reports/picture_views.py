"""Pictures of a year's narrative: uploaded and deleted by the agency's operators while
the year is open, shown only to those who may read the agency (no public URL)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from agencies.access import assert_year_writable, get_agency_for
from indicators.navigation import checked_year, confirm_delete

from .models import Picture
from .pictures import MAX_UPLOAD_BYTES, PictureRefused, clean_upload


class PictureForm(forms.Form):
    caption = forms.CharField(
        label="Keterangan gambar", max_length=300, help_text="Dicetak di bawah gambar, mis. 'Pelatihan koperasi 2020'."
    )
    image = forms.FileField(
        label="Berkas gambar",
        help_text=f"JPEG atau PNG, paling besar {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. "
        "Data EXIF (lokasi, kamera) dibuang.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def clean_image(self):
        try:
            return clean_upload(self.cleaned_data["image"])
        except PictureRefused as refused:
            raise forms.ValidationError(str(refused)) from None


@login_required
@require_POST
def picture_upload(request, slug, year):
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    assert_year_writable(agency, year)
    form = PictureForm(request.POST, request.FILES)
    if form.is_valid():
        cleaned = form.cleaned_data["image"]
        picture = Picture.objects.create(
            agency=agency,
            year=year,
            caption=form.cleaned_data["caption"],
            content_type=cleaned.content_type,
            data=cleaned.data,
            width=cleaned.width,
            height=cleaned.height,
            uploaded_by=request.user,
        )
        messages.success(
            request, f"Gambar diunggah. Tulis {picture.token} pada baris tersendiri di bagian narasi untuk mencetaknya."
        )
    else:
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, f"Gambar tidak diunggah: {error}")
    return redirect(reverse("narrative", args=[agency.slug, year]) + "#gambar")


@login_required
@require_safe
def picture(request, slug, year, picture_id):
    agency = get_agency_for(request.user, slug)
    shown = get_object_or_404(Picture, pk=picture_id, agency=agency, year=checked_year(year))
    response = HttpResponse(bytes(shown.data), content_type=shown.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def picture_delete(request, slug, year, picture_id):
    agency = get_agency_for(request.user, slug, write=True)
    year = checked_year(year)
    assert_year_writable(agency, year)
    doomed = get_object_or_404(Picture, pk=picture_id, agency=agency, year=year)
    back = reverse("narrative", args=[agency.slug, year]) + "#gambar"
    if request.method == "POST":
        doomed.delete()
        messages.success(request, f"Gambar «{doomed.caption}» dihapus.")
        return redirect(back)
    return confirm_delete(
        request,
        agency,
        f"Gambar «{doomed.caption}»",
        [f"bagian narasi yang memuat {doomed.token} akan mencetak catatan 'gambar tidak ditemukan'"],
        back,
        year,
    )
