from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.choices import name_choices
from cohorts.models import Cohort, Organisation
from omdomme.core.forms import FilterForm
from omdomme.core.translated import TranslatedFormMixin, localized
from sessions.models import Gathering

from .models import Assignment, FileType

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AssignmentForm(TranslatedFormMixin, forms.ModelForm):
    translated = ("title", "instructions")

    allowed_types = forms.MultipleChoiceField(
        label=_("Allowed file types"),
        choices=FileType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The type is checked by the file's content, not its name."),
    )
    max_file_size_mb = forms.IntegerField(
        label=_("Maximum file size (MB)"),
        min_value=1,
        max_value=max(1, settings.UPLOAD_MAX_BYTES // (1024 * 1024)),
    )

    class Meta:
        model = Assignment
        fields = [
            *localized("title"),
            "kind",
            "method_step",
            "gathering",
            *localized("instructions"),
            "opens_at",
            "due_at",
            "cutoff_at",
            "expects_files",
            "expects_text",
            "allowed_types",
        ]
        widgets = {
            "opens_at": DATETIME_WIDGET,
            "due_at": DATETIME_WIDGET,
            "cutoff_at": DATETIME_WIDGET,
            **{name: forms.Textarea(attrs={"rows": 8}) for name in localized("instructions")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["allowed_types"] = self.instance.allowed_type_list
        self.initial.setdefault("max_file_size_mb", max(1, self.instance.max_file_size // (1024 * 1024)))
        self.fields["gathering"].queryset = Gathering.objects.filter(cohort_id=self.instance.cohort_id)
        for name in ("opens_at", "due_at", "cutoff_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        name_choices(self)

    def clean_allowed_types(self) -> str:
        return ",".join(self.cleaned_data.get("allowed_types") or [])

    def clean(self):
        data = super().clean()
        if data.get("expects_files") and not data.get("allowed_types"):
            self.add_error("allowed_types", _("Choose at least one file type, or do not expect files."))
        if not data.get("expects_files") and not data.get("expects_text"):
            self.add_error("expects_text", _("Ask for files, a text answer or both."))
        return data

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["max_file_size"] = self.cleaned_data["max_file_size_mb"] * 1024 * 1024
        return data


class MethodSetForm(forms.Form):
    first_due = forms.DateTimeField(
        label=_("First due date"), widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    interval_days = forms.IntegerField(label=_("Days between steps"), min_value=1, max_value=120, initial=14)
    publish = forms.BooleanField(label=_("Publish at once"), required=False)


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Copy from cohort"), queryset=Cohort.objects.none())
    shift_days = forms.IntegerField(
        label=_("Move dates by (days)"),
        required=False,
        help_text=_("Empty: by the number of years between the cohorts."),
    )

    def __init__(self, *args, target: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Cohort.objects.exclude(pk=target.pk).order_by("-year")
        name_choices(self)

    def shift(self) -> timedelta | None:
        days = self.cleaned_data.get("shift_days")
        return None if days is None else timedelta(days=days)


class ExtensionForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    due_at = forms.DateTimeField(
        label=_("New due date"), widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    cutoff_at = forms.DateTimeField(
        label=_("New cut-off"),
        widget=DATETIME_WIDGET,
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, assignment: Assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            enrolments__cohort_id=assignment.cohort_id
        ).order_by("name")
        if not self.is_bound:
            self.initial.setdefault("due_at", timezone.localtime(assignment.due_at + timedelta(days=7)))


class TextAnswerForm(forms.Form):
    text_answer = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 12}), required=False, max_length=50000
    )


class UploadForm(forms.Form):
    upload = forms.FileField(label=_("File"), required=False, allow_empty_file=True)


class ReplaceForm(forms.Form):
    """A new version of one file; the ids carry the file's, as the page has one such form per file."""

    upload = forms.FileField(label=_("Upload a new version"))

    def __init__(self, file_pk: int):
        super().__init__(auto_id=f"replace-{file_pk}-%s")


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "We consent to sharing this work with the participants of all cohorts, past and future, in the "
            "knowledge bank. We can withdraw this consent at any time."
        ),
        error_messages={"required": _("Tick the box to give your consent.")},
    )


class FeedbackForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    upload = forms.FileField(label=_("Attachment"), required=False, allow_empty_file=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "feedback-%s")  # the team's work form above has an "upload" too
        super().__init__(*args, **kwargs)


class ReturnForm(forms.Form):
    message = forms.CharField(
        label=_("What should the team revise?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )


class ProgressFilterForm(FilterForm):
    """The progress matrix's filter: organisations with a cell in a status. It filters the matrix's
    cells (a cell without a submission is "not started"), not a queryset, so it is a form rather
    than a FilterSet."""

    status = forms.ChoiceField(
        label=_("Show organisations with a cell in status"),
        required=False,
        widget=forms.Select(attrs={"data-autosubmit": True}),
    )

    def __init__(self, *args, statuses: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), *statuses]

    def status_filter(self) -> str:
        return self.cleaned_data["status"] if self.is_valid() else ""
