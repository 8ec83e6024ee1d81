from django import forms

from core.forms import IndonesianDateField

from .models import Report, ReviewNote, Section


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
    sign_date = IndonesianDateField(label="Tanggal penandatanganan", required=False)

    class Meta:
        model = Report
        fields = ["sign_place", "sign_date"]


class ReviewNoteForm(forms.ModelForm):
    class Meta:
        model = ReviewNote
        fields = ["section", "indicator", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].required = False
        self.fields["section"].required = False


class TransitionForm(forms.Form):
    note = forms.CharField(label="Catatan / alasan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
