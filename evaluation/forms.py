from django import forms

from core.nip import normalised_nip

from .models import Evaluation, FollowUp, Recommendation


class IdentityForm(forms.ModelForm):
    """What the LHE prints about itself: number, summary, team lead, place and date."""

    class Meta:
        model = Evaluation
        fields = [
            "lhe_number",
            "summary",
            "team_lead_name",
            "team_lead_nip",
            "team_lead_title",
            "sign_place",
            "sign_date",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "sign_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_team_lead_nip(self):
        return normalised_nip(self.cleaned_data["team_lead_nip"])


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["component", "text", "responsible_unit", "due_date"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, criteria_set=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].queryset = criteria_set.components.all()
        self.fields["component"].empty_label = None


class ResponseForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["response"]
        widgets = {"response": forms.Textarea(attrs={"rows": 4})}

    def clean_response(self):
        text = self.cleaned_data["response"].strip()
        if not text:
            raise forms.ValidationError("Tuliskan tindak lanjut yang sudah dilakukan.")
        return text


class FollowUpReviewForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["status", "review_note"]
        widgets = {"review_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The evaluator judges a response: done, or not yet enough.
        self.fields["status"].choices = [
            (FollowUp.Status.DONE, FollowUp.Status.DONE.label),
            (FollowUp.Status.INSUFFICIENT, FollowUp.Status.INSUFFICIENT.label),
        ]


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(label="Berkas data dukung", help_text="PDF, JPEG, PNG, Excel (.xlsx) atau Word (.docx).")
    label = forms.CharField(label="Keterangan", max_length=255, required=False)
