from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import User

LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "language", "reminders_opt_out"]
        help_texts = {"language": _("Emails and pages use this language.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language in its own name, as the switcher in the header (includes/language_name.html).
        self.fields["language"].choices = [(code, LANGUAGE_NAMES.get(code, name)) for code, name in settings.LANGUAGES]
