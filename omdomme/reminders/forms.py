from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.choices import NamedFilterForm
from cohorts.models import Cohort, EnrolmentStatus, Organisation


class CohortChoiceForm(NamedFilterForm):
    """The bar above the message and reminder-text pages: which cohort (shown, not validated: the view
    looks the chosen one up among the visible cohorts)."""

    cohort = forms.ModelChoiceField(
        label=_("Cohort"), queryset=Cohort.objects.order_by("-year", "name"), empty_label=None
    )

    def __init__(self, cohort: Cohort | None, *, autosubmit: bool = False):
        super().__init__(initial={"cohort": cohort})
        if autosubmit:
            self.fields["cohort"].widget.attrs["data-autosubmit"] = True


class MessageForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.all(), widget=forms.HiddenInput)
    everyone = forms.BooleanField(label=_("Every organisation in the cohort"), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Organisation.objects.none(),
        help_text=_("Choose organisations, or tick “every organisation” above."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=20000, widget=forms.Textarea(attrs={"rows": 10}))
    subject_nn = forms.CharField(
        label=_("Subject in Nynorsk"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "nn"}),
        help_text=_("Teams of organisations that decided on Nynorsk get the Nynorsk version."),
    )
    body_nn = forms.CharField(
        label=_("Message in Nynorsk"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "lang": "nn"}),
    )

    def __init__(self, *args, cohort: Cohort | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if cohort is not None:
            self.fields["cohort"].initial = cohort.pk
            self.fields["organisations"].queryset = (
                Organisation.objects.filter(enrolments__cohort=cohort)
                .exclude(enrolments__status=EnrolmentStatus.WITHDRAWN)
                .distinct()
            )

    def clean(self):
        data = super().clean()
        cohort = data.get("cohort")
        if cohort is not None and not data.get("everyone"):
            chosen = data.get("organisations")
            if not chosen:
                self.add_error("organisations", _("Choose at least one organisation, or the whole cohort."))
        if bool(data.get("subject_nn", "").strip()) != bool(data.get("body_nn", "").strip()):
            self.add_error("body_nn", _("Write both the subject and the message in Nynorsk, or neither."))
        return data

    def nynorsk(self) -> tuple[str, str] | None:
        subject, body = self.cleaned_data.get("subject_nn", "").strip(), self.cleaned_data.get("body_nn", "").strip()
        return (subject, body) if subject and body else None

    def recipients(self):
        return None if self.cleaned_data.get("everyone") else self.cleaned_data["organisations"]


class ReminderTextForm(forms.Form):
    intro = forms.CharField(
        label=_("Opening text"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text. Leave empty to use the standard text."),
    )
