from django import forms

from .models import Report, Section


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14, "class": "font-monospace"})}
        help_texts = {
            "body": "Paragraf dipisah baris kosong. Daftar: awali baris dengan '- ' atau '1. '. "
            "Tebal: **teks**. Miring: *teks*. HTML tidak ditampilkan."
        }


class SignatureForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["sign_place", "sign_date"]
        widgets = {"sign_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
