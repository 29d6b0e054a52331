from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from omdomme.accounts.models import User

from . import services
from .choices import name_choices
from .models import (
    Application,
    Cohort,
    Enrolment,
    LanguageForm,
    MembershipRole,
    Organisation,
    RoleKind,
)


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = [
            "name",
            "year",
            "status",
            "description",
            "fee",
            "starts_on",
            "ends_on",
            "withdrawal_deadline",
            "booking_cancel_hours",
            "open_for_applications",
            "evaluators_see_homework",
            "contacts",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "withdrawal_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contacts": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "name": {"required": _("Give the cohort a name.")},
            "year": {
                "required": _("Give the year the cohort starts."),
                "min_value": _("The year must be 2000 or later."),
            },
            "fee": {"min_value": _("The fee cannot be negative."), "invalid": _("Write the fee as a number.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = User.objects.filter(is_staff=True, is_active=True)
        self.fields["contacts"].help_text = _("Course staff the organisations can contact about this cohort.")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The cohort cannot end before it starts."))
        return data


class CopySetupForm(forms.Form):
    source = forms.ModelChoiceField(
        Cohort.objects.none(),
        label=_("Copy from"),
        help_text=_(
            "Description, fee, staff contacts, advisors and evaluators are "
            "copied. Gatherings and homework are copied on their own pages."
        ),
    )

    def __init__(self, *args, target: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Cohort.objects.exclude(pk=target.pk).order_by("-year")
        name_choices(self)


class AssignRoleForm(forms.Form):
    user = forms.ModelChoiceField(User.objects.none(), label=_("Person"))
    role = forms.ChoiceField(choices=RoleKind.choices, label=_("Role"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True)
            .exclude(is_advisor=False, is_evaluator=False, is_staff=False)
            .order_by("full_name")
        )

    def clean(self):
        data = super().clean()
        user, role = data.get("user"), data.get("role")
        if user and role == RoleKind.ADVISOR and not (user.is_advisor or user.is_staff):
            self.add_error("user", _("This person is not registered as an advisor."))
        if user and role == RoleKind.EVALUATOR and not (user.is_evaluator or user.is_staff):
            self.add_error("user", _("This person is not registered as an evaluator."))
        return data


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "municipality_number",
            "county",
            "website",
            "language_form",
            "org_number",
            "invoice_address",
            "invoice_reference",
        ]
        widgets = {"invoice_address": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": _("Write the organisation's name.")}}
        help_texts = {
            "municipality_number": _("Four digits, e.g. 5001. Leave empty for organisations without one."),
            "org_number": _("Nine digits from the Central Coordinating Register (Enhetsregisteret), e.g. 964982953."),
        }

    def clean_org_number(self):
        return "".join((self.cleaned_data.get("org_number") or "").split())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language_form"].required = False

    def clean_language_form(self):
        # A form posted without the field (an old page) keeps the decision already recorded.
        return self.cleaned_data.get("language_form") or self.instance.language_form

    def clean_municipality_number(self):
        number = (self.cleaned_data.get("municipality_number") or "").strip()
        if not number:
            return None
        clash = Organisation.objects.filter(municipality_number=number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(services.duplicate_number_message(number))
        return number


class EnrolExistingForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.all(), widget=forms.HiddenInput)


class LanguageFormForm(forms.ModelForm):
    """An organisation's contact persons record its language decision."""

    class Meta:
        model = Organisation
        fields = ["language_form"]


class TeamForm(forms.Form):
    team = forms.ModelMultipleChoiceField(
        User.objects.none(), required=False, label=_("Team"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, enrolment: Enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = User.objects.filter(
            memberships__organisation=enrolment.organisation, memberships__is_active=True
        ).order_by("full_name")
        self.fields["team"].help_text = _("Pick from the organisation's members. Invite new people first.")


class GoalsForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = ["goals"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 6})}


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Write the person's email address."),
            "invalid": _("Write a valid email address."),
        },
    )
    full_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    language = forms.ChoiceField(label=_("Language of the email"), choices=settings.LANGUAGES, initial="nb")
    cohort = forms.ModelChoiceField(
        Cohort.objects.none(),
        label=_("Add to the team in"),
        required=False,
        empty_label=_("No cohort – only the organisation"),
    )

    def __init__(self, *args, organisation: Organisation, allow_contact_role: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["cohort"].queryset = (
            Cohort.objects.filter(enrolments__organisation=organisation)
            .exclude(enrolments__status="withdrawn")
            .distinct()
            .order_by("-year")
        )
        if not allow_contact_role:
            self.fields["role"].choices = [(MembershipRole.MEMBER, MembershipRole.MEMBER.label)]
        name_choices(self)


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your name"), max_length=200, error_messages={"required": _("Write your name.")}
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            try:
                password_validation.validate_password(p1, User(email=self.email, full_name=data.get("full_name", "")))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class AccountForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="nb")
    is_staff = forms.BooleanField(label=_("Course staff"), required=False)
    is_advisor = forms.BooleanField(label=_("Advisor"), required=False)
    is_evaluator = forms.BooleanField(label=_("Evaluator"), required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("There is already an account for %(email)s.") % {"email": email})
        return email

    def clean(self):
        data = super().clean()
        if not (data.get("is_staff") or data.get("is_advisor") or data.get("is_evaluator")):
            raise forms.ValidationError(_("Choose at least one role."))
        return data


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "organisation_name",
            "organisation_kind",
            "municipality_number",
            "contact_name",
            "contact_email",
            "contact_phone",
            "motivation",
            "language_form",
        ]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "organisation_name": {"required": _("Write the name of your organisation.")},
            "contact_name": {"required": _("Write the contact person's name.")},
            "contact_email": {
                "required": _("Write an email address we can reach you at."),
                "invalid": _("Write a valid email address."),
            },
            "motivation": {"required": _("Tell us briefly why you want to take part.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language_form"].required = False

    def clean_language_form(self):
        return self.cleaned_data.get("language_form") or LanguageForm.NEUTRAL


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"), error_messages={"required": _("Choose a file.")})
    cohort = forms.ModelChoiceField(
        Cohort.objects.none(), required=False, label=_("Enrol in cohort"), empty_label=_("Do not enrol")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.exclude(status="completed").order_by("-year")
        name_choices(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large (at most 2 MB)."))
        return upload


class ImportConfirmForm(forms.Form):
    invite = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Send invitations to the contacts"),
        help_text=_(
            "Without invitations the contacts are registered without an email; "
            "they can set a password with “Forgot password”."
        ),
    )
