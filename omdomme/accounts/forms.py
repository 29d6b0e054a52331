from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "language", "reminders_opt_out"]
        help_texts = {"language": _("Emails and pages use this language.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The same names as the language switcher in the header (get_available_languages).
        self.fields["language"].choices = [(code, _(name)) for code, name in settings.LANGUAGES]
