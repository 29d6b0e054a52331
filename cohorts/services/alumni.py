"""Alumni access to the knowledge shared across cohorts: end it for one person, or give it back."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from omdomme.accounts.models import User

from .. import access
from ..activity import record
from ..models import AlumniAccessEnd


@transaction.atomic
def end_alumni_access(user: User, *, actor: User, reason: str = "") -> None:
    """Close the knowledge shared across cohorts to one person (their own cohort stays open)."""
    access.require_staff(actor)
    _end, created = AlumniAccessEnd.objects.get_or_create(user=user, defaults={"ended_by": actor, "reason": reason})
    if created:
        record(actor, "alumni.ended", _("Ended the alumni access of %(person)s") % {"person": user}, target=user)


@transaction.atomic
def restore_alumni_access(user: User, *, actor: User) -> None:
    access.require_staff(actor)
    if AlumniAccessEnd.objects.filter(user=user).delete()[0]:
        record(actor, "alumni.restored", _("Gave %(person)s alumni access again") % {"person": user}, target=user)
