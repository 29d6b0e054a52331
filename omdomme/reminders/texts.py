"""The standard opening paragraph of each reminder kind (staff may override it per cohort)."""

from django.utils.translation import gettext_lazy as _

from .models import ReminderKind

DEFAULT_INTROS = {
    ReminderKind.INVITATION_PENDING: _(
        "A week ago you were invited to join your organisation's team in "
        "Omdømmeskolen. The invitation has not been accepted yet."
    ),
    ReminderKind.HOMEWORK_DUE_7: _("Your team's homework is due within a week, and we have not received it yet."),
    ReminderKind.HOMEWORK_DUE_1: _("Your team's homework is due tomorrow, and we have not received it yet."),
    ReminderKind.HOMEWORK_OVERDUE: _(
        "The deadline for your team's homework has passed, and we have not "
        "received it yet. Please submit it as soon as you can."
    ),
    ReminderKind.REGISTRATION_DEADLINE: _(
        "Registration for the next gathering closes soon, and nobody from your organisation has registered yet."
    ),
    ReminderKind.GATHERING_SOON: _(
        "The next gathering is only a week away. Here is the practical information you need."
    ),
    ReminderKind.BOOKING_SOON: _("Your speed-advisory session is tomorrow. The calendar entry is attached."),
    ReminderKind.SURVEY_CLOSING: _(
        "The survey closes in three days and we have not received your answer yet. It takes only a few minutes."
    ),
}
