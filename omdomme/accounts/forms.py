from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "language", "reminders_opt_out"]
        help_texts = {"language": _("Emails and pages use this language.")}
