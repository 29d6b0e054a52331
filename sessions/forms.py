from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from cohorts.choices import name_choices
from cohorts.models import Cohort, Organisation
from omdomme.core.translated import TranslatedFormMixin, localized

from .models import AdvisorySlot, Gathering, ProgrammeItem, Registration
from .services import RegistrationData


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        return value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value


class GatheringForm(TranslatedFormMixin, forms.ModelForm):
    translated = ("title", "travel_info", "accommodation_info", "costs_info", "what_to_bring")

    class Meta:
        model = Gathering
        fields = [
            "cohort",
            "number",
            *localized("title"),
            "venue",
            "address",
            "town",
            "starts_on",
            "ends_on",
            "registration_deadline",
            "capacity",
            "max_bookings_per_organisation",
            *localized("travel_info", "accommodation_info", "costs_info", "what_to_bring"),
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "registration_deadline": DateTimeInput(),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in localized("travel_info", "accommodation_info", "costs_info", "what_to_bring")
            },
        }

    confirm_dates = forms.BooleanField(
        label=_("Keep these dates even though they lie outside the cohort's period"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_choices(self)

    def clean(self):
        data = super().clean()
        starts, ends, cohort = data.get("starts_on"), data.get("ends_on"), data.get("cohort")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        elif starts and ends and cohort and not data.get("confirm_dates"):
            outside = (cohort.starts_on and starts < cohort.starts_on) or (cohort.ends_on and ends > cohort.ends_on)
            if outside:
                # A warning staff may confirm (a gathering after the course is sometimes planned on purpose).
                self.fields["confirm_dates"].widget = forms.CheckboxInput()
                self.add_error(
                    "starts_on",
                    _(
                        "The gathering lies outside the cohort's period (%(start)s – %(end)s). Check the dates, "
                        "or tick the box below to keep them."
                    )
                    % {
                        "start": formats.date_format(cohort.starts_on, "DATE_FORMAT") if cohort.starts_on else "…",
                        "end": formats.date_format(cohort.ends_on, "DATE_FORMAT") if cohort.ends_on else "…",
                    },
                )
        return data


class CopyGatheringForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Copy into cohort"), queryset=Cohort.objects.all())
    starts_on = forms.DateField(
        label=_("New first day"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to move the dates by the years between the cohorts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_choices(self)


class ProgrammeItemForm(TranslatedFormMixin, forms.ModelForm):
    translated = ("title", "description")

    class Meta:
        model = ProgrammeItem
        fields = ["day", "starts_at", "ends_at", *localized("title"), "kind", "speakers", *localized("description")]
        widgets = {
            "starts_at": TimeInput(),
            "ends_at": TimeInput(),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in localized("description")},
        }

    def __init__(self, *args, gathering: Gathering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"] = forms.TypedChoiceField(
            label=_("Day"),
            coerce=lambda v: forms.DateField().clean(v),
            choices=[(d.isoformat(), formats.date_format(d, "l j. F")) for d in gathering.days],
        )
        if self.instance.pk:
            self.initial["day"] = self.instance.day.isoformat()

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The item must end after it starts."))
        return data


class RegistrationForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Participant"), queryset=None, required=True)
    days = forms.MultipleChoiceField(label=_("Days"), widget=forms.CheckboxSelectMultiple, choices=[])
    dietary_needs = forms.CharField(label=_("Dietary needs and allergies"), max_length=300, required=False)
    accommodation_nights = forms.MultipleChoiceField(
        label=_("Accommodation nights"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )
    arrival = forms.DateTimeField(label=_("Arrival"), required=False, widget=DateTimeInput())
    departure = forms.DateTimeField(label=_("Departure"), required=False, widget=DateTimeInput())
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, gathering: Gathering, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [(d.isoformat(), formats.date_format(d, "l j. F")) for d in gathering.days]
        self.fields["accommodation_nights"].choices = [
            (d.isoformat(), _("Night to %(date)s") % {"date": formats.date_format(d + _one_day(), "l j. F")})
            for d in gathering.nights
        ]
        if people is None:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = people
            self.fields["person"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.email})"

    def clean(self):
        data = super().clean()
        if data.get("arrival") and data.get("departure") and data["departure"] < data["arrival"]:
            self.add_error("departure", _("Departure must be after arrival."))
        return data

    def to_data(self) -> RegistrationData:
        d = self.cleaned_data
        return RegistrationData(
            days=d["days"],
            dietary_needs=d["dietary_needs"],
            accommodation_nights=d["accommodation_nights"],
            arrival=d["arrival"],
            departure=d["departure"],
            comment=d["comment"],
        )

    @classmethod
    def initial_from(cls, reg: Registration) -> dict:
        return {
            "days": reg.days,
            "dietary_needs": reg.dietary_needs,
            "accommodation_nights": reg.accommodation_nights,
            "arrival": reg.arrival,
            "departure": reg.departure,
            "comment": reg.comment,
        }


def _one_day():

    return timedelta(days=1)


class SlotLayoutForm(forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), choices=[])
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    end = forms.TimeField(label=_("Until"), widget=TimeInput())
    slot_minutes = forms.IntegerField(label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=20)
    buffer_minutes = forms.IntegerField(
        label=_("Buffer between slots (minutes)"), min_value=0, max_value=120, initial=5
    )
    rooms = forms.IntegerField(label=_("Parallel rooms"), min_value=1, max_value=30, initial=3)

    def __init__(self, *args, gathering: Gathering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [(d.isoformat(), formats.date_format(d, "l j. F")) for d in gathering.days]
        self.fields["day"].coerce = lambda v: forms.DateField().clean(v)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The time window must end after it starts."))
        return data


class BookForm(forms.Form):
    topic = forms.CharField(
        label=_("Topic"), max_length=1000, required=False, help_text=_("What would you like advice on?")
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        if organisations is not None and len(organisations) == 1:
            self.fields["organisation"].initial = organisations.first().pk
            self.fields["organisation"].widget = forms.HiddenInput()


class MoveForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Move to"), queryset=AdvisorySlot.objects.none())

    def __init__(self, *args, slots=None, **kwargs):
        super().__init__(*args, **kwargs)
        if slots is not None:
            self.fields["target"].queryset = slots
            self.fields["target"].label_from_instance = str


class NotesForm(forms.Form):
    advisor_notes = forms.CharField(
        label=_("Your notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FollowupForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none())
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=10, max_value=240, initial=30)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_url = forms.URLField(label=_("Video-meeting link"), required=False, assume_scheme="https")

    def __init__(self, *args, cohorts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cohorts is not None:
            self.fields["cohort"].queryset = cohorts
        name_choices(self)

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("video_url"):
            raise forms.ValidationError(_("Give a place or a video-meeting link."))
        return data


class CalendarFeedForm(forms.Form):
    """Shows the person's calendar address to copy: read-only, never submitted."""

    use_required_attribute = False

    feed_url = forms.CharField(label=_("Your calendar address"), widget=forms.URLInput(attrs={"readonly": True}))

    def __init__(self, feed_url: str):
        super().__init__(initial={"feed_url": feed_url})
