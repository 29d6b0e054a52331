from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, OrganisationKind
from homework.models import FileType, MethodStep, Submission, SubmissionStatus
from omdomme.core.forms import FilterForm
from sessions.models import Gathering, Material, MaterialKind, ProgrammeItem

from .models import CaseStory, DocumentKind

# What staff may upload as programme material (checked by content, like homework).
MATERIAL_FILE_TYPES = [
    FileType.PDF,
    FileType.PPTX,
    FileType.DOCX,
    FileType.XLSX,
    FileType.ODP,
    FileType.ODT,
    FileType.ODS,
    FileType.PNG,
    FileType.JPEG,
    FileType.TXT,
]


def _with_any(choices) -> list:
    return [("", _("All")), *choices]


class SearchForm(FilterForm):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    year = forms.TypedChoiceField(label=_("Cohort year"), coerce=int, empty_value=None, required=False)
    step = forms.ChoiceField(label=_("Method step"), choices=_with_any(MethodStep.choices), required=False)
    org_kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=_with_any(OrganisationKind.choices), required=False
    )
    kind = forms.ChoiceField(label=_("Kind of item"), choices=_with_any(DocumentKind.choices), required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _with_any([(y, str(y)) for y in years])


class CaseForm(forms.ModelForm):
    class Meta:
        model = CaseStory
        fields = [
            "organisation",
            "cohort",
            "title",
            "summary",
            "what_they_did",
            "results",
            "lessons",
            "method_step",
            "topic",
            "audience",
            "submissions",
            "materials",
            "indicators",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "what_they_did": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "submissions": _("Approved homework the organisation shares."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shared = Submission.objects.filter(shared_at__isnull=False, status=SubmissionStatus.APPROVED)
        if self.instance.pk:
            shared = shared.filter(organisation=self.instance.organisation_id)
        self.fields["submissions"].queryset = shared.select_related("assignment", "organisation")
        self.fields["materials"].queryset = Material.objects.published().select_related("gathering")
        self.fields["cohort"].queryset = Cohort.objects.order_by("-year")
        self.fields["submissions"].required = False
        self.fields["materials"].required = False
        self.fields["indicators"].required = False


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    programme_item = forms.ModelChoiceField(
        label=_("Programme item"),
        queryset=ProgrammeItem.objects.none(),
        required=False,
        empty_label=_("The whole gathering"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices, initial=MaterialKind.FILE)
    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Slides, PDF, documents, spreadsheets or images. Checked before it is stored."),
    )
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    for_alumni = forms.BooleanField(
        label=_("Share with the alumni of all cohorts"),
        required=False,
        help_text=_("Participants of every cohort, past and future, can then find it in the knowledge bank."),
    )

    def __init__(self, *args, gathering: Gathering, material: Material | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_item"].queryset = gathering.programme_items.order_by("day", "starts_at")
        self.material = material
        if material is not None:
            del self.fields["kind"]
            if material.kind == MaterialKind.FILE:
                del self.fields["url"]
                self.fields["upload"].help_text = _("Leave empty to keep the current file.")
            else:
                del self.fields["upload"]

    @property
    def kind_value(self) -> str:
        return self.material.kind if self.material else self.cleaned_data.get("kind", MaterialKind.FILE)

    def clean(self):
        data = super().clean()
        if self.kind_value == MaterialKind.LINK and not data.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give the link's address."))
        return data
