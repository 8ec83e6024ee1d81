from django import forms

from .reader import MAX_BYTES


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(label="Berkas Excel (.xlsx)")
    replace = forms.BooleanField(
        label="Mode ganti: hapus data tahun/Renstra ini yang tidak tercantum di berkas",
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"Berkas lebih besar dari batas {MAX_BYTES // (1024 * 1024)} MB.")
        if upload.size == 0:
            raise forms.ValidationError("Berkas kosong.")
        return upload
