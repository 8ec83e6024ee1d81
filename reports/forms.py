from django import forms

from core.forms import IndonesianDateField
from core.nip import normalised_nip

from .models import Report, ReviewNote, Section


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14, "class": "font-monospace"})}
        help_texts = {
            "body": "Paragraf dipisah baris kosong. Daftar: awali baris dengan '- ' atau '1. '. "
            "Tebal: **teks**. Miring: *teks*. Sub-judul: awali baris dengan '### '. "
            "Tabel: baris '| Kolom | Kolom |', lalu '|---|---|', lalu satu baris per isi. "
            "Gambar: kode seperti [[gambar:12]] pada baris tersendiri. HTML dan alamat web tidak ditampilkan."
        }


class SignatureForm(forms.ModelForm):
    """Where, when and by whom the year's report and its PK are signed. Empty signatory
    fields take the head of agency from the agency's profile."""

    sign_date = IndonesianDateField(label="Tanggal penandatanganan", required=False)

    class Meta:
        model = Report
        fields = [
            "sign_place",
            "sign_date",
            "signatory_name",
            "signatory_rank",
            "signatory_nip",
            "signatory_title",
            "second_party_name",
            "second_party_title",
        ]

    def clean_signatory_nip(self):
        return normalised_nip(self.cleaned_data["signatory_nip"])


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
